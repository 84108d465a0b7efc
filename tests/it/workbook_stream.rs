//! The published workbook is written as it is made, into its file or down
//! a pipe: the same workbook either way, a reader that goes away ends the
//! export quietly, and a write that fails says so and leaves no file.

use std::io::Read;
use std::process::{Command, Stdio};

use kensho::workbook::publish::published;

use crate::common::{self, NO_CONFIG, books};

/// A folder of `items` generated items (`kensho generate`).
fn generated(items: usize) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("r");
    let n = items.to_string();
    let (code, _, err) = common::kensho(&[
        "generate",
        "--items",
        &n,
        "--seed",
        "3",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    tmp
}

fn export(dir: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kensho"));
    c.arg("export")
        .arg(dir)
        .args(["--format", "xlsx"])
        .env("XDG_CONFIG_HOME", NO_CONFIG)
        .env_remove("LANG")
        .env_remove("LC_ALL");
    c
}

#[test]
fn a_workbook_down_a_pipe_is_the_workbook_in_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("table.xlsx");
    let (code, _, err) = books::publish(&common::records_dir(), &file);
    assert_eq!(code, 0, "{err}");
    let piped = export(&common::records_dir()).output().unwrap();
    assert!(piped.status.success());
    let down_the_pipe = tmp.path().join("piped.xlsx");
    std::fs::write(&down_the_pipe, &piped.stdout).unwrap();
    let report = common::books::report_of(&common::records_dir());
    let made = tmp.path().join("made.xlsx");
    std::fs::write(&made, published(report, kensho::i18n::Lang::Ja).unwrap()).unwrap();
    for part in [
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
        "xl/worksheets/sheet3.xml",
    ] {
        let want = books::part(&made, part);
        assert!(books::part(&file, part) == want, "{part} in the file");
        assert!(
            books::part(&down_the_pipe, part) == want,
            "{part} down the pipe"
        );
    }
}

#[test]
fn a_reader_that_goes_away_ends_the_export_quietly() {
    let dir = generated(3_000);
    let mut child = export(&dir.path().join("r"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 2];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe is closed here, long before the workbook is all written.
    assert_eq!(&first, b"PK");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn a_write_that_fails_says_so() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let out = export(&common::records_dir())
        .args(["--lang", "en"])
        .stdout(Stdio::from(full))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("No space left on device"), "{err}");
    // Said once, by kensho: nothing from the zip writer.
    assert!(!err.contains("ZipWriter"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}
