"""Toll updates give their event with the new total ("the death toll rises to 20 in
Idlib"), unless they count the injured with the dead, count something else, or total
several days; "losses in <group>" and a headline part headed by "casualties" are events
of their own; an actor name's inner weapon word is no strike (loads the model)."""

import pytest

import newsevents

pytestmark = pytest.mark.model


def _new(text, published="2017-05-01"):
    events = newsevents.extract(text, published=published)
    return sorted((e for e in events if e.status == "new"), key=lambda e: e.location or "")


@pytest.mark.parametrize(
    ("text", "place", "dead"),
    [
        ("Death toll rises to 20 in Idlib", "Idlib", 20),
        ("The number of casualties of the wedding massacre in Idlib rises to 37", "Idlib", 37),
        ("Casualties of Idlib massacre rise to about 60 persons", "Idlib", 60),
        ("More casualties raise to 53 the number of victims of the massacre in Hama", "Hamah", 53),
        ("Airstrikes raise to 11, the number of persons killed in Al-Raqqah", "Ar Raqqah", 11),
    ],
)
def test_a_toll_brought_up_to_date_gives_the_event_its_total(text, place, dead):
    (event,) = _new(text)
    assert event.location == place
    assert event.fatalities == dead


def test_a_total_of_dead_and_injured_or_over_days_is_no_event_toll():
    (mixed,) = _new(
        "More casualties raise to 15, the number of people killed and injured in a "
        "car bomb explosion in Afrin"
    )
    assert mixed.fatalities is None
    (running,) = _new("Shelling on Afrin raises the death toll to 150 within 12 days")
    assert running.fatalities is None
    # The dead told as the subject count themselves, not the days' total.
    (one,) = _new("The death of a child raises the death toll to 45 within two days in Idlib")
    assert one.fatalities == 1


def test_a_toll_raised_by_a_new_act_is_no_count_of_the_act():
    # The total counts the earlier dead with the new act's own.
    (shelled,) = _new("The regime forces shelled Jarjanaz on Monday, raising the death toll to 123")
    assert shelled.location == "Jarjanaz"
    assert shelled.fatalities is None
    # The act's own count stands beside the running total.
    (bomb,) = _new(
        "A car bomb exploded in Azaz on Monday, killing 12 people and raising the death toll to 300"
    )
    assert bomb.fatalities == 12
    # A toll raised for a named event is that event's.
    (named,) = _new(
        "Another victim died of his wounds in Homs on Monday, raising the death toll of "
        "the bombing to 44"
    )
    assert named.fatalities == 44


def test_a_rising_number_of_something_else_or_of_nowhere_is_no_event():
    assert _new("The number of displaced people rises to 300 in Idlib") == []
    assert _new("The number of villages controlled by the SDF rises to 34") == []
    # A running total with neither place nor side cannot be placed or merged.
    assert _new("More human losses raise to 315, the number of people who were killed") == []


def test_losses_in_a_group_are_an_event_against_it():
    (event,) = _new("Losses in rebels in Harasta")
    assert event.location == "Harasta"
    assert event.actor2 == "Rebels"
    assert event.sub_event_type == "Armed clash"


def test_losses_without_place_or_toll_are_no_event():
    assert _new("More human losses in Hezbollah") == []


def test_a_part_headed_by_casualties_is_an_event_of_its_own():
    daraa, idlib = _new("Clashes in the countryside of Idlib and casualties in Daraa")
    assert (idlib.location, idlib.sub_event_type) == ("Idlib", "Armed clash")
    # Its own event (people killed), not a copy of the clashes.
    assert (daraa.location, daraa.sub_event_type) == (
        "Dara",
        "Attack",
    )  # the city, as GeoNames spells it
    assert daraa.sources[0].sentence.endswith("casualties in Daraa")


def test_a_weapon_word_inside_an_organisation_name_is_no_strike():
    text = (
        "Bogota, 20 Nov 89 -- Soldiers clashed with rebels in Cordoba. "
        "Colombian Air Force personnel are repairing the helicopter that made an "
        "emergency landing in the area."
    )
    events = newsevents.extract(text, published="1989-11-20")
    assert all(e.sub_event_type != "Air/drone strike" for e in events)
    (strike,) = _new("Russian warplanes struck a market in Idlib")
    assert strike.sub_event_type == "Air/drone strike"


def test_a_count_right_after_a_kill_verb_counts_when_a_lost_comma_hid_the_object():
    # Scraped text lost the comma before "MSF said": the parser made "people" a compound.
    (event,) = _new(
        "A hospital in northern Syria was destroyed by airstrikes over the weekend that "
        "killed 13 people MSF said on Monday.",
        published="2016-08-08",
    )
    assert event.fatalities == 13


def test_an_apposition_read_as_a_second_object_leaves_the_count_of_the_first():
    (event,) = _new(
        "Airstrikes killed 12 civilians in Aleppo on Monday, the deadliest attack since "
        "the truce collapsed."
    )
    assert event.fatalities == 12


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen shot dead a driver and a nurse in Peshawar on Monday.",
        "A woman and her child were shot dead in Daraa on Monday.",
        "The death of a man and his son in shelling on Douma on Monday angered residents.",
    ],
)
def test_people_named_one_by_one_are_counted_after_shot_dead_or_a_death(text):
    (event,) = _new(text, "2019-10-10")
    assert event.fatalities == 2


@pytest.mark.parametrize(
    ("text", "dead", "hurt"),
    [
        (
            "At least 57 Civilians killed More than 150 Injured in terrorist attacks on Aleppo.",
            57,
            150,
        ),
        # State media's headlines after a dateline the parser reads as part of the count.
        ("Mon Dec 5 2016 8 Killed 25 Injured by Terrorist Rocket Attacks on Aleppo City.", 8, 25),
        (
            "04-06-2016 40 Civilians Killed 100 Injured in Terrorist Rocket Attacks in Aleppo.",
            40,
            100,
        ),
        ("Thu Apr 7 2016 2 Civilians Killed 9 Injured in Terrorist Attack in Aleppo.", 2, 9),
        ("Fri Apr 8 2016 23 Killed Over 100 Injured in Chemical Attack in Aleppo.", 23, 100),
    ],
)
def test_a_headline_that_lost_its_comma_keeps_dead_and_hurt_apart(text, dead, hurt):
    (event,) = _new(text, "2016-12-05")
    assert (event.fatalities, event.injured) == (dead, hurt)


def test_in_such_a_headline_the_dead_are_no_attackers():
    # "Killed" read as an active verb with the hurt's count as its object made the dead
    # YPG fighters the attackers; the "by" of the hurt names who attacked.
    (event,) = _new(
        "Mon Aug 29 2016 25 YPG Fighters Killed 110 Injured by Turkish Shelling.", "2016-08-29"
    )
    assert (event.actor1, event.actor2) == (
        "Military Forces of Turkey",
        "People's Protection Units",
    )
    (event,) = _new(
        "40 Civilians Killed 110 Injured by Turkish Shelling Near Jarablus.", "2016-08-29"
    )
    assert (event.actor1, event.actor2) == ("Military Forces of Turkey", "Civilians")


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        (
            "M23 rebels clashed with Congolese troops near Goma on Wednesday, leaving 12 "
            "soldiers dead.",
            12,
        ),
        ("An explosion in Goma left 5 people dead and 20 injured.", 5),
        ("The shelling of Goma left dozens of civilians dead or injured.", None),
    ],
)
def test_an_act_that_left_people_dead_counts_them(text, dead):
    (event,) = _new(text, published="2023-06-10")
    assert event.fatalities == dead


def test_shot_dead_counts_its_object():
    (event,) = _new("Police shot dead three protesters in Nairobi.", published="2023-06-10")
    assert event.fatalities == 3


def test_a_toll_stated_with_at_is_the_told_events_toll():
    (event,) = _new(
        "The death toll from the rocket attacks on Aleppo's al-Midan neighborhood on Tuesday "
        "was put at 8 civilians in addition to 12 injured."
    )
    assert (event.fatalities, event.injured) == (8, 12)
    # Told of the toll alone and nowhere, it restates one told elsewhere: no event.
    assert _new("The official agency placed the death toll at 12.") == []


def test_a_count_of_massacres_is_no_count_of_the_dead():
    (event,) = _new("Two massacres in Khan Shaykhun city during 24 hours kill 13 citizens")
    assert (event.location, event.fatalities) == ("Khan Shaykhun", 13)
    # Killed and injured told together give no count of the dead.
    (together,) = _new("Aleppo civilian massacre continues: 88 killed and injured")
    assert together.fatalities is None
