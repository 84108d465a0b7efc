//! The board's chrome: the footer's hints and the help's explanations.

use crate::common::TestBoard;
use kensho::i18n::Lang;

fn app(lang: Lang, w: u16, h: u16) -> TestBoard {
    TestBoard::bundled(lang, w, h)
}
#[test]
fn at_80_columns_the_footer_keeps_help_and_quit_when_a_search_adds_its_keys() {
    for lang in [Lang::Ja, Lang::En] {
        let mut b = app(lang, 80, 24);
        let quiet = b.screen();
        b.keys("/ 警 察 Enter");
        let screen = b.screen();
        let footer = screen.lines().last().unwrap_or_default();
        assert!(footer.contains("n/N"), "{lang:?}: {footer}");
        let quit = if lang == Lang::Ja {
            "q 終了"
        } else {
            "q quit"
        };
        assert!(footer.contains(quit), "{lang:?}: {footer}");
        assert!(footer.contains('?'), "{lang:?}: {footer}");
        assert!(quiet.lines().last().unwrap_or_default().contains(quit));
    }
}

#[test]
fn the_help_explains_the_marks_of_the_outline() {
    for (lang, words) in [
        (
            Lang::Ja,
            [
                "一覧の記号",
                "この画面から変更した項目",
                "【再掲】ほかの箇所",
            ],
        ),
        (
            Lang::En,
            [
                "Marks in the outline",
                "changed from this board",
                "relisted",
            ],
        ),
    ] {
        let mut b = app(lang, 100, 60);
        b.keys("?");
        let mut seen = b.screen();
        for _ in 0..6 {
            b.keys("PgDn");
            seen.push_str(&b.screen());
        }
        for w in words {
            assert!(seen.contains(w), "{lang:?} {w}: {seen}");
        }
    }
}

#[test]
fn the_notes_on_how_the_source_was_read_stay_off_the_projector() {
    // 1-4-c carries such a note.
    let mut b = TestBoard::on_copy(Lang::Ja, 160, 48);
    b.jump("1-4-c");
    assert!(b.screen().contains("注記"), "{}", b.screen());
    b.keys("M");
    b.type_text("2026-12 本部会議");
    b.keys("Enter Esc");
    b.jump("1-4-c");
    let shown = b.screen();
    assert!(
        shown.contains("1-4-c") && !shown.contains("注記"),
        "{shown}"
    );
}
