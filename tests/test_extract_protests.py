"""Protests as ACLED codes them: a crowd's protest told in a purpose clause happened
("gathered to protest"), a workers' strike is a protest and not an attack, and every
protest or riot names its crowd as the first actor (loads the model)."""

from typing import Any

import pytest
from factories import new_events

import newsevents

pytestmark = pytest.mark.model

PUBLISHED = "2019-10-10"


def _one(text: str) -> Any:
    """The one new event of a text."""
    (event,) = new_events(text, PUBLISHED)
    return event


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds gathered in Beirut on Sunday to protest against corruption.",
        "Demonstrators blocked roads in Sweida on Saturday to protest fuel prices.",
    ],
)
def test_a_crowd_that_assembled_to_protest_protested(text: str) -> None:
    event = _one(text)
    assert (event.sub_event_type, event.modality) == ("Peaceful protest", "asserted")


@pytest.mark.parametrize(
    "text",
    [
        "Residents plan to protest in Daraa next week.",
        "Protesters will gather in Amman on Friday to protest the deal.",
        "The army launched an offensive on Sunday to retake Palmyra.",
        "Opposition leaders called for protests in Damascus on Friday.",
        "Unions appealed for a general strike in Beirut on Monday.",
    ],
)
def test_a_protest_or_an_offensive_still_to_come_is_planned(text: str) -> None:
    assert _one(text).modality == "planned"


@pytest.mark.parametrize(
    "text",
    [
        "Teachers went on strike in Baghdad on Sunday demanding higher pay.",
        "Workers staged a strike at the port of Basra on Monday.",
        "Doctors have been on strike in Khartoum since Monday.",
    ],
)
def test_a_workers_strike_is_a_protest(text: str) -> None:
    event = _one(text)
    assert (event.event_type, event.sub_event_type) == ("Protests", "Peaceful protest")


def test_a_military_strike_is_still_one() -> None:
    assert _one("Israeli jets carried out a strike on Gaza on Monday.").event_type == (
        "Explosions/Remote violence"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of people protested in Beirut on Sunday against the government.",
        "Hundreds of students rallied outside parliament in Amman on Monday.",
        # A protest that was dispersed is still the protesters' act.
        "Some 200 Kurdish nationals staged a demonstration in Beirut on Sunday before the "
        "crowd was dispersed.",
    ],
)
def test_a_protest_with_no_actor_named_is_by_protesters(text: str) -> None:
    assert _one(text).actor1 == "Protesters"


def test_protesters_who_were_killed_did_not_protest_against_themselves() -> None:
    event = _one("Five protesters were killed in Nasiriyah on Thursday.")
    assert (event.actor1, event.actor2) == (None, "Protesters")


def test_an_act_named_inside_what_is_asked_for_was_done() -> None:
    event = _one("The UN called for an inquiry into the air strike on Saraqeb on Monday.")
    assert (event.sub_event_type, event.modality) == ("Air/drone strike", "asserted")


@pytest.mark.parametrize(
    ("text", "crowd"),
    [
        ("Hundreds of residents demonstrated in Idlib on Friday against the group.", "Protesters"),
        ("Villagers rioted in Sweida on Friday, burning a police station.", "Rioters"),
    ],
)
def test_civilians_who_protest_or_riot_are_the_crowd(text: str, crowd: str) -> None:
    # ACLED never codes civilians as the first actor of a protest or riot; the argument
    # keeps the words.
    event = _one(text)
    assert event.actor1 == crowd
    assert event.arguments["perpetrator"][0].lower() in ("residents", "villagers")


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of protesters marched through Paris on Thursday; police fired tear gas "
        "and arrested 120 people.",
        "Police in Nairobi used live bullets against protesters, killing two.",
    ],
)
def test_force_at_a_protest_falls_on_the_protesters(text: str) -> None:
    # ACLED codes the people police used force on at a protest as protesters, never as
    # civilians, and the other side of the police's force is the crowd.
    event = _one(text)
    assert event.event_type == "Protests"
    assert event.actor1 is not None and event.actor1.startswith("Police Forces of")
    assert event.actor2 == "Protesters"


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "Late March media reported that at least 200 people were killed in recent "
            "airstrikes in Mosul.",
            "Air/drone strike",
        ),
        (
            "The death toll from air strikes on Atareb has risen to 61, a monitor said, a "
            "demonstration of the fragile state of the truce.",
            "Air/drone strike",
        ),
    ],
)
def test_a_month_or_a_showing_is_no_protest(text: str, sub_event_type: str) -> None:
    # "Late March" is the month, "a demonstration of the fragile state" a showing.
    events = newsevents.extract(text, published=PUBLISHED)
    assert events and {e.sub_event_type for e in events} == {sub_event_type}


def test_what_a_crowd_demands_is_no_event_of_its_own() -> None:
    events = new_events(
        "Thousands rallied in Tel Aviv on Saturday night demanding a deal to free the hostages.",
        "2024-06-20",
    )
    assert [e.sub_event_type for e in events] == ["Peaceful protest"]
