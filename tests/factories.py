"""Builders for records, so tests construct inputs in code without loading models."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from newsevents.merge import MergeResult, Regroup, mention_key
from newsevents.records import (
    Actor,
    Article,
    Event,
    Mention,
    Place,
    ResolvedDate,
    ResolvedMention,
    Source,
)

BAGHOUZ = Place("al-Baghuz Fawqani", 34.46, 40.95, "Syria", "SYR", "Deir ez-Zor", "village", 1)
HAJIN = Place("Hajin", 34.69, 40.83, "Syria", "SYR", "Deir ez-Zor", "city", 1)
SYRIA = Place("Syria", 35.0, 38.5, "Syria", "SYR", None, "country", 4)
SDF = Actor("Syrian Democratic Forces", "Rebel group", "SYR")
IS = Actor("Islamic State", "Rebel group", None)


def mention(
    *,
    article: str = "a1",
    start: int = 0,
    outlet: str | None = "outlet-a",
    sub: str = "Armed clash",
    etype: str = "Battles",
    date: str | None = "2019-03-23",
    precision: str = "day",
    place: Place | None = BAGHOUZ,
    actor1: Actor | None = SDF,
    actor2: Actor | None = IS,
    killed: int | None = None,
    status: str = "new",
    published: str = "2019-03-23",
    claimed_by: str | None = None,
) -> ResolvedMention:
    """A resolved mention with sensible defaults; override what a test is about."""
    sentence = f"sentence {start} of {article}"
    m = Mention(
        article_id=article,
        sentence=sentence,
        sentence_start=start,
        sentence_end=start + len(sentence),
        trigger="clashes",
        event_type=etype,
        sub_event_type=sub,
        arguments={"place": (place.name,)} if place else {},
        actor1=actor1.name if actor1 else None,
        actor2=actor2.name if actor2 else None,
        places=(place.name,) if place else (),
        times=(),
        killed=killed,
        injured=None,
        status=status,  # type: ignore[arg-type]
        modality="asserted",
        claimed_by=claimed_by,
        confidence=0.6,
    )
    src = Source(
        article,
        f"https://example.org/{article}",
        outlet,
        published,
        sentence,
        start,
        start + len(sentence),
    )
    return ResolvedMention(
        mention=m,
        source=src,
        actor1=actor1,
        actor2=actor2,
        place=place,
        date=ResolvedDate(date, None, precision) if date else ResolvedDate(None, None, "unknown"),  # type: ignore[arg-type]
        date_from="text" if date else "none",
    )


def sentence_mention(sentence: str, **fields: Any) -> Mention:
    """An extracted (unresolved) mention of a whole one-sentence text: an attack with no
    actors, places or times unless `fields` give them."""
    base = Mention(
        article_id="a",
        sentence=sentence,
        sentence_start=0,
        sentence_end=len(sentence),
        trigger="killed",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        arguments={},
        actor1=None,
        actor2=None,
        places=(),
        times=(),
        killed=None,
        injured=None,
        status="new",
        modality="asserted",
    )
    return replace(base, **fields)


def new_events(
    text: str, published: str, title: str | None = None, *, by_place: bool = False
) -> list[Any]:
    """The events `newsevents.extract` reports as new in one text (loads the model),
    ordered by place name when `by_place`, else as extracted."""
    import newsevents

    events = [
        e for e in newsevents.extract(text, published=published, title=title) if e.status == "new"
    ]
    return sorted(events, key=lambda e: e.location or "") if by_place else events


def write_merged(
    store: Any,
    articles: Sequence[tuple[Article, int]],
    merged: Sequence[MergeResult],
    events: Sequence[Event],
    families: dict[str, str],
    version: str,
) -> int:
    """Write merge results (mentions whole) as the pipeline writes its plan: each event's
    mention keys, and the batch's mentions by key."""
    plan = [
        Regroup(r.event_id, tuple(mention_key(m) for m in r.mentions), r.absorbed, r.moved)
        for r in merged
    ]
    fresh = {mention_key(m): m for r in merged for m in r.mentions}
    written: int = store.write_batch(articles, plan, fresh, events, families, version)
    return written
