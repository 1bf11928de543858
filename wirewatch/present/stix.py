"""A STIX 2.1 bundle of an analysis, for OpenCTI and MISP users (docs/schema.md, "STIX 2.1 mapping").

- **Identity**: wirewatch itself (``system``, the ``created_by_ref`` of everything), each outlet
  (``organization``, sector ``communications``), each person (``individual``) and organisation
  (``organization``) named in the articles, one object per corpus-wide join key.
- **Location**: each place with coordinates (latitude, longitude, ISO country code).
- **Note**: each article (title, outlet, publication time, address; its object_refs are the outlet,
  people, organisations and places it names) and each quote (the quoted words, attributed).
- **Note** + **Opinion** per claim: the Note states the claim and its evidence; when the claim is
  graded, an Opinion on that Note gives the Admiralty grade in words, the ``x_wirewatch_grade``
  custom property (``{"reliability": "B", "credibility": 2, "code": "B2"}``) and ``confidence``
  from the credibility by the STIX 2.1 "Admiralty Credibility" scale (spec appendix A: 1 -> 90,
  2 -> 70, 3 -> 50, 4 -> 30, 5 -> 10, 6 -> no confidence given); ``opinion`` from the credibility
  (1 strongly-agree, 2 agree, 3 and 6 neutral, 4 disagree, 5 strongly-disagree).
- **Grouping** per story (context ``unspecified``): the story's articles, as collected.
- **Report** per story: its title, first-seen time, and every object about it.

Ids are UUIDv5 over wirewatch's own keys (article ids, join keys, story and claim ids), and
``created``/``modified`` come from the publication times in the data, so exporting the same
analysis again gives the same bundle; a story that grows gets a later ``modified``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import stix2

from wirewatch.join_keys import name_join_key, outlet_join_key, place_join_key
from wirewatch.model import AnnotatedArticle, Entity, EntityType, Place
from wirewatch.present.analysis import Analysis, StoryClaim, StoryView, parse_time
from wirewatch.present.estimative import grade_words

# Fixed namespace of wirewatch's STIX ids (any constant would do; it must never change).
NAMESPACE = uuid.UUID("6f1b8f3e-5c2a-5d43-9a57-77697265776e")
# created/modified of objects with no dated article behind them.
UNDATED = datetime(2000, 1, 1, tzinfo=UTC)
# STIX 2.1 appendix A, "Admiralty Credibility" scale; 6 (cannot be judged) has no value.
CONFIDENCE = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}
OPINION = {1: "strongly-agree", 2: "agree", 3: "neutral", 4: "disagree", 5: "strongly-disagree",
           6: "neutral"}
_IDENTITY_CLASS = {EntityType.PERSON: "individual", EntityType.ORGANIZATION: "organization",
                   EntityType.OUTLET: "organization"}


def stix_id(kind: str, key: str) -> str:
    """A deterministic STIX id: ``kind--uuid5(NAMESPACE, kind:key)``."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


class _Bundle:
    """Collects objects by id, each object's times from the articles it comes from."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.objects: dict[str, Any] = {}
        self.system = stix2.v21.Identity(
            id=stix_id("identity", "wirewatch"), name="wirewatch", identity_class="system",
            description="Offline news intelligence: the software that made these objects.",
            created=UNDATED, modified=UNDATED)

    def times(self, article_ids: Iterable[str]) -> tuple[datetime, datetime]:
        dates = [t for a in article_ids if (doc := self.analysis.by_id.get(a)) is not None
                 for t in [parse_time(doc.article.published)] if t is not None]
        return (min(dates), max(dates)) if dates else (UNDATED, UNDATED)

    def add(self, cls: Any, key: str, articles: Iterable[str], **properties: Any) -> str:
        kind = cls._type
        object_id = stix_id(kind, key)
        if object_id not in self.objects:
            created, modified = self.times(articles)
            self.objects[object_id] = cls(id=object_id, created=created, modified=modified,
                                          created_by_ref=self.system.id, allow_custom=True, **properties)
        return object_id


def _entity_key(entity: Entity) -> str:
    return entity.join_key or name_join_key(entity.name, entity.type)


def _place_key(place: Place) -> str:
    return place_join_key(place.geonameid, place.lat, place.lon, place.name)


def _entity_ids(bundle: _Bundle, entity_articles: dict[str, tuple[Entity, set[str]]]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for key, (entity, articles) in entity_articles.items():
        extra = {"sectors": ["communications"]} if entity.type == EntityType.OUTLET else {}
        ids[key] = bundle.add(stix2.v21.Identity, key, articles, name=entity.name,
                              identity_class=_IDENTITY_CLASS[entity.type], **extra)
    return ids


def _article_note(bundle: _Bundle, doc: AnnotatedArticle, refs: list[str]) -> str:
    a = doc.article
    lines = [f"Outlet: {a.outlet or 'unknown'}", f"Published: {a.published or 'unknown'}",
             f"Language: {a.language or 'unknown'}"]
    if a.translated_from:
        lines.append(f"Translated from: {a.translated_from}")
    extra: dict[str, Any] = {"authors": [a.byline]} if a.byline else {}
    if a.url:
        extra["external_references"] = [{"source_name": a.outlet or "article", "url": a.url}]
    return bundle.add(stix2.v21.Note, f"article:{a.id}", [a.id], abstract=a.title or a.id,
                      content="\n".join(lines), object_refs=refs or [bundle.system.id],
                      x_wirewatch_article=a.id, **extra)


def _claim_objects(bundle: _Bundle, claim: StoryClaim, refs: list[str]) -> list[str]:
    evidence = [f"{s}" for ref in claim.evidence[:10] if (s := bundle.analysis.sentence(ref))]
    content = claim.text + ("\n\nEvidence:\n" + "\n".join(f"- {s}" for s in evidence) if evidence else "")
    note = bundle.add(stix2.v21.Note, f"claim:{claim.id}", claim.reported_by, abstract=claim.text[:200],
                      content=content, object_refs=refs or [bundle.system.id], x_wirewatch_claim=claim.id,
                      x_wirewatch_independent_origins=claim.independent_origins)
    if claim.grade is None:
        return [note]
    reasons = "; ".join(r.text for r in claim.reasons)
    extra = ({"confidence": CONFIDENCE[claim.grade.credibility]}
             if claim.grade.credibility in CONFIDENCE else {})
    opinion = bundle.add(
        stix2.v21.Opinion, f"claim:{claim.id}", claim.reported_by, opinion=OPINION[claim.grade.credibility],
        explanation=grade_words(claim.grade) + (f". Reasons: {reasons}" if reasons else ""),
        object_refs=[note], x_wirewatch_grade={
            "reliability": claim.grade.reliability, "credibility": claim.grade.credibility,
            "code": claim.grade.code},
        **extra)
    return [note, opinion]


def _story_objects(bundle: _Bundle, story: StoryView) -> list[str]:
    """The objects about one story, its Grouping and Report last."""
    analysis = bundle.analysis
    docs = [analysis.by_id[a] for a in story.articles if a in analysis.by_id]
    entities: dict[str, tuple[Entity, set[str]]] = {}
    places: dict[str, tuple[Place, set[str]]] = {}
    for doc in docs:
        for entity in doc.entities:
            if entity.type in _IDENTITY_CLASS:
                entities.setdefault(_entity_key(entity), (entity, set()))[1].add(doc.article.id)
        for place in doc.places:
            if place.lat is not None and place.lon is not None:
                places.setdefault(_place_key(place), (place, set()))[1].add(doc.article.id)
        if doc.article.outlet:
            outlet = Entity(name=doc.article.outlet, type=EntityType.OUTLET, mentions=(), key="")
            entities.setdefault(outlet_join_key(doc.article.outlet), (outlet, set()))[1].add(doc.article.id)
    entity_ids = _entity_ids(bundle, entities)
    place_ids = {key: bundle.add(stix2.v21.Location, key, articles, name=place.name,
                                 latitude=place.lat, longitude=place.lon,
                                 **({"country": place.country} if place.country else {}))
                 for key, (place, articles) in places.items()}
    refs: list[str] = [*entity_ids.values(), *place_ids.values()]
    article_notes: dict[str, str] = {}
    for doc in docs:
        own = [entity_ids[_entity_key(e)] for e in doc.entities if _entity_key(e) in entity_ids]
        if doc.article.outlet:
            own.insert(0, entity_ids[outlet_join_key(doc.article.outlet)])
        own += [place_ids[_place_key(p)] for p in doc.places if _place_key(p) in place_ids]
        note = _article_note(bundle, doc, list(dict.fromkeys(own)))
        article_notes[doc.article.id] = note
        refs.append(note)
        for index, quote in enumerate(doc.quotes):
            speaker = doc.entity(quote.speaker_entity) if quote.speaker_entity else None
            who = quote.speaker or quote.speaker_description or "unknown speaker"
            quote_refs = [note] + ([entity_ids[_entity_key(speaker)]] if speaker and
                                   _entity_key(speaker) in entity_ids else [])
            refs.append(bundle.add(stix2.v21.Note, f"quote:{doc.article.id}:{index}", [doc.article.id],
                                   abstract=f"Quote: {who}", content=quote.text, authors=[who],
                                   object_refs=quote_refs))
    for claim in analysis.claims:
        if claim.story == story.id:
            refs.extend(_claim_objects(bundle, claim, [article_notes[a] for a in claim.reported_by
                                                       if a in article_notes]))
    title = story.title or f"Story {story.id}"
    grouping = bundle.add(stix2.v21.Grouping, f"story:{story.id}", story.articles, name=title,
                          context="unspecified",
                          object_refs=list(article_notes.values()) or [bundle.system.id],
                          x_wirewatch_story=story.id)
    published = parse_time(story.first_seen) or bundle.times(story.articles)[0]
    report = bundle.add(stix2.v21.Report, f"story:{story.id}", story.articles, name=title,
                        published=published, report_types=["observed-data"],
                        description=f"{len(docs)} article(s) from {len({d.article.outlet for d in docs})} "
                        f"outlet(s) reporting one event, as grouped by wirewatch.",
                        object_refs=list(dict.fromkeys([*refs, grouping])), x_wirewatch_story=story.id)
    return [grouping, report]


def stix_bundle(analysis: Analysis) -> dict[str, Any]:
    """The analysis as a STIX 2.1 bundle (a JSON-ready dict), objects in a stable order."""
    bundle = _Bundle(analysis)
    for story in analysis.stories:
        _story_objects(bundle, story)
    objects = [bundle.system, *bundle.objects.values()]
    key = "".join(sorted(o.id for o in objects))
    result = stix2.v21.Bundle(id=stix_id("bundle", key), objects=objects, allow_custom=True)
    serialised: dict[str, Any] = json.loads(result.serialize())
    return serialised
