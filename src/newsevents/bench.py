"""`newsevents bench`: time ingest of the bundled corpus, repeated into distinct articles.

Each run ingests the same generated JSON Lines file into a fresh DuckDB file with the
default configuration (the one `newsevents eval` measures), and reports articles/s,
words/s, peak memory per process and how the CPU time splits between the stages.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import resource
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsevents.dask_engine import DaskOptions, ingest_dask
from newsevents.ingest import read_inputs
from newsevents.pipeline import Options, RunSummary, ingest, load_knowledge
from newsevents.records import Article
from newsevents.stageclock import STAGES
from newsevents.store import Store

_MAIN_STAGES = ("ingest", "merge", "store")


def _peak_mb(who: int) -> float:
    """Peak resident memory in MB (ru_maxrss is in kilobytes on Linux)."""
    return resource.getrusage(who).ru_maxrss / 1024


@dataclass(frozen=True)
class BenchResult:
    """What one benchmark run measured."""

    engine: str
    articles: int
    words: int
    seconds: float
    workers: int
    cores: int
    peak_rss_mb_main: float
    peak_rss_mb_workers: tuple[float, ...]
    events: int
    # The largest forked child that merged and wrote a commit (0: the main process did)
    peak_rss_mb_commit: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        """Articles per second, end to end into DuckDB."""
        return self.articles / self.seconds if self.seconds else 0.0

    def report(self) -> str:
        """A few lines and the stage table, for the terminal and the README."""
        workers = ", ".join(f"{mb:.0f}" for mb in self.peak_rss_mb_workers) or "-"
        commit = (
            f"commit processes {self.peak_rss_mb_commit:.0f} MB, "
            if self.peak_rss_mb_commit
            else ""
        )
        lines = [
            f"engine {self.engine}: {self.articles} articles "
            f"({self.words / max(1, self.articles):.0f} words each on average) in "
            f"{self.seconds:.1f} s with {self.workers} worker(s) on {self.cores} core(s): "
            f"{self.rate:.1f} articles/s, {self.words / self.seconds:,.0f} words/s; "
            f"{self.events} events stored",
            f"peak memory: main process {self.peak_rss_mb_main:.0f} MB, {commit}"
            f"worker processes {workers} MB",
            "",
            stage_table(self.stage_seconds, self.articles),
        ]
        return "\n".join(lines)


def stage_table(seconds: dict[str, float], articles: int) -> str:
    """CPU seconds per stage (summed over processes), ms per article and share of all."""
    total = sum(seconds.values()) or 1.0
    rows = [f"{'stage':10s} {'where':7s} {'CPU s':>8s} {'ms/article':>10s} {'share':>6s}"]
    for stage in (*STAGES, *sorted(set(seconds) - set(STAGES))):
        if stage not in seconds:
            continue
        where = "main" if stage in _MAIN_STAGES else "workers"
        s = seconds[stage]
        rows.append(
            f"{stage:10s} {where:7s} {s:8.1f} {1000 * s / max(1, articles):10.2f} "
            f"{100 * s / total:5.1f}%"
        )
    rows.append(f"{'all':10s} {'':7s} {total:8.1f} {1000 * total / max(1, articles):10.2f}")
    return "\n".join(rows)


def _shift_months(published: str | None, months: int) -> str | None:
    if not published:
        return None
    try:
        d = dt.date.fromisoformat(published[:10])
    except ValueError:
        return published
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    return dt.date(year, month + 1, min(d.day, 28)).isoformat()


# A year written in an article ("in March 2019", "the 2013 attack").
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def _shift_years(text: str, years: int) -> str:
    """The text with every year it writes moved `years` later."""
    if not years:
        return text
    return _YEAR.sub(lambda m: str(int(m.group()) + years), text)


def make_copies(
    base: list[Article], n: int, distinct_events: bool = False
) -> Iterator[dict[str, object]]:
    """n distinct article records from the base corpus: each copy has its own url, its
    date shifted by whole months and a copy marker, so dedup and merge skip nothing. So
    an event its text dates gathers a copy of each of its reports per repetition of the
    corpus. With `distinct_events`, copy k is published k years later and every year its
    text writes is moved k years too, so each copy reports events of its own: the store
    grows as in a stream of new news, its events do not. Yielded one by one: the bench's
    own process is the one that merges and writes, and 20,000 records held at once would
    count in its peak memory."""
    made = 0
    k = 0
    while made < n and base:
        for i, a in enumerate(base):
            if made >= n:
                break
            made += 1
            shift = 12 * k if distinct_events else k
            text = _shift_years(a.text, k) if distinct_events else a.text
            yield (
                {
                    "text": f"{text}\n\n(Copy {k}.)",
                    "title": _shift_years(a.title, k) if distinct_events and a.title else a.title,
                    "published": _shift_months(a.published, shift),
                    # The position makes copies of the corpus' own duplicate rows distinct too.
                    "url": f"{a.url or 'bench://' + a.id}#copy-{k}-{i}",
                    "outlet": a.outlet,
                }
            )
        k += 1


def write_bench_input(
    corpus: Path, n_articles: int, target: Path, distinct_events: bool = False
) -> int:
    """Write n distinct articles made from the corpus as JSON Lines; returns the words."""
    base = [a for a in read_inputs([str(corpus)]) if isinstance(a, Article)]
    words = 0
    with target.open("w", encoding="utf-8") as out:
        for record in make_copies(base, n_articles, distinct_events):
            words += len(str(record["text"]).split())
            out.write(json.dumps(record) + "\n")
    return words


def _warm(options: Options) -> None:
    """Load models and data in a worker process (run there by the Dask client)."""
    load_knowledge(options)


def _dask_worker_peaks(client: object) -> tuple[float, ...]:
    """Peak memory of each Dask worker process, in MB."""
    peaks = client.run(_peak_mb, resource.RUSAGE_SELF)  # type: ignore[attr-defined]
    return tuple(sorted(float(v) for v in peaks.values()))


def run_bench(
    corpus: Path,
    n_articles: int,
    workers: int,
    engine: str = "local",
    distinct_events: bool = False,
) -> BenchResult:
    """Ingest n distinct articles made from the corpus into a fresh DuckDB file, with the
    local worker processes or a local Dask cluster of as many workers (`make_copies` says
    what `distinct_events` changes)."""
    options = Options(workers=workers)
    if workers <= 0 and engine == "local":
        # The stages run in this process: model loading is not part of the measured time.
        # (With workers, this process only merges and never loads the models.)
        load_knowledge(options)
    with tempfile.TemporaryDirectory(prefix="newsevents-bench-") as tmp:
        src = Path(tmp) / "bench.jsonl"
        words = write_bench_input(corpus, n_articles, src, distinct_events)
        summary: RunSummary
        with Store(Path(tmp) / "bench.duckdb") as store:
            if engine == "dask":
                from distributed import Client, LocalCluster

                cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers, threads_per_worker=1, dashboard_address=None
                )
                client = Client(cluster)  # type: ignore[no-untyped-call]
                try:
                    # Workers load the model before the clock starts, as local workers do.
                    client.run(_warm, options)
                    started = time.perf_counter()
                    summary = ingest_dask(
                        [str(src)], store, options, DaskOptions(workers=workers), client=client
                    )
                    seconds = time.perf_counter() - started
                    worker_peaks = _dask_worker_peaks(client)
                finally:
                    client.close()  # type: ignore[no-untyped-call]
                    cluster.close()
            else:
                started = time.perf_counter()
                summary = ingest([str(src)], store, options)
                seconds = time.perf_counter() - started
                # Each pool worker reports its peak with its results (RUSAGE_CHILDREN would
                # mix in the children that merged commits); with 0 workers the stages run
                # in this process.
                worker_peaks = (summary.worker_peak_mb,) if workers > 0 else ()
            events = store.counts()["events"]
    return BenchResult(
        engine=engine + (" (distinct events)" if distinct_events else ""),
        articles=summary.processed,
        words=words,
        seconds=seconds,
        workers=workers,
        cores=os.cpu_count() or 1,
        peak_rss_mb_main=_peak_mb(resource.RUSAGE_SELF),
        peak_rss_mb_workers=worker_peaks,
        events=events,
        stage_seconds=dict(summary.clock.seconds),
        peak_rss_mb_commit=summary.commit_peak_mb,
    )


def compare(local: BenchResult, dask: BenchResult) -> str:
    """One line comparing the Dask run with the local run (the target is within 25 %)."""
    ratio = dask.rate / local.rate if local.rate else 0.0
    verdict = "within" if ratio >= 0.75 else "NOT within"
    return (
        f"dask/local: {dask.rate:.1f} / {local.rate:.1f} articles/s = {ratio:.0%} "
        f"({verdict} 25 % of the local run)"
    )
