#!/usr/bin/env python3
"""Scorer for the claims set (bench/claims/claims.jsonl).  Python 3 standard library only.

Usage:
  python3 bench/claims/score.py CHECK_OUTPUT_DIR [--claims FILE] [--misses] [--json]
  python3 bench/claims/score.py --check-set [--claims FILE] [--gt GT.json] [--corpus DIR]

CHECK_OUTPUT_DIR holds one file per claim, <id>.jsonl: the JSON Lines output of
`newsfacts check --json` for that claim, one object per hit, best first, each with at least
rank, verdict (same|rounded|different|related), article_id, url, sentence and
figure {text, span, value, unit, si_value, si_unit}.  An empty file means no hit; a missing
file is counted apart and scored as no hit.

Figures reported:
  found@1   supported claims whose first hit is the expected article (page id or folder name in
            article_id or url, or the page's known URL) and whose figure text or sentence carries
            the source figure (numbers compared loosely: digits and scale
            words, see figure_numbers()).
  found@5   the same, for any of the first five hits.
  verdict accuracy
            supported claims: the first hit's verdict equals expected_verdict (no hit = wrong);
            unsupported claims: no hit with verdict same or rounded.
  verdict at found
            supported claims found@5: the verdict of the first matching hit equals expected.
  false support rate
            unsupported claims with any same/rounded hit, over all unsupported claims.
  confusion table of expected verdict against the first hit's verdict, and per-kind figures.

--check-set validates the set itself against the source texts: the AEB ground truth
(bench/data/aeb/ground-truth.json, or under $NEWSFACTS_BENCH) and the fixture pages
corpus/*/page.html.
"""
import argparse
import glob
import gzip
import json
import os
import re
import sys
import unicodedata
from collections import Counter, OrderedDict
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_CLAIMS = os.path.join(HERE, "claims.jsonl")
DEFAULT_GT = os.path.normpath(os.path.join(os.environ.get("NEWSFACTS_BENCH") or os.path.join(ROOT, "bench", "data"), "aeb", "ground-truth.json"))
DEFAULT_CORPUS = os.path.join(ROOT, "corpus")

KINDS = ("restate", "round", "convert", "wrong", "unsupported")
EXPECTED = ("same", "rounded", "different", "none")
CHECK_VERDICTS = ("same", "rounded", "different", "related")
KIND_VERDICTS = {
    "restate": {"same"},
    "round": {"rounded"},
    "convert": {"same", "rounded"},
    "wrong": {"different"},
    "unsupported": {"none"},
}
FIELDS = ("id", "claim", "kind", "expected_verdict", "article", "source_figure", "evidence_span",
          "note")
MIN_CLAIMS = 160
MIN_ARTICLES = 80

# ---------------------------------------------------------------- loose figure comparison

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALE_WORDS = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
    "bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12,
}
_SCALE_CANON = {"bn": "billion", "mn": "million", "m": "million", "k": "thousand", "tn": "trillion",
                "lakhs": "lakh", "crores": "crore"}
_NUMWORD = r"(?:%s)" % "|".join(sorted(list(_UNITS) + list(_TENS) + ["hundred", "dozen"], key=len, reverse=True))
_WORDNUM_RE = re.compile(r"\b%s(?:(?:[\s-]+(?:and[\s-]+)?)%s)*(?:[\s-]+and[\s-]+a[\s-]+half)?\b" % (_NUMWORD, _NUMWORD),
                         re.I)
_DIGITS_RE = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)*)(?:\s*(hundred|thousand|million|billion|trillion|lakhs?|crores?)\b"
                        r"|(bn|mn|tn|m|k)\b)?", re.I)


def _words_to_number(phrase):
    toks = [t for t in re.split(r"[\s-]+", phrase.lower()) if t and t != "and"]
    half = False
    if toks[-2:] == ["a", "half"]:
        half = True
        toks = toks[:-2]
    total, cur = 0, 0
    for t in toks:
        if t in _UNITS:
            cur += _UNITS[t]
        elif t in _TENS:
            cur += _TENS[t]
        elif t == "dozen":
            cur = (cur or 1) * 12
        elif t == "hundred":
            cur = (cur or 1) * 100
    total += cur
    return total + (0.5 if half else 0)


def _canon_num(s):
    s = s.replace(",", "")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    s = s.lstrip("0") or "0"
    if s.startswith("."):
        s = "0" + s
    return s


def _fmt(x):
    if abs(x - round(x)) < 1e-9:
        return str(int(round(x)))
    return ("%.6f" % x).rstrip("0").rstrip(".")


def figure_numbers(text):
    """Return (numbers, scales): canonical number strings and scale words found in text.

    "8,222.5 kilograms" -> ({"8222.5"}, set()); "$12.9bn" -> ({"12.9"}, {"billion"});
    "Seventy-eight percent" -> ({"78"}, set()); "Rs 24 lakh" -> ({"24"}, {"lakh"}).
    """
    text = unicodedata.normalize("NFKC", text or "")
    nums, scales = set(), set()
    for m in _DIGITS_RE.finditer(text):
        nums.add(_canon_num(m.group(1)))
        sc = (m.group(2) or m.group(3) or "").lower()
        if sc:
            scales.add(_SCALE_CANON.get(sc, sc))
    for m in _WORDNUM_RE.finditer(text):
        phrase = m.group(0)
        if phrase.lower() in ("one",):
            nums.add("1")
            continue
        nums.add(_fmt(_words_to_number(phrase)))
    for w in re.findall(r"\b(thousand|million|billion|trillion|lakhs?|crores?)\b", text, re.I):
        w = w.lower()
        scales.add(_SCALE_CANON.get(w, w))
    return nums, scales


def figure_values(text):
    """Numeric values in text, a following scale word applied (97 thousand -> 97000, not 97)."""
    text = unicodedata.normalize("NFKC", text or "")
    vals = set()
    for m in _DIGITS_RE.finditer(text):
        raw = m.group(1)
        try:
            v = float(raw.replace(",", ""))
        except ValueError:
            continue
        sc = (m.group(2) or m.group(3) or "").lower()
        if sc in _SCALE_WORDS:
            vals.add(round(v * _SCALE_WORDS[sc], 6))
        else:
            vals.add(round(v, 6))
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", raw):  # European thousands: 1.000
            vals.add(float(raw.replace(".", "")))
    for m in _WORDNUM_RE.finditer(text):
        v = _words_to_number(m.group(0))
        after = text[m.end():m.end() + 12].lower()
        sm = re.match(r"\s*(thousand|million|billion|trillion|lakhs?|crores?)\b", after)
        if sm:
            vals.add(round(v * _SCALE_WORDS[sm.group(1)], 6))
        else:
            vals.add(round(v, 6))
    return vals


def carries_figure(source_figure, hit):
    """True when the hit's figure text or sentence carries the source figure (loosely)."""
    want_nums, want_scales = figure_numbers(source_figure)
    if not want_nums:
        return False
    fig = hit.get("figure") or {}
    if not isinstance(fig, dict):
        fig = {"text": str(fig)}
    for text in (str(fig.get("text") or ""), str(hit.get("sentence") or "")):
        nums, scales = figure_numbers(text)
        if want_nums <= nums and want_scales <= scales:
            return True
    return False


# ---------------------------------------------------------------- source texts

class _TextParser(HTMLParser):
    BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption",
             "figure", "br", "section", "article", "header", "footer", "nav", "aside", "main",
             "blockquote", "title", "tr", "td", "th", "table", "form", "button"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript", "template"):
            self.skip += 1
        if tag in self.BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript", "template"):
            self.skip = max(0, self.skip - 1)
        if tag in self.BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_text(raw):
    """Visible text of an HTML page (bytes), charset from <meta>, NFC-normalised."""
    head = raw[:4096]
    m = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", head, re.I)
    enc = m.group(1).decode("ascii", "replace") if m else "utf-8"
    try:
        text = raw.decode(enc)
    except (LookupError, UnicodeDecodeError):
        text = raw.decode("utf-8", "replace")
    p = _TextParser()
    p.feed(text)
    p.close()
    return unicodedata.normalize("NFC", "".join(p.out))


def norm_ws(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip()


def load_sources(gt_path=DEFAULT_GT, corpus_dir=DEFAULT_CORPUS):
    """Return OrderedDict article -> {"text", "url", "origin"} for AEB pages and corpus folders."""
    src = OrderedDict()
    if gt_path and os.path.exists(gt_path):
        with open(gt_path, encoding="utf-8") as f:
            gt = json.load(f)
        for k, v in gt.items():
            src[k] = {"text": v.get("articleBody") or "", "url": v.get("url") or "", "origin": "aeb"}
    if corpus_dir and os.path.isdir(corpus_dir):
        for page in sorted(glob.glob(os.path.join(corpus_dir, "*", "page.html"))):
            folder = os.path.basename(os.path.dirname(page))
            with open(page, "rb") as f:
                raw = f.read()
            src[folder] = {"text": html_text(raw), "url": "", "origin": "corpus"}
    return src


# ---------------------------------------------------------------- claims and outputs

def load_claims(path):
    claims, errors = [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as e:
                errors.append("line %d: not JSON (%s)" % (n, e))
                continue
            if not isinstance(obj, dict):
                errors.append("line %d: not an object" % n)
                continue
            obj["_line"] = n
            claims.append(obj)
    return claims, errors


def load_hits(path):
    """Hits of one claim, best first; (hits, n_bad_lines)."""
    hits, bad = [], 0
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                bad += 1
                continue
            if isinstance(obj, dict):
                hits.append(obj)
            else:
                bad += 1
    if hits and all(isinstance(h.get("rank"), (int, float)) for h in hits):
        hits = sorted(hits, key=lambda h: h["rank"])  # stable: ties keep file order
    return hits, bad


def _url_key(u):
    u = (u or "").strip().split("#")[0].split("?")[0].rstrip("/")
    m = re.match(r"(?i)^(https?://)([^/]+)(.*)$", u)
    if m:
        u = m.group(1).lower() + m.group(2).lower() + m.group(3)
    return u


def known_urls(gt_path=DEFAULT_GT, corpus_dir=DEFAULT_CORPUS):
    """article -> list of URL keys it may be stored under (AEB page URL; corpus og:url/canonical)."""
    urls = {}
    if gt_path and os.path.exists(gt_path):
        with open(gt_path, encoding="utf-8") as f:
            for k, v in json.load(f).items():
                if v.get("url"):
                    urls[k] = [_url_key(v["url"])]
    if corpus_dir and os.path.isdir(corpus_dir):
        for page in sorted(glob.glob(os.path.join(corpus_dir, "*", "page.html"))):
            folder = os.path.basename(os.path.dirname(page))
            with open(page, "rb") as f:
                head = f.read(16384).decode("utf-8", "replace")
            found = re.findall(r"""<meta[^>]+property=["']og:url["'][^>]+content=["']([^"']+)""", head, re.I)
            found += re.findall(r"""<link[^>]+rel=["']canonical["'][^>]+href=["']([^"']+)""", head, re.I)
            origin = next((re.match(r"(?i)^https?://[^/]+", u).group(0) for u in found
                           if re.match(r"(?i)^https?://", u)), "")
            keys = [_url_key(u if re.match(r"(?i)^https?://", u) else origin + u) for u in found]
            urls[folder] = sorted(set(k for k in keys if k))
    return urls


def article_matches(expected, hit, urls):
    """The hit is the expected article: page id / folder name inside article_id or url, or the
    hit's url is one the article is known under (AEB page URL, corpus og:url or canonical)."""
    if not expected:
        return False
    aid = str(hit.get("article_id") or "")
    url = str(hit.get("url") or "")
    if expected in aid or expected in url:
        return True
    keys = urls.get(expected) or []
    return any(k and k in (_url_key(url), _url_key(aid)) for k in keys)


def is_found(claim, hit, urls):
    return article_matches(claim.get("article"), hit, urls) and carries_figure(claim.get("source_figure") or "", hit)


def pct(a, b):
    return "%5.1f%%" % (100.0 * a / b) if b else "    -"


def score(args):
    claims, errors = load_claims(args.claims)
    if errors:
        for e in errors:
            print("claims: " + e, file=sys.stderr)
        return 2
    urls = known_urls(args.gt, args.corpus)
    missing, bad_lines = [], 0
    rows = []
    for c in claims:
        path = os.path.join(args.outdir, c["id"] + ".jsonl")
        if os.path.exists(path):
            hits, bad = load_hits(path)
            bad_lines += bad
        else:
            hits = []
            missing.append(c["id"])
        first = hits[0] if hits else None
        first_verdict = str(first.get("verdict")) if first else "(no hit)"
        supported = c["expected_verdict"] != "none"
        r = {"claim": c, "hits": hits, "first_verdict": first_verdict}
        if supported:
            r["found1"] = bool(first) and is_found(c, first, urls)
            found_at = next((i for i, h in enumerate(hits[:5]) if is_found(c, h, urls)), None)
            r["found5"] = found_at is not None
            r["verdict_ok"] = bool(first) and first.get("verdict") == c["expected_verdict"]
            r["verdict_at_found"] = found_at is not None and hits[found_at].get("verdict") == c["expected_verdict"]
            r["false_support"] = False
        else:
            support = [h for h in hits if h.get("verdict") in ("same", "rounded")]
            r["found1"] = r["found5"] = None
            r["verdict_ok"] = not support
            r["verdict_at_found"] = None
            r["false_support"] = bool(support)
        rows.append(r)

    sup = [r for r in rows if r["claim"]["expected_verdict"] != "none"]
    uns = [r for r in rows if r["claim"]["expected_verdict"] == "none"]
    f1 = sum(r["found1"] for r in sup)
    f5 = sum(r["found5"] for r in sup)
    v_sup = sum(r["verdict_ok"] for r in sup)
    v_uns = sum(r["verdict_ok"] for r in uns)
    vaf_n = sum(1 for r in sup if r["found5"])
    vaf = sum(1 for r in sup if r["verdict_at_found"])
    fs = sum(r["false_support"] for r in uns)

    summary = OrderedDict([
        ("claims", len(rows)), ("supported", len(sup)), ("unsupported", len(uns)),
        ("missing_outputs", len(missing)), ("bad_output_lines", bad_lines),
        ("found@1", f1 / len(sup) if sup else None),
        ("found@5", f5 / len(sup) if sup else None),
        ("verdict_accuracy", (v_sup + v_uns) / len(rows) if rows else None),
        ("verdict_accuracy_supported", v_sup / len(sup) if sup else None),
        ("verdict_accuracy_unsupported", v_uns / len(uns) if uns else None),
        ("verdict_at_found", vaf / vaf_n if vaf_n else None),
        ("false_support_rate", fs / len(uns) if uns else None),
    ])
    cols = list(CHECK_VERDICTS) + ["(no hit)"]
    conf = OrderedDict((e, Counter()) for e in EXPECTED)
    for r in rows:
        fv = r["first_verdict"] if r["first_verdict"] in cols else "(other)"
        conf[r["claim"]["expected_verdict"]][fv] += 1
    if any(c["(other)"] for c in conf.values()):
        cols.append("(other)")
    per_kind = OrderedDict()
    for k in KINDS:
        kr = [r for r in rows if r["claim"]["kind"] == k]
        if not kr:
            continue
        ks = [r for r in kr if r["claim"]["expected_verdict"] != "none"]
        per_kind[k] = OrderedDict([
            ("n", len(kr)),
            ("found@1", sum(r["found1"] for r in ks) / len(ks) if ks else None),
            ("found@5", sum(r["found5"] for r in ks) / len(ks) if ks else None),
            ("verdict_accuracy", sum(r["verdict_ok"] for r in kr) / len(kr)),
            ("false_support", sum(r["false_support"] for r in kr) / len(kr) if k == "unsupported" else None),
        ])

    if args.json:
        out = OrderedDict(summary)
        out["confusion"] = OrderedDict((e, dict(c)) for e, c in conf.items())
        out["per_kind"] = per_kind
        print(json.dumps(out, indent=2))
    else:
        print("claims %d (supported %d, unsupported %d); outputs missing %d; unreadable lines %d"
              % (len(rows), len(sup), len(uns), len(missing), bad_lines))
        print("found@1                      %s  (%d/%d)" % (pct(f1, len(sup)), f1, len(sup)))
        print("found@5                      %s  (%d/%d)" % (pct(f5, len(sup)), f5, len(sup)))
        print("verdict accuracy             %s  (%d/%d)" % (pct(v_sup + v_uns, len(rows)), v_sup + v_uns, len(rows)))
        print("  supported (first hit)      %s  (%d/%d)" % (pct(v_sup, len(sup)), v_sup, len(sup)))
        print("  unsupported (no support)   %s  (%d/%d)" % (pct(v_uns, len(uns)), v_uns, len(uns)))
        print("verdict at found hit         %s  (%d/%d)" % (pct(vaf, vaf_n), vaf, vaf_n))
        print("false support rate           %s  (%d/%d)" % (pct(fs, len(uns)), fs, len(uns)))
        print()
        print("confusion: expected (rows) vs first hit's verdict (columns)")
        print("%-10s" % "" + "".join("%10s" % c for c in cols) + "%8s" % "total")
        for e, c in conf.items():
            print("%-10s" % e + "".join("%10d" % c[x] for x in cols) + "%8d" % sum(c.values()))
        print()
        print("%-12s %5s %9s %9s %9s %9s" % ("kind", "n", "found@1", "found@5", "verdict", "false sup"))
        for k, v in per_kind.items():
            def f(x):
                return "%8.1f%%" % (100 * x) if x is not None else "        -"
            print("%-12s %5d %s %s %s %s" % (k, v["n"], f(v["found@1"]), f(v["found@5"]),
                                             f(v["verdict_accuracy"]), f(v["false_support"])))
    if args.misses:
        print()
        print("misses:")
        for r in rows:
            c = r["claim"]
            reasons = []
            if c["expected_verdict"] == "none":
                if r["false_support"]:
                    reasons.append("false support")
            else:
                if not r["found1"]:
                    reasons.append("not found@1" + ("" if r["found5"] else ", not found@5"))
                if not r["verdict_ok"]:
                    reasons.append("verdict")
            if not reasons:
                continue
            first = r["hits"][0] if r["hits"] else None
            got = "no hit"
            if first:
                fig = first.get("figure") or {}
                ftext = fig.get("text") if isinstance(fig, dict) else fig
                got = "%s %s [%s]" % (first.get("verdict"), str(first.get("article_id") or first.get("url") or "?")[:40], ftext)
            print("  %s %-11s expected %-9s %-28s fig %-22s | got %s | %s"
                  % (c["id"], c["kind"], c["expected_verdict"], (c.get("article") or "-")[:28],
                     json.dumps(c.get("source_figure")), got, "; ".join(reasons)))
            print("       claim: %s" % c["claim"])
    if missing:
        print("\nmissing outputs: %s" % " ".join(missing[:20]) + (" ..." if len(missing) > 20 else ""),
              file=sys.stderr)
    return 0


# ---------------------------------------------------------------- set validation

def _ngrams(words, n):
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


_MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE_RE = re.compile(r"\b%s\s+\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?%s" % (_MONTHS, _MONTHS))


def _strip_dates(text):
    """Drop day-of-month dates ("November 12", "12 November") so only the claim's figures are checked."""
    return _DATE_RE.sub(" ", text or "")


def check_set(args):
    claims, errors = load_claims(args.claims)
    src = load_sources(args.gt, args.corpus)
    if not src:
        errors.append("no source texts found (looked at %s and %s)" % (args.gt, args.corpus))
    norm_text = {k: norm_ws(v["text"]) for k, v in src.items()}
    all_values = None
    warnings = []
    seen = set()
    for c in claims:
        where = "line %d (%s)" % (c["_line"], c.get("id"))
        for f in FIELDS:
            if f not in c:
                errors.append("%s: field %s missing" % (where, f))
        extra = set(c) - set(FIELDS) - {"_line"}
        if extra:
            warnings.append("%s: extra fields %s" % (where, sorted(extra)))
        cid = c.get("id")
        if not isinstance(cid, str) or not re.fullmatch(r"[chb]\d{3,}", cid):
            errors.append("%s: id should look like c001 (or h001 / b001 in the held-out sets)" % where)
        if cid in seen:
            errors.append("%s: duplicate id" % where)
        seen.add(cid)
        kind, verdict = c.get("kind"), c.get("expected_verdict")
        if kind not in KINDS:
            errors.append("%s: kind %r unknown" % (where, kind))
            continue
        if verdict not in EXPECTED:
            errors.append("%s: expected_verdict %r unknown" % (where, verdict))
            continue
        if verdict not in KIND_VERDICTS[kind]:
            errors.append("%s: kind %s does not go with verdict %s" % (where, kind, verdict))
        if not isinstance(c.get("claim"), str) or len(c["claim"].split()) < 4:
            errors.append("%s: claim missing or too short" % where)
        if not c.get("note"):
            errors.append("%s: note empty" % where)
        art = c.get("article")
        if kind == "unsupported":
            if art is not None:
                errors.append("%s: unsupported claim with an article" % where)
            if c.get("source_figure") or c.get("evidence_span"):
                errors.append("%s: unsupported claim with source_figure/evidence_span" % where)
            # the claim's figures must not occur in any source text (years left aside)
            if all_values is None:
                all_values = {k: figure_values(v["text"]) for k, v in src.items()}
            cvals = {v for v in figure_values(_strip_dates(c.get("claim"))) if not (1900 <= v <= 2100 and v == int(v))}
            for k, vals in all_values.items():
                hit = sorted(cvals & vals)
                if hit:
                    errors.append("%s: unsupported claim's figure %s occurs in %s" % (where, _fmt(hit[0]), k[:16]))
            continue
        if not isinstance(art, str) or art not in src:
            errors.append("%s: article %r is not an AEB page id or corpus folder" % (where, art))
            continue
        # The evidence is kept as [start, end) character offsets into the source text with its
        # white space folded (norm_ws), not as a copy of the text.
        span, fig = c.get("evidence_span"), c.get("source_figure")
        if not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)
                and 0 <= span[0] < span[1] <= len(norm_text[art])):
            errors.append("%s: evidence_span missing or out of the text" % where)
            continue
        ev = norm_text[art][span[0]:span[1]]
        if not isinstance(fig, str) or not fig.strip():
            errors.append("%s: source_figure empty" % where)
            continue
        nev = ev
        if norm_ws(fig) not in nev:
            errors.append("%s: source figure %r not in evidence" % (where, fig))
        if not figure_numbers(fig)[0]:
            errors.append("%s: source figure %r has no number" % (where, fig))
        if len(ev) > 600:
            warnings.append("%s: evidence longer than 600 characters" % where)
        cw = re.findall(r"\w+", c["claim"].lower())
        ew = re.findall(r"\w+", ev.lower())
        if _ngrams(cw, 8) & _ngrams(ew, 8):
            errors.append("%s: claim copies eight or more words of the evidence in a row" % where)

    kinds = Counter(c.get("kind") for c in claims)
    verdicts = Counter(c.get("expected_verdict") for c in claims)
    table = Counter((c.get("kind"), c.get("expected_verdict")) for c in claims)
    arts = Counter(c.get("article") for c in claims if c.get("article"))
    n_aeb = sum(1 for a in arts if a in src and src[a]["origin"] == "aeb")
    n_corpus = sum(1 for a in arts if a in src and src[a]["origin"] == "corpus")
    if len(claims) < args.min_claims:
        errors.append("only %d claims (want at least %d)" % (len(claims), args.min_claims))
    if len(arts) < args.min_articles:
        errors.append("only %d articles (want at least %d)" % (len(arts), args.min_articles))

    print("claims: %d   articles: %d (AEB %d, corpus %d)   source texts loaded: %d"
          % (len(claims), len(arts), n_aeb, n_corpus, len(src)))
    print("per kind:    " + "  ".join("%s %d (%.0f%%)" % (k, kinds[k], 100.0 * kinds[k] / max(1, len(claims))) for k in KINDS))
    print("per verdict: " + "  ".join("%s %d" % (v, verdicts[v]) for v in EXPECTED))
    print("%-12s" % "kind\\verdict" + "".join("%10s" % v for v in EXPECTED))
    for k in KINDS:
        print("%-12s" % k + "".join("%10d" % table[(k, v)] for v in EXPECTED))
    print("claims per article: max %d, articles with one claim %d" %
          (max(arts.values()) if arts else 0, sum(1 for v in arts.values() if v == 1)))
    for w in warnings:
        print("warning: " + w)
    for e in errors:
        print("ERROR: " + e)
    print("check-set: %s" % ("FAILED (%d errors)" % len(errors) if errors else "OK"))
    return 1 if errors else 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir", nargs="?", help="folder of <id>.jsonl check outputs")
    ap.add_argument("--claims", default=DEFAULT_CLAIMS)
    ap.add_argument("--check-set", action="store_true", help="validate the claims set against the source texts")
    ap.add_argument("--gt", default=DEFAULT_GT, help="AEB ground-truth.json (default: %(default)s)")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="fixture folder (default: %(default)s)")
    ap.add_argument("--misses", action="store_true", help="list the claims that were missed")
    ap.add_argument("--min-claims", type=int, default=MIN_CLAIMS,
                    help="--check-set: the fewest claims the set may hold (default: %(default)s)")
    ap.add_argument("--min-articles", type=int, default=MIN_ARTICLES,
                    help="--check-set: the fewest articles it may cover (default: %(default)s)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if args.check_set:
        return check_set(args)
    if not args.outdir:
        ap.error("CHECK_OUTPUT_DIR is required (or --check-set)")
    if not os.path.isdir(args.outdir):
        ap.error("%s is not a directory" % args.outdir)
    return score(args)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into head and the like
        sys.stderr.close()
        sys.exit(1)
