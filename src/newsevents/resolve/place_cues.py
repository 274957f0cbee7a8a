"""Place cues of data/place_cues.yaml: phrases that say which country an article's places
lie in ("regime forces", "SDF": Syria).

A one-line report names no country, so without cues its transliterated place names go
to better-known namesakes abroad (Palmyra, Pennsylvania; Juybar, Iran).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsevents.data_files import package_data, read_yaml_mapping
from newsevents.errors import DataFileError

__all__ = ["PlaceCues", "cue_countries", "default_cues", "place_cues_path", "read_place_cues"]


def place_cues_path() -> Path:
    """The bundled place_cues.yaml."""
    return package_data("place_cues.yaml")


@dataclass(frozen=True)
class PlaceCues:
    """The cues compiled: one pattern per country."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]  # (iso3, pattern), file order
    # Per pattern, the first words of its phrases, lower-cased: a text without any of
    # them is not searched (the search tries every phrase at every character).
    first_words: tuple[frozenset[str], ...] = ()

    def countries(self, texts: Iterable[str]) -> tuple[str, ...]:
        """The iso3 codes whose cue phrases occur in any of the texts, in file order."""
        joined = "\n".join(texts)
        found = _WORD.findall(joined.lower())
        # "al-Assads": a possessive whose apostrophe scraping lost still names Assad.
        words = frozenset(found) | {w[:-1] for w in found if w.endswith("s")}
        return tuple(
            iso3
            for (iso3, pattern), firsts in zip(self.patterns, self.first_words, strict=True)
            if not words.isdisjoint(firsts) and pattern.search(joined)
        )


_WORD = re.compile(r"[^\W_]+")


def _phrase(text: str) -> str:
    """A cue phrase as a regex: whole words, flexible hyphens and spaces, any case
    unless written in capitals (an abbreviation: "SDF", not "sdf")."""
    words = re.split(r"[\s\-]+", text.strip())
    body = r"[\s\-]+".join(re.escape(w) for w in words if w)
    body = body.replace("'", "['\u2019]")
    # A possessive, with or without its apostrophe ("Assad's", "al-Assads forces").
    owner = "(?:['\u2019]?s)?"
    if text.isupper():
        return rf"(?<![\w]){body}{owner}(?![\w])"
    return rf"(?<![\w])(?i:{body}){owner}(?![\w])"


def read_place_cues(path: Path) -> PlaceCues:
    """Read and validate a place_cues.yaml file; raise DataFileError naming the problem."""
    data = read_yaml_mapping(path)
    cues: Any = data.get("country_cues") or {}
    if not isinstance(cues, dict):
        raise DataFileError(f"{path}: country_cues must map ISO3 codes to lists of phrases")
    patterns: list[tuple[str, re.Pattern[str]]] = []
    firsts: list[frozenset[str]] = []
    for iso3, phrases in cues.items():
        if not isinstance(iso3, str) or len(iso3) != 3 or not iso3.isupper():
            raise DataFileError(f"{path}: country_cues key {iso3!r} is not an ISO3 code")
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise DataFileError(f"{path}: country_cues.{iso3} must be a list of phrases")
        alternatives = "|".join(_phrase(p) for p in sorted(phrases, key=len, reverse=True))
        if alternatives:
            patterns.append((iso3, re.compile(alternatives)))
            firsts.append(
                frozenset(_WORD.findall(p.lower())[0] for p in phrases if _WORD.search(p))
            )
    return PlaceCues(tuple(patterns), tuple(firsts))


@lru_cache(maxsize=1)
def default_cues() -> PlaceCues:
    """The bundled cues, read once."""
    return read_place_cues(place_cues_path())


def cue_countries(texts: Iterable[str]) -> tuple[str, ...]:
    """The countries the bundled cue phrases in `texts` point to ("Regime forces shell
    Jobar" -> ("SYR",))."""
    return default_cues().countries(texts)
