"""Attribution benchmark on PolNeAR: content spans (P/R/F1) and speaker accuracy.

Usage: ``.venv/bin/python -m bench.attribution [--split dev|train] [--limit N] [--stride K --offset M]
[--no-baseline]``. ``--stride 6 --offset 0`` scores every 6th annotation file from the first: a
development sample of the train split; another offset gives a second sample to confirm on.

Method (the GenderGapTracker's evaluation, re-implemented): for each gold attribution, in text
order, the best still-unmatched predicted content with overlap = |gold ∩ predicted| / |gold|
above the threshold (0.3 and 0.8) is its match; unmatched gold contents are false negatives,
unmatched predictions false positives. Speaker accuracy is over matched contents: the predicted
source span overlaps the gold source span by at least one character (both missing also counts,
as a floating quote). Discontinuous gold spans count as the set of their characters.
Baseline: textacy 0.13.0 ``direct_quotations`` over the same spaCy parse (direct quotes only).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import eval_dir, write_results
from wirewatch.annotate.attribution.stage import QuoteAnnotator
from wirewatch.model import AnnotatedArticle, Article
from wirewatch.resources.article_parse import ArticleParser
from wirewatch.resources.bundle import build_resources

THRESHOLDS = (0.3, 0.8)
# Published GenderGapTracker figures (English quote extractor, its own annotated test set).
GGT_PUBLISHED = {"f1_0.3": 0.837, "speaker_accuracy": 0.865}

_SPAN = re.compile(r"(\d+) (\d+)")


@dataclass(frozen=True)
class Item:
    """One attribution as character sets: content and (possibly empty) source."""

    content: frozenset[int]
    source: frozenset[int]


def _chars(fragments: str) -> frozenset[int]:
    out: set[int] = set()
    for a, b in _SPAN.findall(fragments):
        out.update(range(int(a), int(b)))
    return frozenset(out)


def read_gold(ann: Path) -> list[Item]:
    spans: dict[str, frozenset[int]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, frags = parts[1].partition(" ")
            if label in ("Content", "Source"):
                spans[parts[0]] = _chars(frags)
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split()[1:]))
    items = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content:
            items.append(Item(content, spans.get(rel.get("Source", ""), frozenset())))
    return sorted(items, key=lambda i: min(i.content))


def _span(start: int | None, end: int | None) -> frozenset[int]:
    return frozenset(range(start, end)) if start is not None and end is not None else frozenset()


def predict_wirewatch(annotator: QuoteAnnotator, parser: ArticleParser, text: str) -> list[Item]:
    """The quotes stage's raw attributions alone (no entity stage: PolNeAR scores spans)."""
    article = Article(
        id="bench", source="polnear", url=None, outlet=None, title=None, subtitle=None,
        byline=None, published=None, published_from=None, language="en",
        translated_from=None, original_outlet=None, body=text,
    )  # fmt: skip
    parsed = parser(article)
    doc = AnnotatedArticle(article=article, sentences=parsed.sentences)
    atts, _ = annotator.attributions(doc, parsed, keep_nested=False)
    return [Item(_span(a.content_start, a.content_end), _span(a.source_start, a.source_end)) for a in atts]


def predict_textacy(parser: ArticleParser, text: str) -> list[Item]:
    from textacy.extract.triples import direct_quotations

    sdoc = parser.parse_text(text, "en").english
    out: list[Item] = []
    try:
        triples = list(direct_quotations(sdoc))
    except ValueError:
        return out  # textacy bails out on an odd number of quotation marks: no predictions
    for triple in triples:
        content = triple.content
        speaker = triple.speaker
        source = frozenset(i for t in speaker for i in range(t.idx, t.idx + len(t.text)))
        out.append(Item(frozenset(range(content.start_char, content.end_char)), source))
    return out


def score(pairs: Iterable[tuple[Sequence[Item], Sequence[Item]]], threshold: float) -> dict[str, float]:
    tp = fp = fn = speaker_ok = 0
    for gold, pred in pairs:
        remaining = list(pred)
        for g in gold:
            best, best_score = None, threshold
            for p in remaining:
                overlap = len(g.content & p.content) / len(g.content)
                if overlap > best_score:
                    best, best_score = p, overlap
            if best is None:
                fn += 1
                continue
            tp += 1
            remaining.remove(best)
            if (g.source & best.source) or (not g.source and not best.source):
                speaker_ok += 1
        fp += len(remaining)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "speaker_accuracy": round(speaker_ok / tp, 4) if tp else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def load(
    split: str, limit: int | None, stride: int = 1, offset: int = 0
) -> list[tuple[str, str, list[Item]]]:
    """Annotation files with their texts and gold: every ``stride``-th file from ``offset``,
    at most ``limit`` of them."""
    root = eval_dir("attribution", "polnear", "data", split)
    docs = []
    for ann in sorted((root / "attributions").glob("*.ann"))[offset::stride]:
        stem = ann.stem.rsplit("_", 1)[0]
        text_path = root / "text" / f"{stem}.txt"
        if text_path.is_file():
            docs.append((stem, text_path.read_text(encoding="utf-8"), read_gold(ann)))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--stride", type=int, default=1, help="every K-th annotation file only")
    parser.add_argument("--offset", type=int, default=0, help="first file of the stride sample")
    parser.add_argument("--no-baseline", action="store_true", help="skip textacy")
    args = parser.parse_args(argv)
    if args.stride < 1 or not 0 <= args.offset < args.stride:
        parser.error("--stride must be >= 1 and 0 <= --offset < --stride")
    docs = load(args.split, args.limit, args.stride, args.offset)
    resources = build_resources()
    annotator = QuoteAnnotator(resources.catalog, resources.nlp)
    resources.nlp.english  # noqa: B018 - load outside the timed loop
    systems: dict[str, list[tuple[list[Item], list[Item]]]] = {"wirewatch": []}
    started = time.perf_counter()
    for _, text, gold in docs:
        systems["wirewatch"].append((gold, predict_wirewatch(annotator, resources.parser, text)))
    elapsed = time.perf_counter() - started
    if not args.no_baseline:
        systems["textacy direct_quotations"] = [(g, predict_textacy(resources.parser, t)) for _, t, g in docs]
    results: dict[str, Any] = {
        "split": args.split,
        "sample": {"stride": args.stride, "offset": args.offset, "limit": args.limit},
        "articles": len(docs),
        "gold_attributions": sum(len(g) for _, _, g in docs),
        "overlap": "|gold ∩ predicted| / |gold| (GenderGapTracker)",
        "wirewatch_articles_per_s": round(len(docs) / elapsed, 2) if elapsed else None,
        "ggt_published": GGT_PUBLISHED,
        "systems": {name: {str(t): score(pairs, t) for t in THRESHOLDS} for name, pairs in systems.items()},
    }
    print(f"PolNeAR {args.split}: {len(docs)} articles, {results['gold_attributions']} gold")
    print(f"{'system':28} {'thr':>4} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8}")
    for name, by_t in results["systems"].items():
        for t, s in by_t.items():
            print(
                f"{name:28} {t:>4} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                f"{s['speaker_accuracy']:8.3f}"
            )
    print(f"{'GGT (published)':28}  0.3      -      - {0.837:6.3f} {0.865:8.3f}")
    print(f"wirewatch speed: {results['wirewatch_articles_per_s']} articles/s (parse included)")
    sample = "" if args.stride == 1 else f"_s{args.stride}o{args.offset}"
    full = args.limit is None and args.stride == 1 and args.split == "dev"
    suffix = "" if full else f"_{args.split}{args.limit or ''}{sample}"
    print(f"wrote {write_results('attribution' + suffix, results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
