#!/usr/bin/env bash
# News-sentence benchmark: the held-out dates and quantities sets in bench/news/ (sentences
# of the kind news articles carry, written for this project; see bench/news/README.md)
# through `newsfacts extract`, scored by bench/data/score.py.
#
#   bench/news.sh [BUILD_DIR]
#
# BUILD_DIR (default: build) must hold `newsfacts`. The scorer lives in bench/data
# (override with NEWSFACTS_BENCH=DIR). Prints, for dates and then quantities, span
# P/R/F1 and value accuracy (dates: val_lenient; quantities: val_acc, with number ranges
# in range_acc), overall and by form (the case id prefix: abs, rel, rng, cur, cnt, ...).
# Scratch files go to $BUILD_DIR/news-eval/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build}"
bench="${NEWSFACTS_BENCH:-$here/bench/data}"
sets="$here/bench/news"
out="$build/news-eval"

for f in "$build/newsfacts" "$bench/score.py" "$sets/dates.jsonl" "$sets/quantities.jsonl"; do
  [[ -e "$f" ]] || { echo "news.sh: missing $f" >&2; exit 2; }
done
mkdir -p "$out"

for task in dates quantities; do
  gold="$sets/$task.jsonl"
  python3 "$bench/score.py" to-jsonl "$gold" > "$out/$task.in.jsonl"
  status=0
  "$build/newsfacts" extract --threads 1 --input-format jsonl --json --no-db \
    "$out/$task.in.jsonl" > "$out/$task.out.jsonl" || status=$?
  if (( status > 1 )); then
    echo "news.sh: newsfacts extract failed (exit $status) on $task" >&2
    exit "$status"
  elif (( status == 1 )); then
    echo "news.sh: some $task sentences failed to extract (see above); scoring the rest" >&2
  fi
  echo "== news $task ($(wc -l < "$gold") sentences)"
  python3 "$bench/score.py" "$task" "$gold" "$out/$task.out.jsonl" newsfacts --by-source
  if [[ "$task" == quantities ]]; then
    python3 "$bench/score.py" quantities "$gold" "$out/$task.out.jsonl" newsfacts --json |
      python3 -c 'import json, sys; print("number ranges (low/high): range_acc=%s" % json.load(sys.stdin)["ALL"]["range_acc"])'
  fi
  echo
done
