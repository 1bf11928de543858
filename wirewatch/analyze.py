"""The main job: documents in, annotated articles (or one error per bad input) out.

``analyze`` is a generator so that a large batch streams: each input is parsed and annotated on
its own, and a failure of one input becomes an ``InputError`` while the rest goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from wirewatch.annotate.outlets import OutletCatalog, default_catalog
from wirewatch.annotate.pipeline import Annotator
from wirewatch.errors import BadInputError
from wirewatch.model import AnnotatedArticle, Document, InputError
from wirewatch.parse import parse_document


@dataclass
class AnalysisReport:
    """Everything one run produced, in input order."""

    articles: list[AnnotatedArticle] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def analyze(
    inputs: Iterable[Document | InputError],
    annotator: Annotator,
    catalog: OutletCatalog | None = None,
) -> Iterator[AnnotatedArticle | InputError]:
    """Parse and annotate each document; pass input errors through; never raise for bad input."""
    catalog = catalog or default_catalog()
    seen: dict[str, str] = {}
    for item in inputs:
        if isinstance(item, InputError):
            yield item
            continue
        try:
            article = parse_document(item, catalog)
        except BadInputError as exc:
            yield InputError(item.source, str(exc))
            continue
        if article.id in seen:
            yield InputError(
                item.source, f"same article as {seen[article.id]} (id {article.id}); kept the first"
            )
            continue
        seen[article.id] = item.source
        try:
            yield annotator(article)
        except Exception as exc:  # one bad article must not stop the batch; the message says where
            reason = " ".join(str(exc).split()) or type(exc).__name__
            yield InputError(item.source, f"annotation failed ({type(exc).__name__}: {reason})")


def analyze_all(
    inputs: Iterable[Document | InputError],
    annotator: Annotator,
    catalog: OutletCatalog | None = None,
) -> AnalysisReport:
    report = AnalysisReport()
    for item in analyze(inputs, annotator, catalog):
        if isinstance(item, InputError):
            report.errors.append(item)
        else:
            report.articles.append(item)
    return report
