"""Merge: mentions of one real event, in one article or many, become one Event.

Two mentions can be one event when they are of the same family (violence, demonstration,
strategic), of compatible sub-types, their actors do not contradict each other, their
dates fall within a window set by each date's precision, and their places lie within a
distance set by each place's precision. Inside one article a missing date or place is
no contradiction; across articles the place must be known. Existing events come from an
`EventIndex` the caller passes in (the store implements it; tests fake it in memory).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from newsevents.lexicon import Lexicon
from newsevents.records import Actor, Event, Place, Precision, ResolvedMention

_PRECISION_ORDER: dict[str, int] = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
# Sub-types that other outlets often report with a more specific word; they may join.
_GENERIC = {"Armed clash", "Attack"}
_DISTANCE_KM = {1: 25.0, 2: 50.0, 3: 150.0, 4: 10_000.0}


@dataclass(frozen=True)
class StoredEvent:
    """An existing event and (a sample of) the mentions it was built from; the sample is
    what compatibility is checked against, `EventIndex.mentions_of` gives them all."""

    event_id: str
    mentions: tuple[ResolvedMention, ...]


class EventIndex(Protocol):
    """Where merge looks up existing events near a new one."""

    def candidates(
        self, family: str, start: dt.date, end: dt.date, place: Place
    ) -> Sequence[StoredEvent]:
        """Existing events of a family with a mention dated within [start, end] and placed
        near `place` (within its precision's distance, or in its country)."""
        ...

    def mentions_of(self, event_id: str) -> tuple[ResolvedMention, ...]:
        """Every mention of an existing event."""
        ...


class MemoryIndex:
    """An in-memory EventIndex (for one-shot extraction and tests)."""

    def __init__(self, events: Iterable[StoredEvent] = ()) -> None:
        self.events = {e.event_id: e for e in events}

    def candidates(
        self, family: str, start: dt.date, end: dt.date, place: Place
    ) -> Sequence[StoredEvent]:
        """All stored events; compatibility is checked by merge itself."""
        return list(self.events.values())

    def mentions_of(self, event_id: str) -> tuple[ResolvedMention, ...]:
        """The stored event's mentions."""
        return self.events[event_id].mentions


@dataclass(frozen=True)
class MergeResult:
    """An event to write: its id, all its mentions, and ids it absorbed (now redirects)."""

    event_id: str
    mentions: tuple[ResolvedMention, ...]
    absorbed: tuple[str, ...] = ()


def date_window(m: ResolvedMention) -> tuple[dt.date, dt.date] | None:
    """The days a mention's date allows, padded by its precision's tolerance."""
    if m.date.date is None:
        return None
    start = dt.date.fromisoformat(m.date.date)
    end = dt.date.fromisoformat(m.date.date_end) if m.date.date_end else start
    pad = {"day": 1, "week": 7}.get(m.date.precision, 0)
    return start - dt.timedelta(days=pad), end + dt.timedelta(days=pad)


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places."""
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _places_compatible(a: Place | None, b: Place | None, same_article: bool) -> bool:
    if a is None or b is None:
        return same_article
    if a.iso3 and b.iso3 and a.iso3 != b.iso3:
        return False
    limit = max(_DISTANCE_KM[a.geo_precision], _DISTANCE_KM[b.geo_precision])
    if not same_article:
        limit = min(limit, 150.0) if min(a.geo_precision, b.geo_precision) <= 2 else limit
    return distance_km(a, b) <= limit


def _actors_compatible(a: ResolvedMention, b: ResolvedMention) -> bool:
    def name(x: Actor | None) -> str | None:
        return x.name if x is not None and x.known else None

    a1, a2, b1, b2 = name(a.actor1), name(a.actor2), name(b.actor1), name(b.actor2)
    straight = (a1 is None or b1 is None or a1 == b1) and (a2 is None or b2 is None or a2 == b2)
    swapped = (a1 is None or b2 is None or a1 == b2) and (a2 is None or b1 is None or a2 == b1)
    return straight or swapped


def _share_actor_or_type(a: ResolvedMention, b: ResolvedMention) -> bool:
    if a.mention.sub_event_type == b.mention.sub_event_type:
        return True
    names_a = {x.name for x in (a.actor1, a.actor2) if x is not None and x.known}
    names_b = {x.name for x in (b.actor1, b.actor2) if x is not None and x.known}
    return bool(names_a & names_b)


def compatible(a: ResolvedMention, b: ResolvedMention, lexicon: Lexicon) -> bool:
    """Can these two mentions report the same real event?"""
    ma, mb = a.mention, b.mention
    if lexicon.family(ma.event_type) != lexicon.family(mb.event_type) or ma.status != mb.status:
        return False
    if ma.sub_event_type != mb.sub_event_type and not (
        ma.sub_event_type in _GENERIC or mb.sub_event_type in _GENERIC
    ):
        # Within violence, a battle and a territory change of the same battle are one event.
        pair = {ma.event_type, mb.event_type}
        if not (pair == {"Battles"} and ma.sub_event_type != mb.sub_event_type):
            return False
    same_article = a.source.article_id == b.source.article_id
    if same_article and (a.place is None or b.place is None) and not _share_actor_or_type(a, b):
        # An unplaced mention joins a placed one only when something ties them: the same
        # sub-type or a named actor in common. Otherwise a vague sentence ("the war
        # killed 3000 this month") would glue unrelated events of one article together.
        return False
    wa, wb = date_window(a), date_window(b)
    if wa is not None and wb is not None:
        if wa[0] > wb[1] or wb[0] > wa[1]:
            return False
    elif not same_article:
        return False
    if not _places_compatible(a.place, b.place, same_article):
        return False
    return _actors_compatible(a, b)


def _sort_key(m: ResolvedMention) -> tuple[str, str, int]:
    return (m.source.published or "", m.source.article_id, m.source.char_start)


def cluster(mentions: Sequence[ResolvedMention], lexicon: Lexicon) -> list[list[ResolvedMention]]:
    """Group mentions into events: each joins the first group all of whose members it is
    compatible with, placed mentions first so that unplaced ones join a placed group."""
    ordered = sorted(mentions, key=lambda m: (m.place is None, m.date_from != "text", _sort_key(m)))
    groups: list[list[ResolvedMention]] = []
    for m in ordered:
        for group in groups:
            if all(compatible(m, other, lexicon) for other in group):
                group.append(m)
                break
        else:
            groups.append([m])
    return groups


def new_event_id(mentions: Sequence[ResolvedMention]) -> str:
    """A fresh id for an event, from its earliest mention's key."""
    first = min(mentions, key=_sort_key)
    key = f"{first.source.article_id}:{first.source.char_start}:{first.mention.event_type}"
    return "ev_" + hashlib.sha256(key.encode()).hexdigest()[:16]


def merge(
    mentions: Sequence[ResolvedMention], index: EventIndex, lexicon: Lexicon
) -> list[MergeResult]:
    """Cluster new mentions and join each cluster to an existing event when compatible."""
    results: dict[str, MergeResult] = {}
    for group in cluster(mentions, lexicon):
        family = lexicon.family(group[0].mention.event_type)
        windows = [w for w in (date_window(m) for m in group) if w is not None]
        placed = sorted(
            (m.place for m in group if m.place is not None), key=lambda p: p.geo_precision
        )
        matches: list[StoredEvent] = []
        if windows and placed:
            # Across articles an event needs a date and a place (see `compatible`).
            start = min(w[0] for w in windows)
            end = max(w[1] for w in windows)
            matches = [
                e
                for e in index.candidates(family, start, end, placed[0])
                if e.event_id not in results
                and all(compatible(m, old, lexicon) for m in group for old in e.mentions)
            ]
        matches += [
            StoredEvent(r.event_id, r.mentions)
            for r in results.values()
            if all(compatible(m, old, lexicon) for m in group for old in r.mentions)
        ]
        if not matches:
            eid = new_event_id(group)
            results[eid] = MergeResult(eid, tuple(group))
            continue
        keep = matches[0]
        previous = results.get(keep.event_id)
        combined = list(previous.mentions) if previous else list(index.mentions_of(keep.event_id))
        combined.extend(group)
        absorbed = previous.absorbed if previous else ()
        if len(matches) > 1:
            # The new reports tie two existing events together: they were one event.
            other = matches[1]
            gone = results.pop(other.event_id, None)
            combined.extend(gone.mentions if gone else index.mentions_of(other.event_id))
            absorbed = (*absorbed, other.event_id, *(gone.absorbed if gone else ()))
        results[keep.event_id] = MergeResult(keep.event_id, tuple(combined), absorbed)
    return list(results.values())


def _best_precision(mentions: Sequence[ResolvedMention]) -> ResolvedMention:
    return min(
        mentions,
        key=lambda m: (_PRECISION_ORDER[m.date.precision], m.date_from != "text", _sort_key(m)),
    )


def _majority_actor(actors: Iterable[Actor | None], exclude: str | None = None) -> Actor | None:
    named = [a for a in actors if a is not None and a.name != exclude]
    if not named:
        return None
    known = [a for a in named if a.known] or named
    counts = Counter(a.name for a in known)
    best = max(counts.items(), key=lambda kv: (kv[1], -[a.name for a in known].index(kv[0])))[0]
    return next(a for a in known if a.name == best)


def _fatalities(mentions: Sequence[ResolvedMention], attr: str) -> tuple[int | None, list[str]]:
    """ACLED's conservative reading: each article's figure is the one it states first
    (the lede gives the toll of the event it reports; later sentences often give other
    tallies), then the lowest across articles; differing figures are conflicts."""
    per_article: dict[str, tuple[int, str]] = {}
    for m in sorted(mentions, key=lambda m: m.source.char_start):
        value = getattr(m.mention, attr)
        if value is None or m.source.article_id in per_article:
            continue
        per_article[m.source.article_id] = (value, m.source.outlet or m.source.article_id)
    if not per_article:
        return None, []
    values = sorted(per_article.values())
    conflicts: list[str] = []
    if len({v for v, _ in values}) > 1:
        listed = " vs ".join(f"{v} ({label})" for v, label in values)
        conflicts.append(f"{'fatalities' if attr == 'killed' else 'injured'}: {listed}")
    return values[0][0], conflicts


def _notes(
    event_date: str | None,
    precision: Precision,
    sub: str,
    actor1: str | None,
    actor2: str | None,
    place: Place | None,
    fatalities: int | None,
) -> str:
    when = "On an unknown date"
    if event_date:
        d = dt.date.fromisoformat(event_date)
        when = {
            "day": f"On {d.day} {d:%B %Y}",
            "week": f"Around {d.day} {d:%B %Y}",
            "month": f"In {d:%B %Y}",
            "year": f"In {d.year}",
        }.get(precision, "On an unknown date")
    who = actor1 or "an unidentified actor"
    against = f" involving {actor2}" if actor2 else ""
    where = ""
    if place is not None:
        parts = [p for p in (place.name, place.admin1, place.country) if p]
        where = " in " + ", ".join(dict.fromkeys(parts))
    toll = f" {fatalities} reported killed." if fatalities else ""
    return f"{when}, {who}: {sub.lower()}{against}{where}.{toll}".replace("..", ".")


def build_event(
    event_id: str, mentions: Sequence[ResolvedMention], lexicon: Lexicon, version: str
) -> Event:
    """The event record from all its mentions (order-independent)."""
    ms = sorted(mentions, key=_sort_key)
    sub = max(ms, key=lambda m: (lexicon.ranks.get(m.mention.sub_event_type, 0), -ms.index(m)))
    sub_type = sub.mention.sub_event_type
    dated = _best_precision(ms)
    actor1 = _majority_actor(m.actor1 for m in ms)
    actor2 = _majority_actor((m.actor2 for m in ms), exclude=actor1.name if actor1 else None)
    placed = [m.place for m in ms if m.place is not None]
    place = min(placed, key=lambda p: (p.geo_precision, -placed.count(p))) if placed else None
    fatalities, conflicts = _fatalities(ms, "killed")
    injured, injured_conflicts = _fatalities(ms, "injured")
    conflicts += injured_conflicts
    named1 = sorted({m.actor1.name for m in ms if m.actor1 is not None and m.actor1.known})
    if len(named1) > 1:
        conflicts.append("perpetrator: " + " vs ".join(named1))
    arguments: dict[str, tuple[str, ...]] = {}
    for m in ms:
        for role, values in m.mention.arguments.items():
            arguments[role] = tuple(dict.fromkeys([*arguments.get(role, ()), *values]))
    modalities = [m.mention.modality for m in ms]
    modality = "asserted" if "asserted" in modalities else Counter(modalities).most_common(1)[0][0]
    outlets = {m.source.outlet or m.source.article_id for m in ms}
    sources = tuple(dict.fromkeys(m.source for m in ms))
    confidence = min(0.99, max(m.mention.confidence for m in ms) + 0.05 * (len(outlets) - 1))
    return Event(
        event_id=event_id,
        event_date=dated.date.date,
        event_date_end=dated.date.date_end if dated.date.precision == "day" else None,
        date_precision=dated.date.precision,
        event_type=lexicon.sub_types[sub_type],
        sub_event_type=sub_type,
        actor1=actor1.name if actor1 else None,
        actor1_kind=actor1.kind if actor1 else None,
        actor2=actor2.name if actor2 else None,
        actor2_kind=actor2.kind if actor2 else None,
        location=place.name if place else None,
        admin1=place.admin1 if place else None,
        country=place.country if place else None,
        iso3=place.iso3 if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=place.geo_precision if place else None,
        fatalities=fatalities,
        injured=injured,
        arguments=arguments,
        status=ms[0].mention.status,
        modality=modality,
        confidence=round(confidence, 2),
        pipeline_version=version,
        notes=_notes(
            dated.date.date,
            dated.date.precision,
            sub_type,
            actor1.name if actor1 else None,
            actor2.name if actor2 else None,
            place,
            fatalities,
        ),
        sources=sources,
        n_sources=len(outlets),
        claimed_by=tuple(dict.fromkeys(m.mention.claimed_by for m in ms if m.mention.claimed_by)),
        conflicts=tuple(conflicts),
    )
