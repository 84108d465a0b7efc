//! A PDF of a Word document, made by LibreOffice (`soffice --headless
//! --convert-to pdf`) in a folder of its own, with a profile of its own (a
//! LibreOffice the user has open is neither disturbed nor waited for).

use std::path::Path;
use std::process::Command;

/// Why no PDF was made.
#[derive(Debug)]
pub enum OfficeError {
    /// LibreOffice is not installed (no `soffice` to run).
    Missing,
    /// It ran, and made no PDF: what it said.
    Failed(String),
}

/// The bytes of a PDF of the .docx `bytes`.
pub fn pdf_of_docx(bytes: &[u8]) -> Result<Vec<u8>, OfficeError> {
    let failed = |e: std::io::Error| OfficeError::Failed(e.to_string());
    let work = tempfile::tempdir().map_err(failed)?;
    let docx = work.path().join("minutes.docx");
    std::fs::write(&docx, bytes).map_err(failed)?;
    let out = soffice(work.path())
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(work.path())
        .arg(&docx)
        .output();
    let out = match out {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(OfficeError::Missing),
        Err(e) => return Err(failed(e)),
    };
    match std::fs::read(work.path().join("minutes.pdf")) {
        Ok(pdf) if out.status.success() && pdf.starts_with(b"%PDF") => Ok(pdf),
        _ => {
            let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
            let said = if said.is_empty() {
                format!("{}", out.status)
            } else {
                said
            };
            Err(OfficeError::Failed(
                crate::text::visible(&said).into_owned(),
            ))
        }
    }
}

fn soffice(dir: &Path) -> Command {
    let mut cmd = Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    ))
    .arg("--headless")
    .arg("--norestore");
    cmd
}
