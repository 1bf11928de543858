"""The store as a sink of the streaming runner, and re-analysis of stale articles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from wirewatch.annotate.pipeline import AnnotationFailure, Annotator
from wirewatch.model import AnnotatedArticle, Duplicate, InputError, InputWarning
from wirewatch.store.store import AddOutcome, Store

if TYPE_CHECKING:
    from wirewatch.store.linking import StoreLinker

# Articles stored per transaction unless told otherwise: one commit per batch keeps writes
# cheap, and a process killed midway loses at most one batch of work (never half an article).
DEFAULT_BATCH = 32


class StoreSink:
    """Adds each analysed article to a store, ``batch_size`` articles per transaction, and counts
    the outcomes (``counts``: added, unchanged, updated, reanalysed). Errors, warnings and
    duplicates are the console's to report; a run interrupted before ``finish()`` stores the
    batches completed so far."""

    def __init__(self, store: Store, batch_size: int = DEFAULT_BATCH, *,
                 linker: StoreLinker | None = None) -> None:
        self.store = store
        self.linker = linker
        self.batch_size = max(1, batch_size)
        self.pending: list[AnnotatedArticle] = []
        self.counts: Counter[AddOutcome] = Counter()

    def article(self, doc: AnnotatedArticle) -> None:
        self.pending.append(doc)
        if len(self.pending) >= self.batch_size:
            self.flush()

    def error(self, error: InputError) -> None:
        pass

    def warning(self, warning: InputWarning) -> None:
        pass

    def duplicate(self, duplicate: Duplicate) -> None:
        pass

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        self.counts.update(self.store.add_many(batch, then=None if self.linker is None else self.linker.link))

    def finish(self) -> None:
        self.flush()


def reanalyze(store: Store, annotator: Annotator, article_ids: list[str], *, batch_size: int = DEFAULT_BATCH,
              on_error: Callable[[InputError], None] | None = None,
              linker: StoreLinker | None = None) -> Counter[AddOutcome | str]:
    """Annotate the stored articles ``article_ids`` again from their stored text (no parse: the
    article is as it was read) and store the results, a batch per transaction. Returns the
    outcomes counted, and ``"errors"`` for articles whose annotation failed (passed to
    ``on_error``; their stored version stays). With ``linker``, what changed is linked again
    in the same transactions."""
    counts: Counter[AddOutcome | str] = Counter()
    for start in range(0, len(article_ids), batch_size):
        articles = [doc.article for doc in store.articles(article_ids[start:start + batch_size])]
        done: list[AnnotatedArticle] = []
        for result in annotator.pipe(articles, batch_size=max(1, len(articles))):
            if isinstance(result, AnnotationFailure):
                counts["errors"] += 1
                if on_error is not None:
                    on_error(InputError(result.source, result.reason))
            else:
                done.append(result)
        counts.update(store.add_many(done, then=None if linker is None else linker.link))
    return counts
