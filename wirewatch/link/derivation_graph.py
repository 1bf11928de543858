"""The derivation graph of a story: a DAG over its articles and the outlets they cite but that
are not in the store (Kommersant's scoop is an origin even when only its rewrites were ingested).

Edges run from source to derived, one per (source, derived) pair with every kind that links
them. Citations with role ``mention`` (the report a denial answers) are no derivation: they are
listed apart, as are undecided pairs (shared text, no direction). A cycle (two articles each
found to derive from the other, e.g. outlets citing each other) is broken by publication order:
edges are added oldest source first, and an edge that would close a cycle is dropped and listed
in ``dropped`` with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from wirewatch.link import published as pub
from wirewatch.link.outlet_identity import OutletIdentity
from wirewatch.model import AnnotatedArticle, CitationRole, Derivation, DerivationDirection
from wirewatch.resources.outlets import OutletCatalog, default_catalog

ARTICLE = "article"
OUTLET = "outlet"


@dataclass(frozen=True)
class Node:
    id: str  # the article id, or "outlet:<join key slug>" for an outlet not in the store
    kind: str  # ARTICLE or OUTLET
    outlet: str | None
    published: str | None = None


@dataclass
class Edge:
    source: str
    target: str
    kinds: list[str] = field(default_factory=list)
    derivations: list[int] = field(default_factory=list)  # indexes into the input list


@dataclass
class DerivationGraph:
    nodes: list[Node]
    edges: list[Edge]
    mentions: list[int]  # citation records with role mention (indexes)
    undecided: list[int]  # shared text without a direction (indexes)
    dropped: list[tuple[int, str]]  # records left out to keep the graph acyclic, and why

    def origins(self) -> list[str]:
        """Nodes no edge points at that something derives from: the story's origins."""
        targets = {e.target for e in self.edges}
        sources = {e.source for e in self.edges}
        return [n.id for n in self.nodes if n.id in sources and n.id not in targets]

    def to_dict(self) -> dict[str, Any]:
        return {
            "nodes": [vars(n) for n in self.nodes],
            "edges": [
                {"from": e.source, "to": e.target, "kinds": e.kinds, "derivations": e.derivations}
                for e in self.edges
            ],
            "mentions": self.mentions,
            "undecided": self.undecided,
            "dropped": [{"derivation": i, "reason": r} for i, r in self.dropped],
        }


def derivation_graph(
    articles: Sequence[AnnotatedArticle],
    derivations: Sequence[Derivation],
    *,
    catalog: OutletCatalog | None = None,
) -> DerivationGraph:
    identity = OutletIdentity(catalog or default_catalog())
    by_id = {a.article.id: a for a in articles}
    nodes: dict[str, Node] = {
        a.article.id: Node(a.article.id, ARTICLE, a.article.outlet, a.article.published) for a in articles
    }
    mentions: list[int] = []
    undecided: list[int] = []
    dropped: list[tuple[int, str]] = []
    candidates: list[tuple[int, str, str]] = []
    for index, d in enumerate(derivations):
        if d.direction == DerivationDirection.UNDECIDED:
            undecided.append(index)
            continue
        if d.role == CitationRole.MENTION:
            mentions.append(index)
            continue
        if d.derived_from.article is not None and d.derived_from.article in by_id:
            source = d.derived_from.article
        elif d.derived_from.outlet:
            source = identity.key(d.derived_from.outlet)
            nodes.setdefault(source, Node(source, OUTLET, d.derived_from.outlet))
        else:
            continue  # a translation whose original is named nowhere: nothing to point at
        if source == d.article:
            continue
        candidates.append((index, source, d.article))

    def order(item: tuple[int, str, str]) -> tuple[int, tuple[int, Any], int]:
        index, source, _ = item
        # Stated direction first (citation, credit), then publication order; oldest source first.
        strength = 0 if derivations[index].direction == DerivationDirection.CITATION else 1
        return (strength, pub.sort_key(nodes[source].published), index)

    edges: dict[tuple[str, str], Edge] = {}
    children: dict[str, set[str]] = {}
    for index, source, target in sorted(candidates, key=order):
        if (source, target) not in edges and _reaches(children, target, source):
            dropped.append(
                (
                    index,
                    f"{source} -> {target} would close a cycle ({target} already leads to {source} "
                    "by derivations taken first: stated ones, then older sources)",
                )
            )
            continue
        edge = edges.setdefault((source, target), Edge(source, target))
        kind = str(derivations[index].kind)
        if kind not in edge.kinds:
            edge.kinds.append(kind)
        edge.derivations.append(index)
        children.setdefault(source, set()).add(target)
    return DerivationGraph(list(nodes.values()), list(edges.values()), mentions, undecided, dropped)


def _reaches(children: dict[str, set[str]], start: str, goal: str) -> bool:
    todo, seen = [start], {start}
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for nxt in children.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False
