"""Syrian monitors' descriptors of the sides (resolve.actors, data/actors.yaml): quoted
names, loyalty descriptors, context aliases decided by a name later in the text, and
unknown names that are places."""

from __future__ import annotations

import pytest

from newsevents.resolve.actors import ActorContext, ActorDictionary, get_actor_dictionary

SYRIA = ActorContext(countries=("SYR",))
NO_COUNTRY = ActorContext()
YEMEN = ActorContext(countries=("YEM",))


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return get_actor_dictionary()


def found(actors: ActorDictionary, text: str, context: ActorContext) -> list[tuple[str, str]]:
    return [(m.surface, m.actor.name) for m in actors.find(text, context)]


def test_quoted_operation_name_inside_an_alias(actors: ActorDictionary) -> None:
    text = "\u201cEuphrates Wrath\u201d Operation Forces start an offensive towards Raqqa"
    assert found(actors, text, NO_COUNTRY) == [
        ("Euphrates Wrath\u201d Operation Forces", "Syrian Democratic Forces")
    ]
    text = '"Jazeera Storm" Operation Forces have a violent battle'
    assert [n for _, n in found(actors, text, NO_COUNTRY)] == ["Syrian Democratic Forces"]


def test_a_quote_does_not_join_two_separate_names(actors: ActorDictionary) -> None:
    # "Islamic" and "State" are one name; "State" and "organization" are not an alias.
    text = "the \u201cIslamic State\u201d organization attacks"
    assert found(actors, text, NO_COUNTRY) == [("Islamic State", "Islamic State")]


@pytest.mark.parametrize(
    "text",
    [
        "Clashes between SDF and Turkey-loyal groups in Ras al-Ayn",
        "the pro-Turkish factions shell Tal Rifaat",
        "Euphrates Shield factions advance near al-Bab",
        "factions loyal to Turkey attack Manbij",
    ],
)
def test_factions_named_by_their_loyalty_to_turkey(actors: ActorDictionary, text: str) -> None:
    # A name of its own: no country context is needed.
    assert "Syrian National Army" in [n for _, n in found(actors, text, NO_COUNTRY)]


def test_misspelt_regimes_forces_are_the_article_country(actors: ActorDictionary) -> None:
    text = "shelling accompanies the regimes forces\u2019 advancement"
    # The possessive's apostrophe may be missing: "the regime's forces" matches whole.
    assert found(actors, text, SYRIA) == [("the regimes forces", "Military Forces of Syria")]
    # Without an article country the generic name stays unresolved, as "regime forces" does.
    assert found(actors, text, NO_COUNTRY) == []


def test_jihadi_factions_and_kurdish_units_in_syria(actors: ActorDictionary) -> None:
    text = "the jihadi groups attack the Kurdish units"
    assert found(actors, text, SYRIA) == [
        ("jihadi groups", "Rebels"),
        ("Kurdish units", "People's Protection Units"),
    ]
    # Outside Syria these descriptors name no one group.
    assert found(actors, text, YEMEN) == []


def test_the_jihadis_point_back_to_a_named_group(actors: ActorDictionary) -> None:
    text = "Tahrir al-Sham executes 8 people and the jihadis close the square"
    assert [n for _, n in found(actors, text, SYRIA)] == ["Hayat Tahrir al-Sham"] * 2
    assert found(actors, "the jihadis close the square", SYRIA) == []


def test_the_coalition_is_decided_by_a_later_name(actors: ActorDictionary) -> None:
    text = "The Coalition commits a new massacre in ISIS last enclave"
    assert found(actors, text, NO_COUNTRY) == [
        ("The Coalition", "International Coalition against IS"),
        ("ISIS", "Islamic State"),
    ]
    # Named nowhere and no country: "the coalition" is no one in particular.
    assert found(actors, "The Coalition commits a new massacre", NO_COUNTRY) == []
    # In Yemen, next to the Houthis, it is the Saudi-led coalition.
    text = "the coalition bombed Houthi positions"
    assert [n for _, n in found(actors, text, NO_COUNTRY)] == ["Saudi-led Coalition", "Houthis"]


def test_a_states_offensive_names_its_forces(actors: ActorDictionary) -> None:
    assert found(actors, "The Turkish offensive on Afrin", NO_COUNTRY) == [
        ("Turkish offensive", "Military Forces of Turkey")
    ]


@pytest.mark.parametrize(
    "name",
    ["Latakia Mountains", "Taftanazem Airport", "Sheikh Maqsoud neighbourhood", "al-Rashid Bridge"],
)
def test_unknown_names_of_places_are_not_actors(actors: ActorDictionary, name: str) -> None:
    assert actors.resolve(name, SYRIA) is None


@pytest.mark.parametrize("name", ["Redline Group", "World Bank", "Ansar al-Tawhid"])
def test_unknown_organisations_stay_actors(actors: ActorDictionary, name: str) -> None:
    actor = actors.resolve(name)
    assert actor is not None and actor.name == name and not actor.known


@pytest.mark.parametrize("surface", ["the entire militants", "all militants", "several militants"])
def test_a_quantifier_is_no_part_of_an_unknown_name(actors: ActorDictionary, surface: str) -> None:
    actor = actors.resolve(surface, SYRIA)
    assert actor is not None and actor.name == "Militants"


@pytest.mark.parametrize(
    "text",
    [
        "Daraa Units of the army and armed forces killed terrorists",
        "Army units killed 20 terrorists",
        "attacks by the Syrian ground forces",
    ],
)
def test_state_medias_army_units_are_the_states_forces(actors: ActorDictionary, text: str) -> None:
    assert [n for _, n in found(actors, text, SYRIA)][:1] == ["Military Forces of Syria"]


def test_army_heading_a_groups_own_name_is_no_state_army(actors: ActorDictionary) -> None:
    assert [n for _, n in found(actors, 'The "Army of Conquest" began', SYRIA)] == []
    assert [n for _, n in found(actors, "The Army shelled Douma", SYRIA)] == [
        "Military Forces of Syria"
    ]


def test_a_date_word_before_lowercase_words_is_no_part_of_a_name(
    actors: ActorDictionary,
) -> None:
    # "AFP Monday 17 Mar 2014 Six people were killed": the dateline's month is no name.
    assert actors.resolve("Mar people", SYRIA) is None
    gunmen = actors.resolve("Tuesday gunmen", SYRIA)
    assert gunmen is not None and gunmen.name == "Unidentified Armed Group"
    # A name that starts with a calendar word keeps it.
    first = actors.resolve("First Regiment", SYRIA)
    assert first is not None and first.name == "First Regiment"


def test_a_possessive_without_its_apostrophe_is_the_same_name(actors: ActorDictionary) -> None:
    # Scraped texts stripped of apostrophes (the demo's FA-KES articles) write "Assads",
    # "Peoples": the dictionary's "Assad's forces", "People's Protection Units".
    text = "The Kurdish Peoples Protection Units and Assads forces clashed near Hasakah."
    assert found(actors, text, NO_COUNTRY) == [
        ("Kurdish Peoples Protection Units", "People's Protection Units"),
        ("Assads forces", "Military Forces of Syria"),
    ]


def test_a_name_with_its_possessive_s_and_no_apostrophe_is_the_name(
    actors: ActorDictionary,
) -> None:
    text = "The SDF repelled ISILs heavy attacks while Hamas watched."
    assert found(actors, text, NO_COUNTRY) == [
        ("SDF", "Syrian Democratic Forces"),
        ("ISILs", "Islamic State"),
        ("Hamas", "Hamas"),
    ]
