"""Namesakes the article does not support: a saint's name written short is still the
city's own name, a name written twice counts once for nearness, a town across a border
from the article's places is no stray."""

from __future__ import annotations

import pytest

from newsevents.resolve.places import Gazetteer, PlaceContext, get_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


def test_st_is_saint_for_the_citys_own_name(gaz: Gazetteer) -> None:
    russia = PlaceContext(countries=("RUS", "GBR"), places=("Moscow", "Russia", "London"))
    place = gaz.resolve("St. Petersburg", russia)
    assert place is not None and place.iso3 == "RUS" and place.feature == "city"
    reasons = [c.reason for c in gaz.explain("St. Petersburg", russia) if c.place.iso3 == "RUS"]
    assert reasons and not any("alternate name only" in r for r in reasons)


def test_st_petersburg_beside_tampa_is_still_florida(gaz: Gazetteer) -> None:
    florida = PlaceContext(countries=("USA",), places=("Tampa", "Clearwater", "Florida"))
    place = gaz.resolve("St. Petersburg", florida)
    assert place is not None and place.iso3 == "USA" and place.admin1 == "Florida"


def test_a_name_written_in_two_cases_counts_once_for_nearness(gaz: Gazetteer) -> None:
    others = ("Washington", "Houston", "New York", "Saudi Arabia", "Yemen")
    once = PlaceContext(countries=("USA", "SAU", "YEM"), places=others)
    twice = PlaceContext(countries=("USA", "SAU", "YEM"), places=(*others, "WASHINGTON"))
    scores_once = {c.place: c.score for c in gaz.explain("Boston", once)}
    scores_twice = {c.place: c.score for c in gaz.explain("Boston", twice)}
    assert scores_once == scores_twice
    # a village near small Washingtons gets the nearness once, not once per spelling
    village = [c for c in gaz.explain("Boston", twice) if "from a Washington" in c.reason]
    assert village and all("WASHINGTON" not in c.reason for c in village)
    place = gaz.resolve("Boston", twice)
    assert place is not None and place.admin1 == "Massachusetts" and place.population > 500_000


def test_a_town_across_the_water_from_the_articles_places_is_no_stray(gaz: Gazetteer) -> None:
    ctx = PlaceContext(countries=("GUM",), places=("Guam", "Seattle", "Tacoma"))
    place = gaz.resolve_toponym("Saipan", ctx)
    assert place is not None and place.name == "Saipan" and place.geo_precision == 1


def test_a_little_known_town_far_abroad_still_gives_way(gaz: Gazetteer) -> None:
    ctx = PlaceContext(countries=("AUS",), places=("Newcastle", "New South Wales", "Sydney"))
    assert gaz.resolve("Glenrock", ctx).iso3 == "USA"  # type: ignore[union-attr]
    place = gaz.resolve_toponym("Glenrock", ctx)
    assert place is not None and place.iso3 == "AUS" and place.geo_precision == 2
