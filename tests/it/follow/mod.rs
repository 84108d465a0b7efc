//! Follow mode through the runtime users run: a presenter and followers on
//! the same records, the presence file between them written and read by the
//! real worker. (The two-terminal end-to-end test is in e2e.rs.)

mod compare;
mod list;
mod presence_file;

use crate::common;

use std::time::{Duration, Instant};

use common::TestBoard;

use kensho::board::action::Action;

use kensho::board::follow::{FollowStatus, Role};

use kensho::board::screen::Screen;

use kensho::domain::presence::{PRESENCE_FILE, Presence};

use kensho::i18n::Lang;

/// Time as the follower's ticks tell it: each call is later than the last
/// by more than the poll interval.
struct Clock(Instant, u64);

impl Clock {
    fn new() -> Clock {
        Clock(Instant::now(), 0)
    }

    /// The follower looks at the presence file (and the data, when due).
    fn tick(&mut self, b: &mut TestBoard) {
        self.1 += 1;
        b.act(Action::Tick(self.0 + Duration::from_secs(self.1)));
    }
}

fn presenter_and_follower() -> (TestBoard, TestBoard, Clock) {
    let mut p = TestBoard::on_copy(Lang::Ja, 100, 30);
    p.keys("P");
    assert!(
        matches!(&p.app().board().follow().role(), Role::Presenter(x) if x.claimed),
        "{:?}",
        p.app().board().follow().role()
    );
    let mut f = TestBoard::on_dir(p.path(), Lang::En, 80, 24);
    f.rt.app_mut().follow();
    let mut clock = Clock::new();
    clock.tick(&mut f);
    (p, f, clock)
}

fn follower_status(f: &TestBoard) -> (bool, FollowStatus) {
    match &f.app().board().follow().role() {
        Role::Follower(x) => (x.attached, x.status.clone()),
        other => panic!("not a follower: {other:?}"),
    }
}

fn presence(p: &TestBoard) -> Presence {
    let text = std::fs::read_to_string(p.path().join(PRESENCE_FILE)).unwrap();
    Presence::parse(&text).unwrap()
}

#[test]
fn a_follower_shows_the_presenters_item_and_screen() {
    let (mut p, mut f, mut clock) = presenter_and_follower();
    let (attached, status) = follower_status(&f);
    assert!(attached);
    assert!(matches!(status, FollowStatus::Live(_)), "{status:?}");
    assert!(f.screen().lines().next().unwrap().contains("following"));
    // The board: the same item.
    p.jump("3-4-d");
    assert_eq!(presence(&p).view.item.as_deref(), Some("3-4-d"));
    clock.tick(&mut f);
    assert_eq!(f.selected(), "3-4-d");
    // The walkthrough: the same item, the presenter's place on the agenda.
    p.keys("p Space");
    clock.tick(&mut f);
    match f.app().top() {
        Screen::Walkthrough(w) => {
            assert_eq!(w.current(), Some("3-5-a"));
            assert_eq!(w.place(), Some((50, 88)));
        }
        other => panic!("{other:?}"),
    }
    let screen = f.screen();
    assert!(
        screen.contains("3-5-a") && screen.contains("agenda 50 of 88"),
        "{screen}"
    );
    // The overview, with the presenter's cursor.
    p.keys("o j j");
    clock.tick(&mut f);
    match f.app().top() {
        Screen::Overview(o) => assert_eq!(o.row, 2),
        other => panic!("{other:?}"),
    }
    // Back to the board, on a recommendation's row.
    p.keys("Esc Esc Esc g");
    clock.tick(&mut f);
    assert!(matches!(f.app().top(), Screen::Browse(_)));
    assert_eq!(f.app().board().outline().selected(), 0);
    // The detail, when the presenter opens it.
    p.keys("j j Enter");
    clock.tick(&mut f);
    assert_eq!(f.selected(), "1-1-a");
    assert!(f.screen().contains("Measure"), "{}", f.screen());
}

#[test]
fn a_follower_never_changes_data() {
    let (mut p, mut f, mut clock) = presenter_and_follower();
    p.jump("1-1-a");
    p.keys("p");
    clock.tick(&mut f);
    let files = |dir: &std::path::Path| -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file() && !p.ends_with(PRESENCE_FILE))
            .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
            .collect();
        out.sort();
        out
    };
    // Its footer shows only the keys that work for it.
    let footer = |b: &TestBoard| b.screen().lines().last().unwrap_or_default().to_string();
    assert!(footer(&p).contains("r 審議済み"), "{}", footer(&p));
    f.keys("? Esc");
    assert!(
        !footer(&f).contains("r reviewed") && !footer(&f).contains("s codes"),
        "{}",
        footer(&f)
    );
    assert!(footer(&f).contains("Space next"), "{}", footer(&f));
    let before = files(p.path());
    for keys in ["B", "3", "s", "e", "m", "u", "Ctrl-r", "r", "w"] {
        f.keys(keys);
        assert!(f.message().contains("read-only"), "{keys}: {}", f.message());
        assert!(
            matches!(f.app().top(), Screen::Walkthrough(_)),
            "{keys} opened {:?}",
            f.app().top()
        );
    }
    f.keys("Esc M");
    assert!(f.message().contains("read-only"));
    assert!(matches!(f.app().top(), Screen::Browse(_)));
    assert_eq!(files(p.path()), before, "nothing written");
    assert!(!p.path().join("changes.jsonl").exists());
}

#[test]
fn a_follower_browses_on_its_own_and_p_takes_it_back() {
    let (mut p, mut f, mut clock) = presenter_and_follower();
    p.jump("2-1-a");
    clock.tick(&mut f);
    assert_eq!(f.selected(), "2-1-a");
    // Help opens and closes without leaving the presenter.
    f.keys("? Esc");
    assert!(follower_status(&f).0);
    f.keys("j j");
    let (attached, _) = follower_status(&f);
    assert!(!attached);
    assert!(f.screen().lines().next().unwrap().contains("on your own"));
    // The presenter moves on: the follower stays where it is.
    p.jump("5-1-a");
    clock.tick(&mut f);
    assert_ne!(f.selected(), "5-1-a");
    // `?` says which key goes back, and it does.
    let help = kensho::board::keymap::Keymap::help_lines(
        f.app()
            .keymap()
            .table(kensho::board::keymap::ScreenKind::Browse),
        false,
    );
    assert!(
        help.iter()
            .any(|(k, m)| k == "P" && *m == kensho::i18n::Msg::KeyRejoin),
        "{help:?}"
    );
    f.act(Action::Resize(100, 60));
    f.keys("?");
    assert!(
        f.screen().contains("back to the presenter"),
        "{}",
        f.screen()
    );
    f.keys("Esc P");
    assert!(follower_status(&f).0);
    assert_eq!(f.selected(), "5-1-a");
    // Its own search gives way when the presenter's item is not in it.
    f.keys("/");
    f.type_text("警察");
    f.keys("Enter j");
    assert!(!follower_status(&f).0);
    assert!(!f.shown_ids().contains(&"7-1-a".to_string()));
    p.jump("7-1-a");
    f.keys("P");
    assert_eq!(f.selected(), "7-1-a");
    assert!(f.shown_ids().contains(&"7-1-a".to_string()));
}

#[test]
fn a_status_set_by_the_presenter_reaches_the_follower() {
    let (mut p, mut f, mut clock) = presenter_and_follower();
    p.jump("3-4-d");
    clock.tick(&mut f);
    p.keys("A");
    let data = presence(&p).view.data;
    assert!(data > 0, "a save is news for the followers");
    // The follower's next look at the file sees the data changed and
    // reloads at once.
    clock.tick(&mut f);
    clock.tick(&mut f);
    let item = f.app().board().report().item("3-4-d").unwrap().item;
    assert_eq!(kensho::domain::field::Field::Phase.get(item), "A");
}

#[test]
fn a_second_presenter_is_told_who_presents_and_may_take_over() {
    let (mut p, mut f, mut clock) = presenter_and_follower();
    let mut q = TestBoard::on_dir(p.path(), Lang::En, 100, 30);
    q.keys("P");
    assert!(matches!(q.app().board().follow().role(), Role::Alone));
    let said = q.message();
    assert!(
        said.contains("presents since") && said.contains('@'),
        "{said}"
    );
    assert!(said.contains("P again takes over"), "{said}");
    q.keys("P");
    assert!(matches!(&q.app().board().follow().role(), Role::Presenter(x) if x.claimed));
    q.jump("6-1-a");
    // The first presenter learns it at its next write.
    p.keys("j");
    assert!(matches!(p.app().board().follow().role(), Role::Alone));
    assert!(p.message().contains("引き継ぎました"), "{}", p.message());
    // The follower follows the new presenter.
    clock.tick(&mut f);
    assert_eq!(f.selected(), "6-1-a");
}

#[test]
fn when_the_presenter_stops_the_follower_says_so_and_goes_on() {
    let (mut p, mut f, mut clock) = presenter_and_follower();
    p.keys("q");
    p.rt.close(&mut p.host, Duration::from_secs(5)).unwrap();
    assert!(!p.path().join(PRESENCE_FILE).exists());
    clock.tick(&mut f);
    let (_, status) = follower_status(&f);
    assert!(matches!(status, FollowStatus::Left(_)), "{status:?}");
    assert!(
        f.message().contains("stopped presenting"),
        "{}",
        f.message()
    );
    assert!(
        f.screen()
            .lines()
            .next()
            .unwrap()
            .contains("presenter left")
    );
    f.keys("j j");
    assert_eq!(f.selected(), "1-1-c");
}

#[test]
fn a_file_left_by_a_dead_presenter_is_nobody_and_may_be_taken() {
    let b = TestBoard::on_copy(Lang::En, 100, 30);
    let mut dead = kensho::store::presence::owner_now(None);
    // No process has this id (above the largest pid Linux gives out).
    dead.pid = 4_194_304 + 7;
    let p = Presence {
        owner: dead,
        heartbeat: kensho::store::changelog::now(),
        seq: 9,
        view: Default::default(),
    };
    std::fs::write(b.path().join(PRESENCE_FILE), p.render().unwrap()).unwrap();
    let mut f = TestBoard::on_dir(b.path(), Lang::En, 80, 24);
    f.rt.app_mut().follow();
    let mut clock = Clock::new();
    clock.tick(&mut f);
    assert_eq!(follower_status(&f).1, FollowStatus::Waiting);
    assert!(f.screen().lines().next().unwrap().contains("no presenter"));
    let mut q = TestBoard::on_dir(b.path(), Lang::En, 100, 30);
    q.keys("P");
    assert!(
        matches!(&q.app().board().follow().role(), Role::Presenter(x) if x.claimed),
        "{}",
        q.message()
    );
    clock.tick(&mut f);
    assert!(matches!(follower_status(&f).1, FollowStatus::Live(_)));
}

#[test]
fn a_follower_typing_in_a_prompt_keeps_its_prompt_when_the_presenter_moves() {
    let (mut p, mut f, mut clock) = presenter_and_follower();
    f.keys(":");
    f.type_text("2-1");
    p.jump("6-1-a");
    clock.tick(&mut f);
    match f.app().top() {
        Screen::Jump(input) => assert_eq!(input.0.text, "2-1"),
        other => panic!("the prompt was closed: {other:?}"),
    }
    assert_ne!(f.selected(), "6-1-a");
    f.keys("Esc");
    clock.tick(&mut f);
    assert_eq!(f.selected(), "6-1-a", "shown once the prompt closed");
}

#[test]
fn a_recommendations_row_reaches_a_follower_with_its_own_search() {
    let (mut p, mut f, mut clock) = presenter_and_follower();
    f.keys("/");
    f.type_text("警察");
    f.keys("Enter P");
    p.keys("g");
    clock.tick(&mut f);
    assert_eq!(f.app().board().outline().selected(), 0);
    assert!(!f.app().board().search().is_narrowed());
    assert!(f.screen().contains("Recommendation 1"), "{}", f.screen());
}

#[test]
fn a_follower_sees_the_meetings_changes_and_reasons() {
    let (mut p, mut f, mut clock) = presenter_and_follower();
    p.keys("M");
    p.type_text("本部会議");
    p.keys("Enter");
    // The follower has read the meeting before anything changed in it.
    clock.tick(&mut f);
    assert!(f.app().board().room().state().is_some());
    p.keys("B m");
    p.type_text("会議で決定");
    p.keys("Enter");
    clock.tick(&mut f);
    clock.tick(&mut f);
    let screen = f.screen();
    assert!(screen.contains("meeting \"本部会議\""), "{screen}");
    let text: String = screen.lines().map(str::trim).collect();
    assert!(
        text.contains("changed in the meeting: A → B (reason: 会議で決定)"),
        "{screen}"
    );
}
