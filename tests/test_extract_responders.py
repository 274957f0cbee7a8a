"""Who responds to an act did not do it: the subject of a verb that condemns,
investigates or reacts to an event noun is neither its actor nor its place (loads the
model)."""

import pytest
from factories import new_events

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "responder"),
    [
        ("Kerry condemned the chemical attack in Ghouta on Wednesday.", "Kerry"),
        ("The UN will investigate the massacre in Douma, officials said on Monday.", "UN"),
        ("France reacted angrily to the air strike on Saraqeb that killed 9 people.", "France"),
        ("Turkey denounced the bombing in Afrin that killed 12 civilians.", "Turkey"),
    ],
)
def test_a_responder_is_not_the_actor(text, responder):
    events = new_events(text, "2018-03-01")
    assert events
    for event in events:
        assert responder not in (event.actor1 or "") and responder not in (event.actor2 or "")
        assert event.country != responder


def test_who_launched_an_attack_still_did_it():
    (event,) = new_events(
        "Rebels launched an attack on the village of Kafr Jana on Monday.", "2018-03-01"
    )
    assert event.actor1 == "Rebels"


def test_an_attack_by_a_named_side_that_was_repelled_keeps_its_attacker():
    (event,) = new_events(
        "The army repelled an attack by IS on the town of Hajin on Tuesday.", "2018-03-01"
    )
    assert event.actor1 == "Islamic State"


@pytest.mark.parametrize(
    ("text", "bystander"),
    [
        (
            "The US moved its warships closer to Syria over an alleged chemical attack "
            "in Ghouta on Wednesday.",
            "United States",
        ),
        (
            "Britain recalled its ambassador in retaliation for the bombing in Aleppo "
            "that killed 12 people.",
            "United Kingdom",
        ),
    ],
)
def test_who_acts_because_of_an_event_did_not_do_it(text, bystander):
    events = new_events(text, "2018-03-01")
    assert events
    for event in events:
        assert bystander not in (event.actor1 or "") and bystander not in (event.actor2 or "")


def test_who_acts_after_an_event_may_well_have_done_it():
    (event,) = new_events(
        "Regime forces advanced west of Hama after heavy shelling of the town of Kafr Zita.",
        "2018-03-01",
    )
    assert event.actor1 == "Military Forces of Syria"
