#!/usr/bin/env python3
"""Checks the quantities and dates the project must get right on the seed article.

Usage:
    newsfacts extract --json --no-db --input-format text SEED.txt > out.jsonl
    python3 bench/seed_check.py out.jsonl [--seed SEED.txt]

Reads the JSON Lines output (one article object a line, as CONTRACT.md describes) and
prints, for each expected fact, FOUND or MISSING with what was extracted instead.
With --seed, the seed file is read to pick the output article whose text is closest to
it (otherwise every article in the output is checked and the best one reported) and to
confirm that each expected fact's text occurs in the seed. Exit status: 0 when every
expected fact is found and nothing is reported from a forbidden phrase, 1 otherwise,
2 on bad input.
"""

import argparse
import json
import re
import sys

# Expected facts. `text` is matched against the fact's own text (the fact may be wider,
# e.g. a range that includes "from"); `count` is how many such facts must exist.
QUANTITIES = [
    {"text": "dozens of arrests", "count": 2, "fields": {
        "approx": True, "subject": "arrests", "dimension": "count", "value": 24}},
    {"text": "8,222.5 kilograms", "count": 1, "fields": {
        "value": 8222.5, "unit": "kilogram", "dimension": "mass", "si_value": 8222.5,
        "si_unit": "kg", "subject": "fentanyl"}},
    {"text": "8.2 tonnes", "count": 1, "fields": {
        "value": 8.2, "unit": "tonne", "dimension": "mass", "si_value": 8200.0,
        "si_unit": "kg", "subject": "fentanyl"},
     "equivalent_of_text": "8,222.5 kilograms"},
    {"text": "532 kilograms", "count": 1, "fields": {
        "value": 532, "unit": "kilogram", "dimension": "mass", "si_value": 532.0,
        "si_unit": "kg"}},
]
DATES = [
    {"text": "December 1, 2018, to May 13, 2024", "count": 1, "fields": {
        "kind": "range", "from": "2018-12-01", "to": "2024-05-13", "granularity": "day"}},
    {"text": "four years", "count": 1, "fields": {"kind": "duration", "duration": "P4Y"}},
]
# Phrases no quantity may overlap.
FORBIDDEN_QUANTITY_PHRASES = ["first and second-tier"]


def close(a, b):
    if isinstance(b, bool) or isinstance(a, bool):
        return a is b
    if isinstance(b, (int, float)) and isinstance(a, (int, float)):
        return abs(a - b) <= 1e-6 * max(1.0, abs(b))
    return a == b


def fact_matches(fact, want):
    if want["text"] not in fact.get("text", ""):
        return False
    return all(close(fact.get(k), v) for k, v in want["fields"].items())


def check_span(article, fact):
    """The contract's span: text[start:end] is the fact's text (code points)."""
    span = fact.get("span")
    if not (isinstance(span, list) and len(span) == 2):
        return False
    return article.get("text", "")[span[0]:span[1]] == fact.get("text")


def check_article(article):
    """Returns (lines, ok) for one article."""
    lines = []
    ok = True
    quantities = article.get("quantities") or []
    dates = article.get("dates") or []
    for kind, wanted, facts in (("quantity", QUANTITIES, quantities), ("date", DATES, dates)):
        for want in wanted:
            hits = [f for f in facts if fact_matches(f, want)]
            good = len(hits) >= want["count"]
            if good and "equivalent_of_text" in want:
                for h in hits:
                    idx = h.get("equivalent_of")
                    if not (isinstance(idx, int) and 0 <= idx < len(quantities)
                            and quantities[idx].get("text") == want["equivalent_of_text"]):
                        good = False
            bad_spans = [h for h in hits if not check_span(article, h)]
            if bad_spans:
                good = False
            ok = ok and good
            status = "FOUND  " if good else "MISSING"
            lines.append(f"{status} {kind} {want['text']!r} x{want['count']} "
                         f"({len(hits)} matching)")
            if not good:
                near = [f for f in facts if want["text"] in f.get("text", "")
                        or f.get("text", "") in want["text"]]
                for f in near:
                    lines.append("        got: " + json.dumps(f, ensure_ascii=False))
                for f in bad_spans:
                    lines.append("        span does not slice to text: " + json.dumps(f.get("span")))
    text = article.get("text", "")
    for phrase in FORBIDDEN_QUANTITY_PHRASES:
        for m in re.finditer(re.escape(phrase), text):
            for f in quantities:
                s, e = f.get("span", [0, 0])
                if s < m.end() and m.start() < e:
                    ok = False
                    lines.append(f"WRONG   quantity from {phrase!r}: " + json.dumps(f, ensure_ascii=False))
    return lines, ok


def tokens(text):
    return set(re.findall(r"\w+", text.lower()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", help="JSON Lines from `newsfacts extract --json`")
    parser.add_argument("--seed", help="the seed article's text file")
    args = parser.parse_args()

    articles = []
    try:
        with open(args.output, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.strip()
                if not line:
                    continue
                try:
                    articles.append(json.loads(line))
                except json.JSONDecodeError as e:
                    print(f"{args.output}:{n}: not JSON: {e}", file=sys.stderr)
                    return 2
    except OSError as e:
        print(e, file=sys.stderr)
        return 2
    if not articles:
        print("no articles in the output", file=sys.stderr)
        return 2

    if args.seed:
        try:
            with open(args.seed, encoding="utf-8") as f:
                seed = f.read()
        except OSError as e:
            print(e, file=sys.stderr)
            return 2
        for want in QUANTITIES + DATES:
            if want["text"] not in seed:
                print(f"note: expected text {want['text']!r} does not occur in the seed")
        seed_tokens = tokens(seed)

        def similarity(a):
            t = tokens(a.get("text", ""))
            return len(t & seed_tokens) / max(1, len(t | seed_tokens))
        candidates = [max(articles, key=similarity)]
    else:
        candidates = articles

    best = None
    for article in candidates:
        lines, ok = check_article(article)
        found = sum(1 for l in lines if l.startswith("FOUND"))
        if best is None or found > best[0]:
            best = (found, lines, ok, article)
    found, lines, ok, article = best
    print(f"article {article.get('id')!r}:")
    for l in lines:
        print("  " + l)
    total = len(QUANTITIES) + len(DATES)
    print(f"{found}/{total} seed facts found" + ("" if ok else "; FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
