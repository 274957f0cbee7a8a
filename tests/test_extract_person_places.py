"""People's names made of place names ("Judge Maria Elena Diaz Perez", "Garcia Alvarado")
are people, not where an event happened: after a person's title, two towns' names with
no comma between them, and a lower-case given name before a town's name in recased
copy. A town with its country ("Damascus Syria") and a place after "of" stay places.
The first tests build parsed sentences by hand; the last ones load the model."""

from __future__ import annotations

import pytest
import spacy
from factories import new_events
from spacy.tokens import Doc

import newsevents
from newsevents.extract_context import ExtractContext, load_cues
from newsevents.extract_persons import person_run, person_surnames
from newsevents.extract_places import place_runs
from newsevents.lexicon import load_lexicon
from newsevents.resolve.actors import ActorDictionary
from newsevents.tokenview import token_view

# A toy gazetteer: towns that are also surnames, and a country and a region, which
# is_place reads in capitals as exactly that.
TOWNS = {"Perez", "Diaz", "Garcia", "Alvarado", "Bogota", "Damascus", "Elena", "Maria Elena"}
TOWNS |= {"Fort", "Campbell", "Tabqa", "Dam", "Maria Diaz", "San Salvador"}
BROAD = {"Syria", "SYRIA", "Texas", "TEXAS"}
COUNTRIES = {"Syria": "SYR"}


@pytest.fixture(scope="module")
def ctx() -> ExtractContext:
    return ExtractContext(
        lexicon=load_lexicon(),
        actors=ActorDictionary.load(),
        is_place=lambda name: name in TOWNS or name in BROAD,
        anchor=None,
        cues=load_cues(),
        country_for=COUNTRIES.get,
    )


VOCAB = spacy.blank("en").vocab  # English lexical flags (is_alpha, is_title), no model


def _doc(tagged: str) -> Doc:
    """A sentence from "word/POS" pairs."""
    pairs = [w.rsplit("/", 1) for w in tagged.split()]
    return Doc(VOCAB, words=[w for w, _ in pairs], pos=[p for _, p in pairs])


def _places(tagged: str, ctx: ExtractContext) -> list[str]:
    doc = _doc(tagged)
    view = token_view(doc)
    surnames = person_surnames([doc], ctx, [view])
    return [doc[s:e].text for s, e in place_runs(view, ctx, surnames)]


JUDGE = (
    "Judge/PROPN Maria/PROPN Elena/PROPN Diaz/PROPN Perez/PROPN "
    "was/AUX shot/VERB in/ADP Bogota/PROPN"
)


def test_a_titled_name_of_places_is_a_person(ctx: ExtractContext) -> None:
    assert _places(JUDGE, ctx) == ["Bogota"]
    view = token_view(_doc(JUDGE))
    # The name starts after the title; its surnames are the two towns' names.
    assert person_run(view, 0, 5, ctx) == (1, 3)
    assert person_surnames([view.doc], ctx, [view]) >= {"diaz", "perez"}


def test_a_lower_case_title_before_one_place_word_makes_it_a_person(ctx: ExtractContext) -> None:
    tagged = "colonel/NOUN Perez/PROPN said/VERB rebels/NOUN shelled/VERB Damascus/PROPN"
    assert _places(tagged, ctx) == ["Damascus"]
    # An adjective is no title ("major Perez offensive"), nor a country a name.
    assert _places("a/DET major/ADJ Perez/PROPN offensive/NOUN", ctx) == ["Perez"]
    assert person_run(token_view(_doc("President/PROPN Syria/PROPN")), 0, 2, ctx) is None


def test_a_lower_case_title_before_a_hamlets_two_word_name_makes_it_a_person(
    ctx: ExtractContext,
) -> None:
    # "Maria Diaz" is also the name of a hamlet in this toy gazetteer.
    tagged = (
        "gunmen/NOUN killed/VERB former/ADJ judge/NOUN Maria/PROPN Diaz/PROPN in/ADP Bogota/PROPN"
    )
    assert _places(tagged, ctx) == ["Bogota"]
    # A title written as part of the name before a place's name is still no person.
    assert (
        person_run(token_view(_doc("Governor/PROPN San/PROPN Salvador/PROPN")), 0, 3, ctx) is None
    )


def test_a_title_in_an_appositive_makes_a_hamlets_name_a_person(ctx: ExtractContext) -> None:
    tagged = (
        "Maria/PROPN Diaz/PROPN ,/PUNCT a/DET former/ADJ judge/NOUN ,/PUNCT was/AUX "
        "shot/VERB in/ADP Bogota/PROPN"
    )
    assert _places(tagged, ctx) == ["Bogota"]
    # An appositive without a title leaves the place a place.
    assert _places("Bogota/PROPN ,/PUNCT a/DET large/ADJ city/NOUN", ctx) == ["Bogota"]


def test_two_towns_without_a_comma_are_a_double_surname(ctx: ExtractContext) -> None:
    tagged = "Garcia/PROPN Alvarado/PROPN was/AUX killed/VERB in/ADP Bogota/PROPN"
    assert _places(tagged, ctx) == ["Bogota"]
    # Later in the article either surname alone is the person.
    assert {"garcia", "alvarado"} <= person_surnames([_doc(tagged)], ctx)


def test_a_town_before_its_country_or_region_stays_a_place(ctx: ExtractContext) -> None:
    tagged = "rebels/NOUN shelled/VERB Damascus/PROPN Syria/PROPN on/ADP Monday/PROPN"
    assert _places(tagged, ctx) == ["Damascus", "Syria"]
    assert person_run(token_view(_doc(tagged)), 2, 4, ctx) is None


def test_two_places_with_a_part_of_a_place_name_are_no_surnames(ctx: ExtractContext) -> None:
    for tagged in ("near/ADP Fort/PROPN Campbell/PROPN", "near/ADP Tabqa/PROPN Dam/PROPN"):
        view = token_view(_doc(tagged))
        assert person_run(view, 1, 3, ctx) is None
        assert person_surnames([view.doc], ctx, [view]) == frozenset()


def test_a_place_after_of_or_a_preposition_stays_a_place(ctx: ExtractContext) -> None:
    assert _places("the/DET mayor/NOUN of/ADP Perez/PROPN", ctx) == ["Perez"]
    assert _places("gunmen/NOUN killed/VERB three/NUM soldiers/NOUN in/ADP Perez/PROPN", ctx) == [
        "Perez"
    ]


def test_a_lower_case_given_name_before_a_town_is_a_person(ctx: ExtractContext) -> None:
    assert _places("dagoberto/PROPN Perez/PROPN died/VERB in/ADP Bogota/PROPN", ctx) == ["Bogota"]
    # An English word before it is no given name.
    assert person_run(token_view(_doc("downtown/PROPN Perez/PROPN")), 0, 2, ctx) is None


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Judge Maria Elena Diaz Perez was shot in Bogota on Monday.",
        "Maria Elena Diaz Perez, a judge, and two bodyguards were assassinated in Bogota today.",
        "Garcia Alvarado, 56, was killed when a bomb placed by guerrillas on his car exploded "
        "in downtown Bogota.",
    ],
)
def test_a_person_named_like_towns_is_not_the_event_place(text: str) -> None:
    (event,) = _new(text)
    assert event.location == "Bogota"


@pytest.mark.model
def test_a_titled_double_surname_alone_gives_no_place() -> None:
    (event,) = _new("Guerrillas killed attorney general Garcia Alvarado yesterday.")
    assert event.location is None


@pytest.mark.model
def test_the_surname_alone_later_is_the_person_too() -> None:
    events = _new("Judge Diaz Perez was kidnapped on Monday. Gunmen later killed Perez in Bogota.")
    assert [e.location for e in events] == ["Bogota"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Guerrillas attacked the mayor of Perez yesterday.", "Perez"),
        ("Gunmen killed three soldiers in Perez.", "Perez"),
        ("Rebels shelled Damascus Syria on Monday.", "Damascus"),
    ],
)
def test_places_named_like_surnames_stay_places(text: str, place: str) -> None:
    (event,) = _new(text)
    assert event.location == place


@pytest.mark.model
def test_caseless_copy_keeps_the_judge_a_person() -> None:
    text = (
        "THE GUERRILLAS KILLED JUDGE MARIA ELENA DIAZ PEREZ AND TWO BODYGUARDS IN MEDELLIN "
        "TODAY, THE POLICE SAID."
    )
    events = newsevents.extract(text, published="1989-07-28")
    assert [e.location for e in events if e.status == "new"] == ["Medellin"]


def _new(text: str) -> list[newsevents.Event]:
    return new_events(text, "1990-03-23")


def test_a_name_opened_by_a_qualifier_an_abbreviation_or_a_demonym_gives_no_surname(
    ctx: ExtractContext,
) -> None:
    # "Metro Perez", "Historic Perez", "North Perez", "TV5 Perez"-like names are a
    # place's or an organisation's: a later "Perez" alone is still the town.
    extra = ExtractContext(
        lexicon=ctx.lexicon,
        actors=ctx.actors,
        is_place=ctx.is_place,
        anchor=None,
        cues=ctx.cues,
        country_for={"Syrian": "SYR", **COUNTRIES}.get,
    )
    for opener in ("Metro", "Historic", "North", "KTV", "Syrian"):
        tagged = f"{opener}/PROPN Perez/PROPN said/VERB so/ADV"
        assert person_surnames([_doc(tagged)], extra) == frozenset(), opener
    # A given name still makes a surname, also in an all-capitals headline's pair.
    assert person_surnames([_doc("Carlos/PROPN Perez/PROPN said/VERB so/ADV")], extra) == {"perez"}
    assert person_surnames([_doc("CARLOS/PROPN PEREZ/PROPN said/VERB so/ADV")], extra) == {"perez"}
