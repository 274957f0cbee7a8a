"""Builders for records, so tests construct inputs in code without loading models."""

from __future__ import annotations

from newsevents.records import (
    Actor,
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
