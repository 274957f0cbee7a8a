"""Headlines whose case misleads the tagger still give their events: title case
("Warplanes Target A School ...") is parsed from a lower-case copy, and "IS" is read as
the group, not the verb "is"; the stored sentence keeps its own words (loads the model)."""

import pytest
from factories import new_events

from newsevents.analyse import analyse
from newsevents.clean import clean
from newsevents.ingest import make_article
from newsevents.pipeline import load_knowledge
from newsevents.recase import Recaser

pytestmark = pytest.mark.model


def _new(text, published="2017-05-01"):
    return new_events(text, published, by_place=True)


def test_a_title_case_headline_gives_its_event_and_toll():
    text = "Warplanes Target A School in Jisr Al-Shughur City and Kill 4 Citizens"
    (event,) = _new(text)
    assert event.sub_event_type == "Air/drone strike"
    assert event.location == "Jisr ash Shughur"
    assert event.fatalities == 4
    assert event.sources[0].sentence == text


def test_common_words_of_a_title_case_headline_are_no_place():
    events = _new(
        "Regime Forces Shell the Southern Countryside of Idlib and An Explosion Kills "
        "A Fighter in The Countryside of Daraa"
    )
    assert {e.location for e in events} == {"Idlib", "Dara"}  # GeoNames names the city Dara


def test_is_acts_as_the_islamic_state():
    (arrest,) = _new("IS arrests 7 militants in Raqqa")
    assert arrest.sub_event_type == "Arrests"
    assert arrest.actor1 == "Islamic State"
    (fighters,) = _new("IS fighters killed in Raqqa")
    assert fighters.actor2 == "Islamic State"
    assert fighters.actor1 is None


def test_the_parse_of_a_copy_keeps_the_sentence_words():
    knowledge = load_knowledge()
    recaser = Recaser(
        is_place=knowledge.gazetteer.is_place_name,
        actors=knowledge.actors,
        resolve_place=knowledge.gazetteer.resolve,
    )
    article = clean(make_article("IS kills 5 civilians in Raqqa", published="2017-05-01"))
    (analysed,) = analyse([article], knowledge.lexicon, knowledge.models, recaser.parse_text)
    doc = analysed.sentences[0].doc
    assert doc is not None
    assert doc.text == "IS kills 5 civilians in Raqqa"
    assert (doc[0].pos_, doc[0].lemma_, doc[1].pos_) == ("PROPN", "IS", "VERB")
