"""What the writing process keeps in memory about stored mentions, so that merging a
batch does not query the database for every event it might join: where and when the
mentions are (`PlaceTimeIndex`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from newsevents.records import Place

# Where and when a stored mention is, and the event it belongs to. Copies of one report
# (syndication, or one outlet's rewrites) share a point: the index counts points, so a
# query looks at each distinct point once however many mentions share it.
_Point = tuple[str, dt.date, dt.date, float | None, float | None]


class PlaceTimeIndex:
    """Where stored mentions are, by family, country and month, held by the writing
    process so that merge does not query the database for every new event. Points are
    kept per mention, so a mention that moves to another event moves here too."""

    def __init__(self) -> None:
        self.loaded: set[tuple[str, str]] = set()
        # (family, iso3, month) -> point -> mentions at it; the same by month and grid cell,
        # so that a query for a place looks only at the cells its box covers.
        self._months: dict[tuple[str, str, int], Counter[_Point]] = {}
        self._cells: dict[tuple[str, str, int, int, int], Counter[_Point]] = {}
        # mention key -> (family, iso3, point)
        self._points: dict[str, tuple[str, str, _Point]] = {}

    def load(self, family: str, iso3: str, rows: Iterable[tuple[Any, ...]]) -> None:
        """Take in the stored mentions of one family and country."""
        self.loaded.add((family, iso3))
        for key, eid, lo, hi, lat, lon in rows:
            self._put(key, family, iso3, (eid, lo, hi, lat, lon))

    def add(self, row: Sequence[Any]) -> None:
        """Record a newly written mention row (if its family and country are loaded)."""
        key, eid, _, family, lo, hi, iso3, lat, lon = row[:9]
        if iso3 and lo and hi and (family, iso3) in self.loaded:
            self._put(key, family, iso3, (eid, lo, hi, lat, lon))

    def _buckets(self, family: str, iso3: str, point: _Point) -> Iterator[Counter[_Point]]:
        _, lo, hi, lat, lon = point
        for month in range(_month(lo), _month(hi) + 1):
            yield self._months.setdefault((family, iso3, month), Counter())
            if lat is not None and lon is not None:
                yield self._cells.setdefault((family, iso3, month, *_cell(lat, lon)), Counter())

    def _put(self, key: str, family: str, iso3: str, point: _Point) -> None:
        self.drop(key)
        for bucket in self._buckets(family, iso3, point):
            bucket[point] += 1
        self._points[key] = (family, iso3, point)

    def move(self, key: str, eid: str) -> None:
        """A stored mention now belongs to another event."""
        found = self._points.get(key)
        if found is not None:
            family, iso3, point = found
            self._put(key, family, iso3, (eid, *point[1:]))

    def drop(self, key: str) -> None:
        """A stored mention was deleted (its article was processed again)."""
        found = self._points.pop(key, None)
        if found is None:
            return
        family, iso3, point = found
        for bucket in self._buckets(family, iso3, point):
            bucket[point] -= 1
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
