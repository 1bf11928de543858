"""Russian named entities with natasha, names normalised to the nominative case.

natasha ships its models (navec embeddings, slovnet NER, morphology and syntax) inside the
wheel, so nothing is fetched at run time.
"""

from __future__ import annotations

import re
from typing import Any

from wirewatch.annotate.names import RawMention, is_acronym, normalize_space
from wirewatch.model import EntityType

_LABELS = {"PER": EntityType.PERSON, "ORG": EntityType.ORGANIZATION, "LOC": EntityType.PLACE}

# Name parts natasha's NamesExtractor returns, in the order a name is written.
_NAME_PARTS = ("first", "middle", "last")

# "Long Name (ACR)": left whole, the entity stage splits it and joins the two.
_NAME_WITH_ACRONYM = re.compile(r"^[^()]+\((?P<short>[^()\s]{2,10})\)$")
# Leading letters a declined name word keeps (Лаврову / Лавров): enough to tell words apart.
_SAME_START = 2
# Characters trimmed from the pieces of a span cut at its brackets.
_PIECE_EDGE = " \t\n«»\"'“”„•·,;:-–—"


class RussianNer:
    """natasha NER, morphology and syntax over an article body; models load on first use."""

    def __init__(self) -> None:
        self._models: dict[str, Any] | None = None

    def _load(self) -> dict[str, Any]:
        if self._models is None:
            # Heavy imports kept out of module import time.
            from natasha import (
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
            self._models = {
                "segmenter": Segmenter(),
                "vocab": vocab,
                "morph": NewsMorphTagger(embedding),
                # Syntax lets normalisation inflect only the head of a phrase: without it
                # «Организации Договора о коллективной безопасности» becomes
                # "Организация Договор о коллективная безопасность".
                "syntax": NewsSyntaxParser(embedding),
                "ner": NewsNERTagger(embedding),
                "names": NamesExtractor(vocab),
            }
        return self._models

    def __call__(self, text: str) -> list[RawMention]:
        from natasha import Doc

        m = self._load()
        doc = Doc(text)
        doc.segment(m["segmenter"])
        doc.tag_morph(m["morph"])
        doc.parse_syntax(m["syntax"])
        doc.tag_ner(m["ner"])
        out: list[RawMention] = []
        for span in (piece for whole in doc.spans for piece in _bracket_pieces(whole, text)):
            span.normalize(m["vocab"])
            label = _LABELS.get(span.type, EntityType.OTHER)
            normal = normalize_space(span.normal or span.text)
            if label is EntityType.PERSON:
                # A name the tagger reads as nominative throughout is its own normal form: the
                # names grammar turns an unfamiliar feminine name masculine (Дилноза Рахимова ->
                # "Дилноз Рахимов"), the morphological tags keep it (Case=Nom, Gender=Fem).
                nominative = all(t.feats.get("Case") == "Nom" for t in span.tokens)
                surface = normalize_space(span.text)
                normal = surface if nominative else (self._person_name(span, m) or normal)
            normal = _restore_yo(normal, span.text)
            out.append(RawMention(span.start, span.stop, label, normal, span.type, True))
        return out

    @staticmethod
    def _person_name(span: Any, models: dict[str, Any]) -> str | None:
        """The full nominative name from the names grammar: Сергея Лаврова -> Сергей Лавров.

        A lone surname is often read as a first name by the grammar ({"first": "Лавров"} for
        «Лаврову»); the morphological normal form is right there, so it is used instead. The
        grammar also drops or reorders words of names it does not know (Кими Райкконена ->
        "Кими", Синдзи Харада -> "Харада Синдзи"): such a result is refused the same way.
        """
        span.extract_fact(models["names"])
        if span.fact is None:
            return None
        parts = span.fact.as_dict
        if "last" not in parts:
            return None
        name = " ".join(parts[p] for p in _NAME_PARTS if p in parts)
        return name if _follows_surface(name, span.text) else None


def _bracket_pieces(span: Any, text: str) -> list[Any]:
    """Cut a span that runs across brackets into the names around and inside them.

    natasha often tags a name with its original spelling as one span: «Джошуа Вольфа (Joshua
    Wolf)», «Хитли (Гецлаф»; the entity stage would drop such a span whole. Each piece keeps
    the natasha tokens inside it, so it is normalised like any span.
    """
    from natasha.doc import DocSpan

    surface = text[span.start : span.stop]
    if "(" not in surface and ")" not in surface:
        return [span]
    acronym = _NAME_WITH_ACRONYM.match(surface.strip())
    if acronym and is_acronym(acronym.group("short")):
        return [span]
    pieces: list[Any] = []
    offset = span.start
    for chunk in re.split(r"([()])", surface):
        lstrip = len(chunk) - len(chunk.lstrip(_PIECE_EDGE))
        start, stop = offset + lstrip, offset + len(chunk.rstrip(_PIECE_EDGE))
        offset += len(chunk)
        tokens = [t for t in span.tokens if start <= t.start and t.stop <= stop]
        if stop - start < 2 or not tokens or not any(c.isupper() for c in text[start:stop]):
            continue
        first, last = tokens[0].start, tokens[-1].stop
        pieces.append(DocSpan(first, last, span.type, text[first:last], tokens=tokens))
    return pieces


def _follows_surface(name: str, surface: str) -> bool:
    """True when ``name`` has the surface's words, in order (each starting alike).

    Case endings change the ends of words, never their first letters, so comparing
    ``_SAME_START`` letters tells a declined word from a dropped or moved one.
    """
    words = [w.strip(_PIECE_EDGE + ".") for w in surface.split()]
    words = [w for w in words if w]
    normal = name.split()
    return len(words) == len(normal) and all(
        a[:_SAME_START].lower() == b[:_SAME_START].lower() for a, b in zip(words, normal, strict=True)
    )


def _fold_yo(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


def _restore_yo(normal: str, surface: str) -> str:
    """Give back the ё the lemmatiser dropped: «Мирзиёева» -> Мирзиёев, not Мирзиеев."""
    if "ё" not in surface.lower():
        return normal
    words = normal.split()
    for i, word in enumerate(words):
        for source in surface.split():
            yo = [j for j, ch in enumerate(source) if ch in "ёЁ"]
            # Same word when they agree (ё read as е) up to and including the last ё.
            if yo and len(word) > yo[-1] and _fold_yo(source[: yo[-1] + 1]) == word[: yo[-1] + 1]:
                chars = list(word)
                for j in yo:
                    chars[j] = source[j]
                words[i] = "".join(chars)
    return " ".join(words)
