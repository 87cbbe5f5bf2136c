#!/usr/bin/env bash
# The real-text set end to end: the annotated AEB article bodies through `newsfacts extract`,
# then scored against the annotations (GUIDELINE.md, score.py).
#
#   bench/aeb_people/run.sh [BUILD_DIR] [--misses] [--set development|heldout|all]
#
# Needs the AEB data in bench/data/aeb (or $NEWSFACTS_BENCH/aeb; README, "Benchmarks").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${1:-$here/../../build}"
shift || true
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
python3 "$here/check.py" >/dev/null
python3 "$here/score.py" to-jsonl "$@" > "$out/in.jsonl"
"$build/newsfacts" extract --threads 1 --input-format jsonl --json --no-db "$out/in.jsonl" \
  > "$out/pred.jsonl" 2> "$out/extract.err"
python3 "$here/score.py" "$out/pred.jsonl" "$@"
