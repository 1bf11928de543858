"""Candidate entity spans: NER mentions and catalogue outlets cleaned and repaired.

Step 2 of the entities stage. Each span is trimmed to the name (edge punctuation, possessive,
leading article, role titles; "Long Name (ACR)" split in two), then the span-level mistakes of
NER models are repaired with what the rest of the article says: list neighbours of a person,
a person behind a title tagged as an organisation, the portfolio in "Secretary of State", a
name cut in two, outlets recognised by how the text describes them.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass

from wirewatch.annotate.entities.outlet_cues import described_outlet, kind_inside, name_start
from wirewatch.model import EntityType, Outlet
from wirewatch.names import (
    ROLE_TITLES,
    RawMention,
    is_acronym,
    normalize_space,
    strip_name_edges,
    trim_span,
    word_count,
)

# A word of a name, hyphens and apostrophes inside it.
WORD_TOKEN = re.compile(r"[^\W\d_][^\W_]*(?:[-'’][^\W\d_]+)*")
_TRAILING_ACRONYM = re.compile(r"^(?P<long>[^()]+?)\s*\((?P<short>[^()\s]{2,10})\)$")
_NORMAL_EDGE = " «»\"“”„'’()"
# Between two names in a list: "Sirojiddin Mukhriddin and Abdulaziz Kamilov".
_COORDINATION = re.compile(r"^\s*(?:,|,?\s*and|,?\s*и|&)\s*$")
# A name tagged ORG or GPE that is coordinated with a person's name and looks like one.
PERSONLIKE_MAX_WORDS = 3


@dataclass
class Candidate:
    """A cleaned mention with the evidence about its type."""

    start: int
    end: int
    text: str
    normal: str
    label: EntityType | None
    outlet: Outlet | None = None
    alias: bool = True  # whether ``normal`` is a spelling worth listing in aliases
    propagated: bool = False


def clean_spans(body: str, raw: list[RawMention], outlets: list[tuple[int, int, Outlet]]) -> list[Candidate]:
    cands = [
        Candidate(s, e, body[s:e], outlet.name, EntityType.OUTLET, outlet=outlet) for s, e, outlet in outlets
    ]
    for mention in raw:
        if "\n" in body[mention.start : mention.end]:
            continue  # a span across lines joins a heading or chrome to the text: noise
        overlapping = [c for c in cands if c.outlet and c.start < mention.end and mention.start < c.end]
        if overlapping and not _adds_name(body, mention, overlapping):
            continue  # "the Kommersant newspaper", "Kommersant’s": the outlet mention stands
        if overlapping:
            # "Michael Bloomberg", "Reuters Institute": a longer name that contains an outlet's.
            cands = [c for c in cands if c not in overlapping]
        cands.extend(_clean_one(body, mention))
    _relabel_listed_people(body, cands)
    _people_behind_titles(body, cands)
    cands = [c for c in cands if not _portfolio_of_title(body, c)]
    cands = _complete_cut_names(body, cands)
    for cand in cands:
        # Only named things: a bare adjective ("Russian newspaper", NORP, no label) is no outlet.
        named = cand.outlet is None and cand.label is not None
        inside = kind_inside(body, cand.start, cand.end) if named else None
        if inside is not None:  # "the Kestrel Press state news agency" as one NER span
            cand.end = inside[1]
            cand.text = body[cand.start : cand.end]
            cand.normal = normalize_space(cand.text)
        described = described_outlet(body, cand.start, cand.end) if named else None
        if described is not None:  # "the business daily Delovoy Vestnik": the catalogue lacks it
            kind, start = described
            # NER found "Vestnik" of "Delovoy Vestnik", or "Russian Novaya Gorka"
            start = name_start(body, min(start, cand.start), cand.end)
            if start != cand.start:
                cand.start, cand.text = start, body[start : cand.end]
                cand.normal = normalize_space(cand.text)
            cand.outlet, cand.label = Outlet(cand.normal, kind), EntityType.OUTLET
        elif cand.label is EntityType.PERSON and _ends_in_institution(cand.normal):
            cand.label = EntityType.ORGANIZATION  # "Russian Railways" tagged PERSON
    _spread_described_outlets(body, cands)
    return cands


def _spread_described_outlets(body: str, cands: list[Candidate]) -> None:
    """Once the text has called "Delovoy Vestnik" a daily, its other mentions are the outlet
    too, also where NER tagged only part of the name ("According to Delovoy [Vestnik]")."""
    described = {c.outlet.name: c.outlet for c in cands if c.outlet and c.label is EntityType.OUTLET}
    for name, outlet in described.items():
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", body):
            for cand in cands:
                if cand.outlet is None and match.start() <= cand.start and cand.end <= match.end():
                    cand.start, cand.end = match.start(), match.end()
                    cand.text = cand.normal = name
                    cand.outlet, cand.label = outlet, EntityType.OUTLET


# Last words that make a name an institution's, never a person's ("Russian Railways",
# "Gazprom Neft Group", "National Bank", «Российские железные дороги» is left to natasha).
_INSTITUTION_HEADS_TEXT = (
    "railways railway airlines airways bank group company corporation corp inc ltd holding "
    "ministry agency council committee commission party union army forces police service "
    "institute university foundation fund association organization organisation federation "
    "department office court parliament assembly government administration authority"
)
_INSTITUTION_HEADS = frozenset(_INSTITUTION_HEADS_TEXT.split())


def _ends_in_institution(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and words[-1].lower().strip(".,") in _INSTITUTION_HEADS


# "Secretary of State", "Minister of Energy": the word after a title and "of" names a
# portfolio, not an organisation ("State", "Energy" tagged ORG).
_TITLE_OF = re.compile(r"(?P<title>[A-Za-z]+)\s+of\s+(?:the\s+)?$")


_TITLE_AFTER = re.compile(r"\s+(?:Minister|Secretary|Commissioner|minister|secretary)\b")
# Words that name a government portfolio rather than a body ("Energy", "Foreign", "Water").
_PORTFOLIOS = frozenset(
    {"energy", "defence", "defense", "finance", "foreign", "interior", "justice", "health",
     "economy", "water", "agriculture", "education", "trade", "transport", "emergency", "culture"}
)


def _portfolio_of_title(body: str, cand: Candidate) -> bool:
    if cand.label is not EntityType.ORGANIZATION:
        return False
    # "Kyrgyz Energy [Minister]", "Deputy Energy [Minister]": the title follows the portfolio.
    title_after = _TITLE_AFTER.match(body, cand.end)
    if title_after is not None and cand.normal.split()[-1].lower() in _PORTFOLIOS:
        return True
    if word_count(cand.normal) > 1:
        return False
    match = _TITLE_OF.search(body, max(0, cand.start - 30), cand.start)
    return match is not None and match.group("title").lower() in ROLE_TITLES


def _complete_cut_names(body: str, cands: list[Candidate]) -> list[Candidate]:
    """A one-word mention that is the start of a longer name the article names elsewhere
    ("linking [Central] and [South Asia]", next to "Central and South Asia") takes that name;
    the pieces inside it go."""
    longer = sorted(
        {(c.normal, c.label) for c in cands if word_count(c.normal) > 1 and c.outlet is None},
        key=lambda pair: -len(pair[0]),
    )
    completed: list[Candidate] = []
    for cand in cands:
        if cand.outlet is not None or word_count(cand.normal) > 1:
            continue
        for name, label in longer:
            if name.startswith(cand.normal + " ") and body.startswith(name, cand.start):
                cand.end = cand.start + len(name)
                cand.text = cand.normal = name
                cand.label = label
                completed.append(cand)
                break
    return [
        c
        for c in cands
        if not any(o is not c and o.start <= c.start and c.end <= o.end for o in completed)
    ]


def _people_behind_titles(body: str, cands: list[Candidate]) -> None:
    """"the Minister of Energy of Kyrgyzstan Bakyt Sydykbekov" tagged as one organisation: when
    such a span starts with a role title and ends with the full name of a person the article
    names elsewhere, the mention is that person's."""
    people = {c.normal for c in cands if c.label is EntityType.PERSON and word_count(c.normal) >= 2}
    for cand in cands:
        words = cand.normal.split()
        if cand.label is not EntityType.ORGANIZATION or not words:
            continue
        first = words[1] if words[0].lower() == "the" and len(words) > 1 else words[0]
        if first.lower() not in ROLE_TITLES:
            continue
        name = next((p for p in people if cand.normal.endswith(" " + p)), None)
        if name is not None and body[cand.end - len(name) : cand.end] == name:
            cand.start = cand.end - len(name)
            cand.text = cand.normal = name
            cand.label = EntityType.PERSON


def _relabel_listed_people(body: str, cands: list[Candidate]) -> None:
    """List neighbours: in "Sirojiddin Mukhriddin and Abdulaziz Kamilov" spaCy tags one ORG.

    A two- or three-word capitalised name listed right next to a person's full name is a
    person too; this only changes the vote of that one mention.
    """
    ordered = sorted(cands, key=lambda c: c.start)
    for left, right in itertools.pairwise(ordered):
        if not _COORDINATION.match(body[left.end : right.start]):
            continue
        for a, b in ((left, right), (right, left)):
            if (
                a.label in (EntityType.ORGANIZATION, EntityType.PLACE)
                and a.outlet is None
                and b.label is EntityType.PERSON
                and 2 <= word_count(a.normal) <= PERSONLIKE_MAX_WORDS
                and word_count(b.normal) >= 2
                and all(w[0].isupper() for w in a.normal.split())
            ):
                a.label = EntityType.PERSON


def _adds_name(body: str, mention: RawMention, outlets: list[Candidate]) -> bool:
    """True when the NER span has capitalised words beyond the outlet names it covers."""
    pos = mention.start
    rest = []
    for c in sorted(outlets, key=lambda c: c.start):
        rest.append(body[pos : max(pos, c.start)])
        pos = max(pos, c.end)
    rest.append(body[pos : mention.end])
    words = WORD_TOKEN.findall(" ".join(rest))
    return any(w[0].isupper() and w.lower() not in {"the", "s"} for w in words)


def glued_repeat(name: str) -> int | None:
    """Where a name runs into a repeat of itself without a space ("Kristi NoemKristi Noem",
    a caption glued to the text by the page's markup): the offset of the repeat, or None.
    Only a small letter followed by the name's first word counts, so "McDonald", "DeSantis"
    and "JoAnn" stay whole."""
    words = name.split()
    if len(words) < 2 or len(words[0]) < 2:
        return None
    first = words[0]
    at = name.find(first, len(first))
    while at != -1:
        if name[at - 1].islower() and first[0].isupper():
            return at
        at = name.find(first, at + 1)
    return None


def _clean_one(body: str, mention: RawMention) -> list[Candidate]:
    raw = body[mention.start : mention.end].rstrip(" .,;:")
    split = _TRAILING_ACRONYM.match(raw)
    if split and is_acronym(split.group("short")):
        # "Collective Security Treaty Organization (CSTO)": two mentions of one entity.
        long_part = dataclasses.replace(
            mention,
            end=mention.start + split.end("long"),
            normal=_TRAILING_ACRONYM.sub(r"\g<long>", mention.normal).strip(),
        )
        s_start, s_end = mention.start + split.start("short"), mention.start + split.end("short")
        short = Candidate(s_start, s_end, body[s_start:s_end], body[s_start:s_end], mention.label)
        return [*_clean_one(body, long_part), short]
    if "(" in raw or ")" in raw:
        return []  # "Termez (Uzbekistan) -Mazari-Sharif-Kabul": spaCy ran several names together
    start, end = trim_span(body, mention.start, mention.end, strip_titles=mention.label is EntityType.PERSON)
    if end - start < 2 or not any(ch.isupper() for ch in body[start:end]):
        return []  # lower-case spans are common nouns the model over-read
    glue = glued_repeat(body[start:end])
    if glue is not None:
        # "Kristi NoemKristi Noem": a caption's name run into the text's; two mentions.
        first = dataclasses.replace(mention, start=start, end=start + glue,
                                    normal=normalize_space(body[start : start + glue]),
                                    morphological=False)
        rest = dataclasses.replace(mention, start=start + glue, end=end,
                                   normal=normalize_space(body[start + glue : end]), morphological=False)
        return [*_clean_one(body, first), *_clean_one(body, rest)]
    text = body[start:end]
    # natasha's nominative form survives trimming; otherwise the cleaned surface is the name.
    normal = mention.normal if mention.morphological else normalize_space(text)
    normal = strip_name_edges(normal, _NORMAL_EDGE)
    if not normal:
        return []
    return [Candidate(start, end, text, normal, mention.label)]
