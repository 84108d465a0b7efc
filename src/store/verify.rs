//! `kensho verify`: the latest logged value of every logged field is what the
//! records hold, and the records as a whole are what the last save left
//! (each save writes the checksum of the data it leaves in its log lines):
//! a field changed by hand, logged or not, is found.

use std::collections::{BTreeMap, HashMap};

use super::changelog::{Change, LogProblem, LogStatus, never_applied};
use crate::domain::error::quoted;
use crate::domain::field::Field;
use crate::domain::model::{ItemRef, Report};
use crate::i18n::{Lang, LogMsg};

/// A logged field whose latest logged value the records do not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub item: String,
    pub field: Field,
    /// The logged change; `None` in `now` when the item no longer exists.
    pub logged: Change,
    pub now: Option<String>,
}

impl Difference {
    pub fn say(&self, lang: Lang) -> String {
        let c = &self.logged;
        match &self.now {
            None => {
                LogMsg::VerifyNoSuchItem.fill(lang, &[("item", &self.item), ("field", &self.field)])
            }
            Some(now) => LogMsg::VerifyDiffers.fill(
                lang,
                &[
                    ("item", &self.item),
                    ("field", &self.field),
                    ("logged", &quoted(&c.new)),
                    ("when", &c.timestamp),
                    ("user", &c.user),
                    ("now", &quoted(now)),
                ],
            ),
        }
    }
}

/// What `kensho verify` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verification {
    /// Fields whose latest logged value is not what the records hold.
    pub differences: Vec<Difference>,
    /// Problems reading the log (a torn last line is tolerated).
    pub problems: Vec<LogProblem>,
    /// A last save that was interrupted before the data was written.
    pub interrupted: bool,
    pub checked: usize,
    /// The records as a whole against the checksums in the log.
    pub state: StateCheck,
}

/// The records' checksum against the log's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum StateCheck {
    /// No line of the log carries a checksum (an older log, or none).
    #[default]
    Unknown,
    /// The data is what the last save left (that save's time).
    Matches(String),
    /// The data is what an earlier save left (its time), not the last one
    /// (the last save's time): later saves were undone by hand.
    MatchesEarlier { earlier: String, last: String },
    /// The data is not what any one save left, but it is what the log's
    /// saves make of the records as first logged (their time): saves made
    /// in more than one copy of the folder and merged, say.
    Consistent { first: String },
    /// The data matches no save, and undoing every logged change after the
    /// first logged save does not give what that save left: something was
    /// changed outside kensho (the last save's time).
    MatchesNone { last: String },
}

impl StateCheck {
    pub fn is_difference(&self) -> bool {
        matches!(
            self,
            StateCheck::MatchesEarlier { .. } | StateCheck::MatchesNone { .. }
        )
    }

    pub fn say(&self, lang: Lang) -> Option<String> {
        Some(match self {
            StateCheck::Unknown => LogMsg::VerifyStateUnknown.text(lang).to_string(),
            StateCheck::Matches(when) => LogMsg::VerifyStateMatches.fill(lang, &[("when", when)]),
            StateCheck::MatchesEarlier { earlier, last } => {
                LogMsg::VerifyStateEarlier.fill(lang, &[("earlier", earlier), ("last", last)])
            }
            StateCheck::Consistent { first } => {
                LogMsg::VerifyStateConsistent.fill(lang, &[("first", first)])
            }
            StateCheck::MatchesNone { last } => {
                LogMsg::VerifyStateNone.fill(lang, &[("last", last)])
            }
        })
    }
}

/// Check that the latest logged value of every logged field equals the
/// records, and the records as a whole against the log's checksums. One
/// pass over the log and a few over the records.
pub fn verify(changes: &[Change], problems: Vec<LogProblem>, report: &Report) -> Verification {
    verify_knowing(changes, problems, report, None)
}

/// [`verify`], given the records' state when it is known already (from the
/// digest cache: see [`super::digests::parts_now`]).
pub fn verify_knowing(
    changes: &[Change],
    problems: Vec<LogProblem>,
    report: &Report,
    state_now: Option<String>,
) -> Verification {
    let index: HashMap<&str, ItemRef> = report.items().map(|r| (r.item.id.as_str(), r)).collect();
    let mut latest: BTreeMap<(&str, Field), &Change> = BTreeMap::new();
    // An `adopted` line names no field.
    for c in changes.iter().filter(|c| c.status != LogStatus::Adopted) {
        latest.insert((c.item.as_str(), c.field), c);
    }
    // The last save may have been cut between the log and the data.
    let last_txn = changes
        .last()
        .filter(|c| c.status == LogStatus::Applied)
        .map(|c| c.txn.as_str());
    let interrupted = last_txn.is_some_and(|t| {
        let txn: Vec<&Change> = changes.iter().rev().take_while(|c| c.txn == t).collect();
        never_applied(&txn, report)
    });
    let mut v = Verification {
        problems,
        interrupted,
        state: state_check(
            changes,
            interrupted.then_some(last_txn).flatten(),
            States::new(report, state_now),
        ),
        ..Verification::default()
    };
    for ((item, field), c) in latest {
        v.checked += 1;
        if interrupted && Some(c.txn.as_str()) == last_txn {
            continue;
        }
        let now = index.get(item).map(|r| field.get(r.item));
        if now.as_deref() != Some(c.new.as_str()) {
            v.differences.push(Difference {
                item: item.to_string(),
                field,
                logged: c.clone(),
                now,
            });
        }
    }
    v
}

/// The records' checksum against the log's: the last save with a checksum
/// (an interrupted last save aside: its data was never written), or an
/// earlier one, or none.
fn state_check(changes: &[Change], interrupted: Option<&str>, now: States) -> StateCheck {
    let saves: Vec<&Change> = changes
        .iter()
        .filter(|c| c.state.is_some() && Some(c.txn.as_str()) != interrupted)
        .collect();
    let Some(last) = saves.last() else {
        return StateCheck::Unknown;
    };
    if now.holds(last) {
        return StateCheck::Matches(last.timestamp.clone());
    }
    match saves.iter().rev().find(|c| now.holds(c)) {
        Some(earlier) => StateCheck::MatchesEarlier {
            earlier: earlier.timestamp.clone(),
            last: last.timestamp.clone(),
        },
        None => {
            let first = saves[0];
            if rolled_back_state(changes, first, interrupted, now.report).as_deref()
                == first.state.as_deref()
            {
                StateCheck::Consistent {
                    first: first.timestamp.clone(),
                }
            } else {
                StateCheck::MatchesNone {
                    last: last.timestamp.clone(),
                }
            }
        }
    }
}

/// The checksum of the records with every logged change after the save of
/// `first` undone (each field set back to the old value of its first later
/// change): what that save left, if nothing else was changed. None when a
/// changed item is no longer in the records.
fn rolled_back_state(
    changes: &[Change],
    first: &Change,
    interrupted: Option<&str>,
    report: &Report,
) -> Option<String> {
    let start = changes
        .iter()
        .rposition(|c| c.txn == first.txn)
        .map_or(0, |i| i + 1);
    let mut back: HashMap<(&str, Field), &str> = HashMap::new();
    for c in &changes[start..] {
        if c.status == LogStatus::Applied && Some(c.txn.as_str()) != interrupted {
            back.entry((c.item.as_str(), c.field))
                .or_insert(c.old.as_str());
        }
    }
    let mut report = report.clone();
    let mut items: HashMap<String, &mut crate::domain::model::Item> =
        report.items_mut().map(|i| (i.id.clone(), i)).collect();
    for ((item, field), old) in back {
        field.set(items.get_mut(item)?, old.to_string());
    }
    drop(items);
    let stated = first.state.as_deref().unwrap_or_default();
    Some(States::new(&report, None).of_scheme(stated).to_string())
}

/// The records' state in each scheme a log may hold, worked out when first
/// asked for (the JSON one only for logs written before the per-part one).
struct States<'a> {
    report: &'a Report,
    parts: std::cell::OnceCell<String>,
    json: std::cell::OnceCell<String>,
}

impl<'a> States<'a> {
    fn new(report: &'a Report, parts: Option<String>) -> States<'a> {
        States {
            report,
            parts: parts.map(std::cell::OnceCell::from).unwrap_or_default(),
            json: std::cell::OnceCell::new(),
        }
    }

    /// The state in the scheme of `stated`.
    fn of_scheme(&self, stated: &str) -> &str {
        use crate::domain::records::{STATE_PREFIX, state_of, state_of_json};
        if stated.starts_with(STATE_PREFIX) {
            self.parts.get_or_init(|| state_of(self.report))
        } else {
            self.json.get_or_init(|| state_of_json(self.report))
        }
    }

    /// The data is what the save of `c` left.
    fn holds(&self, c: &Change) -> bool {
        c.state
            .as_deref()
            .is_some_and(|stated| self.of_scheme(stated) == stated)
    }
}
