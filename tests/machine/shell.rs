//! The shell around kensho on a real machine: `man -l` lays the page out
//! in both languages without a warning, and bash completes an item's id by
//! asking kensho.

use std::process::Command;

fn kensho(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_kensho"))
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

pub fn man_lays_out_the_page_in_both_languages_without_a_warning() {
    for lang in ["ja", "en"] {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("kensho.1");
        std::fs::write(&page, kensho(&["--lang", lang, "man"])).unwrap();
        for width in ["80", "60"] {
            let out = Command::new("man")
                .arg("-l")
                .arg(&page)
                .env("MANWIDTH", width)
                .env("MAN_KEEP_FORMATTING", "1")
                .env("LANG", "C.UTF-8")
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success() && err.trim().is_empty(),
                "{lang} at {width}: {err}"
            );
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains("kensho"), "{text}");
        }
    }
}

pub fn bash_completes_an_id_by_asking_kensho() {
    let root = env!("CARGO_MANIFEST_DIR");
    let script = format!(
        r#"source <({bin} completions bash)
COMP_WORDS=(kensho set records 1-1); COMP_CWORD=3; COMP_LINE="kensho set records 1-1"
COMP_POINT=${{#COMP_LINE}}; COMP_TYPE=9
_clap_complete_kensho kensho 1-1 records
printf '%s\n' "${{COMPREPLY[@]}}""#,
        bin = env!("CARGO_BIN_EXE_kensho")
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(root)
        .env("XDG_CONFIG_HOME", "/nonexistent/kensho-test-config")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    let ids: Vec<&str> = said.lines().map(str::trim).collect();
    assert_eq!(
        ids,
        ["1-1-a", "1-1-b", "1-1-c", "1-1-d", "1-1-e"],
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
