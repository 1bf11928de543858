"""Who a claim comes from, how it is sourced, and which outlet relayed it.

The sourcing of a claim is the sourcing of its clause. "Putin offered Biden ..., according to
informed sources of Kommersant" is a claim about Putin that comes from anonymous sources, with
Kommersant as the channel: not an on-record statement by Putin, and not Kommersant's own
knowledge. When the sentence names the relaying outlet but not its sources ("The newspaper
said Vostrikov had offered ..."), the article's own account of how that outlet sourced its
report is used ("first reported by Delovoy Vestnik, citing sources in the Russian
government"): the claim stays anonymous however many rewrites repeat it.

Steps, first that applies:
1. an anonymous source in the clause's sentence ("citing sources", "according to informed
   sources", «со ссылкой на источник», «по данным собеседников») or an anonymous quote speaker;
2. an anonymous source the article gives for the relaying outlet elsewhere;
3. a named speaker (person, organisation, document) quoted: their sourcing;
4. the relaying outlet, named;
5. nothing: unattributed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wirewatch.model import (
    AnnotatedArticle,
    Citation,
    CitationKind,
    EntityType,
    Quote,
    Sourcing,
    SpeakerType,
)
from wirewatch.resources import lexicon as cues

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SOURCING_BY_SPEAKER = {
    SpeakerType.NAMED_PERSON: Sourcing.NAMED,
    SpeakerType.ANONYMOUS: Sourcing.ANONYMOUS,
    SpeakerType.ORGANIZATION: Sourcing.OFFICIAL,
    SpeakerType.DOCUMENT: Sourcing.OFFICIAL,
    SpeakerType.UNKNOWN: Sourcing.UNATTRIBUTED,
}
# An anonymous source's description runs at most this many words after its head noun.
_MAX_DESCRIPTION_WORDS = 6
_RU_SOURCE_INTRO = re.compile(rf"(?:{cues.RU_CITING}|{cues.RU_ACCORDING})\s+", re.IGNORECASE)
_RU_WORD = re.compile(r"[^\s,.;:!?()«»“”\"]+|[«»“”\"]")
_RU_DESCRIPTION_STOP = re.compile(rf"^(?:{cues.RU_CUE}|что|и|а|но|как)$", re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    """Who a claim is attributed to (name and entity id), its sourcing, and the relaying
    outlet (name and entity id)."""

    attributed_to: str | None = None
    attributed_entity: str | None = None
    sourcing: Sourcing = Sourcing.UNATTRIBUTED
    channel: str | None = None
    channel_entity: str | None = None


def english_anonymous_source(sent: Span) -> str | None:
    """The anonymous source a sentence cites, as written ("unnamed sources in the Russian
    government" from "citing unnamed sources in the Russian government"; "informed sources of
    Kommersant" from "according to informed sources of Kommersant")."""
    for tok in sent:
        if tok.lemma_.lower() == "cite" and tok.pos_ == "VERB":
            source = next((c for c in tok.children if c.dep_ == "dobj"), None)
        elif tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        else:
            continue
        if source is not None and source.lower_ in cues.ANONYMOUS_HEADS:
            # The phrase without relative clauses, commas and conjunctions; quotation marks
            # stay ("the interlocutors of “DV”").
            words = [
                t for t in source.subtree
                if t.dep_ not in ("relcl", "cc") and (t.is_quote or not t.is_punct)
                and t.i <= source.i + _MAX_DESCRIPTION_WORDS
            ]
            words = _contiguous(words)
            return sent.doc.text[words[0].idx : words[-1].idx + len(words[-1].text)]
    return None


def _contiguous(words: list[Token]) -> list[Token]:
    """The run of ``words`` around their first one without gaps (a relative clause cut out
    leaves the words before it)."""
    words = sorted(words, key=lambda t: t.i)
    run = words[:1]
    for tok in words[1:]:
        if tok.i != run[-1].i + 1:
            break
        run.append(tok)
    return run


def russian_anonymous_source(sentence: str) -> str | None:
    """The anonymous source a Russian sentence cites: «источник в правительстве России» from
    «со ссылкой на источник в правительстве России сообщила», «собеседников» from «по данным
    собеседников». The description runs from the source noun to the next punctuation, cue verb
    or conjunction."""
    for intro in _RU_SOURCE_INTRO.finditer(sentence):
        words = list(_RU_WORD.finditer(sentence, intro.end()))
        for i, word in enumerate(words[:3]):
            if not word.group().lower().startswith(cues.RU_ANONYMOUS_STEMS):
                continue
            end = word.end()
            for nxt in words[i + 1 : i + 1 + _MAX_DESCRIPTION_WORDS]:
                gap = sentence[end : nxt.start()]
                if gap.strip() or _RU_DESCRIPTION_STOP.match(nxt.group()) or not nxt.group()[0].isalnum():
                    break
                end = nxt.end()
            return sentence[words[0].start() : end]
    return None


def outlet_sources(doc: AnnotatedArticle, sentences: Iterable[tuple[int, int, str | None]]) -> dict[str, str]:
    """For each outlet the article cites or names, the anonymous source the article says it
    relied on: from the sentences (start, end, anonymous source or None) holding a citation
    or a mention of it ("first reported by Delovoy Vestnik, citing sources in ...")."""
    named = [(c.outlet, c.start) for c in doc.citations if c.start is not None]
    named += [(e.name, m.start) for e in doc.entities if e.type is EntityType.OUTLET for m in e.mentions]
    found: dict[str, str] = {}
    spans = [(a, b, s) for a, b, s in sentences if s is not None]
    for outlet, start in sorted(named, key=lambda n: n[1]):
        source = next((s for a, b, s in spans if a <= start < b), None)
        if source is not None and outlet not in found:
            found[outlet] = source
    return found


def attribute(
    doc: AnnotatedArticle,
    bounds: tuple[int, int],
    quote: Quote | None,
    anonymous: str | None,
    relied_on: dict[str, str],
) -> Attribution:
    """The attribution of a claim in body[bounds] (its sentence): ``quote`` covers the event,
    ``anonymous`` is the sentence's anonymous source, ``relied_on`` the outlets' sources."""
    channel = _channel(doc, bounds, quote)
    via = (None, None) if channel is None else (channel.outlet, channel.outlet_entity)
    if anonymous is None and quote is not None and quote.speaker_type is SpeakerType.ANONYMOUS:
        anonymous = quote.speaker_description
    if anonymous is None and channel is not None:
        anonymous = relied_on.get(channel.outlet)
    if anonymous is not None:
        return Attribution(anonymous, None, Sourcing.ANONYMOUS, *via)
    if quote is not None and not _is_outlet(doc, quote, channel):
        sourcing = SOURCING_BY_SPEAKER[quote.speaker_type]
        if quote.speaker:
            return Attribution(quote.speaker, quote.speaker_entity, sourcing, *via)
        return Attribution(quote.speaker_description, None, sourcing, *via)
    if channel is not None:
        return Attribution(channel.outlet, channel.outlet_entity, Sourcing.NAMED, *via)
    return Attribution()


def _channel(doc: AnnotatedArticle, bounds: tuple[int, int], quote: Quote | None) -> Citation | None:
    """The outlet that relayed the claim: one cited in its sentence, else the quote's speaker
    when that is an outlet ("the newspaper said")."""
    start, end = bounds
    cited = [c for c in doc.citations if c.start is not None and start <= c.start < end]
    if cited:
        return cited[0]
    if quote is not None and quote.speaker is not None and _is_outlet(doc, quote, None):
        named = next((c for c in doc.citations if c.outlet == quote.speaker), None)
        if named is not None:
            return named
        return Citation(quote.speaker, quote.speaker, None, None, CitationKind.REPORTED, quote.speaker_entity)
    return None


def _is_outlet(doc: AnnotatedArticle, quote: Quote, channel: Citation | None) -> bool:
    """Whether the quote's speaker is an outlet: the channel itself, an outlet entity, or an
    outlet the article cites."""
    if quote.speaker is None:
        return False
    if channel is not None and quote.speaker == channel.outlet:
        return True
    entity = next((e for e in doc.entities if e.id and e.id == quote.speaker_entity), None)
    if entity is not None and entity.type is EntityType.OUTLET:
        return True
    return any(c.outlet == quote.speaker for c in doc.citations)
