"""Whether a sentence is written in title case ("Warplanes Target A School in Idlib And
Kill 4 Citizens"), which hides names among capitalised common words: recasing parses
such a sentence from a lower-cased copy, and place resolution trusts its capitalised
words less; and whether a whole text is caseless (`caseless`: all capitals or all lower
case, as MUC-4's messages are). The function words are data/recase.yaml's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsevents.data_files import as_data_errors, package_data, read_yaml_mapping, word_set
from newsevents.errors import DataFileError
from newsevents.language import english_stopwords

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_SAMPLE = 5000  # characters read to judge whether a text is caseless
# A capitalised word that does not open a sentence: the author's own capital.
_INNER_CAPITAL = re.compile(r"(?<=[A-Za-z0-9)])[,;]?[ \t]+([A-Z][A-Za-z'\-]*)")
# Caseless text has at most this share of such words (a stray "US" in a long lower-case
# report); a sentence-case text with a name or two has many more.
_INNER_CAPITAL_SHARE = 0.01
# A sentence is a title-case headline when this share of its content words (after the
# first word, names in capitals aside) starts with a capital, and it has at least this many.
_TITLE_SHARE = 0.8
_TITLE_MIN_WORDS = 3


@dataclass(frozen=True)
class RecaseWords:
    """The word lists of data/recase.yaml (read here, below resolve, for both this module
    and recase)."""

    stand_ins: dict[str, str]  # a group's capitals -> a stand-in of the same length
    function_words: frozenset[str]  # lower-cased
    generic_places: frozenset[str]  # lower-cased
    # What tells an English word that the gazetteer also knows as a place from a name
    # in caseless text (all lower-cased): see recase.py.
    determiners: frozenset[str] = frozenset()
    verb_markers: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    place_kinds: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def recase_words() -> RecaseWords:
    """The bundled data/recase.yaml, checked (a stand-in must keep the length)."""
    path = package_data("recase.yaml")
    data = read_yaml_mapping(path)
    with as_data_errors(path, "stand-ins"):
        stand_ins = {str(k): str(v) for k, v in data["stand_ins"].items()}
    for word, other in stand_ins.items():
        if len(word) != len(other):
            raise DataFileError(
                f"{path}: stand-in {other!r} for {word!r} changes the length; "
                "give one of the same length"
            )
    return RecaseWords(
        stand_ins=stand_ins,
        function_words=word_set(data, "function_words", path),
        generic_places=word_set(data, "generic_places", path),
        determiners=word_set(data, "determiners", path),
        verb_markers=word_set(data, "verb_markers", path),
        person_titles=word_set(data, "person_titles", path),
        place_kinds=word_set(data, "place_kinds", path),
    )


def is_title(word: str) -> bool:
    """Does the word start with a capital (and is not a name in capitals)?"""
    # "A" is the article capitalised, not a name in capitals.
    return word[:1].isupper() and (not word.isupper() or word == "A")


def headline_cased(text: str) -> bool:
    """True when a sentence is written in title case: its content words after the first
    nearly all start with a capital, and a function word does too (or every content word
    is capitalised)."""
    words = recase_words().function_words
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


def caseless(text: str) -> bool:
    """True when a text has (almost) no case information: over 80 % capitals among its
    letters, or under 2 % with hardly a capitalised word inside a sentence (a short
    report in sentence case that names one place has few capitals, all meant)."""
    sample = text[:_SAMPLE]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < 40:
        return False
    upper = sum(c.isupper() for c in letters) / len(letters)
    if upper > 0.8:
        return True
    if upper >= 0.02:
        return False
    words = _WORD.findall(sample)
    inner = sum(1 for m in _INNER_CAPITAL.finditer(sample) if m.group(1) != "I")
    return inner <= _INNER_CAPITAL_SHARE * len(words)
