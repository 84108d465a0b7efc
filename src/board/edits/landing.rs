//! What a store job did, taken in: the stacks, the marks and the message
//! after a save, a conflict held for the user's choice, a failure kept for
//! a retry, and notes for the parts that care (the records, the meeting).

use super::{Edits, Scope};
use crate::board::action::{Effect, Note};
use crate::board::footer::Footer;
use crate::board::work::{Job, SaveKind, SaveRequest, StoreOutcome};
use crate::domain::field::Field;
use crate::domain::model::Report;
use crate::i18n::Msg;
use crate::store::changelog::{Change, LogStatus};
use crate::text::visible;

use super::queue::HeldConflict;

impl Edits {
    /// The store worker finished `job`: what came of it; then the next job.
    pub fn land(&mut self, scope: Scope, job: Job, outcome: StoreOutcome) -> Vec<Effect> {
        self.queue.in_flight = None;
        let footer = scope.footer;
        let mut effects = match outcome {
            StoreOutcome::Saved { changes, records } => {
                if let Job::Save { request, .. } = job {
                    self.saved(&scope.records.report, footer, request, &changes);
                }
                vec![Effect::Tell(Note::Saved { changes, records })]
            }
            StoreOutcome::Conflict(conflict) => {
                // A reason is a line of its own: nobody else's change
                // conflicts with it, so only a save is held.
                if let Job::Save { request, .. } = job {
                    self.queue.held = Some(HeldConflict { request, conflict });
                }
                Vec::new()
            }
            StoreOutcome::Meeting {
                file,
                meeting,
                log,
                created,
            } => vec![Effect::Tell(Note::Meeting {
                file,
                meeting,
                log,
                created,
            })],
            StoreOutcome::Written(files) => {
                let names: Vec<String> = files
                    .iter()
                    .map(|f| visible(&f.display().to_string()).into_owned())
                    .collect();
                let sep = if footer.lang() == crate::i18n::Lang::Ja {
                    "、"
                } else {
                    ", "
                };
                let path = names.join(sep);
                footer.tell_with(Msg::MinutesWritten, &[("path", &path)]);
                Vec::new()
            }
            StoreOutcome::ReasonRecorded => {
                footer.tell(Msg::ReasonSaved);
                match job {
                    Job::Reason { change, reason } => {
                        let line = Change {
                            status: LogStatus::Reason,
                            reason: Some(reason),
                            ..*change
                        };
                        vec![Effect::Tell(Note::Reasoned(Box::new(line)))]
                    }
                    _ => Vec::new(),
                }
            }
            StoreOutcome::Rejected(why) => {
                let why = why.say(footer.lang());
                footer.put(format!("{}: {why}", footer.words(Msg::SaveRejected)));
                if let Job::Save { request, .. } = job {
                    self.give_back(request);
                }
                Vec::new()
            }
            StoreOutcome::Failed(why) => {
                let why = why.say(footer.lang());
                footer.put(format!(
                    "{}: {why} — {}",
                    footer.words(Msg::SaveFailed),
                    footer.words(Msg::Retrying)
                ));
                self.queue.failed = Some((job, None));
                Vec::new()
            }
        };
        effects.extend(self.queue.next());
        effects
    }

    /// The stacks, the changed marks and the message after a save.
    fn saved(
        &mut self,
        report: &Report,
        footer: &mut Footer,
        request: SaveRequest,
        changes: &[Change],
    ) {
        self.queue.patch_waiting(changes);
        match request.kind {
            SaveKind::Edit if !changes.is_empty() => {
                self.undo.push(changes.to_vec());
                self.redo.clear();
            }
            SaveKind::Edit => {}
            SaveKind::Undo => self.redo.push(request.batch),
            SaveKind::Redo => self.undo.push(request.batch),
        }
        for c in changes {
            self.changed.insert(c.item.clone());
        }
        let said: Vec<String> = changes
            .iter()
            .map(|c| change_words(report, footer, &c.item, c.field, &c.old, &c.new))
            .collect();
        if said.is_empty() {
            // The data held the values already (someone saved them first).
            footer.tell(Msg::NoChange);
            return;
        }
        // An undo and a redo are saves too, but say what they did.
        let done = match request.kind {
            SaveKind::Edit => Msg::SavedMsg,
            SaveKind::Undo => Msg::UndoneMsg,
            SaveKind::Redo => Msg::RedoneMsg,
        };
        footer.put(format!("{}: {}", footer.words(done), said.join(", ")));
    }
}

/// `1-1-a 実施区分: A → B` for a code, `1-1-a 実施状況` for a text.
pub fn change_words(
    report: &Report,
    footer: &Footer,
    item: &str,
    field: Field,
    old: &str,
    new: &str,
) -> String {
    let label = field.label(report, footer.lang());
    let v = visible;
    if field.is_code() && footer.is_spoken() {
        let said = |c: &str| {
            format!(
                "{} {}",
                v(c),
                v(field
                    .scale(report)
                    .and_then(|s| s.meaning(c))
                    .unwrap_or_default())
            )
        };
        format!("{} {label}: {} → {}", v(item), said(old), said(new))
    } else if field.is_code() {
        format!("{} {label}: {} → {}", v(item), v(old), v(new))
    } else {
        format!("{} {label}", v(item))
    }
}
