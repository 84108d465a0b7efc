//! `kensho set` takes what people type (issue 26): the scales' names and the
//! Japanese words as field names, codes folded as `import` folds them, ids
//! in any case; anything else is refused with what is allowed, and nothing
//! is changed or logged.

use crate::common;
use common::run::{kensho_at, log_of, set, text, verify_ok};

use kensho::domain::field::Field;
use kensho::domain::records::load;

/// Phase, direction and progress of item `id` as the records on disk hold them.
fn item_of(dir: &std::path::Path, id: &str) -> (String, String, String) {
    let r = load(dir).unwrap();
    let i = r.report.item(id).unwrap().item.clone();
    (i.phase.0, i.direction.0, i.progress)
}

#[test]
fn set_takes_the_scales_names_and_codes_folded_as_import_folds_them() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    assert_eq!(item_of(dir, "6-1-a").0, "A");
    assert_eq!(item_of(dir, "6-1-a").1, "I");
    // (what is typed, the line printed, field, old, new as logged)
    for (typed, printed, field, old, new) in [
        ("実施区分=B", "6-1-a phase: A -> B", Field::Phase, "A", "B"),
        (
            "direction=ⅱ",
            "6-1-a direction: I -> II",
            Field::Direction,
            "I",
            "II",
        ),
        (
            "評価区分=iii",
            "6-1-a direction: II -> III",
            Field::Direction,
            "II",
            "III",
        ),
        (
            "評価区分=ii",
            "6-1-a direction: III -> II",
            Field::Direction,
            "III",
            "II",
        ),
        ("phase=c", "6-1-a phase: B -> C", Field::Phase, "B", "C"),
        ("phase=Ｂ", "6-1-a phase: C -> B", Field::Phase, "C", "B"),
        (
            " 実施区分 =ｄ",
            "6-1-a phase: B -> D",
            Field::Phase,
            "B",
            "D",
        ),
    ] {
        let before = log_of(dir).len();
        let out = set(dir, &["6-1-a", typed]);
        assert!(out.status.success(), "{typed}: {}", text(&out));
        assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{printed}\n"));
        let log = log_of(dir);
        assert_eq!(log.len(), before + 1, "{typed}: one line");
        let last = log.last().unwrap();
        assert_eq!(
            (
                last.item.as_str(),
                last.field,
                last.old.as_str(),
                last.new.as_str()
            ),
            ("6-1-a", field, old, new),
            "{typed}: the log holds the code as the scale writes it"
        );
    }
    assert_eq!(
        (item_of(dir, "6-1-a").0, item_of(dir, "6-1-a").1),
        ("D".to_string(), "II".to_string())
    );
    verify_ok(dir);
}

#[test]
fn set_takes_an_id_in_any_case_and_the_texts_by_their_japanese_words() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    assert!(
        set(dir, &["6-1-a", "phase=D", "direction=II"])
            .status
            .success()
    );
    // The id in capitals is the item's; the change is logged under its id.
    let out = set(dir, &["6-1-A", "phase=A", "--reason", "大文字"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "6-1-a phase: D -> A\n"
    );
    let last = log_of(dir).pop().unwrap();
    assert_eq!(
        (
            last.item.as_str(),
            last.new.as_str(),
            last.reason.as_deref()
        ),
        ("6-1-a", "A", Some("大文字"))
    );
    // Unchanged says so under the item's own id.
    let out = set(dir, &["6-1-A", "phase=a"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "6-1-a: unchanged\n");
    // The texts by their Japanese words; the output in Japanese names the
    // fields as the records do.
    let d = dir.to_str().unwrap();
    let out = kensho_at(
        dir,
        &[
            "--lang",
            "ja",
            "set",
            d,
            "6-1-A",
            "実施状況=実施した。",
            "自己評価=十分。",
            "評価区分=Ⅰ",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("6-1-a 評価区分: II → I"), "{said}");
    assert!(said.contains("6-1-a 実施状況: "), "{said}");
    let r = load(dir).unwrap();
    let item = r.report.item("6-1-a").unwrap().item;
    assert_eq!(
        (
            item.progress.as_str(),
            item.assessment.as_str(),
            item.direction.0.as_str()
        ),
        ("実施した。", "十分。", "I")
    );
    let fields: Vec<Field> = log_of(dir).iter().rev().take(3).map(|c| c.field).collect();
    assert_eq!(
        fields,
        [Field::Direction, Field::Assessment, Field::Progress]
    );
    verify_ok(dir);
}

#[test]
fn set_refuses_what_is_not_on_the_scale_a_field_or_an_item_and_says_what_is() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let before = common::snapshot(dir);
    for (args, wanted) in [
        (vec!["6-1-a", "実施区分=E"], "allowed: A, B, C, D"),
        (vec!["6-1-a", "phase=Ｅ"], "allowed: A, B, C, D"),
        (vec!["6-1-a", "評価区分=iv"], "allowed: I, II, III"),
        (vec!["6-1-a", "direction=Ⅳ"], "allowed: I, II, III"),
        (
            vec!["6-1-a", "実施=B"],
            "\"実施\" is not a field that can be set; allowed: phase, direction, progress, \
             assessment, 実施区分, 評価区分, 実施状況, 自己評価",
        ),
        (vec!["6-1-a", "Phase=B"], "is not a field that can be set"),
        (
            vec!["6-1-z", "phase=A"],
            "no item has id \"6-1-z\"; did you mean 6-1-a",
        ),
        (vec!["9-9-Z", "phase=A"], "no item has id \"9-9-Z\""),
        (vec!["6-1-ａ", "phase=A"], "no item has id \"6-1-ａ\""),
    ] {
        let out = set(dir, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(wanted), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // In Japanese too, with what is allowed.
    let d = dir.to_str().unwrap();
    let out = kensho_at(dir, &["--lang", "ja", "set", d, "6-1-a", "実施区分=E"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("使える記号: A, B, C, D"), "{err}");
    let after: Vec<_> = common::snapshot(dir)
        .into_iter()
        .filter(|(n, _)| !n.starts_with('.'))
        .collect();
    assert_eq!(before, after, "nothing changed, nothing logged");
}

#[test]
fn the_scales_names_come_from_the_records() {
    let tmp = common::copy_records();
    let dir = tmp.path();
    let header = dir.join("report.ron");
    let was = std::fs::read_to_string(&header).unwrap();
    std::fs::write(
        &header,
        was.replacen("name: \"実施区分\"", "name: \"実施時期\"", 1),
    )
    .unwrap();
    let out = set(dir, &["6-1-a", "実施時期=b"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(item_of(dir, "6-1-a").0, "B");
    let out = set(dir, &["6-1-a", "実施区分=C"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("実施時期, 評価区分, 実施状況, 自己評価"),
        "{err}"
    );
    assert_eq!(item_of(dir, "6-1-a").0, "B");
}

#[test]
fn the_help_of_set_lists_the_forms_in_both_languages() {
    let dir = common::records_dir();
    for (lang, words) in [
        ("en", ["実施区分", "full-width", "6-1-A", "Ｂ or b is B"]),
        ("ja", ["実施区分", "全角・小文字", "6-1-A", "Ｂ や b は B"]),
    ] {
        let out = kensho_at(&dir, &["--lang", lang, "set", "--help"]);
        assert!(out.status.success());
        let help = String::from_utf8_lossy(&out.stdout);
        for w in words {
            assert!(help.contains(w), "{lang}: {w} in\n{help}");
        }
    }
}
