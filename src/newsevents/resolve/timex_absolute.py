"""Handlers for dates written out in full or in part: ISO and numeric dates, "23 March
2019", "March 2019", "in December", "on the 5th", spans of days, months and years, years
said in words ("nineteen ninety-six") and holidays ("Thanksgiving Day").

Each handler takes the core match, the optional prefix match before it and the context,
and returns a value or None when the match is not a date after all.
"""

from __future__ import annotations

import datetime as dt
import re

from newsevents.resolve.timex_calendar import (
    UNKNOWN,
    Tense,
    day_span,
    day_value,
    expand_year,
    infer_month_year,
    infer_year,
    months_value,
    nearest_day,
    nearest_month_year,
    safe_date,
    shift_month,
    years_value,
)
from newsevents.resolve.timex_context import Ctx, Match, Result, group
from newsevents.resolve.timex_tense import clause_is_past, looks_ahead, names_an_act, told_as_past

# How far ahead a deadline's unyeared date may lie when the tense alone would put it
# most of a year back: "until March 6" in February is the coming March 6.
NEAR_DAYS = 122
NEAR_MONTHS = 4
# How far ahead an unyeared date may lie when no past form governs it: a report of
# 16 February that mentions "a ceremony on March 12" means the coming one, not one
# eleven months back.
SOON_DAYS = 62
SOON_MONTHS = 2


def iso(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    found = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return day_value(found) if found else None


def numeric(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    a, b, raw_year = int(m["a"]), int(m["b"]), m["y"]
    if m["sep"] != "/" and len(raw_year) == 2:
        return None  # "1.5.10" or "3-2-10" is more likely a version or a score
    # Slashes read month first (US style) unless that is impossible; dots and hyphens
    # are day first (European style).
    month, day_ = (a, b) if m["sep"] == "/" and a <= 12 else (b, a)
    found = safe_date(expand_year(raw_year), month, day_)
    return day_value(found) if found else None


def day_month(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    month, day_ = ctx.lex.month(m["m"]), int(m["d"])
    if m["y"]:
        found = safe_date(int(m["y"]), month, day_)
        return day_value(found) if found else None
    if not 1 <= day_ <= 31 or ctx.may_is_modal(m, "m"):
        return None
    if ctx.next_word(m.end()).lower() in ctx.lex.name_followers:
        return None  # "the 19 April Movement"
    if ctx.anchor is None:
        return UNKNOWN if safe_date(2000, month, day_) else None
    rel = group(pre, "rel").lower()
    if rel in ("last", "next", "coming"):
        found = infer_year(month, day_, ctx.anchor, "past" if rel == "last" else "future")
    else:
        tense = ctx.tense_at(m.start())
        if tense == "future" and names_an_act(ctx.text, m.end()):
            tense = "past"  # "the resolution would condemn an August 21 attack"
        found = nearest_day(month, day_, ctx.anchor, tense, _reach(ctx, m.start(), tense, True))
    return day_value(found) if found else None


def _reach(ctx: Ctx, start: int, tense: str, days: bool) -> int:
    """How far the other direction may reach for an unyeared date at `start`: far after
    a deadline word ("by Jan. 14"), a little when no past verb governs it or stands in its
    clause, else not at all."""
    if looks_ahead(ctx.text, start):
        # "by Jan. 14" in a report of 5 January: the nearer one, not last year's
        return NEAR_DAYS if days else NEAR_MONTHS
    if ctx.firm or tense != "past":
        return 0
    if not (told_as_past(ctx.text, start) or clause_is_past(ctx.text, start)):
        return SOON_DAYS if days else SOON_MONTHS
    return 0


def month_year(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    return months_value(int(m["y"]), ctx.lex.month(m["m"]))


def month_rel_year(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    if ctx.anchor is None:
        return UNKNOWN
    by = ctx.lex.period_mods[" ".join(m["mod"].lower().split())]
    return months_value(ctx.anchor.year + by, ctx.lex.month(m["m"]))


def days_span(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    if ctx.timeml and m["connw"]:
        return None  # TimeML marks "from 1991 to 1997" as two dates, each read alone
    if (m["connw"] or "").lower() == "and" and group(pre, "lead").lower() != "between":
        return None  # "March 11 and 14" names two days, not a span
    named = m["m1"] or m["m2"]
    month1 = ctx.lex.month(m["m1"] or named)
    month2 = ctx.lex.month(m["m2"] or named)
    d1, d2 = int(m["d1"]), int(m["d2"])
    year2 = int(m["y2"]) if m["y2"] else None
    year1 = int(m["y1"]) if m["y1"] else year2
    if year1 is None or year2 is None:
        if ctx.anchor is None:
            return UNKNOWN
        last = infer_year(month2, d2, ctx.anchor, ctx.tense_at(m.start()))
        if last is None:
            return None
        year2 = last.year
        year1 = year2 - 1 if (month1, d1) > (month2, d2) else year2
    first, last_ = safe_date(year1, month1, d1), safe_date(year2, month2, d2)
    if first is None or last_ is None or (last_ - first).days > 366:
        return None
    return day_span(first, last_)


def month_span(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    if ctx.timeml and m["connw"]:
        return None  # TimeML marks "from 1991 to 1997" as two dates, each read alone
    lead = group(pre, "lead").lower()
    # "March to May" needs "from" or "between"; a dash between two month names
    # ("January - August 2018") is a span by itself.
    if not (lead or m["conn"]) or ((m["connw"] or "").lower() == "and" and lead != "between"):
        return None
    m1, m2 = ctx.lex.month(m["m1"]), ctx.lex.month(m["m2"])
    if m["y2"]:
        y2 = int(m["y2"])
    elif ctx.anchor is None:
        return UNKNOWN
    else:
        y2 = infer_month_year(m2, ctx.anchor, ctx.tense_at(m.start()))
    y1 = int(m["y1"]) if m["y1"] else (y2 - 1 if m1 > m2 else y2)
    if (y1, m1) >= (y2, m2):
        return None
    return months_value(y1, m1, y2, m2)


def year_span(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    if ctx.timeml and m["connw"]:
        return None  # TimeML marks "from 1991 to 1997" as two dates, each read alone
    y1, y2 = int(m["y1"]), int(m["y2"])
    lead = group(pre, "lead").lower()
    if (m["connw"] or "").lower() == "and" and lead != "between":
        return None
    if not y1 < y2 <= y1 + 100 or ctx.is_count(m.end()):
        return None
    if not (lead or group(pre, "paren") or m["conn"]):
        return None  # "1990 to 2000" alone is more often a range of numbers
    return years_value(y1, y2)


def year(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    word = group(pre, "pre").lower()
    if ctx.is_count(m.end()):
        return None
    if group(pre, "det") and not (word or group(pre, "mod") or group(pre, "the")):
        # "a 1996 law", "its 1990 invasion": a year modifying the noun right after it
        return years_value(int(m["y"])) if _NOUN_NEXT.match(ctx.text, m.end()) else None
    if not (word or group(pre, "mod") or group(pre, "the")):
        return None
    before = ctx.prev_word(pre.start("pre")) if pre is not None and word else ""
    if word == "of" and before.lower() in ctx.lex.of_blockers:
        return None
    if word in ("and", "or", "to") and not re.fullmatch(r"(?:1[89]|20)\d\d", before):
        return None  # only a list of years: "in 2013 and 2014"
    return years_value(int(m["y"]))


_NOUN_NEXT = re.compile(r" (?:[a-z]{3,}|[A-Z][a-z]{2,})\b")


def year_label(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    return years_value(int(m["y"]))


def month(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    rel = group(pre, "rel").lower()
    # "the October slaying": a month naming when the noun after it happened
    adjective = bool(group(pre, "det")) and _NOUN_NEXT.match(ctx.text, m.end()) is not None
    if not (group(pre, "pre") or group(pre, "mod") or rel or adjective):
        return None
    if ctx.may_is_modal(m, "m"):
        return None
    if ctx.anchor is None:
        return UNKNOWN
    month = ctx.lex.month(m["m"])
    if rel in ("last", "previous"):
        year_ = infer_month_year(month, ctx.anchor, "past", strict=True)
        if rel == "last" and (ctx.anchor.year - year_) * 12 + ctx.anchor.month - month == 1:
            # the month just gone is "last month": "last February" said in March is the
            # February a year before
            year_ -= 1
    elif rel in ("next", "coming"):
        year_ = infer_month_year(month, ctx.anchor, "future", strict=True)
    elif rel == "this":
        year_ = ctx.anchor.year
    else:
        tense = ctx.tense_at(m.start())
        year_ = nearest_month_year(month, ctx.anchor, tense, _reach(ctx, m.start(), tense, False))
    return months_value(year_, month)


def nth(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    day_ = int(m["d"])
    if not 1 <= day_ <= 31:
        return None
    after = re.match(r"\s*(\w*)", ctx.text[m.end() : m.end() + 30])
    following = after.group(1).lower() if after else ""
    if following and following not in ctx.lex.ordinal_followers:
        return None  # "on the 5th floor", "on the 4th Infantry Brigade"
    anchor = ctx.anchor
    if anchor is None:
        return UNKNOWN
    step = -1 if ctx.tense_at(m.start()) == "past" else 1
    for offset in range(3):  # the 31st may skip a short month
        year_, month = shift_month(anchor.year, anchor.month, step * offset)
        found = safe_date(year_, month, day_)
        if found and ((step < 0 and found <= anchor) or (step > 0 and found >= anchor)):
            return day_value(found)
    return None


def spelled_year(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    """ "nineteen ninety-six", "January nineteen ninety-seven", "the year two thousand":
    a year said in words, as broadcast transcripts write it."""
    lex = ctx.lex
    century = lex.year_centuries[" ".join(m["c"].lower().split())]
    rest = " ".join((m["r"] or "").lower().replace("-", " ").split())
    within = sum(lex.numbers[w] for w in rest.split()) if rest else 0
    if century % 1000 == 0:
        if not (rest or group(pre, "the")):
            return None  # "two thousand people" is a count
    elif within < 10:
        return None  # "nineteen" alone is a number; "nineteen ninety-six" a year
    found = century + within
    month_name = group(pre, "m")
    return months_value(found, lex.month(month_name)) if month_name else years_value(found)


def holiday(m: Match, pre: Match | None, ctx: Ctx) -> Result:
    """ "Thanksgiving Day", "last Christmas", "Election Day 1998": the holiday's day in
    the year given, else the nearest one in the tense's direction."""
    rule = ctx.lex.holidays[" ".join(m["h"].lower().replace("\u2019", "'").split())]
    if m["y"]:
        found = holiday_date(rule, int(m["y"]), ctx.lex.words.weekday_of)
        return day_value(found) if found else None
    if ctx.anchor is None:
        return UNKNOWN
    rel = group(pre, "rel").lower()
    tense: Tense = (
        "past" if rel == "last" else "future" if rel == "next" else ctx.tense_at(m.start())
    )
    anchor = ctx.anchor
    years = range(anchor.year - 1, anchor.year + 2)
    weekdays = ctx.lex.words.weekday_of
    days = [d for d in (holiday_date(rule, y, weekdays) for y in years) if d is not None]
    if tense == "past":
        before = [d for d in days if d < anchor or (d == anchor and rel != "last")]
        return day_value(before[-1]) if before else None
    after = [d for d in days if d > anchor or (d == anchor and rel != "next")]
    return day_value(after[0]) if after else None


def holiday_date(rule: str, year_: int, weekday_of: dict[str, int]) -> dt.date | None:
    """A holiday's day in a year from its rule: "12-25" (a fixed day) or "11 Thu 4 +1"
    (the fourth Thursday of November, moved one day on); `weekday_of` numbers weekday
    names from 0 (Monday)."""
    fixed = re.fullmatch(r"(\d\d)-(\d\d)", rule)
    if fixed:
        return safe_date(year_, int(fixed[1]), int(fixed[2]))
    month_, weekday_name, nth_, *shift = rule.split()
    weekday = weekday_of[weekday_name.lower()]
    first = dt.date(year_, int(month_), 1)
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (int(nth_) - 1))
    return day + dt.timedelta(days=int(shift[0]) if shift else 0)
