//! Search and filters in the board: the update logic with its effects performed
//! as the terminal loop would, and what the screen then shows.

mod common;

use kensho::app::{Action, App, ColorMode, Effect, Mode, Options};
use kensho::i18n::Lang;
use kensho::records::load;
use kensho::search::{SearchIndex, Searcher};
use kensho::ui::render;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

struct Board {
    app: App,
    index: SearchIndex,
    searches: usize,
    narrowed: usize,
}

impl Board {
    fn new(w: u16, h: u16) -> Board {
        let records = load(&common::records_dir()).unwrap();
        let index = SearchIndex::new(&records.report);
        let mut app = App::new(
            records,
            Options {
                lang: Lang::Ja,
                ascii: false,
                color: ColorMode::Ansi16,
            },
        );
        app.update(Action::Resize(w, h));
        Board {
            app,
            index,
            searches: 0,
            narrowed: 0,
        }
    }

    /// Apply an action and perform its search effects synchronously.
    fn act(&mut self, action: Action) {
        let effects = self.app.update(action);
        self.perform(effects);
    }

    fn perform(&mut self, effects: Vec<Effect>) {
        for e in effects {
            if let Effect::Search(req) = e {
                self.searches += 1;
                if req.within.is_some() {
                    self.narrowed += 1;
                }
                let hits = Searcher::default().search(
                    &self.index,
                    self.app.report(),
                    &req.query,
                    &req.filters,
                    req.order,
                    req.within.as_deref(),
                );
                self.app.update(Action::SearchDone {
                    generation: req.generation,
                    hits,
                });
            }
        }
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.act(Action::Insert(c.to_string()));
        }
    }

    fn shown_ids(&self) -> Vec<String> {
        self.app
            .outline
            .visible()
            .iter()
            .filter_map(|&n| self.app.outline.nodes[n].item)
            .map(|i| self.app.item_ref(i).unwrap().item.id.clone())
            .collect()
    }

    fn selected(&self) -> String {
        self.app
            .selected_item()
            .map(|r| r.item.id.clone())
            .unwrap_or_default()
    }

    fn draw(&self) -> ratatui::buffer::Buffer {
        let (w, h) = self.app.size;
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| render(f, &self.app)).unwrap();
        t.backend().buffer().clone()
    }
}

fn row_text(buf: &ratatui::buffer::Buffer, y: u16) -> String {
    let mut out = String::new();
    let mut skip = 0;
    for x in 0..buf.area.width {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let sym = buf[(x, y)].symbol();
        skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        out.push_str(sym);
    }
    out
}

#[test]
fn typing_a_query_narrows_the_outline_and_esc_restores_it() {
    let mut b = Board::new(80, 24);
    b.act(Action::OpenSearch);
    assert_eq!(b.app.mode, Mode::Search);
    b.type_text("警察");
    assert_eq!(b.searches, 2);
    assert_eq!(
        b.narrowed, 1,
        "the second keystroke searches only the first one's hits"
    );
    let ids = b.shown_ids();
    assert!(
        ids.contains(&"4-2-a".to_string()) && ids.len() < 10,
        "{ids:?}"
    );
    assert!(ids.contains(&b.selected()));
    let buf = b.draw();
    let header = row_text(&buf, 0);
    assert!(header.contains(&format!("{} / 88", ids.len())), "{header}");
    assert!(header.contains("/警察"), "{header}");
    b.act(Action::Enter);
    assert_eq!(b.app.mode, Mode::Normal);
    assert_eq!(b.shown_ids(), ids, "Enter keeps the result");
    b.act(Action::Back);
    assert_eq!(b.shown_ids().len(), 88);
    assert!(b.app.search.hits.is_none());
}

#[test]
fn matches_are_highlighted_in_the_outline_and_the_detail() {
    let mut b = Board::new(160, 48);
    b.act(Action::OpenSearch);
    b.type_text("'法医学");
    b.act(Action::Enter);
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
fn n_and_shift_n_walk_the_hits_in_order_and_o_toggles_the_order() {
    let mut b = Board::new(80, 24);
    b.act(Action::OpenSearch);
    b.type_text("支援");
    b.act(Action::Enter);
    let ranked = b.shown_ids();
    assert_eq!(b.selected(), ranked[0]);
    b.act(Action::NextHit);
    assert_eq!(b.selected(), ranked[1]);
    b.act(Action::PreviousHit);
    b.act(Action::PreviousHit);
    assert_eq!(b.selected(), *ranked.last().unwrap(), "wraps around");
    b.act(Action::ToggleOrder);
    let source = b.shown_ids();
    let mut sorted = ranked.clone();
    sorted.sort_by_key(|id| b.app.report().items().position(|r| &r.item.id == id));
    assert_eq!(source, sorted);
    // In source order the parents stand in the outline, dimmed.
    let visible = b.app.outline.visible();
    assert!(visible.iter().any(|&n| b.app.outline.is_context(n)));
}

#[test]
fn filters_narrow_the_board_and_one_key_clears_them() {
    let mut b = Board::new(100, 30);
    b.act(Action::OpenFilters);
    // Rows: A B C D, I II III, hide relisted, departments.
    for _ in 0..3 {
        b.act(Action::Down);
    }
    b.act(Action::ToggleRow); // D
    assert_eq!(b.shown_ids(), vec!["1-1-d", "1-1-e"]);
    b.act(Action::Down);
    b.act(Action::Down);
    b.act(Action::ToggleRow); // II
    assert!(b.shown_ids().is_empty());
    b.act(Action::Back);
    let header = row_text(&b.draw(), 0);
    assert!(
        header.contains("実施区分:D") && header.contains("評価区分:II"),
        "{header}"
    );
    assert!(header.contains("0 / 88"), "{header}");
    b.act(Action::ClearFilters);
    assert_eq!(b.shown_ids().len(), 88);
}

#[test]
fn the_department_picker_narrows_and_selects() {
    let mut b = Board::new(100, 30);
    b.act(Action::OpenFilters);
    for _ in 0..8 {
        b.act(Action::Down);
    }
    b.act(Action::Enter);
    assert!(matches!(b.app.mode, Mode::Departments(..)));
    b.type_text("男女");
    b.act(Action::Insert(" ".into()));
    assert_eq!(b.shown_ids(), vec!["6-3-a", "6-3-b", "6-3-c", "6-3-d"]);
    assert!(b.app.filters.departments.contains("市) 男女共同参画室"));
    b.act(Action::Back);
    assert!(matches!(b.app.mode, Mode::Filter(_)));
}

#[test]
fn the_search_line_keeps_the_cursor_at_the_insertion_point() {
    let mut b = Board::new(80, 24);
    b.act(Action::OpenSearch);
    b.type_text("児童相談");
    b.act(Action::CursorLeft);
    let (w, h) = b.app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| render(f, &b.app)).unwrap();
    let pos = t.get_cursor_position().unwrap();
    // "検索: " is 6 columns, then three full-width characters before the cursor.
    assert_eq!((pos.x, pos.y), (6 + 6, 23));
    b.act(Action::Backspace);
    assert_eq!(b.app.search.input.text, "児童談");
    b.act(Action::DeleteWord);
    assert_eq!(b.app.search.input.text, "談");
    b.act(Action::Insert("貼り付け 文字".into()));
    assert_eq!(b.app.search.input.text, "貼り付け 文字談");
}

#[test]
fn an_old_result_never_replaces_a_newer_one() {
    let mut b = Board::new(80, 24);
    b.app.update(Action::OpenSearch);
    let first = b.app.update(Action::Insert("警".into()));
    let second = b.app.update(Action::Insert("察".into()));
    // The second search finishes first; the first one's late result is dropped.
    b.perform(second);
    let after_second = b.shown_ids();
    b.perform(first);
    assert_eq!(b.shown_ids(), after_second);
}

#[test]
fn jumping_to_an_id_outside_the_results_shows_it() {
    let mut b = Board::new(80, 24);
    b.act(Action::OpenSearch);
    b.type_text("警察");
    b.act(Action::Enter);
    b.act(Action::OpenJump);
    b.act(Action::Insert("1-1-a".into()));
    b.act(Action::Enter);
    assert_eq!(b.selected(), "1-1-a");
    assert_eq!(b.shown_ids().len(), 88);
}
