"""Actor dictionary, context aliases, coreference and unknown actors (resolve.actors)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.errors import DataFileError
from newsevents.records import Actor
from newsevents.resolve.actors import (
    KINDS,
    ActorContext,
    ActorDictionary,
    get_actor_dictionary,
)

IS = "Islamic State"
SDF = "Syrian Democratic Forces"
SYRIA = ActorContext(countries=("SYR",))
PAKISTAN = ActorContext(countries=("PAK",))


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return get_actor_dictionary()


def names(actors: ActorDictionary, text: str, context: ActorContext | None = None) -> list[str]:
    return [m.actor.name for m in actors.find(text, context)]


@pytest.mark.parametrize(
    "alias",
    [
        "IS",
        "ISIS",
        "ISIL",
        "Isil",
        "Daesh",
        "Daish",
        "Islamic State",
        "Islamic State of Iraq and the Levant",
        "Islamic State of Iraq and Syria",
        "the Islamic State group",
        "Islamic State group",
        "IS-controlled",
        "ISIS-held",
        "the Islamic State's",
    ],
)
def test_every_islamic_state_alias_is_one_actor(actors: ActorDictionary, alias: str) -> None:
    actor = actors.resolve(alias)
    assert actor == Actor(IS, "Rebel group", None, True)


def test_find_reads_all_is_names_in_a_text(actors: ActorDictionary) -> None:
    text = "ISIL (or ISIS), also called Daesh, is the Islamic State group; IS-controlled land."
    found = actors.find(text)
    assert [m.surface for m in found] == ["ISIL", "ISIS", "Daesh", "Islamic State group", "IS"]
    assert {m.actor.name for m in found} == {IS}
    assert all(text[m.start : m.end] == m.surface for m in found)


def test_lowercase_is_never_matches_islamic_state(actors: ActorDictionary) -> None:
    text = "It is what it is. Is this IS? This is ISIS."
    assert [m.surface for m in actors.find(text)] == ["IS", "ISIS"]
    assert actors.lookup("is") is None
    assert actors.resolve("is") is None


def test_possessives_and_suffixes_stay_outside_the_match(actors: ActorDictionary) -> None:
    text = "The SDF's victory over ISIS-held Baghouz; Syrian Democratic Forces' fighters."
    found = actors.find(text)
    assert [(m.surface, m.actor.name) for m in found] == [
        ("SDF", SDF),
        ("ISIS", IS),
        ("Syrian Democratic Forces", SDF),
    ]
    assert actors.resolve("SDF's") is not None
    assert actors.resolve("Syrian Democratic Forces'") == actors.lookup("SDF")


def test_spacing_and_dash_variants_match(actors: ActorDictionary) -> None:
    found = actors.find("a US -led coalition and al Shabab and al\u2011Shabaab")
    assert [m.actor.name for m in found] == [
        "International Coalition against IS",
        "al-Shabaab",
        "al-Shabaab",
    ]


@pytest.mark.parametrize(
    "alias", ["SDF", "Syrian Democratic Forces", "QSD", "US-backed forces", "U.S.-backed fighters"]
)
def test_sdf_aliases_with_syria_context(actors: ActorDictionary, alias: str) -> None:
    actor = actors.resolve(alias, SYRIA)
    assert actor is not None and actor.name == SDF and actor.kind == "Rebel group"


def test_us_backed_forces_is_not_sdf_without_syria(actors: ActorDictionary) -> None:
    for context in (None, ActorContext(countries=("IRQ",))):
        actor = actors.resolve("US-backed forces", context)
        assert actor is not None and actor.name != SDF and not actor.known
    assert actors.lookup("US-backed forces") is None
    assert actors.find("US-backed forces said") == []


def test_us_backed_forces_follow_an_earlier_sdf_mention(actors: ActorDictionary) -> None:
    sdf = actors.lookup("SDF")
    assert sdf is not None
    actor = actors.resolve("Kurdish-led forces", ActorContext(countries=(), recent=(sdf,)))
    assert actor == sdf
    found = actors.find("U.S.-backed forces took Baghouz.", SYRIA)
    assert [(m.surface, m.actor.name) for m in found] == [("U.S.-backed forces", SDF)]


def test_ambiguous_acronyms_follow_the_article_country(actors: ActorDictionary) -> None:
    somalia = ActorContext(countries=("SOM",))
    assert getattr(actors.resolve("SNA", SYRIA), "name", None) == "Syrian National Army"
    assert getattr(actors.resolve("SNA", somalia), "name", None) == "Military Forces of Somalia"
    assert getattr(actors.resolve("Khawarij", somalia), "name", None) == "al-Shabaab"
    assert getattr(actors.resolve("Khawarij", PAKISTAN), "name", None) == (
        "Tehreek-e-Taliban Pakistan"
    )
    assert getattr(actors.resolve("Kurdish forces", SYRIA), "name", None) == (
        "People's Protection Units"
    )
    assert getattr(actors.resolve("Kurdish forces", ActorContext(("IRQ",))), "name", None) == (
        "Peshmerga"
    )


def test_generic_state_names_take_the_article_country(actors: ActorDictionary) -> None:
    assert actors.resolve("police", PAKISTAN) == Actor(
        "Police Forces of Pakistan", "State forces", "PAK", True
    )
    assert actors.resolve("the police", PAKISTAN) == actors.resolve("policemen", PAKISTAN)
    syrian_army = actors.resolve("government forces", SYRIA)
    assert syrian_army == Actor("Military Forces of Syria", "State forces", "SYR", True)
    assert actors.resolve("Syrian troops") == syrian_army
    assert actors.resolve("regime forces", SYRIA) == syrian_army
    # Countries without an entry get ACLED's name built from the country name.
    nigeria = actors.resolve("the army", ActorContext(("NGA",)))
    assert nigeria == Actor("Military Forces of Nigeria", "State forces", "NGA", True)
    usa = actors.resolve("police", ActorContext(("USA",)))
    assert usa is not None and usa.name == "Police Forces of the United States"


def test_generic_police_without_context_stays_unknown(actors: ActorDictionary) -> None:
    assert actors.resolve("police") == Actor("Police", "State forces", None, False)


def test_find_resolves_generic_names_with_context(actors: ActorDictionary) -> None:
    text = "Then they picked out police officers and shot them. Some soldiers also ran."
    assert names(actors, text, PAKISTAN) == [
        "Police Forces of Pakistan",
        "Military Forces of Pakistan",
    ]
    assert names(actors, text) == []  # no context: only unconditional names


def test_foreign_soldiers_are_not_the_article_country(actors: ActorDictionary) -> None:
    somalia = ActorContext(("SOM",))
    text = "Somali forces backed by Ethiopian soldiers and Chadian soldiers fought."
    assert names(actors, text, somalia) == [
        "Military Forces of Somalia",
        "Military Forces of Ethiopia",
    ]


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Lebanese army", ("Military Forces of Lebanon", "LBN")),
        ("the Egyptian army", ("Military Forces of Egypt", "EGY")),
        ("Nigerian troops", ("Military Forces of Nigeria", "NGA")),
        ("Malian soldiers", ("Military Forces of Mali", "MLI")),
        ("South Sudanese army", ("Military Forces of South Sudan", "SSD")),
        ("Yemeni police", ("Police Forces of Yemen", "YEM")),
        ("Saudi jets", ("Military Forces of Saudi Arabia", "SAU")),
        ("Syrian troops", ("Military Forces of Syria", "SYR")),  # an entry of its own
        ("Russian missiles", ("Military Forces of Russia", "RUS")),  # a state's weapon
        ("Turkish positions", ("Military Forces of Turkey", "TUR")),  # what it holds
        ("a US base", ("Military Forces of the United States", "USA")),
    ],
)
def test_any_countrys_forces_by_its_demonym(
    actors: ActorDictionary, surface: str, expected: tuple[str, str]
) -> None:
    # A country without an entry of its own: its forces, not the article's country's
    # ("Nigerian troops" in a story about Syria were the Syrian army) nor an unknown.
    actor = actors.resolve(surface, SYRIA)
    assert actor is not None and actor.known
    assert (actor.name, actor.country) == expected


@pytest.mark.parametrize("surface", ["Anadolu Agency", "SANA", "AFP", "Reuters", "agency SANA"])
def test_news_agencies_report_and_never_act(actors: ActorDictionary, surface: str) -> None:
    assert actors.resolve(surface, SYRIA) is None


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("the Wagner group", "Wagner Group"),
        ("JNIM", "Jama'at Nusrat al-Islam wal-Muslimin"),
        ("M23 rebels", "M23"),
        ("Islamic Jihad", "Palestinian Islamic Jihad"),
    ],
)
def test_armed_groups_beyond_syria(actors: ActorDictionary, surface: str, name: str) -> None:
    actor = actors.resolve(surface, SYRIA)
    assert actor is not None and actor.known and actor.name == name


@pytest.mark.parametrize(
    ("surface", "country", "name"),
    [
        ("RSF paramilitaries", "SDN", "Rapid Support Forces"),
        ("RSF", "SDN", "Rapid Support Forces"),
        ("Haftar's forces", "LBY", "Libyan National Army"),
        ("LNA", "LBY", "Libyan National Army"),
        ("GNA forces", "LBY", "Government of National Accord Forces"),
        ("the Tatmadaw", "MMR", "Military Forces of Myanmar"),
        ("Fano militiamen", "ETH", "Fano Militia"),
        ("ADF", "COD", "Allied Democratic Forces"),
        ("CJNG", "MEX", "Jalisco New Generation Cartel"),
        ("Fulani herders", "NGA", "Fulani Ethnic Militia"),
        ("Israeli settlers", "PSE", "Israeli Settlers"),
    ],
)
def test_the_parties_of_todays_wars(
    actors: ActorDictionary, surface: str, country: str, name: str
) -> None:
    actor = actors.resolve(surface, ActorContext(countries=(country,)))
    assert actor is not None and actor.known and actor.name == name


@pytest.mark.parametrize("surface", ["RSF", "ADF", "LNA"])
def test_short_names_of_other_bodies_elsewhere_are_no_armed_group(
    actors: ActorDictionary, surface: str
) -> None:
    # Reporters Without Borders, the Australian Defence Force: outside the war's country
    # the letters name no armed group of the dictionary.
    actor = actors.resolve(surface, ActorContext(countries=("AUS",)))
    assert actor is None or not actor.known


def test_coreference_the_group_after_islamic_state(actors: ActorDictionary) -> None:
    text = "IS fighters attacked Hajin. Civilians fled. The group later claimed the attack."
    found = actors.find(text, SYRIA)
    assert [(m.surface, m.actor.name) for m in found] == [
        ("IS", IS),
        ("Civilians", "Civilians"),
        ("The group", IS),
    ]
    is_actor = actors.lookup("ISIS")
    assert is_actor is not None
    civilians = actors.resolve("civilians", SYRIA)
    assert civilians == Actor("Civilians", "Civilians", "SYR", True)
    context = ActorContext(("SYR",), (is_actor, civilians))
    for anaphor in ("the group", "the militants", "its fighters", "the terror group"):
        assert actors.resolve(anaphor, context) == is_actor


def test_the_rebels_prefers_a_named_rebel_group(actors: ActorDictionary) -> None:
    fsa = actors.lookup("Free Syrian Army")
    assert fsa is not None
    assert actors.resolve("the rebels", ActorContext(("SYR",), (fsa,))) == fsa
    assert actors.resolve("the rebels", SYRIA) == Actor("Rebels", "Rebel group", "SYR", True)


def test_anaphora_and_pronouns_without_antecedent_are_not_actors(
    actors: ActorDictionary,
) -> None:
    for surface in ("the group", "its fighters", "he", "it", "they", "They"):
        assert actors.resolve(surface, SYRIA) is None
    # "the militants" without a named group is still an (unknown) actor.
    assert actors.resolve("the militants", PAKISTAN) == Actor(
        "Militants", "Rebel group", "PAK", False
    )


def test_known_and_unknown_actors(actors: ActorDictionary) -> None:
    bla = actors.resolve("Baloch Liberation Army")
    assert bla == Actor("Baloch Liberation Army", "Rebel group", "PAK", True)
    assert actors.resolve("BLA") == bla
    # Unknown: the determiner goes, the name is kept as written, and "Liberation"/"Front"
    # make it a rebel group.
    assert actors.resolve("the Azawad Liberation Front") == Actor(
        "Azawad Liberation Front", "Rebel group", None, False
    )
    assert actors.resolve("local clan militias") == Actor(
        "Local Clan Militias", "Identity militia", None, False
    )
    # A possessive keeps its small "s" when the words are capitalised.
    assert actors.resolve("the army's air force").name == "Army's Air Force"
    assert actors.resolve("16 terrorists", PAKISTAN) == Actor(
        "Terrorists", "Rebel group", "PAK", False
    )
    # An unknown name's possessive goes (the Wagner Group is known since it joined the
    # dictionary; a made-up company stands in for it).
    assert actors.resolve("the Redline Group's") == Actor(
        "Redline Group", "External/Other", None, False
    )
    assert actors.resolve("the Wagner Group's") == Actor(
        "Wagner Group", "External/Other", "RUS", True
    )
    assert actors.resolve("the strike") is None


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("angry protesters", "Protesters"),
        ("a rioting mob", "Rioters"),
        ("Fulani herders", "Identity militia"),
        ("unidentified gunmen", "Political militia"),
        ("Lord's Resistance Army", "Rebel group"),
        ("Burkinabe soldiers", "State forces"),
        ("aid workers", "Civilians"),
        ("Wagner Group", "External/Other"),
    ],
)
def test_kind_inference(actors: ActorDictionary, name: str, kind: str) -> None:
    assert actors.infer_kind(name) == kind


def test_surface_containing_a_known_name(actors: ActorDictionary) -> None:
    assert getattr(actors.resolve("five al-Shabab militants"), "name", None) == "al-Shabaab"
    soldiers_of = actors.resolve("the soldiers of the Syrian Democratic Forces", SYRIA)
    assert soldiers_of == actors.lookup("SDF")


def test_members_after_a_name_join_its_mention(actors: ActorDictionary) -> None:
    text = "Last month, BLA insurgents ambushed a bus; five civilian passengers died."
    found = actors.find(text, PAKISTAN)
    assert [(m.surface, m.actor.name) for m in found] == [
        ("BLA insurgents", "Baloch Liberation Army"),
        ("civilian passengers", "Civilians"),
    ]


def test_soldiers_of_an_actor_are_that_actor(actors: ActorDictionary) -> None:
    text = "the soldiers of the Syrian Democratic Forces unfurled their flag"
    assert names(actors, text, SYRIA) == [SDF]


def test_anti_prefix_blocks_a_mention(actors: ActorDictionary) -> None:
    assert actors.find("anti-IS operations and counter-ISIS raids") == []
    assert names(actors, "the anti-IS coalition") == ["International Coalition against IS"]


def test_bundled_dictionary_is_valid(actors: ActorDictionary) -> None:
    kinds = {a.kind for a in actors.actors}
    assert kinds <= set(KINDS)
    assert len(actors.actors) >= 60
    assert {"Hayat Tahrir al-Sham", "Popular Mobilization Forces", "Hezbollah"} <= {
        a.name for a in actors.actors
    }


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "extra_actors.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "actors:\n  - name: Foo Front\n    kind: Rebels\n    aliases: [Foo]\n",
            r"extra_actors\.yaml: actors entry 1 \('Foo Front'\): kind 'Rebels'.*use one of",
        ),
        (
            "actors:\n  - name: Foo Front\n    kind: Rebel group\n    aliases: []\n",
            r"extra_actors\.yaml: actors entry 1 \('Foo Front'\): no aliases; add at least one",
        ),
        (
            "actors:\n  - kind: Rebel group\n    aliases: [Foo]\n",
            r"extra_actors\.yaml: actors entry 1: missing 'name'",
        ),
        (
            "actors:\n  - name: Foo Front\n    kind: Rebel group\n    aliases: [ISIS]\n",
            r"alias 'ISIS' is given to two actors: .*actors\.yaml: actors entry 1 "
            r"\('Islamic State'\) and .*extra_actors\.yaml: actors entry 1 \('Foo Front'\); "
            r"keep it on one of them",
        ),
        (
            "context_aliases:\n  - actor: Nobody Front\n    countries: [SYR]\n"
            "    aliases: [the front]\n",
            r"context_aliases entry 1: actor 'Nobody Front' is not in the dictionary; add it",
        ),
        ("actors: [\n", r"extra_actors\.yaml: cannot read"),
    ],
)
def test_invalid_yaml_is_refused(tmp_path: Path, body: str, expected: str) -> None:
    with pytest.raises(DataFileError, match=expected):
        ActorDictionary.load(_write(tmp_path, body))


def test_extension_file_adds_actors_and_aliases(tmp_path: Path) -> None:
    extra = _write(
        tmp_path,
        "actors:\n"
        "  - name: Azawad Liberation Front\n    kind: Rebel group\n    country: MLI\n"
        "    aliases: [FLA, Front de Liberation de l'Azawad]\n"
        "  - name: Islamic State\n    kind: Rebel group\n    country: null\n"
        "    aliases: [Dawla]\n",
    )
    actors = ActorDictionary.load(extra)
    assert actors.resolve("FLA") == Actor("Azawad Liberation Front", "Rebel group", "MLI", True)
    assert getattr(actors.lookup("Dawla"), "name", None) == IS
    assert getattr(actors.lookup("ISIS"), "name", None) == IS


@pytest.mark.shared
def test_seed_article_mentions(shared_dir: Path, actors: ActorDictionary) -> None:
    text = (shared_dir / "seed" / "000_1160085869670d29.txt").read_text(encoding="utf-8")
    found = actors.find(text, SYRIA)
    counts: dict[str, int] = {}
    for match in found:
        counts[match.actor.name] = counts.get(match.actor.name, 0) + 1
    assert counts[IS] >= 20
    assert counts[SDF] >= 8
    assert counts["International Coalition against IS"] == 2
    assert all(m.surface != "is" for m in found)
    assert "Isil" in {m.surface for m in found}


@pytest.mark.shared
def test_voa_stories_mentions(shared_dir: Path, actors: ActorDictionary) -> None:
    path = shared_dir / "corpus" / "voa" / "voa_conflict_subset.jsonl"
    stories = {json.loads(line)["id"]: json.loads(line)["text"] for line in path.open()}
    train = {m.actor.name for m in actors.find(stories["8009314"], PAKISTAN)}
    assert {"Baloch Liberation Army", "Military Forces of Pakistan", "Civilians"} <= train
    assert "Police Forces of Pakistan" in train
    hotel = {m.actor.name for m in actors.find(stories["8006503"], ActorContext(("SOM",)))}
    assert {"al-Shabaab", "Military Forces of Somalia", "African Union Mission in Somalia"} <= hotel
    assert "Unidentified Armed Group" in hotel


def test_regime_and_government_weapons_are_the_article_country(actors: ActorDictionary) -> None:
    # state_generic_prefixes x state_nouns: "regime airstrikes", "government shelling".
    syrian_army = actors.resolve("government forces", SYRIA)
    assert names(actors, "Regime\u2019s airstrikes kill 10 in Douma", SYRIA) == [syrian_army.name]
    assert actors.resolve("government shelling", SYRIA) == syrian_army
    assert actors.resolve("the regime's helicopters", SYRIA) == syrian_army
    # Without the article's country they name no one.
    assert names(actors, "Regime airstrikes kill 10") == []


def test_a_states_aerial_bombardment_names_its_forces(actors: ActorDictionary) -> None:
    assert names(actors, "killed in Russian aerial bombardment south of Idlib") == [
        "Military Forces of Russia"
    ]


def test_a_government_named_as_actor_is_its_state_forces(actors: ActorDictionary) -> None:
    syrian_army = Actor("Military Forces of Syria", "State forces", "SYR", True)
    # The bare noun needs the article's country; a demonym or a ruler's name carries it.
    assert names(actors, "a gas attack by the government on a suburb", SYRIA) == [syrian_army.name]
    assert names(actors, "a gas attack by the government on a suburb") == []
    assert actors.resolve("the Syrian government") == syrian_army
    assert actors.resolve("the Assad government") == syrian_army
    assert names(actors, "the Turkish government bombed a village") == ["Military Forces of Turkey"]


def test_citizens_and_the_short_name_of_fateh_al_sham(actors: ActorDictionary) -> None:
    assert names(actors, "four citizens died", SYRIA) == ["Civilians"]
    assert names(actors, "fighters of Fateh al-Sham") == ["Hayat Tahrir al-Sham"]


def test_a_generic_state_name_with_an_of_phrase_is_not_the_article_country(
    actors: ActorDictionary,
) -> None:
    # "the government of Iraq" in an article about Syria names Iraq's, not Syria's.
    assert names(actors, "talks with the government of Iraq", SYRIA) == []
    assert names(actors, "talks with the government in Damascus", SYRIA) == [
        "Military Forces of Syria"
    ]
