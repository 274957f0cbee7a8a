"""Recase: give caseless text (all lower case, or all capitals as in old wire copy) the
capitals that the parser and the name matchers rely on.

Only the case of letters changes, so every offset stays an offset into the stored text.
Sentence starts get a capital; a word or run of up to three words that the gazetteer
knows as a place is title-cased; a short word that is an actor's acronym (FMLN, SDF) is
upper-cased; an actor's full name is title-cased.

`parse_copy` makes the copy of one sentence that analyse parses when its case misleads
the tagger (a title-case headline, "IS" read as the verb "is"); the stored text stays as
it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from newsevents.language import english_stopwords
from newsevents.records import CleanArticle, Place
from newsevents.resolve.actors import ActorDictionary
from newsevents.resolve.english_words import is_english_word
from newsevents.title_case import caseless, headline_cased, is_title, recase_words

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)([a-z])")
_SMALL = frozenset({"of", "the", "and", "for", "de", "del", "la", "el", "al", "in", "y"})
_MAX_WORDS = 3
_ACRONYM_MAX = 6
# A one-word place that is also an English word keeps its capital in a title-case copy
# when it is a country or a city of at least this many people ("Aleppo", "Damascus").
_MAJOR_PLACE = 200_000


def _no_place(name: str) -> Place | None:
    return None


@dataclass(frozen=True)
class Recaser:
    """What recasing consults: the gazetteer's place test and the actor dictionary, and
    (for title-case headlines) its resolver, which tells "Aleppo" (a city of millions that
    is also an English word) from "Countryside" (a town of 10,000)."""

    is_place: Callable[[str], bool]
    actors: ActorDictionary
    resolve_place: Callable[[str], Place | None] = _no_place

    def parse_text(self, text: str) -> str:
        """The copy of a sentence the parser should read (see parse_copy)."""
        return parse_copy(text, self)


@dataclass(frozen=True)
class _CopyWords:
    stand_ins: dict[str, str]
    function_words: frozenset[str]
    stand_in: re.Pattern[str]
    generic_places: frozenset[str]


@lru_cache(maxsize=1)
def _copy_words() -> _CopyWords:
    """The word lists of data/recase.yaml, with the stand-ins as one pattern."""
    words = recase_words()
    names = "|".join(re.escape(w) for w in sorted(words.stand_ins, key=len, reverse=True))
    return _CopyWords(
        stand_ins=words.stand_ins,
        function_words=words.function_words,
        stand_in=re.compile(rf"(?<![\w-])(?:{names})(?![\w-])"),
        generic_places=words.generic_places,
    )


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
    lists = _copy_words()
    i = 0
    while i < len(words):
        done = False
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + n - 1].end()
            span = lowered[start:end]
            if span in _SMALL:
                continue
            titled = " ".join(_title(w) for w in span.split(" "))
            if len(titled) != end - start or not recaser.is_place(titled):
                continue
            # One word with small ones ("the street" is the gazetteer's "Street" too).
            content = [k for k in range(i, i + n) if words[k].group() not in _SMALL]
            if (
                len(content) == 1
                and _common(words[content[0]].group(), lists)
                and not _meant_as_name(lowered, words, content[0], recaser)
            ):
                continue
            if len(content) > 1 and not _name_of_words(lowered, words, i, n, recaser):
                continue
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


def _joined(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Are two words next to each other with only a space between ("diaz perez")?"""
    return text[left.end() : right.start()] == " "


def _meant_as_name(text: str, words: Sequence[re.Match[str]], i: int, recaser: Recaser) -> bool:
    """Is words[i], an English word the gazetteer also knows as a place ("run", "plate",
    "vargas"), a name here: a place the words around it call one ("the town of X", "X
    province", "in X, <place>"), a person's name (after a title, or beside another name:
    "colonel isaacs", "christopher anderson"), or a country or big city in a name's
    position? Not after a determiner ("the plate") nor as a verb ("able to run")."""
    lists = recase_words()
    word = words[i].group()
    before = words[i - 1].group() if i > 0 and _joined(text, words[i - 1], words[i]) else ""
    after = words[i + 1] if i + 1 < len(words) else None
    place = recaser.resolve_place(_title(word))
    major = place is not None and _major(place)
    if before in lists.determiners or (before in lists.verb_markers and not major):
        return place is not None and place.feature == "country"
    if word in english_stopwords() or word in lists.function_words:
        return False  # "are" (Are, Sweden), "near": never a name on their own
    if i >= 2 and before == "of" and words[i - 2].group() in lists.place_kinds:
        return True  # "the town of light"
    if after is not None and _joined(text, words[i], after):
        if after.group() in lists.place_kinds:
            return True  # "vargas department"
    elif (
        after is not None
        and text[words[i].end() : after.start()] == ", "
        and recaser.is_place(_title(after.group()))
        and not _common(after.group(), _copy_words())
    ):
        return True  # "tank, pakistan": a comma and a place that is no English word
    if before in lists.person_titles:
        return True  # "colonel isaacs", "judge diaz"
    if _beside_name(text, words, i, recaser):
        return True
    return major


def _name_of_words(
    text: str, words: Sequence[re.Match[str]], i: int, n: int, recaser: Recaser
) -> bool:
    """Is a run of n words from words[i] that the gazetteer knows a name? Not when it opens
    with a function word ("at nunoa", "as to"); when all its words are English words ("got
    rich", "same area"), only for a country or big city ("united states") or where a place
    is expected ("the town of", "... province")."""
    copy, lists = _copy_words(), recase_words()
    first = words[i].group()
    if first in english_stopwords() or first in copy.function_words:
        return False
    if not all(_common(words[k].group(), copy) for k in range(i, i + n)):
        return True
    span = text[words[i].start() : words[i + n - 1].end()]
    place = recaser.resolve_place(" ".join(_title(w) for w in span.split(" ")))
    if place is not None and _major(place):
        return True
    after = words[i + n].group() if i + n < len(words) else ""
    framed_before = (
        i >= 2 and words[i - 1].group() == "of" and words[i - 2].group() in lists.place_kinds
    )
    return framed_before or after in lists.place_kinds


def _beside_name(text: str, words: Sequence[re.Match[str]], i: int, recaser: Recaser) -> bool:
    """Is words[i] one part of a person's two-word name: next to (a space between, no
    determiner before the pair) another word the gazetteer knows, which is not a function
    word nor a kind of place ("christopher anderson", "diaz perez")?"""
    lists = recase_words()
    for j, k in ((i - 1, i), (i, i + 1)):
        if j < 0 or k >= len(words) or not _joined(text, words[j], words[k]):
            continue
        other = words[j if k == i else k].group()
        if (
            len(other) < 3
            or other in english_stopwords()
            or other in lists.function_words
            or other in lists.place_kinds
            or other in lists.generic_places
        ):
            continue
        opener = words[j - 1].group() if j > 0 and _joined(text, words[j - 1], words[j]) else ""
        if opener in lists.determiners or opener in lists.verb_markers:
            continue
        if recaser.is_place(_title(other)):
            return True
    return False


def recase(article: CleanArticle, recaser: Recaser) -> CleanArticle:
    """The cleaned article, recased when its text is caseless; unchanged otherwise."""
    if not caseless(article.text):
        return article
    return replace(article, text=recase_text(article.text, recaser))


def _capitals(text: str) -> bool:
    """A sentence written in capitals, where "IS" may well be the verb."""
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) > 0.5 * len(letters)


def _common(word: str, words: _CopyWords) -> bool:
    """Is a lower-case word a function word or an English word (not a name)?"""
    return word in words.function_words or word in english_stopwords() or is_english_word(word)


def _major(place: Place) -> bool:
    """A country, or a city of at least _MAJOR_PLACE people (not a region named "South")."""
    if place.feature == "country":
        return True
    return place.feature in ("city", "town", "village") and place.population >= _MAJOR_PLACE


def _protected(text: str, recaser: Recaser) -> set[int]:
    """Character positions of names a title-case copy keeps as written: dictionary actors
    (other than civilians), countries and big cities, and places of two or three words the
    gazetteer knows, unless they are made of common words only ("Southern Countryside") or
    hold a function word."""
    kept: set[int] = set()
    lists = _copy_words()
    for found in recaser.actors.find(text):
        if found.actor.kind != "Civilians":
            kept.update(range(found.start, found.end))
    words = list(_WORD.finditer(text))
    for i in range(len(words)):
        if is_title(words[i].group()):
            place = recaser.resolve_place(words[i].group())
            if place is not None and _major(place):
                kept.update(range(words[i].start(), words[i].end()))
        for n in range(min(_MAX_WORDS, len(words) - i), 1, -1):
            start, end = words[i].start(), words[i + n - 1].end()
            lowers = [w.group().lower() for w in words[i : i + n]]
            # "Countryside of Daraa" and "Capital Damascus" are the gazetteer's too: a
            # function word ends a name, a generic place word does not open one.
            if lowers[0] in lists.generic_places or any(w in lists.function_words for w in lowers):
                continue
            common = all(_common(w, lists) for w in lowers)
            if not common and recaser.is_place(text[start:end]):
                kept.update(range(start, end))
                break
    return kept


def parse_copy(text: str, recaser: Recaser) -> str:
    """The copy of a sentence the parser reads, of the same length, so that the parse's
    offsets are the sentence's: a stand-in for a group's capitals that read as a word
    ("IS" arrests); in a title-case headline, lower case for the English words that are
    not part of a known name. The sentence itself when nothing needs changing."""
    words = _copy_words()
    chars: list[str] | None = None
    if words.stand_in.search(text) is not None and not _capitals(text):
        chars = list(text)
        for found in words.stand_in.finditer(text):
            chars[found.start() : found.end()] = words.stand_ins[found.group()]
    if headline_cased(text):
        chars = chars if chars is not None else list(text)
        kept = _protected(text, recaser)
        for found in list(_WORD.finditer(text))[1:]:
            word = found.group()
            if found.start() in kept or not is_title(word) or not _common(word.lower(), words):
                continue
            chars[found.start() : found.end()] = word.lower()
    if chars is None:
        return text
    out = "".join(chars)
    assert len(out) == len(text)
    return out
