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


@pytest.mark.parametrize(
    "text",
    [
        "This crime once again demonstrates the brutality of the regime in Geneva.",
        "The opposition leader rallied support in Idlib on Friday.",
    ],
)
def test_demonstrate_or_rally_with_an_object_is_no_protest(text: str) -> None:
    assert _types(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds rallied in Beirut on Sunday to demand reforms.",
        # The parser reads "outside parliament" as an object: it is where they rallied.
        "Protesters rallied outside parliament in Beirut on Sunday.",
    ],
)
def test_demonstrate_or_rally_without_one_is_a_protest(text: str) -> None:
    assert _types(text) == ["Peaceful protest"]


def test_chemical_weapons_used_are_a_chemical_attack() -> None:
    text = "The report demonstrated that the regime used chemical weapons in Douma."
    assert _types(text) == ["Chemical weapon"]
    assert _types("The regime used chemical weapons in Douma on Saturday.") == ["Chemical weapon"]


def test_chemical_weapons_inspectors_are_no_attack() -> None:
    text = (
        "World powers urged Assad to allow chemical weapons inspectors already in Damascus "
        "to examine the sites."
    )
    assert "Chemical weapon" not in _types(text)


def test_besieged_areas_are_a_state_not_a_battle() -> None:
    assert _types("The UN sent aid on Monday to the besieged town of Daraya.") == []
    text = (
        "The UN was granted permission to send convoys to all 19 besieged areas including Daraya."
    )
    assert _types(text) == []


def test_troops_that_besieged_a_town_fought_for_it() -> None:
    assert _types("Government forces besieged Daraya on Monday.") == ["Armed clash"]


def test_dealt_a_blow_is_no_agreement() -> None:
    assert _types("The raid on Monday dealt a severe blow to the group in Beledweyne.") == [
        "Attack"
    ]


@pytest.mark.parametrize(
    "text",
    [
        # An incident log's heading: the month opens the line and the parser tags it a name.
        "March 11th-12th 2017: (S501) Kasrat Al Faraj, east of Raqqa, Raqqa governorate, Syria",
        "March 21, 2017 - Tabqa, Raqqa governorate, Syria",
        "Shelling hit Daraa on 5 March.",
    ],
)
def test_a_month_next_to_a_day_or_year_is_no_march(text: str) -> None:
    assert "Peaceful protest" not in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        # The parser reads "Thousands march" as a count of marches: a crowd and its act.
        "Thousands march in Raqqa against the regime.",
        "Thousands rally in Raqqa against the regime.",
        "Protesters march in Damascus on Friday.",
        "March in Damascus: protesters demand the release of detainees.",
    ],
)
def test_a_crowd_that_marches_is_a_protest(text: str) -> None:
    assert _types(text) == ["Peaceful protest"]
