"""Notes: one ACLED-style sentence per event, rendered from its fields.

"On 23 March 2019, the Syrian Democratic Forces took control of al-Baghuz Fawqani
(Deir ez-Zor, Syria) from the Islamic State. 3 fatalities reported." The phrasing per
sub-event type, the date openings and how actor names read are data (data/notes.yaml).
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsevents.data_files import as_data_errors, package_data, read_yaml_mapping
from newsevents.errors import DataFileError
from newsevents.records import Event

_SLOTS = frozenset({"actor1", "actor2", "place", "in_place", "weapon"})
_GENERIC_PLURAL = re.compile(r"^[A-Z][a-z]+(?:s|men)$")


@dataclass(frozen=True)
class Phrasing:
    """The contents of data/notes.yaml."""

    templates: dict[str, tuple[str, ...]]
    default: tuple[str, ...]
    when: dict[str, str]
    tolls: dict[str, str]
    modality: dict[str, str]
    background: str
    common_nouns: dict[str, str]
    no_article: frozenset[str]
    proper_plurals: frozenset[str]
    crowd_first: frozenset[str]
    crowd_kinds: frozenset[str]


def _slots(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@lru_cache(maxsize=2)
def load_phrasing(path: Path | None = None) -> Phrasing:
    """Load and check the note templates (the bundled data/notes.yaml by default)."""
    src = path or package_data("notes.yaml")
    raw = read_yaml_mapping(src)
    with as_data_errors(src, "note templates"):
        phrasing = Phrasing(
            templates={str(k): tuple(map(str, v)) for k, v in raw["templates"].items()},
            default=tuple(map(str, raw["default"])),
            when={str(k): str(v) for k, v in raw["when"].items()},
            tolls={str(k): str(v) for k, v in raw["tolls"].items()},
            modality={str(k): str(v) for k, v in raw["modality"].items()},
            background=str(raw["background"]),
            common_nouns={str(k): str(v) for k, v in raw["common_nouns"].items()},
            no_article=frozenset(map(str, raw["no_article"])),
            proper_plurals=frozenset(map(str, raw.get("proper_plurals", []))),
            crowd_first=frozenset(map(str, raw.get("crowd_first", []))),
            crowd_kinds=frozenset(map(str, raw.get("crowd_kinds", []))),
        )
    for sub, options in [*phrasing.templates.items(), ("default", phrasing.default)]:
        for template in options:
            unknown = _slots(template) - _SLOTS
            if unknown:
                raise DataFileError(
                    f"{src}: template {template!r} of {sub!r} uses unknown slots "
                    f"{sorted(unknown)}; use {sorted(_SLOTS)}"
                )
    return phrasing


def actor_phrase(name: str, phrasing: Phrasing) -> str:
    """How an actor's canonical name reads inside a sentence ("the Islamic State", "gunmen")."""
    if name in phrasing.common_nouns:
        return phrasing.common_nouns[name]
    if _GENERIC_PLURAL.match(name) and name not in phrasing.proper_plurals:
        return name.lower()  # a generic group not in the dictionary ("Militiamen")
    if name in phrasing.no_article or name.lower().startswith(("al-", "the ")):
        return name
    if name in phrasing.proper_plurals or name[:1].isupper():
        return f"the {name}"
    return name


def place_phrase(event: Event) -> str | None:
    """The event's place as ACLED writes it: "Kafr Nobol (Idlib, Syria)"."""
    if not event.location:
        return None
    within = [p for p in (event.admin1, event.country) if p and p != event.location]
    within = list(dict.fromkeys(within))
    return f"{event.location} ({', '.join(within)})" if within else event.location


def when_phrase(event: Event, phrasing: Phrasing) -> str:
    """The note's opening: "On 23 March 2019", "In March 2019", "On an unknown date"."""
    if not event.event_date:
        return phrasing.when["unknown"]
    d = dt.date.fromisoformat(event.event_date)
    template = phrasing.when.get(event.date_precision, phrasing.when["unknown"])
    return template.format(day=d.day, month=f"{d:%B}", year=d.year)


def _clause(event: Event, phrasing: Phrasing) -> str:
    place = place_phrase(event)
    first, second = event.actor1, event.actor2
    if (
        event.sub_event_type in phrasing.crowd_first
        and event.actor2_kind in phrasing.crowd_kinds
        and event.actor1_kind not in phrasing.crowd_kinds
    ):
        first, second = second, first  # "protesters demonstrated ...; the police intervened"
    values: Mapping[str, str | None] = {
        "actor1": actor_phrase(first, phrasing) if first else None,
        "actor2": actor_phrase(second, phrasing) if second else None,
        "place": place,
        "in_place": f" in {place}" if place else "",
        "weapon": (event.arguments.get("weapon") or (None,))[0],
    }
    options = phrasing.templates.get(event.sub_event_type, phrasing.default)
    for template in options:
        if all(values.get(slot) is not None for slot in _slots(template)):
            return template.format(**{k: v for k, v in values.items() if v is not None})
    return f"an event of type {event.sub_event_type.lower()} was reported"


def _tolls(event: Event, phrasing: Phrasing) -> list[str]:
    out: list[str] = []
    n = event.fatalities
    if n is not None:
        key = "no_fatalities" if n == 0 else "fatality" if n == 1 else "fatalities"
        out.append(phrasing.tolls[key].format(n=n))
    if event.injured:
        out.append(phrasing.tolls["injured"].format(n=event.injured))
    if any(c.startswith(("fatalities", "injured")) for c in event.conflicts):
        out.append(phrasing.tolls["conflict"])
    return out


def render(event: Event, phrasing: Phrasing | None = None) -> str:
    """The event's ACLED-style note: when, who did what to whom where, the toll, and how the
    report holds it (claimed, denied, threatened, planned, recalled)."""
    p = phrasing or load_phrasing()
    sentences = [f"{when_phrase(event, p)}, {_clause(event, p)}."]
    sentences += _tolls(event, p)
    if event.modality != "asserted" and event.modality in p.modality:
        by = f" by {event.claimed_by[0]}" if event.claimed_by else ""
        sentences.append(p.modality[event.modality].format(by=by))
    if event.status == "background":
        sentences.append(p.background)
    return " ".join(sentences)
