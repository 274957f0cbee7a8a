"""Headline-style reports yield their events: roundups, verbless and passive headlines,
both sides of a clash, implied attackers, totals told beside an event (loads the model)."""

import pytest
from factories import new_events

pytestmark = pytest.mark.model


def _new(text, published="2016-05-23", title=None):
    return new_events(text, published, title, by_place=True)


def test_a_roundup_headline_gives_one_event_per_place():
    events = _new("Shells target Aleppo city and clashes in the northern countryside of Homs")
    assert [(e.location, e.sub_event_type) for e in events] == [
        ("Aleppo", "Shelling/artillery/missile attack"),
        ("Homs", "Armed clash"),
    ]


def test_coordinated_places_are_one_event_each_but_an_apposition_is_not():
    events = _new("Suicide attacks targeted Hasakah, Homs, Damascus and Tartous this morning")
    assert sorted(e.location for e in events) == ["Al Hasakah", "Damascus", "Homs", "Tartus"]
    assert {e.sub_event_type for e in events} == {"Suicide bomb"}
    (one,) = _new("Two people were killed in Idlib, northwest Syria")
    assert (one.location, one.fatalities) == ("Idlib", 2)


def test_a_count_stays_with_its_own_part():
    events = _new("Aerial bombardment kills 7 in Khan Shaykhun and 3 killed in Idlib")
    assert [(e.location, e.fatalities) for e in events] == [("Idlib", 3), ("Khan Shaykhun", 7)]


def test_a_story_sentence_is_not_cut_into_parts():
    body = (
        "Fighting went on for a third day. "
        "Two soldiers were killed in Idlib and Hama on Monday. "
        "The army sent reinforcements to the area."
    )
    events = _new(body)
    assert len(events) == 1 and events[0].fatalities == 2


@pytest.mark.parametrize(
    ("headline", "place"),
    [
        ("Clashes continue in Aleppo city", "Aleppo"),
        ("Fierce and continuous battles in the southeastern countryside of Homs", "Homs"),
        ("Casualties in several areas in the countryside of Al-Raqqah", "Ar Raqqah"),
        ("Tens of casualties in the bombing escalation on Aleppo's neighborhoods", "Aleppo"),
    ],
)
def test_verbless_and_continuing_headlines_report_an_event(headline, place):
    (event,) = _new(headline)
    assert event.location == place


def test_a_casualty_word_in_a_story_adds_to_an_event_but_makes_none():
    body = "The talks ended on Friday. Casualties in Homs were reported. Both sides left."
    assert _new(body) == []


def test_a_headline_verb_the_parser_reads_as_a_noun_is_still_a_verb():
    (event,) = _new("Rebels target Damascus and Dahya al-Assad")
    assert (event.actor1, event.location) == ("Rebels", "Damascus")
    # A noun "target" tells of no attack.
    assert _new("Aleppo city was a military target for years") == []


def test_both_sides_of_a_clash_between_two_named_groups():
    for text in (
        "Renewed clashes between the Syrian Democratic Forces and the Islamic State in Manbij",
        "Fierce clashes in the vicinity of Manbij between the Islamic State and the Syrian "
        "Democratic Forces",
    ):
        (event,) = _new(text)
        assert {event.actor1, event.actor2} == {"Islamic State", "Syrian Democratic Forces"}
        assert event.location == "Manbij"


def test_monitors_names_for_the_sides_resolve_in_syria():
    (event,) = _new("The factions target the regime forces in Daraa city")
    assert (event.actor1, event.actor2) == ("Rebels", "Military Forces of Syria")


def test_barrel_bombs_in_syria_name_the_government_until_its_fall():
    (event,) = _new("Helicopters drop barrel bombs on Daraa")
    assert event.actor1 == "Military Forces of Syria" and event.actor1_kind == "State forces"
    # Not written in the sentence: no perpetrator string.
    assert "perpetrator" not in event.arguments
    (later,) = _new("Helicopters drop barrel bombs on Daraa", published="2025-03-01")
    assert later.actor1 != "Military Forces of Syria"
    (named,) = _new("Russian helicopters drop barrel bombs on Daraa")
    assert named.actor1 == "Military Forces of Russia"


def test_a_campaign_total_in_its_own_clause_leaves_the_event_and_its_count():
    (event,) = _new(
        "The renewed aerial bombardment kills about 10 people east of Deir Ezzor and raises "
        "to at least 230 the number of people who were killed since the beginning of the "
        "campaign"
    )
    assert (event.location, event.fatalities) == ("Deir ez-Zor", 10)
    assert _new("Airstrikes have killed 3,000 civilians in Idlib since the start of the war") == []


def test_infighting_is_fighting():
    (event,) = new_events(
        "Infighting between HTS and Ahrar al-Sham left 20 dead in Saraqeb on Monday", "2018-03-14"
    )
    assert event.sub_event_type == "Armed clash"
    assert (event.actor1, event.actor2) == ("Hayat Tahrir al-Sham", "Ahrar al-Sham")
    (event,) = new_events("Rebel infighting kills 12 in Idlib", "2018-03-14")
    assert event.sub_event_type == "Armed clash"
