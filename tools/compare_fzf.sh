#!/usr/bin/env bash
# kensho search against fzf --filter, side by side on the same synthetic corpus.
#
#   bash tools/compare_fzf.sh [ITEMS] [QUERY...]
#
# Generates ITEMS items (default 100000, seed 1) into a temporary folder, dumps
# the same items one line per item (id and every text of the item and its
# context) for fzf, and times both with hyperfine. Needs fzf and hyperfine
# (apt-get install fzf hyperfine).
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
  hyperfine --warmup 1 --runs 5 --style basic \
    -n "kensho search" "$bin search $work/records $qq --limit 100000000 > /dev/null" \
    -n "fzf --filter" "fzf --filter $qq < $work/corpus.txt > /dev/null" 2>&1 | grep -E "Time|±|faster|slower|kensho|fzf" || true
done
