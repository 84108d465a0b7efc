//! `kensho log` as people read it, in both languages, held to golden files
//! (tests/it/golden/log_*.txt; `KENSHO_BLESS=1` writes them anew). The
//! times and the account differ from run to run and are replaced.

use crate::common::{self, NO_CONFIG};

fn run(dir: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kensho"))
        .args(args)
        .current_dir(dir)
        .env("TZ", "Asia/Tokyo")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env("XDG_CONFIG_HOME", NO_CONFIG)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Each change's line with its time and account replaced.
fn steady(text: &str) -> String {
    text.lines()
        .map(|l| match l.split_once("  ") {
            Some((when, rest)) if when.starts_with("20") => {
                let rest = rest.split_once("  ").map_or(rest, |(_, r)| r);
                format!("YYYY-MM-DD hh:mm  WHO  {rest}")
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_log_reads_as_a_record_in_both_languages() {
    let tmp = common::copy_records();
    let d = tmp.path().to_str().unwrap();
    run(
        tmp.path(),
        &[
            "set",
            d,
            "1-1-a",
            "実施区分=B",
            "--reason",
            "本部会議で決定",
        ],
    );
    run(tmp.path(), &["set", d, "1-1-a", "direction=ii"]);
    let old = kensho::domain::records::load(tmp.path()).unwrap();
    let text = old.report.item("1-1-e").unwrap().item.assessment.clone();
    let edited = text.replacen("必要がある", "必要があると判断した", 1);
    run(
        tmp.path(),
        &["set", d, "1-1-e", &format!("assessment={edited}")],
    );
    for lang in ["ja", "en"] {
        assert!(edited != text);
        let shown = steady(&run(tmp.path(), &["--lang", lang, "log", d]));
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/it/golden/log_{lang}.txt"));
        if std::env::var_os("KENSHO_BLESS").is_some() {
            std::fs::write(&file, &shown).unwrap();
        }
        let golden = std::fs::read_to_string(&file).unwrap();
        assert_eq!(shown, golden, "{lang}");
    }
}
