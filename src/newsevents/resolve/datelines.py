"""Datelines: the place, date and outlet that open a news article.

"SAN SALVADOR, 20 NOV 89 (RADIO VENCEREMOS) --", "BEIRUT (Reuters) -", "Posted on April 4
2017": read with the word lists and the date tagger of `newsevents.resolve.dates`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from newsevents.records import Dateline
from newsevents.resolve.dates import find_time_expressions, full_day
from newsevents.resolve.timex_calendar import expand_year, infer_year, safe_date
from newsevents.resolve.timex_words import APOS, DASH, alternation, time_words

__all__ = ["find_dateline"]

_DATELINE_WINDOW = 300  # datelines sit at the very start of an article


@dataclass(frozen=True)
class _DatelineRules:
    wire: re.Pattern[str]
    date_first: re.Pattern[str]
    glued: re.Pattern[str]
    agency_after: re.Pattern[str]
    upper_word: re.Pattern[str]
    non_places: frozenset[str]
    small_words: frozenset[str]
    agencies: frozenset[str]
    month_of: dict[str, int]


@lru_cache(maxsize=1)
def _dateline_rules() -> _DatelineRules:
    words = time_words()
    months = alternation(words.month_of, cased=True)
    # Next to a day number a lower-case month is still a dateline's: the pipeline recases
    # upper-case wire copy before reading it ("SAN SALVADOR, 20 NOV 89" -> "20 nov 89").
    day_months = alternation(words.month_of, cased=True, lower=True)
    weekdays = alternation(words.weekday_of, cased=True)
    upper_place = rf"[A-Z][A-Z.{APOS}-]+(?:[ \t]+[A-Z][A-Z.{APOS}-]*){{0,3}}"
    title_place = rf"[A-Z][a-z][\w.{APOS}-]*(?:[ \t]+[A-Z][a-z][\w.{APOS}-]*){{0,2}}"
    year = r"(?:,?[ \t]+(?P<{}>\d{{4}}|\d{{2}}))?"
    date_part = (
        rf"NO[ \t]+DATE|(?P<d1>\d{{1,2}})[ \t]+(?P<m1>{day_months})\.?{year.format('y1')}"
        rf"|(?P<m2>{day_months})\.?[ \t]+(?P<d2>\d{{1,2}}){year.format('y2')}"
    )
    qualifier = r"[A-Z][A-Za-z.'-]+(?:[ \t]+[A-Z][A-Za-z.'-]+){0,2}"
    wire = re.compile(
        rf"[ \t]*(?P<place>{upper_place}|{title_place})"
        # "HAVANA (CUBA), 17 NOV 89": a parenthesis before the comma names the country
        rf"(?:[ \t]*\((?P<qual1>[^()\n]{{2,40}})\)(?=[ \t]*,))?"
        rf"(?:,[ \t]*(?P<qual2>(?!{months}\b|NO[ \t]+DATE){qualifier})"
        rf"(?=[ \t]*[,(]|\s*(?:--|{DASH})))?"
        # the comma before the date may be missing after a capitalised place ("MOSCOW October 18")
        rf"(?:(?:,[ \t]*|(?<=[A-Z])[ \t]+)(?P<date>{date_part}))?"
        rf"(?:\s*\((?P<outlet>[^()]{{2,60}})\))?"
        rf"\s*(?P<dash>--|{DASH})(?=\s)"
    )
    prefixes = alternation(words.words("dateline_date_prefixes"))
    date_first = re.compile(rf"[ \t]*(?:(?P<prefix>{prefixes}):?[ \t]+)?(?=\S)", re.I)
    glued = re.compile(
        rf"(?:{weekdays}\.?,?[ \t]+)?(?P<m>{months})\.?[ \t]+(?P<d>\d{{1,2}})(?P<y>(?:19|20)\d\d)\b"
    )
    agencies = words.words("news_agencies")
    agency_after = re.compile(
        rf"[ \t]+(?:(?P<place>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)[ \t]+)?"
        rf"(?P<outlet>{alternation(agencies)})(?=[-\u2013\u2014 ])"
    )
    return _DatelineRules(
        wire,
        date_first,
        glued,
        agency_after,
        re.compile(r"(?<![\w.])[A-Z]{2,}"),
        words.lower_set("dateline_non_places"),
        words.lower_set("name_small_words"),
        frozenset(a.upper() for a in agencies),
        words.month_of,
    )


def _name_case(text: str, rules: _DatelineRules, outlet: bool = False) -> str:
    """ "SAN SALVADOR" -> "San Salvador"; mixed-case names are kept as written."""
    text = " ".join(text.split())
    if not text.isupper():
        return text
    out: list[str] = []
    for i, word in enumerate(text.split(" ")):
        parts = []
        for j, part in enumerate(word.split("-")):
            if (i or j) and part.lower() in rules.small_words:
                parts.append(part.lower())
            elif outlet and (part in rules.agencies or not re.search(r"[AEIOUY]", part)):
                parts.append(part)  # agency acronyms stay upper-case: "ACAN-EFE"
            else:
                parts.append(part[:1] + part[1:].lower())
        out.append("-".join(parts))
    return " ".join(out)


def _wire_dateline(text: str, start: int, anchor: dt.date | None) -> Dateline | None:
    rules = _dateline_rules()
    m = rules.wire.match(text, start)
    if m is None:
        return None
    place_raw, date_raw, outlet_raw = m["place"], m["date"], m["outlet"]
    qualifier = m["qual1"] or m["qual2"]
    # A bare "WORDS -" is a dateline only in an upper-case place before mixed-case text,
    # else every headline with a dash would be one.
    if not (date_raw or outlet_raw or qualifier):
        rest = text[m.end() : m.end() + 60]
        if not place_raw.isupper() or rest.isupper() or not re.match(r"\s*[A-Z]", rest):
            return None
    if not place_raw.isupper() and not (outlet_raw or date_raw):
        return None
    name = _name_case(place_raw, rules)
    place: str | None = name
    if name.lower() in rules.non_places:
        place = None
    elif qualifier:
        place = f"{name}, {_name_case(qualifier, rules)}"
    date = _dateline_date(m, rules.month_of, anchor) if date_raw else None
    outlet = _name_case(outlet_raw, rules, outlet=True) if outlet_raw else None
    return Dateline(place, date, outlet, m.start("place"), m.end("dash"))


def _dateline_date(
    m: re.Match[str], month_of: dict[str, int], anchor: dt.date | None
) -> str | None:
    if m["d1"]:
        day_, month_name, year_raw = m["d1"], m["m1"], m["y1"]
    elif m["d2"]:
        day_, month_name, year_raw = m["d2"], m["m2"], m["y2"]
    else:
        return None  # "NO DATE"
    month = month_of[month_name.rstrip(".").lower()]
    if year_raw:
        found = safe_date(expand_year(year_raw), month, int(day_))
    else:
        found = infer_year(month, int(day_), anchor, "past") if anchor else None
    return found.isoformat() if found else None


def _date_first_dateline(text: str, start: int) -> Dateline | None:
    """A line opening with a full date: "Wed 05 Apr 2017 ...", "Posted on April 4 2017 by"."""
    rules = _dateline_rules()
    head = rules.date_first.match(text, start)
    if head is None:
        return None
    begin = head.start("prefix") if head["prefix"] else head.end()
    window = text[head.end() : head.end() + 60]
    glued = rules.glued.match(window)  # "Apr 232017": a scraper lost the space
    if glued:
        month = rules.month_of[glued["m"].rstrip(".").lower()]
        found = safe_date(int(glued["y"]), month, int(glued["d"]))
        if found:
            return Dateline(None, found.isoformat(), None, begin, head.end() + glued.end())
    for expr in find_time_expressions(window, None)[:1]:
        if expr.start == 0 and full_day(expr):
            return Dateline(None, expr.value.date, None, begin, head.end() + expr.end)
    return None


def _inline_dateline(text: str, anchor: dt.date | None) -> Dateline | None:
    """A dateline after a headline on the same line, where scrapers often leave it."""
    rules = _dateline_rules()
    window = text[:_DATELINE_WINDOW]
    # "... MOSCOW October 18 (RIA Novosti) - ...": only with an outlet, to skip headlines
    for word in rules.upper_word.finditer(window):
        found = _wire_dateline(text, word.start(), anchor)
        if found and found.outlet and found.place:
            return found
    for expr in find_time_expressions(window, None):
        if not full_day(expr):
            continue
        # "... in Aleppo city 6 October 2016 Aleppo SANA-Terrorist organizations ..."
        agency = rules.agency_after.match(text, expr.end)
        if agency:
            end = agency.end()
            return Dateline(agency["place"], expr.value.date, agency["outlet"], expr.start, end)
        # "... Killing 50 Terrorists AFP Fri Sep 30 2016 ...": a weekday-dated full date
        if re.match(r"[A-Za-z]{3,9}\b", expr.text) and expr.text[:3].lower() in _weekday_abbrevs():
            before = re.search(r"(\S+)[ \t]+$", window[: expr.start])
            if before and before.group(1) in rules.agencies:
                return Dateline(None, expr.value.date, before.group(1), before.start(1), expr.end)
            return Dateline(None, expr.value.date, None, expr.start, expr.end)
    return None


@lru_cache(maxsize=1)
def _weekday_abbrevs() -> frozenset[str]:
    return frozenset(name[:3] for name in time_words().weekday_of)


def find_dateline(text: str, anchor: dt.date | None = None) -> Dateline | None:
    """The dateline or byline opening an article: place, date and outlet where given.

    Looks at the lines starting in the first 300 characters, then inside the first line;
    `anchor` supplies the year of a dateline that has none ("HUANCAYO, 12 NOV (EFE) --").
    """
    starts = [0, *(m.end() for m in re.finditer(r"\n", text[:_DATELINE_WINDOW]))]
    for start in starts:
        if not text[start : start + 200].strip():
            continue
        found = _wire_dateline(text, start, anchor) or _date_first_dateline(text, start)
        if found:
            return found
    return _inline_dateline(text, anchor)
