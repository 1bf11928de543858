"""What assess reads from a story's derivations: a small Protocol, so that the link package's
``Derivation`` class (or a JSON record of it) slots in without assess importing it.

A derivation says article ``article`` derives from ``derived_from`` (an article of the store, an
outlet that is only cited, or both) by ``kind``: citation, translation, reuse or wire.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol


class DerivedFromLike(Protocol):
    @property
    def article(self) -> str | None: ...

    @property
    def outlet(self) -> str | None: ...


class DerivationLike(Protocol):
    @property
    def article(self) -> str: ...

    @property
    def derived_from(self) -> DerivedFromLike: ...

    @property
    def kind(self) -> str: ...


@dataclass(frozen=True)
class Source:
    """Where an article's text came from, read off one derivation (``derived_from``)."""

    article: str | None
    outlet: str | None
    kind: str
    # A citation's role: "source" (the article takes its news from it), "mention" (it cites
    # the report it answers or discusses); None when the record does not say.
    role: str | None = None


Derivations = Iterable[DerivationLike | Mapping[str, Any]]


def sources_by_article(derivations: Derivations) -> dict[str, list[Source]]:
    """Article id -> what it derives from, for derivation objects or their JSON records."""
    out: dict[str, list[Source]] = {}
    for item in derivations:
        article, source = _read(item)
        out.setdefault(article, []).append(source)
    return out


def _read(item: Any) -> tuple[str, Source]:
    if isinstance(item, Mapping):
        origin = item["derived_from"]
        role = item.get("role")
        return item["article"], Source(origin.get("article"), origin.get("outlet"), str(item["kind"]),
                                       None if role is None else str(role))
    origin = item.derived_from
    role = getattr(item, "role", None)
    role_name = None if role is None else str(role)
    if isinstance(origin, Mapping):
        return item.article, Source(origin.get("article"), origin.get("outlet"), str(item.kind), role_name)
    return item.article, Source(origin.article, origin.outlet, str(item.kind), role_name)
