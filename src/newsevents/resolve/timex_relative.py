"""Handlers for dates relative to the anchor (the publication date): weekdays, "yesterday",
"last week", "the weekend", "two days ago"."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from newsevents.records import ResolvedDate
from newsevents.resolve.timex_calendar import (
    UNKNOWN,
    day_value,
    months_value,
    shifted,
    weekday_date,
)
from newsevents.resolve.timex_context import Ctx, Match, Narrated, Result, Timex, group
from newsevents.resolve.timex_timeml import reported_quarter
from newsevents.resolve.timex_words import alternation

_ONE_DAY = dt.timedelta(days=1)
# "Thursday refused", "planned for Saturday was cancelled": a past verb follows
_PAST_AFTER = re.compile(r"\s+(?:(?:was|were|had\s+been)\s+)?[a-z]{3,}ed\b")


def weekday(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    """ "Friday", "last Tuesday", "Sunday night": the weekday nearest the anchor in the
    tense's direction."""
    start = pre.start("x") if pre is not None and group(pre, "x") else m.start()
    end = m.end()
    if ctx.prev_word(start).lower() in ctx.lex.weekday_precedents:
        return None
    if not m["part"] and ctx.next_word(end).lower() in ctx.lex.weekday_followers:
        return None
    if ctx.anchor is None:
        return UNKNOWN
    weekday = ctx.lex.words.weekday_of[m["wd"].lower()]
    rel = group(pre, "rel").lower()
    if rel == "following":
        return UNKNOWN  # "the following Sunday" counts from a narrated day
    if ctx.prev_word(start).lower() in ctx.lex.relative_days:
        rel = "this"  # "today (Monday)"
        return with_part(ctx, weekday_date(weekday, ctx.anchor, "past", rel), m["part"])
    tense = ctx.tense_at(start)
    if _PAST_AFTER.match(ctx.text, end):
        tense = "past"  # "a federal court Thursday refused"
    when = weekday_date(weekday, ctx.anchor, tense, rel)
    return with_part(ctx, when, m["part"])


def with_part(ctx: Ctx, when: dt.date, part: str | None) -> Result:
    """A day, with a TIMEX3 part of day when one is named ("Friday morning")."""
    code = ctx.lex.day_part_codes.get(" ".join((part or "").lower().split()))
    if code is None:
        return day_value(when)
    return Timex(day_value(when), "TIME", f"{when.isoformat()}T{code}")


def relative_day(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    """ "yesterday", "last night", "the day before yesterday": days from the anchor."""
    if ctx.anchor is None:
        return UNKNOWN
    key = " ".join(m["k"].lower().split())
    when = ctx.anchor + dt.timedelta(days=ctx.lex.relative_days[key])
    return with_part(ctx, when, m["part"] or key)


def unanchored(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    """ "the next day", "days later": counted from a narrated day, not the anchor."""
    return UNKNOWN


def narrated(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    """ "the next day", "that night": a day counted from the day last told."""
    return Narrated(ctx.lex.narrated_days[" ".join(m.group(0).lower().split())])


def period(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    """ "last week", "earlier this month", "next year": the anchor's period, shifted."""
    if ctx.anchor is None:
        return UNKNOWN
    by = ctx.lex.period_mods[" ".join(m["mod"].lower().split())]
    unit = ctx.lex.period_of[m["unit"].lower()]
    return shifted(ctx.anchor, unit, by)


def past_day(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    """ "in the past 24 hours": the news day that ends at publication, dated the
    publication day (TimeML's PT24H)."""
    if ctx.anchor is None:
        return Timex(UNKNOWN, "DURATION", "PT24H")
    # A tally "in 24 hours" is a day's report: its deaths are told the day they are
    # counted, so the event is the publication day, not the eve the window starts on.
    return Timex(day_value(ctx.anchor), "DURATION", "PT24H")


def weekend(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    """ "last weekend", "this weekend": a Saturday and Sunday (TIMEX3 week-end)."""
    anchor = ctx.anchor
    if anchor is None:
        return UNKNOWN
    mod = " ".join(m["mod"].lower().split())
    tense = ctx.tense_at(m.start())
    back_to_saturday = (anchor.weekday() - 5) % 7
    saturday = anchor - dt.timedelta(days=back_to_saturday)
    if mod in ("next", "the coming") or (tense == "future" and mod in ("this", "the")):
        if mod in ("next", "the coming") or anchor.weekday() < 5:
            saturday += dt.timedelta(days=7)
    elif mod in ("last", "the last", "the past") and anchor.weekday() >= 5:
        saturday -= dt.timedelta(days=7)  # said on a weekend, "last weekend" is the one before
    year_, week, _ = saturday.isocalendar()
    span = ResolvedDate(saturday.isoformat(), (saturday + _ONE_DAY).isoformat(), "day")
    return Timex(span, "DATE", f"{year_}-W{week:02d}-WE")


def ago(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    """ "two days ago", "three years ago" (and, for TimeML, "a year earlier")."""
    anchor = ctx.anchor
    if anchor is None:
        return UNKNOWN
    word = m["unit"].lower()
    unit = ctx.lex.period_of[word]
    # "a decade ago" is ten years back: the duration unit's multiple ("10Y")
    times = re.match(r"\d+", ctx.lex.duration_units.get(word, ""))
    count = ctx.lex.count(m["n"]) * (int(times.group(0)) if times else 1)
    if m["dir"] == "earlier" and unit in ("day", "week"):
        # "a year earlier" often counts from a narrated date, not the publication:
        # only a TimeML reading, and only for months and years.
        return Timex(UNKNOWN, "DATE", "")
    found = shifted(anchor, unit, -count)
    if m["dir"] == "earlier" or (ctx.timeml and unit == "year"):
        same = _same_period_a_year_before(m, ctx, count) if unit == "year" else None
        if same is not None:
            return same
        if m["dir"] == "earlier":
            first = found.date or ""
            return Timex(found, "DATE", first[:7] if unit == "month" else first[:4])
    return found


_PERIOD_WINDOW = 1500


@lru_cache(maxsize=2)
def _period_cue(cues: frozenset[str]) -> re.Pattern[str]:
    """A word of a report about a fiscal period, standing alone: "a quarter-century low" is
    no earnings report."""
    return re.compile(rf"\b{alternation(cues)}\b(?!-)", re.I)


def _same_period_a_year_before(m: Match, ctx: Ctx, count: int) -> Result:
    """In an earnings report, "a year ago" compares with the same quarter a year before
    (the quarter the report last named, else the last one completed), not the year."""
    if ctx.anchor is None or count != 1 or not ctx.timeml:
        return None
    if (
        _period_cue(ctx.lex.period_cues).search(
            ctx.text, max(0, m.start() - _PERIOD_WINDOW), m.start()
        )
        is None
    ):
        return None
    year, nth = reported_quarter(ctx, m.start())
    year -= 1
    first = (nth - 1) * 3 + 1
    return Timex(months_value(year, first, year, first + 2), "DATE", f"{year:04d}-Q{nth}")
