"""Joining the names of a title, subtitle or caption to the body's entities.

A name found outside the body is the body's entity when one body entity answers to it: the same
spelling (in either script: the body's name, an alias or a mention as written), a lone surname
of the one person with that surname ("Noem" in a caption, "Kristi Noem" in the body) or the
person's full name where the body has only the surname, an acronym of the one long name. It
then adds its mentions to that entity, which keeps its id. A name the body does not have becomes
an entity of its own when it may (``EntityAnnotator.field_entities`` says), numbered after the
body's; a name two body entities answer to is left out rather than given to either.

The body's entities are also found where NER missed them in a field (NER reads a headline or a
caption badly): a name written in the field exactly as one entity's mention in the body
("Tash-Kumyr"), and a capitalised word that is one person's surname (headlines name people by
surname: "Lavrov rejects ...").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence

from wirewatch.annotate.entities.spans import WORD_TOKEN
from wirewatch.annotate.entities.stage import MIN_PROPAGATED_SURNAME, same_word
from wirewatch.model import BODY, Entity, EntityType, Mention
from wirewatch.names import acronym, is_acronym, is_cyrillic, spelling_key, trim_span


def _spellings(entity: Entity) -> set[str]:
    """Every strict spelling key an entity answers to."""
    names = (entity.name, *entity.aliases, *(m.text for m in entity.mentions))
    return {key for key in map(spelling_key, names) if key}


def _answers_to(target: Entity, found: Entity, target_spellings: set[str], found_spellings: set[str]) -> bool:
    """Whether ``found`` (a field's entity) names ``target`` (an entity of the article); the
    sets are their ``_spellings``."""
    if target.type is EntityType.OUTLET or found.type is EntityType.OUTLET:
        return target.type is found.type and target.name == found.name
    if found_spellings & target_spellings:
        return True
    if target.key == found.key and is_cyrillic(target.name) != is_cyrillic(found.name):
        return True  # the same name in the other script (Лавров, Lavrov)
    found_words, target_words = found.name.split(), target.name.split()
    if EntityType.PERSON in (target.type, found.type) and found_words and target_words:
        # A surname alone on one side, the full name on the other.
        if len(found_words) == 1 and target.type is EntityType.PERSON:
            return same_word(found_words[0], target_words[-1])
        if len(target_words) == 1 and found.type is EntityType.PERSON:
            return same_word(target_words[0], found_words[-1])
    if is_acronym(found.name) and len(target_words) >= 2:
        return acronym(target.name) == found.name.strip()
    return False


def joined(
    entities: Sequence[Entity], found: Sequence[tuple[Entity, bool]]
) -> tuple[Entity, ...]:
    """``entities`` with the field entities ``found`` joined in (see the module's doc): mentions
    added to the entity they name, new entities appended unnumbered, in the order found."""
    out = list(entities)
    spellings = [_spellings(e) for e in out]
    for entity, may_stand in found:
        own = _spellings(entity)
        matches = [i for i, target in enumerate(out) if _answers_to(target, entity, spellings[i], own)]
        if len(matches) == 1:
            target = out[matches[0]]
            out[matches[0]] = dataclasses.replace(target, mentions=(*target.mentions, *entity.mentions))
            spellings[matches[0]] |= own
        elif not matches and may_stand:
            out.append(entity)
            spellings.append(own)
    return tuple(out)


def with_known_names(entities: Sequence[Entity], texts: Mapping[str, str]) -> tuple[Entity, ...]:
    """``entities`` with a mention added for each name of a field (``texts``: field name ->
    text) that no mention covers and that is one entity's body mention as written (capitalised,
    whole words), or a capitalised word that is the surname of exactly one person."""
    owners: dict[str, set[int]] = {}
    for index, entity in enumerate(entities):
        for m in entity.mentions:
            if m.field == BODY and len(m.text) >= MIN_PROPAGATED_SURNAME and m.text[:1].isupper():
                owners.setdefault(m.text, set()).add(index)
    written = {name: found.pop() for name, found in owners.items() if len(found) == 1}
    added: dict[int, list[Mention]] = {}
    if written:
        names = "|".join(re.escape(n) for n in sorted(written, key=len, reverse=True))
        pattern = re.compile(rf"(?<!\w)(?:{names})(?!\w)")
        for field, text in texts.items():
            covered = [(m.start, m.end) for e in entities for m in e.mentions if m.field == field]
            for match in pattern.finditer(text):
                if not any(s < match.end() and match.start() < e for s, e in covered):
                    mention = Mention(match.group(0), match.start(), match.end(), field)
                    added.setdefault(written[match.group(0)], []).append(mention)
    return _with_surnames(_plus(entities, added), texts)


def _plus(entities: Sequence[Entity], added: Mapping[int, list[Mention]]) -> tuple[Entity, ...]:
    """The entities with the mentions ``added`` (by entity index) after their own."""
    return tuple(
        dataclasses.replace(e, mentions=(*e.mentions, *added[i])) if i in added else e
        for i, e in enumerate(entities)
    )


def _with_surnames(entities: Sequence[Entity], texts: Mapping[str, str]) -> tuple[Entity, ...]:
    """``entities`` with a mention added for each capitalised word of a field that is the
    surname of exactly one person and that no mention covers."""
    people: dict[str, list[int]] = {}
    for index, entity in enumerate(entities):
        words = entity.name.split()
        if entity.type is EntityType.PERSON and words and len(words[-1]) >= MIN_PROPAGATED_SURNAME:
            people.setdefault(words[-1], []).append(index)
    added: dict[int, list[Mention]] = {}
    for field, text in texts.items():
        covered = [(m.start, m.end) for e in entities for m in e.mentions if m.field == field]
        for match in WORD_TOKEN.finditer(text):
            word = match.group(0)
            if not word[0].isupper() or any(s < match.end() and match.start() < e for s, e in covered):
                continue
            hits = {i for surname, owners in people.items() if same_word(word, surname) for i in owners}
            if len(hits) != 1:
                continue
            start, end = trim_span(text, match.start(), match.end())
            added.setdefault(hits.pop(), []).append(Mention(text[start:end], start, end, field))
    return _plus(entities, added)
