#!/usr/bin/env bash
# The seed article inside an ordinary news page, end to end: builds a page around the
# article's text (headline, navigation, cookie banner, byline, timestamp, share bar, the
# photo caption as a <figcaption>, an ad, the "You may be interested in" list, a footer),
# extracts it with --json, and runs the two seed checks on the result.
#
# Usage: bench/seed.sh [SEED.txt] [BINARY]   (defaults: bench/data/seed/article.txt, build/newsfacts)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seed=${1:-$here/data/seed/article.txt}
bin=${2:-$here/../build/newsfacts}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

python3 - "$seed" "$out/page.html" <<'PY'
import html, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
title, rest = lines[0].strip(), [l.strip() for l in lines[1:] if l.strip()]
caption, credit = rest[0], rest[1]
end = rest.index("You may be interested in") if "You may be interested in" in rest else len(rest)
body = "".join(f"<p>{html.escape(p)}</p>\n" for p in rest[2:end])
e = html.escape
open(sys.argv[2], "w", encoding="utf-8").write(f"""<!doctype html><html lang="en"><head>
<meta charset="utf-8"><title>{e(title)} | Daily Wire Service</title>
<meta property="og:title" content="{e(title)}">
<meta property="article:published_time" content="2024-05-23T09:41:00Z">
<link rel="canonical" href="https://news.example/world/mexico-us-drug-bust"></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<main><article><h1>{e(title)}</h1><div class="byline">By Staff Writer</div>
<time datetime="2024-05-23T09:41:00Z">May 23, 2024</time>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<figure><img src="a.jpg" alt=""><figcaption>{e(caption)} {e(credit)}</figcaption></figure>
{body}<div class="ad">Advertisement</div>
<section class="related"><h3>You may be interested in</h3><ul>
<li><a href="/a">Mexico arrests 12 suspects after 300 kilograms of cocaine found on May 2, 2024</a></li>
<li><a href="/b">Senate passes $1.2 billion border bill</a></li></ul></section>
</article></main><footer>&copy; 2024 Daily Wire Service. All rights reserved.</footer></body></html>
""")
PY
"$bin" extract --json --no-db --url https://news.example/world/mexico-us-drug-bust "$out/page.html" > "$out/out.jsonl"
status=0
python3 "$here/seed_check.py" "$out/out.jsonl" --seed "$seed" || status=1
python3 "$here/seed_officials_check.py" "$out/out.jsonl" || status=1
exit $status
