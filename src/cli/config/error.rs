//! What can be wrong with a configuration file, said with its place.

use std::path::PathBuf;

use super::{MAX_DISPLAY_NAME, actions_of};
use crate::board::keymap::ScreenKind;
use crate::board::theme::ThemeName;
use crate::domain::error::{Location, describe_ron_error, io_reason, quoted};
use crate::i18n::{CliMsg, Lang};
use crate::text::visible;

/// What is wrong with a configuration file.
#[derive(Debug)]
pub enum ConfigError {
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    Syntax {
        at: Location,
        code: ron::Error,
    },
    Bad {
        at: Location,
        what: Bad,
    },
}

/// A value that parses but means nothing to kensho.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bad {
    NotText,
    NotBool,
    Lang(String),
    Theme(String),
    DisplayName,
    Zone(String),
    Screen(String),
    Action {
        screen: ScreenKind,
        name: String,
    },
    Key(String),
    /// A screen or an action written twice.
    Twice(String),
    /// A character as a key of a screen that takes typed text.
    TypedKey {
        screen: ScreenKind,
        key: String,
    },
    /// Two actions on one key (the sentence of [`KeyError::say`]).
    KeyTwice(String),
}

impl ConfigError {
    pub fn say(&self, lang: Lang) -> String {
        match self {
            ConfigError::Read { path, error } => CliMsg::ErrConfigRead.fill(
                lang,
                &[
                    ("path", &visible(&path.display().to_string())),
                    ("error", &io_reason(error, lang)),
                ],
            ),
            ConfigError::Syntax { at, code } => {
                format!(
                    "{}: {}",
                    visible(&at.to_string()),
                    describe_ron_error(code, lang)
                )
            }
            ConfigError::Bad { at, what } => {
                format!("{}: {}", visible(&at.to_string()), what.say(lang))
            }
        }
    }
}

impl Bad {
    fn say(&self, lang: Lang) -> String {
        match self {
            Bad::NotText => CliMsg::ErrConfigNotText.text(lang).to_string(),
            Bad::NotBool => CliMsg::ErrConfigNotBool.text(lang).to_string(),
            Bad::Lang(v) => CliMsg::ErrConfigLang.fill(lang, &[("value", &quoted(v))]),
            Bad::Theme(v) => {
                let allowed: Vec<&str> = ThemeName::ALL.iter().map(|t| t.name()).collect();
                CliMsg::ErrConfigTheme.fill(
                    lang,
                    &[("value", &quoted(v)), ("allowed", &allowed.join(", "))],
                )
            }
            Bad::Zone(v) => CliMsg::ErrConfigZone.fill(lang, &[("value", &quoted(v))]),
            Bad::DisplayName => {
                CliMsg::ErrConfigDisplayName.fill(lang, &[("max", &MAX_DISPLAY_NAME)])
            }
            Bad::Screen(v) => {
                let allowed: Vec<&str> = ScreenKind::ALL.iter().map(|s| s.name()).collect();
                CliMsg::ErrConfigScreen.fill(
                    lang,
                    &[("value", &quoted(v)), ("allowed", &allowed.join(", "))],
                )
            }
            Bad::Action { screen, name } => CliMsg::ErrConfigAction.fill(
                lang,
                &[
                    ("value", &quoted(name)),
                    ("screen", &quoted(screen.name())),
                    ("allowed", &actions_of(*screen).join(", ")),
                ],
            ),
            Bad::Key(v) => CliMsg::ErrConfigKey.fill(lang, &[("value", &quoted(v))]),
            Bad::Twice(v) => CliMsg::ErrConfigTwice.fill(lang, &[("value", &quoted(v))]),
            Bad::TypedKey { screen, key } => CliMsg::ErrConfigTypedKey.fill(
                lang,
                &[("screen", &quoted(screen.name())), ("key", &quoted(key))],
            ),
            Bad::KeyTwice(sentence) => sentence.clone(),
        }
    }
}
