#!/usr/bin/env bash
# `newsfacts check` latency as a user sees it: whole processes, start-up included, on a
# database of about 10,000 articles (the 181 AEB pages stored 56 times under other ids and
# URLs, so that every figure has 56 candidate articles), one process per claim of the claims
# set. Prints the median and the 90th percentile of wall time, and the same for
# `newsfacts --version` (the process floor).
#
#   bench/check_latency.sh BUILD_DIR [CLAIMS]   (default: the first 50 claims of claims.jsonl)
#
# The database is built once into BUILD_DIR/check-latency/ and reused.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
build=$(cd "${1:?usage: $0 BUILD_DIR [CLAIMS]}" && pwd)
n=${2:-50}
bin="$build/newsfacts"
shared=${SHARED_BENCH:-${NEWSFACTS_BENCH:-$root/bench/data}}
out="$build/check-latency"
db="$out/10k.db"
mkdir -p "$out"
if [ ! -s "$db" ]; then
  echo "building $db (once)" >&2
  python3 "$shared/eval_aeb.py" to-jsonl > "$out/aeb.jsonl"
  python3 - "$out/aeb.jsonl" "$out/10k.jsonl" <<'PY'
import json, sys
pages = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for copy in range(56):
        for p in pages:
            q = dict(p)
            q["id"] = "%s-%02d" % (p["id"], copy)
            q["url"] = "https://copy%02d.example/%s" % (copy, p["id"][:16])
            out.write(json.dumps(q) + "\n")
PY
  "$bin" extract --quiet --db "$db.tmp" --input-format jsonl "$out/10k.jsonl"
  mv "$db.tmp" "$db"
  rm -f "$db.tmp-wal" "$db.tmp-shm"
fi
echo "articles: $(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from articles').fetchone()[0])" "$db")" >&2
python3 - "$bin" "$db" "$here/claims/claims.jsonl" "$n" <<'PY'
import json, statistics, subprocess, sys, time
bin, db, claims, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
texts = [json.loads(l)["claim"] for l in open(claims, encoding="utf-8") if l.strip()][:n]
def timed(args):
    t = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t
floor, check = [], []
for claim in texts:  # interleaved, so that both see the same machine
    floor.append(timed([bin, "--version"]))
    check.append(timed([bin, "check", "--db", db, "--limit", "10", claim]))
def line(name, xs):
    xs = sorted(xs)
    p90 = xs[int(0.9 * (len(xs) - 1))]
    print("%-22s median %6.1f ms   p90 %6.1f ms   (%d runs)" %
          (name, 1e3 * statistics.median(xs), 1e3 * p90, len(xs)))
line("newsfacts --version", floor)
line("newsfacts check", check)
PY
