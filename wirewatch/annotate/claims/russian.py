"""Russian claims: non-answers and denials by surface pattern, other events from the parse.

A sentence that withholds an answer («не стали комментировать», «отказался от комментариев»,
«не стал ни подтверждать, ни опровергать») is a non-answer; one with a denying verb not
negated («опроверг») a denial. The subject of either is the first person or organisation
before the cue. Other sentences give the event ``ru.py`` reads off natasha's parse, with its
polarity, modality and the words of its clause (for its place and time).
"""

from __future__ import annotations

import re
from typing import Any

from wirewatch.annotate.attribution.speakers import SpeakerResolver
from wirewatch.annotate.claims.common import (
    EMPTY_PREDICATES,
    NAMED_TYPES,
    claim_id,
    clause_place,
    clause_time,
    entity_place_name,
    subject_name,
)
from wirewatch.annotate.claims.ru import RussianEvent, russian_events
from wirewatch.annotate.claims.sourcing import (
    SOURCING_BY_SPEAKER,
    Attribution,
    attribute,
    outlet_sources,
    russian_anonymous_source,
)
from wirewatch.model import (
    BODY,
    AnnotatedArticle,
    Claim,
    Evidence,
    Polarity,
    Quote,
    Sourcing,
    SpeakerType,
)
from wirewatch.resources import lexicon as cues
from wirewatch.resources.article_parse import ArticleParse

_RU_NO_COMMENT = re.compile(
    r"(?:не\s+(?:стал[аио]?\s+)?комментир\w*|отказал\w*\s+от\s+комментари\w*|"
    r"от\s+комментари\w*\s+отказал\w*|"
    r"не\s+ответил\w*\s+на\s+(?:запрос\w*|звонк\w*))",
    re.IGNORECASE,
)
_RU_NEGATION = rf"(?:{'|'.join(sorted(cues.RU_NEGATION_PARTICLES))})"
_RU_ANSWER = rf"(?:{'|'.join(cues.RU_CONFIRM_STEMS + cues.RU_DENY_STEMS)})\w*"
# A confirmation or a denial withheld: «не стал ни подтверждать, ни опровергать», «не
# подтвердил», «не стала подтверждать».
_RU_WITHHELD = re.compile(
    rf"\b{_RU_NEGATION}\s+(?:стал\w*\s+)?(?:{_RU_NEGATION}\s+)?{_RU_ANSWER}", re.IGNORECASE
)
# A denial: a denying verb with no negation right before it.
_RU_DENY = re.compile(
    rf"(?<!не )(?<!ни )(?:(?:{'|'.join(cues.RU_DENY_STEMS)})\w*|назвал\w*\s+(?:это\s+)?(?:ложью|фейком))",
    re.IGNORECASE,
)
# Heads of a subject that act for the place or body named after them («правительство Грузии»,
# «порт Поти»): the name is the subject, as «Россия» stands for its government.
RU_INSTITUTION_HEADS = frozenset({"правительство", "власти", "администрация", "кабинет", "порт"})
# A reporting clause after its content: ", рассказал «Изданию» судовой агент X[, который ...]".
_RU_TRAILING_CUE = re.compile(
    rf",\s+(?:{cues.RU_CUE})\s+(?:«[^»]{{1,60}}»\s+)?(?P<who>[^,.;:!?«»—]{{3,80}}?)\s*(?=[,.;!?]|$)"
)
# A sentence that credits the one before it: «Об этом сообщает ...», «Эту информацию подтвердил ...».
_BACK_REFERENCE = re.compile(r"\s*(?P<ref>(?:Об\s+этом|Эту\s+информацию|Такие\s+данные)\s)")
# Non-answers and denials read off the parse («не стал подтверждать») keep their own label.
_STANCE_SOURCING = {Polarity.DENIED: Sourcing.DENIAL, Polarity.NON_ANSWER: Sourcing.NO_COMMENT}


def russian_claims(doc: AnnotatedArticle, parsed: ArticleParse, vocab: Any) -> list[Claim]:
    """The claims of a Russian article; ``vocab`` is natasha's morphological dictionary."""
    body = doc.article.body
    resolver = SpeakerResolver(body, doc.entities)
    direct = [(q.start, q.end) for q in doc.quotes if q.direct]
    sentences = [(s.start, s.end) for s in parsed.sentences]
    relied_on = outlet_sources(doc, ((a, b, russian_anonymous_source(body[a:b])) for a, b in sentences))
    out: list[Claim] = []
    patterned: list[tuple[int, int]] = []
    for start, end in sentences:
        sentence = body[start:end]
        withheld = _RU_NO_COMMENT.search(sentence) or _RU_WITHHELD.search(sentence)
        hit = withheld or _RU_DENY.search(sentence)
        if hit is None:
            continue
        patterned.append((start, end))
        speaker = resolver.resolve(start, start + hit.start())
        subject = (entity_place_name(doc, speaker.name) or speaker.name, speaker.entity)
        if withheld:
            kind = ("no_comment", Sourcing.NO_COMMENT, Polarity.NON_ANSWER)
        else:
            kind = ("deny", Sourcing.DENIAL, Polarity.DENIED)
        time_index = next((i for i, t in enumerate(doc.times) if start <= t.start < end), None)
        out.append(_claim(doc, (start, end), subject, kind, time_index=time_index))
    for event in russian_events(parsed.russian, vocab):
        start, end = event.sentence
        if any(s < end and start < e for s, e in patterned):
            continue  # the non-answer or denial is this sentence's claim
        if any(s <= event.verb[0] < e for s, e in direct):
            continue  # inside a direct quote: the quote is the record
        claim = _event_claim(doc, resolver, event, relied_on)
        if claim is not None:
            out.append(claim)
    return sorted(out, key=lambda c: c.evidence[0].start)


def _event_claim(
    doc: AnnotatedArticle, resolver: SpeakerResolver, event: RussianEvent, relied_on: dict[str, str]
) -> Claim | None:
    subject = event.subject
    speaker = resolver.resolve(*subject, event.subject_head, strict=True)
    owner = _owner_mention(doc, event) if speaker.type not in NAMED_TYPES or speaker.name is None else None
    if owner is not None:
        subject = owner
        speaker = resolver.resolve(*owner, doc.article.body[owner[0] : owner[1]], strict=True)
    if speaker.type not in NAMED_TYPES or speaker.name is None:
        return None
    if event.subject_pos == "NOUN" and speaker.type is SpeakerType.NAMED_PERSON:
        return None  # a common noun read as a title («встреча») is not a named subject
    if event.predicate in EMPTY_PREDICATES and event.object is None:
        return None
    start, end = event.sentence
    quote = _covering_quote(doc.quotes, event.verb[0])
    anonymous = russian_anonymous_source(doc.article.body[start:end])
    attribution = attribute(doc, (start, end), quote, anonymous, relied_on)
    if attribution.sourcing is Sourcing.UNATTRIBUTED:
        attribution = (_trailing_speaker(doc, resolver, (start, end), event.verb[0])
                       or _reported_next(doc, end, relied_on) or attribution)
    sourcing = _STANCE_SOURCING.get(event.polarity, attribution.sourcing)
    kind = (event.predicate, sourcing, event.polarity)
    place_index = clause_place(doc, (start, end), event.scope)
    return _claim(
        doc,
        (start, end),
        subject_name(doc, subject, speaker),
        kind,
        obj=event.object,
        attribution=attribution,
        place_index=place_index,
        time_index=clause_time(doc, (start, end), event.scope),
        modality=event.modality,
    )


def _owner_mention(doc: AnnotatedArticle, event: RussianEvent) -> tuple[int, int] | None:
    """The named entity an institution subject stands for («правительство Грузии» -> Грузии):
    the first entity mention in the subject phrase after its head word, else None."""
    if event.subject_head.lower() not in RU_INSTITUTION_HEADS:
        return None
    start, end = event.subject
    body = doc.article.body
    after = start + len(event.subject_head)
    mentions = [
        (m.start, m.end) for e in doc.entities for m in e.mentions
        if m.field == BODY and after <= m.start and (m.end <= end or not body[end : m.start].strip())
    ]
    return min(mentions) if mentions else None


def _reported_next(doc: AnnotatedArticle, end: int, relied_on: dict[str, str]) -> Attribution | None:
    """The outlet the next sentence credits with this one («Об этом сообщает издание X со
    ссылкой на источники в правительстве»): the channel, with its sources. None otherwise."""
    body = doc.article.body
    following = _BACK_REFERENCE.match(body, end)
    if following is None:
        return None
    start = following.start("ref")
    stop = next((s.end for s in doc.sentences if s.start <= start < s.end), len(body))
    cited = next((c for c in doc.citations if c.start is not None and start <= c.start < stop), None)
    if cited is None:
        return None
    via = (cited.outlet, cited.outlet_entity)
    anonymous = russian_anonymous_source(body[start:stop]) or relied_on.get(cited.outlet)
    if anonymous is not None:
        return Attribution(anonymous, None, Sourcing.ANONYMOUS, *via)
    return Attribution(cited.outlet, cited.outlet_entity, Sourcing.NAMED, *via)


def _trailing_speaker(
    doc: AnnotatedArticle, resolver: SpeakerResolver, bounds: tuple[int, int], verb: int
) -> Attribution | None:
    """The speaker of a trailing reporting clause after the event («Порт остановил работу,
    рассказал «Изданию» судовой агент Гурам Чиковани, который ...»), when a named person or
    organisation: an indirect report on their record. None otherwise."""
    start, end = bounds
    sentence = doc.article.body[start:end]
    for cue in _RU_TRAILING_CUE.finditer(sentence):
        if start + cue.start() < verb:
            continue  # the cue must follow the event it reports
        who = (start + cue.start("who"), start + cue.end("who"))
        speaker = resolver.resolve(*who)
        if speaker.type in NAMED_TYPES and speaker.name is not None:
            return Attribution(speaker.name, speaker.entity, SOURCING_BY_SPEAKER[speaker.type])
    return None


def _claim(
    doc: AnnotatedArticle,
    bounds: tuple[int, int],
    subject: tuple[str | None, str | None],
    kind: tuple[str, Sourcing, Polarity],
    *,
    obj: str | None = None,
    attribution: Attribution | None = None,
    place_index: int | None = None,
    time_index: int | None = None,
    modality: Any = None,
) -> Claim:
    """A Russian claim; ``subject`` is its name and its entity's id, ``kind`` its predicate,
    sourcing and polarity."""
    start, end = bounds
    predicate, sourcing, polarity = kind
    evidence = (Evidence(start, end),)
    who = attribution or Attribution()
    return Claim(
        id=claim_id(doc.article.id, evidence, predicate),
        text=doc.article.body[start:end].strip(),
        subject=subject[0],
        subject_entity=subject[1],
        predicate=predicate,
        object=obj,
        place=None if place_index is None else doc.places[place_index].name,
        place_index=place_index,
        time=None if time_index is None else doc.times[time_index].value,
        time_index=time_index,
        attributed_to=who.attributed_to,
        attributed_entity=who.attributed_entity,
        sourcing=sourcing,
        evidence=evidence,
        polarity=polarity,
        modality=modality,
        channel=who.channel,
        channel_entity=who.channel_entity,
    )


def _covering_quote(quotes: tuple[Quote, ...], position: int) -> Quote | None:
    return next((q for q in quotes if q.start <= position < q.end), None)
