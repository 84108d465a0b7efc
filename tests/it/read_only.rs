//! Everyday use without surprises (issue 26): a board opened read-only
//! changes no byte of any file whatever key is pressed, and says why; a
//! board set to ask confirms a code's key before it saves.

use crate::common::{self, TestBoard};

use kensho::board::app::App;
use kensho::board::state::Options;
use kensho::domain::records::load;
use kensho::i18n::Lang;

fn board(options: Options) -> TestBoard {
    let tmp = common::copy_records();
    let records = load(tmp.path()).unwrap();
    let app = App::new(records, options).unwrap();
    TestBoard::with(app, Some(tmp), 100, 30)
}

#[test]
fn a_read_only_board_changes_no_byte_and_says_why() {
    let mut b = board(Options {
        read_only: true,
        ..common::options(Lang::Ja)
    });
    let before = common::snapshot(b.path());
    assert!(b.screen().contains("読み取り専用"), "{}", b.screen());
    for keys in [
        "D", "2", "s", "e", "m", "c", "u", "Ctrl-r", "M", "w", "W", "p r", "Esc",
    ] {
        b.keys(keys);
        if keys != "Esc" {
            assert!(
                b.message()
                    .contains("読み取り専用で開いているため変更できません"),
                "{keys}: {}",
                b.message()
            );
        }
    }
    assert_eq!(common::snapshot(b.path()), before, "no byte changed");
    // The footer offers no key that changes data.
    let footer = b.screen().lines().last().unwrap_or_default().to_string();
    assert!(!footer.contains("s 区分"), "{footer}");
}

#[test]
fn a_board_set_to_ask_confirms_a_codes_key_before_it_saves() {
    let mut b = board(Options {
        confirm_edits: true,
        ..common::options(Lang::Ja)
    });
    let phase = |b: &TestBoard| {
        load(b.path())
            .unwrap()
            .report
            .item("1-1-a")
            .unwrap()
            .item
            .phase
            .0
            .clone()
    };
    b.keys("Enter Enter");
    assert_eq!(b.selected(), "1-1-a");
    b.keys("D");
    assert!(
        b.screen()
            .contains("1-1-a 実施区分 A → D に変更しますか (y/n)"),
        "{}",
        b.screen()
    );
    b.keys("n");
    assert!(
        b.message().contains("変更しませんでした"),
        "{}",
        b.message()
    );
    assert_eq!(phase(&b), "A");
    b.keys("D y");
    assert_eq!(phase(&b), "D");
}
