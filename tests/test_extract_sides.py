"""The sides of an act in UCDP-style headlines: a quoted name joined by "against", the
holder of the ground an act hit, a copy part's sides, and place names that are no victims
(loads the model)."""

import pytest
from factories import new_events

from newsevents.actor_pairs import held_side, paired_sides
from newsevents.extract_context import load_cues
from newsevents.resolve.actors import get_actor_dictionary


def _new(text, published="2016-05-01"):
    return new_events(text, published)


def _held(text: str) -> str | None:
    cues = load_cues().pairs
    assert cues is not None
    found = held_side(text, get_actor_dictionary().find(text), cues)
    return None if found is None else found.actor.name


def test_a_quoted_name_and_its_noun_still_join_a_pair():
    cues = load_cues().pairs
    assert cues is not None
    text = "Clashes between the “Islamic State” organization and the SDF in Raqqa"
    found = paired_sides(text, get_actor_dictionary().find(text), cues)
    assert found is not None
    assert (found[0].actor.name, found[1].actor.name) == (
        "Islamic State",
        "Syrian Democratic Forces",
    )


def test_the_holder_of_the_ground_hit_is_named_before_or_after():
    assert _held("Turkish forces shell areas controlled by the SDF in Manbij") == (
        "Syrian Democratic Forces"
    )
    assert _held("Airstrikes target IS-held villages near Raqqa") == "Islamic State"
    assert _held("Rebels advance at the expense of IS in Dabiq") == "Islamic State"
    assert _held("Clashes between the SDF and IS in Manbij") is None


@pytest.mark.model
def test_a_shelled_areas_holder_is_the_target():
    (event,) = _new("Turkish forces shell areas controlled by the SDF in Manbij")
    assert (event.actor1, event.actor2) == (
        "Military Forces of Turkey",
        "Syrian Democratic Forces",
    )


@pytest.mark.model
def test_a_copy_part_keeps_the_sides_of_the_part_it_repeats():
    events = _new(
        "Fighting continues between the regime forces against the “Islamic State” "
        "organization in al-Bab area and in the vicinity of Hayyan Gas Field"
    )
    # (The two places lie close enough for merge to make the two mentions one event.)
    assert events
    assert {(e.actor1, e.actor2) for e in events} == {("Military Forces of Syria", "Islamic State")}


@pytest.mark.model
def test_a_shelled_place_is_no_civilian_victim():
    events = _new("The regime forces shelled Kabbaneh and Jabal al-Akrad")
    assert events
    assert all(e.actor2 is None for e in events)
    assert all("victim" not in e.arguments for e in events)
    # Named people killed are still victims.
    (killed,) = _new("Gunmen killed five civilians in Idlib")
    assert killed.actor2 == "Civilians"


@pytest.mark.parametrize(
    "text",
    [
        "Rebels attacked a military convoy near Idlib on Monday",
        "Gunmen ambushed an army patrol near Homs on Monday",
        "Militants shelled army positions in Hama on Monday",
        "Insurgents attacked two military installations in Daraa on Monday",
    ],
)
def test_a_state_unit_or_post_attacked_is_the_state_fought(text):
    # A convoy, patrol, post or position of the army is its forces (actors.yaml,
    # state_generic): attacking it is fighting them, not an attack on civilians.
    events = _new(text)
    assert [e.sub_event_type for e in events] != []
    assert all(e.event_type == "Battles" or e.actor2_kind == "State forces" for e in events)


def test_an_actor_named_twice_keeps_the_side_its_own_name_gives():
    # The FSA is named as the victims; "the jihadists" read in the article's context gave
    # the FSA as the kidnapper too, and the event kept that side, not the victims'.
    (event,) = _new(
        "The FSA officers executed by the jihadists had been kidnapped in Hafez on Monday.",
        "2014-06-21",
    )
    assert event.actor2 == "Free Syrian Army"
    assert event.actor1 != "Free Syrian Army"


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        (
            "Sudanese army drones struck an RSF base in Nyala on Friday.",
            "Military Forces of Sudan",
            "Rapid Support Forces",
        ),
        # A junta is the government of the country the story is in.
        (
            "Junta troops killed 12 villagers near Djibo in Burkina Faso on Monday.",
            "Military Forces of Burkina Faso",
            "Civilians",
        ),
        (
            "The junta bombed a village in Sagaing region on Monday, killing 20 people.",
            "Military Forces of Myanmar",
            "Civilians",
        ),
    ],
)
def test_a_states_aircraft_and_its_junta_are_its_forces(text, actor1, actor2):
    (event,) = _new(text, "2024-06-20")
    assert (event.actor1, event.actor2) == (actor1, actor2)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # Monitors' "between X against Y" names both sides, as "between X and Y" does.
        (
            "The battles west of Aleppo continue between al-Zenki against Tahrir Al-Sham",
            ("Nour al-Din al-Zenki Movement", "Hayat Tahrir al-Sham"),
        ),
        (
            "The fighting between factions close to Turkey against Tahrir Al-Sham continues "
            "leaving 9 casualties",
            ("Rebels", "Hayat Tahrir al-Sham"),
        ),
        (
            "Clashes between the SDF and IS in Hajin",
            ("Syrian Democratic Forces", "Islamic State"),
        ),
    ],
)
def test_the_sides_between_which_fighting_goes_on(text: str, sides: tuple[str, str]) -> None:
    (event,) = _new(text)
    assert (event.actor1, event.actor2) == sides


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # A weapon's "of" names who fired it; an act's "of" ("the shelling of Douma") what
        # it hit.
        (
            "12 people were killed by shells of the regime forces in Douma",
            "Military Forces of Syria",
        ),
        (
            "10 civilians were killed by warplanes of the International Coalition in Raqqa",
            "International Coalition against IS",
        ),
    ],
)
def test_who_fired_the_weapon_is_the_attacker(text: str, actor1: str) -> None:
    (event,) = _new(text)
    assert (event.actor1, event.actor2) == (actor1, "Civilians")


@pytest.mark.model
def test_what_an_act_of_shelling_hit_is_no_attacker():
    (event,) = _new("The shelling of Douma killed 12")
    assert event.actor1 is None and event.location == "Duma"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        # "a number of X" counts X, as "dozens of X" does.
        ("The Syrian army killed a number of terrorists in Saraqeb on Monday.", "Terrorists"),
        # The whole phrase still names the group its noun belongs to ...
        (
            "The army killed a number of operatives tied to Jabhat Fath al-Sham in Daraa.",
            "Jabhat Fath al-Sham",
        ),
    ],
)
def test_who_a_number_of_counts(text: str, actor2: str) -> None:
    (event,) = _new(text)
    assert (event.actor1, event.actor2) == ("Military Forces of Syria", actor2)


@pytest.mark.model
def test_who_took_the_hostages_counted_is_not_among_them():
    # ... but not the group named as the doer inside it.
    (event,) = _new(
        "At least 15 of the 350 hostages taken by ISIS in Assyrian villages in Syria have "
        "been shot."
    )
    assert event.actor2 != "Islamic State"
