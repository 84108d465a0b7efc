//! A save that fails in the board: said on screen, nothing reported saved,
//! the change kept pending and retried until it is on disk; quitting with it
//! pending asks first.

use crate::common;

use std::time::{Duration, Instant};

use common::TestBoard;
use kensho::board::action::Action;
use kensho::domain::records::load;
use kensho::i18n::Lang;
use kensho::store::seam::{self, Fault, Seams};

fn phase_on_disk(b: &TestBoard) -> String {
    load(b.path())
        .unwrap()
        .report
        .item("1-1-a")
        .unwrap()
        .item
        .phase
        .0
        .clone()
}

fn ron_files(b: &TestBoard) -> Vec<(String, Vec<u8>)> {
    common::snapshot(b.path())
        .into_iter()
        .filter(|(n, _)| n.ends_with(".ron"))
        .collect()
}

#[test]
fn a_failed_save_is_pending_retried_and_guards_quitting() {
    // The board's workers share this thread's seams: the disk fails.
    let seams = Seams::default();
    let _installed = seam::install(&seams);
    let mut b = TestBoard::on_copy(Lang::En, 80, 24);
    let before = ron_files(&b);
    seams.fail(Some(Fault::Records));
    b.keys("B");
    let message = b.message();
    assert!(
        message.contains("not saved") && message.contains("retried"),
        "{message}"
    );
    assert!(b.app().board().edits().has_failed());
    let header = common::row_text(&b.draw(), 0);
    assert!(header.contains("1 not saved"), "{header}");
    assert_eq!(before, ron_files(&b), "records untouched");
    assert_eq!(phase_on_disk(&b), "A");
    // q with the change pending: asked, not quit.
    b.keys("q");
    assert!(!b.rt.quitting());
    assert!(b.message().contains("press q again"), "{}", b.message());
    // Time passes; still failing: retried, still pending.
    let t0 = Instant::now();
    b.act(Action::Tick(t0));
    b.act(Action::Tick(t0 + Duration::from_secs(3)));
    assert!(b.app().board().edits().has_failed());
    // The disk recovers: the next retry saves it.
    seams.fail(None);
    b.act(Action::Tick(t0 + Duration::from_secs(4)));
    b.act(Action::Tick(t0 + Duration::from_secs(7)));
    assert!(!b.app().board().edits().has_failed());
    assert!(b.app().board().edits().is_idle());
    assert_eq!(phase_on_disk(&b), "B");
    let (log, _) = kensho::store::changelog::read(&b.path().join("changes.jsonl")).unwrap();
    let v = kensho::store::verify::verify(&log, Vec::new(), &load(b.path()).unwrap().report);
    assert!(v.differences.is_empty(), "{v:?}");
    // Saved now: q quits at once.
    b.keys("q");
    assert!(b.rt.quitting());
}
