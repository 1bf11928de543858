"""Linking one run's articles in memory (``wirewatch analyze``, no store).

``BatchLinker`` takes annotated articles as a sink hands them over, keeps only what linking needs
(never the articles, unless it assesses), embeds them ``EMBED_BATCH`` at a time (the encoders are
much faster on a batch) and assigns them, in arrival order, to near-duplicates and stories over a
``MemoryLinkState``. ``finish()`` links what is left and returns the stories and near-duplicates,
and, with ``assess=True`` (``wirewatch analyze`` asks for it), each story's derivations
(``derive_all``) and story-level claims (``assess_story``, each origin graded by its record over
the claims of the stories before it), computed over at most ``assess_articles`` of the story's
articles (its earliest and latest, as the store does: ``wirewatch.store.linking.assessed_members``).
Only those articles are kept, per story.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from wirewatch.link.duplicates import link_duplicates
from wirewatch.link.embed import article_text
from wirewatch.link.state import MemoryLinkState
from wirewatch.link.stories import Weights, assign, link_input, stories_of, weights_for
from wirewatch.model import AnnotatedArticle, Derivation, Duplicate, DuplicateKind, Story, StoryClaim
from wirewatch.resources.embeddings import Embedder

EMBED_BATCH = 32
ASSESS_ARTICLES = 40  # the default of the setting link_assess_articles


@dataclass
class LinkResult:
    stories: list[Story] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    derivations: list[Derivation] = field(default_factory=list)
    claims: list[StoryClaim] = field(default_factory=list)


@dataclass
class _Kept:
    """The articles of one story that are derived and assessed: the earliest and the latest."""

    early: list[AnnotatedArticle]
    late: deque[AnnotatedArticle]


class BatchLinker:
    def __init__(self, embedder: Embedder, *, story_language: str = "en",
                 weights: Weights | None = None, assess: bool = False,
                 assess_articles: int = ASSESS_ARTICLES) -> None:
        self.embedder = embedder
        self.story_language = story_language
        self.weights = weights or weights_for(embedder.name)
        self.state = MemoryLinkState(embedder.dim)
        self._pending: list[AnnotatedArticle] = []
        self._sources: dict[str, str] = {}
        self._duplicates: list[Duplicate] = []
        self.assess = assess
        self.assess_articles = max(2, assess_articles)
        self._kept: dict[str, _Kept] = {}

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
            story_id = assign(link_input(doc, vector), self.state, self.weights).story_id
            if self.assess:
                self._keep(story_id, doc)

    def _keep(self, story_id: str, doc: AnnotatedArticle) -> None:
        late = self.assess_articles // 2
        kept = self._kept.setdefault(story_id, _Kept([], deque(maxlen=late)))
        if len(kept.early) < self.assess_articles - late:
            kept.early.append(doc)
        else:
            kept.late.append(doc)

    def finish(self) -> LinkResult:
        self._flush()
        result = LinkResult(stories_of(self.state, self.story_language), list(self._duplicates))
        if self.assess:
            result.derivations, result.claims = self._assess(result.stories)
        return result

    def _assess(self, stories: list[Story]) -> tuple[list[Derivation], list[StoryClaim]]:
        from wirewatch.assess import assess_story, outlet_record
        from wirewatch.link.derivations import derive_all

        derivations: list[Derivation] = []
        claims: list[StoryClaim] = []
        for story in stories:
            kept = self._kept.get(story.id)
            if kept is None:
                continue
            docs = [*kept.early, *kept.late]
            found = derive_all(docs, self.embedder)
            claims.extend(assess_story(story.id, docs, found, self.embedder, outlet_record(claims)))
            derivations.extend(found)
        return derivations, claims


def merge_duplicates(exact: list[Duplicate], near: list[Duplicate]) -> list[Duplicate]:
    """The run's exact duplicates, then the near ones not already reported as exact."""
    reported = {(d.article, d.duplicate_of) for d in exact} | {(d.duplicate_of, d.article) for d in exact}
    return exact + [d for d in near if (d.article, d.duplicate_of) not in reported]
