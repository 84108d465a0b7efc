//! The CSV holds the whole table: read back by a small reader that knows
//! only the CSV's columns, it gives every recommendation, point, policy,
//! measure and item of the bundled records again, word for word, in both
//! the Japanese and the English file; and no cell holds a line break.

use crate::common::{self, kensho};

use kensho::domain::export::CSV_COLUMNS;
use kensho::domain::model::{
    Direction, Item, Measure, Note, Phase, Point, Policy, Recommendation, Report,
};
use kensho::domain::records::load;
use kensho::i18n::Lang;

/// The Japanese headings, in the order of [`CSV_COLUMNS`].
const JA: [&str; 19] = [
    "ID",
    "提言",
    "提言名",
    "該当提言",
    "該当提言名",
    "取組方針の記号",
    "取組方針",
    "取組方針に対する自己評価",
    "取組方針の注",
    "取組の記号",
    "具体的な取組内容（想定を含む）",
    "実施状況",
    "実施区分",
    "自己評価",
    "評価区分",
    "担当部",
    "再掲",
    "再掲元",
    "注",
];

/// ① … ⑳ as 1 … 20.
fn uncircled(text: &str) -> u32 {
    let mut chars = text.chars();
    let c = chars.next().unwrap();
    assert!(chars.next().is_none(), "{text}");
    assert!(('①'..='⑳').contains(&c), "{text}: not ①…⑳");
    c as u32 - '①' as u32 + 1
}

fn some(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}

/// A note read back: the CSV holds it in one language.
fn note(text: &str) -> Option<Note> {
    some(text).map(|t| Note {
        ja: t.clone(),
        en: t,
    })
}

/// The table built again from a CSV with Japanese (`ja`) or English headings.
fn rebuilt(csv: &str, ja: bool) -> Vec<Recommendation> {
    assert!(csv.starts_with('\u{feff}'));
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let names: Vec<&str> = if ja {
        JA.to_vec()
    } else {
        CSV_COLUMNS.to_vec()
    };
    let at: Vec<usize> = names
        .iter()
        .map(|n| headers.iter().position(|h| h == *n).unwrap())
        .collect();
    let mut recs: Vec<Recommendation> = Vec::new();
    for row in reader.records() {
        let row = row.unwrap();
        let get = |k: usize| row[at[k]].to_string();
        for cell in row.iter() {
            assert!(!cell.contains(['\n', '\r']), "a line break in {cell:?}");
        }
        let number: u32 = get(1).parse().unwrap();
        if recs.last().map(|r| r.number) != Some(number) {
            recs.push(Recommendation {
                number,
                title: get(2),
                points: Vec::new(),
            });
        }
        let points = &mut recs.last_mut().unwrap().points;
        let point = if ja {
            uncircled(&get(3))
        } else {
            get(3).parse().unwrap()
        };
        if points.last().map(|p| p.number) != Some(point) {
            points.push(Point {
                number: point,
                title: get(4),
                policy: Policy {
                    label: get(5),
                    text: get(6),
                    assessment: get(7),
                    note: note(&get(8)),
                },
                measures: Vec::new(),
            });
        }
        let measures = &mut points.last_mut().unwrap().measures;
        let (label, text) = (some(&get(9)), some(&get(10)));
        // A new measure where the label or the text changes.
        if measures.last().map(|m| (&m.label, &m.text)) != Some((&label, &text)) {
            measures.push(Measure {
                label,
                text,
                items: Vec::new(),
            });
        }
        let (separator, yes, no) = if ja {
            ("、", "○", "")
        } else {
            ("; ", "yes", "no")
        };
        let relisted = get(16);
        assert!(relisted == yes || relisted == no, "{relisted:?}");
        measures.last_mut().unwrap().items.push(Item {
            id: get(0),
            progress: get(11),
            phase: Phase(get(12)),
            assessment: get(13),
            direction: Direction(get(14)),
            departments: get(15).split(separator).map(String::from).collect(),
            // How the printed table merges the departments' cells is the
            // workbook's layout, not data: a CSV does not carry it.
            departments_merged: false,
            relisted: relisted == yes,
            relists: some(&get(17)),
            note: note(&get(18)),
        });
    }
    recs
}

/// The bundled records with every note in `lang` only, as a CSV holds them.
fn expected(lang: Lang) -> Report {
    let mut report = load(&common::records_dir()).unwrap().report;
    let one = |n: &mut Option<Note>| {
        if let Some(n) = n {
            let t = n.text(lang).to_string();
            *n = Note {
                ja: t.clone(),
                en: t,
            };
        }
    };
    for rec in &mut report.recommendations {
        for point in &mut rec.points {
            one(&mut point.policy.note);
            for measure in &mut point.measures {
                for item in &mut measure.items {
                    one(&mut item.note);
                    item.departments_merged = false;
                }
            }
        }
    }
    report
}

#[test]
fn the_japanese_csv_rebuilds_the_whole_table() {
    let (code, csv, err) = kensho(&["export", "records", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let want = expected(Lang::Ja);
    let got = rebuilt(&csv, true);
    assert_eq!(got.len(), 7);
    assert_eq!(got.iter().map(|r| r.points.len()).sum::<usize>(), 25);
    assert_eq!(got, want.recommendations);
    // The points as the source numbers them, relisted rows marked ○.
    assert!(csv.contains(",④,"));
    assert!(csv.contains(",○,1-2-c,"), "the relisted row 3-1-a");
}

#[test]
fn the_english_csv_rebuilds_the_whole_table() {
    let (code, csv, err) = kensho(&[
        "--lang",
        "en",
        "export",
        "records",
        "--format",
        "csv",
        "--headers",
        "en",
        "--meanings",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(rebuilt(&csv, false), expected(Lang::En).recommendations);
    let first = csv.lines().nth(1).unwrap();
    assert!(
        first.contains(",子) 児童相談所; 保) 保健所; 区) 保健福祉部,no,"),
        "{first}"
    );
}

#[test]
fn a_line_break_in_a_text_is_a_space_in_the_csv() {
    let tmp = common::copy_records();
    let file = tmp.path().join("recommendation-1.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replacen(
        "progress: \"令和2年4月から、全区",
        "progress: \"一行目\\r\\n二行目\\n三行目\\r令和2年4月から、全区",
        1,
    );
    std::fs::write(&file, text).unwrap();
    let d = tmp.path().to_str().unwrap();
    let (code, csv, err) = kensho(&["export", d, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    // One line per item and the heading: no cell spans lines.
    assert_eq!(csv.trim_end().split("\r\n").count(), 89);
    assert!(!csv.trim_end().replace("\r\n", "").contains(['\r', '\n']));
    assert!(csv.contains(",一行目 二行目 三行目 令和2年4月から、全区"));
}
