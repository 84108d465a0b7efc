//! Editing a text in the user's own editor.

use std::io::Write;

use crate::board::work::EditorError;

/// The user's editor: `$VISUAL`, `$EDITOR` or vi.
pub fn users_editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

fn file_error(e: std::io::Error) -> EditorError {
    EditorError::File(std::sync::Arc::new(e))
}

/// Let the user edit `text` with the shell command `editor`, in a temporary
/// file; the text as saved there (one final newline removed).
pub fn edit_in_editor(editor: &str, text: &str) -> Result<String, EditorError> {
    let mut file = tempfile::Builder::new()
        .prefix("kensho-")
        .suffix(".txt")
        .tempfile()
        .map_err(file_error)?;
    file.write_all(text.as_bytes())
        .and_then(|_| file.write_all(b"\n"))
        .and_then(|_| file.flush())
        .map_err(file_error)?;
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()
        .map_err(|e| EditorError::Start {
            editor: editor.to_string(),
            source: std::sync::Arc::new(e),
        })?;
    if !status.success() {
        let status = match status.code() {
            Some(code) => code.to_string(),
            None => status.to_string(),
        };
        return Err(EditorError::Failed {
            editor: editor.to_string(),
            status,
        });
    }
    let edited = std::fs::read_to_string(file.path()).map_err(file_error)?;
    Ok(edited.strip_suffix('\n').unwrap_or(&edited).to_string())
}
