"""A date that bounds something other than the event told: the start of a running tally,
a superlative's scope, a toll's window of days."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.records import ResolvedDate
from newsevents.resolve.dates import dates_the_event, find_time_expressions
from newsevents.resolve.timex_spans import event_span

NOV_8 = dt.date(2019, 11, 8)


def dating(sentence: str) -> list[tuple[str, bool]]:
    return [(e.text, dates_the_event(sentence, e)) for e in find_time_expressions(sentence, NOV_8)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "A mine kills a child and the number of children killed by mines increases to 50 "
            "from the beginning of 2019",
            [("the beginning of 2019", False)],
        ),
        (
            "3 massacres raise the number killed to 390 since the start of the escalation in "
            "late December 2017",
            [("late December 2017", False)],
        ),
        ("The toll has risen since early 2019", [("early 2019", False)]),
        ("ISIS carries out the heaviest attack in this year on Salamiyah", [("this year", False)]),
    ],
)
def test_a_tally_start_or_a_superlatives_scope_does_not_date_the_event(
    sentence: str, expected: list[tuple[str, bool]]
) -> None:
    assert dating(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rebels attacked the town in March 2019", [("March 2019", True)]),
        ("Intense bombardment since yesterday targets Darayya", [("yesterday", True)]),
        ("The first attack on 3 November killed four", [("3 November", True)]),
        ("Fighting in April killed 20", [("April", True)]),
    ],
)
def test_a_date_of_the_event_itself_still_dates_it(
    sentence: str, expected: list[tuple[str, bool]]
) -> None:
    assert dating(sentence) == expected


TODAY = ResolvedDate("2017-12-03", None, "day")


def test_a_running_tolls_days_do_not_widen_the_days_event() -> None:
    sentence = (
        "About 80 citizens were hurt in 18 raids that targeted today the towns of the Ghouta, "
        "rising the number of casualties to about 800 in 20 days of shelling"
    )
    assert event_span(sentence, TODAY, sentence.index("today")) == TODAY


def test_the_days_of_an_event_told_before_its_day_still_widen_it() -> None:
    sentence = "The death toll rose to 50 after three days of clashes that ended today"
    widened = ResolvedDate("2017-12-01", "2017-12-03", "day")
    assert event_span(sentence, TODAY, sentence.index("today")) == widened


def test_the_hours_after_yesterdays_midnight_are_today() -> None:
    sentence = "Warplanes killed 28 members since yesterday after the midnight"
    found = find_time_expressions(sentence, NOV_8)
    assert [(e.text, e.value) for e in found] == [
        ("yesterday after the midnight", ResolvedDate("2019-11-08", None, "day"))
    ]
    # "since yesterday" alone still runs from yesterday through publication
    assert find_time_expressions("Strikes since yesterday", NOV_8)[0].value == ResolvedDate(
        "2019-11-07", "2019-11-08", "day"
    )


def test_a_clock_time_with_a_month_and_day_is_on_that_day() -> None:
    found = find_time_expressions(
        "It extended its offer until 5 p.m. EST Nov. 9.", NOV_8, timeml=True
    )
    assert [(e.text, e.value.date) for e in found] == [("5 p.m. EST Nov. 9", "2019-11-09")]


def test_a_decade_ago_is_ten_years_back() -> None:
    found = find_time_expressions("A decade ago, the planning was different.", NOV_8)
    assert [(e.text, e.value.date, e.value.precision) for e in found] == [
        ("A decade ago", "2009-01-01", "year")
    ]
