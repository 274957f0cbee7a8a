"""The word lists of place_words.yaml (articles, directions, region words, demonyms),
read and validated once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.data_files import package_data, read_yaml_mapping
from newsevents.errors import DataFileError
from newsevents.resolve.place_names import name_key


def place_words_path() -> Path:
    """The bundled place_words.yaml."""
    return package_data("place_words.yaml")


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
    # ISO 639 codes of languages whose place names carry the Arabic article
    article_languages: frozenset[str] = frozenset()
    # words of names that lie outside the place they contain ("Indian Ocean")
    not_in_place: frozenset[str] = frozenset()
    # words of facility names that never name the place inside them ("University")
    generic: frozenset[str] = frozenset()
    # adjectives of regions and former states -> the place name they refer to
    # ("kurdish" -> "Kurdistan")
    place_demonyms: dict[str, str] = field(default_factory=dict)
    # words of natural features named after a region they run through ("Mississippi
    # River"): such a name is not at the region's point
    feature_words: frozenset[str] = frozenset()
    # abbreviated first words of place names -> the word written out ("mt" -> "mount")
    name_abbreviations: dict[str, str] = field(default_factory=dict)
    # words after a place that put the event around it ("Hama countryside")
    near_suffixes: frozenset[str] = frozenset()
    # words after a place that only say what kind of place it is ("Al-Raqqah city")
    point_suffixes: frozenset[str] = frozenset()
    # words after a place naming a quarter of a town ("Salhiya district"), and the words
    # between such a quarter and its town ("of", "in the capital")
    quarter_suffixes: frozenset[str] = frozenset()
    quarter_links: frozenset[str] = frozenset()
    # words of the names of missions abroad ("Embassy"): the country named is not where
    # they are
    abroad: frozenset[str] = frozenset()
    # iso3 codes of countries whose place names have one spelling in English news: no
    # similar spelling (skeleton) stands for one of their places
    one_spelling_countries: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Prefixes:
    """Word sequences a name key may start with, longest first, and the first words
    they start with: a key whose first word is none of those starts with none of them
    (the check most keys stop at)."""

    items: tuple[str, ...]
    first_words: frozenset[str]

    def leading(self, key: str) -> str | None:
        """The first (longest) of the items the key starts with, followed by a space."""
        if key.partition(" ")[0] not in self.first_words:
            return None
        return next((p for p in self.items if key.startswith(p + " ")), None)


def prefixes(items: Iterable[str]) -> Prefixes:
    """Prefixes of the given word sequences, in their order."""
    kept = tuple(items)
    return Prefixes(kept, frozenset(p.partition(" ")[0] for p in kept))


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
    data = read_yaml_mapping(path)
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
    place_demonyms = data.get("place_demonyms") or {}
    if not isinstance(place_demonyms, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in place_demonyms.items()
    ):
        raise DataFileError(f"{path}: place_demonyms must map adjectives to place names")
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
        article_languages=frozenset(
            _str_list(data.get("article_languages"), "article_languages", path)
        ),
        not_in_place=frozenset(
            name_key(x)
            for x in _str_list(data.get("not_in_place_words"), "not_in_place_words", path)
        ),
        generic=frozenset(
            name_key(x) for x in _str_list(data.get("generic_words"), "generic_words", path)
        ),
        place_demonyms={name_key(k): v for k, v in place_demonyms.items()},
        feature_words=frozenset(
            name_key(x) for x in _str_list(data.get("feature_words"), "feature_words", path)
        ),
        name_abbreviations=_abbreviations(data.get("name_abbreviations"), path),
        near_suffixes=frozenset(
            name_key(x) for x in _str_list(data.get("near_suffixes"), "near_suffixes", path)
        ),
        point_suffixes=frozenset(
            name_key(x) for x in _str_list(data.get("point_suffixes"), "point_suffixes", path)
        ),
        quarter_suffixes=frozenset(
            name_key(x) for x in _str_list(data.get("quarter_suffixes"), "quarter_suffixes", path)
        ),
        quarter_links=frozenset(
            name_key(x) for x in _str_list(data.get("quarter_links"), "quarter_links", path)
        ),
        abroad=frozenset(
            name_key(x) for x in _str_list(data.get("abroad_words"), "abroad_words", path)
        ),
        one_spelling_countries=frozenset(
            _str_list(data.get("one_spelling_countries"), "one_spelling_countries", path)
        ),
    )


def _abbreviations(data: Any, path: Path) -> dict[str, str]:
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise DataFileError(f"{path}: name_abbreviations must map words to words")
    return {name_key(k): name_key(v) for k, v in data.items()}


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
