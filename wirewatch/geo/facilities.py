"""Airports and air bases for the gazetteer build, from the ``airportsdata`` package.

airportsdata (MIT) lists about 28,000 airports and landing strips with ICAO/IATA codes, name,
served city, subdivision, country and coordinates; GeoNames' airport and base entries (feature
codes S/AIRP, S/MILB) are not in the packaged extracts, so these have no GeoNames id.

Each facility is found by *facility keys* (kept apart from place names: "Manas" alone is the
village or the hero, "Manas airport" is the airport):
- its own name, and its core name without facility and size words ("Karshi Khanabad Airport" ->
  "Karshi Khanabad", "Manas International Airport" -> "Manas");
- the city it serves ("Bishkek airport"), in every spelling GeoNames has for that city when the
  airport has an IATA code (so "аэропорт Бишкека" finds it too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirewatch.geo.names import name_key

# Names that say the field is military: "Bagram Air Base", "Ramstein AB", "Dover AFB".
_MILITARY_WORDS = re.compile(
    r"\b(?:air\s*base|airbase|air\s+force\s+(?:base|station)|army\s+air\s*field|"
    r"naval\s+air\s+(?:station|facility)|air\s+station|military)\b",
    re.IGNORECASE,
)
_MILITARY_ABBREVIATIONS = re.compile(r"\b(?:AB|AFB|NAS)\b")  # capitals only: "Ab" is a name
# Trailing words that describe the facility, not name it.
_GENERIC_TAIL = re.compile(
    r"(?:[\s,/-]+(?:airport|airfield|air\s*field|airstrip|landing\s+strip|aerodrome|air\s*park|"
    r"heliport|air\s*base|airbase|AB|AFB|air\s+force\s+(?:base|station)|army\s+air\s*field|"
    r"naval\s+air\s+(?:station|facility)|air\s+station|international|intl|regional|"
    r"municipal|metropolitan|\d+))+\s*$",
    re.IGNORECASE,
)
# Ranks that order same-keyed facilities (a city's main airport before its strips).
RANK_IATA = 2  # has an IATA code: scheduled passenger service
RANK_INTERNATIONAL = 1


@dataclass(frozen=True)
class Facility:
    name: str
    core: str
    city: str
    country: str
    lat: float
    lon: float
    feature: str  # "airport" or "military_base"
    rank: int


def is_military(name: str) -> bool:
    return bool(_MILITARY_WORDS.search(name) or _MILITARY_ABBREVIATIONS.search(name))


def core_name(name: str) -> str:
    """The name without its facility and size words ("Manas International Airport" -> "Manas")."""
    core = _GENERIC_TAIL.sub("", name).strip(" ,-/")
    return core or name


def load_facilities() -> list[Facility]:
    """Every airport and base in airportsdata that has coordinates and a country."""
    import airportsdata

    out: list[Facility] = []
    for rec in airportsdata.load("ICAO").values():
        name, country = str(rec["name"]).strip(), str(rec["country"]).strip()
        if not name or not country:
            continue
        rank = (RANK_IATA if rec.get("iata") else 0) + (
            RANK_INTERNATIONAL if "international" in name.lower() else 0)
        out.append(Facility(
            name=name, core=core_name(name), city=str(rec.get("city") or "").strip(),
            country=country, lat=float(rec["lat"]), lon=float(rec["lon"]),
            feature="military_base" if is_military(name) else "airport", rank=rank,
        ))
    return out


# How a key names its facility (lower is better), stored with the key.
MATCH_NAME = 0  # its own name or core name
MATCH_NAME_TAIL = 1  # the end of its core name: "Heathrow" for "London Heathrow"
MATCH_CITY = 2  # the city it serves
MIN_TAIL_KEY = 4


def facility_keys(fac: Facility, city_names: set[str]) -> dict[str, int]:
    """The facility's lookup keys, each with how it names the facility (``MATCH_*``)."""
    keys: dict[str, int] = {}
    for text in (fac.city, *city_names):
        key = name_key(text)
        if len(key) >= 2:
            keys[key] = MATCH_CITY
    words = re.split(r"[\s/-]+", fac.core)
    for i in range(1, len(words)):
        key = name_key(" ".join(words[i:]))
        if len(key) >= MIN_TAIL_KEY:
            keys[key] = min(keys.get(key, MATCH_CITY), MATCH_NAME_TAIL)
    for text in (fac.name, fac.core):
        key = name_key(text)
        if len(key) >= 2:
            keys[key] = MATCH_NAME
    return keys
