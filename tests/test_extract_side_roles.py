"""Sides the parse puts out of reach: "carried out by A", "losses of A and B", "both sides"."""

import pytest

import newsevents
from newsevents.actor_pairs import mutual_sides
from newsevents.extract_context import load_cues
from newsevents.resolve.actors import get_actor_dictionary


def _mutual(text: str, before: str = "") -> tuple[str, str] | None:
    cues = load_cues().pairs
    assert cues is not None
    find = get_actor_dictionary().find
    found = mutual_sides(text, find(text), cues, find(before) if before else ())
    return None if found is None else (found[0].actor.name, found[1].actor.name)


def test_both_sides_points_back_to_the_last_two_armed_actors():
    assert _mutual("Hezbollah and the Islamic State shelled each other near Palmyra") == (
        "Hezbollah",
        "Islamic State",
    )
    # Three named: the last two before the phrase.
    text = "Hezbollah, the SDF and the Islamic State fought; 9 died on both sides"
    assert _mutual(text) == ("Syrian Democratic Forces", "Islamic State")
    # Named only in the sentence before.
    assert _mutual("Eight were killed on both sides", "The SDF attacked IS near Hajin") == (
        "Syrian Democratic Forces",
        "Islamic State",
    )


def test_mutual_phrase_without_two_armed_sides_gives_nothing():
    assert _mutual("The SDF lost 8 fighters on both sides of the river") is None
    assert _mutual("The SDF and IS fought near Hajin") is None  # no mutual phrase
    # A name of this sentence is not paired with one of the sentence before.
    assert _mutual("The SDF lost 8 on both sides", "IS attacked the town") is None


def _roles(text: str) -> list[tuple[str | None, str | None]]:
    events = newsevents.extract(text, published="2017-05-01")
    return [(e.actor1, e.actor2) for e in events if e.status == "new"]


@pytest.mark.model
def test_noun_act_takes_the_by_phrase_of_its_verb_of_doing():
    text = "6 soldiers were killed in an attack carried out by Hayat Tahrir al-Sham in Hama"
    assert _roles(text) == [("Hayat Tahrir al-Sham", "Military Forces of Syria")]
    text = "An ambush that was launched by the Islamic State killed 3 soldiers near Deir Ezzor"
    assert _roles(text) == [("Islamic State", "Military Forces of Syria")]


@pytest.mark.model
def test_verb_of_doing_without_a_named_doer_leaves_the_attacker_unnamed():
    # No "by" phrase: the attacker stays unknown, the victims stay victims.
    assert _roles("6 soldiers were killed in an attack carried out in Hama") == [
        (None, "Military Forces of Syria")
    ]
    # A claim is a report of the act, handled as before (not read as a verb of doing).
    text = "The attack, which was claimed by the Islamic State, killed 3 soldiers in Hama"
    assert _roles(text) == [("Islamic State", "Military Forces of Syria")]


@pytest.mark.model
def test_two_armed_sides_who_both_suffered_are_the_two_sides():
    text = (
        "The casualties of the regime forces, their allies, and ISIS members rose to 40 "
        "in the Badia"
    )
    assert _roles(text) == [("Military Forces of Syria", "Islamic State")]
    text = "The death toll in the ranks of the SDF and the Islamic State rose to 30 near Hajin"
    assert _roles(text) == [("Syrian Democratic Forces", "Islamic State")]


@pytest.mark.model
def test_sufferers_that_are_one_side_or_civilians_stay_victims():
    assert _roles("Losses in the ranks of the Islamic State rose to 14 in Deir Ezzor") == [
        (None, "Islamic State")
    ]
    # A one-sided act kills members of two groups: its attacker is unnamed, not one of them.
    text = "An air strike killed 7 members of Hayat Tahrir al-Sham and Ahrar al-Sham in Idlib"
    assert _roles(text)[0][0] is None
    # Civilians are never a side of a fight.
    events = newsevents.extract(
        "Casualties among civilians and the SDF rose to 9 in Raqqa", published="2017-05-01"
    )
    assert all(e.actor1 != "Civilians" for e in events)


@pytest.mark.model
def test_both_sides_in_a_story_names_the_sides_of_the_sentence_before():
    text = (
        "Fighting raged on Monday near Hajin in Deir Ezzor. The Syrian Democratic Forces "
        "pushed into the town held by the Islamic State. At least 12 fighters were killed "
        "on both sides, the Observatory said."
    )
    assert _roles(text) == [("Syrian Democratic Forces", "Islamic State")]
    text = "The SDF and the Islamic State clashed near Hajin, killing 12 fighters from both sides."
    assert _roles(text) == [("Syrian Democratic Forces", "Islamic State")]


@pytest.mark.model
def test_both_sides_with_one_named_side_or_victims_changes_nothing():
    text = "The SDF advanced near Hajin. Clashes broke out with both sides losing 8 fighters."
    assert _roles(text) == [("Syrian Democratic Forces", None)]
    assert _roles("Gunmen killed 4 civilians in Daraa; both sides of the road were closed.") == [
        ("Unidentified Armed Group", "Civilians")
    ]


@pytest.mark.model
def test_allies_who_both_suffered_are_not_made_the_two_sides():
    # allied_actors in extract_cues.yaml: Hezbollah fights on the regime's side.
    base = "The death toll in the ranks of the regime forces and {} rose to 12 in the Syrian city "
    base += "of Hama"
    assert _roles(base.format("ISIS")) == [("Military Forces of Syria", "Islamic State")]
    assert _roles(base.format("Hezbollah")) == [(None, "Military Forces of Syria")]


@pytest.mark.model
def test_an_aircraft_stands_for_the_actor_named_before_it():
    (strike,) = newsevents.extract(
        "Airstrikes by the International Coalition warplanes leave more martyrs in Raqqa city",
        published="2017-06-01",
    )
    assert strike.actor1 == "International Coalition against IS"
    (downed,) = newsevents.extract(
        "Rebels shot down a Russian helicopter near Saraqeb on Monday.", published="2017-06-01"
    )
    assert (downed.actor1, downed.actor2) == ("Rebels", "Military Forces of Russia")


@pytest.mark.model
def test_a_backer_is_no_part_of_a_groups_name_and_armed_stays():
    (backed,) = newsevents.extract(
        "Turkey-backed militants attacked Afrin on Monday.", published="2017-06-01"
    )
    assert backed.actor1 == "Militants"
    (armed,) = newsevents.extract(
        "Armed men attacked a checkpoint in Afrin on Monday.", published="2017-06-01"
    )
    assert armed.actor1 == "Unidentified Armed Group"


@pytest.mark.model
@pytest.mark.parametrize("victim", ["singer", "nurse", "shopkeeper", "photographer"])
def test_people_named_by_their_trade_are_civilians(victim):
    (event,) = newsevents.extract(
        f"Gunmen killed a {victim} in Afrin on Monday.", published="2017-06-01"
    )
    assert (event.actor2, event.fatalities) == ("Civilians", 1)


@pytest.mark.model
def test_a_participle_before_the_subject_tells_what_the_subject_underwent():
    (event,) = newsevents.extract(
        "Injured in the initial attack, the driver of the train has died.",
        published="2025-03-12",
    )
    assert (event.actor1, event.actor2) == (None, "Civilians")


@pytest.mark.model
def test_their_attacks_are_the_attacks_of_the_verbs_subject():
    (event,) = newsevents.extract(
        "The regime forces continue their attacks in Deir Ezzor city under a cover of "
        "continuous shelling",
        published="2017-06-01",
    )
    assert event.actor1 == "Military Forces of Syria"


@pytest.mark.model
def test_a_groups_own_name_headed_by_army_is_not_the_states_army():
    (conquest,) = newsevents.extract(
        'The "Army of Conquest" began its assault on Fuaa and Kafraya on Wednesday.',
        published="2015-07-16",
    )
    # The Army of Conquest is in the dictionary under its Arabic name.
    assert (conquest.actor1, conquest.actor1_kind) == ("Jaish al-Fatah", "Rebel group")
    # A name the dictionary lacks is a group's own name too, not the state's army.
    (unknown,) = newsevents.extract(
        'The "Army of the Righteous" began its assault on Fuaa and Kafraya on Wednesday.',
        published="2015-07-16",
    )
    assert unknown.actor1_kind != "State forces"
    assert unknown.actor1 is not None and "Righteous" in unknown.actor1
    (islam,) = newsevents.extract(
        "The Army of Islam shelled Damascus on Monday.", published="2015-07-16"
    )
    assert islam.actor1 == "Jaish al-Islam"
    # The state's army keeps its name, capitalised or followed by "of the regime".
    for text in ("The Army shelled Douma on Monday.", "The army of the regime shelled Douma."):
        (army,) = newsevents.extract(text, published="2015-07-16")
        assert army.actor1 == "Military Forces of Syria"


@pytest.mark.model
def test_a_name_among_the_victims_is_not_the_attacker():
    (event,) = newsevents.extract(
        "The Observatory said the Boukamal strike killed 15 civilians including women and "
        "children as well as three Iraqi Daesh fighters.",
        published="2017-04-18",
    )
    assert (event.actor1, event.actor2) == (None, "Civilians")
    # A name after the victims that is not one of them still gives the attacker.
    (russian,) = newsevents.extract(
        "Over 100 ISIL Terrorists Killed in Russian Offensive in Homs.", published="2016-03-12"
    )
    assert (russian.actor1, russian.actor2) == ("Military Forces of Russia", "Islamic State")


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("SDF denies that its forces shelled Manbij on Monday.", "Syrian Democratic Forces"),
        (
            "But the Russian Defence Ministry has denied its forces shelled Aleppo on Monday.",
            "Military Forces of Russia",
        ),
    ],
)
def test_its_forces_are_the_forces_of_the_side_named_before(text: str, actor1: str) -> None:
    events = newsevents.extract(text, published="2016-04-29")
    assert [e.actor1 for e in events] == [actor1]
