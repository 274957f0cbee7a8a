"""Organisation phrases read off the parse (newsevents.org_phrases), on real sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.errors import DataFileError
from newsevents.org_phrases import find_org_phrases, load_org_rules, sentence_actors
from newsevents.resolve.actors import ActorContext

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def knowledge():  # type: ignore[no-untyped-def]
    from newsevents.pipeline import load_knowledge

    return load_knowledge()


def _phrases(knowledge, text: str) -> list[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    doc = knowledge.models.parser(text)
    return [
        (p.text, p.form, p.iso3) for p in find_org_phrases(doc, knowledge.gazetteer.is_place_name)
    ]


def test_named_groups_outside_the_dictionary(knowledge) -> None:  # type: ignore[no-untyped-def]
    found = _phrases(
        knowledge,
        "Jaish al-Islam said the Syrian Observatory for Human Rights reported 12 deaths.",
    )
    assert ("Jaish al-Islam", "name", None) in found
    assert ("Syrian Observatory for Human Rights", "name", None) in found


def test_numbered_units_and_particles(knowledge) -> None:  # type: ignore[no-untyped-def]
    found = _phrases(knowledge, "The U.S. Department of the Treasury designated al-Fateh Army.")
    assert ("U.S. Department of the Treasury", "name", None) in found
    assert ("al-Fateh Army", "name", None) in found
    found = _phrases(knowledge, "Fighters of the Free Syrian Army's 13th Division clashed.")
    assert ("13th Division", "name", None) in found


def test_a_leading_word_without_organisation_word_is_cut(knowledge) -> None:  # type: ignore[no-untyped-def]
    found = _phrases(knowledge, "Massacre of the International Coalition kills 16 people.")
    assert found[0] == ("International Coalition", "name", None)


def test_group_noun_phrases(knowledge) -> None:  # type: ignore[no-untyped-def]
    found = _phrases(knowledge, "Security forces and the regime shelled the town.")
    assert ("Security forces", "group", None) in found
    assert ("the regime", "group", None) in found


def test_countries_that_act_but_not_their_places(knowledge) -> None:  # type: ignore[no-untyped-def]
    found = _phrases(knowledge, "The UK has worked with Jordan; Russia bombed Idlib.")
    assert ("UK", "country", "GBR") in found
    assert ("Russia", "country", "RUS") in found
    assert all(text != "Jordan" for text, _, _ in found)  # object of "with": a place or partner
    assert _phrases(knowledge, "Two Turkish soldiers killed in Syria's Afrin.") == [
        ("Two Turkish soldiers", "group", None)
    ]


def test_a_capital_that_acts_is_its_state_but_a_city_where_things_happen_is_not(knowledge) -> None:  # type: ignore[no-untyped-def]
    assert ("Moscow", "country", "RUS") in _phrases(
        knowledge, "Moscow launched air strikes on Idlib on Monday."
    )
    assert ("Ankara", "country", "TUR") in _phrases(knowledge, "Ankara denied the report.")
    for city in (
        "Damascus came under heavy shelling on Monday.",
        "Damascus was hit by mortar shells on Monday.",
        "A car bomb exploded in Damascus on Monday.",
    ):
        assert all(form != "country" for _, form, _ in _phrases(knowledge, city)), city


def test_acronyms_but_not_weapons_or_shouted_words(knowledge) -> None:  # type: ignore[no-untyped-def]
    found = _phrases(knowledge, "The sanctions were announced by OFAC on Tuesday.")
    assert ("OFAC", "acronym", None) in found
    found = _phrases(knowledge, "Ahrar al-Sham destroyed a vehicle with an ATGM.")
    assert all(form != "acronym" for _, form, _ in found)
    assert _phrases(knowledge, "UPDATE: 41 rebels were KIA.") == [("41 rebels", "group", None)]


def test_sentence_actors_adds_unknown_names_and_flags_groups(knowledge) -> None:  # type: ignore[no-untyped-def]
    text = "The Hamzah Division and government forces clashed in Inkhil."
    doc = knowledge.models.parser(text)
    matches = sentence_actors(
        doc,
        text,
        knowledge.actors,
        ActorContext(countries=("SYR",)),
        knowledge.gazetteer.is_place_name,
    )
    by_surface = {m.surface: m for m in matches}
    named = by_surface["Hamzah Division"]
    assert (named.actor.name, named.actor.known, named.generic) == (
        "Hamzah Division",
        False,
        False,
    )
    # "government forces" is the dictionary's, resolved to Syria's forces by the context.
    assert by_surface["government forces"].actor.name == "Military Forces of Syria"
    assert not by_surface["government forces"].generic


def test_acting_country_becomes_its_state_forces(knowledge) -> None:  # type: ignore[no-untyped-def]
    text = "Turkey shelled Kurdish positions near Afrin."
    doc = knowledge.models.parser(text)
    matches = sentence_actors(
        doc, text, knowledge.actors, ActorContext(), knowledge.gazetteer.is_place_name
    )
    assert (matches[0].surface, matches[0].actor.name) == (
        "Turkey",
        "Military Forces of Turkey",
    )


def test_bad_data_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "org.yaml"
    bad.write_text("name_heads: army\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="name_heads"):
        load_org_rules(bad)


def test_name_words_ordinals_capitals_and_tags() -> None:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newsevents.org_phrases import _name_word

    words = ["321st", "2ND", "12", "Army", "army", "A.", "--", "Said", "\u00b2nd"]
    pos = ["ADJ", "NUM", "NUM", "PROPN", "NOUN", "PROPN", "PUNCT", "VERB", "ADJ"]
    doc = Doc(Vocab(), words=words, pos=pos)
    expected = [True, True, False, True, False, True, False, False, False]
    assert [_name_word(t) for t in doc] == expected


def test_name_runs_read_off_the_view_join_names_as_tokens_do() -> None:
    import spacy
    from spacy.tokens import Doc

    from newsevents.org_phrases import _name_runs
    from newsevents.tokenview import token_view

    # An Arabic particle and an attached hyphen before a name, "of the" and "and" inside
    # one, a spaced hyphen that does not join.
    words = ["the", "al", "-", "Nusra", "Front", "of", "the", "Levant", "and", "Jaish", "-"]
    words += ["Islam", "fought"]
    spaces = [True, False, False, True, True, True, True, True, True, True, True, True, False]
    pos = ["DET", "PROPN", "PUNCT", "PROPN", "PROPN", "ADP", "DET", "PROPN", "CCONJ"]
    pos += ["PROPN", "PUNCT", "PROPN", "VERB"]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, pos=pos)
    runs = _name_runs(token_view(doc), load_org_rules())
    assert [doc[i:j].text for i, j in runs] == ["al-Nusra Front of the Levant and Jaish", "Islam"]
