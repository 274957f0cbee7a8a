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
from newsevents.records import Article, Event

_JSON_FIELDS = ("arguments", "sources", "claimed_by", "conflicts")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, url VARCHAR, outlet VARCHAR, title VARCHAR, published VARCHAR,
    source VARCHAR, text VARCHAR, metadata JSON, n_mentions INTEGER,
    ingested_at TIMESTAMP, pipeline_version VARCHAR
);
CREATE TABLE IF NOT EXISTS mentions (
    mention_key VARCHAR PRIMARY KEY, event_id VARCHAR, article_id VARCHAR, family VARCHAR,
    date_lo DATE, date_hi DATE, iso3 VARCHAR, data JSON
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


class Store:
    """A DuckDB event store; also the EventIndex that merge consults."""

    def __init__(self, path: Path | str, read_only: bool = False) -> None:
        self.path = Path(path)
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
        self, family: str, start: dt.date | None, end: dt.date | None, iso3: str | None
    ) -> Sequence[StoredEvent]:
        """Stored events of a family with a mention dated within [start, end] (EventIndex)."""
        if start is None or end is None:
            return []
        rows = self.con.execute(
            "SELECT event_id, list(data) FROM mentions WHERE event_id IN ("
            " SELECT DISTINCT event_id FROM mentions WHERE family = ? AND date_hi >= ?"
            " AND date_lo <= ? AND (iso3 IS NULL OR ? IS NULL OR iso3 = ?))"
            " GROUP BY event_id ORDER BY event_id",
            [family, start, end, iso3, iso3],
        ).fetchall()
        return [
            StoredEvent(eid, tuple(mention_from_dict(json.loads(d)) for d in datas))
            for eid, datas in rows
        ]

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
        try:
            self.con.execute("BEGIN TRANSACTION")
            self.con.executemany(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT DO NOTHING",
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
                for gone in result.absorbed:
                    self.con.execute("DELETE FROM events WHERE event_id = ?", [gone])
                    self.con.execute(
                        "INSERT OR REPLACE INTO redirects VALUES (?, ?)", [gone, result.event_id]
                    )
                    self.con.execute(
                        "UPDATE redirects SET new_id = ? WHERE new_id = ?",
                        [result.event_id, gone],
                    )
                rows = []
                for m in result.mentions:
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
                            json.dumps(to_dict(m)),
                        )
                    )
                self.con.executemany(
                    "INSERT OR REPLACE INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows
                )
            if events:
                self.con.executemany(
                    "DELETE FROM events WHERE event_id = ?", [(e.event_id,) for e in events]
                )
                self.con.executemany(
                    f"INSERT INTO events VALUES ({', '.join('?' * len(EVENT_FIELDS))})",
                    [self._event_row(e) for e in events],
                )
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: writing a batch failed: {exc}") from exc

    @staticmethod
    def _event_row(event: Event) -> list[Any]:
        d = to_dict(event)
        return [json.dumps(d[f]) if f in _JSON_FIELDS else d[f] for f in EVENT_FIELDS]
