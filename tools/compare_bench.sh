#!/usr/bin/env bash
# kensho compare at scale (issue 29), paired with git diff --stat of the
# same change.
#
#   bash tools/compare_bench.sh [SIZES...]        (default: 10000 100000)
#
# For each size: a generated report committed to a git repository, then
# about one item in a hundred changed in the working tree (a phase, and a
# progress text), and timed with farm-bench (medians, A/B paired):
#   A  kensho compare HEAD DIR --format json   (reads HEAD with git cat-file,
#      loads the working tree, compares every item, writes the JSON)
#   B  git diff --stat                         (the same change, as git sees it)
# The comparison is linear when the time grows with the items as git's does.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
bin=$PWD/target/release/kensho
[ -x "$bin" ] || cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in "${sizes[@]}"; do
  echo "=== $n items"
  rec=$work/k$n
  "$bin" generate --items "$n" --seed 1 "$rec" > /dev/null
  rm -rf "$rec/.kensho-cache"
  git -C "$rec" init -q
  git -C "$rec" -c user.name=b -c user.email=b@example.invalid add -A
  git -C "$rec" -c user.name=b -c user.email=b@example.invalid commit -qm base
  for f in "$rec"/recommendation-*.ron; do
    sed -i -e '0~1100s/phase: "A"/phase: "B"/' -e '0~1300s/progress: "/progress: "追記した。/' "$f"
  done
  "$bin" --lang en compare HEAD "$rec" | sed -n 2p
  git -C "$rec" diff --stat | tail -1
  farm-bench -n 5 --timeout 600 --vs "git -C $rec diff --stat" -- \
    "$bin" compare HEAD "$rec" --format json
done
