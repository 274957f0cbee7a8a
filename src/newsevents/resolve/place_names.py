"""Normalised keys of place names: diacritics folded, case and punctuation ignored,
Arabic articles dropped (`bare_key`) and a consonant skeleton for transliterations."""

from __future__ import annotations

import re
import unicodedata
from itertools import filterfalse

SKELETON_MIN_LENGTH = 4  # shorter skeletons ("kfr", "rms") match too many unrelated names

_FOLD = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "\u0131": "i",  # dotless i
        "þ": "th",
        "ð": "d",
        "ə": "e",
        "Ə": "E",
        "ħ": "h",
    }
)
# Apostrophes, quotes, primes and the ayn/hamza letters of Arabic transliteration.
_MARKS = "'\u2019\u2018`\u00b4\u02bf\u02be\u02bc\u02bb\u2032"
_DROP = str.maketrans("", "", _MARKS + ".")
_DROP_MARKS = str.maketrans("", "", _MARKS)
_NON_WORD = re.compile(r"[^0-9a-z]+")
_PLAIN = re.compile(r"[0-9A-Za-z]+(?: [0-9A-Za-z]+)*")  # keyed by lower-casing alone
_POSSESSIVE = re.compile(r"(?<=\w\w\w)['\u2019]s\b")  # not Ra's
_ASSIMILATED = re.compile(r"^[ae]([b-df-hj-np-tv-z])\1")
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("sh", "s"), ("ch", "k"), ("th", "t"), ("dh", "d"))
_SKELETON_MAP = str.maketrans({"q": "k", "c": "k", "j": "g", "p": "b"})
_VOWELS = re.compile(r"[aeiouyw]")
_REPEATS = re.compile(r"(.)\1+")


def fold(text: str) -> str:
    """Remove diacritics and fold special Latin letters: 'Ḩamāh' -> 'Hamah'."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def display_name(text: str) -> str:
    """A GeoNames name as shown: diacritics and the ayn/hamza marks of Arabic
    transliteration removed ('Ayn al Arab' for the name written with ayn marks)."""
    return fold(text).translate(_DROP_MARKS)


def name_key(text: str) -> str:
    """The lookup key of a name: folded, case-folded, a possessive 's, apostrophes and
    dots dropped, other punctuation as single spaces, a leading 'the' removed."""
    if _PLAIN.fullmatch(text):
        # Most names are plain ASCII words: the steps below would only lower-case them.
        key = text.lower()
        return key[4:] if key.startswith("the ") else key
    text = _POSSESSIVE.sub("", fold(text))
    key = _NON_WORD.sub(" ", text.casefold().translate(_DROP)).strip()
    return key[4:] if key.startswith("the ") else key


def bare_key(key: str, articles: frozenset[str]) -> str:
    """`key` without separate Arabic article words: 'deir al zour' -> 'deir zour'."""
    tokens = key.split()
    if len(tokens) < 2:
        return key
    # filterfalse, not a comprehension, which would make `articles` a cell allocated on
    # every call (for speed: every name's key is bared)
    kept = list(filterfalse(articles.__contains__, tokens[:-1]))
    kept.append(tokens[-1])
    return " ".join(kept)


def skeleton(key: str, articles: frozenset[str]) -> str:
    """A consonant skeleton for fuzzy matching of transliterations:
    'deir ezzor', 'dayr az zawr' and 'deir ez zor' all give 'drzr'."""
    tokens = [t for t in key.split() if t not in articles]
    # A sun-letter article is often glued on: "Ezzor", "Assuwayda", "Arraqqa".
    text = "".join(_ASSIMILATED.sub(r"\1", t) for t in tokens)
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    text = _VOWELS.sub("", text.translate(_SKELETON_MAP))
    text = _REPEATS.sub(r"\1", text)
    return text[:-1] if len(text) > 1 and text.endswith("h") else text


def _is_latin(text: str) -> bool:
    for c in text:
        o = ord(c)
        if not (o < 0x250 or 0x1E00 <= o <= 0x1EFF or 0x2B0 <= o <= 0x36F or c in _MARKS):
            return False
    return True


def usable_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name is kept: Latin script, written with a capital
    (GeoNames' all-lowercase entries are machine transliterations), no digits, and not
    a short all-capitals code (airport and other codes such as 'DEZ')."""
    if not 2 <= len(name) <= 60 or not _is_latin(name):
        return False
    if not any(c.isupper() for c in name) or any(c.isdigit() for c in name):
        return False
    return not (name.isupper() and len(name.replace(" ", "")) <= 4)


def is_abbreviation(name: str) -> bool:
    """An alias such as 'US', 'U.S.', 'DRC' or 'Tenn.' that only counts when written in
    capitals or with its dots, so that 'us' and 'Miss' are not places."""
    if " " in name:
        return False
    letters = name.replace(".", "")
    if not letters.isalpha():
        return False
    return (letters.isupper() and len(letters) <= 4) or ("." in name and len(letters) <= 5)
