"""resolve_toponym (names known to be places), the article focus, the metropolis prior,
abbreviated first words and the supplement's seas and landmarks."""

from __future__ import annotations

import pytest

from newsevents.evaluate.metrics import km_between
from newsevents.resolve.place_focus import article_focus
from newsevents.resolve.places import Gazetteer, PlaceContext, get_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


NOLA = PlaceContext(countries=("USA",), places=("New Orleans", "Louisiana", "French Quarter"))


def test_an_unknown_street_is_placed_at_the_articles_town(gaz: Gazetteer) -> None:
    assert gaz.resolve("Royal Street", NOLA) is None
    place = gaz.resolve_toponym("Royal Street", NOLA)
    assert place is not None
    assert place.name == "New Orleans" and place.iso3 == "USA"
    assert place.geo_precision == 2  # near the town, not the town itself


def test_without_context_an_unknown_name_stays_unresolved(gaz: Gazetteer) -> None:
    assert gaz.resolve_toponym("Royal Street") is None
    assert gaz.resolve_toponym("Royal Street", PlaceContext()) is None


def test_a_known_name_keeps_its_own_answer(gaz: Gazetteer) -> None:
    assert gaz.resolve_toponym("Baton Rouge", NOLA) == gaz.resolve("Baton Rouge", NOLA)
    place = gaz.resolve_toponym("Baton Rouge", NOLA)
    assert place is not None and place.admin1 == "Louisiana" and place.geo_precision == 1


def test_a_town_inside_a_facility_name_far_from_the_article_gives_way(gaz: Gazetteer) -> None:
    # "Carnegie" alone is Carnegie, Pennsylvania, 1,500 km from the story's New Orleans.
    inside = gaz.resolve("Carnegie Library", NOLA)
    assert inside is not None and inside.name == "Carnegie"
    place = gaz.resolve_toponym("Carnegie Library", NOLA)
    assert place is not None and place.name == "New Orleans"


def test_a_region_inside_a_facility_name_is_kept(gaz: Gazetteer) -> None:
    ctx = PlaceContext(countries=("CAN",), places=("Edmonton", "Canada"))
    place = gaz.resolve_toponym("University of Alberta", ctx)
    assert place is not None and place.name == "Alberta" and place.feature == "admin1"


def test_a_river_named_after_a_state_is_at_the_articles_place(gaz: Gazetteer) -> None:
    assert gaz.resolve("Mississippi River", NOLA).name == "Mississippi"  # type: ignore[union-attr]
    place = gaz.resolve_toponym("Mississippi River", NOLA)
    assert place is not None and place.name == "New Orleans"


def test_a_little_known_namesake_abroad_gives_way_to_the_articles_place(
    gaz: Gazetteer,
) -> None:
    # Delft, a township of Cape Town, is not listed; the Dutch town (95,000) is not it.
    ctx = PlaceContext(countries=("ZAF",), places=("Cape Town", "South Africa", "Western Cape"))
    assert gaz.resolve("Delft", ctx).iso3 == "NLD"  # type: ignore[union-attr]
    place = gaz.resolve_toponym("Delft", ctx)
    assert place is not None and place.name == "Cape Town" and place.geo_precision == 2


def test_a_town_beside_another_names_namesake_is_no_stray(gaz: Gazetteer) -> None:
    # "Lebanon" alone is the country, yet Lebanon, Pennsylvania lies beside Hershey: a
    # two-name story about Pennsylvania, not about the Middle East.
    for town in ("Hershey", "Annville"):
        place = gaz.resolve_toponym(town, PlaceContext(places=("Lebanon",)))
        assert place is not None and place.admin1 == "Pennsylvania", town
        assert place.name == town and place.geo_precision == 1
    place = gaz.resolve_toponym("Streator", PlaceContext(places=("Peru",)))
    assert place is not None and place.admin1 == "Illinois"
    # A neighbour's reach: Gettysburg lies some 90 km from Lebanon, Pennsylvania.
    place = gaz.resolve_toponym("Gettysburg", PlaceContext(places=("Lebanon",)))
    assert place is not None and place.admin1 == "Pennsylvania"


def test_one_of_many_names_beside_a_town_abroad_is_chance(gaz: Gazetteer) -> None:
    # English counties have namesakes in New England: "Cheshire" has one beside Keene,
    # New Hampshire, but seven other names place the story in England.
    counties = ("Dorset", "Somerset", "Devon", "Cornwall", "Cheshire", "Essex", "Kent", "Wiltshire")
    ctx = PlaceContext(places=counties)
    assert gaz.resolve("Keene", ctx).admin1 == "New Hampshire"  # type: ignore[union-attr]
    place = gaz.resolve_toponym("Keene", ctx)
    assert place is not None and place.iso3 == "GBR" and place.geo_precision == 2


def test_focus_prefers_the_dateline_then_the_best_supported_town(gaz: Gazetteer) -> None:
    index = gaz._index
    houston = gaz.resolve("Houston")
    assert houston is not None
    rows = [r for r in range(len(index.names)) if index.geonameid[r] == houston.geonameid]
    assert article_focus(index, [], None) is None
    assert article_focus(index, rows, 7) == 7  # the dateline wins
    assert article_focus(index, rows, None) == rows[0]
    # Pasadena (Texas) lies beside Houston: Houston has the most support.
    near_houston = PlaceContext(places=("Houston", "Dallas", "Texas", "Pasadena"))
    place = gaz.resolve_toponym("Astrodome Parkway", near_houston)
    assert place is not None and place.name == "Houston" and place.admin1 == "Texas"
    # Paris (Texas) lies 150 km from Dallas: now Dallas has.
    near_dallas = PlaceContext(places=("Houston", "Dallas", "Texas", "Paris"))
    place = gaz.resolve_toponym("Astrodome Parkway", near_dallas)
    assert place is not None and place.name == "Dallas"


def test_only_areas_named_gives_the_most_specific_area(gaz: Gazetteer) -> None:
    ctx = PlaceContext(countries=("USA",), places=("United States", "Ohio"))
    place = gaz.resolve_toponym("Elm Street", ctx)
    assert place is not None and place.name == "Ohio" and place.geo_precision == 3


def test_a_metropolis_beats_a_small_namesake_in_the_named_country(gaz: Gazetteer) -> None:
    ctx = PlaceContext(countries=("USA",), places=("Washington, D.C.", "United States"))
    london = gaz.resolve("London", ctx)
    assert london is not None and london.iso3 == "GBR"
    # Below a million people the named country still decides ("Rome" beside the US).
    rome = gaz.resolve("Rome", PlaceContext(countries=("USA",), places=("United States",)))
    assert rome is not None and rome.iso3 == "USA"
    # An alternate name alone earns no metropolis bonus ("White House" is a GeoNames
    # alternate name of Casablanca).
    white_house = gaz.resolve("White House")
    assert white_house is not None and white_house.iso3 == "USA"


def test_abbreviated_first_words_match_the_full_names(gaz: Gazetteer) -> None:
    assert len(gaz.candidates("Mt. Pleasant")) >= len(gaz.candidates("Mount Pleasant"))
    fort_worth = gaz.resolve("Ft. Worth")
    assert fort_worth is not None and fort_worth.name == "Fort Worth"
    assert fort_worth.admin1 == "Texas"


def test_seas_landmarks_and_abbreviations_of_the_supplement(gaz: Gazetteer) -> None:
    atlantic = gaz.resolve("Atlantic")
    assert atlantic is not None and atlantic.name == "Atlantic Ocean"
    assert atlantic.feature == "region" and atlantic.iso3 is None
    kremlin = gaz.resolve("Kremlin")
    assert kremlin is not None and kremlin.iso3 == "RUS"
    assert km_between(kremlin.latitude, kremlin.longitude, 55.75, 37.62) < 2
    nsw = gaz.resolve("NSW")
    assert nsw is not None and nsw.name == "New South Wales" and nsw.iso3 == "AUS"
    korea = gaz.resolve("Korea")
    assert korea is not None and korea.iso3 == "KOR" and korea.feature == "country"
