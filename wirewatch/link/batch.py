"""Linking one run's articles in memory (``wirewatch analyze``, no store).

``BatchLinker`` takes annotated articles as a sink hands them over, keeps only what linking needs
(never the articles), embeds them ``EMBED_BATCH`` at a time (the encoders are much faster on a
batch) and assigns them, in arrival order, to near-duplicates and stories over a
``MemoryLinkState``. ``finish()`` links what is left and returns the stories and near-duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wirewatch.link.duplicates import link_duplicates
from wirewatch.link.embed import article_text
from wirewatch.link.state import MemoryLinkState
from wirewatch.link.stories import Weights, assign, link_input, stories_of, weights_for
from wirewatch.model import AnnotatedArticle, Duplicate, DuplicateKind, Story
from wirewatch.resources.embeddings import Embedder

EMBED_BATCH = 32


@dataclass
class LinkResult:
    stories: list[Story] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)


class BatchLinker:
    def __init__(self, embedder: Embedder, *, story_language: str = "en",
                 weights: Weights | None = None) -> None:
        self.embedder = embedder
        self.story_language = story_language
        self.weights = weights or weights_for(embedder.name)
        self.state = MemoryLinkState(embedder.dim)
        self._pending: list[AnnotatedArticle] = []
        self._sources: dict[str, str] = {}
        self._duplicates: list[Duplicate] = []

    def add(self, doc: AnnotatedArticle) -> None:
        # Only a batch of articles is held, until it is embedded.
        self._pending.append(doc)
        if len(self._pending) >= EMBED_BATCH:
            self._flush()

    def _flush(self) -> None:
        docs, self._pending = self._pending, []
        if not docs:
            return
        vectors = self.embedder.embed([article_text(doc) for doc in docs])
        for doc, vector in zip(docs, vectors, strict=True):
            article = doc.article
            if article.id in self._sources:
                continue  # the same id twice: the runner reports it; link the first only
            self._sources[article.id] = article.source
            near = link_duplicates(article.id, article.body, self.state)
            if near is not None:
                self._duplicates.append(Duplicate(
                    article.id, near.duplicate_of, near.similarity, article.source,
                    self._sources[near.duplicate_of], kept=True, kind=DuplicateKind.NEAR))
            assign(link_input(doc, vector), self.state, self.weights)

    def finish(self) -> LinkResult:
        self._flush()
        return LinkResult(stories_of(self.state, self.story_language), list(self._duplicates))


def merge_duplicates(exact: list[Duplicate], near: list[Duplicate]) -> list[Duplicate]:
    """The run's exact duplicates, then the near ones not already reported as exact."""
    reported = {(d.article, d.duplicate_of) for d in exact} | {(d.duplicate_of, d.article) for d in exact}
    return exact + [d for d in near if (d.article, d.duplicate_of) not in reported]
