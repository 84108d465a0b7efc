//! Highlights of the current search, prepared for the view: the excerpt and
//! matched characters of every item row on screen, and the matched
//! characters of each text of the selected node. Computed after an update
//! (only for what is on screen, only once per search), so that drawing never
//! searches.

use std::collections::BTreeMap;

use crate::board::outline::Outline;
use crate::domain::model::{ItemRef, Report};
use crate::i18n::Lang;
use crate::search::{Query, Searcher, best_text};
use crate::text::visible;

/// A text of the selected node, as the detail pane shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Spot {
    PolicyText,
    PolicyAssessment,
    PolicyNote,
    MeasureText,
    Progress,
    Assessment,
    Department(usize),
    Note,
}

#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// The query these marks are for.
    query: Query,
    /// Per item on screen: the excerpt to show and its matched characters.
    rows: BTreeMap<usize, (String, Vec<usize>)>,
    /// For the selected node: matched characters of each text.
    detail: Option<(usize, BTreeMap<Spot, Vec<usize>>)>,
}

/// What is on screen, for the marks.
pub struct OnScreen<'a> {
    pub outline: &'a Outline,
    pub report: &'a Report,
    /// Rows of the outline on screen.
    pub height: usize,
    pub ascii: bool,
    pub lang: Lang,
}

impl Marks {
    /// The excerpt and matches of item `i`'s row, while searching.
    pub fn row(&self, i: usize) -> Option<&(String, Vec<usize>)> {
        self.rows.get(&i)
    }

    /// Forget everything (the data changed).
    pub fn clear(&mut self) {
        *self = Marks::default();
    }

    /// Matched characters of a text of the selected node (empty: none).
    pub fn spot(&self, node: usize, spot: Spot) -> &[usize] {
        match &self.detail {
            Some((n, spots)) if *n == node => {
                spots.get(&spot).map(Vec::as_slice).unwrap_or_default()
            }
            _ => &[],
        }
    }

    /// Bring the marks up to date with `query`, the data and what is on screen.
    pub fn prepare(&mut self, query: &Query, on: OnScreen) {
        if self.query != *query {
            *self = Marks {
                query: query.clone(),
                ..Marks::default()
            };
        }
        if query.is_empty() {
            return;
        }
        let searcher = Searcher::default();
        let ellipsis = if on.ascii { "..." } else { "…" };
        let outline = on.outline;
        let on_screen: Vec<usize> = outline
            .rows()
            .iter()
            .skip(outline.offset())
            .take(on.height.max(1))
            .filter_map(|&n| outline.nodes()[n].item)
            .collect();
        for i in on_screen {
            if self.rows.contains_key(&i) {
                continue;
            }
            let Some(r) = item_ref(outline, on.report, i) else {
                continue;
            };
            if let Some(found) = found_excerpt(&searcher, query, &r, ellipsis) {
                self.rows.insert(i, found);
            }
        }
        let node = outline.selected();
        if self.detail.as_ref().is_none_or(|(n, _)| *n != node) {
            let spots = detail_spots(&searcher, query, &on, node);
            self.detail = Some((node, spots));
        }
    }
}

/// The item at `index` of the outline's items, with its context.
pub fn item_ref<'a>(outline: &Outline, report: &'a Report, index: usize) -> Option<ItemRef<'a>> {
    let p = outline.items().get(index)?;
    let recommendation = report.recommendations.get(p.recommendation)?;
    let point = recommendation.points.get(p.point)?;
    let measure = point.measures.get(p.measure)?;
    let item = measure.items.get(p.item)?;
    Some(ItemRef {
        recommendation,
        point,
        measure,
        item,
    })
}

/// The matched characters of every text the detail pane shows for `node`.
fn detail_spots(
    searcher: &Searcher,
    q: &Query,
    on: &OnScreen,
    node: usize,
) -> BTreeMap<Spot, Vec<usize>> {
    let mut out = BTreeMap::new();
    let Some(n) = on.outline.nodes().get(node) else {
        return out;
    };
    let Some(point) = n.point.and_then(|p| {
        on.report
            .recommendations
            .get(n.recommendation)?
            .points
            .get(p)
    }) else {
        return out;
    };
    let mut put = |spot: Spot, text: &str| {
        let positions = searcher.highlight(q, &visible(text));
        if !positions.is_empty() {
            out.insert(spot, positions);
        }
    };
    put(Spot::PolicyText, &point.policy.text);
    put(Spot::PolicyAssessment, &point.policy.assessment);
    if let Some(note) = &point.policy.note {
        put(Spot::PolicyNote, note.text(on.lang));
    }
    if let Some(r) = n.item.and_then(|i| item_ref(on.outline, on.report, i)) {
        if let Some(t) = &r.measure.text {
            put(Spot::MeasureText, t);
        }
        put(Spot::Progress, &r.item.progress);
        put(Spot::Assessment, &r.item.assessment);
        for (k, d) in r.item.departments.iter().enumerate() {
            put(Spot::Department(k), d);
        }
        if let Some(note) = &r.item.note {
            put(Spot::Note, note.text(on.lang));
        }
    }
    out
}

/// The row's excerpt while searching: the first text of the item with a
/// match, starting a little before the match, with the matched characters.
fn found_excerpt(
    searcher: &Searcher,
    query: &Query,
    r: &ItemRef,
    ellipsis: &str,
) -> Option<(String, Vec<usize>)> {
    let (_, text, positions) = best_text(searcher, query, r)?;
    let first = positions.first().copied().unwrap_or(0);
    let start = first.saturating_sub(6);
    if start == 0 {
        return Some((text, positions));
    }
    let lead = ellipsis.chars().count();
    let shown: String = ellipsis.chars().chain(text.chars().skip(start)).collect();
    let shifted = positions
        .iter()
        .filter(|&&p| p >= start)
        .map(|&p| p - start + lead)
        .collect();
    Some((shown, shifted))
}
