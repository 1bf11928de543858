"""Linking across articles: near-duplicates, stories and derivations (``derivations.py``,
``derivation_graph.py``).

Incremental and indexed: each article is linked against a ``LinkState`` through its indexes
(MinHash LSH bands, an approximate-nearest-neighbour index, an inverted index of join keys),
never by comparing it with every stored article.
"""

from wirewatch.link.batch import BatchLinker, LinkResult, merge_duplicates
from wirewatch.link.state import LinkState, MemoryLinkState, StoryRecord

__all__ = ["BatchLinker", "LinkResult", "LinkState", "MemoryLinkState", "StoryRecord", "merge_duplicates"]
