"""Event words inside fixed phrases of another sense: "according to" is no accord, "deal
with" no deal, "struck a deal" no strike; the words themselves still tell of events
(loads the model)."""

import pytest
from factories import new_events

pytestmark = pytest.mark.model


def _types(text: str) -> list[str]:
    return sorted(e.sub_event_type for e in new_events(text, "2016-11-21"))


def test_according_to_is_no_agreement() -> None:
    text = "According to the monitor, warplanes bombed Aleppo on Sunday, killing 12 people."
    assert "Agreement" not in _types(text)
    assert "Air/drone strike" in _types(text)


def test_an_accord_reached_is_an_agreement() -> None:
    assert _types("Rebels and the government reached an accord on Tuesday to evacuate Daraya.") == [
        "Agreement"
    ]


def test_struck_a_deal_is_an_agreement_not_an_attack() -> None:
    assert _types("The two sides struck a deal on Tuesday to evacuate Daraya.") == ["Agreement"]


def test_deal_with_is_no_agreement_but_a_deal_is() -> None:
    assert "Agreement" not in _types(
        "Police failed to deal with the protesters who marched in Daraa on Friday."
    )
    assert "Agreement" in _types(
        "The factions signed a deal in Daraa on Friday to end the fighting."
    )
