//! Search and filters in the board, through the runtime the terminal loop
//! uses (the search worker included), and what the screen then shows.

use crate::common;

use common::{TestBoard, row_text};
use kensho::board::action::{Action, Effect};
use kensho::board::screen::Screen;
use kensho::i18n::Lang;
use kensho::search::{SearchIndex, Searcher};
use ratatui::style::Color;

fn board(w: u16, h: u16) -> TestBoard {
    TestBoard::bundled(Lang::Ja, w, h)
}

#[test]
fn typing_a_query_narrows_the_outline_and_esc_restores_it() {
    let mut b = board(80, 24);
    b.keys("/");
    assert!(matches!(b.app().top(), Screen::SearchLine(_)));
    b.type_text("警察");
    let ids = b.shown_ids();
    assert!(
        ids.contains(&"4-2-a".to_string()) && ids.len() < 10,
        "{ids:?}"
    );
    assert!(ids.contains(&b.selected()));
    let buf = b.draw();
    let header = row_text(&buf, 0);
    // The selected item's place among the hits (and all the items there
    // are from 100 columns on).
    assert!(header.contains(&format!("1 / {}", ids.len())), "{header}");
    assert!(header.contains("/警察"), "{header}");
    b.keys("Enter");
    assert!(matches!(b.app().top(), Screen::Browse(_)));
    assert_eq!(b.shown_ids(), ids, "Enter keeps the result");
    b.keys("Esc");
    assert_eq!(b.shown_ids().len(), 88);
    assert!(b.app().board().search().hits().is_none());
}

#[test]
fn the_second_keystroke_searches_only_the_first_ones_hits() {
    let mut b = board(80, 24);
    b.keys("/");
    b.type_text("警");
    let effects = b.rt.app_mut().update(Action::Text("察".into()));
    match effects.as_slice() {
        [Effect::Search(request)] => {
            let (before, hits) = request.after.as_ref().expect("the previous answer");
            assert_eq!(before, &kensho::search::Query::parse("警"));
            assert_eq!(hits, b.rt.app().board().search().hits().unwrap());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn matches_are_highlighted_in_the_outline_and_the_detail() {
    let mut b = board(160, 48);
    b.keys("/");
    b.type_text("'法医学");
    b.keys("Enter");
    assert_eq!(b.selected(), "4-2-a");
    let buf = b.draw();
    let mut highlighted = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            if c.bg == Color::Yellow {
                highlighted.push_str(c.symbol());
            }
        }
    }
    // Once in the outline row, once in the detail pane's progress.
    assert_eq!(highlighted.matches("法医学").count(), 2, "{highlighted}");
}

#[test]
fn n_and_shift_n_walk_the_hits_in_order_say_where_and_o_toggles_the_order() {
    let mut b = board(80, 24);
    b.keys("/");
    b.type_text("支援");
    b.keys("Enter");
    let ranked = b.shown_ids();
    assert_eq!(b.selected(), ranked[0]);
    b.keys("n");
    assert_eq!(b.selected(), ranked[1]);
    assert_eq!(b.message(), format!("{} 件中 2 件目", ranked.len()));
    b.keys("N N");
    assert_eq!(b.selected(), *ranked.last().unwrap(), "wraps around");
    assert!(
        b.screen()
            .contains(&format!("{0} 件中 {0} 件目", ranked.len()))
    );
    b.keys("O");
    let source = b.shown_ids();
    let mut sorted = ranked.clone();
    sorted.sort_by_key(|id| {
        b.app()
            .board()
            .report()
            .items()
            .position(|r| &r.item.id == id)
    });
    assert_eq!(source, sorted);
    // In source order the parents stand in the outline, dimmed.
    let o = &b.app().board().outline();
    assert!(
        o.rows()
            .iter()
            .any(|&n| o.shown_state(n) == kensho::board::outline::ShownState::Context)
    );
}

#[test]
fn filters_narrow_the_board_and_one_key_clears_them() {
    let mut b = board(100, 30);
    b.keys("f");
    // Rows: A B C D, I II III, hide relisted, departments.
    b.keys("j j j Space"); // D
    assert_eq!(b.shown_ids(), vec!["1-1-d", "1-1-e"]);
    b.keys("j j Space"); // II
    assert!(b.shown_ids().is_empty());
    b.keys("Esc");
    let header = row_text(&b.draw(), 0);
    assert!(
        header.contains("実施区分:D") && header.contains("評価区分:II"),
        "{header}"
    );
    assert!(
        header.contains("0 / 0") && header.contains("88"),
        "{header}"
    );
    b.keys("F");
    assert_eq!(b.shown_ids().len(), 88);
}

#[test]
fn a_search_with_no_hit_says_so_and_shows_no_unrelated_item() {
    let mut b = board(160, 30);
    b.keys("/");
    b.type_text("zzqq存在しない");
    b.keys("Enter");
    assert!(b.shown_ids().is_empty());
    assert_eq!(b.selected(), "", "nothing is selected");
    let screen = b.screen();
    assert_eq!(
        screen.matches("該当なし").count(),
        2,
        "outline and detail: {screen}"
    );
    assert!(!screen.contains("1-1-a"), "{screen}");
    // No edit can reach an item nobody sees.
    b.keys("D");
    assert_eq!(b.message(), "項目を選んでください");
}

#[test]
fn the_department_picker_narrows_and_selects() {
    let mut b = board(100, 30);
    b.keys("f");
    for _ in 0..8 {
        b.keys("j");
    }
    b.keys("Enter");
    assert!(matches!(b.app().top(), Screen::Departments(_)));
    b.type_text("男女");
    b.keys("Space");
    assert_eq!(b.shown_ids(), vec!["6-3-a", "6-3-b", "6-3-c", "6-3-d"]);
    assert!(
        b.app()
            .board()
            .search()
            .filters()
            .departments
            .contains("市) 男女共同参画室")
    );
    b.keys("Esc");
    assert!(matches!(b.app().top(), Screen::Filters(_)));
}

#[test]
fn the_search_line_keeps_the_cursor_at_the_insertion_point() {
    let mut b = board(80, 24);
    b.keys("/");
    b.type_text("児童相談");
    b.keys("Left");
    let (w, h) = b.app().board().size();
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| kensho::board::view::render(f, b.app())).unwrap();
    let pos = t.get_cursor_position().unwrap();
    // "検索: " is 6 columns, then three full-width characters before the cursor.
    assert_eq!((pos.x, pos.y), (6 + 6, 23));
    b.keys("Backspace");
    assert_eq!(b.app().board().search().input().text, "児童談");
    b.keys("Ctrl-w");
    assert_eq!(b.app().board().search().input().text, "談");
    // A paste goes in as typed.
    b.rt.event(
        &mut b.host,
        ratatui::crossterm::event::Event::Paste("貼り付け 文字".into()),
    )
    .unwrap();
    b.settle();
    assert_eq!(b.app().board().search().input().text, "貼り付け 文字談");
}

#[test]
fn an_old_result_never_replaces_a_newer_one() {
    // The update alone: two searches asked, answered out of order.
    let mut b = board(80, 24);
    b.keys("/");
    let app = b.rt.app_mut();
    let first = app.update(Action::Text("警".into()));
    let second = app.update(Action::Text("察".into()));
    let answer = |effects: &[Effect], app: &kensho::board::app::App| match effects {
        [Effect::Search(r)] => {
            let index = SearchIndex::new(&r.records.report);
            let hits = Searcher::default().search(
                &index,
                &r.records.report,
                &r.query,
                &r.filters,
                r.order,
                None,
            );
            Action::SearchDone {
                generation: r.generation,
                hits,
            }
        }
        other => panic!("{other:?} {:?}", app.board().search().generation()),
    };
    let (a1, a2) = (answer(&first, app), answer(&second, app));
    app.update(a2);
    let after_second = b.shown_ids();
    b.rt.app_mut().update(a1);
    assert_eq!(b.shown_ids(), after_second);
}

#[test]
fn jumping_to_an_id_outside_the_results_shows_it_and_says_why() {
    let mut b = board(80, 24);
    b.keys("/");
    b.type_text("警察");
    b.keys("Enter");
    b.jump("1-1-a");
    assert_eq!(b.selected(), "1-1-a");
    assert_eq!(b.shown_ids().len(), 88);
    assert!(b.message().contains("解除"), "{}", b.message());
    assert!(b.app().board().search().input().text.is_empty());
}
