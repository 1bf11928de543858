"""Shared helpers for the quotes, citations and claims tests: seed articles and a pipeline."""

from __future__ import annotations

from pathlib import Path

from tests.pipeline_helpers import citation_stage, claim_stage, entity_stage, quote_stage, start
from wirewatch.annotate.pipeline import Stage
from wirewatch.model import AnnotatedArticle, Article


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


def annotate(article: Article, *, with_entities: bool = True) -> AnnotatedArticle:
    """Run entities (unless told not to), quotes, citations and claims over one article;
    without the entity stage, quotes and claims resolve names with spaCy's rough NER."""
    doc, parsed = start(article)
    steps: list[Stage] = [entity_stage()] if with_entities else []
    for step in (*steps, quote_stage(), citation_stage(), claim_stage()):
        doc = step(doc, parsed)
    return doc


def raw_attributions(body: str) -> list[tuple[str, str | None]]:
    """(content, source) as text of each attribution the PolNeAR benchmark scores."""
    doc, parsed = start(make_article(body))
    atts = quote_stage().attributions(doc, parsed, keep_nested=False)[0]
    out: list[tuple[str, str | None]] = []
    for a in atts:
        source = body[a.source_start : a.source_end] if a.source_start is not None else None
        out.append((body[a.content_start : a.content_end], source))
    return out
