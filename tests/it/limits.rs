//! The code keeps to its own limits: no source file over 500 lines. (No
//! function over 80 lines: clippy's `too_many_lines`, set in clippy.toml and
//! denied in Cargo.toml, run by .ci/run on every target.)

use std::path::{Path, PathBuf};

/// The longest a source file may be.
const MOST_LINES: usize = 500;

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() && !name.starts_with('.') && name != "target" {
            sources(&path, out);
        } else if ["rs", "py", "sh"]
            .iter()
            .any(|ext| path.extension().is_some_and(|e| e == *ext))
        {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_is_over_500_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches", "examples", "tools"] {
        sources(&root.join(dir), &mut files);
    }
    assert!(files.len() > 100, "{} files found", files.len());
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).ok()?.lines().count();
            let shown = f.strip_prefix(root).unwrap_or(f).display();
            (lines > MOST_LINES).then(|| format!("{shown}: {lines} lines"))
        })
        .collect();
    assert!(long.is_empty(), "over {MOST_LINES} lines: {long:?}");
}
