"""Who against whom in headlines the parser misreads (UCDP GED Syria source headlines)."""

import pytest

import newsevents
from newsevents.actor_pairs import paired_sides
from newsevents.extract_context import load_cues
from newsevents.resolve.actors import get_actor_dictionary


def _pair(text: str, opposed: bool = True) -> tuple[str, str] | None:
    cues = load_cues().pairs
    assert cues is not None
    found = paired_sides(text, get_actor_dictionary().find(text), cues, opposed=opposed)
    return None if found is None else (found[0].actor.name, found[1].actor.name)


def test_between_and_against_join_two_named_sides():
    assert _pair("Clashes continue in Raqqa countryside between SDF and IS") == (
        "Syrian Democratic Forces",
        "Islamic State",
    )
    assert _pair("Counterattack by ISIS against SDF in the eastern countryside") == (
        "Islamic State",
        "Syrian Democratic Forces",
    )
    assert _pair("violent clashes continue between ISIS against the Hezbollah") == (
        "Islamic State",
        "Hezbollah",
    )


def test_names_not_joined_as_sides_give_no_pair():
    # Listed together, not opposed; and a protest's "against" is not a battle's.
    assert _pair("SDF and IS fighters were seen in Raqqa") is None
    assert _pair("The SDF, backed by Hezbollah, advanced") is None
    assert _pair("Protest by SDF supporters against IS", opposed=False) is None


def _roles(text: str) -> list[tuple[str | None, str | None]]:
    events = newsevents.extract(text, published="2017-05-01")
    return [(e.actor1, e.actor2) for e in events if e.status == "new"]


@pytest.mark.model
def test_misparsed_headlines_keep_both_sides():
    assert _roles("Clashes continue in Raqqa countryside between SDF and IS") == [
        ("Syrian Democratic Forces", "Islamic State")
    ]
    assert _roles("Counterattack by ISIS against SDF in the eastern countryside of Deir Ezzor") == [
        ("Islamic State", "Syrian Democratic Forces")
    ]


@pytest.mark.model
def test_headline_passive_without_auxiliary_names_the_victims():
    # "X killed in ..." is "X was killed": X underwent the attack, never carried it out.
    assert _roles("Two civilians killed in Idlib") == [(None, "Civilians")]
    assert _roles("Turkish soldier killed, 3 injured in Syria") == [
        (None, "Military Forces of Turkey")
    ]
    assert _roles("Regime forces killed in ambush by rebels in Hama") == [
        ("Rebels", "Military Forces of Syria")
    ]
    # The active voice is unchanged.
    assert _roles("Rebels killed 5 soldiers in Hama") == [("Rebels", "Military Forces of Syria")]


@pytest.mark.model
def test_members_from_a_group_are_that_group():
    text = "4 fighters from The Syria Democratic Forces killed in clashes and shelling near Manbij"
    assert _roles(text) == [(None, "Syrian Democratic Forces")]


@pytest.mark.model
def test_unarmed_victims_named_by_a_noun_are_civilians():
    events = newsevents.extract(
        "Executing two men by gunshot in a square at Idlib city", published="2017-05-01"
    )
    assert [(e.actor1, e.actor2, e.fatalities) for e in events] == [(None, "Civilians", 2)]


@pytest.mark.model
def test_a_gerunds_by_phrase_names_the_attacker():
    # "Shelling" parses as a verb: its "by" names who shelled, as a noun's would.
    text = "Shelling by the regime forces on the countryside of Hama causes casualties"
    assert _roles(text) == [("Military Forces of Syria", None)]


@pytest.mark.model
def test_victims_counted_in_a_group_or_suffering_losses_are_that_group():
    assert _roles("ISIS mines kill commanders in the Lebanese Hezbollah in the Syrian desert") == [
        ("Islamic State", "Hezbollah")
    ]
    assert _roles("Losses in SDF after an attack by the IS in Raqqa countryside") == [
        ("Islamic State", "Syrian Democratic Forces")
    ]


@pytest.mark.model
def test_a_states_weapon_is_the_attacker_not_the_victim():
    text = "Airstrikes target Idlib and the Russian missile shelling kills a child"
    assert _roles(text) == [("Military Forces of Russia", "Civilians")]


@pytest.mark.model
def test_places_rank_the_article_country_before_foreign_forces():
    # Russia is named twice, Syria's Saraqeb once: "the regime" is still Syria's.
    text = (
        "Russian jets and Russian helicopters flew over the area. The regime forces shell Saraqeb"
    )
    assert _roles(text) == [("Military Forces of Syria", None)]


def _fatalities(text: str) -> list[int | None]:
    return [e.fatalities for e in newsevents.extract(text, published="2017-05-01")]


@pytest.mark.model
def test_counts_of_strikes_or_of_dead_and_hurt_together_are_not_fatalities():
    # "Tens" counts the raids; "kill and injure 40" does not say how many died.
    assert _fatalities("Tens of air raids kill and injure more than 40 persons in Idlib") == [None]
    assert _fatalities("About 20 killed and wounded by bombardment on Damascus") == [None]
    # Separate counts stay separate; a count on the victims' noun is read.
    assert _fatalities("3 killed and 10 wounded in shelling on Douma") == [3]
    assert _fatalities("2 Syrian children killed in an explosion in Idlib") == [2]
    one = "Clashes south of Hodr town and one person dies in bombing by warplanes on "
    one += "al-Hajar al-Aswad"
    assert _fatalities(one)[-1] == 1


@pytest.mark.model
def test_the_government_blamed_for_an_attack_is_the_attacker_not_the_speaker():
    # The one who asks for strikes or voices the charge did not carry out the attack.
    text = (
        "The senator urged the cabinet to approve air strikes on Syria after what monitors "
        "describe as a gas attack by the government that killed 40 people in Saqba."
    )
    events = newsevents.extract(text, published="2018-03-02")
    assert [e.actor1 for e in events] == ["Military Forces of Syria"]
    assert _roles(
        "An opposition group accused the Syrian government of a barrel bomb attack that "
        "killed 9 civilians in Saraqib on Tuesday."
    ) == [("Military Forces of Syria", "Civilians")]


@pytest.mark.model
def test_the_object_of_an_order_carries_it_out():
    # "ordered troops to storm": the troops stormed, not the one who gave the order.
    events = newsevents.extract(
        "Hezbollah ordered troops to storm the rebel positions near Hama on Sunday.",
        published="2017-05-01",
    )
    assert [e.actor1 for e in events] == ["Military Forces of Syria"]


@pytest.mark.model
def test_two_armed_sides_killed_together_fought_each_other():
    assert _roles(
        "Fourteen of the regime forces and the Islamic State were killed in Deir Ezzor."
    ) == [("Military Forces of Syria", "Islamic State")]
    # A strike that killed both had a third, unnamed attacker.
    assert _roles("An air strike near Azaz killed members of the Free Syrian Army and IS.") == [
        (None, "Free Syrian Army")
    ]


@pytest.mark.model
def test_a_country_before_the_fighting_it_names_is_where_not_who():
    # "Syria fighting": the fighting in Syria; the country's forces did not fight.
    assert _roles("Syria fighting kills 132 Islamic State fighters") == [(None, "Islamic State")]
    # A country that acts is still its forces.
    assert _roles("Turkish army shells Kurdish fighters near Afrin on Monday") == [
        ("Military Forces of Turkey", "People's Protection Units")
    ]


@pytest.mark.model
def test_who_fired_the_weapon_named_on_it_is_the_attacker():
    assert _roles(
        "A missile fired by Syrian government forces hit a residential area in Aleppo on Tuesday."
    ) == [("Military Forces of Syria", None)]
    assert _roles(
        "Rocket shells fired by ISIS terrorists hit al-Joura neighborhood in Deir Ezzor on Tuesday."
    ) == [("Islamic State", None)]
    # A claim is a report of the act, and an outlet that broke the news did nothing.
    assert _roles(
        "On Sunday in Damascus a bomb claimed by the terrorist group Nusra Front tore apart a bus."
    ) == [(None, None)]


@pytest.mark.model
def test_a_group_a_fighter_word_qualifies_is_an_armed_actor():
    assert _roles(
        "A source at Damascus Countryside Police Command said that terrorist groups fired "
        "rocket shells on Harasta on Monday, killing 2 civilians."
    ) == [("Terrorists", "Civilians")]
    # "The group" alone names no one.
    assert _roles("The group said it had attacked the village of Mallah on Monday.") == [
        (None, None)
    ]


@pytest.mark.model
def test_a_participle_of_allegiance_alone_tells_no_event():
    assert _roles("Washington is leading an international coalition fighting ISIL in Syria.") == []
    assert (
        _roles(
            "Dozens of local truces have been brokered between the myriad of armed groups "
            "fighting in Syria."
        )
        == []
    )


@pytest.mark.model
def test_who_suffered_an_act_underwent_it():
    assert _roles("Daesh also suffered a heavy death toll in the raids on Monday.") == [
        (None, "Islamic State")
    ]


@pytest.mark.model
def test_who_fired_the_weapon_as_the_verbs_subject_is_the_attacker():
    assert _roles(
        "Two persons were injured as the terrorist organizations fired 28 rocket shells on "
        "al-Mushrefeh village in Homs province."
    ) == [("Terrorists", "Civilians")]
