//! Workbooks through the office programs people use: the published table
//! printed by LibreOffice, and a department's survey saved again by
//! LibreOffice or edited by openpyxl, taken back with `kensho import`.

use std::path::Path;
use std::process::Command;

use crate::common::books::{import, log_lines, part, publish, report_of, survey_ids, survey_of};
use crate::common::copy_records;

/// LibreOffice, headless, with a profile of its own under `dir`.
fn soffice(dir: &Path) -> Command {
    let mut cmd = Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        dir.join("lo-profile").display()
    ))
    .arg("--headless");
    cmd
}

pub fn libreoffice_prints_the_published_table_readably() {
    let dir = copy_records();
    let out = dir.path().join("table.xlsx");
    let (code, _, _) = publish(dir.path(), &out);
    assert_eq!(code, 0);
    let status = soffice(dir.path())
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&out)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let text = Command::new("pdftotext")
        .args(["-l", "1"])
        .arg(dir.path().join("table.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let page: String = String::from_utf8_lossy(&text.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let report = report_of(dir.path());
    for expected in [
        report.title.as_str(),
        "該当提言",
        "実施状況",
        "具体的な取組内容（想定を含む）",
    ] {
        assert!(page.contains(expected), "page 1 lacks {expected}: {page}");
    }
    let first = report.items().next().unwrap();
    let start: String = first.item.progress.chars().take(20).collect();
    assert!(
        page.contains(&start),
        "page 1 lacks the first progress: {page}"
    );
}

pub fn a_survey_resaved_by_libreoffice_changes_nothing() {
    let dir = copy_records();
    let file = survey_of(dir.path(), "保) 保健所");
    let out = soffice(dir.path())
        .args(["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir"])
        .arg(dir.path().join("resaved"))
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let resaved = dir.path().join("resaved").join(file.file_name().unwrap());
    let (code, out, err) = import(dir.path(), &resaved, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("0 件の変更（0 項目）、問題 0 件"), "{out}");
}

pub fn a_survey_edited_by_openpyxl_comes_back_with_exactly_its_edits() {
    let dir = copy_records();
    let file = survey_of(dir.path(), "保) 保健所");
    let ids = survey_ids(&file);
    // Two cells and a reason changed by openpyxl.
    let edited = dir.path().join("edited.xlsx");
    let script = format!(
        "import openpyxl\nwb = openpyxl.load_workbook({src:?})\nws = wb['回答']\nws['G4'] = 'C'\nws['H6'] = 'openpyxl で書いた自己評価'\nws['K4'] = '部会で変更'\nwb.save({dst:?})\n",
        src = file.to_str().unwrap(),
        dst = edited.to_str().unwrap()
    );
    let out = Command::new("python3")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let (code, out, err) = import(dir.path(), &edited, &["--apply"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("2 件の変更（2 項目）、問題 0 件"), "{out}");
    let report = report_of(dir.path());
    assert_eq!(report.item(&ids[0]).unwrap().item.phase.as_str(), "C");
    assert_eq!(
        report.item(&ids[2]).unwrap().item.assessment,
        "openpyxl で書いた自己評価"
    );
    let log = log_lines(dir.path());
    assert_eq!(log.len(), 2);
    assert!(log[0]["reason"].as_str().unwrap().starts_with("部会で変更"));
}

/// The minutes as a PDF, made by LibreOffice from the Word document: the
/// heading and an item's name are on the page as text.
pub fn libreoffice_makes_the_minutes_a_pdf() {
    let dir = copy_records();
    let d = dir.path().to_str().unwrap();
    let report = report_of(dir.path());
    let first = report.items().next().unwrap();
    let id = first.item.id.clone();
    let start = kensho::store::meeting::MeetingChange::Start {
        chosen_by: None,
        items: vec![id.clone()],
        zone: Some("Asia/Tokyo".into()),
    };
    let at = ("2026-12-04T05:00:00+00:00", "事務局");
    kensho::store::meeting::change_meeting(dir.path(), &report, "本部会議", &start, at, None)
        .unwrap();
    let out = dir.path().join("minutes.pdf");
    let status = Command::new(env!("CARGO_BIN_EXE_kensho"))
        .args([
            "minutes",
            d,
            "--meeting",
            "本部会議",
            "--format",
            "pdf",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let text = Command::new("pdftotext")
        .arg(&out)
        .arg("-")
        .output()
        .unwrap();
    let page: String = String::from_utf8_lossy(&text.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let words: String = first
        .measure
        .text
        .as_deref()
        .unwrap_or_default()
        .chars()
        .take(12)
        .collect();
    for expected in [
        "本部会議議事要旨",
        "令和8年12月4日（金）14時00分",
        &words,
        &id,
    ] {
        assert!(page.contains(expected), "the PDF lacks {expected}: {page}");
    }
}

/// The text of page `n` (from 1) of `pdf`, as laid out.
fn page_text(pdf: &Path, n: usize) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-f", &n.to_string(), "-l", &n.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every printed page of the table starts with both scales, the headings
/// and its recommendation's band (LibreOffice breaks no page of its own in
/// the middle of a point); the legend prints whole with the page footer;
/// every note prints on the notes' sheet.
pub fn libreoffice_prints_every_page_with_its_context_the_legend_and_the_notes() {
    let dir = copy_records();
    let out = dir.path().join("table.xlsx");
    let (code, _, _) = publish(dir.path(), &out);
    assert_eq!(code, 0);
    let status = soffice(dir.path())
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&out)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let pdf = dir.path().join("table.pdf");
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let pages: usize = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .unwrap();
    let report = report_of(dir.path());
    let mut table_pages = 0;
    let mut all = String::new();
    for n in 1..=pages {
        let text = page_text(&pdf, n);
        all.push_str(&text);
        if !text.contains("【実施区分】A：既に取り組んでいる項目") {
            continue;
        }
        table_pages += 1;
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert!(
            lines.iter().any(|l| l.starts_with("【評価区分】I：")),
            "page {n}: {text}"
        );
        let heading = lines
            .iter()
            .position(|l| l.starts_with("該当提言"))
            .unwrap();
        assert!(
            lines[heading + 1].starts_with("提言"),
            "page {n} does not start at its recommendation's band:\n{text}"
        );
    }
    let breaks = part(&out, "xl/worksheets/sheet1.xml")
        .matches("<brk ")
        .count();
    assert_eq!(
        table_pages,
        breaks + 1,
        "LibreOffice broke no page of its own"
    );
    let flat: String = all.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        flat.contains("【実施区分】具体的な取組の実施・検討の時期"),
        "the legend prints whole"
    );
    assert!(
        flat.contains(&format!("{pages}/{pages}ページ")),
        "the last page has the footer"
    );
    for r in report.items().filter(|r| r.item.note.is_some()) {
        let note = &r.item.note.as_ref().unwrap().ja;
        let start: String = note
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(15)
            .collect();
        assert!(
            flat.contains(&start),
            "{}'s note prints: {start}",
            r.item.id
        );
    }
}
