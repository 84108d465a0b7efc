//! Errors that reach the user as sentences: what went wrong, where, and what is
//! allowed, in the reader's language ([`LoadError::say`]). `Display` gives the
//! English sentence.

use std::fmt;
use std::path::PathBuf;

use crate::domain::field::Field;
use crate::i18n::{BookMsg, CliMsg, Lang};

/// A place in a records file (1-based line and column, column counted in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// Where in `path` the parser stopped.
    pub fn of(path: &std::path::Path, e: &ron::error::SpannedError) -> Location {
        Location {
            path: path.to_path_buf(),
            line: e.span.start.line,
            column: e.span.start.col,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// What is wrong with records that parse but do not hold together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    MissingReportFile,
    RecommendationsInReport,
    EmptyScale {
        scale: &'static str,
    },
    BadScaleCode {
        scale: &'static str,
        code: String,
    },
    DuplicateRecommendation {
        number: u32,
    },
    DuplicatePoint {
        recommendation: u32,
        point: u32,
    },
    BadId {
        id: String,
    },
    /// A recommendation (`point: None`) or a point numbered 0.
    ZeroNumber {
        point: bool,
    },
    NoPoints {
        number: u32,
    },
    /// A point (`r-p`) without measures.
    NoMeasures {
        id: String,
    },
    /// A measure of point `r-p` without items.
    NoItems {
        id: String,
    },
    NoDepartments {
        id: String,
    },
    RelistsItself {
        id: String,
    },
    RelistsUnknown {
        id: String,
        target: String,
    },
    RelistsUnmarked {
        id: String,
    },
    /// A note without its text in one language (`ja` or `en`).
    NoteLanguage {
        id: String,
        lang: &'static str,
    },
    UnknownAgendaItem {
        id: String,
    },
    /// A 全国地方公共団体コード that is not six digits (`expected: None`) or
    /// whose check digit should be `expected`.
    OrganisationCode {
        code: String,
        expected: Option<u8>,
    },
    /// A table's date not written `YYYY-MM-DD`, or no such day.
    AsOf {
        date: String,
    },
}

impl Problem {
    pub fn say(&self, lang: Lang) -> String {
        match self {
            Problem::MissingReportFile => CliMsg::ProblemMissingReport.text(lang).to_string(),
            Problem::RecommendationsInReport => CliMsg::ProblemRecommendationsInReport
                .text(lang)
                .to_string(),
            Problem::EmptyScale { scale } => {
                CliMsg::ProblemEmptyScale.fill(lang, &[("scale", scale)])
            }
            Problem::BadScaleCode { scale, code } => {
                CliMsg::ProblemBadScaleCode.fill(lang, &[("scale", scale), ("code", &quoted(code))])
            }
            Problem::DuplicateRecommendation { number } => {
                CliMsg::ProblemDuplicateRecommendation.fill(lang, &[("number", number)])
            }
            Problem::DuplicatePoint {
                recommendation,
                point,
            } => CliMsg::ProblemDuplicatePoint.fill(
                lang,
                &[("recommendation", recommendation), ("point", point)],
            ),
            Problem::BadId { id } => CliMsg::ProblemBadId.fill(lang, &[("id", &quoted(id))]),
            Problem::ZeroNumber { point } => {
                let what = if *point {
                    CliMsg::WordPoint
                } else {
                    CliMsg::WordRecommendation
                };
                CliMsg::ProblemZeroNumber.fill(lang, &[("what", &what.text(lang))])
            }
            Problem::NoPoints { number } => {
                CliMsg::ProblemNoPoints.fill(lang, &[("number", number)])
            }
            Problem::NoMeasures { id } => CliMsg::ProblemNoMeasures.fill(lang, &[("id", id)]),
            Problem::NoItems { id } => CliMsg::ProblemNoItems.fill(lang, &[("id", id)]),
            Problem::NoDepartments { id } => {
                CliMsg::ProblemNoDepartments.fill(lang, &[("id", &quoted(id))])
            }
            Problem::RelistsItself { id } => CliMsg::ProblemRelistsItself.fill(lang, &[("id", id)]),
            Problem::RelistsUnknown { id, target } => {
                CliMsg::ProblemRelistsUnknown.fill(lang, &[("id", id), ("target", &quoted(target))])
            }
            Problem::UnknownAgendaItem { id } => {
                CliMsg::ProblemUnknownAgendaItem.fill(lang, &[("id", &quoted(id))])
            }
            Problem::RelistsUnmarked { id } => {
                CliMsg::ProblemRelistsUnmarked.fill(lang, &[("id", id)])
            }
            Problem::NoteLanguage { id, lang: missing } => {
                CliMsg::ProblemNoteLanguage.fill(lang, &[("id", id), ("missing", missing)])
            }
            Problem::OrganisationCode { code, expected } => match expected {
                None => BookMsg::ProblemCodeShape.fill(lang, &[("code", &quoted(code))]),
                Some(digit) => BookMsg::ProblemCodeCheckDigit
                    .fill(lang, &[("code", &quoted(code)), ("expected", digit)]),
            },
            Problem::AsOf { date } => BookMsg::ProblemDate.fill(lang, &[("date", &quoted(date))]),
        }
    }
}

/// A value as Rust's `{:?}` quotes it: escapes included, so nothing in it
/// reaches a terminal raw.
pub fn quoted(s: &str) -> String {
    format!("{s:?}")
}

/// One thing wrong with a set of records.
#[derive(Debug)]
pub enum LoadError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    NotFound {
        path: PathBuf,
    },
    Empty {
        path: PathBuf,
        expected: &'static str,
    },
    InvalidUtf8 {
        at: Location,
    },
    Syntax {
        at: Location,
        code: ron::Error,
    },
    UnknownCode {
        at: Location,
        id: String,
        field: Field,
        code: String,
        scale: String,
        allowed: Vec<String>,
    },
    DuplicateId {
        id: String,
        first: Location,
        second: Location,
    },
    Invalid {
        at: Location,
        problem: Problem,
    },
    NoRecords {
        path: PathBuf,
    },
    Symlink {
        path: PathBuf,
        target: PathBuf,
    },
}

impl LoadError {
    /// The sentence in `lang`: `file:line:column: what is wrong`.
    pub fn say(&self, lang: Lang) -> String {
        match self {
            LoadError::Io { path, source } => CliMsg::ErrCannotRead.fill(
                lang,
                &[
                    ("path", &path.display()),
                    ("error", &io_reason(source, lang)),
                ],
            ),
            LoadError::NotFound { path } => {
                CliMsg::ErrNotFound.fill(lang, &[("path", &path.display())])
            }
            LoadError::Empty { path, expected } => CliMsg::ErrEmptyFile
                .fill(lang, &[("path", &path.display()), ("expected", expected)]),
            LoadError::InvalidUtf8 { at } => CliMsg::ErrNotUtf8.fill(lang, &[("at", at)]),
            LoadError::Syntax { at, code } => format!("{at}: {}", describe_ron_error(code, lang)),
            LoadError::UnknownCode {
                at,
                id,
                field,
                code,
                scale,
                allowed,
            } => CliMsg::ErrUnknownCode.fill(
                lang,
                &[
                    ("at", at),
                    ("id", id),
                    ("field", field),
                    ("code", &quoted(code)),
                    ("scale", scale),
                    ("allowed", &allowed.join(", ")),
                ],
            ),
            LoadError::DuplicateId { id, first, second } => CliMsg::ErrDuplicateId.fill(
                lang,
                &[("second", second), ("id", &quoted(id)), ("first", first)],
            ),
            LoadError::Invalid { at, problem } => format!("{at}: {}", problem.say(lang)),
            LoadError::NoRecords { path } => {
                CliMsg::ErrNoRecords.fill(lang, &[("path", &path.display())])
            }
            LoadError::Symlink { path, target } => CliMsg::ErrSymlink.fill(
                lang,
                &[("path", &path.display()), ("target", &target.display())],
            ),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

impl std::error::Error for LoadError {}

/// All that is wrong with a set of records (never empty).
#[derive(Debug)]
pub struct LoadErrors(pub Vec<LoadError>);

impl LoadErrors {
    /// One line per problem, each starting with "error:" in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        self.0
            .iter()
            .map(|e| error_line(lang, &e.say(lang)))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

impl std::error::Error for LoadErrors {}

impl From<LoadError> for LoadErrors {
    fn from(e: LoadError) -> Self {
        LoadErrors(vec![e])
    }
}

/// `error: {what}` in `lang`.
pub fn error_line(lang: Lang, what: &str) -> String {
    CliMsg::ErrorLine.fill(lang, &[("what", &what)])
}

/// What the system said about a file, in `lang` for the common cases.
pub fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    use crate::domain::files::{FileKind, NotRegular, TooLarge};
    use std::io::ErrorKind as K;
    if let Some(NotRegular(kind)) = e.get_ref().and_then(|x| x.downcast_ref::<NotRegular>()) {
        let what = match kind {
            FileKind::Symlink => CliMsg::KindSymlink,
            FileKind::Folder => CliMsg::KindFolder,
            FileKind::Fifo => CliMsg::KindFifo,
            FileKind::Device => CliMsg::KindDevice,
            FileKind::Socket => CliMsg::KindSocket,
            FileKind::Other => CliMsg::KindOther,
        };
        return CliMsg::IoNotRegular.fill(lang, &[("what", &what.text(lang))]);
    }
    if let Some(TooLarge { limit }) = e.get_ref().and_then(|x| x.downcast_ref::<TooLarge>()) {
        return CliMsg::IoTooLarge.fill(lang, &[("mib", &(limit / (1024 * 1024)))]);
    }
    let m = match e.kind() {
        K::NotFound => CliMsg::IoNotFound,
        K::PermissionDenied => CliMsg::IoPermission,
        K::StorageFull => CliMsg::IoFull,
        K::ReadOnlyFilesystem => CliMsg::IoReadOnly,
        K::AlreadyExists => CliMsg::IoExists,
        K::IsADirectory => CliMsg::IoIsFolder,
        _ => CliMsg::IoOther,
    };
    match lang {
        // The English words are the system's own.
        Lang::En => e.to_string(),
        Lang::Ja => format!("{}（{e}）", m.text(lang)),
    }
}

/// ron's error, said as a sentence that names what was expected.
pub fn describe_ron_error(code: &ron::Error, lang: Lang) -> String {
    use ron::Error as E;
    let or_none = |o: &Option<String>| o.clone().unwrap_or_default();
    match code {
        E::Eof => CliMsg::RonEof.text(lang).to_string(),
        E::ExpectedComma => CliMsg::RonExpectedComma.text(lang).to_string(),
        E::ExpectedString | E::ExpectedStringEnd => {
            CliMsg::RonExpectedString.text(lang).to_string()
        }
        E::ExpectedInteger => CliMsg::RonExpectedInteger.text(lang).to_string(),
        E::ExpectedBoolean => CliMsg::RonExpectedBoolean.text(lang).to_string(),
        E::ExpectedArray | E::ExpectedArrayEnd => CliMsg::RonExpectedList.text(lang).to_string(),
        E::ExpectedStructLike | E::ExpectedStructLikeEnd => {
            CliMsg::RonExpectedParen.text(lang).to_string()
        }
        E::ExpectedNamedStructLike(name) => CliMsg::RonExpectedNamed.fill(lang, &[("name", name)]),
        E::ExpectedDifferentStructName { expected, found } => {
            CliMsg::RonWrongName.fill(lang, &[("expected", expected), ("found", &quoted(found))])
        }
        E::TrailingCharacters => CliMsg::RonTrailing.text(lang).to_string(),
        E::MissingStructField { field, outer } => {
            CliMsg::RonMissingField.fill(lang, &[("field", field), ("outer", &or_none(outer))])
        }
        E::DuplicateStructField { field, outer } => {
            CliMsg::RonDuplicateField.fill(lang, &[("field", field), ("outer", &or_none(outer))])
        }
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => CliMsg::RonUnknownField.fill(
            lang,
            &[
                ("found", &quoted(found)),
                ("outer", &or_none(outer)),
                ("expected", &expected.join(", ")),
            ],
        ),
        E::InvalidValueForType { expected, found } => {
            CliMsg::RonWrongType.fill(lang, &[("expected", expected), ("found", found)])
        }
        other => CliMsg::RonOther.fill(lang, &[("detail", other)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_said_in_both_languages() {
        let e = LoadError::NotFound {
            path: "records".into(),
        };
        assert_eq!(e.to_string(), "records: no such file or folder");
        assert!(e.say(Lang::Ja).starts_with("records: "));
        assert_ne!(e.say(Lang::Ja), e.say(Lang::En));
        let ron = describe_ron_error(&ron::Error::ExpectedComma, Lang::Ja);
        assert!(!ron.is_ascii(), "{ron}");
    }
}
