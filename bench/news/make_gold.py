#!/usr/bin/env python3
"""Builds dates.jsonl and quantities.jsonl (the news-sentence evaluation sets) from the
marked-up cases at the end of this file, and checks them.

usage: python3 bench/news/make_gold.py [--bench DIR] [--check]

The cases are written with inline marks; this script strips the marks, computes the
character offsets (code points, Python str indices) and writes the gold lines in the
format of bench/data/score.py:

  [[span|SPEC]]   a gold item
  {{span|why}}    an ignore span (times alone, durations without an anchor, sets, ages)

Date SPEC:     FROM or FROM..TO (inclusive ISO dates), then optional ";A..B" alternatives
               accepted by the lenient figure.  FROM alone means a single day.
Quantity SPEC: UNIT:VALUE      canonical unit of qd_units.UNITS ("tonne:8.2"), "degC:-5",
                               "degF:98", "percent:12", an ISO currency code ("USD:1.2e9"),
                               or "count:47" for a bare count;
               range:LOW:HIGH  a range or bound (either end may be "-"), scored by low/high.

--check also scores each written file against itself with score.py's generic peer and
with its newsfacts adapter (the gold turned into contract-shaped articles); both must
print perfect figures.  --bench (default bench/data, or
$NEWSFACTS_BENCH) is where score.py and qd_units.py live.
"""
import argparse
import calendar
import collections
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

MARK = re.compile(r"\[\[(?P<gspan>[^|\]]+)\|(?P<spec>[^\]]+)\]\]|\{\{(?P<ispan>[^|}]+)\|(?P<why>[^}]+)\}\}")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9


def parse_cases(block):
    """Yields (group, reference, raw line) from a block of '## group' headers and
    'YYYY-MM-DD text' lines."""
    group = None
    for line in block.splitlines():
        line = line.strip()
        if not line or line.startswith("#") and not line.startswith("## "):
            continue
        if line.startswith("## "):
            group = line[3:].strip()
            continue
        ref, raw = line[:10], line[11:]
        dt.date.fromisoformat(ref)
        yield group, ref, raw


def strip_marks(raw):
    """Returns (text, [(span, start, end, spec, is_gold)])."""
    out, items, pos = [], [], 0
    for m in MARK.finditer(raw):
        out.append(raw[pos:m.start()])
        start = sum(len(s) for s in out)
        span = m.group("gspan") or m.group("ispan")
        out.append(span)
        items.append((span, start, start + len(span), m.group("spec") or m.group("why"), m.group("gspan") is not None))
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    if "[[" in text or "]]" in text or "{{" in text or "}}" in text:
        raise ValueError("unbalanced mark in: " + raw)
    for span, s, e, _, _ in items:
        assert text[s:e] == span, (text, span)
    return text, items


def date_pair(s):
    a, _, b = s.strip().partition("..")
    a = dt.date.fromisoformat(a).isoformat()
    b = dt.date.fromisoformat(b).isoformat() if b else a
    if b < a:
        raise ValueError("end before start: " + s)
    return [a, b]


def check_date_words(span, start, end, where):
    """Catches slips in hand-resolved dates: a weekday or month named in a single-day or
    single-month span must agree with the gold."""
    low = span.lower()
    d0, d1 = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if d0 == d1:
        named = [w for w in WEEKDAYS if re.search(r"\b" + w + r"\b", low)]
        if len(named) == 1 and WEEKDAYS[d0.weekday()] != named[0]:
            raise ValueError(f"{where}: {span!r} is not a {named[0]} ({start} is a {WEEKDAYS[d0.weekday()]})")
    if d0.month == d1.month and d0.year == d1.year:
        named = {MONTHS[w] for w in re.findall(r"[a-z]+", low) if w in MONTHS}
        if len(named) == 1 and d0.month not in named:
            raise ValueError(f"{where}: {span!r} names month {named} but gold is {start}")
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", span)
    if m and len(set(re.findall(r"\b(?:1[89]\d\d|20\d\d)\b", span))) == 1 and "ago" not in low:
        y = int(m.group(1))
        if not (d0.year <= y <= d1.year or "s" in low[m.end():m.end() + 1]):
            raise ValueError(f"{where}: {span!r} names {y} but gold is {start}..{end}")


def build_dates():
    rows = []
    n = collections.Counter()
    for group, ref, raw in parse_cases(DATES):
        n[group] += 1
        cid = f"{group}-{n[group]:03d}"
        text, items = strip_marks(raw)
        expected, ignore = [], []
        for span, s, e, spec, gold in items:
            if not gold:
                ignore.append({"span": span, "start_char": s, "end_char": e, "why": spec})
                continue
            parts = spec.split(";")
            a, b = date_pair(parts[0])
            check_date_words(span, a, b, cid)
            accept = [[a, b]] + [date_pair(p) for p in parts[1:]]
            expected.append({"span": span, "start_char": s, "end_char": e,
                             "type": "date" if a == b else "daterange", "start": a, "end": b,
                             "accept": accept})
        rows.append({"id": cid, "text": text, "reference": ref, "expected": expected, "ignore": ignore})
    return rows


def build_quantities(B):
    rows = []
    n = collections.Counter()
    for group, ref, raw in parse_cases(QUANTITIES):
        n[group] += 1
        cid = f"{group}-{n[group]:03d}"
        text, items = strip_marks(raw)
        expected, ignore = [], []
        for span, s, e, spec, gold in items:
            if not gold:
                ignore.append({"span": span, "start_char": s, "end_char": e, "why": spec})
                continue
            g = {"span": span, "start_char": s, "end_char": e}
            f = spec.split(":")
            if f[0] == "range":
                lo, hi = (None if x == "-" else float(x) for x in f[1:3])
                if lo is None and hi is None or lo is not None and hi is not None and hi < lo:
                    raise ValueError(f"{cid}: bad range {spec}")
                g.update({"kind": "numberrange", "value": None, "unit": "", "low": lo, "high": hi})
            else:
                unit, value = f[0], float(f[1])
                if unit == "count":
                    g.update({"kind": "count", "value": value, "unit": "", "dimension": "count"})
                elif re.fullmatch(r"[A-Z]{3}", unit):
                    g.update({"kind": "currency", "value": value, "unit": unit})
                elif unit in ("degC", "degF"):
                    nv = B.norm(value, unit)
                    g.update({"kind": "temperature", "value": value, "unit": unit,
                              "si_value": nv["si_value"], "si_unit": "degC"})
                elif unit == "percent":
                    g.update({"kind": "percentage", "value": value, "unit": "percent", "si_value": value,
                              "si_unit": "percent", "dimension": "ratio"})
                elif unit in B.UNITS:
                    nv = B.norm(value, unit)
                    g.update({"kind": "dimension", "value": value, "unit": unit, "si_value": nv["si_value"],
                              "si_unit": nv["si_unit"], "dimension": nv["dimension"]})
                else:
                    raise ValueError(f"{cid}: unknown unit {unit!r}")
            expected.append(g)
        rows.append({"id": cid, "text": text, "reference": ref, "expected": expected, "ignore": ignore})
    return rows


def write(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


# ------------------------------------------------------------- self-check
CONTRACT_UNIT = {"degC": "degree Celsius", "degF": "degree Fahrenheit"}


def as_articles(task, rows):
    """The gold as the program's JSON Lines output would carry it (CONTRACT.md), to check
    that score.py's newsfacts adapter reads every gold item back as correct."""
    out = []
    for r in rows:
        art = {"id": r["id"], "text": r["text"], "dates": [], "quantities": []}
        for g in r["expected"]:
            span = [g["start_char"], g["end_char"]]
            if task == "dates":
                art["dates"].append({"text": g["span"], "span": span, "from": g["start"], "to": g["end"]})
                continue
            q = {"text": g["span"], "span": span, "value": g["value"], "low": g.get("low"), "high": g.get("high")}
            k = g["kind"]
            if k == "currency":
                q.update({"unit": g["unit"], "dimension": "currency", "si_value": g["value"], "si_unit": g["unit"]})
            elif k in ("count", "numberrange"):
                q.update({"unit": "", "dimension": "count"})
            elif k == "percentage":
                q.update({"unit": "percent", "dimension": "percent", "si_value": g["value"], "si_unit": "%"})
            elif k == "temperature":
                q.update({"unit": CONTRACT_UNIT[g["unit"]], "dimension": "temperature",
                          "si_value": g["si_value"], "si_unit": "degC"})
            else:
                q.update({"unit": g["unit"], "dimension": g["dimension"], "si_value": g["si_value"],
                          "si_unit": g["si_unit"]})
            art["quantities"].append(q)
        out.append(art)
    return out


def self_check(bench, task, path, rows):
    score = os.path.join(bench, "score.py")
    with tempfile.TemporaryDirectory() as tmp:
        gen = os.path.join(tmp, "generic.jsonl")
        with open(gen, "w", encoding="utf-8") as f:
            for r in rows:
                pred = [dict(g, **({"start": g["start"], "end": g["end"]} if task == "dates" else {}))
                        for g in r["expected"]]
                f.write(json.dumps({"id": r["id"], "pred": pred}, ensure_ascii=False) + "\n")
        art = os.path.join(tmp, "articles.jsonl")
        write(art, as_articles(task, rows))
        ok = True
        for pred, peer in ((gen, "generic"), (art, "newsfacts")):
            res = json.loads(subprocess.check_output([sys.executable, score, task, path, pred, peer, "--json"]))["ALL"]
            print(f"self-check {task:10s} {peer:9s} cases={res['cases']} gold={res['gold']} pred={res['pred']} "
                  f"exact={res['exact']} overlap={res['overlap']} "
                  + (f"val_strict={res['val_strict']} val_lenient={res['val_lenient']}" if task == "dates"
                     else f"val_acc={res['val_acc']} range_acc={res['range_acc']}"))
            perfect = res["exact"]["F1"] == 1.0 and res["overlap"]["F1"] == 1.0
            if task == "dates":
                perfect = perfect and res["val_strict"] == 1.0
            else:
                perfect = perfect and res["val_acc"] == 1.0 and (peer == "generic" or res["range_acc"] in (1.0, None))
            ok = ok and perfect
    return ok


# ------------------------------------------------------------- the cases
# Every sentence below was written for this project.  Reference (publication) date first.
# Conventions (see README.md): a day without a year is the nearest past one unless the
# sentence speaks of the future; weeks run Monday to Sunday (Sunday-Saturday accepted);
# "early/mid/late" periods are gold as the whole period, their thirds or halves accepted.
DATES = r"""
## abs
2024-05-23 Customs officers logged the seizure on [[May 13, 2024|2024-05-13]], and the navy confirmed it on [[Friday|2024-05-17]].
2024-05-23 The ministry's report, dated [[13 May 2024|2024-05-13]], lists eighteen separate raids in Sinaloa.
2024-05-23 The tax office said the filing deadline had been [[2024-04-15|2024-04-15]] and that late returns would be accepted until [[2024-06-30|2024-06-30;2024-05-23..2024-06-30]].
2023-11-02 The regulator first published the inflation figures on [[Sept. 5, 2023|2023-09-05]] and revised them on [[Oct. 10|2023-10-10]].
2022-12-12 Parliament was dissolved on [[3rd October 2022|2022-10-03]], and the election was held on [[Tuesday 1 November|2022-11-01]].
2024-02-29 The council approved the budget on [[Tuesday, February 27, 2024|2024-02-27]] after a {{six-hour|duration}} debate.
2020-02-29 The retailer filed for bankruptcy protection on [[Feb. 14, 2020|2020-02-14]] in a Delaware court.
2025-01-01 The minister resigned on [[31 December 2024|2024-12-31]], hours before the new law took effect [[today|2025-01-01]].
2019-12-30 The treaty was signed in Lisbon on [[13 December 2007|2007-12-13]] and took effect on [[1 December 2009|2009-12-01]].
2024-10-31 Early voting in the county began on [[Oct. 17, 2024|2024-10-17]] and ends on [[Saturday|2024-11-02]].
2023-07-17 The valley set its heat record on [[July 16, 2023|2023-07-16]], when the thermometer hit 52.2C.
2024-03-31 India's central bank left its key rate unchanged at its meeting on [[8 February 2024|2024-02-08]] and meets again on [[April 5|2024-04-05]].
2022-08-01 The judge fixed [[August 22, 2022|2022-08-22]] as the date for sentencing after the jury's verdict on [[July 28|2022-07-28]].
2024-06-14 The club confirmed the stadium deal on [[Wednesday 12 June 2024|2024-06-12]].
2022-11-30 A fire broke out at the warehouse in the early hours of [[November 27, 2022|2022-11-27]].
2025-06-30 The hearing, first set for [[June 2, 2025|2025-06-02]], is now scheduled for [[July 15, 2025|2025-07-15]] at the federal court in Monterrey.
2016-06-30 Britain voted to leave the European Union on [[June 23, 2016|2016-06-23]].
2024-05-23 Records show the contract was signed on [[2023-11-08|2023-11-08]] and amended twice since.
2024-09-10 The accused was arrested on [[August 30th, 2024|2024-08-30]] at a checkpoint near Tijuana and charged [[two days later|2024-09-01]].
2025-03-14 The patent expired on [[28 Feb 2025|2025-02-28]], and the first generic version went on sale on [[March 3|2025-03-03]].
2023-04-04 Voters in the state went to the polls on [[Saturday, April 1, 2023|2023-04-01]].
2024-02-29 The next leap day falls on [[February 29, 2028|2028-02-29]], the almanac notes.
2024-12-02 The airline said the route, suspended since [[April 2020|2020-04-01..2020-04-30;2020-04-01..2024-12-02]], would resume on [[March 30, 2025|2025-03-30]].
2023-12-31 The central bank's board will meet on [[January 25, 2024|2024-01-25]] and again on [[March 7, 2024|2024-03-07]].
2022-03-01 The agreement signed on [[the 24th of February 2022|2022-02-24]] was never ratified.
## noyear
2024-05-23 The navy said the vessel was boarded on [[May 13|2024-05-13]] and towed to Manzanillo on [[May 15|2024-05-15]].
2024-05-23 The strike is expected to begin on [[June 3|2024-06-03]] unless a deal is reached.
2024-02-29 The appeal will be heard on [[Monday, March 4|2024-03-04]], the court registry said.
2023-12-31 The truce collapsed on [[Dec. 26|2023-12-26]], aid groups said.
2025-01-01 The new tariffs will take effect on [[Jan. 15|2025-01-15]], the finance ministry said on [[Monday|2024-12-30]].
2025-01-01 Card spending peaked on [[Dec. 23|2024-12-23]], the retail federation said.
2021-01-04 Schools will reopen on [[Jan. 18|2021-01-18]], the governor announced on [[Sunday|2021-01-03]].
2024-10-31 The vice-presidential debate was held on [[Oct. 1|2024-10-01]] in New York.
2024-10-31 Americans vote on [[Tuesday, Nov. 5|2024-11-05]].
2022-11-30 The team plays its final group match on [[December 2|2022-12-02]] after drawing its opening game on [[November 24|2022-11-24]].
2020-02-29 The prime minister will visit Delhi on [[March 12|2020-03-12]] and Mumbai on [[March 13|2020-03-13]], his office said.
2024-03-31 Protesters gathered outside parliament on [[Thursday 21 March|2024-03-21]].
2025-06-30 The storm made landfall on [[19 June|2025-06-19]] near Acapulco.
2025-03-14 The bill passed the upper house on [[March 6|2025-03-06]] by a narrow margin.
2024-06-14 Britons will go to the polls on [[4 July|2024-07-04]], {{six weeks|duration}} after the election was called on [[22 May|2024-05-22]].
2023-07-17 Firefighters contained the blaze on [[Saturday|2023-07-15]].
2024-05-23 The president signed the decree on [[Monday|2024-05-20]].
2024-05-23 The finance minister will present the plan to lawmakers on [[Tuesday|2024-05-28]].
2024-02-29 Police said the suspect was detained on [[Tuesday|2024-02-27]] in Leicester.
2024-02-29 The results are due on [[Friday|2024-03-01]], with a recount possible on [[Monday|2024-03-04]].
2022-11-30 The union said its members would walk out on [[Friday|2022-12-02]] and [[Saturday|2022-12-03]].
2025-06-30 The court ruled on [[Friday|2025-06-27]] that the ban, in force since [[March 1|2025-03-01;2025-03-01..2025-06-30]], was unlawful.
2024-11-06 Ballots from [[Tuesday|2024-11-05]]'s vote were still being counted in Arizona.
2024-01-02 The airport reopened on [[Sunday, Dec. 31|2023-12-31]] after the storm.
2023-12-31 The minister is due to travel to Brussels on [[Thursday, Jan. 4|2024-01-04]] and to Paris on [[Jan. 8|2024-01-08]].
## part
2024-05-23 The navy seized more fentanyl in [[May 2024|2024-05-01..2024-05-31]] than in all of [[2022|2022-01-01..2022-12-31]].
2024-04-09 The bridge was closed in [[March 2023|2023-03-01..2023-03-31]] after inspectors found cracks, and will reopen in [[May 2024|2024-05-01..2024-05-31]].
2019-12-30 Unemployment in the region peaked in [[the 1990s|1990-01-01..1999-12-31]].
2023-11-02 The economy shrank in [[the third quarter|2023-07-01..2023-09-30]] after growing in [[the second quarter|2023-04-01..2023-06-30]], official data showed.
2024-01-02 Profits fell in [[Q3 2023|2023-07-01..2023-09-30]] but recovered in [[Q4|2023-10-01..2023-12-31]], the bank said in a filing.
2024-03-31 Congress cut the agency's budget for [[fiscal year 2025|2024-10-01..2025-09-30;2025-01-01..2025-12-31]].
2024-03-31 India's fiscal deficit target for [[the 2024-25 financial year|2024-04-01..2025-03-31]] is 5.1% of GDP.
2022-11-30 Temperatures are expected to fall sharply by [[mid-December|2022-12-01..2022-12-31;2022-12-11..2022-12-20]].
2024-10-31 The company plans to list its shares in [[early 2025|2025-01-01..2025-12-31;2025-01-01..2025-04-30;2025-01-01..2025-06-30]].
2025-01-01 Construction is due to finish in [[late 2026|2026-01-01..2026-12-31;2026-09-01..2026-12-31;2026-07-01..2026-12-31]].
2024-06-14 The stadium was built in [[1966|1966-01-01..1966-12-31]] and rebuilt in [[2012|2012-01-01..2012-12-31]].
2023-07-17 Inflation reached a {{40-year|duration}} high in [[June 2022|2022-06-01..2022-06-30]].
2025-06-30 Sales rose in [[the first half of 2025|2025-01-01..2025-06-30]] after falling throughout [[2024|2024-01-01..2024-12-31]].
2024-01-02 Turnout was the lowest since [[the 1980s|1980-01-01..1989-12-31;1980-01-01..2024-01-02]].
2020-02-29 The outbreak began in [[December 2019|2019-12-01..2019-12-31]] in Wuhan and reached Italy by [[late January|2020-01-01..2020-01-31;2020-01-21..2020-01-31]].
2024-03-31 The Olympic Games open in Paris in [[summer 2024|2024-06-01..2024-08-31;2024-06-20..2024-09-22]], {{a century|duration}} after the city last hosted them in [[1924|1924-01-01..1924-12-31]].
2022-08-01 Wheat exports in [[Q2|2022-04-01..2022-06-30]] were the lowest {{in a decade|duration}}.
2023-12-31 Output in [[the fourth quarter|2023-10-01..2023-12-31]] is expected to beat forecasts, and the figures are due in [[February|2024-02-01..2024-02-29]].
2024-11-06 The Federal Reserve last cut rates in [[September|2024-09-01..2024-09-30]] and meets again [[tomorrow|2024-11-07]].
2024-11-06 The minister said the law will come into force in [[April|2025-04-01..2025-04-30]].
2019-12-30 Global temperatures in [[the 2010s|2010-01-01..2019-12-31]] were the highest on record, and [[2016|2016-01-01..2016-12-31]] was the hottest year of all.
2023-07-17 The agency's [[fiscal 2024|2023-10-01..2024-09-30;2024-01-01..2024-12-31]] budget takes effect in [[October|2023-10-01..2023-10-31]].
2024-06-14 The policy was introduced in [[mid-2021|2021-01-01..2021-12-31;2021-05-01..2021-08-31;2021-04-01..2021-09-30]].
2024-01-02 The chain will close its last stores by [[the end of March|2024-03-31;2024-03-01..2024-03-31]].
2024-12-10 Markets will be closed on [[Christmas Day|2024-12-25]] and [[New Year's Day|2025-01-01]].
2024-05-23 The pilot scheme ran during [[the first quarter|2024-01-01..2024-03-31]] and will be extended in [[September|2024-09-01..2024-09-30]].
2022-08-01 The census is taken {{every ten years|set}}; the last one was held in [[2021|2021-01-01..2021-12-31]].
2025-03-14 Growth slowed in [[H2 2024|2024-07-01..2024-12-31]] and should pick up in [[the second half of 2025|2025-07-01..2025-12-31]], the statistics office said.
2020-02-29 The bank expects growth to recover in [[the second half of the year|2020-07-01..2020-12-31]].
2021-01-04 The company was founded in [[the late 1970s|1970-01-01..1979-12-31;1977-01-01..1979-12-31;1975-01-01..1979-12-31]].
## rng
2024-05-23 The navy seized the drugs [[from December 1, 2018, to May 13, 2024|2018-12-01..2024-05-13]].
2024-05-02 The fair ran [[from March 4 to March 8|2024-03-04..2024-03-08]] with extra police on duty.
2023-04-04 Imports fell [[between 2014 and 2018|2014-01-01..2018-12-31]] and rose again in [[2019|2019-01-01..2019-12-31]], customs data show.
2025-03-14 The trade fair ran [[March 3-5|2025-03-03..2025-03-05]] in Guadalajara.
2024-06-14 The summit will take place [[June 24-26|2024-06-24..2024-06-26]] in Brussels, after preparatory talks in Rome on [[June 13|2024-06-13]].
2024-05-23 Lawmakers sat [[from Monday to Thursday|2024-05-20..2024-05-23]] to debate the bill and will vote on [[May 30|2024-05-30]].
2022-11-30 Rail workers will strike [[from Tuesday to Friday next week|2022-12-06..2022-12-09]].
2024-01-02 The exhibition runs [[until 15 February|2024-01-02..2024-02-15;2024-02-15..2024-02-15]].
2020-02-29 Flights will be suspended [[from 1 to 14 March|2020-03-01..2020-03-14]].
2021-01-04 Schools were closed [[from December 18 through January 3|2020-12-18..2021-01-03]] and will stay shut until [[January 18|2021-01-18;2021-01-04..2021-01-18]].
2019-12-30 The consulate is closed [[Dec. 24-Jan. 2|2019-12-24..2020-01-02]].
2024-10-31 Early voting runs [[Oct. 21 through Nov. 2|2024-10-21..2024-11-02]].
2025-06-30 The festival ran [[from 20 to 22 June|2025-06-20..2025-06-22]].
2022-08-01 The study followed patients [[between January 2019 and March 2021|2019-01-01..2021-03-31]] and was published in [[June|2022-06-01..2022-06-30]].
2024-03-31 Prices rose in [[the three months to February|2023-12-01..2024-02-29]].
2024-02-29 The consultation is open [[until March 22|2024-02-29..2024-03-22;2024-03-22..2024-03-22]].
2025-01-01 Temperatures will stay below freezing [[through the weekend|2025-01-04..2025-01-05;2025-01-01..2025-01-05]].
2025-03-14 She was finance minister [[from 2018 to 2024|2018-01-01..2024-12-31]] and became prime minister in [[January|2025-01-01..2025-01-31]].
2023-07-17 Mortgage approvals fell [[between April and June|2023-04-01..2023-06-30]].
2024-01-02 The ban applied [[from 1 September 2023 to 31 December 2023|2023-09-01..2023-12-31]] and was lifted [[yesterday|2024-01-01]].
2022-12-12 Voting will take place [[Dec. 13-15|2022-12-13..2022-12-15]].
2024-05-23 The programme ran [[from 2010 until 2016|2010-01-01..2016-12-31]].
2025-06-30 The survey was carried out in [[April and May 2025|2025-04-01..2025-05-31]] and published [[last week|2025-06-23..2025-06-29;2025-06-22..2025-06-28]].
2021-01-04 The first lockdown lasted [[from March 23 to May 10, 2020|2020-03-23..2020-05-10]]; the second began on [[November 5|2020-11-05]].
2024-03-31 Junior doctors will strike [[from 8 a.m. on April 2 until 8 a.m. on April 6|2024-04-02..2024-04-06]].
2025-01-01 Shops were busy [[between Christmas and New Year|2024-12-25..2025-01-01;2024-12-26..2024-12-31]].
2022-08-01 The heatwave lasted [[from July 17 to 19|2022-07-17..2022-07-19]].
## rel
2024-05-23 The governor announced [[yesterday|2024-05-22]] that the state would appeal the ruling issued on [[May 9|2024-05-09]].
2025-01-01 The new rules came into effect [[today|2025-01-01]].
2020-02-29 Health officials will give an update [[tomorrow|2020-03-01]].
2024-02-29 Turnout in the primary was higher than [[last year|2023-01-01..2023-12-31]].
2024-05-23 Police made fourteen arrests [[last week|2024-05-13..2024-05-19;2024-05-12..2024-05-18]].
2025-01-01 Factory output fell [[last month|2024-12-01..2024-12-31]] for the first time since [[August|2024-08-01..2024-08-31;2024-08-01..2025-01-01]].
2022-11-30 The minister said the law, passed in [[2021|2021-01-01..2021-12-31]], would be reviewed [[next year|2023-01-01..2023-12-31]].
2024-10-31 The two leaders met [[two weeks ago|2024-10-17;2024-10-14..2024-10-20]] in Washington.
2021-01-04 The protests began [[three days ago|2021-01-01]].
2023-07-17 The river burst its banks [[earlier this month|2023-07-01..2023-07-31;2023-07-01..2023-07-16;2023-07-01..2023-07-17]].
2025-06-30 The central bank will publish its report [[later this week|2025-06-30..2025-07-06;2025-07-01..2025-07-06;2025-06-29..2025-07-05]].
2019-12-30 Rents have risen by a third in [[the past four years|2015-12-30..2019-12-30;2015-12-31..2019-12-30;2016-01-01..2019-12-31;2015-12-30..2019-12-29]].
2024-01-02 The company said it would hire 500 engineers [[this year|2024-01-01..2024-12-31]] after cutting jobs in [[2023|2023-01-01..2023-12-31]].
2024-06-14 Sales have fallen [[this week|2024-06-10..2024-06-16;2024-06-09..2024-06-15]].
2025-03-14 The ruling party lost two seats [[last Sunday|2025-03-09]], its worst result since [[2009|2009-01-01..2009-12-31;2009-01-01..2025-03-14]].
2022-08-01 Farmers expect a smaller harvest [[next month|2022-09-01..2022-09-30]] than in [[September 2021|2021-09-01..2021-09-30]].
2020-02-29 Three new cases were confirmed [[this morning|2020-02-29]], and schools in the region will close from [[Monday|2020-03-02]].
2023-12-31 The mayor will present the budget [[next week|2024-01-01..2024-01-07;2024-01-07..2024-01-13]].
2024-11-06 The senator conceded [[last night|2024-11-05]] and will leave office on [[Jan. 3|2025-01-03]].
2025-01-01 The last time the river froze over was [[a decade ago|2015-01-01..2015-12-31;2015-01-01..2015-01-01]].
2024-05-23 The plant closed [[two years ago|2022-01-01..2022-12-31;2022-05-23..2022-05-23]].
2021-01-04 The vaccine rollout will widen [[next Monday|2021-01-11]].
2024-02-29 Officials met again [[last Friday|2024-02-23]].
2023-07-17 Output rose in [[the past 12 months|2022-07-17..2023-07-17;2022-07-18..2023-07-17;2022-07-17..2023-07-16;2022-07-01..2023-06-30]].
2022-11-30 The stock lost a fifth of its value over [[the past year|2021-11-30..2022-11-30;2021-12-01..2022-11-30;2021-11-30..2022-11-29]].
2025-06-30 Ticket prices will rise [[in two weeks|2025-07-14;2025-07-14..2025-07-20]].
2024-10-31 Voters will choose a new president [[next Tuesday|2024-11-05;2024-11-12..2024-11-12]].
2020-02-29 The index fell [[this week|2020-02-24..2020-03-01;2020-02-23..2020-02-29]] by the most since [[2008|2008-01-01..2008-12-31;2008-01-01..2020-02-29]].
2025-03-14 Shares jumped [[earlier this week|2025-03-10..2025-03-16;2025-03-10..2025-03-14;2025-03-10..2025-03-13;2025-03-09..2025-03-15]].
2024-06-14 A heatwave is forecast for [[the weekend|2024-06-15..2024-06-16]], after the wettest [[May|2024-05-01..2024-05-31]] on record.
2021-01-04 The Senate runoff in Georgia is [[tomorrow|2021-01-05]], and full results may not be known until [[Friday|2021-01-08]].
## time
2024-11-06 Polls closed in Pennsylvania at [[8 p.m. on Nov. 5|2024-11-05]].
2023-12-31 Polling stations will open at [[7 a.m. on Jan. 2|2024-01-02]].
2024-05-23 The president will speak at [[3 p.m. on Tuesday|2024-05-28]] and travel to Texas on [[Wednesday|2024-05-29]].
2024-02-29 The earthquake struck at [[04:12 local time on Wednesday|2024-02-28]].
2025-06-30 Officers were called to the house at about [[11.30pm on Saturday|2025-06-28]].
2021-01-04 The curfew, which began on [[Dec. 28|2020-12-28]], runs {{from 10 p.m. to 5 a.m.|timerange}} each night.
2024-11-06 Polling stations were open {{from 7 a.m. to 8 p.m.|timerange}} local time.
2022-11-30 The match kicks off at {{7pm|time}} in Doha.
2024-03-31 The clocks went forward at [[1 a.m. this morning|2024-03-31]] across Britain.
2025-03-14 The tremor was felt at [[5:40 a.m. Thursday|2025-03-13]] in the capital.
2020-02-29 The flight from Milan landed shortly after [[midnight on Friday|2020-02-28;2020-02-29..2020-02-29]].
2023-07-17 The heat warning is in force {{until 9 p.m.|time}} in the valley.
2024-06-14 Voting will close at [[noon on June 20|2024-06-20]].
2024-10-31 Trading was halted for {{45 minutes|duration}} on [[Wednesday|2024-10-30]].
## mix
2024-05-23 The navy said the haul, seized on [[Monday|2024-05-20]], was bigger than everything it found in [[2019|2019-01-01..2019-12-31]] and [[2020|2020-01-01..2020-12-31]] combined.
2023-12-31 After losing power in [[2015|2015-01-01..2015-12-31]], the party won it back in the vote held on [[October 15|2023-10-15]].
2025-01-01 Inflation peaked in [[June 2022|2022-06-01..2022-06-30]] and has fallen every month since [[January 2023|2023-01-01..2023-01-31;2023-01-01..2025-01-01]], data released on [[Tuesday|2024-12-31]] show.
2024-02-29 The minister, who took office in [[September 2022|2022-09-01..2022-09-30]], will step down on [[March 15|2024-03-15]].
2021-01-04 Daily cases rose from about 1,200 in [[early December|2020-12-01..2020-12-31;2020-12-01..2020-12-10]] to more than 4,000 on [[New Year's Day|2021-01-01]].
2022-08-01 The drought that began in [[2021|2021-01-01..2021-12-31]] is the worst since [[the 1950s|1950-01-01..1959-12-31;1950-01-01..2022-08-01]], and no rain is forecast until [[September|2022-09-01..2022-09-30;2022-08-01..2022-09-30]].
2024-10-31 Early voting ended on [[Saturday|2024-10-26]], and counting will begin at [[7 p.m. on Nov. 5|2024-11-05]].
2025-06-30 The bank raised rates in [[March|2025-03-01..2025-03-31]] and [[May|2025-05-01..2025-05-31]] and is expected to hold them in [[July|2025-07-01..2025-07-31]].
2023-07-17 The company reported a loss for [[the three months to June 30|2023-04-01..2023-06-30]], against a profit [[a year earlier|2022-04-01..2022-06-30;2022-01-01..2022-12-31]].
2020-02-29 The virus was first identified in [[December|2019-12-01..2019-12-31]], and the first death outside China was reported on [[Feb. 2|2020-02-02]].
2024-03-31 Clocks in the UK went forward an hour [[today|2024-03-31]] and will go back on [[October 27|2024-10-27]].
2019-12-30 The decade that began on [[1 January 2010|2010-01-01]] ends [[tomorrow|2019-12-31]].
2024-06-14 The striker, who joined the club in [[2019|2019-01-01..2019-12-31]], scored twice on [[Saturday|2024-06-08]] and will miss [[next week|2024-06-17..2024-06-23;2024-06-16..2024-06-22]]'s friendly.
2022-11-30 Gas prices rose 40% [[between January and October|2022-01-01..2022-10-31]], and the regulator will set new caps on [[December 15|2022-12-15]].
2025-03-14 The company said on [[Monday|2025-03-10]] that it would cut 1,200 jobs by [[the end of 2025|2025-12-31;2025-01-01..2025-12-31]] after profits fell in [[the fourth quarter|2024-10-01..2024-12-31]].
2024-01-02 The strike, which began on [[December 28|2023-12-28]], will continue until at least [[January 9|2024-01-09;2024-01-02..2024-01-09]].
2024-11-06 The candidate carried the state in [[2016|2016-01-01..2016-12-31]] and [[2020|2020-01-01..2020-12-31]] and led again [[last night|2024-11-05]].
2023-04-04 The Supreme Court will hear arguments on [[April 24|2023-04-24]], months after the law was passed in [[August 2022|2022-08-01..2022-08-31]].
2025-01-01 The governor declared an emergency on [[Dec. 28|2024-12-28]] after {{three days|duration}} of heavy snow.
2022-12-12 Argentina play Croatia on [[Tuesday|2022-12-13]] in the semi-final, {{four days|duration}} after knocking out the Netherlands.
2018-01-02 Mexico's homicide count for [[2017|2017-01-01..2017-12-31]] was the highest since records began in [[1997|1997-01-01..1997-12-31]].
2024-09-30 The plant, idle since [[the second quarter|2024-04-01..2024-06-30;2024-04-01..2024-09-30]], will restart on [[Oct. 14|2024-10-14]] and reach full output in [[the first quarter of 2025|2025-01-01..2025-03-31]].
## neg
2024-05-23 Madrid won the final 3-2 after extra time.
2024-05-23 Victims can call a 24-7 hotline run by the charity.
2023-12-31 The May family has run the bakery on the square for generations.
2024-01-19 Thousands joined the March for Life in Washington.
2024-02-29 For more information, call 555-0142 or 0800 123 4567.
2025-03-14 The update, version 2.14.1, fixes a security flaw in the app.
2022-08-01 Under Section 2024 of the tax code, the deduction is capped.
2023-07-17 The robbery took place at a 7/11 store on Main Street.
2021-01-04 COVID-19 cases are rising in every district.
2024-06-14 The figures are on page 12 of the report, in table 3.
2020-02-29 The Boeing 737 Max remained grounded.
2024-10-31 Flight AA1024 was diverted to Denver.
2025-06-30 The team's record stands at 12-4 in the league.
2024-03-31 The panel cited rule 10-3 of the code of conduct.
2022-11-30 Argentina beat Mexico 2-0 in Lusail.
2024-01-02 The hospital treated 1,999 patients in its emergency ward.
2023-04-04 May I ask the minister to reconsider, the MP said.
2024-05-23 The suspects were held under Article 19 of the constitution.
2025-01-01 Campaigners criticised the G20 statement on climate finance.
2024-06-14 The number 66 bus no longer stops at the station.
2024-11-06 A 1/2 inch pipe burst under the street.
2022-08-01 The suspect, 34, appeared before magistrates in Leeds.
2020-02-29 The Dow lost 1,190.95 points.
2024-10-31 The jury took {{12 hours|duration}} to reach a verdict.
2024-03-31 Officials described the plan as a once-in-a-generation reform.
2023-07-17 Traffic on 42nd Street was diverted after the crash.
2024-06-14 Grades 9-12 will be taught at the new campus.
2024-05-23 April Moreno asked the first question at the briefing.
2024-01-02 Trains on the new line will run at up to 360 km/h.
2022-11-30 Dinner at the gala cost $19.99 a head.
"""

# Quantities: every number with a unit, a currency or a counted noun is gold; years, dates,
# times, scores, ordinals, model and road numbers are not quantities.  Durations and ages
# are left to `ignore`, and so are vague counts ("dozens of"), whose value the contract
# leaves open.
QUANTITIES = r"""
## cur
2024-05-23 The navy said the cargo, [[2.1 tonnes|tonne:2.1]] of fentanyl, had a street value of about [[$1.2 billion|USD:1.2e9]].
2024-04-09 Repairs to the [[600-metre|metre:600]] span will cost the state [[$6.8 million|USD:6.8e6]].
2023-05-10 The firm agreed to pay [[US$3m|USD:3e6]] to settle claims from [[2,300 customers|count:2300]].
2024-02-14 The council has set aside [[£450,000|GBP:450000]] to protect [[1,800 homes|count:1800]] from flooding.
2024-03-20 Brussels approved [[€2.5bn|EUR:2.5e9]] in aid for farmers hit by a [[30%|percent:30]] drop in grain prices.
2023-08-18 The state government sanctioned [[Rs 40 crore|INR:4e8]] for the new hospital, which will have [[500 beds|count:500]].
2024-01-31 The [[340 families|count:340]] who lost their homes will receive [[2 lakh rupees|INR:2e5]] each.
2024-02-14 Prosecutors said the mayor took bribes worth [[10 million pesos|MXN:1e7]] from [[three companies|count:3]].
2022-11-30 The club paid a record [[€120 million|EUR:1.2e8]] for the striker, plus [[€10 million|EUR:1e7]] in bonuses.
2025-03-14 The budget allocates [[₹1.5 lakh crore|INR:1.5e12]] to defence, up [[9%|percent:9]].
2024-09-10 The reconstruction will cost [[R$2.3 billion|BRL:2.3e9]], the governor of Rio Grande do Sul said.
2023-10-02 Japan's cabinet approved a [[¥13 trillion|JPY:1.3e13]] stimulus package, about [[$87 billion|USD:8.7e10]].
2024-06-14 The province will invest [[C$500 million|CAD:5e8]] in public transit and buy [[200 electric buses|count:200]].
2025-02-20 The miner posted a half-year profit of [[A$1.9bn|AUD:1.9e9]], down [[22%|percent:22]].
2024-11-06 The campaign raised [[$1 billion|USD:1e9]] in less than {{three months|duration}} from [[2 million donors|count:2e6]].
2024-05-02 The festival's security budget grew to [[$210,000|USD:210000]].
2021-06-15 Bread now costs [[45p|GBP:0.45]] more than it did before the war, a rise of [[40%|percent:40]].
2024-08-12 Petrol sells for [[Rs 94.72|INR:94.72]] per litre in Delhi and [[Rs 103.44|INR:103.44]] in Mumbai.
2023-03-08 The central bank sold [[$2.5 billion|USD:2.5e9]] of its reserves after the peso lost [[5%|percent:5]].
2024-10-15 China's exports to the bloc were worth [[3.2 trillion yuan|CNY:3.2e12]] ([[$450 billion|USD:4.5e11]]).
2024-12-05 The utility raised [[R10 billion|ZAR:1e10]] in its latest bond sale in Johannesburg, paying [[9.5%|percent:9.5]] interest.
2022-07-14 Fuel subsidies will cost Kenya's treasury [[Ksh 144 billion|KES:1.44e11]].
2024-04-25 The judge ordered him to repay [[£1.3m|GBP:1.3e6]] within {{three months|duration}}.
2023-09-12 Nigeria's budget deficit widened to [[₦11.3 trillion|NGN:1.13e13]], about [[4.2%|percent:4.2]] of GDP.
2024-07-30 Police in Culiacán recovered [[50 million pesos|MXN:5e7]] in cash and [[$1.5 million|USD:1.5e6]] in U.S. currency.
2024-05-16 The price of a stamp will rise by [[10 cents|USD:0.1]] to [[78 cents|USD:0.78]] in July.
2023-01-10 Swiss prosecutors froze [[CHF 7.5 billion|CHF:7.5e9]] in assets held by [[46 people|count:46]].
2024-02-02 The bank reported net income of [[$4.8 billion|USD:4.8e9]], up from [[$3.9 billion|USD:3.9e9]].
2022-10-20 The energy support scheme will cost [[£60bn|GBP:6e10]] over {{six months|duration}} and cap bills at [[£2,500|GBP:2500]].
2023-06-05 The ministry set aside [[5,000 crore rupees|INR:5e10]] for crop insurance.
2024-08-28 Average rent in the district rose to [[HK$18,500|HKD:18500]] a month, up [[4.1%|percent:4.1]].
2023-11-20 The deal values the company at [[US$12.4 billion|USD:1.24e10]].
2024-09-05 The operators were fined [[€310 million|EUR:3.1e8]] for exposing the data of [[75 million users|count:7.5e7]].
2025-04-10 Brent crude fell to [[$62|USD:62]] {{a barrel|unit only}}, its lowest price since 2021.
2023-07-01 The health department's budget is [[Rs 89,155 crore|INR:8.9155e11]], or [[2%|percent:2]] of GDP.
## mass
2024-05-23 Marines seized [[8,222.5 kilograms|kilogram:8222.5]] ([[8.2 tonnes|tonne:8.2]]) of fentanyl at the port.
2024-03-14 Border agents found [[300 pounds|pound:300]] of methamphetamine and [[12 pounds|pound:12]] of fentanyl hidden in a lorry.
2023-08-02 Police found [[1.5 kg|kilogram:1.5]] of heroin and [[£20,000|GBP:20000]] in cash in the suspect's luggage.
2025-02-10 The farm ships [[16,000 metric tons|tonne:16000]] of avocados a season and employs [[800 pickers|count:800]].
2022-09-14 The raid yielded [[500 grams|gram:500]] of cocaine and [[2 kg|kilogram:2]] of cannabis.
2023-11-11 The truck was carrying [[22 tons|ton:22]] of steel beams when it crashed at [[65 mph|mile per hour:65]].
2024-10-03 Customs officers seized [[2.4 tonnes|tonne:2.4]] of cocaine in Rotterdam, worth [[€180 million|EUR:1.8e8]].
2023-04-18 The baby weighed [[3.6kg|kilogram:3.6]] at birth and measured [[51 cm|centimetre:51]].
2024-07-19 Fishermen landed a bluefin tuna weighing [[612 pounds|pound:612]], which sold for [[$48,000|USD:48000]].
2022-05-30 The country imported [[3.1 million tonnes|tonne:3.1e6]] of wheat, [[15%|percent:15]] more than planned.
2025-05-05 The parcel contained [[250g|gram:250]] of gold worth about [[$26,000|USD:26000]].
2024-12-19 The shipment included [[45 kilos|kilogram:45]] of methamphetamine and [[3,000 pills|count:3000]].
2023-02-27 Builders found a [[900-kilogram|kilogram:900]] bomb on the site.
2024-08-08 Each sack holds [[50 lb|pound:50]] of rice.
## len
2024-06-03 The new aqueduct stretches [[112 kilometres|kilometre:112]] from the dam.
2023-09-20 The fire spread across [[1,200 hectares|hectare:1200]] of forest and forced [[600 residents|count:600]] to leave.
2024-02-06 Flooding covered about [[5 square miles|square mile:5]] of farmland after [[8 inches|inch:8]] of rain.
2024-11-14 The ranch covers [[3,000 acres|acre:3000]] in west Texas.
2022-03-03 The convoy stretched for [[40 miles|mile:40]] ([[64 kilometres|kilometre:64]]) north of the capital.
2024-01-15 The tunnel, [[57 km|kilometre:57]] long, is the longest of its kind.
2023-12-07 The wave was estimated at [[15 metres|metre:15]] high.
2024-08-29 The storm dropped [[10 inches|inch:10]] of rain on Houston and left [[700,000 customers|count:700000]] without power.
2025-01-28 The new wall will be [[6 feet|foot:6]] tall.
2023-06-12 The lake has shrunk to [[40 square kilometres|square kilometre:40]].
2022-10-19 The factory occupies [[25,000 square metres|square metre:25000]].
2024-07-22 The new office has [[120,000 square feet|square foot:120000]] of floor space.
2023-03-16 The refinery processes [[2 million barrels|barrel:2e6]] of crude a day and employs [[4,500 workers|count:4500]].
2024-09-18 Each household was given [[500 litres|litre:500]] of drinking water.
2024-05-29 The reservoir holds [[3 billion cubic metres|cubic metre:3e9]] of water but is only [[38%|percent:38]] full.
2023-08-24 The tanker spilled [[10,000 gallons|gallon:10000]] of diesel along [[2 miles|mile:2]] of coastline.
2025-03-03 She ran the [[42.195 km|kilometre:42.195]] course faster than anyone before her.
2024-12-02 Drivers queued for fuel along a [[3km|kilometre:3]] stretch of road.
2024-01-17 Overnight, [[30 cm|centimetre:30]] of snow fell in the Alps.
## spd
2024-09-26 Winds reached [[120 km/h|kilometre per hour:120]] on the coast, and [[14,000 homes|count:14000]] lost power.
2024-10-09 The hurricane has sustained winds of [[155 mph|mile per hour:155]] and is moving at [[10 mph|mile per hour:10]].
2023-12-14 The driver was clocked at [[112 miles per hour|mile per hour:112]] on the motorway.
2024-03-08 The speed limit in the centre will drop to [[30 kilometres per hour|kilometre per hour:30]].
2025-01-08 Gusts of [[90 knots|knot:90]] were recorded off the coast.
2023-07-06 The train travels at [[300 km/h|kilometre per hour:300]] between the two cities and carries [[400 passengers|count:400]].
2024-05-10 Police said the car was doing [[75 mph|mile per hour:75]] on a residential street.
2024-11-21 The wind was blowing at [[60 kilometres an hour|kilometre per hour:60]] when the fire started.
## temp
2024-01-16 Temperatures fell to [[-5C|degC:-5]] overnight in Glasgow, and [[10cm|centimetre:10]] of snow fell on higher ground.
2023-07-19 Phoenix hit [[118 degrees Fahrenheit|degF:118]] ([[47.8 degrees Celsius|degC:47.8]]) for the first time.
2023-07-12 The thermometer in Seville reached [[44 degrees Celsius|degC:44]].
2024-06-18 Forecasters expect highs of [[40C|degC:40]] in Delhi, where [[80 people|count:80]] have died of heatstroke.
2024-08-12 The heat index could reach [[104F|degF:104]] on Tuesday.
2023-01-24 Temperatures plunged to [[minus 12 degrees Celsius|degC:-12]] in Kyiv as [[40%|percent:40]] of the city lost power.
2024-07-03 The sea was [[27°C|degC:27]], the warmest recorded in the bay.
2022-12-23 A wind chill of [[-40 degrees Fahrenheit|degF:-40]] is forecast for the Dakotas.
2023-05-30 The patient's temperature rose to [[39.5 °C|degC:39.5]].
2025-02-14 Last month was [[1.7 degrees Celsius|degC:1.7]] warmer than normal.
## pct
2024-04-09 Construction costs rose [[18 percent|percent:18]] over the original estimate of [[$90 million|USD:9e7]].
2024-02-14 The economy grew [[2.7%|percent:2.7]] last year, while inflation averaged [[5.5%|percent:5.5]].
2023-11-15 Inflation fell to [[4.6 per cent|percent:4.6]] in October.
2022-11-08 The candidate won [[52.3 percent|percent:52.3]] of the vote to her rival's [[46.1 percent|percent:46.1]].
2024-06-07 Unemployment rose by [[0.2 percentage points|percent:0.2]] to [[4%|percent:4]].
2023-10-26 The central bank raised its key rate by [[half a percentage point|percent:0.5]].
2025-01-15 The price of eggs jumped [[37%|percent:37]] {{in a year|duration}}.
2024-09-19 Turnout was [[61 per cent|percent:61]], down [[four percentage points|percent:4]].
2023-06-01 The ruling party's share of the vote fell to [[35pc|percent:35]].
2024-12-10 Mortgage rates have climbed to nearly [[7 percent|percent:7]].
2022-03-15 Food prices rose [[20.3%|percent:20.3]] year on year.
2024-07-25 Some [[40 per cent|percent:40]] of households cannot afford a holiday.
2025-03-06 The company cut its workforce by [[8%|percent:8]], or about [[1,200 jobs|count:1200]].
## cnt
2023-02-08 The earthquake killed [[47 people|count:47]] and injured [[more than 300|range:300:-]] in the province.
2022-02-24 The alliance will send [[5,000 troops|count:5000]] and [[40 tanks|count:40]] to the region.
2024-03-18 About [[300 protesters|count:300]] marched on parliament, and police arrested [[11 people|count:11]].
2023-09-28 The flood damaged nearly [[2,000 homes|count:2000]] in the valley.
2024-06-05 Early ballots were cast by [[1.2 million voters|count:1.2e6]].
2025-01-13 The fire destroyed [[12,000 buildings|count:12000]] across [[37,000 acres|acre:37000]] of the county.
2023-05-22 Police made {{dozens of arrests|vague count}} after [[three shops|count:3]] were looted.
2024-08-15 Some [[40 lorries|count:40]] were stuck at the border.
2024-10-21 The airline cancelled [[1,400 flights|count:1400]] because of the storm, stranding [[90,000 passengers|count:90000]].
2023-11-29 The hospital has [[250 beds|count:250]] and [[1,100 staff|count:1100]].
2024-02-21 The company will hire [[500 engineers|count:500]] in India.
2022-06-30 Organisers counted [[two million visitors|count:2e6]] at the fair.
2024-04-29 The school has [[three classrooms|count:3]] for [[90 pupils|count:90]].
2025-02-27 Rescuers pulled [[17 survivors|count:17]] from the rubble.
2023-12-20 The agency received {{hundreds of|vague count}} complaints about the scheme.
## rng
2024-05-02 Officials said [[between 20 and 30 officers|range:20:30]] will patrol the fair each night.
2024-06-06 The repaired bridge can carry trucks weighing [[up to 40 tonnes|range:-:40]].
2024-03-21 [[More than 500 farmers|range:500:-]] drove [[200 tractors|count:200]] onto the motorway.
2023-02-09 The quake killed [[at least 12 people|range:12:-]].
2024-11-18 Prices could rise by [[up to 5%|range:-:5]] next year.
2024-05-01 The Fed held its target range at [[5.25%-5.5%|range:5.25:5.5]].
2025-06-10 The storm dumped [[between 50 and 80 millimetres|range:50:80]] of rain on the city.
2023-09-07 Forecasters expect [[20-30 mph|range:20:30]] winds along the coast.
2024-08-22 [[Fewer than 100 people|range:-:100]] attended the rally, in a stadium that holds [[45,000|count:45000]].
2024-01-09 The ring moved [[between 2 and 3 tonnes|range:2:3]] of cocaine a month.
2023-04-12 The fine ranges from [[£1,000 to £5,000|range:1000:5000]].
2024-09-30 [[Over 1,000 migrants|range:1000:-]] crossed the Channel in [[19 small boats|count:19]].
2025-01-20 Growth is forecast at [[2 to 2.5 percent|range:2:2.5]] this year.
2024-07-16 The new law affects [[as many as 3 million workers|range:-:3e6]].
## neg
2024-05-23 Inflation was the highest since 2008, the agency said.
2024-02-14 The report was published on 14 February 2024.
2023-06-15 For bookings, call 020 7946 0321.
2024-10-03 She finished third, behind the defending champion.
2021-03-10 COVID-19 vaccines reached the region in March.
2024-01-08 The Boeing 737 Max 9 jets were grounded after a door panel blew out.
2023-04-20 The embassy moved to 221 Harbour Road last year.
2024-06-30 Spain beat Georgia 4-1 in Cologne.
2024-11-02 She is one of the few women to lead the party.
2023-12-12 The air force will buy more F-35 fighters.
2024-09-09 The G7 leaders met in Apulia.
2025-02-01 Windows 11 now runs on most of the ministry's computers.
2019-08-07 The government revoked Article 370 of the constitution.
2024-05-15 Route 66 is closed near the state line.
2023-10-10 Parliament approved the 2024 budget.
2024-06-25 Details are on page 4 of the ruling.
2024-03-05 Super Tuesday results came in after midnight.
2023-09-01 The A1 motorway was closed after the crash.
2022-07-07 The prime minister spoke outside No. 10 Downing Street.
2024-04-15 He served as the 44th president of the United States.
2023-11-22 The museum documents the 1970s punk scene.
2025-01-06 The bill, HR 1234, passed the House.
2024-07-07 The Euro 2024 semi-final was played in Dortmund.
2023-05-18 The jury found him guilty on the second count.
2024-10-10 The 7/11 store on Elm Street was robbed.
"""


def main():
    ap = argparse.ArgumentParser()
    default = os.environ.get("NEWSFACTS_BENCH") or os.path.join(HERE, "..", "data")
    ap.add_argument("--bench", default=default)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    sys.path.insert(0, os.path.abspath(a.bench))
    import qd_units as B

    dates, quants = build_dates(), build_quantities(B)
    dpath, qpath = os.path.join(HERE, "dates.jsonl"), os.path.join(HERE, "quantities.jsonl")
    write(dpath, dates)
    write(qpath, quants)
    for name, rows in (("dates", dates), ("quantities", quants)):
        by = collections.Counter()
        for r in rows:
            grp = r["id"].split("-")[0]
            by[grp, "cases"] += 1
            by[grp, "gold"] += len(r["expected"])
            by[grp, "ignore"] += len(r["ignore"])
        groups = sorted({g for g, _ in by})
        print(f"{name}: {len(rows)} cases, {sum(len(r['expected']) for r in rows)} gold, "
              f"{sum(len(r['ignore']) for r in rows)} ignore")
        for g in groups:
            print(f"  {g:6s} cases={by[g, 'cases']:4d} gold={by[g, 'gold']:4d} ignore={by[g, 'ignore']:3d}")
    if a.check:
        ok = self_check(a.bench, "dates", dpath, dates) & self_check(a.bench, "quantities", qpath, quants)
        if not ok:
            sys.exit("self-check failed")


if __name__ == "__main__":
    main()
