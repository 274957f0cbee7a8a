"""Date tagger conventions settled on TBAQ-cleaned (issue 6): opening weekdays followed by
a plan, "last <month>" for the month just gone, "a year earlier" outside earnings reports,
"will one day", and the scorer's canonical TIMEX3 notation."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.evaluate.timex import Predicted, Timex, TimexTally, canonical, score_doc
from newsevents.resolve.dates import find_time_expressions, timex3

MONDAY = dt.date(1998, 10, 26)


def timeml(text: str, anchor: dt.date) -> list[tuple[str, str]]:
    return [(e.text, timex3(e)[1]) for e in find_time_expressions(text, anchor, timeml=True)]


def test_an_opening_weekday_followed_by_a_plan_is_the_coming_one() -> None:
    text = "On Tuesday, the National Abortion and Reproductive Rights Action League plans to run"
    assert timeml(text, MONDAY) == [("Tuesday", "1998-10-27")]
    # told after a past verb, the same weekday is the last one
    assert timeml("On Tuesday, the league said it plans to run ads.", MONDAY) == [
        ("Tuesday", "1998-10-20")
    ]


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("two helicopters crashed last February.", dt.date(1998, 3, 1), "1997-02"),
        ("sales fell last December.", dt.date(1998, 3, 1), "1997-12"),
        ("talks began last November.", dt.date(2000, 1, 13), "1999-11"),
    ],
)
def test_last_month_name_skips_the_month_just_gone(
    text: str, anchor: dt.date, expected: str
) -> None:
    assert timeml(text, anchor)[0][1] == expected


def test_a_year_earlier_outside_an_earnings_report_is_the_year() -> None:
    news = (
        "The unemployment rate remained at 4.7 percent, just above its quarter-century low. "
        "The gain left wages 3.8 percent higher than a year earlier."
    )
    assert timeml(news, dt.date(1998, 2, 6))[-1] == ("a year earlier", "1997")
    report = "Net fell in the third quarter. Sales rose from $2 million a year earlier."
    assert timeml(report, dt.date(1989, 11, 2))[-1] == ("a year earlier", "1988-Q3")


def test_will_one_day_is_an_indefinite_future() -> None:
    assert timeml("Islam will one day be the second largest religion.", dt.date(1998, 3, 3)) == [
        ("one day", "FUTURE_REF")
    ]
    assert timeml("He stayed one day in Kabul.", dt.date(1998, 3, 3)) == [("one day", "P1D")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2000-W7", "2000-W07"),
        ("2000-W07", "2000-W07"),
        ("198X", "198"),
        ("19XX", "19"),
        ("1968-XX", "1968"),
        ("1994-XX-XX", "1994"),
        ("1989-WXX", "1989-WXX"),  # an unknown week is not the year
        ("1998-08-XX", "1998-08-XX"),
        ("P1W", "P1W"),
    ],
)
def test_canonical_timex3_notation(value: str, expected: str) -> None:
    assert canonical(value) == expected


def test_the_scorer_counts_notation_variants_and_reports_exact_strings() -> None:
    gold = [Timex(0, 9, "this week", "DATE", "2000-W7"), Timex(20, 24, "1968", "DATE", "1968")]
    predicted = [Predicted(0, 9, "2000-W07"), Predicted(20, 24, "1969")]
    tally = TimexTally()
    score_doc(gold, predicted, tally)
    assert (tally.found_dt, tally.value_dt, tally.value_dt_written) == (2, 1, 0)
