"""Toponym detection: place spans in a body, from NER (spaCy for English, natasha for Russian).

Also finds, from the text around each span, the hints the resolver uses: a facility head word
after the name ("Manas International Airport", "Khanabad airfield") and an "X in Y" / "X, Y" /
"X (Y)" container.
Organisation names that start with a place and an institution word ("Berea Police
Department", "Clarke County Board of Education") give that place too (``host_spans``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from wirewatch.geo.gazetteer import Gazetteer
from wirewatch.geo.names import name_key
from wirewatch.geo.resolve import Toponym
from wirewatch.model import Span as Sentence

SPACY_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# ORG spans that name an airfield ("Manas International Airport" is often tagged ORG).
_FACILITY_WORDS = (r"(?:international\s+)?"
                   r"(?:airport|air\s*base|airbase|airfield|air\s+field|military\s+base|base)")
_FACILITY_TAIL = re.compile(rf"\s+{_FACILITY_WORDS}$", re.IGNORECASE)
_FACILITY_AFTER = re.compile(rf"^\s+{_FACILITY_WORDS}\b", re.IGNORECASE)
# «в аэропорту Манас», «в международном аэропорту «Манас»», «авиабаза Кант»: the facility word
# may be followed by the name in quotation marks.
_FACILITY_BEFORE_RU = re.compile(r"(?:аэропорт\w*|авиабаз\w*|военн\w+\s+баз\w*)\s+[«\"„“]?$", re.IGNORECASE)
# Words after a name that say what kind of place it is: "the Naryn region"; "Naryn-4", a dam
# or plant numbered after its river.
_REGION_AFTER = re.compile(r"^\s+(?:region|province|oblast|district)\b", re.IGNORECASE)
# Words before a name that make it a settlement: "the town of Naryn", «в городе Нарын», «села».
SETTLEMENT_BEFORE = re.compile(
    r"(?:\b(?:town|city|village|township|hamlet|settlement)\s+of|"
    r"(?<!\w)(?:город\w*|г\.|сел[оаеу]|посёлк\w*|поселк\w*|посёлок|поселок|деревн\w+))\s+$",
    re.IGNORECASE)
_NUMBERED_AFTER = re.compile(r"^-\d")
_CONTAINER_GAP = re.compile(r"^(?:\s+in\s+(?:the\s+)?|\s*,\s*|\s*\(\s*|\s+в\s+)$", re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_TRAILING_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


# Bare direction and size words NER sometimes tags as places ("Central and South Asia").
NOT_PLACES = frozenset({"north", "south", "east", "west", "central", "northern", "southern",
                        "eastern", "western", "upper", "lower", "greater", "север", "юг",
                        "восток", "запад"})


# Labels the small English model gives to unfamiliar place names ("Khanabad" PRODUCT): the
# gazetteer scan may read such spans, but never a PERSON, ORG or NORP span.
OVERRIDABLE_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
# An entity span that runs across brackets or a spaced dash is a tagging accident
# ("Termez (Uzbekistan) -Mazari-Sharif-Kabul" as one ORG): let the scan re-read it.
_BROKEN_SPAN = re.compile(r"[()]|\s[-–—]|[-–—]\s")
# A word right after an opening quotation mark or a colon starts a quoted or introduced
# sentence: capitalised for its position, like a sentence's first word.
_QUOTED_START = re.compile(r"[:;\"“«]\s*$")


@dataclass(frozen=True)
class Span:
    """A raw place span before hints: body offsets and, for Russian, the nominative form."""

    start: int
    end: int
    lemma: str | None = None
    facility_hint: bool = False


def facility_kind(text: str) -> str:
    low = text.lower()
    return "airport" if "airport" in low else "military_base"


def spacy_spans(doc: Any) -> tuple[list[Span], list[tuple[int, int]]]:
    """Place spans from a spaCy Doc (GPE, LOC, FAC, and ORG spans ending in a facility word),
    and the offsets of every other entity (not to be re-read as places)."""
    spans: list[Span] = []
    others: list[tuple[int, int]] = []
    for ent in doc.ents:
        # White space collapsed first: an end-anchored ``\s+`` search is quadratic in a long
        # run of spaces (a blanked run of punctuation inside an entity took 20 s).
        if ent.label_ in SPACY_PLACE_LABELS or (
            ent.label_ == "ORG" and _FACILITY_TAIL.search(" ".join(ent.text.split()))):
            spans.append(Span(ent.start_char, ent.end_char))
        elif ent.label_ not in OVERRIDABLE_LABELS and not _BROKEN_SPAN.search(ent.text):
            others.append((ent.start_char, ent.end_char))
    return spans, others


# Capitalised words (hyphens inside), up to three in a row: gazetteer-scan candidates.
_CAPITALISED = re.compile(r"[A-ZА-ЯЁ][\w’'-]*\w(?:\s+[A-ZА-ЯЁ][\w’'-]*\w){0,2}")
# A capitalised name NER missed counts as a place only if it names somewhere this big or this
# kind: small towns share names with people, firms and months, large ones rarely.
SCAN_MIN_POPULATION = 50_000
SCAN_FEATURES = frozenset({"country", "region", "admin1"})
SCAN_MIN_KEY = 4
# Three-letter names ("Osh", "Ufa", "Qom") are too often names of people or words to take
# alone: only a big city's main name, and only where the words around make it a place ("in
# Osh", "Jalal-Abad and Osh", "Osh, Uzgen").
SCAN_SHORT_KEY = 3
SCAN_SHORT_MIN_POPULATION = 300_000
_SHORT_PLACE_BEFORE = re.compile(r"(?:\b(?:in|at|to|from|near|of|and|or|visit\w*)\s+|,\s*)$",
                                 re.IGNORECASE)
_SHORT_PLACE_AFTER = re.compile(r"^(?:\s+(?:and|or)\s|\s*,|\s+(?:regions?|province|oblast)\b)",
                                re.IGNORECASE)


def _short_hit(gazetteer: Gazetteer, text: str, placed: bool) -> bool:
    return placed and any(entry.primary and entry.feature == "city"
                          and entry.population >= SCAN_SHORT_MIN_POPULATION
                          for entry in gazetteer.lookup(text))


def _scan_hit(gazetteer: Gazetteer, text: str, facility_next: bool, initial: bool,
              placed: bool = False) -> bool:
    """Whether a capitalised run NER did not tag is a place name worth resolving; ``placed``:
    the words around it make it a place (see ``SCAN_SHORT_KEY``)."""
    if len(text) == SCAN_SHORT_KEY and not text.isupper():
        return _short_hit(gazetteer, text, placed)
    if len(text) < SCAN_MIN_KEY:
        return False
    shouted = name_key(text) if text.isupper() else None
    for entry in gazetteer.lookup(text):
        # Capitals are page chrome ("READ MORE") or a dateline ("PARANAQUE", "CALAMBA CITY"):
        # a word in capitals names a town only under the town's own name, whole or in part
        # ("MORE" is only an alternate of Mora, Cameroon); countries and provinces also go by
        # acronyms ("DPRK").
        if shouted and not entry.primary and entry.feature not in SCAN_FEATURES and (
                shouted not in name_key(entry.name)):
            continue
        if entry.feature in SCAN_FEATURES:
            return True
        # A single capitalised word opening a sentence is most often not a name ("Will ...").
        if entry.feature == "city" and entry.population >= SCAN_MIN_POPULATION and not (
                initial and " " not in text):
            return True
        if facility_next and entry.feature == "city":
            return True
    # "Manas International Airport" where "Manas" is no settlement the scan would accept.
    return facility_next and bool(gazetteer.lookup_facility(text))


def gazetteer_spans(
    body: str, gazetteer: Gazetteer, taken: Iterable[tuple[int, int]], sentences: Sequence[Sentence]
) -> list[Span]:
    """Names NER missed, found by looking capitalised words up in the gazetteer.

    Hyphenated runs are split greedily ("Mazari-Sharif-Kabul" -> "Mazari-Sharif", "Kabul"),
    which is how machine-translated route lists ("Termez -Mazari-Sharif-Kabul") come out.
    ``taken`` are spans NER already labelled (places or not): they are never overridden.
    ``sentences`` (the article's segmentation) tell a word capitalised for opening a sentence.
    """
    sentence_starts = {s.start for s in sentences}
    busy = bytearray(len(body))  # 1 where a span is taken: one look per match, not one per span
    for start, end in taken:
        start, end = max(start, 0), min(end, len(body))
        if end > start:
            busy[start:end] = b"\x01" * (end - start)
    found: list[Span] = []
    for match in _CAPITALISED.finditer(body):
        if any(busy[match.start() : match.end()]):
            continue
        parts = [(m.start() + match.start(), m.end() + match.start())
                 for m in re.finditer(r"[^\s-]+(?:\s+[^\s-]+)*", match.group())]
        i = 0
        while i < len(parts):
            for j in range(len(parts), i, -1):
                start, end = parts[i][0], parts[j - 1][1]
                facility_next = bool(_FACILITY_AFTER.match(body[end:]))
                initial = start in sentence_starts or bool(
                    _QUOTED_START.search(body[max(0, start - 3):start]))
                placed = bool(_SHORT_PLACE_BEFORE.search(body[max(0, start - 10):start])
                              or _SHORT_PLACE_AFTER.match(body[end:end + 12]))
                if _scan_hit(gazetteer, body[start:end], facility_next, initial, placed):
                    found.append(Span(start, end))
                    i = j
                    break
            else:
                i += 1
    return found


# Words after a place name that make the name the seat of an institution: "Berea Police
# Department", "Henry County Sheriff's Office", "Paris City Council", "Norfolk High School".
# Such organisation names carry a toponym (gold in GWN's embedded types and in LGL).
_INSTITUTION_AFTER = re.compile(
    r"^\s+(?:police|sheriff'?s?|fire|city|town|village|public|high|middle|superior|circuit|"
    r"elementary|school|schools|board|council|commission|department|library|hospital|"
    r"court|courthouse|jail|detention|area|chamber|municipal|regional|state|community|"
    r"memorial|medical|university|college|district|post|planning|parks?|water|housing|"
    r"transit|airport)\b", re.IGNORECASE)
# Words that open court and agency names without being places ("Superior Court", "The City").
_NOT_HOST_HEADS = frozenset({"the", "superior", "supreme", "circuit", "district", "federal",
                             "national", "state", "city", "county", "east", "west", "north",
                             "south", "central", "general", "united"})


def spacy_hosts(doc: Any) -> list[tuple[int, int]]:
    """Offsets of organisation entities whose first words may be a place ("Berea Police")."""
    return [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "ORG"]


def host_spans(body: str, gazetteer: Gazetteer, hosts: Iterable[tuple[int, int]]) -> list[Span]:
    """The place an organisation's name starts with: "Paris" in "Paris Police Department".

    Only the leading capitalised words (longest first), and only a name the gazetteer scan
    would take on its own or any settlement, district or province followed by an institution
    word; "Bank of America" or "Jordan Hubmen" stay organisations."""
    found: list[Span] = []
    for start, end in hosts:
        lead = _LEADING_ARTICLE.match(body[start:end])
        if lead:
            start += lead.end()
        match = _CAPITALISED.match(body, start, end)
        if match is None:
            continue
        words = [m.end() + start for m in re.finditer(r"\S+", body[start:match.end()])]
        for stop in reversed(words):
            text = body[start:stop]
            if stop >= end or not text[-1:].isalnum() or text.split()[0].lower() in _NOT_HOST_HEADS:
                continue
            institution = bool(_INSTITUTION_AFTER.match(body[stop:end]))
            if not institution:
                continue
            if any(e.feature in ("city", "admin2", "admin1") for e in gazetteer.lookup(text)):
                found.append(Span(start, stop))
                break
    return found


def natasha_spans(doc: Any, morph_vocab: Any) -> list[Span]:
    """LOC spans from a natasha Doc, with their nominative form (Киргизии -> Киргизия)."""
    spans: list[Span] = []
    for span in doc.spans:
        if span.type != "LOC":
            continue
        span.normalize(morph_vocab)
        spans.append(Span(span.start, span.stop, lemma=span.normal or None))
    return spans


def names_a_facility(body: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` is an airport's or a base's: "Manas airport",
    «аэропорту «Манас»». NER often tags such names as organisations."""
    before = body[max(0, start - 30) : start]
    return bool(_FACILITY_AFTER.match(body[end:]) or _FACILITY_BEFORE_RU.search(before))


def toponyms(body: str, spans: Iterable[Span]) -> list[Toponym]:
    """Clean spans (leading "the", possessive), attach facility heads and containers."""
    out: list[tuple[Toponym, str]] = []
    for span in sorted(set(spans), key=lambda s: (s.start, -s.end)):
        start, end = span.start, span.end
        text = body[start:end]
        lead = _LEADING_ARTICLE.match(text)
        if lead:
            start += lead.end()
        poss = _TRAILING_POSSESSIVE.search(body[start:end])
        if poss and end - start > len(poss.group()):
            end -= len(poss.group())
        if start >= end or (out and start < out[-1][0].end):
            continue
        name = span.lemma or body[start:end]
        facility = None
        tail = _FACILITY_TAIL.search(name)
        after = _FACILITY_AFTER.match(body[end:])
        if tail:
            facility = facility_kind(tail.group())
            name = name[: tail.start()]
        elif after:
            facility = facility_kind(after.group())
            end += after.end()
        elif _FACILITY_BEFORE_RU.search(body[max(0, start - 30):start]):
            facility = "airport" if "аэропорт" in body[max(0, start - 30):start].lower() else "military_base"
        if not name.strip() or name.strip().lower() in NOT_PLACES:
            continue
        kind = _kind(body[end : end + 40]) or (
            "settlement" if SETTLEMENT_BEFORE.search(body[max(0, start - 20):start]) else None)
        topo = Toponym(text=name, start=start, end=end, facility=facility, kind=kind)
        out.append((topo, body[start:end]))
    result: list[Toponym] = []
    for idx, (topo, _surface) in enumerate(out):
        container = None
        if idx + 1 < len(out) and _CONTAINER_GAP.match(body[topo.end:out[idx + 1][0].start]):
            container = idx + 1
        result.append(dataclasses.replace(topo, container=container))
    return result


def _kind(after: str) -> str | None:
    """"region" when the word after a name says so ("the Naryn region"); "numbered" for a dam or
    plant named after a river with a number ("Naryn-4", "Kambarata-1"), which is no settlement;
    else None. (Rivers stay resolvable: LGL's "X River" mentions are mostly right at the town
    of that name on the river.) ``after`` is the text right after the name."""
    if _REGION_AFTER.match(after):
        return "region"
    if _NUMBERED_AFTER.match(after):
        return "numbered"
    return None
