"""The store's tables, the `events` view, and the move of older stores to this layout.

An event's sources are not stored with the event. They are its mentions' sources: every
mention row carries its own (`source`, with `published` and `char_start` to order them),
and the `events` view puts them back as the record's `sources` list. Kept in the event
row, they made every batch rewrite each event it touched with all its sources: an event
reported hundreds of times was written again, whole, each time one more report joined,
and the writer's memory grew with the store (on 12,000 bench articles, 898 MB at the
last commit with them in the row, 723 MB without).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb

from newsevents.codec import EVENT_FIELDS

# The bulky JSON column (a mention's record) uses zstd (DuckDB 2.0 or later): with the
# default string compression, the checkpoint after 11,000 new mentions joined 82,000
# re-compressed the table's row groups in 400 MB, with zstd in 140 MB.
SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, url VARCHAR, outlet VARCHAR, title VARCHAR, published VARCHAR,
    source VARCHAR, text VARCHAR, metadata JSON, n_mentions INTEGER,
    ingested_at TIMESTAMP, pipeline_version VARCHAR
);
CREATE TABLE IF NOT EXISTS mentions (
    mention_key VARCHAR PRIMARY KEY, event_id VARCHAR, article_id VARCHAR, family VARCHAR,
    date_lo DATE, date_hi DATE, iso3 VARCHAR, latitude DOUBLE, longitude DOUBLE,
    geo_precision INTEGER, data JSON USING COMPRESSION zstd,
    char_start INTEGER, published VARCHAR, source JSON, link VARCHAR
);
CREATE TABLE IF NOT EXISTS event_rows (
    event_id VARCHAR PRIMARY KEY, event_date DATE, event_date_end DATE,
    date_precision VARCHAR, event_type VARCHAR, sub_event_type VARCHAR,
    actor1 VARCHAR, actor1_kind VARCHAR, actor2 VARCHAR, actor2_kind VARCHAR,
    location VARCHAR, admin1 VARCHAR, country VARCHAR, iso3 VARCHAR,
    latitude DOUBLE, longitude DOUBLE, geo_precision INTEGER,
    fatalities INTEGER, injured INTEGER, arguments JSON, status VARCHAR, modality VARCHAR,
    confidence DOUBLE, pipeline_version VARCHAR, notes VARCHAR,
    n_sources INTEGER, claimed_by JSON, conflicts JSON
);
CREATE TABLE IF NOT EXISTS redirects (old_id VARCHAR PRIMARY KEY, new_id VARCHAR);
CREATE TABLE IF NOT EXISTS sketches (article_id VARCHAR PRIMARY KEY, sketch JSON);
CREATE TABLE IF NOT EXISTS stories (
    story_id VARCHAR PRIMARY KEY, title VARCHAR, start_date DATE, end_date DATE,
    n_events INTEGER, n_articles INTEGER, location VARCHAR, country VARCHAR,
    fatalities INTEGER, pipeline_version VARCHAR
);
CREATE TABLE IF NOT EXISTS story_events (story_id VARCHAR, event_id VARCHAR);
"""
# Tables besides the event record's (docs/DESIGN.md):
# - mentions: one row per event mention, `data` the ResolvedMention as JSON less its
#   source and article id (`codec.body_and_source`: copies of a report have one body;
#   rows written before 2026-11-26 hold the whole record), `event_id`
#   the event it belongs to now; date_lo/date_hi/iso3/latitude/longitude index it for
#   merge; `source` (where it was reported, as JSON), `published` and `char_start` give
#   the event's sources; `link` is what merging compares (`codec.traits_to_json`).
# - event_rows: the event record without its sources; read events through the view.
# - redirects: an event id merged away (old_id) and the id that absorbed it (new_id).
# - sketches: each article's text sketch (newsevents.syndication), so syndicated copies
#   of one wire story count once in n_sources.
# - stories (`newsevents stories`, rebuilt whole on each run): related events told as one
#   story: story_id, title (the headline most of its events come from, else generated),
#   start_date and end_date (its first and last event dates), n_events, n_articles,
#   location and country (its most frequent place), fatalities (the sum over its events,
#   null when none is reported), pipeline_version.
# - story_events: which events (event_id) a story (story_id) holds.

# The mention row as the writer gives it (a store moved from an older layout may hold
# these columns in another order).
MENTION_COLUMNS = (
    "mention_key",
    "event_id",
    "article_id",
    "family",
    "date_lo",
    "date_hi",
    "iso3",
    "latitude",
    "longitude",
    "geo_precision",
    "data",
    "char_start",
    "published",
    "source",
    "link",
)

ROW_FIELDS: tuple[str, ...] = tuple(f for f in EVENT_FIELDS if f != "sources")

# Distinct sources of each event in the order merge gives them: by the mentions' order
# (the earliest-published report first, then article, position and mention key), each
# source where its first mention stands. Two mentions of one sentence in one event (two
# event types) give one source.
_SOURCE_LISTS = """
SELECT event_id, to_json(list(source ORDER BY first)) AS sources
FROM (SELECT event_id, source,
             min((coalesce(published, ''), article_id, char_start, mention_key)) AS first
      FROM mentions WHERE source IS NOT NULL GROUP BY event_id, source)
GROUP BY event_id
"""

# What `sources_by_event` reads from the mentions table.
SOURCE_COLUMNS = "event_id, coalesce(published, ''), article_id, char_start, mention_key, source"

# Every event record, sources included, in the record's field order. A filter on
# event_id reaches the grouping (one event in about 5 ms); a query that does not name
# `sources` skips the join; listing every event's sources groups every mention (0.3 s
# for 8,800 events).
_VIEW_COLUMNS = ", ".join(
    "coalesce(s.sources, '[]'::JSON) AS sources" if f == "sources" else f"r.{f}"
    for f in EVENT_FIELDS
)
VIEW = (
    f"CREATE OR REPLACE VIEW events AS SELECT {_VIEW_COLUMNS}"
    f" FROM event_rows r LEFT JOIN ({_SOURCE_LISTS}) s USING (event_id)"
)


def table_type(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """'BASE TABLE', 'VIEW' or None: what `name` is in the main schema."""
    row = con.execute(
        "SELECT table_type FROM information_schema.tables"
        " WHERE table_schema = 'main' AND table_name = ?",
        [name],
    ).fetchone()
    return str(row[0]) if row else None


def create_or_upgrade(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables and the view, first moving a store written before sources left
    the event row (an `events` table with a `sources` column) to this layout, in one
    transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        if table_type(con, "events") == "BASE TABLE":
            _upgrade(con)
        con.execute(SCHEMA)
        # Stores written before merging read traits (NULL there: merge decodes `data`).
        con.execute("ALTER TABLE mentions ADD COLUMN IF NOT EXISTS link VARCHAR")
        con.execute(VIEW)
        con.execute("COMMIT")
    except duckdb.Error:
        con.execute("ROLLBACK")
        raise


def _upgrade(con: duckdb.DuckDBPyConnection) -> None:
    # Mentions gain their source columns from their own records; the event rows move to
    # event_rows, and the old table makes way for the view.
    have = {r[0] for r in con.execute("SELECT name FROM pragma_table_info('mentions')").fetchall()}
    for column, kind in (("char_start", "INTEGER"), ("published", "VARCHAR"), ("source", "JSON")):
        if column not in have:
            con.execute(f"ALTER TABLE mentions ADD COLUMN {column} {kind}")
    con.execute(
        "UPDATE mentions SET char_start = CAST(data->>'$.source.char_start' AS INTEGER),"
        " published = data->>'$.source.published', source = data->'$.source'"
    )
    con.execute(SCHEMA)
    fields = ", ".join(ROW_FIELDS)
    con.execute(f"INSERT INTO event_rows ({fields}) SELECT {fields} FROM events")
    con.execute("DROP TABLE events")


def sources_by_event(rows: Iterable[Sequence[Any]]) -> dict[str, list[Any]]:
    """Each event's distinct sources in merge's order (as the events view lists them),
    from rows of SOURCE_COLUMNS, `source` JSON text."""
    found: dict[str, dict[str, tuple[Any, ...]]] = {}
    for event_id, published, article_id, char_start, key, source in rows:
        if source is None:
            continue
        held = found.setdefault(event_id, {})
        order = (published, article_id, char_start, key)
        if source not in held or order < held[source]:
            held[source] = order
    return {
        eid: [json.loads(s) for s in sorted(held, key=held.__getitem__)]
        for eid, held in found.items()
    }
