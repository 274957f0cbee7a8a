"""What the writing process keeps in memory about stored mentions, so that merging a
batch does not query the database for every event it might join: where and when the
mentions are (`PlaceTimeIndex`), for the months merging asked about lately.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from newsevents.records import Place

# Where and when a stored mention is, and the event it belongs to. Copies of one report
# (syndication, or one outlet's rewrites) share a point: the index counts points, so a
# query looks at each distinct point once however many mentions share it.
_Point = tuple[str, dt.date, dt.date, float | None, float | None]

# A stored mention's row as the index reads it: event, family, first and last day, country,
# latitude, longitude, and the toll that tells its event apart (`linkage.identifying_toll`;
# `Store` selects these, in this order).
Head = tuple[
    str, str, dt.date | None, dt.date | None, str | None, float | None, float | None, int | None
]

# A month the index holds: family, country, month number (year * 12 + month - 1).
MonthKey = tuple[str, str, int]

# Points the index keeps between batches (a point costs about 400 bytes with its share of
# the buckets). A store of 40,000 bench articles whose copies report distinct events holds
# about 190,000; without a bound the index grew with the store for as long as it ran.
POINT_BUDGET = 100_000


class PlaceTimeIndex:
    """Where stored mentions are, by family, country and month, held by the writing
    process so that merge does not query the database for every new event. A month is
    read from the database the first time a query needs it (`missing`, `load`) and let go
    again when the index holds more than its budget of points (`trim`): the months asked
    about least recently go first. It counts mentions per point and keeps nothing per
    mention: copies of one report in one event are one entry, and the writer reads a
    mention's row from the database before it moves or deletes it (`move`, `drop`)."""

    def __init__(self, budget: int = POINT_BUDGET) -> None:
        self.budget = budget
        # (family, iso3, month) -> point -> mentions at it; the same by month and grid cell,
        # so that a query for a place looks only at the cells its box covers.
        self._months: dict[MonthKey, Counter[_Point]] = {}
        self._cells: dict[tuple[str, str, int, int, int], Counter[_Point]] = {}
        # The same by month and toll, for the mentions that have one: a report that gives
        # a toll may match one of that toll placed anywhere in the country (`near`).
        self._tolls: dict[tuple[str, str, int, int], Counter[_Point]] = {}
        # The months held, each with the number of the query that last used it.
        self._used: dict[MonthKey, int] = {}
        self._queries = 0

    def missing(self, family: str, iso3: str, start: dt.date, end: dt.date) -> list[int]:
        """The months of [start, end] the index does not hold for this family and country."""
        return [
            m for m in range(_month(start), _month(end) + 1) if (family, iso3, m) not in self._used
        ]

    def load(
        self, family: str, iso3: str, months: Sequence[int], rows: Iterable[tuple[Any, ...]]
    ) -> None:
        """Take in the stored mentions of one family and country dated within some of
        `months` (rows of event, first and last day, latitude, longitude, toll), for those
        months."""
        wanted = set(months)
        for m in wanted:
            self._used[(family, iso3, m)] = self._queries
            self._months.setdefault((family, iso3, m), Counter())
        for eid, lo, hi, lat, lon, toll in rows:
            point = (eid, lo, hi, lat, lon)
            for m in range(_month(lo), _month(hi) + 1):
                if m in wanted:
                    self._count_month(point, family, iso3, m, 1, toll)

    def add(self, head: Head) -> None:
        """Count a newly written mention in the months the index holds."""
        self._step(head, 1)

    def drop(self, head: Head) -> None:
        """A stored mention was deleted (its article was processed again)."""
        self._step(head, -1)

    def move(self, head: Head, eid: str) -> None:
        """A stored mention (its row before the move) now belongs to another event."""
        self.drop(head)
        self.add((eid, *head[1:]))

    def size(self) -> int:
        """Points held, counted once per month they fall in, plus one for each month (an
        empty month held costs a little too)."""
        return sum(len(bucket) for bucket in self._months.values()) + len(self._used)

    def trim(self) -> None:
        """Let go of the least recently asked months until the index is within budget."""
        size = self.size()
        if size <= self.budget:
            return
        gone: set[MonthKey] = set()
        for key in sorted(self._used, key=self._used.__getitem__):
            if size <= self.budget:
                break
            size -= 1 + len(self._months.pop(key, ()))
            del self._used[key]
            gone.add(key)
        for cell in [c for c in self._cells if c[:3] in gone]:
            del self._cells[cell]
        for toll_key in [k for k in self._tolls if k[:3] in gone]:
            del self._tolls[toll_key]

    def _step(self, head: Head, step: int) -> None:
        eid, family, lo, hi, iso3, lat, lon, toll = head
        if not (iso3 and lo and hi):
            return
        point = (eid, lo, hi, lat, lon)
        for m in range(_month(lo), _month(hi) + 1):
            if (family, iso3, m) in self._used:
                self._count_month(point, family, iso3, m, step, toll)

    def _count_month(
        self, point: _Point, family: str, iso3: str, month: int, step: int, toll: int | None
    ) -> None:
        _, _, _, lat, lon = point
        buckets = [self._months.setdefault((family, iso3, month), Counter())]
        if lat is not None and lon is not None:
            buckets.append(
                self._cells.setdefault((family, iso3, month, *_cell(lat, lon)), Counter())
            )
        if toll is not None:
            buckets.append(self._tolls.setdefault((family, iso3, month, toll), Counter()))
        for bucket in buckets:
            bucket[point] += step
            if bucket[point] <= 0:
                del bucket[point]

    def near(
        self,
        family: str,
        iso3: str,
        start: dt.date,
        end: dt.date,
        place: Place,
        toll: int | None = None,
    ) -> list[str]:
        """Events with a mention dated within [start, end] inside the place's box (a
        degree of latitude is 111 km: the box holds every place merge could accept), and
        with `toll`, those with a mention of that toll anywhere in the country. The
        months of [start, end] must be loaded (`missing`)."""
        self._queries += 1
        for m in range(_month(start), _month(end) + 1):
            if (family, iso3, m) in self._used:
                self._used[(family, iso3, m)] = self._queries
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
        anywhere = (
            [
                self._tolls[key]
                for month in range(_month(start), _month(end) + 1)
                if (key := (family, iso3, month, toll)) in self._tolls
            ]
            if toll is not None
            else []
        )
        out: set[str] = set()
        for bucket in anywhere:
            out.update(eid for eid, lo, hi, _, _ in bucket if not (hi < start or lo > end))
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


def month_bounds(months: Sequence[int]) -> tuple[dt.date, dt.date]:
    """The first day of the earliest and the last day of the latest of these months."""
    lo, hi = min(months), max(months) + 1
    first = dt.date(lo // 12, lo % 12 + 1, 1)
    after = dt.date(hi // 12, hi % 12 + 1, 1)
    return first, after - dt.timedelta(days=1)


def _month(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


# Grid cells of the place/time index: as tall and wide as the search box's half-sides.
_CELL_LAT = 1.5
_CELL_LON = 3.0


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL_LAT), math.floor(lon / _CELL_LON)
