"""Shared helpers for the quotes, citations and claims tests: seed articles and a pipeline."""

from __future__ import annotations

from pathlib import Path

from wirewatch.annotate.attribution.stage import QuoteAnnotator
from wirewatch.annotate.citations.stage import CitationAnnotator
from wirewatch.annotate.claims.stage import ClaimAnnotator
from wirewatch.model import AnnotatedArticle, Article
from wirewatch.resources.nlp import english_pipeline


def make_article(body: str, *, language: str = "en", article_id: str = "t", **extra: object) -> Article:
    fields: dict[str, object] = {
        "id": article_id,
        "source": f"{article_id}.txt",
        "url": None,
        "outlet": None,
        "title": None,
        "subtitle": None,
        "byline": None,
        "published": None,
        "published_from": None,
        "language": language,
        "translated_from": None,
        "original_outlet": None,
        "body": body,
    }
    fields.update(extra)
    return Article(**fields)  # type: ignore[arg-type]


def seed_article(path: Path) -> Article:
    """A seed page as an article: the body ends where the credit line ("Source: X") and the
    reader comments begin; the credit line goes to ``credits``."""
    text = path.read_text(encoding="utf-8")
    credits: tuple[str, ...] = ()
    cut = text.find("\nSource: ")
    if cut >= 0:
        credits = (text[cut:].strip().splitlines()[0],)
        text = text[:cut]
    return make_article(text, article_id=path.stem, credits=credits)


def entity_stage() -> object | None:
    """The entity stage when it exists; without it the stages fall back on spaCy's NER."""
    try:
        from wirewatch.annotate.entities.stage import EntityAnnotator
    except ImportError:
        return None
    return EntityAnnotator()


def annotate(article: Article, *, with_entities: bool = True) -> AnnotatedArticle:
    """Run entities (when available), quotes, citations and claims over one article."""
    doc = AnnotatedArticle(article=article)
    stage = entity_stage() if with_entities else None
    if stage is not None:
        doc = stage(doc)  # type: ignore[operator]
    nlp = english_pipeline()
    for step in (QuoteAnnotator(nlp), CitationAnnotator(), ClaimAnnotator(nlp)):
        doc = step(doc)
    return doc


def raw_attributions(body: str) -> list[tuple[str, str | None]]:
    """(content, source) as text of each attribution the PolNeAR benchmark scores."""
    doc = AnnotatedArticle(article=make_article(body))
    atts = QuoteAnnotator().attributions(doc, keep_nested=False)[0]
    out: list[tuple[str, str | None]] = []
    for a in atts:
        source = body[a.source_start : a.source_end] if a.source_start is not None else None
        out.append((body[a.content_start : a.content_end], source))
    return out
