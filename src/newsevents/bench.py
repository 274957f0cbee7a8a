"""`newsevents bench`: time ingest of the bundled corpus, repeated into distinct articles."""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from newsevents.ingest import read_inputs
from newsevents.pipeline import Options, ingest
from newsevents.records import Article
from newsevents.store import Store


@dataclass(frozen=True)
class BenchResult:
    """What one benchmark run measured."""

    articles: int
    words: int
    seconds: float
    workers: int
    cores: int
    peak_rss_mb_main: float
    peak_rss_mb_worker: float
    events: int

    def report(self) -> str:
        """A few lines for the terminal and the README."""
        rate = self.articles / self.seconds
        return (
            f"{self.articles} articles ({self.words / self.articles:.0f} words each on average) "
            f"in {self.seconds:.1f} s with {self.workers} worker(s) on {self.cores} core(s): "
            f"{rate:.1f} articles/s, {self.words / self.seconds:,.0f} words/s; "
            f"{self.events} events stored\n"
            + (
                f"peak memory: main process {self.peak_rss_mb_main:.0f} MB, "
                f"largest worker {self.peak_rss_mb_worker:.0f} MB"
                if self.workers > 1
                else f"peak memory: {self.peak_rss_mb_main:.0f} MB (stages run in the main process)"
            )
        )


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


def make_copies(base: list[Article], n: int) -> list[dict[str, object]]:
    """n distinct article records from the base corpus: each copy has its own url, its
    date shifted by whole months and a copy marker, so dedup and merge skip nothing."""
    records: list[dict[str, object]] = []
    k = 0
    while len(records) < n:
        for i, a in enumerate(base):
            if len(records) >= n:
                break
            records.append(
                {
                    "text": f"{a.text}\n\n(Copy {k}.)",
                    "title": a.title,
                    "published": _shift_months(a.published, k),
                    # The position makes copies of the corpus' own duplicate rows distinct too.
                    "url": f"{a.url or 'bench://' + a.id}#copy-{k}-{i}",
                    "outlet": a.outlet,
                }
            )
        k += 1
    return records


def run_bench(corpus: Path, n_articles: int, workers: int) -> BenchResult:
    """Ingest n distinct articles made from the corpus into a fresh DuckDB file."""
    base = [a for a in read_inputs([str(corpus)]) if isinstance(a, Article)]
    records = make_copies(base, n_articles)
    words = sum(len(str(r["text"]).split()) for r in records)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "bench.jsonl"
        with src.open("w", encoding="utf-8") as out:
            for r in records:
                out.write(json.dumps(r) + "\n")
        with Store(Path(tmp) / "bench.duckdb") as store:
            started = time.perf_counter()
            summary = ingest([str(src)], store, Options(workers=workers))
            seconds = time.perf_counter() - started
            events = store.counts()["events"]
    return BenchResult(
        articles=summary.processed,
        words=words,
        seconds=seconds,
        workers=workers,
        cores=os.cpu_count() or 1,
        peak_rss_mb_main=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        peak_rss_mb_worker=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        events=events,
    )
