use ratatui::style::{Color, Modifier};

use super::*;
use crate::board::theme::{Theme, ThemeName};

const XTERM: usize = 0;
const PUTTY: usize = 1;
const TERA_TERM: usize = 2;

fn close(got: f64, want: f64) {
    assert!((got - want).abs() < 0.01, "{got:.3} is not {want}");
}

#[test]
fn contrast_is_wcag_2s() {
    let white = hex(0xffffff);
    close(contrast(hex(0x000000), white), 21.0);
    close(contrast(white, hex(0x000000)), 21.0);
    close(contrast(hex(0x777777), hex(0x777777)), 1.0);
    // WebAIM's checker: #767676 on white passes at 4.54:1, #777777 fails at 4.48:1.
    close(contrast(hex(0x767676), white), 4.54);
    close(contrast(hex(0x777777), white), 4.48);
    close(contrast(hex(0x0000ff), white), 8.59);
}

/// Issue 26: the dark theme's II badge, bold black on ANSI blue, is
/// unreadable in all three clients, bold or not.
#[test]
fn todays_ii_badge_black_on_ansi_blue_is_below_4_5_in_every_client() {
    for p in &PALETTES {
        for bold in [false, true] {
            let c = p.contrast(Color::Black, Color::Blue, bold);
            assert!(c < READABLE, "{} bold {bold}: {c:.2}", p.name);
        }
    }
    // As the issue measured it (plain black): xterm 2.2, PuTTY 1.7; Tera
    // Term's own TERATERM.INI blue (64,64,192) gives 2.7.
    close(
        PALETTES[XTERM].contrast(Color::Black, Color::Blue, false),
        2.23,
    );
    close(
        PALETTES[PUTTY].contrast(Color::Black, Color::Blue, false),
        1.72,
    );
    close(
        PALETTES[TERA_TERM].contrast(Color::Black, Color::Blue, false),
        2.71,
    );
    // Bold, as badges are drawn: black turns dark grey in PuTTY and Tera Term.
    close(
        PALETTES[PUTTY].contrast(Color::Black, Color::Blue, true),
        1.64,
    );
    close(
        PALETTES[TERA_TERM].contrast(Color::Black, Color::Blue, true),
        1.34,
    );
}

#[test]
fn bold_brightens_colours_0_to_7_in_putty_and_tera_term_only() {
    let bold_black = |p: &Palette| p.rgb(Color::Black, Ground::Fore, true);
    assert_eq!(bold_black(&PALETTES[XTERM]), hex(0x000000));
    assert_eq!(bold_black(&PALETTES[PUTTY]), hex(0x555555));
    assert_eq!(bold_black(&PALETTES[TERA_TERM]), hex(0x404040));
    for p in &PALETTES {
        // crossterm sends Black and Indexed(0) alike (38;5;0).
        assert_eq!(p.rgb(Color::Indexed(0), Ground::Fore, true), bold_black(p));
        assert_eq!(p.rgb(Color::Black, Ground::Back, true), hex(0x000000));
        assert_eq!(p.rgb(Color::White, Ground::Fore, true), hex(0xffffff));
        assert_eq!(
            p.rgb(Color::Indexed(16), Ground::Fore, true),
            hex(0x000000),
            "{}: the cube's black is not brightened",
            p.name
        );
    }
}

/// `Color::Reset` is the client's own text and background: xterm black on
/// white, PuTTY light grey (187) on black, Tera Term white on black.
#[test]
fn reset_is_the_clients_own_colours() {
    let reset = |p: &Palette, g, bold| p.rgb(Color::Reset, g, bold);
    let [xterm, putty, tera_term] = &PALETTES;
    assert_eq!(reset(xterm, Ground::Fore, false), hex(0x000000));
    assert_eq!(reset(xterm, Ground::Back, false), hex(0xffffff));
    assert_eq!(reset(putty, Ground::Fore, false), hex(0xbbbbbb));
    assert_eq!(reset(putty, Ground::Fore, true), hex(0xffffff));
    assert_eq!(reset(putty, Ground::Back, true), hex(0x000000));
    assert_eq!(reset(tera_term, Ground::Fore, false), hex(0xffffff));
    assert_eq!(reset(tera_term, Ground::Fore, true), hex(0xffff00));
    assert_eq!(reset(tera_term, Ground::Back, false), hex(0x000000));
    // Why the agenda's bar brings its own background: the dark theme's cyan
    // on xterm's white, the light theme's blue on PuTTY's black.
    assert!(xterm.contrast(Color::Cyan, Color::Reset, false) < READABLE);
    assert!(putty.contrast(Color::Blue, Color::Reset, false) < READABLE);
}

#[test]
fn indexed_colours_take_xterms_cube_and_greys_and_rgb_is_as_is() {
    for p in &PALETTES {
        let back = |i| p.rgb(Color::Indexed(i), Ground::Back, false);
        assert_eq!(back(4), p.ansi[4], "{}: 0-15 from the client", p.name);
        assert_eq!(back(16), hex(0x000000));
        assert_eq!(back(21), hex(0x0000ff));
        assert_eq!(back(67), hex(0x5f87af));
        assert_eq!(back(196), hex(0xff0000));
        assert_eq!(back(231), hex(0xffffff));
        assert_eq!(back(232), hex(0x080808));
        assert_eq!(back(255), hex(0xeeeeee));
        let rgb = Color::Rgb(1, 2, 3);
        assert_eq!(p.rgb(rgb, Ground::Fore, true), Rgb(1, 2, 3));
    }
}

/// Every colour pair of `theme` that carries a code or a bar:
/// (what, foreground, background, bold).
fn pairs(theme: &Theme) -> Vec<(String, Color, Color, bool)> {
    let mut out = Vec::new();
    let scales = [
        ("phase", &theme.phase[..]),
        ("direction", &theme.direction[..]),
    ];
    for (scale, badges) in scales {
        for (i, b) in badges.iter().enumerate() {
            // Badges (and the large codes, and the overview's segment under
            // the cursor) are bold; the overview's other segments are not.
            for bold in [true, false] {
                out.push((format!("{scale} {i}"), b.fg, b.bg, bold));
            }
        }
    }
    let bar = theme.bar;
    let screen = theme.screen.and_then(|s| s.bg).unwrap_or(Color::Reset);
    out.push((
        "agenda bar".to_string(),
        bar.fg.unwrap_or(Color::Reset),
        bar.bg.unwrap_or(screen),
        bar.add_modifier.contains(Modifier::BOLD),
    ));
    out
}

#[test]
fn every_badge_and_bar_reads_at_4_5_in_every_theme_and_client() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for name in ThemeName::ALL {
        for (what, fg, bg, bold) in pairs(name.theme()) {
            for p in &PALETTES {
                let c = p.contrast(fg, bg, bold);
                checked += 1;
                if c < READABLE {
                    failures.push(format!(
                        "{} {what}: {fg:?} on {bg:?} (bold {bold}) in {}: {c:.2}",
                        name.name(),
                        p.name
                    ));
                }
            }
        }
    }
    // 3 themes x (7 badges x bold and not + the bar) x 3 clients.
    assert_eq!(checked, 3 * 15 * 3);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The bar never leans on the terminal's background, whose colour kensho
/// cannot know (white in xterm, black in PuTTY and Tera Term).
#[test]
fn the_agenda_bar_brings_its_own_colours() {
    for name in ThemeName::ALL {
        let bar = name.theme().bar;
        assert!(bar.fg.is_some_and(|c| c != Color::Reset), "{name:?}");
        assert!(bar.bg.is_some_and(|c| c != Color::Reset), "{name:?}");
    }
}

/// The codes of a scale tell apart at a glance: no two share a colour.
#[test]
fn the_codes_of_a_scale_have_colours_of_their_own() {
    for name in ThemeName::ALL {
        let t = name.theme();
        for badges in [&t.phase[..], &t.direction[..]] {
            for (i, a) in badges.iter().enumerate() {
                for b in &badges[i + 1..] {
                    assert_ne!(a.bg, b.bg, "{name:?}");
                }
            }
        }
    }
}
