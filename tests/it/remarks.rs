//! Remarks and the pointer (issue 23): `c` records what was said about the
//! item on screen (発言要旨) in the open meeting, with who and when; it is
//! shown in the walkthrough, kept by later marks and by journals merged
//! from two clones, and written in the minutes beside 「現状どおり」. `Tab`
//! moves the presenter's pointer over the item's fields, marked with ▶.

use crate::common::{self, TestBoard};

use kensho::board::screen::Screen;
use kensho::domain::meeting::{load_meeting, meeting_file};
use kensho::domain::presence::Pointed;
use kensho::domain::records::load;
use kensho::i18n::Lang;

const NAME: &str = "2026-12 本部会議";

fn start(b: &mut TestBoard) {
    b.keys("M Ctrl-u");
    b.type_text(NAME);
    b.keys("Enter");
}

fn remarks_of(b: &TestBoard, item: &str) -> Vec<kensho::domain::meeting::Remark> {
    let report = load(b.path()).unwrap().report;
    let meeting = load_meeting(&meeting_file(b.path(), NAME), &report).unwrap();
    meeting.remarks_of(item).to_vec()
}

#[test]
fn a_remark_is_recorded_with_who_and_when_shown_kept_and_in_the_minutes() {
    let mut b = TestBoard::on_copy(Lang::Ja, 100, 30);
    start(&mut b);
    b.keys("c");
    b.type_text("委員から配置人数の根拠を示すよう意見あり");
    b.keys("Enter");
    let said = remarks_of(&b, "1-1-a");
    assert_eq!(said.len(), 1, "{said:?}");
    assert_eq!(said[0].text, "委員から配置人数の根拠を示すよう意見あり");
    assert!(
        !said[0].by.is_empty() && said[0].at.starts_with("20"),
        "{said:?}"
    );
    let screen = b.screen();
    assert!(
        screen.contains("▶ 発言要旨") && screen.contains("委員から配置人数の根拠"),
        "{screen}"
    );
    // A second remark, then the mark: both remarks are kept by it.
    b.keys("c");
    b.type_text("次回までに資料を用意");
    b.keys("Enter r");
    assert_eq!(remarks_of(&b, "1-1-a").len(), 2);
    let dir = b.path().to_str().unwrap().to_string();
    let (code, out, err) = common::kensho_in(b.path(), &["minutes", &dir, "--meeting", NAME]);
    assert_eq!(code, 0, "{err}");
    let summary = out.split("## 議事概要").nth(1).expect(&out);
    let item = summary.split("\n- ").nth(1).expect(&out);
    assert!(
        item.contains("（1-1-a）")
            && item.contains("  - 結果: 現状どおり")
            && item.contains("  - 発言要旨: 委員から配置人数の根拠を示すよう意見あり（")
            && item.contains("  - 発言要旨: 次回までに資料を用意（"),
        "{out}"
    );
}

#[test]
fn a_remark_with_nowhere_to_go_says_why() {
    let mut b = TestBoard::on_copy(Lang::Ja, 100, 30);
    b.keys("c");
    assert!(
        b.message().contains("会議が開かれていません"),
        "{}",
        b.message()
    );
    start(&mut b);
    b.keys("c Enter");
    assert!(
        b.message().contains("空のため記録しませんでした"),
        "{}",
        b.message()
    );
    assert!(remarks_of(&b, "1-1-a").is_empty());
    let dir = b.path().to_str().unwrap().to_string();
    let (code, _, err) =
        common::kensho_in(b.path(), &["minutes", &dir, "--meeting", NAME, "--close"]);
    assert_eq!(code, 0, "{err}");
    // The board learns of the close when it reads the meeting again.
    let mut again = TestBoard::on_dir(b.path(), Lang::Ja, 100, 30);
    start(&mut again);
    again.keys("c");
    assert!(
        again.message().contains("終了しています"),
        "{}",
        again.message()
    );
}

#[test]
fn remarks_made_in_two_clones_are_both_kept_when_their_journals_merge() {
    let mut b = TestBoard::on_copy(Lang::Ja, 100, 30);
    start(&mut b);
    b.keys("c");
    b.type_text("一つ目");
    b.keys("Enter");
    let journal = kensho::domain::meeting::marks::marks_file(&meeting_file(b.path(), NAME));
    let mine = std::fs::read_to_string(&journal).unwrap();
    // The other clone's line: the same entry with a remark of its own, as
    // git's union merge puts it after this clone's lines.
    let theirs = mine.replace("一つ目", "二つ目");
    std::fs::write(&journal, format!("{mine}{theirs}")).unwrap();
    let texts: Vec<String> = remarks_of(&b, "1-1-a")
        .into_iter()
        .map(|r| r.text)
        .collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts.contains(&"一つ目".to_string()) && texts.contains(&"二つ目".to_string()));
}

fn pointer(b: &TestBoard) -> Option<Pointed> {
    match b.app().top() {
        Screen::Walkthrough(w) => w.pointer,
        other => panic!("not the walkthrough: {:?}", other.kind()),
    }
}

#[test]
fn the_pointer_visits_each_field_marked_and_leaves_with_the_item() {
    for (w, h) in [(80, 24), (140, 40)] {
        let mut b = TestBoard::on_copy(Lang::Ja, w, h);
        start(&mut b);
        let titles = [
            "具体的な取組内容",
            "実施状況",
            "自己評価",
            "実施区分",
            "評価区分",
            "担当部",
            "発言要旨",
        ];
        for (n, title) in titles.iter().enumerate() {
            b.keys("Tab");
            assert_eq!(pointer(&b), Some(Pointed::ALL[n]));
            let screen = b.screen();
            let marked: Vec<&str> = screen.lines().filter(|l| l.contains('▶')).collect();
            assert_eq!(marked.len(), 1, "{w}x{h} one field marked:\n{screen}");
            assert!(
                marked[0].contains(&format!("▶ {title}")),
                "{w}x{h}:\n{screen}"
            );
        }
        b.keys("Tab");
        assert_eq!(pointer(&b), None, "past the last field: none");
        assert!(!b.screen().contains('▶'));
        b.keys("BackTab");
        assert_eq!(pointer(&b), Some(Pointed::Remarks));
        b.keys("Space");
        assert_eq!(pointer(&b), None, "the next item starts unpointed");
    }
    // Without a meeting there are no remarks to point at.
    let mut b = TestBoard::on_copy(Lang::Ja, 100, 30);
    b.keys("p BackTab");
    assert_eq!(pointer(&b), Some(Pointed::Departments));
}
