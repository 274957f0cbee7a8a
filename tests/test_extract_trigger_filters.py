"""Event words that name things, weapons held, and acts called off (MUC-4 dev sentences)."""

import pytest

import newsevents

pytestmark = pytest.mark.model


def _events(text: str) -> list[tuple[str, str | None]]:
    events = newsevents.extract(text, published="1989-11-28")
    return [(e.sub_event_type, e.location) for e in events]


def test_event_word_labelling_a_thing_is_no_event():
    text = (
        "moreover, mejia overturned the ruling ordering the release of orlando llovera "
        "ballet, lieutenant isidro lopez, major alfredo jimenez, and other members of the "
        "kidnapping ring."
    )
    assert _events(text) == []


def test_weapons_seized_are_an_inventory_not_an_attack():
    text = (
        "the next report says that armed forces military training center members "
        "confiscated 13 ar-15 rifles, 10 m-16 rifles, 1 heavy-caliber mortar, 2 grenades, "
        "and explosives during a combing operation in zamoran canton, san miguel jurisdiction."
    )
    assert _events(text) == []
    # A grenade thrown is still an attack.
    thrown = _events("Guerrillas threw a grenade at the police station in San Miguel, killing 2.")
    assert thrown and thrown[0][0] == "Grenade"


def test_acts_called_off_are_no_event_but_acts_stopped_in_the_past_are():
    demand = (
        "we ask all salvadorans to demand of cristiani that he stop the repression, "
        "kidnapping, and torture."
    )
    assert _events(demand) == []
    assert _events("Rebels stopped an attack on the army base in Hama, killing 5 soldiers") == [
        ("Armed clash", "Hamah")
    ]


def test_a_chemical_agent_decides_the_sub_type_whatever_carried_it():
    # The agent is capitalised and tagged as a name; ACLED codes the agent, not the rocket.
    events = newsevents.extract(
        "On August 21 2013 the Assad regime fired rockets filled with Sarin gas on "
        "rebel-held Ghouta, killing at least 1400 civilians.",
        published="2016-08-22",
    )
    assert [(e.sub_event_type, e.event_date) for e in events] == [("Chemical weapon", "2013-08-21")]
    # The toll's "death" leads the sentence's triggers; the agent still decides.
    toll = newsevents.extract(
        "With the death toll estimated between 500 and 1300 what would be the worlds most "
        "lethal chemical weapons attack since the 1980s prompted an emergency meeting.",
        published="2013-08-21",
    )
    assert [e.sub_event_type for e in toll] == ["Chemical weapon"]
    shelled = newsevents.extract(
        "Government forces shelled Douma, killing 12.", published="2018-03-01"
    )
    assert [e.sub_event_type for e in shelled] == ["Shelling/artillery/missile attack"]


def _sub_types(text: str, published: str = "2018-05-02") -> list[str]:
    return [e.sub_event_type for e in newsevents.extract(text, published=published)]


def test_disarming_words_tell_of_a_disrupted_weapon_only_when_a_weapon_is_disarmed():
    # Negative: what was intercepted or dismantled is people, a call or an organisation.
    assert _sub_types("A border patrol intercepted three smugglers near Kandahar on Monday.") == []
    assert _sub_types("Intelligence officers intercepted a phone call from the rebel leader.") == []
    assert _sub_types("The minister vowed to dismantle the opposition movements in Kano.") == []
    # Positive: a missile intercepted, a bomb defused.
    assert _sub_types("Air defences intercepted two missiles over Damascus on Monday.") == [
        "Disrupted weapons use"
    ]
    assert _sub_types("Police defused a bomb planted outside a market in Quetta on Sunday.") == [
        "Disrupted weapons use"
    ]


def test_an_air_force_base_is_a_place_not_an_air_strike():
    assert (
        _sub_types("Two transport planes arrived at the Kandahar air force base with food aid.")
        == []
    )
    assert (
        _sub_types("Reporters toured the air force installations outside Kabul on Tuesday.") == []
    )
    # The air force that strikes is still an air strike.
    assert _sub_types("The air force bombed rebel positions near Hama on Tuesday.") == [
        "Air/drone strike"
    ]


def test_weapons_listed_with_other_seized_gear_are_an_inventory():
    seized = (
        "Soldiers captured 30 rifles, 12 machineguns, 6 mortar launchers with 25 grenades, "
        "and 4,000 rounds of ammunition in a raid on a farm near Gao."
    )
    assert "Grenade" not in _sub_types(seized)
    # A grenade hurled with a note is an attack, not a held weapon.
    assert _sub_types(
        "Attackers hurled a grenade with a note at a bar in Mombasa, injuring 4."
    ) == ["Grenade"]


@pytest.mark.parametrize(
    "text",
    [
        "Russian jets carried out airstrikes on Idlib on Monday.",
        "The coalition carried out 12 air strikes near Raqqa on Monday.",
    ],
)
def test_strikes_carried_out_are_strikes_not_weapons_carried(text: str) -> None:
    # "carry" holds weapons ("carried 40 grenades"); "carry out" does the act.
    assert _sub_types(text) == ["Air/drone strike"]
    assert _sub_types("The fighters carried 40 grenades into Daraa on Monday.") == []


def test_struck_tells_a_strike_that_the_prefilter_lets_through():
    # "struck" is an irregular form of "strike": the sentence must be parsed at all.
    events = newsevents.extract(
        "Russian jets struck militant positions near Palmyra on Tuesday.", published="2017-04-05"
    )
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Air/drone strike", "Military Forces of Russia")
    ]
    for other in (
        "The law was struck down by the supreme court on Monday.",
        "As the clocks struck midnight in Panama, the troops moved.",
    ):
        assert _events(other) == []


@pytest.mark.parametrize(
    "text",
    [
        "An earthquake killed 40 people in southern Turkey on Monday.",
        "Floods killed 12 people in Hasakah on Monday.",
        "Lightning struck a house in Latakia on Monday, killing two children.",
        "Three children died of cold in a camp near Idlib on Monday.",
        "Hundreds of people died of hunger in Madaya on Tuesday.",
        "A boy was killed in a car accident in Damascus on Monday.",
        "Two more people died from lack of food in the Yarmouk camp on Wednesday.",
    ],
)
def test_deaths_by_natural_causes_or_accidents_are_no_event(text):
    assert _events(text) == []


def test_deaths_in_an_attack_near_a_natural_cause_word_are_still_an_event():
    text = "Three children were killed in an air strike on a camp near Idlib on Monday."
    assert [s for s, _ in _events(text)] == ["Air/drone strike"]


@pytest.mark.parametrize(
    ("text", "handed"),
    [
        ("Rebels are set to hand over light weapons to regime authorities on Thursday.", False),
        (
            "According to information handed over to the Russian Reconciliation Center, "
            "rebels left the area on Monday.",
            False,
        ),
        ("The rebels handed over the town of Jarabulus to the army on Thursday.", True),
        ("Rebels handed over their positions in Daraya to the army on Thursday.", True),
    ],
)
def test_a_handover_transfers_territory_only_when_ground_is_handed_over(text, handed):
    subs = [s for s, _ in _events(text)]
    assert ("Non-violent transfer of territory" in subs) is handed, subs
