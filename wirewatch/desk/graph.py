"""A story's derivation graph read from its articles' own words, until ``wirewatch.link`` stores one.

Article B derives from source K when B credits K: a citation ("reported", "citing", a credit line,
a translation note) or an ``original_outlet``. K is resolved to the earliest article of the same
story that K's outlet published no later than B; with none, K stays an outlet node of its own.
An origin is a node that derives from nothing in the story; the independent origins of a story
are counted as its origins. Picture credits say who took a photo, not where the text came from,
and are left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from wirewatch.desk.views import GraphEdge, GraphNode
from wirewatch.join_keys import outlet_join_key
from wirewatch.model import AnnotatedArticle, CitationKind, EntityType

_NO_DATE = "9999"  # an undated article sorts after every dated one


def outlet_key(doc: AnnotatedArticle) -> str | None:
    """The corpus-wide key of the outlet that published ``doc``: the join key of the article's own
    outlet entity that bears its name, else a key made from the name."""
    name = doc.article.outlet
    if not name:
        return None
    folded = name.casefold()
    for entity in doc.entities:
        if (
            entity.type == EntityType.OUTLET
            and entity.join_key
            and folded in {n.casefold() for n in (entity.name, *entity.aliases)}
        ):
            return entity.join_key
    return outlet_join_key(name)


def _credited(doc: AnnotatedArticle) -> dict[str, tuple[str, str, str | None]]:
    """Outlet key -> (display name, how, evidence text) for every outlet ``doc`` credits."""
    out: dict[str, tuple[str, str, str | None]] = {}
    for citation in doc.citations:
        if citation.kind == CitationKind.PHOTO_CREDIT:
            continue
        entity = doc.entity(citation.outlet_entity) if citation.outlet_entity else None
        key = entity.join_key if entity is not None and entity.join_key else outlet_join_key(citation.outlet)
        out.setdefault(key, (citation.outlet, str(citation.kind), citation.text))
    original = doc.article.original_outlet
    if original:
        out.setdefault(outlet_join_key(original), (original, str(CitationKind.TRANSLATED_FROM), None))
    return out


def _published(doc: AnnotatedArticle) -> str:
    return doc.article.published or _NO_DATE


def derivation_graph(docs: Sequence[AnnotatedArticle]) -> tuple[list[GraphNode], list[GraphEdge]]:
    """Nodes (articles, and outlets credited but absent) and edges (source -> derived article)."""
    keys = {doc.article.id: outlet_key(doc) for doc in docs}
    by_time = sorted(docs, key=_published)
    edges: list[GraphEdge] = []
    outlet_nodes: dict[str, str] = {}
    for doc in docs:
        own = keys[doc.article.id]
        for key, (name, how, evidence) in _credited(doc).items():
            if key == own:
                continue
            source = next(
                (
                    other.article.id
                    for other in by_time
                    if other is not doc
                    and keys[other.article.id] == key
                    and (_published(other) <= _published(doc) or _published(doc) == _NO_DATE)
                ),
                None,
            )
            if source is None:
                source = key
                outlet_nodes.setdefault(key, name)
            edges.append(GraphEdge(source=source, target=doc.article.id, kind=how, evidence=evidence))
    derived = {edge.target for edge in edges}
    nodes = [
        GraphNode(id=doc.article.id, label=_label(doc), kind="article", origin=doc.article.id not in derived)
        for doc in docs
    ]
    nodes += [GraphNode(id=key, label=name, kind="outlet", origin=True) for key, name in outlet_nodes.items()]
    return nodes, edges


def _label(doc: AnnotatedArticle) -> str:
    day = (doc.article.published or "undated")[:10]
    return f"{doc.article.outlet or 'unknown outlet'} ({day})"
