"""The annotate stage: an ordered list of per-article annotators.

Each stage is pure: it takes an ``AnnotatedArticle`` and the article's parse (``ArticleParse``)
and returns a copy with its own fields filled (``dataclasses.replace``), touching no database
and no global state beyond its loaded models. That is what lets one machine run annotate in a
process pool and a cluster run it unchanged.

Each stage declares what it ``requires`` and ``produces``: ``AnnotatedArticle`` field names,
plus ``parse`` and ``sentences``, which the annotator itself provides before the first stage.
``Annotator`` checks the order when it is built, as spaCy checks its components.

Languages. The models read English and Russian (``SUPPORTED_LANGUAGES``). On an article in any
other language the annotator runs only the stages that say they read any language (a class
attribute ``any_language = True``: the entities stage, which then finds catalogue outlets only)
and records each stage it left out in ``AnnotatedArticle.skipped``; ``annotations`` lists the
stages that ran.

Budgets (``annotate/budget.py``). A body over ``Budget.max_body_chars`` is parsed and annotated
on its head only, and a stage is not started, or is interrupted, once the article's
``Budget.article_seconds`` are spent; both are recorded in ``skipped``, and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from typing import Protocol

from wirewatch.annotate.budget import Budget, Deadline, OverBudget, body_cut, tail_skipped, time_skipped
from wirewatch.model import AnnotatedArticle, Article, Skipped
from wirewatch.resources.article_parse import SUPPORTED_LANGUAGES, ArticleParse, ArticleParser
from wirewatch.resources.fingerprint import provenance

# What the annotator provides before the first stage runs.
PROVIDED = ("article", "parse", "sentences")


class Stage(Protocol):
    """One annotator. ``name`` appears in error messages; ``requires`` and ``produces`` name
    ``AnnotatedArticle`` fields (and ``parse`` / ``sentences``)."""

    name: str

    @property
    def requires(self) -> tuple[str, ...]: ...

    @property
    def produces(self) -> tuple[str, ...]: ...

    def __call__(self, doc: AnnotatedArticle, parsed: ArticleParse) -> AnnotatedArticle: ...


class StageError(Exception):
    """A stage failed on one article; the message names the stage and the article."""


class PipelineOrderError(ValueError):
    """A stage requires something no earlier stage produces; the message says where to put it."""


@dataclass(frozen=True)
class AnnotationFailure:
    """One article ``Annotator.pipe`` could not annotate: which, and why in one line."""

    article_id: str
    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def check_order(stages: Sequence[Stage]) -> None:
    """Raise ``PipelineOrderError`` when a stage requires what no earlier stage produces."""
    available = set(PROVIDED)
    for index, stage in enumerate(stages):
        for need in stage.requires:
            if need in available:
                continue
            later = [s.name for s in stages[index + 1 :] if need in s.produces]
            where = (f"put it after {later[0]!r}" if later
                     else "add a stage that produces it before this one")
            raise PipelineOrderError(
                f"stage {stage.name!r} requires {need!r}, which no earlier stage produces; {where}"
            )
        available.update(stage.produces)


def unsupported(language: str) -> str:
    """Why an annotation was not made on an article in ``language``."""
    supported = ", ".join(sorted(SUPPORTED_LANGUAGES))
    return f"language {language!r} is not one the models read ({supported})"


def one_line(exc: BaseException) -> str:
    """An exception as one line: its type and its message with white space collapsed."""
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


class Annotator:
    """Parses each article once and runs the stages in order over it.

    ``Annotator(stages, parser)`` checks the stages' order (``PipelineOrderError``). Call it on
    one ``Article`` to get its ``AnnotatedArticle`` (a stage's exception propagates), or use
    ``pipe`` for many: parsing is batched, and a failing article is yielded as an
    ``AnnotationFailure`` while the rest goes on.
    """

    def __init__(self, stages: Sequence[Stage], parser: ArticleParser, budget: Budget | None = None) -> None:
        self.stages = tuple(stages)
        self.parser = parser
        self.budget = budget or Budget()
        check_order(self.stages)

    def __call__(self, article: Article) -> AnnotatedArticle:
        head = self._head(article)
        return self._whole(article, self.annotate(head, self.parser(head)))

    def _head(self, article: Article) -> Article:
        """The article as annotated: itself, or for a body over the size budget, a copy with
        the body's head only (offsets into the head are offsets into the whole body)."""
        cut = body_cut(article.body, self.budget.max_body_chars)
        if cut is None or not article.body[:cut].strip():
            return article
        return replace(article, body=article.body[:cut])

    def _whole(self, article: Article, doc: AnnotatedArticle) -> AnnotatedArticle:
        """``doc`` annotated on ``_head(article)``, given back its whole article."""
        if doc.article is article:
            return doc
        tail = tail_skipped(len(article.body), len(doc.article.body), self.budget.max_body_chars)
        return replace(doc, article=article, skipped=(*doc.skipped, tail))

    def annotate(self, article: Article, parsed: ArticleParse) -> AnnotatedArticle:
        """Run the stages over ``article`` with its parse already made (on an unsupported
        language, only those with ``any_language``)."""
        doc = AnnotatedArticle(article=article, sentences=parsed.sentences)
        ran: list[str] = []
        deadline = Deadline(self.budget.article_seconds)
        for stage in self.stages:
            if not parsed.is_supported and not getattr(stage, "any_language", False):
                doc = replace(doc, skipped=(*doc.skipped, Skipped(stage.name, unsupported(parsed.language))))
                continue
            if deadline.passed():
                doc = replace(doc, skipped=(*doc.skipped, time_skipped(stage.name, deadline.seconds, False)))
                continue
            try:
                with deadline.enforced():
                    result = stage(doc, parsed)
            except OverBudget:
                doc = replace(doc, skipped=(*doc.skipped, time_skipped(stage.name, deadline.seconds, True)))
                continue
            if not isinstance(result, AnnotatedArticle):
                raise StageError(
                    f"stage {stage.name!r} returned {type(result).__name__} instead of an "
                    f"AnnotatedArticle for article {article.id!r}: did it forget to return the copy?"
                )
            doc = result
            ran.append(stage.name)
        # What produced it, for a store; and which annotations it has.
        return replace(doc, produced_by=provenance(), annotations=tuple(ran))

    def pipe(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[AnnotatedArticle | AnnotationFailure]:
        """Annotate ``articles`` in input order, ``batch_size`` at a time: each batch is parsed
        together (spaCy's ``nlp.pipe`` for English bodies, natasha's taggers over all the
        Russian ones), then the stages run per article. Holds one batch in memory. A failure
        in one article, parsing or annotating, is yielded as an ``AnnotationFailure``; never
        raised."""
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        stream = iter(articles)
        while batch := list(islice(stream, batch_size)):
            heads = [self._head(article) for article in batch]
            for article, head, parsed in zip(batch, heads, self.parser.pipe(heads, batch_size), strict=True):
                if isinstance(parsed, Exception):
                    yield _failure(article, "parse failed", parsed)
                    continue
                try:
                    yield self._whole(article, self.annotate(head, parsed))
                except Exception as exc:  # one bad article must not stop the batch
                    yield _failure(article, "annotation failed", exc)


def _failure(article: Article, what: str, exc: BaseException) -> AnnotationFailure:
    return AnnotationFailure(article.id, article.source, f"{what} ({one_line(exc)})")
