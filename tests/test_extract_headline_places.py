"""Telegraphic headlines get their event and its place: a town before an event noun
("Idlib shelling"), a name the parser tags as a common noun ("in Homs"), a name the
words around it call a place ("the town of Atareb"), while a country before an event
noun stays the attacker (loads the model)."""

import pytest
from factories import new_events

pytestmark = pytest.mark.model


def _new(text, published="2017-05-01", title=None):
    return new_events(text, published, title, by_place=True)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Idlib shelling kills 5", "Idlib"),
        ("Damascus bombing kills 5", "Damascus"),
        ("More casualties in Al-Hasakah explosion", "Al Hasakah"),
    ],
)
def test_a_town_before_an_event_noun_is_its_place(text, place):
    (event,) = _new(text)
    assert event.location == place


def test_a_country_before_an_event_noun_is_the_attacker_not_the_place():
    (event,) = _new("Russia airstrikes kill 5 in Idlib")
    assert event.location == "Idlib"
    assert event.actor1 == "Military Forces of Russia"
    (bare,) = _new("Turkey shelling kills 5")
    assert bare.location is None
    assert bare.actor1 == "Military Forces of Turkey"


def test_a_place_the_parser_reads_as_a_common_noun():
    (event,) = _new("Aerial bombardment kills 6 in Homs")
    assert (event.location, event.sub_event_type, event.fatalities) == (
        "Homs",
        "Air/drone strike",
        6,
    )
    (clash,) = _new("Regime forces clash with rebels in Homs")
    assert clash.location == "Homs"


def test_an_english_word_after_in_is_no_place():
    # "in Turmoil": a capitalised English word is not read as a place name.
    assert all(e.location is None for e in _new("Two killed as Idlib Front falls in Turmoil"))


def test_a_name_framed_as_a_place_is_resolved_in_full():
    (town,) = _new("Airstrikes again bomb the town of Atareb, killing a man and his family")
    assert town.location == "Al Atarib"
    (city,) = _new("A massacre carried out by warplanes in the city of Maarat al-Numan")
    assert city.location == "Maarrat an Numan"
    events = _new("Casualties in shelling at Bdama town and clashes on the outskirts of Aleppo")
    assert [(e.location, e.sub_event_type) for e in events] == [
        ("Aleppo", "Armed clash"),
        ("Bdama", "Shelling/artillery/missile attack"),
    ]


def test_a_framed_english_word_is_not_looked_up():
    assert _new("Clashes in the town of Hope") == []


def test_the_massacre_of_a_town_is_placed_there():
    (event,) = _new("More casualties raise their number to 10 at least in the massacre of Hish")
    assert (event.location, event.fatalities) == ("Hish", 10)


def test_a_capital_after_the_word_capital_is_the_city():
    # The parser reads "Damascus" as the subject of "leaves": a capital that acts would
    # be its government; after "the capital" it is the city.
    (event,) = _new("A previous fall of shells on the capital Damascus leaves more human losses")
    assert (event.location, event.sub_event_type) == (
        "Damascus",
        "Shelling/artillery/missile attack",
    )
    assert event.actor1 is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # The parser hangs "Afrin's" on "increases": the word after the possessive counts.
        (
            "The number of casualties of Afrin's massacre increases to 22 persons including "
            "7 children as a result of the Turkish shelling on the city",
            "Afrin",
        ),
        (
            "Casualties and injuries in the continuation of armed clashes between gunmen of "
            "Kafar Takharim's residents against members of Hayyaat Tahrir al-Sham",
            "Kafr Takharim",
        ),
    ],
)
def test_a_town_that_owns_its_event_or_its_people_is_the_place(text, place):
    (event,) = _new(text)
    assert event.location == place


@pytest.mark.parametrize(
    ("text", "place", "actor"),
    [
        # The parser reads "Aleppo" as an adjective of "government forces".
        (
            "In Aleppo government forces shelled the district of Bustan al-Qasr on Monday.",
            "Aleppo",
            "Military Forces of Syria",
        ),
        (
            "Near Aleppo government forces shelled rebel-held districts on Monday.",
            "Aleppo",
            "Military Forces of Syria",
        ),
    ],
)
def test_a_name_after_the_opening_preposition_is_the_place(text, place, actor):
    (event,) = _new(text)
    assert (event.location, event.actor1) == (place, actor)
