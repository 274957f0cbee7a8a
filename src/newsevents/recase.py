"""Recase: give caseless text (all lower case, or all capitals as in old wire copy) the
capitals that the parser and the name matchers rely on.

Only the case of letters changes, so every offset stays an offset into the stored text.
Sentence starts get a capital; a word or run of up to three words that the gazetteer
knows as a place is title-cased; a short word that is an actor's acronym (FMLN, SDF) is
upper-cased; an actor's full name is title-cased.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from newsevents.language import english_stopwords
from newsevents.records import CleanArticle
from newsevents.resolve.actors import ActorDictionary

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)([a-z])")
_SMALL = frozenset({"of", "the", "and", "for", "de", "del", "la", "el", "al", "in", "y"})
_MAX_WORDS = 3
_ACRONYM_MAX = 6


@dataclass(frozen=True)
class Recaser:
    """What recasing consults: the gazetteer's place test and the actor dictionary."""

    is_place: Callable[[str], bool]
    actors: ActorDictionary


def caseless(text: str) -> bool:
    """True when a text has (almost) no case information: under 2 % capitals among its
    letters, or over 80 %."""
    letters = [c for c in text[:5000] if c.isalpha()]
    if len(letters) < 40:
        return False
    upper = sum(c.isupper() for c in letters) / len(letters)
    return upper < 0.02 or upper > 0.8


def _title(word: str) -> str:
    return word if word in _SMALL else word[:1].upper() + word[1:]


def recase_text(text: str, recaser: Recaser) -> str:
    """The same text with capitals restored (same length, same offsets)."""
    lowered = text.lower()
    chars = list(lowered)
    covered: set[int] = set()
    for found in recaser.actors.find(lowered):
        titled = " ".join(_title(w) for w in found.surface.split(" "))
        if len(titled) == found.end - found.start:
            chars[found.start : found.end] = titled
            covered.update(range(found.start, found.end))
    words = [w for w in _WORD.finditer(lowered) if w.start() not in covered]
    i = 0
    while i < len(words):
        done = False
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + n - 1].end()
            span = lowered[start:end]
            if span in _SMALL:
                continue
            titled = " ".join(_title(w) for w in span.split(" "))
            if len(titled) == end - start and recaser.is_place(titled):
                chars[start:end] = titled
                i += n
                done = True
                break
        if done:
            continue
        word = words[i].group()
        # A function word is never an acronym here: "is" would become IS (Islamic State).
        if (
            len(word) <= _ACRONYM_MAX
            and word not in english_stopwords()
            and recaser.actors.lookup(word.upper()) is not None
        ):
            chars[words[i].start() : words[i].end()] = word.upper()
        i += 1
    for opening in _SENTENCE_START.finditer(lowered):
        chars[opening.start(1)] = chars[opening.start(1)].upper()
    out = "".join(chars)
    assert len(out) == len(text)
    return out


def recase(article: CleanArticle, recaser: Recaser) -> CleanArticle:
    """The cleaned article, recased when its text is caseless; unchanged otherwise."""
    if not caseless(article.text):
        return article
    return replace(article, text=recase_text(article.text, recaser))
