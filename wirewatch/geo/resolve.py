"""Toponym resolution: pick one gazetteer entry per place mention, using the whole article.

Steps (each a named, weighted score term; weights were set together on the even-numbered
articles of LGL and GWN and checked on the odd-numbered ones, so change them as a set):
1. Candidates: exact key matches (case, accent, hyphen and space insensitive), else a demonym
   ("Irish" -> Ireland), else residents ("Czechs", "New Londoners"), else consonant skeleton
   matches above ``FUZZY_MIN_SIMILARITY`` ("Termez" -> "Tirmiz"). A mention with a facility
   head ("Manas airport", "Bagram air base", "аэропорт Бишкека") takes the airports and bases
   of that name, or serving a city of that name, and falls back to the settlement only when
   there are none.
2. Prior: feature class (countries and regions win over same-named towns), log population,
   capital status, main name rather than alternate; for facilities, how the key names them
   and their rank (IATA code, "International").
3. Context, in rounds: every mention's candidates become a probability distribution (softmax of
   its scores); each candidate then earns the other mentions' probability mass in its country
   (share), in its admin1 area (sum, capped) and in its county (admin2: best plausibility,
   capped; airports count in their served city's areas), plus the outlet's country, and
   "X in Y" / "X, Y" / "X (Y)" containment, where Y's pick restricts X (same country, same admin1, or
   within ``NEAR_KM``) and X may not become Y itself ("Bagram air base in Kabul" is Bagram).
   Local news ("Paris" beside "Henry County" and "Tenn.") is decided by the admin terms: the
   county term pairs a town with the county that holds it, which a state match cannot.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from wirewatch.geo.facilities import MATCH_CITY, MATCH_NAME, MATCH_NAME_TAIL
from wirewatch.geo.gazetteer import Gazetteer, GeoEntry
from wirewatch.geo.names import has_cyrillic, name_key, romanize, similarity
from wirewatch.geo.russian_areas import area_name

FUZZY_MIN_SIMILARITY = 0.8
FUZZY_MIN_LENGTH = 6  # shorter names are too close to too many others ("Biden" ~ "Baden")
# A misspelt or re-transliterated name is only worth guessing for a place big enough to be
# written about from afar; small towns a letter away are nearly always a different word.
FUZZY_MIN_POPULATION = 50_000
BIG_FEATURES = frozenset({"country", "region", "admin1"})
FACILITY_FEATURES = frozenset({"airport", "military_base"})
# "US", "EU", "SA": short capitals are acronyms; only countries and regions may answer them.
ACRONYM_MAX_LENGTH = 3
# Demonyms and adjectives ("Russian", "Sudanese", "Sri Lankan") stand for their country:
# stems left after these endings are matched against country and region names.
DEMONYM_SUFFIXES = ("ians", "ian", "ans", "an", "ns", "n", "ese", "ish", "is", "i")
DEMONYM_MIN_STEM = 4
# Residents of a town: "New Londoners", "Chicagoans", "Berliners" (plural forms only: a
# singular "Berliner" is as often a thing as a person).
RESIDENT_SUFFIXES = ("ians", "ers", "ans", "ites")
RESIDENT_MIN_STEM = 4
DEMONYM_MAX_EXTRA = 3  # letters the country name may add to the stem ("Chin" -> "China")
FEATURE_PRIOR = {"country": 6.0, "region": 5.0, "admin1": 3.2, "admin2": 0.0, "city": 0.0}
W_POPULATION = 0.9  # per decade of population
W_CAPITAL = 1.5
W_PRIMARY_NAME = 1.2  # "Caddo" is the town; "Caddo County" only has it as an alternate
FUZZY_PENALTY = 3.0  # times (1 - similarity): a fuzzy match must earn its place
# Facilities: a match on the facility's own name beats one on the city it serves; among
# matches of one kind, an airport with an IATA code (scheduled flights) is the one in the news.
FACILITY_MATCH_PENALTY = {MATCH_NAME: 0.0, MATCH_NAME_TAIL: 1.0, MATCH_CITY: 5.0}
W_FACILITY_RANK = 1.5
W_FACILITY_KIND = 1.0  # "air base" said and the entry is a base (or "airport" and an airport)
# Context rounds (see the module docstring).
CONTEXT_ROUNDS = 2
SOFTMAX_TEMPERATURE = 2.0  # soft: a second reading keeps a say
W_CONTEXT_COUNTRY = 2.5  # times the share of the other mentions' mass in the country
W_OUTLET_COUNTRY = 1.0
W_CONTEXT_ADMIN1 = 4.0  # per unit of the other mentions' mass in the admin1 area
MAX_ADMIN1_MASS = 2.0
# What votes for and earns the admin-area terms: an airport lies in its served city's areas.
ADMIN1_MEMBERS = frozenset({"city", "admin2", "admin1", "airport", "military_base"})
ADMIN2_MEMBERS = frozenset({"city", "admin2", "airport", "military_base"})
# Same county: "Paris" beside "Henry County" is the Paris that lies in a Henry County (Tenn.),
# not any Paris in a state that also has a Henry County (Ill.: Paris is in Edgar County).
# Votes are each mention's best plausibility (exp of score minus its top, over temperature)
# in the county, since nine "Henry County" readings split any share nine ways.
W_CONTEXT_ADMIN2 = 4.0
MAX_ADMIN2_MASS = 1.0
W_CONTAINER = 8.0  # "X in Y": Y's pick contains or is near the candidate
NEAR_KM = 120.0
# A region named after its city ("Toshkent" province, "Kabul" province, canton of Geneva) yields
# to that city when the city holds this share of the region's people or is the capital.
CITY_SHADOW_SHARE = 0.25
SHADOWED_PENALTY = 4.0
# "the Naryn region", "Kabul province": an administrative area, not the town it is named after.
REGION_FEATURES = frozenset({"admin1", "admin2", "region"})
REGION_HINT = 3.0  # added to those features, taken from any other (to cities for "the town of X")
# A name that is one place's main name and only an alternate (a former or local name) of others:
# "Naryn" is the town and province of Naryn, not Tash-Kumyr or Haqqulobod, which GeoNames also
# lists as "Naryn". The alternate readings lose this much, as much as the most a shared admin1
# area can give, so that only containment ("X in Y", "X, Y") or a country's whole weight can
# still make them win; unless the main-name holder is far smaller ("Bombay", New York, does not
# shadow Mumbai): it must have this share of the alternate's population.
NAMESAKE_PENALTY = 8.0
NAMESAKE_MIN_SHARE = 0.1
SAME_NAME_SIMILARITY = 0.7
# A facility head word with no facility of that name: the settlement it is named after, or the
# district around it.
FACILITY_FEATURE_BONUS = {"city": 1.5, "admin2": 0.5}


@dataclass(frozen=True)
class Toponym:
    """A place mention to resolve: its text in the body, and optional hints from detection."""

    text: str
    start: int
    end: int
    facility: str | None = None  # "airport" / "military_base" when a head word says so
    container: int | None = None  # index of the toponym Y in "X in Y", if any
    # "region" ("the Naryn region"), "settlement" ("the town of Naryn") or "numbered" ("the
    # Naryn-4 dam")
    kind: str | None = None


@dataclass(frozen=True)
class Resolution:
    toponym: Toponym
    entry: GeoEntry | None
    score: float


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


class Resolver:
    """Resolves all toponyms of one article together (pure: no state between articles)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def candidates(self, text: str) -> list[tuple[GeoEntry, float]]:
        """Entries for a name with their name similarity (1.0 for an exact key match)."""
        exact = self.gazetteer.lookup(text)
        stripped = text.strip()
        if stripped.isupper() and len(name_key(stripped)) <= ACRONYM_MAX_LENGTH:
            return [(e, 1.0) for e in exact if e.feature in BIG_FEATURES]
        if exact:
            # "Canadian" is also a county and a town; the country it names is a candidate too.
            listed = self.gazetteer.lookup_demonym(text) if text[:1].isupper() else None
            extra = [(listed, 1.0)] if listed and all(e.rowid != listed.rowid for e in exact) else []
            return [(e, 1.0) for e in exact] + extra
        area = self.russian_area(text)
        if area:
            return [(e, 1.0) for e in area]
        demonym = self.demonym(text)
        if demonym:
            return [(demonym, 1.0)]
        residents = self.residents(text)
        if residents:
            return [(e, 1.0) for e in residents]
        key = name_key(text)
        if len(key) < FUZZY_MIN_LENGTH:
            return []
        best: dict[int, tuple[GeoEntry, float]] = {}
        for alt_key, entry in self.gazetteer.lookup_skeleton(text):
            if entry.feature not in BIG_FEATURES and entry.population < FUZZY_MIN_POPULATION:
                continue
            sim = similarity(key, alt_key)
            if sim >= FUZZY_MIN_SIMILARITY and sim > best.get(entry.rowid, (entry, 0.0))[1]:
                best[entry.rowid] = (entry, sim)
        return list(best.values())

    def russian_area(self, text: str) -> list[GeoEntry]:
        """The places a Russian adjectival name stands for («Андижанская область»: the province
        holding the town Андижан; «Узгенский район»: the town Узген), from the first reading
        of the adjective that names a town (``russian_areas``)."""
        area = area_name(text)
        if area is None:
            return []
        for base in area.bases:
            towns = [e for e in self.gazetteer.lookup(base) if e.feature == "city"]
            if not towns:
                continue
            if area.kind == "town":
                return towns
            provinces = {e.admin1: self.gazetteer.admin1_area(e.admin1) for e in towns if e.admin1}
            return [p for p in provinces.values() if p is not None] or towns
        return []

    def demonym(self, text: str) -> GeoEntry | None:
        """The country or region a demonym names ("Egyptian" -> Egypt, "Irish" -> Ireland)."""
        words = text.split()
        if not words or not words[-1][:1].isupper():
            return None
        listed = self.gazetteer.lookup_demonym(text)
        if listed is not None:
            return listed
        head = name_key(" ".join(words))
        for suffix in DEMONYM_SUFFIXES:
            if not head.endswith(suffix) or len(head) - len(suffix) < DEMONYM_MIN_STEM:
                continue
            stem = head[: -len(suffix)]
            best = self.gazetteer.country_or_region_by_prefix(stem, DEMONYM_MAX_EXTRA)
            if best is not None:
                return best
        return None

    def residents(self, text: str) -> list[GeoEntry]:
        """The places a word for their people names: a plural demonym ("Czechs" -> Czechia) or
        a town's residents ("New Londoners", "Chicagoans" -> the settlements of that name)."""
        words = text.split()
        if not words or not words[-1][:1].isupper() or not text.endswith("s"):
            return []
        country = self.demonym(text[:-1])
        if country is not None:
            return [country]
        head = text.rstrip()
        for suffix in RESIDENT_SUFFIXES:
            stem = head[: -len(suffix)]
            if head.endswith(suffix) and len(name_key(stem)) >= RESIDENT_MIN_STEM:
                hits = [e for e in self.gazetteer.lookup(stem) if e.feature == "city"]
                if hits:
                    return hits
        return []

    @staticmethod
    def prior(entry: GeoEntry, sim: float, toponym: Toponym) -> float:
        score = FEATURE_PRIOR.get(entry.feature, 0.0)
        score += W_POPULATION * math.log10(entry.population + 1)
        score += W_CAPITAL * entry.capital + W_PRIMARY_NAME * entry.primary
        score -= FUZZY_PENALTY * (1.0 - sim)
        if toponym.kind == "region":
            score += REGION_HINT if entry.feature in REGION_FEATURES else -REGION_HINT
        elif toponym.kind == "settlement":
            score += REGION_HINT if entry.feature == "city" else -REGION_HINT
        if toponym.facility:
            # An airfield is not a country or a province: only settlements and districts fit.
            score = score - FEATURE_PRIOR.get(entry.feature, 0.0)
            score += FACILITY_FEATURE_BONUS.get(entry.feature, -5.0)
        return score

    def _scored_candidates(self, toponym: Toponym) -> list[tuple[GeoEntry, float]]:
        """Candidates with their prior score (facilities first when a head word asks for one)."""
        if toponym.kind == "numbered":
            return []  # "Naryn-4": a dam or plant named after its river, not a town of that name
        if toponym.facility:
            hits = self.gazetteer.lookup_facility(toponym.text)
            if not hits and has_cyrillic(toponym.text):
                # Facility names are Latin only (bar the served city's): "авиабаза Ханабад".
                hits = self.gazetteer.lookup_facility(romanize(toponym.text))
            if hits:
                return [(entry, W_FACILITY_RANK * rank - FACILITY_MATCH_PENALTY[match]
                         + W_FACILITY_KIND * (entry.feature == toponym.facility))
                        for entry, match, rank in hits]
        cands = self.candidates(toponym.text)
        key = name_key(toponym.text)
        return [(e, self.prior(e, s, toponym) - SHADOWED_PENALTY * _shadowed(e, cands)
                 - NAMESAKE_PENALTY * _namesake_shadowed(e, key, cands))
                for e, s in cands]

    def resolve(self, toponyms: Sequence[Toponym], outlet_country: str | None = None
                ) -> list[Resolution]:
        scored = [self._scored_candidates(t) for t in toponyms]
        keys = [name_key(t.text) for t in toponyms]
        scores = [[base for _e, base in cs] for cs in scored]
        for _round in range(CONTEXT_ROUNDS):
            picks = [cs[_argmax(sc)][0] if cs else None for cs, sc in zip(scored, scores, strict=True)]
            mass = _Mass.of(scored, scores, keys)
            scores = [
                [base + mass.context(entry, keys[i], outlet_country)
                 + self._container_term(toponyms[i], entry, picks)
                 for entry, base in scored[i]]
                for i in range(len(toponyms))
            ]
            scores = _one_sense(toponyms, keys, scored, scores)
        results: list[Resolution] = []
        for t, cs, sc in zip(toponyms, scored, scores, strict=True):
            if not cs:
                results.append(Resolution(t, None, 0.0))
                continue
            best = _argmax(sc)
            results.append(Resolution(t, cs[best][0], sc[best]))
        return results

    @staticmethod
    def _container_term(toponym: Toponym, entry: GeoEntry,
                        picks: Sequence[GeoEntry | None]) -> float:
        if toponym.container is None:
            return 0.0
        container = picks[toponym.container]
        if container is None or container.rowid == entry.rowid:
            return 0.0
        return W_CONTAINER * _contains(container, entry)


@dataclass
class _Mass:
    """Every mention's probability mass per country and admin1 area (and its plausibility per
    admin2 area), one vote per distinct name (a name repeated ten times does not outvote the
    rest of the article)."""

    country: dict[str, dict[str, float]]  # country -> {mention key: mass}
    admin1: dict[str, dict[str, float]]
    admin2: dict[str, dict[str, float]]
    voters: int

    @classmethod
    def of(cls, scored: Sequence[Sequence[tuple[GeoEntry, float]]],
           scores: Sequence[Sequence[float]], keys: Sequence[str]) -> _Mass:
        country: dict[str, dict[str, float]] = defaultdict(dict)
        admin1: dict[str, dict[str, float]] = defaultdict(dict)
        admin2: dict[str, dict[str, float]] = defaultdict(dict)
        seen: set[str] = set()
        for cs, sc, key in zip(scored, scores, keys, strict=True):
            if not cs or key in seen:
                continue
            seen.add(key)
            top = max(sc)
            weights = [math.exp((s - top) / SOFTMAX_TEMPERATURE) for s in sc]
            total = sum(weights)
            for (entry, _base), w in zip(cs, weights, strict=True):
                p = w / total
                if entry.country:
                    country[entry.country][key] = country[entry.country].get(key, 0.0) + p
                if entry.admin1 and entry.feature in ADMIN1_MEMBERS:
                    admin1[entry.admin1][key] = admin1[entry.admin1].get(key, 0.0) + p
                if entry.admin2 and entry.feature in ADMIN2_MEMBERS:
                    # Plausibility, not share: a county pairing is specific enough that a
                    # reading close to the top one ("Henry County" has nine) counts in full.
                    admin2[entry.admin2][key] = max(admin2[entry.admin2].get(key, 0.0), w)
        return cls(country, admin1, admin2, len(seen))

    def context(self, entry: GeoEntry, key: str, outlet_country: str | None) -> float:
        return self._national(entry, key, outlet_country) + self._local(entry, key)

    def _national(self, entry: GeoEntry, key: str, outlet_country: str | None) -> float:
        score = 0.0
        if entry.country:
            votes = self.country.get(entry.country, {})
            others = sum(votes.values()) - votes.get(key, 0.0)
            score += W_CONTEXT_COUNTRY * others / max(1, self.voters - 1)
            if entry.country == outlet_country:
                score += W_OUTLET_COUNTRY
        return score

    def _local(self, entry: GeoEntry, key: str) -> float:
        score = 0.0
        if entry.admin1 and entry.feature in ADMIN1_MEMBERS:
            votes = self.admin1.get(entry.admin1, {})
            others = sum(votes.values()) - votes.get(key, 0.0)
            score += W_CONTEXT_ADMIN1 * min(MAX_ADMIN1_MASS, others)
        if entry.admin2 and entry.feature in ADMIN2_MEMBERS:
            votes = self.admin2.get(entry.admin2, {})
            others = sum(votes.values()) - votes.get(key, 0.0)
            score += W_CONTEXT_ADMIN2 * min(MAX_ADMIN2_MASS, others)
        return score


def _one_sense(toponyms: Sequence[Toponym], keys: Sequence[str],
               scored: Sequence[Sequence[tuple[GeoEntry, float]]],
               scores: Sequence[Sequence[float]]) -> list[list[float]]:
    """One place per name per article: every mention of a name takes the mean of its
    mentions' scores per entry, so the evidence one of them carries ("New Haven, Conn.")
    settles the bare repeats ("New Haven" later on). Mentions a head word sets apart keep
    their own sense: "the Naryn region" and "the town of Naryn" are two places."""
    groups: dict[tuple[str, str | None, str | None], list[int]] = defaultdict(list)
    for i, t in enumerate(toponyms):
        groups[(keys[i], t.facility, t.kind)].append(i)
    out = [list(sc) for sc in scores]
    for members in groups.values():
        if len(members) < 2:
            continue
        total: dict[int, float] = defaultdict(float)
        count: dict[int, int] = defaultdict(int)
        for i in members:
            for (entry, _base), value in zip(scored[i], scores[i], strict=True):
                total[entry.rowid] += value
                count[entry.rowid] += 1
        for i in members:
            # An entry only some spellings reach ("US" vs "Us") keeps its own score.
            out[i] = [total[e.rowid] / count[e.rowid] if count[e.rowid] == len(members) else v
                      for (e, _b), v in zip(scored[i], scores[i], strict=True)]
    return out


def _shadowed(entry: GeoEntry, cands: Sequence[tuple[GeoEntry, float]]) -> bool:
    """True for an admin area whose same-named city is what the name usually means."""
    if entry.feature not in ("admin1", "admin2"):
        return False
    return any(
        c.feature == "city" and c.country == entry.country
        and (c.capital or c.population >= CITY_SHADOW_SHARE * entry.population)
        for c, _sim in cands
    )


def _namesake_shadowed(entry: GeoEntry, key: str, cands: Sequence[tuple[GeoEntry, float]]) -> bool:
    """True for an alternate-name match when another candidate bears the name as its main name
    and is not far smaller (see ``NAMESAKE_PENALTY``). An alternate that is the main name
    respelt or with a generic word ("Lancaster" for Lancaster County, "St. Paul") is no other
    name: only a different main name ("Tash-Kumyr" for "Naryn") is shadowed."""
    if entry.primary or not key:
        return False
    own = name_key(entry.name)
    if key in own or own in key or similarity(key, own) >= SAME_NAME_SIMILARITY:
        return False
    return any(
        c.primary and c.rowid != entry.rowid
        and (c.feature in BIG_FEATURES or c.population >= NAMESAKE_MIN_SHARE * entry.population)
        for c, _sim in cands
    )


def _contains(container: GeoEntry, entry: GeoEntry) -> float:
    """How well ``container`` (Y in "X in Y") fits around ``entry`` (X): 1, 0.5 or 0."""
    if container.feature == "country":
        return 1.0 if entry.country == container.country else 0.0
    if container.feature == "admin1":
        return 1.0 if entry.admin1 == container.admin1 else 0.0
    if container.feature == "region":
        return 0.0
    near = distance_km(container.lat, container.lon, entry.lat, entry.lon) <= NEAR_KM
    if near:
        return 1.0
    return 0.5 if entry.admin1 == container.admin1 and entry.admin1 else 0.0


def _argmax(values: Sequence[float]) -> int:
    return max(range(len(values)), key=values.__getitem__)
