"""Reference points (journey ends, distant landmarks) are not the event's place."""

import pytest
import spacy

import newsevents
from newsevents.analyse import MODEL
from newsevents.reference_places import is_reference, reference_tokens

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(MODEL, exclude=["ner"])


def _refs(nlp, text: str) -> list[str]:
    doc = nlp(text)
    names = [t.text for t in doc if t.i in reference_tokens(doc) and t.pos_ == "PROPN"]
    # The extractor's per-name test agrees with the whole-sentence one.
    assert names == [t.text for t in doc if t.pos_ == "PROPN" and is_reference(t)]
    return names


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        # VOA, 12 March 2025: the train was between its two ends when attacked.
        (
            "The Jaffar Express, with roughly 450 people on board, was traveling north from "
            "Quetta, Balochistan, to Peshawar, Khyber Pakhtunkhwa, when it came under a "
            "bomb and gun attack Tuesday.",
            ["Quetta", "Balochistan", "Peshawar", "Khyber", "Pakhtunkhwa"],
        ),
        (
            "Although just around 150 kilometers from the provincial capital Quetta, the "
            "scene of the attack, located in barren mountains, is hard to reach.",
            ["Quetta"],
        ),
        (
            "The train came under a bomb and gun attack on Tuesday while passing through a "
            "tunnel near Sibi, Balochistan, on its way north to Peshawar from Quetta.",
            ["Peshawar", "Quetta"],
        ),
        ("The blast hit a market 40 km north of Aleppo.", ["Aleppo"]),
        # Close enough to be "near" it, and places that are where the event was.
        ("The blast hit a market 4 km north of Aleppo.", []),
        ("Gunmen drove to the village of Kuru and opened fire.", []),
        ("IS fighters withdrew from Manbij on Sunday.", []),
        # A destination alone may be where the event was (UCDP Syria headlines).
        (
            "Dozens of ISIS members were killed in airstrikes that targeted a column of them "
            "heading to the eastern countryside of Al-Raqqah.",
            [],
        ),
        ("A bus heading to Kabul from Jalalabad was attacked in Surobi.", ["Kabul", "Jalalabad"]),
        # A topic is not where the act was; "about" before a count is no preposition.
        ("Obama spoke with Cameron about Syria and agreed to consult.", ["Syria"]),
        ("Clashes erupted about 5 km from Aleppo on Monday.", []),
        # A name describing the topic tells where that was ("the Manbij explosion").
        ("Investigations about the Manbij explosion went on as forces killed a man.", []),
    ],
)
def test_reference_points_in_real_sentences(nlp, text, refs):
    assert _refs(nlp, text) == refs


def test_a_train_attacked_between_two_cities_is_not_placed_at_either():
    text = (
        "The Jaffar Express, with roughly 450 people on board, was traveling north from "
        "Quetta, Balochistan, to Peshawar, Khyber Pakhtunkhwa, when it came under a bomb "
        "and gun attack Tuesday. Militants stormed the train in a tunnel near Sibi."
    )
    events = [e for e in newsevents.extract(text, published="2025-03-12") if e.status == "new"]
    assert events, "the attack is an event"
    assert all(e.location not in ("Quetta", "Peshawar") for e in events), [
        e.location for e in events
    ]
    assert any(e.location == "Sibi" for e in events), [e.location for e in events]


def test_where_the_speaker_spoke_is_not_the_event_place():
    text = (
        '"We are not able to get in touch with the crew," railway deputy controller '
        "Muhammad Sharifullah in Quetta told VOA soon after the attack on the train."
    )
    events = newsevents.extract(text, published="2025-03-12")
    assert all(e.location != "Quetta" for e in events), [e.location for e in events]


def test_a_subject_telling_the_event_is_no_speaker():
    # UCDP Syria headline: "claims" is a speech verb, but its subject is the massacre.
    text = (
        "A massacre in Douma city claims the lives of 6 citizens in the first raids of "
        "warplanes after a lapse of about 4 days"
    )
    events = [e for e in newsevents.extract(text, published="2017-11-20") if e.status == "new"]
    assert [(e.location, e.fatalities) for e in events] == [("Duma", 6)]
