"""Orchestration: run the stages over articles, merge, and write to the store.

ingest → clean → analyse → extract → resolve happen per batch of articles (in worker
processes when asked); merge and store happen in the calling process, one transaction
per batch, so a run can be killed at any point and resumed.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import math
import multiprocessing as mp
import os
import resource
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from newsevents import __version__
from newsevents.analyse import Models, analyse, load_models
from newsevents.clean import clean
from newsevents.extract_context import Cues, ExtractContext, load_cues
from newsevents.extractor import extract
from newsevents.forked import call_in_child, can_fork
from newsevents.ingest import IngestOptions, make_article, read_inputs
from newsevents.lexicon import Lexicon, load_lexicon
from newsevents.merge import (
    EventIndex,
    MemoryIndex,
    MergeResult,
    Regroup,
    build_event,
    materialize,
    mention_key,
    merge,
    regroup,
)
from newsevents.recase import Recaser, recase
from newsevents.records import Article, Event, IngestProblem, ResolvedMention
from newsevents.resolve.actors import ActorDictionary
from newsevents.resolve.dates import find_dateline, parse_published
from newsevents.resolve.mentions import ResolveContext, resolve_mentions
from newsevents.resolve.place_cues import cue_countries
from newsevents.resolve.places import Gazetteer, PlaceContext
from newsevents.resolve.timex_zones import utc_offset
from newsevents.stageclock import StageClock
from newsevents.store import Store
from newsevents.syndication import Sketch, sketch


@dataclass(frozen=True)
class Options:
    """Everything a run can be configured with, in one place."""

    ingest: IngestOptions = field(default_factory=IngestOptions)
    published: str | None = None  # publication date for articles that carry none
    batch_size: int = 32
    # Processes that run the stages while this one merges and writes; 0 runs the stages
    # in this process too (one core, no process start: the library's and tests' default).
    workers: int = 0
    # Batches merged and written in one transaction: at least `commit_batches`, and as the
    # store grows, enough to hold `commit_share` of the articles already stored, up to
    # `max_commit_batches` (see `batches_per_commit`).
    commit_batches: int = 32
    commit_share: float = 0.25
    max_commit_batches: int = 128
    # With worker processes, merge and write each commit in a forked child of this
    # process (Linux), so that the writer's memory stays flat however long the run
    # (`forked.call_in_child`).
    merge_in_child: bool = True
    gazetteer_csv: Path | None = None
    actors_yaml: Path | None = None


@dataclass(frozen=True)
class Knowledge:
    """The loaded models and data files every stage consults."""

    lexicon: Lexicon
    cues: Cues
    actors: ActorDictionary
    gazetteer: Gazetteer
    models: Models
    version: str

    def place_country(self, name: str) -> str | None:
        """ISO3 country of a place name as the gazetteer resolves it without context."""
        place = self.gazetteer.resolve(name)
        return place.iso3 if place is not None else None

    def place_country_in(self, name: str, countries: tuple[str, ...]) -> str | None:
        """ISO3 country of a place name in an article about these countries."""
        place = self.gazetteer.resolve(name, PlaceContext(countries=countries))
        return place.iso3 if place is not None else None

    def extract_context(self, anchor: dt.date | None, countries: bool = True) -> ExtractContext:
        """The extractor's context for an article whose dates resolve against `anchor`;
        without `countries`, the places it names say nothing of the article's countries."""
        ctx = ExtractContext(
            lexicon=self.lexicon,
            actors=self.actors,
            is_place=self.gazetteer.is_place_name,
            anchor=anchor,
            cues=self.cues,
            country_for=self.gazetteer.country_for,
            capital_for=self.gazetteer.capital_of,
        )
        if not countries:
            return ctx
        return replace(
            ctx,
            place_country=self.place_country,
            place_country_in=self.place_country_in,
            cue_countries=cue_countries,
        )


class MergeKnowledge(Protocol):
    """What merging and writing consult: the lexicon and the pipeline version (a process
    that only merges need not load the models and the gazetteer)."""

    @property
    def lexicon(self) -> Lexicon:
        """Event types, families and sub-type ranks."""
        ...

    @property
    def version(self) -> str:
        """The pipeline version events are stamped with."""
        ...


@dataclass(frozen=True)
class Merging:
    """MergeKnowledge without the stages' models."""

    lexicon: Lexicon
    version: str


def load_merging() -> Merging:
    """What the writing process needs when the stages run elsewhere."""
    return Merging(lexicon=load_lexicon(), version=pipeline_version())


def batches_per_commit(options: Options, stored_articles: int) -> int:
    """Batches in the next commit. Each commit re-groups every stored event its reports may
    join, a cost that grows with the store rather than with the commit; commits that grow
    with the store keep that cost per article flat (on 12,000 bench articles, a 1,024-article
    commit into an 8,000-article store spent 10 ms an article merging)."""
    wanted = math.ceil(stored_articles * options.commit_share / max(1, options.batch_size))
    return max(options.commit_batches, min(options.max_commit_batches, wanted))


@dataclass(frozen=True)
class ArticleResult:
    """What the stages made of one article."""

    article: Article
    mentions: tuple[ResolvedMention, ...]
    anchor: str | None  # the date relative expressions were resolved against
    anchor_from: str  # "metadata", "dateline", "option" or "none"
    error: str | None = None


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """Code version plus a digest of the bundled data files (lexicons, gazetteer)."""
    digest = hashlib.sha256()
    data = resources.files("newsevents") / "data"
    for entry in sorted(data.iterdir(), key=lambda p: p.name):
        if entry.is_file():
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:8]}"


_KNOWLEDGE: dict[tuple[Path | None, Path | None], Knowledge] = {}


def load_knowledge(options: Options = Options()) -> Knowledge:
    """Load models and data once per process (per choice of extra data files)."""
    key = (options.gazetteer_csv, options.actors_yaml)
    if key not in _KNOWLEDGE:
        _KNOWLEDGE[key] = Knowledge(
            lexicon=load_lexicon(),
            cues=load_cues(),
            actors=ActorDictionary.load(options.actors_yaml),
            gazetteer=Gazetteer.load(extra_csv=options.gazetteer_csv),
            models=load_models(),
            version=pipeline_version(),
        )
    return _KNOWLEDGE[key]


def _anchor(
    article: Article,
    dateline_date: str | None,
    default: str | None,
    utc_offset_hours: float | None = None,
) -> tuple[dt.date | None, str]:
    """The date relative expressions are resolved against, and where it came from.

    A date the article's own text gives in its dateline ("Posted on April 2 2017",
    "Date of publication 7 July 2016") wins over metadata: collected corpora often carry
    a crawl or labelling date in their metadata (FA-KES' date column disagrees with the
    text's own dateline in a quarter of its articles).
    """
    if dateline_date:
        return dt.date.fromisoformat(dateline_date), "dateline"
    # A zoned time stamp is read in the dateline place's local time when it is known.
    published = parse_published(article.published, utc_offset_hours)
    if published is not None:
        return published, "metadata"
    fallback = parse_published(default)
    if fallback is not None:
        return fallback, "option"
    return None, "none"


def _dateline_offset(place: str | None, gazetteer: Gazetteer) -> float | None:
    """The UTC offset of a dateline's place (its country's), None when not known."""
    found = gazetteer.resolve(place) if place else None
    return utc_offset(found.iso3) if found is not None else None


def process_articles(
    articles: Sequence[Article],
    knowledge: Knowledge,
    default_published: str | None = None,
    clock: StageClock | None = None,
) -> list[ArticleResult]:
    """Clean, analyse, extract and resolve a batch of articles (no merging, no store);
    `clock` collects the CPU time of each stage."""
    clock = clock or StageClock()
    recaser = Recaser(
        is_place=knowledge.gazetteer.is_place_name,
        actors=knowledge.actors,
        resolve_place=knowledge.gazetteer.resolve,
    )
    with clock.measure("clean"):
        raw_cleaned = [clean(a) for a in articles]
    with clock.measure("recase"):
        cleaned = [recase(c, recaser) for c in raw_cleaned]
    with clock.measure("analyse"):
        analysed = analyse(cleaned, knowledge.lexicon, knowledge.models, recaser.parse_text)
    results: list[ArticleResult] = []
    for item in analysed:
        article = item.clean.article
        with clock.measure("resolve"):
            dateline = find_dateline(item.clean.text)
        offset = _dateline_offset(dateline.place if dateline else None, knowledge.gazetteer)
        anchor, anchor_from = _anchor(
            article, dateline.date if dateline else None, default_published, offset
        )
        ectx = knowledge.extract_context(anchor)
        rctx = ResolveContext(
            actors=knowledge.actors,
            gazetteer=knowledge.gazetteer,
            anchor=anchor,
            dateline_place=dateline.place if dateline else None,
            # a dateline's date or time zone already gives the local day
            local_anchor=anchor_from != "metadata" or offset is not None,
        )
        try:
            with clock.measure("extract"):
                mentions = extract(item, ectx)
            with clock.measure("resolve"):
                resolved = resolve_mentions(article, mentions, rctx)
        except (ValueError, KeyError, IndexError, AttributeError, TypeError) as exc:
            # A defect met on one article must not stop the run: it is reported with the
            # article's source and counted as a failure.
            results.append(ArticleResult(article, (), None, "none", f"{type(exc).__name__}: {exc}"))
            continue
        results.append(
            ArticleResult(article, resolved, anchor.isoformat() if anchor else None, anchor_from)
        )
    return results


def merge_results(
    results: Sequence[ArticleResult], index: EventIndex, knowledge: MergeKnowledge
) -> tuple[list[MergeResult], list[Event]]:
    """Merge a batch's mentions into the index's events and build the event records (the
    batch's articles replace whatever the index held for them), all at once."""
    mentions = [m for r in results for m in r.mentions]
    merged = merge(mentions, index, knowledge.lexicon, articles=[r.article.id for r in results])
    new = {r.article.id: sketch(r.article.text) for r in results}
    return merged, list(_build_events(merged, new, index, knowledge))


def _build_events(
    merged: Sequence[MergeResult],
    new: Mapping[str, Sketch],
    index: EventIndex,
    knowledge: MergeKnowledge,
) -> Iterator[Event]:
    """The records of merged events; `new` holds the batch's articles' text sketches."""
    others = sorted({m.source.article_id for r in merged for m in r.mentions} - set(new))
    sketches = {**index.sketches(others), **new}
    for r in merged:
        if r.mentions:
            yield build_event(
                r.event_id, r.mentions, knowledge.lexicon, knowledge.version, sketches
            )


def extract_articles(
    articles: Iterable[Article], options: Options = Options()
) -> tuple[list[Event], list[ArticleResult]]:
    """One-shot extraction without a database: the merged events of all the articles."""
    knowledge = load_knowledge(options)
    results = process_articles(list(articles), knowledge, options.published)
    index = MemoryIndex()
    _, events = merge_results(results, index, knowledge)
    return sorted(events, key=lambda e: (e.event_date or "", e.event_id)), results


def extract_text(
    text: str,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
) -> list[Event]:
    """Events reported in one article's text (the Python API's `newsevents.extract`)."""
    article = make_article(
        text, title=title, published=published, url=url, outlet=outlet, source="<text>"
    )
    events, _ = extract_articles([article])
    return events


# -- ingest into the store ---------------------------------------------------------------


@dataclass
class RunSummary:
    """Counts for one ingest run."""

    read: int = 0
    already_stored: int = 0
    processed: int = 0
    skipped: int = 0
    failed: int = 0
    mentions: int = 0
    events_written: int = 0
    seconds: float = 0.0
    problems: list[IngestProblem] = field(default_factory=list)
    total: int | None = None  # input records expected, when known before the run
    clock: StageClock = field(default_factory=StageClock)
    # Peak resident memory (MB) of the largest worker process, and of the largest child
    # that merged and wrote a commit (0 when this process did).
    worker_peak_mb: float = 0.0
    commit_peak_mb: float = 0.0

    @property
    def done(self) -> int:
        """Input records finished one way or another (stored, known, skipped or failed)."""
        return self.processed + self.already_stored + self.skipped + self.failed

    @property
    def ok(self) -> bool:
        """True when nothing failed (skipped inputs are not failures)."""
        return self.failed == 0


ProblemCallback = Callable[[IngestProblem], None]
ProgressCallback = Callable[[RunSummary], None]


def distinct_batches(
    items: Iterator[Article | IngestProblem],
    size: int,
    summary: RunSummary,
    on_problem: ProblemCallback,
) -> Iterator[list[Article]]:
    """Consecutive distinct articles of the input, `size` at a time; input problems are
    counted in the summary and reported as they come."""
    batch: list[Article] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, IngestProblem):
            summary.problems.append(item)
            if item.skipped:
                summary.skipped += 1
            else:
                summary.failed += 1
            on_problem(item)
            continue
        summary.read += 1
        if item.id in seen:
            summary.already_stored += 1
            continue
        seen.add(item.id)
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_WORKER: dict[str, Any] = {}


def _worker_init(options: Options) -> None:
    _WORKER["knowledge"] = load_knowledge(options)
    _WORKER["published"] = options.published


def _worker_process(
    articles: list[Article],
) -> tuple[list[ArticleResult], dict[str, float], float]:
    clock = StageClock()
    results = process_articles(articles, _WORKER["knowledge"], _WORKER["published"], clock)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results, clock.seconds, peak_mb


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """Worker processes read the environment when they start: one BLAS thread each,
    since the workers themselves already keep every core busy."""
    names = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
    saved = {name: os.environ.get(name) for name in names}
    for name in names:
        os.environ.setdefault(name, "1")
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


# Stored mentions decoded whole at a time while a commit's changed events are built.
_BUILD_CHUNK = 8192


@dataclass(frozen=True)
class Written:
    """What a commit wrote: event rows written, events removed."""

    events: int
    removed: int


def store_results(
    good: Sequence[ArticleResult],
    store: Store,
    knowledge: MergeKnowledge,
    clock: StageClock | None = None,
) -> Written:
    """Merge successful stage results into the store's events and write them, articles
    included, in one transaction (the one place ingest, Dask and reprocess write).

    Merging reads stored mentions as links (`merge.regroup`); the events that changed are
    then built a few thousand stored mentions at a time while they are written, so the
    writer never holds every mention of a large commit's neighbourhood whole."""
    clock = clock or StageClock()
    with _fewer_collections():
        with clock.measure("merge"):
            mentions = [m for r in good for m in r.mentions]
            plan = regroup(mentions, store, knowledge.lexicon, [r.article.id for r in good])
            fresh = {mention_key(m): m for m in mentions}
            sketches = {r.article.id: sketch(r.article.text) for r in good}
        merge_before = clock.seconds.get("merge", 0.0)
        started = time.process_time()
        events_written = store.write_batch(
            [(r.article, len(r.mentions)) for r in good],
            plan,
            fresh,
            _built(plan, fresh, sketches, store, knowledge, clock),
            knowledge.lexicon.families,
            knowledge.version,
        )
        # Building the events ran inside the write and was counted as merging.
        building = clock.seconds.get("merge", 0.0) - merge_before
        clock.add("store", time.process_time() - started - building)
    return Written(events_written, sum(1 for r in plan if not r.keys))


def _built(
    plan: Sequence[Regroup],
    fresh: Mapping[str, ResolvedMention],
    sketches: Mapping[str, Sketch],
    store: Store,
    knowledge: MergeKnowledge,
    clock: StageClock,
) -> Iterator[Event]:
    """The changed events' records, built `_BUILD_CHUNK` stored mentions at a time."""
    chunks = materialize(plan, fresh, store, _BUILD_CHUNK)
    while True:
        with clock.measure("merge"):
            chunk = next(chunks, None)
            events = [] if chunk is None else list(_build_events(chunk, sketches, store, knowledge))
        if chunk is None:
            return
        yield from events


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Rarer cyclic garbage collections while a commit is merged and written: it makes
    hundreds of thousands of short-lived objects next to the writer's large caches, and
    with the default thresholds full collections walk those caches again and again (on
    12,000 cached bench results, merge and store CPU 4.2 -> 3.6 ms an article)."""
    saved = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def commit_results(
    results: Sequence[ArticleResult],
    store: Store,
    knowledge: MergeKnowledge,
    summary: RunSummary,
    on_problem: ProblemCallback = lambda p: None,
    in_child: bool = False,
) -> None:
    """Merge one batch of stage results into the store in one transaction; count it.
    With `in_child`, the merge and write run in a forked child (see `_store_in_child`)."""
    good = [r for r in results if r.error is None]
    for r in results:
        if r.error is not None:
            problem = IngestProblem(r.article.source or r.article.id, r.error)
            summary.problems.append(problem)
            summary.failed += 1
            on_problem(problem)
    if in_child:
        store.release()
        outcome = call_in_child(partial(_store_in_child, good, store, knowledge))
        written, seconds = outcome.value
        summary.clock.absorb(seconds)
        summary.commit_peak_mb = max(summary.commit_peak_mb, outcome.peak_mb)
    else:
        written = store_results(good, store, knowledge, summary.clock)
    summary.processed += len(good)
    summary.mentions += sum(len(r.mentions) for r in good)
    summary.events_written += written.events


def _store_in_child(
    good: Sequence[ArticleResult], store: Store, knowledge: MergeKnowledge
) -> tuple[Written, dict[str, float]]:
    """`store_results` in a forked child: what merging allocates goes with the child, and
    what the store caches is read again from the file by the next commit's child (the
    writer's own Store never merges, so its place/time index and sketch cache stay empty
    rather than stale). The child leaves the writer claim to the parent, so that a killed
    ingest can be run again at once."""
    store.leave_claim_to_parent()
    clock = StageClock()
    written = store_results(good, store, knowledge, clock)
    store.release()
    return written, clock.seconds


def _timed(items: Iterator[list[Article]], clock: StageClock) -> Iterator[list[Article]]:
    """The batches, with the time spent reading them counted as the ingest stage."""
    while True:
        with clock.measure("ingest"):
            batch = next(items, None)
        if batch is None:
            return
        yield batch


def already_stored(
    store: Store, articles: Sequence[Article], stored_before: int, clock: StageClock
) -> set[str]:
    """The ids of `articles` the store already holds. A store that held no article when
    the run began holds only this run's, each id read once: none is known, and it is not
    asked (each question opens the file, about 19 ms of CPU, 0.6 ms an article)."""
    if not stored_before:
        return set()
    with clock.measure("store"):
        return store.known_articles(a.id for a in articles)


def ingest(
    paths: Sequence[str],
    store: Store,
    options: Options = Options(),
    on_problem: ProblemCallback = lambda p: None,
    on_progress: ProgressCallback = lambda s: None,
    total: int | None = None,
) -> RunSummary:
    """Read inputs, run the stages, merge into the store batch by batch; resumable.
    `total` (input records expected, if known) is passed on to progress reports."""
    started = time.perf_counter()
    summary = RunSummary(total=total)
    items = read_inputs(paths, options.ingest)
    stored_before = store.counts()["articles"]
    # Readers may use the file while the first batches are processed.
    store.release()
    batches = _timed(
        distinct_batches(items, options.batch_size, summary, on_problem), summary.clock
    )

    def fresh(batch: list[Article]) -> list[Article]:
        known = already_stored(store, batch, stored_before, summary.clock)
        summary.already_stored += len(known)
        return [a for a in batch if a.id not in known] if known else batch

    in_child = options.workers > 0 and options.merge_in_child and can_fork()

    def commit(results: list[ArticleResult]) -> None:
        commit_results(results, store, merging, summary, on_problem, in_child)
        summary.seconds = time.perf_counter() - started
        on_progress(summary)

    def per_commit() -> int:
        return batches_per_commit(options, stored_before + summary.processed)

    if options.workers <= 0:
        knowledge = load_knowledge(options)
        merging: MergeKnowledge = knowledge
        done: list[ArticleResult] = []
        taken = 0
        for batch in batches:
            todo = fresh(batch)
            if todo:
                done += process_articles(todo, knowledge, options.published, summary.clock)
                taken += 1
            if taken >= per_commit():
                commit(done)
                done, taken = [], 0
        if done:
            commit(done)
    else:
        # The stages run in the pool: this process only merges and writes.
        merging = load_merging()
        ctx = mp.get_context("spawn")
        with (
            _one_blas_thread(),
            ctx.Pool(options.workers, initializer=_worker_init, initargs=(options,)) as pool,
        ):
            pending: deque[Any] = deque()

            def collect() -> None:
                # A whole commit's batches, oldest first, waiting for each: taking only the
                # batches already done made commits of a few batches whenever the writer
                # was quick, and a commit costs about the same whatever its size (on
                # 20,000 bench articles with 1 worker, merging cost 18.6 ms an article).
                done: list[ArticleResult] = []
                for _ in range(min(per_commit(), len(pending))):
                    results, seconds, peak_mb = pending.popleft().get()
                    summary.clock.absorb(seconds)
                    summary.worker_peak_mb = max(summary.worker_peak_mb, peak_mb)
                    done += results
                commit(done)

            for batch in batches:
                todo = fresh(batch)
                if todo:
                    pending.append(pool.apply_async(_worker_process, (todo,)))
                # A bounded number of batches in flight keeps memory flat on any input size;
                # enough for the next commit plus work for the workers while it is merged.
                while len(pending) >= per_commit() + options.commit_batches + 2 * options.workers:
                    collect()
            while pending:
                collect()
    summary.seconds = time.perf_counter() - started
    return summary
