//! What to show of an item that matched: the texts it has, the first one that
//! holds a match with the matched positions, and a window around the match.

use std::borrow::Cow;

use crate::domain::model::ItemRef;

use crate::i18n::{Lang, Msg};
use crate::text::visible;

use super::matcher::Searcher;
use super::query::Query;

/// Which text of an item (or of its context) a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextKind {
    Id,
    Progress,
    Assessment,
    Departments,
    MeasureText,
    Note,
    PolicyText,
    PolicyAssessment,
    PointTitle,
    RecommendationTitle,
}

impl TextKind {
    /// The name in JSON output (`kensho search --json`).
    pub fn name(self) -> &'static str {
        match self {
            TextKind::Id => "id",
            TextKind::Progress => "progress",
            TextKind::Assessment => "assessment",
            TextKind::Departments => "departments",
            TextKind::MeasureText => "measure_text",
            TextKind::Note => "note",
            TextKind::PolicyText => "policy_text",
            TextKind::PolicyAssessment => "policy_assessment",
            TextKind::PointTitle => "point_title",
            TextKind::RecommendationTitle => "recommendation_title",
        }
    }

    /// The word people read for it.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TextKind::Id => "ID",
            TextKind::Progress => Msg::Progress.text(lang),
            TextKind::Assessment => Msg::Assessment.text(lang),
            TextKind::Departments => Msg::Departments.text(lang),
            TextKind::MeasureText => Msg::Measure.text(lang),
            TextKind::Note => Msg::Note.text(lang),
            TextKind::PolicyText => Msg::Policy.text(lang),
            TextKind::PolicyAssessment => Msg::PolicyAssessment.text(lang),
            TextKind::PointTitle => Msg::Points.text(lang),
            TextKind::RecommendationTitle => Msg::Recommendation.text(lang),
        }
    }
}

/// The texts of an item as shown, own texts first, then context (for
/// excerpts and highlighting).
pub fn item_texts<'a>(r: &ItemRef<'a>) -> Vec<(TextKind, Cow<'a, str>)> {
    let mut out: Vec<(TextKind, Cow<'a, str>)> = vec![
        (TextKind::Id, Cow::Borrowed(r.item.id.as_str())),
        (TextKind::Progress, Cow::Borrowed(r.item.progress.as_str())),
        (
            TextKind::Assessment,
            Cow::Borrowed(r.item.assessment.as_str()),
        ),
        (
            TextKind::Departments,
            Cow::Owned(r.item.departments.join(" ")),
        ),
    ];
    if let Some(t) = &r.measure.text {
        out.push((TextKind::MeasureText, Cow::Borrowed(t.as_str())));
    }
    if let Some(n) = &r.item.note {
        out.push((TextKind::Note, Cow::Borrowed(n.ja.as_str())));
        out.push((TextKind::Note, Cow::Borrowed(n.en.as_str())));
    }
    out.extend([
        (
            TextKind::PolicyText,
            Cow::Borrowed(r.point.policy.text.as_str()),
        ),
        (
            TextKind::PolicyAssessment,
            Cow::Borrowed(r.point.policy.assessment.as_str()),
        ),
        (TextKind::PointTitle, Cow::Borrowed(r.point.title.as_str())),
        (
            TextKind::RecommendationTitle,
            Cow::Borrowed(r.recommendation.title.as_str()),
        ),
    ]);
    out
}

/// The first text of the item where `query` matches (as shown: control
/// characters visible), with the matched character positions.
pub fn best_text(
    searcher: &Searcher,
    query: &Query,
    r: &ItemRef<'_>,
) -> Option<(TextKind, String, Vec<usize>)> {
    item_texts(r).into_iter().find_map(|(kind, text)| {
        let text = visible(&text);
        let positions = searcher.highlight(query, &text);
        (!positions.is_empty()).then(|| (kind, text.into_owned(), positions))
    })
}

/// A window of `text` around its first match, at most `width` columns, with the
/// matched runs wrapped in `open`/`close`.
pub fn excerpt(text: &str, positions: &[usize], width: usize, open: &str, close: &str) -> String {
    use unicode_width::UnicodeWidthChar;
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let first = positions.first().copied().unwrap_or(0);
    // Start a little before the first match.
    let mut start = first;
    let mut before = 0;
    while start > 0 && before < width / 4 {
        start -= 1;
        before += chars[start].width().unwrap_or(0);
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut used = 0;
    let mut in_match = false;
    let mut end = start;
    for (i, &c) in chars.iter().enumerate().skip(start) {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        let hit = positions.binary_search(&i).is_ok();
        if hit && !in_match {
            out.push_str(open);
        } else if !hit && in_match {
            out.push_str(close);
        }
        in_match = hit;
        // Record text is shown visibly: only the marks are escapes.
        if crate::text::visible::needs_escape(c) {
            out.push_str(&crate::text::visible(c.encode_utf8(&mut [0; 4])));
        } else {
            out.push(c);
        }
        used += w;
        end = i + 1;
    }
    if in_match {
        out.push_str(close);
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}
