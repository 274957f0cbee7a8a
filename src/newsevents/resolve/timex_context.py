"""What every date-tagger handler shares: the indexed word lists, the text being read
and its anchor, and the TimeML result a calendar value cannot carry."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from newsevents.records import ResolvedDate
from newsevents.resolve.timex_calendar import Tense
from newsevents.resolve.timex_tense import tense_at
from newsevents.resolve.timex_words import TimeWords, time_words

__all__ = [
    "Ctx",
    "Handler",
    "Lexicon",
    "Match",
    "Narrated",
    "Result",
    "Timex",
    "group",
    "lexicon",
]

Match = re.Match[str]


@dataclass(frozen=True)
class Lexicon:
    """The word lists as the handlers use them: lower-cased sets and lookup tables."""

    words: TimeWords
    may_followers: frozenset[str]
    weekday_followers: frozenset[str]
    weekday_precedents: frozenset[str]
    count_nouns: frozenset[str]
    of_blockers: frozenset[str]
    ordinal_followers: frozenset[str]
    name_followers: frozenset[str]
    relative_days: dict[str, int]
    period_of: dict[str, str]
    period_mods: dict[str, int]
    numbers: dict[str, int]
    duration_units: dict[str, str]
    set_words: dict[str, str]
    reference_words: dict[str, str]
    day_part_codes: dict[str, str]
    seasons: dict[str, str]
    ordinals: dict[str, int]
    quarter_rel: dict[str, int]
    vague: frozenset[str]
    duration_blockers: frozenset[str]
    ref_followers: frozenset[str]
    period_cues: frozenset[str]
    someday_modals: frozenset[str]
    narrated_days: dict[str, int]
    clock_words: dict[str, str]
    quarter_year_shifts: dict[str, int]
    holidays: dict[str, str]
    year_centuries: dict[str, int]

    def month(self, name: str) -> int:
        """The number of a month name or abbreviation ("Sept." -> 9)."""
        return self.words.month_of[name.rstrip(".").lower()]

    def count(self, raw: str) -> int:
        """A count written in digits or words ("3", "three", "a couple of")."""
        key = " ".join(raw.lower().split())
        return int(key) if key.isdigit() else self.numbers[key]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The bundled word lists, indexed (built once)."""
    w = time_words()
    return Lexicon(
        words=w,
        may_followers=w.lower_set("may_followers_not_dates"),
        weekday_followers=w.lower_set("weekday_followers_not_dates"),
        weekday_precedents=w.lower_set("weekday_precedents_not_dates"),
        count_nouns=w.lower_set("count_nouns"),
        of_blockers=w.lower_set("of_year_blockers"),
        ordinal_followers=w.lower_set("ordinal_day_followers"),
        name_followers=w.lower_set("date_name_followers"),
        relative_days=w.mapping("relative_days"),
        period_of=w.texts("periods"),
        period_mods=w.mapping("period_modifiers"),
        numbers=w.mapping("number_words"),
        duration_units=w.texts("duration_units"),
        set_words=w.texts("set_words"),
        reference_words=w.texts("reference_words"),
        day_part_codes=w.texts("day_part_codes"),
        seasons=w.texts("seasons"),
        ordinals=w.mapping("period_ordinals"),
        quarter_rel=w.mapping("quarter_relatives"),
        vague=w.lower_set("vague_counts"),
        duration_blockers=w.lower_set("duration_blockers"),
        ref_followers=w.lower_set("reference_followers_not_times"),
        period_cues=w.lower_set("period_cues"),
        someday_modals=w.lower_set("someday_modals"),
        narrated_days=w.mapping("narrated_days"),
        clock_words=w.texts("clock_words"),
        quarter_year_shifts=w.mapping("quarter_year_shifts"),
        holidays=w.texts("holidays"),
        year_centuries=w.mapping("year_centuries"),
    )


@dataclass(frozen=True)
class Ctx:
    """What a pattern handler needs besides its match: the whole text and its anchor."""

    text: str
    anchor: dt.date | None
    tense: Tense
    lex: Lexicon
    timeml: bool = False
    firm: bool = False  # the caller's tense holds: no clause cue may turn it round

    def tense_at(self, start: int) -> Tense:
        """The tense at one position of the text."""
        return tense_at(self.text, start, self.tense)

    def next_word(self, end: int, past_commas: bool = True) -> str:
        """The word after a position (skipping spaces, and commas unless `past_commas` is
        False), "" at the end (or at a comma)."""
        gap = r"[\s,]*" if past_commas else r"\s*"
        found = re.match(gap + r"([\w']+)", self.text[end : end + 40])
        return found.group(1) if found else ""

    def prev_word(self, start: int) -> str:
        """The word before a position, "" at the start."""
        found = re.search(r"([\w']+)\W*$", self.text[max(0, start - 40) : start])
        return found.group(1) if found else ""

    def may_is_modal(self, m: Match, name: str) -> bool:
        """True when a bare "May" is the verb ("may be", "May God ...")."""
        if m.group(name).rstrip(".").lower() != "may":
            return False
        return self.next_word(m.end(name)).lower() in self.lex.may_followers

    def is_count(self, end: int) -> bool:
        """True when the number is followed by a counted noun ("2000 strikes"). A comma
        between them ends the number's phrase: "In 2015, rebels took Idlib", "the attack,
        in 2009, killed 25" name years."""
        return self.next_word(end, past_commas=False).lower() in self.lex.count_nouns


@dataclass(frozen=True)
class Timex:
    """A handler's result with a TIMEX3 reading the calendar value cannot carry."""

    value: ResolvedDate
    type: str  # DATE, TIME, DURATION or SET
    timex: str  # "P3Y", "1998-Q3", "PRESENT_REF", "2019-03-22TMO"


@dataclass(frozen=True)
class Narrated:
    """A day counted from the day the text last told ("the next day": 1); the scan
    resolves it once it knows that day."""

    days: int


Result = ResolvedDate | Timex | Narrated | None
Handler = Callable[[Match, Match | None, Ctx], Result]


def group(m: Match | None, name: str) -> str:
    """A group's text, "" when the match or the group is absent."""
    if m is None or name not in m.re.groupindex:
        return ""
    return m.group(name) or ""
