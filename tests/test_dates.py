"""Tests for newsevents.resolve.dates: time expressions, date resolution, datelines."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

import pytest
import yaml

from newsevents.data_files import package_data as _data_path
from newsevents.errors import DataFileError
from newsevents.records import Dateline, ResolvedDate
from newsevents.resolve.dates import (
    TimexExpression,
    find_dateline,
    find_time_expressions,
    parse_published,
    resolve_expression,
    sentence_tense,
    timex3,
)
from newsevents.resolve.timex_words import load_time_words as _load_words
from newsevents.resolve.timex_words import time_words as _words

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAT = dt.date(2019, 3, 23)  # the seed article's publication date, a Saturday
FRI = dt.date(2019, 3, 22)
UNKNOWN = ResolvedDate(None, None, "unknown")


def day(iso: str, end: str | None = None) -> ResolvedDate:
    return ResolvedDate(iso, end, "day")


def found(
    text: str, anchor: dt.date | None = SAT, tense: Literal["past", "future"] = "past"
) -> list[tuple[str, ResolvedDate]]:
    exprs = find_time_expressions(text, anchor, tense)
    for e in exprs:
        assert text[e.start : e.end] == e.text  # offsets are relative to the text
    return [(e.text, e.value) for e in exprs]


# --- publication metadata ---------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2019-03-23",
        "2019-03-23T10:00:00Z",
        "2019-03-23T23:30:00-05:00",
        "2019-03-23 20:30:26Z",
        "3/23/2019",
        "Sat, 23 Mar 2019 10:00:00 +0000",
        "March 23, 2019",
        "23 March 2019",
        "20190323",
    ],
)
def test_parse_published_formats(value: str) -> None:
    assert parse_published(value) == dt.date(2019, 3, 23)


def test_parse_published_voa_format() -> None:
    assert parse_published("2025-03-14 20:30:26Z") == dt.date(2025, 3, 14)


@pytest.mark.parametrize(
    "value", [None, "", "   ", "garbage", "2019-02-30", "March 2019", "13/45/2019"]
)
def test_parse_published_gives_none_for_bad_values(value: str | None) -> None:
    assert parse_published(value) is None


# --- the seed article ---------------------------------------------------------------


def test_seed_friday_is_the_day_before_a_saturday_anchor() -> None:
    text = 'President Donald Trump said Friday "it\'s about time" that the group no longer'
    assert found(text) == [("Friday", day("2019-03-22"))]
    expr = find_time_expressions(text, SAT)[0]
    assert (expr.start, expr.end) == (28, 34)


def test_seed_saturday_is_the_anchor_itself() -> None:
    text = "As their commanders on Saturday declared final victory over the Islamic State"
    assert found(text) == [("Saturday", day("2019-03-23"))]


def test_seed_year_label_at_line_start() -> None:
    text = "2013: Al Baghdadi renames Islamic State in Iraq, the Islamic State in Iraq."
    assert found(text) == [("2013", ResolvedDate("2013-01-01", "2013-12-31", "year"))]
    assert found("2019 - IS fighters are defeated at their last enclave") == [
        ("2019", ResolvedDate("2019-01-01", "2019-12-31", "year"))
    ]


def test_seed_in_december_is_last_december_with_month_precision() -> None:
    text = "tweeting a similar message in December."
    assert found(text) == [("December", ResolvedDate("2018-12-01", "2018-12-31", "month"))]


def test_seed_future_cue_after_a_past_verb_keeps_the_past() -> None:
    text = (
        "In a separate statement Saturday, President Donald Trump said the region had been "
        '"liberated", but added the United States will remain vigilant.'
    )
    assert sentence_tense(text) == "future"
    assert found(text, tense=sentence_tense(text)) == [("Saturday", day("2019-03-23"))]


# --- absolute expressions -----------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        ("23 March 2019", day("2019-03-23")),
        ("March 23, 2019", day("2019-03-23")),
        ("March 23", day("2019-03-23")),
        ("23 March", day("2019-03-23")),
        ("25 March", day("2018-03-25")),  # not after the anchor in the past tense
        ("Mar. 23", day("2019-03-23")),
        ("Sept. 30", day("2018-09-30")),
        ("the 5th of March", day("2019-03-05")),
        ("2019-03-23", day("2019-03-23")),
        ("3/23/2019", day("2019-03-23")),
        ("23/03/2019", day("2019-03-23")),
        ("24.08.2013", day("2013-08-24")),
        ("11/02/89", day("1989-11-02")),
        ("Wed 05 Apr 2017", day("2017-04-05")),
        ("Friday, March 22, 2019", day("2019-03-22")),
        ("March 2019", ResolvedDate("2019-03-01", "2019-03-31", "month")),
        ("mid-March", ResolvedDate("2019-03-01", "2019-03-31", "month")),
        ("late November", ResolvedDate("2018-11-01", "2018-11-30", "month")),
        ("early 2018", ResolvedDate("2018-01-01", "2018-12-31", "year")),
        ("February 2016", ResolvedDate("2016-02-01", "2016-02-29", "month")),
        ("March this year", ResolvedDate("2019-03-01", "2019-03-31", "month")),
        ("October last year", ResolvedDate("2018-10-01", "2018-10-31", "month")),
        ("last April", ResolvedDate("2018-04-01", "2018-04-30", "month")),
        ("last March", ResolvedDate("2018-03-01", "2018-03-31", "month")),
    ],
)
def test_resolve_absolute(expr: str, value: ResolvedDate) -> None:
    assert resolve_expression(expr, SAT) == value


def test_in_month_year_and_in_year_exclude_the_preposition() -> None:
    assert found("captured in March 2019 and held since 2011, in 2013 and 2014") == [
        ("March 2019", ResolvedDate("2019-03-01", "2019-03-31", "month")),
        ("2011", ResolvedDate("2011-01-01", "2011-12-31", "year")),
        ("2013", ResolvedDate("2013-01-01", "2013-12-31", "year")),
        ("2014", ResolvedDate("2014-01-01", "2014-12-31", "year")),
    ]


def test_year_after_the_is_a_year_unless_it_counts() -> None:
    assert found("Following the 2013 Ghouta attack") == [
        ("2013", ResolvedDate("2013-01-01", "2013-12-31", "year"))
    ]
    assert found("the 2000 residents fled") == []


def test_a_comma_after_a_year_ends_it_before_a_counted_noun() -> None:
    year = ResolvedDate("2015-01-01", "2015-12-31", "year")
    assert found("In 2015, rebels took the city") == [("2015", year)]
    assert found("The biggest attack, in 2015, killed 25 people") == [("2015", year)]
    assert found("killed in 2015 strikes") == []


def test_year_contexts() -> None:
    assert found("the war (2014\u20132016), then by the end of 2019, in the year 2013") == [
        ("2014\u20132016", ResolvedDate("2014-01-01", "2016-12-31", "year")),
        ("the end of 2019", ResolvedDate("2019-01-01", "2019-12-31", "year")),
        ("2013", ResolvedDate("2013-01-01", "2013-12-31", "year")),
    ]


def test_on_the_nth_is_in_the_anchor_month_or_the_one_before() -> None:
    assert found("they attacked on the 5th, officials said") == [("the 5th", day("2019-03-05"))]
    assert found("they attacked on the 25th, officials said") == [("the 25th", day("2019-02-25"))]
    assert found("they attacked on the 5th floor") == []


def test_month_without_year_never_copies_the_anchor_day() -> None:
    value = resolve_expression("in March", SAT)
    assert value == ResolvedDate("2019-03-01", "2019-03-31", "month")
    assert resolve_expression("in April", SAT) == ResolvedDate("2018-04-01", "2018-04-30", "month")
    assert resolve_expression("in April", SAT, "future") == ResolvedDate(
        "2019-04-01", "2019-04-30", "month"
    )


# --- relative expressions -----------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        ("today", day("2019-03-23")),
        ("tonight", day("2019-03-23")),
        ("this morning", day("2019-03-23")),
        ("yesterday", day("2019-03-22")),
        ("yesterday afternoon", day("2019-03-22")),
        ("last night", day("2019-03-22")),
        ("overnight", day("2019-03-22")),
        ("the day before", day("2019-03-22")),
        ("the previous day", day("2019-03-22")),
        ("two days ago", day("2019-03-21")),
        ("three weeks ago", ResolvedDate("2019-02-25", "2019-03-03", "week")),
        ("last week", ResolvedDate("2019-03-11", "2019-03-17", "week")),
        ("this week", ResolvedDate("2019-03-18", "2019-03-24", "week")),
        ("earlier this month", ResolvedDate("2019-03-01", "2019-03-31", "month")),
        ("last month", ResolvedDate("2019-02-01", "2019-02-28", "month")),
        ("last year", ResolvedDate("2018-01-01", "2018-12-31", "year")),
        ("this year", ResolvedDate("2019-01-01", "2019-12-31", "year")),
        ("earlier this year", ResolvedDate("2019-01-01", "2019-12-31", "year")),
        ("over the weekend", day("2019-03-23", "2019-03-24")),
        ("the next day", UNKNOWN),
    ],
)
def test_resolve_relative_to_a_saturday(expr: str, value: ResolvedDate) -> None:
    assert resolve_expression(expr, SAT) == value


def test_weekend_seen_from_a_monday() -> None:
    assert resolve_expression("over the weekend", dt.date(2019, 3, 25)) == day(
        "2019-03-23", "2019-03-24"
    )


def test_weekday_on_the_same_day_in_the_past_tense() -> None:
    assert resolve_expression("Friday", FRI) == day("2019-03-22")
    assert resolve_expression("on Friday", FRI) == day("2019-03-22")
    assert resolve_expression("Thursday", FRI) == day("2019-03-21")
    assert resolve_expression("Saturday", FRI) == day("2019-03-16")


def test_last_weekday_is_strictly_before_the_anchor() -> None:
    assert resolve_expression("last Friday", FRI) == day("2019-03-15")
    assert resolve_expression("last Friday", SAT) == day("2019-03-22")


def test_weekday_in_the_future_tense_is_strictly_after_the_anchor() -> None:
    assert resolve_expression("Friday", FRI, "future") == day("2019-03-29")
    assert resolve_expression("Monday", FRI, "future") == day("2019-03-25")
    assert resolve_expression("today", FRI, "future") == day("2019-03-22")
    assert found("The talks will resume on Friday", SAT, "future") == [
        ("Friday", day("2019-03-29"))
    ]


def test_past_verb_right_before_a_weekday_wins_over_a_future_sentence() -> None:
    text = "He said Friday that talks will resume Monday"
    assert found(text, SAT, sentence_tense(text)) == [
        ("Friday", day("2019-03-22")),
        ("Monday", day("2019-03-25")),
    ]


def test_passive_participle_is_not_a_past_verb() -> None:
    text = "A meeting of the assembly will be held on Monday"
    assert found(text, SAT, sentence_tense(text)) == [("Monday", day("2019-03-25"))]


def test_voa_weekdays_against_a_friday() -> None:
    text = "officials confirmed Friday that 31 people lost their lives in Tuesday\u2019s hijacking"
    assert found(text, dt.date(2025, 3, 14)) == [
        ("Friday", day("2025-03-14")),
        ("Tuesday", day("2025-03-11")),
    ]


# --- spans ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("fighting from 11 to 14 March", "11 to 14 March", day("2019-03-11", "2019-03-14")),
        ("between March 1 and March 5", "March 1 and March 5", day("2019-03-01", "2019-03-05")),
        ("the siege of March 11-14", "March 11-14", day("2019-03-11", "2019-03-14")),
        ("on 11-14 March 2018", "11-14 March 2018", day("2018-03-11", "2018-03-14")),
        (
            "from 30 December to 2 January",
            "30 December to 2 January",
            day("2018-12-30", "2019-01-02"),
        ),
        (
            "between January and March",
            "January and March",
            ResolvedDate("2019-01-01", "2019-03-31", "month"),
        ),
    ],
)
def test_spans(text: str, expr: str, value: ResolvedDate) -> None:
    assert found(text) == [(expr, value)]


def test_two_days_joined_by_and_are_not_a_span() -> None:
    assert found("attacks on March 11 and 14") == [("March 11", day("2019-03-11"))]


# --- without an anchor ----------------------------------------------------------------


def test_no_anchor_relative_is_unknown_absolute_still_resolves() -> None:
    text = "Gunmen attacked on Friday, a year after the 23 March 2018 raid, and again yesterday"
    assert found(text, None) == [
        ("Friday", UNKNOWN),
        ("23 March 2018", day("2018-03-23")),
        ("yesterday", UNKNOWN),
    ]
    assert resolve_expression("in December", None) == UNKNOWN
    assert resolve_expression("last week", None) == UNKNOWN
    assert resolve_expression("23 March", None) == UNKNOWN
    assert resolve_expression("in 2013", None) == ResolvedDate("2013-01-01", "2013-12-31", "year")


# --- false positives --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a US-led coalition unleashed more than 100,000 strikes",
        "SDF officials estimated that 1,500 civilians and 500 ISIS fighters remained",
        "The fighting may be over soon",
        "May God protect them",
        "thousands joined a march on the capital",
        "an interview with the Sunday Times",
        "on Good Friday",
        "killed in 2000 strikes",
        "a total of 2000 people",
        "the M-19 [19 April Movement] said",
        "on the 4th Infantry Brigade base",
        "the score was 3-2-10",
        "in Jan's house",
    ],
)
def test_no_false_positives(text: str) -> None:
    assert found(text) == []


def test_upper_case_text_is_read() -> None:
    text = (
        "THE MASS KIDNAPPING TOOK PLACE ON 30 DECEMBER IN SAN LUIS DE LA REINA YESTERDAY MORNING."
    )
    assert found(text, dt.date(1990, 1, 3)) == [
        ("30 DECEMBER", day("1989-12-30")),
        ("YESTERDAY MORNING", day("1990-01-02")),
    ]


def test_sentence_without_dates_is_empty() -> None:
    assert found("The official declaration of victory is of mostly symbolic value.") == []


# --- tense --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("The army will launch an offensive", "future"),
        ("Talks are scheduled for next week", "future"),
        ("The group plans to attack", "future"),
        ("Elections are expected to be held", "future"),
        ("Rebels attacked the town on Friday", "past"),
        ("It was the will of the people", "past"),
    ],
)
def test_sentence_tense(text: str, tense: str) -> None:
    assert sentence_tense(text) == tense


# --- datelines ----------------------------------------------------------------------


def test_muc_dateline() -> None:
    text = "   SAN SALVADOR, 20 NOV 89 (RADIO VENCEREMOS) -- [TEXT] THE FMLN TODAY"
    dl = find_dateline(text)
    assert dl == Dateline("San Salvador", "1989-11-20", "Radio Venceremos", 3, 48)
    assert text[dl.start : dl.end] == "SAN SALVADOR, 20 NOV 89 (RADIO VENCEREMOS) --"


def test_muc_dateline_after_the_document_id_line() -> None:
    text = "DEV-MUC3-0001 (NOSC)\n\n   SAN SALVADOR, 3 JAN 90 -- [REPORT] [ARMED FORCES]"
    dl = find_dateline(text)
    assert dl is not None
    assert (dl.place, dl.date, dl.outlet) == ("San Salvador", "1990-01-03", None)
    assert text[dl.start : dl.end] == "SAN SALVADOR, 3 JAN 90 --"


def test_muc_dateline_variants() -> None:
    berlin = find_dateline("   EAST BERLIN (EAST GERMANY), 22 MAR 89 (NEUES DEUTSCHLAND) -- [TEXT]")
    assert berlin == Dateline("East Berlin, East Germany", "1989-03-22", "Neues Deutschland", 3, 63)
    nowhere = find_dateline("   NO CITY, NO DATE (FBIS) -- [STATEMENT] [TEXT] ACTIONS")
    assert nowhere is not None
    assert (nowhere.place, nowhere.date, nowhere.outlet) == (None, None, "FBIS")
    clandestine = find_dateline("   CLANDESTINE, 8 JAN 90 (RADIO VENCEREMOS)-- [TEXT] A WAR")
    assert clandestine is not None
    assert (clandestine.place, clandestine.date) == (None, "1990-01-08")
    agency = find_dateline("   TEGUCIGALPA, 29 MAY 89 (ACAN-EFE) -- [TEXT]")
    assert agency is not None and agency.outlet == "ACAN-EFE"


def test_dateline_without_year_takes_it_from_the_anchor() -> None:
    text = "   HUANCAYO, 12 NOV (EFE) -- [TEXT] CIVILIAN AUTHORITIES"
    assert find_dateline(text, dt.date(1989, 11, 13)) == Dateline(
        "Huancayo", "1989-11-12", "EFE", 3, 28
    )
    no_anchor = find_dateline(text)
    assert no_anchor is not None and no_anchor.date is None


def test_wire_datelines() -> None:
    beirut = find_dateline("BEIRUT (Reuters) - Syrian rebels said on Friday")
    assert beirut == Dateline("Beirut", None, "Reuters", 0, 18)
    damascus = find_dateline("DAMASCUS, Syria (AP) — A car bomb exploded")
    assert damascus == Dateline("Damascus, Syria", None, "AP", 0, 22)
    moscow = find_dateline("Title line here\nMOSCOW, March 23 (Reuters) - Russia said")
    assert moscow is not None
    assert (moscow.place, moscow.outlet, moscow.date) == ("Moscow", "Reuters", None)


def test_date_first_datelines() -> None:
    posted = find_dateline("Posted on April 4 2017 by Asharq Al-Awsat English 58 Killed")
    assert posted == Dateline(None, "2017-04-04", None, 0, 22)
    fakes = find_dateline("Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent")
    assert fakes == Dateline(None, "2017-04-05", None, 0, 15)
    pipe = find_dateline("Mar 23, 2019 | Syria: the last IS enclave falls")
    assert pipe == Dateline(None, "2019-03-23", None, 0, 12)
    sputnik = find_dateline("21.08.2013Get short URL 0 0 0 Syrian regime forces fired")
    assert sputnik is not None and sputnik.date == "2013-08-21"
    glued = find_dateline("Last updated at Apr 232017 An Israeli attack on a Syrian camp")
    assert glued is not None and glued.date == "2017-04-23"


def test_inline_datelines_after_a_headline() -> None:
    sana = (
        "8 persons killed 58 others injured in terrorist rocket attacks on Aleppo city "
        "6 October 2016 Aleppo SANA-Terrorist organizations fired tens of shells"
    )
    dl = find_dateline(sana)
    assert dl is not None
    assert (dl.place, dl.date, dl.outlet) == ("Aleppo", "2016-10-06", "SANA")
    assert sana[dl.start : dl.end] == "6 October 2016 Aleppo SANA"


def test_no_dateline_in_plain_text() -> None:
    text = (
        "The Islamic State\u2019s caliphate has been defeated, U.S.-backed forces say\n\n\n"
        'President Donald Trump said Friday "it\'s about time" that the group'
    )
    assert find_dateline(text) is None
    assert find_dateline("ISIS DEFEATED - SDF DECLARES VICTORY") is None
    assert find_dateline("") is None


# --- real data ----------------------------------------------------------------------


@pytest.mark.shared
def test_muc4_datelines_are_found() -> None:
    path = SHARED / "gold" / "muc4" / "raw" / "dev" / "dev-muc3-0001-0100"
    if not path.exists():
        pytest.skip(f"MUC-4 raw texts not found at {path}")
    docs = re.split(r"\n(?=DEV-MUC3-\d{4})", path.read_text(encoding="latin-1"))
    datelines = [find_dateline(d) for d in docs if d.strip()]
    assert len(datelines) == 100
    assert all(dl is not None for dl in datelines)
    dated = [dl for dl in datelines if dl is not None and dl.date]
    assert len(dated) >= 95
    first = datelines[0]
    assert first is not None
    assert (first.place, first.date) == ("San Salvador", "1990-01-03")


@pytest.mark.shared
def test_seed_article_expressions() -> None:
    path = SHARED / "seed" / "000_1160085869670d29.txt"
    if not path.exists():
        pytest.skip(f"seed article not found at {path}")
    values = []
    for line in path.read_text(encoding="utf-8").splitlines():
        values += [
            (e.text, e.value) for e in find_time_expressions(line, SAT, sentence_tense(line))
        ]
    assert values == [
        ("Friday", day("2019-03-22")),
        ("Saturday", day("2019-03-23")),
        ("2013", ResolvedDate("2013-01-01", "2013-12-31", "year")),
        ("2019", ResolvedDate("2019-01-01", "2019-12-31", "year")),
        ("Friday", day("2019-03-22")),
        ("December", ResolvedDate("2018-12-01", "2018-12-31", "month")),
        ("Saturday", day("2019-03-23")),
    ]


# --- the word lists -------------------------------------------------------------------


def test_bundled_word_lists_load() -> None:
    words = _words()
    assert words.month_of["sept"] == 9
    assert words.weekday_of["friday"] == 4
    assert len(words.months_full) == 12 and len(words.weekday_full) == 7


def test_malformed_word_lists_are_reported(tmp_path: Path) -> None:
    bad = tmp_path / "time_words.yaml"
    bad.write_text("months: [January]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="must be a list of words"):
        _load_words(bad)
    raw = yaml.safe_load(_data_path("time_words.yaml").read_text(encoding="utf-8"))
    del raw["months"][12]
    bad.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(DataFileError, match="months 1-12"):
        _load_words(bad)


# --- TimeML readings (durations, sets, references, quarters, seasons, times) ---------

OCT98 = dt.date(1998, 10, 15)


def timeml(text: str, anchor: dt.date | None = SAT) -> list[tuple[str, str, str]]:
    exprs = find_time_expressions(text, anchor, "past", timeml=True)
    for e in exprs:
        assert text[e.start : e.end] == e.text
    return [(e.text, *timex3(e)) for e in exprs]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It lasted three years.", [("three years", "DURATION", "P3Y")]),
        ("a stay of two weeks", [("two weeks", "DURATION", "P2W")]),
        ("over the past two months", [("the past two months", "DURATION", "P2M")]),
        ("a two-year campaign", [("two-year", "DURATION", "P2Y")]),
        ("for several years", [("several years", "DURATION", "PXY")]),
        ("five hours of talks", [("five hours", "DURATION", "PT5H")]),
        ("almost a decade", [("almost a decade", "DURATION", "P10Y")]),
        ("nearly forty years", [("nearly forty years", "DURATION", "P40Y")]),
        ("a 6-year-old boy", []),  # an age
        ("talks held every week", [("every week", "SET", "P1W")]),
        ("a weekly meeting", [("weekly", "SET", "P1W")]),
        ("Rebels now control the town", [("now", "DATE", "PRESENT_REF")]),
        ("It is currently closed", [("currently", "DATE", "PRESENT_REF")]),
        ("He recently said so", [("recently", "DATE", "PAST_REF")]),
        ("now that the war is over", []),
        ("Friday morning", [("Friday morning", "TIME", "2019-03-22TMO")]),
        ("at 10:35 a.m. Friday", [("10:35 a.m. Friday", "TIME", "2019-03-22T10:35")]),
        ("the 1990s", [("the 1990s", "DATE", "199")]),
        ("in the early 1980s", [("the early 1980s", "DATE", "198")]),
        ("last summer", [("last summer", "DATE", "2018-SU")]),
        ("this summer", [("this summer", "DATE", "2019-SU")]),
        ("in the spring of 1998", [("the spring of 1998", "DATE", "1998-SP")]),
        ("in the winter", [("the winter", "DATE", "2018-WI")]),
        ("The fall of Baghouz", []),
        ("the summer heat", []),
        ("last week", [("last week", "DATE", "2019-W11")]),
        ("two days ago", [("two days ago", "DATE", "2019-03-21")]),
        ("a year earlier", [("a year earlier", "DATE", "2018")]),
        ("the weekend", [("the weekend", "DATE", "2019-W12-WE")]),
        ("in the past year", [("the past year", "DATE", "2018")]),
        ("in recent days", [("recent days", "DATE", "PAST_REF")]),
        ("over the last few months", [("the last few months", "DATE", "PAST_REF")]),
        ("in the coming weeks", [("the coming weeks", "DATE", "FUTURE_REF")]),
        ("in the past", [("the past", "DATE", "PAST_REF")]),
    ],
)
def test_timeml_readings(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert timeml(text) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("the third quarter", OCT98, ("DATE", "1998-Q3")),
        ("the fourth quarter", OCT98, ("DATE", "1998-Q4")),
        ("the fourth quarter", dt.date(1999, 2, 10), ("DATE", "1998-Q4")),
        ("the latest quarter", OCT98, ("DATE", "1998-Q3")),
        ("third-quarter", OCT98, ("DATE", "1998-Q3")),
        ("the year-ago quarter", OCT98, ("DATE", "1997-Q3")),
        ("the first half", OCT98, ("DATE", "1998-H1")),
    ],
)
def test_quarters_and_halves(text: str, anchor: dt.date, expected: tuple[str, str]) -> None:
    exprs = find_time_expressions(text, anchor, timeml=True)
    assert [(e.text, *timex3(e)) for e in exprs] == [(text, *expected)]


def test_quarter_keeps_a_month_span_value() -> None:
    (expr,) = find_time_expressions("the third quarter", OCT98, timeml=True)
    assert expr.value == ResolvedDate("1998-07-01", "1998-09-30", "month")


def test_durations_and_references_have_no_calendar_value() -> None:
    exprs = find_time_expressions("now, for three years", SAT, timeml=True)
    assert [(e.text, e.value) for e in exprs] == [("now", UNKNOWN), ("three years", UNKNOWN)]
    assert isinstance(exprs[0], TimexExpression)


def test_calendar_callers_get_only_calendar_dates() -> None:
    # Without timeml: no durations, sets, references, quarters or "a year earlier";
    # a part of a day is its day.
    assert found("for three years, daily, now, in the third quarter, a year earlier") == []
    assert found("Friday morning") == [("Friday morning", day("2019-03-22"))]
    assert found("the 1990s") == [("the 1990s", ResolvedDate("1990-01-01", "1999-12-31", "year"))]


def test_timex3_of_calendar_values() -> None:
    (month,) = find_time_expressions("in December", SAT)
    (year,) = find_time_expressions("in 2013", SAT)
    (unknown,) = find_time_expressions("on Friday", None)
    assert timex3(month) == ("DATE", "2018-12")
    assert timex3(year) == ("DATE", "2013")
    assert timex3(unknown) == ("DATE", "")


# --- coming dates in a report told in the past tense -------------------------------

N89 = dt.date(1989, 11, 2)


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("The offer expires Nov. 21.", N89, ("Nov. 21", day("1989-11-21"))),
        ("The dividend is payable Dec. 7 to holders.", N89, ("Dec. 7", day("1989-12-07"))),
        ("Talks will resume on Monday.", SAT, ("Monday", day("2019-03-25"))),
        ("The vote was postponed until Tuesday.", SAT, ("Tuesday", day("2019-03-26"))),
        # the past verb before the date wins over a later plan
        ("The minister said Friday that talks will resume.", SAT, ("Friday", day("2019-03-22"))),
        ("He will stay after a court Thursday refused.", SAT, ("Thursday", day("2019-03-21"))),
        ("Rebels attacked the town on 25 March.", SAT, ("25 March", day("2018-03-25"))),
    ],
)
def test_clause_cues_in_past_tense_text(
    text: str, anchor: dt.date, expected: tuple[str, ResolvedDate]
) -> None:
    assert found(text, anchor, "past") == [expected]


# --- publication time in the place's time zone ---------------------------------------


@pytest.mark.parametrize(
    ("value", "offset", "expected"),
    [
        ("2019-03-12T02:17:00Z", 5.0, "2019-03-12"),  # already morning in Pakistan
        ("2019-03-12T02:17:00Z", -5.0, "2019-03-11"),  # still evening in Washington
        ("2019-03-12T02:17:00Z", None, "2019-03-12"),
        ("Tue, 12 Mar 2019 02:17:00 +0000", -5.0, "2019-03-11"),
        ("2019-03-23T23:30:00-05:00", 3.0, "2019-03-24"),  # 04:30 UTC, 07:30 in Damascus
        ("2019-03-23T23:30:00-05:00", None, "2019-03-23"),  # the date as written
        ("2019-03-12T02:17:00", -5.0, "2019-03-12"),  # no zone: nothing to convert
        ("2019-03-12", -5.0, "2019-03-12"),
    ],
)
def test_published_in_local_time(value: str, offset: float | None, expected: str) -> None:
    assert parse_published(value, offset) == dt.date.fromisoformat(expected)


# --- lower-cased text (MUC-4's processed messages, recased text) --------------------

FEB90 = dt.date(1990, 2, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He added that on 3 february cerezo met", [("3 february", day("1990-02-03"))]),
        ("The Army said friday", [("friday", day("1990-02-02"))]),
        ("the rebels attacked on february 1, 1990", [("february 1, 1990", day("1990-02-01"))]),
        # a text with no capitals at all: calendar names are read as capitalised
        (
            "in march rebels attacked",
            [("march", ResolvedDate("1989-03-01", "1989-03-31", "month"))],
        ),
        ("The march on the capital", []),  # alone, a lower-case month is a word
        ("the rebels may attack", []),
        ("it may be true", []),
    ],
)
def test_lower_case_calendar_names(text: str, expected: list[tuple[str, ResolvedDate]]) -> None:
    assert found(text, FEB90) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fighting has raged since Tuesday.", [("Tuesday", day("2019-03-19", "2019-03-23"))]),
        ("clashes since yesterday", [("yesterday", day("2019-03-22", "2019-03-23"))]),
        ("Since Saturday, no attacks", [("Saturday", day("2019-03-23"))]),  # the same day
        ("since 2013", [("2013", ResolvedDate("2013-01-01", "2013-12-31", "year"))]),
    ],
)
def test_since_a_day_runs_through_publication(
    text: str, expected: list[tuple[str, ResolvedDate]]
) -> None:
    assert found(text) == expected


def test_since_without_anchor_stays_unknown() -> None:
    assert found("since Tuesday", None) == [("Tuesday", UNKNOWN)]


def test_datelines_module_and_the_dates_alias_agree() -> None:
    from newsevents.resolve import datelines

    text = "HUANCAYO, 12 NOV (EFE) -- Rebels attacked"
    anchor = dt.date(1989, 11, 20)
    expected = Dateline("Huancayo", "1989-11-12", "EFE", 0, 25)
    assert datelines.find_dateline(text, anchor) == expected
    assert find_dateline(text, anchor) == expected
