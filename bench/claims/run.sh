#!/usr/bin/env bash
# Run the claims set end to end: build a database from the AEB pages and the corpus fixtures,
# run `newsfacts check --json` once per claim, then score the outputs.
#
#   bench/claims/run.sh BUILD_DIR [score.py options, e.g. --misses or --json]
#
# Environment:
#   CLAIMS_OUT      where the database, logs and check outputs go (default BUILD_DIR/claims-eval;
#                   its database is rebuilt on every run)
#   SHARED_BENCH    the shared benchmark folder (default: $NEWSFACTS_BENCH, else bench/data)
#   EXTRACT_ARGS    extra options for `newsfacts extract` (word-split), e.g. "--rules rules/"
#   CHECK_ARGS      extra options for `newsfacts check` (word-split)
#   CLAIMS          the claims file (default claims.jsonl; heldout.jsonl is the held-out set)
set -euo pipefail

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 BUILD_DIR [score.py options]" >&2
  exit 2
fi
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$(cd "$1" && pwd)
shift
BIN="$BUILD/newsfacts"
OUT=${CLAIMS_OUT:-$BUILD/claims-eval}
SHARED=${SHARED_BENCH:-${NEWSFACTS_BENCH:-$ROOT/bench/data}}
CLAIMS=${CLAIMS:-$HERE/claims.jsonl}
read -r -a extract_args <<< "${EXTRACT_ARGS:-}"
read -r -a check_args <<< "${CHECK_ARGS:-}"

[ -x "$BIN" ] || { echo "no executable $BIN" >&2; exit 2; }
[ -f "$SHARED/eval_aeb.py" ] || { echo "no $SHARED/eval_aeb.py (set SHARED_BENCH)" >&2; exit 2; }

mkdir -p "$OUT"
rm -rf "$OUT/check"
mkdir -p "$OUT/check"
DB="$OUT/claims.db"
rm -f "$DB" "$DB-wal" "$DB-shm"

echo "building $DB" >&2
python3 "$SHARED/eval_aeb.py" to-jsonl > "$OUT/aeb.jsonl"
"$BIN" extract ${extract_args[@]+"${extract_args[@]}"} --db "$DB" --input-format jsonl "$OUT/aeb.jsonl" \
  > "$OUT/extract-aeb.log" 2>&1
# from the checkout, so that corpus pages are stored as corpus/<folder>/page.html
(cd "$ROOT" && "$BIN" extract ${extract_args[@]+"${extract_args[@]}"} --db "$DB" corpus/) \
  > "$OUT/extract-corpus.log" 2>&1

echo "checking $(grep -c . "$CLAIMS") claims" >&2
python3 - "$CLAIMS" > "$OUT/claims.tsv" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        c = json.loads(line)
        print("%s\t%s" % (c["id"], " ".join(c["claim"].split())))
PY
failed=0
while IFS=$'\t' read -r id claim; do
  if ! "$BIN" check ${check_args[@]+"${check_args[@]}"} --json --db "$DB" "$claim" \
       > "$OUT/check/$id.jsonl" 2> "$OUT/check/$id.err"; then
    failed=$((failed + 1))
  fi
  [ -s "$OUT/check/$id.err" ] || rm -f "$OUT/check/$id.err"
done < "$OUT/claims.tsv"
[ "$failed" -eq 0 ] || echo "check exited non-zero for $failed claims (see $OUT/check/*.err)" >&2

python3 "$HERE/score.py" "$OUT/check" --claims "$CLAIMS" "$@"
