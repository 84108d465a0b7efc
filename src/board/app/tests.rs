//! Every key of every screen does something there: a binding whose screen
//! ignores its command would be a key that help and the footer promise and
//! that does nothing.

use super::App;
use crate::board::action::{Action, Command};
use crate::board::keymap::{Keymap, KeymapError};
use crate::board::keys::bind;
use crate::board::screen::conflict::ConflictDialog;
use crate::board::screen::departments::DepartmentPicker;
use crate::board::screen::edit_which::EditWhich;
use crate::board::screen::filters::FilterPanel;
use crate::board::screen::help::Help;
use crate::board::screen::jump::JumpPrompt;
use crate::board::screen::meeting_prompt::MeetingPrompt;
use crate::board::screen::overview::Overview;
use crate::board::screen::picker::CodePicker;
use crate::board::screen::reason::ReasonPrompt;
use crate::board::screen::remark::RemarkPrompt;
use crate::board::screen::search_line::SearchLine;
use crate::board::screen::walkthrough::Walkthrough;
use crate::board::screen::{Screen, ScreenKind};
use crate::board::state::Options;
use crate::i18n::Msg;

fn app() -> App {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
    let records = crate::domain::records::load(&dir).expect("the bundled records");
    App::new(records, Options::default()).expect("the default keys")
}

fn kensho_detail() -> crate::board::screen::meeting_info::DetailPrompt {
    crate::board::screen::meeting_info::DetailPrompt {
        field: crate::domain::meeting::details::DetailField::Place,
        input: Default::default(),
    }
}

/// A screen of `kind` as a user meets it, on `app`'s board.
fn sample(kind: ScreenKind, app: &App) -> Screen {
    let board = app.board();
    let item = "1-1-a".to_string();
    match kind {
        ScreenKind::Browse => Screen::Browse(Default::default()),
        ScreenKind::Help => Screen::Help(Help {
            of: ScreenKind::Browse,
            scroll: 0,
        }),
        ScreenKind::SearchLine => Screen::SearchLine(SearchLine),
        ScreenKind::Filters => Screen::Filters(FilterPanel::new(board)),
        ScreenKind::Departments => Screen::Departments(DepartmentPicker::new(board)),
        ScreenKind::Picker => Screen::Picker(CodePicker::new(board, item)),
        ScreenKind::EditWhich => Screen::EditWhich(EditWhich { item, cursor: 0 }),
        ScreenKind::Conflict => Screen::Conflict(ConflictDialog),
        ScreenKind::Reason => Screen::Reason(ReasonPrompt::open(board, item)),
        ScreenKind::Remark => Screen::Remark(RemarkPrompt {
            item,
            input: Default::default(),
        }),
        ScreenKind::Jump => Screen::Jump(JumpPrompt::default()),
        ScreenKind::MeetingInfo => Screen::MeetingInfo(Default::default()),
        ScreenKind::ConfirmEdit => {
            Screen::ConfirmEdit(crate::board::screen::confirm_edit::ConfirmEdit {
                item: item.clone(),
                field: crate::domain::field::Field::Phase,
                value: "B".into(),
            })
        }
        ScreenKind::Detail => Screen::Detail(kensho_detail()),
        ScreenKind::Walkthrough => Screen::Walkthrough(Walkthrough::new(board)),
        ScreenKind::Overview => Screen::Overview(Overview::new(board)),
        ScreenKind::MeetingPrompt => Screen::MeetingPrompt(MeetingPrompt::default()),
        ScreenKind::AgendaIndex => Screen::AgendaIndex(Default::default()),
    }
}

#[test]
fn every_binding_of_every_screen_is_a_command_its_screen_takes() {
    let fresh = app();
    let mut checked = 0;
    for &kind in ScreenKind::ALL {
        let bindings = fresh
            .keymap()
            .table(kind)
            .iter()
            .chain(fresh.keymap().global());
        for binding in bindings {
            let mut app = fresh.clone();
            if kind != ScreenKind::Browse {
                let screen = sample(kind, &app);
                app.screens.push(screen);
            }
            assert_eq!(app.top().kind(), kind);
            let outcome = app.command(Action::Command(binding.command.clone()));
            assert!(
                !outcome.ignored,
                "{}: {:?} ({:?}) is bound but does nothing there",
                kind.name(),
                binding.command,
                binding.keys
            );
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked}");
}

#[test]
fn a_command_a_screen_does_not_take_is_found_out() {
    // The check above can fail: the overview does not take a save.
    let mut app = app();
    let screen = sample(ScreenKind::Overview, &app);
    app.screens.push(screen);
    let outcome = app.command(Action::Command(Command::Undo));
    assert!(outcome.ignored);
}

#[test]
fn a_key_table_word_that_is_not_a_key_stops_the_keymap() {
    let table = vec![bind("Ctrl- x", Command::Up, Msg::KeyMove)];
    let made = Keymap::new(vec![(ScreenKind::Browse, table)]);
    match made {
        Err(KeymapError::Unread { screen, word, .. }) => {
            assert_eq!((screen, word.as_str()), (ScreenKind::Browse, "Ctrl-"));
        }
        other => panic!("{other:?}"),
    }
}
