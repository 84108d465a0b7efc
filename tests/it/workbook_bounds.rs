//! A returned workbook is read within bounds: a zip bomb, a part too large
//! or a string longer than a cell is refused before it is unpacked; a
//! formula is a problem, never an empty answer; a row of an item that is
//! not the department's is a problem.

use crate::common;

use common::books::*;
use common::copy_records;

use std::path::Path;

/// A part of a hand-made ZIP: stored as it is, or deflated already.
enum Part {
    Stored(Vec<u8>),
    Deflated { data: Vec<u8>, crc: u32, size: u32 },
}

/// A ZIP file of `parts`, written by hand (the declared sizes are the true
/// ones: a bomb is a bomb for its content, not for lying about it).
fn zip_of(parts: Vec<(String, Part)>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let count = parts.len() as u16;
    for (name, part) in parts {
        let (method, data, crc, size) = match part {
            Part::Stored(data) => {
                let crc = crc32fast::hash(&data);
                let size = data.len() as u32;
                (0u16, data, crc, size)
            }
            Part::Deflated { data, crc, size } => (8u16, data, crc, size),
        };
        let offset = out.len() as u32;
        let fields = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes());
            v.extend_from_slice(&method.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes());
            v.extend_from_slice(&0x21u16.to_le_bytes());
            v.extend_from_slice(&crc.to_le_bytes());
            v.extend_from_slice(&(data.len() as u32).to_le_bytes());
            v.extend_from_slice(&size.to_le_bytes());
            v.extend_from_slice(&(name.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes());
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        fields(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&data);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        fields(&mut central);
        central.extend_from_slice(&[0u8; 8]);
        central.extend_from_slice(&0u32.to_le_bytes()[..2]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let at = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0u8; 4]);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// `text` deflated as blocks that stand on their own (a sync flush: no
/// reference before their start), so that copies of them may follow each
/// other; the last with `finish`.
fn deflated(text: &[u8], finish: bool) -> Vec<u8> {
    let mut c = flate2::Compress::new(flate2::Compression::best(), false);
    let mut out = Vec::with_capacity(text.len() + 64);
    let flush = if finish {
        flate2::FlushCompress::Finish
    } else {
        flate2::FlushCompress::Sync
    };
    c.compress_vec(text, &mut out, flush).unwrap();
    out
}

/// An XML part of `prefix`, about `mib` MiB of `unit` over and over, and
/// `suffix`, deflated in a few milliseconds (a MiB compressed once, its
/// blocks copied).
fn bomb(prefix: &str, unit: &str, mib: u32, suffix: &str) -> Part {
    let chunk = unit.repeat((1 << 20) / unit.len()).into_bytes();
    let block = deflated(&chunk, false);
    let mut data = deflated(prefix.as_bytes(), false);
    let mut crc = crc32fast::Hasher::new();
    crc.update(prefix.as_bytes());
    let mut one = crc32fast::Hasher::new();
    one.update(&chunk);
    for _ in 0..mib {
        data.extend_from_slice(&block);
        crc.combine(&one);
    }
    data.extend_from_slice(&deflated(suffix.as_bytes(), true));
    crc.update(suffix.as_bytes());
    Part::Deflated {
        data,
        crc: crc.finalize(),
        size: (prefix.len() + suffix.len() + chunk.len() * mib as usize) as u32,
    }
}

/// The parts of the workbook at `path`, each stored, but those named in
/// `replaced`.
fn parts_with(path: &Path, mut replaced: Vec<(&str, Part)>) -> Vec<u8> {
    use std::io::Read;
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        let part = match replaced.iter().position(|(n, _)| *n == name) {
            Some(k) => replaced.swap_remove(k).1,
            None => Part::Stored(content),
        };
        parts.push((name, part));
    }
    parts.extend(replaced.into_iter().map(|(n, p)| (n.to_string(), p)));
    zip_of(parts)
}

const SST: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;

/// `import --apply` of `book` in `lang` fails saying `words`, and takes
/// nothing in.
fn refused(dir: &Path, book: &Path, lang: &str, words: &[&str]) {
    let before = common::snapshot(dir);
    let (code, out, err) = common::kensho(&[
        "--lang",
        lang,
        "import",
        book.to_str().unwrap(),
        dir.to_str().unwrap(),
        "--apply",
    ]);
    assert_eq!(code, 2, "{out}{err}");
    for w in words {
        assert!(err.contains(w), "{w}: {err}");
    }
    assert_eq!(common::snapshot(dir), before, "nothing taken in");
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    let dir = copy_records();
    let file = survey_of(dir.path(), "保) 保健所");
    // One string of 300 MiB: a file of 300 KB.
    let book = dir.path().join("bomb.xlsx");
    let one = bomb(&format!("{SST}<si><t>"), "a", 300, "</t></si></sst>");
    let bytes = parts_with(&file, vec![("xl/sharedStrings.xml", one)]);
    assert!(bytes.len() < 1 << 20, "{} bytes", bytes.len());
    std::fs::write(&book, &bytes).unwrap();
    refused(
        dir.path(),
        &book,
        "en",
        &["xl/sharedStrings.xml", "more than 32767 characters"],
    );
    // Millions of small strings: 200 MiB in one part.
    let many = bomb(SST, "<si><t>a</t></si>", 200, "</sst>");
    std::fs::write(
        &book,
        parts_with(&file, vec![("xl/sharedStrings.xml", many)]),
    )
    .unwrap();
    refused(
        dir.path(),
        &book,
        "ja",
        &["xl/sharedStrings.xml", "展開すると 128 MiB を超えます"],
    );
    // Three parts of 100 MiB each: each within bounds, the whole not.
    let book = dir.path().join("parts.xlsx");
    let big = |_| bomb("<x>", "a", 100, "</x>");
    let parts: Vec<(&str, Part)> = ["xl/a.xml", "xl/b.xml", "xl/c.xml"]
        .into_iter()
        .map(|n| (n, big(n)))
        .collect();
    std::fs::write(&book, parts_with(&file, parts)).unwrap();
    refused(dir.path(), &book, "en", &["unpacks to more than 256 MiB"]);
}

#[test]
fn a_string_longer_than_a_cell_is_refused() {
    let dir = copy_records();
    let file = survey_of(dir.path(), "保) 保健所");
    let long = "長".repeat(40_000);
    edit_cells(&file, &[("F4", &long)]);
    for (lang, words) in [
        ("en", "more than 32767 characters"),
        ("ja", "32767 文字を超える文字列があります"),
    ] {
        refused(
            dir.path(),
            &file,
            lang,
            &["xl/worksheets/sheet1.xml", words],
        );
    }
}

#[test]
fn a_formula_is_a_problem_never_an_empty_answer() {
    let dir = copy_records();
    let file = survey_of(dir.path(), "保) 保健所");
    let ids = survey_ids(&file);
    let before = report_of(dir.path());
    // As openpyxl writes a formula: no value kept; and one with its value.
    rewrite_part(&file, "xl/worksheets/sheet1.xml", |xml| {
        let swap = |xml: String, cell: &str, new: &str| {
            let start = xml.find(&format!("<c r=\"{cell}\"")).unwrap();
            let end = start + xml[start..].find("</c>").unwrap() + 4;
            format!("{}{new}{}", &xml[..start], &xml[end..])
        };
        let xml = swap(xml, "F4", r#"<c r="F4"><f>B4&amp;"x"</f></c>"#);
        swap(xml, "G5", r#"<c r="G5" t="str"><f>"B"</f><v>B</v></c>"#)
    });
    let (code, out, err) = import(dir.path(), &file, &["--apply"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("回答!F4: 数式が入っています"), "{out}");
    assert!(out.contains("回答!G5: 数式が入っています"), "{out}");
    let after = report_of(dir.path());
    for id in &ids[..2] {
        assert_eq!(after.item(id).unwrap().item, before.item(id).unwrap().item);
    }
}

#[test]
fn rows_of_items_not_the_departments_are_problems() {
    let dir = copy_records();
    let file = survey_of(dir.path(), "保) 保健所");
    let report = report_of(dir.path());
    let ids = survey_ids(&file);
    let other = "子) 児童相談所";
    let row = ids
        .iter()
        .position(|id| {
            !report
                .item(id)
                .unwrap()
                .item
                .departments
                .iter()
                .any(|d| d == other)
        })
        .unwrap();
    let id = &ids[row];
    let new = other_phase(&report, &report.item(id).unwrap().item.phase.0);
    edit_cells(&file, &[(&format!("G{}", row + 4), &new)]);
    // The hidden sheet made to claim another department.
    edit_part(&file, "xl/worksheets/sheet2.xml", &[("B4", other)]);
    let (code, out, err) = import(dir.path(), &file, &["--apply"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains(&format!("項目 {id} は「{other}」の担当ではありません")),
        "{out}"
    );
    assert_eq!(
        report_of(dir.path()).item(id).unwrap().item.phase,
        report.item(id).unwrap().item.phase
    );
}

#[test]
fn a_department_name_too_long_for_a_file_name_still_gets_its_workbook() {
    let dir = copy_records();
    let long = "部".repeat(85);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(
                &path,
                text.replace("\"保) 保健所\"", &format!("\"{long}\"")),
            )
            .unwrap();
        }
    }
    let out = dir.path().join("out");
    let (code, stdout, err) = common::kensho(&[
        "--lang",
        "ja",
        "survey",
        dir.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let name = kensho::workbook::survey::file_name(&long);
    assert!(out.join(&name).exists(), "{stdout}");
    let back = out.join(&name);
    assert_eq!(survey_ids(&back).len(), 19);
}
