"""The SQL behind the HTTP API: filters, pages, aggregates and map clusters over the
store's tables, read-only. Every value reaches DuckDB as a bound parameter; column names
come from fixed tables here, never from the request.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any, Literal

import duckdb

from newsevents.codec import EVENT_FIELDS, event_from_dict, record_from_row
from newsevents.records import Event

Interval = Literal["day", "week", "month", "year"]
PlaceLevel = Literal["country", "admin1", "location"]
SORTABLE = (
    "event_date", "fatalities", "n_sources", "country", "admin1", "location", "event_type",
    "sub_event_type", "actor1", "actor2", "confidence",
)  # fmt: skip
SUMMARY_FIELDS = (
    "event_id", "event_date", "event_date_end", "date_precision", "event_type",
    "sub_event_type", "actor1", "actor1_kind", "actor2", "actor2_kind", "location", "admin1",
    "country", "iso3", "latitude", "longitude", "geo_precision", "fatalities", "injured",
    "status", "modality", "confidence", "n_sources", "notes",
)  # fmt: skip
_JSON_FIELDS = ("arguments", "sources", "claimed_by", "conflicts")
# Above this many events in view, the map gets server-side grid clusters instead of points.
MARKER_CAP = 2000
# Clusters about this many screen pixels wide (a 256-pixel tile spans 360/2^zoom degrees).
_CLUSTER_PIXELS = 80
# Articles longer than this are shown as a window of this size around the sentence.
_CONTEXT_CHARS = 30_000


@dataclass(frozen=True)
class EventQuery:
    """Which events a request selects (every field optional; `status` "all" keeps both)."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    min_fatalities: int | None = None
    min_confidence: float | None = None
    status: str = "new"
    q: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    story: str | None = None

    def key(self) -> tuple[Any, ...]:
        """A hashable identity for caching."""
        return tuple(getattr(self, f.name) for f in fields(self))

    def without_dates(self) -> EventQuery:
        """The same selection over all dates (the timeline shows what a brush can pick)."""
        return EventQuery(**{**self.__dict__, "since": None, "until": None})

    def where(self, con: duckdb.DuckDBPyConnection) -> tuple[str, list[Any]]:
        """The WHERE clause (or "") and its parameters."""
        parts: list[str] = []
        params: list[Any] = []
        if self.since:
            parts.append("event_date >= ?")
            params.append(self.since)
        if self.until:
            parts.append("event_date <= ?")
            params.append(self.until)
        if self.country:
            parts.append("(lower(country) = lower(?) OR lower(iso3) = lower(?))")
            params += [self.country, self.country]
        for column in ("admin1", "event_type", "sub_event_type"):
            value = getattr(self, column)
            if value:
                parts.append(f"lower({column}) = lower(?)")
                params.append(value)
        if self.actor:
            parts.append("(lower(actor1) = lower(?) OR lower(actor2) = lower(?))")
            params += [self.actor, self.actor]
        if self.min_fatalities is not None:
            parts.append("fatalities >= ?")
            params.append(self.min_fatalities)
        if self.min_confidence is not None:
            parts.append("confidence >= ?")
            params.append(self.min_confidence)
        if self.status != "all":
            parts.append("status = ?")
            params.append(self.status)
        if self.q:
            # contains() takes the text literally: no LIKE wildcards to escape.
            hay = "lower(concat_ws(' ', notes, location, admin1, country, actor1, actor2))"
            parts.append(f"contains({hay}, lower(?))")
            params.append(self.q)
        if self.bbox:
            west, south, east, north = self.bbox
            parts.append("latitude BETWEEN ? AND ?")
            params += [south, north]
            if west <= east:
                parts.append("longitude BETWEEN ? AND ?")
                params += [west, east]
            else:  # the box crosses the antimeridian
                parts.append("(longitude >= ? OR longitude <= ?)")
                params += [west, east]
        if self.story:
            if has_table(con, "story_events"):
                parts.append("event_id IN (SELECT event_id FROM story_events WHERE story_id = ?)")
                params.append(self.story)
            else:
                parts.append("FALSE")
        return ("WHERE " + " AND ".join(parts)) if parts else "", params


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether the store has this table (stories arrive with a later schema)."""
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main'",
        [name],
    ).fetchone()
    return bool(row and row[0])


def rows_table(con: duckdb.DuckDBPyConnection) -> str:
    """Where to read events when their sources are not needed: `event_rows` (the events
    view gathers every mention's source first, 15 ms for 8,800 events), or the `events`
    table of a store written before sources left the event row."""
    return "event_rows" if has_table(con, "event_rows") else "events"


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _page(cur: duckdb.DuckDBPyConnection, limit: int, offset: int) -> dict[str, Any]:
    """One page of a query that also selects `count(*) OVER () AS _total`."""
    items = _rows(cur)
    total = items[0].pop("_total") if items else 0
    for item in items:
        item.pop("_total", None)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description or ()]
    return [{n: _iso(v) for n, v in zip(names, row, strict=True)} for row in cur.fetchall()]


def list_events(
    con: duckdb.DuckDBPyConnection,
    query: EventQuery,
    sort: str,
    order: str,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    """One page of events (summary fields), with the total the filters select."""
    if sort not in SORTABLE or order not in ("asc", "desc"):
        raise ValueError(f"cannot sort by {sort!r} {order!r}")
    where, params = query.where(con)
    rows = rows_table(con)
    total_row = con.execute(f"SELECT count(*) FROM {rows} {where}", params).fetchone()
    cur = con.execute(
        f"SELECT {', '.join(SUMMARY_FIELDS)} FROM {rows} {where} "
        f"ORDER BY {sort} {order.upper()} NULLS LAST, event_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return {
        "total": int(total_row[0]) if total_row else 0,
        "limit": limit,
        "offset": offset,
        "sort": sort,
        "order": order,
        "items": _rows(cur),
    }


def iter_events(
    con: duckdb.DuckDBPyConnection, query: EventQuery, sort: str, order: str, chunk: int = 2000
) -> Iterator[list[Event]]:
    """Every selected event as full records, in chunks (for CSV and GeoJSON downloads)."""
    if sort not in SORTABLE or order not in ("asc", "desc"):
        raise ValueError(f"cannot sort by {sort!r} {order!r}")
    where, params = query.where(con)
    cur = con.execute(
        f"SELECT {', '.join(EVENT_FIELDS)} FROM events {where} "
        f"ORDER BY {sort} {order.upper()} NULLS LAST, event_id",
        params,
    )
    while True:
        rows = cur.fetchmany(chunk)
        if not rows:
            return
        yield [_event(dict(zip(EVENT_FIELDS, row, strict=True))) for row in rows]


def _event(d: dict[str, Any]) -> Event:
    for key in ("event_date", "event_date_end"):
        d[key] = _iso(d[key])
    for key in _JSON_FIELDS:
        d[key] = json.loads(d[key]) if d[key] is not None else None
    d["arguments"] = d["arguments"] or {}
    d["sources"] = d["sources"] or []
    return event_from_dict(d)


def resolve_id(con: duckdb.DuckDBPyConnection, event_id: str) -> str:
    """Follow redirects from merged-away ids to the surviving id."""
    seen = {event_id}
    while True:
        row = con.execute("SELECT new_id FROM redirects WHERE old_id = ?", [event_id]).fetchone()
        if row is None or row[0] in seen:
            return event_id
        event_id = row[0]
        seen.add(event_id)


def get_event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One full event record (JSON fields decoded), its stories and the id asked for."""
    current = resolve_id(con, event_id)
    cur = con.execute(f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE event_id = ?", [current])
    found = _rows(cur)
    if not found:
        return None
    event = found[0]
    for key in _JSON_FIELDS:
        event[key] = json.loads(event[key]) if event[key] is not None else None
    event["redirected_from"] = event_id if current != event_id else None
    event["stories"] = []
    if has_table(con, "stories") and has_table(con, "story_events"):
        event["stories"] = _rows(
            con.execute(
                "SELECT s.story_id, s.title FROM stories s JOIN story_events se "
                "ON s.story_id = se.story_id WHERE se.event_id = ? ORDER BY s.start_date",
                [current],
            )
        )
    return event


def _find(haystack: str, needle: str, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """First place `needle` occurs in `haystack` (exact case first), not overlapping `taken`."""
    if not needle.strip():
        return None
    for text, pat in ((haystack, needle), (haystack.lower(), needle.lower())):
        at = text.find(pat)
        while at >= 0:
            span = (at, at + len(pat))
            if all(span[1] <= a or span[0] >= b for a, b in taken):
                return span
            at = text.find(pat, at + 1)
    return None


def _roles(mention: dict[str, Any] | None, event: dict[str, Any]) -> list[tuple[str, str]]:
    """(role, surface) pairs to highlight: the mention's own when stored, else the event's."""
    out: list[tuple[str, str]] = []
    if mention is not None:
        m = mention["mention"]
        out.append(("trigger", m["trigger"]))
        arguments = m["arguments"]
    else:
        arguments = event["arguments"] or {}
    for role, surfaces in arguments.items():
        out += [(role, s) for s in surfaces]
    # Longer strings first, so "Islamic State group" wins over "Islamic State".
    return sorted(out, key=lambda rs: -len(rs[1]))


def evidence(con: duckdb.DuckDBPyConnection, event: dict[str, Any]) -> list[dict[str, Any]]:
    """Each source sentence inside its article's text, with role spans to highlight; all
    offsets are into the returned `text`, which the page shows as text, never as markup."""
    sources = event["sources"] or []
    ids = sorted({s["article_id"] for s in sources})
    articles: dict[str, dict[str, Any]] = {}
    if ids:
        cur = con.execute(
            "SELECT id, title, url, outlet, published, text FROM articles WHERE id IN ?", [ids]
        )
        articles = {r["id"]: r for r in _rows(cur)}
    mentions: dict[tuple[str, int], dict[str, Any]] = {}
    for data, source in con.execute(
        # Rows with no record are sources only (a synthetic store's).
        "SELECT data, source FROM mentions WHERE event_id = ? AND data IS NOT NULL",
        [event["event_id"]],
    ).fetchall():
        m = record_from_row(data, source)
        mentions[(m["source"]["article_id"], m["source"]["char_start"])] = m
    out = []
    for s in sources:
        article = articles.get(s["article_id"])
        text = article["text"] if article else s["sentence"]
        start, end = s["char_start"], s["char_end"]
        if text[start:end] != s["sentence"]:
            found = text.find(s["sentence"])
            start, end = (found, found + len(s["sentence"])) if found >= 0 else (0, 0)
            if found < 0:
                text, start, end = s["sentence"], 0, len(s["sentence"])
        lo = 0
        if len(text) > _CONTEXT_CHARS:
            lo = max(0, min(start - _CONTEXT_CHARS // 2, len(text) - _CONTEXT_CHARS))
            text = text[lo : lo + _CONTEXT_CHARS]
        sentence = text[start - lo : end - lo]
        taken: list[tuple[int, int]] = []
        highlights = []
        for role, surface in _roles(mentions.get((s["article_id"], s["char_start"])), event):
            span = _find(sentence, surface, taken)
            if span:
                taken.append(span)
                highlights.append(
                    {"role": role, "start": start - lo + span[0], "end": start - lo + span[1]}
                )
        out.append(
            {
                "article_id": s["article_id"],
                "title": article["title"] if article else None,
                "url": s.get("url"),
                "outlet": s.get("outlet"),
                "published": s.get("published"),
                "text": text,
                "offset": lo,
                "truncated": article is not None and len(article["text"]) > len(text),
                "sentence": {"start": start - lo, "end": end - lo},
                "highlights": sorted(highlights, key=lambda h: h["start"]),
            }
        )
    return out


def counts_by_time(
    con: duckdb.DuckDBPyConnection, query: EventQuery, interval: Interval
) -> dict[str, Any]:
    """Events and fatalities per day, week, month or year (dated events only)."""
    where, params = query.where(con)
    clause = f"{where} AND event_date IS NOT NULL" if where else "WHERE event_date IS NOT NULL"
    cur = con.execute(
        f"SELECT date_trunc('{interval}', event_date)::DATE AS period, count(*) AS events, "
        f"coalesce(sum(fatalities), 0) AS fatalities FROM {rows_table(con)} {clause} "
        "GROUP BY period ORDER BY period",
        params,
    )
    return {"interval": interval, "buckets": _rows(cur)}


def counts_by_place(
    con: duckdb.DuckDBPyConnection, query: EventQuery, level: PlaceLevel, limit: int
) -> dict[str, Any]:
    """Events and fatalities per country, admin1 or location, most events first."""
    keys = {
        "country": ["country", "iso3"],
        "admin1": ["admin1", "country", "iso3"],
        "location": ["location", "admin1", "country", "iso3"],
    }[level]
    where, params = query.where(con)
    group = ", ".join(keys)
    cur = con.execute(
        f"SELECT {group}, count(*) AS events, coalesce(sum(fatalities), 0) AS fatalities, "
        "avg(latitude) AS latitude, avg(longitude) AS longitude "
        f"FROM {rows_table(con)} {where} GROUP BY {group} ORDER BY events DESC, {group} LIMIT ?",
        [*params, limit],
    )
    return {"level": level, "items": _rows(cur)}


def actors(
    con: duckdb.DuckDBPyConnection, q: str | None, limit: int, offset: int
) -> dict[str, Any]:
    """Actors with how many events they take part in (either side), most active first."""
    filt, params = ("WHERE contains(lower(name), lower(?))", [q]) if q else ("", [])
    rows = rows_table(con)
    cur = con.execute(
        f"WITH a AS (SELECT actor1 AS name, actor1_kind AS kind, fatalities FROM {rows} "
        f"WHERE actor1 IS NOT NULL UNION ALL SELECT actor2, actor2_kind, fatalities FROM {rows} "
        "WHERE actor2 IS NOT NULL) "
        "SELECT name, mode(kind) AS kind, count(*) AS events, "
        f"coalesce(sum(fatalities), 0) AS fatalities, count(*) OVER () AS _total FROM a {filt} "
        "GROUP BY name ORDER BY events DESC, name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return _page(cur, limit, offset)


def places(
    con: duckdb.DuckDBPyConnection, q: str | None, country: str | None, limit: int, offset: int
) -> dict[str, Any]:
    """Places events happened at, with coordinates and counts, most events first."""
    parts, params = ["location IS NOT NULL"], []
    if q:
        parts.append("contains(lower(location), lower(?))")
        params.append(q)
    if country:
        parts.append("(lower(country) = lower(?) OR lower(iso3) = lower(?))")
        params += [country, country]
    cur = con.execute(
        "SELECT location, admin1, country, iso3, avg(latitude) AS latitude, "
        "avg(longitude) AS longitude, count(*) AS events, "
        "coalesce(sum(fatalities), 0) AS fatalities, count(*) OVER () AS _total "
        f"FROM {rows_table(con)} WHERE {' AND '.join(parts)} "
        "GROUP BY location, admin1, country, iso3 "
        "ORDER BY events DESC, location LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return _page(cur, limit, offset)


def map_view(con: duckdb.DuckDBPyConnection, query: EventQuery, zoom: int) -> dict[str, Any]:
    """What the map draws: the events themselves when few are in view, else grid
    clusters computed here, so the browser never holds more than MARKER_CAP markers."""
    where, params = query.where(con)
    placed = "latitude IS NOT NULL AND longitude IS NOT NULL"
    clause = f"{where} AND {placed}" if where else f"WHERE {placed}"
    rows = rows_table(con)
    row = con.execute(
        f"SELECT count(*), coalesce(sum(fatalities), 0) FROM {rows} {clause}", params
    ).fetchone()
    total, fatalities = (int(row[0]), int(row[1])) if row else (0, 0)
    if total <= MARKER_CAP:
        cur = con.execute(
            "SELECT event_id, latitude, longitude, event_type, sub_event_type, fatalities, "
            f"event_date, location, country FROM {rows} {clause}",
            params,
        )
        return {"mode": "points", "total": total, "fatalities": fatalities, "points": _rows(cur)}
    cell = _CLUSTER_PIXELS * 360 / (256 * 2**zoom)
    cur = con.execute(
        "SELECT avg(latitude) AS latitude, avg(longitude) AS longitude, count(*) AS events, "
        "coalesce(sum(fatalities), 0) AS fatalities, mode(event_type) AS event_type, "
        "min(latitude) AS south, max(latitude) AS north, min(longitude) AS west, "
        f"max(longitude) AS east FROM {rows} {clause} "
        "GROUP BY floor(latitude / ?), floor(longitude / ?) ORDER BY events DESC",
        [*params, cell, cell],
    )
    return {
        "mode": "clusters",
        "total": total,
        "fatalities": fatalities,
        "cell_degrees": round(cell, 6),
        "clusters": _rows(cur),
    }


def meta(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """What the page needs to build its filters: counts, date range, types, countries."""
    rows = rows_table(con)
    counts = {}
    for name, table in (("articles", "articles"), ("events", rows)):
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        counts[name] = int(row[0]) if row else 0
    row = con.execute(
        "SELECT min(event_date), max(event_date), count(*) FILTER (WHERE status = 'new') "
        f"FROM {rows}"
    ).fetchone()
    lo, hi, n_new = row if row else (None, None, 0)
    counts["events_new"] = int(n_new or 0)
    types: dict[str, list[str]] = {}
    for etype, sub in con.execute(
        f"SELECT DISTINCT event_type, sub_event_type FROM {rows} ORDER BY 1, 2"
    ).fetchall():
        types.setdefault(etype, []).append(sub)
    countries = _rows(
        con.execute(
            f"SELECT country, iso3, count(*) AS events FROM {rows} WHERE country IS NOT NULL "
            "GROUP BY country, iso3 ORDER BY country"
        )
    )
    return {
        "counts": counts,
        "date_min": _iso(lo),
        "date_max": _iso(hi),
        "event_types": [{"event_type": k, "sub_event_types": v} for k, v in types.items()],
        "countries": countries,
        "stories": has_table(con, "stories"),
    }


def stories(con: duckdb.DuckDBPyConnection, limit: int, offset: int) -> dict[str, Any]:
    """Stories (chains of related events), newest first; empty when the store has none."""
    if not has_table(con, "stories"):
        return {"total": 0, "limit": limit, "offset": offset, "items": []}
    row = con.execute("SELECT count(*) FROM stories").fetchone()
    cur = con.execute(
        "SELECT story_id, title, start_date, end_date, n_events FROM stories "
        "ORDER BY end_date DESC NULLS LAST, story_id LIMIT ? OFFSET ?",
        [limit, offset],
    )
    return {
        "total": int(row[0]) if row else 0,
        "limit": limit,
        "offset": offset,
        "items": _rows(cur),
    }


def story(con: duckdb.DuckDBPyConnection, story_id: str) -> dict[str, Any] | None:
    """One story with its events (summary fields) in date order."""
    if not (has_table(con, "stories") and has_table(con, "story_events")):
        return None
    found = _rows(
        con.execute(
            "SELECT story_id, title, start_date, end_date, n_events FROM stories "
            "WHERE story_id = ?",
            [story_id],
        )
    )
    if not found:
        return None
    out = found[0]
    out["events"] = _rows(
        con.execute(
            f"SELECT {', '.join('e.' + f for f in SUMMARY_FIELDS)} FROM {rows_table(con)} e JOIN "
            "story_events se ON e.event_id = se.event_id WHERE se.story_id = ? "
            "ORDER BY e.event_date NULLS LAST, e.event_id",
            [story_id],
        )
    )
    return out


def clamp_zoom(zoom: float) -> int:
    """Leaflet zoom levels the cluster grid is defined for."""
    return max(0, min(18, math.floor(zoom)))
