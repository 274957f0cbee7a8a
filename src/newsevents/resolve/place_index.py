"""The in-memory place index: parallel row arrays and name-key dicts (`PlaceIndex`), and
the builder that accumulates rows and keys from any source (`IndexBuilder`).

Representative points, derived because GeoNames ships none for areas: the listed
place nearest to the median of the grid cells its places occupy (1 degree cells for a
country, 0.25 for an admin-1 region, 0.1 for an admin-2 area; see
`representative_point`). Counting each occupied cell once approximates the middle of
the area rather than of its population, so the point lands near where the area's own
GeoNames centre would be, and snapping to a real place keeps it on land inside the
area (a centroid of Indonesia would be at sea; a capital sits at an edge). An admin-1
region 800 km or more across either way (British Columbia, New South Wales, and the
tall Manitoba) is placed at the middle of its cells' extent itself, not snapped to a
town: its towns crowd one side or edge, its interior may hold none ("Western
Australia"), and its middle is the point gazetteers give it.
"""

from __future__ import annotations

import math
import statistics
import time
from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsevents.resolve.place_names import (
    SKELETON_MIN_LENGTH,
    bare_key,
    is_abbreviation,
    name_key,
    skeleton,
)
from newsevents.resolve.place_words import PlaceWords, strip_admin1_affixes
from newsevents.resolve.translit import TranslitRules, loose_key, strict_key

FORMAT_VERSION = 13  # bump whenever the build changes: it is part of the cache key
FEATURES: tuple[str, ...] = (
    "country",
    "admin1",
    "region",
    "admin2",
    "city",
    "town",
    "village",
    "suburb",
)
AREA_FEATURES = frozenset({0, 1, 2, 3})  # indices of country, admin1, region, admin2
# Where a row comes from: GeoNames; the supplement's own places; UCDP conflict villages;
# GeoNames places the supplement gives news names ("Palmyra" for Tadmur), whose names
# are then all their own (no "alternate name only" penalty) without the supplement bonus.
SRC_GEONAMES, SRC_SUPPLEMENT, SRC_CONFLICT, SRC_NEWS_NAMED = 0, 1, 2, 3
NO_COUNTRY = 0xFFFF

Keyed = dict[str, int | tuple[int, ...]]


@dataclass
class PlaceIndex:
    """The loaded index: parallel row arrays plus key -> row-id dicts."""

    names: list[str]
    lat: array[float]
    lon: array[float]
    country: array[int]  # index into `countries`, NO_COUNTRY when none
    admin1: array[int]  # index into `admin1_names`, -1 when unknown
    feature: array[int]  # index into FEATURES
    precision: array[int]
    population: array[int]
    geonameid: array[int]  # 0 when none
    source: array[int]  # SRC_*
    countries: list[tuple[str, str, str]]  # (iso2, iso3, name)
    admin1_names: list[str]
    keys: Keyed  # name key -> rows
    bare_keys: Keyed  # article-less key of names that had an article -> rows
    skeletons: Keyed  # consonant skeleton -> rows (fuzzy fallback)
    acronyms: Keyed  # abbreviations ("US", "DRC", "Tenn."): key -> rows
    country_rows: dict[str, int]  # iso3 -> the country's row
    words: PlaceWords
    # countries whose languages write the Arabic article ('al-'), by country index
    article_countries: frozenset[int] = frozenset()
    built_at: float = 0.0
    format_version: int = FORMAT_VERSION
    # transliteration keys (`translit`) of the names of places in the countries
    # translit.yaml lists -> rows: strict keys, then loose ones
    translit_keys: Keyed = field(default_factory=dict)
    translit_loose: Keyed = field(default_factory=dict)


class IndexBuilder:
    """Accumulates rows and keys; `finish` freezes them into a PlaceIndex."""

    def __init__(self, words: PlaceWords, translit: TranslitRules | None = None) -> None:
        self.words = words
        self.translit = translit
        self.translit_countries: set[int] = set()  # country indices whose names get keys
        # country indices of place_words.yaml `one_spelling_countries`: their names
        # get no skeleton keys ("Anfield" is no misspelt Enfield)
        self.english_countries: set[int] = set()
        self.names: list[str] = []
        self.cols: dict[str, list[Any]] = {
            c: []
            for c in (
                "lat",
                "lon",
                "country",
                "admin1",
                "feature",
                "precision",
                "population",
                "geonameid",
                "source",
            )
        }
        self.keys: dict[str, list[int]] = defaultdict(list)
        self.bare: dict[str, list[int]] = defaultdict(list)
        self.skel: dict[str, list[int]] = defaultdict(list)
        self.acro: dict[str, list[int]] = defaultdict(list)
        self.tstrict: dict[str, list[int]] = defaultdict(list)
        self.tloose: dict[str, list[int]] = defaultdict(list)
        self.countries: list[tuple[str, str, str]] = []
        self.country_idx: dict[str, int] = {}  # iso2 and iso3 -> index
        self.country_row: dict[int, int] = {}  # country index -> row
        self.admin1_names: list[str] = []
        self.article_countries: set[int] = set()
        self.admin1_country: list[int] = []
        self.admin1_idx: dict[tuple[int, str], int] = {}  # (country, key) -> admin1 index
        self.admin1_row: dict[int, int] = {}  # admin1 index -> row

    def add_row(self, name: str, lat: float, lon: float, **values: int) -> int:
        row = len(self.names)
        self.names.append(name)
        self.cols["lat"].append(lat)
        self.cols["lon"].append(lon)
        for col in ("country", "admin1", "feature", "precision", "population", "geonameid"):
            self.cols[col].append(values[col])
        self.cols["source"].append(values.get("source", SRC_GEONAMES))
        return row

    def add_name(self, row: int, name: str, fuzzy: bool) -> None:
        key = name_key(name)
        if not key:
            return
        if is_abbreviation(name):
            _append(self.acro[key], row)
            return
        _append(self.keys[key], row)
        bare = bare_key(key, self.words.articles)
        if bare != key:
            _append(self.bare[bare], row)
        if fuzzy and self.cols["country"][row] not in self.english_countries:
            skel = skeleton(key, self.words.articles)
            if len(skel) >= SKELETON_MIN_LENGTH:
                _append(self.skel[skel], row)
        if self.translit is not None and self.cols["country"][row] in self.translit_countries:
            # Every place of these countries, hamlets too: the conflict villages news
            # spells its own way are mostly small.
            strict = strict_key(key, self.words.articles, self.translit)
            if strict:
                _append(self.tstrict[strict], row)
                loose = loose_key(strict)
                if loose:
                    _append(self.tloose[loose], row)

    def admin1_for(self, country: int, text: str) -> int:
        """The admin-1 index for a name in a country, matched loosely; added if new."""
        key = strip_admin1_affixes(name_key(text), self.words)
        for probe in (key, bare_key(key, self.words.articles)):
            found = self.admin1_idx.get((country, probe))
            if found is not None:
                return found
        skel = skeleton(key, self.words.articles)
        found = self.admin1_idx.get((country, "~" + skel)) if len(skel) >= 3 else None
        if found is not None and _same_start(key, self.admin1_names[found], self.words):
            return found
        return self.new_admin1(country, text)

    def new_admin1(self, country: int, text: str) -> int:
        idx = len(self.admin1_names)
        key = name_key(text)
        stripped = strip_admin1_affixes(key, self.words)
        display = _strip_affixes_display(text, key, stripped)
        self.admin1_names.append(display)
        self.admin1_country.append(country)
        for probe in (key, stripped, bare_key(stripped, self.words.articles)):
            self.admin1_idx.setdefault((country, probe), idx)
        skel = skeleton(stripped, self.words.articles)
        if len(skel) >= 3:
            self.admin1_idx.setdefault((country, "~" + skel), idx)
        return idx

    def finish(self) -> PlaceIndex:
        c = self.cols
        return PlaceIndex(
            names=self.names,
            lat=array("d", c["lat"]),
            lon=array("d", c["lon"]),
            country=array("H", c["country"]),
            admin1=array("i", c["admin1"]),
            feature=array("B", c["feature"]),
            precision=array("B", c["precision"]),
            population=array("q", c["population"]),
            geonameid=array("q", c["geonameid"]),
            source=array("B", c["source"]),
            countries=self.countries,
            admin1_names=self.admin1_names,
            keys=_freeze(self.keys),
            bare_keys=_freeze(self.bare),
            skeletons=_freeze(self.skel),
            acronyms=_freeze(self.acro),
            country_rows={self.countries[ci][1]: row for ci, row in self.country_row.items()},
            words=self.words,
            article_countries=frozenset(self.article_countries),
            built_at=time.time(),
            translit_keys=_freeze(self.tstrict),
            translit_loose=_freeze(self.tloose),
        )


def _append(rows: list[int], row: int) -> None:
    if row not in rows:
        rows.append(row)


def _freeze(table: dict[str, list[int]]) -> Keyed:
    # A bare int for the common single-row case keeps the pickle small and quick to load.
    return {k: v[0] if len(v) == 1 else tuple(v) for k, v in table.items()}


def _strip_affixes_display(text: str, key: str, stripped: str) -> str:
    if stripped == key:
        return text
    words = text.split()
    n_drop = len(key.split()) - len(stripped.split())
    if key.startswith(stripped):
        return " ".join(words[: len(words) - n_drop]) or text
    return " ".join(words[n_drop:]) or text


def representative_point(
    points: Sequence[tuple[float, float]], cell: float, wide_km: float | None = None
) -> tuple[float, float]:
    """The listed place nearest to the median of the occupied grid cells: each cell of
    `cell` degrees counts once, so dense city clusters do not pull the point, and
    snapping to a real place keeps it inside the area. An area at least `wide_km` across
    either way is the middle of the cells' extent instead, unsnapped: its people
    cluster on one side or edge (British Columbia's in the south, Manitoba's in the
    south of a tall province), its interior may have no listed place, and the point of
    a vast area is its middle."""
    cells = {(math.floor(lat / cell), math.floor(lon / cell)) for lat, lon in points}
    lats = sorted(c[0] for c in cells)
    lons = sorted(c[1] for c in cells)
    mlat = (statistics.median(lats) + 0.5) * cell
    mlon = (statistics.median(lons) + 0.5) * cell
    if wide_km is not None and (lons[-1] - lons[0]) * cell < 180:  # not across 180 deg
        middle = (lats[0] + lats[-1] + 1) / 2 * cell
        height = (lats[-1] - lats[0] + 1) * cell * _KM_PER_DEGREE
        width = (lons[-1] - lons[0] + 1) * cell * _KM_PER_DEGREE * math.cos(math.radians(middle))
        if max(height, width) >= wide_km:
            return middle, (lons[0] + lons[-1] + 1) / 2 * cell
    scale = math.cos(math.radians(mlat)) ** 2
    return min(points, key=lambda p: (p[0] - mlat) ** 2 + scale * (p[1] - mlon) ** 2)


_KM_PER_DEGREE = 111.2


def city_feature(population: int) -> int:
    if population >= 100_000:
        return FEATURES.index("city")
    if population >= 5_000:
        return FEATURES.index("town")
    return FEATURES.index("village")


def _same_start(key: str, name: str, words: PlaceWords) -> bool:
    """Whether two names that share a skeleton start alike: with the same consonant, or
    both with a vowel ("Idlib" ~ "Edlib"), so that "Western Cape" is not "Eastern Cape"."""
    other = bare_key(strip_admin1_affixes(name_key(name), words), words.articles)
    first, second = bare_key(key, words.articles)[:1], other[:1]
    return first == second or (first in _VOWEL_LETTERS and second in _VOWEL_LETTERS)


_VOWEL_LETTERS = frozenset("aeiou")


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in km between two points on a spherical Earth."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def rows_of(value: int | tuple[int, ...] | None) -> tuple[int, ...]:
    """The row ids a key dict value stands for (a bare int or a tuple)."""
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value
