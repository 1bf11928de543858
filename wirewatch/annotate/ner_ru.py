"""Russian named entities with natasha, names normalised to the nominative case.

natasha ships its models (navec embeddings, slovnet NER, morphology and syntax) inside the
wheel, so nothing is fetched at run time.
"""

from __future__ import annotations

from typing import Any

from wirewatch.annotate.names import RawMention, normalize_space
from wirewatch.model import EntityType

_LABELS = {"PER": EntityType.PERSON, "ORG": EntityType.ORGANIZATION, "LOC": EntityType.PLACE}

# Name parts natasha's NamesExtractor returns, in the order a name is written.
_NAME_PARTS = ("first", "middle", "last")


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
        for span in doc.spans:
            span.normalize(m["vocab"])
            label = _LABELS.get(span.type, EntityType.OTHER)
            normal = normalize_space(span.normal or span.text)
            if label is EntityType.PERSON:
                normal = self._person_name(span, m) or normal
            normal = _restore_yo(normal, span.text)
            out.append(RawMention(span.start, span.stop, label, normal, span.type, True))
        return out

    @staticmethod
    def _person_name(span: Any, models: dict[str, Any]) -> str | None:
        """The full nominative name from the names grammar: Сергея Лаврова -> Сергей Лавров.

        A lone surname is often read as a first name by the grammar ({"first": "Лавров"} for
        «Лаврову»); the morphological normal form is right there, so it is used instead.
        """
        span.extract_fact(models["names"])
        if span.fact is None:
            return None
        parts = span.fact.as_dict
        if "last" not in parts:
            return None
        return " ".join(parts[p] for p in _NAME_PARTS if p in parts)


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
