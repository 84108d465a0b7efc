//! Editing a text in the user's own editor.

use std::io::Write;

/// Let the user edit `text` in `$VISUAL`, `$EDITOR` or vi, in a temporary
/// file; the text as saved there (one final newline removed).
pub fn edit_in_editor(text: &str) -> Result<String, String> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let mut file = tempfile::Builder::new()
        .prefix("kensho-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| e.to_string())?;
    file.write_all(text.as_bytes())
        .and_then(|_| file.write_all(b"\n"))
        .and_then(|_| file.flush())
        .map_err(|e| e.to_string())?;
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()
        .map_err(|e| format!("{editor}: {e}"))?;
    if !status.success() {
        return Err(format!("{editor}: {status}"));
    }
    let edited = std::fs::read_to_string(file.path()).map_err(|e| e.to_string())?;
    Ok(edited.strip_suffix('\n').unwrap_or(&edited).to_string())
}
