"""Quantity phrases ("more than 200", "dozens", "two or three") to conservative integers.

The word lists and the conventions (ACLED's: stated figures as stated, lower bounds of
ranges, 12 for "dozens") live in data/numbers.yaml.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsevents.data_files import package_data, read_yaml_mapping
from newsevents.errors import DataFileError

_DATA_FILE = package_data("numbers.yaml")


@dataclass(frozen=True)
class Quantity:
    """A quantity phrase found in a text, with offsets relative to that text."""

    start: int
    end: int
    text: str
    value: int


@dataclass(frozen=True)
class _Lexicon:
    units: dict[str, int]  # "seven" -> 7 and "twenty" -> 20 alike
    scales: dict[str, int]
    vague: dict[str, int]
    months: frozenset[str]
    year_range: tuple[int, int]
    pattern: re.Pattern[str]


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first so the longest reading wins."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)


def _int_map(raw: dict[str, Any], key: str) -> dict[str, int]:
    value = raw.get(key)
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, int) for k, v in value.items()
    ):
        raise DataFileError(
            f"{_DATA_FILE}: '{key}' must be a mapping of phrase to integer; fix that section"
        )
    return {k.lower(): v for k, v in value.items()}


def _str_list(raw: dict[str, Any], key: str) -> list[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"{_DATA_FILE}: '{key}' must be a list of strings; fix that section")
    return [v.lower() for v in value]


def _build_pattern(
    words: dict[str, int],
    scales: dict[str, int],
    vague: dict[str, int],
    zero: list[str],
    modifiers: list[str],
    joiners: list[str],
) -> re.Pattern[str]:
    word = rf"(?:{_alternation([*words, *scales])})\b"
    scale = rf"(?:{_alternation(scales)})\b"
    # "and" may only follow a scale word ("two hundred and fifty"), so "two and three" stays
    # two numbers.
    after_scale = "|".join(f"(?<={re.escape(s)})" for s in scales)
    word_num = (
        rf"(?:an?\s+(?={scale}))?{word}"
        rf"(?:(?:\s+|\s*-\s*)(?={word}){word}|(?:{after_scale})\s+and\s+(?={word}){word})*"
    )
    digit_num = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:\s+{scale})?"
    num = rf"(?:{digit_num}|{word_num})"
    mods = _alternation(modifiers)
    join = _alternation(joiners)
    return re.compile(
        r"(?<![\w.,/])(?<!\w-)(?:"
        rf"(?P<between>between\s+(?P<b1>{num})\s+and\s+(?P<b2>{num}))"
        rf"|(?:(?P<mod>{mods})\s+)?(?P<n1>{num})"
        rf"(?:\s*[-\u2010\u2011\u2013\u2014]\s*(?P<n2>{num})|\s+(?:{join})\s+(?P<n3>{num}))?"
        rf"|(?:(?:{mods})\s+)?(?P<vague>{_alternation(vague)})"
        rf"|(?P<zero>{_alternation(zero)})"
        r")(?![\w%])(?!\s*(?:percent|per\s+cent)\b)(?!:\d)",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    """numbers.yaml, read and checked once."""
    return read_yaml_mapping(_DATA_FILE)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = _raw()
    words = {**_int_map(raw, "units"), **_int_map(raw, "tens")}
    scales = _int_map(raw, "scales")
    vague = _int_map(raw, "vague")
    years = raw.get("year_range")
    if not (isinstance(years, list) and len(years) == 2 and all(isinstance(y, int) for y in years)):
        raise DataFileError(f"{_DATA_FILE}: 'year_range' must be [first, last] years")
    pattern = _build_pattern(
        words,
        scales,
        vague,
        _str_list(raw, "zero"),
        _str_list(raw, "modifiers"),
        _str_list(raw, "range_joiners"),
    )
    return _Lexicon(
        words, scales, vague, frozenset(_str_list(raw, "months")), (years[0], years[1]), pattern
    )


@lru_cache(maxsize=1)
def lives_lost_verbs() -> frozenset[str]:
    """Verb lemmas that report deaths when their object is the subject's own life ("31
    people lost their lives"): numbers.yaml `lives_lost_verbs`."""
    return frozenset(_str_list(_raw(), "lives_lost_verbs"))


def _number_value(text: str, lex: _Lexicon) -> int:
    """The value of one number: digits with an optional scale word, or number words."""
    lowered = text.lower()
    digits = re.match(r"[\d,]+(?:\.\d+)?", lowered)
    if digits:
        value = float(digits.group().replace(",", ""))
        rest = lowered[digits.end() :].split()
        if rest:
            value *= lex.scales[rest[0]]
        return math.floor(value)
    total = 0
    current = 0
    for token in re.findall(r"[a-z]+", lowered):
        if token in ("a", "an"):
            current = 1
        elif token in lex.units:
            current += lex.units[token]
        elif token in lex.scales:
            scale = lex.scales[token]
            if scale < 1000:
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = 0
    return total + current


def _is_date_number(match: re.Match[str], text: str, lex: _Lexicon) -> bool:
    """True for a bare figure that is a year ("in 2024") or a day of a month ("March 6")."""
    figure = match.group("n1")
    if figure is None or match.group("mod") or not figure.isdigit():
        return False
    value = int(figure)
    first, last = lex.year_range
    if len(figure) == 4 and first <= value <= last:
        return True  # also the start of "2023 to 388": the figure after it is still read
    if value > 31 or match.group("n2") or match.group("n3"):
        return False
    before = re.search(r"([A-Za-z]+)\.?\s+$", text[: match.start()])
    after = re.match(r"\s+([A-Za-z]+)", text[match.end() :])
    return bool(
        (before and before.group(1).lower() in lex.months)
        or (after and after.group(1).lower() in lex.months)
    )


def _value(match: re.Match[str], lex: _Lexicon) -> int:
    if match.group("zero"):
        return 0
    if match.group("vague"):
        return lex.vague[" ".join(match.group("vague").lower().split())]
    if match.group("between"):
        return min(_number_value(match.group("b1"), lex), _number_value(match.group("b2"), lex))
    values = [_number_value(match.group("n1"), lex)]
    for other in (match.group("n2"), match.group("n3")):
        if other:
            values.append(_number_value(other, lex))
    return min(values)


def _scan(text: str, years_allowed: bool) -> list[Quantity]:
    lex = _lexicon()
    found: list[Quantity] = []
    pos = 0
    while True:
        match = lex.pattern.search(text, pos)
        if match is None:
            return found
        if not years_allowed and _is_date_number(match, text, lex):
            # Skip only the figure itself: "2023 to 388" must still yield 388.
            pos = match.start("n1") + len(match.group("n1"))
            continue
        found.append(Quantity(match.start(), match.end(), match.group(), _value(match, lex)))
        pos = match.end()


def find_quantities(text: str) -> list[Quantity]:
    """All quantity phrases in a text, left to right.

    Years ("in 2024"), days of months ("March 6"), percentages and a bare "a"/"an" are left out.
    """
    return _scan(text, years_allowed=False)


def parse_quantity(text: str) -> int | None:
    """A conservative integer for a quantity phrase ("more than 200" -> 200), else None.

    The first quantity in the text counts; a bare article ("a", "an") gives 1 and "no" 0.
    """
    stripped = text.strip()
    found = _scan(stripped, years_allowed=True)
    if found:
        return found[0].value
    head = re.match(r"(an?|no)\b", stripped, re.IGNORECASE)
    if head:
        return 0 if head.group(1).lower() == "no" else 1
    return None
