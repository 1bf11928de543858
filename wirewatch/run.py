"""The streaming runner: documents in, results out to a sink, one batch in memory at a time.

One service for every caller (the CLI now, the store and the cluster runner later). Documents are
read in batches of ``batch_size``; each document is parsed, the parsed articles of a batch are
annotated by one call (``_annotate_batch``, so that models can run over many articles at once),
and the results go to the sink in input order. A failure of one input becomes an ``InputError``
in its place and the run goes on; warnings from reading the input pass through in their place.
An article seen before is a ``Duplicate``, not a failure: a second copy under the same id is
left out of the articles; the same text under another id (a re-post at another address) is
kept and marked. Two back ends give the same results in the same order: this process, or a pool
of worker processes, each building its pipeline once.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

from wirewatch.annotate.budget import Deadline, OverBudget
from wirewatch.annotate.pipeline import AnnotationFailure, Annotator
from wirewatch.errors import BadInputError, echo
from wirewatch.memory import limit_memory, out_of_memory_reason
from wirewatch.model import AnnotatedArticle, Article, Document, Duplicate, InputError, InputWarning
from wirewatch.parse import parse_document
from wirewatch.parse.article import stable_id
from wirewatch.resources.outlets import OutletCatalog
from wirewatch.settings import Settings
from wirewatch.sinks import Sink

Item = Document | InputError | InputWarning
Result = AnnotatedArticle | InputError | InputWarning | Duplicate

# Documents per annotate call. Large enough for batched model inference to pay off, small enough
# that a batch's parses stay a few megabytes and the first results come soon.
DEFAULT_BATCH_SIZE = 32
# Texts sampled for the similarity of two versions under one id (bottom-k MinHash sketch of word
# 4-gram shingles): 128 hashes estimate a Jaccard similarity within about 0.09.
SKETCH_SIZE = 128
SHINGLE_WORDS = 4
# Under one id, a text less similar than this to the first is no copy but another article given
# the same id by mistake: an input error, since ids must be unique.
MIN_SAME_ID_SIMILARITY = 0.5
# Batches handed to the pool ahead of the results being read: keeps every worker busy without
# reading a whole large input into memory.
IN_FLIGHT_BATCHES_PER_WORKER = 2


@dataclass(frozen=True)
class Pipeline:
    """What turns a document into an annotated article: the annotator and the outlet catalogue
    the parse looks publishers up in."""

    annotator: Annotator
    catalog: OutletCatalog


PipelineFactory = Callable[[], Pipeline]


def build_pipeline(settings: Settings) -> Pipeline:
    """The default pipeline over ``Resources`` built once from ``settings``. Picklable as
    ``functools.partial(build_pipeline, settings)``, so each pool worker builds its own from the
    same settings (never from the environment)."""
    from wirewatch.annotate.default import default_annotator
    from wirewatch.resources.bundle import build_resources

    resources = build_resources(settings)
    return Pipeline(default_annotator(resources), resources.catalog)


def default_pipeline() -> Pipeline:
    """The default pipeline with default settings."""
    return build_pipeline(Settings())


@dataclass(frozen=True)
class RunOptions:
    workers: int = 1
    batch_size: int = DEFAULT_BATCH_SIZE
    # Address space (MB) each analysing process may take beyond its loaded models; 0: no ceiling
    # (``Settings.memory_mb``, wirewatch/memory.py).
    memory_mb: float = 0.0

    def __post_init__(self) -> None:
        if self.workers < 1 or self.batch_size < 1:
            raise ValueError(f"workers and batch_size must be at least 1, got {self}")


@dataclass
class RunTally:
    """How many articles were analysed, how many inputs failed, warnings and duplicates."""

    articles: int = 0
    errors: int = 0
    warnings: int = 0
    duplicates: int = 0


def run(
    documents: Iterable[Item],
    sink: Sink,
    options: RunOptions | None = None,
    *,
    pipeline: Pipeline | None = None,
    factory: PipelineFactory = default_pipeline,
) -> RunTally:
    """Analyse ``documents`` into ``sink`` and call its ``finish()``; return the tally.

    ``pipeline`` is an already built pipeline for the in-process back end; without it one is built
    with ``factory``, which with ``workers > 1`` each worker process calls (so it must be picklable:
    a module-level function or a ``functools.partial`` of one).
    """
    tally = RunTally()
    for item in results(documents, options, pipeline=pipeline, factory=factory):
        if isinstance(item, InputError):
            tally.errors += 1
            sink.error(item)
        elif isinstance(item, InputWarning):
            tally.warnings += 1
            sink.warning(item)
        elif isinstance(item, Duplicate):
            tally.duplicates += 1
            sink.duplicate(item)
        else:
            tally.articles += 1
            sink.article(item)
    sink.finish()
    return tally


def results(
    documents: Iterable[Item],
    options: RunOptions | None = None,
    *,
    pipeline: Pipeline | None = None,
    factory: PipelineFactory = default_pipeline,
) -> Iterator[Result]:
    """The results of ``run`` as a generator, in input order, for callers that want no sink."""
    options = options or RunOptions()
    if options.workers > 1:
        if pipeline is not None:
            raise ValueError("a built pipeline runs in this process only: with workers > 1, "
                             "pass factory= and each worker builds its own")
        yield from _in_pool(documents, options, factory)
    else:
        pipeline = pipeline or factory()
        limit_memory(options.memory_mb)
        yield from _in_process(documents, options, pipeline)


def _batches(documents: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def _pool_batches(documents: Iterable[Item], size: int, workers: int) -> Iterator[list[Item]]:
    """Batches for the pool; an input smaller than one batch per worker is shared evenly among
    the workers instead, so that ``-j`` speeds up small runs too."""
    iterator = iter(documents)
    first = list(islice(iterator, size * workers))
    if len(first) < size * workers:
        size = max(1, -(-len(first) // workers))
    yield from (first[start:start + size] for start in range(0, len(first), size))
    yield from _batches(iterator, size)


def _annotate_batch(annotator: Annotator, articles: list[Article]) -> list[Result]:
    """Annotate a batch of articles by one call (``Annotator.pipe``: the batch is parsed together,
    then the stages run per article), results in order; a failing article becomes an error in
    its place."""
    return [
        InputError(result.source, result.reason) if isinstance(result, AnnotationFailure) else result
        for result in annotator.pipe(articles, batch_size=max(1, len(articles)))
    ]


def _parse_in_time(document: Document, pipeline: Pipeline) -> Article:
    """The page parsed, interrupted (``OverBudget``) past ``article_seconds``: parsing is linear
    in the page, and this bounds any step that is not."""
    with Deadline(pipeline.annotator.budget.article_seconds).enforced():
        return parse_document(document, pipeline.catalog)


def process_batch(batch: list[Item], pipeline: Pipeline, memory_mb: float = 0.0) -> list[Result]:
    """Parse each document of ``batch``, annotate the parsed articles together; input errors,
    warnings and parse failures keep their place. A page that runs out of the memory ceiling
    (``memory_mb``) is that page's error."""
    slots: list[Result | None] = []
    parsed: list[tuple[int, Article]] = []
    for item in batch:
        if isinstance(item, InputError | InputWarning):
            slots.append(item)
            continue
        try:
            parsed.append((len(slots), _parse_in_time(item, pipeline)))
            slots.append(None)
        except OverBudget:
            seconds = pipeline.annotator.budget.article_seconds
            slots.append(InputError(item.source, f"parsing the page took longer than the article's time "
                                    f"budget (article_seconds {seconds:g}): not analysed"))
        except BadInputError as exc:
            slots.append(InputError(item.source, str(exc)))
        except MemoryError:
            slots.append(InputError(item.source, out_of_memory_reason(memory_mb)))
    annotated = _annotate_batch(pipeline.annotator, [article for _, article in parsed])
    for (position, _), result in zip(parsed, annotated, strict=True):
        slots[position] = result
    return [slot for slot in slots if slot is not None]


def _shingle_sketch(text: str) -> frozenset[int]:
    """The ``SKETCH_SIZE`` smallest hashes of the text's word 4-grams (a bottom-k MinHash)."""
    words = re.findall(r"\w+", text.casefold())
    grams = {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    # crc32: fast, and the same in every process and run (str hashes are salted per process).
    hashes = (zlib.crc32(g.encode()) for g in grams)
    return frozenset(sorted(hashes)[:SKETCH_SIZE])


def _similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard similarity estimated from two bottom-k sketches: the share of the k smallest hashes
    of their union found in both."""
    union = sorted(a | b)[:SKETCH_SIZE]
    if not union:
        return 1.0
    return round(sum(1 for h in union if h in a and h in b) / len(union), 3)


def _text_digest(body: str) -> str:
    return hashlib.sha1(" ".join(body.split()).casefold().encode()).hexdigest()


@dataclass(frozen=True)
class _Seen:
    id: str
    source: str
    sketch: frozenset[int]


class _Deduplicator:
    """Marks articles seen earlier in the run.

    Same id: the later copy is a ``Duplicate`` left out of the articles (``kept=False``), with its
    estimated similarity to the first; under ``MIN_SAME_ID_SIMILARITY`` it is another text with a
    clashing id, an input error. Same text (spacing and case aside) under another id: the article
    is passed on and a ``Duplicate`` (``kept=True``) is reported before it. Memory: a small
    sketch per id and a digest per text, never the texts.
    """

    def __init__(self) -> None:
        self.by_id: dict[str, _Seen] = {}
        self.by_url: dict[str, _Seen] = {}
        self.by_text: dict[str, _Seen] = {}

    def __call__(self, item: Result) -> list[Result]:
        if not isinstance(item, AnnotatedArticle):
            return [item]
        article = item.article
        sketch = _shingle_sketch(article.body)
        # Same id, or (issue 12) another id but the same url: the same article given twice.
        url_key = stable_id(article.url, "") if article.url else None
        first = self.by_id.get(article.id) or (self.by_url.get(url_key) if url_key else None)
        if first is not None:
            same_id = first.id == article.id
            what = f"id {article.id} as" if same_id else f"url {echo(article.url)} as {first.id},"
            similarity = _similarity(first.sketch, sketch)
            if similarity < MIN_SAME_ID_SIMILARITY:
                rule = "ids" if same_id else "urls"
                return [InputError(article.source, f"same {what} {first.source} but another text (similarity "
                                   f"{similarity:.2f}): {rule} must be unique; kept the first")]
            return [Duplicate(article.id, first.id, similarity, article.source, first.source, kept=False)]
        seen = _Seen(article.id, article.source, sketch)
        self.by_id[article.id] = seen
        if url_key:
            self.by_url.setdefault(url_key, seen)
        same_text = self.by_text.setdefault(_text_digest(article.body), seen)
        if same_text is not seen:
            return [Duplicate(article.id, same_text.id, 1.0, article.source, same_text.source, kept=True),
                    item]
        return [item]


def _in_process(documents: Iterable[Item], options: RunOptions, pipeline: Pipeline) -> Iterator[Result]:
    dedupe = _Deduplicator()
    for batch in _batches(documents, options.batch_size):
        for item in process_batch(batch, pipeline, options.memory_mb):
            yield from dedupe(item)


# The pipeline of a worker process, built once by the pool's initializer.
_worker_pipeline: list[Pipeline] = []
_worker_memory_mb: list[float] = []


def _init_worker(factory: PipelineFactory, memory_mb: float = 0.0) -> None:
    _worker_pipeline.append(factory())
    _worker_memory_mb.append(memory_mb)
    limit_memory(memory_mb)  # after the models: the ceiling bounds what the articles add


def _worker_batch(batch: list[Item]) -> list[Result]:
    return process_batch(batch, _worker_pipeline[0], _worker_memory_mb[0])


def _in_pool(documents: Iterable[Item], options: RunOptions, factory: PipelineFactory) -> Iterator[Result]:
    # Duplicates are settled here in the parent, in input order, so the output equals one process's.
    dedupe = _Deduplicator()
    pending: deque[Future[list[Result]]] = deque()
    window = options.workers * IN_FLIGHT_BATCHES_PER_WORKER
    with ProcessPoolExecutor(options.workers, initializer=_init_worker,
                             initargs=(factory, options.memory_mb)) as pool:
        for batch in _pool_batches(documents, options.batch_size, options.workers):
            pending.append(pool.submit(_worker_batch, batch))
            while len(pending) > window:
                for result in pending.popleft().result():
                    yield from dedupe(result)
        while pending:
            for result in pending.popleft().result():
                yield from dedupe(result)
