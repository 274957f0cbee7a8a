"""The event store: one DuckDB file with articles, mentions, events and redirects.

Every ingest batch is written in one transaction, so a run killed at any moment leaves
the file as it was after the last whole batch; running the same command again skips
the articles already stored and continues. Events are derived from their mentions:
whenever a batch adds mentions to an event, the event row is rebuilt from all of them.
"""

from __future__ import annotations

import array
import datetime as dt
import fcntl
import json
import os
import random
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from newsevents.codec import (
    LINK_KILLED,
    LINK_PRECISION,
    BodyDecoder,
    body_and_source,
    event_from_dict,
    to_dict,
    traits_from_json,
    traits_to_json,
)
from newsevents.errors import StoreError
from newsevents.linkage import Link, identifying_toll, traits
from newsevents.merge import Regroup, date_window
from newsevents.records import Article, Event, Place, ResolvedMention
from newsevents.store_memory import Head, PlaceTimeIndex, month_bounds
from newsevents.store_schema import (
    MENTION_COLUMNS,
    ROW_FIELDS,
    SOURCE_COLUMNS,
    create_or_upgrade,
    sources_by_event,
    table_type,
)
from newsevents.stories import Story
from newsevents.syndication import Sketch, sketch

_JSON_FIELDS = ("arguments", "sources", "claimed_by", "conflicts")
# Article text sketches (syndication) kept in memory by the writing process.
_CACHE_LIMIT = 200_000
# Stored mentions read at a time when merge asks for events' mentions.
_DECODE_CHUNK = 2048
# Event rows written at a time.
_EVENT_CHUNK = 2048
# New mention rows written at a time: a large commit's 28,000 rows as JSON and then as an
# Arrow table, all at once, held about 90 MB next to DuckDB's own copy.
_INSERT_CHUNK = 4096
# A stored mention's stated dead and date precision, read from its `link` (what merging
# compares, `codec.traits_to_json`; links written before 2026-11-27 have no toll).
_LINK_TOLL = f"TRY_CAST(link->>'$[{LINK_KILLED}]' AS INTEGER), link->>'$[{LINK_PRECISION}]'"
# Rows in a row group of the file the writer writes (DuckDB's default is 122,880). The
# checkpoint that follows each commit rewrites the row groups that took its new rows; our
# reading of the measurements is that with the default size that meant re-compressing
# most stored mentions each time. On a 20,000-article bench replay the writer peaked at
# 930-965 MB with the default size and at 850-864 MB with 4,096.
_ROW_GROUP_SIZE = 4096
# Seconds to wait for another process to let go of the file: DuckDB lets one process hold
# a file for writing and no other open it meanwhile, not even to read (docs/serving.md).
LOCK_WAIT = 60.0

# The writing process's memory (issue 9). By default DuckDB keeps memory a statement freed
# for reuse until 128 MB (512 MB after a bulk free) are idle; flushing sooner lowered the
# writer's peak on 12,000 cached bench results from 941 to 849 MB.
_WRITER_SETTINGS = (
    "SET allocator_flush_threshold = '8MB'",
    "SET allocator_bulk_deallocation_flush_threshold = '32MB'",
)


@dataclass(frozen=True)
class EventFilter:
    """What `events` / `export` select."""

    country: str | None = None
    event_type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    status: str | None = None
    limit: int | None = None
    min_confidence: float | None = None  # events at or above this confidence only


# crc32 hashes are unsigned 32-bit numbers.
_HASH_TYPE = "I" if array.array("I").itemsize >= 4 else "L"


def _pack(hashes: Sketch) -> bytes:
    return array.array(_HASH_TYPE, hashes).tobytes()


def _unpack(packed: bytes) -> Sketch:
    return tuple(array.array(_HASH_TYPE, packed))


def _chunks(items: Iterable[Event], size: int) -> Iterator[list[Event]]:
    chunk: list[Event] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def open_database(
    path: Path, read_only: bool, wait: float = LOCK_WAIT
) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file, retrying with backoff while another process holds it."""
    deadline = time.monotonic() + wait
    delay = 0.01
    while True:
        try:
            return duckdb.connect(str(path), read_only=True) if read_only else _open_writer(path)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() + delay > deadline:
                raise StoreError(
                    f"{path}: cannot open the database: {exc}; another process kept it "
                    f"for more than {wait:.0f} s, try again when it has finished"
                ) from exc
        except duckdb.Error as exc:
            raise StoreError(f"{path}: cannot open the database: {exc}") from exc
        # Jitter keeps a reader and a writer that collided from colliding again in step.
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 0.25)


def _open_writer(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection that writes the file in row groups of `_ROW_GROUP_SIZE` rows."""
    con = duckdb.connect()
    try:
        quoted = str(path).replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS store (ROW_GROUP_SIZE {_ROW_GROUP_SIZE})")
        con.execute("USE store")
    except BaseException:
        con.close()
        raise
    return con


def _claim_writer(path: Path) -> int:
    """Take the one-writer claim on a store: a writing Store keeps caches of what it wrote
    and lets go of the file between batches, so a second writer must wait for the first."""
    lock = Path(f"{path}.writer.lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise StoreError(
            f"{path}: another process is writing to this database (it holds {lock}); "
            "wait for that ingest to finish"
        ) from None
    return fd


class Store:
    """A DuckDB event store; also the EventIndex that merge consults."""

    def __init__(self, path: Path | str, read_only: bool = False) -> None:
        self.path = Path(path)
        # Packed (4 bytes a hash, 290 bytes an article instead of 2.3 KB as a tuple).
        self._sketches: dict[str, bytes] = {}
        self._index = PlaceTimeIndex()
        self._rows: str | None = None  # see _rows_table
        self.read_only = read_only
        self._con: duckdb.DuckDBPyConnection | None = None
        self._writer_lock: int | None = None
        if read_only and not self.path.exists():
            raise StoreError(
                f"{self.path}: no such database; run `newsevents ingest PATH --db {self.path}` "
                "first"
            )
        if not read_only:
            self._writer_lock = _claim_writer(self.path)
        try:
            if not read_only:
                create_or_upgrade(self.con)
                self.release()
            else:
                self.con.execute("SELECT 1")
        except duckdb.Error as exc:
            self.close()
            raise StoreError(f"{self.path}: cannot open the database: {exc}") from exc

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The connection, opened again after `release` (waiting while another process,
        such as `newsevents serve` answering a request, holds the file)."""
        if self._con is None:
            self._con = open_database(self.path, self.read_only)
            if not self.read_only:
                for setting in _WRITER_SETTINGS:
                    self._con.execute(setting)
        return self._con

    def release(self) -> None:
        """Let go of the file so other processes can read it between batches; the
        in-memory caches stay, since this Store is the only writer (see `_claim_writer`)."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def leave_claim_to_parent(self) -> None:
        """In a forked child: close this process's copy of the writer claim. The claim
        stays with the parent (a lock on the open file, which the parent's copy keeps
        open), and ends when the parent exits, even while this child is still being torn
        down; DuckDB's own lock, which a new writer waits for, guards the file until then."""
        self._close_claim()

    def close(self) -> None:
        """Close the connection (the file stays consistent) and end the writer claim."""
        self.release()
        self._close_claim()

    def _close_claim(self) -> None:
        """Close this process's descriptor of the writer claim (the claim ends with the
        last one)."""
        if self._writer_lock is not None:
            os.close(self._writer_lock)
            self._writer_lock = None

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
        if not self.read_only:
            # The pipeline's slow stages run next: readers may use the file meanwhile.
            self.release()
        return {r[0] for r in rows}

    def candidates(
        self, family: str, start: dt.date, end: dt.date, place: Place, toll: int | None = None
    ) -> list[str]:
        """Ids of stored events of a family with a mention dated within [start, end] and
        placed near the place, or giving `toll` in its country (EventIndex)."""
        iso3 = place.iso3 or ""
        missing = self._index.missing(family, iso3, start, end)
        if missing:
            first, last = month_bounds(missing)
            rows = self.con.execute(
                f"SELECT event_id, date_lo, date_hi, latitude, longitude, {_LINK_TOLL}"
                " FROM mentions WHERE family = ? AND iso3 = ? AND date_lo <= ? AND date_hi >= ?",
                [family, iso3, last, first],
            ).fetchall()
            self._index.load(
                family,
                iso3,
                missing,
                ((*r[:5], identifying_toll(r[5], r[6], iso3)) for r in rows),
            )
        return self._index.near(family, iso3, start, end, place, toll)

    def links_of(self, event_ids: Sequence[str]) -> dict[str, tuple[Link, ...]]:
        """Every stored mention of each of these events as merging sees it (EventIndex):
        read from the short `link` column, not decoded whole."""
        if not event_ids:
            return {}
        # Read in chunks and put in order here: sorted by DuckDB, the whole result was
        # held at once. The bulky `data` column is not named: DuckDB would decompress it
        # for every row it scans.
        cur = self.con.execute(
            "SELECT event_id, mention_key, coalesce(published, ''), article_id, char_start,"
            " link FROM mentions WHERE event_id IN ?",
            [list(event_ids)],
        )
        found: dict[str, list[Link]] = {e: [] for e in event_ids}
        unread: list[tuple[str, str, str, str, int]] = []
        # An article's mentions share its id and date strings.
        strings: dict[str, str] = {}
        while rows := cur.fetchmany(_DECODE_CHUNK):
            for eid, key, published, article_id, start, packed in rows:
                published = strings.setdefault(published, published)
                article_id = strings.setdefault(article_id, article_id)
                if packed is None:
                    unread.append((eid, key, published, article_id, start))
                else:
                    found[eid].append(
                        Link(key, published, article_id, start, traits_from_json(packed))
                    )
        if unread:
            # Rows written before the link column: their traits come from the record.
            whole = self.mentions_by_key([u[1] for u in unread])
            for eid, key, published, article_id, start in unread:
                found[eid].append(Link(key, published, article_id, start, traits(whole[key])))
        return {eid: tuple(sorted(xs, key=lambda x: x.key)) for eid, xs in found.items()}

    def mentions_by_key(self, keys: Sequence[str]) -> dict[str, ResolvedMention]:
        """Stored mentions, whole, by key (EventIndex)."""
        if not keys:
            return {}
        cur = self.con.execute(
            "SELECT mention_key, data, source FROM mentions WHERE mention_key IN ?", [list(keys)]
        )
        out: dict[str, ResolvedMention] = {}
        decoder = BodyDecoder()
        while rows := cur.fetchmany(_DECODE_CHUNK):
            for key, data, source in rows:
                out[key] = decoder.decode(data, source)
        return out

    def events_of_articles(self, article_ids: Sequence[str]) -> list[str]:
        """Ids of stored events with a mention from one of these articles (EventIndex)."""
        if not article_ids:
            return []
        rows = self.con.execute(
            "SELECT DISTINCT event_id FROM mentions WHERE article_id IN ? ORDER BY 1",
            [list(article_ids)],
        ).fetchall()
        return [r[0] for r in rows]

    def sketches(self, article_ids: Sequence[str]) -> dict[str, Sketch]:
        """Stored text sketches of these articles (EventIndex; for syndication)."""
        missing = [a for a in article_ids if a not in self._sketches]
        if missing:
            if len(self._sketches) > _CACHE_LIMIT:
                self._sketches.clear()
            rows = self.con.execute(
                "SELECT article_id, sketch FROM sketches WHERE article_id IN ?", [missing]
            ).fetchall()
            self._sketches.update({a: _pack(json.loads(v)) for a, v in rows})
        return {a: _unpack(self._sketches[a]) for a in article_ids if a in self._sketches}

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
        if flt.min_confidence is not None:
            where.append("confidence >= ?")
            params.append(flt.min_confidence)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        clause += " ORDER BY event_date DESC NULLS LAST, event_id"
        if flt.limit:
            clause += f" LIMIT {int(flt.limit)}"
        return self._select(clause, params)

    def _select(self, clause: str, params: list[Any]) -> list[Event]:
        if self._rows_table() == "events":
            # A store written before sources left the event row, opened read-only.
            old = self._decode(self.con.execute(f"SELECT * FROM events {clause}", params))
            return [event_from_dict(d) for d in old]
        rows = self._decode(self.con.execute(f"SELECT * FROM event_rows {clause}", params))
        if not rows:
            return []
        ids = [e["event_id"] for e in rows]
        sql = f"SELECT {SOURCE_COLUMNS} FROM mentions"
        # Listing most of the store: one pass over the mentions beats a long id list.
        found = sources_by_event(
            self.con.execute(sql).fetchall()
            if len(ids) > 1000
            else self.con.execute(f"{sql} WHERE event_id IN ?", [ids]).fetchall()
        )
        return [event_from_dict({**e, "sources": found.get(e["event_id"], [])}) for e in rows]

    @staticmethod
    def _decode(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
        """Rows of events or event_rows as record dicts (dates as ISO text, JSON decoded)."""
        names = [d[0] for d in cur.description or ()]
        out = []
        for row in cur.fetchall():
            d = dict(zip(names, row, strict=True))
            for key in ("event_date", "event_date_end"):
                d[key] = d[key].isoformat() if d[key] is not None else None
            for key in _JSON_FIELDS:
                if key in d:
                    d[key] = json.loads(d[key]) if d[key] is not None else None
            out.append(d)
        return out

    def _rows_table(self) -> str:
        """`event_rows`, or `events` in a store written before sources left the event row
        and opened read-only (asked once: a writer moves a store when it opens it)."""
        if self._rows is None:
            self._rows = "event_rows" if table_type(self.con, "event_rows") else "events"
        return self._rows

    def counts(self) -> dict[str, int]:
        """Numbers of stored articles, mentions and events."""
        # Events are counted in their rows: through the events view, DuckDB gathered
        # every mention's source first (123 MB at 20,000 bench articles).
        rows = self._rows_table()
        out = {}
        for name, table in (("articles", "articles"), ("mentions", "mentions"), ("events", rows)):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[name] = int(row[0]) if row else 0
        return out

    def outdated_articles(self, version: str) -> list[str]:
        """Ids of stored articles last processed by another pipeline version."""
        rows = self.con.execute(
            "SELECT id FROM articles WHERE pipeline_version IS DISTINCT FROM ? ORDER BY id",
            [version],
        ).fetchall()
        return [r[0] for r in rows]

    def articles(self, ids: Sequence[str]) -> list[Article]:
        """Stored articles by id, as ingest made them (for `reprocess`)."""
        if not ids:
            return []
        rows = self.con.execute(
            "SELECT id, text, title, published, url, outlet, source, metadata FROM articles"
            " WHERE id IN ? ORDER BY id",
            [list(ids)],
        ).fetchall()
        return [
            Article(
                id=r[0],
                text=r[1],
                title=r[2],
                published=r[3],
                url=r[4],
                outlet=r[5],
                source=r[6] or "",
                metadata=json.loads(r[7]) if r[7] else {},
            )
            for r in rows
        ]

    def titles(self) -> dict[str, str]:
        """Every stored article's headline, by article id."""
        rows = self.con.execute("SELECT id, title FROM articles WHERE title IS NOT NULL")
        return {a: t for a, t in rows.fetchall() if t}

    def stories(self) -> list[tuple[Story, list[Event]]]:
        """Stored stories (from the last `newsevents stories`), each with its events in
        timeline order."""
        rows = self.con.execute(
            "SELECT story_id, title, start_date, end_date, n_articles, location, country,"
            " fatalities FROM stories ORDER BY start_date, story_id"
        ).fetchall()
        links = self.con.execute("SELECT story_id, event_id FROM story_events").fetchall()
        members: dict[str, list[str]] = {}
        for sid, eid in links:
            members.setdefault(sid, []).append(eid)
        out = []
        for sid, title, start, end, n_articles, location, country, fatalities in rows:
            events = [e for e in (self.event(eid) for eid in members.get(sid, [])) if e]
            events.sort(key=lambda e: (e.event_date or "", e.event_id))
            story = Story(
                story_id=sid,
                title=title,
                start_date=start.isoformat() if start else "",
                end_date=end.isoformat() if end else "",
                event_ids=tuple(e.event_id for e in events),
                n_articles=n_articles,
                location=location,
                country=country,
                fatalities=fatalities,
            )
            out.append((story, events))
        return out

    # -- writing -------------------------------------------------------------------------

    def write_stories(self, stories: Sequence[Story], version: str) -> None:
        """Replace the stored stories with these, in one transaction."""
        try:
            self.con.execute("BEGIN TRANSACTION")
            self.con.execute("DELETE FROM story_events")
            self.con.execute("DELETE FROM stories")
            self._insert_many(
                "stories",
                rows=[
                    (
                        s.story_id,
                        s.title,
                        s.start_date or None,
                        s.end_date or None,
                        len(s.event_ids),
                        s.n_articles,
                        s.location,
                        s.country,
                        s.fatalities,
                        version,
                    )
                    for s in stories
                ],
            )
            self._insert_many(
                "story_events",
                rows=[(s.story_id, eid) for s in stories for eid in s.event_ids],
            )
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: writing stories failed: {exc}") from exc

    def write_batch(
        self,
        articles: Sequence[tuple[Article, int]],
        plan: Sequence[Regroup],
        fresh: Mapping[str, ResolvedMention],
        events: Iterable[Event],
        family_of: dict[str, str],
        version: str,
    ) -> int:
        """Store one batch atomically: its articles, their mentions (`fresh`, by key, placed
        in events by merge's `plan`), and the rebuilt events, which `events` may build
        while this runs (reading stored mentions through this Store). Returns the number
        of event rows written."""
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        # One row per article and per mention key (the last given wins, as a replace
        # would): the inserts below are plain and would fail on a key given twice.
        articles = list({a.id: (a, n) for a, n in articles}.values())
        batch_ids = {a.id for a, _ in articles}
        written = 0
        try:
            self.con.execute("BEGIN TRANSACTION")
            # A batch replaces what was stored for its articles (`reprocess` runs them again):
            # their rows are deleted, then inserted. `INSERT OR REPLACE` would do both in
            # one statement, but it checks every row against the key index and holds far
            # more memory: 28,000 mention rows into a 12,000-article store took 306 MB
            # with it and 142 MB as a plain insert.
            batch_list = sorted(batch_ids)
            dropped: list[Head] = []
            if batch_list:
                self.con.execute("DELETE FROM articles WHERE id IN ?", [batch_list])
                self.con.execute("DELETE FROM sketches WHERE article_id IN ?", [batch_list])
                dropped = self._heads("article_id", batch_list)
                if dropped:
                    self.con.execute("DELETE FROM mentions WHERE article_id IN ?", [batch_list])
            self._insert_many(
                "articles",
                rows=[
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
            new_sketches = {a.id: sketch(a.text) for a, _ in articles}
            self._insert_many(
                "sketches", rows=[(aid, json.dumps(sk)) for aid, sk in new_sketches.items()]
            )
            moves: list[tuple[Head, str]] = []
            # This batch's mentions by key and the event each joins.
            joins: dict[str, tuple[str, ResolvedMention]] = {}
            for result in plan:
                if not result.keys:
                    # Every mention of the event came from articles processed again and
                    # none is left: the event is no longer found.
                    self.con.execute("DELETE FROM event_rows WHERE event_id = ?", [result.event_id])
                    continue
                for gone in result.absorbed:
                    self.con.execute("DELETE FROM event_rows WHERE event_id = ?", [gone])
                    self.con.execute(
                        "INSERT OR REPLACE INTO redirects VALUES (?, ?)", [gone, result.event_id]
                    )
                    self.con.execute(
                        "UPDATE redirects SET new_id = ? WHERE new_id = ?",
                        [result.event_id, gone],
                    )
                if result.moved:
                    moves.extend(
                        (h, result.event_id) for h in self._heads("mention_key", result.moved)
                    )
                    self.con.execute(
                        "UPDATE mentions SET event_id = ? WHERE mention_key IN ?",
                        [result.event_id, list(result.moved)],
                    )
                # Mentions already stored keep their rows; only this batch's are written.
                for key in result.keys:
                    m = fresh.get(key)
                    if m is not None and m.source.article_id in batch_ids:
                        joins[key] = (result.event_id, m)
            heads = self._insert_mentions(joins, family_of)
            for chunk in _chunks(events, _EVENT_CHUNK):
                ids = [e.event_id for e in chunk]
                self.con.execute("DELETE FROM event_rows WHERE event_id IN ?", [ids])
                # A live event never redirects (an id can come back after a split).
                self.con.execute("DELETE FROM redirects WHERE old_id IN ?", [ids])
                self._insert_many("event_rows", rows=[self._event_row(e) for e in chunk])
                written += len(chunk)
            self.con.execute("COMMIT")
            for head in dropped:
                self._index.drop(head)
            for head in heads:
                self._index.add(head)
            for head, eid in moves:
                self._index.move(head, eid)
            self._index.trim()
            self._sketches.update({a: _pack(sk) for a, sk in new_sketches.items()})
            # Between batches the file is free for readers such as `newsevents serve`.
            self.release()
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            self.release()
            self._index = PlaceTimeIndex()
            raise StoreError(f"{self.path}: writing a batch failed: {exc}") from exc
        return written

    def _insert_mentions(
        self, joins: dict[str, tuple[str, ResolvedMention]], family_of: dict[str, str]
    ) -> list[Head]:
        """Write a batch's mention rows (key -> event id and mention), `_INSERT_CHUNK` at a
        time. Returns what the place/time index counts of each."""
        heads: list[Head] = []
        items = list(joins.items())
        for start in range(0, len(items), _INSERT_CHUNK):
            rows: list[tuple[Any, ...]] = []
            for key, (event_id, m) in items[start : start + _INSERT_CHUNK]:
                window = date_window(m)
                body, source = body_and_source(m)
                family = family_of[m.mention.event_type]
                lo, hi = window if window else (None, None)
                iso3 = m.place.iso3 if m.place else None
                lat = m.place.latitude if m.place else None
                lon = m.place.longitude if m.place else None
                toll = identifying_toll(m.mention.killed, m.date.precision, iso3)
                heads.append((event_id, family, lo, hi, iso3, lat, lon, toll))
                rows.append(
                    (
                        key,
                        event_id,
                        m.source.article_id,
                        family,
                        lo,
                        hi,
                        iso3,
                        lat,
                        lon,
                        m.place.geo_precision if m.place else None,
                        body,
                        m.source.char_start,
                        m.source.published,
                        source,
                        traits_to_json(traits(m)),
                    )
                )
            self._insert_many("mentions", rows, MENTION_COLUMNS)
        return heads

    def _heads(self, column: str, values: Sequence[str]) -> list[Head]:
        """What the place/time index counts of the stored mentions whose `column` is one
        of `values`."""
        rows = self.con.execute(
            f"SELECT event_id, family, date_lo, date_hi, iso3, latitude, longitude, {_LINK_TOLL}"
            f" FROM mentions WHERE {column} IN ?",
            [list(values)],
        ).fetchall()
        return [(*r[:7], identifying_toll(r[7], r[8], r[4])) for r in rows]

    def _insert_many(
        self, table: str, rows: Sequence[Sequence[Any]], columns: Sequence[str] = ()
    ) -> None:
        """Insert rows in one statement from an Arrow table (into `columns`, by default
        all in the table's order): statements with the values written out (up to 200
        rows each) cost DuckDB more to parse and plan than to run, a fifth of the
        writer's time."""
        if not rows:
            return
        arrays = [pa.array(list(values)) for values in zip(*rows, strict=True)]
        batch = pa.Table.from_arrays(arrays, names=[f"c{i}" for i in range(len(arrays))])
        into = f"{table} ({', '.join(columns)})" if columns else table
        self.con.register("_insert_rows", batch)
        try:
            self.con.execute(f"INSERT INTO {into} SELECT * FROM _insert_rows")
        finally:
            self.con.unregister("_insert_rows")

    @staticmethod
    def _event_row(event: Event) -> list[Any]:
        # The sources live in the mention rows (newsevents.store_schema).
        d = to_dict(replace(event, sources=()))
        return [json.dumps(d[f]) if f in _JSON_FIELDS else d[f] for f in ROW_FIELDS]
