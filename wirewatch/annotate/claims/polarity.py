"""What an English claim's clause says of its event: the predicate, the polarity, the modality.

Read off the parse, not the wording: a negation is a ``neg`` dependent ("did not sign"), a
negative adverb ("never"), a "neither ... nor" coordination, or a negative determiner on the
object ("has no right to deploy"). A non-answer is a statement withheld: a negated comment
verb ("did not respond"), a refusal to comment ("declined to comment"), a statement noun
negated ("has made no public comment"), or a confirmation and a denial both withheld ("neither
confirmed nor denied", "did not confirm"). A denial is a denying verb that is not negated.
Modality comes from the framing head the event verb sits under ("is ready to allocate"),
its auxiliaries ("could", "would") and its adverbs ("allegedly"). The words are in
``resources/lexicon.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from wirewatch.model import Modality, Polarity, Sourcing
from wirewatch.resources import lexicon as cues

if TYPE_CHECKING:
    from spacy.tokens import Token

# How far a chain of framing heads is followed ("is going to be ready to ...").
_MAX_FRAMES = 3


@dataclass(frozen=True)
class Event:
    """The event verb of a clause, with what the heads framing it add: their modality and
    whether one of them is negated ("is not ready to allocate")."""

    verb: Token
    modality: Modality | None = None
    frame_negated: bool = False


@dataclass(frozen=True)
class Predicate:
    """A claim's normalised predicate, its polarity, and the sourcing label of a non-answer
    or a denial (None for other events)."""

    name: str
    polarity: Polarity
    sourcing: Sourcing | None = None


def through_frames(verb: Token) -> Event:
    """The event a framing head introduces: "plans to sign" -> sign (planned), "is ready to
    allocate" -> allocate (offered); the verb itself when nothing frames it."""
    modality: Modality | None = None
    negated = False
    for _ in range(_MAX_FRAMES):
        head = verb
        frame = _frame_word(verb)
        if frame is None:
            break
        infinitive = next(
            (c for c in frame.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None
        )
        if infinitive is None:
            break
        modality = modality or Modality(cues.MODAL_FRAMES[frame.lemma_.lower()])
        negated = negated or _negated(head) or _negated(frame)
        verb = infinitive
    return Event(verb, modality, negated)


def _frame_word(verb: Token) -> Token | None:
    """The framing word of ``verb``: itself ("plans to"), or its adjective complement ("is
    ready to", "is due to")."""
    if verb.lemma_.lower() in cues.MODAL_FRAMES:
        return verb
    return next(
        (c for c in verb.children if c.dep_ == "acomp" and c.lemma_.lower() in cues.MODAL_FRAMES), None
    )


def predicate_of(event: Event) -> Predicate:
    """The normalised predicate with its polarity ("not_want" negated, "deny" denied,
    "no_comment" a non-answer)."""
    verb = event.verb
    lemma = verb.lemma_.lower()
    negated = _negated(verb) or event.frame_negated
    if _is_non_answer(verb, negated):
        return Predicate("no_comment", Polarity.NON_ANSWER, Sourcing.NO_COMMENT)
    if lemma in cues.DENIAL_LEMMAS:
        return Predicate("deny", Polarity.DENIED, Sourcing.DENIAL)
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    base = f"{lemma}_{particle}" if particle else lemma
    base = cues.PREDICATE_SYNONYMS.get(base, base)
    if negated:
        return Predicate(f"not_{base}", Polarity.NEGATED)
    if _negative_object(verb) is not None:
        # "has no right to deploy": the negation stays in the object, as written.
        return Predicate(base, Polarity.NEGATED)
    return Predicate(base, Polarity.AFFIRMED)


def is_stance(verb: Token) -> bool:
    """Whether ``verb`` is a claim of its own even over a clause: a non-answer, a denial or a
    confirmation ("the ministry confirmed that a draft had been discussed")."""
    lemma = verb.lemma_.lower()
    return (
        _is_non_answer(verb, _negated(verb))
        or lemma in cues.DENIAL_LEMMAS
        or lemma in cues.CONFIRM_LEMMAS
    )


def modality_of(event: Event, predicate: Predicate) -> Modality | None:
    """The clause's modality: an alleging adverb first (it qualifies the whole report), then
    the framing head, then an auxiliary. Non-answers and denials have none."""
    if predicate.polarity in (Polarity.NON_ANSWER, Polarity.DENIED):
        return None
    verb = event.verb
    for child in verb.children:
        found = cues.MODAL_ADVERBS.get(child.lower_) if child.dep_ == "advmod" else None
        if found is not None and found == Modality.ALLEGED:
            return Modality.ALLEGED
    if event.modality is not None:
        return event.modality
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in cues.MODAL_AUXILIARIES:
            return Modality(cues.MODAL_AUXILIARIES[child.lower_])
        if child.dep_ == "advmod" and child.lower_ in cues.MODAL_ADVERBS:
            return Modality(cues.MODAL_ADVERBS[child.lower_])
    return None


def _negated(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in cues.NEGATIVE_ADVERBS):
            return True
        if child.dep_ == "preconj" and child.lower_ == "neither":
            return True
    return False


def _negative_object(verb: Token) -> Token | None:
    """The verb's object when a negative determiner heads it ("no right", "no comment")."""
    for child in verb.children:
        if child.dep_ not in ("dobj", "attr"):
            continue
        if child.lower_ in cues.NEGATIVE_DETERMINERS or any(
            d.dep_ == "det" and d.lower_ in cues.NEGATIVE_DETERMINERS for d in child.children
        ):
            return child
    return None


def _is_non_answer(verb: Token, negated: bool) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in cues.NO_COMMENT_LEMMAS and negated:
        return True  # "did not comment", "did not respond to a request for comment"
    if lemma in cues.REFUSAL_LEMMAS:  # "declined to comment", "refused to give a comment"
        goal = next((c for c in verb.children if c.dep_ in ("xcomp", "dobj")), None)
        if goal is not None and (
            goal.lemma_ in cues.NO_COMMENT_LEMMAS or any(c.lemma_ in cues.COMMENT_NOUNS for c in goal.subtree)
        ):
            return True
    answers = {lemma} | {c.lemma_.lower() for c in verb.children if c.dep_ == "conj"}
    withheld = answers & (cues.CONFIRM_LEMMAS | cues.DENIAL_LEMMAS)
    if withheld and negated:
        return True  # "neither confirmed nor denied", "did not confirm the report"
    if lemma in cues.STATEMENT_LIGHT_VERBS:  # "has made no public comment"
        statement = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if statement is not None and statement.lemma_.lower() in cues.COMMENT_NOUNS:
            return negated or _negative_object(verb) is not None
    return False
