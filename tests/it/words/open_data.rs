//! The open data's failures, its check's findings and the errors of the
//! report's metadata, said in both languages (as [`super::failures`]).

use super::failures::{both, io, path};

#[test]
fn every_failure_of_the_open_data_is_said_in_both_languages() {
    use kensho::domain::error::{LoadError, Location, Problem};
    use kensho::domain::opendata::OpenDataError;
    use kensho::i18n::BookMsg;
    use kensho::store::out::OutError;
    let at = Location {
        path: path(),
        line: 5,
        column: 5,
    };
    let problems = [
        Problem::OrganisationCode {
            code: "011003".into(),
            expected: Some(2),
        },
        Problem::OrganisationCode {
            code: "11002".into(),
            expected: None,
        },
        Problem::AsOf {
            date: "2021-02-30".into(),
        },
    ];
    for problem in problems {
        let e = LoadError::Invalid {
            at: at.clone(),
            problem,
        };
        both(&format!("{e:?}"), |lang| e.say(lang));
    }
    let errors = [
        OpenDataError::NoOrganisation {
            missing: vec!["organisation", "organisation_code"],
        },
        OpenDataError::NoNumber {
            ids: vec!["x1".into()],
        },
    ];
    for e in errors {
        both(&format!("{e:?}"), |lang| e.say(lang));
    }
    let folder = OutError::Folder {
        path: path(),
        source: io(std::io::ErrorKind::PermissionDenied),
    };
    both("folder", |lang| folder.say(lang));
    for m in [
        BookMsg::ErrOpenDataOut,
        BookMsg::WarnNoDate,
        BookMsg::ArgBom,
    ] {
        both(m.name(), |lang| m.text(lang).to_string());
    }
    both("not for the format", |lang| {
        BookMsg::ErrNotForFormat.fill(lang, &[("option", &"--bom"), ("format", &"csv")])
    });
    both("own check", |lang| {
        BookMsg::ErrOwnCheck.fill(lang, &[("findings", &"b.csv")])
    });
}

#[test]
fn every_finding_of_the_open_data_check_is_said_in_both_languages() {
    use kensho::domain::opendata::check::{Finding, Kind};
    let v = || "X1".to_string();
    let kinds = [
        Kind::NotUtf8 { at: 3 },
        Kind::NoColumn,
        Kind::Ragged {
            cells: 3,
            expected: 8,
        },
        Kind::LineBreak,
        Kind::Control,
        Kind::Blank,
        Kind::Code { value: v() },
        Kind::Date { value: v() },
        Kind::Number { value: v() },
        Kind::Flag { value: v() },
        Kind::NotCode { value: v() },
        Kind::NameIsCode,
        Kind::DuplicateNo {
            value: v(),
            first: 2,
        },
        Kind::UnknownNo {
            value: v(),
            file: "a.csv".into(),
        },
    ];
    for kind in kinds {
        for column in [None, Some("C1".to_string())] {
            let f = Finding {
                file: "b.csv".into(),
                row: 3,
                column,
                kind: kind.clone(),
            };
            both(&format!("{f:?}"), |lang| f.say(lang));
        }
    }
}
