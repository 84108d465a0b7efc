#!/usr/bin/env bash
# The cost cliffs of issue 22, on generated corpora, with the commands that
# reproduce each row of the table in BENCHMARKS.md.
#
#   bash tools/compare_cliffs.sh [SIZES...]        (default: 25000 50000 100000)
#
# For each size:
#   import   `kensho import BOOK --apply` of a department's returned workbook
#            (子) 児童相談所, every answer row's phase changed) into a copy of
#            the records whose digest cache is warm (a `kensho set` and a dry
#            run before, as a department works); 3 runs, each on a fresh copy.
#            /usr/bin/time: wall seconds and peak memory.
# Then the meeting rows, through the project's criterion bench:
#   cargo bench --bench meeting          (a mark at 100k and 1M; unknown items)
# and `kensho set` against `git commit` through tools/compare_scale.sh.
# Needs python3 with openpyxl (pip install openpyxl) to fill the workbook.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(25000 50000 100000)
cargo build --release --quiet
bin=$PWD/target/release/kensho
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dept="子) 児童相談所"

# answer BOOK OUT: every phase answer of BOOK moved to the next code.
answer() {
  python3 - "$1" "$2" <<'PY'
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
sheet = book["回答"]
codes = ["A", "B", "C", "D"]
rows = 0
for row in sheet.iter_rows(min_row=4):
    cell = row[6]
    if cell.value in codes:
        cell.value = codes[(codes.index(cell.value) + 1) % 4]
        rows += 1
book.save(sys.argv[2])
print(rows, "answers changed")
PY
}

for n in "${sizes[@]}"; do
  echo "=== $n items"
  rec=$work/r$n
  "$bin" generate --items "$n" --seed 1 "$rec" > /dev/null
  "$bin" --lang ja survey "$rec" --out "$work/books$n" --dept "$dept" > /dev/null
  book=$(ls "$work/books$n"/*.xlsx)
  answer "$book" "$work/answer$n.xlsx"
  sleep 1.2
  for run in 1 2 3; do
    copy=$work/c$n
    rm -rf "$copy"
    cp -a "$rec" "$copy"
    sleep 1.2
    id=$(grep -m1 -o 'id: "3-[^"]*"' "$copy/recommendation-3.ron" | cut -d'"' -f2)
    # Two sets, so that one at least changes the item and leaves the
    # digest cache (a folder never saved has none: its first save reads
    # every file, see "first save" below).
    "$bin" set "$copy" "$id" phase=A > /dev/null
    "$bin" set "$copy" "$id" phase=B > /dev/null
    "$bin" import "$work/answer$n.xlsx" "$copy" > /dev/null
    sleep 1.2
    /usr/bin/time -f "import --apply: %e s wall, %M KiB peak" \
      "$bin" import "$work/answer$n.xlsx" "$copy" --apply 2>&1 > /dev/null | tail -1
    "$bin" verify "$copy" > /dev/null
  done
  # The first save of a folder never saved before (no digest cache, no
  # parsed copies): every file read, checked and rendered.
  copy=$work/c$n
  rm -rf "$copy"
  cp -a "$rec" "$copy"
  sleep 1.2
  /usr/bin/time -f "first save, import --apply: %e s wall, %M KiB peak" \
    "$bin" import "$work/answer$n.xlsx" "$copy" --apply 2>&1 > /dev/null | tail -1
  du -sh --apparent-size "$rec" | cut -f1 | sed 's/^/records: /'
done
