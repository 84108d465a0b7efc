//! The overview never draws a code other than its segment's (issue 23): at
//! every width from 40 to 240 columns, in every theme, each run of a
//! segment's colour holds its own code or nothing, and the segment under
//! the cursor stands out by more than colour.

use crate::common::{self, TestBoard};

use kensho::board::app::App;
use kensho::board::theme::{Badge, ThemeName};
use kensho::i18n::Lang;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn overview(theme: ThemeName, w: u16) -> TestBoard {
    let records = kensho::domain::records::load(&common::records_dir()).unwrap();
    let options = kensho::board::state::Options {
        theme,
        ..common::options(Lang::Ja)
    };
    let mut b = TestBoard::with(App::new(records, options).unwrap(), None, w, 40);
    b.keys("o");
    b
}

/// The runs of cells on row `y` whose background is one of `palette`'s:
/// (code index, text, every cell underlined).
fn runs(buf: &Buffer, y: u16, palette: &[Color]) -> Vec<(usize, String, bool)> {
    let mut out: Vec<(usize, String, bool)> = Vec::new();
    let mut last: Option<Color> = None;
    for x in 0..buf.area.width {
        let cell = &buf[(x, y)];
        let Some(i) = palette.iter().position(|c| *c == cell.bg) else {
            last = None;
            continue;
        };
        let under = cell.modifier.contains(Modifier::UNDERLINED);
        match out.last_mut() {
            Some((_, text, u)) if last == Some(cell.bg) => {
                text.push_str(cell.symbol());
                *u &= under;
            }
            _ => out.push((i, cell.symbol().to_string(), under)),
        }
        last = Some(cell.bg);
    }
    out
}

#[test]
fn no_width_and_no_theme_draws_a_code_other_than_its_segments() {
    for theme in ThemeName::ALL {
        for w in 40..=240u16 {
            let mut b = overview(theme, w);
            // The cursor on the direction of 提言1, whose one III item is the
            // narrowest segment.
            b.keys("Down Down Down Down Down Down Down Down Right Right");
            let buf = b.draw();
            let board = b.app().board();
            let t = board.theme();
            let report = &board.records().report;
            let colours = |badges: &[Badge]| badges.iter().map(|b| b.bg).collect::<Vec<_>>();
            let mut palette = colours(&t.phase);
            let mut codes = &report.phase_scale.codes;
            let mut underlined = 0;
            for y in 0..buf.area.height {
                let row = common::row_text(&buf, y);
                if row.contains(report.direction_scale.name.as_str()) {
                    palette = colours(&t.direction);
                    codes = &report.direction_scale.codes;
                }
                for (i, text, under) in runs(&buf, y, &palette) {
                    let label = text.trim_matches(|c| c == '[' || c == ']' || c == ' ');
                    assert!(
                        label.is_empty() || label == codes[i].code,
                        "{theme:?} at {w} columns, row {y}: {text:?} on the colour of {}\n{row}",
                        codes[i].code
                    );
                    if under {
                        underlined += 1;
                    }
                }
            }
            assert_eq!(underlined, 1, "{theme:?} at {w}: one segment selected");
        }
    }
}
