//! The user's configuration file: language, theme, default records, display
//! name and key bindings per screen. Read once at start, before anything
//! else; any problem is an error that names the file, line and column, and
//! nothing starts half-configured.
//!
//! Positions come from the parser itself: every value is first taken as a
//! [`RawValue`] borrowed from the file's text, so where it sits is known
//! when it turns out to be wrong.

use std::path::{Path, PathBuf};

use ron::value::RawValue;
use serde::Deserialize;
use serde::de::{MapAccess, Visitor};

use crate::board::action::Command;
use crate::board::keymap::default_tables;
use crate::board::keymap::{Keymap, RebindError, ScreenKind};
use crate::board::keys::{Binding, Key};
use crate::board::theme::ThemeName;
use crate::domain::error::Location;
use crate::domain::model::Report;
use crate::i18n::Lang;

mod error;

pub use error::{Bad, ConfigError};

/// The configuration file's name in the configuration folder.
pub const FILE_NAME: &str = "config.ron";
/// The longest display name, in characters.
pub const MAX_DISPLAY_NAME: usize = 60;

/// The largest configuration file read: 1 MiB.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// What the configuration sets; `None` where it is silent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The file it came from (None: no file, the defaults).
    pub file: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub theme: Option<ThemeName>,
    pub records: Option<PathBuf>,
    pub display_name: Option<String>,
    /// The time zone meetings are held in (an IANA name).
    pub zone: Option<String>,
    /// Boards open read-only.
    pub read_only: bool,
    /// Boards open plain (`--plain`).
    pub plain: bool,
    /// A one-key edit asks before it saves.
    pub confirm_edits: bool,
    /// Search terms do not match by reading (`readings: false`).
    pub no_readings: bool,
    pub keys: Vec<KeyOverride>,
}

/// The keys of one action on one screen, and where the file says so.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyOverride {
    pub screen: ScreenKind,
    pub command: Command,
    pub keys: Vec<Key>,
    pub at: Location,
    /// Where each key is written.
    pub key_at: Vec<Location>,
}

/// The names of the actions a screen's keys can be set for.
pub fn actions_of(screen: ScreenKind) -> Vec<String> {
    default_table(screen)
        .iter()
        .filter_map(|b| b.command.name())
        .collect()
}

/// A screen's default key table (the scales' code keys aside).
fn default_table(screen: ScreenKind) -> Vec<Binding> {
    default_tables(&[])
        .into_iter()
        .find(|(s, _)| *s == screen)
        .map(|(_, t)| t)
        .unwrap_or_default()
}

/// The configuration folder's file: `$XDG_CONFIG_HOME/kensho/config.ron` on
/// Linux, the platform's configuration folder elsewhere.
pub fn default_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kensho").map(|d| d.config_dir().join(FILE_NAME))
}

/// The configuration in force: `--config FILE` (which must exist), or the
/// default file when there is one, or none.
pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match default_file() {
            Some(p) if p.exists() => p,
            _ => return Ok(Config::default()),
        },
    };
    let bytes = crate::domain::files::read_following(&path, MAX_CONFIG_BYTES).map_err(|error| {
        ConfigError::Read {
            path: path.clone(),
            error,
        }
    })?;
    let text = String::from_utf8(bytes).map_err(|_| ConfigError::Read {
        path: path.clone(),
        error: std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8"),
    })?;
    // A byte order mark (Notepad writes one) is not part of the text, as
    // for the records.
    parse(text.strip_prefix('\u{feff}').unwrap_or(&text), &path)
}

/// The file's fields, each still as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "config")]
struct RawConfig<'a> {
    #[serde(borrow, default)]
    lang: Option<&'a RawValue>,
    #[serde(borrow, default)]
    theme: Option<&'a RawValue>,
    #[serde(borrow, default)]
    records: Option<&'a RawValue>,
    #[serde(borrow, default)]
    display_name: Option<&'a RawValue>,
    #[serde(borrow, default)]
    zone: Option<&'a RawValue>,
    #[serde(borrow, default)]
    read_only: Option<&'a RawValue>,
    #[serde(borrow, default)]
    plain: Option<&'a RawValue>,
    #[serde(borrow, default)]
    confirm_edits: Option<&'a RawValue>,
    #[serde(borrow, default)]
    readings: Option<&'a RawValue>,
    #[serde(borrow, default)]
    keys: Option<Entries<'a>>,
}

/// A map's entries in the file's order, each still as written.
struct Entries<'a>(Vec<(&'a RawValue, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Entries<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for EntriesVisitor<'a> {
            type Value = Entries<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries<'a>, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<&'de RawValue, &'de RawValue>()? {
                    out.push(entry);
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(EntriesVisitor(std::marker::PhantomData))
    }
}

/// Reads the values of one file, with their places.
struct Reader<'a> {
    text: &'a str,
    path: &'a Path,
}

impl<'a> Reader<'a> {
    /// Where `raw` (a slice of the text) starts.
    fn at(&self, raw: &RawValue) -> Location {
        let ron = raw.get_ron();
        let start = (ron.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
        let start = if start <= self.text.len() {
            start + (ron.len() - skip_blank(ron).len())
        } else {
            0
        };
        let before = self.text.get(..start).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        Location {
            path: self.path.to_path_buf(),
            line,
            column,
        }
    }

    fn bad(&self, raw: &RawValue, what: Bad) -> ConfigError {
        ConfigError::Bad {
            at: self.at(raw),
            what,
        }
    }

    /// A value that must be a string.
    fn text(&self, raw: &RawValue) -> Result<String, ConfigError> {
        raw.into_rust::<String>()
            .map_err(|_| self.bad(raw, Bad::NotText))
    }

    /// A value that must be `true` or `false`.
    fn yes_no(&self, raw: &RawValue) -> Result<bool, ConfigError> {
        raw.into_rust::<bool>()
            .map_err(|_| self.bad(raw, Bad::NotBool))
    }

    fn entries(&self, raw: &'a RawValue) -> Result<Vec<(&'a RawValue, &'a RawValue)>, ConfigError> {
        raw.into_rust::<Entries<'a>>()
            .map(|e| e.0)
            .map_err(|e| self.syntax_in(raw, e))
    }

    fn list(&self, raw: &'a RawValue) -> Result<Vec<&'a RawValue>, ConfigError> {
        raw.into_rust::<Vec<&'a RawValue>>()
            .map_err(|e| self.syntax_in(raw, e))
    }

    /// A parse error inside `raw`, placed in the whole file.
    fn syntax_in(&self, raw: &RawValue, e: ron::error::SpannedError) -> ConfigError {
        let base = self.at(raw);
        let at = Location {
            line: base.line + e.span.start.line - 1,
            column: if e.span.start.line == 1 {
                base.column + e.span.start.col - 1
            } else {
                e.span.start.col
            },
            ..base
        };
        ConfigError::Syntax { at, code: e.code }
    }
}

/// The configuration in `text`, read from `path` (for messages and for
/// records paths relative to it).
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let raw: RawConfig = options.from_str(text).map_err(|e| ConfigError::Syntax {
        at: Location::of(path, &e),
        code: e.code,
    })?;
    let r = Reader { text, path };
    let mut config = Config {
        file: Some(path.to_path_buf()),
        ..Config::default()
    };
    if let Some(v) = raw.lang {
        let name = r.text(v)?;
        config.lang = Some(Lang::parse(&name).ok_or_else(|| r.bad(v, Bad::Lang(name)))?);
    }
    if let Some(v) = raw.theme {
        let name = r.text(v)?;
        config.theme = Some(ThemeName::parse(&name).ok_or_else(|| r.bad(v, Bad::Theme(name)))?);
    }
    if let Some(v) = raw.records {
        let records = expand_home(&r.text(v)?);
        let base = path.parent().unwrap_or(Path::new("."));
        config.records = Some(base.join(records));
    }
    if let Some(v) = raw.display_name {
        let name = r.text(v)?.trim().to_string();
        let fits = name.chars().count() <= MAX_DISPLAY_NAME;
        if name.is_empty() || !fits || name.chars().any(char::is_control) {
            return Err(r.bad(v, Bad::DisplayName));
        }
        config.display_name = Some(name);
    }
    if let Some(v) = raw.zone {
        let zone = r.text(v)?.trim().to_string();
        if !crate::domain::meeting::details::known_zone(&zone) {
            return Err(r.bad(v, Bad::Zone(zone)));
        }
        config.zone = Some(zone);
    }
    if let Some(v) = raw.read_only {
        config.read_only = r.yes_no(v)?;
    }
    if let Some(v) = raw.plain {
        config.plain = r.yes_no(v)?;
    }
    if let Some(v) = raw.confirm_edits {
        config.confirm_edits = r.yes_no(v)?;
    }
    if let Some(v) = raw.readings {
        config.no_readings = !r.yes_no(v)?;
    }
    if let Some(keys) = raw.keys {
        let mut screens = Vec::new();
        for (screen_raw, table_raw) in keys.0 {
            let overrides = screen_keys(&r, screen_raw, table_raw)?;
            let name = r.text(screen_raw)?;
            if screens.contains(&name) {
                return Err(r.bad(screen_raw, Bad::Twice(name)));
            }
            screens.push(name);
            config.keys.extend(overrides);
        }
    }
    Ok(config)
}

/// The bindings of one screen's section.
fn screen_keys<'a>(
    r: &Reader<'a>,
    screen_raw: &'a RawValue,
    table_raw: &'a RawValue,
) -> Result<Vec<KeyOverride>, ConfigError> {
    let name = r.text(screen_raw)?;
    let screen = ScreenKind::ALL
        .iter()
        .copied()
        .find(|s| s.name() == name)
        .ok_or_else(|| r.bad(screen_raw, Bad::Screen(name)))?;
    let table = default_table(screen);
    let mut out = Vec::new();
    for (action_raw, keys_raw) in r.entries(table_raw)? {
        let name = r.text(action_raw)?;
        let command = table
            .iter()
            .map(|b| &b.command)
            .find(|c| c.name().as_deref() == Some(name.as_str()))
            .ok_or_else(|| {
                r.bad(
                    action_raw,
                    Bad::Action {
                        screen,
                        name: name.clone(),
                    },
                )
            })?;
        if out.iter().any(|o: &KeyOverride| &o.command == command) {
            return Err(r.bad(action_raw, Bad::Twice(name)));
        }
        let mut keys: Vec<Key> = Vec::new();
        let mut key_at = Vec::new();
        for key_raw in r.list(keys_raw)? {
            let written = r.text(key_raw)?;
            let key =
                Key::parse(&written).ok_or_else(|| r.bad(key_raw, Bad::Key(written.clone())))?;
            if screen.takes_text() && key.is_typed() {
                return Err(r.bad(
                    key_raw,
                    Bad::TypedKey {
                        screen,
                        key: written,
                    },
                ));
            }
            if !keys.contains(&key) {
                keys.push(key);
                key_at.push(r.at(key_raw));
            }
        }
        out.push(KeyOverride {
            screen,
            command: command.clone(),
            keys,
            at: r.at(action_raw),
            key_at,
        });
    }
    Ok(out)
}

/// `text` after its leading white space and comments.
fn skip_blank(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        if let Some(rest) = text.strip_prefix("//") {
            text = rest.split_once('\n').map(|(_, r)| r).unwrap_or("");
        } else if let Some(rest) = text.strip_prefix("/*") {
            text = rest.split_once("*/").map(|(_, r)| r).unwrap_or("");
        } else {
            return text;
        }
    }
}

/// `~/x` is `x` in the home folder.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), directories::BaseDirs::new()) {
        (Some(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => PathBuf::from(path),
    }
}

impl Config {
    /// Give the keymap this configuration's keys, screen by screen; an error
    /// at the first key that would do two things on one screen.
    pub fn apply_keys(
        &self,
        keymap: &mut Keymap,
        report: &Report,
        lang: Lang,
    ) -> Result<(), ConfigError> {
        for &screen in ScreenKind::ALL {
            let here: Vec<&KeyOverride> = self.keys.iter().filter(|o| o.screen == screen).collect();
            if here.is_empty() {
                continue;
            }
            let changes: Vec<(Command, Vec<Key>)> = here
                .iter()
                .map(|o| (o.command.clone(), o.keys.clone()))
                .collect();
            match keymap.rebind_all(screen, &changes) {
                Ok(()) => {}
                Err(RebindError::Twice(e)) => {
                    // The place: the key as written for one of the two commands.
                    let at = [&e.second.0, &e.first.0]
                        .into_iter()
                        .find_map(|c| {
                            here.iter().find(|o| &o.command == c).and_then(|o| {
                                o.keys
                                    .iter()
                                    .position(|k| *k == e.key)
                                    .map(|i| o.key_at[i].clone())
                            })
                        })
                        .unwrap_or_else(|| here[0].at.clone());
                    return Err(ConfigError::Bad {
                        at,
                        what: Bad::KeyTwice(e.say(report, lang)),
                    });
                }
                Err(RebindError::NotOnScreen(c)) => {
                    let o = here.iter().find(|o| o.command == c).unwrap_or(&here[0]);
                    return Err(ConfigError::Bad {
                        at: o.at.clone(),
                        what: Bad::Action {
                            screen,
                            name: c.name().unwrap_or_default(),
                        },
                    });
                }
            }
        }
        Ok(())
    }
}
