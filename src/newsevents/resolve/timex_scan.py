"""The date tagger's scan: run the pattern table over a text, keep the longest
non-overlapping matches, and turn them into `TimeExpression`s."""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass
from functools import lru_cache

from newsevents.records import ResolvedDate, TimeExpression
from newsevents.resolve.timex_calendar import UNKNOWN, Tense, day_span, day_value
from newsevents.resolve.timex_context import Ctx, Lexicon, Narrated, Timex, group, lexicon
from newsevents.resolve.timex_patterns import Pattern, build_patterns

__all__ = ["Tagger", "TimexExpression", "tagger"]

# ASCII-only lower-casing keeps every offset valid (str.lower can change lengths).
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_PREFIX_WINDOW = 50
_DIGIT = re.compile(r"\d")
_SINCE = re.compile(r"\bsince\s+(?:(?:early|late)\s+)?(?:the\s+)?$", re.I)

Found = tuple[int, int, ResolvedDate | Timex | Narrated]
Chosen = tuple[int, int, ResolvedDate | Timex]


@dataclass(frozen=True)
class TimexExpression(TimeExpression):
    """A time expression with its TimeML type and a TIMEX3 value the calendar value
    cannot carry (durations, sets, quarters, seasons, parts of days, PRESENT_REF)."""

    timex_type: str = "DATE"
    timex_value: str = ""


class Tagger:
    """Compiled patterns and the words that tell whether any of them can match."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.patterns: list[Pattern] = build_patterns(lex)
        self.month_words = frozenset(lex.words.month_of)
        self.weekday_words = frozenset(n.lower() for n in lex.words.weekday_full)
        phrases = [
            *lex.relative_days,
            *lex.words.words("unanchored_phrases"),
            *lex.narrated_days,
            *lex.words.words("past_day_phrases"),
        ]
        lasts = {p.split()[-1].lower() for p in phrases}
        # Single words one of which every non-numeric expression contains.
        # the last word of a holiday ("Christmas Eve") or a year's century ("nineteen")
        named = [*lex.holidays, *lex.year_centuries]
        lasts |= {re.findall(r"[a-z]+", n.lower())[-1] for n in named}
        self.trigger_words = frozenset(lasts | set(lex.period_of) | {"weekend", "ago"})
        # ... and of the TimeML-only patterns (kept apart to keep the default fast).
        extra = {p.split()[-1] for p in [*lex.set_words, *lex.reference_words]}
        extra |= set(lex.duration_units) | set(lex.seasons) | set(lex.clock_words)
        extra |= {"quarter", "half"}
        self.timeml_words = frozenset(extra | self.trigger_words)

    def scan(
        self,
        text: str,
        anchor: dt.date | None,
        tense: Tense,
        timeml: bool = False,
        told: dt.date | None = None,
        firm: bool = False,
    ) -> list[TimeExpression]:
        """Every expression in the text, in order, resolved against the anchor; `told` is
        the day the story last told before the text, for "the next day"; `firm` keeps an
        unyeared date in the given tense's direction even without a verb to show it."""
        tokens = set(re.findall(r"[a-z]+", text.lower()))
        has = {
            "digit": _DIGIT.search(text) is not None,
            "month": not self.month_words.isdisjoint(tokens),
            "weekday": not self.weekday_words.isdisjoint(tokens),
            "word": not (self.timeml_words if timeml else self.trigger_words).isdisjoint(tokens),
        }
        if not any(has.values()):
            return []
        ctx = Ctx(text, anchor, tense, self.lex, timeml, firm)
        lowered = text.translate(_ASCII_LOWER) if has["word"] or has["digit"] else text
        found: list[Found] = []
        for pattern in self.patterns:
            if not has[pattern.needs] or (pattern.timeml_only and not timeml):
                continue
            for m in pattern.regex.finditer(lowered if pattern.lower else text):
                found.extend(self._read(pattern, m, ctx))
        chosen = _count_from_told(_longest(found), told)
        if anchor is not None and "since" in lowered:
            chosen = [(s, e, _since(text, s, v, anchor)) for s, e, v in chosen]
        return [_expression(text, s, e, v) for s, e, v in chosen]

    @staticmethod
    def _read(pattern: Pattern, m: re.Match[str], ctx: Ctx) -> list[Found]:
        """The value of one match (none when its handler rejects it)."""
        text = ctx.text
        start, end = m.span("x") if "x" in m.re.groupindex else m.span()
        if m.start() and pattern.not_after and pattern.not_after.match(text, m.start() - 1):
            return []
        pre = None
        if pattern.prefix is not None:
            pre = pattern.prefix.search(text, max(0, m.start() - _PREFIX_WINDOW), m.start())
            if pre is not None and group(pre, "x"):
                start = pre.start("x")
        value = pattern.handler(m, pre, ctx)
        if isinstance(value, Timex) and not ctx.timeml:
            # Callers that want calendar dates get days only: no durations,
            # references or quarters, and "Friday morning" as that Friday.
            value = value.value if value.value.precision == "day" else None
        return [] if value is None else [(start, end, value)]


def _count_from_told(found: list[Found], told: dt.date | None) -> list[Chosen]:
    """Resolve "the next day" and the like against the last single day told before them
    (in this text, else `told`); unknown when there is none."""
    out: list[Chosen] = []
    for start, end, value in found:
        if isinstance(value, Narrated):
            resolved = day_value(told + dt.timedelta(days=value.days)) if told else UNKNOWN
            out.append((start, end, resolved))
            continue
        day = value.value if isinstance(value, Timex) else value
        if day.precision == "day" and day.date and not day.date_end:
            told = dt.date.fromisoformat(day.date)
        out.append((start, end, value))
    return out


def _longest(found: list[Found]) -> list[Found]:
    """Longest match wins; ties go to the earlier pattern (absolute before relative)."""
    chosen: list[Found] = []
    for start, end, value in sorted(found, key=lambda f: f[0] - f[1]):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, value))
    chosen.sort(key=lambda f: f[0])
    return chosen


def _since(
    text: str, start: int, value: ResolvedDate | Timex, anchor: dt.date
) -> ResolvedDate | Timex:
    """ "since Tuesday": from that day through the publication date (a span, so `date`
    stays the first day and `date_end` says it is still going on)."""
    if isinstance(value, Timex) or value.precision != "day" or value.date_end or not value.date:
        return value
    if not _SINCE.search(text, max(0, start - 20), start):
        return value
    first = dt.date.fromisoformat(value.date)
    return day_span(first, anchor) or value if first < anchor else value


def _expression(text: str, start: int, end: int, found: ResolvedDate | Timex) -> TimeExpression:
    if isinstance(found, Timex):
        return TimexExpression(text[start:end], start, end, found.value, found.type, found.timex)
    return TimeExpression(text[start:end], start, end, found)


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    """The tagger built from the bundled word lists (built once)."""
    return Tagger(lexicon())
