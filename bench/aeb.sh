#!/usr/bin/env bash
# Main-text benchmark: article-extraction-benchmark (AEB) pages through `newsfacts extract`.
#
#   bench/aeb.sh [BUILD_DIR] [WORST_N]
#
# BUILD_DIR (default: build) must hold `newsfacts` and `bench_gumbo_floor`. The pages and
# the scorer live in bench/data (override with NEWSFACTS_BENCH=DIR). Prints:
#   1. F1, precision and recall of the extracted main text (the scorer's own table);
#   2. the WORST_N (default 10) pages by page F1, with their URLs;
#   3. speed on one thread: bare gumbo parse + walk vs NormaliseHtml on the same pages in
#      the same process, CPU time, median of 5 passes, and the ratio between them.
# Scratch files go to $BUILD_DIR/aeb-eval/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build}"
worst="${2:-10}"
bench="${NEWSFACTS_BENCH:-$here/bench/data}"
out="$build/aeb-eval"

for f in "$build/newsfacts" "$build/bench_gumbo_floor" "$bench/eval_aeb.py"; do
  [[ -e "$f" ]] || { echo "aeb.sh: missing $f" >&2; exit 2; }
done
mkdir -p "$out"

python3 "$bench/eval_aeb.py" to-jsonl > "$out/aeb.jsonl"
"$build/newsfacts" extract --threads 1 --input-format jsonl --json --no-db \
  "$out/aeb.jsonl" > "$out/aeb.out.jsonl"

echo "== AEB main text (181 pages)"
python3 "$bench/eval_aeb.py" "$out/aeb.out.jsonl" --extra --per-page "$out/aeb.tsv"

echo
echo "== worst $worst pages by page F1"
python3 - "$out/aeb.tsv" "$bench/aeb/ground-truth.json" "$worst" <<'EOF'
import json, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])][1:]
gt = json.load(open(sys.argv[2]))
def f1(r):
    return float(r[7]) if r[7] else 0.0
rows.sort(key=f1)
print("%-6s %-6s %-6s  %s" % ("F1", "P", "R", "page"))
for r in rows[: int(sys.argv[3])]:
    print("%-6s %-6s %-6s  %s %s" % (r[7][:5] or "-", r[5][:5] or "-", r[6][:5] or "-",
                                     r[0][:12], gt.get(r[0], {}).get("url", "")))
EOF

echo
echo "== speed, one thread (CPU time)"
"$build/bench_gumbo_floor" --runs 5 "$bench"/aeb/html/*.html.gz
