#!/usr/bin/env bash
# Quantities benchmark: bench/data/quantities-dev.jsonl through `newsfacts extract`,
# scored by bench/data/score.py, then speed on one core.
#
#   bench/quantities.sh [BUILD_DIR] [SECONDS]
#
# BUILD_DIR (default: build) must hold `newsfacts` and `bench_quantities`; build it
# Release for the speed figures. The data and the scorer live in bench/data
# (override with NEWSFACTS_BENCH=DIR). Prints:
#   1. span P/R/F1 and value accuracy, by source;
#   2. sentences per second, CPU time of one core, of ExtractQuantities alone on the
#      quantities sentences and on the dates sentences (the speed target is stated on
#      the dates sentences, against chrono-node: see bench/dates.sh).
# Scratch files go to $BUILD_DIR/quantities-eval/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build}"
seconds="${2:-3}"
bench="${NEWSFACTS_BENCH:-$here/bench/data}"
out="$build/quantities-eval"
gold="$bench/quantities-dev.jsonl"

for f in "$build/newsfacts" "$build/bench_quantities" "$bench/score.py" "$gold"; do
  [[ -e "$f" ]] || { echo "quantities.sh: missing $f" >&2; exit 2; }
done
mkdir -p "$out"

python3 "$bench/score.py" to-jsonl "$gold" > "$out/q.jsonl"
"$build/newsfacts" extract --threads 1 --input-format jsonl --json --no-db "$out/q.jsonl" > "$out/q.out.jsonl"

echo "== quantities-dev ($(wc -l < "$out/q.jsonl") sentences)"
python3 "$bench/score.py" quantities "$gold" "$out/q.out.jsonl" newsfacts --by-source

echo
echo "== speed, one core (CPU time)"
"$build/bench_quantities" "$here/rules" "$gold" "$seconds"
"$build/bench_quantities" "$here/rules" "$bench/dates-dev.jsonl" "$seconds"
