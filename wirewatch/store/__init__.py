"""The persistent store: annotated articles in SQLite or PostgreSQL, with full-text search."""

from wirewatch.errors import StoreError
from wirewatch.store.search import SearchHit
from wirewatch.store.store import AddOutcome, Store, StoreStats, default_url

__all__ = ["AddOutcome", "SearchHit", "Store", "StoreError", "StoreStats", "default_url"]
