//! Screen tests: the board drawn into a TestBackend, as a user would see it,
//! driven through the same runtime as the terminal loop.

use crate::common;

use common::{TestBoard, screen_text};
use kensho::board::action::Action;
use kensho::i18n::Lang;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn app(lang: Lang, w: u16, h: u16) -> TestBoard {
    TestBoard::bundled(lang, w, h)
}

fn screen(buf: &Buffer) -> String {
    screen_text(buf)
}

#[test]
fn outline_80x24_ja() {
    let a = app(Lang::Ja, 80, 24);
    insta::assert_snapshot!(a.screen());
}

#[test]
fn outline_80x24_en() {
    let a = app(Lang::En, 80, 24);
    insta::assert_snapshot!(a.screen());
}

#[test]
fn detail_80x24_ja() {
    let mut a = app(Lang::Ja, 80, 24);
    a.jump("4-2-a");
    a.keys("Enter");
    insta::assert_snapshot!(a.screen());
}

#[test]
fn help_80x24_en() {
    let mut a = app(Lang::En, 80, 24);
    a.keys("?");
    insta::assert_snapshot!(a.screen());
}

#[test]
fn help_80x24_ja() {
    let mut a = app(Lang::Ja, 80, 24);
    a.keys("?");
    insta::assert_snapshot!(a.screen());
}

#[test]
fn board_160x48_ja() {
    let mut a = app(Lang::Ja, 160, 48);
    a.jump("1-5-b");
    insta::assert_snapshot!(a.screen());
}

#[test]
fn board_160x48_en() {
    let mut a = app(Lang::En, 160, 48);
    a.jump("3-4-c");
    insta::assert_snapshot!(a.screen());
}

#[test]
fn a_point_shows_its_policy_and_assessment() {
    let mut a = app(Lang::Ja, 160, 48);
    a.keys("h"); // from the first item to its point
    let s = a.screen();
    assert!(s.contains("取組方針 ア"));
    assert!(s.contains("取組方針に対する自己評価"));
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect()
}

#[test]
fn long_japanese_texts_appear_entire_in_the_detail_pane() {
    let mut a = app(Lang::Ja, 160, 48);
    a.jump("1-5-b");
    let r = a.app().board().selected_item().unwrap();
    let texts = [
        r.item.progress.clone(),
        r.item.assessment.clone(),
        r.measure.text.clone().unwrap(),
        r.point.policy.assessment.clone(),
    ];
    // The detail pane is the right-hand part of the screen.
    let buf = a.draw();
    let detail_x = (0..buf.area.width)
        .rev()
        .find(|&x| buf[(x, 1)].symbol() == "┌")
        .unwrap();
    let mut pane = String::new();
    for y in 0..buf.area.height {
        for x in detail_x..buf.area.width {
            pane.push_str(buf[(x, y)].symbol());
        }
    }
    let pane = squash(&pane);
    for t in texts {
        assert!(pane.contains(&squash(&t)), "missing: {t}");
    }
}

#[test]
fn on_a_narrow_screen_every_word_can_be_read_by_scrolling() {
    let mut a = app(Lang::Ja, 80, 24);
    a.jump("3-4-c");
    a.keys("Enter");
    let r = a.app().board().selected_item().unwrap();
    let wanted = [r.item.note.clone().unwrap().ja, r.item.assessment.clone()];
    let mut seen = String::new();
    for _ in 0..40 {
        let buf = a.draw();
        for y in 2..buf.area.height - 2 {
            let mut line = String::new();
            for x in 0..buf.area.width {
                line.push_str(buf[(x, y)].symbol());
            }
            seen.push_str(&line);
        }
        a.keys("j");
    }
    let seen = squash(&seen);
    for t in wanted {
        let words: Vec<&str> = t.split_whitespace().collect();
        for w in words {
            assert!(seen.contains(w), "never shown: {w}");
        }
    }
}

#[test]
fn badges_and_selection_carry_their_colours() {
    let a = app(Lang::Ja, 80, 24);
    let buf = a.draw();
    // Row 4 is the first item (1-1-a, phase A, direction I), selected.
    let row: Vec<_> = (0..80).map(|x| buf[(x, 4)].clone()).collect();
    // Black on light green, white on magenta (the dark theme's, readable in
    // xterm, PuTTY and Tera Term).
    assert!(
        row.iter()
            .any(|c| c.symbol() == "A" && c.fg == Color::Black && c.bg == Color::LightGreen),
        "phase A is green"
    );
    assert!(
        row.iter()
            .any(|c| c.symbol() == "I" && c.fg == Color::White && c.bg == Color::Magenta),
        "direction I is magenta"
    );
    assert!(
        row[5].modifier.contains(Modifier::REVERSED),
        "the selected row is reversed"
    );
    let row5: Vec<_> = (0..80).map(|x| buf[(x, 5)].clone()).collect();
    assert!(!row5[5].modifier.contains(Modifier::REVERSED));
}

#[test]
fn no_color_draws_without_colours_and_ascii_without_box_drawing() {
    let records = kensho::domain::records::load(&common::records_dir()).unwrap();
    let options = kensho::board::state::Options {
        lang: Lang::En,
        ascii: true,
        color: kensho::board::state::ColorMode::None,
        ..Default::default()
    };
    let app = kensho::board::app::App::new(records, options).unwrap();
    let a = TestBoard::with(app, None, 120, 30);
    let buf = a.draw();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            assert!(
                c.bg == Color::Reset && c.fg == Color::Reset,
                "colour at {x},{y}"
            );
        }
    }
    let s = screen(&buf);
    assert!(
        !s.contains('┌') && !s.contains('│') && !s.contains('▾') && !s.contains('…'),
        "{s}"
    );
    assert!(s.contains("+-"));
}

#[test]
fn every_size_from_1x1_to_40x15_draws_without_panic() {
    let mut a = app(Lang::Ja, 80, 24);
    for w in 1..=40 {
        for h in 1..=15 {
            a.act(Action::Resize(w, h));
            let buf = a.draw();
            let small = w < kensho::board::state::MIN_WIDTH || h < kensho::board::state::MIN_HEIGHT;
            if small && w >= 20 && h >= 3 {
                assert!(
                    squash(&screen(&buf)).contains("画面が小さすぎます"),
                    "{w}x{h}"
                );
            }
        }
    }
}

#[test]
fn a_burst_of_resizes_never_panics() {
    let mut a = app(Lang::Ja, 80, 24);
    a.jump("6-2-b3");
    a.keys("Enter");
    for (i, (w, h)) in [
        (200, 60),
        (1, 1),
        (39, 9),
        (100, 30),
        (41, 10),
        (3, 200),
        (80, 24),
    ]
    .into_iter()
    .cycle()
    .take(50)
    .enumerate()
    {
        a.act(Action::Resize(w, h));
        if i % 3 == 0 {
            a.keys("j");
        }
        a.draw();
    }
}

#[test]
fn search_results_80x24_ja() {
    let mut a = app(Lang::Ja, 80, 24);
    a.keys("/");
    a.type_text("警察");
    insta::assert_snapshot!(a.screen());
}

/// A board in meeting "2026-11 本部会議" on a copy of the records, with the
/// agenda of phases C and D; 1-1-d changed from D to C with a reason and
/// reviewed, the walkthrough on 1-1-e.
fn in_meeting(lang: Lang, w: u16, h: u16) -> TestBoard {
    let mut b = TestBoard::on_copy(lang, w, h);
    b.keys("f j j Space j Space Esc M");
    b.type_text("2026-11 本部会議");
    b.keys("Enter");
    assert!(matches!(
        b.app().top(),
        kensho::board::screen::Screen::Walkthrough(_)
    ));
    b.keys("C m");
    b.type_text("本部会議で速やかに検討と決定");
    b.keys("Enter r");
    b
}

/// The screen without the date and time, which change from run to run.
fn steady(s: String) -> String {
    s
}

#[test]
fn walkthrough_80x24_ja() {
    let b = in_meeting(Lang::Ja, 80, 24);
    insta::assert_snapshot!(steady(b.screen()));
}

#[test]
fn walkthrough_80x24_en() {
    let b = in_meeting(Lang::En, 80, 24);
    insta::assert_snapshot!(steady(b.screen()));
}

#[test]
fn walkthrough_160x48_ja() {
    let mut b = in_meeting(Lang::Ja, 160, 48);
    b.keys("Left");
    insta::assert_snapshot!(steady(b.screen()));
}

#[test]
fn walkthrough_160x48_en() {
    let mut b = in_meeting(Lang::En, 160, 48);
    b.keys("Left");
    insta::assert_snapshot!(steady(b.screen()));
}

#[test]
fn overview_80x24_ja() {
    let mut b = in_meeting(Lang::Ja, 80, 24);
    b.keys("o");
    insta::assert_snapshot!(b.screen());
}

#[test]
fn overview_80x24_en() {
    let mut b = in_meeting(Lang::En, 80, 24);
    b.keys("o");
    insta::assert_snapshot!(b.screen());
}

#[test]
fn overview_160x48_ja() {
    let mut b = in_meeting(Lang::Ja, 160, 48);
    b.keys("o");
    insta::assert_snapshot!(b.screen());
}

#[test]
fn overview_160x48_en() {
    let mut b = in_meeting(Lang::En, 160, 48);
    b.keys("o");
    insta::assert_snapshot!(b.screen());
}

#[test]
fn the_walkthrough_draws_at_every_size_from_1x1_to_240x67() {
    let mut b = in_meeting(Lang::Ja, 80, 24);
    for (w, h) in [
        (1, 1),
        (39, 9),
        (40, 10),
        (60, 20),
        (79, 23),
        (80, 24),
        (100, 30),
        (120, 40),
        (160, 48),
        (200, 60),
        (240, 67),
    ] {
        b.act(Action::Resize(w, h));
        let s = b.screen();
        if w >= 80 {
            assert!(s.contains("1-1-e") && s.contains("2 / 3"), "{w}x{h}:\n{s}");
        }
    }
}

/// The board in `theme` at 80x24, on an item, with the detail open.
fn themed(theme: kensho::board::theme::ThemeName, lang: Lang) -> TestBoard {
    let records = kensho::domain::records::load(&common::records_dir()).unwrap();
    let options = kensho::board::state::Options {
        lang,
        theme,
        ..Default::default()
    };
    let app = kensho::board::app::App::new(records, options).unwrap();
    let mut a = TestBoard::with(app, None, 80, 24);
    a.jump("3-4-d");
    a
}

#[test]
fn theme_dark_80x24() {
    let a = themed(kensho::board::theme::ThemeName::Dark, Lang::Ja);
    insta::assert_snapshot!(common::styled_text(&a.draw()));
}

#[test]
fn theme_light_80x24() {
    let a = themed(kensho::board::theme::ThemeName::Light, Lang::Ja);
    insta::assert_snapshot!(common::styled_text(&a.draw()));
}

#[test]
fn theme_high_contrast_80x24() {
    let a = themed(kensho::board::theme::ThemeName::HighContrast, Lang::Ja);
    insta::assert_snapshot!(common::styled_text(&a.draw()));
}

#[test]
fn theme_high_contrast_walkthrough_80x24() {
    let mut a = themed(kensho::board::theme::ThemeName::HighContrast, Lang::Ja);
    a.keys("p");
    insta::assert_snapshot!(common::styled_text(&a.draw()));
}

/// The walkthrough's large codes are large badges (the letter on the code's
/// colour) and its bar has a background of its own: both read whatever the
/// terminal's background (white in xterm, black in PuTTY and Tera Term).
#[test]
fn the_walkthroughs_large_codes_and_bar_bring_their_own_background() {
    use kensho::board::theme::ThemeName;
    for theme in ThemeName::ALL {
        let records = kensho::domain::records::load(&common::records_dir()).unwrap();
        let options = kensho::board::state::Options {
            lang: Lang::Ja,
            theme,
            ..Default::default()
        };
        let app = kensho::board::app::App::new(records, options).unwrap();
        let mut a = TestBoard::with(app, None, 160, 48);
        a.jump("3-4-d");
        a.keys("p");
        let buf = a.draw();
        let t = theme.theme();
        let pairs: Vec<_> = t.phase.iter().chain(&t.direction).collect();
        let large = buf
            .content()
            .iter()
            .filter(|c| pairs.iter().any(|b| c.fg == b.fg && c.bg == b.bg))
            .count();
        // Two codes of 8 columns by 4 rows at least; a small badge is 3 cells.
        assert!(
            large >= 2 * 8 * 4,
            "{theme:?}: {large} cells in a badge's colours"
        );
        let bar: Vec<_> = buf
            .content()
            .iter()
            .filter(|c| c.symbol() == "█" || c.symbol() == "░")
            .filter(|c| !pairs.iter().any(|b| c.bg == b.bg))
            .collect();
        assert!(!bar.is_empty(), "{theme:?}: the agenda's bar is drawn");
        assert!(
            bar.iter().all(|c| Some(c.bg) == t.bar.bg),
            "{theme:?}: the bar on {:?}",
            t.bar.bg
        );
    }
}

#[test]
fn every_theme_keeps_the_codes_in_text_and_no_color_removes_every_colour() {
    use kensho::board::theme::ThemeName;
    let texts: Vec<String> = ThemeName::ALL
        .iter()
        .map(|&t| themed(t, Lang::Ja).screen())
        .collect();
    // The same words whatever the colours: the codes are in the text.
    assert!(texts.iter().all(|t| *t == texts[0]));
    assert!(texts[0].contains(" C "), "{}", texts[0]);
    let styled: Vec<String> = ThemeName::ALL
        .iter()
        .map(|&t| common::styled_text(&themed(t, Lang::Ja).draw()))
        .collect();
    assert_ne!(styled[0], styled[1]);
    assert_ne!(styled[0], styled[2]);
    assert_ne!(styled[1], styled[2]);
    for theme in ThemeName::ALL {
        let records = kensho::domain::records::load(&common::records_dir()).unwrap();
        let options = kensho::board::state::Options {
            lang: Lang::Ja,
            theme,
            color: kensho::board::state::ColorMode::None,
            ..Default::default()
        };
        let app = kensho::board::app::App::new(records, options).unwrap();
        let mut a = TestBoard::with(app, None, 80, 24);
        a.jump("3-4-d");
        for keys in ["", "p", "Esc o"] {
            a.keys(keys);
            let buf = a.draw();
            for cell in buf.content() {
                assert_eq!(cell.fg, Color::Reset, "{theme:?} {keys}");
                assert_eq!(cell.bg, Color::Reset, "{theme:?} {keys}");
            }
        }
    }
}

#[test]
fn an_id_longer_than_its_column_ends_in_an_ellipsis() {
    let tmp = common::copy_records();
    let file = tmp.path().join("recommendation-1.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen("id: \"1-1-a\"", "id: \"1-1-abcdef\"", 1),
    )
    .unwrap();
    let b = common::TestBoard::on_dir(tmp.path(), kensho::i18n::Lang::Ja, 80, 24);
    let screen = b.screen();
    assert!(screen.contains("1-1-ab…"), "{screen}");
}
