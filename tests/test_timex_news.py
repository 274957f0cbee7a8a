"""Tests for news-dating rules: unyeared dates near publication, plans overtaken by the
story, clock words, quarters of earnings reports, "the past 24 hours", events lasting
several days, and a zoned publication time read in the event place's local time."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from factories import sentence_mention

import newsevents
from newsevents.records import Mention, ResolvedDate
from newsevents.resolve.dates import find_time_expressions, local_day, reanchored, timex3
from newsevents.resolve.timex_spans import event_span

FEB16 = dt.date(1999, 2, 16)  # a Tuesday
OCT30 = dt.date(1989, 10, 30)  # a Monday


def values(text: str, anchor: dt.date) -> list[tuple[str, str | None]]:
    return [(e.text, e.value.date) for e in find_time_expressions(text, anchor)]


def timeml(text: str, anchor: dt.date) -> list[tuple[str, str]]:
    return [(e.text, timex3(e)[1]) for e in find_time_expressions(text, anchor, timeml=True)]


# --- unyeared dates just after publication --------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no past verb governs the date: the coming one, weeks away, not last year's
        ("NATO invited the leaders to a ceremony on March 12.", ("March 12", "1999-03-12")),
        ("The company expects to release results in early March.", ("early March", "1999-03-01")),
        ("He added that the guidelines will be out in March.", ("March", "1999-03-01")),
        # a past verb in the clause: last year's, even days after publication
        ("Rebels attacked the town on March 12.", ("March 12", "1998-03-12")),
        ("Fighting in March killed 20 people.", ("March", "1998-03-01")),
        # months away: the past one whatever the clause
        ("The accord was first proposed in June.", ("June", "1998-06-01")),
    ],
)
def test_unyeared_date_near_publication(text: str, expected: tuple[str, str]) -> None:
    assert values(text, FEB16) == [expected]


def test_a_deadline_reaches_four_months_ahead() -> None:
    assert values("It must repay the loan by February.", OCT30) == [("February", "1990-02-01")]


def test_a_weekday_before_a_date_and_a_colon_is_one_expression() -> None:
    text = "The New York Times said in an editorial on Monday, Oct. 26: The murder"
    assert values(text, dt.date(1998, 10, 25)) == [("Monday, Oct. 26", "1998-10-26")]


# --- plans and the story's time -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # a plan told in the past tense still lies ahead
        ("The team planned to leave Nairobi on Thursday.", dt.date(1998, 9, 30), "1998-10-01"),
        ("Protesters planned a rally on Saturday.", dt.date(2000, 1, 7), "2000-01-08"),
        # ... unless the story has overtaken it
        ("The offer had been due to expire Friday.", OCT30, "1989-10-27"),
        ("A service planned for Saturday was cancelled.", dt.date(1999, 10, 24), "1999-10-23"),
        ("The attack began as previously planned Saturday.", dt.date(1991, 2, 25), "1991-02-23"),
    ],
)
def test_plans_and_overtaken_plans(text: str, anchor: dt.date, expected: str) -> None:
    [(_, value)] = values(text, anchor)
    assert value == expected


def test_a_closing_quotation_ends_the_sentence_that_holds_a_future_cue() -> None:
    text = (
        "``Those fumes will exhaust themselves in the spring.'' The rate fell to 3.8 percent "
        "last month from 4.1 percent in December."
    )
    assert ("December", "1997-12-01") in values(text, dt.date(1998, 2, 6))


# --- TimeML readings --------------------------------------------------------------------


def test_named_hours_of_a_named_day() -> None:
    assert timeml("Talks broke off at noon Thursday.", dt.date(1998, 2, 13)) == [
        ("noon Thursday", "1998-02-12T12:00")
    ]
    assert timeml("It had been scheduled to expire at midnight Friday.", OCT30) == [
        ("midnight Friday", "1989-10-27T24")
    ]
    [(_, value)] = timeml("The blast came at 10:35 a.m. (0735 GMT) Friday.", dt.date(1998, 8, 8))
    assert value == "1998-08-07T10:35"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The company posted a gain in the third quarter. In the 1988 quarter, it", "1988-Q3"),
        ("Profit rose in the third quarter. In the year-ago third quarter, it", "1988-Q3"),
        ("Net rose in the third quarter. Sales for last year's quarter were", "1988-Q3"),
        ("It could take effect in next year's first quarter.", "1990-Q1"),
        ("Earnings will be lower for the last half of 1989.", "1989-H2"),
        ("A charge was taken in the 1988 second quarter.", "1988-Q2"),
    ],
)
def test_quarters_of_an_earnings_report(text: str, expected: str) -> None:
    assert timeml(text, OCT30)[-1][1] == expected


def test_the_quarter_is_the_one_the_report_named_first() -> None:
    text = (
        "Kimberly-Clark posted a 20% gain in third-quarter net income. After a flat second "
        "quarter, charges were taken in the year-earlier period."
    )
    assert timeml(text, dt.date(1989, 11, 1))[-1] == ("the year-earlier period", "1988-Q3")


# --- a day's tally: the news day ending at publication --------------------------------------


def test_the_past_24_hours_is_the_publication_day() -> None:
    # UCDP codes such tallies to the report's day (Syria sample: 5 of 5), as a coder does.
    [expr] = find_time_expressions("Warplanes killed 15 civilians in the past 24 hours.", FEB16)
    assert expr.value == ResolvedDate("1999-02-16", None, "day")
    [expr] = find_time_expressions(
        "Two massacres in Khan Shaykhun city during 24 hours kills 13 citizens",
        dt.date(2017, 10, 7),
    )
    assert (expr.text, expr.value.date) == ("during 24 hours", "2017-10-07")
    assert timex3(find_time_expressions("in 24 hours", FEB16, timeml=True)[0]) == (
        "DURATION",
        "PT24H",
    )


# --- events lasting several days ------------------------------------------------------------

FRIDAY = ResolvedDate("2019-03-22", None, "day")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Troops ended a three-day siege of the hotel on Friday.", ("2019-03-20", "2019-03-22")),
        ("The hijacking, which lasted 30 hours, ended on Friday.", ("2019-03-21", "2019-03-22")),
        (
            "Gunmen held hostages for four days before troops stormed it on Friday.",
            ("2019-03-19", "2019-03-22"),
        ),
        ("Troops launched a three-day offensive on Friday.", ("2019-03-22", "2019-03-24")),
        (
            "After two days of clashes, rebels took the town on Friday.",
            ("2019-03-21", "2019-03-22"),
        ),
    ],
)
def test_an_event_told_as_lasting_days_gets_a_span(
    sentence: str, expected: tuple[str, str]
) -> None:
    start = sentence.index("Friday")
    assert event_span(sentence, FRIDAY, start) == ResolvedDate(*expected, "day")


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("Rebels attacked a checkpoint on Friday.", FRIDAY),  # no duration
        ("A five-hour gunfight on Friday killed 3.", FRIDAY),  # within one day
        ("Militants attacked on Friday, three days after a bombing.", FRIDAY),  # not its length
        ("A three-day siege in March.", ResolvedDate("2019-03-01", "2019-03-31", "month")),
        ("He was jailed for 400 days on Friday.", FRIDAY),  # no event lasts that long
    ],
)
def test_no_span_without_a_day_and_an_event_length(sentence: str, date: ResolvedDate) -> None:
    assert event_span(sentence, date, sentence.find("Friday")) == date


# --- publication time in the event place's local time ---------------------------------------


def _mention(sentence: str) -> Mention:
    return sentence_mention(
        sentence,
        places=("Peshawar",),
        times=tuple(find_time_expressions(sentence, dt.date(2019, 3, 11))),
        killed=12,
    )


def test_a_zoned_stamp_is_read_in_the_event_countrys_local_time() -> None:
    m = _mention("Gunmen killed 12 people in Peshawar yesterday.")
    anchor, local = local_day("2019-03-11T22:17:00Z", "PAK", m, dt.date(2019, 3, 11))
    assert anchor == dt.date(2019, 3, 12)  # 03:17 on the 12th in Pakistan
    assert [t.value.date for t in local.times] == ["2019-03-11"]
    # the same stamp in a country still on the 11th, or without a zone: unchanged
    assert local_day("2019-03-11T22:17:00Z", "NGA", m, dt.date(2019, 3, 11)) == (
        dt.date(2019, 3, 11),
        m,
    )
    assert local_day("2019-03-11", "PAK", m, dt.date(2019, 3, 11))[1] is m
    assert local_day("2019-03-11T22:17:00Z", "USA", m, dt.date(2019, 3, 11))[1] is m


def test_reanchoring_keeps_absolute_and_narrated_values() -> None:
    text = "Rebels struck on 5 March. The next day, jets bombed the town."
    found = tuple(find_time_expressions(text, dt.date(2019, 3, 11)))
    again = reanchored(found, text, dt.date(2019, 3, 12))
    assert [t.value.date for t in again] == ["2019-03-05", "2019-03-06"]
    narrated = dataclasses.replace(found[1], start=0, end=12)
    assert reanchored((narrated,), "The next day", dt.date(2019, 3, 12)) == (narrated,)


@pytest.mark.model
def test_pipeline_reads_a_zoned_stamp_in_the_event_place_time() -> None:
    text = "Gunmen killed 12 police officers in Peshawar yesterday, officials said."
    late = newsevents.extract(text, published="2019-03-11T22:17:00Z")
    noon = newsevents.extract(text, published="2019-03-11T12:00:00Z")
    assert [(e.location, e.event_date) for e in late] == [("Peshawar", "2019-03-11")]
    assert [(e.location, e.event_date) for e in noon] == [("Peshawar", "2019-03-10")]


@pytest.mark.model
def test_pipeline_gives_a_siege_its_last_day_and_ignores_a_tally_start() -> None:
    events = newsevents.extract(
        "Security forces ended a three-day siege of a hotel in Mogadishu on Friday, after "
        "gunmen killed 20 people.",
        published="2019-03-25",
    )
    assert [(e.event_date, e.event_date_end) for e in events] == [("2019-03-20", "2019-03-22")]
