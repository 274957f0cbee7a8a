"""Dates written in forms beyond numbers and bare month names: a year before its noun
("a 1996 law"), "mid-1996", a month before its noun ("the October slaying"), years said in
words ("nineteen ninety-six") and holidays ("Thanksgiving Day")."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.resolve.dates import find_time_expressions, timex3
from newsevents.resolve.timex_absolute import holiday_date
from newsevents.resolve.timex_context import lexicon

JAN_2000 = dt.date(2000, 1, 7)  # a Friday


def timeml(text: str, anchor: dt.date | None = JAN_2000) -> list[tuple[str, str]]:
    return [(e.text, timex3(e)[1]) for e in find_time_expressions(text, anchor, timeml=True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A 1996 law named for him tightened the embargo.", [("1996", "1996")]),
        ("Its 1990 invasion of Kuwait was condemned.", [("1990", "1990")]),
        ("He lost his unsuccessful 1996 campaign.", [("1996", "1996")]),
        ("The company's 1989 operating results were weak.", [("1989", "1989")]),
        ("The shootings date back to 1994 and earlier.", [("1994", "1994")]),
        ("The group fell apart in mid-1996 after a defection.", [("mid-1996", "1996")]),
    ],
)
def test_a_year_before_its_noun_or_after_a_lead_is_a_date(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert timeml(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A 2000 strikes campaign.",  # a count of strikes
        "The score was 3-1996 at the end.",  # not a year after a digit and hyphen
        "Police found a 1996.",  # no noun follows
        "They sent an additional 1990 troops.",  # a count
    ],
)
def test_a_number_is_not_a_year_without_a_noun_it_dates(text: str) -> None:
    assert timeml(text) == []


def test_a_month_before_its_noun_is_that_months_date() -> None:
    anchor = dt.date(1999, 4, 19)
    text = "Police say they have evidence in the October slaying of Dr. Slepian."
    assert timeml(text, anchor) == [("October", "1998-10")]
    # a month name alone after "the", with no noun after it, is not read as a date
    assert timeml("It was the May of his life", anchor) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Atlanta, nineteen ninety-six. A bomb blast shocks the games.",
            ("nineteen ninety-six", "1996"),
        ),
        (
            "January nineteen ninety-seven. Atlanta again.",
            ("January nineteen ninety-seven", "1997-01"),
        ),
        ("In nineteen seventy-nine the Soviet Union invaded.", ("nineteen seventy-nine", "1979")),
        ("to halve unemployment by the year two thousand", ("the year two thousand", "2000")),
    ],
)
def test_a_year_said_in_words(text: str, expected: tuple[str, str]) -> None:
    assert timeml(text, dt.date(1998, 2, 27)) == [expected]


@pytest.mark.parametrize("text", ["Nineteen people were killed.", "Two thousand people marched."])
def test_a_count_in_words_is_not_a_year(text: str) -> None:
    assert timeml(text, dt.date(1998, 2, 27)) == []


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # told in the past: the most recent one
        ("Elian was found on Thanksgiving Day clinging to a tube.", JAN_2000, "1999-11-25"),
        ("He was rescued last Thanksgiving off Florida.", JAN_2000, "1999-11-25"),
        # a coming one: "will" looks ahead
        ("The vote will be held on Election Day.", dt.date(1998, 10, 26), "1998-11-03"),
        # a year given wins over the anchor
        ("On Christmas Eve 1997 they met.", JAN_2000, "1997-12-24"),
        ("New Year\u2019s Day was quiet.", JAN_2000, "2000-01-01"),
    ],
)
def test_holidays_resolve_to_their_day(text: str, anchor: dt.date, expected: str) -> None:
    found = find_time_expressions(text, anchor)
    assert [e.value.date for e in found] == [expected]
    assert found[0].value.precision == "day"


def test_holiday_rules_give_fixed_and_weekday_counted_days() -> None:
    weekdays = lexicon().words.weekday_of
    assert holiday_date("12-25", 2019, weekdays) == dt.date(2019, 12, 25)
    assert holiday_date("11 Thu 4", 2019, weekdays) == dt.date(2019, 11, 28)
    # US Election Day: the Tuesday after the first Monday of November
    assert holiday_date("11 Mon 1 +1", 2020, weekdays) == dt.date(2020, 11, 3)
    assert holiday_date("02-29", 2019, weekdays) is None


def test_a_lower_case_holiday_word_is_no_date() -> None:
    assert find_time_expressions("a halloween costume and a thanksgiving meal", JAN_2000) == []


def test_holidays_without_anchor_stay_unknown() -> None:
    found = find_time_expressions("They met on Thanksgiving Day.", None)
    assert [(e.text, e.value.precision) for e in found] == [("Thanksgiving Day", "unknown")]


def test_the_current_and_the_full_year_are_the_anchors_year() -> None:
    anchor = dt.date(1989, 10, 26)
    assert timeml("Sales for the full year were $6.6 billion.", anchor) == [
        ("the full year", "1989")
    ]
    assert timeml("It should grow in the current year.", anchor) == [("the current year", "1989")]
