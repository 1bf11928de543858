"""The parts of a story page built from its articles: claims, quotes by speaker, places, the
timeline (event time apart from report time) and reader comments. Each keeps its evidence link."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from wirewatch.desk.views import (
    ClaimView,
    CommentView,
    PlaceView,
    QuoteView,
    SpeakerQuotes,
    TimelineEntry,
    article_link,
    entity_link,
    sentence_link,
)
from wirewatch.join_keys import place_join_key
from wirewatch.model import BODY, AnnotatedArticle, Quote, SpeakerType
from wirewatch.present.geojson import sentence_span
from wirewatch.present.timeline import sort_key


def claims(doc: AnnotatedArticle, about: str | None = None) -> list[ClaimView]:
    """The article's claims; with ``about`` (a join key), those whose subject, source, channel or
    place is that entity."""
    out = []
    for claim in doc.claims:
        if about is not None and about not in _claim_keys(
            doc, claim.subject_entity, claim.attributed_entity, claim.channel_entity, claim.place_index
        ):
            continue
        first = claim.evidence[0] if claim.evidence else None
        out.append(
            ClaimView(
                id=claim.id,
                article_id=doc.article.id,
                text=claim.text,
                subject=claim.subject,
                predicate=claim.predicate,
                object=claim.object,
                polarity=str(claim.polarity),
                modality=None if claim.modality is None else str(claim.modality),
                sourcing=str(claim.sourcing),
                attributed_to=claim.attributed_to,
                place=claim.place,
                time=claim.time,
                outlet=doc.article.outlet,
                published=doc.article.published,
                link=sentence_link(doc.article.id, first.start, first.end)
                if first
                else article_link(doc.article.id),
                evidence=[e.to_dict() for e in claim.evidence],
                sources=[doc.article.id],
            )
        )
    return out


def _claim_keys(doc: AnnotatedArticle, *refs: str | int | None) -> set[str]:
    keys = set()
    for ref in refs:
        if isinstance(ref, int) and 0 <= ref < len(doc.places):
            p = doc.places[ref]
            keys.add(place_join_key(p.geonameid, p.lat, p.lon, p.name))
        elif isinstance(ref, str):
            entity = doc.entity(ref)
            if entity is not None:
                keys.add(entity.join_key)
    return keys


def _quote(doc: AnnotatedArticle, quote: Quote) -> QuoteView:
    return QuoteView(
        article_id=doc.article.id,
        text=quote.text,
        speaker=quote.speaker,
        speaker_type=str(quote.speaker_type),
        anonymous=quote.speaker_type == SpeakerType.ANONYMOUS,
        description=quote.speaker_description,
        cue=quote.cue,
        direct=quote.direct,
        link=sentence_link(doc.article.id, *sentence_span(doc, quote.start, quote.end)),
    )


def quotes_of(doc: AnnotatedArticle, entity_id: str) -> list[QuoteView]:
    """Quotes the entity (a join key) speaks or relays in ``doc``."""
    return [
        _quote(doc, q)
        for q in doc.quotes
        if entity_id in _claim_keys(doc, q.speaker_entity, q.channel_entity)
    ]


def speakers(docs: Sequence[AnnotatedArticle]) -> list[SpeakerQuotes]:
    """Quotes grouped by who speaks: one entity across articles and scripts by its join key;
    anonymous sources by their description, marked anonymous; the most quoted first."""
    groups: dict[str, tuple[str, str | None, bool, list[QuoteView]]] = {}
    for doc in docs:
        for quote in doc.quotes:
            entity = doc.entity(quote.speaker_entity) if quote.speaker_entity else None
            anonymous = quote.speaker_type == SpeakerType.ANONYMOUS
            if entity is not None and entity.join_key:
                key, label, entity_id = entity.join_key, entity.name, entity.join_key
            else:
                label = (
                    quote.speaker
                    or quote.speaker_description
                    or ("anonymous source" if anonymous else "unknown speaker")
                )
                key, entity_id = f"{quote.speaker_type}:{label.casefold()}", None
            group = groups.setdefault(key, (label, entity_id, anonymous, []))
            group[3].append(_quote(doc, quote))
    ordered = sorted(groups.values(), key=lambda g: -len(g[3]))
    return [
        SpeakerQuotes(speaker=label, entity_id=eid, anonymous=anon, quotes=quotes)
        for label, eid, anon, quotes in ordered
    ]


def places(docs: Sequence[AnnotatedArticle]) -> list[PlaceView]:
    """Each place once (by join key), with its mention count and the articles that name it."""
    found: dict[str, tuple[str, float | None, float | None, str | None, str, int, list[str]]] = {}
    for doc in docs:
        for p in doc.places:
            key = place_join_key(p.geonameid, p.lat, p.lon, p.name)
            name, lat, lon, country, feature, count, articles = found.get(
                key, (p.name, p.lat, p.lon, p.country, p.feature, 0, [])
            )
            if doc.article.id not in articles:
                articles = [*articles, doc.article.id]
            found[key] = (name, lat, lon, country, feature, count + len(p.mentions), articles)
    views = [
        PlaceView(
            id=key,
            name=v[0],
            lat=v[1],
            lon=v[2],
            country=v[3],
            feature=v[4],
            mentions=v[5],
            articles=v[6],
            link=entity_link(key),
        )
        for key, v in found.items()
    ]
    return sorted(views, key=lambda v: -v.mentions)


def first_day(value: str) -> str | None:
    """The first day an ISO 8601 value covers (a day, week, month, season, year or interval)."""
    start = sort_key(value)
    if (
        re.fullmatch(r"\d{4}-\d\d-\d\d", start[:10])
        and len(start) >= 10
        and start[7] == "-"
        and start[8:10].isdigit()
    ):
        return start[:10]
    week = re.fullmatch(r"(\d{4})-W(\d\d)", value.split("/")[0])
    if week:
        try:
            return dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1).isoformat()
        except ValueError:
            return None
    if re.fullmatch(r"\d{4}-\d\d", start):
        return f"{start}-01"
    if re.fullmatch(r"\d{4}", start):
        return f"{start}-01-01"
    return None


def timeline(docs: Sequence[AnnotatedArticle]) -> list[TimelineEntry]:
    """When things happened (resolved time expressions) and when they were reported (publication
    dates), as two kinds of entry, in time order. Unresolved expressions cannot be placed and are
    left out."""
    entries = []
    for doc in docs:
        aid = doc.article.id
        if doc.article.published:
            entries.append(
                TimelineEntry(
                    kind="report",
                    value=doc.article.published,
                    date=first_day(doc.article.published[:10]),
                    text=f"{doc.article.outlet or 'unknown outlet'}: {doc.article.title or aid}",
                    article_id=aid,
                    link=article_link(aid),
                )
            )
        for ref in doc.times:
            if ref.value is None:
                continue
            link = (
                sentence_link(aid, *sentence_span(doc, ref.start, ref.end))
                if ref.field == BODY
                else article_link(aid)
            )
            entries.append(
                TimelineEntry(
                    kind="event",
                    value=ref.value,
                    date=first_day(ref.value),
                    text=ref.text,
                    article_id=aid,
                    link=link,
                )
            )
    return sorted(entries, key=lambda e: (sort_key(e.value), e.kind))


def comments(docs: Sequence[AnnotatedArticle]) -> list[CommentView]:
    return [
        CommentView(article_id=doc.article.id, index=i, author=c.author, text=c.text, reply_to=c.reply_to)
        for doc in docs
        for i, c in enumerate(doc.article.comments)
    ]
