"""The fullest form of a name an article gives: a role filler written as part of a
person's name ("Jaramillo Ossa", "Rodriguez Gacha") is written out with the name words
the article writes around it elsewhere ("Bernardo Jaramillo Ossa", "Gonzalo Rodriguez
Gacha"), when it writes one such fuller name only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from newsevents.language import english_stopwords
from newsevents.resolve.english_words import is_english_word
from newsevents.title_case import headline_cased, recase_words
from newsevents.tokenview import TokenView

# A person's name has at most this many words ("Maria Elena Diaz Perez"); longer runs of
# proper nouns are titles, lists or headlines.
_MAX_NAME_WORDS = 4

# A run of proper nouns: its lower-cased words and each word as written.
Name = tuple[tuple[str, ...], tuple[str, ...]]


# Two or more capitalised words in a row, in text with case.
_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)+\b")


def article_names(views: Iterable[TokenView], text: str | None = None) -> list[Name]:
    """The runs of two to six proper nouns (letters only) of an article's parsed
    sentences, and, given the article's `text` when it has case, its runs of capitalised
    words (a name in a sentence that was not parsed: "Presidential candidate Bernardo
    Jaramillo Ossa arrived"); sentences in title case are left out (every word of a
    headline may be read as a name)."""
    names: dict[tuple[str, ...], tuple[str, ...]] = {}
    if text is not None:
        for line in text.splitlines():
            if headline_cased(line):
                continue
            for m in _CAPITALISED_RUN.finditer(line):
                written = tuple(m.group().split())
                if len(written) <= _MAX_NAME_WORDS + 2:
                    names.setdefault(tuple(w.lower() for w in written), written)
    for view in views:
        if headline_cased(view.string):
            continue
        n = len(view)
        i = 0
        while i < n:
            j = i
            while j < n and view.pos[j] == "PROPN" and view.is_alpha[j]:
                j += 1
            if 2 <= j - i <= _MAX_NAME_WORDS + 2:
                names.setdefault(view.lower[i:j], view.text[i:j])
            i = max(j, i + 1)
    return list(names.items())


@dataclass(frozen=True)
class NameRules:
    """What a word of a person's name must be in one article: `cased` when the article
    has case (each word then written with a capital, not in capitals: "ISIL" is no
    name's word); `is_place` tells a filler that is a place name ("Arbin" of "Misraba
    Ayn Tarma Arbin", a list of places), which is no person's."""

    cased: bool
    is_place: Callable[[str], bool]

    def name_word(self, lower: str, written: str) -> bool:
        """Neither a title ("President", "Father") nor an English word ("Jesuit",
        "State", "journalist", "The"), and written as a name's word."""
        if (
            lower in recase_words().person_titles
            or lower in english_stopwords()
            or is_english_word(lower)
        ):
            return False
        return not self.cased or (written[:1].isupper() and not written.isupper())


def _written_around(words: tuple[str, ...], name: Name, rules: NameRules) -> tuple[str, ...] | None:
    """The filler's words with the name words written next to them in one run, as
    written there; None when the run does not hold them as name words or adds nothing."""
    lower, written = name
    k = len(words)
    for s in range(len(lower) - k + 1):
        if lower[s : s + k] != words:
            continue
        if not all(rules.name_word(lower[i], written[i]) for i in range(s, s + k)):
            return None
        a, b = s, s + k
        while a > 0 and rules.name_word(lower[a - 1], written[a - 1]):
            a -= 1
        while b < len(lower) and rules.name_word(lower[b], written[b]):
            b += 1
        if (a, b) != (s, s + k) and b - a <= _MAX_NAME_WORDS:
            return written[a:b]
    return None


def fullest(surface: str, names: Sequence[Name], rules: NameRules) -> str | None:
    """The fuller name the article writes for `surface`, or None when it writes none or
    two that disagree ("Gaviria" in both "Cesar Gaviria Trujillo" and "Pablo Escobar
    Gaviria")."""
    words = tuple(surface.lower().split())
    if not words or not all(w.isalpha() for w in words) or rules.is_place(surface):
        return None
    found = {f for name in names if (f := _written_around(words, name, rules)) is not None}
    if not found:
        return None
    longest = max(found, key=lambda f: (len(f), f))
    lower = tuple(w.lower() for w in longest)
    if not all(_holds(lower, tuple(w.lower() for w in f)) for f in found):
        return None
    return " ".join(longest)


def _holds(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    k = len(inner)
    return any(outer[s : s + k] == inner for s in range(len(outer) - k + 1))
