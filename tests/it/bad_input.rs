//! Every kind of bad input gets a clear error (file, line:column, what is allowed)
//! and leaves every file as it was.

use crate::common;

use std::path::Path;

use kensho::domain::records::load;

/// Edit `file` in a fresh copy of the records, load it, and return the error
/// text; also checks that loading modified nothing.
fn error_after(file: &str, edit: impl FnOnce(&str) -> String) -> (tempfile::TempDir, String) {
    let tmp = common::copy_records();
    let path = tmp.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edit(&text)).unwrap();
    let message = error_of(tmp.path());
    (tmp, message)
}

fn error_of(path: &Path) -> String {
    let dir = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().unwrap().to_path_buf()
    };
    let before = common::snapshot(&dir);
    let err = load(path).expect_err("bad input must not load");
    assert_eq!(before, common::snapshot(&dir), "loading modified a file");
    err.to_string()
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn malformed_ron_names_file_line_column_and_what_was_expected() {
    let (tmp, msg) = error_after("recommendation-2.ron", |t| {
        t.replacen("relisted: false,", "relisted: false", 1)
    });
    let text = std::fs::read_to_string(tmp.path().join("recommendation-2.ron")).unwrap();
    let line = line_of(&text, "relisted: false\n") + 1;
    assert!(
        msg.contains(&format!("recommendation-2.ron:{line}:")),
        "{msg}"
    );
    assert!(msg.to_lowercase().contains("expected"), "{msg}");
}

#[test]
fn an_unclosed_string_is_reported() {
    let (_tmp, msg) = error_after("recommendation-1.ron", |t| {
        t.replacen("title: \"区及び", "title: 区及び", 1)
    });
    assert!(msg.contains("recommendation-1.ron:3:"), "{msg}");
}

#[test]
fn an_unknown_phase_lists_the_allowed_codes() {
    let (tmp, msg) = error_after("recommendation-4.ron", |t| {
        t.replacen("phase: \"A\"", "phase: \"E\"", 1)
    });
    let text = std::fs::read_to_string(tmp.path().join("recommendation-4.ron")).unwrap();
    let line = line_of(&text, "phase: \"E\"");
    assert!(
        msg.contains(&format!("recommendation-4.ron:{line}:")),
        "{msg}"
    );
    assert!(msg.contains("item 4-1-a"), "{msg}");
    assert!(msg.contains("\"E\""), "{msg}");
    assert!(msg.contains("allowed: A, B, C, D"), "{msg}");
}

#[test]
fn an_unknown_direction_lists_the_allowed_codes() {
    let (_tmp, msg) = error_after("recommendation-6.ron", |t| {
        t.replacen("direction: \"II\"", "direction: \"IV\"", 1)
    });
    assert!(msg.contains("allowed: I, II, III"), "{msg}");
    assert!(msg.contains("評価区分"), "{msg}");
}

#[test]
fn another_report_with_other_codes_loads_without_a_code_change() {
    let tmp = common::copy_records();
    let report = tmp.path().join("report.ron");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, text.replace("code: \"D\"", "code: \"Z\"")).unwrap();
    // Items at D are now invalid; move them to the new code and everything loads.
    for n in 1..=7 {
        let f = tmp.path().join(format!("recommendation-{n}.ron"));
        let t = std::fs::read_to_string(&f).unwrap();
        std::fs::write(&f, t.replace("phase: \"D\"", "phase: \"Z\"")).unwrap();
    }
    let records = load(tmp.path()).unwrap();
    assert_eq!(
        records
            .report
            .items()
            .filter(|r| r.item.phase.0 == "Z")
            .count(),
        2
    );
}

#[test]
fn an_unknown_field_is_an_error() {
    let (_tmp, msg) = error_after("recommendation-5.ron", |t| {
        t.replacen("relisted: false,", "relisted: false,\n    owner: \"x\",", 1)
    });
    assert!(msg.contains("recommendation-5.ron:"), "{msg}");
    assert!(msg.contains("owner"), "{msg}");
    assert!(
        msg.contains("relists"),
        "the allowed fields are listed: {msg}"
    );
}

#[test]
fn a_duplicate_id_names_both_places() {
    let (tmp, msg) = error_after("recommendation-7.ron", |t| {
        t.replacen("\"7-1-b\"", "\"1-1-a\"", 1)
    });
    let seven = std::fs::read_to_string(tmp.path().join("recommendation-7.ron")).unwrap();
    let one = std::fs::read_to_string(tmp.path().join("recommendation-1.ron")).unwrap();
    assert!(msg.contains("duplicate id \"1-1-a\""), "{msg}");
    assert!(
        msg.contains(&format!(
            "recommendation-7.ron:{}:",
            line_of(&seven, "\"1-1-a\"")
        )),
        "{msg}"
    );
    assert!(
        msg.contains(&format!(
            "recommendation-1.ron:{}:",
            line_of(&one, "\"1-1-a\"")
        )),
        "{msg}"
    );
}

#[test]
fn a_missing_required_field_is_named() {
    let (_tmp, msg) = error_after("recommendation-3.ron", |t| {
        let start = t.find("                            assessment:").unwrap();
        let end = start + t[start..].find('\n').unwrap() + 1;
        format!("{}{}", &t[..start], &t[end..])
    });
    assert!(msg.contains("recommendation-3.ron:"), "{msg}");
    assert!(msg.contains("assessment"), "{msg}");
}

#[test]
fn an_empty_file_is_an_error() {
    let (_tmp, msg) = error_after("recommendation-2.ron", |_| String::new());
    assert!(
        msg.contains("recommendation-2.ron: the file is empty"),
        "{msg}"
    );
}

#[test]
fn invalid_utf8_is_located() {
    let tmp = common::copy_records();
    let path = tmp.path().join("recommendation-1.ron");
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.windows(5).position(|w| w == b"title").unwrap();
    bytes.insert(at, 0xff);
    std::fs::write(&path, bytes).unwrap();
    let msg = error_of(tmp.path());
    assert!(
        msg.contains("recommendation-1.ron:3:5: the file is not valid UTF-8"),
        "{msg}"
    );
}

#[test]
fn a_folder_with_no_records_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "not records").unwrap();
    let msg = error_of(tmp.path());
    assert!(msg.contains("no records here"), "{msg}");
    // report.ron alone is not a table either.
    std::fs::copy(
        common::records_dir().join("report.ron"),
        tmp.path().join("report.ron"),
    )
    .unwrap();
    assert!(error_of(tmp.path()).contains("no records here"));
}

#[test]
fn a_missing_path_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let err = load(&tmp.path().join("nowhere")).unwrap_err().to_string();
    assert!(err.contains("no such file or folder"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_symlink_in_the_records_folder_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::copy(
        common::records_dir().join("recommendation-1.ron"),
        outside.path().join("evil.ron"),
    )
    .unwrap();
    let tmp = common::copy_records();
    std::fs::remove_file(tmp.path().join("recommendation-1.ron")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("evil.ron"),
        tmp.path().join("recommendation-1.ron"),
    )
    .unwrap();
    let msg = error_of(tmp.path());
    assert!(
        msg.contains("recommendation-1.ron: refused: a symbolic link"),
        "{msg}"
    );
    assert!(msg.contains("evil.ron"), "{msg}");
}

#[cfg(unix)]
#[test]
fn a_symlinked_file_given_as_path_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("real.ron");
    let records = load(&common::records_dir()).unwrap();
    std::fs::write(
        &real,
        kensho::domain::records::to_ron(&records.report).unwrap(),
    )
    .unwrap();
    let link = tmp.path().join("link.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    assert!(load(&real).is_ok());
    let msg = error_of(&link);
    assert!(msg.contains("refused: a symbolic link"), "{msg}");
}

#[test]
fn a_relisted_link_to_nowhere_is_an_error() {
    let (_tmp, msg) = error_after("recommendation-3.ron", |t| {
        t.replacen("relists: Some(\"1-2-c\")", "relists: Some(\"9-9-z\")", 1)
    });
    assert!(
        msg.contains("relists \"9-9-z\", which is not an item id"),
        "{msg}"
    );
}

#[test]
fn an_id_that_cannot_be_typed_is_an_error() {
    let (_tmp, msg) = error_after("recommendation-1.ron", |t| {
        t.replacen("\"1-1-a\"", "\"1-1-ア\"", 1)
    });
    assert!(msg.contains("recommendation-1.ron:"), "{msg}");
    assert!(msg.contains("ASCII"), "{msg}");
}

#[test]
fn all_problems_are_reported_not_only_the_first() {
    let tmp = common::copy_records();
    for (file, from, to) in [
        ("recommendation-1.ron", "phase: \"A\"", "phase: \"Q\""),
        (
            "recommendation-6.ron",
            "direction: \"I\"",
            "direction: \"V\"",
        ),
    ] {
        let p = tmp.path().join(file);
        let t = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, t.replacen(from, to, 1)).unwrap();
    }
    let msg = error_of(tmp.path());
    assert!(msg.contains("\"Q\"") && msg.contains("\"V\""), "{msg}");
}

#[test]
fn a_byte_order_mark_at_the_start_of_a_file_is_accepted() {
    let tmp = common::copy_records();
    for name in ["report.ron", "recommendation-3.ron"] {
        let path = tmp.path().join(name);
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(std::fs::read(&path).unwrap());
        std::fs::write(&path, bytes).unwrap();
    }
    let records = load(tmp.path()).unwrap();
    assert_eq!(records.report.items().count(), 88);
}

#[test]
fn a_duplicate_recommendation_number_is_reported_in_its_own_file() {
    let (tmp, msg) = error_after("recommendation-4.ron", |t| {
        t.replacen("number: 4,", "number: 2,", 1)
    });
    let text = std::fs::read_to_string(tmp.path().join("recommendation-4.ron")).unwrap();
    let line = line_of(&text, "number: 2,");
    assert!(
        msg.contains(&format!("recommendation-4.ron:{line}:")),
        "{msg}"
    );
    assert!(msg.contains("recommendation 2 appears twice"), "{msg}");
}

#[test]
fn a_recommendation_without_points_and_numbers_0_are_rejected() {
    let (_tmp, msg) = error_after("recommendation-7.ron", |t| {
        let start = t.find("points: [").unwrap();
        format!("{}points: [],\n)\n", &t[..start])
    });
    assert!(msg.contains("recommendation 7 has no points"), "{msg}");
    assert!(msg.contains("recommendation-7.ron:1:1"), "{msg}");
    let (_tmp, msg) = error_after("recommendation-5.ron", |t| {
        t.replacen("number: 5,", "number: 0,", 1)
    });
    assert!(msg.contains("numbered 0"), "{msg}");
    assert!(msg.contains("recommendation-5.ron:2:"), "{msg}");
    let (_tmp, msg) = error_after("recommendation-5.ron", |t| {
        t.replacen("number: 2,", "number: 0,", 1)
    });
    assert!(msg.contains("a point is numbered 0"), "{msg}");
}

#[test]
fn ids_made_only_of_punctuation_are_rejected() {
    for bad in ["-", "..", "-1-1-a", "1-1-a."] {
        let (_tmp, msg) = error_after("recommendation-1.ron", |t| {
            t.replacen("id: \"1-1-b\"", &format!("id: \"{bad}\""), 1)
        });
        assert!(msg.contains("is not allowed"), "{bad}: {msg}");
        assert!(msg.contains("recommendation-1.ron:"), "{bad}: {msg}");
    }
}

/// `text` with the list after the first `key: [` emptied (brackets matched,
/// strings skipped).
fn emptied(text: &str, key: &str) -> String {
    let open = text.find(&format!("{key}: [")).unwrap() + key.len() + 2;
    let (mut depth, mut in_string, mut escaped) = (0, false, false);
    for (i, c) in text[open..].char_indices() {
        match (in_string, c) {
            (true, _) if escaped => escaped = false,
            (true, '\\') => escaped = true,
            (true, '"') => in_string = false,
            (true, _) => {}
            (false, '"') => in_string = true,
            (false, '[') => depth += 1,
            (false, ']') => {
                depth -= 1;
                if depth == 0 {
                    return format!("{}[]{}", &text[..open], &text[open + i + 1..]);
                }
            }
            _ => {}
        }
    }
    panic!("no end of {key}");
}

#[test]
fn an_empty_list_of_items_measures_or_departments_is_an_error_at_its_place() {
    for (key, words) in [
        ("departments", "item \"2-1-a\" has no departments"),
        ("items", "a measure of point 2-1 has no items"),
        ("measures", "point 2-1 has no measures"),
    ] {
        let (tmp, msg) = error_after("recommendation-2.ron", |t| emptied(t, key));
        let file = tmp.path().join("recommendation-2.ron");
        assert!(msg.contains(words), "{key}: {msg}");
        assert!(
            msg.contains(&format!("{}:", file.display())),
            "{key}: {msg}"
        );
        let (code, _, err) =
            common::kensho(&["--lang", "ja", "check", tmp.path().to_str().unwrap()]);
        assert_eq!(code, 2, "{key}");
        assert!(err.contains("1 つ以上必要です"), "{key}: {err}");
    }
}
