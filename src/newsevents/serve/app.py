"""The FastAPI application: a read-only JSON API over the store, the web page, and (only
when started with a token) an upload endpoint that queues ingest jobs."""

from __future__ import annotations

import datetime as dt
import hmac
import io
import json
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from newsevents import __version__
from newsevents.export import ATTRIBUTION, geojson, write_events
from newsevents.serve import query as qry
from newsevents.serve.db import Reader
from newsevents.serve.errors import ApiError, error_body, install_handlers
from newsevents.serve.uploads import IngestJobs
from newsevents.serve.vendor import VENDOR_DIRS, find_node_modules, missing_packages

MAP_CREDIT = (
    "Country borders: Natural Earth (public domain) via the world-atlas npm package; "
    "map library: Leaflet (BSD-2-Clause)."
)
_MAX_UPLOAD_BYTES = 20_000_000
_LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
# The page loads nothing but its own scripts: article text that slipped into markup could
# still not run a script (defence in depth; the page builds text nodes, never markup).
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
_ID = r"^[A-Za-z0-9_.:\-]{1,128}$"


@dataclass(frozen=True)
class ServeConfig:
    """How the server runs: which store, which host it answers for, the upload token."""

    db: Path
    host: str = "127.0.0.1"
    token: str | None = None
    node_modules: Path | None = None


Text = Annotated[str | None, Query(min_length=1, max_length=200)]


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        west, south, east, north = (float(x) for x in value.split(","))
    except ValueError:
        raise ApiError(
            400,
            "invalid_parameter",
            f"bbox {value!r} is not four numbers; write west,south,east,north in degrees",
            [{"param": "bbox", "message": "expected west,south,east,north"}],
        ) from None
    if not all(map(_finite, (west, south, east, north))) or south > north:
        raise ApiError(
            400,
            "invalid_parameter",
            f"bbox {value!r}: south must not exceed north and all four must be finite",
            [{"param": "bbox", "message": "south > north or not finite"}],
        )
    south, north = max(south, -90.0), min(north, 90.0)
    if east - west >= 360:
        return (-180.0, south, 180.0, north)
    # A map panned across the antimeridian reports longitudes beyond ±180.
    return (_wrap(west), south, _wrap(east), north)


def _finite(x: float) -> bool:
    return x == x and abs(x) != float("inf")


def _wrap(lon: float) -> float:
    return ((lon + 180.0) % 360.0) - 180.0 if not -180.0 <= lon <= 180.0 else lon


def event_query(
    since: Annotated[dt.date | None, Query(description="First event date, YYYY-MM-DD.")] = None,
    until: Annotated[dt.date | None, Query(description="Last event date, YYYY-MM-DD.")] = None,
    country: Annotated[str | None, Query(max_length=100, description="Name or ISO3.")] = None,
    admin1: Text = None,
    event_type: Text = None,
    sub_event_type: Text = None,
    actor: Annotated[str | None, Query(max_length=200, description="actor1 or actor2.")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=10_000_000)] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0, le=1, description="Events at or above this confidence.")
    ] = None,
    status: Literal["new", "background", "all"] = "new",
    q: Annotated[
        str | None, Query(min_length=2, max_length=200, description="Text search.")
    ] = None,
    bbox: Annotated[
        str | None, Query(max_length=120, description="west,south,east,north in degrees.")
    ] = None,
    story: Annotated[str | None, Query(max_length=128)] = None,
) -> qry.EventQuery:
    """The event filters every listing, aggregate, map and download accepts."""
    if since and until and since > until:
        raise ApiError(
            400,
            "invalid_parameter",
            f"since {since} is after until {until}; swap them",
            [{"param": "since", "message": "after until"}],
        )
    return qry.EventQuery(
        since=since,
        until=until,
        country=country,
        admin1=admin1,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor=actor,
        min_fatalities=min_fatalities,
        min_confidence=min_confidence,
        status=status,
        q=q,
        bbox=_bbox(bbox),
        story=story,
    )


Filters = Annotated[qry.EventQuery, Depends(event_query)]
Sort = Annotated[
    Literal[
        "event_date", "fatalities", "n_sources", "country", "admin1", "location", "event_type",
        "sub_event_type", "actor1", "actor2", "confidence",
    ],
    Query(),
]  # fmt: skip
Order = Literal["asc", "desc"]
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=100_000_000)]
EventId = Annotated[str, PathParam(pattern=_ID)]


class UploadArticle(BaseModel):
    """One article to ingest, in the JSON Lines input's fields."""

    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=40)
    url: str | None = Field(default=None, max_length=4000)
    outlet: str | None = Field(default=None, max_length=400)
    id: str | None = Field(default=None, max_length=400)


class Upload(BaseModel):
    """Articles to ingest into the store."""

    articles: list[UploadArticle] = Field(min_length=1, max_length=1000)


def _csv_stream(chunks: Iterator[list[Any]], flavour: str) -> io.BytesIO | Any:
    """Write the selected events to a temporary file so the database is released before
    the (possibly slow) download starts."""
    out = _spool()
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    first = True
    for chunk in chunks:
        buf = io.StringIO()
        write_events(chunk, flavour, buf)
        part = buf.getvalue()
        if not first:  # write_events puts a header on every call; keep the first only
            part = part.split("\r\n", 1)[1] if "\r\n" in part else ""
        text.write(part)
        first = False
    if first:
        write_events([], flavour, text)
    text.detach()
    out.seek(0)
    return out


def _spool() -> Any:
    # The file outlives this call: the response's body iterator (_file_chunks) closes it.
    return tempfile.SpooledTemporaryFile(max_size=8_000_000, mode="w+b")


def _geojson_stream(chunks: Iterator[list[Any]]) -> Any:
    out = _spool()
    head = {"type": "FeatureCollection", "attribution": ATTRIBUTION}
    out.write(json.dumps(head, ensure_ascii=False)[:-1].encode() + b', "features": [')
    sep = b""
    for chunk in chunks:
        for feature in geojson(chunk)["features"]:
            out.write(sep + json.dumps(feature, ensure_ascii=False).encode())
            sep = b",\n"
    out.write(b"]}\n")
    out.seek(0)
    return out


def _upload_denial(token: str | None, authorization: str | None) -> ApiError | None:
    """Why an upload request is refused, or None when its token is right."""
    if token is None:
        return ApiError(
            403,
            "uploads_disabled",
            "this server is read-only; start it with `newsevents serve --token SECRET` "
            "to accept uploads",
        )
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        return ApiError(
            401, "unauthorized", "missing or wrong token; send 'Authorization: Bearer TOKEN'"
        )
    return None


def _size_denial(length: str | None) -> ApiError | None:
    if length is None or not length.isdigit():
        return ApiError(411, "length_required", "send the upload with a Content-Length header")
    if int(length) > _MAX_UPLOAD_BYTES:
        return ApiError(413, "too_large", f"upload of {length} bytes is over 20 MB; split it")
    return None


def _uploads(request: Request, authorization: Annotated[str | None, Header()] = None) -> IngestJobs:
    """The upload queue, for requests that carry the server's token."""
    config: ServeConfig = request.app.state.config
    denial = _upload_denial(config.token, authorization)
    if denial is not None:
        raise denial
    jobs: IngestJobs = request.app.state.jobs
    return jobs


Uploads = Annotated[IngestJobs, Depends(_uploads)]


def _file_chunks(f: Any) -> Iterator[bytes]:
    try:
        while block := f.read(1 << 16):
            yield block
    finally:
        f.close()


def create_app(config: ServeConfig) -> FastAPI:
    """The application for one store."""
    reader = Reader(config.db)
    jobs = IngestJobs(config.db) if config.token else None
    node_modules = find_node_modules(config.node_modules)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if jobs is not None:
            jobs.stop()

    app = FastAPI(
        lifespan=lifespan,
        title="newsevents",
        version=__version__,
        description="Conflict events extracted from news articles. " + ATTRIBUTION,
        # The interactive docs pages load their scripts from a CDN: only the schema is served.
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.config = config
    app.state.jobs = jobs
    install_handlers(app)
    # Bound to loopback, the server answers only loopback names: a web page elsewhere cannot
    # reach it through a DNS name that resolves to 127.0.0.1 (DNS rebinding).
    loopback_only = config.host in _LOOPBACK

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        host = request.headers.get("host", "").rsplit(":", 1)[0]
        if loopback_only and host not in _LOOPBACK:
            return JSONResponse(
                error_body(400, "bad_host", f"host {host!r} is not served; use 127.0.0.1"), 400
            )
        if request.method not in ("GET", "HEAD") and request.url.path.startswith("/api/ingest"):
            # Refuse before the body is read: no token, no bytes.
            denial = _upload_denial(config.token, request.headers.get("authorization"))
            denial = denial or _size_denial(request.headers.get("content-length"))
            if denial is not None:
                return JSONResponse(
                    error_body(denial.status, denial.code, denial.message), denial.status
                )
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = _CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        if request.url.path.startswith("/api/"):
            response.headers["Cache-Control"] = "no-store"
        return response

    static = resources.files("newsevents.serve") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    if node_modules is not None:
        for name, sub in VENDOR_DIRS.items():
            if (node_modules / sub).is_dir():
                app.mount(f"/vendor/{name}", StaticFiles(directory=node_modules / sub), name=name)

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(str(static / "index.html"), media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, Any]:
        """Whether the server runs and the database exists."""
        return {"ok": True, "database": str(config.db), "exists": config.db.exists()}

    @app.get("/api/meta", tags=["meta"])
    def meta() -> dict[str, Any]:
        """Counts, date range, event types and countries (for the page's filters)."""
        out = reader.cached(("meta",), qry.meta)
        return {
            **out,
            "version": __version__,
            "attribution": ATTRIBUTION,
            "map_credit": MAP_CREDIT,
            "uploads": config.token is not None,
            "vendor_missing": missing_packages(node_modules),
        }

    @app.get("/api/events", tags=["events"])
    def events(
        flt: Filters,
        sort: Sort = "event_date",
        order: Order = "desc",
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """A page of events matching the filters (summary fields), with the total."""
        return reader.cached(
            ("events", flt.key(), sort, order, limit, offset),
            lambda con: qry.list_events(con, flt, sort, order, limit, offset),
        )

    @app.get("/api/events.csv", tags=["downloads"])
    def events_csv(
        flt: Filters,
        sort: Sort = "event_date",
        order: Order = "desc",
        flavour: Literal["csv", "acled"] = "csv",
    ) -> StreamingResponse:
        """Every event matching the filters as CSV (newsevents' fields, or ACLED's columns)."""
        with reader.connect() as con:
            f = _csv_stream(qry.iter_events(con, flt, sort, order), flavour)
        return StreamingResponse(
            _file_chunks(f),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="events-{flavour}.csv"'},
        )

    @app.get("/api/events.geojson", tags=["downloads"])
    def events_geojson(
        flt: Filters, sort: Sort = "event_date", order: Order = "desc"
    ) -> StreamingResponse:
        """Every placed event matching the filters as a GeoJSON FeatureCollection."""
        with reader.connect() as con:
            f = _geojson_stream(qry.iter_events(con, flt, sort, order))
        return StreamingResponse(
            _file_chunks(f),
            media_type="application/geo+json",
            headers={"Content-Disposition": 'attachment; filename="events.geojson"'},
        )

    @app.get("/api/events/{event_id}", tags=["events"])
    def event(event_id: EventId) -> dict[str, Any]:
        """One event with all its fields, sources, conflicts and stories."""
        found = reader.cached(("event", event_id), lambda con: qry.get_event(con, event_id))
        if found is None:
            raise ApiError(404, "not_found", f"no event {event_id!r}; list ids at /api/events")
        return found

    @app.get("/api/events/{event_id}/evidence", tags=["events"])
    def evidence(event_id: EventId) -> dict[str, Any]:
        """Each source sentence in its article's text, with the roles' spans to highlight."""

        def compute(con: Any) -> dict[str, Any] | None:
            ev = qry.get_event(con, event_id)
            if ev is None:
                return None
            return {"event_id": ev["event_id"], "sources": qry.evidence(con, ev)}

        found = reader.cached(("evidence", event_id), compute)
        if found is None:
            raise ApiError(404, "not_found", f"no event {event_id!r}; list ids at /api/events")
        return found

    @app.get("/api/counts/time", tags=["aggregates"])
    def counts_time(
        flt: Filters, interval: Literal["day", "week", "month", "year"] = "month"
    ) -> dict[str, Any]:
        """Events and fatalities per day, week, month or year."""
        return reader.cached(
            ("time", flt.key(), interval), lambda con: qry.counts_by_time(con, flt, interval)
        )

    @app.get("/api/counts/places", tags=["aggregates"])
    def counts_places(
        flt: Filters,
        level: Literal["country", "admin1", "location"] = "country",
        limit: Limit = 100,
    ) -> dict[str, Any]:
        """Events and fatalities per country, admin1 region or location."""
        return reader.cached(
            ("places", flt.key(), level, limit),
            lambda con: qry.counts_by_place(con, flt, level, limit),
        )

    @app.get("/api/map", tags=["aggregates"])
    def map_view(flt: Filters, zoom: Annotated[float, Query(ge=0, le=22)] = 2) -> dict[str, Any]:
        """The map's markers: events when at most 2,000 are in view, else grid clusters."""
        z = qry.clamp_zoom(zoom)
        return reader.cached(("map", flt.key(), z), lambda con: qry.map_view(con, flt, z))

    @app.get("/api/actors", tags=["lists"])
    def actors(q: Text = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """Actors with their event counts, most active first."""
        return reader.cached(
            ("actors", q, limit, offset), lambda con: qry.actors(con, q, limit, offset)
        )

    @app.get("/api/places", tags=["lists"])
    def places(
        q: Text = None,
        country: Annotated[str | None, Query(max_length=100)] = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Places with coordinates and event counts, most events first."""
        return reader.cached(
            ("places-list", q, country, limit, offset),
            lambda con: qry.places(con, q, country, limit, offset),
        )

    @app.get("/api/stories", tags=["lists"])
    def stories(limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """Stories (chains of related events); an empty list when the store has none."""
        return reader.cached(
            ("stories", limit, offset), lambda con: qry.stories(con, limit, offset)
        )

    @app.get("/api/stories/{story_id}", tags=["lists"])
    def story(story_id: EventId) -> dict[str, Any]:
        """One story with its events in date order."""
        found = reader.cached(("story", story_id), lambda con: qry.story(con, story_id))
        if found is None:
            raise ApiError(404, "not_found", f"no story {story_id!r}; list them at /api/stories")
        return found

    @app.post("/api/ingest", status_code=202, tags=["uploads"])
    def upload(body: Upload, queue: Uploads) -> dict[str, Any]:
        """Queue articles for ingest (only when the server was started with --token)."""
        job = queue.submit([a.model_dump(exclude_none=True) for a in body.articles])
        return job.to_json()

    @app.get("/api/ingest/{job_id}", tags=["uploads"])
    def upload_status(job_id: EventId, queue: Uploads) -> dict[str, Any]:
        """The state of an upload's ingest job."""
        job = queue.get(job_id)
        if job is None:
            raise ApiError(404, "not_found", f"no upload job {job_id!r}")
        return job.to_json()

    return app
