"""The date tagger's pattern table: one regex per written form of a date, each with the
handler that resolves it (in `timex_absolute`, `timex_relative`, `timex_timeml`).

The regexes are built once from the word lists of `data/time_words.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from newsevents.resolve import timex_absolute as absolute
from newsevents.resolve import timex_relative as relative
from newsevents.resolve import timex_timeml as timeml
from newsevents.resolve.timex_context import Handler, Lexicon
from newsevents.resolve.timex_words import APOS, DASH, alternation

__all__ = [
    "AFTER_NUMBER",
    "AFTER_WORD",
    "Pattern",
    "build_patterns",
    "holiday_names",
    "spelled_within",
]

AFTER_WORD = re.compile(r"\w")
AFTER_NUMBER = re.compile(r"[\w.,/:-]")
# "mid-1996" is a year; "3-1996" or "A-1996" is not.
_NOT_BEFORE_YEAR = re.compile(r"[\w.,/:]|(?<!(?i:mid))-")


@dataclass(frozen=True)
class Pattern:
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


def build_patterns(lex: Lexicon) -> list[Pattern]:
    """The pattern table: every form the tagger reads, absolute forms first."""
    w = lex.words
    abbrevs = alternation(
        (n for n in w.month_of if n not in {f.lower() for f in w.months_full}), True
    )
    # A full stop ends a sentence after "March" but belongs to "Mar."
    # Next to a day or a year a month name is a date in any case ("since 2 february"
    # in lower-cased or badly recased text); alone it must be capitalised.
    months = rf"(?:{alternation(w.months_full, cased=True, lower=True)}\b|{abbrevs}\b\.?)"
    # A month alone must be spelt out: "in Jan" is more often a name than a month.
    months_full = alternation(w.months_full, cased=True)
    wd_all = alternation(w.weekday_of, cased=True)
    wd_full = alternation(w.weekday_full, cased=True, lower=True)  # "friday" is never a word
    part_mod = alternation(w.words("part_modifiers"))
    preps = alternation(w.words("date_prepositions"))
    day_parts = alternation(w.words("day_parts"))
    numbers = alternation(lex.numbers)
    units = alternation(lex.period_of)
    period_units = alternation(k for k, v in lex.period_of.items() if v != "day" and k == v)
    period_mods = alternation(lex.period_mods)

    def mon(g: str) -> str:
        return rf"(?P<{g}>{months})"

    def day(g: str) -> str:
        # "26:" ends a phrase ("on Monday, Oct. 26: ..."); "10:35" is a clock time
        return rf"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th|ST|ND|RD|TH)?(?!\w|:\d)"

    def year(g: str) -> str:
        return rf"(?P<{g}>(?:1[89]|20)\d\d)(?!\w|[.,]\d)"

    def prefix(body: str) -> re.Pattern[str]:
        return re.compile(rf"(?:{body})$", re.I)

    conn = rf"(?:\s*(?P<conn>{DASH})\s*|\s+(?P<connw>(?i:to|and|until|till|through))\s+)"
    lead = prefix(r"\b(?P<lead>from|between)\s+")
    day_prefix = prefix(
        rf"(?P<x>(?:\b(?P<rel>last|next|this|coming)\s+)?(?:\b(?-i:{wd_all})\.?,?\s+)?)"
        r"(?:\bthe\s+)?"
    )
    specs: list[Pattern] = [
        Pattern(
            re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d-])"),
            absolute.iso,
            "digit",
            not_after=re.compile(r"[\w.-]"),
        ),
        Pattern(
            re.compile(
                r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
                r"(?![\d/-]|\.\d)"
            ),
            absolute.numeric,
            "digit",
            not_after=re.compile(r"[\w./-]"),
        ),
        Pattern(
            re.compile(rf"{day('d')}(?:\s+(?i:of))?\s+{mon('m')}(?:,?\s+{year('y')})?"),
            absolute.day_month,
            "digit",
            day_prefix,
            not_after=AFTER_NUMBER,
        ),
        Pattern(
            re.compile(rf"{mon('m')}\s+{day('d')}(?:,?\s+{year('y')})?"),
            absolute.day_month,
            "month",
            day_prefix,
        ),
        Pattern(
            re.compile(rf"{mon('m')},?\s+(?:(?i:of)\s+)?{year('y')}"),
            absolute.month_year,
            "month",
            prefix(rf"(?P<x>\b{part_mod}[-\s]+)"),
        ),
        Pattern(
            re.compile(
                rf"(?P<m>{months_full})\b(?:\s+(?i:of))?\s+(?P<mod>(?i:{period_mods}))"
                rf"\s+(?i:year)\b"
            ),
            absolute.month_rel_year,
            "month",
            prefix(rf"(?P<x>\b{part_mod}[-\s]+)"),
        ),
        Pattern(
            re.compile(
                rf"{day('d1')}(?:\s+(?:(?i:of)\s+)?{mon('m1')})?(?:,?\s+{year('y1')})?{conn}"
                rf"{day('d2')}(?:\s+(?i:of))?\s+{mon('m2')}(?:,?\s+{year('y2')})?"
            ),
            absolute.days_span,
            "digit",
            lead,
            not_after=AFTER_NUMBER,
        ),
        Pattern(
            re.compile(
                rf"{mon('m1')}\s+{day('d1')}(?:,?\s+{year('y1')})?{conn}"
                rf"(?:{mon('m2')}\s+)?{day('d2')}(?:,?\s+{year('y2')})?"
            ),
            absolute.days_span,
            "month",
            lead,
        ),
        Pattern(
            re.compile(rf"{mon('m1')}(?:\s+{year('y1')})?{conn}{mon('m2')}(?:,?\s+{year('y2')})?"),
            absolute.month_span,
            "month",
            lead,
        ),
        Pattern(
            re.compile(rf"{year('y1')}{conn}{year('y2')}"),
            absolute.year_span,
            "digit",
            prefix(r"(?:\b(?P<lead>from|between)|(?P<paren>\())\s*"),
            not_after=AFTER_NUMBER,
        ),
        Pattern(
            re.compile(year("y")),
            absolute.year,
            "digit",
            prefix(
                rf"(?:\b(?P<pre>{preps}|and|or|to)\s+)?"
                rf"(?:(?P<x>\b(?P<mod>{part_mod})[-\s]+)|(?P<the>\bthe\s+(?:year\s+)?)"
                # "a 1996 law", "his unsuccessful 1996 campaign", "the company's 1989 results"
                rf"|(?P<det>(?:\b{alternation(w.words('year_determiners'))}|\w[{APOS}]s)"
                r"\s+(?:[a-z]+\s+)?))?"
            ),
            not_after=_NOT_BEFORE_YEAR,
        ),
        Pattern(
            re.compile(rf"(?m)^[ \t]*(?P<x>{year('y')})[ \t]*(?::|{DASH}(?=\s))"),
            absolute.year_label,
            "digit",
        ),
        Pattern(re.compile(rf"\((?P<x>{year('y')})\)"), absolute.year_label, "digit"),
        Pattern(
            re.compile(rf"(?P<m>{months_full})\b"),
            absolute.month,
            "month",
            prefix(
                rf"(?:\b(?P<pre>{preps})\s+)?(?P<x>\b(?P<mod>{part_mod})[-\s]+"
                r"|\b(?P<rel>last|next|this|coming|previous)\s+)?(?P<det>\bthe\s+)?"
            ),
        ),
        Pattern(
            re.compile(
                rf"(?P<c>{alternation(lex.year_centuries)})"
                rf"(?:[-\s]+(?:and\s+)?(?P<r>{spelled_within(lex.numbers)}))?\b"
            ),
            absolute.spelled_year,
            "word",
            prefix(rf"(?P<x>\b(?:(?P<the>the\s+year)|(?P<m>(?-i:{months_full})))\s+)?"),
            lower=True,
            not_after=AFTER_WORD,
        ),
        Pattern(
            re.compile(
                rf"(?P<h>{holiday_names(lex.holidays)})\b(?:,?\s+(?P<y>(?:1[89]|20)\d\d)\b)?"
            ),
            absolute.holiday,
            "word",
            prefix(r"(?P<x>\b(?P<rel>last|next|this)\s+)?"),
            not_after=AFTER_WORD,
        ),
        Pattern(
            re.compile(r"on\s+(?P<x>the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th))\b"),
            absolute.nth,
            "digit",
            lower=True,
            not_after=AFTER_WORD,
        ),
        Pattern(
            re.compile(rf"(?P<wd>{wd_full})\b(?:\s+(?P<part>(?i:{day_parts}))\b)?"),
            relative.weekday,
            "weekday",
            prefix(
                r"(?P<x>(?:\b(?P<rel>last|this|next|past|previous|coming|following)\s+)?"
                r"(?:\b(?:early|late)\s+)?)"
            ),
        ),
        Pattern(
            re.compile(rf"(?P<k>{alternation(lex.relative_days)})(?:\s+(?P<part>{day_parts}))?\b"),
            relative.relative_day,
            "word",
            lower=True,
            not_after=AFTER_WORD,
        ),
        Pattern(
            re.compile(rf"{alternation(lex.narrated_days)}\b"),
            relative.narrated,
            "word",
            lower=True,
            not_after=AFTER_WORD,
        ),
        Pattern(
            re.compile(rf"{alternation(w.words('unanchored_phrases'))}\b"),
            relative.unanchored,
            "word",
            lower=True,
            not_after=AFTER_WORD,
        ),
        Pattern(
            re.compile(rf"(?P<mod>{period_mods})\s+(?P<unit>{period_units})\b"),
            relative.period,
            "word",
            lower=True,
            not_after=AFTER_WORD,
        ),
        Pattern(
            re.compile(rf"{alternation(w.words('past_day_phrases'))}\b"),
            relative.past_day,
            "word",
            lower=True,
            not_after=AFTER_WORD,
        ),
        Pattern(
            re.compile(
                r"(?P<mod>the\s+past|the\s+last|last|this|next|the\s+coming|the)\s+weekend\b"
            ),
            relative.weekend,
            "word",
            lower=True,
            not_after=AFTER_WORD,
        ),
        Pattern(
            re.compile(rf"(?P<n>\d{{1,2}}|{numbers})\s+(?P<unit>{units})\s+(?P<dir>ago|earlier)\b"),
            relative.ago,
            "word",
            lower=True,
            not_after=AFTER_WORD,
        ),
    ]
    specs += _timeml_patterns(lex, numbers, prefix)
    return specs


def spelled_within(numbers: dict[str, int]) -> str:
    """The words of a number from 1 to 99 as said in a year ("ninety-six", "seventy",
    "eleven", "one"), as a regex."""
    units = [k for k, v in numbers.items() if 1 <= v <= 9 and " " not in k and len(k) > 2]
    teens = [k for k, v in numbers.items() if 10 <= v <= 19]
    tens = [k for k, v in numbers.items() if v in range(20, 100, 10)]
    return (
        rf"(?:{alternation(tens)}(?:[-\s]+{alternation(units)})?"
        rf"|{alternation(teens)}|{alternation(units)})"
    )


def holiday_names(names: dict[str, str]) -> str:
    """The holidays' names with every word capitalised ("New Year's Day"), or in capitals,
    as a case-sensitive regex; either apostrophe."""
    forms: set[str] = set()
    for name in names:
        titled = " ".join(w[:1].upper() + w[1:] for w in name.split())
        forms |= {titled, titled.upper()}
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    body = "|".join(re.escape(f).replace(r"\ ", r"\s+").replace("'", f"[{APOS}]") for f in ordered)
    return f"(?:{body})"


def _timeml_patterns(
    lex: Lexicon, numbers: str, prefix: Callable[[str], re.Pattern[str]]
) -> list[Pattern]:
    """Durations, sets, references, quarters, seasons, decades and clock times."""
    w = lex.words
    count = rf"(?P<n>\d{{1,3}}(?:\.\d)?|{numbers}|{alternation(lex.vague)})"
    units = alternation(lex.duration_units)
    ordinals = alternation(lex.ordinals)
    year_shifts = alternation(lex.quarter_year_shifts)
    seasons = alternation(lex.seasons)
    wd_full = alternation(w.weekday_full, cased=True)
    rel_days = alternation(k for k in lex.relative_days if " " not in k)
    # the day a clock time falls on: "10:35 a.m. (0735 GMT) Friday", "noon yesterday"
    months = alternation(w.month_of, cased=True)
    # ... or the month and day after it: "until 5 p.m. EST Nov. 9"
    on_day = (
        rf"(?:\s*\([^()\n]{{1,20}}\))?(?:,?\s+(?:on\s+)?(?P<wd>{wd_full})\b"
        rf"|\s+(?P<rd>(?i:{rel_days}))\b"
        rf"|,?\s+(?:on\s+)?(?P<mo>{months})\.?\s+(?P<md>[0-3]?\d)\b(?![:\d]))?"
    )
    return [
        Pattern(
            re.compile(rf"{count}(?:[-\s]+|(?<=\d))(?P<unit>{units})(?P<long>-long)?\b"),
            timeml.duration,
            "word",
            prefix(rf"(?P<x>\b(?P<lead>{alternation(w.words('duration_leads'))})\s+)?"),
            lower=True,
            not_after=AFTER_NUMBER,
            timeml_only=True,
        ),
        Pattern(
            re.compile(rf"{alternation(lex.set_words)}\b"),
            timeml.set,
            "word",
            lower=True,
            not_after=AFTER_WORD,
            timeml_only=True,
        ),
        Pattern(
            re.compile(rf"{alternation(lex.reference_words)}\b"),
            timeml.reference,
            "word",
            lower=True,
            not_after=AFTER_WORD,
            timeml_only=True,
        ),
        Pattern(
            re.compile(
                rf"(?:the\s+)?(?:(?P<y0>(?:19|20)\d\d)\s+|(?P<shift>{year_shifts})\s+)?"
                rf"(?:fiscal\s+)?(?:(?P<ord>{ordinals})|(?P<rel>{alternation(lex.quarter_rel)}))?"
                rf"(?:[-\s]+fiscal)?[-\s]*(?P<unit>quarter|half|period)\b"
                rf"(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)\b)?"
            ),
            timeml.quarter,
            "word",
            lower=True,
            not_after=AFTER_WORD,
            timeml_only=True,
        ),
        Pattern(
            re.compile(rf"(?P<s>{seasons})\b(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)\b)?"),
            timeml.season,
            "word",
            prefix(
                rf"(?:\b(?P<prep>{alternation(w.words('season_prepositions'))})\s+)?"
                rf"(?P<x>(?:\bthe\s+)?(?:\b(?P<lead>{alternation(w.words('season_leads'))})\s+)?)"
            ),
            lower=True,
            not_after=AFTER_WORD,
            timeml_only=True,
        ),
        Pattern(
            re.compile(r"(?P<y>1[89]\d0|20\d0)'?s\b"),
            timeml.decade,
            "digit",
            prefix(r"(?P<x>\b(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?)"),
            not_after=AFTER_NUMBER,
        ),
        Pattern(
            re.compile(
                r"(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap])\.?m\b\.?"
                rf"(?:\s+(?-i:[A-Z]{{2,4}}))?{on_day}"
            ),
            timeml.clock,
            "digit",
            not_after=AFTER_NUMBER,
            timeml_only=True,
        ),
        Pattern(
            re.compile(rf"(?P<nm>(?i:{alternation(lex.clock_words)})){on_day}"),
            timeml.named_clock,
            "word",
            not_after=AFTER_WORD,
            timeml_only=True,
        ),
    ]
