//! Whether the themes can be read: the WCAG 2 contrast of a foreground on a
//! background, as the SSH clients of the city's PCs draw the colours kensho
//! sends. A test walks every theme's badges and bars through every client.
//!
//! kensho's colours reach the terminal through crossterm, which sends every
//! named colour as an index (`ESC[38;5;Nm`, `ESC[48;5;Nm`): the client draws
//! indices 0–15 from its own palette of 16, 16–255 from xterm's cube and
//! greys, RGB as it is. Bold text is the trap: PuTTY and Tera Term draw a
//! bold foreground of index 0–7 in its bright twin 8–15 (bold black becomes
//! dark grey), xterm does not for colours sent as `38;5`.

use ratatui::style::Color;

/// A colour as the screen shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Foreground (text) or background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ground {
    Fore,
    Back,
}

/// An SSH client's colours as it comes, before anyone changes its settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    pub name: &'static str,
    /// Colours 0–15 in SGR order: black, red, green, yellow, blue, magenta,
    /// cyan, white (ratatui's `Gray`), then their bright twins.
    pub ansi: [Rgb; 16],
    /// What `Color::Reset` stands for: the client's default text colour…
    pub fg: Rgb,
    /// …and default background.
    pub bg: Rgb,
    /// The default text colour of bold text.
    pub bold_fg: Rgb,
    /// Bold text of colour 0–7 is drawn in colour 8–15.
    pub bold_brightens: bool,
}

const fn hex(rgb: u32) -> Rgb {
    Rgb((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8)
}

const fn sixteen(c: [u32; 16]) -> [Rgb; 16] {
    let mut out = [Rgb(0, 0, 0); 16];
    let mut i = 0;
    while i < 16 {
        out[i] = hex(c[i]);
        i += 1;
    }
    out
}

/// The three clients, with where each value comes from.
pub const PALETTES: [Palette; 3] = [
    // XTerm (patch 410's sources): colour0–15 from XTerm-col.ad (black,
    // red3, green3, yellow3, blue2, magenta3, cyan3, gray90, gray50, red,
    // green, yellow, rgb:5c/5c/ff, magenta, cyan, white). Foreground and
    // background are XtDefaultForeground / XtDefaultBackground (charproc.c):
    // black on white. `boldColors` (true) maps bold 0–7 to 8–15 only for
    // SGR 30–37, not for colours set with SGR 38 (charproc.c,
    // `sgr_38_xcolors`), which is how crossterm sends them; `colorBDMode` is
    // off, so bold default text stays black.
    Palette {
        name: "xterm",
        ansi: sixteen([
            0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
            0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
        ]),
        fg: hex(0x000000),
        bg: hex(0xffffff),
        bold_fg: hex(0x000000),
        bold_brightens: false,
    },
    // PuTTY (0.84's sources): settings.c's defaults, Colour0–21: Default
    // Foreground 187,187,187, Default Bold Foreground 255,255,255, Default
    // Background 0,0,0, then ANSI Black 0,0,0 / Bold 85,85,85, Red 187,0,0 /
    // 255,85,85, and so on (the normal colours 187, the bold ones 85 and
    // 255). "Indicate bolded text by changing: the colour" is the default
    // (conf.h, `bold_style` 2): windows/window.c draws a bold foreground
    // below 16 as `| 8`.
    Palette {
        name: "PuTTY",
        ansi: sixteen([
            0x000000, 0xbb0000, 0x00bb00, 0xbbbb00, 0x0000bb, 0xbb00bb, 0x00bbbb, 0xbbbbbb,
            0x555555, 0xff5555, 0x55ff55, 0xffff55, 0x5555ff, 0xff55ff, 0x55ffff, 0xffffff,
        ]),
        fg: hex(0xbbbbbb),
        bg: hex(0x000000),
        bold_fg: hex(0xffffff),
        bold_brightens: true,
    },
    // Tera Term (5.6's sources; 4.106 installs the same values): the
    // TERATERM.INI it installs, `ANSIColor=0,0,0,0, 1,255,0,0, 2,0,255,0,
    // 3,255,255,0, 4,128,128,255, 5,255,0,255, 6,0,255,255, 7,255,255,255,
    // 8,64,64,64, 9,192,0,0, 10,0,192,0, 11,192,192,0, 12,64,64,192,
    // 13,192,0,192, 14,0,192,192, 15,192,192,192`. Its numbers 1–7 are the
    // bright colours and 9–15 the normal ones (vtdisp.c,
    // `GetIndex256From16`), so SGR blue (4) is 64,64,192. Text
    // `VTColor=255,255,255,0,0,0` (white on black); `PcBoldColor=on` with
    // `EnableBoldAttrColor=on` brightens bold 0–7 whatever the SGR
    // (`Get16ColorIndex`), and bold default text takes `VTBoldColor`'s
    // 255,255,0.
    Palette {
        name: "Tera Term",
        ansi: sixteen([
            0x000000, 0xc00000, 0x00c000, 0xc0c000, 0x4040c0, 0xc000c0, 0x00c0c0, 0xc0c0c0,
            0x404040, 0xff0000, 0x00ff00, 0xffff00, 0x8080ff, 0xff00ff, 0x00ffff, 0xffffff,
        ]),
        fg: hex(0xffffff),
        bg: hex(0x000000),
        bold_fg: hex(0xffff00),
        bold_brightens: true,
    },
];

/// The palette index of a named colour (crossterm's `38;5;N`).
fn ansi_index(color: Color) -> Option<u8> {
    let i = match color {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(i) => i,
        Color::Reset | Color::Rgb(..) => return None,
    };
    Some(i)
}

/// Colours 16–255 as xterm's 256colres.h has them: a 6×6×6 cube, then 24 greys.
fn xterm_256(i: u8) -> Rgb {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    if i >= 232 {
        let v = 8 + 10 * (i - 232);
        return Rgb(v, v, v);
    }
    let i = usize::from(i.saturating_sub(16));
    Rgb(LEVELS[i / 36], LEVELS[i / 6 % 6], LEVELS[i % 6])
}

impl Palette {
    /// How this client shows `color` as text (`Fore`) or background, bold or not.
    pub fn rgb(&self, color: Color, ground: Ground, bold: bool) -> Rgb {
        let text = ground == Ground::Fore;
        match (color, ansi_index(color)) {
            (Color::Rgb(r, g, b), _) => Rgb(r, g, b),
            (_, Some(i)) if i < 8 && text && bold && self.bold_brightens => {
                self.ansi[usize::from(i) + 8]
            }
            (_, Some(i)) if i < 16 => self.ansi[usize::from(i)],
            (_, Some(i)) => xterm_256(i),
            // Reset: the client's own colours.
            _ if !text => self.bg,
            _ if bold => self.bold_fg,
            _ => self.fg,
        }
    }

    /// The contrast of `fg` on `bg` in this client.
    pub fn contrast(&self, fg: Color, bg: Color, bold: bool) -> f64 {
        contrast(
            self.rgb(fg, Ground::Fore, bold),
            self.rgb(bg, Ground::Back, bold),
        )
    }
}

/// WCAG 2's relative luminance: sRGB linearised, weighted 0.2126 / 0.7152 / 0.0722.
pub fn luminance(c: Rgb) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
}

/// WCAG 2's contrast ratio, (lighter + 0.05) / (darker + 0.05): 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// What WCAG 2 (1.4.3, AA) asks of text.
pub const READABLE: f64 = 4.5;

mod tests;
