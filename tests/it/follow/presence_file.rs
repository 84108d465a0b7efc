//! The presence file between presenter and followers: its mode, bursts,
//! takeovers, the heartbeat, hostile contents, another machine.

use super::*;
use kensho::store::seam::{self, Seams};

#[cfg(unix)]
#[test]
fn the_presence_file_has_the_records_mode_and_is_never_committed() {
    use std::os::unix::fs::PermissionsExt;
    let mut p = TestBoard::on_copy(Lang::En, 100, 30);
    let report = p.path().join("report.ron");
    std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o640)).unwrap();
    p.keys("P");
    let meta = std::fs::metadata(p.path().join(PRESENCE_FILE)).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o640);
    let ignore =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l.trim() == PRESENCE_FILE));
    // Stopping removes it.
    p.keys("P");
    p.settle();
    let deadline = Instant::now() + Duration::from_secs(5);
    while p.path().join(PRESENCE_FILE).exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(!p.path().join(PRESENCE_FILE).exists());
}

#[test]
fn a_burst_of_moves_leaves_nothing_waited_for() {
    let (mut p, _f, _clock) = presenter_and_follower();
    // Key repeat: many moves before the worker answers any.
    for _ in 0..300 {
        let key = ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char('j'),
            ratatui::crossterm::event::KeyModifiers::NONE,
        );
        p.rt.event(&mut p.host, ratatui::crossterm::event::Event::Key(key))
            .unwrap();
    }
    p.settle();
    assert!(!p.rt.busy());
    assert_eq!(
        presence(&p).view.item,
        p.app().view().item,
        "the newest view is the one written"
    );
}

#[test]
fn a_takeover_is_never_overwritten_by_the_old_presenters_moves() {
    let (mut p, _f, _clock) = presenter_and_follower();
    let mut q = TestBoard::on_dir(p.path(), Lang::En, 100, 30);
    q.keys("P P");
    let q_owner = presence(&q).owner;
    for _ in 0..20 {
        p.keys("j");
        assert_eq!(presence(&q).owner, q_owner);
    }
    assert!(matches!(p.app().board().follow().role(), Role::Alone));
    assert!(matches!(&q.app().board().follow().role(), Role::Presenter(x) if x.claimed));
}

#[test]
fn pressing_p_twice_quickly_leaves_no_presenter_behind() {
    let mut p = TestBoard::on_copy(Lang::En, 100, 30);
    p.rt.step(&mut p.host, kensho::board::action::Command::Present)
        .unwrap();
    p.rt.step(&mut p.host, kensho::board::action::Command::Present)
        .unwrap();
    p.settle();
    assert!(matches!(p.app().board().follow().role(), Role::Alone));
    assert!(!p.message().contains("Presenting:"), "{}", p.message());
    let deadline = Instant::now() + Duration::from_secs(5);
    while p.path().join(PRESENCE_FILE).exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(!p.path().join(PRESENCE_FILE).exists());
}

#[test]
fn the_heartbeat_goes_on_without_the_board_ticking() {
    // (A presenter in $EDITOR does not tick.) A quick heartbeat, not to wait
    // a second for it.
    let seams = Seams::default();
    seams.beat(Duration::from_millis(50));
    let _installed = seam::install(&seams);
    let (p, _f, _clock) = presenter_and_follower();
    let first = presence(&p).seq;
    let deadline = Instant::now() + Duration::from_secs(10);
    while presence(&p).seq == first {
        assert!(Instant::now() < deadline, "no heartbeat");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_hostile_presence_file_is_shown_within_bounds() {
    let b = TestBoard::on_copy(Lang::En, 100, 30);
    let mut owner = kensho::store::presence::owner_now(None);
    owner.user = "\u{1b}]52;c;AAAA\u{7}evil".into();
    owner.display_name = Some("\u{1b}[2J".into());
    let p = Presence {
        owner,
        heartbeat: kensho::store::changelog::now(),
        seq: 1,
        view: kensho::domain::presence::View {
            screen: kensho::domain::presence::Shown::Walkthrough,
            item: Some("1-1-a".into()),
            place: Some((usize::MAX, usize::MAX)),
            cursor: (usize::MAX, usize::MAX),
            node: usize::MAX,
            ..Default::default()
        },
    };
    std::fs::write(b.path().join(PRESENCE_FILE), p.render().unwrap()).unwrap();
    let mut f = TestBoard::on_dir(b.path(), Lang::En, 80, 24);
    f.rt.app_mut().follow();
    let mut clock = Clock::new();
    clock.tick(&mut f);
    let screen = f.screen();
    assert!(!screen.contains('\u{1b}'), "{screen}");
    assert!(!f.message().contains('\u{1b}'), "{}", f.message());
    assert!(matches!(f.app().top(), Screen::Walkthrough(_)));
    // A file far too large is refused, not read.
    std::fs::write(b.path().join(PRESENCE_FILE), "x".repeat(1 << 20)).unwrap();
    clock.tick(&mut f);
    assert!(f.message().contains("larger than"), "{}", f.message());
    f.keys("Esc j");
    assert_eq!(f.selected(), "1-1-b", "the follower goes on working");
}

#[test]
fn a_presenter_on_another_machine_counts_as_there_while_its_file_changes() {
    // A quick heartbeat (the claim waits one and a half to see the file
    // change), and the other machine writes faster than it.
    let seams = Seams::default();
    seams.beat(Duration::from_millis(200));
    let _installed = seam::install(&seams);
    let b = TestBoard::on_copy(Lang::En, 100, 30);
    let dir = b.path().to_path_buf();
    let mut owner = kensho::store::presence::owner_now(None);
    owner.host = "another-machine".into();
    // Its clock is an hour behind: only the file's changes tell.
    let write = {
        let (owner, dir) = (owner.clone(), dir.clone());
        move |seq: u64| {
            let p = Presence {
                owner: owner.clone(),
                heartbeat: "2026-01-01T00:00:00+09:00".into(),
                seq,
                view: Default::default(),
            };
            // Replaced whole, as another machine's kensho does.
            let fresh = dir.join(format!(".{PRESENCE_FILE}.{seq}"));
            std::fs::write(&fresh, p.render().unwrap()).unwrap();
            std::fs::rename(&fresh, dir.join(PRESENCE_FILE)).unwrap();
        }
    };
    write(1);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let beating = {
        let (stop, write) = (stop.clone(), write.clone());
        std::thread::spawn(move || {
            let mut seq = 1;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                seq += 1;
                write(seq);
                std::thread::sleep(Duration::from_millis(60));
            }
        })
    };
    let mut q = TestBoard::on_dir(&dir, Lang::En, 100, 30);
    q.keys("P");
    assert!(
        matches!(q.app().board().follow().role(), Role::Alone),
        "{}",
        q.message()
    );
    assert!(q.message().contains("another-machine"), "{}", q.message());
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    beating.join().unwrap();
    // Silent now: gone, and taken without asking (a board that was not told
    // someone presents).
    let mut r = TestBoard::on_dir(&dir, Lang::En, 100, 30);
    r.keys("P");
    assert!(
        matches!(&r.app().board().follow().role(), Role::Presenter(x) if x.claimed),
        "{}",
        r.message()
    );
}
