"""The cached rule components give, token by token, what the model's own pipeline gives."""

from pathlib import Path

import pytest
import spacy

from newsevents.analyse import MODEL, split_sentences
from newsevents.fastparse import AttributeRules, FastPipeline, use_numpy_blas
from newsevents.ingest import read_inputs
from newsevents.records import Article

pytestmark = pytest.mark.model

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"

# Sentences that exercise the model's attribute rules: contractions and colloquial pairs
# (two-token rules), pronouns as objects, "there is", auxiliaries, negation, odd spacing.
RULE_SENTENCES = [
    "Ain't nobody gonna stop them, y'all know that, let's go.",
    "C'mon, they gotta leave before nothin' is left of the town.",
    "Gunmen shot him and then they attacked me and it in the market.",
    "There is no doubt that there are more than 20 dead; it's what I'd feared.",
    "She did not say whether the soldiers had been killed or wounded.",
    "They do what they have to do, and he does it while others don't.",
    "The   army  shelled\tthe village ,  killing 5 .",
    "Which of these towns did the rebels seize, and what did they take?",
    "THE MILITARY SAID IT HAD KILLED 12 MILITANTS IN AN AIR STRIKE.",
    "the rebels were n't able to hold the bridge that the army had retaken",
]


def _token_rows(doc: spacy.tokens.Doc) -> list[tuple[object, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start)
        for t in doc
    ]


@pytest.fixture(scope="module")
def models() -> tuple[spacy.language.Language, spacy.language.Language]:
    """The model as spaCy loads it (the reference), and a copy on numpy's BLAS."""
    reference = spacy.load(MODEL, exclude=["ner"])
    fast = spacy.load(MODEL, exclude=["ner"])
    use_numpy_blas(fast)
    return reference, fast


def _corpus_sentences(n: int) -> list[str]:
    splitter = spacy.blank("en")
    splitter.add_pipe("sentencizer")
    out: list[str] = []
    for item in read_inputs([str(CORPUS / "fakes.csv")]):
        if isinstance(item, Article):
            out += [item.text[s:e] for s, e in split_sentences(item.text, splitter)]
        if len(out) >= n:
            break
    return out[:n]


def test_fast_pipeline_equals_the_models_own_pipe_on_rule_cases_and_corpus_text(models) -> None:
    reference, numpy_blas = models
    texts = RULE_SENTENCES + _corpus_sentences(250)
    expected = [_token_rows(d) for d in reference.pipe(texts)]
    # The BLAS swap alone changes nothing ...
    assert [_token_rows(d) for d in numpy_blas.pipe(texts)] == expected
    # ... nor do the cached rule components, on cold caches and on warm ones.
    fast = FastPipeline(numpy_blas)
    for _ in range(2):
        assert [_token_rows(d) for d in fast.pipe(texts, batch_size=7)] == expected


def test_two_token_rules_set_the_lemma_of_the_right_token(models) -> None:
    [doc] = FastPipeline(models[1]).pipe(["We are gonna win, let's see."])
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["gon"] == "go" and lemmas["na"] == "to"
    assert lemmas["'s"] == "us"


def test_rules_the_module_cannot_evaluate_are_refused() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": {">": 3}}]], {"POS": "NOUN"})
    with pytest.raises(ValueError, match="LENGTH"):
        AttributeRules(ruler)
