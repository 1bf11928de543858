"""The claims stage: an article's factual statements in a normalised, matchable form.

A claim is read off each sentence's main event verb (under a reporting verb, the reported
clause's verb: in "Putin offered X, Kommersant reported" the claim is Putin's offer). Subject
and object come from the dependency parse, the subject as a canonical entity name; the
predicate is the verb's lemma mapped to a shared form ("proposed" and "offered" both become
"offer") so that two articles telling the same fact produce matching claims. Place and time
come from the places and times stages' mentions inside the event's clause; who the claim is
attributed to, how it is sourced and which outlet relayed it, from the quotes and citations
stages. Each claim keeps
the ids of the entities its subject and attribution are (``subject_entity``,
``attributed_entity``) and the index of its resolved place (``place_index``), found the same
way as the names it shows.

Non-answers and denials are claims of their own: "The Kremlin did not comment" gives
predicate ``no_comment`` (polarity ``non_answer``), "X denied the report" gives ``deny``
(``denied``), "X confirmed that ..." gives ``confirm``; other events are ``affirmed`` or
``negated`` and carry the modality their clause gives them (``polarity.py``). Place and time are
those written in the event's own clause (``clause.py``), the sourcing that of the clause
(``sourcing.py``). Russian articles get the same claims from natasha's parse (``ru.py``),
their predicates in the English vocabulary.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from wirewatch.annotate.attribution.speakers import SpeakerResolver
from wirewatch.annotate.attribution.stage import resolution_entities
from wirewatch.annotate.claims.clause import LOCATIVE, ScopedWord, english_scope, pick
from wirewatch.annotate.claims.common import (
    EMPTY_PREDICATES,
    NAMED_TYPES,
    claim_id,
    clause_place,
    clause_time,
    place_in,
    subject_name,
)
from wirewatch.annotate.claims.polarity import Event, is_stance, modality_of, predicate_of, through_frames
from wirewatch.annotate.claims.russian import russian_claims
from wirewatch.annotate.claims.sourcing import (
    SOURCING_BY_SPEAKER,
    attribute,
    english_anonymous_source,
    outlet_sources,
)
from wirewatch.model import BODY, AnnotatedArticle, Claim, Evidence, Sourcing
from wirewatch.resources import lexicon as cues
from wirewatch.resources.article_parse import ArticleParse
from wirewatch.resources.nlp import NlpModels, doc_text
from wirewatch.resources.outlets import OutletCatalog

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["ClaimAnnotator", "claim_id"]

# Objects longer than this many tokens are cut: the evidence span keeps the full sentence.
MAX_OBJECT_TOKENS = 16
_OBJECT_DEPS = ("dobj", "attr", "acomp", "oprd")
_ARTICLES = frozenset({"a", "an", "the"})
# Heads of a subject that act for the place or body named in them: "the port of Poti",
# "Georgia's government" (as "Russia offered" stands for its government).
INSTITUTION_HEADS = frozenset({"government", "authorities", "administration", "cabinet", "port"})


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
            claims = russian_claims(doc, parsed, self._nlp.russian["vocab"])
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
        # spaCy rebuilds ``Doc.text`` from every token on each access: read it once per article.
        self.text = doc_text(sdoc)
        self.ents = sdoc.ents  # rebuilt from every token on each access: read once
        entities = resolution_entities(self.body, doc.entities, self.sdoc, catalog)
        self.resolver = SpeakerResolver(self.body, entities)
        self.direct = [(q.start, q.end) for q in doc.quotes if q.direct]
        self.anonymous = {s.start: english_anonymous_source(s) for s in sdoc.sents}
        self.relied_on = outlet_sources(
            doc, ((s.start_char, s.end_char, self.anonymous[s.start]) for s in sdoc.sents)
        )

    def run(self) -> list[Claim]:
        out: list[Claim] = []
        for sent in self.sdoc.sents:
            if any(s <= sent.start_char and sent.end_char <= e for s, e in self.direct):
                continue  # inside a direct quote: the quote is the record, not a claim
            claim = self._claim(sent)
            if claim is not None:
                out.append(claim)
        return out

    def _event(self, sent: Span) -> Event | None:
        verb = sent.root
        if is_stance(verb):
            return Event(verb)  # "did not comment", "denied", "confirmed that": a claim of its own
        for _ in range(3):  # "X said that Y reported that Z offered ..."
            if verb.lemma_.lower() not in cues.SPEECH_LEMMAS:
                break
            clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            if clause is None:
                # "Putin offered ..., Kommersant reported": the cue hangs off the event.
                if verb.dep_ == "ROOT" and not _has_subject(verb):
                    return through_frames(verb)
                return None
            verb = clause
        event = through_frames(verb)  # "is ready to allocate": allocate
        return event if event.verb.pos_ in ("VERB", "AUX") else None

    def _claim(self, sent: Span) -> Claim | None:
        event = self._event(sent)
        if event is None:
            return None
        verb = event.verb
        subject = _subject_of(verb)
        if subject is None:
            return None
        # "US special envoy for Afghanistan Zalmay Khalilzad, who ..., refused": the name is the
        # title's appositive.
        phrase = subject
        named = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        subject = named or _owner_name(subject) or subject
        s_start, s_end = _name_chars(subject)
        speaker = self.resolver.resolve(s_start, s_end, subject.text, strict=True)
        if speaker.type not in NAMED_TYPES or speaker.name is None:
            return None
        predicate = predicate_of(event)
        obj = _object(verb, self.text)
        if predicate.name in EMPTY_PREDICATES and obj is None:
            return None
        bounds = (sent.start_char, sent.end_char)
        evidence = (Evidence(*bounds),)
        quote = next((q for q in self.doc.quotes if q.start <= verb.idx < q.end), None)
        who = attribute(self.doc, bounds, quote, self.anonymous[sent.start], self.relied_on)
        if predicate.name in cues.CONFIRM_LEMMAS and who.sourcing is Sourcing.UNATTRIBUTED:
            # "The ministry confirmed that ...": the subject speaks, on the record.
            who = replace(who, sourcing=SOURCING_BY_SPEAKER[speaker.type])
        head = (subject.idx, subject.idx + len(subject.text))
        head = _demonym_country(self.doc, subject) or head  # "the Georgian government": Georgia
        subject_shown, subject_entity = subject_name(self.doc, head, speaker)
        words = english_scope(verb, (t.i for t in phrase.subtree))
        place, place_index = self._place(sent, subject, words)
        time_index = clause_time(self.doc, bounds, words)
        return Claim(
            id=claim_id(self.doc.article.id, evidence, predicate.name),
            text=sent.text.strip(),
            subject=subject_shown,
            predicate=predicate.name,
            object=obj,
            place=place,
            time=None if time_index is None else self.doc.times[time_index].value,
            attributed_to=who.attributed_to,
            sourcing=predicate.sourcing or who.sourcing,
            evidence=evidence,
            subject_entity=subject_entity,
            attributed_entity=who.attributed_entity,
            place_index=place_index,
            polarity=predicate.polarity,
            modality=modality_of(event, predicate),
            time_index=time_index,
            channel=who.channel,
            channel_entity=who.channel_entity,
        )

    def _place(
        self, sent: Span, subject: Token, words: list[ScopedWord]
    ) -> tuple[str | None, int | None]:
        """The claim's place: its name and, when resolved, its index in ``places``.

        1. a resolved place in the event's clause, else in the reporting clause above it;
        2. a resolved place qualifying the subject ("Uzbekistan's Ministry ... denied");
        3. a name NER tagged as a place after a locative preposition in the clause, as written.
        """
        bounds = (sent.start_char, sent.end_char)
        resolved = clause_place(self.doc, bounds, words)
        if resolved is None:
            # Only the words before the head: "Vostrikov, who returned to Moscow," is not set there.
            head = (subject.idx, subject.idx + len(subject.text))
            resolved = place_in(self.doc, subject.left_edge.idx, head[1], head)
        if resolved is not None:
            return self.doc.places[resolved].name, resolved
        ents = [e for e in self.ents if e.start >= sent.start and e.end <= sent.end
                and e.label_ in ("GPE", "LOC", "FAC")]
        located = [w for w in words if w.attachment == LOCATIVE]
        chosen = pick([(e.start_char, e.end_char) for e in ents], located, places=True)
        return (ents[chosen].text, None) if chosen is not None else (None, None)


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it is conjoined to or framed by ("Russia is
    ready to allocate", "Russia wants to help")."""
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if verb.dep_ in ("conj", "xcomp", "acomp") and verb.head is not verb:
            verb = verb.head
            continue
        return None
    return None


def _owner_name(tok: Token) -> Token | None:
    """The name an institution noun stands for ("the port of Poti", "Georgia's government",
    "the Poti port": Poti, Georgia), else None."""
    if tok.lemma_.lower() not in INSTITUTION_HEADS or tok.pos_ == "PROPN":
        return None
    for child in tok.children:
        if child.dep_ in ("poss", "compound") and child.pos_ == "PROPN":
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            named = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
            if named is not None:
                return named
    return None


def _demonym_country(doc: AnnotatedArticle, tok: Token) -> tuple[int, int] | None:
    """For an institution noun qualified by a country's demonym ("the Georgian government"),
    a mention of that country in the article (which the subject then names), else None."""
    if tok.lemma_.lower() not in INSTITUTION_HEADS:
        return None
    words = {c.text for c in tok.children if c.dep_ in ("amod", "compound") and c.text[:1].isupper()}
    if not words:
        return None
    demonyms = _country_demonyms()
    for place in doc.places:
        if place.feature == "country" and place.country and words & demonyms.get(place.country, frozenset()):
            mention = next((m for m in place.mentions if m.field == BODY), None)
            if mention is not None:
                return mention.start, mention.end
    return None


@lru_cache(maxsize=1)
def _country_demonyms() -> dict[str, frozenset[str]]:
    """Demonyms by ISO country code (countryinfo), read once when first needed."""
    from wirewatch.geo.areas import country_demonyms

    return {iso: frozenset(names) for iso, names in country_demonyms().items()}


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


def _object(verb: Token, text: str) -> str | None:
    """The object of ``verb`` as written in ``text``, the text of its parse."""
    objects = [c for c in verb.children if c.dep_ in _OBJECT_DEPS]
    # "offered Biden the use of the bases": with two objects the first is the recipient (the
    # small parser often labels both dobj); the thing offered is the last one.
    obj = objects[-1] if objects else None
    if obj is None:
        obj = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "dative")), None)
    if obj is None:
        return None
    tokens = [t for t in obj.subtree if not t.is_space][:MAX_OBJECT_TOKENS]
    # A leading article goes; other determiners stay ("no right to deploy ...", "any format").
    while tokens and (tokens[0].lower_ in _ARTICLES or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return None
    # The body's own text between the first and last token, spacing and apostrophes as written.
    return text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
