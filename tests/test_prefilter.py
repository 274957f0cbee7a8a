"""The lexicon's fast pre-filter (lower-cased text, no IGNORECASE) answers exactly as the
case-insensitive pattern does, including for letters that case-fold unusually."""

from pathlib import Path

import pytest

from newsevents.ingest import read_inputs
from newsevents.lexicon import load_lexicon
from newsevents.records import Article

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Warplanes BOMBED the town", True),
        ("the fall of X", True),
        ("The weather was mild and the markets were open.", False),
        # Long s and dotted/dotless I fold onto ASCII letters under IGNORECASE only.
        ("Warplanes \u017fhelled the town", True),
        ("K\u0130LLED in the raid", True),
        ("Ankara'da \u0131\u015f\u0131k yand\u0131.", False),
        ("pre-bombed", False),  # a form glued to a hyphen before it is not a word
        # A phrase's last word inflected: none of its words is a trigger alone.
        ("The regime used chemical weapons", True),
        ("Police fired rubber bullets", True),
    ],
)
def test_prefilter_cases(lexicon, text: str, expected: bool) -> None:
    assert lexicon.has_candidate(text) is expected
    assert (lexicon.prefilter.search(text) is not None) is expected


def test_fast_and_case_insensitive_prefilters_agree_on_the_corpus(lexicon) -> None:
    assert lexicon.prefilter_lower is not None
    texts = [
        item.text for item in read_inputs([str(CORPUS / "fakes.csv")]) if isinstance(item, Article)
    ][:200]
    lines = [line for text in texts for line in text.split(". ")]
    assert len(lines) > 1000
    fast = [lexicon.has_candidate(line) for line in lines]
    # Phrasal verbs written apart ("drove the group out") pass either way.
    split = lexicon.split_prefilter
    assert split is not None
    slow = [
        lexicon.prefilter.search(line) is not None or split.search(line.lower()) is not None
        for line in lines
    ]
    assert fast == slow
    assert 0 < sum(fast) < len(fast)
