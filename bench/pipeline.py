"""Throughput of the whole analyze job and the cost of each annotate stage per article.

Input: the real political news articles of ../shared/eval/corpus/polnear_articles.jsonl (the first
N, default 150), given as JSONL records with their publisher and date, exactly as a user would.
Reports parse and per-stage milliseconds per article, articles per second end to end, model and
gazetteer load times, and the share of the annotate stage that places + times take (the issue's
budget: no more than 30%).

Run: .venv/bin/python -m bench.pipeline [--limit N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import defaultdict
from typing import Any

from bench.common import RESULTS_DIR, eval_dir, write_results
from wirewatch.annotate.default import default_stages
from wirewatch.annotate.pipeline import Stage
from wirewatch.ingest.jsonl import document_from_record
from wirewatch.model import AnnotatedArticle, Document
from wirewatch.parse import parse_document
from wirewatch.resources.article_parse import ArticleParser
from wirewatch.resources.bundle import build_resources

DEFAULT_LIMIT = 150


def _documents(limit: int) -> list[Document]:
    path = eval_dir("corpus", "polnear_articles.jsonl")
    documents: list[Document] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if len(documents) >= limit:
                break
            record = json.loads(line)
            documents.append(document_from_record(
                {"id": record["id"], "outlet": record["publisher"], "published": record["date"],
                 "title": record["title"], "text": record["text"]}, f"polnear:{number}"))
    return documents


def _warm_up(stages: list[Stage], parser: ArticleParser, document: Document) -> dict[str, float]:
    """Load every model once (first parse, first call of each stage) and time it apart from the
    steady state."""
    article = parse_document(document)
    started = time.perf_counter()
    parsed = parser(article)
    loads = {"nlp_parse": time.perf_counter() - started}
    doc = AnnotatedArticle(article=article, sentences=parsed.sentences)
    for stage in stages:
        started = time.perf_counter()
        doc = stage(doc, parsed)
        loads[stage.name] = time.perf_counter() - started
    return loads


def run(limit: int) -> dict[str, Any]:
    started = time.perf_counter()
    resources = build_resources()
    catalog, parser = resources.catalog, resources.parser
    stages = default_stages(resources)
    construct_s = time.perf_counter() - started
    documents = _documents(limit)
    loads = _warm_up(stages, parser, documents[-1])

    per_stage: dict[str, list[float]] = defaultdict(list)
    chars = 0
    wall_started = time.perf_counter()
    for document in documents:
        t0 = time.perf_counter()
        article = parse_document(document, catalog)
        per_stage["parse"].append(time.perf_counter() - t0)
        chars += len(article.body)
        t0 = time.perf_counter()
        parsed = parser(article)
        per_stage["nlp_parse"].append(time.perf_counter() - t0)
        doc = AnnotatedArticle(article=article, sentences=parsed.sentences)
        for stage in stages:
            t0 = time.perf_counter()
            doc = stage(doc, parsed)
            per_stage[stage.name].append(time.perf_counter() - t0)
    wall = time.perf_counter() - wall_started

    ms = {name: 1000 * statistics.mean(values) for name, values in per_stage.items()}
    annotate_ms = sum(v for k, v in ms.items() if k != "parse")
    places_times = ms.get("places", 0.0) + ms.get("times", 0.0)
    return {
        "articles": len(documents),
        "mean_chars": round(chars / len(documents)),
        "articles_per_second": round(len(documents) / wall, 2),
        "ms_per_article": {k: round(v, 2) for k, v in ms.items()},
        "annotate_ms_per_article": round(annotate_ms, 2),
        "places_plus_times_share_of_annotate": round(places_times / annotate_ms, 4),
        "startup_seconds": {"construct_stages_and_gazetteer": round(construct_s, 2),
                            **{f"first_call_{k}": round(v, 2) for k, v in loads.items()}},
    }


def write_up(results: dict[str, Any]) -> str:
    """The markdown section for docs/benchmarks.md."""
    rows = "\n".join(f"| {name} | {value:.1f} |" for name, value in results["ms_per_article"].items())
    startup = ", ".join(f"{k.replace('_', ' ')} {v} s" for k, v in results["startup_seconds"].items())
    return f"""# Whole job: throughput and cost per stage

`.venv/bin/python -m bench.pipeline` (JSON in `pipeline.json`): the first {results["articles"]}
articles of `../shared/eval/corpus/polnear_articles.jsonl` (real political news, {results["mean_chars"]}
characters on average) given as JSONL with their publisher and date, parsed and annotated by the
default pipeline in one process, after one warm-up article. Milliseconds per article, mean:

| stage | ms/article |
|---|---|
{rows}

Annotate total {results["annotate_ms_per_article"]:.1f} ms/article; **places + times take
{100 * results["places_plus_times_share_of_annotate"]:.1f}% of it** (the issue's budget: 30%).
End to end **{results["articles_per_second"]} articles/s** on one core. The NLP parse
(`nlp_parse`: spaCy for English, natasha for Russian) is done once per article by the annotator
and handed to every stage (`wirewatch/resources/article_parse.py`); it counts in the annotate
total. Start-up: {startup}; the gazetteer opens in milliseconds once its
cache is built (about 23 s, once per machine; see the geoparsing section).
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT)
    results = run(parser.parse_args().limit)
    print(f"{results['articles']} articles, {results['mean_chars']} characters on average")
    print(f"{'stage':<12} ms/article")
    for name, value in results["ms_per_article"].items():
        print(f"{name:<12} {value:>9.2f}")
    print(f"annotate total {results['annotate_ms_per_article']:.1f} ms/article; places + times = "
          f"{100 * results['places_plus_times_share_of_annotate']:.1f}% of it")
    print(f"end to end {results['articles_per_second']} articles/s (one process)")
    print("start-up:", results["startup_seconds"])
    print("written to", write_results("pipeline", results))
    (RESULTS_DIR / "pipeline.md").write_text(write_up(results), encoding="utf-8")


if __name__ == "__main__":
    main()
