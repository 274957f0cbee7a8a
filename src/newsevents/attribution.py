"""Attribution: whom a report credits for the facts it gives (an event's `claimed_by`).

Two readings are combined. The extractor names the speaker of a reporting verb whose
clause tells the event ("Damascus said rebels shelled Aleppo"); this module adds the
named sources the sentence credits in an attribution frame ("according to SANA", "the
Syrian Observatory said", "SOHR, a Britain-based monitor, reported") from the cue file
`data/attribution.yaml`, and maps both onto one canonical name per source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsevents.data_files import package_data, read_yaml_mapping
from newsevents.errors import DataFileError
from newsevents.records import ResolvedMention

# Names this short are abbreviations (UN, AP, WHO, SDF): matched with their exact case,
# so that "who said" is not the World Health Organization.
_EXACT_CASE_MAX = 4
# At most this many words stand between a name and its verb outside an apposition
# ("SOHR also said", "the Observatory has reported").
_LOOSE_GAP_WORDS = 2


@dataclass(frozen=True)
class AttributionCues:
    """Claimant names, the frames that make a name a source, and speakers that name nobody."""

    aliases: dict[str, str]  # lower-cased alias (or exact abbreviation) -> canonical name
    pattern: re.Pattern[str]  # any alias as a whole word
    before: re.Pattern[str]  # "according to" just before a name
    after: re.Pattern[str]  # "said" just after a name (and an optional apposition)
    generic: frozenset[str]


def _strings(raw: Any, key: str, path: Path) -> list[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"{path}: '{key}' must be a list of strings")
    return value


def load_cues(path: Path | None = None) -> AttributionCues:
    """Load and check an attribution cue file (the bundled one by default)."""
    source = path or package_data("attribution.yaml")
    raw = read_yaml_mapping(source)
    if not isinstance(raw.get("claimants"), dict):
        raise DataFileError(f"{source}: expected 'claimants: {{name: [alias, ...]}}'")
    aliases: dict[str, str] = {}
    for name, names in raw["claimants"].items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise DataFileError(f"{source}: claimant {name!r} must map to a list of names")
        for alias in [str(name), *names]:
            aliases[alias if len(alias) <= _EXACT_CASE_MAX else alias.lower()] = str(name)
    # Longest first, so that "Syrian Observatory for Human Rights" wins over "Syrian Observatory".
    ordered = sorted(aliases, key=lambda a: (-len(a), a))
    alternatives = "|".join(
        re.escape(a) if len(a) <= _EXACT_CASE_MAX else "(?i:" + re.escape(a) + ")" for a in ordered
    )
    words = "|".join(
        re.escape(v) for v in sorted(_strings(raw, "after", source), key=lambda v: -len(v))
    )
    gap = int(raw.get("max_gap_words", 8))
    before = "|".join(re.escape(v) for v in _strings(raw, "before", source))
    return AttributionCues(
        aliases=aliases,
        pattern=re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"),
        before=re.compile(rf"(?i)\b(?:{before})\s+(?:the\s+)?$"),
        after=re.compile(
            rf"(?i)^(?:,(?:\s*[^\s,.;]+){{1,{gap}}},|(?:\s+\w+){{0,{_LOOSE_GAP_WORDS}}})"
            rf"\s+(?:{words})\b"
        ),
        generic=frozenset(g.lower() for g in _strings(raw, "generic", source)),
    )


@lru_cache(maxsize=1)
def get_cues() -> AttributionCues:
    """The bundled cue file, loaded once per process."""
    return load_cues()


def canonical(alias: str, cues: AttributionCues) -> str | None:
    """The canonical claimant an alias stands for, if the cue file knows it."""
    text = alias.strip()
    return cues.aliases.get(text) or cues.aliases.get(text.lower())


def in_sentence(sentence: str, cues: AttributionCues) -> list[str]:
    """Canonical sources a sentence credits in an attribution frame, in reading order."""
    found: list[str] = []
    for match in cues.pattern.finditer(sentence):
        before = sentence[max(0, match.start() - 40) : match.start()]
        after = sentence[match.end() : match.end() + 160]
        if cues.before.search(before) or cues.after.match(after):
            name = canonical(match.group(0), cues)
            if name is not None and name not in found:
                found.append(name)
    return found


def speaker(text: str | None, cues: AttributionCues) -> str | None:
    """The extractor's speaker as a claimant: canonical when known, None when it names
    nobody ("he", "the sources"), else as written without a leading article."""
    if not text:
        return None
    words = " ".join(text.split()).strip(" ,;:")
    if words.lower() in cues.generic:
        return None
    known = canonical(words, cues) or canonical(re.sub(r"(?i)^the\s+", "", words), cues)
    if known is not None:
        return known
    inside = in_sentence(words + " said", cues)
    return inside[0] if inside else words


@lru_cache(maxsize=65536)
def _credited(sentence: str) -> tuple[str, ...]:
    # An event is rebuilt each time a report joins it: its sentences are read once.
    return tuple(in_sentence(sentence, get_cues()))


def claimants(
    mentions: Iterable[ResolvedMention], cues: AttributionCues | None = None
) -> list[str]:
    """Every source the mentions' sentences credit, once each, in the mentions' order."""
    given = cues
    cues = cues or get_cues()
    out: list[str] = []
    for m in mentions:
        sentence = m.source.sentence
        credited = _credited(sentence) if given is None else in_sentence(sentence, cues)
        for name in [speaker(m.mention.claimed_by, cues), *credited]:
            if name is not None and name not in out:
                out.append(name)
    return out
