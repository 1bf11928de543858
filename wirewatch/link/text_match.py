"""Do two articles share text, and how much: the reuse and translation test of one pair.

Same language: sentences aligned by 5-gram containment (``alignment.align_same_language``).
Different languages: sentences aligned in order by embedding cosine, when an embedder is given
(``alignment.align_across_languages``). The result says which sentences match and what share
of each side's words they hold; which side copied which is decided elsewhere
(``derivations``), from publication order and credits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wirewatch.link.alignment import (
    Coverage,
    Pair,
    Unit,
    align_across_languages,
    align_same_language,
    cosine_matrix,
    coverage,
    units,
)
from wirewatch.model import AnnotatedArticle, DerivationKind, Span
from wirewatch.resources.embeddings import Embedder, Vectors
from wirewatch.sentences import regex_sentences

# Reuse needs at least this many aligned sentences: one shared sentence is as often a stock
# phrase ("The Russian Foreign Ministry declined to comment.") or one quotation as a copy.
MIN_REUSE_SENTENCES = 2
# ... and at least this share of one side's words in aligned sentences (the copying side; a
# short excerpt of a long article covers itself, not its source).
MIN_REUSE_COVERAGE = 0.15
# Across languages only a near-copy counts: independent reports of one event or briefing in
# two languages align on a third of their sentences (demo A05/A06 0.32/0.25, A09/A12
# 0.32/0.37 at the alignment's cosine), so partial cross-lingual reuse below this share of the
# copying side is not told apart from them and is not claimed.
MIN_CROSS_LINGUAL_REUSE = 0.5
# A translation: most sentences of one side align, in order, and at least half of the other.
MIN_TRANSLATION_COVERAGE = 0.8
MIN_TRANSLATION_OTHER = 0.5


@dataclass(frozen=True)
class TextMatch:
    """What two articles share: aligned sentence pairs (``a`` indexes the first article's
    units, ``b`` the second's), each side's coverage, and the kind it amounts to."""

    kind: DerivationKind
    pairs: tuple[Pair, ...]
    coverage: Coverage
    a_spans: tuple[Span, ...]
    b_spans: tuple[Span, ...]
    cross_lingual: bool


class SentenceTexts:
    """Each article's sentence units and sentence vectors, computed once per article id."""

    def __init__(self, embedder: Embedder | None) -> None:
        self.embedder = embedder
        self._units: dict[str, list[Unit]] = {}
        self._vectors: dict[str, Vectors] = {}

    def units(self, doc: AnnotatedArticle) -> list[Unit]:
        key = doc.article.id
        if key not in self._units:
            # Output written before sentences were recorded has none: the documented fallback.
            spans = doc.sentences or regex_sentences(doc.article.body)
            self._units[key] = units(doc.article.body, spans)
        return self._units[key]

    def vectors(self, doc: AnnotatedArticle) -> Vectors | None:
        if self.embedder is None:
            return None
        key = doc.article.id
        if key not in self._vectors:
            body = doc.article.body
            texts = [body[u.span.start : u.span.end] for u in self.units(doc)]
            self._vectors[key] = self.embedder.embed(texts)
        return self._vectors[key]


def same_language(a: AnnotatedArticle, b: AnnotatedArticle) -> bool:
    """Unknown languages count as the same: the 5-gram test needs no language."""
    la, lb = a.article.language, b.article.language
    return la is None or lb is None or la == lb


def compare(a: AnnotatedArticle, b: AnnotatedArticle, texts: SentenceTexts) -> TextMatch | None:
    """The text ``a`` and ``b`` share, when it amounts to reuse or a translation; else None."""
    ua, ub = texts.units(a), texts.units(b)
    if same_language(a, b):
        pairs = align_same_language(ua, ub)
        cov = coverage(ua, ub, pairs)
        if len(pairs) < MIN_REUSE_SENTENCES or max(cov.a, cov.b) < MIN_REUSE_COVERAGE:
            return None
        return _match(DerivationKind.REUSE, pairs, cov, ua, ub, cross_lingual=False)
    va, vb = texts.vectors(a), texts.vectors(b)
    if va is None or vb is None:
        return None
    pairs = align_across_languages(cosine_matrix(va, vb))
    cov = coverage(ua, ub, pairs)
    high, low = max(cov.a, cov.b), min(cov.a, cov.b)
    if high >= MIN_TRANSLATION_COVERAGE and low >= MIN_TRANSLATION_OTHER:
        return _match(DerivationKind.TRANSLATION, pairs, cov, ua, ub, cross_lingual=True)
    if high >= MIN_CROSS_LINGUAL_REUSE and len(pairs) >= MIN_REUSE_SENTENCES:
        return _match(DerivationKind.REUSE, pairs, cov, ua, ub, cross_lingual=True)
    return None


def _match(
    kind: DerivationKind,
    pairs: list[Pair],
    cov: Coverage,
    ua: list[Unit],
    ub: list[Unit],
    *,
    cross_lingual: bool,
) -> TextMatch:
    return TextMatch(
        kind=kind,
        pairs=tuple(pairs),
        coverage=cov,
        a_spans=tuple(ua[p.a].span for p in pairs),
        b_spans=tuple(ub[p.b].span for p in pairs),
        cross_lingual=cross_lingual,
    )


def best_sentence(
    doc: AnnotatedArticle, span: Span, other: AnnotatedArticle, texts: SentenceTexts
) -> Span | None:
    """The sentence of ``other`` that ``doc``'s sentence ``span`` most likely renders (for a
    citing sentence, the cited report's sentence), when one is close enough; else None."""
    own = [
        i for i, u in enumerate(texts.units(doc)) if u.span.start <= span.start < u.span.end or u.span == span
    ]
    if not own:
        return None
    index = own[0]
    ua, ub = texts.units(doc), texts.units(other)
    if same_language(doc, other):
        pairs = align_same_language([ua[index]], ub)
        return ub[pairs[0].b].span if pairs else None
    va, vb = texts.vectors(doc), texts.vectors(other)
    if va is None or vb is None or len(vb) == 0:
        return None
    scores = cosine_matrix(va[index : index + 1], vb)[0]
    best = int(np.argmax(scores))
    # A rewrite's lead paraphrases the report's: a looser bar than a translation's.
    return ub[best].span if scores[best] >= CITED_SENTENCE_COSINE else None


# Cosine at which a citing sentence is taken to render a sentence of the cited report.
CITED_SENTENCE_COSINE = 0.6
