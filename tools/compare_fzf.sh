#!/usr/bin/env bash
# kensho search against fzf --filter, side by side on the same synthetic corpus.
#
#   bash tools/compare_fzf.sh [ITEMS] [QUERY...]
#
# Generates ITEMS items (default 100000, seed 1) into a temporary folder, dumps
# the same items one line per item (id and every text of the item and its
# context) for fzf, and times both with farm-bench (the two commands in turn,
# the ratio taken pair by pair; quote the medians). Needs fzf (apt-get install
# fzf) and farm-bench.
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-100000}
shift || true
queries=("$@")
[ ${#queries[@]} -gt 0 ] || queries=("児童相談" "警察" "'虐待防止" "支援 体制")
cargo build --release --quiet
bin=target/release/kensho
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" generate --items "$items" --seed 1 "$work/records"
"$bin" export "$work/records" --format json | python3 tools/fzf_lines.py > "$work/corpus.txt"
echo "corpus: $items items, $(du -h "$work/corpus.txt" | cut -f1) as lines, $(du -sh "$work/records" | cut -f1) as records"
for q in "${queries[@]}"; do
  echo "== query: $q"
  echo "   hits: kensho $("$bin" search "$work/records" "$q" --limit 100000000 | wc -l), fzf $(fzf --filter "$q" < "$work/corpus.txt" | wc -l)"
  printf -v qq '%q' "$q"
  printf '%s\n' "$bin search $work/records $qq --limit 100000000 > /dev/null" > "$work/kensho.sh"
  printf '%s\n' "fzf --filter $qq < $work/corpus.txt > /dev/null" > "$work/fzf.sh"
  farm-bench -n 5 --timeout 300 --vs "sh $work/fzf.sh" -- sh "$work/kensho.sh" 2>&1
done
