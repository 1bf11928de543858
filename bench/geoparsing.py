"""Geoparsing benchmark on GeoWebNews (GWN) and LGL (Gritta et al.), from ../shared/eval.

Measures, per set:
- geotagging: this project's own toponym detection (the places stage's ``detect`` + cleanup)
  against the gold spans: exact-span precision, recall, F1;
- resolution with gold spans given: accuracy within 161 km, exact GeoNames id match, median error;
- resolution end to end: the same, over the gold toponyms whose span the detector found;
- speed: gazetteer build and open time, spaCy NER time per article and the places stage's own
  time per article (detection cleanup + gazetteer scan + resolution, NER excluded).

Run: ``.venv/bin/python -m bench.geoparsing [--limit N]`` (N articles per set; default all).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import eval_dir, write_results
from wirewatch.geo import Gazetteer, build_gazetteer, distance_km
from wirewatch.geo.detect import Span, gazetteer_spans, host_spans, spacy_hosts, spacy_spans, toponyms
from wirewatch.geo.resolve import Resolution, Resolver
from wirewatch.resources.article_parse import ArticleParser
from wirewatch.resources.bundle import build_resources

ACC_KM = 161.0
# GeoWebNews types that are toponyms (Gritta et al. 2019: literal and associative uses);
# common-noun expressions, demonyms, languages, homonyms and non-toponyms are not.
GWN_TOPONYM_TYPES = frozenset({"Literal", "Mixed", "Coercion", "Metonymic", "Literal_Modifier",
                               "Non_Literal_Modifier", "Embedded_Literal", "Embedded_Non_Lit"})


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    geonameid: int | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Doc:
    id: str
    text: str
    gold: list[Gold]


def _f(node: ET.Element | None) -> float | None:
    return float(node.text) if node is not None and node.text else None


def load_gwn(path: Path) -> list[Doc]:
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            if t.findtext("type") not in GWN_TOPONYM_TYPES:
                continue
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            gid = t.findtext("geonamesID")
            gold.append(Gold(start, end, text[start:end], int(gid) if gid else None,
                             _f(t.find("latitude")), _f(t.find("longitude"))))
        docs.append(Doc(art.get("file") or "", text, gold))
    return docs


def load_lgl(path: Path) -> list[Doc]:
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            tag = t.find("gaztag")
            gid = tag.get("geonameid") if tag is not None else None
            gold.append(Gold(start, end, text[start:end], int(gid) if gid else None,
                             _f(tag.find("lat")) if tag is not None else None,
                             _f(tag.find("lon")) if tag is not None else None))
        docs.append(Doc(art.get("docid") or "", text, gold))
    return docs


class Scores:
    """Resolution tallies: errors in km (inf when unresolved) and exact id matches."""

    def __init__(self) -> None:
        self.errors: list[float] = []
        self.exact: list[bool] = []

    def add(self, gold: Gold, res: Resolution | None) -> None:
        if gold.lat is None or gold.lon is None:
            return
        entry = res.entry if res is not None else None
        if entry is None:
            self.errors.append(float("inf"))
            self.exact.append(False)
            return
        self.errors.append(distance_km(gold.lat, gold.lon, entry.lat, entry.lon))
        self.exact.append(gold.geonameid is not None and gold.geonameid == entry.geonameid)

    def summary(self) -> dict[str, Any]:
        n = len(self.errors)
        return {
            "n": n,
            "acc161": round(sum(e <= ACC_KM for e in self.errors) / n, 3) if n else None,
            "exact": round(sum(self.exact) / n, 3) if n else None,
            "median_km": round(statistics.median(self.errors), 1) if n else None,
            "unresolved": sum(e == float("inf") for e in self.errors),
        }


def _score_gold_spans(resolver: Resolver, doc: Doc, *scores: Scores) -> None:
    """Resolve the gold spans of one article and add each result to every ``scores``."""
    topos = toponyms(doc.text, [Span(g.start, g.end) for g in doc.gold])
    by_start = {r.toponym.start: r for r in resolver.resolve(topos)}
    for g in doc.gold:
        for score in scores:
            score.add(g, _find(by_start, g))


def evaluate_gold_spans(docs: list[Doc], gaz: Gazetteer) -> dict[str, Any]:
    """Resolution with gold spans only (no NER): the fast loop for working on the resolver."""
    resolver = Resolver(gaz)
    gold_given = Scores()
    split = {"development (even articles)": Scores(), "held out (odd articles)": Scores()}
    t0 = time.perf_counter()
    for idx, doc in enumerate(docs):
        half = split["held out (odd articles)" if idx % 2 else "development (even articles)"]
        _score_gold_spans(resolver, doc, gold_given, half)
    return {
        "articles": len(docs),
        "gold_toponyms": sum(len(d.gold) for d in docs),
        "resolution_gold_spans": gold_given.summary(),
        "resolution_gold_spans_by_split": {k: v.summary()["acc161"] for k, v in split.items()},
        "ms_per_article_resolution": round(1000 * (time.perf_counter() - t0) / max(1, len(docs)), 1),
    }


def evaluate(docs: list[Doc], gaz: Gazetteer, parser: ArticleParser) -> dict[str, Any]:
    resolver = Resolver(gaz)
    tp = fp = fn = 0
    gold_given, end_to_end = Scores(), Scores()
    # Weights were set on the even-numbered articles; the odd-numbered ones are held out.
    split = {"development (even articles)": Scores(), "held out (odd articles)": Scores()}
    ner_s = places_s = 0.0
    for idx, doc in enumerate(docs):
        half = split["held out (odd articles)" if idx % 2 else "development (even articles)"]
        # 1. Resolution with gold spans given.
        _score_gold_spans(resolver, doc, gold_given, half)
        # 2. End to end: own detection, then resolution.
        t0 = time.perf_counter()
        parsed = parser.parse_text(doc.text, "en")
        nlp_doc = parsed.english
        t1 = time.perf_counter()
        spans, others = spacy_spans(nlp_doc)
        taken = [(s.start, s.end) for s in spans] + others
        spans += gazetteer_spans(doc.text, gaz, taken, parsed.sentences)
        spans += host_spans(doc.text, gaz, spacy_hosts(nlp_doc))
        predicted = resolver.resolve(toponyms(doc.text, spans))
        t2 = time.perf_counter()
        ner_s += t1 - t0
        places_s += t2 - t1
        pred_spans = {(r.toponym.start, r.toponym.end) for r in predicted}
        gold_spans = {(g.start, g.end) for g in doc.gold}
        tp += len(pred_spans & gold_spans)
        fp += len(pred_spans - gold_spans)
        fn += len(gold_spans - pred_spans)
        pred_by_start = {r.toponym.start: r for r in predicted}
        for g in doc.gold:
            res = _find(pred_by_start, g)
            if res is not None:
                end_to_end.add(g, res)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    n = max(1, len(docs))
    return {
        "articles": len(docs),
        "gold_toponyms": sum(len(d.gold) for d in docs),
        "geotagging": {"precision": round(p, 3), "recall": round(r, 3),
                       "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0},
        "resolution_gold_spans": gold_given.summary(),
        "resolution_gold_spans_by_split": {k: v.summary()["acc161"] for k, v in split.items()},
        "resolution_end_to_end": end_to_end.summary(),
        "ms_per_article": {"spacy_ner": round(1000 * ner_s / n, 1),
                           "places_without_ner": round(1000 * places_s / n, 1)},
    }


def _find(by_start: dict[int, Resolution], gold: Gold) -> Resolution | None:
    """The resolution for a gold span: same start, or a span starting inside it."""
    if gold.start in by_start:
        return by_start[gold.start]
    for start, res in by_start.items():
        if gold.start <= start < gold.end:
            return res
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=0, help="articles per set (0 = all)")
    parser.add_argument("--skip-build", action="store_true", help="do not time a fresh build")
    parser.add_argument("--gold-spans-only", action="store_true",
                        help="score resolution with gold spans only (no NER; fast; no JSON written)")
    args = parser.parse_args(argv)
    if args.gold_spans_only:
        return gold_spans_only(args.limit)
    speed: dict[str, float] = {}
    if not args.skip_build:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            build_gazetteer(Path(tmp) / "gaz.sqlite", progress=None)
            speed["gazetteer_build_s"] = round(time.perf_counter() - t0, 1)
    resources = build_resources()
    t0 = time.perf_counter()
    gaz = resources.gazetteer
    gaz.lookup("Tashkent")
    speed["gazetteer_open_and_first_lookup_ms"] = round(1000 * (time.perf_counter() - t0), 1)
    resources.nlp.english  # noqa: B018 - load the model outside the timed loop
    root = eval_dir("geoparsing", "gritta")
    results: dict[str, Any] = {"speed": speed}
    for name, loader, file in (("GWN", load_gwn, "GWN.xml"), ("LGL", load_lgl, "lgl.xml")):
        docs = loader(root / file)
        if args.limit:
            docs = docs[: args.limit]
        results[name] = evaluate(docs, gaz, resources.parser)
    print_table(results)
    path = write_results("geoparsing", results)
    print(f"\nwrote {path}", file=sys.stderr)
    return 0


def gold_spans_only(limit: int) -> int:
    """Print gold-span resolution scores for both sets; writes no results file."""
    gaz = build_resources().gazetteer
    root = eval_dir("geoparsing", "gritta")
    print("| set | gold-span acc@161 (n) | exact | median km | unresolved | dev | held out | ms/art |")
    print("|---|---|---|---|---|---|---|---|")
    for name, loader, file in (("GWN", load_gwn, "GWN.xml"), ("LGL", load_lgl, "lgl.xml")):
        docs = loader(root / file)
        r = evaluate_gold_spans(docs[: limit] if limit else docs, gaz)
        gs, split = r["resolution_gold_spans"], list(r["resolution_gold_spans_by_split"].values())
        print(f"| {name} | {gs['acc161']} ({gs['n']}) | {gs['exact']} | {gs['median_km']} | "
              f"{gs['unresolved']} | {split[0]} | {split[1]} | {r['ms_per_article_resolution']} |")
    return 0


def print_table(results: dict[str, Any]) -> None:
    print("| set | articles | gold | tag P | tag R | tag F1 | gold-span acc@161 | exact | "
          "median km | e2e acc@161 | e2e n | NER ms/art | places ms/art |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name in ("GWN", "LGL"):
        r = results[name]
        g, gs, e2e, ms = (r["geotagging"], r["resolution_gold_spans"],
                          r["resolution_end_to_end"], r["ms_per_article"])
        print(f"| {name} | {r['articles']} | {r['gold_toponyms']} | {g['precision']} | "
              f"{g['recall']} | {g['f1']} | {gs['acc161']} (n={gs['n']}) | {gs['exact']} | "
              f"{gs['median_km']} | {e2e['acc161']} | {e2e['n']} | {ms['spacy_ner']} | "
              f"{ms['places_without_ner']} |")
    for name in ("GWN", "LGL"):
        print(f"{name} gold-span acc@161 by split: {results[name]['resolution_gold_spans_by_split']}")
    print(f"\nspeed: {results['speed']}")


if __name__ == "__main__":
    raise SystemExit(main())
