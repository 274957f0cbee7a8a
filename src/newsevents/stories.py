"""Stories: related events told as one story (a siege and the fall of a town over weeks,
a hijacking told over four days), each with a dated timeline.

Two events belong to one story when they are at most `GAP_DAYS` apart and either

- one article tells both, and they happened in the same area (within `AREA_KM`, or in
  one first-level region when either place is coarse), or
- they happened in the same area and name an actor in common.

A story is a connected group of at least two events: a story may run for weeks as long
as no gap between its events is longer than `GAP_DAYS`. The grouping depends only on the
set of events, not on their order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsevents.records import Event

GAP_DAYS = 7
AREA_KM = 60.0
_COARSE = 3  # geo_precision from which a place is a region or a country


@dataclass(frozen=True)
class Story:
    """A group of related events with its title, dates and place."""

    story_id: str
    title: str
    start_date: str
    end_date: str
    event_ids: tuple[str, ...]  # in timeline order (date, then id)
    n_articles: int
    location: str | None
    country: str | None
    fatalities: int | None


def _km(a: Event, b: Event) -> float:
    assert a.latitude is not None and a.longitude is not None
    assert b.latitude is not None and b.longitude is not None
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def same_area(a: Event, b: Event) -> bool:
    """Whether two events happened in one area: near each other, or (when either place is
    only a region) in the same first-level region of the same country."""
    if a.latitude is None or b.latitude is None or a.iso3 != b.iso3:
        return False
    if (a.geo_precision or 4) < _COARSE and (b.geo_precision or 4) < _COARSE:
        return _km(a, b) <= AREA_KM
    if (a.geo_precision or 4) >= 4 or (b.geo_precision or 4) >= 4:
        return False
    return a.admin1 is not None and a.admin1 == b.admin1


def _actors(e: Event) -> set[str]:
    # Civilians name a victim, not a party whose story this is.
    return {x for x in (e.actor1, e.actor2) if x and x != "Civilians"}


def _day(e: Event) -> dt.date:
    assert e.event_date is not None
    return dt.date.fromisoformat(e.event_date)


def _last(e: Event) -> dt.date:
    return dt.date.fromisoformat(e.event_date_end) if e.event_date_end else _day(e)


def related(a: Event, b: Event, shared_article: bool) -> bool:
    """Whether two events belong to one story (given whether one article tells both)."""
    gap = max((_day(b) - _last(a)).days, (_day(a) - _last(b)).days, 0)
    if gap > GAP_DAYS or not same_area(a, b):
        return False
    return shared_article or bool(_actors(a) & _actors(b))


def build_stories(events: Sequence[Event], titles: Mapping[str, str] | None = None) -> list[Story]:
    """Group new, dated events into stories; `titles` maps article ids to headlines."""
    pool = sorted(
        (e for e in events if e.status == "new" and e.event_date),
        key=lambda e: (e.event_date or "", e.event_id),
    )
    parent = list(range(len(pool)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    articles = [{s.article_id for s in e.sources} for e in pool]
    by_country: dict[str, list[int]] = {}
    for i, e in enumerate(pool):
        by_country.setdefault(e.iso3 or "", []).append(i)
    for idx in by_country.values():
        # Sorted by date: only events at most GAP_DAYS after an event's end can join it.
        for n, i in enumerate(idx):
            for j in idx[n + 1 :]:
                if (_day(pool[j]) - _last(pool[i])).days > GAP_DAYS:
                    break
                if root(i) != root(j) and related(
                    pool[i], pool[j], bool(articles[i] & articles[j])
                ):
                    parent[max(root(i), root(j))] = min(root(i), root(j))
    groups: dict[int, list[int]] = {}
    for i in range(len(pool)):
        groups.setdefault(root(i), []).append(i)
    stories = [
        _story([pool[i] for i in members], titles or {})
        for members in groups.values()
        if len(members) > 1
    ]
    return sorted(stories, key=lambda s: (s.start_date, s.story_id))


def _story(events: list[Event], titles: Mapping[str, str]) -> Story:
    ordered = sorted(events, key=lambda e: (e.event_date or "", e.event_id))
    articles = {s.article_id for e in ordered for s in e.sources}
    headline_counts = Counter(
        titles[a] for e in ordered for a in {s.article_id for s in e.sources} if titles.get(a)
    )
    places = Counter(e.location for e in ordered if e.location)
    countries = Counter(e.country for e in ordered if e.country)
    location = min(places.items(), key=lambda kv: (-kv[1], kv[0]))[0] if places else None
    country = min(countries.items(), key=lambda kv: (-kv[1], kv[0]))[0] if countries else None
    if headline_counts:
        title = min(headline_counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    else:
        kinds = Counter(e.sub_event_type for e in ordered)
        kind = min(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        where = ", ".join(p for p in (location, country) if p) or "an unknown place"
        title = f"{kind} in {where}"
    tolls = [e.fatalities for e in ordered if e.fatalities is not None]
    first = min(e.event_id for e in ordered)
    return Story(
        story_id="st_" + hashlib.sha256(first.encode()).hexdigest()[:16],
        title=title,
        start_date=ordered[0].event_date or "",
        end_date=max(_last(e) for e in ordered).isoformat(),
        event_ids=tuple(e.event_id for e in ordered),
        n_articles=len(articles),
        location=location,
        country=country,
        fatalities=sum(tolls) if tolls else None,
    )
