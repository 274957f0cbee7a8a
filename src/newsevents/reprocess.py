"""`newsevents reprocess`: run the stages again over stored articles that an older pipeline
(code, lexicons or gazetteer) processed, and merge them again, batch by batch.

Each batch's articles replace their stored mentions; merging re-partitions the events
those articles touched, and an event keeps its id wherever it is still found (the new
group that shares most mentions with it takes its id). An event none of whose mentions is
found again is deleted; one whose mentions now belong to another event redirects to it.
Each batch is one transaction, so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from newsevents.pipeline import Options, load_knowledge, process_articles, store_results
from newsevents.store import Store


@dataclass
class ReprocessSummary:
    """What one reprocess run did."""

    outdated: int = 0
    processed: int = 0
    failed: int = 0
    mentions: int = 0
    events_written: int = 0
    events_removed: int = 0
    seconds: float = 0.0


def reprocess(
    store: Store,
    options: Options | None = None,
    on_progress: Callable[[ReprocessSummary], None] = lambda s: None,
) -> ReprocessSummary:
    """Re-extract and re-merge every stored article whose pipeline version is not the
    current one; returns counts."""
    options = options or Options()
    started = time.perf_counter()
    knowledge = load_knowledge(options)
    ids = store.outdated_articles(knowledge.version)
    summary = ReprocessSummary(outdated=len(ids))
    for start in range(0, len(ids), options.batch_size):
        articles = store.articles(ids[start : start + options.batch_size])
        results = process_articles(articles, knowledge, options.published)
        good = [r for r in results if r.error is None]
        summary.failed += len(results) - len(good)
        written = store_results(good, store, knowledge)
        summary.processed += len(good)
        summary.mentions += sum(len(r.mentions) for r in good)
        summary.events_written += written.events
        summary.events_removed += written.removed
        summary.seconds = time.perf_counter() - started
        on_progress(summary)
    summary.seconds = time.perf_counter() - started
    return summary
