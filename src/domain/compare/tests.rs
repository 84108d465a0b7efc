use super::*;

fn row(id: &str, phase: &str, direction: &str, progress: &str) -> Row {
    Row {
        id: id.to_string(),
        point: Some((1, 1)),
        phase: phase.to_string(),
        direction: direction.to_string(),
        progress: progress.to_string(),
        assessment: "評価".to_string(),
        departments: vec!["子) 児童相談所".to_string()],
    }
}

fn side(rows: Vec<Row>) -> Side {
    Side {
        rows,
        ..Side::default()
    }
}

#[test]
fn fields_additions_removals_and_the_matrix_are_found() {
    let base = side(vec![
        row("1-1-a", "D", "II", "研修を検討する。"),
        row("1-1-b", "A", "II", "同じ"),
        row("1-1-c", "B", "I", "なくなる取組"),
    ]);
    let now = side(vec![
        row("1-1-a", "C", "I", "研修を実施した。"),
        row("1-1-b", "A", "II", "同じ"),
        row("1-1-d", "A", "III", "まったく新しい別の取組について"),
    ]);
    let c = compare(&base, &now, &IdMap::default());
    assert_eq!(c.unchanged, 1);
    assert_eq!(c.changed.len(), 1);
    let fields: Vec<Which> = c.changed[0].fields.iter().map(|f| f.field).collect();
    assert_eq!(
        fields,
        vec![Which::Phase, Which::Progress, Which::Direction]
    );
    assert_eq!(c.added[0].id, "1-1-d");
    assert_eq!(c.removed[0].id, "1-1-c");
    assert_eq!(c.phases.count("D", "C"), 1);
    assert_eq!(c.phases.count("A", "A"), 1);
    assert_eq!(c.directions.count("II", "I"), 1);
    assert_eq!(c.phases.moves(), vec![("D", "C", 1)]);
    let added_a = c.phases.codes.iter().position(|x| x == "A").unwrap();
    assert_eq!(c.phases.added[added_a], 1);
    assert!(c.suggestions.is_empty(), "{:?}", c.suggestions);
}

#[test]
fn renumbered_items_match_only_through_the_map() {
    // 7-1-b became 7-1-a2, and 7-1-c took the id 7-1-b.
    let base = side(vec![
        row("7-1-b", "A", "II", "報告を行った。"),
        row("7-1-c", "C", "II", "公表する。"),
    ]);
    let now = side(vec![
        row("7-1-a2", "A", "II", "報告を行った。"),
        row("7-1-b", "B", "II", "公表する。"),
    ]);
    // Without the map: 7-1-b is compared with 7-1-b; 7-1-c removed and
    // 7-1-a2 added, never matched (their texts are not alike: no suggestion).
    let guess = compare(&base, &now, &IdMap::default());
    assert_eq!(guess.removed.len(), 1);
    assert_eq!(guess.added.len(), 1);
    assert!(guess.suggestions.is_empty());
    let map = IdMap {
        renumbered: vec![
            ("7-1-b".into(), "7-1-a2".into()),
            ("7-1-c".into(), "7-1-b".into()),
            ("9-9-z".into(), "9-9-y".into()),
        ],
    };
    let c = compare(&base, &now, &map);
    assert!(c.added.is_empty() && c.removed.is_empty(), "{c:?}");
    assert_eq!(c.renumbered.len(), 2);
    let b = c.changed.iter().find(|x| x.id == "7-1-b").unwrap();
    assert_eq!(b.base_id.as_deref(), Some("7-1-c"));
    assert_eq!(b.fields[0].old, "C");
    let a2 = c.changed.iter().find(|x| x.id == "7-1-a2").unwrap();
    assert!(a2.fields.is_empty());
}

#[test]
fn a_comparison_of_many_items_is_one_pass() {
    let rows: Vec<Row> = (0..20_000)
        .map(|i| row(&format!("1-1-{i}"), "A", "II", "本文"))
        .collect();
    let mut changed = rows.clone();
    changed[10].phase = "B".into();
    let c = compare(&side(rows), &side(changed), &IdMap::default());
    assert_eq!(c.changed.len(), 1);
    assert_eq!(c.unchanged, 19_999);
}
