"""The ingest service: pages (or earlier ``wirewatch analyze`` outputs) analysed into a store.

One function, ``ingest_paths``, used by ``wirewatch ingest`` and the web app: it reads the paths,
analyses what is not analysed yet, stores the articles a batch per transaction (``StoreSink``)
and returns an ``IngestReport`` (outcome counts, and one line per failed input and per warning).
It prints nothing: the caller shows the report, and may pass an ``observer`` sink (the console's
progress bar and error lines) that sees every result as it comes.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wirewatch.errors import one_line
from wirewatch.ingest.analyzed import is_analyze_output, read_analyzed
from wirewatch.ingest.files import IngestOptions, iter_documents
from wirewatch.model import AnnotatedArticle, Duplicate, InputError, InputWarning
from wirewatch.settings import Settings
from wirewatch.store.sink import StoreSink
from wirewatch.store.store import AddOutcome, Store

if TYPE_CHECKING:
    from wirewatch.run import Pipeline
    from wirewatch.sinks import Sink
    from wirewatch.store.linking import StoreLinker


@dataclass
class IngestReport:
    """What an ingest did: ``counts`` maps each ``AddOutcome`` value (added, unchanged, updated,
    reanalysed) to its number of articles; ``errors`` and ``warnings`` hold one line each
    (``SOURCE: REASON``). ``duplicates`` counts the exact repeats the run skipped or noted."""

    counts: dict[str, int]
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    articles: int = 0
    duplicates: int = 0

    def to_dict(self) -> dict[str, int]:
        """The counts with ``errors`` (their number): ``wirewatch ingest --json``."""
        return {**self.counts, "errors": len(self.errors)}


class _Reports:
    """Collects the run's error and warning lines and counts articles and duplicates, handing
    every result on to an optional observer."""

    def __init__(self, report: IngestReport, observer: Sink | None) -> None:
        self.report = report
        self.observer = observer

    def article(self, doc: AnnotatedArticle) -> None:
        self.report.articles += 1
        if self.observer is not None:
            self.observer.article(doc)

    def error(self, error: InputError) -> None:
        self.report.errors.append(one_line(str(error)))
        if self.observer is not None:
            self.observer.error(error)

    def warning(self, warning: InputWarning) -> None:
        self.report.warnings.append(one_line(str(warning)))
        if self.observer is not None:
            self.observer.warning(warning)

    def duplicate(self, duplicate: Duplicate) -> None:
        self.report.duplicates += 1
        if self.observer is not None:
            self.observer.duplicate(duplicate)

    def finish(self) -> None:
        if self.observer is not None:
            self.observer.finish()


def ingest_paths(store: Store, paths: Sequence[str | Path], settings: Settings, *, link: bool = True,
                 observer: Sink | None = None, pipeline: Pipeline | None = None,
                 linker: StoreLinker | None = None) -> IngestReport:
    """Analyse ``paths`` (files, directories, ``-``) and store the articles in ``store``.

    An earlier ``analyze`` output (JSON or JSON Lines) is stored as it is, not analysed again; the
    other paths are analysed with ``settings`` (``workers``, ``batch_size``, ``max_bytes``), or
    with ``pipeline`` when given (in process). Each batch of ``settings.batch_size`` articles is
    one transaction. With ``link``, each batch is also linked in its transaction (near-duplicates,
    stories, and the touched stories' derivations and claims: ``StoreLinker``, built from
    ``settings`` unless ``linker`` is given). ``observer`` sees
    every result as it comes (the console). Bad inputs become lines of ``errors``, never raised.
    """
    report = IngestReport(counts={})
    reports = _Reports(report, observer)
    if link and linker is None:
        from wirewatch.store.linking import StoreLinker

        linker = StoreLinker.from_settings(settings)
    sink = StoreSink(store, settings.batch_size, linker=linker if link else None)
    texts = [str(path) for path in paths]
    saved = [path for path in texts if path != "-" and Path(path).is_file() and is_analyze_output(path)]
    fresh = [path for path in texts if path not in saved]
    _read_saved(saved, sink, reports)
    if fresh:
        _analyse(fresh, settings, sink, reports, pipeline)
    else:
        sink.finish()
        reports.finish()
    report.counts = {str(outcome): sink.counts.get(outcome, 0) for outcome in AddOutcome}
    return report


def _read_saved(paths: Sequence[str], sink: StoreSink, reports: _Reports) -> None:
    """Articles of earlier analyze outputs into ``sink``; their recorded errors reported again."""
    for path in paths:
        for record in read_analyzed(path):
            if isinstance(record, InputError):
                reports.error(record)
            else:
                sink.article(record)
                reports.article(record)


def _analyse(paths: Sequence[str], settings: Settings, sink: StoreSink, reports: _Reports,
             pipeline: Pipeline | None) -> None:
    from wirewatch.run import RunOptions, build_pipeline, run
    from wirewatch.sinks import TeeSink

    documents = iter_documents(list(paths), IngestOptions(max_bytes=settings.max_bytes))
    if pipeline is not None:
        options = RunOptions(workers=1, batch_size=settings.batch_size)
        run(documents, TeeSink(reports, sink), options, pipeline=pipeline)
        return
    options = RunOptions(workers=settings.workers, batch_size=settings.batch_size)
    run(documents, TeeSink(reports, sink), options, factory=functools.partial(build_pipeline, settings))
