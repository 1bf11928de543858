"""The quotes stage: who said what, in English and Russian.

Finds attributions (``quotes_en`` over a spaCy parse, ``quotes_ru`` over surface patterns),
then resolves each speaker phrase against the article's entities (``speakers``). A direct quote
with no speaker phrase of its own continues the previous quote's speaker, as a stand-alone
quoted paragraph does in news writing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from wirewatch.annotate.attribution.actions import (
    english_proposition,
    is_action_cue,
    russian_proposition,
    without_reported_actions,
)
from wirewatch.annotate.attribution.quote_marks import Attribution, paragraph_bounds
from wirewatch.annotate.attribution.relays import relayed
from wirewatch.annotate.attribution.speakers import Speaker, SpeakerResolver, fallback_entities
from wirewatch.model import AnnotatedArticle, Entity, EntityType, Mention, Quote, SpeakerType
from wirewatch.resources.article_parse import ArticleParse
from wirewatch.resources.lexicon import (
    ANONYMOUS_HEADS,
    PRONOUNS_PERSON,
    QUESTION_VERBS,
    REPORT_ADVERBS,
    RU_ANONYMOUS_STEMS,
)
from wirewatch.resources.nlp import NlpModels
from wirewatch.resources.outlets import OutletCatalog

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A stand-alone quote continues the previous speaker only if that quote is this close
# (in paragraphs); further away, the speaker is unknown rather than guessed.
CONTINUATION_PARAGRAPHS = 2
def outlet_entities(body: str, entities: Sequence[Entity], catalog: OutletCatalog) -> tuple[Entity, ...]:
    """Outlet mentions from the outlet catalogue that no entity already covers, as entities,
    so that "Kommersant reported" has a speaker even when NER missed the outlet."""
    covered = [(m.start, m.end) for e in entities for m in e.mentions]
    found: dict[str, list[Mention]] = {}
    for start, end, outlet in catalog.find(body):
        if any(s < end and start < e for s, e in covered):
            continue
        found.setdefault(outlet.name, []).append(Mention(body[start:end], start, end))
    return tuple(Entity(name, EntityType.OUTLET, tuple(ms), key=name.lower()) for name, ms in found.items())


def resolution_entities(
    body: str, entities: tuple[Entity, ...], sdoc: Doc, catalog: OutletCatalog
) -> tuple[Entity, ...]:
    """The article's entities, or rough ones from spaCy's NER when no entity stage ran."""
    if entities:
        return entities
    outlets = outlet_entities(body, (), catalog)
    taken = [(m.start, m.end) for e in outlets for m in e.mentions]
    spans = [
        (e.start_char, e.end_char, e.label_)
        for e in sdoc.ents
        if not any(s < e.end_char and e.start_char < t for s, t in taken)
    ]
    return fallback_entities(body, spans)


class QuoteAnnotator:
    """Pipeline stage filling ``quotes``. Runs after the entity stage when there is one (uses
    its names); without it, speakers are resolved against the parse's rough NER entities.
    ``nlp`` gives the English pipeline that parses a headline again on its own."""

    name = "quotes"
    requires = ("parse", "sentences")
    produces = ("quotes",)

    def __init__(self, catalog: OutletCatalog, nlp: NlpModels) -> None:
        self.catalog = catalog
        self._nlp = nlp

    def attributions(
        self, doc: AnnotatedArticle, parsed: ArticleParse, *, keep_nested: bool = True
    ) -> tuple[list[Attribution], tuple[Entity, ...]]:
        """Raw attribution spans of an article, and the entities to resolve speakers with.

        ``keep_nested=False`` is PolNeAR's convention (outer attribution only), for the benchmark.
        """
        body = doc.article.body
        entities = doc.entities
        if parsed.is_russian:
            from wirewatch.annotate.attribution.ru import russian_attributions

            atts = russian_attributions(body, parsed.sentences)
        else:
            from wirewatch.annotate.attribution.en import english_attributions

            sdoc = parsed.english
            atts = english_attributions(sdoc, keep_nested, self._nlp.english)
            entities = resolution_entities(body, entities, sdoc, self.catalog)
        return atts, entities + outlet_entities(body, entities, self.catalog)

    def __call__(self, doc: AnnotatedArticle, parsed: ArticleParse) -> AnnotatedArticle:
        atts, entities = self.attributions(doc, parsed)
        body = doc.article.body
        resolver = SpeakerResolver(body, entities)

        def cue(att: Attribution) -> str:
            return body[att.cue_start : att.cue_end] if att.cue_start is not None else ""

        if parsed.is_russian:
            atts = without_reported_actions(
                atts, resolver, lambda a: is_action_cue(cue(a), None), lambda a: russian_proposition(body, a)
            )
        else:
            sdoc = parsed.english
            tokens = {t.idx: t for t in sdoc}
            lemmas = {t.idx: t.lemma_.lower() for t in sdoc}
            verbs = {t.idx for t in sdoc if t.pos_ in ("VERB", "AUX")}
            atts = [relayed(sdoc, a) for a in atts]
            atts = without_reported_actions(
                atts,
                resolver,
                lambda a: is_action_cue(cue(a), lemmas.get(a.cue_start or -1)),
                lambda a: english_proposition(tokens.get(a.cue_start or -1)),
            )
            atts = [a for a in atts if is_reported_speech(a, body, lemmas, verbs)]
        quotes = build_quotes(body, atts, resolver)
        return replace(doc, quotes=tuple(quotes))


# The benchmark (PolNeAR) counts every attributed mental state as an attribution ("Moscow sought
# to...", "the ministry wants..."). An analyst's "who said what" is narrower: statements, positions
# taken in public, and direct quotes. These cues state a wish, plan or attitude, not a statement.
_NOT_SPEECH = """
    want wish decide seek try aim intend continue ready need view consider regard fear prefer
    refuse decline fail help opinion concern talk speak discuss expect hope plan like love hate
    support vote supporter proponent opponent advocate see
"""
NOT_SPEECH_CUES = frozenset(_NOT_SPEECH.split())
# A cue under negation ("did not comment", "refused to give a comment") is a non-answer: the claims
# stage records it; it has no content to quote.
_NEGATION_BEFORE_CUE = re.compile(r"(?:\bnot|n[’']t|\bnever|refused to|declined to|failed to)\s+(?:\w+\s+)?$")
# An indirect content this short with no verb, pointing back at something ("denied the report",
# "stood by its report", "questions the document"), is the topic of a statement, not its content.
MAX_TOPIC_WORDS = 4
_REFERRING_WORDS = frozenset({"the", "its", "his", "her", "their", "this", "that", "these", "those"})
# "asked about X": X is what a question was about.
_TOPIC_PREPOSITION = re.compile(r"\b(?:about|on|regarding|concerning|over)\s*$", re.IGNORECASE)
# "citing sources" names where information came from: a citation, not something said.
CITING_CUES = frozenset({"cite"})
# "X is reportedly ...": hearsay with no one to quote; the claims stage hedges it.
UNSOURCED_CUES = REPORT_ADVERBS


def is_reported_speech(
    att: Attribution, body: str, lemmas: dict[int, str], verbs: set[int]
) -> bool:
    """Whether an English attribution is something said (or quoted), not a wish or an attitude,
    nor a short thing named as the cue's object ("denied the report", "stood by its report"):
    which says what was talked about, not what was said. ``verbs`` are the body's verb offsets."""
    if att.direct:
        return True
    if att.cue_start is None:
        return True
    lemma = lemmas.get(att.cue_start, body[att.cue_start : att.cue_end].lower())
    if lemma in NOT_SPEECH_CUES or lemma in CITING_CUES or lemma in UNSOURCED_CUES:
        return False
    words = body[att.content_start : att.content_end].split()
    has_verb = any(att.content_start <= v < att.content_end for v in verbs)
    before = body[max(0, att.content_start - 20) : att.content_start]
    if lemma in QUESTION_VERBS and not has_verb and _TOPIC_PREPOSITION.search(before):
        return False  # "Asked about the report, he said ...": what the question was about
    if not has_verb and 0 < len(words) <= MAX_TOPIC_WORDS and words[0].lower() in _REFERRING_WORDS:
        return False
    return not _NEGATION_BEFORE_CUE.search(body[max(0, att.cue_start - 40) : att.cue_start])


def build_quotes(body: str, atts: Sequence[Attribution], resolver: SpeakerResolver) -> list[Quote]:
    """Quotes from attribution spans, with speakers resolved in text order."""
    paragraphs = paragraph_bounds(body)

    def paragraph_of(pos: int) -> int:
        return next((i for i, (s, e) in enumerate(paragraphs) if s <= pos < e), -1)

    quotes: list[Quote] = []
    last: tuple[Speaker, int] | None = None
    told: _Told | None = None  # the last attribution with a speaker phrase of its own
    for att in _pieces(atts):
        start, end = _strip(body, att.content_start, att.content_end)
        if end <= start:
            continue
        para = paragraph_of(start)
        if att.source_start is not None and att.source_end is not None:
            speaker = _speaker_of(att, resolver)
            close = told is not None and para - told.paragraph <= CONTINUATION_PARAGRAPHS
            if close and told is not None and _pronoun(body, att) and told.precedes_person(att, resolver):
                # "An official who asked not to be named said ... «...», — отметил он": "he" is
                # the speaker just quoted, not the person named before them. An unnamed one
                # keeps its description: "he" alone would say nothing of who it is.
                unnamed = told.speaker.type is SpeakerType.ANONYMOUS
                description = told.speaker.description if unnamed else speaker.description
                speaker = replace(told.speaker, description=description)
            told = _Told(speaker, att.source_start, (att.content_start, att.content_end), para)
        elif att.direct and last is not None and para - last[1] <= CONTINUATION_PARAGRAPHS:
            speaker = last[0]
        else:
            speaker = Speaker(None, SpeakerType.UNKNOWN, None)
        cue = body[att.cue_start : att.cue_end] if att.cue_start is not None else None
        quotes.append(
            Quote(
                text=body[start:end],
                start=start,
                end=end,
                speaker=speaker.name,
                speaker_type=speaker.type,
                speaker_description=speaker.description,
                cue=cue,
                direct=att.direct,
                speaker_entity=speaker.entity,
                channel=speaker.channel,
                channel_entity=speaker.channel_entity,
            )
        )
        last = (speaker, paragraph_of(max(start, end - 1)))
    return quotes


def _speaker_of(att: Attribution, resolver: SpeakerResolver) -> Speaker:
    """The speaker of an attribution with a source phrase; the one quoted or cited when the
    source passes on another's words, with the source as the channel."""
    assert att.source_start is not None and att.source_end is not None
    source = resolver.resolve(att.source_start, att.source_end, att.source_head)
    if att.resolve_start is None or att.resolve_end is None:
        return source
    resolved = resolver.resolve(att.resolve_start, att.resolve_end, att.resolve_head)
    if att.channel_start is None or att.channel_end is None:
        return resolved  # "Trump, who said ...": the relative pronoun's noun
    if resolved.type is SpeakerType.UNKNOWN:
        return source  # "citing its own reporting": no one else to name
    return resolver.relayed(resolved, source) or source


def _pronoun(body: str, att: Attribution) -> bool:
    """Whether an attribution's source phrase is a lone singular personal pronoun."""
    words = body[att.source_start : att.source_end].split()
    return len(words) == 1 and words[0].lower() in PRONOUNS_PERSON


@dataclass(frozen=True)
class _Told:
    """The last attribution whose speaker is written out: its speaker, where its source phrase
    starts, its content and its paragraph."""

    speaker: Speaker
    source_start: int
    content: tuple[int, int]
    paragraph: int

    def precedes_person(self, att: Attribution, resolver: SpeakerResolver) -> bool:
        """Whether a pronoun of ``att`` refers back to this speaker rather than to the person
        named last: a person-like speaker, and that person named before it, inside what it
        said, or inside ``att``'s own quote."""
        if self.speaker.type not in (SpeakerType.NAMED_PERSON, SpeakerType.ANONYMOUS):
            return False
        if self.speaker.type is SpeakerType.ANONYMOUS and _plural(self.speaker.description or ""):
            return False  # "Sources said ... he added": "he" is not the sources
        assert att.source_start is not None
        person = resolver.last_person_start(att.source_start)
        if person is None or person < self.source_start:
            return True
        inside_told = self.content[0] <= person < self.content[1]
        return inside_told or att.content_start <= person < att.content_end


def _plural(description: str) -> bool:
    """Whether an anonymous description names several people ("sources", «собеседники»)."""
    for word in re.findall(r"\w+", description.lower()):
        if word in ANONYMOUS_HEADS and word.endswith("s") and word[:-1] in ANONYMOUS_HEADS:
            return True
        if word.startswith(RU_ANONYMOUS_STEMS) and word.endswith(("и", "ы", "ов", "ей")):
            return True
    return False


def _pieces(atts: Sequence[Attribution]) -> list[Attribution]:
    """Attributions with each split quote (“A,” she said. “B.”) back in its quotations: the
    reader gets the words quoted, each with the speaker, not the narration between them."""
    out: list[Attribution] = []
    for att in atts:
        if not att.pieces:
            out.append(att)
            continue
        out.extend(replace(att, content_start=s, content_end=e, pieces=()) for s, e in att.pieces)
    return out


def _strip(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] == ","):
        end -= 1
    return start, end
