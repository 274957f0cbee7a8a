"""Handlers for TimeML's forms beyond calendar days: durations ("three years"), sets
("every week"), references ("now"), quarters and halves, seasons, decades, clock times."""

from __future__ import annotations

import datetime as dt
import re

from newsevents.resolve.timex_absolute import NEAR_DAYS
from newsevents.resolve.timex_calendar import (
    UNKNOWN,
    day_value,
    months_value,
    nearest_day,
    shift_month,
    weekday_date,
    years_value,
)
from newsevents.resolve.timex_context import Ctx, Match, Result, Timex, group


def duration(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    following = re.match(r"[\s,-]*([\w']*)", ctx.text[m.end() : m.end() + 30])
    if following and following.group(1).lower() in ctx.lex.duration_blockers:
        return None  # "two days ago" is a date, "a 6-year-old" an age
    raw = " ".join(m["n"].lower().split())
    unit = ctx.lex.duration_units[m["unit"].lower()]
    times = re.match(r"\d*", unit)
    factor = int(times.group(0)) if times and times.group(0) else 1
    letter = unit.lstrip("0123456789")
    if raw in ctx.lex.vague:
        # "recent days", "the last few months", "the coming weeks": vague references
        lead = " ".join(group(pre, "lead").lower().split())
        if raw == "recent" or lead in ("the last", "the past", "last", "past"):
            return Timex(UNKNOWN, "DATE", "PAST_REF")
        if raw in ("coming", "the coming") or lead in ("the next", "the coming", "next"):
            return Timex(UNKNOWN, "DATE", "FUTURE_REF")
        amount = "X"
    elif (
        raw == "one"
        and letter == "D"
        and ctx.prev_word(m.start()).lower() in ctx.lex.someday_modals
    ):
        return Timex(UNKNOWN, "DATE", "FUTURE_REF")  # "will one day be": some day to come
    elif raw in ctx.lex.numbers:
        amount = str(ctx.lex.numbers[raw] * factor)
    elif "." in raw:
        return None
    else:
        amount = str(int(raw) * factor)
    if letter.startswith("T"):
        return Timex(UNKNOWN, "DURATION", f"PT{amount}{letter[1:]}")
    return Timex(UNKNOWN, "DURATION", f"P{amount}{letter}")


def set(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    key = " ".join(m.group(0).lower().split())
    return Timex(UNKNOWN, "SET", ctx.lex.set_words[key])


def reference(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    key = " ".join(m.group(0).lower().split())
    following = ctx.next_word(m.end()).lower()
    if following in ctx.lex.ref_followers:
        return None
    if following in ctx.lex.period_of or following in ctx.lex.numbers or following in ctx.lex.vague:
        return None  # "the past year", "the past two months" are periods
    # No calendar value: "now" must not date an event to the publication day.
    return Timex(UNKNOWN, "DATE", ctx.lex.reference_words[key])


def quarter(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    """ "the third quarter", "the 1988 second quarter", "the year-ago quarter", "the last
    half of 1989": a quarter or half of a (fiscal) year."""
    unit = m["unit"].lower()
    size = 6 if unit == "half" else 3
    code = "Q" if size == 3 else "H"
    count = 12 // size
    given = m["y"] or m["y0"]
    shift = ctx.lex.quarter_year_shifts[" ".join(m["shift"].lower().split())] if m["shift"] else 0
    if unit == "period" and not (given or m["shift"]):
        return None  # "the period" alone is no quarter
    if not (m["ord"] or m["rel"] or given or m["shift"]) and not m.group(0).lower().startswith(
        "the"
    ):
        return None
    if ctx.anchor is None and not given:
        return Timex(UNKNOWN, "DATE", "")
    if m["ord"]:
        nth = ctx.lex.ordinals[m["ord"].lower()]
        if nth > count:
            return None
        if given:
            year_ = int(given)
        else:
            assert ctx.anchor is not None
            current = (ctx.anchor.month - 1) // size + 1
            year_ = (ctx.anchor.year if nth <= current else ctx.anchor.year - 1) + shift
    elif given and m["rel"]:
        if ctx.lex.quarter_rel[m["rel"].lower()] >= 0:
            return None
        year_, nth = int(given), count  # "the last half of 1989"
    elif (given or m["shift"] or not m["rel"]) and ctx.anchor is not None:
        # "the quarter", "the 1988 quarter", "last year's quarter": the quarter the report
        # is about
        year_, nth = reported_quarter(ctx, m.start(), size)
        year_ = int(given) if given else year_ + shift
    else:
        assert ctx.anchor is not None
        by = ctx.lex.quarter_rel[m["rel"].lower()] if m["rel"] else -1
        index = ctx.anchor.year * count + (ctx.anchor.month - 1) // size + by
        year_, nth = index // count, index % count + 1
    first_month = (nth - 1) * size + 1
    value = months_value(year_, first_month, year_, first_month + size - 1)
    return Timex(value, "DATE", f"{year_:04d}-{code}{nth}")


_QUARTER = re.compile(r"\b(?P<ord>first|second|third|fourth)[-\s]+(?:fiscal[-\s]+)?quarter\b", re.I)
_PERIOD_WINDOW = 1500


def reported_quarter(ctx: Ctx, start: int, size: int = 3) -> tuple[int, int]:
    """The (year, number) of the quarter an earnings report is about at `start`: the
    quarter it first named before (its headline's), else the last one completed before the
    anchor."""
    assert ctx.anchor is not None
    count = 12 // size
    year = ctx.anchor.year
    current = (ctx.anchor.month - 1) // size + 1
    if size == 3:
        named = list(_QUARTER.finditer(ctx.text, max(0, start - _PERIOD_WINDOW), start))
        if named:
            nth = ctx.lex.ordinals[named[0]["ord"].lower()]
            return (year if nth <= current else year - 1), nth
    if current == 1:
        return year - 1, count
    return year, current - 1


def season(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    lead = " ".join(group(pre, "lead").lower().split())
    if not (lead or group(pre, "prep") or m["y"]):
        return None  # "fall" and "spring" are verbs and nouns too
    if not m["y"] and ctx.next_word(m.end()).lower() == "of":
        return None  # "the fall of Baghouz"
    code = ctx.lex.seasons[m["s"].lower()]
    starts = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
    start_month = starts[code]
    if m["y"]:
        year_ = int(m["y"])
    elif ctx.anchor is None:
        return Timex(UNKNOWN, "DATE", "")
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
        elif lead not in ("last", "this") and ctx.tense_at(m.start()) == "future":
            began += began < anchor.year or anchor.month >= start_month + 3
        year_ = began
    last_year, last_month = shift_month(year_, start_month, 2)
    value = months_value(year_, start_month, last_year, last_month)
    return Timex(value, "DATE", f"{year_:04d}-{code}")


def decade(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    year_ = int(m["y"])
    return years_value(year_, year_ + 9)


def clock(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    hour, minute = int(m["h"]), int(m["mi"] or 0)
    if not 1 <= hour <= 12:
        return None
    hour = hour % 12 + (12 if m["ap"].lower() == "p" else 0)
    return _on_day(m, ctx, f"T{hour:02d}:{minute:02d}")


def named_clock(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    """ "noon Thursday", "midnight Friday": a named hour of a named day."""
    code = ctx.lex.clock_words[m["nm"].lower()]
    return _on_day(m, ctx, f"T{code}")


def _on_day(m: Match, ctx: Ctx, clock: str) -> Result:
    """A clock time on the weekday or relative day the match names, else on the anchor's
    day (as a TIMEX3 value only: a bare clock time does not date anything)."""
    if ctx.anchor is None:
        return Timex(UNKNOWN, "TIME", "")
    if m["wd"]:
        weekday = ctx.lex.words.weekday_of[m["wd"].lower()]
        when = weekday_date(weekday, ctx.anchor, ctx.tense_at(m.start()), "")
        return Timex(day_value(when), "TIME", when.isoformat() + clock)
    if m["rd"]:
        when = ctx.anchor + dt.timedelta(days=ctx.lex.relative_days[m["rd"].lower()])
        return Timex(day_value(when), "TIME", when.isoformat() + clock)
    if m["mo"]:
        # a deadline ("until 5 p.m. EST Nov. 9" told on 2 November) is the coming day
        tense = ctx.tense_at(m.start())
        day = nearest_day(ctx.lex.month(m["mo"]), int(m["md"]), ctx.anchor, tense, NEAR_DAYS)
        if day is not None:
            return Timex(day_value(day), "TIME", day.isoformat() + clock)
    # A bare clock time is on the anchor's day only as a guess: no calendar value.
    return Timex(UNKNOWN, "TIME", ctx.anchor.isoformat() + clock)
