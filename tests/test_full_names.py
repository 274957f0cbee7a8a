"""A filler written as part of a person's name is written out as the article writes the
name in full (full_names)."""

import pytest
from factories import new_events

from newsevents.full_names import NameRules, fullest

CASED = NameRules(cased=True, is_place=lambda name: name in {"Arbin", "Misraba"})
CASELESS = NameRules(cased=False, is_place=lambda name: False)


def _names(*written: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(tuple(w.lower() for w in n.split()), tuple(n.split())) for n in written]


def test_a_surname_is_written_out_as_the_article_names_the_person():
    names = _names("Gonzalo Rodriguez Gacha", "Bernardo Jaramillo Ossa")
    assert fullest("Rodriguez Gacha", names, CASED) == "Gonzalo Rodriguez Gacha"
    assert fullest("Bernardo Jaramillo", names, CASED) == "Bernardo Jaramillo Ossa"
    # Caseless text (MUC-4's messages) is read by its words alone.
    lower = _names("gonzalo rodriguez gacha")
    assert fullest("rodriguez gacha", lower, CASELESS) == "gonzalo rodriguez gacha"


@pytest.mark.parametrize(
    ("surface", "names"),
    [
        # Two people share the word: which one is meant is unknown.
        ("Gaviria", ("Cesar Gaviria Trujillo", "Pablo Escobar Gaviria")),
        # Titles and English words are no part of the name.
        ("George Shultz", ("State George Shultz",)),
        ("Carlos Marcelo", ("Globo journalist Carlos Marcelo",)),
        # A name in capitals is an acronym, and a place is no person.
        ("ISIL", ("ISIL Takfiri",)),
        ("Arbin", ("Misraba Ayn Arbin",)),
    ],
)
def test_no_fuller_name_when_the_article_gives_none_or_several(surface, names):
    assert fullest(surface, _names(*names), CASED) is None


@pytest.mark.model
def test_the_victim_is_named_in_full():
    text = (
        "Presidential candidate Bernardo Jaramillo Ossa arrived at the airport in Bogota. "
        "Gunmen shot dead Jaramillo Ossa at the airport in Bogota on Thursday. "
        "Police are searching for the gunmen."
    )
    victims = {v for e in new_events(text, "1990-03-23") for v in e.arguments.get("victim", ())}
    assert "Bernardo Jaramillo Ossa" in victims
