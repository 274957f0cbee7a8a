"""Speed and size of place lookup, for `newsevents bench`: index load time and memory,
and resolutions per second without context and with one context per document.

Two workloads, both resolved with a fresh Gazetteer (no answer cached beforehand):
- news: the place names of the demo corpus's articles (capitalised runs the gazetteer
  accepts as place names), each article one context, as the pipeline builds it;
- stress: documents of `NAMES_PER_DOC` names drawn from the index itself (towns of
  5,000+ people picked by a fixed stride, so mostly unrelated and often with many
  namesakes, and two country names), a harder case than real news.
"""

from __future__ import annotations

import re
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsevents.records import Article
from newsevents.resolve.gazetteer_cache import freeze_loaded, load_or_build
from newsevents.resolve.place_index import FEATURES, PlaceIndex
from newsevents.resolve.places import Gazetteer, PlaceContext

NAMES_PER_DOC = 12
_TOWN_MIN_POPULATION = 5000
_STRIDE = 7919  # a prime: spreads the picks over countries and sizes
# A run of capitalised words, with the particles place names carry ("Deir ez-Zor").
_CAPITALISED = re.compile(
    r"\b[A-Z][\w'\u2019.-]*(?:\s+(?:(?:al|el|ez|as|ar|de|of|the)[- ])?[A-Z][\w'\u2019.-]*){0,3}"
)


@dataclass(frozen=True)
class Throughput:
    """Resolutions per second (CPU time) for one workload."""

    name: str
    documents: int
    names: int
    plain_per_second: float
    context_per_second: float

    def line(self) -> str:
        """One line for the report."""
        return (
            f"place lookup, {self.name} ({self.documents} documents, {self.names} names): "
            f"{self.plain_per_second:,.0f} resolutions/s without context, "
            f"{self.context_per_second:,.0f}/s with one context per document"
        )


@dataclass(frozen=True)
class PlaceBench:
    """What one place-lookup benchmark measured."""

    load_seconds: float
    index_mb: float
    rows: int
    workloads: tuple[Throughput, ...]

    def report(self) -> str:
        """Lines for the terminal and the README."""
        head = (
            f"gazetteer: {self.rows:,} entries, loads in {self.load_seconds:.2f} s, "
            f"{self.index_mb:.0f} MB of Python objects; rates are CPU time of one process"
        )
        return "\n".join([head, *(w.line() for w in self.workloads)])


def stress_documents(index: PlaceIndex, n_docs: int) -> list[tuple[str, ...]]:
    """`n_docs` lists of place names drawn from the index by a fixed stride."""
    town = FEATURES.index("town")
    towns = [r for r in range(len(index.names)) if index.feature[r] in (town, town - 1)]
    towns = [r for r in towns if index.population[r] >= _TOWN_MIN_POPULATION]
    countries = sorted(index.country_rows.values())
    docs = []
    for d in range(n_docs):
        picks = [towns[(d * NAMES_PER_DOC + k) * _STRIDE % len(towns)] for k in range(10)]
        picks += [countries[(d * 2 + k) * 31 % len(countries)] for k in range(2)]
        docs.append(tuple(index.names[r] for r in picks))
    return docs


def news_documents(texts: Sequence[str], gazetteer: Gazetteer) -> list[tuple[str, ...]]:
    """The place names of each text, in order of mention: each capitalised run the
    gazetteer takes as a place name, or else each of its words that it takes as one."""
    docs = []
    for text in texts:
        names: list[str] = []
        for match in _CAPITALISED.finditer(text):
            run = match.group(0).rstrip(".")
            if gazetteer.is_place_name(run):
                names.append(run)
                continue
            names += [w for w in run.split() if w[:1].isupper() and gazetteer.is_place_name(w)]
        if names:
            docs.append(tuple(names))
    return docs


def measure(index: PlaceIndex, name: str, docs: Sequence[tuple[str, ...]]) -> Throughput:
    """Resolve every name of `docs` on its own, then in its document's context."""
    names = [n for doc in docs for n in doc]
    # CPU time, not wall time: other processes on a shared machine do not count.
    plain = Gazetteer(index)
    started = time.process_time()
    for place_name in names:
        plain.resolve(place_name)
    plain_rate = len(names) / max(time.process_time() - started, 1e-9)

    in_context = Gazetteer(index)
    started = time.process_time()
    for doc in docs:
        # One context per document, as the pipeline builds it (resolve/mentions.py).
        countries = tuple(
            dict.fromkeys(c for n in doc if (c := in_context.country_for(n)) is not None)
        )
        context = PlaceContext(countries=countries, places=tuple(dict.fromkeys(doc)))
        for place_name in doc:
            in_context.resolve(place_name, context)
    context_rate = len(names) / max(time.process_time() - started, 1e-9)
    return Throughput(name, len(docs), len(names), plain_rate, context_rate)


def run_place_bench(
    corpus: Path | None = None, cache_dir: Path | None = None, n_docs: int = 2000
) -> PlaceBench:
    """Read the corpus, load the cached index (building it first if missing, untimed),
    time a second load, measure its memory with tracemalloc, then time both workloads."""
    texts: list[str] = []
    if corpus is not None:
        # Read first, as a pipeline has its readers (and langdetect's 87,000 profile
        # lists) loaded before the gazetteer freezes what is loaded: read afterwards,
        # they stay in reach of the garbage collector, which walks them at every full
        # collection and costs the lookups a sixth of their time.
        from newsevents.ingest import read_inputs

        texts = [a.text for a in read_inputs([str(corpus)]) if isinstance(a, Article)]
    load_or_build(cache_dir)
    started = time.perf_counter()
    index = load_or_build(cache_dir)
    seconds = time.perf_counter() - started
    freeze_loaded()  # as Gazetteer.load does
    tracemalloc.start()
    load_or_build(cache_dir)
    index_mb = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    workloads = []
    if corpus is not None:
        docs = news_documents(texts, Gazetteer(index))
        workloads.append(measure(index, f"news from {corpus}", docs))
    workloads.append(measure(index, "stress", stress_documents(index, n_docs)))
    return PlaceBench(seconds, index_mb, len(index.names), tuple(workloads))
