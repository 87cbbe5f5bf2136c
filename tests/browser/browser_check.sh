#!/usr/bin/env bash
# `newsfacts serve` tested in a real browser: a database extracted from corpus/ and from a
# hostile page (hostile.html: <script> and "><img onerror> in its title and text), the server
# started on a free loopback port, and Debian's chromium, headless, driven by npm's
# puppeteer-core (browser_check.mjs): a claim searched, its highlighted figure and verdict
# checked, the article opened with its facts marked, hostile text shown as text, screenshots
# saved. Then the command line's own failures: an address in use, and SIGTERM ending it.
# Usage: tests/browser/browser_check.sh BIN [SHOT_DIR]
#   SHOT_DIR receives serve.png and serve-article.png (default: a temporary directory).
# Needs chromium and node (`make ci-deps` installs them when missing) and npm. Exit 1 on any
# failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
work=$(mktemp -d "${TMPDIR:-/tmp}/newsfacts-browser.XXXXXX")
shots="${2:-$work}"
mkdir -p "$shots"
shots="$(cd "$shots" && pwd)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v chromium >/dev/null || ! command -v node >/dev/null; then
  make -C "$root" --no-print-directory ci-deps
fi
command -v npm >/dev/null || { echo "browser_check: npm is needed (for puppeteer-core)" >&2; exit 1; }

db="$work/demo.db"
hostile_id="https://hostile.example/2024/05/01/council-site-defaced"
"$bin" extract --quiet --db "$db" "$root/corpus/"
"$bin" extract --quiet --db "$db" --url "$hostile_id" "$here/hostile.html"

# Port 0: the system picks a free port; serve prints the address it got.
"$bin" serve --db "$db" --listen 127.0.0.1:0 --quiet >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
base=""
for _ in $(seq 1 100); do
  base=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.out" || true)
  [[ -n "$base" ]] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [[ -z "$base" ]]; then
  echo "browser_check: serve did not start:"; cat "$work/serve.out" "$work/serve.err"; exit 1
fi
echo "browser_check: serving $base"

status=0
cp "$here/browser_check.mjs" "$work/"
(cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund puppeteer-core@24 >/dev/null)
(cd "$work" && node browser_check.mjs "$base" "$root/corpus" "$hostile_id" "$shots") || status=1

# A second server on the same port: refused, with the reason.
port="${base##*:}"; port="${port%/}"
set +e
"$bin" serve --db "$db" --listen "127.0.0.1:$port" >"$work/second.out" 2>"$work/second.err"
second=$?
set -e
want="newsfacts: serve: cannot listen on 127.0.0.1:$port: Address already in use"
if [[ $second -ne 2 ]] || ! grep -qF "$want" "$work/second.err"; then
  echo "FAIL a second serve on port $port: exit $second, expected 2 and: $want"; cat "$work/second.err"; status=1
else
  echo "ok   a second serve on the same port exits 2: $(cat "$work/second.err")"
fi

# SIGTERM ends the server cleanly.
kill -TERM "$server_pid"
set +e
wait "$server_pid"
code=$?
set -e
server_pid=""
if [[ $code -ne 0 ]]; then echo "FAIL serve exited $code on SIGTERM"; cat "$work/serve.err"; status=1
else echo "ok   serve exits 0 on SIGTERM"; fi

[[ $status -eq 0 ]] && echo "browser_check: passed; screenshots in $shots"
exit $status
