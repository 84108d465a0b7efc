//! The outline of the board as plain data: recommendations → points → items,
//! which nodes are collapsed, which one is selected, and where the view starts.

mod shown;

pub use shown::{Shown, ShownState};

use crate::domain::model::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Recommendation,
    Point,
    Item,
}

/// Indices of an item in the report: recommendation, point, measure, item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemPath {
    pub recommendation: usize,
    pub point: usize,
    pub measure: usize,
    pub item: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    pub recommendation: usize,
    pub point: Option<usize>,
    /// Index into [`Outline::items`] for item nodes.
    pub item: Option<usize>,
    pub parent: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    nodes: Vec<Node>,
    /// Every item in source order.
    items: Vec<ItemPath>,
    collapsed: Vec<bool>,
    /// The selected node.
    selected: usize,
    /// The first row shown (scroll position).
    offset: usize,
    /// When a search or filter is active: the items shown, in order.
    shown: Option<Shown>,
    /// The node of each item.
    item_node: Vec<usize>,
    /// The nodes shown, in order, and each node's row among them (`NO_ROW`
    /// when not shown): kept up to date by every change of `collapsed` and
    /// `shown`, so that a frame or a key costs what it shows, not what the
    /// records hold.
    rows: Vec<usize>,
    row_of: Vec<usize>,
}

const NO_ROW: usize = usize::MAX;

impl Outline {
    /// Everything expanded, the first item selected.
    pub fn new(report: &Report) -> Outline {
        let mut nodes = Vec::new();
        let mut items = Vec::new();
        for (ri, rec) in report.recommendations.iter().enumerate() {
            let rn = nodes.len();
            nodes.push(Node {
                kind: NodeKind::Recommendation,
                recommendation: ri,
                point: None,
                item: None,
                parent: None,
            });
            for (pi, point) in rec.points.iter().enumerate() {
                let pn = nodes.len();
                nodes.push(Node {
                    kind: NodeKind::Point,
                    recommendation: ri,
                    point: Some(pi),
                    item: None,
                    parent: Some(rn),
                });
                for (mi, measure) in point.measures.iter().enumerate() {
                    for ii in 0..measure.items.len() {
                        nodes.push(Node {
                            kind: NodeKind::Item,
                            recommendation: ri,
                            point: Some(pi),
                            item: Some(items.len()),
                            parent: Some(pn),
                        });
                        items.push(ItemPath {
                            recommendation: ri,
                            point: pi,
                            measure: mi,
                            item: ii,
                        });
                    }
                }
            }
        }
        let collapsed = vec![false; nodes.len()];
        let selected = nodes
            .iter()
            .position(|n| n.kind == NodeKind::Item)
            .unwrap_or(0);
        let mut item_node = vec![0; items.len()];
        for (n, node) in nodes.iter().enumerate() {
            if let Some(i) = node.item {
                item_node[i] = n;
            }
        }
        let mut outline = Outline {
            nodes,
            items,
            collapsed,
            selected,
            offset: 0,
            shown: None,
            item_node,
            rows: Vec::new(),
            row_of: Vec::new(),
        };
        outline.refresh_rows();
        outline
    }

    /// Work out the rows again after `collapsed` or `shown` changed.
    fn refresh_rows(&mut self) {
        let rows: Vec<usize> = match &self.shown {
            None => (0..self.nodes.len())
                .filter(|&n| !self.is_hidden(n))
                .collect(),
            Some(s) if s.flat => s.items.iter().map(|&i| self.item_node[i]).collect(),
            Some(s) => (0..self.nodes.len())
                .filter(|&n| s.in_tree[n] && !self.is_hidden(n))
                .collect(),
        };
        self.row_of.clear();
        self.row_of.resize(self.nodes.len(), NO_ROW);
        for (row, &n) in rows.iter().enumerate() {
            self.row_of[n] = row;
        }
        self.rows = rows;
    }

    fn has_children(&self, n: usize) -> bool {
        self.nodes.get(n + 1).is_some_and(|c| c.parent == Some(n))
    }

    fn is_hidden(&self, n: usize) -> bool {
        let mut p = self.nodes[n].parent;
        while let Some(i) = p {
            if self.collapsed[i] {
                return true;
            }
            p = self.nodes[i].parent;
        }
        false
    }

    /// The nodes on the rows, in order.
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    /// Whether node `n` is on a row now.
    pub fn has_row(&self, n: usize) -> bool {
        self.row_of.get(n).is_some_and(|&r| r != NO_ROW)
    }

    /// Every node: recommendations, points and items, in source order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// Every item, in source order.
    pub fn items(&self) -> &[ItemPath] {
        &self.items
    }

    /// The selected node.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first row shown (the scroll position).
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The items a search or filter lets through (None: everything).
    pub fn shown(&self) -> Option<&Shown> {
        self.shown.as_ref()
    }

    /// The same outline for a report of the same shape (selection, folds and
    /// results kept), or a fresh one.
    pub fn rebuilt(&self, report: &Report) -> Outline {
        let fresh = Outline::new(report);
        if fresh.nodes == self.nodes {
            self.clone()
        } else {
            fresh
        }
    }

    /// The selected node's row among the visible ones.
    pub fn selected_row(&self) -> usize {
        match self.row_of.get(self.selected) {
            Some(&r) if r != NO_ROW => r,
            _ => 0,
        }
    }

    pub fn selected_node(&self) -> Option<&Node> {
        self.nodes.get(self.selected)
    }

    /// The selected item's index in [`Outline::items`], if an item is selected.
    pub fn selected_item(&self) -> Option<usize> {
        self.selected_node().and_then(|n| n.item)
    }

    pub fn is_collapsed(&self, n: usize) -> bool {
        self.collapsed.get(n).copied().unwrap_or(false)
    }

    pub fn is_expandable(&self, n: usize) -> bool {
        self.nodes[n].kind != NodeKind::Item && self.has_children(n)
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.rows.is_empty() {
            return;
        }
        let row = self.selected_row() as isize + delta;
        let row = row.clamp(0, self.rows.len() as isize - 1) as usize;
        self.selected = self.rows[row];
    }

    pub fn first(&mut self) {
        if let Some(&n) = self.rows.first() {
            self.selected = n;
        }
    }

    pub fn last(&mut self) {
        if let Some(&n) = self.rows.last() {
            self.selected = n;
        }
    }

    /// The nodes folded (collapsed), in order.
    pub fn folded(&self) -> Vec<usize> {
        (0..self.collapsed.len())
            .filter(|&n| self.collapsed[n])
            .collect()
    }

    /// Fold exactly `nodes` (a presenter's folds, shown on a follower's
    /// board); a node that is not there is passed over.
    pub fn set_folded(&mut self, nodes: &[usize]) {
        let mut collapsed = vec![false; self.collapsed.len()];
        for &n in nodes {
            if let Some(c) = collapsed.get_mut(n) {
                *c = self.is_expandable(n);
            }
        }
        if collapsed != self.collapsed {
            self.collapsed = collapsed;
            self.refresh_rows();
        }
    }

    /// ←: collapse an expanded node, or go to the parent.
    pub fn collapse(&mut self) {
        let n = self.selected;
        if self.is_expandable(n) && !self.collapsed[n] {
            self.collapsed[n] = true;
            self.refresh_rows();
        } else if let Some(p) = self.nodes[n].parent {
            self.selected = p;
        }
    }

    /// →: expand a collapsed node, or go to its first child.
    pub fn expand(&mut self) {
        let n = self.selected;
        if !self.is_expandable(n) {
            return;
        }
        if self.collapsed[n] {
            self.collapsed[n] = false;
            self.refresh_rows();
        } else {
            self.selected = n + 1;
        }
    }

    pub fn toggle(&mut self) {
        let n = self.selected;
        if self.is_expandable(n) {
            self.collapsed[n] = !self.collapsed[n];
            self.refresh_rows();
        }
    }

    /// Select the next (or previous) node of `kind`, expanding what hides it.
    pub fn jump_kind(&mut self, kind: NodeKind, forward: bool) {
        let current = self.selected;
        let eligible = |n: usize| {
            self.nodes[n].kind == kind
                && self.shown.as_ref().is_none_or(|s| !s.flat && s.in_tree[n])
        };
        let found = if forward {
            (current + 1..self.nodes.len()).find(|&n| eligible(n))
        } else {
            (0..current).rev().find(|&n| eligible(n))
        };
        if let Some(n) = found {
            self.reveal(n);
            self.selected = n;
        }
    }

    /// Select item `index` (of [`Outline::items`]), expanding its parents.
    pub fn select_item(&mut self, index: usize) -> bool {
        match self.item_node.get(index).copied() {
            Some(n) => {
                self.reveal(n);
                self.selected = n;
                true
            }
            None => false,
        }
    }

    /// Select node `n` (a recommendation's or point's row), expanding its
    /// parents.
    pub fn select_node(&mut self, n: usize) -> bool {
        if n >= self.nodes.len() {
            return false;
        }
        self.reveal(n);
        self.selected = n;
        true
    }

    fn reveal(&mut self, n: usize) {
        let mut p = self.nodes[n].parent;
        let mut changed = false;
        while let Some(i) = p {
            changed |= self.collapsed[i];
            self.collapsed[i] = false;
            p = self.nodes[i].parent;
        }
        if changed {
            self.refresh_rows();
        }
    }

    /// (1-based position of the selected item, or of the last item before the
    /// selected node; number of items).
    pub fn position(&self) -> (usize, usize) {
        // Items are numbered in node order: the nearest item node at or
        // before the selection tells how many come before it.
        let end = (self.selected + 1).min(self.nodes.len());
        let before = self.nodes[..end]
            .iter()
            .rev()
            .find_map(|n| n.item)
            .map_or(0, |i| i + 1);
        (before.max(1).min(self.items.len()), self.items.len())
    }

    /// Keep the selected row within a view of `height` rows.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        let row = self.selected_row();
        let len = self.rows.len();
        if row < self.offset {
            self.offset = row;
        } else if row >= self.offset + height {
            self.offset = row + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

#[cfg(test)]
mod tests;
