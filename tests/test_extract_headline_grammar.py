"""Headline grammar that hides a place or an event word: a town that owns or qualifies an
event noun ("Afrin's bombing", "Aleppo battle"), a name the tagger reads as an adjective,
a place label before a colon, names with a kind of place after them, the noun "killing",
reflexive suicide bombings, a capitalised verb after an acronym; and the look-alikes that
must stay apart (a country owning the event is its attacker, "Mine explosion" is no town)
(loads the model)."""

import pytest
from factories import new_events

pytestmark = pytest.mark.model


def _one(text: str) -> tuple[str, str | None]:
    (event,) = new_events(text, "2018-03-01")
    return event.sub_event_type, event.location


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Zardana's massacre kills 12 villagers", "Zardana"),
        ("Daraa's bombing wounds 8 people", "Dara"),
        ("Aleppo battle leaves 20 fighters dead", "Aleppo"),
        ("Al-Bokamal massacre kills 9 people", "Albu Kamal"),
        ("Idlib witnesses more bombings", "Idlib"),
        ("Aleppo came under heavy shelling on Monday", "Aleppo"),
        ("The town of Saraqeb suffered intense air strikes", "Saraqib"),
        ("Raqqa: coalition warplanes bomb two towns", "Ar Raqqah"),
    ],
)
def test_a_town_owning_qualifying_or_labelling_the_news_is_its_place(text, place):
    assert _one(text)[1] == place


def test_a_country_owning_the_event_stays_its_attacker():
    (event,) = new_events("Turkey's shelling kills 5 Kurdish fighters", "2018-03-01")
    assert event.location is None
    assert event.actor1 == "Military Forces of Turkey"


def test_a_word_opening_an_event_phrase_is_no_town():
    # "Mine" is also a town's name in the gazetteer: here it opens "mine explosion".
    sub, place = _one("Mine explosion kills 6 children in the countryside of Hama")
    assert (sub, place) == ("Remote explosive/landmine/IED", "Hamah")


def test_a_name_between_fighting_sides_is_placed_by_the_fight():
    # "between A and B in X": the preposition hangs on B, which hangs on "clashes".
    sub, place = _one("Clashes between Ahrar al-Sham and the Nusra Front in Armanaz")
    assert (sub, place) == ("Armed clash", "Armanaz")


def test_a_weapon_done_to_a_named_place():
    assert _one("The shelling of Armanaz kills 3 civilians")[1] == "Armanaz"
    # A victim's name after "the assassination of" is no place.
    assert new_events("The assassination of Hassan Nasrallah", "2018-03-01") == []


def test_a_verb_between_a_name_and_its_misread_head_frees_the_name():
    # The parser hangs "Tal al-Toqan" on "members" across the verb "kill".
    assert _one("The 2 explosions of Tal al-Toqan kill members of Ahrar al-Sham")[1] == (
        "Tall Touqan"
    )


def test_a_kind_of_place_after_a_known_name():
    assert _one("Clashes continue in Al-Baghuz farms")[1] == "al-Baghuz Fawqani"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Turkey announces the killing of 3 soldiers in Afrin", "Armed clash"),
        ("Two women blow themselves up at a checkpoint in Azaz", "Suicide bomb"),
        ("The factions restore control over two villages near Azaz", None),
        ("SDF Advance west of Raqqa city", "Armed clash"),
    ],
)
def test_headline_event_words(text, sub):
    events = new_events(text, "2018-03-01")
    assert len(events) == 1
    if sub is not None:
        assert events[0].sub_event_type == sub
    else:
        assert events[0].event_type == "Battles"


def test_no_event_without_an_event_word():
    assert new_events("Idlib residents return to their homes", "2018-03-01") == []
    assert new_events("Aleppo council meets to discuss schools", "2018-03-01") == []


def test_a_label_that_is_no_place_leaves_the_place_to_the_text():
    assert _one("Exclusive: warplanes bomb two towns near Homs")[1] == "Homs"
