#!/bin/sh
# Checks WARC files with the independent reader `warcio` (npm), installed into a
# temporary directory. Usage: fetch/tools/check_warc.sh FILE.warc.gz...
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/newsfacts-warcio.XXXXXX")
trap 'rm -rf "$work"' EXIT
files=""
for f in "$@"; do files="$files $(cd "$(dirname "$f")" && pwd)/$(basename "$f")"; done
cp "$here/check_warc.mjs" "$work/"
(cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund warcio@2 >/dev/null)
# shellcheck disable=SC2086
cd "$work" && node check_warc.mjs $files
