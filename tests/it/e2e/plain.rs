//! `--plain`: the board as lines a screen reader speaks. No alternate
//! screen, no box drawing, nothing sent while idle, every code with its
//! meaning; a plain follower says one line per presenter move and one per
//! change.

use std::time::Duration;

use super::{Session, copy_of_records};

/// Every whole line the program wrote.
fn lines(s: &Session) -> Vec<String> {
    let raw = s.raw.lock().unwrap();
    let mut lines: Vec<String> = String::from_utf8_lossy(&raw)
        .split("\r\n")
        .map(str::to_string)
        .collect();
    // What follows the last line break is not a line yet.
    lines.pop();
    lines
}

/// Wait until the program has written `text` (scrolled off or not).
fn wait_said(s: &Session, text: &str) {
    s.wait_until(Duration::from_secs(10), text, |_| {
        lines(s).iter().any(|l| l.contains(text))
    });
}

/// The lines written, once nothing more comes for a while.
fn settled(s: &Session) -> Vec<String> {
    let mut before = lines(s);
    loop {
        std::thread::sleep(Duration::from_millis(700));
        let now = lines(s);
        if now == before {
            return now;
        }
        before = now;
    }
}

/// Every `実施区分 X` / `評価区分 X` is followed by X's meaning.
fn codes_have_meanings(text: &str) {
    let records = kensho::domain::records::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/records"
    )))
    .unwrap();
    let report = &records.report;
    for scale in [&report.phase_scale, &report.direction_scale] {
        for (at, _) in text.match_indices(&format!("{} ", scale.name)) {
            let rest = &text[at + scale.name.len() + 1..];
            let code = rest.split([' ', '、', ',']).next().unwrap_or_default();
            // 「実施区分 changed from C … to B …」: the codes come later.
            let Some(meaning) = scale.meaning(code) else {
                continue;
            };
            let after = &rest[code.len()..];
            let after = after.trim_start_matches([' ', '、', ',']);
            assert!(
                after.starts_with(meaning),
                "{code} without its meaning: {rest:?}"
            );
        }
    }
}

#[test]
fn the_plain_board_says_lines_draws_nothing_and_is_quiet_while_idle() {
    let tmp = copy_of_records();
    let dir = tmp.path().to_str().unwrap().to_string();
    let mut s = Session::start_in(&["--plain", &dir], "ja_JP.UTF-8", (80, 24), &[]);
    wait_said(&s, "1-1-a");
    s.send("j");
    wait_said(&s, "1-1-b");
    s.send("\r");
    wait_said(&s, "実施状況:");
    s.send("\x1b");
    s.send("j");
    wait_said(&s, "1-1-c");
    s.send("?");
    wait_said(&s, "キー操作");
    s.send("\x1b");
    // An edit and its undo confirm in words.
    s.send("D");
    wait_said(&s, "保存しました");
    // The reason's prompt names the change with the codes' meanings.
    s.send("m");
    wait_said(&s, "入力: 理由");
    s.send("\x1b");
    s.send("u");
    wait_said(&s, "元に戻しました");
    let before = settled(&s);
    // Idle: not one byte for a second and more (no clock, no redraw).
    let quiet = s.raw.lock().unwrap().len();
    std::thread::sleep(Duration::from_millis(1300));
    assert_eq!(s.raw.lock().unwrap().len(), quiet, "bytes sent while idle");
    // A heading says whether it is open, and says it again when it closes
    // and opens.
    s.send("h");
    wait_said(&s, "展開中");
    s.send("h");
    wait_said(&s, "折りたたみ中");
    s.send("l");
    let after = settled(&s);
    let prompt = after.iter().find(|l| l.contains("入力: 理由")).unwrap();
    assert!(
        prompt
            .contains("1-1-c 実施区分: A 既に取り組んでいる項目 → D 中期的・段階的に検討する項目"),
        "{prompt}"
    );
    let open = after.iter().filter(|l| l.ends_with("、展開中")).count();
    let closed = after
        .iter()
        .filter(|l| l.ends_with("、折りたたみ中"))
        .count();
    assert_eq!((open, closed), (2, 1), "{after:#?}");
    s.send("q");
    s.wait_exit(Duration::from_secs(10));
    let raw = s.raw.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&raw);
    assert!(
        !text.contains("\x1b[?1049h"),
        "the alternate screen: {text:?}"
    );
    assert!(!text.contains('\x1b'), "an escape sequence: {text:?}");
    let boxes: Vec<char> = text
        .chars()
        .filter(|c| ('\u{2500}'..='\u{257f}').contains(c))
        .collect();
    assert!(boxes.is_empty(), "box drawing {boxes:?} in {text}");
    codes_have_meanings(&text);
    // One line per move, in words.
    assert!(
        before.iter().any(|l| l.starts_with("提言1、ポイント①、取組 (イ)、1-1-b、実施区分 A 既に取り組んでいる項目、評価区分 I 更なる取組の推進を図る項目")),
        "{before:#?}"
    );
    // The change and its undo, each in one line, codes with their meanings.
    let changes: Vec<&String> = before.iter().filter(|l| l.contains("に変更")).collect();
    assert_eq!(changes.len(), 2, "{before:#?}");
    assert!(
        changes[0].starts_with("1-1-c 実施区分 A 既に取り組んでいる項目 から D "),
        "{changes:?}"
    );
    // ? prints the keys as lines.
    assert!(before.iter().any(|l| l.starts_with("q: ")), "{before:#?}");
}

#[test]
fn a_plain_follower_says_one_line_per_move_and_one_per_change() {
    let tmp = copy_of_records();
    let dir = tmp.path().to_str().unwrap().to_string();
    let mut p = Session::start_in(&["--present", &dir], "ja_JP.UTF-8", (120, 40), &[]);
    p.wait_for("発表中");
    let mut f = Session::start_in(&["--follow", "--plain", &dir], "en_US.UTF-8", (80, 24), &[]);
    wait_said(&f, "following");
    let start = settled(&f).len();
    let new_since = |f: &Session, from: usize| settled(f)[from..].to_vec();

    p.send(":3-4-d\r");
    p.wait_for("49 / 88");
    wait_said(&f, "3-4-d");
    let said = new_since(&f, start);
    let said: Vec<&String> = said.iter().filter(|l| !l.is_empty()).collect();
    assert_eq!(said.len(), 1, "{said:#?}");
    assert!(
        said[0].contains("3-4-d") && said[0].contains("実施区分"),
        "{said:?}"
    );
    let mark = settled(&f).len();

    // The walkthrough: one line, with the place on the agenda.
    p.send("p");
    wait_said(&f, "agenda 49 of 88");
    let said = new_since(&f, mark);
    let said: Vec<&String> = said.iter().filter(|l| !l.is_empty()).collect();
    assert_eq!(said.len(), 1, "{said:#?}");
    let mark = settled(&f).len();

    // A change by the presenter: one line, the codes in words.
    p.send("B");
    p.wait_for("すぐに取り組むべき項目");
    wait_said(&f, "changed from");
    let said = new_since(&f, mark);
    let said: Vec<&String> = said.iter().filter(|l| !l.is_empty()).collect();
    assert_eq!(said.len(), 1, "{said:#?}");
    assert!(
        said[0].starts_with("3-4-d 実施区分 changed from"),
        "{said:?}"
    );
    assert!(said[0].contains("B すぐに取り組むべき項目"), "{said:?}");

    // Enter reads the texts, and the follower still follows.
    f.send("\r");
    wait_said(&f, "Progress: ");
    let mark = settled(&f).len();
    p.send(" ");
    wait_said(&f, "agenda 50 of 88");
    let said = new_since(&f, mark);
    let said: Vec<&String> = said.iter().filter(|l| !l.is_empty()).collect();
    assert_eq!(said.len(), 1, "{said:#?}");
    codes_have_meanings(&lines(&f).join("\n"));
    f.send("q");
    p.send("q");
    f.wait_exit(Duration::from_secs(10));
}
