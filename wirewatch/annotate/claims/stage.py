"""The claims stage: an article's factual statements in a normalised, matchable form.

A claim is read off each sentence's main event verb (under a reporting verb, the reported
clause's verb: in "Putin offered X, Kommersant reported" the claim is Putin's offer). Subject
and object come from the dependency parse, the subject as a canonical entity name; the
predicate is the verb's lemma mapped to a shared form ("proposed" and "offered" both become
"offer") so that two articles telling the same fact produce matching claims. Place and time
come from the places and times stages' mentions inside the sentence; who the claim is
attributed to, and how it is sourced, from the quotes and citations stages. Each claim keeps
the ids of the entities its subject and attribution are (``subject_entity``,
``attributed_entity``) and the index of its resolved place (``place_index``), found the same
way as the names it shows.

Non-answers and denials are claims of their own: "The Kremlin did not comment" gives
predicate ``no_comment``, "X denied the report" gives ``deny``. Russian articles get the same
claims from natasha's parse (``claims_ru.py``), their predicates in the English vocabulary.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from wirewatch.annotate.attribution.speakers import Speaker, SpeakerResolver
from wirewatch.annotate.attribution.stage import resolution_entities
from wirewatch.annotate.entities.ids import place_of
from wirewatch.model import (
    AnnotatedArticle,
    Citation,
    Claim,
    EntityType,
    Evidence,
    Quote,
    Sourcing,
    SpeakerType,
)
from wirewatch.resources import lexicon as cues
from wirewatch.resources.article_parse import ArticleParse
from wirewatch.resources.nlp import NlpModels
from wirewatch.resources.outlets import OutletCatalog

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Objects longer than this many tokens are cut: the evidence span keeps the full sentence.
MAX_OBJECT_TOKENS = 16
# Sourcing labels (the public vocabulary of Claim.sourcing).
NAMED, ANONYMOUS, OFFICIAL = Sourcing.NAMED, Sourcing.ANONYMOUS, Sourcing.OFFICIAL
UNATTRIBUTED, DENIAL, NO_COMMENT = Sourcing.UNATTRIBUTED, Sourcing.DENIAL, Sourcing.NO_COMMENT
# Who a claim is attributed to: the name shown (``attributed_to``) and its entity's id.
Attributed = tuple[str | None, str | None]

_SOURCING_BY_SPEAKER = {
    SpeakerType.NAMED_PERSON: NAMED,
    SpeakerType.ANONYMOUS: ANONYMOUS,
    SpeakerType.ORGANIZATION: OFFICIAL,
    SpeakerType.DOCUMENT: OFFICIAL,
    SpeakerType.UNKNOWN: UNATTRIBUTED,
}
_NAMED_TYPES = frozenset({SpeakerType.NAMED_PERSON, SpeakerType.ORGANIZATION})
_OBJECT_DEPS = ("dobj", "attr", "acomp", "oprd")
# Predicates that say nothing without an object ("the US was").
_EMPTY_PREDICATES = frozenset({"be", "have", "do", "become"})
_ANONYMOUS_CITING = re.compile(r"\bciting\s+(?:\w+\s+){0,3}(?:sources?|officials?|people)\b", re.I)
_RU_NO_COMMENT = re.compile(
    r"(?:не\s+(?:стал[аио]?\s+)?комментир\w*|отказал\w*\s+от\s+комментари\w*|"
    r"не\s+ответил\w*\s+на\s+запрос\w*)",
    re.IGNORECASE,
)
_RU_ANONYMOUS_CITING = re.compile(
    rf"{cues.RU_CITING}\s+(?:\w+\s+){{0,2}}(?:{'|'.join(cues.RU_ANONYMOUS_STEMS)})", re.IGNORECASE
)
_RU_DENY = re.compile(r"(?:опроверг\w*|отрица\w*|назвал\w*\s+(?:это\s+)?(?:ложью|фейком))", re.I)


def claim_id(article_id: str, evidence: tuple[Evidence, ...], predicate: str) -> str:
    """A stable id: the same article, evidence and predicate always give the same id."""
    spans = ",".join(f"{e.start}-{e.end}" for e in evidence)
    return hashlib.sha1(f"{article_id}|{spans}|{predicate}".encode()).hexdigest()[:16]


class ClaimAnnotator:
    """Pipeline stage filling ``claims``. Runs after entities, places, times, quotes and
    citations, and uses what they found. ``catalog`` names outlets when no entity stage ran;
    ``nlp`` gives the Russian morphological dictionary."""

    name = "claims"
    requires = ("parse", "sentences", "entities", "places", "times", "quotes", "citations")
    produces = ("claims",)

    def __init__(self, catalog: OutletCatalog, nlp: NlpModels) -> None:
        self.catalog = catalog
        self._nlp = nlp

    def __call__(self, doc: AnnotatedArticle, parsed: ArticleParse) -> AnnotatedArticle:
        if parsed.is_russian:
            claims = _russian_claims(doc, parsed, self._nlp.russian["vocab"])
        else:
            claims = _EnglishClaims(doc, parsed.english, self.catalog).run()
        return replace(doc, claims=tuple(claims))


class _EnglishClaims:
    """The claims of one English article: one per sentence of its parse (the article's
    segmentation) at most."""

    def __init__(self, doc: AnnotatedArticle, sdoc: Doc, catalog: OutletCatalog) -> None:
        self.doc = doc
        self.body = doc.article.body
        self.sdoc = sdoc
        entities = resolution_entities(self.body, doc.entities, self.sdoc, catalog)
        self.resolver = SpeakerResolver(self.body, entities)
        self.direct = [(q.start, q.end) for q in doc.quotes if q.direct]

    def run(self) -> list[Claim]:
        out: list[Claim] = []
        for sent in self.sdoc.sents:
            if any(s <= sent.start_char and sent.end_char <= e for s, e in self.direct):
                continue  # inside a direct quote: the quote is the record, not a claim
            claim = self._claim(sent)
            if claim is not None:
                out.append(claim)
        return out

    def _event_verb(self, sent: Span) -> Token | None:
        verb = sent.root
        if _predicate(verb)[1] is not None:
            return verb  # "did not comment", "denied": a claim of its own
        for _ in range(3):  # "X said that Y reported that Z offered ..."
            if verb.lemma_.lower() not in cues.SPEECH_LEMMAS:
                break
            clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            if clause is None:
                # "Putin offered ..., Kommersant reported": the cue hangs off the event.
                return verb if verb.dep_ == "ROOT" and not _has_subject(verb) else None
            verb = clause
        return verb if verb.pos_ in ("VERB", "AUX") else None

    def _claim(self, sent: Span) -> Claim | None:
        verb = self._event_verb(sent)
        if verb is None:
            return None
        subject = _subject_of(verb)
        if subject is None:
            return None
        # "US special envoy for Afghanistan Zalmay Khalilzad, who ..., refused": the name is the
        # title's appositive.
        named = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        subject = named or subject
        s_start, s_end = _name_chars(subject)
        speaker = self.resolver.resolve(s_start, s_end, subject.text, strict=True)
        if speaker.type not in _NAMED_TYPES or speaker.name is None:
            return None
        predicate, sourcing = _predicate(verb)
        obj = _object(verb)
        if predicate in _EMPTY_PREDICATES and obj is None:
            return None
        evidence = (Evidence(sent.start_char, sent.end_char),)
        (attributed_to, attributed_entity), attributed_sourcing = self._attribution(sent, verb)
        head = (subject.idx, subject.idx + len(subject.text))
        subject_name, subject_entity = _subject(self.doc, head, speaker)
        place, place_index = self._place(sent, subject)
        return Claim(
            id=claim_id(self.doc.article.id, evidence, predicate),
            text=sent.text.strip(),
            subject=subject_name,
            predicate=predicate,
            object=obj,
            place=place,
            time=self._time(sent),
            attributed_to=attributed_to,
            sourcing=sourcing or attributed_sourcing,
            evidence=evidence,
            subject_entity=subject_entity,
            attributed_entity=attributed_entity,
            place_index=place_index,
        )

    def _attribution(self, sent: Span, verb: Token) -> tuple[Attributed, Sourcing]:
        """Who the claim is attributed to (name and entity id), and how it is sourced."""
        quote = _covering_quote(self.doc.quotes, verb.idx)
        outlets = _citations_in(self.doc, sent.start_char, sent.end_char)
        anonymous_citing = bool(_ANONYMOUS_CITING.search(sent.text))
        if quote is None:
            if outlets:
                return _cited(outlets[0]), ANONYMOUS if anonymous_citing else NAMED
            return (None, None), UNATTRIBUTED
        sourcing = _SOURCING_BY_SPEAKER[quote.speaker_type]
        if outlets and quote.speaker in [c.outlet for c in outlets]:
            sourcing = ANONYMOUS if anonymous_citing else NAMED
        elif anonymous_citing:
            sourcing = ANONYMOUS
        return (_cited(outlets[0]) if outlets else _quoted(quote)), sourcing

    def _place(self, sent: Span, subject: Token) -> tuple[str | None, int | None]:
        """The claim's place: its name and, when resolved, its index in ``places``."""
        skip = {t.i for t in subject.subtree}
        phrase = (subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text))
        resolved = _place_in(self.doc, sent.start_char, sent.end_char, phrase)
        if resolved is None:
            # A place qualifying the subject ("Uzbekistan's Ministry of Water Resources"), not
            # the subject itself ("Kazakhstan has not commented").
            head = (subject.idx, subject.idx + len(subject.text))
            resolved = _place_in(self.doc, *phrase, head)
        if resolved is not None:
            return self.doc.places[resolved].name, resolved
        for ent in sent.ents:
            if ent.label_ in ("GPE", "LOC", "FAC") and ent.start not in skip:
                prev = ent.start - 1
                if prev >= 0 and self.sdoc[prev].lower_ in ("in", "at"):
                    return ent.text, None  # as written: the gazetteer did not resolve it
        return None, None

    def _time(self, sent: Span) -> str | None:
        for ref in self.doc.times:
            if ref.value and sent.start_char <= ref.start < sent.end_char:
                return ref.value
        return None


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _subject_of(verb: Token) -> Token | None:
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
            verb = verb.head
            continue
        return None
    return None


def _name_chars(tok: Token) -> tuple[int, int]:
    """The subject's name: its head with the compounds and determiner right before it
    ("President Vladimir Putin", "the Kremlin"), without clauses and prepositions."""
    name = next((c for c in tok.rights if c.dep_ in ("appos", "compound") and c.pos_ == "PROPN"), None)
    if name is not None and not tok.text[:1].isupper():
        tok = name  # "US special envoy ... Zalmay Khalilzad": the name, not the title
    first = tok
    for child in tok.lefts:
        if child.dep_ in ("compound", "det", "amod", "nmod", "poss"):
            first = child if child.i < first.i else first
    start = first.left_edge.idx if first is not tok else tok.idx
    return start, tok.idx + len(tok.text)


def _predicate(verb: Token) -> tuple[str, Sourcing | None]:
    """The normalised predicate and, for non-answers and denials, their sourcing label."""
    lemma = verb.lemma_.lower()
    negated = any(c.dep_ == "neg" for c in verb.children)
    if lemma in cues.NO_COMMENT_LEMMAS and negated:
        return "no_comment", NO_COMMENT
    if lemma in cues.REFUSAL_LEMMAS:
        goal = next((c for c in verb.children if c.dep_ in ("xcomp", "dobj")), None)
        if goal is not None and (
            goal.lemma_ in cues.NO_COMMENT_LEMMAS or any(c.lemma_ == "comment" for c in goal.subtree)
        ):
            return "no_comment", NO_COMMENT
    if lemma in cues.DENIAL_LEMMAS:
        return "deny", DENIAL
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    base = f"{lemma}_{particle}" if particle else lemma
    base = cues.PREDICATE_SYNONYMS.get(base, base)
    return (f"not_{base}" if negated else base), None


def _object(verb: Token) -> str | None:
    objects = [c for c in verb.children if c.dep_ in _OBJECT_DEPS]
    # "offered Biden the use of the bases": with two objects the first is the recipient (the
    # small parser often labels both dobj); the thing offered is the last one.
    obj = objects[-1] if objects else None
    if obj is None:
        obj = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "dative")), None)
    if obj is None:
        return None
    tokens = [t for t in obj.subtree if not t.is_space][:MAX_OBJECT_TOKENS]
    while tokens and (tokens[0].dep_ == "det" or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return None
    # The body's own text between the first and last token, spacing and apostrophes as written.
    doc_text = verb.doc.text
    return doc_text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]


def _covering_quote(quotes: tuple[Quote, ...], position: int) -> Quote | None:
    for q in quotes:
        if q.start <= position < q.end:
            return q
    return None


def _russian_claims(doc: AnnotatedArticle, parsed: ArticleParse, vocab: Any) -> list[Claim]:
    """Russian claims: non-answers and denials by surface pattern (the subject is the first
    person or organisation before the cue), other events from natasha's dependency parse."""
    from wirewatch.annotate.claims.ru import russian_events

    body = doc.article.body
    resolver = SpeakerResolver(body, doc.entities)
    direct = [(q.start, q.end) for q in doc.quotes if q.direct]
    out: list[Claim] = []
    patterned: list[tuple[int, int]] = []
    for sentence_span in parsed.sentences:
        start, end = sentence_span.start, sentence_span.end
        sentence = body[start:end]
        no_comment = _RU_NO_COMMENT.search(sentence)
        deny = _RU_DENY.search(sentence)
        hit = no_comment or deny
        if hit is None:
            continue
        patterned.append((start, end))
        speaker = resolver.resolve(start, start + hit.start())
        predicate, sourcing = ("no_comment", NO_COMMENT) if no_comment else ("deny", DENIAL)
        subject = (_entity_place_name(doc, speaker.name) or speaker.name, speaker.entity)
        out.append(_russian_claim(doc, (start, end), subject, predicate, None, sourcing))
    for event in russian_events(parsed.russian, vocab):
        start, end = event.sentence
        if any(s < end and start < e for s, e in patterned):
            continue  # the non-answer or denial is this sentence's claim
        if any(s <= event.verb[0] < e for s, e in direct):
            continue  # inside a direct quote: the quote is the record
        speaker = resolver.resolve(*event.subject, event.subject_head, strict=True)
        if speaker.type not in _NAMED_TYPES or speaker.name is None:
            continue
        if event.subject_pos == "NOUN" and speaker.type is SpeakerType.NAMED_PERSON:
            continue  # a common noun read as a title («встреча») is not a named subject
        if event.predicate in _EMPTY_PREDICATES and event.object is None:
            continue
        subject = _subject(doc, event.subject, speaker)
        quote = _covering_quote(doc.quotes, event.verb[0])
        outlets = _citations_in(doc, start, end)
        (attributed, attributed_entity), sourcing = _russian_attribution(quote, outlets, body[start:end])
        claim = _russian_claim(doc, (start, end), subject, event.predicate, event.object, sourcing)
        place_index = _place_in(doc, start, end, event.subject)
        out.append(
            replace(
                claim,
                attributed_to=attributed,
                attributed_entity=attributed_entity,
                place=None if place_index is None else doc.places[place_index].name,
                place_index=place_index,
            )
        )
    return sorted(out, key=lambda c: c.evidence[0].start)


def _russian_claim(
    doc: AnnotatedArticle,
    bounds: tuple[int, int],
    subject: tuple[str | None, str | None],
    predicate: str,
    obj: str | None,
    sourcing: Sourcing,
) -> Claim:
    """A Russian claim; ``subject`` is its name and its entity's id."""
    start, end = bounds
    evidence = (Evidence(start, end),)
    return Claim(
        id=claim_id(doc.article.id, evidence, predicate),
        text=doc.article.body[start:end].strip(),
        subject=subject[0],
        subject_entity=subject[1],
        predicate=predicate,
        object=obj,
        place=None,
        time=next((t.value for t in doc.times if start <= t.start < end and t.value), None),
        attributed_to=None,
        sourcing=sourcing,
        evidence=evidence,
    )


def _russian_attribution(
    quote: Quote | None, outlets: list[Citation], sentence: str
) -> tuple[Attributed, Sourcing]:
    """Who a Russian claim is attributed to, and how it is sourced, as for English: an outlet
    «со ссылкой на источник» (citing a source) is anonymous sourcing."""
    anonymous_citing = bool(_RU_ANONYMOUS_CITING.search(sentence))
    if quote is None:
        if outlets:
            return _cited(outlets[0]), ANONYMOUS if anonymous_citing else NAMED
        return (None, None), UNATTRIBUTED
    sourcing = ANONYMOUS if anonymous_citing else _SOURCING_BY_SPEAKER[quote.speaker_type]
    return (_cited(outlets[0]) if outlets else _quoted(quote)), sourcing


def _citations_in(doc: AnnotatedArticle, start: int, end: int) -> list[Citation]:
    """The article's citations whose phrase starts inside body[start:end], in order."""
    return [c for c in doc.citations if c.start is not None and start <= c.start < end]


def _cited(citation: Citation) -> Attributed:
    return citation.outlet, citation.outlet_entity


def _quoted(quote: Quote) -> Attributed:
    """A quote's speaker by name and entity, else the outlet that passed an unnamed source's
    words on (``channel``), else the speaker's description (which has no entity)."""
    if quote.speaker:
        return quote.speaker, quote.speaker_entity
    if quote.channel:
        return quote.channel, quote.channel_entity
    return quote.speaker_description, None


def _subject(doc: AnnotatedArticle, span: tuple[int, int], speaker: Speaker) -> tuple[str | None, str | None]:
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


def _entity_place_name(doc: AnnotatedArticle, name: str | None) -> str | None:
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


def _place_in(doc: AnnotatedArticle, start: int, end: int, subject: tuple[int, int]) -> int | None:
    """Index of the resolved place mentioned first in the sentence outside its subject ("during
    the summit in Geneva, Putin offered ... bases in Tajikistan": Geneva)."""
    mentioned = [
        (m.start, index)
        for index, place in enumerate(doc.places)
        for m in place.mentions
        if start <= m.start < end and not (m.start < subject[1] and subject[0] < m.end)
    ]
    return min(mentioned)[1] if mentioned else None
