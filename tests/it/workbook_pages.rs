//! A table long enough to print on more pages than Excel keeps breaks for
//! (1,023 a sheet) is still published: its first pages break where kensho
//! breaks them, the rest where the spreadsheet does.

use std::io::Read;

use kensho::domain::generate::generate;
use kensho::i18n::Lang;
use kensho::workbook::publish::{MAX_PAGE_BREAKS, published};

#[test]
fn a_table_longer_than_excels_page_breaks_is_still_published() {
    let records = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
    let template = kensho::domain::records::load(&records).unwrap().report;
    let report = generate(&template, 16_000, 7);
    let bytes = published(report, Lang::Ja).expect("the workbook is written");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    let breaks = sheet.matches("<brk ").count();
    assert_eq!(
        breaks, MAX_PAGE_BREAKS,
        "the table must need more pages than that"
    );
}
