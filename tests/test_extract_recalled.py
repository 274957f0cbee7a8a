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


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # A place's history told in a clause on the place.
        (
            "Rebel bombardment of government-held districts killed two civilians in Aleppo, "
            "which has been divided since July 2012.",
            "Aleppo",
        ),
        # Another act, long past, told in a clause on the place.
        (
            "On Sunday Daesh fighters recaptured the town of Al Qaryatain, which regime forces "
            "took from the group in April 2016.",
            "Al Qaryatayn",
        ),
    ],
)
def test_a_date_long_past_in_a_clause_on_a_place_does_not_make_the_event_old(text, place):
    (event,) = new_events(text, "2017-10-03")
    assert event.location == place


def test_the_start_of_a_running_toll_does_not_date_the_act():
    (event,) = new_events(
        "A car bomb exploded in Azaz on Tuesday, killing 12 people and raising the death toll "
        "since January to 300.",
        "2017-10-05",
    )
    assert event.event_date == "2017-10-03"
    assert event.fatalities == 12


def test_a_clause_on_the_event_word_still_dates_it():
    (event,) = new_events(
        "The air strikes on Aleppo which began on Saturday killed 45 civilians.", "2016-08-16"
    )
    assert event.event_date == "2016-08-13"


def test_a_past_habit_is_background_but_a_means_used_is_an_act():
    assert new_events("Daesh used to control wide parts of Syria and Iraq.", "2017-04-18") == []
    assert new_events("Rebels used to shell the town every night.", "2017-04-18") == []
    (event,) = new_events("Regime forces used barrel bombs to hit Daraya on Monday.", "2017-04-18")
    assert event.location == "Darayya"


# Body text of three sentences: a named event is recalled only in running text (a headline
# names the news it brings).
_LEDE = "Syrian opposition condemns remarks by the regime's envoy."
_AFTER = "The Coalition said the claims showed disregard for the victims."


def test_an_event_named_in_running_text_is_recalled():
    text = (
        f"{_LEDE} The Syrian Coalition denounced the claims of the regime's UN representative "
        "who on Monday blamed France for the Ghouta Massacre that claimed the lives of over "
        f"1127 people. {_AFTER}"
    )
    assert new_events(text, "2016-08-24") == []
    events = newsevents.extract(text, published="2016-08-24")
    assert [(e.status, e.fatalities) for e in events] == [("background", 1127)]


@pytest.mark.parametrize(
    "text",
    [
        # The same event word, not capitalised as a name.
        f"{_LEDE} Regime forces carried out a massacre in Ghouta on Monday that claimed the "
        f"lives of 20 people. {_AFTER}",
        # A scraped tag list glued to the lede names no event.
        f"{_LEDE} Tags Syria Kurds Suicide Attack SDF A suicide bomber killed 22 people in "
        f"Hasakah on Monday. {_AFTER}",
    ],
)
def test_an_event_word_that_names_no_known_event_is_news(text):
    assert len(new_events(text, "2016-08-24")) == 1


def test_an_event_something_came_long_after_is_recalled():
    events = newsevents.extract(
        "The country grapples with renewed violence three months after the fall of "
        "President Bashar al-Assad.",
        published="2025-03-14",
    )
    assert [e.status for e in events] == ["background"]
    # Days after: the event told is recent.
    events = newsevents.extract(
        "Two days after the attack on the checkpoint, the army shelled the town of Douma.",
        published="2025-03-14",
    )
    assert [e.status for e in events] == ["new"]
