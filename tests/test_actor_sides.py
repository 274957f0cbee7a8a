"""Who can be a side in an event: those who report events (monitors, news agencies, rights
groups) are never actors, nor a craft, a date or a count read as a name, and civilians
never carry out armed violence: read as actor1 in a battle, a bombing or an attack they are
its victims."""

import pytest
from factories import new_events

from newsevents.records import Actor
from newsevents.resolve.actors import get_actor_dictionary

ACTORS = get_actor_dictionary()
CIVILIANS = Actor("Civilians", "Civilians")
ARMY = Actor("Military Forces of Syria", "State forces")


@pytest.mark.parametrize(
    "surface",
    [
        "the Syrian Observatory for Human Rights",
        "a Britain-based monitor",
        "the state news agency",
        "the Kurdish rights group",
    ],
)
def test_who_reports_events_is_no_actor(surface):
    assert ACTORS.resolve(surface) is None


@pytest.mark.parametrize(
    "surface",
    ["Warplanes", "War jets", "an Mi-8 transport helicopter", "October Seven", "Mon Dec", "Three"],
)
def test_a_craft_a_date_or_a_count_read_as_a_name_is_no_actor(surface):
    assert ACTORS.resolve(surface) is None


def test_a_states_craft_are_its_forces():
    actor = ACTORS.resolve("Syrian jets")
    assert actor is not None and actor.name == "Military Forces of Syria"


def test_an_unknown_armed_group_is_still_an_actor():
    actor = ACTORS.resolve("the Liwa al-Haqq brigade")
    assert actor is not None and actor.kind == "Rebel group"


@pytest.mark.parametrize(
    ("event_type", "sides"),
    [
        ("Battles", (None, CIVILIANS)),
        ("Explosions/Remote violence", (None, CIVILIANS)),
        ("Violence against civilians", (None, CIVILIANS)),
        ("Riots", (CIVILIANS, None)),  # civilians may riot
    ],
)
def test_civilians_never_carry_out_armed_violence(event_type, sides):
    assert ACTORS.sides(CIVILIANS, None, event_type) == sides


def test_civilians_read_as_actor1_beside_a_named_target_are_no_side():
    assert ACTORS.sides(CIVILIANS, ARMY, "Battles") == (None, ARMY)
    assert ACTORS.sides(ARMY, CIVILIANS, "Battles") == (ARMY, CIVILIANS)


@pytest.mark.model
def test_a_headline_of_civilians_killed_makes_them_the_victims():
    (event,) = new_events(
        "20 civilians killed, 30 injured in car bomb attack in Deir Ezzor", "2017-11-18"
    )
    assert (event.actor1, event.actor2) == (None, "Civilians")


@pytest.mark.model
def test_the_monitor_that_reports_a_bombing_is_not_its_perpetrator():
    (event,) = new_events(
        "The Syrian Observatory for Human Rights said twin car bombs killed 18 people in Homs",
        "2014-10-01",
    )
    assert "Syrian Observatory for Human Rights" not in (event.actor1, event.actor2)


@pytest.mark.model
def test_regime_forces_beside_a_namesake_place_are_the_states_whose_words_say_so():
    # "Palmyra" alone is a town in the USA; "regime forces" say the report is Syria's.
    (event,) = new_events(
        "The regime forces continue their counter attack in Palmyra desert", "2016-03-20"
    )
    assert event.actor1 == "Military Forces of Syria"
    assert event.country == "Syria"


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "Hezbollah fighters fought alongside Syrian troops against rebels in Qusayr on Monday.",
            ("Hezbollah", "Rebels"),
        ),
        (
            "Russian special forces fought alongside the Syrian army in Palmyra on Monday.",
            ("Military Forces of Russia", None),
        ),
    ],
)
def test_an_ally_fighting_alongside_is_no_side_against(text, sides):
    (event,) = new_events(text, "2016-03-21")
    assert (event.actor1, event.actor2) == sides


def test_who_clashed_with_the_army_fought_it():
    (event,) = new_events(
        "Hezbollah fighters clashed with Syrian troops in Qusayr on Monday.", "2016-03-21"
    )
    assert (event.actor1, event.actor2) == ("Hezbollah", "Military Forces of Syria")


@pytest.mark.model
def test_who_fights_where_a_weapon_struck_did_not_use_it():
    # "where ..." describes the place the weapon struck: its fighters are no attacker.
    (bombardment,) = new_events(
        "Regime bombardment on Tuesday also hit other areas of Eastern Ghouta where "
        "opposition fighters have been battling President Bashar Assad's troops.",
        "2017-10-31",
    )
    assert bombardment.actor1 == "Military Forces of Syria"
    (raid,) = new_events(
        "The air raid on Tuesday comes amid escalating violence in Daraa province where "
        "rebels have been advancing in recent months.",
        "2014-06-18",
    )
    assert raid.actor1 is None
    # Fighting told so is still the fighting of those the clause names.
    (fighting,) = new_events(
        "Fighting continued on Tuesday on the western outskirts of Aleppo where rebels "
        "have been making advances.",
        "2016-10-29",
    )
    assert "Rebels" in (fighting.actor1, fighting.actor2)


@pytest.mark.model
def test_a_subject_swallowed_by_the_opening_phrase_of_place_acts():
    # "members" is parsed as the object of "of Idlib ...": the verb has no subject.
    (kidnap,) = new_events(
        "In the northwestern province of Idlib Nusra Front members kidnapped Iraqi "
        "Christian priest Diaa Aziz from the village of Yacoubiyeh on Monday.",
        "2015-07-08",
    )
    assert kidnap.actor1 == "Hayat Tahrir al-Sham"
    # A phrase of time swallows no subject ("Saturdays" is no attacker).
    assert not any(
        e.actor1 == "Saturdays"
        for e in new_events(
            "In the hours leading up to Saturdays attacks the two women spoke to Reuters.",
            "2017-04-18",
        )
    )
