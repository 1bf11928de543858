"""English (and best-effort Latin-script) named entities with spaCy's small English pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wirewatch.model import EntityType
from wirewatch.names import RawMention, normalize_space

if TYPE_CHECKING:
    from spacy.tokens import Doc

# NORP (nationalities, religious and political groups) is mostly bare adjectives such as
# "Russian" or "Afghans", which say nothing an analyst searches for, so it does not make an
# entity by itself. spaCy also tags some country names NORP ("Tajikistan"): a NORP mention
# therefore gets no type of its own (None) and is kept only when it joins an entity typed by
# other mentions of the same name (Tajikistan tagged GPE elsewhere in the article).
_LABELS: dict[str, EntityType | None] = {
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANIZATION,
    "GPE": EntityType.PLACE,
    "LOC": EntityType.PLACE,
    "FAC": EntityType.OTHER,
    "EVENT": EntityType.OTHER,
    "LAW": EntityType.OTHER,
    "PRODUCT": EntityType.OTHER,
    "WORK_OF_ART": EntityType.OTHER,
    "NORP": None,
}

# Facilities that are places on a map (an airport, a base, a border crossing) rather than
# things (a building's name used as an institution, a ship, a programme).
_PLACE_FACILITY_TEXT = (
    "airport airfield airbase base port harbour harbor bridge dam square street avenue road "
    "highway pass crossing checkpoint station canal tunnel corridor border strait mountain valley"
)
_PLACE_FACILITY_WORDS = frozenset(_PLACE_FACILITY_TEXT.split())


def _label_for(label: str, text: str) -> EntityType | None:
    if label == "FAC" and any(w.lower() in _PLACE_FACILITY_WORDS for w in text.split()):
        return EntityType.PLACE
    return _LABELS.get(label, EntityType.OTHER)


# Part-of-speech tags of a one-word "entity" that is a capitalised ordinary word, not a name.
_NOT_NAME_TAGS = frozenset({"VBG", "VBD", "VBN", "VB", "VBZ", "VBP", "RB", "IN", "DT", "PRP"})


class EnglishNer:
    """spaCy NER from an article's parse (the one the later stages share)."""

    def __call__(self, doc: Doc) -> list[RawMention]:
        out: list[RawMention] = []
        for ent in doc.ents:
            if ent.label_ not in _LABELS:
                continue  # dates, numbers, money, languages
            if len(ent) == 1 and ent[0].tag_ in _NOT_NAME_TAGS:
                continue  # "Sharing the waters ..." at a sentence start: a verb, not a name
            out.append(
                RawMention(
                    start=ent.start_char,
                    end=ent.end_char,
                    label=_label_for(ent.label_, ent.text),
                    normal=normalize_space(ent.text),
                    source=ent.label_,
                )
            )
        return out
