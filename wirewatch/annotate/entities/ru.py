"""Russian named entities with natasha, names normalised to the nominative case.

natasha ships its models (navec embeddings, slovnet NER, morphology and syntax) inside the
wheel, so nothing is fetched at run time.
"""

from __future__ import annotations

import re
from typing import Any

from wirewatch.model import EntityType
from wirewatch.names import RawMention, is_acronym, normalize_space
from wirewatch.resources.nlp import NlpModels

_LABELS = {"PER": EntityType.PERSON, "ORG": EntityType.ORGANIZATION, "LOC": EntityType.PLACE}

# Name parts natasha's NamesExtractor returns, in the order a name is written.
_NAME_PARTS = ("first", "middle", "last")

# "Long Name (ACR)": left whole, the entity stage splits it and joins the two.
_NAME_WITH_ACRONYM = re.compile(r"^[^()]+\((?P<short>[^()\s]{2,10})\)$")
# Leading letters a declined name word keeps (Лаврову / Лавров): enough to tell words apart.
_SAME_START = 2
# Surname endings no nominative has (instrumental -овым, dative -ову, prepositional -ове ...).
_OBLIQUE_SURNAME = re.compile(r"(?:[оеё]в|[иы]н)(?:ым|у|е|ой|ою)$", re.IGNORECASE)
# Words that may stand between coordinated adjectives and the noun they share.
_COORDINATED_POS = frozenset({"ADJ", "PROPN", "CCONJ"})
# Characters trimmed from the pieces of a span cut at its brackets.
_PIECE_EDGE = " \t\n«»\"'“”„•·,;:-–—"


class RussianNer:
    """natasha NER, morphology and syntax from an article's parse (natasha's ``Doc``); the
    names grammar and the morphological dictionary come from ``nlp``, loaded on first use."""

    def __init__(self, nlp: NlpModels) -> None:
        self._nlp = nlp

    def __call__(self, text: str, doc: Any) -> list[RawMention]:
        m = self._nlp.russian
        tokens_by_id = {t.id: t for t in doc.tokens}
        position = {t.id: i for i, t in enumerate(doc.tokens)}
        out: list[RawMention] = []
        pieces = (piece for whole in doc.spans for piece in _bracket_pieces(whole, text))
        for span in (_name_phrase(piece) for piece in pieces):
            span.normalize(m["vocab"])
            label = _LABELS.get(span.type, EntityType.OTHER)
            normal = normalize_space(span.normal or span.text)
            if label is EntityType.PERSON:
                # A name in the nominative is its own normal form: the names grammar turns an
                # unfamiliar feminine name masculine (Дилноза Рахимова -> "Дилноз Рахимов").
                surface = normalize_space(span.text)
                nominative = _reads_as_nominative(span.tokens, tokens_by_id)
                normal = surface if nominative else (self._person_name(span, m) or normal)
                if not nominative and _OBLIQUE_SURNAME.search(normal):
                    normal = _declined_name(surface, m["vocab"]) or normal
            elif label is EntityType.PLACE:
                normal = (
                    _shared_noun_place(span.tokens, doc.tokens, position, m["vocab"])
                    or _known_place_lemma(normal, span.tokens, m["vocab"])
                    or _agreeing_adjectives(normal, span.tokens, m["vocab"])
                )
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


def _declined_name(surface: str, vocab: Any) -> str | None:
    """Each word's dictionary form, for a name both the tagger and the names grammar left in
    an oblique case («Фаррухом Алимджановым» -> Фаррух Алимджанов). Only when the surname has
    an ending no nominative has, so a name already in the nominative is never touched."""
    words = surface.split()
    if not words or not _OBLIQUE_SURNAME.search(words[-1]):
        return None
    surname = _noun_reading(words[-1], vocab, None)
    if surname is None:
        return None
    case = surname.feats.get("Case")
    readings = [_noun_reading(w, vocab, case) for w in words[:-1]] + [surname]
    if any(r is None for r in readings):
        return None
    lemmas = [str(r.normal) for r in readings if r is not None]
    return " ".join(lemma[:1].upper() + lemma[1:] for lemma in lemmas)


def _noun_reading(word: str, vocab: Any, case: str | None) -> Any | None:
    """The dictionary's first noun reading of ``word``, in ``case`` when one is asked for."""
    nouns = [f for f in vocab.parse(word) if f.pos in ("NOUN", "PROPN")]
    same_case = [f for f in nouns if case is None or f.feats.get("Case") == case]
    return (same_case or nouns or [None])[0]


def _name_phrase(span: Any) -> Any:
    """A person span cut to the phrase of its last word: natasha sometimes runs a preceding
    noun into the name («Минводхоза Дилноза Рахимова», the ministry's spokeswoman), which the
    parse shows as two phrases with heads outside the span."""
    from natasha.doc import DocSpan

    if span.type != "PER" or len(span.tokens) < 3:
        return span
    inside = {t.id for t in span.tokens}
    heads = [i for i, t in enumerate(span.tokens) if t.head_id not in inside]
    if len(heads) < 2:
        return span
    tokens = span.tokens[heads[-1] :]
    first, last = tokens[0].start, tokens[-1].stop
    text = span.text[first - span.start : last - span.start]
    return DocSpan(first, last, span.type, text, tokens=tokens)


def _reads_as_nominative(tokens: list[Any], tokens_by_id: dict[str, Any]) -> bool:
    """True when a name's words are in the nominative case.

    Either the tagger says so for every word, or the name is a woman's in subject position: the
    subject of a feminine verb, or in apposition to it («заявила пресс-секретарь ведомства Дилноза
    Рахимова», where the tagger reads the name as a masculine genitive agreeing with «ведомства»).
    A feminine name in the nominative is written as it is normalised.
    """
    if all(t.feats.get("Case") == "Nom" for t in tokens):
        # The tagger also says Nom for unfamiliar names in other cases («Фаррухом
        # Алимджановым»); a surname ending only oblique forms have overrules it.
        return not _OBLIQUE_SURNAME.search(tokens[-1].text)
    inside = {t.id for t in tokens}
    heads = [t for t in tokens if t.head_id not in inside]
    if len(heads) != 1:
        return False
    head = heads[0]
    if head.rel == "appos":
        noun = tokens_by_id.get(head.head_id)
        if noun is None or noun.pos != "NOUN" or noun.feats.get("Case") != "Nom":
            return False
        head = noun
    verb = tokens_by_id.get(head.head_id)
    return (
        head.rel == "nsubj"
        and verb is not None
        and verb.pos == "VERB"
        and verb.feats.get("Gender") == "Fem"
    )


def _shared_noun_place(
    tokens: list[Any], all_tokens: list[Any], position: dict[str, int], vocab: Any
) -> str | None:
    """The singular name of a place written as one of several adjectives sharing one noun.

    «в Донецкой и Луганской областях» names two regions: natasha tags «Донецкой» (normalised
    "Донецкая", the noun missing) and «Луганской областях» ("Луганская области", the noun left
    plural). Both become "<adjective> <noun>" in the nominative singular: Донецкая область,
    Луганская область. Only with coordination in sight, so that plural names stay plural
    («Курильских островах» -> Курильские острова). None when the span is not such a place.
    """
    words = [t for t in tokens if t.pos != "PUNCT"]
    if not words or not _is_adjective(words[0], vocab):
        return None
    if words[-1].pos == "NOUN":
        adjectives, noun = words[:-1], words[-1]
        first = position.get(words[0].id, 0)
        before = all_tokens[max(first - 2, 0) : first]
        coordinated = (
            len(before) == 2
            and (before[1].pos == "CCONJ" or before[1].text == ",")
            and _is_adjective(before[0], vocab)
        )
    else:
        adjectives, noun = words, _noun_after(words[-1], all_tokens, position)
        coordinated = noun is not None
    if not coordinated or noun is None or not adjectives:
        return None
    if not all(_is_adjective(t, vocab) for t in adjectives):
        return None
    reading = next((f for f in vocab.parse(noun.text) if f.pos == "NOUN"), None)
    gender = reading.feats.get("Gender") if reading is not None else None
    if reading is None or gender is None:
        return None
    inflected = [_inflected_adjective(t.text, {"Nom", "Sing", gender}, vocab) for t in adjectives]
    if any(w is None for w in inflected):
        return None
    return " ".join([*(str(w) for w in inflected), reading.normal])


def _known_place_lemma(normal: str, tokens: list[Any], vocab: Any) -> str | None:
    """The dictionary form of a one-word place natasha left declined («Нарына», «Сырдарьи»):
    only from a reading the dictionary knows as a place name (its Geox mark)."""
    words = [t for t in tokens if t.pos != "PUNCT"]
    if len(words) != 1 or normal != words[0].text or words[0].feats.get("Case") == "Nom":
        return None
    if is_acronym(words[0].text):
        return None  # РФ, США: abbreviations do not decline
    for form in vocab.parse(words[0].text):
        if form.is_known and "Geox" in str(form.tag) and form.feats.get("Case") != "Nom":
            lemma = str(form.normal)
            return lemma[:1].upper() + lemma[1:]
    return None


def _agreeing_adjectives(normal: str, tokens: list[Any], vocab: Any) -> str:
    """natasha's normal form with its leading adjectives made to agree with the noun.

    natasha puts only the head noun in the nominative, so a plural name keeps oblique
    adjectives («в Соединённых Штатах» -> "Соединённых Штаты"): Соединённые Штаты.
    """
    words = [t for t in tokens if t.pos != "PUNCT"]
    parts = normal.split()
    if len(words) < 2 or len(parts) != len(words) or words[-1].pos not in ("NOUN", "PROPN"):
        return normal
    number = words[-1].feats.get("Number")
    if number != "Plur" or not all(_is_adjective(t, vocab) for t in words[:-1]):
        return normal
    agreeing = [_inflected_adjective(t.text, {"Nom", "Plur"}, vocab) for t in words[:-1]]
    if any(w is None for w in agreeing):
        return normal
    return " ".join([*(str(w) for w in agreeing), parts[-1]])


def _is_adjective(token: Any, vocab: Any) -> bool:
    """An adjective, also one the tagger took for a proper noun (Андижанскую): the morphological
    dictionary's first reading decides."""
    if token.pos == "ADJ":
        return True
    forms = vocab.parse(token.text) if token.pos in ("PROPN", "VERB") else []
    return bool(forms) and _adjectival(forms[0])


def _adjectival(form: Any) -> bool:
    """An adjective or a participle used as one (Соединённых, Объединённых)."""
    return bool(form.pos == "ADJ" or form.feats.get("VerbForm") == "Part")


def _noun_after(token: Any, all_tokens: list[Any], position: dict[str, int]) -> Any | None:
    """The noun after a run of adjectives coordinated with ``token`` («Донецкой и Луганской
    областях»): a conjunction or comma must come first, adjectives only between."""
    index = position.get(token.id)
    if index is None:
        return None
    seen_coordination = False
    for following in all_tokens[index + 1 :]:
        if following.pos == "NOUN":
            return following if seen_coordination else None
        if following.pos == "CCONJ" or following.text == ",":
            seen_coordination = True
        elif following.pos not in _COORDINATED_POS:
            return None
    return None


def _inflected_adjective(word: str, features: set[str], vocab: Any) -> str | None:
    """An adjective in the form the UD ``features`` name, capitalised as written."""
    for form in vocab.parse(word):
        if _adjectival(form):
            inflected = form.inflect(features)
            if inflected is not None:
                text = str(inflected.word)
                return text[:1].upper() + text[1:] if word[:1].isupper() else text
    return None


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
