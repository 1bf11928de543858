"""The store's tables, declared once for SQLite and PostgreSQL (SQLAlchemy 2, typed declarative).

The whole annotated article is kept as its public JSON (``AnnotatedArticle.to_dict``), the one
shape everything reads back; the columns beside it are what is filtered, joined and counted
without opening the JSON. Migrations (``migrations/versions``) create exactly these tables; a
test compares the two on both back ends. Back-end-specific search objects (SQLite's FTS5 table
and its triggers, PostgreSQL's GIN index) live in the migrations only: ``SEARCH_ONLY_OBJECTS``.

Dates stay the ISO 8601 text of the model (``published`` may be a month or a day: a timestamp
column would invent a precision); times of the store's own doing are timestamps.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Names of constraints and indexes chosen by rule, so that a migration can name what it alters.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
# Objects the migrations create on one back end only, which the model leaves out.
FTS_TABLE = "search_fts"
GIN_INDEX = "ix_search_documents_terms_gin"
SEARCH_ONLY_OBJECTS = (FTS_TABLE, GIN_INDEX)

ID = String(64)
SHORT = String(64)
# The indexed terms: a tsvector on PostgreSQL; on SQLite the stemmed text the FTS5 table indexes.
TERMS = Text().with_variant(TSVECTOR(), "postgresql")
CASCADE = "CASCADE"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[str]: JSON}


class ArticleRow(Base):
    """The current version of each article."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(255), index=True)
    language: Mapped[str | None] = mapped_column(String(16), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(SHORT, index=True)
    # AnnotatedArticle.produced_by.pipeline: articles of another fingerprint are stale.
    fingerprint: Mapped[str | None] = mapped_column(SHORT, index=True)
    # The article as parsed (not its source path): changes when the page changes.
    content_hash: Mapped[str] = mapped_column(SHORT)
    # The whole annotated article: changes when the page or its annotations change.
    analysis_hash: Mapped[str] = mapped_column(SHORT)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # 1 for the first content seen; one more each time the page changed (earlier ones kept).
    version: Mapped[int] = mapped_column(Integer)


class ArticleVersionRow(Base):
    """An earlier version of an article, kept when the same url came with new content."""

    __tablename__ = "article_versions"

    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id", ondelete=CASCADE),
                                            primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(SHORT)
    fingerprint: Mapped[str | None] = mapped_column(SHORT)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    replaced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EntityRow(Base):
    """Each entity of each article: the inverted index from a corpus-wide join key to articles."""

    __tablename__ = "entities"

    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id", ondelete=CASCADE),
                                            primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(32))
    join_key: Mapped[str] = mapped_column(String(512), index=True)


class SearchDocumentRow(Base):
    """What full-text search matches for one article: title, body and quotes, reduced to terms
    (``search.py``). ``id`` is the FTS5 rowid on SQLite."""

    __tablename__ = "search_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id", ondelete=CASCADE), unique=True)
    # The PostgreSQL text-search configuration of the article's language (russian, english, simple).
    config: Mapped[str] = mapped_column(String(32))
    terms: Mapped[str] = mapped_column(TERMS)


class StoryRow(Base):
    """A story: the articles that report one event (filled by the linker)."""

    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[str | None] = mapped_column(SHORT, index=True)
    last_updated: Mapped[str | None] = mapped_column(SHORT, index=True)
    languages: Mapped[list[str]] = mapped_column(JSON)
    outlets: Mapped[list[str]] = mapped_column(JSON)


class StoryArticleRow(Base):
    __tablename__ = "story_articles"

    story_id: Mapped[str] = mapped_column(ID, ForeignKey("stories.id", ondelete=CASCADE), primary_key=True)
    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id", ondelete=CASCADE),
                                            primary_key=True, index=True)


class DuplicateRow(Base):
    """``article`` repeats ``duplicate_of`` (filled by the linker)."""

    __tablename__ = "duplicates"

    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id", ondelete=CASCADE), primary_key=True)
    duplicate_of: Mapped[str] = mapped_column(ID, ForeignKey("articles.id", ondelete=CASCADE),
                                              primary_key=True, index=True)
    similarity: Mapped[float] = mapped_column(Float)


class DerivationRow(Base):
    """One derivation of a story's article (``model.Derivation`` as JSON), written by the linker
    each time it re-derives the story; ``position`` keeps the linker's order."""

    __tablename__ = "derivations"

    story_id: Mapped[str] = mapped_column(ID, ForeignKey("stories.id", ondelete=CASCADE), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(ID, index=True)
    kind: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class StoryClaimRow(Base):
    """One story-level claim with its corroboration and grade (``model.StoryClaim`` as JSON),
    written by the assessment of its story."""

    __tablename__ = "story_claims"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    story_id: Mapped[str] = mapped_column(ID, ForeignKey("stories.id", ondelete=CASCADE), index=True)
    position: Mapped[int] = mapped_column(Integer)
    independent_origins: Mapped[int] = mapped_column(Integer)
    reliability: Mapped[str] = mapped_column(String(1))
    credibility: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


# The linker's index (migration 0003, ``store/link_state.py``): what linking one more article
# looks up by key, so that it never scans the stored articles.


class LinkArticleRow(Base):
    """One linked article: its MinHash signature (uint64 values), its unit vector (float32) with
    ``seq``, its label in the approximate-nearest-neighbour index (given when the vector is
    stored, never reused), and the join keys it was linked by."""

    __tablename__ = "link_articles"

    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id", ondelete=CASCADE), primary_key=True)
    seq: Mapped[int | None] = mapped_column(Integer, unique=True)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    vector: Mapped[bytes | None] = mapped_column(LargeBinary)
    join_keys: Mapped[list[str]] = mapped_column(JSON)


class LinkBandRow(Base):
    """A MinHash LSH bucket (``BAND:KEY`` in hex) holding an article."""

    __tablename__ = "link_bands"

    bucket: Mapped[str] = mapped_column(SHORT, primary_key=True)
    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id", ondelete=CASCADE),
                                            primary_key=True, index=True)


class LinkPostingRow(Base):
    """The inverted entity index: a join key's stories, with the latest time (POSIX seconds, 0
    when unknown) a member mentioning it was seen."""

    __tablename__ = "link_postings"

    join_key: Mapped[str] = mapped_column(String(512), primary_key=True)
    story_id: Mapped[str] = mapped_column(ID, ForeignKey("stories.id", ondelete=CASCADE), primary_key=True,
                                          index=True)
    last_seen: Mapped[float] = mapped_column(Float)


class LinkKeyCountRow(Base):
    """How many linked articles mention a join key (its document frequency)."""

    __tablename__ = "link_key_counts"

    join_key: Mapped[str] = mapped_column(String(512), primary_key=True)
    articles: Mapped[int] = mapped_column(Integer)


class LinkStoryRow(Base):
    """A story as the linker keeps it (``link.state.StoryRecord``): ``seq`` its creation order,
    ``record`` its members and keys as JSON, ``centroid`` the sum of its members' vectors."""

    __tablename__ = "link_stories"

    story_id: Mapped[str] = mapped_column(ID, ForeignKey("stories.id", ondelete=CASCADE), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    centroid: Mapped[bytes | None] = mapped_column(LargeBinary)


class LinkOriginRecordRow(Base):
    """An origin's record over one story's claims (``assess.outlet_record``): affirmed claims
    independently confirmed, contradicted, neither; replaced with the story's claims. Grading sums
    an origin's rows over the other stories, one keyed query per origin."""

    __tablename__ = "link_origin_records"

    story_id: Mapped[str] = mapped_column(ID, ForeignKey("stories.id", ondelete=CASCADE), primary_key=True)
    origin_key: Mapped[str] = mapped_column(String(512), primary_key=True, index=True)
    confirmed: Mapped[int] = mapped_column(Integer)
    contradicted: Mapped[int] = mapped_column(Integer)
    unresolved: Mapped[int] = mapped_column(Integer)


class LinkCounterRow(Base):
    """Named counters of the linker: ``stories`` and ``vectors`` ever made, ``articles`` linked."""

    __tablename__ = "link_counters"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


# Listing the newest articles first is the common read.
Index("ix_articles_updated_at", ArticleRow.updated_at)
# A key's latest stories first (the linker reads at most MAX_POSTINGS + 1 of them).
Index("ix_link_postings_key_seen", LinkPostingRow.join_key, LinkPostingRow.last_seen)


class WatchlistRow(Base):
    """A saved query (an entity, a place, a keyword: each optional, at least one set) and when
    the analyst last looked at what it found (``store.watchlists``)."""

    __tablename__ = "watchlists"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    entity: Mapped[str | None] = mapped_column(String(512))
    place: Mapped[str | None] = mapped_column(String(512))
    keyword: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
