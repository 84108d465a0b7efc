//! `kensho search`: ranked hits, the match marked; exit 1 when none.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use super::args::FilterArgs;
use super::output::{fail, fail_lines, print, print_marked};
use crate::domain::model::ItemRef;
use crate::domain::records::default_path;
use crate::domain::records::parallel_map;
use crate::i18n::{CliMsg, Lang};
use crate::search::{Hit, Order, Query, SearchIndex, Searcher, best_text, excerpt};
use crate::store::parsed::load_and_keep;
use crate::text::visible;
use crate::text::width::truncate;

pub fn run(
    args: Vec<String>,
    limit: usize,
    json: bool,
    filter_args: &FilterArgs,
    configured: Option<PathBuf>,
    readings: bool,
    lang: Lang,
) -> ExitCode {
    let (path, query) = match args.as_slice() {
        [q] => (configured, q.clone()),
        [p, q] => (Some(PathBuf::from(p)), q.clone()),
        _ => return fail(lang, CliMsg::ErrSearchUsage.text(lang)),
    };
    let records = match load_and_keep(&default_path(path)) {
        // Never dropped: the process ends after the answer, and the system
        // takes the memory back at once, where freeing a large report item
        // by item would take a tenth of the command's time.
        Ok(r) => std::mem::ManuallyDrop::new(r),
        Err(e) => return fail_lines(&e.say(lang)),
    };
    let report = &records.report;
    let filters = match filter_args.to_filters(report) {
        Ok(f) => f,
        Err(e) => return fail(lang, &e.say(lang)),
    };
    let query = Query::parse_with(&query, readings);
    let mut index = SearchIndex::new(report);
    // The texts' readings only for a query that has a term to read.
    if query.has_readings() {
        index.add_readings();
    }
    let searcher = Searcher::default();
    let hits = searcher.search(&index, report, &query, &filters, Order::Score, None);
    if hits.is_empty() {
        return ExitCode::from(1);
    }
    let items: Vec<_> = report.items().collect();
    // Marks in reverse video on a terminal that shows them; brackets on a
    // pipe, with NO_COLOR, or on TERM=dumb.
    let styled = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
    let (open, close) = if styled {
        ("\u{1b}[1;7m", "\u{1b}[0m")
    } else {
        ("[", "]")
    };
    let form = Form {
        json,
        marks: (open, close),
        lang,
    };
    // Each line is the work of finding and marking the match again: shared
    // among the cores, in runs of hits.
    let shown: Vec<&[Hit]> = hits[..hits.len().min(limit)].chunks(256).collect();
    let out: String = parallel_map(&shown, |run| {
        let mut out = String::new();
        for hit in *run {
            if let Some(r) = items.get(hit.item) {
                line(&mut out, &searcher, &query, r, hit.score, &form);
            }
        }
        out
    })
    .concat();
    // On a terminal the marks are ours to send; every record text in the
    // lines is made visible already.
    match styled && !json {
        true => print_marked(lang, &out),
        false => print(lang, &out),
    }
}

/// How hits are written: JSON objects, or lines with the match between
/// `marks`, in `lang`.
struct Form<'a> {
    json: bool,
    marks: (&'a str, &'a str),
    lang: Lang,
}

/// One hit's line: id, score and the best text's excerpt with the match
/// marked, or a JSON object.
fn line(
    out: &mut String,
    searcher: &Searcher,
    query: &Query,
    r: &ItemRef<'_>,
    score: i64,
    form: &Form,
) {
    let Form {
        json,
        marks: (open, close),
        lang,
    } = *form;
    let best = best_text(searcher, query, r);
    if json {
        let (field, text, positions) = match best {
            Some((kind, text, positions)) => (kind.name(), text, positions),
            None => ("", String::new(), Vec::new()),
        };
        let line = serde_json::json!({
            "id": r.item.id,
            "score": score,
            "field": field,
            "text": text,
            "positions": positions,
        });
        out.push_str(&crate::text::json::to_line(&line).unwrap_or_default());
        out.push('\n');
    } else {
        // Record text is shown visibly; only our own marks are escapes.
        let shown = match best {
            Some((kind, text, positions)) => {
                format!(
                    "{}: {}",
                    kind.label(lang),
                    excerpt(&text, &positions, 60, open, close)
                )
            }
            None => visible(&truncate(&r.item.progress, 60, "…")).into_owned(),
        };
        out.push_str(&format!("{}\t{}\t{}\n", visible(&r.item.id), score, shown));
    }
}
