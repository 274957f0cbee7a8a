"""A trie-shaped alternation matches exactly what the flat alternation of its words does."""

from __future__ import annotations

import random
import re

from newsevents.lexicon import load_lexicon
from newsevents.regex_trie import trie_alternation

_ALPHABET = "ab- .'c"


def _flat(words: list[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def test_a_trie_matches_its_words_and_nothing_else() -> None:
    rng = random.Random(3)
    for _ in range(300):
        words = ["".join(rng.choices(_ALPHABET, k=rng.randint(1, 5))) for _ in range(12)]
        trie = re.compile(trie_alternation(words))
        for probe in words + [
            "".join(rng.choices(_ALPHABET, k=rng.randint(0, 6))) for _ in range(40)
        ]:
            assert (trie.fullmatch(probe) is not None) == (probe in words), (words, probe)


def test_bounded_search_finds_a_word_exactly_when_the_flat_alternation_does() -> None:
    rng = random.Random(5)
    for _ in range(300):
        words = ["".join(rng.choices(_ALPHABET, k=rng.randint(1, 5))) for _ in range(10)]
        flat = re.compile(rf"(?<![\w-]){_flat(words)}(?![\w])")
        trie = re.compile(rf"(?<![\w-]){trie_alternation(words)}(?![\w])")
        for _ in range(30):
            text = "".join(rng.choices(_ALPHABET + "xyz", k=rng.randint(0, 25)))
            assert (trie.search(text) is None) == (flat.search(text) is None), (words, text)


def test_the_trigger_prefilter_finds_trigger_forms_only() -> None:
    lexicon = load_lexicon()
    assert lexicon.has_candidate("Warplanes KILLED 12 civilians in Idlib.")
    assert lexicon.has_candidate("A car bombing near the market.")
    assert not lexicon.has_candidate("Officials met to discuss the budget.")
    # A form inside a longer word or after a hyphen is no trigger form.
    assert not lexicon.has_candidate("The killers' self-kill")
