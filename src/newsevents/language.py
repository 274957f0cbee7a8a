"""Language identification for ingest: a cheap English test first, langdetect only otherwise.

Most input is English, and langdetect costs milliseconds per text plus a one-off profile
load, so English texts are recognised by their share of English function words and
langdetect is only asked to name the language of texts that fail that test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

# Share of word tokens that must be English function words. English news prose runs at
# 25-50% and terse wire copy (FA-KES) down to 13%; French or German text stays near 0.
_ENGLISH_SHARE = 0.12
# A text this short (in word tokens) gives the share test too little to go on.
_MIN_TOKENS = 8
# langdetect must be at least this sure before a text is called non-English; below it the
# text is kept, since wrongly skipping an English article loses data silently.
_MIN_CONFIDENCE = 0.80
# Only the start of a long text is looked at: a few hundred words decide the language.
_SAMPLE_CHARS = 3000

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class LanguageGuess:
    """The language of a text: an ISO 639-1 code (or "unknown") and whether it counts as English."""

    code: str
    english: bool


@lru_cache(maxsize=1)
def english_stopwords() -> frozenset[str]:
    """The English function words of `data/english_stopwords.txt`, loaded once."""
    text = resources.files("newsevents").joinpath("data/english_stopwords.txt").read_text("utf-8")
    words = (line.strip() for line in text.splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


def english_share(text: str) -> tuple[float, int]:
    """Share of word tokens in `text` that are English function words, and the token count."""
    tokens = _WORD.findall(text[:_SAMPLE_CHARS].lower())
    if not tokens:
        return 0.0, 0
    stop = english_stopwords()
    hits = sum(1 for t in tokens if t in stop)
    return hits / len(tokens), len(tokens)


def guess_language(text: str) -> LanguageGuess:
    """Guess the language of `text`; English texts never reach langdetect."""
    share, n_tokens = english_share(text)
    if n_tokens < _MIN_TOKENS:
        # A headline-length text fools langdetect ("Bomb kills 5 in Aleppo market" comes out
        # Swedish): too little to judge, so it is kept.
        return LanguageGuess("unknown", True)
    if share >= _ENGLISH_SHARE:
        return LanguageGuess("en", True)
    code, probability = _langdetect(text[:_SAMPLE_CHARS])
    if code == "en":
        return LanguageGuess("en", True)
    if code == "unknown" or probability < _MIN_CONFIDENCE:
        # Too little evidence either way (lists of names, mixed languages): keep it.
        return LanguageGuess(code, True)
    return LanguageGuess(code, False)


def _langdetect(text: str) -> tuple[str, float]:
    """Top language and its probability from langdetect, ("unknown", 0.0) when it has no idea."""
    detect_langs, no_features_error = _detector()
    try:
        ranked: list[Any] = detect_langs(text)
    except no_features_error:
        # Raised for text without letters langdetect knows (digits, punctuation, emoji).
        return "unknown", 0.0
    if not ranked:
        return "unknown", 0.0
    best = ranked[0]
    return str(best.lang), float(best.prob)


@lru_cache(maxsize=1)
def _detector() -> tuple[Any, type[Exception]]:
    """Import langdetect lazily (its profiles take a moment to load) and make it deterministic."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    # langdetect samples randomly; a fixed seed makes the same text get the same answer.
    DetectorFactory.seed = 0
    return detect_langs, LangDetectException
