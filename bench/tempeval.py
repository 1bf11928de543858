"""TempEval-3 benchmark for the time-expression finder and normaliser.

Data: ../shared/eval/time/tempeval3/TBAQ-cleaned (TimeBank + AQUAINT, 256 .tml files). For each
document the TEXT is given to our finder with the document creation time (the TIMEX3 with
functionInDocument="CREATION_TIME") as the publication date. Scores, the TempEval-3 way:

- relaxed span P/R/F1: a system expression matches a gold one when they overlap;
- strict span F1: identical offsets;
- value F1: a system expression counts when it overlaps a gold one with the same value.

The scorer sees the TIMEX3-style values the grammar produces (durations P3Y, PRESENT_REF, ...);
a range "from 2001 to 2014" is scored as its two year expressions, as TimeML annotates it.
Speed: the product stage (``annotate_times``) per article, on the same texts.

Run: ``.venv/bin/python -m bench.tempeval [--limit N]``.
"""

from __future__ import annotations

import argparse
import html
import re
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bench.common import eval_dir, write_results
from wirewatch.annotate.times.stage import annotate_times, find_times

PUBLISHED_VALUE_F1 = {"HeidelTime": 77.61, "NavyTime": 70.97, "SUTime": 67.38}
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>')


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    value: str
    text: str


@dataclass(frozen=True)
class GoldDoc:
    name: str
    dct: date
    text: str
    timexes: tuple[Span, ...]


def read_tml(path: Path) -> GoldDoc:
    """Plain TEXT of a .tml file with its TIMEX3 spans as character offsets into it."""
    raw = path.read_text(encoding="utf-8")
    dct_tag = _DCT.search(raw)
    if dct_tag is None:
        raise ValueError(f"{path}: no CREATION_TIME TIMEX3")
    dct = date.fromisoformat(dict(_ATTR.findall(dct_tag.group(0)))["value"][:10])
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    pieces: list[str] = []
    length = 0
    open_timex: tuple[int, str] | None = None
    timexes: list[Span] = []
    pos = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[pos : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        pos = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1):
            if open_timex is not None and length > open_timex[0]:
                text = "".join(pieces)[open_timex[0] :]
                timexes.append(Span(open_timex[0], length, open_timex[1], text))
            open_timex = None
        elif not tag.group(3).rstrip().endswith("/"):
            open_timex = (length, dict(_ATTR.findall(tag.group(3))).get("value", ""))
    pieces.append(html.unescape(body[pos:]))
    return GoldDoc(path.name, dct, "".join(pieces), tuple(timexes))


_FISCAL = re.compile(r"^FY(\d{4})$")
_DECADES = re.compile(r"^P(\d+)DE$")


def timebank_value(value: str) -> str:
    """Our TIMEX3 value written the way TimeBank writes it: a fiscal year as its year
    (``FY1989`` -> ``1989``) and a span of decades in years (``P2DE`` -> ``P20Y``)."""
    fiscal = _FISCAL.match(value)
    if fiscal:
        return fiscal.group(1)
    decades = _DECADES.match(value)
    if decades:
        return f"P{10 * int(decades.group(1))}Y"
    return value


def system_spans(doc: GoldDoc) -> list[Span]:
    """Our expressions in TIMEX3 terms: ranges split into their endpoints."""
    out: list[Span] = []
    for t in find_times(doc.text, "en", doc.dct):
        if t.parts:
            out.extend(Span(s, e, timebank_value(v), doc.text[s:e]) for s, e, v in t.parts)
        else:
            out.append(Span(t.start, t.end, timebank_value(t.value or ""), t.text))
    return out


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(docs: list[GoldDoc]) -> tuple[dict[str, Any], Counter[str], Counter[str]]:
    counts = Counter[str]()
    misses = Counter[str]()
    wrong = Counter[str]()
    for doc in docs:
        system = system_spans(doc)
        counts["gold"] += len(doc.timexes)
        counts["system"] += len(system)
        for s in system:
            hits = [g for g in doc.timexes if _overlaps(s, g)]
            counts["sys_relaxed"] += bool(hits)
            counts["sys_strict"] += any((g.start, g.end) == (s.start, s.end) for g in hits)
            counts["sys_value"] += any(g.value == s.value for g in hits)
            if not hits:
                wrong[f"spurious: {s.text.lower()}"] += 1
        for g in doc.timexes:
            hits = [s for s in system if _overlaps(s, g)]
            counts["gold_relaxed"] += bool(hits)
            counts["gold_strict"] += any((g.start, g.end) == (s.start, s.end) for s in hits)
            counts["gold_value"] += any(g.value == s.value for s in hits)
            if not hits:
                misses[g.text.lower()] += 1
            elif not any(g.value == s.value for s in hits):
                wrong[f"{g.text.lower()}: gold {g.value} ours {hits[0].value}"] += 1
    table: dict[str, Any] = {"documents": len(docs), "gold": counts["gold"],
                             "system": counts["system"]}
    for level in ("relaxed", "strict", "value"):
        p = counts[f"sys_{level}"] / max(counts["system"], 1)
        r = counts[f"gold_{level}"] / max(counts["gold"], 1)
        table[level] = {"precision": round(100 * p, 2), "recall": round(100 * r, 2),
                        "f1": round(100 * _f1(p, r), 2)}
    return table, misses, wrong


def timing(docs: list[GoldDoc]) -> dict[str, float]:
    """Milliseconds per article for the product stage (grammars compiled beforehand)."""
    annotate_times("warm up on Friday, June 16", "en", "2021-07-17")
    started = time.perf_counter()
    chars = 0
    for doc in docs:
        annotate_times(doc.text, "en", doc.dct.isoformat())
        chars += len(doc.text)
    elapsed = time.perf_counter() - started
    return {"ms_per_article": round(1000 * elapsed / len(docs), 2),
            "chars_per_article": round(chars / len(docs)),
            "ms_per_1000_chars": round(1000 * elapsed / max(chars, 1) * 1000, 3)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="score only the first N files")
    parser.add_argument("--show", type=int, default=0, help="print the N commonest errors")
    args = parser.parse_args(argv)
    root = eval_dir("time", "tempeval3", "TBAQ-cleaned")
    paths = sorted(root.glob("*/*.tml"))
    if args.limit:
        paths = paths[: args.limit]
    docs = [read_tml(p) for p in paths]
    table, misses, wrong = score(docs)
    table["speed"] = timing(docs)
    table["published_value_f1_tempeval3_test"] = PUBLISHED_VALUE_F1
    print(f"TempEval-3 TBAQ-cleaned: {table['documents']} documents, {table['gold']} gold "
          f"TIMEX3, {table['system']} ours")
    print(f"{'':10}{'P':>8}{'R':>8}{'F1':>8}")
    for level in ("relaxed", "strict", "value"):
        row = table[level]
        print(f"{level:10}{row['precision']:8.2f}{row['recall']:8.2f}{row['f1']:8.2f}")
    for name, f1 in PUBLISHED_VALUE_F1.items():
        print(f"{name} value F1 (TempEval-3 test set): {f1}")
    print(f"speed: {table['speed']}")
    if args.show:
        print("missed:", misses.most_common(args.show))
        print("wrong/spurious:", wrong.most_common(args.show))
    if not args.limit:
        print(f"wrote {write_results('tempeval', table)}")


if __name__ == "__main__":
    main()
