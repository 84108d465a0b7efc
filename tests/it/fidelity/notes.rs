//! The rows the source table puts oddly, read as it means them, and the
//! notes that say so, in Japanese and English.

use super::*;

#[test]
fn every_interpreted_row_says_so() {
    let report = load(&common::records_dir()).unwrap().report;
    // Rows read from shifted cells (3-④'s last two, 7-①'s last two), and
    // the places where the source contradicts itself.
    for id in [
        "3-4-c", "3-4-d", "7-1-a2", "7-1-b", "1-4-c", "3-5-d", "3-5-e", "1-3-1", "1-3-2", "2-1-d",
        "2-1-e", "2-1-f", "5-4-b", "6-1-b", "6-1-b2",
    ] {
        let r = report.item(id).unwrap();
        assert!(r.item.note.is_some(), "{id} has no note");
    }
    let labels: Vec<_> = report
        .recommendations
        .iter()
        .flat_map(|r| r.points.iter())
        .map(|p| p.policy.label.as_str())
        .collect();
    assert!(
        labels.iter().all(|l| "アイウエオ".contains(l)),
        "{labels:?}"
    );
    for m in report
        .recommendations
        .iter()
        .flat_map(|r| r.points.iter())
        .flat_map(|p| p.measures.iter())
    {
        if let Some(l) = &m.label {
            assert!("アイウエオカキク".contains(l.as_str()), "label {l}");
        }
    }
}

fn source_lines() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records/source/shiryo2.txt");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// The cells of a source line, trimmed.
fn cells(line: &str) -> Vec<String> {
    line.split('\t').map(|c| c.trim().to_string()).collect()
}

/// A cell's text without its measure label (`(7) `, `(4) `, `(I) `).
fn without_label(cell: &str) -> String {
    match cell.find(") ") {
        Some(i) if cell.starts_with('(') && i < 6 => cell[i + 2..].to_string(),
        _ => cell.to_string(),
    }
}

#[test]
fn seven_one_is_read_as_the_source_means_it() {
    let lines = source_lines();
    // Lines 494 and 495: the rows after (ア)'s first, each one cell short
    // (the phase where the progress goes).
    let (second, third) = (cells(&lines[493]), cells(&lines[494]));
    assert!(second[3].starts_with("(7) ") && third[3].starts_with("(4) "));
    assert!(
        ["A", "B", "C", "D"].contains(&second[4].as_str()),
        "{second:?}"
    );
    let report = load(&common::records_dir()).unwrap().report;
    let point = &report.recommendations[6].points[0];
    let labels: Vec<Option<&str>> = point.measures.iter().map(|m| m.label.as_deref()).collect();
    assert_eq!(
        labels,
        [Some("ア"), Some("イ")],
        "7-① has measures (ア) and (イ)"
    );
    // Line 494 reports what was done: a second progress row of (ア).
    let a = &point.measures[0];
    let ids: Vec<&str> = a.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["7-1-a", "7-1-a2"]);
    let row = &a.items[1];
    assert_eq!(row.progress, without_label(&second[3]));
    assert_eq!(
        (row.phase.as_str(), row.direction.as_str()),
        (second[4].as_str(), second[6].as_str())
    );
    assert_eq!(row.assessment, second[5]);
    // Line 495 is an intention: measure (イ), with no progress.
    let b = &point.measures[1];
    assert_eq!(b.text.as_deref(), Some(without_label(&third[3]).as_str()));
    let ids: Vec<&str> = b.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["7-1-b"]);
    assert!(b.items[0].progress.is_empty());
    assert_eq!(b.items[0].assessment, third[5]);
    // The notes say so, in both languages.
    let note = row.note.as_ref().unwrap();
    assert!(
        note.en.contains("line 494") && note.en.contains("second progress row of measure (ア)")
    );
    assert!(note.ja.contains("494行目") && note.ja.contains("2件目の実施状況"));
    let b_note = b.items[0].note.as_ref().unwrap();
    assert!(b_note.en.contains("line 495") && b_note.en.contains("read as measure (イ)"));
    assert!(b_note.ja.contains("495行目") && b_note.ja.contains("取組内容(イ)"));
    // Both lines look alike, and both notes say so in the same words: the
    // labelled text in the measure column, the cells from the phase on one
    // column left. For (イ) the progress cell is what is missing.
    for n in [note, b_note] {
        assert!(
            n.en.contains("the cells from the phase on stand one column left")
                && n.ja.contains("実施区分以降の欄が1列ずつ左にずれている"),
            "{n:?}"
        );
    }
    assert!(
        b_note.en.contains("the progress cell is missing")
            && b_note.ja.contains("実施状況の欄が欠けている")
    );
    assert!(!b_note.en.contains("whole row") && !b_note.ja.contains("行全体"));
}

#[test]
fn the_notes_of_3_4_c_and_3_4_d_say_where_the_source_puts_the_text() {
    let lines = source_lines();
    let report = load(&common::records_dir()).unwrap().report;
    let find = |id: &str| {
        let text = report.item(id).unwrap().measure.text.clone().unwrap();
        let n = lines
            .iter()
            .position(|l| l.contains(&text))
            .unwrap_or_else(|| panic!("{id}'s measure is not in the source"));
        (
            cells(&lines[n]),
            report.item(id).unwrap().item.note.clone().unwrap(),
        )
    };
    // 3-4-c: the fourth cell, where the rows above have their progress.
    let (c, note) = find("3-4-c");
    assert!(
        c[..3].iter().all(String::is_empty) && c[3].starts_with("(7) "),
        "{c:?}"
    );
    assert!(note.en.contains("fourth cell") && note.ja.contains("4番目の欄"));
    // 3-4-d: the first cell of its line.
    let (d, note) = find("3-4-d");
    assert!(d[0].starts_with("(I) "), "{d:?}");
    assert!(note.en.contains("first cell of its line") && note.ja.contains("最初の欄"));
    assert!(!note.en.contains("progress column"));
}

#[test]
fn the_oddities_of_the_source_carry_notes() {
    let report = load(&common::records_dir()).unwrap().report;
    let item = |id: &str| report.item(id).unwrap();
    // 2-1-e and 2-1-f print one measure text.
    assert_eq!(item("2-1-e").measure.text, item("2-1-f").measure.text);
    for id in ["2-1-e", "2-1-f"] {
        assert!(
            item(id)
                .item
                .note
                .as_ref()
                .unwrap()
                .en
                .contains("same measure text"),
            "{id}"
        );
    }
    // 2-1-e's texts answer 2-1-d's measure.
    let d_measure = item("2-1-d").measure.text.clone().unwrap();
    assert!(d_measure.starts_with("特定妊婦"));
    assert!(item("2-1-e").item.assessment.starts_with("特定妊婦"));
    assert!(
        item("2-1-e")
            .item
            .note
            .as_ref()
            .unwrap()
            .en
            .contains("answer measure (エ), 2-1-d")
    );
    // 6-1-b's progress fits (ア); the 自立援助ホーム progress is on 6-1-b2.
    assert!(item("6-1-b").item.progress.contains("若年女性"));
    assert!(item("6-1-b2").item.progress.contains("自立援助ホーム"));
    assert!(
        item("6-1-b")
            .item
            .note
            .as_ref()
            .unwrap()
            .en
            .contains("fit measure (ア)")
    );
    // Policy 3-① repeats 1-②'s self-assessment word for word.
    let policy = |r: usize, p: usize| &report.recommendations[r - 1].points[p - 1].policy;
    assert_eq!(policy(3, 1).assessment, policy(1, 2).assessment);
    assert!(
        policy(3, 1)
            .note
            .as_ref()
            .unwrap()
            .en
            .contains("word for word")
    );
    assert!(
        policy(1, 2)
            .note
            .as_ref()
            .unwrap()
            .en
            .contains("word for word")
    );
    // 3-5-e's measure, progress and self-assessment are one text.
    let e = item("3-5-e");
    assert_eq!(e.measure.text.as_deref(), Some(e.item.progress.as_str()));
    assert_eq!(e.item.assessment, e.item.progress);
    assert!(
        e.item
            .note
            .as_ref()
            .unwrap()
            .en
            .contains("measure, progress and self-assessment")
    );
    // 1-3-2's progress reads like a measure.
    assert!(item("1-3-2").item.progress.ends_with("設定する。"));
    assert!(
        item("1-3-2")
            .item
            .note
            .as_ref()
            .unwrap()
            .en
            .contains("reads like a measure")
    );
}

#[test]
fn the_oddities_of_3_5_d_and_5_4_b_carry_notes() {
    let report = load(&common::records_dir()).unwrap().report;
    let item = |id: &str| report.item(id).unwrap();
    // 3-5-d's self-assessment is 1-3-1's but for one 「を」, and 3-5-e's
    // repeated text reads as 3-5-d's own.
    let d = item("3-5-d");
    assert_ne!(d.item.assessment, item("1-3-1").item.assessment);
    assert_eq!(
        d.item.assessment,
        item("1-3-1")
            .item
            .assessment
            .replace("行っているかを確認", "行っているか確認")
    );
    let note = d.item.note.as_ref().unwrap();
    assert!(note.en.contains("self-assessment of 1-3-1") && note.en.contains("3-5-e"));
    assert!(note.ja.contains("1-3-1の自己評価") && note.ja.contains("3-5-e"));
    assert!(
        item("1-3-1")
            .item
            .note
            .as_ref()
            .unwrap()
            .en
            .contains("3-5-d")
    );
    assert!(
        item("3-5-e")
            .item
            .note
            .as_ref()
            .unwrap()
            .en
            .contains("3-5-d")
    );
    // 5-4-b is 【再掲】 of 5-2-c, but its progress is longer and its
    // departments differ.
    let (b, c) = (item("5-4-b"), item("5-2-c"));
    assert_eq!(b.item.relists.as_deref(), Some("5-2-c"));
    let bare = |s: &str| s.replace("【再掲】", "");
    assert_ne!(bare(&b.item.progress), c.item.progress);
    assert!(bare(&b.item.progress).ends_with("全区で共有していくことで取組を広げていく。"));
    assert_ne!(b.item.departments, c.item.departments);
    let note = b.item.note.as_ref().unwrap();
    assert!(note.en.contains("5-2-c") && note.en.contains("子) 児童相談所"));
    assert!(note.ja.contains("5-2-c") && note.ja.contains("子) 児童相談所"));
}

#[test]
fn every_note_exists_in_japanese_and_english() {
    let report = load(&common::records_dir()).unwrap().report;
    let mut notes: Vec<(String, kensho::domain::model::Note)> = Vec::new();
    for rec in &report.recommendations {
        for p in &rec.points {
            notes.extend(
                p.policy
                    .note
                    .clone()
                    .map(|n| (format!("policy {}-{}", rec.number, p.number), n)),
            );
        }
    }
    notes.extend(
        report
            .items()
            .filter_map(|r| r.item.note.clone().map(|n| (r.item.id.clone(), n))),
    );
    assert!(notes.len() >= 30, "{}", notes.len());
    for (owner, note) in notes {
        let japanese = note
            .ja
            .chars()
            .filter(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
            .count();
        assert!(
            japanese * 2 > note.ja.chars().count(),
            "{owner}: the Japanese note is not Japanese: {}",
            note.ja
        );
        let ascii = note.en.chars().filter(char::is_ascii).count();
        assert!(
            ascii * 3 > note.en.chars().count() * 2,
            "{owner}: the English note is not English: {}",
            note.en
        );
    }
    // And a note missing a language is an error where it stands.
    let dir = common::copy_records();
    let file = dir.path().join("recommendation-7.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    let start = text
        .find("en: \"In the text extraction (line 494)")
        .unwrap();
    let end = start + text[start..].find('\n').unwrap();
    let broken = format!("{}en: \"\",{}", &text[..start], &text[end..]);
    std::fs::write(&file, broken).unwrap();
    let err = load(dir.path()).unwrap_err().say(kensho::i18n::Lang::En);
    assert!(
        err.contains("recommendation-7.ron:") && err.contains("7-1-a2: its note has no en text"),
        "{err}"
    );
}

#[test]
fn the_notes_say_where_their_line_numbers_and_misread_labels_come_from() {
    let report = load(&common::records_dir()).unwrap().report;
    let lines = source_lines();
    let mut notes: Vec<(String, kensho::domain::model::Note)> = Vec::new();
    for rec in &report.recommendations {
        for p in &rec.points {
            if let Some(n) = &p.policy.note {
                notes.push((format!("policy {}-{}", rec.number, p.number), n.clone()));
            }
        }
    }
    notes.extend(
        report
            .items()
            .filter_map(|r| r.item.note.clone().map(|n| (r.item.id.clone(), n))),
    );
    for (owner, note) in &notes {
        // A line number is a line of the text extraction, and it exists.
        let cited: Vec<usize> = note
            .ja
            .split("行目")
            .filter_map(|s| {
                let digits: String = s.chars().rev().take_while(char::is_ascii_digit).collect();
                digits.chars().rev().collect::<String>().parse().ok()
            })
            .collect();
        if !cited.is_empty() {
            assert!(note.ja.contains("テキスト抽出"), "{owner}: {}", note.ja);
            assert!(note.en.contains("text extraction"), "{owner}: {}", note.en);
        }
        for n in cited {
            assert!((1..=lines.len()).contains(&n), "{owner}: line {n}");
            assert!(
                note.en.contains(&n.to_string()),
                "{owner}: line {n} only in Japanese"
            );
        }
        // Labels misread by the extraction are called so, not printed.
        for misread in ["「(7)」", "「(4)」", "「(I)」", "「Ⅱ」", "「工」"] {
            if note.ja.contains(misread) {
                assert!(note.ja.contains("誤抽出"), "{owner}: {}", note.ja);
                assert!(
                    note.en.contains("extraction") && !note.en.contains("prints"),
                    "{owner}: {}",
                    note.en
                );
            }
        }
        // The register of a 資料's 備考.
        for word in [
            "として読んだ",
            "公表されたとおり",
            "独自の",
            "直下の",
            "空にした",
        ] {
            assert!(!note.ja.contains(word), "{owner}: {word} in {}", note.ja);
        }
    }
}
