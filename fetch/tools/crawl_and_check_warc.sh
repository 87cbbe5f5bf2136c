#!/bin/sh
# Crawls the bundled example site (fetch/example/serve.py, on a free loopback port) twice
# into a temporary directory, so that the archive holds requests, responses and
# not-modified revisits, then checks every WARC file with check_warc.sh (npm warcio).
# Usage: fetch/tools/crawl_and_check_warc.sh [path/to/newsfacts]   (default build/newsfacts)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "$(dirname "${1:-build/newsfacts}")" && pwd)/$(basename "${1:-build/newsfacts}")
work=$(mktemp -d "${TMPDIR:-/tmp}/newsfacts-crawl-warc.XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')
python3 "$here/../example/serve.py" --port "$port" >"$work/serve.log" 2>&1 &
server=$!
tries=0
up="import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/robots.txt')"
until python3 -c "$up" 2>/dev/null; do
  tries=$((tries + 1))
  if [ "$tries" -gt 50 ]; then echo "example server did not start" >&2; exit 1; fi
  sleep 0.1
done

sed "s/8808/$port/g" "$here/../example/sites.toml" >"$work/sites.toml"
for run in 1 2; do
  "$bin" crawl --sites "$work/sites.toml" --db "$work/crawl.db" --warc-dir "$work/warc" --quiet
done
"$here/check_warc.sh" "$work"/warc/*.warc.gz
