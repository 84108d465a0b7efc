//! The board compared with an earlier table (issue 29), driven through the
//! runtime the terminal loop runs: `=` shows only the items changed since
//! the earlier table and all again, or says how to compare; the walkthrough
//! shows 旧 under a changed code as under a changed text, at 80x24 and on a
//! projector; a follower applies the presenter's filter only with a
//! comparison of its own.

use crate::common::{self, TestBoard};

use kensho::board::app::App;
use kensho::domain::compare::{Earlier, IdMap, Side, compare};
use kensho::domain::model::{Direction, Phase};
use kensho::domain::records::load;
use kensho::i18n::{CompareMsg, Lang, Msg};
use kensho::store::write_records;

/// The items changed in [`changed_copy`].
pub const CHANGED: [&str; 2] = ["1-1-b", "1-2-a"];

/// A copy of the records with 1-1-b's phase (A → C) and progress (「令和7年度も」
/// put before it) and 1-2-a's direction (I → II) changed, and the comparison
/// of it with the bundled records.
pub fn changed_copy() -> (tempfile::TempDir, Earlier) {
    let dir = common::copy_records();
    let mut records = load(dir.path()).unwrap();
    let item = records.report.item_mut("1-1-b").unwrap();
    assert_eq!(item.phase.0, "A");
    item.phase = Phase("C".into());
    item.progress = format!("令和7年度も{}", item.progress);
    let item = records.report.item_mut("1-2-a").unwrap();
    assert_eq!(item.direction.0, "I");
    item.direction = Direction("II".into());
    write_records(&records).unwrap();
    let base = load(&common::records_dir()).unwrap();
    let now = load(dir.path()).unwrap();
    let c = compare(
        &Side::of(&base.report),
        &Side::of(&now.report),
        &IdMap::default(),
    );
    (dir, Earlier::of(&c, "HEAD~1"))
}

/// A board on `dir` that compares as `earlier` says.
pub fn comparing(
    dir: &std::path::Path,
    earlier: Option<Earlier>,
    lang: Lang,
    w: u16,
    h: u16,
) -> TestBoard {
    let records = load(dir).unwrap();
    let app = App::new(records, common::options(lang))
        .unwrap()
        .with_earlier(earlier);
    TestBoard::with(app, None, w, h)
}

#[test]
fn equals_shows_only_the_items_changed_since_the_earlier_table_and_all_again() {
    let (dir, earlier) = changed_copy();
    let mut b = comparing(dir.path(), Some(earlier), Lang::Ja, 80, 24);
    assert_eq!(b.shown_ids().len(), 88);
    // Its footer offers the key while the board compares.
    let footer = b.screen().lines().last().unwrap().to_string();
    assert!(footer.contains("= 比較"), "{footer}");
    b.keys("=");
    assert_eq!(b.shown_ids(), CHANGED);
    let screen = b.screen();
    assert!(screen.contains("前回から変更した項目"), "{screen}");
    // Then the header says it, and the footer's room goes to p (walk them).
    let footer = screen.lines().last().unwrap();
    assert!(
        footer.contains("p 進行") && !footer.contains("= 比較"),
        "{footer}"
    );
    assert!(
        screen.contains("~ 1-1-b") && screen.contains("~ 1-2-a"),
        "{screen}"
    );
    // The filter panel shows it on.
    b.keys("f");
    assert!(
        b.screen().contains("[x] 前回から変更した項目"),
        "{}",
        b.screen()
    );
    b.keys("Esc =");
    assert_eq!(b.shown_ids().len(), 88);
    assert!(!b.screen().lines().next().unwrap().contains("前回から"));
}

#[test]
fn equals_on_a_board_that_compares_with_nothing_says_how_to_compare() {
    for (lang, words) in [
        (Lang::Ja, "比較するには --compare BASE で開いてください"),
        (Lang::En, "to compare, open the board with --compare BASE"),
    ] {
        let mut b = TestBoard::bundled(lang, 80, 24);
        let footer = b.screen().lines().last().unwrap().to_string();
        assert!(
            !footer.contains("= "),
            "no hint without a comparison: {footer}"
        );
        b.keys("=");
        assert_eq!(b.shown_ids().len(), 88, "nothing narrowed");
        assert!(b.message().starts_with(words), "{}", b.message());
        assert_eq!(b.message(), Msg::CompareNotOpen.text(lang));
        let screen = b.screen();
        assert!(screen.contains("--compare BASE"), "{screen}");
    }
}

#[test]
fn equals_when_nothing_changed_says_so_and_keeps_the_list() {
    let base = load(&common::records_dir()).unwrap();
    let c = compare(
        &Side::of(&base.report),
        &Side::of(&base.report),
        &IdMap::default(),
    );
    let mut b = comparing(
        &common::records_dir(),
        Some(Earlier::of(&c, "HEAD")),
        Lang::En,
        80,
        24,
    );
    b.keys("=");
    assert_eq!(b.shown_ids().len(), 88, "not an empty list");
    assert_eq!(b.message(), CompareMsg::NothingChanged.text(Lang::En));
}

#[test]
fn help_lists_the_key_and_the_mark_in_both_languages() {
    for (lang, key, mark) in [
        (
            Lang::Ja,
            "前回から変更した項目だけを表示",
            "前回から変更・追加した項目",
        ),
        (
            Lang::En,
            "only the items changed since the earlier table",
            "changed or added since",
        ),
    ] {
        let mut b = TestBoard::bundled(lang, 100, 60);
        b.keys("?");
        let mut seen = String::new();
        for _ in 0..6 {
            seen.push_str(&b.screen());
            b.keys("PgDn");
        }
        let line = seen
            .lines()
            .find(|l| l.contains(key))
            .unwrap_or_else(|| panic!("{lang:?}: no line for = in\n{seen}"));
        assert!(line.contains("│=  ") || line.contains(" = "), "{line}");
        assert!(
            seen.lines().any(|l| l.contains('~') && l.contains(mark)),
            "{seen}"
        );
    }
}

#[test]
fn walkthrough_compared_80x24_ja() {
    let (dir, earlier) = changed_copy();
    let mut b = comparing(dir.path(), Some(earlier), Lang::Ja, 80, 24);
    b.keys("= p");
    let screen = b.screen();
    assert!(screen.contains("旧: A 既に取り組んでいる項目"), "{screen}");
    assert!(screen.contains("旧: 令和2年4月から"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn walkthrough_compared_160x48_ja() {
    let (dir, earlier) = changed_copy();
    let mut b = comparing(dir.path(), Some(earlier), Lang::Ja, 160, 48);
    b.keys("= p");
    let screen = b.screen();
    // 旧 under the large phase, on the right, as under the progress.
    let old_code = screen
        .lines()
        .find(|l| l.contains("旧: A 既に取り組んでいる項目"))
        .unwrap_or_else(|| panic!("{screen}"));
    let column =
        unicode_width::UnicodeWidthStr::width(&old_code[..old_code.find("旧: A").unwrap()]);
    assert!(column > 90, "{old_code}");
    assert!(screen.contains("旧: 令和2年4月から"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn walkthrough_compared_160x48_en() {
    let (dir, earlier) = changed_copy();
    let mut b = comparing(dir.path(), Some(earlier), Lang::En, 160, 48);
    b.keys("= p Space");
    let screen = b.screen();
    assert!(screen.contains("1-2-a"), "{screen}");
    assert!(
        screen.contains("was: I 更なる取組の推進を図る項目"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn a_code_not_changed_has_no_old_line_in_the_walkthrough() {
    let (dir, earlier) = changed_copy();
    for (w, h) in [(80, 24), (160, 48)] {
        let mut b = comparing(dir.path(), Some(earlier.clone()), Lang::Ja, w, h);
        b.jump("1-1-a");
        b.keys("p");
        assert!(!b.screen().contains("旧:"), "{w}x{h}: {}", b.screen());
    }
}
