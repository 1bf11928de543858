"""The quotes stage: who said what, in English and Russian.

Finds attributions (``quotes_en`` over a spaCy parse, ``quotes_ru`` over surface patterns),
then resolves each speaker phrase against the article's entities (``speakers``). A direct quote
with no speaker phrase of its own continues the previous quote's speaker, as a stand-alone
quoted paragraph does in news writing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from wirewatch.annotate.attribution.quote_marks import Attribution, paragraph_bounds
from wirewatch.annotate.attribution.speakers import Speaker, SpeakerResolver, fallback_entities
from wirewatch.model import AnnotatedArticle, Entity, EntityType, Mention, Quote, SpeakerType
from wirewatch.resources.article_parse import ArticleParse
from wirewatch.resources.lexicon import QUESTION_VERBS, REPORT_ADVERBS
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
        if not parsed.is_russian:
            sdoc = parsed.english
            lemmas = {t.idx: t.lemma_.lower() for t in sdoc}
            verbs = {t.idx for t in sdoc if t.pos_ in ("VERB", "AUX")}
            atts = [a for a in atts if is_reported_speech(a, body, lemmas, verbs)]
        quotes = build_quotes(body, atts, SpeakerResolver(body, entities))
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
    for att in _pieces(atts):
        start, end = _strip(body, att.content_start, att.content_end)
        if end <= start:
            continue
        para = paragraph_of(start)
        if att.resolve_start is not None and att.resolve_end is not None:
            speaker = resolver.resolve(att.resolve_start, att.resolve_end, att.resolve_head)
        elif att.source_start is not None and att.source_end is not None:
            speaker = resolver.resolve(att.source_start, att.source_end, att.source_head)
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
            )
        )
        last = (speaker, paragraph_of(max(start, end - 1)))
    return quotes


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
