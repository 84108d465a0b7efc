//! Search against the bundled records: syntax, folding, ranking, filters.

use super::*;
use crate::domain::model::Report;
use crate::domain::records::load;
use crate::search::query::{Term, TermKind};

mod narrowing;
mod pieces;
mod scattered_score;

fn report() -> Report {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
    load(&path).unwrap().report
}

fn ids(report: &Report, query: &str, filters: &Filters, order: Order) -> Vec<String> {
    let index = SearchIndex::new(report);
    let items: Vec<String> = report.items().map(|r| r.item.id.clone()).collect();
    Searcher::default()
        .search(&index, report, &Query::parse(query), filters, order, None)
        .iter()
        .map(|h| items[h.item].clone())
        .collect()
}

fn t(kind: TermKind, text: &str, negate: bool) -> Term {
    Term {
        kind,
        text: text.into(),
        negate,
        reading: crate::search::reading::key(text),
    }
}

#[test]
fn the_query_syntax_parses_as_fzf() {
    let q = Query::parse("警察 'ssw ^令和 する。$ !再掲 a | b");
    assert_eq!(
        q.groups,
        vec![
            vec![t(TermKind::Fuzzy, "警察", false)],
            vec![t(TermKind::Exact, "ssw", false)],
            vec![t(TermKind::Prefix, "令和", false)],
            vec![t(TermKind::Suffix, "する。", false)],
            vec![t(TermKind::Exact, "再掲", true)],
            vec![
                t(TermKind::Fuzzy, "a", false),
                t(TermKind::Fuzzy, "b", false)
            ],
        ]
    );
    assert_eq!(
        Query::parse("^全文$").groups,
        vec![vec![t(TermKind::Whole, "全文", false)]]
    );
    assert!(Query::parse("  ").is_empty());
    assert!(Query::parse("| !").is_empty());
}

#[test]
fn every_operator_finds_what_it_should() {
    let r = report();
    let none = Filters::default();
    let police = ids(&r, "警察", &none, Order::Source);
    assert!(police.contains(&"4-2-a".to_string()), "{police:?}");
    // Exact: ハンドブック (the handbook of 1-⑤ and the 会議ハンドブック of 3-④).
    let exact = ids(&r, "'ハンドブック", &none, Order::Source);
    assert_eq!(exact, vec!["1-5-a", "1-5-b", "3-4-d"]);
    // Prefix: progress texts that start with 令和3年度から.
    let prefix = ids(&r, "^令和3年度から", &none, Order::Source);
    assert!(prefix.contains(&"6-1-a".to_string()), "{prefix:?}");
    assert!(!prefix.contains(&"1-1-a".to_string()));
    // Suffix: a text that ends with 【再掲】.
    let suffix = ids(&r, "【再掲】$", &none, Order::Source);
    assert_eq!(suffix.len(), 13, "{suffix:?}");
    // Negation: everything but the relisted rows, and 5-2-c, whose note
    // says that 5-4-b is its 【再掲】.
    let not = ids(&r, "!【再掲】", &none, Order::Source);
    assert_eq!(not.len(), 88 - 13 - 1);
    assert!(!not.contains(&"5-2-c".to_string()));
    // Or.
    let either = ids(&r, "'ビジネスチャット | 'デートDV", &none, Order::Source);
    assert_eq!(either, vec!["3-4-d", "6-3-b"]);
    // And: both terms.
    let both = ids(&r, "警察 '法医学", &none, Order::Source);
    assert_eq!(both, vec!["4-2-a"]);
}

#[test]
fn kana_width_and_case_do_not_matter() {
    let r = report();
    let none = Filters::default();
    let katakana = ids(&r, "'スクールソーシャルワーカー", &none, Order::Source);
    assert!(!katakana.is_empty());
    assert_eq!(
        ids(&r, "'すくーるそーしゃるわーかー", &none, Order::Source),
        katakana
    );
    assert_eq!(ids(&r, "'ｽｸｰﾙｿｰｼｬﾙﾜｰｶｰ", &none, Order::Source), katakana);
    let ssw = ids(&r, "'ssw", &none, Order::Source);
    assert!(!ssw.is_empty());
    assert_eq!(ids(&r, "'ＳＳＷ", &none, Order::Source), ssw);
    assert_eq!(ids(&r, "'SSW", &none, Order::Source), ssw);
}

#[test]
fn ids_are_searchable_and_own_hits_rank_above_context_hits() {
    let r = report();
    let none = Filters::default();
    let by_id = ids(&r, "'4-2-a", &none, Order::Score);
    assert_eq!(by_id.first().map(String::as_str), Some("4-2-a"));
    // 思春期 appears only in recommendation 6's titles: every item there is a
    // (context) hit, and nothing else.
    let ctx = ids(&r, "'思春期", &none, Order::Score);
    assert!(
        ctx.iter().all(|i| i.starts_with("6-")) && ctx.len() == 11,
        "{ctx:?}"
    );
    // 児童相談所と警察 stands in 4-2-a's own texts and in the policy of 4-2
    // (context of the same item): the own hit ranks first.
    let index = SearchIndex::new(&r);
    let s = Searcher::default();
    let q = Query::parse("'児童相談所と警察");
    let hits = s.search(&index, &r, &q, &none, Order::Score, None);
    let items: Vec<_> = r.items().map(|x| x.item.id.clone()).collect();
    assert_eq!(items[hits[0].item], "4-2-a");
    // 子ども家庭総合支援拠点 is in the policy of 1-① (context of all its items)
    // and in the own measure text of 1-1-d: 1-1-d ranks above 1-1-a.
    let q = Query::parse("'子ども家庭総合支援拠点");
    let hits = s.search(&index, &r, &q, &none, Order::Score, None);
    let pos = |id: &str| hits.iter().position(|h| items[h.item] == id).unwrap();
    assert!(pos("1-1-d") < pos("1-1-a"));
    assert!(hits[pos("1-1-d")].score > hits[pos("1-1-a")].score);
    let own = ["1-1-d", "1-2-e", "3-1-c", "4-4-a"];
    let own_positions: Vec<usize> = own.iter().map(|id| pos(id)).collect();
    assert!(
        own_positions.iter().all(|&p| p < own.len()),
        "{own_positions:?}"
    );
}

#[test]
fn the_whole_term_together_ranks_above_scattered_characters() {
    let r = report();
    let none = Filters::default();
    let top = ids(&r, "すくーる", &none, Order::Score);
    // リスク評価…データ…する holds す く ー る scattered; スクール holds them together.
    let mut first_three = top[..3].to_vec();
    first_three.sort();
    assert_eq!(first_three, vec!["1-4-a", "1-4-b", "6-2-a"], "{top:?}");
}

#[test]
fn ranking_is_stable() {
    let r = report();
    let none = Filters::default();
    let a = ids(&r, "支援", &none, Order::Score);
    let b = ids(&r, "支援", &none, Order::Score);
    assert_eq!(a, b);
    assert!(a.len() > 50);
    let source = ids(&r, "支援", &none, Order::Source);
    let mut sorted = source.clone();
    sorted.sort_by_key(|id| r.items().position(|x| &x.item.id == id));
    assert_eq!(source, sorted);
}

#[test]
fn filters_combine_with_each_other_and_with_search() {
    let r = report();
    let mut f = Filters::default();
    f.phases.insert("D".into());
    assert_eq!(ids(&r, "", &f, Order::Source), vec!["1-1-d", "1-1-e"]);
    f.directions.insert("III".into());
    assert_eq!(ids(&r, "", &f, Order::Source), vec!["1-1-d"]);
    let mut f = Filters::default();
    f.phases.extend(["C".to_string(), "D".to_string()]);
    assert_eq!(ids(&r, "", &f, Order::Source).len(), 3);
    let mut f = Filters::default();
    f.departments.insert("市) 男女共同参画室".into());
    assert_eq!(
        ids(&r, "", &f, Order::Source),
        vec!["6-3-a", "6-3-b", "6-3-c", "6-3-d"]
    );
    assert_eq!(ids(&r, "心理", &f, Order::Source), vec!["6-3-c"]);
    let mut f = Filters {
        hide_relisted: true,
        ..Filters::default()
    };
    assert_eq!(ids(&r, "", &f, Order::Source).len(), 75);
    f.directions.insert("III".into());
    assert_eq!(ids(&r, "", &f, Order::Source), vec!["1-1-d", "6-1-b"]);
}

#[test]
fn departments_match_by_name_or_bureau() {
    let r = report();
    assert_eq!(
        departments_matching(&r, "児童相談所"),
        vec!["子) 児童相談所"]
    );
    let bureau = departments_matching(&r, "総)");
    assert!(
        bureau.len() >= 3 && bureau.iter().all(|d| d.starts_with("総)")),
        "{bureau:?}"
    );
    assert!(departments_matching(&r, "消防").is_empty());
}

#[test]
fn highlights_land_on_the_original_characters() {
    let s = Searcher::default();
    let text = "令和2年に、ｽｸｰﾙソーシャルワーカー（ＳＳＷ）と警察が連携";
    let chars: Vec<char> = text.chars().collect();
    let pick = |p: &[usize]| p.iter().map(|&i| chars[i]).collect::<String>();
    assert_eq!(pick(&s.highlight(&Query::parse("'ssw"), text)), "ＳＳＷ");
    assert_eq!(pick(&s.highlight(&Query::parse("警察"), text)), "警察");
    assert_eq!(pick(&s.highlight(&Query::parse("'すくーる"), text)), "ｽｸｰﾙ");
    assert_eq!(pick(&s.highlight(&Query::parse("^令和"), text)), "令和");
    assert_eq!(pick(&s.highlight(&Query::parse("連携$"), text)), "連携");
    assert!(s.highlight(&Query::parse("!警察"), text).is_empty());
    // Fuzzy: the matched characters, in order.
    assert_eq!(pick(&s.highlight(&Query::parse("警連"), text)), "警連");
}

#[test]
fn the_character_index_changes_nothing_but_speed() {
    let r = report();
    let plain = SearchIndex::new(&r);
    let indexed = SearchIndex::new(&r).with_char_index();
    let s = Searcher::default();
    let none = Filters::default();
    for q in [
        "警察",
        "'ハンドブック",
        "^令和3",
        "再掲】$",
        "!支援",
        "児童 相談",
        "a | 警",
        "思春期",
        "zzz",
    ] {
        let q = Query::parse(q);
        assert_eq!(
            s.search(&plain, &r, &q, &none, Order::Score, None),
            s.search(&indexed, &r, &q, &none, Order::Score, None),
            "{q:?}"
        );
    }
    // And it does skip: a term with a character no text holds leaves nothing to score.
    assert!(indexed.prefilter(&Query::parse("警察")).is_some());
    assert!(plain.prefilter(&Query::parse("警察")).is_none());
}

#[test]
fn typing_on_narrows_the_previous_result() {
    let a = Query::parse("警");
    assert!(a.narrows_to(&Query::parse("警察")));
    assert!(a.narrows_to(&Query::parse("警察 支援")));
    assert!(!a.narrows_to(&Query::parse("察")));
    assert!(!Query::parse("!警").narrows_to(&Query::parse("!警察")));
    assert!(!Query::parse("a | b").narrows_to(&Query::parse("a | bc")));
    // Narrowing gives the same hits as a full search.
    let r = report();
    let index = SearchIndex::new(&r);
    let s = Searcher::default();
    let none = Filters::default();
    let first = s.search(&index, &r, &Query::parse("支"), &none, Order::Source, None);
    let from: Vec<usize> = first.iter().map(|h| h.item).collect();
    let narrowed = s.search(
        &index,
        &r,
        &Query::parse("支援"),
        &none,
        Order::Source,
        Some(&from),
    );
    let full = s.search(
        &index,
        &r,
        &Query::parse("支援"),
        &none,
        Order::Source,
        None,
    );
    assert_eq!(narrowed, full);
}

/// The matcher's score for a pattern of n characters never reaches
/// `32n + 16`, the score of the pattern standing whole: so a text that holds
/// the term whole needs no matcher call (the search relies on it).
#[test]
fn a_whole_term_outscores_any_fuzzy_match() {
    use fuzzy_matcher::FuzzyMatcher;
    let matcher = fuzzy_matcher::skim::SkimMatcherV2::default()
        .respect_case()
        .element_limit(256);
    let report = report();
    let texts: Vec<String> = report
        .items()
        .map(|r| crate::text::normalize::fold(&r.item.progress).text)
        .collect();
    let mut checked = 0;
    for text in &texts {
        let chars: Vec<char> = text.chars().collect();
        for n in [1usize, 2, 3, 5, 9, 17] {
            for start in (0..chars.len().saturating_sub(n)).step_by(7) {
                let pattern: String = chars[start..start + n].iter().collect();
                let bound = 32 * n as i64 + 16;
                if let Some(score) = matcher.fuzzy_match(text, &pattern) {
                    assert!(score < bound, "{pattern:?} scored {score} in {text:?}");
                    checked += 1;
                }
                // Boundaries and capitals give the largest bonuses.
                let ascii = format!("Ab-Cd_Ef {pattern} G-H");
                let p2 = format!("Ab-C{pattern}");
                if let Some(score) = matcher.fuzzy_match(&ascii, &p2) {
                    assert!(score < 32 * p2.chars().count() as i64 + 16);
                }
            }
        }
    }
    assert!(checked > 1000, "{checked}");
}

#[test]
fn a_refolded_index_answers_as_a_fresh_one() {
    let mut report = report();
    let mut index = SearchIndex::new(&report).with_char_index();
    let changed: Vec<usize> = vec![3, 40, 87];
    for (n, item) in report.items_mut().enumerate() {
        if changed.contains(&n) {
            item.progress = format!("ｶﾀｶﾅの新しい進捗{n} 追跡語");
            item.assessment.clear();
        }
    }
    index.refold(&report, &changed);
    let fresh = SearchIndex::new(&report).with_char_index();
    let searcher = Searcher::default();
    for q in ["追跡語", "'カタカナ", "新しい進捗40", "児童相談所", "!支援"] {
        let query = Query::parse(q);
        let a = searcher.search(
            &index,
            &report,
            &query,
            &Filters::default(),
            Order::Score,
            None,
        );
        let b = searcher.search(
            &fresh,
            &report,
            &query,
            &Filters::default(),
            Order::Score,
            None,
        );
        assert_eq!(a, b, "{q}");
    }
    let query = Query::parse("追跡語");
    let hits = searcher.search(
        &index,
        &report,
        &query,
        &Filters::default(),
        Order::Source,
        None,
    );
    assert_eq!(hits.iter().map(|h| h.item).collect::<Vec<_>>(), changed);
}

/// The scattered-match score equals the matcher's on the records' own texts,
/// long and short, for patterns cut from them, scattered over them, and
/// partly foreign.
#[test]
fn a_text_scores_the_same_whatever_was_scored_before() {
    let text = "bbaabbaaaaabaabaaaaababbbbabaabaabbbaaaaaaaaaaaaaabbaababbbbbabbbaababbaaabaabbabbbbaabbbbaabababaababbbaba";
    let pattern = scattered::Pattern::new("aaaabbbba");
    let alone = scattered::score(text, &pattern);
    let _ = scattered::score(&"ab".repeat(58), &scattered::Pattern::new("ab"));
    assert_eq!(scattered::score(text, &pattern), alone);

    let query = Query::parse("- 00bbbb--");
    let text = "  -bbaa0a0-0b  --a0b- bb -0ab0bb 00--- -a000b00b --aa  ";
    let before = " -ab0-b-a 0 b-  00b-b-aa0-- a0bb baa  ba -aa0 -";
    let alone = Searcher::default().text_score(&query, text);
    let searcher = Searcher::default();
    let _ = searcher.text_score(&query, before);
    assert_eq!(searcher.text_score(&query, text), alone);
}
