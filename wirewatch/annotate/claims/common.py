"""What the English and Russian claims share: the claim id, the subjects that make a claim,
the subject as a place, and the place and time of a clause, by index.

The subject «Россия» or "Moscow" is named by its
resolved place so that claims in both languages match; the place and time of a claim are the
mentions the places and times stages found, chosen by ``clause.pick`` over the words of the
event's clause.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from wirewatch.annotate.attribution.speakers import Speaker
from wirewatch.annotate.claims.clause import ScopedWord, pick
from wirewatch.annotate.entities.ids import place_of
from wirewatch.model import AnnotatedArticle, EntityType, Evidence, SpeakerType

# Subjects that make a claim: a named person or organisation, not an unnamed one.
NAMED_TYPES = frozenset({SpeakerType.NAMED_PERSON, SpeakerType.ORGANIZATION})
# Predicates that say nothing without an object ("the US was").
EMPTY_PREDICATES = frozenset({"be", "have", "do", "become"})


def claim_id(article_id: str, evidence: tuple[Evidence, ...], predicate: str) -> str:
    """A stable id: the same article, evidence and predicate always give the same id."""
    spans = ",".join(f"{e.start}-{e.end}" for e in evidence)
    return hashlib.sha1(f"{article_id}|{spans}|{predicate}".encode()).hexdigest()[:16]


def clause_place(doc: AnnotatedArticle, bounds: tuple[int, int], words: Sequence[ScopedWord]) -> int | None:
    """Index in ``places`` of the place the clause states, among those mentioned in
    body[bounds] (its sentence)."""
    start, end = bounds
    mentions = [
        ((m.start, m.end), index)
        for index, place in enumerate(doc.places)
        for m in place.mentions
        if start <= m.start < end
    ]
    chosen = pick([span for span, _ in mentions], words, places=True)
    return None if chosen is None else mentions[chosen][1]


def clause_time(doc: AnnotatedArticle, bounds: tuple[int, int], words: Sequence[ScopedWord]) -> int | None:
    """Index in ``times`` of the time expression the clause states, among those in its
    sentence."""
    start, end = bounds
    inside = [(index, t) for index, t in enumerate(doc.times) if start <= t.start < end]
    chosen = pick([(t.start, t.end) for _, t in inside], words, places=False)
    return None if chosen is None else inside[chosen][0]


def subject_name(
    doc: AnnotatedArticle, span: tuple[int, int], speaker: Speaker
) -> tuple[str | None, str | None]:
    """A claim subject's name and entity id. A resolved place at the subject's words is named
    by the place ("Russia" for «Россия») and points at the place entity written there;
    otherwise the speaker's name and entity."""
    index = _place_at(doc, *span)
    if index is None:
        return speaker.name, speaker.entity
    entity = _entity_of_place(doc, span, index)
    return doc.places[index].name, entity if entity is not None else speaker.entity


def _entity_of_place(doc: AnnotatedArticle, span: tuple[int, int], index: int) -> str | None:
    """The id of the entity written at ``span`` that stands for place ``index`` (a place entity
    first), else of the entity whose mentions that place mostly is."""
    start, end = span
    at_span = [
        e for e in doc.entities if e.id and any(m.start < end and start < m.end for m in e.mentions)
    ]
    at_span.sort(key=lambda e: e.type is not EntityType.PLACE)
    found = next((e for e in at_span if place_of(e, doc.places) == index), None)
    if found is None:
        found = next((e for e in doc.entities if e.id and place_of(e, doc.places) == index), None)
    return found.id if found is not None else None


def entity_place_name(doc: AnnotatedArticle, name: str | None) -> str | None:
    """The resolved place of the place entity called ``name`` («Узбекистан» -> Uzbekistan)."""
    entity = next((e for e in doc.entities if e.name == name and e.type is EntityType.PLACE), None)
    if entity is None:
        return None
    starts = {m.start for m in entity.mentions}
    return next((p.name for p in doc.places if any(m.start in starts for m in p.mentions)), None)


def _place_at(doc: AnnotatedArticle, start: int, end: int) -> int | None:
    """Index of the resolved place whose mention is the claim's subject («Россия» -> Russia),
    so that claims in different languages name it alike."""
    for index, place in enumerate(doc.places):
        if any(m.start < end and start < m.end for m in place.mentions):
            return index
    return None


def place_in(doc: AnnotatedArticle, start: int, end: int, subject: tuple[int, int]) -> int | None:
    """Index of the resolved place mentioned first in body[start:end] outside ``subject``: in a
    subject phrase, the place qualifying its head ("Uzbekistan's Ministry of Water Resources")."""
    mentioned = [
        (m.start, index)
        for index, place in enumerate(doc.places)
        for m in place.mentions
        if start <= m.start < end and not (m.start < subject[1] and subject[0] < m.end)
    ]
    return min(mentioned)[1] if mentioned else None
