//! A review meeting in terminals: the agenda at start, marks across a kill,
//! a scripted meeting and its minutes, followers in other terminals.

use std::io::Write;
use std::time::Duration;

use super::*;

#[test]
fn the_board_opens_straight_onto_an_agenda() {
    let mut s = Session::start(&["records", "--phase", "C,D"], "ja_JP.UTF-8");
    let screen = s.wait_for("1 / 3 件目");
    assert!(screen.contains("実施区分:C,D"), "{screen}");
    assert!(screen.contains("1-1-d") && screen.contains("3-4-d") && !screen.contains("1-1-a "));
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
}

#[test]
fn marks_survive_a_kill_in_the_middle_of_marking_and_a_restart() {
    let tmp = copy_of_records();
    let dir = tmp.path().to_str().unwrap().to_string();
    let name = "2026-11 本部会議";
    let file = kensho::domain::meeting::meeting_file(tmp.path(), name);
    let report = kensho::domain::records::load(tmp.path()).unwrap().report;
    for round in 0..6u64 {
        let mut s = Session::start(&[&dir, "--meeting", name], "ja_JP.UTF-8");
        s.wait_for("審議済");
        s.send("r");
        // Killed while (or just after) the next marks are written.
        s.writer.write_all(b"rrr").unwrap();
        s.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(round * 4));
        let pid = s.child.process_id().unwrap().to_string();
        let killed = std::process::Command::new("kill")
            .args(["-9", &pid])
            .status()
            .unwrap();
        assert!(killed.success());
        let _ = s.child.wait();
        // The file is always whole, and holds at least the first mark.
        let m = kensho::domain::meeting::load_meeting(&file, &report).unwrap();
        assert!(m.reviewed() >= 1, "round {round}");
    }
    let m = kensho::domain::meeting::load_meeting(&file, &report).unwrap();
    let mut s = Session::start(&[&dir, "--meeting", name], "ja_JP.UTF-8");
    let screen = s.wait_for("審議済");
    assert!(
        screen.contains(&format!("審議済み {} / 88", m.reviewed())),
        "{screen}"
    );
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
}

#[test]
fn a_scripted_meeting_and_its_minutes() {
    let tmp = copy_of_records();
    let dir = tmp.path().to_str().unwrap().to_string();
    let name = "2026-11 本部会議";
    let env = [("USER", "sato"), ("LOGNAME", "sato")];
    let mut s = Session::start_in(&[&dir, "--meeting", name], "ja_JP.UTF-8", (100, 30), &env);
    s.wait_for("議題 1 / 88");
    // 1-1-a: phase D, with a reason; reviewed (and on to the next).
    s.send("D");
    s.wait_for("会議前 A → D");
    s.send("m");
    s.send("中期的に検討すると決定\r");
    s.wait_for("理由を記録しました");
    s.send("r");
    s.wait_for("議題 2 / 88");
    // 1-1-b: a remark, and reviewed as it stands (現状どおり).
    s.send("c");
    s.send("配置基準を確認すること\r");
    s.wait_for("配置基準を確認すること");
    s.send("r");
    s.wait_for("議題 3 / 88");
    // 1-1-c: direction III, with a reason; reviewed.
    s.send("3");
    s.wait_for("会議前 II → III");
    s.send("m");
    s.send("取組を終結\r");
    s.wait_for("理由を記録しました");
    s.send("r");
    s.wait_for("議題 4 / 88");
    s.send(" ");
    s.wait_for("議題 5 / 88");
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
    let details = [
        "place=本庁舎3階 第1会議室",
        "attendees=佐藤 花子（本部長）、鈴木 一郎",
        "absent=田中 次郎",
        "secretariat=こども家庭課長 山田 三郎",
        "observers=2",
        "public=yes",
        "documents=資料1 次第、資料2 取組状況",
    ];
    let set = std::process::Command::new(env!("CARGO_BIN_EXE_kensho"))
        .args(["meetings", "set", name, &dir])
        .args(details)
        .output()
        .unwrap();
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kensho"))
        .args(["minutes", &dir, "--meeting", name])
        .env_remove("LANG")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The log names the account of the real user; LOGNAME=sato shows beside it.
    let account = uzers::get_current_username()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let minutes = without_times(&String::from_utf8_lossy(&out.stdout))
        .replace(&format!("{account} (sato)"), "sato");
    let minutes = without_clock(&minutes);
    let golden_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/golden/minutes_ja.md");
    if std::env::var_os("KENSHO_BLESS").is_some() {
        std::fs::write(&golden_path, &minutes).unwrap();
    }
    let golden = std::fs::read_to_string(&golden_path).unwrap();
    assert_eq!(
        minutes, golden,
        "the minutes differ from tests/it/golden/minutes_ja.md (KENSHO_BLESS=1 rewrites it)"
    );
}

#[test]
fn followers_in_other_terminals_keep_step_with_the_presenter() {
    let tmp = copy_of_records();
    let dir = tmp.path().to_str().unwrap().to_string();
    let mut p = Session::start_in(&["--present", &dir], "ja_JP.UTF-8", (120, 40), &[]);
    p.wait_for("発表中");
    // Three attendees: other sizes, other languages.
    let mut followers = vec![
        Session::start_in(&["--follow", &dir], "en_US.UTF-8", (80, 24), &[]),
        Session::start_in(&["--follow", &dir], "ja_JP.UTF-8", (100, 30), &[]),
        Session::start_in(&["--follow", &dir], "ja_JP.UTF-8", (200, 50), &[]),
    ];
    followers[0].wait_for("following");
    followers[1].wait_for("追従中");
    followers[2].wait_for("追従中");

    // The presenter moves: every follower shows the item within a second.
    p.send(":3-4-d\r");
    p.wait_for("49 / 88");
    for f in &followers {
        let took = f.wait_until(Duration::from_secs(1), "3-4-d selected", |s| {
            selected_row(s).contains("3-4-d")
        });
        eprintln!("follower saw the move after {took:?}");
    }
    // The walkthrough, the same item.
    p.send("p");
    p.wait_for("協働の推進に向けた職員間の情報共有ツール");
    for f in &followers {
        f.wait_until(Duration::from_secs(1), "the walkthrough", |s| {
            s.contains("3-4-d") && (s.contains("議題 49 / 88") || s.contains("agenda 49 of 88"))
        });
    }
    // A status set by the presenter shows within two seconds.
    p.send("B");
    p.wait_for("すぐに取り組むべき項目");
    for f in &followers {
        let took = f.wait_until(Duration::from_secs(2), "phase B", |s| {
            s.lines()
                .any(|l| l.contains(" B ") && (l.contains("実施区分")))
        });
        eprintln!("follower saw the status after {took:?}");
    }

    // A follower's edit keys change nothing on disk.
    let before = files_of(tmp.path());
    let f = &mut followers[0];
    for keys in ["A", "1", "u", "\x12", "r", "w", "s", "e", "m"] {
        f.send(keys);
        f.wait_for("read-only");
        f.send("\x1b");
        f.send("p");
    }
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(files_of(tmp.path()), before, "a follower wrote something");

    // The presenter is killed: the followers say so and go on working.
    let pid = p.child.process_id().unwrap().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-9", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let _ = p.child.wait();
    followers[0].wait_for("presenter left");
    followers[1].wait_for("発表終了");
    let f = &mut followers[0];
    f.send("\x1b");
    let before = selected_row(&f.screen());
    f.send("j");
    f.wait_until(Duration::from_secs(2), "j moves", |s| {
        selected_row(s) != before
    });
    for f in &mut followers {
        f.send("q");
        assert!(f.wait_exit(Duration::from_secs(5)).success());
    }
}

#[test]
fn a_meeting_a_slip_away_from_another_is_not_started_without_asking() {
    let tmp = copy_of_records();
    let dir = tmp.path().to_str().unwrap().to_string();
    let report = kensho::domain::records::load(tmp.path()).unwrap().report;
    let start = kensho::store::meeting::MeetingChange::Start {
        chosen_by: None,
        items: vec!["1-1-a".into()],
        zone: None,
    };
    let at = ("2026-12-04T10:00:00+09:00", "事務局");
    kensho::store::meeting::change_meeting(
        tmp.path(),
        &report,
        "2026-12 本部会議",
        &start,
        at,
        None,
    )
    .unwrap();
    let slip = "2026-12本部会議";
    let mut s = Session::start(&[&dir, "--meeting", slip], "ja_JP.UTF-8");
    assert_eq!(s.wait_exit(Duration::from_secs(5)).exit_code(), 2);
    // Wrapped at the terminal's edge.
    let said = s.screen().replace('\n', "");
    assert!(
        said.contains("似た名前の会議「2026-12 本部会議」"),
        "{said}"
    );
    assert!(!kensho::domain::meeting::meeting_file(tmp.path(), slip).exists());
    let mut s = Session::start(&[&dir, "--meeting", slip, "--new-meeting"], "ja_JP.UTF-8");
    s.wait_for("審議済");
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
    assert!(kensho::domain::meeting::meeting_file(tmp.path(), slip).exists());
}

#[test]
fn a_follower_in_another_terminal_mirrors_a_search_a_segment_and_a_fold() {
    let tmp = copy_of_records();
    let dir = tmp.path().to_str().unwrap().to_string();
    let mut p = Session::start_in(&["--present", &dir], "ja_JP.UTF-8", (120, 40), &[]);
    p.wait_for("発表中");
    let f = Session::start_in(&["--follow", &dir], "en_US.UTF-8", (80, 24), &[]);
    f.wait_for("following");
    let within = Duration::from_secs(2);
    // A search: the same hits, the same query in the header.
    p.send("/警察\r");
    p.wait_for("1 / 4 件目");
    f.wait_until(within, "the search", |s| {
        s.contains("[/警察") && s.contains("item 1 / 4")
    });
    // A filter from the overview: 提言1's phase D items.
    p.send("\x1b");
    p.wait_until(within, "the search cleared", |s| !s.contains("[/警察"));
    p.send("o");
    p.wait_for("全体の集計");
    p.send("lll\r");
    p.wait_for("実施区分:D]");
    f.wait_until(within, "the segment", |s| {
        s.contains("実施区分:D") && s.contains("1-1-d")
    });
    // A fold: 提言1 folded away on the presenter's board.
    p.send("F");
    p.wait_until(within, "the filter cleared", |s| !s.contains("実施区分:D"));
    p.send("gh");
    f.wait_until(within, "the fold", |s| {
        s.contains("▸ Recommendation 1") && !s.contains("1-1-a ")
    });
    // (The scroll is checked in process: follow::list.)
    p.send("q");
    assert!(p.wait_exit(Duration::from_secs(5)).success());
}

/// The meeting's date line and its clock times (18時05分) change from run
/// to run; the rest of the minutes does not.
fn without_clock(text: &str) -> String {
    let lines = text.lines().map(|l| {
        if l.starts_with("- 日時: ") {
            return "- 日時: <date>".to_string();
        }
        let mut out = String::new();
        let chars: Vec<char> = l.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            let rest = &chars[i + digits..];
            if digits > 0 && rest.len() >= 4 && rest[0] == '時' && rest[3] == '分' {
                out.push_str("<clock>");
                i += digits + 4;
            } else {
                out.push(chars[i]);
                i += 1;
            }
        }
        out
    });
    lines.collect::<Vec<_>>().join("\n") + "\n"
}

#[test]
fn the_presenters_pointer_and_a_remark_reach_a_follower() {
    let tmp = copy_of_records();
    let dir = tmp.path().to_str().unwrap().to_string();
    let args = ["--meeting", "2026-12 本部会議", "--present", &dir];
    let mut p = Session::start_in(&args, "ja_JP.UTF-8", (120, 40), &[]);
    p.wait_for("発表中");
    p.wait_for("議題 1 / 88");
    let f = Session::start_in(&["--follow", &dir], "en_US.UTF-8", (80, 24), &[]);
    f.wait_for("following");
    let within = Duration::from_secs(2);
    // A scroll: the follower's text moves with the presenter's (by lines of
    // its own layout: its codes leave the top).
    f.wait_for("実施区分  A");
    p.send("jjj");
    f.wait_until(within, "the scroll", |s| !s.contains("実施区分  A"));
    p.send("kkk");
    f.wait_until(within, "the scroll back", |s| s.contains("実施区分  A"));
    // Tab twice: the progress, marked with ▶ on both screens (the
    // follower's in English, at its own size).
    p.send("\t\t");
    p.wait_for("▶ 実施状況");
    f.wait_until(within, "the pointer", |s| s.contains("▶ Progress"));
    // Shift-Tab back to the measure.
    p.send("\x1b[Z");
    f.wait_until(within, "the pointer moved", |s| {
        s.contains("▶ Measure") && !s.contains("▶ Progress")
    });
    // A remark, typed on the presenter's board: the pointer goes to the
    // remarks, and the remark is on the follower's screen at once.
    p.send("c");
    f.wait_until(within, "the remarks pointed at", |s| {
        s.contains("▶ Remarks")
    });
    p.send("根拠を示すこと\r");
    f.wait_until(within, "the remark", |s| s.contains("根拠を示すこと"));
    p.send("q");
    assert!(p.wait_exit(Duration::from_secs(5)).success());
}
