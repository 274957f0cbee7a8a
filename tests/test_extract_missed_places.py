"""Monitors' headlines that named an event's village yet yielded no placed event: a name
placed by an event word or its victims ("explosion in Hisyah", "civilians of Kafar
Jalis"), a plural place noun ("the fronts of Tal Tamr"), a capitalised casualty word
("3 Casualties in al-Rastan"), and monitors' event words ("stoning", "military
operations", "leaves casualties"). Person names in the same frames stay no place (loads
the model)."""

import pytest
from factories import new_events

import newsevents
from newsevents.extract_syntax import noun_lemma
from newsevents.lexicon import get_lexicon

pytestmark = pytest.mark.model


def _new(text, published="2017-05-01"):
    return new_events(text, published, by_place=True)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Explosion in Hisyah leaves a casualty and injures other persons", "Hisya"),
        ("A new massacre against civilians of Kafar Jalis", "Kafr Jalis"),
    ],
)
def test_a_village_placed_by_an_event_word_is_the_place(text, place):
    (event,) = _new(text)
    assert event.location == place


def test_a_village_before_a_checkpoint_gets_its_own_event():
    events = _new(
        "A brigadier is killed in a bomb explosion at Qatifeh checkpoint and intense "
        "shelling in Daraya"
    )
    assert [(e.location, e.sub_event_type) for e in events] == [
        ("Al Qutayfah", "Remote explosive/landmine/IED"),
        ("Darayya", "Shelling/artillery/missile attack"),
    ]


def test_a_name_after_on_tagged_as_an_adjective_is_a_place_too():
    events = _new("Rockets on Darayya and 4 fighters killed in the attack on Rankous")
    assert [e.location for e in events] == ["Darayya", "Rankus"]


@pytest.mark.parametrize(
    "text",
    [
        # A victim after "of", and a person's name in recased lower-case words.
        "The cartel ordered the assassination of Bernardo Jaramillo Ossa.",
        "Investigators said the cartel planned the attack on jaramillo Ossa.",
    ],
)
def test_a_person_in_the_same_frames_is_no_place(text):
    assert all(e.location is None for e in newsevents.extract(text, published="1990-03-23"))


def test_a_plural_place_noun_frames_the_names_after_it():
    events = _new("Raging clashes on the fronts of Tal Tamr and Ayn Issa")
    assert [e.location for e in events] == ["Ein Issa", "Tall Tamr"]


def test_a_capitalised_casualty_word_opens_its_own_part():
    events = _new(
        "3 Casualties in al-Rastan and the regime forces target the southern countryside of Aleppo"
    )
    assert [(e.location, e.sub_event_type) for e in events] == [
        ("Aleppo", "Attack"),
        ("Ar Rastan", "Attack"),
    ]


def test_a_plural_is_read_as_the_lexicon_lemma():
    lexicon = get_lexicon()
    assert noun_lemma("casualties", lexicon) == "casualty"
    assert noun_lemma("explosions", lexicon) == "explosion"
    assert noun_lemma("tuesdays", lexicon) == "tuesdays"


@pytest.mark.parametrize(
    ("text", "sub_type", "place"),
    [
        (
            '"Islamic State" organization carries out the 5th "stoning" in Al-Mayadin city',
            "Attack",
            "Al Mayadin",
        ),
        (
            "Military operations continue between the SDF and ISIS in the middle of Al-Raqqah city",
            "Armed clash",
            "Ar Raqqah",
        ),
        (
            "Continued escalation by the regime forces leaves casualties in the capital Damascus",
            "Attack",
            "Damascus",
        ),
    ],
)
def test_monitors_event_words(text, sub_type, place):
    (event,) = _new(text)
    assert (event.sub_event_type, event.location) == (sub_type, place)


def test_a_planned_military_operation_is_not_told_as_done():
    (event,) = newsevents.extract(
        "Turkey plans a military operation in Manbij", published="2018-01-01"
    )
    assert event.modality == "planned"


def test_taking_over_a_train_is_no_territory():
    # "take over" is not a capture word: what is taken over may be a train (VOA, 11 March
    # 2025), a post or a company, not a place.
    events = newsevents.extract(
        "Separatist militants took over the Jaffar Express near Sibi on Tuesday.",
        published="2025-03-12",
    )
    assert all(e.sub_event_type != "Non-state actor overtakes territory" for e in events)


def test_a_name_the_model_tags_as_a_gerund_is_a_place():
    # "Sagaing" is tagged VBG by the small model; after "in" it is the region's name.
    (event,) = _new(
        "The military carried out air strikes on a village in Sagaing region, killing 10.",
        published="2023-06-10",
    )
    assert (event.location, event.country) == ("Sagain", "Myanmar")
