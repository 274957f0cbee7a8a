"""Whose thing was hit, and a capital that names its rulers (extract_actors, org_phrases)."""

import pytest

import newsevents

pytestmark = pytest.mark.model


def _events(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return [
        (e.sub_event_type, e.actor1, e.actor2, e.location)
        for e in newsevents.extract(text, published="2017-04-05")
    ]


def test_a_capital_modifying_regime_is_the_state_not_the_place():
    assert _events("The Damascus regime bombed the rebel-held town of Douma on Sunday.") == [
        ("Air/drone strike", "Military Forces of Syria", None, "Duma")
    ]


def test_the_owner_of_a_place_hit_is_not_the_attacker():
    found = _events(
        "A car bomb exploded outside a police station in Qamishli on Tuesday, killing 8 people."
    )
    assert [(a1, a2) for _, a1, a2, _ in found] == [(None, "Civilians")]
    # A state named with its weapon stays the attacker.
    strikes = _events("Syrian government air strikes on Tuesday killed 39 people in Douma.")
    assert [(a1, a2) for _, a1, a2, _ in strikes] == [("Military Forces of Syria", "Civilians")]


def test_fighters_whose_convoy_was_hit_are_the_target_but_not_those_holding_a_town():
    assert _events("Hezbollah fighters ambushed a rebel convoy near Qusayr on Wednesday.") == [
        ("Armed clash", "Hezbollah", "Rebels", "Al Qusayr")
    ]
    town = _events("10 civilians were killed in an air strike on a rebel town in Idlib on Monday.")
    assert [a2 for _, _, a2, _ in town] == ["Civilians"]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Kurdish forces repelled an Islamic State attack on Kobani on Monday, "
            "killing 20 militants.",
            ("Islamic State", "People's Protection Units"),
        ),
        (
            "The SDF repelled ISILs heavy attack on their positions near Manbij on Monday.",
            ("Islamic State", "Syrian Democratic Forces"),
        ),
        (
            "Army units foiled an attack launched by al-Nusra Front terrorists against "
            "military posts near Hama on Monday.",
            ("Hayat Tahrir al-Sham", "Military Forces of Syria"),
        ),
        (
            "Government forces repelled a rebel offensive on Aleppo on Sunday.",
            ("Rebels", "Military Forces of Syria"),
        ),
        (
            "The attack on Manbij was foiled by the SDF on Tuesday.",
            (None, "Syrian Democratic Forces"),
        ),
    ],
)
def test_an_attack_fought_off_is_a_battle_of_the_attackers_with_the_repellers(text, pair):
    assert [(s, a1, a2) for s, a1, a2, _ in _events(text)] == [("Armed clash", *pair)]


def test_a_single_army_unit_is_the_state_forces():
    found = _events("An army unit killed 12 terrorists near Daraa on Monday.")
    assert [a1 for _, a1, _, _ in found] == ["Military Forces of Syria"]


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Four civilians were killed by rebel rocket fire on a district of Aleppo on Monday.",
            "Rebels",
        ),
        ("At least 21 people were killed on Sunday in a rebel mortar attack on Aleppo.", "Rebels"),
        # A word that judges the act names no one who did it.
        ("At least 21 people were killed on Sunday in a terrorist attack on Aleppo.", None),
    ],
)
def test_fighters_named_before_the_act_or_its_weapon_did_it(text, actor1):
    assert [a1 for _, a1, _, _ in _events(text)] == [actor1]


def test_an_army_base_attacked_is_the_states_forces():
    assert _events("Rebel fighters attacked an army base in Hama on Monday.") == [
        ("Armed clash", "Rebels", "Military Forces of Syria", "Hamah")
    ]
    found = _events("The army targeted terrorist dens near Hama on Monday.")
    assert [a2 for _, _, a2, _ in found] == ["Terrorists"]


@pytest.mark.parametrize(
    "text",
    [
        "A suicide bomber blew himself up at a mosque in Peshawar, killing 59 worshippers, "
        "most of them policemen.",
        "A bomb exploded at a mosque in Peshawar, killing 59 people, including 20 policemen.",
    ],
)
def test_armed_people_among_the_victims_are_not_the_attacker(text):
    # "most of them policemen", "including 20 policemen" say who died, not who attacked.
    (event,) = newsevents.extract(text, published="2023-01-30")
    assert event.actor1 is None
    assert event.fatalities == 59


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("Hamas militants fired dozens of rockets into Sderot on Saturday.", "Hamas"),
        ("Terrorists launched hundreds of mortar shells into Aleppo on Monday.", "Terrorists"),
    ],
)
def test_who_fired_a_count_of_weapons_is_the_attacker(text, actor1):
    # "fired dozens of rockets": the act is the count's "of" phrase; the verb's subject
    # did it.
    (event,) = newsevents.extract(text, published="2023-06-10")
    assert event.actor1 == actor1
