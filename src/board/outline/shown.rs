//! What a search or filter lets through, on the outline: the items shown,
//! in source order as a tree (their parents kept for context) or ranked as
//! a flat list, and an item kept while selected after it stopped matching.

use super::Outline;

/// The items a search or filter lets through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// Item indices, in the order shown.
    pub(super) items: Vec<usize>,
    /// Ranked: a flat list of items in this order. Otherwise the tree, with
    /// the parents of the shown items kept for context.
    pub(super) flat: bool,
    /// Per node: does it stand in the tree (an item shown, or a parent of
    /// one)? Empty when flat.
    pub(super) in_tree: Vec<bool>,
    /// Per item: is it among `items`?
    pub(super) member: Vec<bool>,
    /// An item shown although it does not match: it was selected when the
    /// data changed under it, and stays until the selection moves.
    pub(super) kept: Option<usize>,
}

impl Shown {
    /// The items shown, in order.
    pub fn items(&self) -> &[usize] {
        &self.items
    }

    /// Ranked (a flat list), not the tree.
    pub fn is_flat(&self) -> bool {
        self.flat
    }

    /// The item kept on the list although it no longer matches.
    pub fn kept(&self) -> Option<usize> {
        self.kept
    }
}

/// How a node stands in the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShownState {
    /// Not on screen (filtered out, or under a collapsed node).
    Hidden,
    /// A matching item, or any node when nothing narrows the outline.
    Shown,
    /// A parent shown for the items under it (dimmed).
    Context,
    /// An item kept although it no longer matches.
    Kept,
}

impl Outline {
    /// Per node, whether it stands in the tree of `items` (empty when flat:
    /// a ranked list has no tree).
    fn tree_of(&self, items: &[usize], flat: bool) -> Vec<bool> {
        if flat {
            return Vec::new();
        }
        let mut in_tree = vec![false; self.nodes.len()];
        for &i in items {
            let mut n = self.item_node.get(i).copied();
            // A parent already marked has its own parents marked.
            while let Some(x) = n.filter(|&x| !in_tree[x]) {
                in_tree[x] = true;
                n = self.nodes[x].parent;
            }
        }
        in_tree
    }

    fn members(&self, items: &[usize]) -> Vec<bool> {
        let mut member = vec![false; self.items.len()];
        for &i in items {
            if let Some(m) = member.get_mut(i) {
                *m = true;
            }
        }
        member
    }

    /// Show `items` and also `kept` (an item that no longer matches but stays
    /// until the selection moves): in source order where it belongs, ranked
    /// where it stood before.
    pub fn show_keeping(&mut self, mut items: Vec<usize>, flat: bool, kept: Option<usize>) {
        if let Some(k) = kept {
            let before = self
                .shown
                .as_ref()
                .and_then(|s| s.items.iter().position(|&i| i == k));
            let at = match (flat, before) {
                (true, Some(p)) => p.min(items.len()),
                (true, None) => items.len(),
                (false, _) => items.partition_point(|&i| i < k),
            };
            items.insert(at, k);
        }
        self.show(Some(items), flat);
        if let Some(s) = &mut self.shown {
            s.kept = kept;
        }
    }

    /// Drop the kept item from the list (the selection moved off it).
    pub fn drop_kept(&mut self) {
        let Some(k) = self.shown.as_ref().and_then(|s| s.kept) else {
            return;
        };
        let items: Vec<usize> = self
            .shown
            .as_ref()
            .map(|s| s.items.iter().copied().filter(|&i| i != k).collect())
            .unwrap_or_default();
        let flat = self.shown.as_ref().is_some_and(|s| s.flat);
        let in_tree = self.tree_of(&items, flat);
        if let Some(s) = &mut self.shown {
            s.items = items;
            s.in_tree = in_tree;
            if let Some(m) = s.member.get_mut(k) {
                *m = false;
            }
            s.kept = None;
        }
        self.refresh_rows();
    }

    /// How node `n` stands in the outline now.
    pub fn shown_state(&self, n: usize) -> ShownState {
        let Some(node) = self.nodes.get(n) else {
            return ShownState::Hidden;
        };
        match &self.shown {
            None if self.is_hidden(n) => ShownState::Hidden,
            None => ShownState::Shown,
            Some(s) if !s.flat && (!s.in_tree[n] || self.is_hidden(n)) => ShownState::Hidden,
            Some(s) => match node.item {
                Some(i) if s.kept == Some(i) => ShownState::Kept,
                Some(i) if s.member.get(i).copied().unwrap_or(false) => ShownState::Shown,
                Some(_) => ShownState::Hidden,
                None if s.flat => ShownState::Hidden,
                None => ShownState::Context,
            },
        }
    }

    /// The selected item, when the selection is an item on screen.
    pub fn selected_shown_item(&self) -> Option<usize> {
        let i = self.selected_item()?;
        (self.shown_state(self.selected) != ShownState::Hidden).then_some(i)
    }

    /// Whether item `i` is among the items shown.
    pub fn is_shown_item(&self, i: usize) -> bool {
        self.shown
            .as_ref()
            .is_none_or(|s| s.member.get(i).copied().unwrap_or(false))
    }

    /// Show only `items` (None: everything). The selection stays where it is
    /// when still shown, otherwise moves to the first shown item.
    pub fn show(&mut self, items: Option<Vec<usize>>, flat: bool) {
        self.shown = items.map(|items| Shown {
            in_tree: self.tree_of(&items, flat),
            member: self.members(&items),
            items,
            flat,
            kept: None,
        });
        self.refresh_rows();
        if !self.has_row(self.selected) {
            let first_item = self
                .shown
                .as_ref()
                .and_then(|s| s.items.first())
                .map(|&i| self.item_node[i]);
            if let Some(n) = first_item {
                self.reveal(n);
                self.selected = n;
            } else if let Some(&n) = self.rows.first() {
                self.selected = n;
            }
        }
        self.offset = 0;
    }

    /// Move to the next (or previous) shown item after the selection, in the
    /// order shown; wraps around.
    pub fn next_shown(&mut self, forward: bool) {
        let order: Vec<usize> = match &self.shown {
            Some(s) => s
                .items
                .iter()
                .copied()
                .filter(|&i| Some(i) != s.kept)
                .collect(),
            None => (0..self.items.len()).collect(),
        };
        if order.is_empty() {
            return;
        }
        let current = self
            .selected_item()
            .and_then(|i| order.iter().position(|&x| x == i));
        let next = match (current, forward) {
            (Some(p), true) => (p + 1) % order.len(),
            (Some(p), false) => (p + order.len() - 1) % order.len(),
            (None, true) => {
                // The first shown item after the selected node.
                let sel = self.selected;
                order
                    .iter()
                    .position(|&i| self.item_node[i] > sel)
                    .unwrap_or(0)
            }
            (None, false) => order.len() - 1,
        };
        let n = self.item_node[order[next]];
        self.reveal(n);
        self.selected = n;
    }
}
