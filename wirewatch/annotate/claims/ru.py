"""Russian claims from natasha's dependency parse (the Universal Dependencies scheme).

As in English, a claim is read off each sentence's main event verb: under a reporting verb
(«заявил, что ...») the reported clause's verb, under «готов» / «намерен» the infinitive. The
subject is the verb's ``nsubj`` resolved to a canonical entity, the object the ``obj`` phrase
as written. The predicate is the verb's lemma translated into the English claims' vocabulary
(«предложила» -> "offer", as "proposed" and "offered" in English) so that a Russian report
and an English rewrite of it produce claims that match; a verb outside the table keeps its
Russian lemma. Non-answers and denials come first, from surface patterns that need no parse.

Each event also carries its polarity («не», «ни» on the verb or on the head framing it: «не
стал подтверждать» withholds a confirmation, a non-answer), its modality («готова выделить»:
offered; «может»: possible; «бы»: conditional) and the words of its clause scoped as
``clause.py`` does for English, so that its place and time are those of its own clause.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from wirewatch.annotate.claims.clause import (
    CLAUSE,
    FRAME,
    LOCATIVE,
    OBJECT,
    OTHER,
    PREPOSITIONAL,
    ScopedWord,
)
from wirewatch.model import Modality, Polarity
from wirewatch.resources import lexicon as cues
from wirewatch.resources.lexicon import RU_REPORTING_LEMMAS, RU_SAY_LEMMAS

# Predicatives and verbs whose infinitive is the event («Россия готова выделить ...»), with the
# modality they give it: ``lexicon.RU_MODAL_FRAMES``.
RU_MODAL_LEMMAS = frozenset(cues.RU_MODAL_FRAMES)

# Russian news verbs in the English claims' predicate vocabulary (lemmas as English claims
# normalise them: "propose" and "suggest" are "offer", "announce" is "say").
RU_PREDICATES: dict[str, str] = {
    "предложить": "offer", "предлагать": "offer",
    **dict.fromkeys(RU_SAY_LEMMAS, "say"),
    "опровергнуть": "deny", "отрицать": "deny", "отвергнуть": "deny", "отклонить": "deny",
    "подтвердить": "confirm", "подтверждать": "confirm",
    "подписать": "sign", "подписывать": "sign",
    "встретиться": "meet", "встречаться": "meet",
    "провести": "hold", "проводить": "hold",
    "обсудить": "discuss", "обсуждать": "discuss",
    "договориться": "agree", "согласиться": "agree", "согласовать": "agree",
    "прилететь": "arrive", "прибыть": "arrive", "приехать": "arrive",
    "вылететь": "leave", "покинуть": "leave", "уехать": "leave",
    "посетить": "visit", "побывать": "visit", "посещать": "visit",
    "выделить": "allocate", "выделять": "allocate",
    "профинансировать": "fund", "финансировать": "fund",
    "инвестировать": "invest", "вложить": "invest",
    "поставить": "supply", "поставлять": "supply",
    "направить": "send", "отправить": "send", "направлять": "send",
    "разместить": "deploy", "развернуть": "deploy",
    "вывести": "withdraw", "выводить": "withdraw",
    "увеличить": "increase", "увеличивать": "increase", "повысить": "raise",
    "сократить": "cut", "снизить": "reduce",
    "пообещать": "promise", "обещать": "promise",
    "потребовать": "demand", "требовать": "demand",
    "призвать": "urge", "призывать": "urge",
    "предупредить": "warn", "угрожать": "threaten", "пригрозить": "threaten",
    "поддержать": "support", "поддерживать": "support",
    "осудить": "condemn", "раскритиковать": "criticize", "критиковать": "criticize",
    "обвинить": "accuse", "обвинять": "accuse",
    "признать": "admit", "признавать": "admit",
    "отказаться": "refuse", "отказываться": "refuse",
    "запретить": "ban", "ввести": "introduce", "отменить": "cancel",
    "задержать": "detain", "арестовать": "arrest", "освободить": "release",
    "убить": "kill", "погибнуть": "die", "ранить": "wound",
    "атаковать": "attack", "обстрелять": "shell", "захватить": "capture",
    "назначить": "appoint", "уволить": "fire", "избрать": "elect",
    "победить": "win", "выиграть": "win", "проиграть": "lose",
    "планировать": "plan", "намереваться": "intend", "собираться": "plan",
    "остановить": "halt", "приостановить": "suspend", "возобновить": "resume",
    "закрыть": "close", "открыть": "open",
    "начать": "begin", "завершить": "complete", "закончить": "complete",
    "построить": "build", "достроить": "complete",
    "получить": "receive", "купить": "buy", "продать": "sell",
    "решить": "decide", "принять": "adopt",
    "являться": "be", "быть": "be", "стать": "become", "становиться": "become", "иметь": "have",
}
# Dependency relations of a verb's subject in the UD scheme natasha uses.
_SUBJECT_RELS = ("nsubj", "nsubj:pass")
_OPENING_MARKS = frozenset("«„“")
_CLOSING_MARKS = frozenset("»”")
_CLAUSE_ENDS = frozenset({",", ".", ";", ":", "!", "?", "—", "–", "(", ")"})
# Objects longer than this many tokens are cut (the evidence keeps the whole sentence).
MAX_OBJECT_TOKENS = 16
# Relations that start a clause of their own ("xcomp" does not: «готова выделить» is one event).
_CLAUSE_RELS = frozenset({"root", "advcl", "acl:relcl", "ccomp", "parataxis", "csubj"})
# Relations by which a name takes its head's place in a phrase («в аэропорту «Манас»»).
_NAME_RELS = frozenset({"appos", "flat", "flat:name", "flat:foreign", "compound", "nmod"})
# A verb's arguments (a place inside them describes a participant, not the scene).
_ARGUMENT_RELS = frozenset({"obj", "iobj", "xcomp", "ccomp", "nsubj", "nsubj:pass"})
# The walk up the parse stops after this many steps.
_MAX_DEPTH = 12


@dataclass(frozen=True)
class RussianEvent:
    """One sentence's event as the parse gives it: character spans into the parsed text."""

    sentence: tuple[int, int]
    verb: tuple[int, int]
    subject: tuple[int, int]
    subject_head: str
    subject_pos: str
    predicate: str
    object: str | None
    polarity: Polarity = Polarity.AFFIRMED
    modality: Modality | None = None
    scope: tuple[ScopedWord, ...] = ()


def russian_events(doc: Any, vocab: Any) -> Iterator[RussianEvent]:
    """The event of each sentence of a natasha ``Doc`` that has a verb with a subject;
    ``vocab`` is natasha's morphological dictionary (for lemmas)."""
    for token in doc.tokens:
        if token.lemma is None:
            token.lemmatize(vocab)
    for sent in doc.sents:
        event = _event(sent, doc.text)
        if event is not None:
            yield event


def _event(sent: Any, text: str) -> RussianEvent | None:
    children: dict[str, list[Any]] = {}
    for tok in sent.tokens:
        children.setdefault(tok.head_id, []).append(tok)
    # The parser sometimes gives a sentence two roots («трёхстороннюю» read as a verb): the
    # first verb or predicative among them is the sentence's.
    roots = [t for t in sent.tokens if t.rel == "root"]
    root = next((t for t in roots if t.pos in ("VERB", "ADJ")), roots[0] if roots else None)
    if root is None:
        return None
    frame = _event_verb(root, children)
    if frame is None or frame.subject is None:
        return None
    verb, subject = frame.verb, frame.subject
    lemma = (verb.lemma or verb.text).lower()
    predicate = RU_PREDICATES.get(lemma, lemma)
    polarity = Polarity.AFFIRMED
    if frame.negated or _negated(verb, children):
        if predicate in ("confirm", "deny"):
            predicate, polarity = "no_comment", Polarity.NON_ANSWER  # «не стал подтверждать»
        else:
            predicate, polarity = f"not_{predicate}", Polarity.NEGATED
    elif predicate == "deny":
        polarity = Polarity.DENIED
    s_start, s_end = _name_span(subject, children)
    by_id = {t.id: t for t in sent.tokens}
    framed = polarity in (Polarity.AFFIRMED, Polarity.NEGATED)
    return RussianEvent(
        sentence=(sent.start, sent.stop),
        verb=(verb.start, verb.stop),
        subject=(s_start, s_end),
        subject_head=subject.text,
        subject_pos=subject.pos,
        predicate=predicate,
        object=(
            _object(verb, sent.tokens, text)
            if subject.start < verb.start
            else _object_phrase(verb, children, text)
        ),
        polarity=polarity,
        modality=_modality(frame, children) if framed else None,
        scope=tuple(_scoped(verb, by_id, children, _subjects(verb, subject, by_id, children))),
    )


@dataclass(frozen=True)
class _Frame:
    """The event verb with its subject, the framing heads above it, their modality and
    whether one of them is negated («не стал», «отказался»)."""

    verb: Any
    subject: Any | None
    heads: tuple[Any, ...] = ()
    modality: Modality | None = None
    negated: bool = False


def _subjects(verb: Any, subject: Any, by_id: dict[str, Any], children: dict[str, list[Any]]) -> set[str]:
    """The ids of the words of the event's subject and of the reporting clauses' subjects
    above it («спецпредставитель ... по Центральной Азии сообщил, что ...»): not the event's
    place."""
    words = {t.id for t in _subtree(subject, children)}
    current = verb
    seen: set[str] = set()
    while current.head_id in by_id and current.head_id not in seen:
        seen.add(current.head_id)
        current = by_id[current.head_id]
        for child in children.get(current.id, []):
            if child.rel in _SUBJECT_RELS:
                words.update(t.id for t in _subtree(child, children))
    return words


def _negated(tok: Any, children: dict[str, list[Any]]) -> bool:
    return any(
        c.rel == "advmod" and c.text.lower() in cues.RU_NEGATION_PARTICLES for c in children.get(tok.id, [])
    )


def _modality(frame: _Frame, children: dict[str, list[Any]]) -> Modality | None:
    """An alleging word first, then the framing head's modality, then a particle («бы»)."""
    words = [
        cues.RU_MODAL_WORDS.get(c.text.lower())
        for head in (frame.verb, *frame.heads)
        for c in children.get(head.id, [])
    ]
    if Modality.ALLEGED in words:
        return Modality.ALLEGED
    if frame.modality is not None:
        return frame.modality
    found = next((w for w in words if w is not None), None)
    if found is not None:
        return Modality(found)
    # The future tense states a plan («приедет», «будет вмешиваться»), as "will" does.
    tensed = [frame.verb, *(c for c in children.get(frame.verb.id, []) if c.rel == "aux")]
    return Modality.PLANNED if any(t.feats.get("Tense") == "Fut" for t in tensed) else None


def _event_verb(root: Any, children: dict[str, list[Any]]) -> _Frame | None:
    """The sentence's event verb and its subject, looking through reporting and modal verbs."""
    verb = root
    subject = _subject(verb, children)
    heads: list[Any] = []
    modality: Modality | None = None
    negated = False
    for _ in range(3):
        lemma = (verb.lemma or "").lower()
        kids = children.get(verb.id, [])
        if lemma in RU_REPORTING_LEMMAS:
            clause = next((c for c in kids if c.rel == "ccomp" and c.pos in ("VERB", "ADJ")), None)
            if clause is None:
                break
            verb, subject = clause, _subject(clause, children)
            heads, modality, negated = [], None, False
        elif lemma in RU_MODAL_LEMMAS or verb.pos == "ADJ":
            infinitive = next((c for c in kids if c.rel == "xcomp" and c.pos == "VERB"), None)
            if infinitive is None:
                break
            # The infinitive shares the modal's subject («Россия готова выделить»).
            heads.append(verb)
            found = cues.RU_MODAL_FRAMES.get(lemma)
            modality = modality or (None if found is None else Modality(found))
            negated = negated or _negated(verb, children) or lemma in cues.RU_NEGATING_FRAMES
            verb = infinitive
        else:
            break
    if verb.pos != "VERB" or (verb.lemma or "").lower() in RU_REPORTING_LEMMAS:
        # A reporting verb with no clause to follow («отметил:», «напомнил о том, что») is a
        # quote's cue, not an event: the quotes stage has it.
        return None
    return _Frame(verb, subject, tuple(heads), modality, negated)


def _is_clause_head(tok: Any, children: dict[str, list[Any]]) -> bool:
    if tok.rel == "acl":  # «встреча, прошедшая в Бишкеке» is the same event
        return any(c.rel in _SUBJECT_RELS for c in children.get(tok.id, []))
    if tok.rel == "conj":
        return bool(tok.pos in ("VERB", "AUX"))
    return bool(tok.rel in _CLAUSE_RELS)


def _scoped(
    verb: Any, by_id: dict[str, Any], children: dict[str, list[Any]], skip: set[str]
) -> list[ScopedWord]:
    """The sentence's words in the event's clause or its frame, as ``clause.py`` scopes
    English words; ``skip``: the subject's words."""
    ancestors: set[str] = set()
    current = verb
    while current.head_id in by_id and current.head_id not in ancestors:
        ancestors.add(current.head_id)
        current = by_id[current.head_id]
    out: list[ScopedWord] = []
    for tok in by_id.values():
        if tok.id in skip or tok.pos == "PUNCT":
            continue
        current, depth, scope, below = tok, 0, None, tok
        while depth <= _MAX_DEPTH:
            if current.id == verb.id:
                scope = CLAUSE
                break
            if current is not tok and _is_clause_head(current, children):
                scope = FRAME if current.id in ancestors else None
                break
            if current.head_id not in by_id:
                break
            below, current, depth = current, by_id[current.head_id], depth + 1
        if scope is not None:
            attachment = _attachment(tok, by_id, children)
            argument = below.rel in _ARGUMENT_RELS
            out.append(ScopedWord(tok.start, tok.stop, scope, depth, attachment, argument))
    return out


def _attachment(tok: Any, by_id: dict[str, Any], children: dict[str, list[Any]]) -> int:
    """How a word attaches: after a locative preposition («в Бишкеке»), another one, as the
    object, or otherwise; a name in apposition counts as its head («в аэропорту «Манас»»)."""
    for _ in range(4):
        case = next((c for c in children.get(tok.id, []) if c.rel == "case"), None)
        if case is not None:
            return LOCATIVE if case.text.lower() in cues.RU_LOCATIVE_PREPOSITIONS else PREPOSITIONAL
        if tok.rel == "obj":
            return OBJECT
        if (tok.rel in _NAME_RELS or tok.rel == "conj") and tok.head_id in by_id:
            tok = by_id[tok.head_id]
            continue
        break
    return OTHER


def _subject(verb: Any, children: dict[str, list[Any]]) -> Any | None:
    subjects = [c for c in children.get(verb.id, []) if c.rel in _SUBJECT_RELS]
    # Of several (a misattached one among them), the nearest before the verb, else the first.
    before = [c for c in subjects if c.start < verb.start]
    subject = before[-1] if before else (subjects[0] if subjects else None)
    if subject is not None:
        # «министр ... Сергей Лавров»: the name in apposition to a title is the subject.
        name = next((c for c in children.get(subject.id, []) if c.rel == "appos" and c.pos == "PROPN"), None)
        return name if name is not None and subject.pos != "PROPN" else subject
    return None


def _name_span(token: Any, children: dict[str, list[Any]]) -> tuple[int, int]:
    """The token with its name parts («Аркадий Востриков»: flat:name)."""
    parts = [token] + [c for c in children.get(token.id, []) if c.rel in ("flat:name", "flat", "compound")]
    return min(t.start for t in parts), max(t.stop for t in parts)


def _object_phrase(verb: Any, children: dict[str, list[Any]], text: str) -> str | None:
    """The verb's accusative object as the parse groups it, for sentences whose subject comes
    after the verb («предложение озвучил ... Аркадий Востриков»), where the words after the
    verb are the subject's."""
    obj = next((c for c in children.get(verb.id, []) if c.rel == "obj"), None)
    if obj is None:
        return None
    tokens = sorted(_subtree(obj, children), key=lambda t: t.start)
    # The contiguous run of the subtree around the object word.
    index = tokens.index(obj)
    first = last = index
    while first > 0 and tokens[first - 1].stop + 1 >= tokens[first].start:
        first -= 1
    while last + 1 < len(tokens) and tokens[last].stop + 1 >= tokens[last + 1].start:
        last += 1
    run = [t for t in tokens[first : last + 1] if t.pos != "PUNCT" or t.text in _CLOSING_MARKS]
    run = run[:MAX_OBJECT_TOKENS]
    return text[run[0].start : run[-1].stop] if run else None


def _object(verb: Any, tokens: list[Any], text: str) -> str | None:
    """The words after the verb up to the end of its clause, recipients in the dative skipped:
    «предложила Киргизии и Узбекистану трёхстороннюю сделку «вода в обмен на
    электроэнергию», в которой ...» -> "трёхстороннюю сделку «вода в обмен на электроэнергию»".

    Read off the surface rather than the object's subtree: the parser often attaches the
    object to a second root or a neighbouring word.
    """
    after = [t for t in tokens if t.start > verb.start]
    i = 0
    while i < len(after) and (
        (after[i].feats.get("Case") == "Dat" and after[i].pos in ("PROPN", "NOUN", "PRON"))
        or (after[i].pos == "CCONJ" and i + 1 < len(after) and after[i + 1].feats.get("Case") == "Dat")
    ):
        i += 1
    words: list[Any] = []
    open_quotes = 0
    for tok in after[i:]:
        if tok.text in _OPENING_MARKS:
            open_quotes += 1
        elif tok.text in _CLOSING_MARKS:
            open_quotes -= 1
        elif open_quotes <= 0 and (tok.text in _CLAUSE_ENDS or tok.pos == "SCONJ"):
            break
        words.append(tok)
        if len(words) >= MAX_OBJECT_TOKENS:
            break
    while words and (words[-1].pos == "PUNCT" and words[-1].text not in _CLOSING_MARKS):
        words.pop()
    if not words or all(w.pos in ("PUNCT", "ADP", "PART") for w in words):
        return None
    return text[words[0].start : words[-1].stop]


def _subtree(token: Any, children: dict[str, list[Any]]) -> list[Any]:
    """The token and its dependents, without relative clauses and later conjuncts."""
    out = [token]
    for child in children.get(token.id, []):
        if child.rel not in ("acl:relcl", "parataxis", "conj") or child.start < token.start:
            out.extend(_subtree(child, children))
    return out
