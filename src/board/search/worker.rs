//! The search worker: answers searches on a thread of its own, so that
//! typing never waits for them. When requests come faster than searches,
//! only the newest is run (the others are answered with nothing). Its index
//! answers for exactly the records a request carries: items changed in
//! place are folded again, other records get an index of their own.

use std::sync::mpsc::{Receiver, Sender, channel};

use crate::board::action::Action;
use crate::board::inbox::{Answers, WorkId};
use crate::board::work::SearchRequest;
use crate::search::{Memo, Previous, SearchIndex, Searcher};

/// Start the worker; it stops when the board drops the sender.
pub fn spawn(answers: Answers) -> Sender<(WorkId, SearchRequest)> {
    let (requests, inbox) = channel();
    crate::store::seam::spawn(move || run(&inbox, &answers));
    requests
}

/// The index and the data version it answers for (see `DataVersion`).
struct Indexed {
    base: u64,
    now: u64,
    index: SearchIndex,
}

fn run(inbox: &Receiver<(WorkId, SearchRequest)>, answers: &Answers) {
    let searcher = Searcher::default();
    let mut indexed: Option<Indexed> = None;
    // What the last search learnt, for the index as it is.
    let mut memo: Option<Memo> = None;
    while let Ok((mut id, mut request)) = inbox.recv() {
        while let Ok((newer_id, newer)) = inbox.try_recv() {
            if !answers.send(Some(id), None) {
                return;
            }
            (id, request) = (newer_id, newer);
        }
        let index = index_for(&mut indexed, &mut memo, &request);
        // Only the index was asked for (the board opening).
        if request.only_indexes() {
            if !answers.send(Some(id), None) {
                return;
            }
            continue;
        }
        let previous = request.after.as_ref().map(|(query, hits)| Previous {
            query,
            hits: hits.as_slice(),
        });
        let hits = searcher.search_remembering(
            index,
            &request.records.report,
            &request.query,
            &request.filters,
            request.order,
            previous,
            &mut memo,
        );
        let done = Action::SearchDone {
            generation: request.generation,
            hits,
        };
        if !answers.send(Some(id), Some(done)) {
            return;
        }
    }
}

/// The index for the records `request` carries: the one held, with the items
/// changed in place since folded again, or a new one (and no memo).
fn index_for<'a>(
    indexed: &'a mut Option<Indexed>,
    memo: &mut Option<Memo>,
    request: &SearchRequest,
) -> &'a SearchIndex {
    let data = &request.data;
    let report = &request.records.report;
    if indexed.as_ref().is_some_and(|held| held.base != data.base) {
        *indexed = None;
    }
    if indexed.is_none() {
        *memo = None;
    }
    let held = indexed.get_or_insert_with(|| {
        let index = SearchIndex::new(report);
        let index = match request.readings {
            true => index.with_readings(),
            false => index,
        };
        Indexed {
            base: data.base,
            now: data.now,
            index: index.with_char_index(),
        }
    });
    if held.now != data.now {
        let changed: Vec<usize> = data
            .touched
            .iter()
            .filter(|(g, _)| *g > held.now)
            .map(|&(_, i)| i)
            .collect();
        held.index.refold(report, &changed);
        held.now = data.now;
    }
    &held.index
}
