#!/usr/bin/env python3
"""The items of `kensho export --format json` (standard input) one line each, as
fzf reads them: the id and every text of the item and of its context."""
import json
import sys

doc = json.load(sys.stdin)
pol = {(p["recommendation"], p["point"]): p for p in doc["policies"]}
for i in doc["items"]:
    p = pol[(i["recommendation"], i["point"])]
    texts = [i["id"], i["progress"], i["assessment"], " ".join(i["departments"]),
             i["measure_text"] or "", i["note"] or "", p["text"], p["assessment"]]
    print(" ".join(t.replace("\n", " ") for t in texts))
