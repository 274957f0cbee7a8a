"""The copy of a sentence the parser reads when its case misleads the tagger
(recase.parse_copy): title-case headlines get their common words in lower case, names
kept; "IS" gets a stand-in the tagger reads as a name; the copy has the sentence's length
(reads the model's English word list, not the model itself)."""

import pytest

from newsevents.recase import Recaser, headline_cased, parse_copy
from newsevents.records import Place
from newsevents.resolve.actors import get_actor_dictionary

pytestmark = pytest.mark.model

_PLACES = {"Jisr Al-Shughur", "Idlib", "Countryside", "Countryside of Daraa", "Daraa"}
_BIG = {"Aleppo": Place("Aleppo", 36.2, 37.2, "Syria", "SYR", None, "city", 1, 2_098_210)}


def _recaser() -> Recaser:
    return Recaser(
        is_place=lambda name: name in _PLACES or name in _BIG,
        actors=get_actor_dictionary(),
        resolve_place=_BIG.get,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Warplanes Target A School in Idlib And Kill 4 Citizens", True),
        ("Syria: Airstrike on School Kills Civilians", True),
        ("Russian warplanes kill 4 civilians in Idlib", False),
        ("Turkish Foreign Minister Mevlut Cavusoglu said talks would go on", False),
        ("Clashes in Idlib", False),  # too few words to tell
    ],
)
def test_title_case_headlines_are_told_from_sentences(text, expected):
    assert headline_cased(text) is expected


def test_a_title_case_copy_lowers_common_words_and_keeps_names():
    text = "Warplanes Target A School in Jisr Al-Shughur City And Kill 4 Citizens"
    copy = parse_copy(text, _recaser())
    assert copy == "Warplanes target a school in Jisr Al-Shughur city and kill 4 citizens"
    assert len(copy) == len(text)


def test_names_of_common_words_lose_their_capitals_but_big_cities_keep_them():
    text = "Regime Forces Shell The Countryside of Daraa And Kill A Fighter Near Aleppo"
    copy = parse_copy(text, _recaser())
    # "Countryside of Daraa" is the gazetteer's, but a function word ends a name and
    # "Countryside" alone is a common word; Aleppo is an English word and a city.
    assert copy == "Regime forces shell the countryside of Daraa and kill a fighter near Aleppo"


def test_is_gets_a_stand_in_of_its_length_and_the_verb_is_left_alone():
    assert parse_copy("IS arrests 7 militants in Raqqa", _recaser()) == (
        "UN arrests 7 militants in Raqqa"
    )
    assert (
        parse_copy("Fighters of IS attacked Raqqa", _recaser()) == "Fighters of UN attacked Raqqa"
    )
    sentence = "The town is calm after clashes"
    assert parse_copy(sentence, _recaser()) is sentence
    assert parse_copy("THE SITUATION IS CALM AFTER CLASHES", _recaser()).count("IS") == 1
