"""The event taxonomy and trigger lexicon, loaded and validated from data files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsevents.data_files import package_data, read_yaml_mapping
from newsevents.errors import DataFileError
from newsevents.regex_trie import trie_alternation

_FOLD_DIFFERS = frozenset("\u0130\u0131\u017f")


@dataclass(frozen=True)
class TriggerClass:
    """A group of trigger words with the event coding they suggest."""

    name: str
    event_type: str
    sub_event_type: str
    strong: bool
    means: bool
    lemmas: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    heads: frozenset[str] = frozenset()  # a noun trigger counts only under these verbs
    verbs_only: frozenset[str] = frozenset()  # lemmas that count only as verbs ("target")
    # A noun trigger counts only as the object of these verbs, and then its word is the
    # class's alone ("freed 12 hostages": a rescue, not a hostage-taking)
    object_of: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lexicon:
    """Taxonomy (types, sub-types, families, ranks) and trigger classes."""

    families: dict[str, str]  # event_type -> family
    ranks: dict[str, int]  # sub_event_type -> rank
    sub_types: dict[str, str]  # sub_event_type -> event_type
    classes: tuple[TriggerClass, ...]
    by_lemma: dict[str, tuple[TriggerClass, ...]]
    by_first_word: dict[str, tuple[tuple[tuple[str, ...], TriggerClass], ...]]
    prefilter: re.Pattern[str]
    # The same alternation without IGNORECASE, run on lower-cased text: four times faster.
    # None when a form is not ASCII (then only `prefilter` gives the exact answer).
    prefilter_lower: re.Pattern[str] | None = None
    # Phrasal verbs written apart ("drove IS out of Tabqa"), on lower-cased text.
    split_prefilter: re.Pattern[str] | None = None

    def family(self, event_type: str) -> str:
        """The merge family of an event type."""
        return self.families[event_type]

    def has_candidate(self, text: str) -> bool:
        """Cheap test: does the text contain any trigger word form at all?"""
        # Case-insensitive matching equals matching the lower-cased text except for three
        # letters (dotted and dotless I, long s) that fold onto ASCII letters differently.
        lower = text.lower()
        if self.split_prefilter is not None and self.split_prefilter.search(lower):
            return True
        if self.prefilter_lower is not None and not _FOLD_DIFFERS.intersection(text):
            return self.prefilter_lower.search(lower) is not None
        return self.prefilter.search(text) is not None


def _inflect(lemma: str) -> set[str]:
    """Regular English inflections of a verb or noun lemma, for the pre-filter only."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing", lemma + "d"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma + "d"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _require(entry: dict[str, Any], key: str, where: str) -> Any:
    if key not in entry:
        raise DataFileError(f"{where}: missing key '{key}'; add it (see the file's header)")
    return entry[key]


def load_lexicon(taxonomy: Path | None = None, triggers: Path | None = None) -> Lexicon:
    """Load and validate the taxonomy and trigger files (bundled ones by default)."""
    tax_path = taxonomy or package_data("taxonomy.yaml")
    trig_path = triggers or package_data("triggers.yaml")
    tax = read_yaml_mapping(tax_path)
    trig = read_yaml_mapping(trig_path)
    families: dict[str, str] = {}
    ranks: dict[str, int] = {}
    sub_types: dict[str, str] = {}
    for etype, spec in _require(tax, "event_types", str(tax_path)).items():
        families[etype] = _require(spec, "family", f"{tax_path}: {etype}")
        for sub, sub_spec in _require(spec, "sub_event_types", f"{tax_path}: {etype}").items():
            sub_types[sub] = etype
            ranks[sub] = int((sub_spec or {}).get("rank", 0))
    classes: list[TriggerClass] = []
    forms: set[str] = set()
    by_lemma: dict[str, list[TriggerClass]] = {}
    for name, spec in _require(trig, "classes", str(trig_path)).items():
        where = f"{trig_path}: class {name}"
        sub = _require(spec, "sub_event_type", where)
        etype = _require(spec, "event_type", where)
        if sub_types.get(sub) != etype:
            raise DataFileError(
                f"{where}: sub_event_type '{sub}' is not a sub-type of '{etype}' in "
                f"{tax_path}; use one of {sorted(k for k, v in sub_types.items() if v == etype)}"
            )
        verbs_only = frozenset(str(x).lower() for x in spec.get("verb_lemmas", []))
        lemmas = frozenset(str(x).lower() for x in spec.get("lemmas", [])) | verbs_only
        phrases = tuple(tuple(str(p).lower().split()) for p in spec.get("phrases", []))
        if not lemmas and not phrases:
            raise DataFileError(
                f"{where}: give at least one of 'lemmas' or 'phrases' (or 'verb_lemmas')"
            )
        cls = TriggerClass(
            name=name,
            event_type=etype,
            sub_event_type=sub,
            strong=spec.get("strength", "strong") == "strong",
            means=bool(spec.get("means", False)),
            lemmas=lemmas,
            phrases=phrases,
            heads=frozenset(str(h).lower() for h in spec.get("heads", [])),
            verbs_only=verbs_only,
            object_of=frozenset(str(v).lower() for v in spec.get("object_of", [])),
        )
        classes.append(cls)
        for lemma in lemmas:
            by_lemma.setdefault(lemma, []).append(cls)
            forms |= _inflect(lemma)
        for phrase in phrases:
            # Either end of a phrase may be the inflected word: "suicide bombers", "chemical
            # weapons", "fighter jets" as well as "blew himself up".
            rest = " ".join(phrase[1:])
            forms |= {f"{first} {rest}".strip() for first in _inflect(phrase[0])}
            head = " ".join(phrase[:-1])
            forms |= {f"{head} {last}".strip() for last in _inflect(phrase[-1])}
        forms |= {str(f).lower() for f in spec.get("forms", [])}
    by_first: dict[str, list[tuple[tuple[str, ...], TriggerClass]]] = {}
    for cls in classes:
        for phrase in cls.phrases:
            by_first.setdefault(phrase[0], []).append((phrase, cls))
    # The forms as a trie: the same matches as their flat alternation, 25 times faster.
    bounded = rf"(?<![\w-]){trie_alternation(forms)}(?![\w])"
    split = [p for c in classes for p in c.phrases if len(p) == 2 and p[1] in _PARTICLES]
    verbs = {f for p in split for f in _inflect(p[0])}
    particles = {p[1] for p in split}
    split_prefilter = (
        re.compile(
            rf"(?<![\w-]){trie_alternation(verbs)}\s[^.!?;]{{1,60}}?\b"
            rf"{trie_alternation(particles)}(?![\w])"
        )
        if split
        else None
    )
    prefilter = re.compile(bounded, re.IGNORECASE)
    lower = re.compile(bounded) if all(f.isascii() for f in forms) else None
    return Lexicon(
        families=families,
        ranks=ranks,
        sub_types=sub_types,
        classes=tuple(classes),
        by_lemma={k: tuple(v) for k, v in by_lemma.items()},
        by_first_word={k: tuple(v) for k, v in by_first.items()},
        prefilter=prefilter,
        prefilter_lower=lower,
        split_prefilter=split_prefilter,
    )


# Particles of phrasal verbs, which English may write apart from their verb ("drove the
# group out", "shot the plane down"): grammar, not a word list to extend.
_PARTICLES = frozenset({"out", "down", "up", "over", "off"})


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    """The bundled lexicon, loaded once per process."""
    return load_lexicon()
