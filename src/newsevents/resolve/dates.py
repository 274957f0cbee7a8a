"""Time expressions: find dates in text and resolve them against an anchor date.

A rule-based tagger: regular expressions built once from `data/time_words.yaml`, with
relative expressions ("Friday", "yesterday", "last week") resolved against the
publication date. A resolved value never claims more precision than the text gives.
"""

from __future__ import annotations

import calendar
import datetime as dt
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
    "find_dateline",
    "find_time_expressions",
    "parse_published",
    "resolve_expression",
    "sentence_tense",
]

Tense = Literal["past", "future"]
UNKNOWN = ResolvedDate(None, None, "unknown")
_DATELINE_WINDOW = 300  # datelines sit at the very start of an article
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
)
_MAP_KEYS = ("months", "weekdays", "relative_days", "periods", "period_modifiers", "number_words")


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


def _alt(words: Iterable[str], cased: bool = False) -> str:
    """A regex alternation, longest first; `cased` admits only Capitalised or UPPER forms.

    Cased alternations must sit in a regex without IGNORECASE (or in a `(?-i:...)` group):
    names match only when capitalised, so "a march on" and "may be" are not dates.
    """
    forms: set[str] = set()
    for word in words:
        forms |= {word[:1].upper() + word[1:], word.upper()} if cased else {word}
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


@dataclass(frozen=True)
class _Ctx:
    """What a pattern handler needs besides its match."""

    text: str
    anchor: dt.date | None
    tense: Tense


Match = re.Match[str]
Handler = Callable[[Match, Match | None, _Ctx], ResolvedDate | None]

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
        self.trigger_words = self._trigger_words()
        self.patterns = self._compile()
        # "(will) be held on Monday" is not a past verb
        past = rf"(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)\b{_alt(words.words('past_verbs'))}"
        self.past_before = re.compile(rf"{past}\s+(?:(?:on|late|early)\s+)?$", re.I)
        self.past_word = re.compile(rf"{past}\b", re.I)

    def _trigger_words(self) -> frozenset[str]:
        """Single words one of which every non-numeric expression contains."""
        phrases = [*self.relative_days, *self.w.words("unanchored_phrases")]
        lasts = {p.split()[-1].lower() for p in phrases}
        return frozenset(lasts | set(self.period_of) | {"weekend", "ago"})

    def _compile(self) -> list[_Pattern]:
        w = self.w
        abbrevs = _alt((n for n in w.month_of if n not in {f.lower() for f in w.months_full}), True)
        # A full stop ends a sentence after "March" but belongs to "Mar."
        months = rf"(?:{_alt(w.months_full, cased=True)}\b|{abbrevs}\b\.?)"
        # A month alone must be spelt out: "in Jan" is more often a name than a month.
        months_full = _alt(w.months_full, cased=True)
        wd_all = _alt(w.weekday_of, cased=True)
        wd_full = _alt(w.weekday_full, cased=True)
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
                re.compile(rf"(?P<n>\d{{1,2}}|{numbers})\s+(?P<unit>{units})\s+ago\b"),
                self._h_ago,
                "word",
                lower=True,
                not_after=_AFTER_WORD,
            ),
        ]
        return specs

    # -- helpers ----------------------------------------------------------

    def month(self, name: str) -> int:
        return self.w.month_of[name.rstrip(".").lower()]

    def tense_at(self, ctx: _Ctx, start: int) -> Tense:
        """The tense at one expression of a future sentence.

        Past when a past verb comes right before it ("said Friday") or stands between it
        and every future cue ("said Saturday the US will remain").
        """
        if ctx.tense == "past":
            return "past"
        if self.past_before.search(ctx.text, max(0, start - 40), start):
            return "past"
        cues = _future_cue_positions(ctx.text)
        if not cues:
            return "future"
        pasts = [m.start() for m in self.past_word.finditer(ctx.text)]
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

    def _h_weekday(self, m: Match, pre: Match | None, ctx: _Ctx) -> ResolvedDate | None:
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
            return _day(_weekday_date(weekday, ctx.anchor, "past", rel))
        return _day(_weekday_date(weekday, ctx.anchor, self.tense_at(ctx, start), rel))

    def _h_relative_day(self, m: Match, pre: Match | None, ctx: _Ctx) -> ResolvedDate | None:
        if ctx.anchor is None:
            return UNKNOWN
        key = " ".join(m["k"].lower().split())
        return _day(ctx.anchor + dt.timedelta(days=self.relative_days[key]))

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

    def _h_weekend(self, m: Match, pre: Match | None, ctx: _Ctx) -> ResolvedDate | None:
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
        return _days(saturday, saturday + _ONE_DAY)

    def _h_ago(self, m: Match, pre: Match | None, ctx: _Ctx) -> ResolvedDate | None:
        anchor = ctx.anchor
        if anchor is None:
            return UNKNOWN
        raw = " ".join(m["n"].lower().split())
        count = int(raw) if raw.isdigit() else self.numbers[raw]
        unit = self.period_of[m["unit"].lower()]
        if unit == "day":
            return _day(anchor - dt.timedelta(days=count))
        if unit == "week":
            return _week_of(anchor - dt.timedelta(weeks=count))
        if unit == "month":
            return _months(*_shift_month(anchor.year, anchor.month, -count))
        return _years(anchor.year - count)

    # -- the scan ---------------------------------------------------------

    def scan(self, text: str, anchor: dt.date | None, tense: Tense) -> list[TimeExpression]:
        has_digit = _DIGIT.search(text) is not None
        tokens = set(re.findall(r"[a-z]+", text.lower()))
        has = {
            "digit": has_digit,
            "month": not self.month_words.isdisjoint(tokens),
            "weekday": not self.weekday_words.isdisjoint(tokens),
            "word": not self.trigger_words.isdisjoint(tokens),
        }
        if not any(has.values()):
            return []
        ctx = _Ctx(text, anchor, tense)
        lowered = text.translate(_ASCII_LOWER) if has["word"] or has["digit"] else text
        found: list[tuple[int, int, ResolvedDate]] = []
        for pattern in self.patterns:
            if not has[pattern.needs]:
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
                if value is not None:
                    found.append((start, end, value))
        # Longest match wins; ties go to the earlier pattern (absolute before relative).
        chosen: list[tuple[int, int, ResolvedDate]] = []
        for start, end, value in sorted(found, key=lambda f: f[0] - f[1]):
            if all(end <= s or start >= e for s, e, _ in chosen):
                chosen.append((start, end, value))
        chosen.sort(key=lambda f: f[0])
        return [TimeExpression(text[s:e], s, e, v) for s, e, v in chosen]


@lru_cache(maxsize=1)
def _tagger() -> _Tagger:
    return _Tagger(_words())


# ---------------------------------------------------------------------------
# Public API


def find_time_expressions(
    text: str, anchor: dt.date | None, tense: Tense = "past"
) -> list[TimeExpression]:
    """Every date expression in `text`, in order, resolved against `anchor`.

    Without an anchor, only expressions that carry their own year resolve.
    """
    return _tagger().scan(text, anchor, tense)


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


def parse_published(value: str | None) -> dt.date | None:
    """The calendar day of a publication date or datetime as given in metadata; None if none."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()[:100]
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


# ---------------------------------------------------------------------------
# Datelines


@dataclass(frozen=True)
class _DatelineRules:
    wire: re.Pattern[str]
    date_first: re.Pattern[str]
    glued: re.Pattern[str]
    agency_after: re.Pattern[str]
    upper_word: re.Pattern[str]
    non_places: frozenset[str]
    small_words: frozenset[str]
    agencies: frozenset[str]
    month_of: dict[str, int]


@lru_cache(maxsize=1)
def _dateline_rules() -> _DatelineRules:
    words = _words()
    months = _alt(words.month_of, cased=True)
    weekdays = _alt(words.weekday_of, cased=True)
    upper_place = rf"[A-Z][A-Z.{_APOS}-]+(?:[ \t]+[A-Z][A-Z.{_APOS}-]*){{0,3}}"
    title_place = rf"[A-Z][a-z][\w.{_APOS}-]*(?:[ \t]+[A-Z][a-z][\w.{_APOS}-]*){{0,2}}"
    year = r"(?:,?[ \t]+(?P<{}>\d{{4}}|\d{{2}}))?"
    date_part = (
        rf"NO[ \t]+DATE|(?P<d1>\d{{1,2}})[ \t]+(?P<m1>{months})\.?{year.format('y1')}"
        rf"|(?P<m2>{months})\.?[ \t]+(?P<d2>\d{{1,2}}){year.format('y2')}"
    )
    qualifier = r"[A-Z][A-Za-z.'-]+(?:[ \t]+[A-Z][A-Za-z.'-]+){0,2}"
    wire = re.compile(
        rf"[ \t]*(?P<place>{upper_place}|{title_place})"
        # "HAVANA (CUBA), 17 NOV 89": a parenthesis before the comma names the country
        rf"(?:[ \t]*\((?P<qual1>[^()\n]{{2,40}})\)(?=[ \t]*,))?"
        rf"(?:,[ \t]*(?P<qual2>(?!{months}\b|NO[ \t]+DATE){qualifier})"
        rf"(?=[ \t]*[,(]|\s*(?:--|{_DASH})))?"
        # the comma before the date may be missing after a capitalised place ("MOSCOW October 18")
        rf"(?:(?:,[ \t]*|(?<=[A-Z])[ \t]+)(?P<date>{date_part}))?"
        rf"(?:\s*\((?P<outlet>[^()]{{2,60}})\))?"
        rf"\s*(?P<dash>--|{_DASH})(?=\s)"
    )
    prefixes = _alt(words.words("dateline_date_prefixes"))
    date_first = re.compile(rf"[ \t]*(?:(?P<prefix>{prefixes}):?[ \t]+)?(?=\S)", re.I)
    glued = re.compile(
        rf"(?:{weekdays}\.?,?[ \t]+)?(?P<m>{months})\.?[ \t]+(?P<d>\d{{1,2}})(?P<y>(?:19|20)\d\d)\b"
    )
    agencies = words.words("news_agencies")
    agency_after = re.compile(
        rf"[ \t]+(?:(?P<place>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)[ \t]+)?"
        rf"(?P<outlet>{_alt(agencies)})(?=[-\u2013\u2014 ])"
    )
    return _DatelineRules(
        wire,
        date_first,
        glued,
        agency_after,
        re.compile(r"(?<![\w.])[A-Z]{2,}"),
        words.lower_set("dateline_non_places"),
        words.lower_set("name_small_words"),
        frozenset(a.upper() for a in agencies),
        words.month_of,
    )


def _name_case(text: str, rules: _DatelineRules, outlet: bool = False) -> str:
    """ "SAN SALVADOR" -> "San Salvador"; mixed-case names are kept as written."""
    text = " ".join(text.split())
    if not text.isupper():
        return text
    out: list[str] = []
    for i, word in enumerate(text.split(" ")):
        parts = []
        for j, part in enumerate(word.split("-")):
            if (i or j) and part.lower() in rules.small_words:
                parts.append(part.lower())
            elif outlet and (part in rules.agencies or not re.search(r"[AEIOUY]", part)):
                parts.append(part)  # agency acronyms stay upper-case: "ACAN-EFE"
            else:
                parts.append(part[:1] + part[1:].lower())
        out.append("-".join(parts))
    return " ".join(out)


def _wire_dateline(text: str, start: int, anchor: dt.date | None) -> Dateline | None:
    rules = _dateline_rules()
    m = rules.wire.match(text, start)
    if m is None:
        return None
    place_raw, date_raw, outlet_raw = m["place"], m["date"], m["outlet"]
    qualifier = m["qual1"] or m["qual2"]
    # A bare "WORDS -" is a dateline only in an upper-case place before mixed-case text,
    # else every headline with a dash would be one.
    if not (date_raw or outlet_raw or qualifier):
        rest = text[m.end() : m.end() + 60]
        if not place_raw.isupper() or rest.isupper() or not re.match(r"\s*[A-Z]", rest):
            return None
    if not place_raw.isupper() and not (outlet_raw or date_raw):
        return None
    name = _name_case(place_raw, rules)
    place: str | None = name
    if name.lower() in rules.non_places:
        place = None
    elif qualifier:
        place = f"{name}, {_name_case(qualifier, rules)}"
    date = _dateline_date(m, rules.month_of, anchor) if date_raw else None
    outlet = _name_case(outlet_raw, rules, outlet=True) if outlet_raw else None
    return Dateline(place, date, outlet, m.start("place"), m.end("dash"))


def _dateline_date(
    m: re.Match[str], month_of: dict[str, int], anchor: dt.date | None
) -> str | None:
    if m["d1"]:
        day_, month_name, year_raw = m["d1"], m["m1"], m["y1"]
    elif m["d2"]:
        day_, month_name, year_raw = m["d2"], m["m2"], m["y2"]
    else:
        return None  # "NO DATE"
    month = month_of[month_name.rstrip(".").lower()]
    if year_raw:
        found = _safe_date(_expand_year(year_raw), month, int(day_))
    else:
        found = _infer_year(month, int(day_), anchor, "past") if anchor else None
    return found.isoformat() if found else None


def _full_day(expr: TimeExpression) -> bool:
    value = expr.value
    return value.precision == "day" and value.date is not None and value.date_end is None


def _date_first_dateline(text: str, start: int) -> Dateline | None:
    """A line opening with a full date: "Wed 05 Apr 2017 ...", "Posted on April 4 2017 by"."""
    rules = _dateline_rules()
    head = rules.date_first.match(text, start)
    if head is None:
        return None
    begin = head.start("prefix") if head["prefix"] else head.end()
    window = text[head.end() : head.end() + 60]
    glued = rules.glued.match(window)  # "Apr 232017": a scraper lost the space
    if glued:
        month = rules.month_of[glued["m"].rstrip(".").lower()]
        found = _safe_date(int(glued["y"]), month, int(glued["d"]))
        if found:
            return Dateline(None, found.isoformat(), None, begin, head.end() + glued.end())
    for expr in find_time_expressions(window, None)[:1]:
        if expr.start == 0 and _full_day(expr):
            return Dateline(None, expr.value.date, None, begin, head.end() + expr.end)
    return None


def _inline_dateline(text: str, anchor: dt.date | None) -> Dateline | None:
    """A dateline after a headline on the same line, where scrapers often leave it."""
    rules = _dateline_rules()
    window = text[:_DATELINE_WINDOW]
    # "... MOSCOW October 18 (RIA Novosti) - ...": only with an outlet, to skip headlines
    for word in rules.upper_word.finditer(window):
        found = _wire_dateline(text, word.start(), anchor)
        if found and found.outlet and found.place:
            return found
    for expr in find_time_expressions(window, None):
        if not _full_day(expr):
            continue
        # "... in Aleppo city 6 October 2016 Aleppo SANA-Terrorist organizations ..."
        agency = rules.agency_after.match(text, expr.end)
        if agency:
            end = agency.end()
            return Dateline(agency["place"], expr.value.date, agency["outlet"], expr.start, end)
        # "... Killing 50 Terrorists AFP Fri Sep 30 2016 ...": a weekday-dated full date
        if re.match(r"[A-Za-z]{3,9}\b", expr.text) and expr.text[:3].lower() in _weekday_abbrevs():
            before = re.search(r"(\S+)[ \t]+$", window[: expr.start])
            if before and before.group(1) in rules.agencies:
                return Dateline(None, expr.value.date, before.group(1), before.start(1), expr.end)
            return Dateline(None, expr.value.date, None, expr.start, expr.end)
    return None


@lru_cache(maxsize=1)
def _weekday_abbrevs() -> frozenset[str]:
    return frozenset(name[:3] for name in _words().weekday_of)


def find_dateline(text: str, anchor: dt.date | None = None) -> Dateline | None:
    """The dateline or byline opening an article: place, date and outlet where given.

    Looks at the lines starting in the first 300 characters, then inside the first line;
    `anchor` supplies the year of a dateline that has none ("HUANCAYO, 12 NOV (EFE) --").
    """
    starts = [0, *(m.end() for m in re.finditer(r"\n", text[:_DATELINE_WINDOW]))]
    for start in starts:
        if not text[start : start + 200].strip():
            continue
        found = _wire_dateline(text, start, anchor) or _date_first_dateline(text, start)
        if found:
            return found
    return _inline_dateline(text, anchor)
