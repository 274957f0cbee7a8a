"""What the writing process keeps in memory about stored mentions, so that merging a
batch does not query the database for every event it might join: where and when the
mentions are (`PlaceTimeIndex`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

from newsevents.records import Place

# Where and when a stored mention is, and the event it belongs to. Copies of one report
# (syndication, or one outlet's rewrites) share a point: the index counts points, so a
# query looks at each distinct point once however many mentions share it.
_Point = tuple[str, dt.date, dt.date, float | None, float | None]


# A stored mention's row as the index reads it: event, family, first and last day, country,
# latitude, longitude (`Store` selects these columns, in this order).
Head = tuple[str, str, dt.date | None, dt.date | None, str | None, float | None, float | None]


class PlaceTimeIndex:
    """Where stored mentions are, by family, country and month, held by the writing
    process so that merge does not query the database for every new event. It counts
    mentions per point and keeps nothing per mention: copies of one report in one event
    are one entry, and the writer reads a mention's row from the database before it moves
    or deletes it (`move`, `drop`)."""

    def __init__(self) -> None:
        self.loaded: set[tuple[str, str]] = set()
        # (family, iso3, month) -> point -> mentions at it; the same by month and grid cell,
        # so that a query for a place looks only at the cells its box covers.
        self._months: dict[tuple[str, str, int], Counter[_Point]] = {}
        self._cells: dict[tuple[str, str, int, int, int], Counter[_Point]] = {}

    def load(self, family: str, iso3: str, rows: Iterable[tuple[Any, ...]]) -> None:
        """Take in the stored mentions of one family and country: rows of event, first
        and last day, latitude, longitude."""
        self.loaded.add((family, iso3))
        for eid, lo, hi, lat, lon in rows:
            self._count((eid, lo, hi, lat, lon), family, iso3, 1)

    def add(self, head: Head) -> None:
        """Count a newly written mention (if its family and country are loaded)."""
        eid, family, lo, hi, iso3, lat, lon = head
        if iso3 and lo and hi and (family, iso3) in self.loaded:
            self._count((eid, lo, hi, lat, lon), family, iso3, 1)

    def drop(self, head: Head) -> None:
        """A stored mention was deleted (its article was processed again)."""
        eid, family, lo, hi, iso3, lat, lon = head
        if iso3 and lo and hi and (family, iso3) in self.loaded:
            self._count((eid, lo, hi, lat, lon), family, iso3, -1)

    def move(self, head: Head, eid: str) -> None:
        """A stored mention (its row before the move) now belongs to another event."""
        self.drop(head)
        self.add((eid, *head[1:]))

    def _count(self, point: _Point, family: str, iso3: str, step: int) -> None:
        _, lo, hi, lat, lon = point
        buckets: list[Counter[_Point]] = []
        for month in range(_month(lo), _month(hi) + 1):
            buckets.append(self._months.setdefault((family, iso3, month), Counter()))
            if lat is not None and lon is not None:
                buckets.append(
                    self._cells.setdefault((family, iso3, month, *_cell(lat, lon)), Counter())
                )
        for bucket in buckets:
            bucket[point] += step
            if bucket[point] <= 0:
                del bucket[point]

    def near(self, family: str, iso3: str, start: dt.date, end: dt.date, place: Place) -> list[str]:
        """Events with a mention dated within [start, end] inside the place's box (a
        degree of latitude is 111 km: the box holds every place merge could accept)."""
        buckets: list[Counter[_Point]] = []
        pad = 1.5 if place.geo_precision < 4 else None
        if pad is None:
            for month in range(_month(start), _month(end) + 1):
                buckets.append(self._months.get((family, iso3, month), Counter()))
        else:
            lat0, lon0 = _cell(place.latitude - pad, place.longitude - 2 * pad)
            lat1, lon1 = _cell(place.latitude + pad, place.longitude + 2 * pad)
            for month in range(_month(start), _month(end) + 1):
                for i in range(lat0, lat1 + 1):
                    for j in range(lon0, lon1 + 1):
                        bucket = self._cells.get((family, iso3, month, i, j))
                        if bucket:
                            buckets.append(bucket)
        out: set[str] = set()
        for bucket in buckets:
            for eid, lo, hi, lat, lon in bucket:
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
