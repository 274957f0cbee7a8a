"""JSON-ready dictionaries for records, and back: the store and exports speak this."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable
from typing import Any

from newsevents.linkage import Traits
from newsevents.records import (
    Actor,
    Event,
    Mention,
    Place,
    ResolvedDate,
    ResolvedMention,
    Source,
    TimeExpression,
)


def to_dict(record: Any) -> dict[str, Any]:
    """A record as plain JSON-ready data (tuples become lists)."""
    out: dict[str, Any] = _plain(record)
    return out


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    # dataclasses.asdict deep-copies every value it meets; records hold only strings,
    # numbers, tuples, dicts and other records, so a plain walk is enough (and was a tenth
    # of ingest time once events carried hundreds of sources). Scalars, the most common
    # values, are recognised first.
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple or kind is list:
        return [v if type(v) in _SCALARS else _plain(v) for v in value]
    if kind is dict:
        return {k: v if type(v) in _SCALARS else _plain(v) for k, v in value.items()}
    if hasattr(kind, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in _field_names(kind)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


# Decoded places, actors and dates, shared between the mentions that name them: the
# writing process holds tens of thousands of decoded mentions while it merges, and most
# name one of a few hundred places (a third of a decoded mention's memory).
_SHARED: dict[tuple[Any, ...], Any] = {}
_SHARED_LIMIT = 50_000


def _shared_value(key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    found = _SHARED.get(key)
    if found is None:
        if len(_SHARED) >= _SHARED_LIMIT:
            _SHARED.clear()
        found = _SHARED[key] = make()
    return found


def _shared(cls: Any, data: dict[str, Any] | None) -> Any:
    if data is None:
        return None
    return _shared_value((cls, *data.values()), lambda: cls(**data))


def mention_from_dict(data: dict[str, Any]) -> ResolvedMention:
    """Rebuild a ResolvedMention from `to_dict` output. Equal parts of decoded mentions are
    one object: copies of a report (syndication, an outlet's rewrites) differ only in
    where they were published, and the writing process holds ~100,000 decoded mentions
    while it merges a large commit."""
    return _from_parts(data, data["source"])


def _from_parts(data: dict[str, Any], source_data: dict[str, Any]) -> ResolvedMention:
    m = dict(data["mention"])
    times = m["times"]
    m["times"] = _shared_value(
        ("times", *((t["text"], t["start"], t["end"], *t["value"].values()) for t in times)),
        lambda: tuple(
            TimeExpression(
                text=t["text"],
                start=t["start"],
                end=t["end"],
                value=_shared(ResolvedDate, t["value"]),
            )
            for t in times
        ),
    )
    m["places"] = _shared_value(("places", *m["places"]), lambda: tuple(m["places"]))
    arguments = {k: tuple(v) for k, v in m["arguments"].items()}
    m["arguments"] = _shared_value(("arguments", *arguments.items()), lambda: arguments)
    for key in ("sentence", "trigger", "event_type", "sub_event_type", "status", "modality"):
        m[key] = sys.intern(m[key])
    source = dict(source_data)
    # The source quotes the mention's sentence: one string for both.
    if source["sentence"] == m["sentence"]:
        source["sentence"] = m["sentence"]
    # A body (`body_and_source`) leaves the article to the source.
    if not m["article_id"] or source["article_id"] == m["article_id"]:
        m["article_id"] = source["article_id"]
    return ResolvedMention(
        mention=Mention(**m),
        source=Source(**source),
        actor1=_shared(Actor, data["actor1"]),
        actor2=_shared(Actor, data["actor2"]),
        place=_shared(Place, data["place"]),
        date=_shared(ResolvedDate, data["date"]),
        date_from=sys.intern(data["date_from"]),
    )


def body_and_source(m: ResolvedMention) -> tuple[str, str]:
    """A mention as the store keeps it, as JSON: its body (the whole record less where it
    was published: the source, and the mention's article id) and its source. Copies of a
    report have one body, so the store decodes it once for all of them (`BodyDecoder`)."""
    record = to_dict(m)
    source = record.pop("source")
    record["mention"]["article_id"] = ""
    return json.dumps(record), json.dumps(source)


def record_from_row(data: str, source: str | None) -> dict[str, Any]:
    """A stored mention's `to_dict` record from its row's `data` and `source` columns: a
    body and its source, or (stores written before bodies) the whole record."""
    record: dict[str, Any] = json.loads(data)
    if "source" not in record and source is not None:
        record["source"] = json.loads(source)
        record["mention"]["article_id"] = record["source"]["article_id"]
    return record


class BodyDecoder:
    """Stored mentions from rows of `data` and `source`, each distinct body decoded once:
    an event told by many copies of one report (a syndicated wire story, or the bench's
    repeated corpus) holds one body and many sources."""

    def __init__(self) -> None:
        self._bodies: dict[str, ResolvedMention] = {}

    def decode(self, data: str, source: str | None) -> ResolvedMention:
        """The mention of one row."""
        # Only a whole record names its source as a key ('"source":{' inside a string
        # would be escaped).
        if source is None or '"source":{' in data:
            return mention_from_dict(record_from_row(data, source))
        source_data = json.loads(source)
        first = self._bodies.get(data)
        if first is None:
            first = self._bodies[data] = _from_parts(json.loads(data), source_data)
            return first
        sentence = first.mention.sentence
        if source_data["sentence"] == sentence:
            source_data["sentence"] = sentence
        # A copy of the body's record with its own source and article, made by filling
        # the records' dicts rather than through dataclasses.replace and the frozen
        # __init__ (most rows of a bench commit are copies: 80,000 rows decoded in 3.5-3.7 s
        # of CPU instead of 4.0-4.1).
        where: Source = object.__new__(Source)
        where.__dict__.update((f, source_data[f]) for f in _field_names(Source))
        mention: Mention = object.__new__(Mention)
        mention.__dict__.update(first.mention.__dict__)
        mention.__dict__["article_id"] = where.article_id
        copy: ResolvedMention = object.__new__(ResolvedMention)
        copy.__dict__.update(first.__dict__)
        copy.__dict__["mention"] = mention
        copy.__dict__["source"] = where
        return copy


# Positions in a link (`traits_to_json`) that the store reads in SQL: the date's
# precision and the dead the mention states.
LINK_PRECISION = 5
LINK_KILLED = 10


def traits_to_json(t: Traits) -> str:
    """A mention's traits (what merging compares) as a short JSON list: the store keeps it
    beside the whole record, so that merging reads a few hundred bytes a stored mention
    instead of decoding it."""
    place = None if t.place is None else list(_plain(t.place).values())
    return json.dumps(
        [
            t.event_type,
            t.sub_type,
            t.status,
            t.date,
            t.date_end,
            t.precision,
            t.date_from,
            t.actor1,
            t.actor2,
            place,
            t.killed,
        ],
        separators=(",", ":"),
    )


def traits_from_json(text: str) -> Traits:
    """Traits from `traits_to_json`; equal traits are one object (copies of a report)."""
    v = json.loads(text)
    place = v[9]
    # Links written before 2026-11-27 have no toll.
    killed = v[LINK_KILLED] if len(v) > LINK_KILLED else None
    return _shared_value(  # type: ignore[no-any-return]
        ("traits", *v[:9], None if place is None else tuple(place), killed),
        lambda: Traits(
            event_type=sys.intern(v[0]),
            sub_type=sys.intern(v[1]),
            status=sys.intern(v[2]),
            date=v[3],
            date_end=v[4],
            precision=sys.intern(v[5]),
            date_from=sys.intern(v[6]),
            place=(
                None
                if place is None
                else _shared(Place, dict(zip(_field_names(Place), place, strict=True)))
            ),
            actor1=v[7],
            actor2=v[8],
            killed=killed,
        ),
    )


def event_from_dict(data: dict[str, Any]) -> Event:
    """Rebuild an Event from `to_dict` output."""
    d = dict(data)
    d["sources"] = tuple(Source(**s) for s in d["sources"])
    d["arguments"] = {k: tuple(v) for k, v in d["arguments"].items()}
    d["claimed_by"] = tuple(d.get("claimed_by") or ())
    d["conflicts"] = tuple(d.get("conflicts") or ())
    return Event(**d)


EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Event))
