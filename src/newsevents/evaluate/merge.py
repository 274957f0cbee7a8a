"""`eval merge`: does merging make one event of the reports of one real event?

Three measurements (issue 7) and a timing:

- FA-KES (shared/corpus/fakes): articles of different outlets with the same date and
  location column are a silver standard for "same event". Article pairs linked by the
  pipeline (one new event has sources in both; cross-outlet pairs only) are scored against
  it (pairwise P/R/F1), and new events per article are counted with each article merged
  alone ("before") and all merged together ("after"). The merge is also run again in
  32-article batches in a shuffled order: the share of events that come out identical
  (same mentions) shows that the result does not depend on order or batching.
- VOA (shared/corpus/voa): a train hijacking in Pakistan told by five articles over four
  days. The event dated 11 March 2025 in Pakistan that the most of the five articles
  report is "the hijack event"; reported are how many of the five it holds, how many new
  events are dated that day in Pakistan, how many differing death tolls its conflicts
  list, and how many of the five articles fall in one story.
- UCDP GED Syria (gold/ucdp-syria): every report (a `;`-separated piece of
  source_headline) that cites exactly one UCDP event is an article published on its
  source date; events cited by two or more such reports give the gold pairs (on the shared
  CSV: 1,108 events, 2,799 reports, 2,892 pairs). Recall is the share of gold pairs whose
  two articles end up in one new event; precision the share of linked pairs of these
  articles that cite the same UCDP event. Recall is also given over the pairs whose two
  reports each give a placed and dated new event (an anchor): what merging can link, apart
  from what extraction missed.
- Speed: merging 100,000 synthetic mentions in one call.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsevents.errors import UsageError
from newsevents.evaluate.common import EvalOptions, gold_path
from newsevents.evaluate.metrics import stable_sample
from newsevents.evaluate.report import Report, Row, prf_rows, rate
from newsevents.evaluate.ucdp import load_headlines
from newsevents.ingest import make_article
from newsevents.linkage import is_anchor
from newsevents.merge_bench import run_merge_bench
from newsevents.records import (
    Article,
    Event,
)

BATCH = 64
SHUFFLE_BATCH = 32
SPEED_MENTIONS = 100_000
# The five VOA stories on the Jaffar Express hijacking (ids in their urls).
VOA_HIJACK = ("8006651", "8007760", "8009314", "8009976", "8011076")
VOA_DAY = "2025-03-11"

if TYPE_CHECKING:
    from newsevents.pipeline import ArticleResult

Pair = tuple[str, str]


@dataclass(frozen=True)
class Merged:
    """What merging gave for a set of articles: new events and their articles."""

    events: tuple[Event, ...]

    def article_sets(self) -> list[set[str]]:
        """The articles of each new event."""
        return [{s.article_id for s in e.sources} for e in self.events if e.status == "new"]

    def linked_pairs(self) -> set[Pair]:
        """Article pairs that share a new event."""
        out: set[Pair] = set()
        for ids in self.article_sets():
            ordered = sorted(ids)
            out.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :])
        return out


def _pairs(groups: Iterable[Sequence[str]]) -> set[Pair]:
    out: set[Pair] = set()
    for group in groups:
        ordered = sorted(set(group))
        out.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :])
    return out


def _fakes_date(value: str) -> str | None:
    try:
        return dt.datetime.strptime(value.strip(), "%m/%d/%Y").date().isoformat()
    except ValueError:
        return None


def fakes_articles(path: Path) -> list[tuple[Article, str, str]]:
    """FA-KES rows as (article, outlet, "date|location" silver key), first copy of a text."""
    out: list[tuple[Article, str, str]] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        for row in csv.DictReader(handle):
            date = _fakes_date(row["date"])
            article = make_article(
                row["article_content"],
                title=row["article_title"],
                published=date,
                outlet=row["source"],
                source=f"fakes:{row['unit_id']}",
            )
            if article.id in seen or not article.text.strip():
                continue
            seen.add(article.id)
            out.append((article, row["source"], f"{row['date']}|{row['location'].lower()}"))
    return out


def ucdp_reports(csv_path: Path) -> list[tuple[Article, str]]:
    """Every report that cites exactly one UCDP event, as (article, event id), for events
    cited by two or more such reports."""
    cited: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, str] = {}
    for headline in load_headlines(csv_path):
        for text, date in headline.reports:
            cited[text].update(e.id for e in headline.events)
            if date and (text not in dates or date < dates[text]):
                dates[text] = date
    by_event: dict[str, list[str]] = defaultdict(list)
    for text, events in cited.items():
        if len(events) == 1:
            by_event[next(iter(events))].append(text)
    out: list[tuple[Article, str]] = []
    for event_id, texts in sorted(by_event.items()):
        if len(texts) < 2:
            continue
        for text in sorted(texts):
            published = dates.get(text, "")[:10] or None
            out.append((make_article(text, published=published, source="ucdp"), event_id))
    return out


class Runner:
    """Runs the stages once per article and merges sets of them (MemoryIndex)."""

    def __init__(self) -> None:
        # The pipeline loads spaCy: imported when a suite runs, so the scorers import fast.
        from newsevents.pipeline import load_knowledge

        self.knowledge = load_knowledge()
        self.results: dict[str, ArticleResult] = {}

    def process(self, articles: Sequence[Article]) -> None:
        """Run the stages over articles not yet processed."""
        from newsevents.pipeline import process_articles

        todo = [a for a in articles if a.id not in self.results]
        for start in range(0, len(todo), BATCH):
            for r in process_articles(todo[start : start + BATCH], self.knowledge):
                self.results[r.article.id] = r

    def merge(self, ids: Sequence[str], batch: int | None = None, seed: int = 0) -> Merged:
        """Merge the articles' mentions: all at once, or in shuffled batches into one index."""
        from newsevents.merge import MemoryIndex
        from newsevents.pipeline import merge_results

        good = [self.results[i] for i in ids if self.results[i].error is None]
        index = MemoryIndex()
        if batch is None:
            _, events = merge_results(good, index, self.knowledge)
            return Merged(tuple(events))
        order = good[:]
        random.Random(seed).shuffle(order)
        built: dict[str, Event] = {}
        for start in range(0, len(order), batch):
            merged, events = merge_results(order[start : start + batch], index, self.knowledge)
            index.apply(merged)
            for r in merged:
                built.pop(r.event_id, None)
                for gone in r.absorbed:
                    built.pop(gone, None)
            built.update({e.event_id: e for e in events})
        return Merged(tuple(built.values()))

    def failed(self) -> int:
        """Articles on which a stage raised."""
        return sum(1 for r in self.results.values() if r.error is not None)


def _mention_sets(merged: Merged) -> set[frozenset[tuple[str, int]]]:
    return {
        frozenset((s.article_id, s.char_start) for s in e.sources)
        for e in merged.events
        if e.status == "new"
    }


def fakes_rows(path: Path, runner: Runner, limit: int | None, seed: int) -> list[Row]:
    """FA-KES silver pairs, events per article before and after, shuffled batches."""
    rows_in = fakes_articles(path)
    rows_in = stable_sample(rows_in, lambda r: r[0].id, limit, seed)
    runner.process([a for a, _, _ in rows_in])
    ids = [a.id for a, _, _ in rows_in]
    outlet = {a.id: o for a, o, _ in rows_in}
    groups: dict[str, list[str]] = defaultdict(list)
    for a, _, key in rows_in:
        groups[key].append(a.id)
    silver = {p for p in _pairs(groups.values()) if outlet[p[0]] != outlet[p[1]]}
    together = runner.merge(ids)
    linked = {p for p in together.linked_pairs() if outlet[p[0]] != outlet[p[1]]}
    hits = len(linked & silver)
    before = sum(len(runner.merge([i]).article_sets()) for i in ids)
    after = len(together.article_sets())
    shuffled = runner.merge(ids, batch=SHUFFLE_BATCH, seed=seed + 1)
    reference = _mention_sets(together)
    same = len(reference & _mention_sets(shuffled))
    n = len(ids)
    return [
        *prf_rows(
            "FA-KES silver pairs",
            hits,
            len(linked),
            hits,
            len(silver),
            note="(cross-outlet article pairs; same date and location column)",
        ),
        Row("FA-KES articles", n, None, "distinct texts", "count"),
        Row(
            "FA-KES new events per article, before merging",
            rate(before, n),
            None,
            f"{before} events, each article merged alone",
            "number",
        ),
        Row(
            "FA-KES new events per article, after merging",
            rate(after, n),
            None,
            f"{after} events, all articles merged together",
            "number",
        ),
        Row(
            "FA-KES events identical in shuffled 32-article batches",
            rate(same, len(reference)),
            None,
            f"{same}/{len(reference)} events with the same mentions as the all-at-once merge",
        ),
    ]


def _voa_id(article: Article) -> str:
    return (article.url or "").rstrip("/").rsplit("/", 1)[-1].split(".")[0]


def voa_rows(path: Path, runner: Runner) -> list[Row]:
    """The train hijacking: one event, its tolls in conflict, one story."""
    from newsevents.ingest import read_inputs
    from newsevents.stories import build_stories

    articles = [a for a in read_inputs([str(path)]) if isinstance(a, Article)]
    runner.process(articles)
    merged = runner.merge([a.id for a in articles])
    hijack = {a.id for a in articles if _voa_id(a) in VOA_HIJACK}
    that_day = [
        e
        for e in merged.events
        if e.status == "new" and e.iso3 == "PAK" and e.event_date == VOA_DAY
    ]
    best = max(
        that_day,
        key=lambda e: (len({s.article_id for s in e.sources} & hijack), len(e.sources)),
        default=None,
    )
    held = len({s.article_id for s in best.sources} & hijack) if best else 0
    tolls = 0
    if best is not None:
        for conflict in best.conflicts:
            if conflict.startswith("fatalities:"):
                tolls = conflict.count(" vs ") + 1
    stories = build_stories(merged.events, {a.id: a.title or "" for a in articles})
    by_id = {e.event_id: e for e in merged.events}
    in_story = max(
        (
            len({s.article_id for eid in st.event_ids for s in by_id[eid].sources} & hijack)
            for st in stories
        ),
        default=0,
    )
    return [
        Row(
            "VOA hijack articles in the hijack event",
            rate(held, len(hijack)),
            None,
            f"{held}/{len(hijack)} of the five articles in one event dated {VOA_DAY}",
        ),
        Row(
            "VOA new events dated 11 March 2025 in Pakistan",
            len(that_day),
            None,
            "1 is ideal: the hijacking itself",
            "count",
        ),
        Row(
            "VOA differing tolls in the hijack event's conflicts",
            tolls,
            None,
            best.conflicts[0] if best is not None and best.conflicts else "none listed",
            "count",
        ),
        Row(
            "VOA hijack articles in one story",
            rate(in_story, len(hijack)),
            None,
            f"{in_story}/{len(hijack)} in the story holding most of them",
        ),
    ]


def anchored(result: ArticleResult) -> bool:
    """Whether an article gives a new event that can be matched across articles: placed
    finer than a country and dated to a day or week."""
    return result.error is None and any(
        m.mention.status == "new" and is_anchor(m) for m in result.mentions
    )


def ucdp_rows(csv_path: Path, runner: Runner, limit: int | None, seed: int) -> list[Row]:
    """Multi-report UCDP events: pair recall and precision of merging."""
    reports = ucdp_reports(csv_path)
    events = sorted({e for _, e in reports})
    chosen = set(stable_sample(events, lambda e: e, limit, seed))
    reports = [(a, e) for a, e in reports if e in chosen]
    runner.process([a for a, _ in reports])
    event_of = {a.id: e for a, e in reports}
    groups: dict[str, list[str]] = defaultdict(list)
    for a, e in reports:
        groups[e].append(a.id)
    gold = _pairs(groups.values())
    linked = runner.merge(sorted(event_of)).linked_pairs()
    found = len(gold & linked)
    correct = sum(1 for a, b in linked if event_of[a] == event_of[b])
    note = f"({len(chosen)} events, {len(event_of)} reports)"
    placed = {i for i in event_of if anchored(runner.results[i])}
    both = {(a, b) for a, b in gold if a in placed and b in placed}
    found_both = len(both & linked)
    return [
        Row(
            "UCDP multi-report pairs recall",
            rate(found, len(gold)),
            None,
            f"{found}/{len(gold)} gold pairs in one event {note}",
        ),
        Row(
            "UCDP multi-report pairs recall, both reports placed and dated",
            rate(found_both, len(both)),
            None,
            f"{found_both}/{len(both)} gold pairs whose reports each give a new event placed "
            "finer than a country and dated to a day or week",
        ),
        Row(
            "UCDP multi-report pairs precision",
            rate(correct, len(linked)),
            None,
            f"{correct}/{len(linked)} linked pairs citing the same UCDP event",
        ),
    ]


def speed_rows(n: int) -> list[Row]:
    """Seconds to merge n synthetic mentions into an empty index in one call."""
    timing = run_merge_bench(n)
    return [
        Row(
            f"seconds to merge {n:,} synthetic mentions",
            timing.seconds,
            None,
            f"{timing.events:,} events; one call, empty index (noisy: shared machine)",
            "seconds",
        )
    ]


def run(shared: Path, options: EvalOptions) -> Report:
    """All merge measurements; `sample` limits FA-KES articles and UCDP events."""
    started = time.perf_counter()
    fakes = shared / "corpus" / "fakes" / "FA-KES-Dataset.csv"
    voa = shared / "corpus" / "voa" / "voa_conflict_subset.jsonl"
    for path in (fakes, voa):
        if not path.exists():
            raise UsageError(f"{path} not found: pass --shared with the folder holding corpus/")
    folder = gold_path(shared, "ucdp-syria", options)
    csv_path = folder / "ucdp_ged_syria_2016_2019.csv" if folder.is_dir() else folder
    limit = options.size(None)
    runner = Runner()
    rows = [
        *ucdp_rows(csv_path, runner, limit, options.seed),
        *fakes_rows(fakes, runner, limit, options.seed),
        *voa_rows(voa, runner),
        *speed_rows(SPEED_MENTIONS if limit is None else min(SPEED_MENTIONS, 100 * limit)),
    ]
    params = {
        "sample": "all" if limit is None else f"{limit} FA-KES articles and UCDP events",
        "articles failed": runner.failed(),
    }
    return Report("merge", tuple(rows), params, time.perf_counter() - started)
