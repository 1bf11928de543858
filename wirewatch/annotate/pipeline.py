"""The annotate stage: an ordered list of per-article annotators.

Each stage is pure: it takes an ``AnnotatedArticle`` and returns a copy with its own fields
filled (``dataclasses.replace``), touching no database and no global state beyond its loaded
models. That is what lets one machine run annotate in a process pool and a cluster run it unchanged.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Protocol

from wirewatch.model import AnnotatedArticle, Article
from wirewatch.resources.fingerprint import provenance


class Stage(Protocol):
    """One annotator. ``name`` appears in error messages."""

    name: str

    def __call__(self, doc: AnnotatedArticle) -> AnnotatedArticle: ...


class StageError(Exception):
    """A stage failed on one article; the message names the stage and the article."""


class Annotator:
    """Runs the stages in order over one article."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages = tuple(stages)

    def __call__(self, article: Article) -> AnnotatedArticle:
        doc = AnnotatedArticle(article=article)
        for stage in self.stages:
            result = stage(doc)
            if not isinstance(result, AnnotatedArticle):
                raise StageError(
                    f"stage {stage.name!r} returned {type(result).__name__} instead of an "
                    f"AnnotatedArticle for article {article.id!r}: did it forget to return the copy?"
                )
            doc = result
        return dataclasses.replace(doc, produced_by=provenance())  # what produced it, for a store
