#!/usr/bin/env bash
# Dates benchmark: bench/data/dates-dev.jsonl through `newsfacts extract`, scored by
# bench/data/score.py, then speed on one core against chrono-node.
#
#   bench/dates.sh [BUILD_DIR] [SECONDS]
#
# BUILD_DIR (default: build) must hold `newsfacts` and `bench_dates`; build it Release
# for the speed figures. The data and the scorer live in bench/data (override with
# NEWSFACTS_BENCH=DIR). chrono-node is timed when bench/node_modules/chrono-node exists
# (`cd bench && npm install --no-save chrono-node`). Prints:
#   1. span P/R/F1 and value accuracy (val_lenient is the target's figure), by source;
#   2. sentences per second, CPU time of one core: ExtractDates alone, the whole
#      `extract` command (JSON in and out, all four extractors), and chrono-node.
# Scratch files go to $BUILD_DIR/dates-eval/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build}"
seconds="${2:-3}"
bench="${NEWSFACTS_BENCH:-$here/bench/data}"
out="$build/dates-eval"
gold="$bench/dates-dev.jsonl"

for f in "$build/newsfacts" "$build/bench_dates" "$bench/score.py" "$gold"; do
  [[ -e "$f" ]] || { echo "dates.sh: missing $f" >&2; exit 2; }
done
mkdir -p "$out"

python3 "$bench/score.py" to-jsonl "$gold" > "$out/d.jsonl"
cli_start=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o "$out/cli.time" "$build/newsfacts" extract --threads 1 --input-format jsonl \
  --json --no-db "$out/d.jsonl" > "$out/d.out.jsonl"
n=$(wc -l < "$out/d.jsonl")

echo "== dates-dev ($n sentences)"
python3 "$bench/score.py" dates "$gold" "$out/d.out.jsonl" newsfacts --by-source

echo
echo "== speed, one core (CPU time)"
"$build/bench_dates" "$here/rules" "$gold" "$seconds"
awk -v n="$n" '{ s = $1 + $2; printf "newsfacts extract (whole command, startup included): %.0f sentences/s, CPU %.2f s\n", n / s, s }' "$out/cli.time"
if [[ -d "$here/bench/node_modules/chrono-node" ]]; then
  node "$here/bench/dates.chrono.mjs" "$gold" "$seconds"
else
  echo "chrono-node: not installed (cd bench && npm install --no-save chrono-node)"
fi
