"""Syndication: near-identical texts published under different outlets are one report.

A wire story reprinted by ten sites is one source, not ten. Each article gets a small
sketch of its text once (the k smallest hashes of its five-word shingles, a bottom-k
MinHash); two sketches estimate the Jaccard similarity of the two texts' shingle sets,
and texts above `COPY_THRESHOLD` are copies. Comparisons happen only among the articles
of one event, so no all-pairs pass over a corpus is ever needed.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping, Sequence
from functools import lru_cache

from newsevents.records import Source

Sketch = tuple[int, ...]

SHINGLE = 5
SKETCH_SIZE = 64
# Reprints differ by a headline, a byline or a boilerplate footer: far above 0.5 in
# practice, while two outlets' own reports of one event share few five-word runs.
COPY_THRESHOLD = 0.5
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4096)
def sketch(text: str) -> Sketch:
    """The bottom-k MinHash sketch of a text's lower-cased five-word shingles."""
    # Cached: merging a commit and writing it both need its articles' sketches.
    words = _WORD.findall(text.lower())
    if not words:
        return ()
    if len(words) < SHINGLE:
        shingles = {" ".join(words)}
    else:
        shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    # crc32 is stable across processes (Python's str hash is salted per process).
    hashes = sorted({zlib.crc32(s.encode("utf-8")) for s in shingles})
    return tuple(hashes[:SKETCH_SIZE])


def similarity(a: Sketch, b: Sketch) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:SKETCH_SIZE]
    shared = set(a) & set(b)
    return sum(1 for h in union if h in shared) / len(union)


_SEEN_PAIRS: dict[tuple[str, str, int, int], bool] = {}
_SEEN_LIMIT = 200_000


def _copies(a: str, b: str, sa: Sketch, sb: Sketch) -> bool:
    # An event is rebuilt whenever a report joins it: each pair of its articles is
    # compared once per process, not once per rebuild.
    key = (a, b, hash(sa), hash(sb))
    known = _SEEN_PAIRS.get(key)
    if known is None:
        if len(_SEEN_PAIRS) >= _SEEN_LIMIT:
            _SEEN_PAIRS.clear()
        known = _SEEN_PAIRS[key] = similarity(sa, sb) >= COPY_THRESHOLD
    return known


def independent_reports(sources: Sequence[Source], sketches: Mapping[str, Sketch]) -> int:
    """How many independent reports the sources are: articles of one outlet count once, and
    articles whose texts are copies of each other count once whatever their outlets."""
    articles = sorted({s.article_id for s in sources})
    parent = {a: a for a in articles}

    def root(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_outlet: dict[str, str] = {}
    for s in sorted(sources, key=lambda s: s.article_id):
        outlet = s.outlet or s.article_id
        join(by_outlet.setdefault(outlet, s.article_id), s.article_id)
    # Articles with one sketch are copies (similarity 1); two sketches that share no hash
    # are not (similarity 0), so only pairs of distinct sketches sharing a hash are
    # compared: testing every pair cost O(n^2) similarities for an event told by hundreds
    # of articles from a few outlets (a fifth of a bench commit's merge CPU).
    by_sketch: dict[Sketch, str] = {}
    for a in articles:
        sk = sketches.get(a)
        if sk:
            join(by_sketch.setdefault(sk, a), a)
    distinct = list(by_sketch.items())
    holders: dict[int, list[int]] = {}
    for n, (sk, _) in enumerate(distinct):
        for h in sk:
            holders.setdefault(h, []).append(n)
    for n, (sa, a) in enumerate(distinct):
        sharing = set().union(*(holders[h] for h in sa))
        for m in sorted(x for x in sharing if x > n):
            sb, b = distinct[m]
            if root(a) != root(b) and _copies(a, b, sa, sb):
                join(a, b)
    return len({root(a) for a in articles})
