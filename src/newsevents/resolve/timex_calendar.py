"""Calendar arithmetic for the date tagger: periods as `ResolvedDate`s, and the nearest
day, month or weekday before or after an anchor date."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Literal

from newsevents.records import ResolvedDate

__all__ = [
    "UNKNOWN",
    "Tense",
    "day_span",
    "day_value",
    "expand_year",
    "infer_month_year",
    "infer_year",
    "months_value",
    "nearest_day",
    "nearest_month_year",
    "safe_date",
    "shift_month",
    "shifted",
    "week_of",
    "weekday_date",
    "years_value",
]

Tense = Literal["past", "future"]
UNKNOWN = ResolvedDate(None, None, "unknown")


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (30 February)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def day_value(day: dt.date) -> ResolvedDate:
    """One day at day precision."""
    return ResolvedDate(day.isoformat(), None, "day")


def day_span(first: dt.date, last: dt.date) -> ResolvedDate | None:
    """Several days at day precision; None when they run backwards."""
    if last < first:
        return None
    if last == first:
        return day_value(first)
    return ResolvedDate(first.isoformat(), last.isoformat(), "day")


def months_value(
    year: int, month: int, year2: int | None = None, month2: int | None = None
) -> ResolvedDate:
    """A month (or a run of months) at month precision."""
    last_year, last_month = year2 or year, month2 or month
    last = dt.date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])
    return ResolvedDate(dt.date(year, month, 1).isoformat(), last.isoformat(), "month")


def years_value(year: int, year2: int | None = None) -> ResolvedDate:
    """A year (or a run of years) at year precision."""
    return ResolvedDate(f"{year:04d}-01-01", f"{year2 or year:04d}-12-31", "year")


def week_of(day: dt.date) -> ResolvedDate:
    """The Monday-to-Sunday week holding a day, at week precision."""
    monday = day - dt.timedelta(days=day.weekday())
    return ResolvedDate(monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat(), "week")


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    """The (year, month) `by` months after (or before, when negative) a month."""
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def shifted(anchor: dt.date, unit: str, by: int) -> ResolvedDate:
    """The calendar `unit` (day, week, month, year) `by` units from the anchor's, at that
    unit's precision: "yesterday" (day, -1), "last week" (week, -1), "two years ago"."""
    if unit == "day":
        return day_value(anchor + dt.timedelta(days=by))
    if unit == "week":
        return week_of(anchor + dt.timedelta(weeks=by))
    if unit == "month":
        return months_value(*shift_month(anchor.year, anchor.month, by))
    return years_value(anchor.year + by)


def expand_year(text: str) -> int:
    """A year as written; two digits pivot at 50 (89 -> 1989, 05 -> 2005)."""
    year = int(text)
    if len(text) == 2:
        return year + (1900 if year >= 50 else 2000)
    return year


def infer_year(month: int, day: int, anchor: dt.date, tense: Tense) -> dt.date | None:
    """The nearest such day not after (past) or not before (future) the anchor."""
    step = -1 if tense == "past" else 1
    for offset in range(9):  # 29 February may need up to eight years
        candidate = safe_date(anchor.year + step * offset, month, day)
        if candidate is None:
            continue
        if (tense == "past" and candidate <= anchor) or (tense == "future" and candidate >= anchor):
            return candidate
    return None


def nearest_day(month: int, day: int, anchor: dt.date, tense: Tense, reach: int) -> dt.date | None:
    """The day-and-month in the tense's direction, unless that is more than half a year
    away and the other direction's is within `reach` days: a report dated 5 January that
    mentions "Jan. 14" means the coming one, whatever tense its sentence is read in."""
    found = infer_year(month, day, anchor, tense)
    other = infer_year(month, day, anchor, "future" if tense == "past" else "past")
    if found is None or other is None:
        return found or other
    if abs((found - anchor).days) > 183 and abs((other - anchor).days) <= reach:
        return other
    return found


def infer_month_year(month: int, anchor: dt.date, tense: Tense, strict: bool = False) -> int:
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


def nearest_month_year(month: int, anchor: dt.date, tense: Tense, reach: int) -> int:
    """Year of the month in the tense's direction, unless that is more than half a year
    away and the other direction's is within `reach` months ("cutbacks in September" in
    a report of 16 August is the coming September)."""
    year = infer_month_year(month, anchor, tense)
    other = infer_month_year(month, anchor, "future" if tense == "past" else "past")
    distance = abs((year - anchor.year) * 12 + month - anchor.month)
    other_distance = abs((other - anchor.year) * 12 + month - anchor.month)
    return other if distance > 6 and other_distance <= reach else year


def weekday_date(weekday: int, anchor: dt.date, tense: Tense, rel: str) -> dt.date:
    """The weekday nearest the anchor in the tense's direction: a past "Friday" is the most
    recent one on or before the anchor, "last"/"next" skip the anchor's own day."""
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
