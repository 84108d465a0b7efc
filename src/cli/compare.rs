//! `kensho compare BASE [PATH]`: the table compared with an earlier one,
//! in the terminal's words, as JSON or Markdown, or as a 新旧対照表
//! workbook. BASE is a path when one exists by that name (a records folder
//! or file, or a published `.xlsx`), else a git revision of the records.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::args::{CompareArgs, CompareFormat};
use super::output::{fail, fail_lines, print};
use crate::domain::compare::render::Telling;
use crate::domain::compare::{Comparison, IdMap, Side, compare};
use crate::domain::records::{Records, default_path, from_texts, load};
use crate::i18n::{CompareMsg, Lang};
use crate::text::visible;

/// What a comparison was made of: the records now, the earlier side and
/// its name, and what changed.
pub(crate) struct Compared {
    pub records: Records,
    pub base: Side,
    pub base_name: String,
    pub comparison: Comparison,
}

impl Compared {
    /// How it is told, in `lang`.
    pub fn telling<'a>(&'a self, now: &'a str, lang: Lang) -> Telling<'a> {
        Telling {
            report: &self.records.report,
            base_phase: self.base.phase_scale.as_ref(),
            base_direction: self.base.direction_scale.as_ref(),
            now,
            base: &self.base_name,
            lang,
        }
    }
}

/// The earlier side `base`: a path that exists (`dir`-relative first, for
/// a round's base), else a revision of the git repository of `dir`.
fn base_side(base: &str, dir: &Path, lang: Lang) -> Result<Side, String> {
    let in_dir = dir.join(base);
    let path = if in_dir.exists() && !Path::new(base).is_absolute() && base != "." {
        in_dir
    } else {
        PathBuf::from(base)
    };
    if path.is_file()
        && path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("xlsx"))
    {
        let (bytes, name) =
            super::workbooks::read_workbook(&path, lang).map_err(|_| String::new())?;
        return crate::workbook::base::published_rows(&bytes, &name).map_err(|e| e.say(lang));
    }
    if path.exists() {
        return load(&path)
            .map(|r| Side::of(&r.report))
            .map_err(|e| e.say(lang));
    }
    if crate::store::git::prefix_in_repo(dir).is_none() && !base.contains(['~', '^', ':', '@']) {
        return Err(CompareMsg::ErrBaseNotFound.fill(lang, &[("base", &visible(base))]));
    }
    let (place, files) = crate::store::git::files_at(dir, base).map_err(|e| match e {
        // A revision git does not know: maybe a path mistyped.
        crate::store::git::GitError::Revision { error, .. } if error.is_empty() => {
            CompareMsg::ErrBaseNotFound.fill(lang, &[("base", &visible(base))])
        }
        e => e.say(lang),
    })?;
    from_texts(&place, files)
        .map(|r| Side::of(&r.report))
        .map_err(|e| e.say(lang))
}

/// Compare the records at `path` with `base`. An error is said already
/// (load errors say "error:" on each line; others do not).
pub(crate) fn compared(base: &str, path: &Path, lang: Lang) -> Result<Compared, Said> {
    let records = load(path).map_err(|e| Said::Lines(e.say(lang)))?;
    let dir = records.layout.dir();
    let map = IdMap::read(&dir).map_err(|e| Said::One(e.say(lang)))?;
    let base_side = base_side(base, &dir, lang).map_err(Said::One)?;
    let comparison = compare(&base_side, &Side::of(&records.report), &map);
    Ok(Compared {
        records,
        base: base_side,
        base_name: base.to_string(),
        comparison,
    })
}

/// An error in words: one sentence, or lines that say "error:" already.
pub(crate) enum Said {
    One(String),
    Lines(String),
}

impl Said {
    pub fn fail(self, lang: Lang) -> ExitCode {
        match self {
            // A workbook that could not be read is said where it was read.
            Said::One(s) if s.is_empty() => ExitCode::from(super::output::EXIT_ERROR),
            Said::One(s) => fail(lang, &s),
            Said::Lines(s) => fail_lines(&s),
        }
    }
}

/// The JSON document: both sides named, then the comparison.
#[derive(Serialize)]
struct Document<'a> {
    base: &'a str,
    records: String,
    #[serde(flatten)]
    comparison: &'a Comparison,
}

pub(super) fn run(ask: CompareArgs, lang: Lang) -> ExitCode {
    let path = default_path(ask.path);
    let done = match compared(&ask.base, &path, lang) {
        Ok(d) => d,
        Err(said) => return said.fail(lang),
    };
    let now = path.display().to_string();
    let t = done.telling(&now, lang);
    let c = &done.comparison;
    let text = match ask.format {
        CompareFormat::Text => t.text(c),
        CompareFormat::Markdown => t.markdown(c),
        CompareFormat::Json => {
            let doc = Document {
                base: &ask.base,
                records: now.clone(),
                comparison: c,
            };
            match crate::text::json::to_pretty(&doc) {
                Ok(s) => s + "\n",
                Err(e) => return fail(lang, &e.to_string()),
            }
        }
        CompareFormat::Xlsx => {
            let Some(out) = ask.out else {
                return fail(lang, CompareMsg::ErrXlsxNeedsOut.text(lang));
            };
            let bytes = match crate::workbook::contrast::contrast(c, &t) {
                Ok(b) => b,
                Err(e) => return fail(lang, &e.to_string()),
            };
            return match crate::store::out::write_bytes(&out, &bytes) {
                Ok(()) => wrote(&out, lang),
                Err(e) => fail(lang, &e.say(lang)),
            };
        }
    };
    match ask.out {
        Some(out) => match crate::store::out::write_text(&out, &text) {
            Ok(()) => wrote(&out, lang),
            Err(e) => fail(lang, &e.say(lang)),
        },
        None => print(lang, &text),
    }
}

fn wrote(out: &Path, lang: Lang) -> ExitCode {
    let path = visible(&out.display().to_string()).into_owned();
    super::output::say(&CompareMsg::Wrote.fill(lang, &[("path", &path)]));
    ExitCode::SUCCESS
}
