"""Bombs, dynamite and arson get ACLED's sub-types in the extractor itself, so users' tables
say "Remote explosive/landmine/IED", not the generic "Attack"; bombs from the air stay air
strikes and shooting stays an attack."""

import pytest

import newsevents
from newsevents.extract_context import load_cues
from newsevents.lexicon import get_lexicon

CASES = [
    # A bomb planted, thrown or set off on the ground: ACLED's remote explosive.
    (
        "Remote explosive/landmine/IED",
        "Guerrillas blew up an electricity pylon with dynamite in Usulutan on Tuesday.",
    ),
    ("Remote explosive/landmine/IED", "Terrorists bombed the embassies in Lima on Monday."),
    (
        "Remote explosive/landmine/IED",
        "Bomb attacks on cultural institutes in Bogota caused damage on Sunday.",
    ),
    (
        "Remote explosive/landmine/IED",
        "Unidentified men planted a bomb at the bank in Bogota on Friday, killing two.",
    ),
    ("Remote explosive/landmine/IED", "Guerrillas dynamited a bridge in Usulutan on Tuesday."),
    # Bombs told of aircraft or of a state's forces fell from the air.
    ("Air/drone strike", "The air force bombed rebel positions near Kunduz on Monday."),
    (
        "Air/drone strike",
        "Regime helicopters bombed the town of Kafr Nabl on Monday, killing three civilians.",
    ),
    ("Air/drone strike", "Government troops bombed rebel camps in Morazan on Sunday."),
    ("Air/drone strike", "Planes dropped bombs on the village of Kafr Nabl on Monday."),
    (
        "Air/drone strike",
        "The bombing of Aleppo by Syrian and Russian jets killed 30 people on Monday.",
    ),
    ("Remote explosive/landmine/IED", "A bombing in Damascus killed 12 people on Monday."),
    ("Shelling/artillery/missile attack", "Rebels shelled the town of Kafr Nabl on Monday."),
    # Shooting is no explosive: civilians shot are an attack, policemen (an armed side) a
    # clash, as ACLED codes violence between organised armed groups.
    ("Attack", "Gunmen shot dead two peasants in Medellin on Friday."),
    ("Armed clash", "Gunmen shot dead two policemen in Medellin on Friday."),
    # Arson is property destruction to ACLED.
    (
        "Looting/property destruction",
        "Terrorists set fire to the offices of the newspaper in Lima on Monday.",
    ),
    ("Disrupted weapons use", "Police defused a bomb at the bank in Bogota on Friday."),
    # A bomb with gunfire is told by its other features; hostages taken after a blast make
    # an abduction.
    (
        "Attack",
        "The train came under a bomb and gun attack in Bolan on Tuesday, killing 21 passengers.",
    ),
    (
        "Abduction/forced disappearance",
        "Militants blew up the tracks and took 100 passengers hostage in Bolan on Tuesday.",
    ),
    # A state's strikes are air strikes, the word ending the state's name or not.
    ("Air/drone strike", "Israeli strikes on a school in Gaza City killed 30 people on Saturday."),
    ("Air/drone strike", "A US strike killed an al-Shabaab commander near Jilib on Monday."),
    # So are the strikes of the forces states send abroad together ("US-led": the coalition).
    ("Air/drone strike", "US-led strikes hit al-Qaeda positions in Idlib on Tuesday."),
    ("Air/drone strike", "A US-led coalition strike in Raqqa killed 18 civilians on Monday."),
    # A group's strike on a state's posts is fighting.
    ("Armed clash", "Rebels launched a strike on army positions in Hama on Monday."),
    # An execution kills the held, whoever they fought for: violence against civilians.
    ("Attack", "ISIL terrorists execute 50 captive Syrian troops in Raqqa on Saturday."),
    ("Attack", "IS beheaded eight opposition fighters who had surrendered in Idlib on Monday."),
]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sub_type", "sentence"), CASES, ids=[f"{i}-{c[0]}" for i, c in enumerate(CASES)]
)
def test_sentence_gives_one_event_of_its_acled_sub_type(sub_type, sentence):
    events = [e for e in newsevents.extract(sentence, published="2020-01-01") if e.status == "new"]
    assert [e.sub_event_type for e in events] == [sub_type], [e.notes for e in events]


@pytest.mark.model
def test_us_led_strikes_are_the_coalitions():
    (event,) = newsevents.extract(
        "US-led strikes hit al-Qaeda positions in Idlib on Tuesday.", published="2020-01-01"
    )
    assert (event.actor1, event.actor2) == ("International Coalition against IS", "al-Qaeda")


@pytest.mark.model
def test_a_fire_that_kills_is_an_attack_with_its_toll():
    text = "Terrorists set fire to a bus in Lima on Monday, killing three passengers."
    events = [e for e in newsevents.extract(text, published="2020-01-01") if e.status == "new"]
    attacks = [e for e in events if e.sub_event_type == "Attack"]
    assert [e.fatalities for e in attacks] == [3]


def test_bomb_words_are_explosive_triggers_not_generic_attacks():
    classes = {c.name: c for c in get_lexicon().classes}
    assert {"bomb", "dynamite"} <= classes["ied"].lemmas
    assert ("blow", "up") in classes["ied"].phrases
    assert "bomb" not in classes["attack"].lemmas
    assert ("set", "fire", "to") in classes["loot"].phrases
    assert {"helicopter", "plane", "warplane"} <= load_cues().aircraft
