"""The parse of one article, made once by the annotator and handed to every stage.

One language decision per article (``parse_language``) picks the parser: natasha for Russian,
spaCy's English pipeline for English. Any other language (German, French, Chinese...) is not
parsed at all: its parse carries sentences only (split by punctuation), ``is_supported`` is
False, and the annotator runs only the stages that read any language (the entities stage, for
catalogue outlets), saying in the output which it left out: English models over German text
make people and places of ordinary nouns. The parse carries the article's one sentence
segmentation (``wirewatch.sentences``).

``ArticleParser.pipe`` parses many articles at once: spaCy's ``nlp.pipe`` for the English
bodies and natasha's taggers over all the sentences of a batch of Russian bodies, which is
what makes a long run fast. A body that fails to parse becomes an exception in its place,
never a failure of its batch.

An article's title, subtitle and captions (``Article.extra_fields``) are parsed too, in the
same batch and in the body's language, each on its own (``ArticleParse.fields``): a headline is
a text of its own, not a sentence of the body.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar

from wirewatch.model import Article, Span
from wirewatch.names import is_cyrillic
from wirewatch.resources.model_text import model_text
from wirewatch.resources.nlp import NlpModels, repaired
from wirewatch.sentences import cut_at_line_breaks, regex_sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc

T = TypeVar("T")

RUSSIAN = "ru"
ENGLISH = "en"
# The languages the annotation models read.
SUPPORTED_LANGUAGES = frozenset({ENGLISH, RUSSIAN})


def parse_language(body: str, language: str | None) -> str:
    """The one language decision for an article: its language code without region ("ru-RU"
    -> "ru"), or, when it has none, "ru" for a mostly Cyrillic body and "en" otherwise."""
    code = (language or "").lower().split("-")[0]
    if code:
        return code
    return RUSSIAN if is_cyrillic(body) else ENGLISH


@dataclass(frozen=True, eq=False)
class ArticleParse:
    """One article's parse: spaCy's ``Doc`` (non-Russian) or natasha's ``Doc`` (Russian), and
    its sentences (offsets into the body, in order). ``fields`` holds the parses of the
    article's title, subtitle and captions by field name (``title``, ``caption:0``...), in the
    body's language; empty for a text parsed alone."""

    language: str
    sentences: tuple[Span, ...]
    english_doc: Doc | None = None
    russian_doc: Any | None = None
    fields: Mapping[str, ArticleParse] = field(default_factory=dict)

    @property
    def is_russian(self) -> bool:
        return self.language == RUSSIAN

    @property
    def is_supported(self) -> bool:
        """Whether the annotation models read this language (``SUPPORTED_LANGUAGES``)."""
        return self.language in SUPPORTED_LANGUAGES

    @property
    def english(self) -> Doc:
        """The spaCy parse; raises for a Russian article, whose parse is natasha's."""
        if self.english_doc is None:
            raise ValueError(f"no English parse for an article in {self.language!r}: use .russian")
        return self.english_doc

    @property
    def russian(self) -> Any:
        """natasha's ``Doc``; raises for a non-Russian article."""
        if self.russian_doc is None:
            raise ValueError(f"no Russian parse for an article in {self.language!r}: use .english")
        return self.russian_doc


class ArticleParser:
    """Parses article bodies with the process's models (``NlpModels``)."""

    def __init__(self, models: NlpModels) -> None:
        self.models = models

    def __call__(self, article: Article) -> ArticleParse:
        result = self.pipe([article])[0]
        if isinstance(result, Exception):
            raise result
        return result

    def parse_text(self, body: str, language: str | None) -> ArticleParse:
        """The parse of one body in ``language`` (None: decided from its letters)."""
        result = self.pipe_texts([(body, language)])[0]
        if isinstance(result, Exception):
            raise result
        return result

    def pipe(self, articles: Sequence[Article], batch_size: int = 32) -> list[ArticleParse | Exception]:
        """The parses of ``articles``, in order, each with its title's, subtitle's and
        captions' parses (``ArticleParse.fields``); a body that could not be parsed gets its
        exception in its place. A field that could not be parsed is left out of ``fields``:
        the body's annotations matter more than a caption's."""
        texts: list[tuple[str, str | None]] = []
        owners: list[tuple[int, str | None]] = []  # (article index, field name or None: body)
        for index, article in enumerate(articles):
            texts.append((article.body, article.language))
            owners.append((index, None))
            # The body decides the language: a two-word title has too few letters to tell.
            body_language = parse_language(article.body, article.language)
            for field_name, text in article.extra_fields().items():
                texts.append((text, body_language))
                owners.append((index, field_name))
        parsed = self.pipe_texts(texts, batch_size)
        bodies: list[ArticleParse | Exception] = [p for p, (_, name) in zip(parsed, owners, strict=True)
                                                  if name is None]
        fields: list[dict[str, ArticleParse]] = [{} for _ in bodies]
        for result, (index, name) in zip(parsed, owners, strict=True):
            if name is not None and not isinstance(result, Exception):
                fields[index][name] = result
        return [body if isinstance(body, Exception) or not fields[i] else replace(body, fields=fields[i])
                for i, body in enumerate(bodies)]

    def pipe_texts(
        self, texts: Sequence[tuple[str, str | None]], batch_size: int = 32
    ) -> list[ArticleParse | Exception]:
        """Like ``pipe`` over (body, language) pairs."""
        languages = [parse_language(body, language) for body, language in texts]
        out: list[ArticleParse | Exception | None] = [None] * len(texts)
        russian = [i for i, lang in enumerate(languages) if lang == RUSSIAN]
        english = [i for i, lang in enumerate(languages) if lang == ENGLISH]
        for i, lang in enumerate(languages):
            if lang not in SUPPORTED_LANGUAGES:
                out[i] = ArticleParse(lang, regex_sentences(texts[i][0]))
        for i, parsed in zip(english, self._english([texts[i][0] for i in english], batch_size), strict=True):
            out[i] = parsed if isinstance(parsed, Exception) else _english_parse(
                texts[i][0], languages[i], parsed)
        for i, parsed in zip(russian, self._russian([texts[i][0] for i in russian], batch_size), strict=True):
            out[i] = parsed if isinstance(parsed, Exception) else ArticleParse(
                RUSSIAN, cut_at_line_breaks(texts[i][0], ((s.start, s.stop) for s in parsed.sents)),
                russian_doc=parsed)
        return [item for item in out if item is not None]

    def _english(self, bodies: list[str], batch_size: int) -> list[Doc | Exception]:
        if not bodies:
            return []
        nlp = self.models.english
        try:
            return [repaired(doc) for doc in nlp.pipe(map(model_text, bodies), batch_size=batch_size)]
        except Exception:  # one body broke the batch: parse each alone to find which
            return _each(lambda body: repaired(nlp(model_text(body))), bodies)

    def _russian(self, bodies: list[str], batch_size: int) -> list[Any | Exception]:
        models = self.models.russian if bodies else {}
        out: list[Any | Exception] = []
        for first in range(0, len(bodies), batch_size):
            chunk = bodies[first : first + batch_size]
            try:
                out.extend(parse_russian_batch(chunk, models))
            except Exception:  # one body broke the batch: parse each alone to find which
                out.extend(_each(lambda body: parse_russian_batch([body], models)[0], chunk))
        return out


def _each(parse: Callable[[str], T], bodies: list[str]) -> list[T | Exception]:
    """``parse`` of each body alone, its exception in its place where it fails."""
    out: list[T | Exception] = []
    for body in bodies:
        try:
            out.append(parse(body))
        except Exception as exc:  # reported in the body's place by the caller
            out.append(exc)
    return out


def _english_parse(body: str, language: str, doc: Doc) -> ArticleParse:
    sentences = cut_at_line_breaks(body, ((s.start_char, s.end_char) for s in doc.sents))
    return ArticleParse(language, sentences, english_doc=doc)


# Longest stretch of a Russian sentence the taggers see at once; a longer (pathological)
# sentence is tagged in pieces, each parsed as a sentence of its own.
MAX_SENTENCE_TOKENS = 250


def _renumber(piece: Sequence[Any], first: int) -> None:
    """Token ids of a piece starting at token ``first`` of its sentence, continued from the
    piece before (the parser numbers each piece from 1; "0", each piece's root, stays)."""
    if first == 0:
        return
    for token in piece:
        token.id = str(int(token.id) + first)
        if token.head_id != "0":
            token.head_id = str(int(token.head_id) + first)


def parse_russian_batch(bodies: Sequence[str], models: dict[str, Any]) -> list[Any]:
    """natasha ``Doc``s of ``bodies``: segmented, with morphology, a dependency parse and NER
    spans. The taggers run over the sentences of all the bodies together (natasha's own
    ``Doc.tag_morph`` and friends do one body at a time); the result is the same."""
    from natasha import Doc
    from natasha.doc import adapt_spans, inject_morph, inject_syntax, offset_syntax

    docs = []
    for body in bodies:
        doc = Doc(model_text(body))  # same length as the body: offsets stay the body's
        doc.segment(models["segmenter"])
        docs.append(doc)
    # The taggers run over pieces of at most MAX_SENTENCE_TOKENS tokens: the syntax parser's
    # memory grows with the square of a sentence's length (a 100 KB "sentence" took 8 GB).
    pieces = [(first, sent.tokens[first : first + MAX_SENTENCE_TOKENS])
              for doc in docs for sent in doc.sents
              for first in range(0, max(1, len(sent.tokens)), MAX_SENTENCE_TOKENS)]
    words = [[token.text for token in piece] for _, piece in pieces]
    for (_, piece), markup in zip(pieces, models["morph"].map(words), strict=True):
        inject_morph(piece, markup.tokens)
    for (first, piece), markup in zip(pieces, models["syntax"].map(words), strict=True):
        inject_syntax(piece, markup.tokens)
        _renumber(piece, first)
    for doc in docs:
        for sent_id, sent in enumerate(doc.sents, 1):
            offset_syntax(sent_id, sent.tokens)
    tagged = [doc for doc in docs if doc.text.strip()]  # natasha gives an empty text no spans
    for doc in docs:
        doc.spans = []
    for doc, markup in zip(tagged, models["ner"].map([doc.text for doc in tagged]), strict=True):
        doc.spans = list(adapt_spans(doc, markup.spans))
        doc.envelop_span_tokens()
        doc.envelop_sent_spans()
    return docs
