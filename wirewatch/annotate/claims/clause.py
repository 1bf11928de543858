"""The clause a claim states, as character spans of its words, for choosing its place and time.

A sentence often tells several events: "The newspaper said Vostrikov had offered $1.2 billion
and that the sides planned to sign a memorandum in Tashkent on June 30" holds an offer and a
planned signing. The offer's place and time are those written inside the offer's own clause
(the event verb's parse subtree), not those of the conjoined signing. So each word of the
sentence is scoped by walking up the parse from it: it belongs to the event's clause when the
first clause head it meets is the event verb (its ``depth`` is the number of steps); to the
reporting frame when that head governs the event verb ("said in Tashkent that ..."); and to
no one when it is another clause (a conjoined clause, a relative clause, an adverbial one).

Each word also says how it attaches (``attachment``): after a locative preposition, after
another preposition, as the verb's object, or as something else (a recipient, a modifier of a
participant: "offered the US ...", "US counterpart"), which is never the event's place; and
whether it sits inside one of the verb's arguments (``argument``: "offered the use of bases in
Tajikistan") rather than in a modifier of the verb itself ("during the summit in Geneva"),
which sets the scene and so comes first.
Both languages give their words in this form (``ru.py`` from natasha's parse), and
``pick`` chooses among mentions alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wirewatch.resources import lexicon as cues

if TYPE_CHECKING:
    from spacy.tokens import Token

# Attachments, best first for a place.
LOCATIVE, PREPOSITIONAL, OBJECT, OTHER = 0, 1, 2, 3
# Scopes: the event's own clause first, then the reporting clause above it.
CLAUSE, FRAME = 0, 1
# Dependency labels that start a clause of its own (spaCy's English scheme). "xcomp" does not:
# "offered to finance a dam in Kyrgyzstan" is one event with its infinitive.
_EN_CLAUSE_DEPS = frozenset({"ROOT", "conj", "advcl", "relcl", "ccomp", "parataxis", "csubj", "pcomp"})
# A verb's arguments (what a place inside them describes is a participant, not the scene).
_ARGUMENT_DEPS = frozenset({"dobj", "dative", "iobj", "attr", "oprd", "xcomp", "ccomp", "nsubj", "nsubjpass"})
# The walk up the parse stops after this many steps (a parse deeper than this is a list).
_MAX_DEPTH = 12


@dataclass(frozen=True)
class ScopedWord:
    """A word of the sentence inside the claim's clause or its frame: body offsets, scope,
    steps up to the clause's head, and how it attaches."""

    start: int
    end: int
    scope: int
    depth: int
    attachment: int
    argument: bool = False


def english_scope(verb: Token, skip: Iterable[int] = ()) -> list[ScopedWord]:
    """The words of ``verb``'s sentence in its clause or frame; ``skip``: token indices left
    out (the subject's words: "Uzbekistan's ministry denied" is not set in Uzbekistan). The
    subjects of the reporting clauses above are left out too ("the envoy for Central Asia
    said ...")."""
    skipped = set(skip)
    for head in verb.ancestors:
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                skipped.update(t.i for t in child.subtree)
    out: list[ScopedWord] = []
    for tok in verb.sent:
        if tok.i in skipped or tok.is_punct or tok.is_space:
            continue
        scoped = _scope(tok, verb)
        if scoped is not None:
            scope, depth, argument = scoped
            attachment = _attachment(tok, verb)
            out.append(ScopedWord(tok.idx, tok.idx + len(tok.text), scope, depth, attachment, argument))
    return out


def _is_clause_head(tok: Token) -> bool:
    if tok.dep_ == "acl":  # "talks held in Bishkek" is the same event; "the report that X" is not
        return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    if tok.dep_ == "conj":
        # "neither confirmed nor denied the report at a news conference": alternatives are one
        # act, its modifiers hung on either verb; "and the next day held talks" is another.
        alternative = any(
            c.dep_ == "cc" and c.lower_ in ("or", "nor") and tok.head.i < c.i < tok.i
            for c in tok.head.children
        )
        return tok.pos_ in ("VERB", "AUX") and not alternative
    return tok.dep_ in _EN_CLAUSE_DEPS


def _scope(tok: Token, verb: Token) -> tuple[int, int, bool] | None:
    """(scope, depth, whether the word is inside an argument of its clause's head)."""
    current, depth, below = tok, 0, tok
    while depth <= _MAX_DEPTH:
        if current.i == verb.i:
            return CLAUSE, depth, below.dep_ in _ARGUMENT_DEPS
        if current is not tok and _is_clause_head(current):
            return (FRAME, depth, below.dep_ in _ARGUMENT_DEPS) if current.is_ancestor(verb) else None
        if current.head.i == current.i:
            return None
        below, current, depth = current, current.head, depth + 1
    return None


def _attachment(tok: Token, verb: Token) -> int:
    while tok.dep_ == "conj" and tok.head.i != tok.i:  # "in Tajikistan and Kyrgyzstan"
        tok = tok.head
    modifier = False
    # "from the Toktogul reservoir", "at the air base, Kant": a compound or an apposition is
    # where its head is, when its head is a place phrase; "US counterpart" is no place.
    while tok.dep_ in ("compound", "appos") and tok.head.i != tok.i:
        tok, modifier = tok.head, True
    if tok.dep_ == "pobj":
        return LOCATIVE if tok.head.lower_ in cues.LOCATIVE_PREPOSITIONS else PREPOSITIONAL
    if tok.dep_ == "dobj" and not modifier:
        # With two objects the first is the recipient ("offered Biden the use of ...").
        objects = [c for c in tok.head.children if c.dep_ == "dobj"]
        return OBJECT if tok.i == objects[-1].i else OTHER
    return OTHER


def pick(
    mentions: Sequence[tuple[int, int]], words: Sequence[ScopedWord], *, places: bool
) -> int | None:
    """The index in ``mentions`` (body offsets) of the one the claim's clause states: its own
    clause before the frame, then (for places) a locative before other attachments and a
    modifier of the verb before a word inside its arguments, then the nearest to the verb,
    then the first. A mention's word is its word nearest the verb (the
    head of "the Toktogul reservoir"). Places attached as participants are never chosen."""
    best: tuple[tuple[int, int, bool, int, int], int] | None = None
    for index, (start, end) in enumerate(mentions):
        inside = [w for w in words if w.start < end and start < w.end]
        if not inside:
            continue
        word = min(inside, key=lambda w: (w.scope, w.depth))
        if places and word.attachment == OTHER:
            continue
        if places and word.scope == FRAME and word.attachment != LOCATIVE:
            continue  # the reporting clause sets a scene ("said in Tashkent"), nothing else
        key = (word.scope, word.attachment if places else 0, word.argument, word.depth, start)
        if best is None or key < best[0]:
            best = (key, index)
    return None if best is None else best[1]
