"""The `newsevents` command line: thin wrappers over the library's functions."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newsevents.errors import NewsEventsError
from newsevents.records import Event, IngestProblem

if TYPE_CHECKING:
    from newsevents.pipeline import RunSummary

DEFAULT_DB = "newsevents.duckdb"
_TEXT_FORMATS = ("table", "jsonl", "csv", "geojson")


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; write it as YYYY-MM-DD", param_hint=name
        ) from None


def _ingest_options(reading: dict[str, Any]) -> Any:
    """IngestOptions from the options `_csv_options` adds to a command."""
    from newsevents.ingest import IngestOptions

    _date(reading["published"], "--published")
    return IngestOptions(
        max_bytes=int(reading["max_mb"] * 1_000_000),
        csv_text_column=reading["text_column"],
        csv_title_column=reading["title_column"],
        csv_date_column=reading["date_column"],
        csv_url_column=reading["url_column"],
        csv_outlet_column=reading["outlet_column"],
    )


def _csv_options(f: Any) -> Any:
    for opt in reversed(
        [
            click.option(
                "--published", help="Publication date (YYYY-MM-DD) for articles that carry none."
            ),
            click.option("--text-column", help="CSV column holding the article text."),
            click.option("--title-column", help="CSV column holding the headline."),
            click.option("--date-column", help="CSV column holding the publication date."),
            click.option("--url-column", help="CSV column holding the url."),
            click.option("--outlet-column", help="CSV column holding the outlet name."),
            click.option(
                "--max-mb",
                type=float,
                default=20.0,
                show_default=True,
                help="Skip input files larger than this many megabytes.",
            ),
        ]
    ):
        f = opt(f)
    return f


def _report_problem(problem: IngestProblem) -> None:
    label = "skipped" if problem.skipped else "error"
    click.echo(f"{label}: {problem.source}: {problem.reason}", err=True)


# ingest and bench take the same worker count.
_WORKERS = click.option(
    "--workers",
    type=int,
    default=0,
    help="Worker processes that run the stages while this process merges and writes "
    "(0 = all cores).",
)


@click.group()
@click.version_option(package_name="newsevents")
def main() -> None:
    """Turn news articles into a deduplicated, geocoded, dated conflict event table.

    Example: newsevents ingest examples/corpus --db events.duckdb
    """


@main.command("extract")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(_TEXT_FORMATS), default="table", show_default=True
)
@click.option(
    "--all", "show_all", is_flag=True, help="Also show background events (recalled past events)."
)
@_csv_options
def extract_cmd(
    files: Sequence[str],
    fmt: str,
    show_all: bool,
    **reading: Any,
) -> None:
    """Extract events from articles without a database and print them.

    Example: newsevents extract article.txt --published 2019-03-23 --format jsonl
    """
    from newsevents.export import write_events
    from newsevents.ingest import read_inputs
    from newsevents.pipeline import Options, extract_articles
    from newsevents.records import Article

    iopts = _ingest_options(reading)
    published = reading["published"]
    articles: list[Article] = []
    failed = 0
    for item in read_inputs(files, iopts):
        if isinstance(item, IngestProblem):
            _report_problem(item)
            failed += not item.skipped
        else:
            articles.append(item)
    events, results = extract_articles(articles, Options(ingest=iopts, published=published))
    for r in results:
        if r.error:
            click.echo(f"error: {r.article.source}: {r.error}", err=True)
            failed += 1
        else:
            click.echo(
                f"{r.article.source}: dates resolved against {r.anchor or 'nothing'} "
                f"(from {r.anchor_from})",
                err=True,
            )
    shown = events if show_all else [e for e in events if e.status == "new"]
    write_events(shown, fmt, sys.stdout)
    if failed:
        sys.exit(1)


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to write.")
@_WORKERS
@click.option(
    "--batch-size", type=int, default=32, show_default=True, help="Articles per worker task."
)
@click.option(
    "--commit-batches",
    type=int,
    default=32,
    show_default=True,
    help="Batches merged and written per transaction at least; commits grow to a quarter "
    "of the articles already stored, up to 128 batches (larger is faster; an interrupted "
    "run redoes at most one).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: worker processes on this machine; dask: tasks on a Dask cluster.",
)
@click.option(
    "--scheduler",
    default=None,
    help="Dask scheduler address (tcp://HOST:8786); without it a local cluster of "
    "--workers processes is started.",
)
@click.option(
    "--parts",
    default=None,
    help="Folder for the Dask engine's Parquet partitions (default: DB.parts beside the "
    "database; must be reachable by every worker).",
)
@click.option(
    "--partition-size",
    type=int,
    default=256,
    show_default=True,
    help="Articles per Dask task.",
)
@_csv_options
def ingest_cmd(
    paths: Sequence[str],
    db: str,
    workers: int,
    batch_size: int,
    commit_batches: int,
    engine: str,
    scheduler: str | None,
    parts: str | None,
    partition_size: int,
    **reading: Any,
) -> None:
    """Read articles (files, folders, JSON Lines, CSV, HTML, WARC, - for stdin) into the store.

    Re-running the same command adds nothing; an interrupted run resumes where it stopped.

    Example: newsevents ingest examples/corpus --db events.duckdb
    (on a cluster: newsevents ingest crawl/ --engine dask --scheduler tcp://10.0.0.5:8786)
    """
    import os
    import time

    from newsevents.ingest import count_records
    from newsevents.pipeline import Options, ingest
    from newsevents.store import Store

    iopts = _ingest_options(reading)
    published = reading["published"]
    n_workers = workers or (os.cpu_count() or 1)
    options = Options(
        ingest=iopts,
        published=published,
        batch_size=batch_size,
        workers=n_workers,
        commit_batches=commit_batches,
    )
    tty = sys.stderr.isatty()
    total = count_records(paths, iopts) if tty else None
    events_seen = [0, 0.0]  # last count of stored events, and when it was taken

    def progress(s: RunSummary) -> None:
        if not tty:
            return
        now = time.monotonic()
        if now - events_seen[1] > 2.0:
            # Counting the stored events is a query: at most every two seconds.
            events_seen[:] = [store.counts()["events"], now]
        click.echo("\r" + progress_line(s, int(events_seen[0])), err=True, nl=False)

    with Store(db) as store:
        if engine == "dask":
            from newsevents.dask_engine import DaskOptions, ingest_dask

            dask = DaskOptions(
                scheduler=scheduler,
                workers=n_workers,
                partition_size=partition_size,
                parts_dir=Path(parts) if parts else None,
            )
            summary = ingest_dask(
                paths, store, options, dask, _report_problem, progress, total=total
            )
        else:
            summary = ingest(
                paths, store, options, _report_problem, on_progress=progress, total=total
            )
        counts = store.counts()
    if tty:
        click.echo("", err=True)
    rate = summary.processed / summary.seconds if summary.seconds else 0.0
    click.echo(
        f"read {summary.read} articles: {summary.processed} processed, "
        f"{summary.already_stored} already stored, {summary.skipped} skipped, "
        f"{summary.failed} failed; {summary.mentions} event mentions; "
        f"{rate:.1f} articles/s with {n_workers} worker(s)"
    )
    click.echo(f"{db}: {counts['articles']} articles, {counts['events']} events")
    if not summary.ok:
        sys.exit(1)


def progress_line(s: RunSummary, events: int) -> str:
    """One terminal line: articles done of the total, rate, events, failures, ETA."""
    rate = s.processed / s.seconds if s.seconds else 0.0
    if s.total:
        pace = s.done / s.seconds if s.seconds else 0.0
        left = max(0, s.total - s.done)
        eta = _duration(left / pace) if pace > 0 else "?"
        done = f"{s.done:,}/{s.total:,} articles ({100 * s.done / s.total:.0f}%)"
    else:
        done, eta = f"{s.done:,} articles (total unknown)", "unknown"
    return f"{done}, {rate:.1f} articles/s, {events:,} events, {s.failed} failed, ETA {eta}   "


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


def _filter_options(f: Any) -> Any:
    for opt in reversed(
        [
            click.option(
                "--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to read."
            ),
            click.option("--country", help="Country name or ISO3 code."),
            click.option("--type", "event_type", help="Event type or sub-event type."),
            click.option("--since", help="First event date, YYYY-MM-DD."),
            click.option("--until", help="Last event date, YYYY-MM-DD."),
            click.option(
                "--status",
                type=click.Choice(["new", "background"]),
                default="new",
                show_default=True,
            ),
            click.option(
                "--min-confidence",
                type=click.FloatRange(0.0, 1.0),
                default=None,
                help="Only events at or above this confidence (0-1); on the gold sets, "
                "events at 0.8 or more are right about 85 % of the time.",
            ),
            click.option("--limit", type=int, default=None),
        ]
    ):
        f = opt(f)
    return f


def _query(
    db: str,
    country: str | None,
    event_type: str | None,
    since: str | None,
    until: str | None,
    status: str | None,
    min_confidence: float | None,
    limit: int | None,
) -> list[Event]:
    from newsevents.store import EventFilter, Store

    flt = EventFilter(
        country=country,
        event_type=event_type,
        since=_date(since, "--since"),
        until=_date(until, "--until"),
        status=status,
        limit=limit,
        min_confidence=min_confidence,
    )
    with Store(db, read_only=True) as store:
        return store.events(flt)


@main.command("events")
@_filter_options
@click.option(
    "--format", "fmt", type=click.Choice(_TEXT_FORMATS), default="table", show_default=True
)
def events_cmd(
    db: str,
    country: str | None,
    event_type: str | None,
    since: str | None,
    until: str | None,
    status: str | None,
    min_confidence: float | None,
    limit: int | None,
    fmt: str,
) -> None:
    """List stored events, newest first.

    Example: newsevents events --country Syria --since 2019-01-01 --format jsonl
    """
    from newsevents.export import write_events

    write_events(
        _query(db, country, event_type, since, until, status, min_confidence, limit),
        fmt,
        sys.stdout,
    )


@main.command("show")
@click.argument("event_id")
@click.option("--db", default=DEFAULT_DB, show_default=True)
def show_cmd(event_id: str, db: str) -> None:
    """Show one event as JSON (a merged-away id shows the event it joined).

    Example: newsevents show ev_0123456789abcdef
    """
    import json

    from newsevents.codec import to_dict
    from newsevents.store import Store

    with Store(db, read_only=True) as store:
        event = store.event(event_id)
    if event is None:
        raise click.ClickException(
            f"no event {event_id!r} in {db}; list ids with `newsevents events`"
        )
    click.echo(json.dumps(to_dict(event), indent=2, ensure_ascii=False))


@main.command("export")
@_filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "acled", "parquet", "geojson", "jsonl"]),
    required=True,
)
@click.option("-o", "--output", required=True, help="File to write.")
def export_cmd(
    db: str,
    country: str | None,
    event_type: str | None,
    since: str | None,
    until: str | None,
    status: str | None,
    min_confidence: float | None,
    limit: int | None,
    fmt: str,
    output: str,
) -> None:
    """Export stored events to a file.

    Example: newsevents export --format acled -o events.csv
    """
    from newsevents.export import ATTRIBUTION, write_events, write_parquet

    events = _query(db, country, event_type, since, until, status, min_confidence, limit)
    if fmt == "parquet":
        write_parquet(events, Path(output))
    else:
        with open(output, "w", encoding="utf-8", newline="") as out:
            write_events(events, fmt, out)
    click.echo(f"wrote {len(events)} events to {output}")
    click.echo(ATTRIBUTION)


@main.command("summary")
@click.option("--db", default=DEFAULT_DB, show_default=True)
def summary_cmd(db: str) -> None:
    """Summarise a store: events by type and country, the ten deadliest events.

    Example: newsevents summary --db events.duckdb
    """
    from newsevents.store import EventFilter, Store

    with Store(db, read_only=True) as store:
        counts = store.counts()
        events = store.events(EventFilter(status="new"))
    click.echo(
        f"{db}: {counts['articles']} articles, {counts['mentions']} event mentions, "
        f"{counts['events']} events ({len(events)} new, "
        f"{counts['events'] - len(events)} background)"
    )
    click.echo("\nEvents by type:")
    for (etype, sub), n in sorted(
        Counter((e.event_type, e.sub_event_type) for e in events).items(), key=lambda kv: -kv[1]
    ):
        click.echo(f"  {n:6d}  {etype} / {sub}")
    click.echo("\nEvents by country:")
    for country, n in Counter(e.country or "(unplaced)" for e in events).most_common(15):
        click.echo(f"  {n:6d}  {country}")
    click.echo("\nTen deadliest events:")
    deadly = sorted((e for e in events if e.fatalities), key=lambda e: -(e.fatalities or 0))[:10]
    for e in deadly:
        place = ", ".join(p for p in (e.location, e.country) if p) or "unknown place"
        sentence = e.sources[0].sentence if e.sources else ""
        click.echo(f"  {e.fatalities:6d}  {e.event_date or '?'}  {e.sub_event_type} — {place}")
        click.echo(f"          “{sentence[:160]}{'…' if len(sentence) > 160 else ''}”")


@main.command("reprocess")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to update.")
@click.option("--batch-size", type=int, default=32, show_default=True)
def reprocess_cmd(db: str, batch_size: int) -> None:
    """Run extraction again over stored articles processed by an older pipeline version
    (code, lexicons or gazetteer changed) and merge them again, keeping event ids where
    the events are still found. Resumable; a second run finds nothing to do.

    Example: newsevents reprocess --db events.duckdb
    """
    from newsevents.pipeline import Options
    from newsevents.reprocess import reprocess
    from newsevents.store import Store

    with Store(db) as store:
        summary = reprocess(store, Options(batch_size=batch_size))
        counts = store.counts()
    click.echo(
        f"{summary.outdated} articles from an older pipeline: {summary.processed} processed, "
        f"{summary.failed} failed; {summary.mentions} event mentions; "
        f"{summary.events_written} events written, {summary.events_removed} no longer found; "
        f"{summary.seconds:.1f} s"
    )
    click.echo(f"{db}: {counts['articles']} articles, {counts['events']} events")
    if summary.failed:
        sys.exit(1)


@main.command("stories")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to read.")
@click.option("--country", help="Only stories in this country (name or ISO3 code).")
@click.option("--min-events", type=int, default=2, show_default=True)
@click.option("--limit", type=int, default=None, help="Show at most N stories.")
def stories_cmd(db: str, country: str | None, min_events: int, limit: int | None) -> None:
    """Group related events into stories (one town's siege and fall, a hijacking told over
    days), store them (tables stories, story_events) and print each with a dated timeline.

    Example: newsevents stories --db events.duckdb --country Pakistan
    """
    from newsevents.pipeline import pipeline_version
    from newsevents.store import EventFilter, Store
    from newsevents.stories import build_stories

    with Store(db) as store:
        stories = build_stories(store.events(EventFilter(status="new")), store.titles())
        store.write_stories(stories, pipeline_version())
        stored = store.stories()
    wanted = (country or "").lower()
    shown = [
        (story, events)
        for story, events in stored
        if len(events) >= min_events
        and (
            not wanted
            or any(wanted in ((e.country or "").lower(), (e.iso3 or "").lower()) for e in events)
        )
    ]
    click.echo(f"{db}: {len(stored)} stories stored; {len(shown)} shown")
    for story, events in shown[:limit]:
        toll = f", {story.fatalities} killed" if story.fatalities else ""
        click.echo(
            f"\n{story.story_id}  {story.start_date} to {story.end_date}  {story.title}"
            f"  ({len(events)} events, {story.n_articles} articles{toll})"
        )
        for e in events:
            place = ", ".join(p for p in (e.location, e.country) if p) or "unknown place"
            killed = f", {e.fatalities} killed" if e.fatalities is not None else ""
            click.echo(
                f"  {e.event_date}  {e.sub_event_type} — {place}{killed}"
                f" [{e.n_sources} source(s)] {e.event_id}"
            )


@main.command("where")
@click.argument("name")
@click.option(
    "--country", "countries", multiple=True, help="ISO3 code of a country the text is about."
)
@click.option("--near", "places", multiple=True, help="Another place the text names.")
def where_cmd(name: str, countries: Sequence[str], places: Sequence[str]) -> None:
    """Show what a place name resolves to, the other candidates, and why.

    Example: newsevents where "Baghouz"
    """
    from newsevents.resolve.places import PlaceContext, get_gazetteer

    gaz = get_gazetteer()
    ctx = PlaceContext(
        countries=tuple(c.upper() for c in countries), places=tuple(places), dateline=None
    )
    candidates = gaz.explain(name, ctx)
    if not candidates:
        raise click.ClickException(
            f"{name!r} is not in the gazetteer; add it to a CSV like "
            "src/newsevents/data/gazetteer_supplement.csv"
        )
    for i, c in enumerate(candidates[:10]):
        p = c.place
        mark = "→" if i == 0 else " "
        click.echo(
            f"{mark} {p.name} ({p.feature}; {p.admin1 or '-'}, {p.country or '-'}) "
            f"{p.latitude:.4f}, {p.longitude:.4f}  precision {p.geo_precision}  "
            f"score {c.score:.2f}: {c.reason}"
        )


@main.command("eval")
@click.argument(
    "suite", type=click.Choice(["ucdp", "muc4", "geo", "timex", "re3d", "merge", "all"])
)
@click.option(
    "--shared",
    default="../shared",
    show_default=True,
    help="Folder holding gold/ (the project's shared data).",
)
@click.option(
    "--gold",
    type=click.Path(exists=True),
    default=None,
    help="Score another file of the same format instead of the default gold.",
)
@click.option(
    "--limit", type=int, default=None, help="Score at most N items (documents, headlines)."
)
@click.option(
    "--all", "full", is_flag=True, help="ucdp: every headline instead of the fixed sample."
)
@click.option("--json", "json_path", default=None, help="Also write the figures to this JSON file.")
@click.option(
    "--markdown",
    "md_path",
    default=None,
    help="Also write the tables as markdown (eval all writes eval-report.md by default).",
)
def eval_cmd(
    suite: str,
    shared: str,
    gold: str | None,
    limit: int | None,
    full: bool,
    json_path: str | None,
    md_path: str | None,
) -> None:
    """Measure accuracy on gold data with the pipeline users run; print metrics and anchors.

    Figures are on development data; anchors are published figures on test splits.

    Example: newsevents eval geo --json geo.json
    """
    import json

    from newsevents.evaluate import SUITES, run_suite

    if not (Path(shared) / "gold").is_dir() and gold is None:
        raise click.ClickException(
            f"no gold data under {shared}/gold; pass --shared DIR (the folder holding gold/)"
        )
    names = list(SUITES) if suite == "all" else [suite]
    reports = []
    for name in names:
        report = run_suite(
            name, Path(shared), sample=limit, full=full, gold=Path(gold) if gold else None
        )
        reports.append(report)
        click.echo(report.table())
        click.echo("")
    if json_path:
        Path(json_path).write_text(json.dumps([r.to_json() for r in reports], indent=2))
    if md_path or suite == "all":
        target = Path(md_path or "eval-report.md")
        target.write_text(
            "\n\n".join(f"## {r.suite}\n\n```\n{r.table()}\n```" for r in reports) + "\n"
        )
        click.echo(f"wrote {target}")


@main.command("serve")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to serve.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (other than loopback exposes the data to the network).",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--token",
    envvar="NEWSEVENTS_TOKEN",
    default=None,
    help="Turn on POST /api/ingest for requests that send 'Authorization: Bearer TOKEN' "
    "(or set NEWSEVENTS_TOKEN). Without it the server is read-only.",
)
@click.option(
    "--web-modules",
    type=click.Path(file_okay=False),
    default=None,
    help="The npm node_modules folder with the page's libraries (default: web/node_modules).",
)
def serve_cmd(db: str, host: str, port: int, token: str | None, web_modules: str | None) -> None:
    """Serve the HTTP API and the web page (map, timeline, events and their evidence).

    `newsevents ingest` may run at the same time: reload the page to see new events.

    Example: newsevents serve --db events.duckdb --port 8000
    """
    from newsevents.serve.app import ServeConfig
    from newsevents.serve.server import run_server

    config = ServeConfig(
        db=Path(db),
        host=host,
        token=token,
        node_modules=Path(web_modules) if web_modules else None,
    )
    click.echo(f"serving {db} on http://{host}:{port}/ (API schema at /api/openapi.json)")
    run_server(config, port)


@main.command("serve-bench")
@click.option("--events", "n_events", type=int, default=100_000, show_default=True)
@click.option(
    "--seconds", type=float, default=60.0, show_default=True, help="Time budget of the load."
)
@click.option("--workdir", default=None, help="Keep the synthetic store here (default: temp).")
def serve_bench_cmd(n_events: int, seconds: float, workdir: str | None) -> None:
    """Load-test the server on a synthetic store: page load time, API p50/p99 latency.

    Example: newsevents serve-bench --events 100000 --seconds 60
    """
    from newsevents.serve.loadtest import run_loadtest

    report = run_loadtest(n_events, seconds, Path(workdir) if workdir else None)
    click.echo(report.table())


@main.command("bench")
@click.option(
    "--articles",
    "n_articles",
    type=int,
    default=20_000,
    show_default=True,
    help="How many distinct articles to ingest (the corpus is repeated to reach it).",
)
@_WORKERS
@click.option("--corpus", default="examples/corpus", show_default=True)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask", "both"]),
    default="both",
    show_default=True,
    help="Local worker processes, a local Dask cluster of as many workers, or both.",
)
@click.option(
    "--places",
    is_flag=True,
    help="Only the place lookup: index load time and memory, resolutions per second.",
)
@click.option(
    "--merge",
    "merge_only",
    is_flag=True,
    help="Only merging: --mentions synthetic event mentions merged in one call; seconds "
    "and peak memory.",
)
@click.option(
    "--mentions",
    default=100_000,
    show_default=True,
    help="How many synthetic mentions --merge merges.",
)
@click.option(
    "--distinct-events",
    is_flag=True,
    help="Each repetition of the corpus moved years later, text and date, so that it "
    "reports events of its own (by default a copy differs in its publication date only, "
    "and events dated by their text gather a copy of each report per repetition).",
)
def bench_cmd(
    n_articles: int,
    workers: int,
    corpus: str,
    engine: str,
    places: bool,
    merge_only: bool,
    mentions: int,
    distinct_events: bool,
) -> None:
    """Time ingest of the bundled corpus into a fresh DuckDB file, with the default settings;
    print articles/s, words/s, peak memory per process and CPU time per stage.

    Example: newsevents bench --articles 20000 --workers 2; newsevents bench --places;
    newsevents bench --merge; newsevents bench --articles 40000 --workers 2 --engine local
    --distinct-events
    """
    import os

    if merge_only:
        from newsevents.merge_bench import run_merge_bench

        if mentions < 1:
            raise click.BadParameter(f"{mentions}: give at least 1", param_hint="--mentions")
        click.echo(run_merge_bench(mentions).report())
        return
    if places:
        from newsevents.resolve.place_bench import run_place_bench

        click.echo(run_place_bench(Path(corpus)).report())
        return
    from newsevents.bench import compare, run_bench

    n_workers = workers or (os.cpu_count() or 1)
    engines = ["local", "dask"] if engine == "both" else [engine]
    results = []
    for name in engines:
        result = run_bench(Path(corpus), n_articles, n_workers, name, distinct_events)
        results.append(result)
        click.echo(result.report())
        click.echo("")
    if len(results) == 2:
        click.echo(compare(results[0], results[1]))


def run() -> None:
    """Entry point that turns library errors into one clear line and exit code 2."""
    import os

    # One BLAS thread per process (set before numpy loads): ingest parallelises over
    # processes, and idle OpenBLAS threads spin on cores the workers need.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    try:
        main(standalone_mode=True)
    except NewsEventsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    run()
