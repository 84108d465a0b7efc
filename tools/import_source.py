#!/usr/bin/env python3
"""One-time importer: source text (records/source/) -> records/*.ron.

This script produced the first version of the records. It is kept so that a
reviewer can see how every item was read from the extracted PDF text; the
records are the data of record from then on (ids are stored in them and never
recomputed). Re-running it overwrites records/*.ron: do not, once the records
have been edited.

Usage: python3 tools/import_source.py [--dump]
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "records" / "source" / "shiryo2.txt"

CIRCLED = "①②③④⑤⑥⑦⑧⑨"
PHASES = ["A", "B", "C", "D"]
DIRECTIONS = ["I", "II", "III"]
# Misread measure labels (GLOSSARY.md): (7)=(ア), (4)=(イ), (I)=(エ).
LABEL_FIX = {"7": "ア", "4": "イ", "I": "エ"}
KATAKANA = "アイウエオカキクケコ"
LETTER = {k: chr(ord("a") + i) for i, k in enumerate(KATAKANA)}
# Misread policy labels: 工 (kanji) is エ, Ⅱ as the label of 3-④ is エ.
POLICY_FIX = {"工": "エ", "Ⅱ": "エ"}
POLICY_ASSESSMENT = "取組方針に対する自己評価"
RELISTED = "【再掲】"
MEASURE_RE = re.compile(r"^\((7|4|I|[ア-ン])\)\s*(.*)$", re.S)
DEPT_RE = re.compile(r"(?:^|\s)(?=[子保区総教市]\))")

# Interpretations that the rules above cannot make on their own, by source
# line number. Each entry overrides fields and carries the note that says so.
OVERRIDES = {
    # 1-④ (ウ): the measure text is that of (エ) on the next row.
    110: {"notes": [
        "The source gives this row the same measure text as (エ) below it, although its progress is about "
        "SSW supervisors; the text is kept as published."
    ]},
    # 3-④: the third measure is printed "(7)" (which the glossary reads as (ア)) after (イ).
    260: {"label": "ウ", "measure_notes": [
        "The source prints this measure's label as (7), normally a misreading of (ア); as the third measure "
        "of the policy, after (イ) and before (エ), it is read as (ウ)."
    ]},
    # 3-⑤ (オ): the progress text also stands in the measure column.
    290: {"notes": [
        "The source repeats this row's progress text as its measure text; both are kept as published."
    ]},
    # 7-①: the last two rows are printed (7) and (4) after (ア).
    494: {"label": "イ", "measure_notes": [
        "The source prints this measure's label as (7), normally a misreading of (ア); as the second measure "
        "of the policy it is read as (イ)."
    ]},
    495: {"label": "ウ", "measure_notes": [
        "The source prints this measure's label as (4), normally a misreading of (イ); as the third measure "
        "of the policy, after the two printed (7), it is read as (ウ)."
    ]},
    # 1-③: no measure column at all.
    **{n: {"notes": [
        "Point 1-③ has no measure column in the source: this row is read as an item directly under the "
        "policy, with no measure."
    ]} for n in (72, 73, 74, 75, 76)},
}

# Notes on policies whose label had to be corrected.
POLICY_NOTES = {
    "3-4": "The source prints this policy's label as Ⅱ; read as エ (the fourth policy label).",
    "4-4": "The source prints this policy's label as the kanji 工; read as the katakana エ.",
}


def split_departments(cell):
    parts = [p.strip() for p in DEPT_RE.split(cell) if p.strip()]
    return parts


def parse():
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    report = {"recommendations": []}
    rec = None
    in_header = False
    in_table = False
    point = None
    measure = None
    departments = None
    notes_for_next = []
    for lineno, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if line.startswith("検証報告書における提言"):
            in_header = True
            in_table = False
            continue
        if in_header:
            m = re.match(r"^(\d+)\t(.+?)\s*$", line)
            if m:
                n = int(m.group(1))
                if rec is None or rec["number"] != n:
                    rec = {"number": n, "title": m.group(2), "points": [], "titles": {}}
                    report["recommendations"].append(rec)
                continue
            m = re.match(r"^([①-⑨])\t(.+?)\s*$", line)
            if m:
                rec["titles"][CIRCLED.index(m.group(1)) + 1] = m.group(2)
                continue
            if line.strip() == "":
                in_header = False
            continue
        if line.startswith("該当提言\t"):
            in_table = True
            continue
        if not in_table:
            continue
        if line.strip() == "":
            in_table = False
            continue
        cells = line.split("\t")
        nonempty = [c.strip() for c in cells if c.strip()]
        # A new point starts with its circled number in the first cell.
        first = cells[0].strip()
        if first and first[0] in CIRCLED and len(first) == 1:
            number = CIRCLED.index(first) + 1
            point = {
                "number": number,
                "title": rec["titles"][number],
                "policy": None,
                "measures": [],
                "line": lineno,
            }
            rec["points"].append(point)
            measure = None
            # Policy label, alone or followed by its text in the same cell.
            label_cell = cells[1].strip()
            lab = label_cell[0]
            lab = POLICY_FIX.get(lab, lab)
            if len(label_cell) > 1:
                ptext = label_cell[1:].strip()
                rest = cells[2:]
            else:
                ptext = cells[2].strip()
                rest = cells[3:]
            point["policy"] = {"label": lab, "text": ptext, "assessment": None}
            cells = ["", ""] + rest  # normalise: remaining columns follow
            # fall through to item parsing with the remaining cells
        if any(c.strip().startswith(POLICY_ASSESSMENT) for c in cells):
            texts = []
            for c in cells:
                c = c.strip()
                if c.startswith(POLICY_ASSESSMENT):
                    c = c[len(POLICY_ASSESSMENT):].strip()
                if c:
                    texts.append(c)
            assert len(texts) == 1, (lineno, texts)
            point["policy"]["assessment"] = texts[0]
            continue
        # An item row: a phase code followed two cells later by a direction code.
        p = None
        for i, c in enumerate(cells):
            if c.strip() in PHASES and i + 2 < len(cells) and cells[i + 2].strip() in DIRECTIONS:
                p = i
                break
        assert p is not None, (lineno, line[:80])
        phase = cells[p].strip()
        assessment = cells[p + 1].strip()
        direction = cells[p + 2].strip()
        dept_cells = [c.strip() for c in cells[p + 3:] if c.strip()]
        progress = cells[p - 1].strip()
        before = [c.strip() for c in cells[: p - 1] if c.strip()]
        note = []
        new_measure = None
        m = MEASURE_RE.match(progress) if progress else None
        if m and not before:
            # Lost column: the measure text stands where progress should be.
            new_measure = (m.group(1), m.group(2).strip())
            progress = ""
            note.append(
                "In the source this row's measure text stands in the progress column and the row has "
                "no progress text: read as the measure, with progress left empty."
            )
        elif before:
            if len(before) == 2 and re.fullmatch(r"\((7|4|I|[ア-ン])\)", before[0]):
                new_measure = (before[0][1:-1], before[1])
            else:
                assert len(before) == 1, (lineno, before)
                m = MEASURE_RE.match(before[0])
                if m:
                    new_measure = (m.group(1), m.group(2).strip())
                else:
                    new_measure = (None, before[0])
                    note.append(
                        "In the source this text stands in the policy column below the policy text, "
                        "with no measure label: read as an unlabelled measure."
                    )
        if new_measure is not None:
            raw_label, text = new_measure
            label = LABEL_FIX.get(raw_label, raw_label) if raw_label else None
            measure = {"label": label, "raw_label": raw_label, "text": text, "items": [], "line": lineno}
            point["measures"].append(measure)
        elif measure is None:
            measure = {"label": None, "raw_label": None, "text": None, "items": [], "line": lineno}
            point["measures"].append(measure)
        if dept_cells:
            assert len(dept_cells) == 1, (lineno, dept_cells)
            departments = split_departments(dept_cells[0])
        measure["items"].append(
            {
                "line": lineno,
                "progress": progress,
                "phase": phase,
                "assessment": assessment,
                "direction": direction,
                "departments": list(departments),
                "dept_given": bool(dept_cells),
                "note": note,
            }
        )
    return report


NOTE_CONTINUATION = (
    "This row has no measure of its own in the source: read as a further item of the measure above it."
)


def finish(report):
    """Assign ids, corrected labels, notes and relisted links; return the import document."""
    items_by_line = {}
    out_recs = []
    for rec in report["recommendations"]:
        out_points = []
        for pt in rec["points"]:
            key = f"{rec['number']}-{pt['number']}"
            out_measures = []
            labels_seen = []
            unlabelled_row = 0
            for ms in pt["measures"]:
                label = ms["label"]
                extra = OVERRIDES.get(ms["line"], {})
                if "label" in extra:
                    label = extra["label"]
                if label is not None:
                    assert label not in labels_seen, (key, label, ms["line"])
                    labels_seen.append(label)
                out_items = []
                for n, it in enumerate(ms["items"], start=1):
                    if label is None:
                        unlabelled_row += 1
                        iid = f"{key}-{unlabelled_row}"
                    else:
                        iid = f"{key}-{LETTER[label]}" + ("" if n == 1 else str(n))
                    note = list(it["note"])
                    if n > 1 and label is not None:
                        note.append(NOTE_CONTINUATION)
                    note += OVERRIDES.get(it["line"], {}).get("notes", [])
                    if n == 1:
                        note += extra.get("measure_notes", [])
                    departments = it["departments"]
                    if departments and departments[-1].endswith(" ※"):
                        departments = departments[:-1] + [departments[-1][:-2]]
                        note.append(
                            "The departments cell ends with the mark ※ in the source; no footnote for it "
                            "appears in the extracted text."
                        )
                    texts = [it["progress"], it["assessment"]] + ([ms["text"]] if n == 1 and ms["text"] else [])
                    relisted = any(RELISTED in t for t in texts) or (ms["text"] is not None and RELISTED in ms["text"])
                    item = {
                        "id": iid,
                        "progress": it["progress"],
                        "phase": it["phase"],
                        "assessment": it["assessment"],
                        "direction": it["direction"],
                        "departments": departments,
                        "relisted": relisted,
                        "relists": None,
                        "note": " ".join(note) if note else None,
                    }
                    items_by_line[it["line"]] = (item, ms)
                    out_items.append(item)
                out_measures.append({"label": label, "text": ms["text"], "items": out_items})
            pol = pt["policy"]
            out_points.append(
                {
                    "number": pt["number"],
                    "title": pt["title"],
                    "policy": {
                        "label": pol["label"],
                        "text": pol["text"],
                        "assessment": pol["assessment"],
                        "note": POLICY_NOTES.get(key),
                    },
                    "measures": out_measures,
                }
            )
        out_recs.append({"number": rec["number"], "title": rec["title"], "points": out_points})
    # Link every relisted item to the row it repeats: same progress, or same
    # measure text, once the 【再掲】 marks are taken off.
    def bare(t):
        return re.sub(r"\s+", "", (t or "").replace(RELISTED, ""))
    ordered = [items_by_line[k] for k in sorted(items_by_line)]
    for item, ms in ordered:
        if not item["relisted"]:
            continue
        target = None
        others = [(c, cms) for c, cms in ordered if not c["relisted"]]
        if bare(item["progress"]):
            target = next((c for c, _ in others if bare(c["progress"]) == bare(item["progress"])), None)
        if target is None and ms["text"]:
            target = next((c for c, cms in others if bare(cms["text"]) == bare(ms["text"])), None)
        if target is not None:
            item["relists"] = target["id"]
        else:
            extra = "The source marks this row 【再掲】, but no row with the same progress or measure text was found elsewhere in the table."
            item["note"] = (item["note"] + " " + extra) if item["note"] else extra
    return {
        "title": "検証報告書の提言に対する具体的な取組の内容及び実施状況",
        "source": "札幌市 児童虐待防止対策推進本部 資料2",
        "phase_scale": {"name": "実施区分", "description": "具体的な取組の実施・検討の時期", "codes": [
            {"code": "A", "meaning": "既に取り組んでいる項目"},
            {"code": "B", "meaning": "すぐに取り組むべき項目"},
            {"code": "C", "meaning": "速やかに検討すべき項目"},
            {"code": "D", "meaning": "中期的・段階的に検討する項目"},
        ]},
        "direction_scale": {"name": "評価区分", "description": "自己評価を踏まえた今後の方向性", "codes": [
            {"code": "I", "meaning": "更なる取組の推進を図る項目"},
            {"code": "II", "meaning": "現在の取組を継続する項目"},
            {"code": "III", "meaning": "取組を終結する項目"},
        ]},
        "recommendations": out_recs,
    }


def main():
    report = parse()
    if "--json" in sys.argv:
        json.dump(finish(report), sys.stdout, ensure_ascii=False, indent=1)
        return
    if "--links" in sys.argv:
        doc = finish(report)
        for r in doc["recommendations"]:
            for p in r["points"]:
                for m in p["measures"]:
                    for i in m["items"]:
                        if i["relisted"] or i["note"]:
                            print(i["id"], i["relisted"], i["relists"], (i["note"] or "")[:200])
        return
    if "--dump" in sys.argv:
        for rec in report["recommendations"]:
            for pt in rec["points"]:
                print(f"== {rec['number']}-{pt['number']} {pt['title']} policy={pt['policy']['label']} {pt['policy']['text'][:30]} / assess={str(pt['policy']['assessment'])[:20]}")
                for ms in pt["measures"]:
                    print(f"  measure ({ms['raw_label']}->{ms['label']}) L{ms['line']} {str(ms['text'])[:50]}")
                    for it in ms["items"]:
                        print(f"    L{it['line']} {it['phase']} {it['direction']:3} dept{'*' if it['dept_given'] else ' '}={' / '.join(it['departments'])[:60]} | {it['progress'][:30]} | {it['assessment'][:20]} {it['note']}")
        return


if __name__ == "__main__":
    main()
