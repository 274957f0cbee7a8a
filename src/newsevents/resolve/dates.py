"""Time expressions: find dates in text and resolve them against an anchor date.

A rule-based tagger: regular expressions built once from `data/time_words.yaml`, with
relative expressions ("Friday", "yesterday", "last week") resolved against the
publication date. A resolved value never claims more precision than the text gives.
With `timeml=True` it also reads TimeML's other forms (durations, sets, PRESENT_REF,
quarters, seasons, parts of days), whose TIMEX3 values `timex3` gives. Datelines are
read in `newsevents.resolve.datelines`.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import email.utils
import re
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from newsevents.errors import DataFileError
from newsevents.records import Dateline, ResolvedDate, TimeExpression

__all__ = [
    "TimexExpression",
    "find_dateline",
    "find_time_expressions",
    "parse_published",
    "resolve_expression",
    "sentence_tense",
    "timex3",
]

Tense = Literal["past", "future"]
UNKNOWN = ResolvedDate(None, None, "unknown")
_ONE_DAY = dt.timedelta(days=1)
_DASH = "[-\u2013\u2014]"  # hyphen, en dash, em dash
_APOS = "'\u2019"  # straight and curly apostrophes


# ---------------------------------------------------------------------------
# Word lists


@dataclass(frozen=True)
class _Words:
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
        """A word -> number entry of the file."""
        return {str(k): int(v) for k, v in self.raw[key].items()}


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
)


def _data_path(name: str) -> Path:
    return Path(str(resources.files("newsevents") / "data" / name))


@lru_cache(maxsize=1)
def _words() -> _Words:
    return _load_words(_data_path("time_words.yaml"))


def _load_words(path: Path) -> _Words:
    """Read and check a time-words file; DataFileError names what is wrong."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: cannot read time words: {exc}") from exc
    if not isinstance(raw, dict):
        raise DataFileError(f"{path}: expected a mapping at the top level")
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
    return _Words(
        month_of,
        weekday_of,
        tuple(weekdays[k][0] for k in range(7)),
        tuple(months[k][0] for k in range(1, 13)),
        raw,
    )


def _alt(words: Iterable[str], cased: bool = False, lower: bool = False) -> str:
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


# ---------------------------------------------------------------------------
# Calendar arithmetic


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day(day: dt.date) -> ResolvedDate:
    return ResolvedDate(day.isoformat(), None, "day")


def _days(first: dt.date, last: dt.date) -> ResolvedDate | None:
    if last < first:
        return None
    if last == first:
        return _day(first)
    return ResolvedDate(first.isoformat(), last.isoformat(), "day")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _months(
    year: int, month: int, year2: int | None = None, month2: int | None = None
) -> ResolvedDate:
    last = _month_end(year2 or year, month2 or month)
    return ResolvedDate(dt.date(year, month, 1).isoformat(), last.isoformat(), "month")


def _years(year: int, year2: int | None = None) -> ResolvedDate:
    return ResolvedDate(f"{year:04d}-01-01", f"{year2 or year:04d}-12-31", "year")


def _week_of(day: dt.date) -> ResolvedDate:
    monday = day - dt.timedelta(days=day.weekday())
    return ResolvedDate(monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat(), "week")


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _expand_year(text: str) -> int:
    """A year as written; two digits pivot at 50 (89 -> 1989, 05 -> 2005)."""
    year = int(text)
    if len(text) == 2:
        return year + (1900 if year >= 50 else 2000)
    return year


def _infer_year(month: int, day: int, anchor: dt.date, tense: Tense) -> dt.date | None:
    """The nearest such day not after (past) or not before (future) the anchor."""
    step = -1 if tense == "past" else 1
    for offset in range(9):  # 29 February may need up to eight years
        candidate = _safe_date(anchor.year + step * offset, month, day)
        if candidate is None:
            continue
        if (tense == "past" and candidate <= anchor) or (tense == "future" and candidate >= anchor):
            return candidate
    return None


def _infer_month_year(month: int, anchor: dt.date, tense: Tense, strict: bool = False) -> int:
    """Year of the nearest such month not after (past) / not before (future) the anchor's."""
    if tense == "past":
        return (
            anchor.year
            if month < anchor.month or (month == anchor.month and not strict)
            else anchor.year - 1
        )
    return (
        anchor.year
        if month > anchor.month or (month == anchor.month and not strict)
        else anchor.year + 1
    )


def _weekday_date(weekday: int, anchor: dt.date, tense: Tense, rel: str) -> dt.date:
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if rel in ("last", "past", "previous"):
        return anchor - dt.timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return anchor + dt.timedelta(days=ahead or 7)
    if tense == "past":
        return anchor - dt.timedelta(days=back)  # the same day when the anchor is that day
    if rel == "this":
        return anchor + dt.timedelta(days=ahead)
    return anchor + dt.timedelta(days=ahead or 7)


# ---------------------------------------------------------------------------
# The tagger


_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"'])|\n\s*\n")
_SENTENCE_WINDOW = 300
_PAST_AFTER = re.compile(r"\s+[a-z]{3,}ed\b")  # "Thursday refused": a past verb follows
_PAST_BEFORE = re.compile(r"\b[a-z]{3,}ed\s+(?:on\s+)?$")


def _sentence_span(text: str, position: int) -> tuple[int, int]:
    """Start and end of the sentence around a position (within a window, for speed)."""
    low = max(0, position - _SENTENCE_WINDOW)
    start = low
    for m in _SENTENCE_END.finditer(text, low, position):
        start = m.end()
    after = _SENTENCE_END.search(text, position, position + _SENTENCE_WINDOW)
    return start, after.start() + 1 if after else min(len(text), position + _SENTENCE_WINDOW)


@dataclass(frozen=True)
class _Ctx:
    """What a pattern handler needs besides its match."""

    text: str
    anchor: dt.date | None
    tense: Tense


Match = re.Match[str]


@dataclass(frozen=True)
class _Timex:
    """A handler's result with a TIMEX3 reading the calendar value cannot carry."""

    value: ResolvedDate
    type: str  # DATE, TIME, DURATION or SET
    timex: str  # "P3Y", "1998-Q3", "PRESENT_REF", "2019-03-22TMO"


Result = ResolvedDate | _Timex | None
Handler = Callable[[Match, Match | None, _Ctx], Result]

# ASCII-only lower-casing keeps every offset valid (str.lower can change lengths).
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_AFTER_WORD = re.compile(r"\w")
_AFTER_NUMBER = re.compile(r"[\w.,/:-]")
_PREFIX_WINDOW = 50
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class _Pattern:
    """A core regex that starts with a literal token, so that `re` can skip ahead fast.

    Optional words before the token ("in", "last", "mid-", "Sat,") are matched by
    `prefix` against the text just before the core match; its group `x`, when
    non-empty, extends the expression to the left.
    """

    regex: re.Pattern[str]
    handler: Handler
    needs: str  # "digit", "month", "weekday", "word": which pre-check must pass
    prefix: re.Pattern[str] | None = None
    lower: bool = False  # match the lower-cased text: all words case-insensitive
    not_after: re.Pattern[str] | None = None  # a character that must not precede the core
    timeml_only: bool = False  # yields no calendar day: skipped unless TimeML readings are asked


def _g(m: Match | None, name: str) -> str:
    """A group's text, "" when the match or the group is absent."""
    if m is None or name not in m.re.groupindex:
        return ""
    return m.group(name) or ""


class _Tagger:
    """Compiled patterns and their handlers, built once from the word lists."""

    def __init__(self, words: _Words) -> None:
        self.w = words
        self.may_followers = words.lower_set("may_followers_not_dates")
        self.weekday_followers = words.lower_set("weekday_followers_not_dates")
        self.weekday_precedents = words.lower_set("weekday_precedents_not_dates")
        self.count_nouns = words.lower_set("count_nouns")
        self.of_blockers = words.lower_set("of_year_blockers")
        self.ordinal_followers = words.lower_set("ordinal_day_followers")
        self.name_followers = words.lower_set("date_name_followers")
        self.relative_days = {k.lower(): v for k, v in words.mapping("relative_days").items()}
        self.period_of = {str(k).lower(): str(v) for k, v in words.raw["periods"].items()}
        self.period_mods = {k.lower(): v for k, v in words.mapping("period_modifiers").items()}
        self.numbers = {k.lower(): v for k, v in words.mapping("number_words").items()}
        self.month_words = frozenset(words.month_of)
        self.weekday_words = frozenset(n.lower() for n in words.weekday_full)
        self.texts = {
            key: {str(k).lower(): str(v) for k, v in words.raw[key].items()}
            for key in ("duration_units", "set_words", "reference_words", "day_part_codes")
        }
        self.seasons = {str(k).lower(): str(v) for k, v in words.raw["seasons"].items()}
        self.ordinals = {k.lower(): v for k, v in words.mapping("period_ordinals").items()}
        self.quarter_rel = {k.lower(): v for k, v in words.mapping("quarter_relatives").items()}
        self.vague = words.lower_set("vague_counts")
        self.duration_blockers = words.lower_set("duration_blockers")
        self.ref_followers = words.lower_set("reference_followers_not_times")
        self.trigger_words = self._trigger_words()
        self.timeml_words = self._timeml_words()
        self.patterns = self._compile()
        # "(will) be held on Monday" is not a past verb
        past = rf"(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)\b{_alt(words.words('past_verbs'))}"
        self.past_before = re.compile(rf"{past}\s+(?:(?:on|late|early)\s+)?$", re.I)
        self.past_word = re.compile(rf"{past}\b", re.I)
        prospective = _alt(words.words("prospective_cues"))
        # the cue and the date in one clause: no comma or stop between them
        self.prospective = re.compile(rf"\b{prospective}\b(?P<gap>[^.,;:!?]*)$", re.I)

    def _trigger_words(self) -> frozenset[str]:
        """Single words one of which every non-numeric expression contains."""
        phrases = [*self.relative_days, *self.w.words("unanchored_phrases")]
        lasts = {p.split()[-1].lower() for p in phrases}
        return frozenset(lasts | set(self.period_of) | {"weekend", "ago"})

    def _timeml_words(self) -> frozenset[str]:
        """Trigger words of the TimeML-only patterns (kept apart to keep the default fast)."""
        extra = [*self.texts["set_words"], *self.texts["reference_words"]]
        words = {p.split()[-1] for p in extra}
        words |= set(self.texts["duration_units"]) | set(self.seasons)
        return frozenset(words | self.trigger_words | {"quarter", "half"})

    def _compile(self) -> list[_Pattern]:
        w = self.w
        abbrevs = _alt((n for n in w.month_of if n not in {f.lower() for f in w.months_full}), True)
        # A full stop ends a sentence after "March" but belongs to "Mar."
        # Next to a day or a year a month name is a date in any case ("since 2 february"
        # in lower-cased or badly recased text); alone it must be capitalised.
        months = rf"(?:{_alt(w.months_full, cased=True, lower=True)}\b|{abbrevs}\b\.?)"
        # A month alone must be spelt out: "in Jan" is more often a name than a month.
        months_full = _alt(w.months_full, cased=True)
        wd_all = _alt(w.weekday_of, cased=True)
        wd_full = _alt(w.weekday_full, cased=True, lower=True)  # "friday" is never a word
        part_mod = _alt(w.words("part_modifiers"))
        preps = _alt(w.words("date_prepositions"))
        day_parts = _alt(w.words("day_parts"))
        numbers = _alt(self.numbers)
        units = _alt(self.period_of)
        period_units = _alt(k for k, v in self.period_of.items() if v != "day" and k == v)
        period_mods = _alt(self.period_mods)

        def mon(g: str) -> str:
            return rf"(?P<{g}>{months})"

        def day(g: str) -> str:
            return rf"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th|ST|ND|RD|TH)?(?![\w:])"

        def year(g: str) -> str:
            return rf"(?P<{g}>(?:1[89]|20)\d\d)(?!\w|[.,]\d)"

        def prefix(body: str) -> re.Pattern[str]:
            return re.compile(rf"(?:{body})$", re.I)

        conn = rf"(?:\s*(?P<conn>{_DASH})\s*|\s+(?P<connw>(?i:to|and|until|till|through))\s+)"
        lead = prefix(r"\b(?P<lead>from|between)\s+")
        day_prefix = prefix(
            rf"(?P<x>(?:\b(?P<rel>last|next|this|coming)\s+)?(?:\b(?-i:{wd_all})\.?,?\s+)?)"
            r"(?:\bthe\s+)?"
        )
        specs: list[_Pattern] = [
            _Pattern(
                re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d-])"),
                self._h_iso,
                "digit",
                not_after=re.compile(r"[\w.-]"),
            ),
            _Pattern(
                re.compile(
                    r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
                    r"(?![\d/-]|\.\d)"
                ),
                self._h_numeric,
                "digit",
                not_after=re.compile(r"[\w./-]"),
            ),
            _Pattern(
                re.compile(rf"{day('d')}(?:\s+(?i:of))?\s+{mon('m')}(?:,?\s+{year('y')})?"),
                self._h_day_month,
                "digit",
                day_prefix,
                not_after=_AFTER_NUMBER,
            ),
            _Pattern(
                re.compile(rf"{mon('m')}\s+{day('d')}(?:,?\s+{year('y')})?"),
                self._h_day_month,
                "month",
                day_prefix,
            ),
            _Pattern(
                re.compile(rf"{mon('m')},?\s+(?:(?i:of)\s+)?{year('y')}"),
                self._h_month_year,
                "month",
                prefix(rf"(?P<x>\b{part_mod}[-\s]+)"),
            ),
            _Pattern(
                re.compile(
                    rf"(?P<m>{months_full})\b(?:\s+(?i:of))?\s+(?P<mod>(?i:{period_mods}))"
                    rf"\s+(?i:year)\b"
                ),
                self._h_month_rel_year,
                "month",
                prefix(rf"(?P<x>\b{part_mod}[-\s]+)"),
            ),
            _Pattern(
                re.compile(
                    rf"{day('d1')}(?:\s+(?:(?i:of)\s+)?{mon('m1')})?(?:,?\s+{year('y1')})?{conn}"
                    rf"{day('d2')}(?:\s+(?i:of))?\s+{mon('m2')}(?:,?\s+{year('y2')})?"
                ),
                self._h_day_span,
                "digit",
                lead,
                not_after=_AFTER_NUMBER,
            ),
            _Pattern(
                re.compile(
                    rf"{mon('m1')}\s+{day('d1')}(?:,?\s+{year('y1')})?{conn}"
                    rf"(?:{mon('m2')}\s+)?{day('d2')}(?:,?\s+{year('y2')})?"
                ),
                self._h_day_span,
                "month",
                lead,
            ),
            _Pattern(
                re.compile(
                    rf"{mon('m1')}(?:\s+{year('y1')})?{conn}{mon('m2')}(?:,?\s+{year('y2')})?"
                ),
                self._h_month_span,
                "month",
                lead,
            ),
            _Pattern(
                re.compile(rf"{year('y1')}{conn}{year('y2')}"),
                self._h_year_span,
                "digit",
                prefix(r"(?:\b(?P<lead>from|between)|(?P<paren>\())\s*"),
                not_after=_AFTER_NUMBER,
            ),
            _Pattern(
                re.compile(year("y")),
                self._h_year,
                "digit",
                prefix(
                    rf"(?:\b(?P<pre>{preps}|and|or)\s+)?"
                    rf"(?:(?P<x>\b(?P<mod>{part_mod})[-\s]+)|(?P<the>\bthe\s+(?:year\s+)?))?"
                ),
                not_after=_AFTER_NUMBER,
            ),
            _Pattern(
                re.compile(rf"(?m)^[ \t]*(?P<x>{year('y')})[ \t]*(?::|{_DASH}(?=\s))"),
                self._h_year_label,
                "digit",
            ),
            _Pattern(re.compile(rf"\((?P<x>{year('y')})\)"), self._h_year_label, "digit"),
            _Pattern(
                re.compile(rf"(?P<m>{months_full})\b"),
                self._h_month,
                "month",
                prefix(
                    rf"(?:\b(?P<pre>{preps})\s+)?(?P<x>\b(?P<mod>{part_mod})[-\s]+"
                    r"|\b(?P<rel>last|next|this|coming|previous)\s+)?"
                ),
            ),
            _Pattern(
                re.compile(r"on\s+(?P<x>the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th))\b"),
                self._h_nth,
                "digit",
                lower=True,
                not_after=_AFTER_WORD,
            ),
            _Pattern(
                re.compile(rf"(?P<wd>{wd_full})\b(?:\s+(?P<part>(?i:{day_parts}))\b)?"),
                self._h_weekday,
                "weekday",
                prefix(
                    r"(?P<x>(?:\b(?P<rel>last|this|next|past|previous|coming|following)\s+)?"
                    r"(?:\b(?:early|late)\s+)?)"
                ),
            ),
            _Pattern(
                re.compile(rf"(?P<k>{_alt(self.relative_days)})(?:\s+(?P<part>{day_parts}))?\b"),
                self._h_relative_day,
                "word",
                lower=True,
                not_after=_AFTER_WORD,
            ),
            _Pattern(
                re.compile(rf"{_alt(w.words('unanchored_phrases'))}\b"),
                self._h_unanchored,
                "word",
                lower=True,
                not_after=_AFTER_WORD,
            ),
            _Pattern(
                re.compile(rf"(?P<mod>{period_mods})\s+(?P<unit>{period_units})\b"),
                self._h_period,
                "word",
                lower=True,
                not_after=_AFTER_WORD,
            ),
            _Pattern(
                re.compile(
                    r"(?P<mod>the\s+past|the\s+last|last|this|next|the\s+coming|the)\s+weekend\b"
                ),
                self._h_weekend,
                "word",
                lower=True,
                not_after=_AFTER_WORD,
            ),
            _Pattern(
                re.compile(
                    rf"(?P<n>\d{{1,2}}|{numbers})\s+(?P<unit>{units})\s+(?P<dir>ago|earlier)\b"
                ),
                self._h_ago,
                "word",
                lower=True,
                not_after=_AFTER_WORD,
            ),
        ]
        specs += self._timeml_patterns(numbers, prefix)
        return specs

    def _timeml_patterns(
        self, numbers: str, prefix: Callable[[str], re.Pattern[str]]
    ) -> list[_Pattern]:
        """Durations, sets, references, quarters, seasons, decades and clock times."""
        w = self.w
        count = rf"(?P<n>\d{{1,3}}(?:\.\d)?|{numbers}|{_alt(self.vague)})"
        units = _alt(self.texts["duration_units"])
        ordinals = _alt(self.ordinals)
        seasons = _alt(self.seasons)
        wd_full = _alt(w.weekday_full, cased=True)
        rel_days = _alt(k for k in self.relative_days if " " not in k)
        return [
            _Pattern(
                re.compile(rf"{count}(?:[-\s]+|(?<=\d))(?P<unit>{units})(?P<long>-long)?\b"),
                self._h_duration,
                "word",
                prefix(rf"(?P<x>\b(?P<lead>{_alt(w.words('duration_leads'))})\s+)?"),
                lower=True,
                not_after=_AFTER_NUMBER,
                timeml_only=True,
            ),
            _Pattern(
                re.compile(rf"{_alt(self.texts['set_words'])}\b"),
                self._h_set,
                "word",
                lower=True,
                not_after=_AFTER_WORD,
                timeml_only=True,
            ),
            _Pattern(
                re.compile(rf"{_alt(self.texts['reference_words'])}\b"),
                self._h_reference,
                "word",
                lower=True,
                not_after=_AFTER_WORD,
                timeml_only=True,
            ),
            _Pattern(
                re.compile(
                    rf"(?:the\s+)?(?:fiscal\s+)?(?:(?P<ord>{ordinals})|(?P<rel>"
                    rf"{_alt(self.quarter_rel)}))?(?:[-\s]+fiscal)?[-\s]*(?P<unit>quarter|half)\b"
                    rf"(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)\b)?"
                ),
                self._h_quarter,
                "word",
                lower=True,
                not_after=_AFTER_WORD,
                timeml_only=True,
            ),
            _Pattern(
                re.compile(rf"(?P<s>{seasons})\b(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)\b)?"),
                self._h_season,
                "word",
                prefix(
                    rf"(?:\b(?P<prep>{_alt(w.words('season_prepositions'))})\s+)?"
                    rf"(?P<x>(?:\bthe\s+)?(?:\b(?P<lead>{_alt(w.words('season_leads'))})\s+)?)"
                ),
                lower=True,
                not_after=_AFTER_WORD,
                timeml_only=True,
            ),
            _Pattern(
                re.compile(r"(?P<y>1[89]\d0|20\d0)'?s\b"),
                self._h_decade,
                "digit",
                prefix(r"(?P<x>\b(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?)"),
                not_after=_AFTER_NUMBER,
            ),
            _Pattern(
                re.compile(
                    r"(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap])\.?m\b\.?"
                    rf"(?:\s+(?-i:[A-Z]{{2,4}}))?(?:,?\s+(?:on\s+)?(?P<wd>{wd_full})\b"
                    rf"|\s+(?P<rd>(?i:{rel_days}))\b)?"
                ),
                self._h_clock,
                "digit",
                not_after=_AFTER_NUMBER,
                timeml_only=True,
            ),
        ]

    # -- helpers ----------------------------------------------------------

    def month(self, name: str) -> int:
        return self.w.month_of[name.rstrip(".").lower()]

    def tense_at(self, ctx: _Ctx, start: int) -> Tense:
        """The tense at one expression of a future sentence.

        Past when a past verb comes right before it ("said Friday") or stands between it
        and every future cue ("said Saturday the US will remain").
        """
        if self.past_before.search(ctx.text, max(0, start - 40), start):
            return "past"
        near = self.prospective.search(ctx.text, max(0, start - 60), start)
        if near and not self.past_word.search(near["gap"]):
            return "future"
        if _PAST_BEFORE.search(ctx.text, max(0, start - 30), start):
            return "past"  # "shares issued July 1": a past form right before the date
        # A past-tense text is read clause by clause: "talks will resume on Monday" in a
        # report is still the coming Monday.
        low_end, high_end = _sentence_span(ctx.text, start)
        sentence = ctx.text[low_end:high_end]
        cues = [low_end + c for c in _future_cue_positions(sentence)]
        if ctx.tense == "past":
            # a report's "Friday ... will" is a past Friday followed by a plan
            cues = [c for c in cues if c < start]
        if not cues:
            return "future" if ctx.tense == "future" else "past"
        pasts = [low_end + m.start() for m in self.past_word.finditer(sentence)]
        for cue in cues:
            low, high = min(cue, start), max(cue, start)
            if not any(low < p < high for p in pasts):
                return "future"
        return "past"

    @staticmethod
    def next_word(ctx: _Ctx, end: int) -> str:
        found = re.match(r"[\s,]*([\w']+)", ctx.text[end : end + 40])
        return found.group(1) if found else ""

    @staticmethod
    def prev_word(ctx: _Ctx, start: int) -> str:
        found = re.search(r"([\w']+)\W*$", ctx.text[max(0, start - 40) : start])
        return found.group(1) if found else ""

    def may_is_modal(self, m: re.Match[str], group: str, ctx: _Ctx) -> bool:
        """True when a bare "May" is the verb ("may be", "May God ...")."""
        name = m.group(group)
        if name.rstrip(".").lower() != "may":
            return False
        return self.next_word(ctx, m.end(group)).lower() in self.may_followers

    def is_count(self, ctx: _Ctx, end: int) -> bool:
        """True when the number is followed by a counted noun ("2000 strikes")."""
        return self.next_word(ctx, end).lower() in self.count_nouns

    # -- handlers: absolute -----------------------------------------------

    def _h_iso(self, m: Match, pre: Match | None, ctx: _Ctx) -> ResolvedDate | None:
        found = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        return _day(found) if found else None

    def _h_numeric(self, m: Match, pre: Match | None, ctx: _Ctx) -> ResolvedDate | None:
        a, b, raw_year = int(m["a"]), int(m["b"]), m["y"]
        if m["sep"] != "/" and len(raw_year) == 2:
            return None  # "1.5.10" or "3-2-10" is more likely a version or a score
        # Slashes read month first (US style) unless that is impossible; dots and hyphens
        # are day first (European style).
        month, day_ = (a, b) if m["sep"] == "/" and a <= 12 else (b, a)
        found = _safe_date(_expand_year(raw_year), month, day_)
        return _day(found) if found else None

    def _h_day_month(self, m: Match, pre: Match | None, ctx: _Ctx) -> ResolvedDate | None:
        month, day_ = self.month(m["m"]), int(m["d"])
        if m["y"]:
            found = _safe_date(int(m["y"]), month, day_)
            return _day(found) if found else None
        if not 1 <= day_ <= 31 or self.may_is_modal(m, "m", ctx):
            return None
        if self.next_word(ctx, m.end()).lower() in self.name_followers:
            return None  # "the 19 April Movement"
        if ctx.anchor is None:
            return UNKNOWN if _safe_date(2000, month, day_) else None
        rel = _g(pre, "rel").lower()
        tense = self.tense_at(ctx, m.start())
        if rel in ("last", "next", "coming"):
            tense = "past" if rel == "last" else "future"
        found = _infer_year(month, day_, ctx.anchor, tense)
        return _day(found) if found else None

    def _h_month_year(self, m: Match, pre: Match | None, ctx: _Ctx) -> ResolvedDate | None:
        return _months(int(m["y"]), self.month(m["m"]))

    def _h_month_rel_year(self, m: Match, pre: Match | None, ctx: _Ctx) -> ResolvedDate | None:
        if ctx.anchor is None:
            return UNKNOWN
        by = self.period_mods[" ".join(m["mod"].lower().split())]
        return _months(ctx.anchor.year + by, self.month(m["m"]))

    def _h_day_span(self, m: Match, pre: Match | None, ctx: _Ctx) -> ResolvedDate | None:
        if (m["connw"] or "").lower() == "and" and _g(pre, "lead").lower() != "between":
            return None  # "March 11 and 14" names two days, not a span
        named = m["m1"] or m["m2"]
        month1 = self.month(m["m1"] or named)
        month2 = self.month(m["m2"] or named)
        d1, d2 = int(m["d1"]), int(m["d2"])
        year2 = int(m["y2"]) if m["y2"] else None
        year1 = int(m["y1"]) if m["y1"] else year2
        if year1 is None or year2 is None:
            if ctx.anchor is None:
                return UNKNOWN
            last = _infer_year(month2, d2, ctx.anchor, self.tense_at(ctx, m.start()))
            if last is None:
                return None
            year2 = last.year
            year1 = year2 - 1 if (month1, d1) > (month2, d2) else year2
        first, last_ = _safe_date(year1, month1, d1), _safe_date(year2, month2, d2)
        if first is None or last_ is None or (last_ - first).days > 366:
            return None
        return _days(first, last_)

    def _h_month_span(self, m: Match, pre: Match | None, ctx: _Ctx) -> ResolvedDate | None:
        lead = _g(pre, "lead").lower()
        if not lead or ((m["connw"] or "").lower() == "and" and lead != "between"):
            return None  # "March to May" needs "from" or "between"
        m1, m2 = self.month(m["m1"]), self.month(m["m2"])
        if m["y2"]:
            y2 = int(m["y2"])
        elif ctx.anchor is None:
            return UNKNOWN
        else:
            y2 = _infer_month_year(m2, ctx.anchor, self.tense_at(ctx, m.start()))
        y1 = int(m["y1"]) if m["y1"] else (y2 - 1 if m1 > m2 else y2)
        if (y1, m1) >= (y2, m2):
            return None
        return _months(y1, m1, y2, m2)

    def _h_year_span(self, m: Match, pre: Match | None, ctx: _Ctx) -> ResolvedDate | None:
        y1, y2 = int(m["y1"]), int(m["y2"])
        lead = _g(pre, "lead").lower()
        if (m["connw"] or "").lower() == "and" and lead != "between":
            return None
        if not y1 < y2 <= y1 + 100 or self.is_count(ctx, m.end()):
            return None
        if not (lead or _g(pre, "paren") or m["conn"]):
            return None  # "1990 to 2000" alone is more often a range of numbers
        return _years(y1, y2)

    def _h_year(self, m: Match, pre: Match | None, ctx: _Ctx) -> ResolvedDate | None:
        word = _g(pre, "pre").lower()
        if not (word or _g(pre, "mod") or _g(pre, "the")) or self.is_count(ctx, m.end()):
            return None
        before = self.prev_word(ctx, pre.start("pre")) if pre is not None and word else ""
        if word == "of" and before.lower() in self.of_blockers:
            return None
        if word in ("and", "or") and not re.fullmatch(r"(?:1[89]|20)\d\d", before):
            return None  # only a list of years: "in 2013 and 2014"
        return _years(int(m["y"]))

    def _h_year_label(self, m: Match, pre: Match | None, ctx: _Ctx) -> ResolvedDate | None:
        return _years(int(m["y"]))

    def _h_month(self, m: Match, pre: Match | None, ctx: _Ctx) -> ResolvedDate | None:
        rel = _g(pre, "rel").lower()
        if not (_g(pre, "pre") or _g(pre, "mod") or rel) or self.may_is_modal(m, "m", ctx):
            return None
        if ctx.anchor is None:
            return UNKNOWN
        month = self.month(m["m"])
        if rel in ("last", "previous"):
            year_ = _infer_month_year(month, ctx.anchor, "past", strict=True)
        elif rel in ("next", "coming"):
            year_ = _infer_month_year(month, ctx.anchor, "future", strict=True)
        elif rel == "this":
            year_ = ctx.anchor.year
        else:
            year_ = _infer_month_year(month, ctx.anchor, self.tense_at(ctx, m.start()))
        return _months(year_, month)

    def _h_nth(self, m: Match, pre: Match | None, ctx: _Ctx) -> ResolvedDate | None:
        day_ = int(m["d"])
        if not 1 <= day_ <= 31:
            return None
        after = re.match(r"\s*(\w*)", ctx.text[m.end() : m.end() + 30])
        following = after.group(1).lower() if after else ""
        if following and following not in self.ordinal_followers:
            return None  # "on the 5th floor", "on the 4th Infantry Brigade"
        anchor = ctx.anchor
        if anchor is None:
            return UNKNOWN
        step = -1 if self.tense_at(ctx, m.start()) == "past" else 1
        for offset in range(3):  # the 31st may skip a short month
            year_, month = _shift_month(anchor.year, anchor.month, step * offset)
            found = _safe_date(year_, month, day_)
            if found and ((step < 0 and found <= anchor) or (step > 0 and found >= anchor)):
                return _day(found)
        return None

    # -- handlers: relative to the anchor -----------------------------------

    def _h_weekday(self, m: Match, pre: Match | None, ctx: _Ctx) -> Result:
        start = pre.start("x") if pre is not None and _g(pre, "x") else m.start()
        end = m.end()
        if self.prev_word(ctx, start).lower() in self.weekday_precedents:
            return None
        if not m["part"] and self.next_word(ctx, end).lower() in self.weekday_followers:
            return None
        if ctx.anchor is None:
            return UNKNOWN
        weekday = self.w.weekday_of[m["wd"].lower()]
        rel = _g(pre, "rel").lower()
        if rel == "following":
            return UNKNOWN  # "the following Sunday" counts from a narrated day
        if self.prev_word(ctx, start).lower() in self.relative_days:
            rel = "this"  # "today (Monday)"
            return self.with_part(_weekday_date(weekday, ctx.anchor, "past", rel), m["part"])
        tense = self.tense_at(ctx, start)
        if _PAST_AFTER.match(ctx.text, end):
            tense = "past"  # "a federal court Thursday refused"
        when = _weekday_date(weekday, ctx.anchor, tense, rel)
        return self.with_part(when, m["part"])

    def with_part(self, when: dt.date, part: str | None) -> Result:
        """A day, with a TIMEX3 part of day when one is named ("Friday morning")."""
        code = self.texts["day_part_codes"].get(" ".join((part or "").lower().split()))
        if code is None:
            return _day(when)
        return _Timex(_day(when), "TIME", f"{when.isoformat()}T{code}")

    def _h_relative_day(self, m: Match, pre: Match | None, ctx: _Ctx) -> Result:
        if ctx.anchor is None:
            return UNKNOWN
        key = " ".join(m["k"].lower().split())
        when = ctx.anchor + dt.timedelta(days=self.relative_days[key])
        return self.with_part(when, m["part"] or key)

    def _h_unanchored(self, m: Match, pre: Match | None, ctx: _Ctx) -> ResolvedDate | None:
        return UNKNOWN

    def _h_period(self, m: Match, pre: Match | None, ctx: _Ctx) -> ResolvedDate | None:
        anchor = ctx.anchor
        if anchor is None:
            return UNKNOWN
        by = self.period_mods[" ".join(m["mod"].lower().split())]
        unit = self.period_of[m["unit"].lower()]
        if unit == "week":
            return _week_of(anchor + dt.timedelta(weeks=by))
        if unit == "month":
            return _months(*_shift_month(anchor.year, anchor.month, by))
        return _years(anchor.year + by)

    def _h_weekend(self, m: Match, pre: Match | None, ctx: _Ctx) -> Result:
        anchor = ctx.anchor
        if anchor is None:
            return UNKNOWN
        mod = " ".join(m["mod"].lower().split())
        tense = self.tense_at(ctx, m.start())
        back_to_saturday = (anchor.weekday() - 5) % 7
        saturday = anchor - dt.timedelta(days=back_to_saturday)
        if mod in ("next", "the coming") or (tense == "future" and mod in ("this", "the")):
            if mod in ("next", "the coming") or anchor.weekday() < 5:
                saturday += dt.timedelta(days=7)
        elif mod in ("last", "the last", "the past") and anchor.weekday() >= 5:
            saturday -= dt.timedelta(days=7)  # said on a weekend, "last weekend" is the one before
        year_, week, _ = saturday.isocalendar()
        span = ResolvedDate(saturday.isoformat(), (saturday + _ONE_DAY).isoformat(), "day")
        return _Timex(span, "DATE", f"{year_}-W{week:02d}-WE")

    def _h_ago(self, m: Match, pre: Match | None, ctx: _Ctx) -> Result:
        anchor = ctx.anchor
        if anchor is None:
            return UNKNOWN
        raw = " ".join(m["n"].lower().split())
        count = int(raw) if raw.isdigit() else self.numbers[raw]
        unit = self.period_of[m["unit"].lower()]
        if m["dir"] == "earlier":
            # "a year earlier" often counts from a narrated date, not the publication:
            # only a TimeML reading, and only for months and years.
            if unit in ("day", "week"):
                return _Timex(UNKNOWN, "DATE", "")
            if unit == "month":
                year_, month = _shift_month(anchor.year, anchor.month, -count)
                return _Timex(_months(year_, month), "DATE", f"{year_:04d}-{month:02d}")
            return _Timex(_years(anchor.year - count), "DATE", f"{anchor.year - count:04d}")
        if unit == "day":
            return _day(anchor - dt.timedelta(days=count))
        if unit == "week":
            return _week_of(anchor - dt.timedelta(weeks=count))
        if unit == "month":
            return _months(*_shift_month(anchor.year, anchor.month, -count))
        return _years(anchor.year - count)

    # -- handlers: TimeML forms without a calendar day --------------------

    def _h_duration(self, m: Match, pre: Match | None, ctx: _Ctx) -> Result:
        following = re.match(r"[\s,-]*([\w']*)", ctx.text[m.end() : m.end() + 30])
        if following and following.group(1).lower() in self.duration_blockers:
            return None  # "two days ago" is a date, "a 6-year-old" an age
        raw = " ".join(m["n"].lower().split())
        unit = self.texts["duration_units"][m["unit"].lower()]
        times = re.match(r"\d*", unit)
        factor = int(times.group(0)) if times and times.group(0) else 1
        letter = unit.lstrip("0123456789")
        if raw in self.vague:
            # "recent days", "the last few months", "the coming weeks": vague references
            lead = " ".join(_g(pre, "lead").lower().split())
            if raw == "recent" or lead in ("the last", "the past", "last", "past"):
                return _Timex(UNKNOWN, "DATE", "PAST_REF")
            if raw in ("coming", "the coming") or lead in ("the next", "the coming", "next"):
                return _Timex(UNKNOWN, "DATE", "FUTURE_REF")
            amount = "X"
        elif raw in self.numbers:
            amount = str(self.numbers[raw] * factor)
        elif "." in raw:
            return None
        else:
            amount = str(int(raw) * factor)
        if letter.startswith("T"):
            return _Timex(UNKNOWN, "DURATION", f"PT{amount}{letter[1:]}")
        return _Timex(UNKNOWN, "DURATION", f"P{amount}{letter}")

    def _h_set(self, m: Match, pre: Match | None, ctx: _Ctx) -> Result:
        key = " ".join(m.group(0).lower().split())
        return _Timex(UNKNOWN, "SET", self.texts["set_words"][key])

    def _h_reference(self, m: Match, pre: Match | None, ctx: _Ctx) -> Result:
        key = " ".join(m.group(0).lower().split())
        following = self.next_word(ctx, m.end()).lower()
        if following in self.ref_followers:
            return None
        if following in self.period_of or following in self.numbers or following in self.vague:
            return None  # "the past year", "the past two months" are periods
        # No calendar value: "now" must not date an event to the publication day.
        return _Timex(UNKNOWN, "DATE", self.texts["reference_words"][key])

    def _h_quarter(self, m: Match, pre: Match | None, ctx: _Ctx) -> Result:
        size = 3 if m["unit"].lower() == "quarter" else 6
        code = "Q" if size == 3 else "H"
        count = 12 // size
        if m["ord"]:
            nth = self.ordinals[m["ord"].lower()]
            if nth > count:
                return None
            if m["y"]:
                year_ = int(m["y"])
            elif ctx.anchor is None:
                return _Timex(UNKNOWN, "DATE", "")
            else:
                current = (ctx.anchor.month - 1) // size + 1
                year_ = ctx.anchor.year if nth <= current else ctx.anchor.year - 1
        elif m["rel"] or m.group(0).lower().startswith("the"):
            if ctx.anchor is None:
                return _Timex(UNKNOWN, "DATE", "")
            by = self.quarter_rel[m["rel"].lower()] if m["rel"] else -1
            if by == -5:
                by = -1 - count  # the same quarter a year before the latest one
            index = ctx.anchor.year * count + (ctx.anchor.month - 1) // size + by
            year_, nth = index // count, index % count + 1
        else:
            return None
        first_month = (nth - 1) * size + 1
        value = _months(year_, first_month, year_, first_month + size - 1)
        return _Timex(value, "DATE", f"{year_:04d}-{code}{nth}")

    def _h_season(self, m: Match, pre: Match | None, ctx: _Ctx) -> Result:
        lead = " ".join(_g(pre, "lead").lower().split())
        if not (lead or _g(pre, "prep") or m["y"]):
            return None  # "fall" and "spring" are verbs and nouns too
        if not m["y"] and self.next_word(ctx, m.end()).lower() == "of":
            return None  # "the fall of Baghouz"
        code = self.seasons[m["s"].lower()]
        starts = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
        start_month = starts[code]
        if m["y"]:
            year_ = int(m["y"])
        elif ctx.anchor is None:
            return _Timex(UNKNOWN, "DATE", "")
        else:
            anchor = ctx.anchor
            # the year in which the most recent such season began
            began = anchor.year if (anchor.month, 0) >= (start_month, 0) else anchor.year - 1
            if code == "WI" and anchor.month <= 2:
                began = anchor.year - 1
            if lead == "last" and began == anchor.year and anchor.month < start_month + 3:
                began -= 1
            elif lead == "next" or (lead == "this" and began < anchor.year and code != "WI"):
                began += 1
            elif lead not in ("last", "this") and self.tense_at(ctx, m.start()) == "future":
                began += began < anchor.year or anchor.month >= start_month + 3
            year_ = began
        last_year, last_month = _shift_month(year_, start_month, 2)
        value = _months(year_, start_month, last_year, last_month)
        return _Timex(value, "DATE", f"{year_:04d}-{code}")

    def _h_decade(self, m: Match, pre: Match | None, ctx: _Ctx) -> Result:
        year_ = int(m["y"])
        return _years(year_, year_ + 9)

    def _h_clock(self, m: Match, pre: Match | None, ctx: _Ctx) -> Result:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m["ap"].lower() == "p" else 0)
        clock = f"T{hour:02d}:{minute:02d}"
        if ctx.anchor is None:
            return _Timex(UNKNOWN, "TIME", "")
        if m["wd"]:
            weekday = self.w.weekday_of[m["wd"].lower()]
            when = _weekday_date(weekday, ctx.anchor, self.tense_at(ctx, m.start()), "")
            return _Timex(_day(when), "TIME", when.isoformat() + clock)
        if m["rd"]:
            when = ctx.anchor + dt.timedelta(days=self.relative_days[m["rd"].lower()])
            return _Timex(_day(when), "TIME", when.isoformat() + clock)
        # A bare clock time is on the anchor's day only as a guess: no calendar value.
        return _Timex(UNKNOWN, "TIME", ctx.anchor.isoformat() + clock)

    # -- the scan ---------------------------------------------------------

    def scan(
        self, text: str, anchor: dt.date | None, tense: Tense, timeml: bool = False
    ) -> list[TimeExpression]:
        has_digit = _DIGIT.search(text) is not None
        tokens = set(re.findall(r"[a-z]+", text.lower()))
        has = {
            "digit": has_digit,
            "month": not self.month_words.isdisjoint(tokens),
            "weekday": not self.weekday_words.isdisjoint(tokens),
            "word": not (self.timeml_words if timeml else self.trigger_words).isdisjoint(tokens),
        }
        if not any(has.values()):
            return []
        ctx = _Ctx(text, anchor, tense)
        lowered = text.translate(_ASCII_LOWER) if has["word"] or has["digit"] else text
        found: list[tuple[int, int, ResolvedDate | _Timex]] = []
        for pattern in self.patterns:
            if not has[pattern.needs] or (pattern.timeml_only and not timeml):
                continue
            for m in pattern.regex.finditer(lowered if pattern.lower else text):
                start, end = m.span("x") if "x" in m.re.groupindex else m.span()
                if m.start() and pattern.not_after and pattern.not_after.match(text, m.start() - 1):
                    continue
                pre = None
                if pattern.prefix is not None:
                    pre = pattern.prefix.search(text, max(0, m.start() - _PREFIX_WINDOW), m.start())
                    if pre is not None and _g(pre, "x"):
                        start = pre.start("x")
                value = pattern.handler(m, pre, ctx)
                if isinstance(value, _Timex) and not timeml:
                    # Callers that want calendar dates get days only: no durations,
                    # references or quarters, and "Friday morning" as that Friday.
                    value = value.value if value.value.precision == "day" else None
                if value is not None:
                    found.append((start, end, value))
        # Longest match wins; ties go to the earlier pattern (absolute before relative).
        chosen: list[tuple[int, int, ResolvedDate | _Timex]] = []
        for start, end, value in sorted(found, key=lambda f: f[0] - f[1]):
            if all(end <= s or start >= e for s, e, _ in chosen):
                chosen.append((start, end, value))
        chosen.sort(key=lambda f: f[0])
        if anchor is not None and "since" in lowered:
            chosen = [(s, e, _since(text, s, v, anchor)) for s, e, v in chosen]
        return [_expression(text, s, e, v) for s, e, v in chosen]


_SINCE = re.compile(r"\bsince\s+(?:(?:early|late)\s+)?(?:the\s+)?$", re.I)


def _since(
    text: str, start: int, value: ResolvedDate | _Timex, anchor: dt.date
) -> ResolvedDate | _Timex:
    """ "since Tuesday": from that day through the publication date (a span, so `date`
    stays the first day and `date_end` says it is still going on)."""
    if isinstance(value, _Timex) or value.precision != "day" or value.date_end or not value.date:
        return value
    if not _SINCE.search(text, max(0, start - 20), start):
        return value
    first = dt.date.fromisoformat(value.date)
    return _days(first, anchor) or value if first < anchor else value


@dataclass(frozen=True)
class TimexExpression(TimeExpression):
    """A time expression with its TimeML type and a TIMEX3 value the calendar value
    cannot carry (durations, sets, quarters, seasons, parts of days, PRESENT_REF)."""

    timex_type: str = "DATE"
    timex_value: str = ""


def _expression(text: str, start: int, end: int, found: ResolvedDate | _Timex) -> TimeExpression:
    if isinstance(found, _Timex):
        return TimexExpression(text[start:end], start, end, found.value, found.type, found.timex)
    return TimeExpression(text[start:end], start, end, found)


@lru_cache(maxsize=1)
def _tagger() -> _Tagger:
    return _Tagger(_words())


# ---------------------------------------------------------------------------
# Public API


def find_time_expressions(
    text: str, anchor: dt.date | None, tense: Tense = "past", *, timeml: bool = False
) -> list[TimeExpression]:
    """Every date expression in `text`, in order, resolved against `anchor`.

    Without an anchor, only expressions that carry their own year resolve. With `timeml`,
    also durations, sets, references ("now"), quarters and seasons, as `TimexExpression`s
    whose TimeML reading `timex3` gives; most of these have no calendar value.
    """
    if text.islower():
        # A text without capitals ("since 2 february", MUC-4's processed messages) gives
        # no case cue: month and weekday names are read as if capitalised.
        titled = _calendar_names().sub(lambda m: m.group(0).title(), text)
        found = _tagger().scan(titled, anchor, tense, timeml)
        return [dataclasses.replace(e, text=text[e.start : e.end]) for e in found]
    return _tagger().scan(text, anchor, tense, timeml)


def resolve_expression(expr: str, anchor: dt.date | None, tense: Tense = "past") -> ResolvedDate:
    """Normalise one expression string ("last Friday", "December", "1990")."""
    tagger = _tagger()
    found = tagger.scan(expr, anchor, tense)
    if not found:
        # A gold span is known to be a date, so a bare month or year counts, in any case.
        titled = _calendar_names().sub(lambda m: m.group(0).title(), expr)
        found = tagger.scan("in " + titled, anchor, tense)
    if not found:
        return UNKNOWN
    return max(found, key=lambda e: e.end - e.start).value


@lru_cache(maxsize=1)
def _calendar_names() -> re.Pattern[str]:
    tagger = _tagger()
    return re.compile(rf"\b{_alt([*tagger.month_words, *tagger.weekday_words])}\b", re.I)


def timex3(expr: TimeExpression) -> tuple[str, str]:
    """The TimeML type and TIMEX3 value of an expression ("DATE", "1998-08"), ("DURATION",
    "P3Y"), ("DATE", "PRESENT_REF"); the value is "" when it is not known."""
    if isinstance(expr, TimexExpression) and expr.timex_value:
        return expr.timex_type, expr.timex_value
    value = expr.value
    kind = expr.timex_type if isinstance(expr, TimexExpression) else "DATE"
    if value.date is None or value.precision == "unknown":
        return kind, ""
    first = dt.date.fromisoformat(value.date)
    if value.precision == "day":
        return kind, first.isoformat()
    if value.precision == "week":
        year, week, _ = first.isocalendar()
        return kind, f"{year}-W{week:02d}"
    if value.precision == "month":
        return kind, f"{first.year:04d}-{first.month:02d}"
    last = dt.date.fromisoformat(value.date_end) if value.date_end else first
    if first.year % 10 == 0 and last.year == first.year + 9:
        return kind, f"{first.year // 10:03d}"
    return kind, f"{first.year:04d}"


def parse_published(value: str | None, utc_offset_hours: float | None = None) -> dt.date | None:
    """The calendar day of a publication date or datetime as given in metadata; None if none.

    With `utc_offset_hours` (the place's offset from UTC), a datetime that carries a time
    zone is read in that place's local time: 02:17 UTC on 12 March is already the 12th at
    07:17 in Pakistan (+5) but still the 11th in Washington (-5). Without it, the date as
    written.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()[:100]
    if utc_offset_hours is not None:
        moment = _zoned_datetime(text)
        if moment is not None:
            utc = moment.astimezone(dt.UTC)
            return (utc + dt.timedelta(hours=utc_offset_hours)).date()
    iso = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)", text) or re.match(
        r"(\d{4})(\d{2})(\d{2})(?:T|$)", text
    )
    if iso:
        # The date as the publisher wrote it: converting the zone would move late-evening
        # stories to the next day.
        return _safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
    for expr in find_time_expressions(text, None):
        if _full_day(expr) and expr.value.date:
            return dt.date.fromisoformat(expr.value.date)
    return None


def _zoned_datetime(text: str) -> dt.datetime | None:
    """A datetime with a time zone ("2019-03-12T02:17:00Z", "Tue, 12 Mar 2019 02:17:00
    +0000"); None when the text has no time or no zone."""
    try:
        moment = dt.datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return moment if moment.tzinfo is not None else None


def sentence_tense(text: str) -> Tense:
    """Cheap tense cue: "future" with "will", "plans to", "next week" and the like, else "past"."""
    return "future" if _future_cue_positions(text) else "past"


def _future_cue_positions(text: str) -> list[int]:
    regex, will_nouns = _future_cues()
    found: list[int] = []
    for m in regex.finditer(text):
        if m.group(0).lower() == "will":
            before = re.search(r"([\w']+)\s*$", text[max(0, m.start() - 30) : m.start()])
            if before and before.group(1).lower() in will_nouns:
                continue  # "the will of the people"
        found.append(m.start())
    return found


@lru_cache(maxsize=1)
def _future_cues() -> tuple[re.Pattern[str], frozenset[str]]:
    words = _words()
    regex = re.compile(rf"\b{_alt(words.words('future_cues'))}\b", re.I)
    return regex, words.lower_set("will_noun_precedents")


def _full_day(expr: TimeExpression) -> bool:
    value = expr.value
    return value.precision == "day" and value.date is not None and value.date_end is None


def find_dateline(text: str, anchor: dt.date | None = None) -> Dateline | None:
    """The dateline or byline opening an article: place, date and outlet where given.

    Kept here for callers of this module; the rules live in `newsevents.resolve.datelines`.
    """
    from newsevents.resolve.datelines import find_dateline as find

    return find(text, anchor)
