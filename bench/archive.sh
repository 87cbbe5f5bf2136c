#!/usr/bin/env bash
# Archive benchmarks: reading WARC files, extracting from them, memory, re-extraction.
#
#   bench/archive.sh [BUILD_DIR] [RUNS]
#
# BUILD_DIR (default: build; build Release for figures) must hold `newsfacts` and
# `bench_archive_read`. The pages are the 181 AEB pages of bench/data (override with
# NEWSFACTS_BENCH=DIR), written by bench/make_warc.py into a .warc.gz (one gzip member per
# record, some gzip-encoded and chunked payloads) and, the same bytes, as .html files.
# Every figure is the median of RUNS (default 5) runs, wall-clock, and each comparison is
# made in the same run:
#   1. archive read alone (bench_archive_read) in MB/s of stored bytes vs `zcat FILE`;
#   2. extract on 1 thread, pages/s: from the .warc.gz vs from the .html files;
#   3. extract from the .warc.gz on 2 threads vs 1;
#   4. peak RSS of extract (to a database) with the corpus x1 and x4;
#   5. reextract --all, articles/s (1 and 2 threads).
# Scratch files go to $BUILD_DIR/archive-bench/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build}"
runs="${2:-5}"
bench="${NEWSFACTS_BENCH:-$here/bench/data}"
out="$build/archive-bench"
bin="$build/newsfacts"

for f in "$bin" "$build/bench_archive_read" "$bench/aeb/html"; do
  [[ -e "$f" ]] || { echo "archive.sh: missing $f" >&2; exit 2; }
done
rm -rf "$out"
mkdir -p "$out"
python3 "$here/bench/make_warc.py" "$bench/aeb/html" "$out/x1.warc.gz" --html-dir "$out/html"
python3 "$here/bench/make_warc.py" "$bench/aeb/html" "$out/x4.warc.gz" --copies 4
pages=$(ls "$out/html" | wc -l)

# Seconds of wall-clock time of a command, its output discarded.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || { echo "archive.sh: failed: $*" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ratio() { echo "scale=3; $1 / $2" | bc -l; }

size_mb=$(echo "scale=3; $(stat -c %s "$out/x1.warc.gz") / 1000000" | bc -l)
echo "== corpus: $pages pages, x1 archive $size_mb MB stored"

echo
echo "== 1. archive read alone vs zcat (same file, same run, median of $runs)"
read_t=(); zcat_t=()
for _ in $(seq "$runs"); do
  read_t+=("$(seconds "$build/bench_archive_read" "$out/x4.warc.gz")")
  zcat_t+=("$(seconds zcat "$out/x4.warc.gz")")
done
r=$(printf '%s\n' "${read_t[@]}" | median); z=$(printf '%s\n' "${zcat_t[@]}" | median)
mb4=$(echo "scale=3; $(stat -c %s "$out/x4.warc.gz") / 1000000" | bc -l)
echo "archive read: $(ratio "$mb4" "$r") MB/s   zcat: $(ratio "$mb4" "$z") MB/s   ratio $(ratio "$z" "$r") (target >= 0.8)"

echo
echo "== 2. extract, 1 thread, no database: .warc.gz vs .html files (median of $runs)"
warc_t=(); html_t=()
for _ in $(seq "$runs"); do
  warc_t+=("$(seconds "$bin" extract --quiet --no-db --threads 1 "$out/x1.warc.gz")")
  html_t+=("$(seconds "$bin" extract --quiet --no-db --threads 1 "$out/html")")
done
w=$(printf '%s\n' "${warc_t[@]}" | median); h=$(printf '%s\n' "${html_t[@]}" | median)
echo "from .warc.gz: $(ratio "$pages" "$w") pages/s   from .html: $(ratio "$pages" "$h") pages/s   ratio $(ratio "$h" "$w") (target >= 0.9)"

echo
echo "== 3. extract from the .warc.gz (x4), 2 threads vs 1 (median of $runs)"
one=(); two=()
for _ in $(seq "$runs"); do
  one+=("$(seconds "$bin" extract --quiet --no-db --threads 1 "$out/x4.warc.gz")")
  two+=("$(seconds "$bin" extract --quiet --no-db --threads 2 "$out/x4.warc.gz")")
done
o=$(printf '%s\n' "${one[@]}" | median); t=$(printf '%s\n' "${two[@]}" | median)
echo "1 thread: $(ratio $((pages * 4)) "$o") pages/s   2 threads: $(ratio $((pages * 4)) "$t") pages/s   speed-up $(ratio "$o" "$t") (target >= 1.6 on 2 cores)"

echo
echo "== 4. peak RSS of extract into a database, corpus x1 vs x4"
rss() {
  rm -f "$out/rss.db" "$out/rss.db-wal" "$out/rss.db-shm"
  /usr/bin/time -f %M "$bin" extract --quiet --db "$out/rss.db" "$1" 2>&1 >/dev/null | tail -1
}
a=$(rss "$out/x1.warc.gz"); b=$(rss "$out/x4.warc.gz")
echo "x1: $((a / 1024)) MiB   x4: $((b / 1024)) MiB   ratio $(ratio "$b" "$a") (target <= 1.3)"

echo
echo "== 5. reextract --all over the x4 database (median of $runs)"
for threads in 1 2; do
  times=()
  for _ in $(seq "$runs"); do
    times+=("$(seconds "$bin" reextract --quiet --all --threads "$threads" --db "$out/rss.db")")
  done
  m=$(printf '%s\n' "${times[@]}" | median)
  echo "$threads thread(s): $(ratio $((pages * 4)) "$m") articles/s"
done
