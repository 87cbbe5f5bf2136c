#!/usr/bin/env python3
"""Lists the AEB articles of the real-text set: English article bodies with quotation marks.

Usage: python3 bench/aeb_people/select.py [GROUND_TRUTH_JSON] > bench/aeb_people/articles.txt
(default: bench/data/aeb/ground-truth.json, or $NEWSFACTS_BENCH/aeb/ground-truth.json).
An article is English when a fifth or more of its words are among the 30 commonest English
words; it has quotations when it holds two or more pairs of quotation marks.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
COMMON = set("the of and to a in is that for it was on with as he be at by his said this "
             "from are have an they not".split())


def main():
    bench = os.environ.get("NEWSFACTS_BENCH", os.path.join(HERE, "..", "data"))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(bench, "aeb", "ground-truth.json")
    with open(path, encoding="utf-8") as f:
        truth = json.load(f)
    for key in sorted(truth):
        body = truth[key].get("articleBody", "")
        words = re.findall(r"[A-Za-z']+", body.lower())
        if not words or sum(w in COMMON for w in words) * 5 < len(words):
            continue
        pairs = body.count("\u201c") + body.count('"') // 2
        if pairs >= 2:
            print(key)


if __name__ == "__main__":
    main()
