//! The reading tables are what `tools/readings_tables.py` makes of Debian's
//! unicode-data and mecab-ipadic: run where their files are (installed, or
//! unpacked with `dpkg-deb -x` into the folder `KENSHO_READING_SOURCES`).

use std::path::PathBuf;

/// Unihan_Readings and mecab-ipadic's CSV folder, where they are.
pub fn sources() -> Option<(PathBuf, PathBuf)> {
    let roots: Vec<PathBuf> = std::env::var_os("KENSHO_READING_SOURCES")
        .map(PathBuf::from)
        .into_iter()
        .chain([PathBuf::from("/")])
        .collect();
    roots.iter().find_map(|root| {
        let unihan = root.join("usr/share/unicode/Unihan_Readings.txt.bz2");
        let ipadic = root.join("usr/share/mecab/dic/ipadic");
        (unihan.is_file() && ipadic.join("Noun.csv").is_file()).then_some((unihan, ipadic))
    })
}

pub fn the_tables_are_what_the_script_makes_of_the_debian_files() {
    let (unihan, ipadic) = sources().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let out = std::process::Command::new("python3")
        .arg(format!("{root}/tools/readings_tables.py"))
        .arg("--check")
        .arg(&unihan)
        .arg(&ipadic)
        .arg(format!("{root}/data/readings"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
