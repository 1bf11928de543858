"""The claims stage: an article's factual statements in a normalised, matchable form.

A claim is read off each sentence's main event verb (under a reporting verb, the reported
clause's verb: in "Putin offered X, Kommersant reported" the claim is Putin's offer). Subject
and object come from the dependency parse, the subject as a canonical entity name; the
predicate is the verb's lemma mapped to a shared form ("proposed" and "offered" both become
"offer") so that two articles telling the same fact produce matching claims. Place and time
come from the places and times stages' mentions inside the sentence; who the claim is
attributed to, and how it is sourced, from the quotes and citations stages.

Non-answers and denials are claims of their own: "The Kremlin did not comment" gives
predicate ``no_comment``, "X denied the report" gives ``deny``. Russian articles get the same
claims from natasha's parse (``claims_ru.py``), their predicates in the English vocabulary.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from wirewatch.annotate.attribution.ru import sentence_bounds as sentence_bounds_ru
from wirewatch.annotate.attribution.speakers import SpeakerResolver
from wirewatch.annotate.attribution.stage import is_russian, resolution_entities
from wirewatch.model import AnnotatedArticle, Claim, EntityType, Evidence, Quote, SpeakerType
from wirewatch.resources import lexicon as cues
from wirewatch.resources.nlp import UsesEnglishPipeline

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Objects longer than this many tokens are cut: the evidence span keeps the full sentence.
MAX_OBJECT_TOKENS = 16
# Sourcing labels (the public vocabulary of Claim.sourcing).
NAMED, ANONYMOUS, OFFICIAL, UNATTRIBUTED = "named", "anonymous", "official", "unattributed"
DENIAL, NO_COMMENT = "denial", "no_comment"

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


class ClaimAnnotator(UsesEnglishPipeline):
    """Pipeline stage filling ``claims``. Runs after entities, places, times, quotes and
    citations, and uses what they found."""

    name = "claims"


    def __call__(self, doc: AnnotatedArticle) -> AnnotatedArticle:
        if is_russian(doc):
            claims = _russian_claims(doc)
        else:
            claims = _EnglishClaims(doc, self.parse(doc.article.body)).run()
        return replace(doc, claims=tuple(claims))


class _EnglishClaims:
    def __init__(self, doc: AnnotatedArticle, sdoc: Doc) -> None:
        self.doc = doc
        self.body = doc.article.body
        self.sdoc = sdoc
        # spaCy rebuilds ``Doc.text`` and ``Doc.ents`` from every token on each access: read
        # them once per article, not once per sentence.
        self.text = sdoc.text
        self.ents = sdoc.ents
        entities = resolution_entities(self.body, doc.entities, self.sdoc)
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
        obj = _object(verb, self.text)
        if predicate in _EMPTY_PREDICATES and obj is None:
            return None
        evidence = (Evidence(sent.start_char, sent.end_char),)
        attributed_to, attributed_sourcing = self._attribution(sent, verb)
        return Claim(
            id=claim_id(self.doc.article.id, evidence, predicate),
            text=sent.text.strip(),
            subject=_place_name(self.doc, subject.idx, subject.idx + len(subject.text)) or speaker.name,
            predicate=predicate,
            object=obj,
            place=self._place(sent, subject),
            time=self._time(sent),
            attributed_to=attributed_to,
            sourcing=sourcing or attributed_sourcing,
            evidence=evidence,
        )

    def _attribution(self, sent: Span, verb: Token) -> tuple[str | None, str]:
        """Who the claim is attributed to, and how it is sourced."""
        quote = _covering_quote(self.doc.quotes, verb.idx)
        outlets = [
            c.outlet
            for c in self.doc.citations
            if c.start is not None and sent.start_char <= c.start < sent.end_char
        ]
        anonymous_citing = bool(_ANONYMOUS_CITING.search(sent.text))
        if quote is None:
            if outlets:
                return outlets[0], ANONYMOUS if anonymous_citing else NAMED
            return None, UNATTRIBUTED
        sourcing = _SOURCING_BY_SPEAKER[quote.speaker_type]
        if outlets and quote.speaker in outlets:
            sourcing = ANONYMOUS if anonymous_citing else NAMED
        elif anonymous_citing:
            sourcing = ANONYMOUS
        attributed = outlets[0] if outlets else quote.speaker or quote.speaker_description
        return attributed, sourcing

    def _place(self, sent: Span, subject: Token) -> str | None:
        skip = {t.i for t in subject.subtree}
        phrase = (subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text))
        resolved = _place_in(self.doc, sent.start_char, sent.end_char, phrase)
        if resolved is None:
            # A place qualifying the subject ("Uzbekistan's Ministry of Water Resources"), not
            # the subject itself ("Kazakhstan has not commented").
            head = (subject.idx, subject.idx + len(subject.text))
            resolved = _place_in(self.doc, *phrase, head)
        if resolved is not None:
            return resolved
        for ent in self._ents_in(sent):
            if ent.label_ in ("GPE", "LOC", "FAC") and ent.start not in skip:
                prev = ent.start - 1
                if prev >= 0 and self.sdoc[prev].lower_ in ("in", "at"):
                    return ent.text
        return None

    def _ents_in(self, sent: Span) -> list[Span]:
        """``sent.ents`` (the entities wholly inside the sentence) from the article's list."""
        return [e for e in self.ents if e.start >= sent.start and e.end <= sent.end]

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


def _predicate(verb: Token) -> tuple[str, str | None]:
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


def _object(verb: Token, doc_text: str) -> str | None:
    """The object of ``verb`` as written in ``doc_text``, the text of its parse."""
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
    return doc_text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]


def _covering_quote(quotes: tuple[Quote, ...], position: int) -> Quote | None:
    for q in quotes:
        if q.start <= position < q.end:
            return q
    return None


def _russian_claims(doc: AnnotatedArticle) -> list[Claim]:
    """Russian claims: non-answers and denials by surface pattern (the subject is the first
    person or organisation before the cue), other events from natasha's dependency parse."""
    from wirewatch.annotate.claims.ru import russian_events
    from wirewatch.resources.nlp import parse_russian, russian_models

    body = doc.article.body
    resolver = SpeakerResolver(body, doc.entities)
    direct = [(q.start, q.end) for q in doc.quotes if q.direct]
    out: list[Claim] = []
    patterned: list[tuple[int, int]] = []
    for start, end in sentence_bounds_ru(body):
        sentence = body[start:end]
        no_comment = _RU_NO_COMMENT.search(sentence)
        deny = _RU_DENY.search(sentence)
        hit = no_comment or deny
        if hit is None:
            continue
        patterned.append((start, end))
        speaker = resolver.resolve(start, start + hit.start())
        predicate, sourcing = ("no_comment", NO_COMMENT) if no_comment else ("deny", DENIAL)
        subject = _entity_place_name(doc, speaker.name) or speaker.name
        out.append(_russian_claim(doc, (start, end), subject, predicate, None, sourcing))
    for event in russian_events(parse_russian(body), russian_models()["vocab"]):
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
        subject = _place_name(doc, *event.subject) or speaker.name
        quote = _covering_quote(doc.quotes, event.verb[0])
        outlets = [c.outlet for c in doc.citations if c.start is not None and start <= c.start < end]
        attributed, sourcing = _russian_attribution(quote, outlets, body[start:end])
        claim = _russian_claim(doc, (start, end), subject, event.predicate, event.object, sourcing)
        out.append(replace(claim, attributed_to=attributed, place=_place_in(doc, start, end, event.subject)))
    return sorted(out, key=lambda c: c.evidence[0].start)


def _russian_claim(
    doc: AnnotatedArticle,
    bounds: tuple[int, int],
    subject: str | None,
    predicate: str,
    obj: str | None,
    sourcing: str,
) -> Claim:
    start, end = bounds
    evidence = (Evidence(start, end),)
    return Claim(
        id=claim_id(doc.article.id, evidence, predicate),
        text=doc.article.body[start:end].strip(),
        subject=subject,
        predicate=predicate,
        object=obj,
        place=None,
        time=next((t.value for t in doc.times if start <= t.start < end and t.value), None),
        attributed_to=None,
        sourcing=sourcing,
        evidence=evidence,
    )


def _russian_attribution(quote: Quote | None, outlets: list[str], sentence: str) -> tuple[str | None, str]:
    """Who a Russian claim is attributed to, and how it is sourced, as for English: an outlet
    «со ссылкой на источник» (citing a source) is anonymous sourcing."""
    anonymous_citing = bool(_RU_ANONYMOUS_CITING.search(sentence))
    if quote is None:
        if outlets:
            return outlets[0], ANONYMOUS if anonymous_citing else NAMED
        return None, UNATTRIBUTED
    sourcing = ANONYMOUS if anonymous_citing else _SOURCING_BY_SPEAKER[quote.speaker_type]
    return (outlets[0] if outlets else quote.speaker or quote.speaker_description), sourcing


def _entity_place_name(doc: AnnotatedArticle, name: str | None) -> str | None:
    """The resolved place of the place entity called ``name`` («Узбекистан» -> Uzbekistan)."""
    entity = next((e for e in doc.entities if e.name == name and e.type is EntityType.PLACE), None)
    if entity is None:
        return None
    starts = {m.start for m in entity.mentions}
    return next((p.name for p in doc.places if any(m.start in starts for m in p.mentions)), None)


def _place_name(doc: AnnotatedArticle, start: int, end: int) -> str | None:
    """The resolved place whose mention is the claim's subject («Россия» -> Russia), so that
    claims in different languages name it alike."""
    for place in doc.places:
        if any(m.start < end and start < m.end for m in place.mentions):
            return place.name
    return None


def _place_in(doc: AnnotatedArticle, start: int, end: int, subject: tuple[int, int]) -> str | None:
    """The resolved place mentioned first in the sentence outside its subject ("during the
    summit in Geneva, Putin offered ... bases in Tajikistan": Geneva)."""
    mentioned = [
        (m.start, place.name)
        for place in doc.places
        for m in place.mentions
        if start <= m.start < end and not (m.start < subject[1] and subject[0] < m.end)
    ]
    return min(mentioned)[1] if mentioned else None
