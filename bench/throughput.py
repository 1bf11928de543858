"""Throughput against the models' own speed: how much wirewatch adds to the inference it runs.

Two comparisons, each with its floor measured in the same run, on the same texts:

* English: spaCy's ``nlp.pipe`` alone (the packaged pipeline wirewatch uses, with its
  paragraph-break component) over the bodies of the first N articles of
  ``../shared/eval/corpus/polnear_articles.jsonl`` (default 150), against wirewatch's whole
  parse + annotate of the same articles, given as JSONL records, in one process. Issue 10's
  target: within 1.5x of the floor. spaCy called once per text is timed too, for reference:
  whether batching pays on this CPU.
* Russian: natasha's own steps as wirewatch runs them (segment, morphology, syntax, NER) over
  the factRuEval-2016 devset texts, against wirewatch's entities stage on the same texts.
  Target: within 3x. natasha's segment + NER alone is reported too, for reference.

Models load and warm up before any timing: every pipeline once over the timed texts (untimed),
the whole of wirewatch on a text outside the set. Wall seconds give
the articles per second; CPU seconds (``time.process_time``) are reported beside them because
the development machine is shared, and the ratios are given on both.

Run: .venv/bin/python -m bench.throughput [--limit N] [--ru-limit N] [--repeat K]
(with ``--repeat`` each measurement runs K times, alternating, and the fastest run counts).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.common import RESULTS_DIR, eval_dir, write_results
from bench.pipeline import _documents
from wirewatch.annotate.default import default_stages
from wirewatch.annotate.entities.stage import EntityAnnotator
from wirewatch.annotate.pipeline import AnnotationFailure, Annotator, Stage
from wirewatch.model import AnnotatedArticle, Article, Document, Hints, InputFormat
from wirewatch.parse import parse_document
from wirewatch.resources.article_parse import ArticleParse, ArticleParser
from wirewatch.resources.bundle import Resources, build_resources
from wirewatch.resources.outlets import OutletCatalog
from wirewatch.run import DEFAULT_BATCH_SIZE

DEFAULT_LIMIT = 150
TARGET_EN = 1.5
TARGET_RU = 3.0
# Warm-up text for the Russian models, not one of the timed texts.
_RU_WARM_UP = "Министр иностранных дел России Сергей Лавров прибыл в Ташкент, сообщает ТАСС."


@dataclass
class Timing:
    """Wall and CPU seconds of the fastest of the runs of one measurement."""

    wall: float = float("inf")
    cpu: float = float("inf")

    def keep_faster(self, wall: float, cpu: float) -> None:
        if wall < self.wall:
            self.wall, self.cpu = wall, cpu


@dataclass
class _TimedStage:
    """A stage that adds up the CPU seconds it takes, under the stage's own name (CPU, not
    wall: on a shared machine a stage's wall time is mostly other work's)."""

    stage: Stage
    seconds: dict[str, float]
    name: str = field(init=False)
    requires: tuple[str, ...] = field(init=False)
    produces: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.name, self.requires, self.produces = self.stage.name, self.stage.requires, self.stage.produces

    def __call__(self, doc: AnnotatedArticle, parsed: ArticleParse) -> AnnotatedArticle:
        started = time.process_time()
        result = self.stage(doc, parsed)
        self.seconds[self.name] += time.process_time() - started
        return result


def _timed(run: Callable[[], object], timing: Timing) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    timing.keep_faster(time.perf_counter() - wall, time.process_time() - cpu)


def _annotate_all(annotator: Annotator, articles: Sequence[Article]) -> list[AnnotatedArticle]:
    """The annotate step of the whole job as the runner does it: ``Annotator.pipe`` over batches
    of ``DEFAULT_BATCH_SIZE`` (each batch parsed together, then the stages per article)."""
    out = []
    for result in annotator.pipe(articles, batch_size=DEFAULT_BATCH_SIZE):
        if isinstance(result, AnnotationFailure):
            raise RuntimeError(f"benchmark article failed: {result}")
        out.append(result)
    return out


def _parse_all(documents: Sequence[Document], catalog: OutletCatalog) -> list[Article]:
    return [parse_document(document, catalog) for document in documents]


def _english(limit: int, repeat: int) -> dict[str, Any]:
    documents = _documents(limit + 1)
    warm_up, documents = documents[-1], documents[:limit]
    resources = _resources()
    catalog = resources.catalog
    seconds: dict[str, float] = defaultdict(float)
    stages = [_TimedStage(stage, seconds) for stage in default_stages(resources)]
    annotator = Annotator(stages, resources.parser)
    nlp = resources.nlp.english
    annotator(parse_document(warm_up, catalog))  # loads every model and the gazetteer
    bodies = [article.body for article in _parse_all(documents, catalog)]
    list(nlp.pipe(bodies))  # an untimed pass: the first pass over new texts runs slower

    floor, per_text = Timing(), Timing()
    fastest: tuple[float, float, dict[str, float]] = (float("inf"), float("inf"), {})
    for _ in range(repeat):
        _timed(lambda: list(nlp.pipe(bodies)), floor)
        _timed(lambda: [nlp(body) for body in bodies], per_text)
        seconds.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        articles = _parse_all(documents, catalog)
        seconds["parse"] = time.process_time() - cpu
        _annotate_all(annotator, articles)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        # What is neither page parsing nor a stage is the batched model parse (Annotator.pipe).
        page_parse = seconds.pop("parse")
        stage_seconds = sum(seconds.values())
        seconds = {"parse": page_parse, "nlp_parse": cpu - stage_seconds - page_parse, **seconds}
        if wall < fastest[0]:
            fastest = (wall, cpu, dict(seconds))
    whole_wall, whole_cpu, per_stage = fastest
    return {
        "articles": len(documents),
        "mean_chars": round(sum(map(len, bodies)) / len(bodies)),
        "spacy_pipe": _rates(floor, len(documents)),
        "wirewatch": _rates(Timing(whole_wall, whole_cpu), len(documents)),
        "ratio_wall": round(whole_wall / floor.wall, 2),
        "ratio_cpu": round(whole_cpu / floor.cpu, 2),
        "target": TARGET_EN,
        # The same parse one call per text: whether batching pays on this CPU.
        "spacy_per_text": _rates(per_text, len(documents)),
        "ratio_to_per_text_wall": round(whole_wall / per_text.wall, 2),
        "ratio_to_per_text_cpu": round(whole_cpu / per_text.cpu, 2),
        "ms_per_article": {k: round(1000 * v / len(documents), 1) for k, v in per_stage.items()},
        "spacy_pipeline": nlp.pipe_names,
    }


def _rates(timing: Timing, count: int) -> dict[str, float]:
    return {
        "wall_seconds": round(timing.wall, 2),
        "cpu_seconds": round(timing.cpu, 2),
        "articles_per_second": round(count / timing.wall, 2),
    }


def _russian_texts(limit: int | None) -> list[tuple[str, str]]:
    """(name, text) of the factRuEval devset texts, in number order."""
    folder = eval_dir("ner", "factRuEval-2016", "devset")
    names = sorted((p.stem for p in folder.glob("*.txt")), key=lambda n: int(n.split("_")[-1]))
    return [(name, (folder / f"{name}.txt").read_text(encoding="utf-8")) for name in names[:limit]]


def _russian_article(name: str, text: str, catalog: OutletCatalog) -> Article:
    """A plain Russian text as an article, as ``wirewatch analyze`` would read it."""
    document = Document(f"factru:{name}", text, InputFormat.TEXT, Hints(id=name, language="ru"))
    return parse_document(document, catalog)


def _natasha_steps(models: dict[str, Any], *, full: bool) -> Callable[[str], object]:
    """natasha's own work on one text: segment, morphology, syntax and NER as
    ``resources.nlp.parse_russian`` runs them (``full``), or segment and NER only."""
    from natasha import Doc

    def run(text: str) -> object:
        doc = Doc(text)
        doc.segment(models["segmenter"])
        if full:
            doc.tag_morph(models["morph"])
            doc.parse_syntax(models["syntax"])
        doc.tag_ner(models["ner"])
        return doc

    return run


def _russian_entities(
    parser: ArticleParser, stage: EntityAnnotator, articles: Sequence[Article]
) -> list[AnnotatedArticle]:
    """wirewatch's Russian parse (natasha, batched as the runner does it) and its entities stage
    over parsed Russian articles: everything wirewatch does to find Russian names."""
    out = []
    for article, parsed in zip(articles, parser.pipe(articles, DEFAULT_BATCH_SIZE), strict=True):
        if isinstance(parsed, Exception):
            raise RuntimeError(f"benchmark text failed to parse: {parsed}")
        out.append(stage(AnnotatedArticle(article=article, sentences=parsed.sentences), parsed))
    return out


def _resources() -> Resources:
    return build_resources(progress=None)


def _russian(limit: int | None, repeat: int) -> dict[str, Any]:
    texts = _russian_texts(limit)
    resources = _resources()
    catalog = resources.catalog
    articles = [_russian_article(name, text, catalog) for name, text in texts]
    models = resources.nlp.russian
    full, ner_only = _natasha_steps(models, full=True), _natasha_steps(models, full=False)
    stage = EntityAnnotator(catalog, resources.nlp)
    _russian_entities(resources.parser, stage, [_russian_article("warm-up", _RU_WARM_UP, catalog)])
    bodies = [article.body for article in articles]
    for body in bodies:  # an untimed pass, as for English: a first pass over new texts runs slower
        full(body)

    natasha, natasha_ner, wirewatch = Timing(), Timing(), Timing()
    for _ in range(repeat):
        _timed(lambda: [full(body) for body in bodies], natasha)
        _timed(lambda: [ner_only(body) for body in bodies], natasha_ner)
        _timed(lambda: _russian_entities(resources.parser, stage, articles), wirewatch)
    return {
        "texts": len(articles),
        "mean_chars": round(sum(map(len, bodies)) / len(bodies)),
        "natasha": _rates(natasha, len(articles)),
        "natasha_segment_ner_only": _rates(natasha_ner, len(articles)),
        "entities_stage": _rates(wirewatch, len(articles)),
        "ratio_wall": round(wirewatch.wall / natasha.wall, 2),
        "ratio_cpu": round(wirewatch.cpu / natasha.cpu, 2),
        "ratio_to_segment_ner_only_wall": round(wirewatch.wall / natasha_ner.wall, 2),
        "target": TARGET_RU,
    }


def run(limit: int, ru_limit: int | None, repeat: int) -> dict[str, Any]:
    return {"english": _english(limit, repeat), "russian": _russian(ru_limit, repeat), "repeat": repeat}


def _before_after(results: dict[str, Any]) -> str:
    """A table of this run beside ``throughput_before.json`` (the same script run on the code
    before a change), when that file is there."""
    path = RESULTS_DIR / "throughput_before.json"
    if not path.exists():
        return ""
    before = json.loads(path.read_text(encoding="utf-8"))
    rows = [
        ("English: wirewatch / spaCy pipe, wall", ("english", "ratio_wall")),
        ("English: wirewatch / spaCy pipe, CPU", ("english", "ratio_cpu")),
        ("Russian: entities stage / natasha, wall", ("russian", "ratio_wall")),
        ("Russian: entities stage / natasha, CPU", ("russian", "ratio_cpu")),
    ]
    lines = [f"| {label} | {before[a][b]} | {results[a][b]} |" for label, (a, b) in rows]
    table = "\n".join(lines)
    return f"""
Before and after (`throughput_before.json`: {before["code"]}; both runs on the shared machine,
so compare the ratios, each measured against its own floor):

| | before | after |
|---|---|---|
{table}
"""


def _row(label: str, rates: dict[str, float]) -> str:
    return f"| {label} | {rates['wall_seconds']} | {rates['cpu_seconds']} | {rates['articles_per_second']} |"


def write_up(results: dict[str, Any]) -> str:
    """The markdown section for docs/benchmarks.md."""
    en, ru = results["english"], results["russian"]
    stages = "\n".join(f"| {name} | {ms:.1f} |" for name, ms in en["ms_per_article"].items())
    runs = f"the fastest of {results['repeat']} runs" if results["repeat"] > 1 else "one run"
    return f"""# Throughput against the models alone

`.venv/bin/python -m bench.throughput` (JSON in `throughput.json`; {runs} of each measurement).
Each comparison measures its floor in the same run, on the same texts, after an untimed warm-up
pass of each model over them (a first pass over new texts runs slower).

**English**: the first {en["articles"]} articles of `../shared/eval/corpus/polnear_articles.jsonl`
({en["mean_chars"]} characters on average). The floor is spaCy's `nlp.pipe` alone over their bodies
(the pipeline wirewatch loads: {", ".join(en["spacy_pipeline"])}); wirewatch parses the JSONL
records and annotates them with the default stages in one process, as the runner does
(`Annotator.pipe` in batches of {DEFAULT_BATCH_SIZE}: each batch parsed by spaCy's `nlp.pipe`
together, then the stages per article).

| | wall s | CPU s | articles/s |
|---|---|---|---|
{_row("spaCy `nlp.pipe` alone", en["spacy_pipe"])}
{_row("spaCy `nlp(text)` alone, one call per text", en["spacy_per_text"])}
{_row("wirewatch parse + annotate", en["wirewatch"])}

**wirewatch takes {en["ratio_wall"]}x the floor's wall time ({en["ratio_cpu"]}x its CPU time)**;
target {en["target"]}x. Against spaCy called once per text (does batching pay on this CPU?):
{en["ratio_to_per_text_wall"]}x wall ({en["ratio_to_per_text_cpu"]}x CPU).
CPU milliseconds per article by step (`parse` is the page parse, `nlp_parse` the batched
model parse of bodies, titles and captions, then each stage):

| step | CPU ms/article |
|---|---|
{stages}

**Russian**: the {ru["texts"]} factRuEval-2016 devset texts ({ru["mean_chars"]} characters on average).
The floor is natasha's own steps as wirewatch runs them (segment, morphology, syntax, NER);
wirewatch parses the articles with them (batched, as the runner does) and its entities stage
then cleans, normalises and groups the names.

| | wall s | CPU s | texts/s |
|---|---|---|---|
{_row("natasha: segment, morphology, syntax, NER", ru["natasha"])}
{_row("natasha: segment and NER only (reference)", ru["natasha_segment_ner_only"])}
{_row("wirewatch Russian parse + entities stage", ru["entities_stage"])}

**The entities stage takes {ru["ratio_wall"]}x natasha's time ({ru["ratio_cpu"]}x CPU)**; target
{ru["target"]}x. Against natasha's segment and NER alone it is {ru["ratio_to_segment_ner_only_wall"]}x
(the stage needs the morphology and syntax too: they put names in the nominative).
{_before_after(results)}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="PolNeAR articles")
    parser.add_argument("--ru-limit", type=int, default=None, help="factRuEval devset texts (default all)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the fastest counts")
    args = parser.parse_args()
    results = run(args.limit, args.ru_limit, max(1, args.repeat))
    en, ru = results["english"], results["russian"]
    print(f"English, {en['articles']} PolNeAR articles: {en['ratio_wall']}x wall, {en['ratio_cpu']}x CPU "
          f"(target {TARGET_EN}x)")
    for label, key in (("spaCy pipe", "spacy_pipe"), ("wirewatch", "wirewatch")):
        print(f"  {label:<12} {en[key]}")
    for name, ms in en["ms_per_article"].items():
        print(f"  {name:<12} {ms:>8.1f} ms/article")
    print(f"Russian, {ru['texts']} factRuEval texts: {ru['ratio_wall']}x wall, {ru['ratio_cpu']}x CPU "
          f"(target {TARGET_RU}x)")
    for key in ("natasha", "natasha_segment_ner_only", "entities_stage"):
        print(f"  {key:<24} {ru[key]}")
    print("written to", write_results("throughput", results))
    (RESULTS_DIR / "throughput.md").write_text(write_up(results), encoding="utf-8")


if __name__ == "__main__":
    main()
