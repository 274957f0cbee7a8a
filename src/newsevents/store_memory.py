"""What the writing process keeps in memory about stored mentions, so that merging a
batch does not query the database for every event it might join: where and when the
mentions are (`PlaceTimeIndex`), and the full mention lists of recently used events
(`MentionCache`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

from newsevents.records import Place, ResolvedMention


class PlaceTimeIndex:
    """Where stored mentions are, by family, country and month, held by the writing
    process so that merge does not query the database for every new event. Points are
    kept per mention, so a mention that moves to another event moves here too."""

    def __init__(self) -> None:
        self.loaded: set[tuple[str, str]] = set()
        self._months: dict[tuple[str, str, int], set[str]] = {}
        # The same keys by month and grid cell, so that a query for a place looks only at
        # the cells its box covers (a month of one country can hold thousands of mentions).
        self._cells: dict[tuple[str, str, int, int, int], set[str]] = {}
        # mention key -> (event id, date_lo, date_hi, latitude, longitude)
        self._points: dict[str, tuple[str, dt.date, dt.date, float | None, float | None]] = {}

    def load(self, family: str, iso3: str, rows: Iterable[tuple[Any, ...]]) -> None:
        """Take in the stored mentions of one family and country."""
        self.loaded.add((family, iso3))
        for key, eid, lo, hi, lat, lon in rows:
            self._put(key, eid, family, iso3, lo, hi, lat, lon)

    def add(self, row: Sequence[Any]) -> None:
        """Record a newly written mention row (if its family and country are loaded)."""
        key, eid, _, family, lo, hi, iso3, lat, lon = row[:9]
        if iso3 and lo and hi and (family, iso3) in self.loaded:
            self._put(key, eid, family, iso3, lo, hi, lat, lon)

    def _put(
        self,
        key: str,
        eid: str,
        family: str,
        iso3: str,
        lo: dt.date,
        hi: dt.date,
        lat: float | None,
        lon: float | None,
    ) -> None:
        for month in range(_month(lo), _month(hi) + 1):
            self._months.setdefault((family, iso3, month), set()).add(key)
            if lat is not None and lon is not None:
                cell = (family, iso3, month, *_cell(lat, lon))
                self._cells.setdefault(cell, set()).add(key)
        self._points[key] = (eid, lo, hi, lat, lon)

    def move(self, key: str, eid: str) -> None:
        """A stored mention now belongs to another event."""
        point = self._points.get(key)
        if point is not None:
            self._points[key] = (eid, *point[1:])

    def drop(self, key: str) -> None:
        """A stored mention was deleted (its article was processed again)."""
        self._points.pop(key, None)

    def near(self, family: str, iso3: str, start: dt.date, end: dt.date, place: Place) -> list[str]:
        """Events with a mention dated within [start, end] inside the place's box (a
        degree of latitude is 111 km: the box holds every place merge could accept)."""
        keys: set[str] = set()
        pad = 1.5 if place.geo_precision < 4 else None
        if pad is None:
            for month in range(_month(start), _month(end) + 1):
                keys |= self._months.get((family, iso3, month), set())
        else:
            lat0, lon0 = _cell(place.latitude - pad, place.longitude - 2 * pad)
            lat1, lon1 = _cell(place.latitude + pad, place.longitude + 2 * pad)
            for month in range(_month(start), _month(end) + 1):
                for i in range(lat0, lat1 + 1):
                    for j in range(lon0, lon1 + 1):
                        keys |= self._cells.get((family, iso3, month, i, j), set())
        out: set[str] = set()
        for key in keys:
            point = self._points.get(key)
            if point is None:
                continue
            eid, lo, hi, lat, lon = point
            if eid in out or hi < start or lo > end:
                continue
            if pad is not None and (
                lat is None
                or lon is None
                or abs(lat - place.latitude) > pad
                or abs(lon - place.longitude) > 2 * pad
            ):
                continue
            out.add(eid)
        return sorted(out)


def _month(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


# Grid cells of the place/time index: as tall and wide as the search box's half-sides.
_CELL_LAT = 1.5
_CELL_LON = 3.0


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL_LAT), math.floor(lon / _CELL_LON)


class MentionCache:
    """Mention lists of events, least recently used dropped first once the lists hold more
    than `limit` mentions in all (an event told thousands of times is one entry)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._lists: OrderedDict[str, tuple[ResolvedMention, ...]] = OrderedDict()
        self._size = 0

    def get(self, event_id: str) -> tuple[ResolvedMention, ...] | None:
        """The event's mentions, if held."""
        found = self._lists.get(event_id)
        if found is not None:
            self._lists.move_to_end(event_id)
        return found

    def put(self, event_id: str, mentions: tuple[ResolvedMention, ...]) -> None:
        """Hold the event's mentions (replacing what was held)."""
        self.drop(event_id)
        self._lists[event_id] = mentions
        self._size += len(mentions)
        while self._size > self.limit and len(self._lists) > 1:
            _, gone = self._lists.popitem(last=False)
            self._size -= len(gone)

    def drop(self, event_id: str) -> None:
        """Forget the event."""
        gone = self._lists.pop(event_id, None)
        if gone is not None:
            self._size -= len(gone)

    def clear(self) -> None:
        """Forget everything."""
        self._lists.clear()
        self._size = 0
