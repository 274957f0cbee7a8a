"""Place answers the article does not support: English words taken for small foreign
towns, places inside longer names abroad, and the Syrian news spellings the supplement
lists (issue 5)."""

from __future__ import annotations

import pytest

from newsevents.evaluate.metrics import km_between
from newsevents.resolve.places import Gazetteer, PlaceContext, get_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """The full index from the default cache."""
    return get_gazetteer()


def test_english_word_in_transliterated_article_is_no_foreign_town(gaz: Gazetteer) -> None:
    # "the eastern Countryside of Deir Ezzor": Countryside, Virginia is a coincidence.
    ctx = PlaceContext(places=("eastern Countryside", "Deir Ezzor"))
    assert gaz.resolve("eastern Countryside", ctx) is None
    assert gaz.resolve("Deir Ezzor", ctx) is not None


def test_english_word_stands_where_the_article_is(gaz: Gazetteer) -> None:
    ctx = PlaceContext(countries=("USA",), places=("Countryside", "Virginia"))
    place = gaz.resolve("Countryside", ctx)
    assert place is not None and (place.iso3, place.admin1) == ("USA", "Virginia")


def test_english_word_in_title_case_headline_needs_support(gaz: Gazetteer) -> None:
    headline = PlaceContext(places=("Convoy",), headline_names=("Convoy",))
    assert gaz.resolve("Convoy", headline) is None
    # Outside a headline, with nothing to say where the article is, the prior stands.
    plain = gaz.resolve("Convoy", PlaceContext(places=("Convoy",)))
    assert plain is not None and plain.iso3 == "IRL"


def test_headline_english_word_is_no_anchor(gaz: Gazetteer) -> None:
    # Countryside (Virginia) would pull Alexandria to Virginia; in a headline it is no
    # evidence, and Alexandria stays the Egyptian city.
    names = ("Alexandria", "Countryside")
    in_headline = gaz.resolve("Alexandria", PlaceContext(places=names, headline_names=names))
    assert in_headline is not None and in_headline.iso3 == "EGY"
    in_text = gaz.resolve("Alexandria", PlaceContext(places=names))
    assert in_text is not None and in_text.iso3 == "USA"


def test_embedded_town_abroad_is_dropped(gaz: Gazetteer) -> None:
    syrian = PlaceContext(countries=("SYR",), places=("Carnegie Library", "Aleppo"))
    assert gaz.resolve("Carnegie Library", syrian) is None
    american = PlaceContext(countries=("USA",), places=("Carnegie Library", "Pittsburgh"))
    place = gaz.resolve("Carnegie Library", american)
    assert place is not None and place.iso3 == "USA"


def test_embedded_area_still_resolves(gaz: Gazetteer) -> None:
    ctx = PlaceContext(countries=("CAN",), places=("University of Alberta", "Toronto"))
    place = gaz.resolve("University of Alberta", ctx)
    assert place is not None and place.admin1 == "Alberta"


@pytest.mark.parametrize(
    ("spelling", "admin1", "lat", "lon"),
    [
        ("Atareb", "Aleppo", 36.139, 36.825),
        ("Sermin", "Idlib", 35.904, 36.725),
        ("Tremla", "Idlib", 35.524, 36.482),
        ("Hodr", "Quneitra", 33.281, 35.830),
        ("al-Harrah", "Daraa", 33.056, 36.005),
        ("Al-Suwaidaa", "As-Suwayda", 32.709, 36.570),
        ("Ayn Issa", "Ar-Raqqah", 36.386, 38.859),
        ("Ein Essa", "Ar-Raqqah", 36.386, 38.859),
        ("Tishreen Dam", "Aleppo", 36.389, 38.160),
    ],
)
def test_syrian_news_spellings(
    gaz: Gazetteer, spelling: str, admin1: str, lat: float, lon: float
) -> None:
    assert gaz.is_place_name(spelling)
    ctx = PlaceContext(countries=("SYR",), places=(spelling, "Aleppo"))
    place = gaz.resolve(spelling, ctx)
    assert place is not None and (place.iso3, place.admin1) == ("SYR", admin1)
    assert km_between(place.latitude, place.longitude, lat, lon) < 2


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("Al-Marj", "Eastern Ghouta"),  # the Libyan district of Al Marj
        ("Tina", "Ain Issa"),  # Tina, New Caledonia
        ("al-Thala", "Daraa"),  # Thala, Tunisia
        ("Castello", "Aleppo"),  # Castello, Italy (the Castello road)
    ],
)
def test_namesake_abroad_in_an_article_about_syria_is_dropped(
    gaz: Gazetteer, name: str, other: str
) -> None:
    # No Syrian place goes by the name: a town or province by it in another country, far
    # from the article's other places, is a wrong answer; none is better.
    ctx = PlaceContext(countries=("SYR",), places=(name, other))
    assert gaz.resolve(name, ctx) is None
    assert gaz.resolve(name, PlaceContext(places=(name,))) is not None  # alone it stands
    place = gaz.resolve(other, ctx)
    assert place is not None and place.iso3 == "SYR"


@pytest.mark.parametrize(("name", "other"), [("Castello", "Aleppo"), ("Zafarana", "Homs")])
def test_a_namesake_abroad_is_dropped_when_the_article_names_foreign_parties(
    gaz: Gazetteer, name: str, other: str
) -> None:
    # Syrian news names Russia and the US as parties ("Russian jets"): the article's
    # places, not the countries it names, say where it is.
    ctx = PlaceContext(countries=("SYR", "RUS", "USA"), places=(name, other, "Russia"))
    assert gaz.resolve(name, ctx) is None
    # A place in a country the article places things in stays ("Orem" beside Provo).
    utah = PlaceContext(countries=("USA",), places=("Orem", "Provo"))
    orem = gaz.resolve("Orem", utah)
    assert orem is not None and orem.iso3 == "USA"


def test_town_across_the_border_stands(gaz: Gazetteer) -> None:
    # Al-Qaim (Iraq) beside Albu Kamal (Syria) is the neighbour across the border.
    ctx = PlaceContext(countries=("SYR",), places=("Al-Qaim", "Albu Kamal"))
    place = gaz.resolve("Al-Qaim", ctx)
    assert place is not None and place.iso3 == "IRQ"


def test_country_read_abroad_does_not_drop_the_articles_towns(gaz: Gazetteer) -> None:
    # "Jordan" (a Minnesota town, read as the country) is no place finer than a country:
    # Shakopee stays in Minnesota; Virginia stays a US state beside Alexandria (Egypt).
    place = gaz.resolve("Shakopee", PlaceContext(countries=("JOR",), places=("Shakopee",)))
    assert place is not None and place.iso3 == "USA"
    names = ("Virginia", "Alexandria")
    state = gaz.resolve("Virginia", PlaceContext(countries=("EGY",), places=names))
    assert state is not None and (state.iso3, state.feature) == ("USA", "admin1")
