"""Counts of the dead written on a monitor's casualty noun ("7 casualties in an air
strike") or on the group a participle's "of" phrase names ("13 members of the militia
killed") are the event's fatalities; one count shared with the injured counts neither
(loads the model)."""

import pytest

import newsevents

pytestmark = pytest.mark.model


def _fatalities(text: str) -> list[int | None]:
    events = newsevents.extract(text, published="2017-05-01")
    return [e.fatalities for e in events if e.status == "new"]


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("9 casualties in an air strike on the town of Saraqeb", 9),
        ("At least 12 casualties in shelling on the city of Douma", 12),
        ("Dozens of casualties in a car bomb explosion in Azaz", 12),
    ],
)
def test_a_count_on_a_casualty_noun_counts_the_dead(text, dead):
    assert _fatalities(text) == [dead]


@pytest.mark.parametrize(
    "text",
    [
        "14 casualties and injuries in shelling on the city of Douma",
        "About 30 casualties and wounded in an air strike on Saraqeb",
        "More casualties in shelling on the city of Douma",
        "The shelling leaves about 40 casualties and wounded in Douma",
        "Shelling leaves 300 casualties in Douma within 20 days",
    ],
)
def test_a_casualty_count_shared_with_the_injured_or_uncounted_stays_unknown(text):
    assert _fatalities(text) == [None]


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("11 members of the local militia killed in clashes near Hama", 11),
        ("At least 7 fighters from the rebel brigade killed in an ambush in Daraa", 7),
        ("Dozens of soldiers of the army killed in an attack on a checkpoint in Homs", 12),
    ],
)
def test_a_participle_on_an_of_phrase_counts_the_members_named_before_it(text, dead):
    assert _fatalities(text) == [dead]


def test_a_death_noun_that_times_another_act_gives_it_no_toll():
    assert _fatalities(
        "Days after the death of 12 fighters, the army shells the town of Douma"
    ) == [None]


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Five children and four medical staff killed by regime airstrikes in Idlib.", 9),
        ("Two soldiers and a civilian killed in a bombing in Idlib on Monday.", 3),
    ],
)
def test_a_participle_after_a_list_of_people_counts_all_of_it(text, dead):
    assert _fatalities(text) == [dead]


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # Two counts, each with its own word: the list is not the dead.
        ("Fierce clashes near Damascus left at least 40 dead and 70 wounded on Friday.", 40),
        ("At least 10 people were killed and another 20 wounded in a bombing in Azaz.", 10),
    ],
)
def test_counts_of_the_dead_and_the_hurt_written_apart_stay_apart(text, dead):
    assert _fatalities(text) == [dead]


@pytest.mark.parametrize(
    ("text", "dead", "hurt"),
    [
        # A headline that lost its comma: the number before "others injured" is the hurt.
        ("8 persons killed 58 others injured in terrorist rocket attacks on Aleppo city", 8, 58),
        ("Girl child killed two others injured in terrorist rocket attack on Aleppo", 1, 2),
    ],
)
def test_others_injured_after_a_kill_word_count_the_hurt_not_the_dead(text, dead, hurt):
    events = [e for e in newsevents.extract(text, published="2016-10-06") if e.status == "new"]
    assert [(e.fatalities, e.injured) for e in events] == [(dead, hurt)]
