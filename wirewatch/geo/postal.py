"""US towns below GeoNames' cities500 cut, from the ZIP code table of the ``zipcodes`` package.

Local news names villages of a few hundred people ("Meadow Grove", "Lore City") that the
packaged GeoNames extract (places of 500+) lacks. Each ZIP code's post-office town, with its
county and a point (GeoNames' postal-code coordinates, CC BY 4.0, as shipped by ``zipcodes``),
becomes one place when GeoNames has no settlement of that name in that state: it adds towns,
never a second reading of a town GeoNames already knows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean
from typing import Any

from wirewatch.geo.names import name_key

# Delivery ZIP codes only: "UNIQUE" codes belong to one firm or agency (the IRS in Holtsville)
# and "MILITARY" ones to APO/FPO addresses abroad.
TOWN_ZIP_TYPES = frozenset({"STANDARD", "PO BOX"})


@dataclass(frozen=True)
class PostalTown:
    name: str
    state: str  # postal code ("NE")
    county: str  # "Madison County", "" when the table has none
    lat: float
    lon: float


def postal_towns() -> list[PostalTown]:
    """One town per (state, name) over the active delivery ZIP codes, under the code's own town
    and its "acceptable" place names (villages the post office serves); the point is the mean
    of the codes' points (a town with several codes is covered by all of them)."""
    import zipcodes

    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    first: dict[tuple[str, str], dict[str, str]] = {}
    # zipcodes types its compiled core but not the wrapper module's functions.
    records: list[dict[str, Any]] = zipcodes.list_all()  # type: ignore[no-untyped-call]
    for rec in records:
        if not rec.get("active") or rec.get("zip_code_type") not in TOWN_ZIP_TYPES:
            continue
        state = str(rec.get("state") or "")
        try:
            lat, lon = float(rec["lat"]), float(rec["long"])
        except (KeyError, TypeError, ValueError):
            continue
        for city in [str(rec.get("city") or ""), *map(str, rec.get("acceptable_cities") or ())]:
            key = (state, name_key(city))
            if not city or not state or not key[1]:
                continue
            points[key].append((lat, lon))
            first.setdefault(key, {"city": city, "county": str(rec.get("county") or "")})
    return [
        PostalTown(first[key]["city"], key[0], first[key]["county"],
                   fmean(p[0] for p in pts), fmean(p[1] for p in pts))
        for key, pts in points.items()
    ]


def missing_towns(towns: Iterable[PostalTown], known: set[tuple[str, str]]) -> list[PostalTown]:
    """The towns whose (admin1 code, name key) GeoNames lacks: ``known`` holds ("US.NE",
    "meadowgrove")-style pairs for every name of every US settlement already in the index."""
    return [t for t in towns if (f"US.{t.state}", name_key(t.name)) not in known]
