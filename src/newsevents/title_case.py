"""Whether a sentence is written in title case ("Warplanes Target A School in Idlib And
Kill 4 Citizens"), which hides names among capitalised common words: recasing parses
such a sentence from a lower-cased copy, and place resolution trusts its capitalised
words less. The function words are data/recase.yaml's."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from newsevents.language import english_stopwords

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
# A sentence is a title-case headline when this share of its content words (after the
# first word, names in capitals aside) starts with a capital, and it has at least this many.
_TITLE_SHARE = 0.8
_TITLE_MIN_WORDS = 3


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """The function words of data/recase.yaml, lower-cased."""
    text = resources.files("newsevents").joinpath("data/recase.yaml").read_text("utf-8")
    return frozenset(str(w).lower() for w in yaml.safe_load(text)["function_words"])


def is_title(word: str) -> bool:
    """Does the word start with a capital (and is not a name in capitals)?"""
    # "A" is the article capitalised, not a name in capitals.
    return word[:1].isupper() and (not word.isupper() or word == "A")


def headline_cased(text: str) -> bool:
    """True when a sentence is written in title case: its content words after the first
    nearly all start with a capital, and a function word does too (or every content word
    is capitalised)."""
    words = function_words()
    content: list[str] = []
    function: list[str] = []
    for word in _WORD.findall(text)[1:]:
        if word.isupper():
            continue  # a name in capitals ("ISIS", "SDF") tells nothing of the case style
        lower = word.lower()
        is_function = lower in words or lower in english_stopwords()
        (function if is_function else content).append(word)
    if len(content) < _TITLE_MIN_WORDS:
        return False
    titled = sum(is_title(w) for w in content)
    if titled < _TITLE_SHARE * len(content):
        return False
    return titled == len(content) or any(is_title(w) for w in function)
