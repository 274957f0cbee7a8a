"""Events told as lasting several days: "a three-day siege that ended on Friday", "the
hijacking, which lasted 30 hours, ended on Sunday", "clashes raged for four days".

A sentence that dates an event to one day and says how long it lasted gives a span: the
day told is its last day (what ended, or what was reported when it was over) unless the
sentence says the event began then. The cue words are in `data/time_words.yaml`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from newsevents.records import ResolvedDate
from newsevents.resolve.timex_context import lexicon
from newsevents.resolve.timex_words import alternation

__all__ = ["event_span"]

_MAX_DAYS = 31  # a longer "duration" is a campaign or a sentence, not one event's span
_HOURS_PER_DAY = 24


@dataclass(frozen=True)
class _SpanRules:
    lasting: re.Pattern[str]  # "lasted 30 hours", "for three days"
    adjective: re.Pattern[str]  # "a three-day siege", "a 30-hour standoff"
    began: re.Pattern[str]
    ended: re.Pattern[str]
    tally: re.Pattern[str]  # "rising the number to 800 in 20 days of shelling"


@lru_cache(maxsize=1)
def _rules() -> _SpanRules:
    lex = lexicon()
    words = lex.words
    count = rf"(?P<n>\d{{1,3}}|{alternation(lex.numbers)})"
    units = alternation(words.texts("span_units"))
    nouns = alternation(words.words("span_nouns"))
    leads = alternation(words.words("span_leads"))
    return _SpanRules(
        lasting=re.compile(
            rf"\b{leads}\s+(?:(?:about|nearly|almost|some|over|more\s+than)\s+)?{count}\s+"
            rf"(?P<unit>{units})\b",
            re.I,
        ),
        # "a three-day siege", "a 30-hour standoff", "after four days of fighting"
        adjective=re.compile(
            rf"\b{count}[-\s](?P<unit>{units})(?:[-\s]long)?\s+(?:of\s+)?(?:\w+\s+)?{nouns}\b",
            re.I,
        ),
        began=re.compile(rf"\b{alternation(words.words('span_start_cues'))}\b", re.I),
        ended=re.compile(rf"\b{alternation(words.words('span_end_cues'))}\b", re.I),
        tally=re.compile(rf"\b{alternation(words.words('tally_cues'))}\b", re.I),
    )


def _days(count: str, unit: str) -> int | None:
    """Calendar days a duration covers at least (30 hours reach into a second day)."""
    lex = lexicon()
    key = " ".join(count.lower().split())
    n = int(key) if key.isdigit() else lex.numbers.get(key)
    code = lex.words.texts("span_units")[unit.lower()]
    if n is None or n <= 0:
        return None
    days = math.ceil(n / _HOURS_PER_DAY) if code == "H" else n * (7 if code == "W" else 1)
    return days if 1 < days <= _MAX_DAYS else None


def event_span(sentence: str, date: ResolvedDate, time_start: int | None = None) -> ResolvedDate:
    """The event's days: `date` widened to a span when the sentence says how long the event
    lasted; `date` itself when it is not a single day or no duration is told.

    `time_start` is where the dating expression stands in the sentence: a start cue
    ("began") before it, nearer than any end cue ("ended"), makes the told day the first.
    """
    if date.precision != "day" or date.date is None or date.date_end is not None:
        return date
    rules = _rules()
    found = rules.adjective.search(sentence) or rules.lasting.search(sentence)
    if found is None:
        return date
    days = _days(found["n"], found["unit"])
    if days is None:
        return date
    if time_start is not None and rules.tally.search(sentence, time_start, found.start()):
        # "80 killed in raids today, rising the number to 800 in 20 days of shelling": the
        # days are the running toll's, told after the day's own event
        return date
    day = dt.date.fromisoformat(date.date)
    before = sentence[: time_start if time_start is not None else len(sentence)]
    # The cue nearest before the date says which end of the span it is: "launched a
    # three-day offensive on Friday" (the first day), "ended ... on Friday" (the last).
    began = [m.end() for m in rules.began.finditer(before)]
    ended = [m.end() for m in rules.ended.finditer(before)]
    starts = bool(began) and (not ended or began[-1] > ended[-1])
    first, last = (
        (day, day + dt.timedelta(days=days - 1))
        if starts
        else (
            day - dt.timedelta(days=days - 1),
            day,
        )
    )
    return ResolvedDate(first.isoformat(), last.isoformat(), "day")
