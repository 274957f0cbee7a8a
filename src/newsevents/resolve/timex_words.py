"""The date tagger's word lists: `data/time_words.yaml`, checked and indexed once.

Layer: the bottom of the date modules (`timex_*` and `dates`); it imports only records,
errors and the data-file reader.
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

__all__ = ["APOS", "DASH", "TimeWords", "alternation", "load_time_words", "time_words"]

DASH = "[-\u2013\u2014]"  # hyphen, en dash, em dash
APOS = "'\u2019"  # straight and curly apostrophes


@dataclass(frozen=True)
class TimeWords:
    """The contents of time_words.yaml, checked and indexed."""

    month_of: dict[str, int]  # lower-cased name or abbreviation -> 1..12
    weekday_of: dict[str, int]  # lower-cased name or abbreviation -> 0 (Monday)..6
    weekday_full: tuple[str, ...]
    months_full: tuple[str, ...]
    raw: dict[str, Any]

    def words(self, key: str) -> list[str]:
        """A list entry of the file as strings."""
        return [str(w) for w in self.raw[key]]

    def lower_set(self, key: str) -> frozenset[str]:
        """A list entry of the file as a lower-cased set."""
        return frozenset(w.lower() for w in self.words(key))

    def mapping(self, key: str) -> dict[str, int]:
        """A word -> number entry of the file, keys lower-cased."""
        return {str(k).lower(): int(v) for k, v in self.raw[key].items()}

    def texts(self, key: str) -> dict[str, str]:
        """A word -> text entry of the file, keys lower-cased."""
        return {str(k).lower(): str(v) for k, v in self.raw[key].items()}


_LIST_KEYS = (
    "weekday_followers_not_dates",
    "weekday_precedents_not_dates",
    "may_followers_not_dates",
    "day_parts",
    "unanchored_phrases",
    "part_modifiers",
    "date_prepositions",
    "of_year_blockers",
    "count_nouns",
    "ordinal_day_followers",
    "date_name_followers",
    "past_verbs",
    "future_cues",
    "will_noun_precedents",
    "dateline_date_prefixes",
    "dateline_non_places",
    "name_small_words",
    "news_agencies",
    "vague_counts",
    "duration_leads",
    "duration_blockers",
    "reference_followers_not_times",
    "season_leads",
    "season_prepositions",
    "prospective_cues",
    "dated_act_nouns",
    "period_cues",
    "someday_modals",
    "forward_prepositions",
    "superseded_plan_leads",
    "past_day_phrases",
    "span_nouns",
    "span_leads",
    "span_start_cues",
    "span_end_cues",
    "speech_verbs",
    "tally_cues",
    "year_determiners",
    "tally_start_cues",
    "superlatives",
)
_MAP_KEYS = (
    "months",
    "weekdays",
    "relative_days",
    "periods",
    "period_modifiers",
    "number_words",
    "duration_units",
    "set_words",
    "reference_words",
    "day_part_codes",
    "period_ordinals",
    "quarter_relatives",
    "seasons",
    "narrated_days",
    "clock_words",
    "quarter_year_shifts",
    "span_units",
    "holidays",
    "year_centuries",
)


@lru_cache(maxsize=1)
def time_words() -> TimeWords:
    """The bundled word lists (loaded once)."""
    return load_time_words(package_data("time_words.yaml"))


def load_time_words(path: Path) -> TimeWords:
    """Read and check a time-words file; DataFileError names what is wrong."""
    raw = read_yaml_mapping(path)
    for key in _LIST_KEYS:
        if not isinstance(raw.get(key), list):
            raise DataFileError(f"{path}: '{key}' must be a list of words; add it")
    for key in _MAP_KEYS:
        if not isinstance(raw.get(key), dict):
            raise DataFileError(f"{path}: '{key}' must be a mapping; add it")
    try:
        months = {int(k): [str(n) for n in v] for k, v in raw["months"].items()}
        weekdays = {int(k): [str(n) for n in v] for k, v in raw["weekdays"].items()}
    except (TypeError, ValueError) as exc:
        raise DataFileError(f"{path}: months and weekdays map numbers to name lists") from exc
    if sorted(months) != list(range(1, 13)) or sorted(weekdays) != list(range(7)):
        raise DataFileError(
            f"{path}: needs names for months 1-12 and weekdays 0 (Monday) to 6, "
            f"got {sorted(months)} and {sorted(weekdays)}"
        )
    if not all(months.values()) or not all(weekdays.values()):
        raise DataFileError(f"{path}: every month and weekday needs at least its full name")
    month_of = {n.lower(): k for k, names in months.items() for n in names}
    weekday_of = {n.lower(): k for k, names in weekdays.items() for n in names}
    return TimeWords(
        month_of,
        weekday_of,
        tuple(weekdays[k][0] for k in range(7)),
        tuple(months[k][0] for k in range(1, 13)),
        raw,
    )


def alternation(words: Iterable[str], cased: bool = False, lower: bool = False) -> str:
    """A regex alternation, longest first; `cased` admits only Capitalised or UPPER forms
    (and, with `lower`, the all-lower-case form too).

    Cased alternations must sit in a regex without IGNORECASE (or in a `(?-i:...)` group):
    names match only when capitalised, so "a march on" and "may be" are not dates.
    """
    forms: set[str] = set()
    for word in words:
        forms |= {word[:1].upper() + word[1:], word.upper()} if cased else {word}
        if cased and lower:
            forms.add(word.lower())
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    body = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)
    return f"(?:{body})"
