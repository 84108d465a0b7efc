//! The colours of the board in one place: every screen takes them from the
//! theme chosen (`--theme`, or the configuration). `NO_COLOR` still removes
//! every colour, and phase and direction always carry their code in text.
//!
//! Every badge and bar reads at 4.5:1 or more (WCAG 2) in xterm, PuTTY and
//! Tera Term as they come (`contrast.rs`, whose test walks every pair): black
//! letters on the bright colours, white letters on red, blue and magenta.
//! PuTTY and Tera Term draw bold black as dark grey, which only the bright
//! backgrounds carry; a badge brings its own background, never the
//! terminal's, and so does the agenda's bar.

use ratatui::style::{Color, Modifier, Style};

/// The themes there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ThemeName {
    /// For a dark terminal (the default).
    #[default]
    Dark,
    /// For a light terminal: no yellow text on white.
    Light,
    /// For a projector: bright on black, bold.
    HighContrast,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast];

    /// The name in `--theme` and the configuration file.
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
        }
    }

    pub fn parse(name: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.name() == name)
    }

    pub fn theme(self) -> &'static Theme {
        match self {
            ThemeName::Dark => &DARK,
            ThemeName::Light => &LIGHT,
            ThemeName::HighContrast => &HIGH_CONTRAST,
        }
    }
}

/// What each part of the screen is drawn with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// The whole screen (None: the terminal's own colours).
    pub screen: Option<Style>,
    pub header: Style,
    pub header_filters: Style,
    pub border: Style,
    pub focus_border: Style,
    pub heading: Style,
    /// The matched characters of a search.
    pub highlight: Style,
    pub message: Style,
    /// The badges of the phase and direction codes, by place in their scale
    /// (also the overview's segments and the walkthrough's large codes).
    pub phase: [Badge; 4],
    pub direction: [Badge; 3],
    /// Where the meeting stands (position, reviewed).
    pub accent: Style,
    /// How a code changed in the meeting.
    pub change: Style,
    /// The agenda's bar: the done part in its foreground, all of it on its
    /// background.
    pub bar: Style,
    /// What stays in the background: context rows, titles above the item,
    /// the empty part of a bar, hints.
    pub muted: Style,
}

/// A code's badge: its letter (`fg`, bold) on its colour (`bg`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Badge {
    pub fg: Color,
    pub bg: Color,
}

impl Badge {
    pub const fn style(self) -> Style {
        Style::new().fg(self.fg).bg(self.bg)
    }
}

/// The badges every theme draws from, one hue per code across the themes.
/// Bold black on plain green, cyan or yellow (PuTTY's 187 shades) falls to
/// about 3:1, so those are the bright ones; red, blue and magenta are dark
/// in every client and take white.
const GREEN: Badge = on(Color::Black, Color::LightGreen);
const CYAN: Badge = on(Color::Black, Color::LightCyan);
const YELLOW: Badge = on(Color::Black, Color::LightYellow);
const RED: Badge = on(Color::White, Color::Red);
const BLUE: Badge = on(Color::White, Color::Blue);
const MAGENTA: Badge = on(Color::White, Color::Magenta);

const fn on(fg: Color, bg: Color) -> Badge {
    Badge { fg, bg }
}

const fn fg(c: Color) -> Style {
    Style::new().fg(c)
}

const fn bold(s: Style) -> Style {
    s.add_modifier(Modifier::BOLD)
}

pub const DARK: Theme = Theme {
    screen: None,
    header: bold(Style::new().fg(Color::White).bg(Color::Blue)),
    header_filters: Style::new().fg(Color::Yellow).bg(Color::Blue),
    border: fg(Color::DarkGray),
    focus_border: bold(fg(Color::Cyan)),
    heading: bold(fg(Color::Cyan)),
    highlight: Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    message: bold(fg(Color::Yellow)),
    phase: [GREEN, CYAN, YELLOW, RED],
    direction: [MAGENTA, BLUE, GREEN],
    accent: bold(fg(Color::Green)),
    change: fg(Color::Yellow),
    // On black of its own: cyan on xterm's white would be 2:1.
    bar: Style::new().fg(Color::Cyan).bg(Color::Black),
    muted: Style::new().add_modifier(Modifier::DIM),
};

pub const LIGHT: Theme = Theme {
    screen: None,
    header: bold(Style::new().fg(Color::White).bg(Color::Blue)),
    header_filters: bold(Style::new().fg(Color::White).bg(Color::Blue)),
    border: fg(Color::Gray),
    focus_border: bold(fg(Color::Blue)),
    heading: bold(fg(Color::Blue)),
    highlight: Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    message: bold(fg(Color::Magenta)),
    phase: [GREEN, CYAN, YELLOW, RED],
    direction: [MAGENTA, CYAN, GREEN],
    accent: bold(fg(Color::Blue)),
    change: bold(fg(Color::Magenta)),
    // On white of its own: blue on PuTTY's black would be 1.7:1.
    bar: Style::new().fg(Color::Blue).bg(Color::White),
    muted: Style::new().add_modifier(Modifier::DIM),
};

pub const HIGH_CONTRAST: Theme = Theme {
    screen: Some(Style::new().fg(Color::White).bg(Color::Black)),
    header: bold(Style::new().fg(Color::Black).bg(Color::White)),
    header_filters: bold(Style::new().fg(Color::Black).bg(Color::LightYellow)),
    border: fg(Color::White),
    focus_border: bold(fg(Color::LightYellow)),
    heading: bold(fg(Color::LightCyan)),
    highlight: Style::new()
        .fg(Color::Black)
        .bg(Color::LightYellow)
        .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    message: bold(fg(Color::LightYellow)),
    // Light red, blue and magenta carry neither bold black (dark grey in
    // PuTTY and Tera Term) nor white (xterm): the dark ones with white.
    phase: [GREEN, CYAN, YELLOW, RED],
    direction: [MAGENTA, BLUE, GREEN],
    accent: bold(fg(Color::LightGreen)),
    change: bold(fg(Color::LightYellow)),
    bar: Style::new().fg(Color::White).bg(Color::Black),
    // A projector washes dim text out: plain white instead of bright.
    muted: fg(Color::Gray),
};
