"""Speed and memory of merging, for `newsevents bench --merge` and `eval merge`: n
synthetic event mentions merged into an empty index in one call.

The mentions are varied on purpose: three countries, three years, two event types, two
actors, places scattered over four degrees each way, four mentions an article and fifty
outlets, so that merging meets many candidate pairs and no all-pairs shortcut helps.
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import time
from dataclasses import dataclass

from newsevents.lexicon import get_lexicon
from newsevents.merge import MemoryIndex, merge
from newsevents.records import Actor, Mention, Place, ResolvedDate, ResolvedMention, Source

__all__ = ["MergeBench", "run_merge_bench", "synthetic_mentions"]


@dataclass(frozen=True)
class MergeBench:
    """What one merge benchmark measured."""

    mentions: int
    events: int
    seconds: float
    peak_mb: float

    def report(self) -> str:
        """The lines `newsevents bench --merge` prints."""
        return (
            f"merge: {self.mentions:,} synthetic mentions into {self.events:,} events "
            f"in {self.seconds:.1f} s ({self.mentions / max(self.seconds, 1e-9):,.0f} "
            f"mentions/s), one call, empty index\n"
            f"peak memory of this process: {self.peak_mb:,.0f} MB"
        )


def run_merge_bench(n: int, seed: int = 0) -> MergeBench:
    """Merge n synthetic mentions in one call and time it (the mentions are made first,
    outside the timing)."""
    mentions = synthetic_mentions(n, seed)
    lexicon = get_lexicon()
    started = time.perf_counter()
    events = merge(mentions, MemoryIndex(), lexicon)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return MergeBench(n, len(events), seconds, peak_mb)


def synthetic_mentions(n: int, seed: int = 0) -> list[ResolvedMention]:
    """n varied mentions over three countries and three years (for timing merge)."""
    rnd = random.Random(seed)
    countries = [("SYR", 35.0, 38.5), ("IRQ", 33.0, 44.0), ("PAK", 30.0, 69.0)]
    actors = [
        Actor("Islamic State", "Rebel group"),
        Actor("Syrian Democratic Forces", "Rebel group"),
    ]
    subs = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike")]
    start = dt.date(2017, 1, 1)
    out = []
    for k in range(n):
        iso3, lat, lon = rnd.choice(countries)
        place = Place(
            f"p{k % 2000}",
            lat + rnd.uniform(-2, 2),
            lon + rnd.uniform(-2, 2),
            None,
            iso3,
            None,
            "town",
            1,
        )
        etype, sub = rnd.choice(subs)
        day = (start + dt.timedelta(days=rnd.randrange(1095))).isoformat()
        article = f"s{k // 4}"
        sentence = f"sentence {k}"
        mention = Mention(
            article,
            sentence,
            k,
            k + 10,
            "x",
            etype,
            sub,
            {},
            None,
            None,
            (),
            (),
            None,
            None,
            "new",
            "asserted",
        )
        source = Source(article, None, f"o{k % 50}", day, sentence, k, k + 10)
        out.append(
            ResolvedMention(
                mention,
                source,
                rnd.choice(actors),
                None,
                place,
                ResolvedDate(day, None, "day"),
                "text",
            )
        )
    return out
