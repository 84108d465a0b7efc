//! The colours of the board in one place: every screen takes them from the
//! theme chosen (`--theme`, or the configuration). `NO_COLOR` still removes
//! every colour, and phase and direction always carry their code in text.

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
    /// The text on a code's badge.
    pub badge_text: Color,
    /// The badges of the phase and direction codes, by place in their scale.
    pub phase: [Color; 4],
    pub direction: [Color; 3],
    /// Where the meeting stands (position, reviewed).
    pub accent: Style,
    /// How a code changed in the meeting.
    pub change: Style,
    /// The agenda's bar.
    pub bar: Style,
    /// What stays in the background: context rows, titles above the item,
    /// the empty part of a bar, hints.
    pub muted: Style,
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
    badge_text: Color::Black,
    phase: [Color::Green, Color::Cyan, Color::Yellow, Color::Red],
    direction: [Color::Magenta, Color::Blue, Color::Green],
    accent: bold(fg(Color::Green)),
    change: fg(Color::Yellow),
    bar: fg(Color::Cyan),
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
    badge_text: Color::Black,
    phase: [Color::Green, Color::Cyan, Color::Yellow, Color::Red],
    direction: [Color::Magenta, Color::Cyan, Color::Green],
    accent: bold(fg(Color::Blue)),
    change: bold(fg(Color::Magenta)),
    bar: fg(Color::Blue),
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
    badge_text: Color::Black,
    phase: [
        Color::LightGreen,
        Color::LightCyan,
        Color::LightYellow,
        Color::LightRed,
    ],
    direction: [Color::LightMagenta, Color::LightBlue, Color::LightGreen],
    accent: bold(fg(Color::LightGreen)),
    change: bold(fg(Color::LightYellow)),
    bar: fg(Color::White),
    // A projector washes dim text out: plain white instead of bright.
    muted: fg(Color::Gray),
};
