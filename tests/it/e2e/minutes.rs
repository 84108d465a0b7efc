//! The meeting's details typed on the board in a real terminal (issue 24):
//! `W`, a value written on the footer's line, a refused one said above it,
//! and the screen whole again afterwards (a message over the screen's last
//! row leaves no half of a wide character behind).

use std::time::Duration;

use super::{Session, copy_of_records};

#[test]
fn details_typed_on_the_board_reach_the_meeting_and_leave_the_screen_whole() {
    let tmp = copy_of_records();
    let dir = tmp.path().to_str().unwrap().to_string();
    let args = ["--meeting", "2026-12 本部会議", &dir];
    let mut s = Session::start_in(&args, "ja_JP.UTF-8", (80, 24), &[]);
    s.wait_for("議題 1 / 88");
    s.send("W");
    s.wait_for("会議の情報");
    s.send("\r");
    s.wait_for("場所:");
    s.send("本庁舎3階 第1会議室\r");
    s.wait_for("会議の情報を記録しました");
    // A number refused (said on the row above the prompt), then given.
    s.send("jjjj\r");
    s.send("few\r");
    s.wait_for("傍聴者数は数字で書いてください");
    s.send("\x15３\r");
    s.wait_until(Duration::from_secs(5), "the observers", |sc| {
        sc.contains("3  ")
    });
    s.send("\x1b");
    let screen = s.wait_gone("会議の情報（");
    let bar = screen
        .lines()
        .find(|l| l.contains("議題 1 / 88"))
        .unwrap_or_default()
        .to_string();
    assert!(
        !bar.contains("░ ░") && bar.contains("░░░░░░░░"),
        "the bar row is whole again:\n{screen}"
    );
    let file = tmp.path().join("meetings").join("2026-12_本部会議.ron");
    let text = std::fs::read_to_string(file).unwrap();
    assert!(
        text.contains("place: Some(\"本庁舎3階 第1会議室\")")
            && text.contains("observers: Some(3)"),
        "{text}"
    );
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
}
