"""The event store: one DuckDB file with articles, mentions, events and redirects.

Every ingest batch is written in one transaction, so a run killed at any moment leaves
the file as it was after the last whole batch; running the same command again skips
the articles already stored and continues. Events are derived from their mentions:
whenever a batch adds mentions to an event, the event row is rebuilt from all of them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from newsevents.codec import EVENT_FIELDS, event_from_dict, mention_from_dict, to_dict
from newsevents.errors import StoreError
from newsevents.merge import MergeResult, StoredEvent, date_window
from newsevents.records import Article, Event, Place, ResolvedMention

_JSON_FIELDS = ("arguments", "sources", "claimed_by", "conflicts")
# How many of an event's mentions a new report is checked against before joining it.
_SAMPLE = 12
# Decoded mention samples kept in memory by the writing process, per event.
_CACHE_LIMIT = 200_000
_ROWS_PER_STATEMENT = 200
_RECENT_LIMIT = 20_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, url VARCHAR, outlet VARCHAR, title VARCHAR, published VARCHAR,
    source VARCHAR, text VARCHAR, metadata JSON, n_mentions INTEGER,
    ingested_at TIMESTAMP, pipeline_version VARCHAR
);
CREATE TABLE IF NOT EXISTS mentions (
    mention_key VARCHAR PRIMARY KEY, event_id VARCHAR, article_id VARCHAR, family VARCHAR,
    date_lo DATE, date_hi DATE, iso3 VARCHAR, latitude DOUBLE, longitude DOUBLE,
    geo_precision INTEGER, data JSON
);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY, event_date DATE, event_date_end DATE,
    date_precision VARCHAR, event_type VARCHAR, sub_event_type VARCHAR,
    actor1 VARCHAR, actor1_kind VARCHAR, actor2 VARCHAR, actor2_kind VARCHAR,
    location VARCHAR, admin1 VARCHAR, country VARCHAR, iso3 VARCHAR,
    latitude DOUBLE, longitude DOUBLE, geo_precision INTEGER,
    fatalities INTEGER, injured INTEGER, arguments JSON, status VARCHAR, modality VARCHAR,
    confidence DOUBLE, pipeline_version VARCHAR, notes VARCHAR, sources JSON,
    n_sources INTEGER, claimed_by JSON, conflicts JSON
);
CREATE TABLE IF NOT EXISTS redirects (old_id VARCHAR PRIMARY KEY, new_id VARCHAR);
"""


@dataclass(frozen=True)
class EventFilter:
    """What `events` / `export` select."""

    country: str | None = None
    event_type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    status: str | None = None
    limit: int | None = None


def mention_key(m: Any) -> str:
    """The identity of a stored mention: article, sentence and event type."""
    return f"{m.source.article_id}:{m.source.char_start}:{m.mention.event_type}"


class _PlaceTimeIndex:
    """Where stored mentions are, by family, country and month, held by the writing
    process so that merge does not query the database for every new event."""

    def __init__(self) -> None:
        self.loaded: set[tuple[str, str]] = set()
        self._months: dict[tuple[str, str, int], set[str]] = {}
        self._points: dict[str, list[tuple[dt.date, dt.date, float | None, float | None]]] = {}

    def load(self, family: str, iso3: str, rows: Iterable[tuple[Any, ...]]) -> None:
        """Take in the stored mentions of one family and country."""
        self.loaded.add((family, iso3))
        for eid, lo, hi, lat, lon in rows:
            self._put(eid, family, iso3, lo, hi, lat, lon)

    def add(
        self,
        eid: str,
        family: str,
        iso3: str | None,
        lo: dt.date | None,
        hi: dt.date | None,
        lat: float | None,
        lon: float | None,
    ) -> None:
        """Record a newly written mention (if its family and country are loaded)."""
        if iso3 and lo and hi and (family, iso3) in self.loaded:
            self._put(eid, family, iso3, lo, hi, lat, lon)

    def _put(
        self,
        eid: str,
        family: str,
        iso3: str,
        lo: dt.date,
        hi: dt.date,
        lat: float | None,
        lon: float | None,
    ) -> None:
        for month in range(_month(lo), _month(hi) + 1):
            self._months.setdefault((family, iso3, month), set()).add(eid)
        self._points.setdefault(eid, []).append((lo, hi, lat, lon))

    def rename(self, old: str, new: str) -> None:
        """An event merged into another: its mentions now belong to the survivor."""
        points = self._points.pop(old, [])
        self._points.setdefault(new, []).extend(points)
        for ids in self._months.values():
            if old in ids:
                ids.discard(old)
                ids.add(new)

    def near(self, family: str, iso3: str, start: dt.date, end: dt.date, place: Place) -> list[str]:
        """Events with a mention dated within [start, end] inside the place's box (a
        degree of latitude is 111 km: the box holds every place merge could accept)."""
        ids: set[str] = set()
        for month in range(_month(start), _month(end) + 1):
            ids |= self._months.get((family, iso3, month), set())
        pad = 1.5 if place.geo_precision < 4 else None
        out = []
        for eid in sorted(ids):
            for lo, hi, lat, lon in self._points.get(eid, ()):
                if hi < start or lo > end:
                    continue
                if pad is not None and (
                    lat is None
                    or lon is None
                    or abs(lat - place.latitude) > pad
                    or abs(lon - place.longitude) > 2 * pad
                ):
                    continue
                out.append(eid)
                break
        return out


def _month(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


class Store:
    """A DuckDB event store; also the EventIndex that merge consults."""

    def __init__(self, path: Path | str, read_only: bool = False) -> None:
        self.path = Path(path)
        self._samples: dict[str, tuple[ResolvedMention, ...]] = {}
        self._index = _PlaceTimeIndex()
        # Full mention lists of events this process wrote lately: a story told over days
        # keeps joining the same events, which need not be decoded from JSON each time.
        self._recent: dict[str, tuple[ResolvedMention, ...]] = {}
        try:
            if read_only and not self.path.exists():
                raise StoreError(
                    f"{self.path}: no such database; run `newsevents ingest PATH --db {self.path}` "
                    "first"
                )
            self.con = duckdb.connect(str(self.path), read_only=read_only)
            if not read_only:
                self.con.execute(_SCHEMA)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open the database: {exc}") from exc

    def close(self) -> None:
        """Close the connection (the file stays consistent)."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------

    def known_articles(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are already stored."""
        wanted = list(ids)
        if not wanted:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN ?", [wanted]).fetchall()
        return {r[0] for r in rows}

    def candidates(
        self, family: str, start: dt.date, end: dt.date, place: Place
    ) -> Sequence[StoredEvent]:
        """Stored events of a family with a mention dated within [start, end] and placed
        near the place (EventIndex); each comes with a sample of its mentions."""
        iso3 = place.iso3 or ""
        if (family, iso3) not in self._index.loaded:
            rows = self.con.execute(
                "SELECT event_id, date_lo, date_hi, latitude, longitude FROM mentions"
                " WHERE family = ? AND iso3 = ? AND date_lo IS NOT NULL",
                [family, iso3],
            ).fetchall()
            self._index.load(family, iso3, rows)
        ids = self._index.near(family, iso3, start, end, place)
        missing = [eid for eid in ids if eid not in self._samples]
        if missing:
            rows = self.con.execute(
                "SELECT event_id, data FROM mentions WHERE event_id IN ? ORDER BY mention_key",
                [missing],
            ).fetchall()
            found: dict[str, list[ResolvedMention]] = {}
            for eid, data in rows:
                sample = found.setdefault(eid, [])
                if len(sample) < _SAMPLE:
                    sample.append(mention_from_dict(json.loads(data)))
            if len(self._samples) > _CACHE_LIMIT:
                self._samples.clear()
            self._samples.update({eid: tuple(ms) for eid, ms in found.items()})
        return [StoredEvent(eid, self._samples[eid]) for eid in ids if eid in self._samples]

    def mentions_of(self, event_id: str) -> tuple[ResolvedMention, ...]:
        """Every stored mention of an event."""
        if event_id in self._recent:
            return self._recent[event_id]
        rows = self.con.execute(
            "SELECT data FROM mentions WHERE event_id = ? ORDER BY mention_key", [event_id]
        ).fetchall()
        return tuple(mention_from_dict(json.loads(r[0])) for r in rows)

    def resolve_id(self, event_id: str) -> str:
        """Follow redirects from merged-away ids to the surviving event id."""
        seen = {event_id}
        while True:
            row = self.con.execute(
                "SELECT new_id FROM redirects WHERE old_id = ?", [event_id]
            ).fetchone()
            if row is None or row[0] in seen:
                return event_id
            event_id = row[0]
            seen.add(event_id)

    def event(self, event_id: str) -> Event | None:
        """One event by id (a merged-away id gives the event it now belongs to)."""
        rows = self._select("WHERE event_id = ?", [self.resolve_id(event_id)])
        return rows[0] if rows else None

    def events(self, flt: EventFilter = EventFilter()) -> list[Event]:
        """Events matching a filter, newest first."""
        where: list[str] = []
        params: list[Any] = []
        if flt.country:
            where.append("(lower(country) = lower(?) OR lower(iso3) = lower(?))")
            params += [flt.country, flt.country]
        if flt.event_type:
            where.append("(lower(event_type) = lower(?) OR lower(sub_event_type) = lower(?))")
            params += [flt.event_type, flt.event_type]
        if flt.since:
            where.append("event_date >= ?")
            params.append(flt.since)
        if flt.until:
            where.append("event_date <= ?")
            params.append(flt.until)
        if flt.status:
            where.append("status = ?")
            params.append(flt.status)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        clause += " ORDER BY event_date DESC NULLS LAST, event_id"
        if flt.limit:
            clause += f" LIMIT {int(flt.limit)}"
        return self._select(clause, params)

    def _select(self, clause: str, params: list[Any]) -> list[Event]:
        cols = ", ".join(EVENT_FIELDS)
        cur = self.con.execute(f"SELECT {cols} FROM events {clause}", params)
        out = []
        for row in cur.fetchall():
            d = dict(zip(EVENT_FIELDS, row, strict=True))
            for key in ("event_date", "event_date_end"):
                d[key] = d[key].isoformat() if d[key] is not None else None
            for key in _JSON_FIELDS:
                d[key] = json.loads(d[key]) if d[key] is not None else None
            out.append(event_from_dict(d))
        return out

    def counts(self) -> dict[str, int]:
        """Numbers of stored articles, mentions and events."""
        out = {}
        for table in ("articles", "mentions", "events"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    # -- writing -------------------------------------------------------------------------

    def write_batch(
        self,
        articles: Sequence[tuple[Article, int]],
        merged: Sequence[MergeResult],
        events: Sequence[Event],
        family_of: dict[str, str],
        version: str,
    ) -> None:
        """Store one batch atomically: its articles, their mentions, and the rebuilt events."""
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        batch_ids = {a.id for a, _ in articles}
        rows: list[tuple[Any, ...]] = []
        try:
            self.con.execute("BEGIN TRANSACTION")
            self._insert_many(
                "INSERT INTO articles VALUES {} ON CONFLICT DO NOTHING",
                [
                    (
                        a.id,
                        a.url,
                        a.outlet,
                        a.title,
                        a.published,
                        a.source,
                        a.text,
                        json.dumps(a.metadata, default=str),
                        n,
                        now,
                        version,
                    )
                    for a, n in articles
                ],
            )
            for result in merged:
                ordered = sorted(result.mentions, key=mention_key)
                self._samples[result.event_id] = tuple(ordered[:_SAMPLE])
                for gone in result.absorbed:
                    self._samples.pop(gone, None)
                    self.con.execute("DELETE FROM events WHERE event_id = ?", [gone])
                    self.con.execute(
                        "INSERT OR REPLACE INTO redirects VALUES (?, ?)", [gone, result.event_id]
                    )
                    self.con.execute(
                        "UPDATE redirects SET new_id = ? WHERE new_id = ?",
                        [result.event_id, gone],
                    )
                    self.con.execute(
                        "UPDATE mentions SET event_id = ? WHERE event_id = ?",
                        [result.event_id, gone],
                    )
                # Mentions already stored keep their rows; only this batch's are written.
                for m in result.mentions:
                    if m.source.article_id not in batch_ids:
                        continue
                    window = date_window(m)
                    rows.append(
                        (
                            mention_key(m),
                            result.event_id,
                            m.source.article_id,
                            family_of[m.mention.event_type],
                            window[0] if window else None,
                            window[1] if window else None,
                            m.place.iso3 if m.place else None,
                            m.place.latitude if m.place else None,
                            m.place.longitude if m.place else None,
                            m.place.geo_precision if m.place else None,
                            json.dumps(to_dict(m)),
                        )
                    )
            if rows:
                self._insert_many("INSERT OR REPLACE INTO mentions VALUES {}", rows)
            if events:
                self.con.execute(
                    "DELETE FROM events WHERE event_id IN ?", [[e.event_id for e in events]]
                )
                self._insert_many(
                    "INSERT INTO events VALUES {}", [self._event_row(e) for e in events]
                )
            self.con.execute("COMMIT")
            for row in rows:
                self._index.add(row[1], row[3], row[6], row[4], row[5], row[7], row[8])
            if len(self._recent) > _RECENT_LIMIT:
                self._recent.clear()
            for result in merged:
                self._recent[result.event_id] = result.mentions
                for gone in result.absorbed:
                    self._index.rename(gone, result.event_id)
                    self._recent.pop(gone, None)
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            self._samples.clear()
            self._index = _PlaceTimeIndex()
            self._recent.clear()
            raise StoreError(f"{self.path}: writing a batch failed: {exc}") from exc

    def _insert_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows with multi-row VALUES statements: DuckDB's executemany runs one
        statement per row and was a third of ingest time."""
        if not rows:
            return
        width = len(rows[0])
        one = "(" + ", ".join("?" * width) + ")"
        for i in range(0, len(rows), _ROWS_PER_STATEMENT):
            chunk = rows[i : i + _ROWS_PER_STATEMENT]
            params = [value for row in chunk for value in row]
            self.con.execute(sql.format(", ".join([one] * len(chunk))), params)

    @staticmethod
    def _event_row(event: Event) -> list[Any]:
        d = to_dict(event)
        return [json.dumps(d[f]) if f in _JSON_FIELDS else d[f] for f in EVENT_FIELDS]
