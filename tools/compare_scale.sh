#!/usr/bin/env bash
# The side-by-side comparisons of issue 12, on generated corpora, with ratios.
#
#   bash tools/compare_scale.sh [SIZES...]        (default: 10000 100000)
#
# For each size:
#   save    `kensho set` of one field (alternately B and C, so every run
#           writes) against `git commit -qam` of a one-line change of the same
#           file in a git repository holding the same records (the file is
#           swapped for one of two prepared versions by a hard link, which
#           costs nothing measurable).
#   search  `kensho search` against `fzf --filter` over the same items, one
#           line each, for an exact term and a fuzzy query.
# Timed with farm-bench (the two commands in turn, the ratio taken pair by
# pair; quote the medians). Needs git and fzf (apt-get install -y git fzf).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
cargo build --release --quiet
bin=$PWD/target/release/kensho
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# pair RUNS SCRIPT_A SCRIPT_B: time both shell scripts in turn and print
# how they compare.
pair() {
  local runs=$1
  printf '%s\n' "$2" > "$work/a.sh"
  printf '%s\n' "$3" > "$work/b.sh"
  farm-bench -n "$runs" --timeout 900 --vs "sh $work/b.sh" -- sh "$work/a.sh" 2>&1
}

for n in "${sizes[@]}"; do
  echo "=== $n items"
  rec=$work/k$n
  "$bin" generate --items "$n" --seed 1 "$rec" > /dev/null
  # The file of recommendation 3 and one of its items.
  id=$(grep -m1 -o 'id: "3-[^"]*"' "$rec/recommendation-3.ron" | cut -d'"' -f2)
  # A git repository with the same records, and two versions of the file
  # that differ in one line.
  repo=$work/g$n
  cp -r "$rec" "$repo"
  git -C "$repo" init -q
  git -C "$repo" -c user.name=b -c user.email=b@example.invalid add -A
  git -C "$repo" -c user.name=b -c user.email=b@example.invalid commit -qm base
  cp "$repo/recommendation-3.ron" "$work/vA$n"
  sed '0,/phase: "C"/s//phase: "Q"/' "$repo/recommendation-3.ron" > "$work/vB$n"
  echo /.flip >> "$repo/.git/info/exclude"
  cat > "$work/git$n.sh" <<EOF
cd $repo
if [ -e .flip ]; then rm .flip; ln -f $work/vA$n recommendation-3.ron
else touch .flip; ln -f $work/vB$n recommendation-3.ron; fi
exec git -c user.name=b -c user.email=b@example.invalid commit -qam x
EOF
  cat > "$work/set$n.sh" <<EOF
cd $rec
if [ -e .flip ]; then rm .flip; exec $bin set . $id phase=B > /dev/null
else touch .flip; exec $bin set . $id phase=C > /dev/null; fi
EOF
  # The first save after the files were written reads them whole and
  # leaves the digest cache; the next saves read only the item's file.
  sh "$work/set$n.sh"
  sleep 1.2
  echo "--- save: kensho set (A) vs git commit of one line (B)"
  pair 20 "exec sh $work/set$n.sh" "exec sh $work/git$n.sh"

  if command -v fzf > /dev/null; then
    "$bin" export "$rec" --format json | python3 tools/fzf_lines.py > "$work/lines$n.txt"
    for q in "'児童相談所" "児童相談"; do
      echo "--- search $q: kensho search (A) vs fzf --filter (B)"
      printf -v qq '%q' "$q"
      pair 5 "$bin search $rec $qq --limit 100000000 > /dev/null" \
        "fzf --filter $qq < $work/lines$n.txt > /dev/null"
    done
  fi
done
