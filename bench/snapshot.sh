#!/usr/bin/env bash
# Output snapshot: every bench set and corpus/ through `newsfacts extract --no-db --json`, one
# file per set, for checking that a change leaves the output byte-identical:
#
#   bench/snapshot.sh BUILD_DIR OUT_DIR        # before the change, then after, into another dir
#   diff -r OUT_BEFORE OUT_AFTER
#
# Sets: corpus/; bench/news (dates, quantities); bench/quotes (articles, heldout, heldout2, as
# one text each); and, when bench/data is there (override with NEWSFACTS_BENCH=DIR), the
# AEB pages, dates-dev and quantities-dev (see README, "Benchmarks", for where they come from).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:?usage: bench/snapshot.sh BUILD_DIR OUT_DIR}"
out="${2:?usage: bench/snapshot.sh BUILD_DIR OUT_DIR}"
bench="${NEWSFACTS_BENCH:-$here/bench/data}"
nf="$build/newsfacts"
[[ -x "$nf" ]] || { echo "snapshot.sh: missing $nf" >&2; exit 2; }
mkdir -p "$out/in"

extract() {  # NAME ARGS...
  local name="$1"
  shift
  "$nf" extract --threads 1 --no-db --json "$@" > "$out/$name.jsonl" 2> "$out/$name.err" || true
  echo "$name: $(wc -l < "$out/$name.jsonl") records"
}

(cd "$here" && extract corpus corpus/)
if [[ -f "$bench/score.py" ]]; then
  for task in dates quantities; do
    python3 "$bench/score.py" to-jsonl "$here/bench/news/$task.jsonl" > "$out/in/news-$task.jsonl"
    extract "news-$task" --input-format jsonl "$out/in/news-$task.jsonl"
  done
  for dev in dates-dev quantities-dev; do
    python3 "$bench/score.py" to-jsonl "$bench/$dev.jsonl" > "$out/in/$dev.jsonl"
    extract "$dev" --input-format jsonl "$out/in/$dev.jsonl"
  done
fi
if [[ -f "$bench/eval_aeb.py" ]]; then
  python3 "$bench/eval_aeb.py" to-jsonl > "$out/in/aeb.jsonl"
  extract aeb --input-format jsonl "$out/in/aeb.jsonl"
fi
for f in "$here"/bench/quotes/*.txt; do
  extract "quotes-$(basename "$f" .txt)" "$f"
done
