"""Time expressions: find dates in text and resolve them against an anchor date.

The public face of the date tagger. A rule-based tagger: regular expressions built once
from `data/time_words.yaml` (`timex_words`, `timex_patterns`), with handlers per form
(`timex_absolute`, `timex_relative`, `timex_timeml`), calendar arithmetic in
`timex_calendar` and tense cues in `timex_tense`. Relative expressions ("Friday",
"yesterday", "last week") are resolved against the publication date; a resolved value
never claims more precision than the text gives. With `timeml=True` it also reads
TimeML's other forms (durations, sets, PRESENT_REF, quarters, seasons, parts of days),
whose TIMEX3 values `timex3` gives. Datelines are read in `newsevents.resolve.datelines`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import re
from functools import lru_cache

from newsevents.records import Dateline, Mention, ResolvedDate, TimeExpression
from newsevents.resolve.timex_calendar import UNKNOWN, Tense, safe_date
from newsevents.resolve.timex_scan import TimexExpression, tagger
from newsevents.resolve.timex_tense import sentence_tense
from newsevents.resolve.timex_words import alternation, time_words
from newsevents.resolve.timex_zones import utc_offset

__all__ = [
    "TimexExpression",
    "dates_the_event",
    "dates_the_saying",
    "find_dateline",
    "find_time_expressions",
    "full_day",
    "last_told_day",
    "local_day",
    "mentions_narrated_day",
    "parse_published",
    "reanchored",
    "resolve_expression",
    "sentence_tense",
    "timex3",
]


def find_time_expressions(
    text: str,
    anchor: dt.date | None,
    tense: Tense = "past",
    *,
    timeml: bool = False,
    told: dt.date | None = None,
) -> list[TimeExpression]:
    """Every date expression in `text`, in order, resolved against `anchor`.

    Without an anchor, only expressions that carry their own year resolve. With `timeml`,
    also durations, sets, references ("now"), quarters and seasons, as `TimexExpression`s
    whose TimeML reading `timex3` gives; most of these have no calendar value. `told` is
    the day the story last told before `text` ("the next day" counts from it).
    """
    if text.islower():
        # A text without capitals ("since 2 february", MUC-4's processed messages) gives
        # no case cue: month and weekday names are read as if capitalised.
        titled = _calendar_names().sub(lambda m: m.group(0).title(), text)
        found = tagger().scan(titled, anchor, tense, timeml, told)
        return [dataclasses.replace(e, text=text[e.start : e.end]) for e in found]
    return tagger().scan(text, anchor, tense, timeml, told)


def mentions_narrated_day(text: str) -> bool:
    """True when the text counts a day from an earlier told one ("the next day")."""
    return _narrated_phrases().search(text) is not None


def last_told_day(text: str, anchor: dt.date | None) -> dt.date | None:
    """The last single day a text tells ("... on Friday."), for the sentences after it."""
    days = [e.value.date for e in find_time_expressions(text, anchor) if full_day(e)]
    return dt.date.fromisoformat(days[-1]) if days and days[-1] else None


@lru_cache(maxsize=1)
def _narrated_phrases() -> re.Pattern[str]:
    return re.compile(rf"\b{alternation(tagger().lex.narrated_days)}\b", re.I)


_SCOPE_WINDOW = 80  # how far before a date its tally or superlative may stand


def dates_the_event(sentence: str, expr: TimeExpression) -> bool:
    """False when an expression bounds something else than the event told: the start of a
    running tally ("raises to 50 the children killed since the beginning of 2019", "since
    the start of the escalation in late December") or a superlative's scope ("the heaviest
    attack in this year"). A span that reaches the present ("since yesterday") still
    dates the event."""
    value = expr.value
    if value.precision == "day" and value.date_end is not None:
        return True
    before = sentence[max(0, expr.start - _SCOPE_WINDOW) : expr.start]
    cues = _scope_cues()
    # the expression may hold the cue's last words: "from [the beginning of 2019]"
    if cues.tally.search(before + expr.text) or cues.opens_tally.search(before):
        return False
    return value.precision == "day" or cues.superlative.search(before) is None


def dates_the_saying(sentence: str, expr: TimeExpression) -> bool:
    """True when an expression right after a verb of saying dates the report rather than
    the event told in it: "Police said today that rebels killed nine peasants on 17 August"."""
    return (
        _saying_cue().search(sentence, max(0, expr.start - _SAYING_WINDOW), expr.start) is not None
    )


_SAYING_WINDOW = 30  # "said on Monday": the verb stands just before the date


@lru_cache(maxsize=1)
def _saying_cue() -> re.Pattern[str]:
    verbs = alternation(time_words().words("speech_verbs"))
    return re.compile(rf"\b{verbs}\s+(?:(?:on|late|early|earlier)\s+)?$", re.I)


@dataclasses.dataclass(frozen=True)
class _ScopeCues:
    tally: re.Pattern[str]  # "since the start of the escalation in" before the date
    opens_tally: re.Pattern[str]  # "since" right before it
    superlative: re.Pattern[str]  # "the heaviest attack in" before it


@lru_cache(maxsize=1)
def _scope_cues() -> _ScopeCues:
    words = time_words()
    starts = alternation(w for w in words.words("tally_start_cues") if " " in w)
    leads = alternation(w for w in words.words("tally_start_cues") if " " not in w)
    superlatives = alternation(words.words("superlatives"))
    return _ScopeCues(
        tally=re.compile(rf"\b{starts}\b[^,;:.!?]*$", re.I),
        opens_tally=re.compile(rf"\b{leads}\s+$", re.I),
        superlative=re.compile(
            rf"\b{superlatives}\b(?:\s+[\w-]+){{0,4}}?\s+(?:in|of|during|for)\s+$", re.I
        ),
    )


def resolve_expression(expr: str, anchor: dt.date | None, tense: Tense = "past") -> ResolvedDate:
    """Normalise one expression string ("last Friday", "December", "1990")."""
    scanner = tagger()
    # A lone expression has no verb to tell its tense: the caller's tense holds.
    found = scanner.scan(expr, anchor, tense, firm=True)
    if not found:
        # A gold span is known to be a date, so a bare month or year counts, in any case.
        titled = _calendar_names().sub(lambda m: m.group(0).title(), expr)
        found = scanner.scan("in " + titled, anchor, tense, firm=True)
    if not found:
        return UNKNOWN
    return max(found, key=lambda e: e.end - e.start).value


@lru_cache(maxsize=1)
def _calendar_names() -> re.Pattern[str]:
    scanner = tagger()
    names = [*scanner.month_words, *scanner.weekday_words]
    return re.compile(rf"\b{alternation(names)}\b", re.I)


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
        return safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
    for expr in find_time_expressions(text, None):
        if full_day(expr) and expr.value.date:
            return dt.date.fromisoformat(expr.value.date)
    return None


def local_day(
    published: str | None, iso3: str | None, mention: Mention, anchor: dt.date | None
) -> tuple[dt.date | None, Mention]:
    """The publication day in the local time of the event's country, and the mention with
    its relative dates re-read against that day when it is not `anchor`.

    A story stamped 22:17 UTC on 11 March about Pakistan was published on the 12th there
    (UTC+5): its "yesterday" is the 11th. Without a zoned stamp or a single-zone country,
    `anchor` and the mention unchanged.
    """
    offset = utc_offset(iso3)
    if offset is None or anchor is None:
        return anchor, mention
    local = parse_published(published, offset)
    if local is None or local == anchor:
        return anchor, mention
    times = reanchored(mention.times, mention.sentence, local)
    return local, dataclasses.replace(mention, times=times)


def reanchored(
    times: tuple[TimeExpression, ...], text: str, anchor: dt.date
) -> tuple[TimeExpression, ...]:
    """The expressions of `text` resolved again against another anchor; an expression the
    new reading leaves unresolved ("the next day" counted from a day told earlier) keeps
    its value."""
    fresh = {(e.start, e.end): e for e in find_time_expressions(text, anchor)}
    out = []
    for expr in times:
        again = fresh.get((expr.start, expr.end))
        out.append(again if again is not None and again.value.date is not None else expr)
    return tuple(out)


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


def full_day(expr: TimeExpression) -> bool:
    """True when an expression names exactly one whole day."""
    value = expr.value
    return value.precision == "day" and value.date is not None and value.date_end is None


def find_dateline(text: str, anchor: dt.date | None = None) -> Dateline | None:
    """The dateline or byline opening an article: place, date and outlet where given.

    Kept here for callers of this module; the rules live in `newsevents.resolve.datelines`.
    """
    from newsevents.resolve.datelines import find_dateline as find

    return find(text, anchor)
