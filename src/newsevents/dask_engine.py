"""Scale-out: run the same stage functions on a Dask cluster, merge into the store here.

The caller's process reads the inputs and cuts them into partitions of consecutive
articles. Each partition goes to a Dask worker, which runs `process_articles` (the very
function the local runner uses) and writes two Parquet files that DuckDB can query
directly:

    PARTS/articles/part-NNNNNN-KEY.parquet   one row per article (text, metadata, anchor)
    PARTS/mentions/part-NNNNNN-KEY.parquet   one row per resolved mention (flat columns
                                             for queries plus the full record as JSON)

The caller reads each partition back in input order and merges it into the store with
`commit_results`, in commits sized by `pipeline.batches_per_commit` like the
local runner, so both give the same store. KEY is a digest of the partition's article
ids: a second run over the same input finds the same partitions, skips those whose
articles are all stored, and reuses Parquet files written before an interruption instead
of recomputing them.

PARTS must be a folder every worker and the caller can reach (a shared file system on a
real cluster); by default it sits beside the database file.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from distributed import Client, Future, LocalCluster

from newsevents.codec import mention_from_dict, to_dict
from newsevents.forked import can_fork
from newsevents.ingest import read_inputs
from newsevents.pipeline import (
    ArticleResult,
    Options,
    ProblemCallback,
    ProgressCallback,
    RunSummary,
    already_stored,
    batches_per_commit,
    commit_results,
    distinct_batches,
    load_knowledge,
    load_merging,
    process_articles,
)
from newsevents.records import Article
from newsevents.stageclock import StageClock
from newsevents.store import Store

__all__ = ["DaskOptions", "ingest_dask", "parts_dir_for", "read_partition"]

_ARTICLE_SCHEMA = pa.schema(
    [
        ("position", pa.int32()),
        ("article_id", pa.string()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("title", pa.string()),
        ("published", pa.string()),
        ("external_id", pa.string()),
        ("source", pa.string()),
        ("text", pa.string()),
        ("metadata", pa.string()),
        ("anchor", pa.string()),
        ("anchor_from", pa.string()),
        ("error", pa.string()),
        ("n_mentions", pa.int32()),
    ]
)
_MENTION_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("position", pa.int32()),
        ("event_type", pa.string()),
        ("sub_event_type", pa.string()),
        ("event_date", pa.string()),
        ("date_precision", pa.string()),
        ("actor1", pa.string()),
        ("actor2", pa.string()),
        ("location", pa.string()),
        ("iso3", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("status", pa.string()),
        ("sentence", pa.string()),
        ("data", pa.string()),
    ]
)


@dataclass(frozen=True)
class DaskOptions:
    """Where the cluster is and how the work is cut."""

    scheduler: str | None = None  # address of a running scheduler; None: a local cluster
    workers: int = 2  # worker processes of the local cluster
    partition_size: int = 256  # articles per task
    parts_dir: Path | None = None  # None: DB.parts beside the database file


def parts_dir_for(store_path: Path) -> Path:
    """The default Parquet folder of a database: `events.duckdb` -> `events.duckdb.parts`."""
    return store_path.with_name(store_path.name + ".parts")


def _partition_key(articles: Sequence[Article]) -> str:
    digest = hashlib.sha256("\n".join(a.id for a in articles).encode("ascii"))
    return digest.hexdigest()[:16]


def _part_name(index: int, key: str) -> str:
    return f"part-{index:06d}-{key}.parquet"


# -- on the workers ---------------------------------------------------------------------


def _article_rows(results: Sequence[ArticleResult]) -> pa.Table:
    columns: dict[str, list[Any]] = {name: [] for name in _ARTICLE_SCHEMA.names}
    for position, r in enumerate(results):
        a = r.article
        values = (
            position, a.id, a.url, a.outlet, a.title, a.published, a.external_id, a.source,
            a.text, json.dumps(a.metadata, default=str), r.anchor, r.anchor_from, r.error,
            len(r.mentions),
        )  # fmt: skip
        for name, value in zip(_ARTICLE_SCHEMA.names, values, strict=True):
            columns[name].append(value)
    return pa.Table.from_pydict(columns, schema=_ARTICLE_SCHEMA)


def _mention_rows(results: Sequence[ArticleResult]) -> pa.Table:
    columns: dict[str, list[Any]] = {name: [] for name in _MENTION_SCHEMA.names}
    for r in results:
        for position, m in enumerate(r.mentions):
            place = m.place
            values = (
                r.article.id, position, m.mention.event_type, m.mention.sub_event_type,
                m.date.date, m.date.precision,
                m.actor1.name if m.actor1 else None, m.actor2.name if m.actor2 else None,
                place.name if place else None, place.iso3 if place else None,
                place.latitude if place else None, place.longitude if place else None,
                m.mention.status, m.source.sentence, json.dumps(to_dict(m)),
            )  # fmt: skip
            for name, value in zip(_MENTION_SCHEMA.names, values, strict=True):
                columns[name].append(value)
    return pa.Table.from_pydict(columns, schema=_MENTION_SCHEMA)


def _write_atomically(table: pa.Table, path: Path) -> None:
    """Write to a temporary name and rename: a killed worker leaves no half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def process_partition(
    articles: list[Article], options: Options, parts_dir: str, name: str
) -> dict[str, float]:
    """Run the stages over one partition on a worker and write its two Parquet files;
    returns the CPU seconds per stage."""
    clock = StageClock()
    knowledge = load_knowledge(options)
    results = process_articles(articles, knowledge, options.published, clock)
    with clock.measure("store"):
        root = Path(parts_dir)
        # The articles file is written last: its presence marks a complete partition.
        _write_atomically(_mention_rows(results), root / "mentions" / name)
        _write_atomically(_article_rows(results), root / "articles" / name)
    return clock.seconds


# -- in the caller ----------------------------------------------------------------------


def read_partition(parts_dir: Path, name: str) -> list[ArticleResult]:
    """The stage results of one partition, rebuilt from its Parquet files."""
    articles = pq.read_table(parts_dir / "articles" / name).to_pylist()
    mentions = pq.read_table(parts_dir / "mentions" / name, columns=["article_id", "data"])
    by_article: dict[str, list[Any]] = {}
    for row in mentions.to_pylist():
        by_article.setdefault(row["article_id"], []).append(
            mention_from_dict(json.loads(row["data"]))
        )
    out = []
    for row in sorted(articles, key=lambda r: r["position"]):
        article = Article(
            id=row["article_id"],
            text=row["text"],
            title=row["title"],
            published=row["published"],
            url=row["url"],
            outlet=row["outlet"],
            external_id=row["external_id"],
            source=row["source"],
            metadata=json.loads(row["metadata"]),
        )
        out.append(
            ArticleResult(
                article=article,
                mentions=tuple(by_article.get(article.id, ())),
                anchor=row["anchor"],
                anchor_from=row["anchor_from"],
                error=row["error"],
            )
        )
    return out


def _open_client(dask: DaskOptions) -> tuple[Client, LocalCluster | None]:
    if dask.scheduler:
        return Client(dask.scheduler), None  # type: ignore[no-untyped-call]
    # One thread per worker: the stages hold the GIL, so threads would only contend.
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=dask.workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
    )
    return Client(cluster), cluster  # type: ignore[no-untyped-call]


def ingest_dask(
    paths: Sequence[str],
    store: Store,
    options: Options | None = None,
    dask: DaskOptions = DaskOptions(),
    on_problem: ProblemCallback = lambda p: None,
    on_progress: ProgressCallback = lambda s: None,
    total: int | None = None,
    client: Client | None = None,
) -> RunSummary:
    """Like `pipeline.ingest`, with the stages run on a Dask cluster (see the module text).

    Pass `client` to use a client you already hold; otherwise one is opened on
    `dask.scheduler` or on a local cluster of `dask.workers` processes, and closed after.
    """
    options = options or Options()
    started = time.perf_counter()
    summary = RunSummary(total=total)
    # The stages run on the cluster: this process only merges and writes.
    merging = load_merging()
    stored_before = store.counts()["articles"]
    # Readers may use the file while the first batches are processed.
    store.release()
    parts = dask.parts_dir or parts_dir_for(store.path)
    own = client is None
    cluster: LocalCluster | None = None
    if client is None:
        client, cluster = _open_client(dask)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        # Partitions in flight: enough to keep every worker busy while one is merged.
        limit = 2 * n_workers
        pending: deque[tuple[str, list[Article], Future[dict[str, float]] | None]] = deque()
        waiting: list[ArticleResult] = []

        def finish() -> None:
            name, articles, future = pending.popleft()
            if future is not None:
                summary.clock.absorb(future.result())
            with summary.clock.measure("ingest"):
                results = read_partition(parts, name)
            known = already_stored(store, articles, stored_before, summary.clock)
            summary.already_stored += len(known)
            waiting.extend(r for r in results if r.article.id not in known)
            flush(everything=False)

        def step() -> int:
            # Partitions are merged together up to the local runner's commit size.
            stored = stored_before + summary.processed
            return options.batch_size * batches_per_commit(options, stored)

        # As the local runner does: each commit merged and written in a forked child.
        in_child = options.merge_in_child and can_fork()

        def flush(everything: bool) -> None:
            # Whole commits only until the input ends: a partial one costs a whole
            # neighbourhood too.
            while waiting and (everything or len(waiting) >= step()):
                size = step()
                commit_results(waiting[:size], store, merging, summary, on_problem, in_child)
                del waiting[:size]
                summary.seconds = time.perf_counter() - started
                on_progress(summary)

        batches = distinct_batches(
            read_inputs(paths, options.ingest), dask.partition_size, summary, on_problem
        )
        for index, articles in enumerate(batches):
            known = already_stored(store, articles, stored_before, summary.clock)
            if len(known) == len(articles):
                # Merged by an earlier run.
                summary.already_stored += len(known)
                continue
            name = _part_name(index, _partition_key(articles))
            if (parts / "articles" / name).exists():
                pending.append((name, articles, None))
            else:
                future = client.submit(
                    process_partition, articles, options, str(parts), name, pure=False
                )
                pending.append((name, articles, future))
            while len(pending) >= limit:
                finish()
        while pending:
            finish()
        flush(everything=True)
    finally:
        if own:
            client.close()  # type: ignore[no-untyped-call]
            if cluster is not None:
                cluster.close()
    summary.seconds = time.perf_counter() - started
    return summary
