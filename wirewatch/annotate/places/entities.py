"""What the resolved places tell the entity list: which entities are places, and which are one.

The places stage knows more than NER did: a one-word "person" that resolved as a place is a
place, and two spellings of one country («Киргизия» and «Кыргызстан», «Россия» and «РФ»,
"Kyrgyzstan" and "Kirghizia") are one entity with one canonical name, as the mission asks of
people and organisations too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from wirewatch.model import Entity, EntityType, Mention, Place
from wirewatch.names import match_key

# Types NER gives place names by mistake.
MISTYPED = (EntityType.PERSON, EntityType.ORGANIZATION, EntityType.OTHER)


def retyped(entities: tuple[Entity, ...], places: tuple[Place, ...]) -> tuple[Entity, ...]:
    """Entities all of whose mentions were resolved as places are places (NER said person)."""
    resolved = {(m.start, m.end) for p in places for m in p.mentions}
    out = []
    for entity in entities:
        if entity.type in MISTYPED and all((m.start, m.end) in resolved for m in entity.mentions):
            entity = dataclasses.replace(entity, type=EntityType.PLACE)
        out.append(entity)
    return tuple(out)


def with_unnamed_places(entities: tuple[Entity, ...], places: tuple[Place, ...]) -> tuple[Entity, ...]:
    """Entities plus one place entity for each resolved place mention that no entity covers:
    names NER missed and the gazetteer scan found ("Uzbekistan on Thursday denied ..." at the
    start of a sentence), so that every place on the map has its entity too."""
    ends = [m.end for e in entities for m in e.mentions]
    taken = bytearray(max(ends, default=0))  # 1 on each character an entity mention covers
    for e in entities:
        for m in e.mentions:
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)

    def covered(m: Mention) -> bool:
        return any(taken[m.start : m.end])

    added: list[Entity] = []
    for place in places:
        loose = tuple(m for m in place.mentions if not covered(m))
        if not loose:
            continue
        name = loose[0].text
        aliases = tuple(dict.fromkeys(m.text for m in loose if m.text != name))
        added.append(Entity(name, EntityType.PLACE, loose, match_key(name), aliases))
    if not added:
        return entities
    return tuple(sorted((*entities, *added), key=lambda e: (e.mentions[0].start, e.name)))


def merged_by_place(
    entities: tuple[Entity, ...],
    places: tuple[Place, ...],
    names_of: Callable[[str], Sequence[int | None]],
) -> tuple[Entity, ...]:
    """Place entities naming the same resolved place become one entity.

    ``names_of(name)`` gives the GeoNames ids the gazetteer has under ``name``. Only an entity
    whose own name is a name of the place joins: "Washington" resolved to the United States as
    a government stays its own entity, «РФ» (an alternate name of Russia) joins «Россия». The
    entity with the most mentions gives the name and keeps its id; the others' names become
    aliases.
    """
    place_at = {(m.start, m.end): i for i, p in enumerate(places) for m in p.mentions}
    members: dict[int, list[Entity]] = {}
    resolved: set[int] = set()  # id() of entities whose own mentions were resolved
    for entity in entities:
        if entity.type is not EntityType.PLACE:
            continue
        where = {place_at.get((m.start, m.end)) for m in entity.mentions}
        ids = set(names_of(entity.name))
        if where == {None}:
            # Never resolved itself ("Kyrgyz officials": a demonym, not a toponym), but a name
            # of exactly one place the article has: that place's entity.
            where = {i for i, p in enumerate(places) if p.geonameid is not None and p.geonameid in ids}
        else:
            resolved.add(id(entity))
        if len(where) != 1:
            continue
        index = where.pop()
        if index is None or places[index].geonameid is None:
            continue
        if places[index].geonameid in ids:
            members.setdefault(index, []).append(entity)
    merged: dict[int, Entity] = {}  # id() of each member -> the entity it becomes
    for group in members.values():
        if len(group) < 2:
            continue
        # The place's own name leads ("Kyrgyzstan", not "Kyrgyz"); then the most mentioned.
        lead = max(group, key=lambda e: (id(e) in resolved, len(e.mentions)))
        aliases = [*lead.aliases]
        for other in group:
            if other is not lead:
                aliases += [a for a in (other.name, *other.aliases) if a not in aliases and a != lead.name]
        mentions = tuple(sorted({m for e in group for m in e.mentions}, key=lambda m: (m.start, m.end)))
        joined = dataclasses.replace(lead, mentions=mentions, aliases=tuple(aliases))
        for entity in group:
            merged[id(entity)] = joined
    out: list[Entity] = []
    emitted: set[int] = set()
    for entity in entities:
        entity = merged.get(id(entity), entity)
        if id(entity) not in emitted:
            emitted.add(id(entity))
            out.append(entity)
    return tuple(sorted(out, key=lambda e: (e.mentions[0].start, e.name)))
