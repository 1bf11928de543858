"""Toponym resolution: pick one gazetteer entry per place mention, using the whole article.

Steps (each a named, weighted score term; weights were set together on a development subset of
LGL/GWN and the seeds, so change them as a set):
1. Candidates: exact key matches (case, accent, hyphen and space insensitive), else consonant
   skeleton matches above ``FUZZY_MIN_SIMILARITY`` ("Termez" -> "Tirmiz").
2. Prior: feature class (countries and regions win over same-named towns), log population,
   capital status, main name rather than alternate.
3. Context, in a second pass: countries of the other mentions' first-pass picks and the
   outlet's country, the admin1 of confident picks, and "X in Y" / "X, Y" / "X (Y)" containment,
   where Y's pick restricts X (same country, same admin1, or within ``NEAR_KM``) and X may not
   become Y itself ("Bagram air base in Kabul" is Bagram).
4. A feature head ("airport", "air base", "airfield") prefers the settlement the facility is
   named after: the packaged gazetteers hold no airports or bases.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from wirewatch.geo.gazetteer import Gazetteer, GeoEntry
from wirewatch.geo.names import name_key, similarity

FUZZY_MIN_SIMILARITY = 0.8
FUZZY_MIN_LENGTH = 6  # shorter names are too close to too many others ("Biden" ~ "Baden")
# A misspelt or re-transliterated name is only worth guessing for a place big enough to be
# written about from afar; small towns a letter away are nearly always a different word.
FUZZY_MIN_POPULATION = 50_000
BIG_FEATURES = frozenset({"country", "region", "admin1"})
# "US", "EU", "SA": short capitals are acronyms; only countries and regions may answer them.
ACRONYM_MAX_LENGTH = 3
# Demonyms and adjectives ("Russian", "Sudanese", "Sri Lankan") stand for their country:
# stems left after these endings are matched against country and region names.
DEMONYM_SUFFIXES = ("ians", "ian", "ans", "an", "ns", "n", "ese", "ish", "is", "i")
DEMONYM_MIN_STEM = 4
DEMONYM_MAX_EXTRA = 3  # letters the country name may add to the stem ("Chin" -> "China")
FEATURE_PRIOR = {"country": 6.0, "region": 5.0, "admin1": 3.2, "admin2": 1.0, "city": 0.0}
W_POPULATION = 0.9  # per decade of population
W_CAPITAL = 1.5
W_PRIMARY_NAME = 0.8
FUZZY_PENALTY = 3.0  # times (1 - similarity): a fuzzy match must earn its place
W_CONTEXT_COUNTRY = 2.5  # scaled by the share of context votes for the candidate's country
W_OUTLET_COUNTRY = 1.0
W_CONTEXT_ADMIN1 = 2.0
W_CONTAINER = 8.0  # "X in Y": Y's pick contains or is near the candidate
NEAR_KM = 120.0
# A region named after its city ("Toshkent" province, "Kabul" province, canton of Geneva) yields
# to that city when the city holds this share of the region's people or is the capital.
CITY_SHADOW_SHARE = 0.25
SHADOWED_PENALTY = 4.0
# A facility head word ("air base") means the name is a settlement's, or the district around it.
FACILITY_FEATURE_BONUS = {"city": 1.5, "admin2": 0.5}


@dataclass(frozen=True)
class Toponym:
    """A place mention to resolve: its text in the body, and optional hints from detection."""

    text: str
    start: int
    end: int
    facility: str | None = None  # "airport" / "military_base" when a head word says so
    container: int | None = None  # index of the toponym Y in "X in Y", if any


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
            return [(e, 1.0) for e in exact]
        demonym = self.demonym(text)
        if demonym:
            return [(demonym, 1.0)]
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

    def demonym(self, text: str) -> GeoEntry | None:
        """The country or region a demonym names ("Egyptian" -> Egypt), if any."""
        words = text.split()
        if not words or not words[-1][:1].isupper():
            return None
        head = name_key(" ".join(words))
        for suffix in DEMONYM_SUFFIXES:
            if not head.endswith(suffix) or len(head) - len(suffix) < DEMONYM_MIN_STEM:
                continue
            stem = head[: -len(suffix)]
            best = self.gazetteer.country_or_region_by_prefix(stem, DEMONYM_MAX_EXTRA)
            if best is not None:
                return best
        return None

    @staticmethod
    def prior(entry: GeoEntry, sim: float, toponym: Toponym) -> float:
        score = FEATURE_PRIOR.get(entry.feature, 0.0)
        score += W_POPULATION * math.log10(entry.population + 1)
        score += W_CAPITAL * entry.capital + W_PRIMARY_NAME * entry.primary
        score -= FUZZY_PENALTY * (1.0 - sim)
        if toponym.facility:
            # An airfield is not a country or a province: only settlements and districts fit.
            score = score - FEATURE_PRIOR.get(entry.feature, 0.0)
            score += FACILITY_FEATURE_BONUS.get(entry.feature, -5.0)
        return score

    def resolve(self, toponyms: Sequence[Toponym], outlet_country: str | None = None
                ) -> list[Resolution]:
        cands = [self.candidates(t.text) for t in toponyms]
        priors = [[self.prior(e, s, t) - SHADOWED_PENALTY * _shadowed(e, cs) for e, s in cs]
                  for t, cs in zip(toponyms, cands, strict=True)]
        first = [_argmax(p) for p in priors]
        picks: list[GeoEntry | None] = [
            cs[i][0] if i is not None else None for cs, i in zip(cands, first, strict=True)]
        # Context votes: one per distinct mention text, so a repeated name does not outvote.
        votes: Counter[str] = Counter()
        admin_votes: Counter[str] = Counter()
        seen: set[str] = set()
        for t, pick in zip(toponyms, picks, strict=True):
            key = name_key(t.text)
            if pick is None or key in seen:
                continue
            seen.add(key)
            if pick.country:
                votes[pick.country] += 1
            if pick.feature in ("city", "admin2", "admin1") and pick.admin1:
                admin_votes[pick.admin1] += 1
        total = sum(votes.values()) or 1
        results: list[Resolution] = []
        for idx, (t, cs) in enumerate(zip(toponyms, cands, strict=True)):
            if not cs:
                results.append(Resolution(t, None, 0.0))
                continue
            own = picks[idx]
            container = picks[t.container] if t.container is not None else None
            best_entry, best_score = cs[0][0], -math.inf
            for (entry, _sim), base in zip(cs, priors[idx], strict=True):
                score = base + self._context(entry, own, votes, admin_votes, total, outlet_country)
                if container is not None and container.rowid != entry.rowid:
                    score += W_CONTAINER * _contains(container, entry)
                if score > best_score:
                    best_entry, best_score = entry, score
            results.append(Resolution(t, best_entry, best_score))
        return results

    @staticmethod
    def _context(entry: GeoEntry, own: GeoEntry | None, votes: Counter[str],
                 admin_votes: Counter[str], total: int, outlet_country: str | None) -> float:
        score = 0.0
        if entry.country:
            # Remove this mention's own first-pass vote so it does not confirm itself.
            own_vote = 1 if own is not None and own.country == entry.country else 0
            score += W_CONTEXT_COUNTRY * (votes[entry.country] - own_vote) / total
            if entry.country == outlet_country:
                score += W_OUTLET_COUNTRY
        if entry.feature in ("city", "admin2") and entry.admin1:
            own_vote = 1 if own is not None and own.admin1 == entry.admin1 else 0
            score += W_CONTEXT_ADMIN1 * min(1, admin_votes[entry.admin1] - own_vote)
        return score


def _shadowed(entry: GeoEntry, cands: Sequence[tuple[GeoEntry, float]]) -> bool:
    """True for an admin area whose same-named city is what the name usually means."""
    if entry.feature not in ("admin1", "admin2"):
        return False
    return any(
        c.feature == "city" and c.country == entry.country
        and (c.capital or c.population >= CITY_SHADOW_SHARE * entry.population)
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


def _argmax(values: Sequence[float]) -> int | None:
    if not values:
        return None
    return max(range(len(values)), key=values.__getitem__)
