#!/usr/bin/env python3
"""Checks annotation files against the AEB texts: every line's fields and offsets.

Usage: python3 bench/aeb_people/check.py [annotations/*.jsonl]   (default: all of them)
Exits 1 and names file:line for a line whose `text` is not articleBody[start:end], whose
kind or fields are unknown, or whose article has no `done` line.
"""
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
QUOTE_KEYS = {"article", "kind", "start", "end", "text", "partial", "speaker", "speaker_kind"}
OFFICIAL_KEYS = {"article", "kind", "start", "end", "text", "name", "title", "affiliation",
                 "former"}
DONE_KEYS = {"article", "kind", "annotator", "pass"}
SPEAKER_KINDS = {"name", "descriptor", "organisation", "none"}


def main():
    bench = os.environ.get("NEWSFACTS_BENCH", os.path.join(HERE, "..", "data"))
    with open(os.path.join(bench, "aeb", "ground-truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    files = sys.argv[1:] or sorted(glob.glob(os.path.join(HERE, "annotations", "*.jsonl")))
    errors = 0
    seen, done = set(), set()
    for path in files:
        with open(path, encoding="utf-8") as f:
            for n, raw in enumerate(f, 1):
                if not raw.strip():
                    continue
                where = f"{path}:{n}"
                try:
                    a = json.loads(raw)
                except json.JSONDecodeError as e:
                    print(f"{where}: not JSON: {e}")
                    errors += 1
                    continue
                body = truth.get(a.get("article"), {}).get("articleBody")
                if body is None:
                    print(f"{where}: unknown article {a.get('article')!r}")
                    errors += 1
                    continue
                kind = a.get("kind")
                keys = {"quote": QUOTE_KEYS, "official": OFFICIAL_KEYS, "done": DONE_KEYS}.get(kind)
                if keys is None or set(a) != keys:
                    print(f"{where}: kind {kind!r} with keys {sorted(a)}")
                    errors += 1
                    continue
                if kind == "done":
                    done.add(a["article"])
                    continue
                seen.add(a["article"])
                if body[a["start"]:a["end"]] != a["text"]:
                    print(f"{where}: text is {body[a['start']:a['end']]!r}, not {a['text']!r}")
                    errors += 1
                if kind == "quote" and a["speaker_kind"] not in SPEAKER_KINDS:
                    print(f"{where}: speaker_kind {a['speaker_kind']!r}")
                    errors += 1
    for article in sorted(seen - done):
        print(f"{article}: annotated but not marked done")
        errors += 1
    print(f"{len(done)} articles done, {errors} errors", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
