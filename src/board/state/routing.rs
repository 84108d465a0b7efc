//! The board as a router: each message goes to the part it is for, with
//! what that part reads and changes besides itself; each note one part
//! sends another arrives here; new records on screen reach every part
//! that cares.

use std::path::PathBuf;

use super::Board;
use crate::board::action::{Effect, Note};
use crate::board::edits::{self, EditMsg};
use crate::board::follow::{self, FollowMsg};
use crate::board::meeting::{self, RoomMsg};
use crate::board::search::marks::OnScreen;
use crate::board::search::{self, MeetingFilters, SearchMsg};
use crate::board::work::{Job, StoreOutcome};
use crate::domain::field::Field;
use crate::domain::meeting::Meeting;
use crate::domain::records::Records;
use crate::i18n::Msg;
use crate::search::Filters;
use crate::store::changelog::Change;

impl Board {
    /// A message for the search.
    pub fn search_msg(&mut self, msg: SearchMsg) -> Vec<Effect> {
        let height = self.outline_height();
        let scope = search::Scope {
            records: self.data.records(),
            data: self.data.version(),
            meeting: self.room.state(),
            outline: &mut self.outline,
            height,
        };
        self.search.update(scope, msg)
    }

    /// A message for the edits.
    pub fn edit(&mut self, msg: EditMsg) -> Vec<Effect> {
        let scope = edits::Scope {
            records: self.data.records(),
            meeting: self.room.open_meeting().map(|m| m.name.as_str()),
            footer: &mut self.footer,
        };
        self.edits.update(scope, msg)
    }

    /// A message for the meeting room.
    pub fn meeting(&mut self, msg: RoomMsg) -> Vec<Effect> {
        let scope = meeting::Scope {
            data: &self.data,
            footer: &mut self.footer,
        };
        self.room.update(scope, msg)
    }

    /// A message for follow mode.
    pub fn follow_msg(&mut self, msg: FollowMsg) -> Vec<Effect> {
        let scope = follow::Scope {
            footer: &mut self.footer,
            display_name: self.display_name.as_deref(),
            records: self.data.records(),
            meeting: self.room.name(),
        };
        self.follow.update(scope, msg)
    }

    /// The store worker finished `job`.
    pub fn land(&mut self, job: Job, outcome: StoreOutcome) -> Vec<Effect> {
        let scope = edits::Scope {
            records: self.data.records(),
            meeting: None,
            footer: &mut self.footer,
        };
        self.edits.land(scope, job, outcome)
    }

    /// The files were looked at: the meeting's file as it is now, and the
    /// records when others changed them.
    pub fn disk_checked(
        &mut self,
        records: Option<Box<Records>>,
        meeting: Option<(PathBuf, Box<Meeting>)>,
    ) -> Vec<Effect> {
        self.watch.checking = false;
        let mut effects = Vec::new();
        if let Some((file, meeting)) = meeting {
            effects.push(Effect::Tell(Note::Meeting {
                file,
                meeting,
                log: None,
                created: false,
            }));
        }
        if let Some(records) = records {
            effects.push(Effect::Tell(Note::Reloaded(records)));
        }
        effects
    }

    /// A note one part sent another (those about screens are the app's).
    pub fn note(&mut self, note: Note) -> Vec<Effect> {
        match note {
            Note::Write(job) => self.edits.submit(job),
            Note::Saved { changes, records } => {
                let mut effects = self.meeting(RoomMsg::Logged(changes.clone()));
                effects.extend(match records {
                    Some(records) => self.replace_records(*records),
                    None => self.apply_own(&changes),
                });
                effects
            }
            Note::Reloaded(records) => self.reload(*records),
            Note::Reasoned(line) => self.meeting(RoomMsg::Logged(vec![*line])),
            Note::Meeting {
                file,
                meeting,
                log,
                created,
            } => self.meeting(RoomMsg::Landed {
                file,
                meeting,
                log,
                created,
            }),
            Note::MeetingShown { file, meeting, log } => {
                self.meeting(RoomMsg::Shown { file, meeting, log })
            }
            Note::MeetingChanged => self.search_msg(SearchMsg::MeetingChanged),
            Note::CheckNow => self.check_now(),
            Note::Walk | Note::Show(_) => Vec::new(),
        }
    }

    /// Select the item with `id` (case does not matter); when it is not among
    /// the results, the search and filters are cleared first.
    pub fn select_id(&mut self, id: &str) -> Vec<Effect> {
        let wanted = id.trim().to_ascii_lowercase();
        let found = self
            .report()
            .items()
            .position(|r| r.item.id.to_ascii_lowercase() == wanted);
        let Some(i) = found else {
            let shown = crate::text::visible(id.trim()).into_owned();
            let not_found = self.footer.words(Msg::JumpNotFound);
            self.footer.put(format!("{not_found}: {shown}"));
            return Vec::new();
        };
        let mut effects = Vec::new();
        if !self.outline.is_shown_item(i) {
            effects = self.search_msg(SearchMsg::Show {
                query: String::new(),
                filters: Filters::default(),
                meeting_filters: self.search.meeting_filters().clone(),
            });
            self.tell(Msg::NotShown);
        }
        self.select(|o| {
            o.select_item(i);
        });
        effects
    }

    /// The board on one segment of the overview: the items of one
    /// recommendation (or all) at one code of a scale.
    pub fn show_segment(
        &mut self,
        recommendation: Option<usize>,
        field: Field,
        code: usize,
    ) -> Vec<Effect> {
        let report = self.report();
        let scale = match field {
            Field::Direction => &report.direction_scale,
            _ => &report.phase_scale,
        };
        let Some(code) = scale.codes.get(code).map(|c| c.code.clone()) else {
            return Vec::new();
        };
        let number = recommendation
            .and_then(|r| report.recommendations.get(r))
            .map(|r| r.number);
        let mut filters = Filters::default();
        filters.recommendations.extend(number);
        match field {
            Field::Direction => filters.directions.insert(code),
            _ => filters.phases.insert(code),
        };
        self.search_msg(SearchMsg::Show {
            query: String::new(),
            filters,
            meeting_filters: MeetingFilters::default(),
        })
    }

    /// Bring the search's highlights up to date with what is on screen.
    pub fn prepare_marks(&mut self) {
        let on = OnScreen {
            outline: &self.outline,
            report: &self.data.records().report,
            height: self.size.1.saturating_sub(4) as usize,
            ascii: self.options.ascii,
            lang: self.options.lang,
        };
        self.search.prepare_marks(on);
    }

    /// Our own save's changes, applied to the board's records in place.
    fn apply_own(&mut self, changes: &[Change]) -> Vec<Effect> {
        self.data.apply(changes);
        let keep = self.selected_item().map(|r| r.item.id.clone());
        self.search_msg(SearchMsg::DataChanged { keep })
    }

    /// New records on screen: the selection, the expanded nodes and the search
    /// are kept, and the search runs again on the new data. The selected row
    /// stays in the list even if it no longer matches, until the selection
    /// moves (it is marked so).
    fn replace_records(&mut self, records: Records) -> Vec<Effect> {
        let keep = self.selected_item().map(|r| r.item.id.clone());
        self.outline = self.outline.rebuilt(&records.report);
        self.data.replace(records);
        if let Some(i) = keep.as_deref().and_then(|id| self.item_index(id)) {
            self.outline.select_item(i);
        }
        let effects = self.search_msg(SearchMsg::DataChanged { keep });
        self.outline.scroll_into_view(self.outline_height());
        effects
    }

    /// Others' saves: reload them, and say what changed.
    fn reload(&mut self, fresh: Records) -> Vec<Effect> {
        if fresh == **self.records() {
            return Vec::new();
        }
        let said = reload_words(self, &fresh);
        self.footer.put(said);
        self.replace_records(fresh)
    }
}

/// What others changed, in words: a few changes named, many counted.
fn reload_words(board: &Board, fresh: &Records) -> String {
    // Each item looked up once by id: linear in the records.
    let old: std::collections::HashMap<&str, &crate::domain::model::Item> = board
        .report()
        .items()
        .map(|r| (r.item.id.as_str(), r.item))
        .collect();
    let mut changed = Vec::new();
    for r in fresh.report.items() {
        let Some(old) = old.get(r.item.id.as_str()) else {
            continue;
        };
        for f in Field::ALL {
            let (a, b) = (f.get(old), f.get(r.item));
            if a != b {
                changed.push((r.item.id.as_str(), f, a, b));
            }
        }
    }
    const NAMED: usize = 5;
    let footer = &board.footer;
    let mut said: Vec<String> = changed
        .iter()
        .take(NAMED)
        .map(|(id, f, a, b)| edits::change_words(board.report(), footer, id, *f, a, b))
        .collect();
    if changed.len() > NAMED {
        let more = changed.len() - NAMED;
        said.push(Msg::ReloadedMore.fill(footer.lang(), &[("count", &more)]));
    }
    format!("{}: {}", footer.words(Msg::ReloadedMsg), said.join(", "))
}
