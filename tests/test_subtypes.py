"""ACLED's sub-event distinctions, one written sentence per case (loads the spaCy model).

Each sentence must give exactly one new event, of the sub-type ACLED's codebook gives it:
peaceful protest vs protest with intervention vs excessive force against protesters, armed
clash vs attack, air/drone strike vs shelling vs remote explosive vs suicide bomb, arrests,
agreements, looting, territory taken by a non-state actor or regained by a government.
"""

import pytest
from factories import new_events

import newsevents

pytestmark = pytest.mark.model

CASES = [
    (
        "Peaceful protest",
        "Thousands of protesters marched through Khartoum on Friday demanding reforms.",
    ),
    (
        "Protest with intervention",
        "Police fired tear gas to disperse demonstrators who rallied in Algiers on Tuesday.",
    ),
    (
        "Excessive force against protesters",
        "Security forces opened fire on protesters in Baghdad on Monday, killing three.",
    ),
    (
        "Armed clash",
        "Government forces clashed with Hayat Tahrir al-Sham fighters near Saraqib on Monday.",
    ),
    (
        "Attack",
        "Gunmen killed five villagers in the village of Koulogon in central Mali on Sunday.",
    ),
    (
        "Air/drone strike",
        "A US drone strike killed four al-Shabaab militants near Jilib on Wednesday.",
    ),
    (
        "Shelling/artillery/missile attack",
        "Government forces shelled the town of Kafr Nabl on Thursday, killing two civilians.",
    ),
    (
        "Remote explosive/landmine/IED",
        "A roadside bomb exploded near a police vehicle in Kandahar on Saturday, killing three.",
    ),
    (
        "Suicide bomb",
        "A suicide bomber blew himself up at a wedding in Kabul on Saturday, killing 63 people.",
    ),
    ("Arrests", "Police arrested 20 opposition activists in Harare on Wednesday."),
    ("Agreement", "The government and the rebels signed a ceasefire agreement in Juba on Friday."),
    (
        "Looting/property destruction",
        "Militiamen looted shops and burned houses in Beni on Tuesday.",
    ),
    (
        "Non-state actor overtakes territory",
        "Taliban fighters seized control of Kunduz on Sunday after government troops fled.",
    ),
    (
        "Government regains territory",
        "The Iraqi army recaptured Tal Afar from the Islamic State on Thursday.",
    ),
    (
        "Abduction/forced disappearance",
        "Gunmen kidnapped 30 students from a school in Kankara on Friday.",
    ),
    (
        "Grenade",
        "Unknown assailants threw a grenade at a bar in Bujumbura on Saturday, wounding seven.",
    ),
    (
        "Violent demonstration",
        "Rioters threw stones at police and torched cars in Lagos on Monday.",
    ),
    ("Mob violence", "An angry mob lynched a man accused of theft in Kampala on Sunday."),
    ("Chemical weapon", "A chlorine gas attack on Douma on Saturday killed 43 people."),
    # Gas as what killed is the agent, whatever else the sentence lists.
    ("Chemical weapon", "In Zamalka on Wednesday 300 were killed by gas, the rest by shells."),
    ("Sexual violence", "Soldiers raped three women in the village of Minova on Tuesday."),
    (
        "Disrupted weapons use",
        "Soldiers defused a roadside bomb on the road to Mogadishu on Monday.",
    ),
    (
        "Armed clash",
        "Fighting broke out between the army and Boko Haram militants in Maiduguri on Friday.",
    ),
    ("Attack", "Islamic State militants executed 12 civilians in Deir ez-Zor on Monday."),
    (
        "Air/drone strike",
        "Russian warplanes bombed a market in Maarat al-Numan on Monday, killing 15 civilians.",
    ),
    (
        "Shelling/artillery/missile attack",
        "Rebels fired rockets at a residential district of Aleppo on Tuesday, killing four people.",
    ),
    ("Remote explosive/landmine/IED", "A landmine killed two shepherds near Hama on Saturday."),
    (
        "Suicide bomb",
        "A suicide car bomb exploded at a checkpoint in Mogadishu on Saturday, killing 20 people.",
    ),
    (
        "Excessive force against protesters",
        "Soldiers shot dead two protesters during a demonstration in Khartoum on Monday.",
    ),
    (
        "Protest with intervention",
        "Police arrested 15 protesters at a rally in Moscow on Saturday.",
    ),
    (
        "Peaceful protest",
        "Hundreds of teachers demonstrated outside parliament in Nairobi on Tuesday.",
    ),
    (
        "Violent demonstration",
        "Protesters clashed with police and set fire to tyres in Beirut on Sunday.",
    ),
    ("Attack", "Gunmen opened fire on protesters in Baghdad on Friday, killing four people."),
    (
        "Non-state actor overtakes territory",
        "Islamic State fighters overran the town of Palmyra on Wednesday.",
    ),
    (
        "Government regains territory",
        "Syrian government forces regained control of Maarat al-Numan from rebels on Tuesday.",
    ),
    (
        "Armed clash",
        "Al-Shabaab militants attacked a military base in Lower Shabelle, killing seven soldiers.",
    ),
    ("Peaceful protest", "Farmers staged a sit-in outside the ministry in New Delhi on Monday."),
    ("Protest with intervention", "Police used rubber bullets against demonstrators in Santiago."),
    (
        "Protest with intervention",
        "Security forces repressed demonstrations using brutal force in Daraa on Friday.",
    ),
    (
        "Excessive force against protesters",
        "Troops fired live ammunition at demonstrators in Yangon on Sunday, killing 18.",
    ),
    ("Government regains territory", "The Nigerian army retook the town of Baga from Boko Haram."),
    ("Suicide bomb", "A suicide bomber killed 12 worshippers at a mosque in Maiduguri on Friday."),
    (
        "Arrests",
        "Turkish police detained 30 suspected Islamic State members in Istanbul on Monday.",
    ),
    # What aircraft strike, target or pound is an air strike, whoever was hit.
    (
        "Air/drone strike",
        "Russian jets struck a clinic in Maarat al-Numan on Monday, killing six people.",
    ),
    ("Air/drone strike", "Helicopters targeted rebel positions near Latamneh on Friday."),
    ("Air/drone strike", "Jets pounded the outskirts of Saraqib on Sunday."),
    ("Air/drone strike", "A school in Kafr Nabl was hit by warplanes on Thursday."),
    ("Attack", "Gunmen pounded the village of Mallah with machine-gun fire on Sunday."),
    # The US-led coalition strikes from the air: its "struck" is an air strike.
    (
        "Air/drone strike",
        "The US-led coalition accidentally struck the Syrian Democratic Forces in Tabqa "
        "on Tuesday, killing 18 fighters.",
    ),
    # "fighting against Daesh" says whose side the dead were on; the strike is the event.
    (
        "Air/drone strike",
        "The US-led coalition accidentally struck the Kurdish-led Syrian Democratic Forces "
        "in Tabqa killing 18 moderate Syrian rebels fighting against Daesh.",
    ),
    # Air support named on a party ("backed by", "supported by") is not the event: the
    # ground fight or the ground taken is.
    (
        "Armed clash",
        "Syrian army units supported by the air force killed 70 terrorists near Aleppo on "
        "Thursday.",
    ),
    (
        "Government regains territory",
        "Pro-regime fighters backed by Russian air strikes retook the village of Khalasah "
        "on Tuesday.",
    ),
]


@pytest.mark.parametrize(
    ("sub_type", "sentence"), CASES, ids=[f"{i}-{c[0]}" for i, c in enumerate(CASES)]
)
def test_sentence_gives_one_event_of_its_acled_sub_type(sub_type, sentence):
    events = [e for e in newsevents.extract(sentence, published="2020-01-01") if e.status == "new"]
    assert [e.sub_event_type for e in events] == [sub_type], [e.notes for e in events]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Rebels seized the mayor of the town yesterday.",
        "Gunmen captured two engineers in Morazan on Monday.",
        "The judge was captured by guerrillas near San Miguel on Friday.",
    ],
)
def test_people_captured_is_an_abduction_not_a_place_taken(text):
    (event,) = new_events(text, "1989-06-01")
    assert event.sub_event_type == "Abduction/forced disappearance"


@pytest.mark.model
def test_a_town_captured_is_still_a_place_taken():
    (event,) = new_events("Rebels captured the town of Saraqeb on Monday.", "2018-03-01")
    assert event.sub_event_type == "Non-state actor overtakes territory"


@pytest.mark.model
def test_a_bomber_who_kills_is_no_aircraft():
    events = new_events(
        "A motorcycle bomber killed 16 people outside a bakery in Hasakeh on Tuesday.",
        "2016-07-05",
    )
    assert events and all(e.sub_event_type != "Air/drone strike" for e in events)


def test_storming_a_village_to_kill_its_people_is_an_attack() -> None:
    events = new_events(
        "Gunmen stormed a village in Zamfara state on Saturday and killed 30 people.", "2019-10-10"
    )
    assert [(e.event_type, e.sub_event_type) for e in events] == [
        ("Violence against civilians", "Attack")
    ]


def test_a_town_captured_from_soldiers_is_still_territory() -> None:
    events = new_events(
        "Rebels captured the town of Saraqib on Monday, killing 12 soldiers.", "2019-10-10"
    )
    assert [e.sub_event_type for e in events] == ["Non-state actor overtakes territory"]


@pytest.mark.parametrize(
    "text",
    [
        "The militants beheaded a hostage in Raqqa on Sunday.",
        "Islamic State executed five hostages in Deir ez-Zor on Monday.",
    ],
)
def test_a_hostage_killed_is_an_attack_not_an_abduction(text: str) -> None:
    assert [e.sub_event_type for e in new_events(text, "2019-10-10")] == ["Attack"]


def test_hostages_taken_are_an_abduction() -> None:
    events = new_events(
        "Gunmen took 20 passengers hostage in Balochistan on Tuesday.", "2019-10-10"
    )
    assert [e.sub_event_type for e in events] == ["Abduction/forced disappearance"]


@pytest.mark.parametrize(
    "text",
    [
        "The army freed 12 hostages held by the militants in Mosul on Friday.",
        "Five hostages were released in Idlib on Friday.",
        "Hostages freed in Idlib after two years.",
    ],
)
def test_hostages_freed_are_their_rescue_not_an_abduction(text: str) -> None:
    events = new_events(text, "2019-10-10")
    assert [(e.event_type, e.sub_event_type) for e in events] == [
        ("Strategic developments", "Other")
    ]


def test_the_rescuers_act_in_a_rescue() -> None:
    (event,) = new_events("Iraqi troops rescued 12 hostages in Mosul on Friday.", "2019-10-10")
    assert event.sub_event_type == "Other"
    assert event.actor1 == "Military Forces of Iraq"


def test_ground_taken_over_is_taken():
    (event,) = new_events(
        "The Syrian Democratic Forces took over the last IS pocket in Manbij on Friday.",
        "2016-08-13",
    )
    assert event.sub_event_type == "Non-state actor overtakes territory"


@pytest.mark.parametrize(
    "text",
    [
        "Militants of the BLA took over the Jaffar Express near Sibi on Tuesday.",
        "Gunmen seized a bus near Quetta on Monday.",
    ],
)
def test_a_vehicle_taken_with_its_passengers_is_hijacked(text: str) -> None:
    assert [e.sub_event_type for e in new_events(text, "2025-03-12")] == [
        "Abduction/forced disappearance"
    ]


def test_a_member_of_a_civil_body_is_a_civilian_not_a_fighter():
    # "member" alone names a group's man ("members of the SDF"); of a council, a civilian.
    for text in (
        "Unidentified gunmen assassinated a local council member in Daraa on Thursday.",
        "Gunmen shot dead a member of the city council in Daraa on Thursday.",
    ):
        (event,) = new_events(text, "2016-08-29")
        assert (event.sub_event_type, event.actor2) == ("Attack", "Civilians"), text
    (event,) = new_events("IS killed three members of the SDF near Manbij.", "2016-08-29")
    assert event.sub_event_type == "Armed clash"


def test_who_a_count_counts_underwent_the_act():
    (event,) = new_events(
        "The army killed dozens of militants in an operation near Homs on Friday.", "2016-08-29"
    )
    assert (event.sub_event_type, event.actor2, event.fatalities) == (
        "Armed clash",
        "Militants",
        12,
    )
    (event,) = new_events(
        "Hundreds of people were killed in Aleppo in air strikes on Monday.", "2016-08-29"
    )
    assert event.actor2 == "Civilians"


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        (
            "Syrian Democratic Forces drove Islamic State out of Tabqa on Wednesday.",
            "Non-state actor overtakes territory",
        ),
        ("The army pushed the rebels out of Daraya on Friday.", "Government regains territory"),
        ("Rebels shot the helicopter down over Idlib on Monday.", "Disrupted weapons use"),
    ],
)
def test_a_phrasal_verb_written_apart_is_its_phrase(text: str, sub_type: str) -> None:
    assert [e.sub_event_type for e in new_events(text, "2016-08-29")] == [sub_type]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "More than 50 people were wounded in the attack in Al-Horra which was blamed on "
        "rebels battling the army.",
        "Another 100 people were wounded in Karam al-Luz in attacks SANA blamed on "
        "terrorists fighting the government.",
    ],
)
def test_fighting_told_only_of_who_did_it_leaves_an_attack_on_civilians_one(text) -> None:
    assert [e.sub_event_type for e in new_events(text, "2014-06-20")] == ["Attack"]
