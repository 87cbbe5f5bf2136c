#!/usr/bin/env bash
# Archives written by an independent writer (npm's warcio) read by `newsfacts extract`: the
# same ten records (a warcinfo, a request, three HTML responses — plain, gzip-encoded and
# chunked —, a 404, a PNG, a revisit, an HTML resource, a metadata record) as a .warc.gz of
# one gzip member per record, a plain .warc, and a .warc.gz gzipped whole. For each file:
# the summary line counts what the writer wrote, the four articles have the URLs written,
# and each article's text is the text of the same page given as an .html file.
# Usage: archive/tools/warcio_check.sh BIN   (needs node and npm; exit 1 on any difference)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
work=$(mktemp -d "${TMPDIR:-/tmp}/newsfacts-warcio-fixtures.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$here/warcio_fixtures.mjs" "$work/"
(cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund warcio@2 >/dev/null)
(cd "$work" && node warcio_fixtures.mjs "$root/corpus" "$work")

status=0
for f in members.warc.gz plain.warc whole.warc.gz; do
  "$bin" extract --json --no-db "$work/$f" >"$work/$f.jsonl" 2>"$work/$f.err" || {
    echo "warcio_check: extract failed on $f:"; cat "$work/$f.err"; status=1; continue; }
  want="$work/$f: records 10, articles 4, skipped 6 (non-HTML 1, status 1, revisit 1, other 3), damaged 0"
  if ! grep -qxF "$want" "$work/$f.err"; then
    echo "warcio_check: $f: expected the line: $want"; cat "$work/$f.err"; status=1
  fi
  python3 - "$work/$f.jsonl" "$bin" "$root/corpus" <<'PY' || status=1
import json, subprocess, sys
got = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
pages = {"https://warcio.example/plain": "01-record-fentanyl-seizure",
         "https://warcio.example/gzipped": "03-port-terminal-entities",
         "https://warcio.example/chunked": "05-trade-deal-former-minister",
         "https://warcio.example/resource": "04-festival-patrols"}
bad = 0
if [a["id"] for a in got] != list(pages):
    print(f"{sys.argv[1]}: ids {[a['id'] for a in got]}, expected {list(pages)}"); bad = 1
for a in got:
    folder = pages.get(a["id"])
    if not folder:
        continue
    one = subprocess.run([sys.argv[2], "extract", "--json", "--no-db",
                          f"{sys.argv[3]}/{folder}/page.html"], capture_output=True, check=True)
    want = json.loads(one.stdout)
    if a["text"] != want["text"] or a["title"] != want["title"]:
        print(f"{sys.argv[1]}: {a['id']}: text differs from the page as an .html file"); bad = 1
    if not a["archive"] or not a["archive"]["digest"] or a["archive"]["date"] != "2024-05-24T10:00:00Z":
        print(f"{sys.argv[1]}: {a['id']}: archive object {a['archive']}"); bad = 1
sys.exit(bad)
PY
done
[[ $status -eq 0 ]] && echo "warcio_check: 3 files written by warcio read as written"
exit $status
