"""Who is speaking: turn a speaker phrase into a canonical name or a typed description.

A speaker phrase ("Sergei Lavrov", "he", "the minister", "a Kommersant source in the CSTO
structures", "the Kremlin", "a report") is resolved within its article only, against the
entities the entity stage found: the most recent compatible person before the phrase for
pronouns, title-to-person links ("Russian Foreign Minister Sergei Lavrov" ... "the minister")
for role nouns. Nothing here parses text; callers pass the phrase's offsets and head word.
A speaker resolved to one of the entities keeps that entity's id, so that quotes and claims
refer to it rather than to a display string.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from wirewatch.model import Entity, EntityType, Mention, SpeakerType
from wirewatch.resources import lexicon as cues
from wirewatch.resources.outlets import ru_stem

# How far before a person mention a role title may start and still name that person
# ("US special envoy for Afghanistan Zalmay Khalilzad" puts 30 characters between them).
TITLE_WINDOW_CHARS = 60

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
# Words that end a title read backwards from a name.
_TITLE_STOP = frozenset(
    """the a an of was is are were be by with to and or that which who it he she they as at on
    """.split()  # noqa: SIM905 (a word list reads better as one string)
) | cues.TITLE_STOP_VERBS
_DETERMINERS = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_EDGE = " \t\n,.;:!?\"'«»“”„‘’()[]—–-"


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: canonical name (or None), its type and the verbatim phrase, and the
    id of the entity it is when it is one of the article's (None for an unnamed speaker, or an
    entity with no id). ``channel`` and ``channel_entity`` name the outlet that passes the
    speaker's words on ("a Kommersant source", "the newspaper quoted a source as saying"),
    when the text names one."""

    name: str | None
    type: SpeakerType
    description: str | None
    entity: str | None = None
    channel: str | None = None
    channel_entity: str | None = None


@dataclass(frozen=True)
class _Anchor:
    start: int
    end: int
    name: str
    type: EntityType
    entity: str | None  # the entity's id; None for entities no stage numbered

    def speaker(self, kind: SpeakerType, description: str | None) -> Speaker:
        return Speaker(self.name, kind, description, self.entity)


class SpeakerResolver:
    """Resolves speaker phrases of one article against that article's entities."""

    def __init__(self, body: str, entities: Sequence[Entity]) -> None:
        self.body = body
        anchors = [
            _Anchor(m.start, m.end, e.name, e.type, e.id or None) for e in entities for m in e.mentions
        ]
        anchors.sort(key=lambda a: a.start)
        self._anchors = anchors
        self._starts = [a.start for a in anchors]
        self._titles = self._title_links(anchors)

    def _title_links(self, anchors: Iterable[_Anchor]) -> list[tuple[int, str, frozenset[str]]]:
        """(position, person's name, title words) for each person mention preceded by a role title."""
        links: list[tuple[int, str, frozenset[str]]] = []
        for a in anchors:
            if a.type != EntityType.PERSON:
                continue
            before = self.body[max(0, a.start - TITLE_WINDOW_CHARS) : a.start]
            # Only the clause right before the name: a comma or full stop ends the title.
            before = re.split(r"[.;,!?\n]", before)[-1]
            title: list[str] = []
            found = _WORD.findall(before)
            for k in range(len(found) - 1, -1, -1):
                word = found[k]
                # "Secretary of State" is one title; "the idea of President X" is not.
                joins = word in ("of", "for") and k > 0 and found[k - 1][:1].isupper()
                if word.lower() in _TITLE_STOP and not joins:
                    break
                title.append(word.lower())
            words = frozenset(title)
            if words:
                links.append((a.start, a.name, words))
        return links

    def _overlapping(self, start: int, end: int) -> list[_Anchor]:
        i = bisect.bisect_left(self._starts, end)
        return [a for a in self._anchors[:i] if a.end > start]

    def last_person_before(self, position: int) -> str | None:
        """The most recent person mentioned before ``position``."""
        anchor = self._last_person_before(position)
        return anchor.name if anchor is not None else None

    def _last_person_before(self, position: int) -> _Anchor | None:
        return self._last_before(position, lambda a: a.type == EntityType.PERSON and a.end <= position)

    def _last_outlet_before(self, position: int) -> _Anchor | None:
        return self._last_before(position, lambda a: a.type == EntityType.OUTLET)

    def last_person_start(self, position: int) -> int | None:
        """Where the most recent person mention before ``position`` starts."""
        anchor = self._last_person_before(position)
        return anchor.start if anchor is not None else None

    def _channel(self, start: int, end: int, words: Sequence[str]) -> tuple[str | None, str | None]:
        """The outlet an anonymous phrase names as the one it talked to ("a Kommersant source",
        «собеседник «ДВ»», "sources of the newspaper"): (name, entity id), or (None, None)."""
        named = next((a for a in self._overlapping(start, end) if a.type == EntityType.OUTLET), None)
        outlet_word = any(w in cues.OUTLET_HEADS or w.startswith(cues.RU_OUTLET_HEAD_STEMS) for w in words)
        if named is None and outlet_word:
            named = self._last_outlet_before(start)
        return (named.name, named.entity) if named is not None else (None, None)

    def _last_organization_before(self, head: str, position: int) -> _Anchor | None:
        """The organisation named last before ``position`` whose name has the word ``head``."""
        return self._last_before(
            position, lambda a: a.type == EntityType.ORGANIZATION and head in a.name.lower().split()
        )

    def _last_before(self, position: int, wanted: Callable[[_Anchor], bool]) -> _Anchor | None:
        """The last anchor starting before ``position`` that ``wanted`` accepts."""
        i = bisect.bisect_left(self._starts, position)
        return next((a for a in reversed(self._anchors[:i]) if wanted(a)), None)

    def _by_title(self, noun: str, position: int) -> _Anchor | None:
        # Russian titles change with case (министром ... «министра»): compare stems there.
        cyrillic = any("а" <= c <= "я" for c in noun)
        key = ru_stem(noun) if cyrillic else noun
        titled = {
            name
            for pos, name, words in self._titles
            if pos < position and key in ({ru_stem(w) for w in words} if cyrillic else words)
        }
        # Of the people holding that title, the one mentioned last before the phrase: "minister A
        # and minister B took part. ... A declined to confirm. According to the minister, ..."
        i = bisect.bisect_left(self._starts, position)
        for a in reversed(self._anchors[:i]):
            if a.name in titled and a.end <= position:
                return a
        return None

    def resolve(self, start: int, end: int, head: str | None = None, *, strict: bool = False) -> Speaker:
        """Resolve the speaker phrase at body[start:end]; ``head`` is its head word if known.

        Steps, first match wins:
        1. the head word lies inside a person mention -> that person;
        2. the head is an anonymous-source noun -> anonymous, with the phrase verbatim;
        3. a person mention anywhere in the phrase ("envoy Zalmay Khalilzad") -> that person;
        4. a pronoun -> the most recent person before the phrase;
        5. a role noun ("the minister") -> the person last introduced with that title;
        6. a document noun ("a report") -> document;
        7. an organisation or outlet mention, an organisation noun, or a place used for its
           government ("Moscow said") -> organisation; "the newspaper" -> the outlet last named;
        8. otherwise unknown, with the phrase as description.

        ``strict`` skips steps 3 and 7's "anywhere in the phrase": the head word itself must
        be the name (for claim subjects, where "the Biden administration" is not Biden).
        """
        start, end = _trim(self.body, start, end)
        text = self.body[start:end]
        if not text:
            return Speaker(None, SpeakerType.UNKNOWN, None)
        citing = _RU_CITING.search(text)
        if citing and citing.start() > 0:
            # «газета „Деловой вестник“ со ссылкой на источник ...»: the source cited speaks,
            # and the newspaper is the channel (issue 11); a source too vague to resolve, or
            # an organisation that is no outlet, speaks itself, the phrase whole as description.
            own = self.resolve(start, start + citing.start(), None, strict=strict)
            if own.type is not SpeakerType.UNKNOWN:
                cited = self.resolve(start + citing.end(), end, None, strict=strict)
                relayed = self.relayed(cited, own) if cited.type is not SpeakerType.UNKNOWN else None
                return relayed or Speaker(own.name, own.type, text, own.entity)
        words = [w.lower() for w in _WORD.findall(text)]
        head_word = (head or (words[-1] if words else "")).lower()
        head_pos = _find_word(text, head_word)
        anchors = self._overlapping(start, end)
        persons = [a for a in anchors if a.type == EntityType.PERSON]
        # 1.
        if head_pos is not None:
            for a in persons:
                if a.start <= start + head_pos < a.end:
                    return a.speaker(SpeakerType.NAMED_PERSON, text)
        # 2.
        if _is_anonymous(head_word, words):
            channel, channel_entity = self._channel(start, end, words)
            return Speaker(None, SpeakerType.ANONYMOUS, text, None, channel, channel_entity)
        # 3.
        if persons and not strict:
            return persons[0].speaker(SpeakerType.NAMED_PERSON, text)
        # 4.
        if head_word in cues.PRONOUNS_PERSON and len(words) == 1:
            person = self._last_person_before(start)
            if person is None:
                return Speaker(None, SpeakerType.UNKNOWN, text)
            return person.speaker(SpeakerType.NAMED_PERSON, text)
        # 5. Only a definite description ("the minister") points back to a titled person.
        definite = 2 <= len(words) <= 3 and words[0] in ("the", "this", "that")
        # Russian has no articles: a bare lower-case role noun («министр», «министра») is definite.
        bare_russian = len(words) == 1 and text.islower() and any("а" <= c <= "я" for c in text)
        if (definite or bare_russian) and text.split()[-1].islower():
            titled = self._by_title(head_word, start)
            if titled is not None:
                return titled.speaker(SpeakerType.NAMED_PERSON, text)
        # 6.
        if head_word in cues.DOCUMENT_HEADS or head_word.startswith(cues.RU_DOCUMENT_STEMS):
            return Speaker(None, SpeakerType.DOCUMENT, text)
        # 7.
        orgs = [a for a in anchors if a.type != EntityType.PERSON]
        heading = [a for a in orgs if head_pos is not None and a.start <= start + head_pos < a.end]
        if strict:
            orgs = heading
        if orgs:
            # "Kyrgyzstan's Energy Ministry": the ministry, the name the head word is in.
            return (heading or orgs)[0].speaker(SpeakerType.ORGANIZATION, text)
        outlet_head = head_word in cues.OUTLET_HEADS or head_word.startswith(cues.RU_OUTLET_HEAD_STEMS)
        if outlet_head and len(words) <= 3:
            outlet = self._last_outlet_before(start)
            if outlet is not None:
                return outlet.speaker(SpeakerType.ORGANIZATION, text)
        if not strict and (
            head_word.startswith(cues.RU_ORGANIZATION_STEMS)
            or (words and words[0].startswith(cues.RU_ORGANIZATION_STEMS))
        ):
            # «пресс-служба министерства энергетики»: an unnamed body speaking officially.
            return Speaker(text, SpeakerType.ORGANIZATION, text)
        if head_word in cues.ORGANIZATION_HEADS:
            if words[0] in _PERSON_POSSESSIVES:
                # "his ministry": the person's own, not whichever ministry was named last.
                return Speaker(None, SpeakerType.ORGANIZATION, text)
            # "the ministry" after "Kyrgyzstan's Energy Ministry": the one named last.
            named = self._last_organization_before(head_word, start) if len(words) <= 2 else None
            if named is not None:
                return named.speaker(SpeakerType.ORGANIZATION, text)
            # An unnamed body ("the government"): its words, and no entity to point at.
            return Speaker(_DETERMINERS.sub("", text), SpeakerType.ORGANIZATION, text)
        # 8.
        return Speaker(None, SpeakerType.UNKNOWN, text)


    def relayed(self, source: Speaker, channel: Speaker) -> Speaker | None:
        """``source``'s words as passed on by ``channel`` ("the newspaper quoted a source as
        saying", "Kommersant reported, citing sources"): the source speaks, with the outlet as
        its channel. None when the channel is none of the article's outlets: an organisation
        that cites someone speaks itself ("the ministry said, citing its experts")."""
        outlets = {a.name for a in self._anchors if a.type == EntityType.OUTLET}
        if channel.name is None or channel.name not in outlets:
            return None
        return replace(source, channel=channel.name, channel_entity=channel.entity)


_PERSON_POSSESSIVES = frozenset({"his", "her", "their", "my", "our"})
_RU_CITING = re.compile(rf"\s*,?\s*{cues.RU_CITING}\s", re.IGNORECASE)


def _is_anonymous(head: str, words: Sequence[str]) -> bool:
    if head in cues.ANONYMOUS_HEADS or head.startswith(cues.RU_ANONYMOUS_STEMS):
        # "one" alone is a pronoun; "one of the interlocutors" is a hidden speaker.
        return head != "one" or any(w in cues.ANONYMOUS_HEADS for w in words[1:])
    return any(w.startswith(cues.RU_ANONYMOUS_STEMS) for w in words)


def _find_word(text: str, word: str) -> int | None:
    if not word:
        return None
    match = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
    return match.start() if match else None


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start] in _EDGE:
        start += 1
    while end > start and body[end - 1] in _EDGE:
        end -= 1
    text = body[start:end]
    # «ДВ» источник ...: a phrase that starts inside a quoted name (the cue's object, "told «DV»")
    # begins after it; "собеседников «ДВ" and "the interlocutor of “DV" get their closing mark
    # back.
    close = text.find("»")
    if 0 < close < len(text) - 1 and "«" not in text[:close]:
        return _trim(body, start + close + 1, end)
    for opening, closing in _NAME_MARKS:
        if text.count(opening) > text.count(closing) and body[end : end + 1] == closing:
            return start, end + 1
    return start, end


_NAME_MARKS = (("«", "»"), ("“", "”"), ("„", "“"))


_SPACY_TYPES = {
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANIZATION,
    "GPE": EntityType.PLACE,
}
_POSSESSIVE_TAIL = re.compile(r"[’'`]s?$")


def fallback_entities(body: str, spans: Iterable[tuple[int, int, str]]) -> tuple[Entity, ...]:
    """Entities from raw NER spans (start, end, spaCy label) when no entity stage ran.

    A rough stand-in for the entity stage so that quotes still get speakers: persons are
    grouped by surname (a lone "Lavrov" joins the last full "Sergei Lavrov" before it) and
    named by their longest form; possessive endings are dropped.
    """
    groups: dict[tuple[EntityType, str], list[tuple[int, int, str]]] = {}
    key: tuple[EntityType, str]
    for start, end, label in spans:
        kind = _SPACY_TYPES.get(label)
        if kind is None:
            continue
        text = body[start:end]
        tail = _POSSESSIVE_TAIL.search(text)
        if tail and tail.start() > 0:
            end = start + tail.start()
        start, end = _trim(body, start, end)
        text = body[start:end]
        if not text:
            continue
        words = text.split()
        if kind == EntityType.PERSON:
            key = (kind, words[-1].lower())
        else:
            key = (kind, _DETERMINERS.sub("", text).lower())
        groups.setdefault(key, []).append((start, end, text))
    # NER often tags a lone surname as an organisation: fold it into the person it names.
    for kind, match in [k for k in groups if k[0] != EntityType.PERSON]:
        if (EntityType.PERSON, match) in groups:
            groups[(EntityType.PERSON, match)].extend(groups.pop((kind, match)))
    out: list[Entity] = []
    for (kind, match), mentions in groups.items():
        mentions.sort()
        name = max((m[2] for m in mentions), key=lambda t: (len(t.split()), len(t)))
        name = _DETERMINERS.sub("", name)
        out.append(
            Entity(
                name=name,
                type=kind,
                mentions=tuple(_mention(body, s, e) for s, e, _ in mentions),
                key=match,
            )
        )
    return tuple(out)


def _mention(body: str, start: int, end: int) -> Mention:
    return Mention(body[start:end], start, end)
