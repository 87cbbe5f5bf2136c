#!/usr/bin/env python3
"""Scores quotes, speakers and officials against the real-text annotations (GUIDELINE.md).

Usage (from the checkout; bench/aeb_people/run.sh does all three steps):
    python3 bench/aeb_people/score.py to-jsonl > OUT/aeb-people.jsonl
    build/newsfacts extract --input-format jsonl --json --no-db OUT/aeb-people.jsonl > OUT/pred.jsonl
    python3 bench/aeb_people/score.py OUT/pred.jsonl [--misses] [--set development|heldout|all]

Two sets: the development set (development.txt, 64 articles, the default), whose misses the
rules were written against after its first blind score, and the held-out set (heldout.txt,
the other 38 articles of articles.txt), annotated later and scored blind. Only articles
with a `done` line count (of the latest pass). Quotes are compared as stretches
between quotation marks: a predicted quote with several `parts` counts as its parts, as the
annotations write one line per part. They are matched as in bench/quotes/score.py (token overlap of at least half of the longer quote, one to one, best
first); speaker accuracy folds case, accents, punctuation, a leading article and honorifics; a
gold speaker of kind "none" expects no speaker. Officials match by folded name; a title is
right when it equals the gold title or the title as written at the mention, office
abbreviations spelled out ("Gov." is "Governor", TITLE_WORDS); affiliation is
right when both fold equal (or both are null). Standard library only.
"""
import argparse
import collections
import glob
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def quotes_scorer():
    """bench/quotes/score.py, loaded by path: this file has the same name."""
    spec = importlib.util.spec_from_file_location(
        "quotes_score", os.path.join(HERE, "..", "quotes", "score.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_quotes = quotes_scorer()
fold, match_quotes, prf = _quotes.fold, _quotes.match_quotes, _quotes.prf
print_misses, read_predictions = _quotes.print_misses, _quotes.read_predictions


def read_ids(name):
    """The article ids of a set file of this folder (development.txt, heldout.txt)."""
    with open(os.path.join(HERE, name + ".txt"), encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip()}


def load(bench, ids=None):
    with open(os.path.join(bench, "aeb", "ground-truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    lines = collections.defaultdict(list)
    passes = {}
    for path in sorted(glob.glob(os.path.join(HERE, "annotations", "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for raw in f:
                if raw.strip():
                    a = json.loads(raw)
                    if a["kind"] == "done":
                        passes[a["article"]] = max(passes.get(a["article"], 0), a["pass"])
                    else:
                        lines[a["article"]].append(a)
    articles = []
    for aid in sorted(passes):
        if ids is not None and aid not in ids:
            continue
        quotes = [a for a in lines[aid] if a["kind"] == "quote"]
        officials = [a for a in lines[aid] if a["kind"] == "official"]
        articles.append((aid, truth[aid]["articleBody"], quotes, officials))
    return articles


def stretches(pred):
    """The article's predicted quotes as stretches between quotation marks: a quote split by
    its attribution is one quote with several `parts` in the output, and one line per part in
    the annotations. Each part keeps its quote's speaker and partial flag."""
    text = pred.get("text", "")
    out = []
    for quote in pred.get("quotes", []) or []:
        parts = quote.get("parts") or []
        if len(parts) < 2:
            out.append(quote)
            continue
        for start, end in parts:
            piece = dict(quote)
            piece["text"] = text[start:end]
            out.append(piece)
    return out


# Abbreviations of offices as newsrooms write them (AP style), read as the words they stand
# for: "Gov." and "Governor", "Lt. Col." and "Lieutenant Colonel", "CEO" and "chief
# executive" name the same office.
TITLE_WORDS = {
    "gov": "governor", "rep": "representative", "sen": "senator", "lt": "lieutenant",
    "col": "colonel", "gen": "general", "cmdr": "commander", "sgt": "sergeant",
    "capt": "captain", "maj": "major", "adm": "admiral", "atty": "attorney",
    "supt": "superintendent", "pres": "president", "ceo": "chief executive",
    "cfo": "chief financial officer", "coo": "chief operating officer", "vp": "vice president",
}


def speaker_fold(s):
    """fold() without a leading "a", "an", "one" or "some" either: the guideline writes a
    descriptor without its article or determiner ("a White House spokesperson" is "White
    House spokesperson", "one legal expert" is "legal expert")."""
    s = fold(s)
    if s is None:
        return None
    words = s.split()
    while words and words[0] in ("a", "an", "one", "some"):
        words = words[1:]
    return " ".join(words)


def title_fold(s):
    """fold() with office abbreviations spelled out and "officer" after "chief executive"
    dropped."""
    s = fold(s)
    if s is None:
        return None
    s = " ".join(TITLE_WORDS.get(w, w) for w in s.split())
    return s.replace("chief executive officer", "chief executive")


def written_title(o):
    """The mention's words without the name: "Mexican Defense Minister" of its text."""
    return o["text"].replace(o["name"], " ").strip(" ,")


def score(articles, preds, show_misses):
    c = collections.Counter()
    misses = collections.defaultdict(list)
    for aid, _text, gold_q, gold_o in articles:
        pred = preds.get(aid, {})
        pq = stretches(pred)
        po = pred.get("officials", []) or []
        c["gold_q"] += len(gold_q)
        c["gold_partial"] += sum(g["partial"] for g in gold_q)
        c["pred_q"] += len(pq)
        matched = match_quotes(gold_q, pq)
        c["tp_q"] += len(matched)
        hit_g = {i for i, _ in matched}
        hit_p = {j for _, j in matched}
        for i, g in enumerate(gold_q):
            if i in hit_g:
                c["tp_partial"] += g["partial"]
            else:
                kind = "missed partial" if g["partial"] else "missed full"
                misses[kind].append(f"{aid[:8]}: {g['text'][:70]!r} ({g['speaker']})")
        for j, p in enumerate(pq):
            if j not in hit_p:
                misses["spurious quote"].append(f"{aid[:8]}: {p.get('text', '')[:70]!r}")
        for i, j in matched:
            g, p = gold_q[i], pq[j]
            want = None if g["speaker_kind"] == "none" else g["speaker"]
            if speaker_fold(want) == speaker_fold(p.get("speaker")):
                c["speaker_ok"] += 1
            else:
                kind = "no speaker" if p.get("speaker") is None else "wrong speaker"
                misses[kind].append(f"{aid[:8]}: {g['text'][:50]!r} gold {want!r}, "
                                    f"got {p.get('speaker')!r}")
        c["gold_o"] += len(gold_o)
        c["pred_o"] += len(po)
        used = set()
        for g in gold_o:
            found = next((j for j, p in enumerate(po)
                          if j not in used and fold(p.get("name")) == fold(g["name"])), None)
            if found is None:
                misses["missed official"].append(f"{aid[:8]}: {g['name']} ({g['title']})")
                continue
            used.add(found)
            p = po[found]
            c["name_ok"] += 1
            if title_fold(p.get("title")) in {title_fold(g["title"]),
                                             title_fold(written_title(g))}:
                c["title_ok"] += 1
            else:
                misses["wrong title"].append(f"{aid[:8]}: {g['name']}: gold {g['title']!r}, "
                                             f"got {p.get('title')!r}")
            if fold(p.get("affiliation")) == fold(g["affiliation"]):
                c["affiliation_ok"] += 1
            else:
                misses["wrong affiliation"].append(
                    f"{aid[:8]}: {g['name']}: gold {g['affiliation']!r}, got "
                    f"{p.get('affiliation')!r}")
        for j, p in enumerate(po):
            if j not in used:
                misses["spurious official"].append(f"{aid[:8]}: {p.get('name')!r} "
                                                   f"({p.get('title')!r})")
    qp, qr, qf = prf(c["tp_q"], c["pred_q"], c["gold_q"])
    op, orr, of = prf(c["name_ok"], c["pred_o"], c["gold_o"])
    tp, named = c["tp_q"], c["name_ok"]
    print(f"articles {len(articles)}, gold quotes {c['gold_q']} ({c['gold_partial']} partial), "
          f"predicted {c['pred_q']}")
    print(f"quote F1 {qf:.3f} (P {qp:.3f}, R {qr:.3f}); partial recall "
          f"{c['tp_partial'] / c['gold_partial'] if c['gold_partial'] else 0:.3f}")
    print(f"speaker accuracy {c['speaker_ok'] / tp if tp else 0:.3f} on {tp} matched quotes")
    print(f"officials name F1 {of:.3f} (P {op:.3f}, R {orr:.3f}) [gold {c['gold_o']}, "
          f"predicted {c['pred_o']}]; title accuracy {c['title_ok'] / named if named else 0:.3f}, "
          f"affiliation {c['affiliation_ok'] / named if named else 0:.3f} on {named} found")
    print_misses(misses, show_misses)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pred", help="'to-jsonl', or the program's JSON Lines output ('-' = stdin)")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--set", choices=["development", "heldout", "all"], default="development",
                        help="the articles scored: the development set (development.txt, the "
                        "default), the held-out set (heldout.txt) or every annotated one")
    args = parser.parse_args()
    bench = os.environ.get("NEWSFACTS_BENCH", os.path.join(HERE, "..", "data"))
    articles = load(bench, None if args.set == "all" else read_ids(args.set))
    if args.pred == "to-jsonl":
        for aid, text, _q, _o in articles:
            print(json.dumps({"id": aid, "text": text}, ensure_ascii=False))
        return 0
    score(articles, read_predictions(args.pred), args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
