"""The main job: documents in, annotated articles (or one error per bad input) out.

``analyze`` is a generator so that a large batch streams: each input is parsed and annotated on
its own, and a failure of one input becomes an ``InputError`` while the rest goes on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from wirewatch.annotate.pipeline import Annotator
from wirewatch.errors import BadInputError
from wirewatch.model import AnnotatedArticle, Document, InputError
from wirewatch.parse import parse_document
from wirewatch.resources.outlets import OutletCatalog
from wirewatch.settings import Settings


@dataclass
class AnalysisReport:
    """Everything one run produced, in input order."""

    articles: list[AnnotatedArticle] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def process_document(
    document: Document, annotator: Annotator, catalog: OutletCatalog
) -> AnnotatedArticle | InputError:
    """Parse and annotate one document; any failure becomes an ``InputError`` naming why."""
    try:
        article = parse_document(document, catalog)
    except BadInputError as exc:
        return InputError(document.source, str(exc))
    try:
        return annotator(article)
    except Exception as exc:  # one bad article must not stop the batch; the message says where
        reason = " ".join(str(exc).split()) or type(exc).__name__
        return InputError(document.source, f"annotation failed ({type(exc).__name__}: {reason})")


class _Deduplicator:
    """Keeps the first article of each id; later ones become errors naming the first."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def __call__(self, item: AnnotatedArticle | InputError) -> AnnotatedArticle | InputError:
        if isinstance(item, InputError):
            return item
        article = item.article
        first = self.seen.setdefault(article.id, article.source)
        if first != article.source:
            return InputError(article.source, f"same article as {first} (id {article.id}); kept the first")
        return item


def analyze(
    inputs: Iterable[Document | InputError],
    annotator: Annotator,
    catalog: OutletCatalog,
) -> Iterator[AnnotatedArticle | InputError]:
    """Parse and annotate each document in this process; pass input errors through.
    ``catalog`` is the outlet catalogue the page parser reads (``Resources.catalog``)."""
    dedupe = _Deduplicator()
    for item in inputs:
        yield item if isinstance(item, InputError) else dedupe(process_document(item, annotator, catalog))


# Documents handed to the pool ahead of the results being read: keeps every worker busy without
# reading a whole large batch into memory.
IN_FLIGHT_PER_WORKER = 4
_worker_state: dict[str, tuple[Annotator, OutletCatalog]] = {}


def _start_worker(settings: Settings) -> None:
    """Runs once in each pool worker: its ``Resources`` and default pipeline, from the
    ``Settings`` the parent passed (never from the environment)."""
    from wirewatch.annotate.default import default_annotator
    from wirewatch.resources.bundle import build_resources

    resources = build_resources(settings)
    _worker_state["pipeline"] = (default_annotator(resources), resources.catalog)


def _worker_process(document: Document) -> AnnotatedArticle | InputError:
    """Runs in a pool worker, with the pipeline ``_start_worker`` built."""
    annotator, catalog = _worker_state["pipeline"]
    return process_document(document, annotator, catalog)


def analyze_in_pool(
    inputs: Iterable[Document | InputError], settings: Settings
) -> Iterator[AnnotatedArticle | InputError]:
    """Like ``analyze`` with the default pipeline, spread over ``settings.workers`` processes
    (each builds its own resources from ``settings``), in input order."""
    workers = settings.workers
    dedupe = _Deduplicator()
    pending: deque[Future[AnnotatedArticle | InputError] | InputError] = deque()
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                             initargs=(settings,)) as pool:
        for item in inputs:
            pending.append(item if isinstance(item, InputError) else pool.submit(_worker_process, item))
            while len(pending) > workers * IN_FLIGHT_PER_WORKER:
                yield dedupe(_result(pending.popleft()))
        while pending:
            yield dedupe(_result(pending.popleft()))


def _result(entry: Future[AnnotatedArticle | InputError] | InputError) -> AnnotatedArticle | InputError:
    return entry if isinstance(entry, InputError) else entry.result()


def collect(items: Iterable[AnnotatedArticle | InputError]) -> AnalysisReport:
    report = AnalysisReport()
    for item in items:
        if isinstance(item, InputError):
            report.errors.append(item)
        else:
            report.articles.append(item)
    return report
