//! The minutes a secretariat hands out (issue 24): the heading block with
//! the meeting's details, dates in 和暦 and times in the meeting's zone
//! (named once) whatever the machine's, items named as 資料2 names them,
//! 「現状どおり」, remarks and decisions; the same in a Word document (A4,
//! headings, the Japanese font set); hostile text visible in every format.

use std::path::Path;

use crate::common::books::part;
use crate::common::{self, TestBoard};

use kensho::domain::records::load;
use kensho::i18n::Lang;
use kensho::store::meeting::{MeetingChange, change_meeting};

const NAME: &str = "2026-12 本部会議";

/// A meeting held in Japan (the times as a UTC machine writes them):
/// 22:52 to 00:10 the next day, Japan's time.
fn tokyo_meeting(dir: &Path) {
    let report = load(dir).unwrap().report;
    let start = MeetingChange::Start {
        chosen_by: None,
        items: vec!["1-1-a".into(), "1-1-b".into()],
        zone: Some("Asia/Tokyo".into()),
    };
    let at = |t| (t, "事務局");
    change_meeting(
        dir,
        &report,
        NAME,
        &start,
        at("2026-12-04T13:52:00+00:00"),
        None,
    )
    .unwrap();
    let close = MeetingChange::Close;
    change_meeting(
        dir,
        &report,
        NAME,
        &close,
        at("2026-12-04T15:10:00+00:00"),
        None,
    )
    .unwrap();
}

fn minutes(dir: &Path, more: &[&str]) -> String {
    let d = dir.to_str().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kensho"))
        .args(["minutes", d, "--meeting", NAME])
        .args(more)
        .env("TZ", "UTC")
        .env_remove("LANG")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_meeting_held_in_tokyo_reads_in_japans_time_on_a_utc_machine() {
    let tmp = common::copy_records();
    tokyo_meeting(tmp.path());
    let md = minutes(tmp.path(), &[]);
    assert!(
        md.contains(
            "- 日時: 令和8年12月4日（金）22時52分～令和8年12月5日（土）0時10分（西暦2026年12月4日）（時刻は日本時間による）"
        ),
        "{md}"
    );
    assert_eq!(md.matches("日本時間").count(), 1, "the zone is named once");
    let en = minutes(tmp.path(), &["--lang", "en"]);
    assert!(
        en.contains("Friday 4 December 2026 22:52–Saturday 5 December 2026 00:10 (times in Japan time (Asia/Tokyo))"),
        "{en}"
    );
    // The zone set by hand: the times follow it.
    let d = tmp.path().to_str().unwrap();
    let (code, _, err) = common::kensho_in(tmp.path(), &["meetings", "set", NAME, d, "zone=UTC"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        minutes(tmp.path(), &[])
            .contains("13時52分～15時10分（西暦2026年12月4日）（時刻はUTCによる）")
    );
    let (code, _, err) = common::kensho_in(
        tmp.path(),
        &["meetings", "set", NAME, d, "zone=Mars/Olympus"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("Mars/Olympus"), "{err}");
}

/// A meeting run on the board: 1-1-a changed with a reason, 1-1-b left as
/// it is with a remark; details entered; minutes as a Word document.
fn scripted(lang: Lang) -> TestBoard {
    let mut b = TestBoard::on_copy(lang, 100, 30);
    b.keys("M Ctrl-u");
    b.type_text(NAME);
    b.keys("Enter D m");
    b.type_text("国の事業の活用を決定");
    b.keys("Enter r c");
    b.type_text("配置基準を確認すること");
    b.keys("Enter r");
    let d = b.path().to_str().unwrap().to_string();
    let (code, _, err) = common::kensho_in(
        b.path(),
        &[
            "meetings",
            "set",
            NAME,
            &d,
            "place=本庁舎3階 第1会議室",
            "attendees=佐藤 花子、鈴木 一郎",
            "public=no",
            "reason=個人情報を含むため",
        ],
    );
    assert_eq!(code, 0, "{err}");
    b
}

#[test]
fn the_word_document_holds_the_minutes_on_a4_with_headings_and_japanese_fonts() {
    let b = scripted(Lang::Ja);
    let out = b.path().join("minutes.docx");
    minutes(
        b.path(),
        &["--format", "docx", "--out", out.to_str().unwrap()],
    );
    let xml = part(&out, "word/document.xml");
    let text: String = xml
        .split('<')
        .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
        .collect();
    for expected in [
        "2026-12 本部会議 議事要旨",
        "会議の名称",
        "本庁舎3階 第1会議室",
        "非公開（理由: 個人情報を含むため）",
        "佐藤 花子、鈴木 一郎",
        "令和8年",
        "① 取組方針ア 取組(イ)「母子に対する個別支援プランを導入し",
        "結果: 現状どおり（実施区分 A、評価区分 I）",
        "発言要旨: 配置基準を確認すること",
        "決定事項",
        "実施区分を A（既に取り組んでいる項目）から D",
        "（理由: 国の事業の活用を決定）",
    ] {
        assert!(
            text.contains(expected),
            "document.xml lacks {expected}:\n{text}"
        );
    }
    // A4, real headings, the East Asian font set.
    assert!(
        xml.contains(r#"w:w="11906""#) && xml.contains(r#"w:h="16838""#),
        "{xml}"
    );
    assert!(xml.contains(r#"w:pStyle w:val="Heading1""#), "{xml}");
    let styles = part(&out, "word/styles.xml");
    assert!(styles.contains(r#"w:eastAsia="游明朝""#), "{styles}");
    assert!(styles.contains(r#"w:styleId="Heading1""#), "{styles}");
}

#[test]
fn hostile_text_in_every_meeting_field_stays_visible_in_every_format() {
    let b = scripted(Lang::Ja);
    let d = b.path().to_str().unwrap().to_string();
    let evil = "\u{1b}]0;pwn\u{7}<b>&\"'|# *x*\u{1b}[31m\r\n次";
    let args: Vec<String> = [
        "place",
        "attendees",
        "absent",
        "secretariat",
        "reason",
        "documents",
    ]
    .iter()
    .map(|f| format!("{f}={evil}"))
    .collect();
    let mut all = vec!["meetings", "set", NAME, d.as_str()];
    all.extend(args.iter().map(String::as_str));
    let (code, _, err) = common::kensho_in(b.path(), &all);
    assert_eq!(code, 0, "{err}");
    let md = minutes(b.path(), &[]);
    let json = minutes(b.path(), &["--format", "json"]);
    let out = b.path().join("m.docx");
    minutes(
        b.path(),
        &["--format", "docx", "--out", out.to_str().unwrap()],
    );
    let xml = part(&out, "word/document.xml");
    for (what, text) in [("markdown", &md), ("json", &json), ("docx", &xml)] {
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{what}: raw control in\n{text}"
        );
        assert!(
            text.contains("pwn"),
            "{what}: the text is there, made visible"
        );
    }
    // The Word document stays well-formed XML: markup is escaped.
    assert!(
        xml.contains("&lt;b&gt;&amp;") && !xml.contains("<b>&"),
        "{xml}"
    );
    // Markdown: the text cannot make a heading or a table cell of its own.
    assert!(
        md.contains("\\<b\\>") && md.contains("\\|") && md.contains("\\#"),
        "{md}"
    );
}

#[test]
fn a_pdf_without_libreoffice_says_what_to_do_and_writes_nothing() {
    let tmp = common::copy_records();
    tokyo_meeting(tmp.path());
    let out = tmp.path().join("m.pdf");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_kensho"))
        .args([
            "minutes",
            tmp.path().to_str().unwrap(),
            "--meeting",
            NAME,
            "--format",
            "pdf",
            "--out",
        ])
        .arg(&out)
        .env("PATH", "")
        .env_remove("LANG")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("LibreOffice（soffice）") && err.contains("--format docx"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn the_board_takes_a_list_of_attendees_from_the_editor_one_per_line() {
    let mut b = TestBoard::on_copy(Lang::Ja, 100, 30);
    b.keys("M Ctrl-u");
    b.type_text(NAME);
    b.keys("Enter W j Enter");
    b.type_text("佐藤 花子、鈴木 一郎");
    b.keys("Enter");
    // The editor gets one name per line, and adds one.
    let script = b.path().join("editor.sh");
    std::fs::write(&script, "#!/bin/sh\nprintf '田中 次郎\\n' >> \"$1\"\n").unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .unwrap();
    b.rt.use_editor(script.to_str().unwrap());
    b.keys("e");
    let report = load(b.path()).unwrap().report;
    let file = kensho::domain::meeting::meeting_file(b.path(), NAME);
    let meeting = kensho::domain::meeting::load_meeting(&file, &report).unwrap();
    assert_eq!(
        meeting.details.attendees,
        ["佐藤 花子", "鈴木 一郎", "田中 次郎"]
    );
    assert!(
        b.screen().contains("佐藤 花子、鈴木 一郎、田中 次郎"),
        "{}",
        b.screen()
    );
    // Without a meeting, W says so.
    let mut plain = TestBoard::on_copy(Lang::Ja, 100, 30);
    plain.keys("W");
    assert!(
        plain.message().contains("会議が開かれていません"),
        "{}",
        plain.message()
    );
}

#[test]
fn a_meeting_started_on_the_board_keeps_the_configured_zone() {
    let tmp = common::copy_records();
    let records = load(tmp.path()).unwrap();
    let app = kensho::board::app::App::new(records, common::options(Lang::Ja))
        .unwrap()
        .with_zone(Some("Asia/Tokyo".into()));
    let mut b = TestBoard::with(app, None, 100, 30);
    b.keys("M Ctrl-u");
    b.type_text(NAME);
    b.keys("Enter");
    let report = load(tmp.path()).unwrap().report;
    let file = kensho::domain::meeting::meeting_file(tmp.path(), NAME);
    let meeting = kensho::domain::meeting::load_meeting(&file, &report).unwrap();
    assert_eq!(meeting.zone.as_deref(), Some("Asia/Tokyo"));
}
