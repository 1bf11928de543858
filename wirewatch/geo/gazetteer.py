"""The offline gazetteer: GeoNames places looked up by name, from a cached SQLite index.

The index is built once from the packaged extracts (``build.py``, about 25 s) into
``<cache_dir>/gazetteer-<versions>.sqlite`` (``cache_dir`` is wirewatch's setting, passed in by
whoever holds the ``Settings``): by ``wirewatch setup``, or on first use when it is missing or a
source package's version changed, saying so on stderr. Opening it is instant: lookups are
indexed queries, so nothing is loaded into memory up front. Constructing a ``Gazetteer`` never
builds anything.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from wirewatch.geo.build import build, package_versions
from wirewatch.geo.names import abbreviation_variants, name_key, skeleton


@dataclass(frozen=True)
class GeoEntry:
    """One gazetteer place. ``geonameid`` is None only for macro-regions GeoNames lacks."""

    rowid: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str
    feature: str
    admin1: str
    population: int
    capital: bool
    primary: bool = False  # the looked-up key is this place's main name, not an alternate
    # GeoNames admin2 code ("US.TN.079"): a county's own, or the county a town lies in; "" if
    # unknown. Lets the resolver pair "Paris" with "Henry County" only where one holds the other.
    admin2: str = ""


def cache_path(cache_dir: str | Path) -> Path:
    """Where the index for the installed source packages lives under ``cache_dir`` (the
    ``cache_dir`` setting): the file name changes when a package version does."""
    digest = hashlib.sha1(package_versions().encode()).hexdigest()[:12]
    return Path(cache_dir).expanduser() / f"gazetteer-{digest}.sqlite"


_COLUMNS = ("p.id, p.geonameid, p.name, p.lat, p.lon, p.country, p.feature, p.admin1, p.population, "
            "p.capital, p.admin2")
_NCOLS = 11  # columns in _COLUMNS: extra selected values follow them
_BUILD_LOCK = threading.Lock()


class GazetteerMissingError(FileNotFoundError):
    """The index file is not there; ``open_gazetteer`` or ``wirewatch setup`` builds it."""


def build_gazetteer(path: Path, progress: TextIO | None = sys.stderr) -> None:
    """Build the index at ``path`` (about 25 s), replacing older versions' indexes beside it;
    one line on ``progress`` before and one after."""
    if progress is not None:
        print(f"wirewatch: building the gazetteer index at {path} (once per machine, about 25 s)",
              file=progress, flush=True)
    started = time.perf_counter()
    with _BUILD_LOCK:
        build(path)
        _remove_stale(path)
    if progress is not None:
        print(f"wirewatch: gazetteer index built in {time.perf_counter() - started:.0f} s",
              file=progress, flush=True)


def open_gazetteer(path: Path, progress: TextIO | None = sys.stderr) -> Gazetteer:
    """The gazetteer at ``path``, built first (saying so on ``progress``) when it is missing."""
    if not path.exists():
        build_gazetteer(path, progress)
    return Gazetteer(path)


class Gazetteer:
    """Name lookups over the cached index at ``path``, which must exist (``open_gazetteer``
    builds it when it does not). Safe to share between threads (one connection each)."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise GazetteerMissingError(
                f"no gazetteer index at {path}: run `wirewatch setup` to build it (about 25 s)")
        self.path = path
        self._local = threading.local()
        self._countries: dict[str, GeoEntry] | None = None
        self._admin1: dict[str, GeoEntry] | None = None

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    @staticmethod
    def _entry(row: tuple[Any, ...] | Any, primary: bool = False) -> GeoEntry:
        rowid, gid, name, lat, lon, cc, feature, admin1, pop, capital, admin2 = row
        return GeoEntry(int(rowid), None if gid is None else int(gid), str(name), float(lat),
                        float(lon), str(cc), str(feature), str(admin1), int(pop), bool(capital),
                        primary, str(admin2 or ""))

    def lookup(self, name: str) -> list[GeoEntry]:
        """Places whose name or alternate name has the same key (case/accent/hyphen-insensitive),
        also under the other spelling of a generic word ("Mt." / "Mount", "Co." -> "County")."""
        spellings = (name, *abbreviation_variants(name))
        keys = list(dict.fromkeys(k for k in map(name_key, spellings) if k))
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        rows = self._db().execute(
            f"SELECT {_COLUMNS}, n.primary_name FROM names n JOIN places p ON p.id = n.place "
            f"WHERE n.key IN ({marks})", keys).fetchall()
        out: dict[int, GeoEntry] = {}
        for r in rows:
            entry = self._entry(r[:_NCOLS], bool(r[_NCOLS]))
            if entry.rowid not in out or entry.primary:
                out[entry.rowid] = entry
        return list(out.values())

    def lookup_facility(self, name: str) -> list[tuple[GeoEntry, int, int]]:
        """Airports and bases named ``name`` or serving a city of that name, each with how the
        key names it (``facilities.MATCH_*``, lower is closer) and its rank (IATA code,
        "International": higher first). ``primary`` is True for a match on its own name."""
        key = name_key(name)
        if not key:
            return []
        rows = self._db().execute(
            f"SELECT {_COLUMNS}, f.match, f.rank FROM facilities f "
            "JOIN places p ON p.id = f.place WHERE f.key = ?", (key,)).fetchall()
        return [(self._entry(r[:_NCOLS], r[_NCOLS] == 0), int(r[_NCOLS]), int(r[_NCOLS + 1])) for r in rows]

    def lookup_demonym(self, name: str) -> GeoEntry | None:
        """The country a demonym names ("Irish" -> Ireland), from countryinfo's demonyms."""
        row = self._db().execute(
            f"SELECT {_COLUMNS} FROM demonyms d JOIN places p ON p.id = d.place WHERE d.key = ?",
            (name_key(name),)).fetchone()
        return None if row is None else self._entry(row)

    def lookup_skeleton(self, name: str) -> list[tuple[str, GeoEntry]]:
        """Places with a name of the same consonant frame, with that name's key (for scoring)."""
        key = name_key(name)
        if len(key) < 4:  # short frames match too much to be worth scoring
            return []
        rows = self._db().execute(
            f"SELECT n.key, {_COLUMNS} FROM names n JOIN places p ON p.id = n.place "
            "WHERE n.skel = ?", (skeleton(key),)).fetchall()
        return [(str(r[0]), self._entry(r[1:_NCOLS + 1])) for r in rows]

    def country(self, code: str) -> GeoEntry | None:
        """The country entry for an ISO 3166-1 alpha-2 code."""
        if self._countries is None:
            rows = self._db().execute(
                f"SELECT {_COLUMNS} FROM places p WHERE p.feature = 'country'").fetchall()
            self._countries = {str(r[5]): self._entry(r) for r in rows}
        return self._countries.get(code.upper())

    def admin1_area(self, code: str) -> GeoEntry | None:
        """The first-level area (province, state) with a GeoNames admin1 code ("UZ.01")."""
        if self._admin1 is None:
            rows = self._db().execute(
                f"SELECT {_COLUMNS} FROM places p WHERE p.feature = 'admin1'").fetchall()
            self._admin1 = {str(r[7]): self._entry(r) for r in rows}
        return self._admin1.get(code)

    def country_or_region_by_prefix(self, stem: str, max_extra: int) -> GeoEntry | None:
        """The country, region or admin1 area with a name key starting with ``stem`` and at most
        ``max_extra`` letters longer (shortest first, then most populous)."""
        rows = self._db().execute(
            f"SELECT {_COLUMNS}, n.key FROM names n JOIN places p ON p.id = n.place "
            "WHERE n.key >= ? AND n.key < ? AND p.feature IN ('country', 'region', 'admin1') "
            "AND length(n.key) <= ?",
            (stem, stem + "\uffff", len(stem) + max_extra)).fetchall()
        if not rows:
            return None
        best = min(rows, key=lambda r: (len(r[_NCOLS]), -int(r[8])))
        return self._entry(best[:_NCOLS])

    def by_geonameid(self, geonameid: int) -> GeoEntry | None:
        row = self._db().execute(
            f"SELECT {_COLUMNS} FROM places p WHERE p.geonameid = ?", (geonameid,)).fetchone()
        return None if row is None else self._entry(row)


def _remove_stale(current: Path) -> None:
    """Delete caches built from older package versions (each is ~80 MB), beside a cache named
    as ``cache_path`` names it (a file built elsewhere under another name has no such siblings)."""
    if not current.name.startswith("gazetteer-"):
        return
    for old in current.parent.glob("gazetteer-*.sqlite"):
        if old != current:
            old.unlink(missing_ok=True)

