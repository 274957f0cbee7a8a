"""Passage dates: an undated sentence that goes on telling an earlier, dated event of its
article takes that event's date instead of the publication day.

"Last month, BLA insurgents ambushed a bus in Kalat ... Just days later, a roadside bomb
... a supply convoy ... The convoy was passing through Kalat when it came under attack":
the last two sentences name no time, yet they tell February's events, not the day the
article appeared. A sentence continues the passage when it refers back to it (a sequel
word such as "later", or a definite noun phrase repeating a noun the passage used: "the
convoy" after "a supply convoy"), and only a passage dated clearly before the publication
window is continued: otherwise the publication day already dates the sentence well.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from newsevents.data_files import package_data, read_yaml_mapping
from newsevents.errors import DataFileError
from newsevents.records import ResolvedDate, ResolvedMention

# The date origin of a mention dated by its passage (besides "text", "published", "none").
PASSAGE = "passage"
# An undated report may tell of the publication day or the day before (linkage's window):
# a passage must end before that to be "earlier".
_PUBLISHED_SLACK_DAYS = 1
_WORD = re.compile(r"[a-z][a-z-]*")
_INDEFINITE = re.compile(r"\ban?\s+((?:[a-z][a-z-]*\s+){0,2}[a-z][a-z-]*)")
# Endings stripped so that "attacked", "attackers" and "attack" compare equal.
_ENDINGS = ("ings", "ing", "ers", "er", "ed", "es", "s")
_MIN_STEM = 4
_MIN_NOUN = 3  # "the bus", "the car"
_COUNTRY = 4  # geo_precision of a place known only as a country
_COARSE = ("month", "year")


@dataclass(frozen=True)
class PassageCues:
    """The word lists of passages.yaml."""

    sequels: frozenset[str]
    determiners: frozenset[str]
    not_referring: frozenset[str]


def _words(raw: dict[str, Any], key: str, path: str) -> frozenset[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"{path}: '{key}' must be a list of words; fix that section")
    return frozenset(v.lower() for v in value)


@lru_cache(maxsize=1)
def load_passage_cues() -> PassageCues:
    """The bundled passages.yaml, read once."""
    path = package_data("passages.yaml")
    raw = read_yaml_mapping(path)
    return PassageCues(
        sequels=_words(raw, "sequel_words", str(path)),
        determiners=_words(raw, "definite_determiners", str(path)),
        # Compared by stem: "countries" is "country".
        not_referring=frozenset(_stem(w) for w in _words(raw, "not_referring", str(path))),
    )


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word


def _definite_nouns(sentence: str, cues: PassageCues) -> set[str]:
    """Stems of the lower-case words in the first two after a definite determiner (the
    noun and a modifier before it: "the supply convoy", "the convoy was")."""
    words = re.findall(r"[A-Za-z][A-Za-z-]*", sentence)
    found: set[str] = set()
    for i, word in enumerate(words):
        if word.lower() not in cues.determiners:
            continue
        for follower in words[i + 1 : i + 3]:
            if not follower.islower() or follower in cues.determiners:
                break  # a name ("the BLA") or the next phrase
            stem = _stem(follower)
            if len(follower) >= _MIN_NOUN and stem not in cues.not_referring:
                found.add(stem)
    return found


def _introduced(passage: str) -> set[str]:
    """Stems of the words an indefinite article introduces in a passage, up to three after
    it ("a supply convoy", "a bomb and gun attack")."""
    return {
        _stem(w)
        for phrase in _INDEFINITE.findall(passage.lower())
        for w in phrase.split()
        if len(w) >= _MIN_NOUN
    }


def refers_back(
    sentence: str, passage: str, cues: PassageCues | None = None, strict: bool = False
) -> bool:
    """Whether a sentence refers back to the passage before it: a sequel word ("days
    later") or a definite noun phrase repeating one of the passage's nouns. `strict`: only
    a definite noun phrase naming what the passage introduced with "a" or "an" ("the
    convoy" after "a supply convoy")."""
    cues = cues or load_passage_cues()
    if not strict and set(_WORD.findall(sentence.lower())) & cues.sequels:
        return True
    nouns = _definite_nouns(sentence, cues)
    if not nouns:
        return False
    if strict:
        return bool(nouns & _introduced(passage))
    return bool(nouns & {_stem(w) for w in _WORD.findall(passage.lower())})


def _last_day(date: ResolvedDate) -> dt.date | None:
    if date.date is None:
        return None
    if date.date_end:
        return dt.date.fromisoformat(date.date_end)
    start = dt.date.fromisoformat(date.date)
    if date.precision == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if date.precision == "year":
        return start.replace(month=12, day=31)
    return start


def _before_publication(passage: ResolvedDate, undated: ResolvedDate) -> bool:
    end, published = _last_day(passage), _last_day(undated)
    if end is None or published is None:
        return False
    return end < published - dt.timedelta(days=_PUBLISHED_SLACK_DAYS)


def passage_dates(text: str, mentions: Sequence[ResolvedMention]) -> tuple[ResolvedMention, ...]:
    """The mentions of one article (stored text `text`), each undated one that continues a
    passage about an earlier dated event dated like it (date_from "passage")."""
    cues = load_passage_cues()
    out = list(mentions)
    # The passage: its date and where it starts, and the sentences it holds so far.
    date: ResolvedDate | None = None
    start = 0
    held: set[int] = set()
    for i in sorted(range(len(out)), key=lambda k: out[k].source.char_start):
        m = out[i]
        here = m.source.char_start
        if m.date_from == "text":
            if here not in held:
                date, start, held = m.date, here, {here}
            continue
        if date is None or here in held:
            # Another event of a sentence the passage holds (its time expression went to
            # that sentence's other event) neither goes on with it nor ends it.
            continue
        if m.date_from != "published":
            date = None  # an undated recalled event: the article has moved on
            continue
        # A sentence that names its own place may report a new event: only a definite
        # reference to what the passage introduced ties it to the passage (eval merge,
        # FA-KES: any repeated noun joined 30 more cross-outlet pairs, one more right).
        placed = m.place is not None and m.place.geo_precision < _COUNTRY
        if not (
            _before_publication(date, m.date)
            and refers_back(m.source.sentence, text[start:here], cues, strict=placed)
        ):
            date = None  # a sentence that does not refer back ends the passage
        elif not placed or date.precision in _COARSE:
            out[i] = replace(m, date=date, date_from=PASSAGE)
            held.add(here)
        # A placed sentence in a passage dated to the day or week goes on with it but keeps
        # the publication day: an inferred day would be matched across outlets as if the
        # report stated it (eval merge, FA-KES: 11 more cross-outlet pairs, none right).
    return tuple(out)
