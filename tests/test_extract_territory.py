"""Taking territory: "control" with its object in a headline and "advancement" are
events; control described as a state is not (loads the model for the
extraction cases; the state filter is also checked on hand-built parses)."""

import pytest
from factories import new_events
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsevents.trigger_filters import tells_a_state


def _doc(words, tags, deps, heads, pos, lemmas):
    return Doc(Vocab(), words=words, tags=tags, deps=deps, heads=heads, pos=pos, lemmas=lemmas)


def test_control_with_an_object_in_a_headline_tells_of_taking():
    doc = _doc(
        ["SDF", "control", "Manbij"],
        ["NNP", "VBP", "NNP"],
        ["nsubj", "ROOT", "dobj"],
        [1, 1, 1],
        ["PROPN", "VERB", "PROPN"],
        ["SDF", "control", "Manbij"],
    )
    assert not tells_a_state(doc[1], {"control"})
    # In a story's body the same present tense describes who holds the town.
    assert tells_a_state(doc[1], {"control"}, present_is_news=False)


def test_a_participle_or_a_verb_without_object_is_a_state():
    doc = _doc(
        ["areas", "controlled", "by", "IS"],
        ["NNS", "VBN", "IN", "NNP"],
        ["ROOT", "acl", "agent", "pobj"],
        [0, 0, 1, 2],
        ["NOUN", "VERB", "ADP", "PROPN"],
        ["area", "control", "by", "IS"],
    )
    assert tells_a_state(doc[1], {"control"})
    other = _doc(
        ["rebels", "control", "."],
        ["NNS", "VBP", "."],
        ["nsubj", "ROOT", "punct"],
        [1, 1, 1],
        ["NOUN", "VERB", "PUNCT"],
        ["rebel", "control", "."],
    )
    assert tells_a_state(other[1], {"control"})
    # Other verbs are not this filter's business.
    assert not tells_a_state(doc[1], {"seize"})


def _new(text):
    return new_events(text, "2017-05-01")


@pytest.mark.model
def test_headlines_of_taken_territory_give_an_event():
    (control,) = _new(
        "The Syria Democratic Forces control the last town of ISIS in Al-Hasaka Province"
    )
    assert control.event_type == "Battles"
    assert control.sub_event_type == "Non-state actor overtakes territory"
    (advance,) = _new("Advancement for the regime forces in the countryside of Aleppo")
    assert (advance.location, advance.event_type) == ("Aleppo", "Battles")


@pytest.mark.model
def test_control_as_a_state_gives_no_event():
    story = "Fighting raged for weeks. The government controls the city of Homs. Talks resume."
    assert _new(story) == []
    (clash,) = _new("Clashes near the areas controlled by IS in Deir Ezzor")
    assert clash.sub_event_type == "Armed clash"


@pytest.mark.model
def test_a_phrase_of_taking_control_is_no_state():
    # "restore control" is read with "control" as a noun joined to a party: the phrase
    # still tells the change, not who holds the villages.
    (taken,) = _new(
        "The factions operating in Idlib along with Tahrir al-Sham and the Turkestan Party "
        "restore control over two villages west of Sinjar"
    )
    assert taken.sub_event_type == "Non-state actor overtakes territory"


@pytest.mark.model
def test_a_name_right_after_control_is_its_object():
    # The parser hangs "al-Tabaqa city" on "west": no direct object in the parse.
    (taken,) = _new(
        '"Euphrates Wrath" operation forces control al-Tabaqa city west of Al-Raqqah '
        "province almost completely"
    )
    assert taken.sub_event_type == "Non-state actor overtakes territory"
    assert (taken.actor1, taken.location) == ("Syrian Democratic Forces", "Al-Tabqa")


@pytest.mark.model
def test_ending_a_group_s_presence_is_taking_the_place():
    (taken,) = _new("The SDF ended the presence of ISIS in Hajin on Monday")
    assert taken.sub_event_type == "Non-state actor overtakes territory"
    assert (taken.actor1, taken.actor2, taken.location) == (
        "Syrian Democratic Forces",
        "Islamic State",
        "Hajin",
    )
