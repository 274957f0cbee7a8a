"""A monitor's daily casualty roundup ("26 were killed yesterday including 6 members of
the regime forces and 20 other people", "killed in different circumstances") totals the
day's deaths across the country: no event where it names no place below a country, and
no event toll where a part of it names one; single events told with a day word keep
their place and toll (loads the model)."""

import pytest
from factories import new_events

pytestmark = pytest.mark.model


def _new(text, published="2018-11-28"):
    return new_events(text, published)


@pytest.mark.parametrize(
    "text",
    [
        "26 were killed yesterday including 2 members of the regime forces and militiamen "
        "loyal to them and 22 other people",
        "83 killed yesterday including 20 regime forces",
        "131 killed yesterday 22/6/2016, including 35 regime forces and allied militiamen",
        "66 dead yesterday, including 12 members of the regime forces and their allied "
        "militiamen, and 13 civilians who died as a result of airstrikes and shelling",
        "105 persons including 25 members of the regime forces and the gunmen loyal to them, "
        "and about 30 citizens were killed yesterday by bombing, explosions and other "
        "circumstances",
        "215 people were killed yesterday in Syria, including 46 members of the regime forces",
        "35 persons were killed in different circumstances within the Putin-Erdogan area "
        "during this day",
    ],
)
def test_a_daily_roundup_without_a_place_is_no_event(text):
    assert _new(text) == []


def test_a_roundup_part_that_names_a_place_keeps_its_event_without_the_days_total():
    (event,) = _new(
        "21 people were killed yesterday including 6 members of the regime forces and their "
        "allied militiamen, and about 3 civilians were killed in explosions in Al-Raqqah city"
    )
    assert event.location == "Ar Raqqah"
    assert event.fatalities != 21


@pytest.mark.parametrize(
    ("text", "place", "dead"),
    [
        ("Warplanes killed 12 people yesterday in Douma", "Duma", 12),
        ("5 civilians were killed yesterday in shelling on Idlib", "Idlib", 5),
        ("26 killed by aerial bombardment on Aleppo", "Aleppo", 26),
    ],
)
def test_a_single_event_told_with_a_day_word_keeps_place_and_toll(text, place, dead):
    (event,) = _new(text)
    assert event.location == place
    assert event.fatalities == dead
