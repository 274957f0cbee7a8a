"""Tests for the date tagger's split modules: calendar arithmetic, deadlines, narrated
days ("the next day"), TimeML readings of spans and year-ago quarters, UTC offsets."""

from __future__ import annotations

import datetime as dt

import pytest

import newsevents
from newsevents.records import Article, ResolvedDate
from newsevents.resolve.dates import (
    find_time_expressions,
    last_told_day,
    mentions_narrated_day,
    timex3,
)
from newsevents.resolve.timex_calendar import (
    nearest_day,
    nearest_month_year,
    shifted,
    week_of,
)
from newsevents.resolve.timex_zones import utc_offset

SAT = dt.date(2019, 3, 23)


def values(
    text: str, anchor: dt.date | None = SAT, told: dt.date | None = None
) -> list[tuple[str, str | None]]:
    return [(e.text, e.value.date) for e in find_time_expressions(text, anchor, told=told)]


def timeml(text: str, anchor: dt.date) -> list[tuple[str, str]]:
    return [(e.text, timex3(e)[1]) for e in find_time_expressions(text, anchor, timeml=True)]


# --- calendar arithmetic -------------------------------------------------------------


def test_shifted_keeps_the_unit_precision() -> None:
    assert shifted(SAT, "day", -1) == ResolvedDate("2019-03-22", None, "day")
    assert shifted(SAT, "week", -1) == week_of(dt.date(2019, 3, 16))
    assert shifted(SAT, "week", -1).precision == "week"
    assert shifted(SAT, "month", -3) == ResolvedDate("2018-12-01", "2018-12-31", "month")
    assert shifted(SAT, "year", 1) == ResolvedDate("2020-01-01", "2020-12-31", "year")


def test_nearest_day_prefers_the_coming_date_only_when_the_past_one_is_far() -> None:
    jan5 = dt.date(2000, 1, 5)
    assert nearest_day(1, 14, jan5, "past", 92) == dt.date(2000, 1, 14)
    assert nearest_day(1, 2, jan5, "past", 92) == dt.date(2000, 1, 2)
    assert nearest_day(6, 1, jan5, "past", 92) == dt.date(1999, 6, 1)  # too far ahead


def test_nearest_month_year() -> None:
    aug16 = dt.date(1990, 8, 16)
    assert nearest_month_year(9, aug16, "past", 3) == 1990
    assert nearest_month_year(3, aug16, "past", 3) == 1990
    assert nearest_month_year(12, aug16, "past", 3) == 1989  # four months ahead: past


# --- deadlines -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("The INS said the boy must go home by Jan. 14.", dt.date(2000, 1, 5), "2000-01-14"),
        ("A court ordered him to stay until March 6.", dt.date(2000, 2, 15), "2000-03-06"),
        ("KKR said it would pay down the loan by February.", dt.date(1989, 10, 30), "1990-02-01"),
    ],
)
def test_a_deadline_is_the_coming_date_in_a_past_tense_report(
    text: str, anchor: dt.date, expected: str
) -> None:
    assert [v for _, v in values(text, anchor)] == [expected]


def test_a_past_event_keeps_the_past_date_just_after_publication() -> None:
    # Told in the past tense without a deadline word: last year's, never after publication.
    assert values("Rebels attacked the town on 25 March.") == [("25 March", "2018-03-25")]
    assert values("Fighting in April killed 20.") == [("April", "2018-04-01")]


# --- narrated days -------------------------------------------------------------------


def test_the_next_day_counts_from_the_day_told_before_it() -> None:
    text = "Rebels seized the town on Friday. The next day, jets struck it."
    assert values(text) == [("Friday", "2019-03-22"), ("The next day", "2019-03-23")]


def test_the_next_day_counts_from_an_earlier_sentence_passed_as_told() -> None:
    assert values("The next day, jets struck it.", told=dt.date(2019, 3, 20)) == [
        ("The next day", "2019-03-21")
    ]
    assert values("That night, jets struck it.", told=dt.date(2019, 3, 20)) == [
        ("That night", "2019-03-20")
    ]


def test_the_next_day_without_a_told_day_stays_unknown() -> None:
    found = find_time_expressions("The following day, jets struck it.", SAT)
    assert [(e.text, e.value) for e in found] == [
        ("The following day", ResolvedDate(None, None, "unknown"))
    ]


def test_narrated_day_helpers() -> None:
    assert mentions_narrated_day("A day later, the town fell.")
    assert not mentions_narrated_day("The town fell on Friday.")
    assert last_told_day("Talks began on Monday and ended on Thursday.", SAT) == dt.date(
        2019, 3, 21
    )
    assert last_told_day("Talks began in March.", SAT) is None  # no single day told


# --- TimeML readings -----------------------------------------------------------------


def test_timeml_marks_a_worded_span_as_two_dates_but_events_keep_the_span() -> None:
    anchor = dt.date(2000, 2, 10)
    text = "He was convicted twice from 1991 to 1997."
    assert timeml(text, anchor) == [("1991", "1991"), ("1997", "1997")]
    assert [(e.text, e.value.date_end) for e in find_time_expressions(text, anchor)] == [
        ("1991 to 1997", "1997-12-31")
    ]


def test_a_year_ago_in_an_earnings_report_is_the_year_ago_quarter() -> None:
    anchor = dt.date(1989, 10, 26)
    report = "Third-quarter profit rose to $87 million from $58 million a year ago."
    assert timeml(report, anchor)[-1] == ("a year ago", "1988-Q3")
    fiscal = "For the fourth quarter ended Aug. 26, it earned $2 million. A year earlier it lost."
    assert timeml(fiscal, anchor)[-1] == ("A year earlier", "1988-Q4")
    plain = "The village was shelled a year ago."
    assert timeml(plain, anchor) == [("a year ago", "1988")]


# --- time zones ----------------------------------------------------------------------


def test_utc_offsets_of_single_zone_countries_only() -> None:
    assert utc_offset("PAK") == 5.0
    assert utc_offset("syr") == 2.0
    assert utc_offset("USA") is None  # several zones: read in UTC
    assert utc_offset(None) is None


@pytest.mark.model
def test_a_zoned_stamp_is_read_in_the_dateline_place_local_time() -> None:
    from newsevents.pipeline import _anchor, _dateline_offset, load_knowledge

    gazetteer = load_knowledge().gazetteer
    offset = _dateline_offset("Islamabad", gazetteer)
    assert offset == 5.0
    article = Article(id="x", text="t", published="2019-03-11T22:17:00Z")
    assert _anchor(article, None, None, offset) == (dt.date(2019, 3, 12), "metadata")
    assert _anchor(article, None, None, None) == (dt.date(2019, 3, 11), "metadata")


@pytest.mark.model
def test_pipeline_dates_the_next_day_and_a_siege_span() -> None:
    text = (
        "Rebels seized the town of Hajin in Deir ez-Zor on Friday, killing 5 soldiers. "
        "The next day, government forces shelled Hajin, killing 12 civilians. "
        "Gunmen besieged a hotel in Mogadishu from March 1 to March 3, killing 20 people."
    )
    events = newsevents.extract(text, published="2019-03-25")
    dates = {(e.location, e.event_date, e.event_date_end, e.date_precision) for e in events}
    assert ("Hajin", "2019-03-22", None, "day") in dates
    assert ("Hajin", "2019-03-23", None, "day") in dates
    assert ("Mogadishu", "2019-03-01", "2019-03-03", "day") in dates
