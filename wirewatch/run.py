"""The streaming runner: documents in, results out to a sink, one batch in memory at a time.

One service for every caller (the CLI now, the store and the cluster runner later). Documents are
read in batches of ``batch_size``; each document is parsed, the parsed articles of a batch are
annotated by one call (``_annotate_batch``, so that models can run over many articles at once),
and the results go to the sink in input order. A failure of one input becomes an ``InputError``
in its place and the run goes on; an article seen before (same id) becomes an error naming the
first. Two back ends give the same results in the same order: this process, or a pool of worker
processes, each building its pipeline once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

from wirewatch.annotate.pipeline import AnnotationFailure, Annotator
from wirewatch.errors import BadInputError
from wirewatch.model import AnnotatedArticle, Article, Document, InputError
from wirewatch.parse import parse_document
from wirewatch.resources.outlets import OutletCatalog
from wirewatch.settings import Settings
from wirewatch.sinks import Sink

Result = AnnotatedArticle | InputError

# Documents per annotate call. Large enough for batched model inference to pay off, small enough
# that a batch's parses stay a few megabytes and the first results come soon.
DEFAULT_BATCH_SIZE = 32
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

    def __post_init__(self) -> None:
        if self.workers < 1 or self.batch_size < 1:
            raise ValueError(f"workers and batch_size must be at least 1, got {self}")


@dataclass
class RunTally:
    """How many articles were analysed and how many inputs failed."""

    articles: int = 0
    errors: int = 0


def run(
    documents: Iterable[Document | InputError],
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
        else:
            tally.articles += 1
            sink.article(item)
    sink.finish()
    return tally


def results(
    documents: Iterable[Document | InputError],
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
        yield from _in_process(documents, options, pipeline or factory())


def _batches(
    documents: Iterable[Document | InputError], size: int
) -> Iterator[list[Document | InputError]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def _pool_batches(
    documents: Iterable[Document | InputError], size: int, workers: int
) -> Iterator[list[Document | InputError]]:
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


def process_batch(batch: list[Document | InputError], pipeline: Pipeline) -> list[Result]:
    """Parse each document of ``batch``, annotate the parsed articles together; input errors and
    parse failures keep their place."""
    slots: list[Result | None] = []
    parsed: list[tuple[int, Article]] = []
    for item in batch:
        if isinstance(item, InputError):
            slots.append(item)
            continue
        try:
            parsed.append((len(slots), parse_document(item, pipeline.catalog)))
            slots.append(None)
        except BadInputError as exc:
            slots.append(InputError(item.source, str(exc)))
    annotated = _annotate_batch(pipeline.annotator, [article for _, article in parsed])
    for (position, _), result in zip(parsed, annotated, strict=True):
        slots[position] = result
    return [slot for slot in slots if slot is not None]


class _Deduplicator:
    """Keeps the first article of each id; later ones become errors naming the first."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def __call__(self, item: Result) -> Result:
        if isinstance(item, InputError):
            return item
        article = item.article
        first = self.seen.setdefault(article.id, article.source)
        if first != article.source:
            return InputError(article.source, f"same article as {first} (id {article.id}); kept the first")
        return item


def _in_process(
    documents: Iterable[Document | InputError], options: RunOptions, pipeline: Pipeline
) -> Iterator[Result]:
    dedupe = _Deduplicator()
    for batch in _batches(documents, options.batch_size):
        for item in process_batch(batch, pipeline):
            yield dedupe(item)


# The pipeline of a worker process, built once by the pool's initializer.
_worker_pipeline: list[Pipeline] = []


def _init_worker(factory: PipelineFactory) -> None:
    _worker_pipeline.append(factory())


def _worker_batch(batch: list[Document | InputError]) -> list[Result]:
    return process_batch(batch, _worker_pipeline[0])


def _in_pool(
    documents: Iterable[Document | InputError], options: RunOptions, factory: PipelineFactory
) -> Iterator[Result]:
    # Duplicates are settled here in the parent, in input order, so the output equals one process's.
    dedupe = _Deduplicator()
    pending: deque[Future[list[Result]]] = deque()
    window = options.workers * IN_FLIGHT_BATCHES_PER_WORKER
    with ProcessPoolExecutor(options.workers, initializer=_init_worker, initargs=(factory,)) as pool:
        for batch in _pool_batches(documents, options.batch_size, options.workers):
            pending.append(pool.submit(_worker_batch, batch))
            while len(pending) > window:
                yield from map(dedupe, pending.popleft().result())
        while pending:
            yield from map(dedupe, pending.popleft().result())
