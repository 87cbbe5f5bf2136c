#!/usr/bin/env python3
"""Checks the officials and quotes found in the seed article.

Usage:
    newsfacts extract --json --no-db --input-format text ARTICLE.txt \
        | python3 bench/seed_officials_check.py [-]
    python3 bench/seed_officials_check.py OUTPUT.jsonl

Reads the JSON Lines output (one article object a line) and prints, for every fact the
seed article must yield, FOUND or MISSING with the reason, then anything UNEXPECTED
(officials or quotations not in the list). Exit status 0 when every fact is found,
1 when some are missing, 2 on unreadable input. Spans are code point offsets into
"text", as the contract says.
"""

import json
import re
import sys


def span_text(text, span):
    return text[span[0]:span[1]] if span else None


def find_official(article, name):
    for o in article.get("officials", []):
        if o.get("name") == name:
            return o
    return None


def check_official(article, name, title, former, affiliations, want_mentions):
    """Returns a list of problems (empty when the official is right)."""
    text = article["text"]
    o = find_official(article, name)
    if o is None:
        return ["no official named %r" % name]
    problems = []
    if o.get("title") != title:
        problems.append("title %r, expected %r" % (o.get("title"), title))
    if bool(o.get("former")) != former:
        problems.append("former %r, expected %r" % (o.get("former"), former))
    if o.get("affiliation") not in affiliations:
        problems.append("affiliation %r, expected one of %r" % (o.get("affiliation"), affiliations))
    if name not in span_text(text, o.get("span")) or title not in span_text(text, o.get("span")):
        problems.append("span %r is not the titled mention" % span_text(text, o.get("span")))
    have = [tuple(m) for m in o.get("mentions", [])]
    if have != sorted(have):
        problems.append("mentions not in text order")
    for label, span in want_mentions:
        if tuple(span) not in have:
            problems.append("mention %s %r at %r not found" % (label, text[span[0]:span[1]], span))
    return problems


def spans_of(text, pattern, group=0):
    return [(m.start(group), m.end(group)) for m in re.finditer(pattern, text)]


def blinken_mentions(text):
    """Every span that refers to the Secretary of State, found from the text itself."""
    want = []
    full = spans_of(text, r"Secretary of State Antony Blinken")
    want += [("full", s) for s in full[:1]]
    inside = lambda s: any(f[0] <= s[0] and s[1] <= f[1] for f in full)
    want += [("surname", s) for s in spans_of(text, r"\bBlinken\b") if not inside(s)]
    want += [("title", s) for s in spans_of(text, r"\bThe Secretary of State\b")]
    # The pronouns that stand for him: the subject of the quotation's attribution and
    # of the sentences that follow his quotes and his title.
    for anchor in (r"\b(he) is quoted by", r"\b(He) said these", r"\b(He) noted"):
        want += [("pronoun", s) for s in spans_of(text, anchor, 1)]
    return want


def check_quote(article, starts, ends, speaker, speaker_text, cue, via):
    text = article["text"]
    for q in article.get("quotes", []):
        qt = q.get("text", "")
        if not (qt.startswith(starts) and qt.endswith(ends)):
            continue
        problems = []
        if q.get("speaker") != speaker:
            problems.append("speaker %r, expected %r" % (q.get("speaker"), speaker))
        said = span_text(text, q.get("speaker_span"))
        if said != speaker_text:
            problems.append("speaker_span %r, expected %r" % (said, speaker_text))
        if q.get("cue") != cue:
            problems.append("cue %r, expected %r" % (q.get("cue"), cue))
        if q.get("via") != via:
            problems.append("via %r, expected %r" % (q.get("via"), via))
        if q.get("partial"):
            problems.append("partial is true")
        quoted = span_text(text, q.get("span"))
        if quoted is None or not quoted.startswith(starts) or not quoted.endswith(ends):
            problems.append("span %r does not cover the quoted words" % quoted)
        return problems, qt
    return ["no quotation starting %r and ending %r" % (starts, ends)], None


def main(argv):
    src = sys.stdin if len(argv) < 2 or argv[1] == "-" else open(argv[1], encoding="utf-8")
    try:
        articles = [json.loads(line) for line in src if line.strip()]
    except (ValueError, OSError) as e:
        print("unreadable input: %s" % e, file=sys.stderr)
        return 2
    if not articles:
        print("no article in the input", file=sys.stderr)
        return 2

    missing = 0

    def report(label, problems):
        nonlocal missing
        if problems:
            missing += 1
            print("MISSING  %s: %s" % (label, "; ".join(problems)))
        else:
            print("FOUND    %s" % label)

    for article in articles:
        text = article.get("text", "")
        print("article %s" % article.get("id"))
        report("official Antony Blinken (Secretary of State, U.S.)",
               check_official(article, "Antony Blinken", "Secretary of State", False, ["U.S."],
                              blinken_mentions(text)))
        report("official Andrés Manuel López Obrador (President)",
               check_official(article, "Andrés Manuel López Obrador", "President", False,
                              ["Mexico", None], []))
        o = find_official(article, "Andrés Manuel López Obrador")
        if o is not None:
            print("         affiliation of López Obrador: %r" % o.get("affiliation"))
        report("official Luis Cresencio Sandoval (National Defense Minister)",
               check_official(article, "Luis Cresencio Sandoval", "National Defense Minister",
                              False, ["Mexico", None], []))
        report("official Enrique Peña Nieto (former President)",
               check_official(article, "Enrique Peña Nieto", "President", True,
                              ["Mexico", None], []))

        problems, first = check_quote(article, "We have worked with Mexico", "enterprises,",
                                      "Antony Blinken", "he", "is quoted by", "Mexico News Daily")
        report("quote 'We have worked with Mexico ...' (he, is quoted by, Mexico News Daily)",
               problems)
        problems, second = check_quote(article, "We have the technology.", "a big difference,",
                                       "Antony Blinken", "Blinken", "said", None)
        report("quote 'We have the technology. ...' (Blinken, said)", problems)

        known = {"Antony Blinken", "Andrés Manuel López Obrador", "Luis Cresencio Sandoval",
                 "Enrique Peña Nieto"}
        for o in article.get("officials", []):
            if o.get("name") not in known:
                print("UNEXPECTED official %r (%s)" % (o.get("name"), o.get("title")))
        for q in article.get("quotes", []):
            if q.get("text") not in (first, second):
                print("UNEXPECTED quote %r" % q.get("text", "")[:60])

    print("%d missing" % missing)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
