//! What can be changed in an item, and a change asked for: the vocabulary that
//! the board, the command line, the store and the change log share.

use serde::{Deserialize, Serialize};

use crate::domain::model::{Item, Report, Scale};
use crate::i18n::{Lang, Msg};

/// A field of an item that can be changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// 実施区分.
    Phase,
    /// 評価区分.
    Direction,
    /// 実施状況.
    Progress,
    /// 自己評価.
    Assessment,
}

impl Field {
    pub const ALL: [Field; 4] = [
        Field::Phase,
        Field::Direction,
        Field::Progress,
        Field::Assessment,
    ];

    /// The field's name in the records, the change log and `kensho set`.
    pub fn name(self) -> &'static str {
        match self {
            Field::Phase => "phase",
            Field::Direction => "direction",
            Field::Progress => "progress",
            Field::Assessment => "assessment",
        }
    }

    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The field a person calls `name` (spaces trimmed): its name
    /// (`phase`), or its Japanese word, which is for a code the name of its
    /// scale in `report` (実施区分) and for a text the catalogue's (実施状況).
    pub fn named(name: &str, report: &Report) -> Option<Field> {
        let name = name.trim();
        Field::parse(name).or_else(|| {
            Field::ALL
                .into_iter()
                .find(|f| f.label(report, Lang::Ja) == name)
        })
    }

    /// Every name [`Field::named`] takes, for error messages and help.
    pub fn names_in(report: &Report) -> String {
        let japanese = Field::ALL.map(|f| f.label(report, Lang::Ja));
        format!("{}, {}", Field::names(), japanese.join(", "))
    }

    /// The scale whose codes the field holds; `None` for a text.
    pub fn scale(self, report: &Report) -> Option<&Scale> {
        match self {
            Field::Phase => Some(&report.phase_scale),
            Field::Direction => Some(&report.direction_scale),
            Field::Progress | Field::Assessment => None,
        }
    }

    /// The names of every field, for error messages.
    pub fn names() -> String {
        Field::ALL.map(Field::name).join(", ")
    }

    /// Whether the field holds a code of one of the report's scales.
    pub fn is_code(self) -> bool {
        matches!(self, Field::Phase | Field::Direction)
    }

    pub fn get(self, item: &Item) -> String {
        match self {
            Field::Phase => item.phase.0.clone(),
            Field::Direction => item.direction.0.clone(),
            Field::Progress => item.progress.clone(),
            Field::Assessment => item.assessment.clone(),
        }
    }

    pub fn set(self, item: &mut Item, value: String) {
        match self {
            Field::Phase => item.phase.0 = value,
            Field::Direction => item.direction.0 = value,
            Field::Progress => item.progress = value,
            Field::Assessment => item.assessment = value,
        }
    }

    /// The field as people call it: the scale's own name (実施区分, 評価区分)
    /// for codes, the catalogue's word for texts.
    pub fn label(self, report: &Report, lang: Lang) -> String {
        match self {
            Field::Phase => report.phase_scale.name.clone(),
            Field::Direction => report.direction_scale.name.clone(),
            Field::Progress => Msg::Progress.text(lang).to_string(),
            Field::Assessment => Msg::Assessment.text(lang).to_string(),
        }
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One field of one item set to a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub item: String,
    pub field: Field,
    pub value: String,
}

/// A change as a person types it (`kensho set ID FIELD=VALUE`): the item
/// by its id in any ASCII case, the field by any name [`Field::named`]
/// takes, a code as [`Scale::code_of`] reads it. The store reads it into an
/// [`Edit`] against the records as they are under its lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    pub item: String,
    pub field: String,
    pub value: String,
}

/// A save found that someone else changed the field first: the value this
/// side loaded, the value on disk now, and the value it wanted to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub item: String,
    pub field: Field,
    pub seen: String,
    pub theirs: String,
    pub ours: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_serialize_as_in_the_log() {
        for f in Field::ALL {
            assert_eq!(Field::parse(f.name()), Some(f));
            assert_eq!(
                serde_json::to_string(&f).unwrap(),
                format!("\"{}\"", f.name())
            );
        }
        assert_eq!(Field::parse("note"), None);
    }

    #[test]
    fn a_field_is_named_by_its_name_its_scale_or_its_japanese_word() {
        let mut report = Report::default();
        report.phase_scale.name = "実施区分".into();
        report.direction_scale.name = "評価区分".into();
        for (name, field) in [
            ("phase", Field::Phase),
            (" 実施区分 ", Field::Phase),
            ("評価区分", Field::Direction),
            ("実施状況", Field::Progress),
            ("自己評価", Field::Assessment),
            ("assessment", Field::Assessment),
        ] {
            assert_eq!(Field::named(name, &report), Some(field), "{name}");
        }
        assert_eq!(Field::named("Phase", &report), None);
        assert_eq!(Field::named("実施", &report), None);
        // The scales' names are the report's, not words of kensho's own.
        report.phase_scale.name = "時期".into();
        assert_eq!(Field::named("時期", &report), Some(Field::Phase));
        assert_eq!(Field::named("実施区分", &report), None);
        assert_eq!(
            Field::names_in(&report),
            "phase, direction, progress, assessment, 時期, 評価区分, 実施状況, 自己評価"
        );
    }
}
