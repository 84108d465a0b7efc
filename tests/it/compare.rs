//! `kensho compare` against each kind of base — a git revision, another
//! records folder, a published workbook — with known changes of the
//! bundled records: a phase, a direction, an edited progress, an added and
//! a removed item, an item renumbered through the id map.

use std::path::Path;

use crate::common;
use common::kensho;
use common::run::git;
use serde_json::Value;

use kensho::domain::model::{Direction, Item, Phase};
use kensho::domain::records::load;
use kensho::store::write_records;

/// What [`change`] did, to check against.
pub struct Known {
    pub phase: (String, String, String),
    pub direction: (String, String, String),
    pub progress: String,
    pub added: String,
    pub removed: String,
    pub renumbered: (String, String),
}

/// An item no other item relists, not relisted itself, sharing its measure.
fn plain_ids(dir: &Path) -> Vec<String> {
    let report = load(dir).unwrap().report;
    let targets: Vec<String> = report
        .items()
        .filter_map(|r| r.item.relists.clone())
        .collect();
    report
        .items()
        .filter(|r| !r.item.relisted && !targets.contains(&r.item.id) && r.measure.items.len() > 1)
        .map(|r| r.item.id.clone())
        .collect()
}

/// Change the records in `dir` in known ways (and write the id map).
pub fn change(dir: &Path) -> Known {
    let plain = plain_ids(dir);
    let mut records = load(dir).unwrap();
    let other =
        |code: &str, codes: &[&str]| codes.iter().find(|c| **c != code).unwrap().to_string();
    let r = &mut records.report;
    let (p_id, d_id, t_id, gone, renum) = (&plain[0], &plain[2], &plain[4], &plain[6], &plain[8]);
    let item = r.item_mut(p_id).unwrap();
    let old_phase = item.phase.0.clone();
    item.phase = Phase(other(&old_phase, &["D", "C"]));
    let phase = (p_id.clone(), old_phase, item.phase.0.clone());
    let item = r.item_mut(d_id).unwrap();
    let old_direction = item.direction.0.clone();
    item.direction = Direction(other(&old_direction, &["I", "II"]));
    let direction = (d_id.clone(), old_direction, item.direction.0.clone());
    r.item_mut(t_id)
        .unwrap()
        .progress
        .push_str("令和8年度は対象を拡充した。");
    let renumbered = (renum.clone(), format!("{renum}-n"));
    r.item_mut(renum).unwrap().id = renumbered.1.clone();
    let mut added = None;
    for rec in &mut r.recommendations {
        for point in &mut rec.points {
            for m in &mut point.measures {
                m.items.retain(|i| &i.id != gone);
                if added.is_none() && m.items.iter().any(|i| &i.id == p_id) {
                    let mut new: Item = m.items[0].clone();
                    new.id = "1-9-new".into();
                    new.relisted = false;
                    new.relists = None;
                    new.progress = "新たに始めた見守りの取組".into();
                    new.assessment = "今後の状況を見て判断する".into();
                    m.items.push(new);
                    added = Some("1-9-new".to_string());
                }
            }
        }
    }
    write_records(&records).unwrap();
    let map = format!(
        "IdMap(\n    renumbered: {{\n        \"{}\": \"{}\",\n    }},\n)\n",
        renumbered.0, renumbered.1
    );
    std::fs::write(dir.join("ids.ron"), map).unwrap();
    Known {
        phase,
        direction,
        progress: t_id.clone(),
        added: added.unwrap(),
        removed: gone.clone(),
        renumbered,
    }
}

/// `kensho compare BASE DIR --format json`, parsed.
pub fn compared(base: &str, dir: &Path) -> Value {
    let (code, out, err) = kensho(&["compare", base, dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect()
}

/// Every known change is found, and nothing else (the workbook's cells
/// may hold some text other than the records').
pub fn check_known(json: &Value, k: &Known) {
    let changed = |id: &str| -> Value {
        json["changed"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("{id} not among the changed: {json:#}"))
            .clone()
    };
    let field = |c: &Value, name: &str| -> Value {
        c["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["field"] == name)
            .unwrap()
            .clone()
    };
    let p = field(&changed(&k.phase.0), "phase");
    assert_eq!(
        (p["old"].as_str().unwrap(), p["new"].as_str().unwrap()),
        (k.phase.1.as_str(), k.phase.2.as_str())
    );
    let d = field(&changed(&k.direction.0), "direction");
    assert_eq!(d["old"], k.direction.1.as_str());
    assert_eq!(d["new"], k.direction.2.as_str());
    let t = field(&changed(&k.progress), "progress");
    assert!(
        t["new"]
            .as_str()
            .unwrap()
            .ends_with("令和8年度は対象を拡充した。")
    );
    assert_eq!(ids(&json["added"]), vec![k.added.clone()]);
    assert_eq!(ids(&json["removed"]), vec![k.removed.clone()]);
    let r = &json["renumbered"][0];
    assert_eq!(
        (r["old"].as_str().unwrap(), r["new"].as_str().unwrap()),
        (k.renumbered.0.as_str(), k.renumbered.1.as_str())
    );
    assert_eq!(changed(&k.renumbered.1)["base_id"], k.renumbered.0.as_str());
    assert_eq!(json["changed"].as_array().unwrap().len(), 4, "{json:#}");
}

#[test]
fn against_a_git_revision() {
    let tmp = common::copy_records();
    git(tmp.path(), &["init", "-q"]);
    git(tmp.path(), &["add", "."]);
    git(tmp.path(), &["commit", "-qm", "令和7年度"]);
    let known = change(tmp.path());
    let json = compared("HEAD", tmp.path());
    check_known(&json, &known);
    // Nothing changed against the working tree's own commit after a commit.
    git(tmp.path(), &["add", "."]);
    git(tmp.path(), &["commit", "-qm", "令和8年度"]);
    let again = compared("HEAD", tmp.path());
    assert_eq!(again["changed"].as_array().unwrap().len(), 0);
    assert_eq!(again["unchanged"], 88);
    // The earlier one by its usual name.
    check_known(&compared("HEAD~1", tmp.path()), &known);
}

#[test]
fn against_a_folder_and_the_matrix_counts_every_item() {
    let base = common::copy_records();
    let now = common::copy_records();
    let known = change(now.path());
    let json = compared(base.path().to_str().unwrap(), now.path());
    check_known(&json, &known);
    let m = &json["phases"];
    let codes: Vec<&str> = m["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["A", "B", "C", "D"]);
    let at = |c: &str| codes.iter().position(|x| *x == c).unwrap();
    let (from, to) = (at(&known.phase.1), at(&known.phase.2));
    assert!(m["counts"][from][to].as_u64().unwrap() >= 1);
    // Every item on both sides is counted once: 88 before, 88 after.
    let sum = |v: &Value| -> u64 {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap())
            .sum()
    };
    let moved: u64 = m["counts"].as_array().unwrap().iter().map(sum).sum();
    assert_eq!(moved + sum(&m["removed"]), 88);
    assert_eq!(moved + sum(&m["added"]), 88);
    let d = &json["directions"];
    let dcodes: Vec<&str> = d["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let dat = |c: &str| dcodes.iter().position(|x| *x == c).unwrap();
    assert!(
        d["counts"][dat(&known.direction.1)][dat(&known.direction.2)]
            .as_u64()
            .unwrap()
            >= 1
    );
    // The terminal's words say the same, with the codes' meanings.
    let (_, text, _) = kensho(&[
        "--lang",
        "ja",
        "compare",
        base.path().to_str().unwrap(),
        now.path().to_str().unwrap(),
    ]);
    assert!(
        text.contains("変更 4 件、追加 1 件、削除 1 件、番号の付け直し 1 件"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "■ {}（旧 {}）",
            known.renumbered.1, known.renumbered.0
        )),
        "{text}"
    );
    assert!(
        text.contains("実施区分の移り変わり（行: 旧、列: 新）"),
        "{text}"
    );
    assert!(
        text.contains("（中期的・段階的に検討する項目）")
            || text.contains("（速やかに検討すべき項目）")
    );
}

#[test]
fn against_a_published_workbook() {
    let base = common::copy_records();
    let book = base.path().join("令和7年度.xlsx");
    let (code, _, err) = common::books::publish(base.path(), &book);
    assert_eq!(code, 0, "{err}");
    let now = common::copy_records();
    let known = change(now.path());
    check_known(&compared(book.to_str().unwrap(), now.path()), &known);
    // The workbook compared with the records it was made of: nothing changed.
    let same = compared(book.to_str().unwrap(), base.path());
    assert_eq!(same["changed"].as_array().unwrap().len(), 0, "{same:#}");
    assert_eq!(same["unchanged"], 88);
}

#[test]
fn a_seeming_rename_is_suggested_and_never_matched() {
    let base = common::copy_records();
    let now = common::copy_records();
    let known = change(now.path());
    std::fs::remove_file(now.path().join("ids.ron")).unwrap();
    let json = compared(base.path().to_str().unwrap(), now.path());
    let removed = ids(&json["removed"]);
    assert!(removed.contains(&known.renumbered.0));
    let s = json["suggestions"].as_array().unwrap();
    assert!(
        s.iter().any(|s| s["removed"] == known.renumbered.0.as_str()
            && s["added"] == known.renumbered.1.as_str()),
        "{json:#}"
    );
}

#[test]
fn a_wrong_id_map_is_placed_and_said() {
    let now = common::copy_records();
    std::fs::write(now.path().join("ids.ron"), "IdMap(\n    renumbered: {\n        \"1-1-a\": \"1-1-b\",\n        \"1-1-c\": \"1-1-b\",\n    },\n)\n").unwrap();
    let base = common::copy_records();
    let (code, _, err) = kensho(&[
        "--lang",
        "ja",
        "compare",
        base.path().to_str().unwrap(),
        now.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("ids.ron:4:18: 1-1-b が2度書かれています"),
        "{err}"
    );
    // The id map is not a recommendation: the records load as before.
    let (code, _, err) = kensho(&["check", now.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn an_unknown_base_says_what_is_allowed() {
    let now = common::copy_records();
    let (code, _, err) = kensho(&[
        "--lang",
        "en",
        "compare",
        "no-such-base",
        now.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("cannot find the base no-such-base: give a git revision"),
        "{err}"
    );
}
