"""Scorer building blocks shared by the suites: distances, one-to-one matching, span overlap,
and deterministic sampling."""

from __future__ import annotations

import hashlib
import math
import re
import string
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")

EARTH_RADIUS_KM = 6371.0088
_PUNCT = str.maketrans("", "", string.punctuation)
_ARTICLES = re.compile(r"\b(?:a|an|the)\b")

Span = tuple[int, int]


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def greedy_one_to_one(
    candidates: Iterable[tuple[tuple[float, ...], int, int]],
) -> list[tuple[int, int]]:
    """Pairs (i, j) taken cheapest first, each i and each j at most once.

    `candidates` are (cost key, i, j); ties keep the input order, so results are stable.
    """
    ordered = sorted(enumerate(candidates), key=lambda item: (item[1][0], item[0]))
    used_i: set[int] = set()
    used_j: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, (_, i, j) in ordered:
        if i in used_i or j in used_j:
            continue
        used_i.add(i)
        used_j.add(j)
        pairs.append((i, j))
    return pairs


def max_matching(
    n_left: int, n_right: int, edge: Callable[[int, int], bool]
) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of a bipartite graph (augmenting paths).

    With 0/1 similarities this is what an optimal (Hungarian) alignment scores.
    """
    adjacent = [[j for j in range(n_right) if edge(i, j)] for i in range(n_left)]
    owner: list[int | None] = [None] * n_right

    def augment(i: int, seen: set[int]) -> bool:
        for j in adjacent[i]:
            if j in seen:
                continue
            seen.add(j)
            current = owner[j]
            if current is None or augment(current, seen):
                owner[j] = i
                return True
        return False

    for i in range(n_left):
        augment(i, set())
    return sorted((i, j) for j, i in enumerate(owner) if i is not None)


def overlaps(a: Span, b: Span) -> bool:
    """Whether two half-open character spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def span_counts(
    predicted: Sequence[Span], gold: Sequence[Span], strict: bool
) -> tuple[int, int, int, int]:
    """(predicted that match a gold span, n predicted, gold matched by a prediction, n gold).

    Strict: same start and end. Lenient: any overlap. Each side is counted on its own, as
    TempEval-3 and re3d-style span scoring do.
    """

    def hit(p: Span, g: Span) -> bool:
        return p == g if strict else overlaps(p, g)

    matched_pred = sum(1 for p in predicted if any(hit(p, g) for g in gold))
    matched_gold = sum(1 for g in gold if any(hit(p, g) for p in predicted))
    return matched_pred, len(predicted), matched_gold, len(gold)


def normalise_filler(text: str) -> str:
    """A role filler as GRIT's scorer compares it: lower case, no punctuation, no articles,
    single spaces."""
    lowered = text.lower().translate(_PUNCT)
    return " ".join(_ARTICLES.sub(" ", lowered).split())


def stable_sample(items: Sequence[T], key: Callable[[T], str], n: int | None, seed: int) -> list[T]:
    """n items chosen by the sha256 of (seed, key), in their original order; all when n is None.

    The choice depends only on each item's key and the seed, not on the file's order or the
    Python version, so a sample is reproducible anywhere.
    """
    if n is None or n >= len(items):
        return list(items)

    def rank(pair: tuple[int, T]) -> str:
        return hashlib.sha256(f"{seed}\x00{key(pair[1])}".encode()).hexdigest()

    chosen = sorted(sorted(enumerate(items), key=rank)[:n], key=lambda pair: pair[0])
    return [item for _, item in chosen]


def median(values: Sequence[float]) -> float:
    """The median (0.0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
