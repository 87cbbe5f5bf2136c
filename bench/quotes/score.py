#!/usr/bin/env python3
"""Scores quotes and officials against the hand-written gold in articles.txt.

Usage (from the checkout):
    python3 bench/quotes/score.py to-jsonl > eval-out/quotes.jsonl
    build/newsfacts extract --input-format jsonl --json --no-db eval-out/quotes.jsonl \
        > eval-out/quotes.out.jsonl
    python3 bench/quotes/score.py eval-out/quotes.out.jsonl [--misses]

Metrics (Python 3 standard library only):
- quote P/R/F1: a predicted quotation matches a gold one when their \\w+ tokens (lower
  case, as multisets) overlap by at least half of the longer of the two; greedy one-to-one
  matching per article, best overlap first.
- speaker accuracy: among matched gold quotations, the share whose predicted `speaker`
  equals the gold speaker after folding case, accents, punctuation, a leading "the" and
  honorifics (a gold "-" expects null). Also given over all gold quotations.
- partial accuracy: matched quotations whose `partial` flag equals the gold kind.
- officials name+title P/R/F1: an official matches when the folded name is equal and the
  folded title is one of the gold alternatives; name-only F1 is printed beside it.
--misses lists every miss, grouped by kind.
"""

import argparse
import collections
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_ARTICLES = os.path.join(HERE, "articles.txt")
HONORIFICS = {"mr", "ms", "mrs", "dr", "miss", "mx", "prof"}


def load_articles(path):
    """Returns [(id, text, quotes, officials)] from the articles file."""
    articles = []
    current = None
    mode = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("@@ article "):
                current = {"id": line[len("@@ article "):].strip(), "lines": [],
                           "quotes": [], "officials": []}
                articles.append(current)
                mode = "text"
                continue
            if line.strip() == "@@ gold":
                mode = "gold"
                continue
            if current is None:
                continue
            if mode == "text":
                current["lines"].append(line)
            elif mode == "gold" and line.strip():
                fields = [p.strip() for p in line.split(" | ", 2)]
                if len(fields) != 3:
                    raise SystemExit(f"bad gold line in {current['id']}: {line!r}")
                kind, who, what = fields
                if kind in ("Q", "P"):
                    current["quotes"].append({"partial": kind == "P",
                                              "speaker": None if who == "-" else who,
                                              "text": what})
                elif kind == "O":
                    current["officials"].append({"name": who,
                                                 "titles": [t.strip() for t in what.split(" / ")]})
                else:
                    raise SystemExit(f"bad gold kind in {current['id']}: {line!r}")
    out = []
    for a in articles:
        text = "\n".join(a["lines"]).strip("\n")
        out.append((a["id"], text, a["quotes"], a["officials"]))
    return out


def tokens(s):
    return re.findall(r"\w+", (s or "").lower())


def fold(s):
    if s is None:
        return None
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    words = re.findall(r"\w+", s)
    while words and (words[0] == "the" or words[0] in HONORIFICS):
        words = words[1:]
    return " ".join(words)


def overlap(a, b):
    ta, tb = collections.Counter(tokens(a)), collections.Counter(tokens(b))
    longest = max(sum(ta.values()), sum(tb.values()))
    if longest == 0:
        return 0.0
    return sum((ta & tb).values()) / longest


def match_quotes(gold, pred):
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            o = overlap(g["text"], p.get("text", ""))
            if o >= 0.5:
                pairs.append((o, i, j))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_g, used_p, out = set(), set(), []
    for o, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j))
    return out


def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def read_predictions(path):
    preds = {}
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
    with stream:
        for line in stream:
            line = line.strip()
            if line:
                obj = json.loads(line)
                preds[obj.get("id")] = obj
    return preds


def print_misses(misses, show_each):
    """The count of misses of each kind, then (show_each) every miss under its kind."""
    print("misses by kind: " + (", ".join(f"{k} {len(v)}" for k, v in sorted(misses.items()))
                                or "none"))
    if show_each:
        for kind in sorted(misses):
            print(f"\n## {kind}")
            for m in misses[kind]:
                print("  " + m)


def score(articles, preds, show_misses):
    counts = collections.Counter()
    misses = collections.defaultdict(list)
    for aid, _text, gold_q, gold_o in articles:
        pred = preds.get(aid, {})
        pq = pred.get("quotes", []) or []
        po = pred.get("officials", []) or []
        counts["gold_q"] += len(gold_q)
        counts["pred_q"] += len(pq)
        matched = match_quotes(gold_q, pq)
        counts["tp_q"] += len(matched)
        hit_g = {i for i, _ in matched}
        hit_p = {j for _, j in matched}
        for i, g in enumerate(gold_q):
            if i not in hit_g:
                kind = "missed partial" if g["partial"] else "missed full"
                misses[kind].append(f"{aid}: {g['text'][:70]!r} ({g['speaker']})")
        for j, p in enumerate(pq):
            if j not in hit_p:
                misses["spurious quote"].append(f"{aid}: {p.get('text', '')[:70]!r} "
                                                f"(speaker {p.get('speaker')})")
        for i, j in matched:
            g, p = gold_q[i], pq[j]
            if fold(g["speaker"]) == fold(p.get("speaker")):
                counts["speaker_ok"] += 1
            else:
                kind = "no speaker" if p.get("speaker") is None else "wrong speaker"
                misses[kind].append(f"{aid}: {g['text'][:50]!r} gold {g['speaker']!r}, "
                                    f"got {p.get('speaker')!r}")
            if bool(p.get("partial")) == g["partial"]:
                counts["partial_ok"] += 1
            else:
                misses["partial flag"].append(f"{aid}: {g['text'][:60]!r} gold "
                                              f"partial={g['partial']}")
        # Officials.
        counts["gold_o"] += len(gold_o)
        counts["pred_o"] += len(po)
        used = set()
        for g in gold_o:
            gname = fold(g["name"])
            titles = {fold(t) for t in g["titles"]}
            found = None
            for j, p in enumerate(po):
                if j not in used and fold(p.get("name")) == gname:
                    found = j
                    break
            if found is None:
                misses["missed official"].append(f"{aid}: {g['name']} ({g['titles'][0]})")
                continue
            used.add(found)
            counts["name_ok"] += 1
            if fold(po[found].get("title")) in titles:
                counts["tp_o"] += 1
            else:
                misses["wrong title"].append(f"{aid}: {g['name']}: gold {g['titles']}, got "
                                             f"{po[found].get('title')!r}")
        for j, p in enumerate(po):
            if j not in used:
                misses["spurious official"].append(f"{aid}: {p.get('name')!r} "
                                                   f"({p.get('title')!r})")

    qp, qr, qf = prf(counts["tp_q"], counts["pred_q"], counts["gold_q"])
    op, orr, of = prf(counts["tp_o"], counts["pred_o"], counts["gold_o"])
    _, _, nf = prf(counts["name_ok"], counts["pred_o"], counts["gold_o"])
    tp = counts["tp_q"]
    print(f"articles {len(articles)}, gold quotes {counts['gold_q']}, predicted {counts['pred_q']}")
    print(f"quote F1 {qf:.3f} (P {qp:.3f}, R {qr:.3f}; token overlap >= 0.5)")
    print(f"speaker accuracy {counts['speaker_ok'] / tp if tp else 0:.3f} on {tp} matched quotes "
          f"({counts['speaker_ok'] / counts['gold_q'] if counts['gold_q'] else 0:.3f} of all gold)")
    print(f"partial flag accuracy {counts['partial_ok'] / tp if tp else 0:.3f}")
    print(f"officials name+title F1 {of:.3f} (P {op:.3f}, R {orr:.3f}); name-only F1 {nf:.3f} "
          f"[gold {counts['gold_o']}, predicted {counts['pred_o']}]")
    print_misses(misses, show_misses)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pred", help="'to-jsonl', or the program's JSON Lines output ('-' = stdin)")
    parser.add_argument("--articles", default=DEFAULT_ARTICLES)
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args()
    articles = load_articles(args.articles)
    if args.pred == "to-jsonl":
        for aid, text, _q, _o in articles:
            print(json.dumps({"id": aid, "text": text}, ensure_ascii=False))
        return 0
    score(articles, read_predictions(args.pred), args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
