"""An event remembered is no new event: "the anniversary of the massacre", "to commemorate
the victims of the gas attack" tell of what happened long ago, whatever the sentence's own
date (loads the model)."""

import pytest
from factories import new_events

import newsevents

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text",
    [
        "The envoy issued his appeal on Friday, the 14th anniversary of the start of protests "
        "against the government.",
        "Residents of Douma marked on Monday the fifth anniversary of the chemical attack on "
        "the town.",
        "Thousands gathered in Halabja on Sunday to commemorate the victims of the gas attack.",
    ],
)
def test_an_event_remembered_is_not_new(text):
    assert new_events(text, "2025-03-16") == []


def test_the_attack_remembered_is_background():
    text = "Residents of Douma marked on Monday the fifth anniversary of the chemical attack."
    events = newsevents.extract(text, published="2023-04-10")
    assert [e.status for e in events] == ["background"]


def test_a_protest_held_on_an_anniversary_is_new():
    (event,) = new_events(
        "Protesters rallied in Douma on Monday, the anniversary of the uprising.", "2025-03-16"
    )
    assert event.sub_event_type == "Peaceful protest"
