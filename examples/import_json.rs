//! Writes the records folder from the importer's JSON (tools/import_source.py).
//! Used once to create `records/`; kept so the import can be reviewed.
//!
//! cargo run --example import_json -- /tmp/import.json records
// Tests and benchmarks may stop at the first surprise.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::ExitCode;

use kensho::domain::model::Report;
use kensho::domain::records::Records;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(json), Some(dir)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: import_json IMPORT.json RECORDS_DIR");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(json) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{json}: {e}");
            return ExitCode::from(2);
        }
    };
    let report: Report = match serde_json::from_str(&text) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{json}: {e}");
            return ExitCode::from(2);
        }
    };
    let records = Records::in_new_folder(report, dir.into());
    match kensho::store::write_records(&records) {
        Ok(written) => {
            for p in written {
                println!("wrote {}", p.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
