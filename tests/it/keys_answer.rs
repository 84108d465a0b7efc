//! Every key answers (issue 23): a key that means nothing on a screen says
//! so in the footer, a refused one says why; a follower's footer shows only
//! the keys that work for it.

use crate::common::TestBoard;

use kensho::board::screen::ScreenKind;
use kensho::i18n::Lang;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Every printable ASCII key and a few named ones that `kind`'s table
/// (and the global keys) leave unbound.
fn unbound(b: &TestBoard, kind: ScreenKind) -> Vec<String> {
    let keymap = b.app().keymap();
    let named = ["F5", "Insert", "Delete", "Ctrl-x", "Ctrl-t"];
    let chars = (b'!'..=b'~').map(|c| (c as char).to_string());
    chars
        .chain(named.iter().map(|s| s.to_string()))
        .filter(|k| {
            let key = kensho::board::keys::Key::parse(k).unwrap();
            let mut modifiers = key.modifiers;
            if matches!(key.code, KeyCode::Char(c) if c.is_ascii_uppercase()) {
                modifiers |= KeyModifiers::SHIFT;
            }
            keymap
                .command(kind, &KeyEvent::new(key.code, modifiers))
                .is_none()
        })
        .collect()
}

fn each_unbound_key_is_answered(b: &mut TestBoard, kind: ScreenKind, said: &str) {
    assert_eq!(b.app().top().kind(), kind);
    let keys = unbound(b, kind);
    assert!(keys.len() > 10, "{keys:?}");
    for k in keys {
        b.keys(&k);
        assert_eq!(b.app().top().kind(), kind, "{k} left the screen");
        let m = b.message();
        assert!(m.contains(said), "{}: {k} answered {m:?}", kind.name());
    }
}

#[test]
fn a_key_that_means_nothing_says_so_on_every_main_screen() {
    let mut b = TestBoard::on_copy(Lang::Ja, 100, 30);
    each_unbound_key_is_answered(&mut b, ScreenKind::Browse, "この画面では使えません");
    b.keys("o");
    each_unbound_key_is_answered(&mut b, ScreenKind::Overview, "この画面では使えません");
    b.keys("Esc M Ctrl-u");
    b.type_text("2026-12 本部会議");
    b.keys("Enter");
    each_unbound_key_is_answered(&mut b, ScreenKind::Walkthrough, "この画面では使えません");
    let mut b = TestBoard::on_copy(Lang::En, 100, 30);
    b.keys("F5");
    assert_eq!(b.message(), "F5 does nothing here (? lists the keys)");
}

#[test]
fn refused_keys_say_why() {
    let mut b = TestBoard::on_copy(Lang::Ja, 100, 30);
    // r on the board goes to a relisted item's original; on another item it says so.
    b.jump("1-1-a");
    b.keys("r");
    assert!(
        b.message().contains("この項目は再掲ではありません"),
        "{}",
        b.message()
    );
    // r in the walkthrough of a closed meeting says it is closed.
    b.keys("M Ctrl-u");
    b.type_text("2026-12 本部会議");
    b.keys("Enter");
    let dir = b.path().to_path_buf();
    let report = kensho::domain::records::load(&dir).unwrap().report;
    let at = ("2026-12-04T11:00:00+09:00", "事務局");
    let close = kensho::store::meeting::MeetingChange::Close;
    kensho::store::meeting::change_meeting(&dir, &report, "2026-12 本部会議", &close, at, None)
        .unwrap();
    // The board sees the close at its next look at the files.
    for _ in 0..50 {
        b.act(kensho::board::action::Action::Tick(
            std::time::Instant::now(),
        ));
        b.settle();
        if b.app()
            .board()
            .room()
            .state()
            .is_some_and(|s| s.meeting.closed.is_some())
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    b.keys("r");
    assert!(
        b.message()
            .contains("会議「2026-12 本部会議」は終了しています"),
        "{}",
        b.message()
    );
}
