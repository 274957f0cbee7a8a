"""MUC-4 scoring details that follow GRIT's scorer and the MUC-4 task definition."""

from __future__ import annotations

from newsevents.evaluate import muc4


def test_gold_entities_merge_across_templates_as_grit_does() -> None:
    # GRIT's preprocessing keeps an entity only when its mentions are neither a subset nor
    # a superset of an entity already kept: "guerrillas" in a second template is the
    # "guerrillas" / "guerrilla column" entity of the first, not a second perpetrator.
    first = muc4.GoldTemplate(
        ("attack",), {"PerpInd": (("guerrillas", "guerrilla column"),), "Target": (("farm",),)}
    )
    second = muc4.GoldTemplate(
        ("arson",),
        {"PerpInd": (("guerrillas",),), "Target": (("tank truck", "truck"), ("farm", "the farm"))},
    )
    gold = muc4.gold_entities([first, second])
    assert gold["PerpInd"] == [("guerrillas", "guerrilla column")]
    # ("farm", "the farm") contains the kept ("farm",): the same entity, the first stays.
    assert gold["Target"] == [("farm",), ("tank truck", "truck")]
    scores = muc4.ceaf_ree({"PerpInd": ["guerrillas"], "Target": ["truck", "farm"]}, gold)
    assert scores["PerpInd"] == (1, 1, 1)
    assert scores["Target"] == (2, 2, 2)


def test_disjoint_entities_stay_apart() -> None:
    template = muc4.GoldTemplate(("bombing",), {"Weapon": (("bomb",), ("dynamite",))})
    assert muc4.gold_entities([template])["Weapon"] == [("bomb",), ("dynamite",)]


def test_perpetrators_split_by_their_head_word() -> None:
    mapping = muc4.load_map()
    fillers = muc4.role_fillers(
        {"perpetrator": ("members of the FMLN", "the FMLN", "urban guerrillas")}, mapping
    )
    # "members of the FMLN" names people (its head is "members"), the FMLN an organisation.
    assert fillers["PerpInd"] == ("members of the FMLN", "urban guerrillas")
    assert fillers["PerpOrg"] == ("the FMLN",)


def test_clashes_and_territory_are_not_terrorist_incidents() -> None:
    # MUC-4's task definition: clashes between guerrillas and the military are not
    # terrorist incidents; a change of territory is none either.
    mapping = muc4.load_map()
    for sub in (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ):
        assert sub not in mapping.incident_types
    assert mapping.incident_types["Attack"] == "attack"
    assert mapping.incident_types["Remote explosive/landmine/IED"] == "bombing"


def test_described_victims_are_not_named_victims() -> None:
    # MUC-4's Victim role is HUM TGT: NAME; "a peasant" is a HUM TGT: DESCRIPTION.
    fillers = muc4.role_fillers(
        {"victim": ("a peasant", "Hector Oqueli"), "target": ("civilians", "tank truck")},
        muc4.load_map(),
    )
    assert fillers["Victim"] == ("Hector Oqueli",)
    assert fillers["Target"] == ("tank truck",)
