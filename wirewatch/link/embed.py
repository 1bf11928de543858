"""The text of an article that the story linker embeds, and the embedding call.

What an event report says first is what it is about: the title and the lead. So an article is
embedded as its title, subtitle and the first ``LEAD_WORDS`` words of its body (about three
news sentences), not the whole body, whose later background paragraphs drift towards other
events (and cost more). The embedder (``wirewatch.resources.embeddings``) is built once by the
caller and passed in; ``python -m bench.stories`` compares the two that ship offline and the
setting ``story_embedder`` defaults to the one that measured better.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wirewatch.model import AnnotatedArticle
from wirewatch.resources.embeddings import Embedder, Vectors

LEAD_WORDS = 100
_SPACE = re.compile(r"\s+")
# Web addresses say nothing an encoder can use and look alike across unrelated pages (a feed's
# or a site's URL as a title or first line made unrelated leads similar): left out.
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)


def lead(body: str, words: int = LEAD_WORDS) -> str:
    """The first ``words`` words of ``body`` (web addresses left out), white space collapsed."""
    return " ".join(_SPACE.split(_URL.sub(" ", body).strip())[:words])


def embedding_text(title: str | None, subtitle: str | None, body: str) -> str:
    parts = [_URL.sub(" ", part).strip() for part in (title, subtitle) if part]
    parts = [part for part in parts if part]
    parts.append(lead(body))
    return "\n".join(parts)


def article_text(doc: AnnotatedArticle) -> str:
    article = doc.article
    return embedding_text(article.title, article.subtitle, article.body)


def embed_articles(embedder: Embedder, docs: Sequence[AnnotatedArticle]) -> Vectors:
    """One unit vector per article (rows in the order given)."""
    return embedder.embed([article_text(doc) for doc in docs])
