"""Transliteration keys: one key for the many Latin spellings of an Arabic, Kurdish or
Persian place name ("Menbej" and "Manbij", "Khan Shekhon" and "Khan Shaykhun").

The rules live in data/translit.yaml. Two keys per name, both worked out from its
`name_key`:
- `strict_key`: every vowel (and a y or w beside one) is one vowel sign, so
  "Sweida" ~ "Suwayda" and "Tedef" ~ "Tadif", but "Tedef" is not "Tadaf" ... nor "Taft";
- `loose_key`: the consonants alone with a mark for a leading vowel, for vowels written
  or left out ("Kafar Jalis" ~ "Kafr Jalis", "Hirbnafsah" ~ "Harbinafsah"); it needs
  more consonants to count.
The place index keeps both keys for the places of the countries listed in the file; the
resolver asks for them only when no exact or article-less name matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsevents.data_files import package_data, read_yaml_mapping
from newsevents.errors import DataFileError

_VOWEL = "a"  # the one vowel sign of a key
_LEADING_VOWEL = "_"  # a loose key's mark for a name that starts with a vowel
LOOSE_MIN_CONSONANTS = 4  # "kfrjls" is a name; "tdf" is many


def translit_path() -> Path:
    """The bundled translit.yaml."""
    return package_data("translit.yaml")


@dataclass(frozen=True)
class TranslitRules:
    """The rules of translit.yaml, compiled."""

    countries: frozenset[str]  # iso3 codes whose place names get keys
    glued_articles: tuple[str, ...]
    sun_letters: frozenset[str]
    glued_min_rest: int
    digraphs: dict[str, str]
    letters: dict[int, str]  # a str.translate table: letters and vowels rewritten
    semivowels: str
    min_consonants: int
    finder_min_similarity: float  # see translit.yaml
    finder_min_population: int
    not_names: frozenset[str]  # words that on their own name no place
    # words that open an Arabic place name: with another word after them, no English
    name_heads: frozenset[str]
    digraph_re: re.Pattern[str] | None  # the digraphs, longest first
    semi_re: re.Pattern[str]  # a y or w beside a vowel

    def rewrite(self, word: str) -> str:
        """One word with its digraphs and letters rewritten and vowels as one sign."""
        if self.digraph_re is not None:
            word = self.digraph_re.sub(lambda m: self.digraphs[m.group(0)], word)
        word = word.translate(self.letters)
        return self.semi_re.sub(_VOWEL, word)


def _str_list(data: Any, where: str, path: Path) -> list[str]:
    if not isinstance(data, list) or not all(isinstance(x, str) for x in data):
        raise DataFileError(f"{path}: {where} must be a list of strings")
    return data


def read_translit(path: Path) -> TranslitRules:
    """Read and validate a translit.yaml file; raise DataFileError naming the problem."""
    data = read_yaml_mapping(path)
    digraphs = data.get("digraphs") or {}
    letters = data.get("letters") or {}
    for where, table in (("digraphs", digraphs), ("letters", letters)):
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and k.isalpha() for k, v in table.items()
        ):
            raise DataFileError(f"{path}: {where} must map letters to letters")
    if any(len(k) != 1 or len(v) != 1 for k, v in letters.items()):
        raise DataFileError(f"{path}: letters must map one letter to one letter")
    vowels = _str_list(data.get("vowels"), "vowels", path)
    semivowels = _str_list(data.get("semivowels"), "semivowels", path)
    table = {ord(k): v for k, v in letters.items()}
    longest = sorted(digraphs, key=len, reverse=True)
    semi = re.escape("".join(semivowels))
    table.update({ord(v): _VOWEL for v in vowels})
    try:
        min_consonants = int(data.get("min_consonants", 3))
        min_rest = int(data.get("glued_min_rest", 4))
        similarity = float(data.get("finder_min_similarity", 0.6))
        min_population = int(data.get("finder_min_population", 10_000))
    except (TypeError, ValueError) as exc:
        raise DataFileError(
            f"{path}: min_consonants, glued_min_rest, finder_min_similarity and"
            " finder_min_population must be numbers"
        ) from exc
    countries = _str_list(data.get("countries"), "countries", path)
    if any(len(c) != 3 or not c.isupper() for c in countries):
        raise DataFileError(f"{path}: countries must be ISO 3166-1 alpha-3 codes (SYR)")
    return TranslitRules(
        countries=frozenset(countries),
        glued_articles=tuple(_str_list(data.get("glued_articles", []), "glued_articles", path)),
        sun_letters=frozenset(_str_list(data.get("sun_letters", []), "sun_letters", path)),
        glued_min_rest=min_rest,
        digraphs={k: v for k, v in digraphs.items()},
        letters=table,
        semivowels="".join(semivowels),
        min_consonants=min_consonants,
        finder_min_similarity=similarity,
        finder_min_population=min_population,
        not_names=frozenset(_str_list(data.get("not_names", []), "not_names", path)),
        name_heads=frozenset(_str_list(data.get("name_heads", []), "name_heads", path)),
        digraph_re=re.compile("|".join(map(re.escape, longest))) if longest else None,
        # Runs count as one: "uwa" in "Suwayda" is one vowel.
        semi_re=re.compile(f"(?<={_VOWEL})[{semi}]+|[{semi}]+(?={_VOWEL})"),
    )


@lru_cache(maxsize=1)
def default_rules() -> TranslitRules:
    """The bundled rules, read once."""
    return read_translit(translit_path())


def _unglue(word: str, rules: TranslitRules) -> str:
    """A word without an article written onto it: "alraqqa" -> "raqqa", "ezzor" -> "zor"."""
    if len(word) - 2 >= rules.glued_min_rest:
        for article in rules.glued_articles:
            if word.startswith(article) and word[len(article)] not in "aeiouyw":
                return word[len(article) :]
    if (
        len(word) - 1 >= rules.glued_min_rest
        and word[0] in "aeiou"
        and word[1] == word[2]
        and word[1] in rules.sun_letters
    ):
        return word[2:]
    return word


def _word(word: str, rules: TranslitRules) -> str:
    word = _unglue(word, rules)
    lead = ""
    if len(word) > 1 and word[0] in rules.semivowels and word[1] in "aeiou":
        lead, word = word[0], word[1:]  # "Yabrud", "Wadi": a consonant here
    word = lead + rules.rewrite(word)
    word = _REPEATS.sub(r"\1", word)
    # The ta marbuta: "Raqqah" ~ "Raqqa", "Jableh" ~ "Jabla".
    return word[:-1] if len(word) > 2 and word.endswith(_VOWEL + "h") else word


_REPEATS = re.compile(r"(.)\1+")


def strict_key(key: str, articles: frozenset[str], rules: TranslitRules | None = None) -> str:
    """The transliteration key of a name key, or "" when it has too few consonants:
    'khan shekhon' and 'khan shaykhun' both give 'kansakan'."""
    rules = rules or default_rules()
    words = key.split()
    kept = [w for w in words if w not in articles] or words
    text = _REPEATS.sub(r"\1", "".join(_word(w, rules) for w in kept))
    consonants = len(text) - text.count(_VOWEL)
    return text if consonants >= rules.min_consonants else ""


def similarity(a: str, b: str) -> float:
    """How alike two name keys are spelt (difflib's ratio, 0 to 1), spaces ignored:
    twice the characters of the matching blocks over both lengths."""
    a, b = a.replace(" ", ""), b.replace(" ", "")
    length = len(a) + len(b)
    return 2.0 * _matched(a, b) / length if length else 1.0


def _matched(a: str, b: str) -> int:
    """The characters in the matching blocks of difflib's SequenceMatcher(None, a, b,
    autojunk=False): the longest common run (of the longest, the first in `a`, then in
    `b`), then the same on either side of it. Worked out here without the matcher's
    set-up, which cost more than the matching on names this short (a third of the time
    of resolving a transliteration's candidates)."""
    where: dict[str, list[int]] = {}
    for j, c in enumerate(b):
        where.setdefault(c, []).append(j)
    total = 0
    spans = [(0, len(a), 0, len(b))]
    while spans:
        alo, ahi, blo, bhi = spans.pop()
        besti = bestj = size = 0
        run: dict[int, int] = {}  # j -> length of the common run ending at a[i - 1], b[j]
        for i in range(alo, ahi):
            ends: dict[int, int] = {}
            for j in where.get(a[i], ()):
                if j < blo:
                    continue
                if j >= bhi:
                    break
                k = ends[j] = run.get(j - 1, 0) + 1
                if k > size:
                    besti, bestj, size = i - k + 1, j - k + 1, k
            run = ends
        if size:
            total += size
            if alo < besti and blo < bestj:
                spans.append((alo, besti, blo, bestj))
            if besti + size < ahi and bestj + size < bhi:
                spans.append((besti + size, ahi, bestj + size, bhi))
    return total


def loose_key(strict: str) -> str:
    """The consonants of a strict key, with a mark for a leading vowel, or "" when fewer
    than LOOSE_MIN_CONSONANTS: 'kafarjalis' and 'kafrjalis' both give 'kfrjls'."""
    consonants = strict.replace(_VOWEL, "")
    if len(consonants) < LOOSE_MIN_CONSONANTS:
        return ""
    lead = _LEADING_VOWEL if strict.startswith(_VOWEL) else ""
    return lead + _REPEATS.sub(r"\1", consonants)
