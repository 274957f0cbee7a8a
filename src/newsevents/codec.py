"""JSON-ready dictionaries for records, and back: the store and exports speak this."""

from __future__ import annotations

import dataclasses
from typing import Any

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
    return dataclasses.asdict(record)


def _opt(cls: Any, data: dict[str, Any] | None) -> Any:
    return cls(**data) if data is not None else None


def mention_from_dict(data: dict[str, Any]) -> ResolvedMention:
    """Rebuild a ResolvedMention from `to_dict` output."""
    m = dict(data["mention"])
    m["times"] = tuple(
        TimeExpression(
            text=t["text"], start=t["start"], end=t["end"], value=ResolvedDate(**t["value"])
        )
        for t in m["times"]
    )
    m["places"] = tuple(m["places"])
    m["arguments"] = {k: tuple(v) for k, v in m["arguments"].items()}
    return ResolvedMention(
        mention=Mention(**m),
        source=Source(**data["source"]),
        actor1=_opt(Actor, data["actor1"]),
        actor2=_opt(Actor, data["actor2"]),
        place=_opt(Place, data["place"]),
        date=ResolvedDate(**data["date"]),
        date_from=data["date_from"],
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
