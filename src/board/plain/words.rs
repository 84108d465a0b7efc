//! The board's state in plain words: an outline row as one line, an item as
//! paragraphs in reading order, every code with its scale and meaning
//! (「実施区分 C 速やかに検討すべき項目」, never a bare `C`). Nothing from the
//! records reaches the terminal raw: every text goes through [`visible`].

use crate::board::outline::NodeKind;
use crate::board::state::Board;
use crate::domain::export::circled;
use crate::domain::field::Field;
use crate::domain::model::{ItemRef, Scale};
use crate::i18n::{Msg, PlainMsg};
use crate::text::visible;

/// A text of the records as one line: control characters made visible,
/// line breaks as spaces.
pub fn flat(text: &str) -> String {
    visible(&text.replace(['\n', '\r'], " ")).into_owned()
}

/// `scale` and `code` with its meaning: 「実施区分 C 速やかに検討すべき項目」.
pub fn code(board: &Board, scale: &Scale, code: &str) -> String {
    PlainMsg::Code.fill(
        board.options().lang,
        &[
            ("scale", &flat(&scale.name)),
            ("code", &flat(code)),
            ("meaning", &flat(scale.meaning(code).unwrap_or_default())),
        ],
    )
}

/// The scale of a code's field.
pub fn scale_of(board: &Board, field: Field) -> &Scale {
    match field {
        Field::Direction => &board.report().direction_scale,
        _ => &board.report().phase_scale,
    }
}

fn sep(board: &Board) -> &'static str {
    PlainMsg::Sep.text(board.options().lang)
}

/// 「提言3」 and 「ポイント④」.
fn place(board: &Board, rec: u32, point: Option<u32>) -> Vec<String> {
    let lang = board.options().lang;
    let mut out = vec![Msg::RecommendationNumber.fill(lang, &[("number", &rec)])];
    if let Some(p) = point {
        out.push(PlainMsg::Point.fill(lang, &[("number", &circled(p))]));
    }
    out
}

/// An item in one line: 「提言3、ポイント④、取組 (ウ)、3-4-c、実施区分 C
/// 速やかに検討すべき項目、評価区分 I 更なる取組の推進を図る項目」.
pub fn item_line(board: &Board, r: &ItemRef) -> String {
    let report = board.report();
    let mut parts = place(board, r.recommendation.number, Some(r.point.number));
    if let Some(label) = r.measure_label() {
        parts.push(format!("{} {}", board.t(Msg::MeasureShort), flat(&label)));
    }
    parts.push(flat(&r.item.id));
    if r.item.relisted {
        parts.push(board.t(Msg::Relisted).to_string());
    }
    parts.push(code(board, &report.phase_scale, r.item.phase.as_str()));
    parts.push(code(
        board,
        &report.direction_scale,
        r.item.direction.as_str(),
    ));
    parts.join(sep(board))
}

/// The outline's node `n` in one line.
pub fn node_line(board: &Board, n: usize) -> String {
    let Some(node) = board.outline().nodes().get(n) else {
        return board.t(Msg::NoMatches).to_string();
    };
    if let Some(r) = node.item.and_then(|i| board.item_ref(i)) {
        return item_line(board, &r);
    }
    let rec = &board.report().recommendations[node.recommendation];
    let point = node.point.and_then(|p| rec.points.get(p));
    let mut parts = place(board, rec.number, point.map(|p| p.number));
    let title = match (node.kind, point) {
        (NodeKind::Point, Some(p)) => &p.title,
        _ => &rec.title,
    };
    parts.push(flat(title));
    // Enter and ← → open and close a heading: say which it is now.
    if board.outline().is_expandable(n) {
        let state = if board.outline().is_collapsed(n) {
            PlainMsg::Collapsed
        } else {
            PlainMsg::Expanded
        };
        parts.push(state.text(board.options().lang).to_string());
    }
    parts.join(sep(board))
}

/// A heading and its text as one paragraph: 「実施状況: …」.
fn paragraph(label: &str, text: &str) -> String {
    format!("{label}: {}", flat(text))
}

/// An item's texts as paragraphs in reading order: the policy, the measure,
/// the progress and its phase, the assessment and its direction, the
/// departments, the row it repeats.
pub fn item_paragraphs(board: &Board, r: &ItemRef) -> Vec<String> {
    let lang = board.options().lang;
    let report = board.report();
    let spoken = |scale: &Scale, c: &str| {
        PlainMsg::CodeSpoken.fill(
            lang,
            &[
                ("scale", &flat(&scale.name)),
                ("code", &flat(c)),
                ("meaning", &flat(scale.meaning(c).unwrap_or_default())),
            ],
        )
    };
    let policy = &r.point.policy;
    let label = r
        .measure_label()
        .map(|l| format!(" {}", flat(&l)))
        .unwrap_or_default();
    let or_empty = |s: &str| {
        if s.trim().is_empty() {
            board.t(Msg::Empty).to_string()
        } else {
            s.to_string()
        }
    };
    let mut out = vec![
        paragraph(
            &format!("{} {}", board.t(Msg::Policy), flat(&policy.label)),
            &policy.text,
        ),
        paragraph(
            &format!("{}{label}", board.t(Msg::Measure)),
            r.measure.text.as_deref().unwrap_or(board.t(Msg::NoMeasure)),
        ),
        paragraph(board.t(Msg::Progress), &or_empty(&r.item.progress)),
        spoken(&report.phase_scale, r.item.phase.as_str()),
        paragraph(board.t(Msg::Assessment), &or_empty(&r.item.assessment)),
        spoken(&report.direction_scale, r.item.direction.as_str()),
    ];
    if !r.item.departments.is_empty() {
        out.push(paragraph(
            board.t(Msg::Departments),
            &r.item.departments.join(sep(board)),
        ));
    }
    if let Some(of) = &r.item.relists {
        out.push(format!("{} {}", board.t(Msg::Relisted), flat(of)));
    }
    out
}

/// A change of a field in one line, codes with their meanings, and its
/// reason: 「3-4-c 実施区分 D 中期的… から C 速やかに… に変更（理由: …）」.
pub fn change_line(
    board: &Board,
    item: &str,
    field: Field,
    (old, new): (&str, &str),
    reason: Option<&str>,
) -> String {
    let lang = board.options().lang;
    let label = field.label(board.report(), lang);
    let mut line = if field.is_code() {
        let scale = scale_of(board, field);
        let said = |c: &str| format!("{} {}", flat(c), flat(scale.meaning(c).unwrap_or_default()));
        PlainMsg::Changed.fill(
            lang,
            &[
                ("id", &flat(item)),
                ("field", &flat(&label)),
                ("old", &said(old)),
                ("new", &said(new)),
            ],
        )
    } else {
        PlainMsg::TextChanged.fill(lang, &[("id", &flat(item)), ("field", &flat(&label))])
    };
    if let Some(reason) = reason.filter(|r| !r.trim().is_empty()) {
        line.push_str(&PlainMsg::Reason.fill(lang, &[("reason", &flat(reason))]));
    }
    line
}
