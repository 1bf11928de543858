"""Full-text search over each article's title, body and quotes, on either back end.

SQLite: an FTS5 table (created by the migration) over ``search_documents.terms``, a copy of the
text reduced word by word in Python (``stemming.Reducer``: Russian lemmas, English Snowball
stems), since FTS5's own stemmer reads English only; the query is reduced the same way and ranked
by BM25. PostgreSQL: ``terms`` is a ``tsvector`` built by the server's own Snowball
configuration for the article's language (``russian``, ``english``, else ``simple``; title,
body and quotes weighted A, B, C) under a GIN index; the query is read by
``websearch_to_tsquery`` in each configuration and ranked by ``ts_rank_cd``.

Query syntax, the same on both (a subset of web-search syntax): words (all must match, in any
inflection), ``"a phrase"``, ``a OR b``, ``-word`` (must not match, beside at least one word
that must).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, insert, text

from wirewatch.model import AnnotatedArticle
from wirewatch.store.schema import FTS_TABLE, SearchDocumentRow
from wirewatch.store.stemming import WORD, Reducer

# PostgreSQL text-search configurations by article language; any other language is indexed as
# words without stemming.
CONFIGS = {"ru": "russian", "en": "english"}
FALLBACK_CONFIG = "simple"
# Characters of a body indexed: a tsvector holds at most 1 MB, and a body beyond the annotated
# length (the max_body_chars default) is rare enough to be found by its beginning.
INDEXED_BODY_CHARS = 300_000
# Words of context a snippet shows before and after the first match.
SNIPPET_BEFORE = 12
SNIPPET_AFTER = 24
_QUERY_TOKEN = re.compile(r'-?"[^"]*"?|\S+')


@dataclass(frozen=True)
class SearchHit:
    """One article found: its id and metadata, a snippet around the first match (matched words
    in [brackets]) and the back end's relevance score (higher is better; comparable within one
    result list only)."""

    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    language: str | None
    snippet: str
    rank: float

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "url": self.url, "outlet": self.outlet,
                "published": self.published, "language": self.language, "snippet": self.snippet,
                "rank": self.rank}


def searchable_texts(doc: AnnotatedArticle) -> tuple[str, str, str]:
    """Title, body (its indexed part) and the quotes' texts of an article."""
    article = doc.article
    quotes = "\n".join(quote.text for quote in doc.quotes)
    return article.title or "", article.body[:INDEXED_BODY_CHARS], quotes


@dataclass(frozen=True)
class _Unit:
    """One part of a query: a word or phrase (its terms in order), or several alternatives."""

    alternatives: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ParsedQuery:
    required: tuple[_Unit, ...]
    excluded: tuple[tuple[str, ...], ...]

    def terms(self) -> set[str]:
        return {term for unit in self.required for phrase in unit.alternatives for term in phrase}


def parse_query(query: str, reducer: Reducer) -> ParsedQuery:
    """The query's units, each word reduced as the index was."""
    required: list[_Unit] = []
    excluded: list[tuple[str, ...]] = []
    join_next = False
    for token in _QUERY_TOKEN.findall(query):
        if token == "OR":
            join_next = bool(required)
            continue
        negated = token.startswith("-") and len(token) > 1
        phrase = tuple(reducer.terms(token[1:] if negated else token))
        if not phrase:
            continue
        if negated:
            excluded.append(phrase)
        elif join_next:
            required[-1] = _Unit((*required[-1].alternatives, phrase))
        else:
            required.append(_Unit((phrase,)))
        join_next = False
    return ParsedQuery(tuple(required), tuple(excluded))


def _fts_phrase(phrase: tuple[str, ...]) -> str:
    # Every term quoted: a term is \w+ only, but FTS5 would read AND, OR, NOT, NEAR as operators.
    return '"' + " ".join(phrase) + '"'


def fts5_expression(parsed: ParsedQuery) -> str:
    """The FTS5 MATCH expression of a parsed query ("" when nothing is required)."""
    units = []
    for unit in parsed.required:
        phrases = [_fts_phrase(p) for p in unit.alternatives]
        units.append(phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")")
    if not units:
        return ""
    expression = " AND ".join(units)
    if parsed.excluded:
        expression = f"({expression}) NOT (" + " OR ".join(_fts_phrase(p) for p in parsed.excluded) + ")"
    return expression


class SearchIndex:
    """Writes and queries the search documents of one back end (``dialect``: sqlite, postgresql)."""

    def __init__(self, dialect: str, reducer: Reducer) -> None:
        self.dialect = dialect
        self.reducer = reducer

    def index(self, connection: Connection, doc: AnnotatedArticle) -> None:
        """(Re)index one article, inside the caller's transaction."""
        article_id = doc.article.id
        connection.execute(delete(SearchDocumentRow).where(SearchDocumentRow.article_id == article_id))
        title, body, quotes = searchable_texts(doc)
        config = CONFIGS.get(doc.article.language or "", FALLBACK_CONFIG)
        if self.dialect == "postgresql":
            connection.execute(text(
                "INSERT INTO search_documents (article_id, config, terms) VALUES (:id, :config, "
                "setweight(to_tsvector(CAST(:cfg AS regconfig), :title), 'A') || "
                "setweight(to_tsvector(CAST(:cfg AS regconfig), :body), 'B') || "
                "setweight(to_tsvector(CAST(:cfg AS regconfig), :quotes), 'C'))"),
                {"id": article_id, "config": config, "cfg": config, "title": title, "body": body,
                 "quotes": quotes})
        else:
            terms = "\n".join(self.reducer.text(part) for part in (title, body, quotes))
            connection.execute(insert(SearchDocumentRow).values(article_id=article_id, config=config,
                                                                terms=terms))

    def matches(self, connection: Connection, query: str, limit: int, offset: int) -> list[tuple[str, float]]:
        """(article id, score) of the articles matching ``query``, best first."""
        if self.dialect == "postgresql":
            rows = connection.execute(text(
                "WITH q AS (SELECT websearch_to_tsquery('russian', :q) || "
                "websearch_to_tsquery('english', :q) || websearch_to_tsquery('simple', :q) AS query) "
                "SELECT d.article_id, ts_rank_cd(d.terms, q.query) AS score "
                "FROM search_documents d, q WHERE d.terms @@ q.query "
                "ORDER BY score DESC, d.article_id LIMIT :limit OFFSET :offset"),
                {"q": query, "limit": limit, "offset": offset})
            return [(row[0], round(float(row[1]), 6)) for row in rows]
        expression = fts5_expression(parse_query(query, self.reducer))
        if not expression:
            return []
        rows = connection.execute(text(
            f"SELECT d.article_id, bm25({FTS_TABLE}) AS score FROM {FTS_TABLE} "
            f"JOIN search_documents d ON d.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH :q "
            "ORDER BY score, d.article_id LIMIT :limit OFFSET :offset"),
            {"q": expression, "limit": limit, "offset": offset})
        # bm25() is lower for better matches: negated so that higher is better on both back ends.
        return [(row[0], round(-float(row[1]), 6)) for row in rows]

    def snippet(self, doc: AnnotatedArticle, query: str) -> str:
        """A stretch of the body (else the title or a quote) around the first word that matches a
        query term, matched words in [brackets]; the body's start when none does."""
        wanted = parse_query(query, self.reducer).terms()
        title, body, quotes = searchable_texts(doc)
        for field in (body, title, quotes):
            words = list(WORD.finditer(field))
            hits = [i for i, m in enumerate(words) if self.reducer.term(m.group()) in wanted]
            if hits:
                return _window(field, words, hits)
        return " ".join(body[:200].split()) + ("…" if len(body) > 200 else "")


def _window(field: str, words: list[re.Match[str]], hits: list[int]) -> str:
    first = max(0, hits[0] - SNIPPET_BEFORE)
    last = min(len(words) - 1, hits[0] + SNIPPET_AFTER)
    marked = set(hits)
    pieces: list[str] = []
    position = words[first].start()
    for i in range(first, last + 1):
        match = words[i]
        pieces.append(field[position:match.start()])
        pieces.append(f"[{match.group()}]" if i in marked else match.group())
        position = match.end()
    snippet = " ".join("".join(pieces).split())
    return ("…" if first > 0 else "") + snippet + ("…" if last < len(words) - 1 else "")
