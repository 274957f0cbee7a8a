"""Confidence: how likely an event is right, from the evidence that predicts it.

Two small logistic models with their weights in data/confidence.yaml, every feature a
piece of evidence an analyst would also weigh:

- a mention's confidence (set by the extractor) reads the sentence's evidence: a
  casualty word as the only trigger ("died") or a trigger naming the means, whether the
  actors, a place, a day and a toll were found, reported speech, modality, background;
- an event's confidence (set by merge) starts from its best mention's log-odds and adds
  what resolution and corroboration tell: named (dictionary) actors, how precisely the
  place resolved, whether the date was told or only the publication date was taken, how
  many independent outlets report it, and whether its reports disagree.

The weights are fitted on development data only, by `newsevents.evaluate.calibration`
(see that module's docstring for the data and the command); `fit_logistic` is the fitter.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsevents.data_files import package_data, read_yaml_mapping
from newsevents.errors import DataFileError
from newsevents.records import Event, Mention, ResolvedMention

MENTION_FEATURES = (
    "casualty_trigger",
    "weapon",
    "actor1",
    "actor2",
    "place",
    "day",
    "killed",
    "reported",
    "not_asserted",
    "background",
)
EVENT_FEATURES = (
    "mention",
    "actor1_known",
    "actor2_known",
    "place_city",
    "place_town",
    "place_village",
    "place_region",
    "place_broad",
    "place_admin",
    "place_country",
    "date_text",
    "date_published",
    "sources",
    "conflict",
    "sub_disagree",
)
KIND_PREFIX = "kind_"  # event features "kind_<group>": one per group of sub-types
_CLAMP = (0.01, 0.99)


@dataclass(frozen=True)
class Model:
    """A logistic model: P(right) = sigmoid(bias + sum of weight * feature)."""

    bias: float
    weights: dict[str, float]

    def probability(self, features: Mapping[str, float]) -> float:
        """The model's probability for these feature values (missing features count 0)."""
        z = self.bias + sum(w * features.get(name, 0.0) for name, w in self.weights.items())
        return _sigmoid(z)


@dataclass(frozen=True)
class Weights:
    """The contents of data/confidence.yaml."""

    mention: Model
    event: Model
    casualty_stems: tuple[str, ...]
    kinds: dict[str, str]  # sub-event type -> its group's feature name ("kind_remote")


def _sigmoid(z: float) -> float:
    if z < -40:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def logit(p: float) -> float:
    """Log-odds of a probability (clamped away from 0 and 1)."""
    p = min(max(p, _CLAMP[0]), _CLAMP[1])
    return math.log(p / (1 - p))


def _model(raw: object, names: Sequence[str], where: str) -> Model:
    if not isinstance(raw, dict) or not isinstance(raw.get("weights"), dict):
        raise DataFileError(f"{where}: expected 'bias' and a 'weights' mapping")
    weights = {str(k): float(v) for k, v in raw["weights"].items()}
    unknown = set(weights) - set(names)
    if unknown:
        raise DataFileError(f"{where}: unknown features {sorted(unknown)}; use {list(names)}")
    return Model(float(raw.get("bias", 0.0)), weights)


@lru_cache(maxsize=2)
def load_weights(path: Path | None = None) -> Weights:
    """Load the confidence weights (the bundled data/confidence.yaml by default)."""
    src = path or package_data("confidence.yaml")
    raw = read_yaml_mapping(src)
    if not isinstance(raw.get("kinds"), dict):
        raise DataFileError(
            f"{src}: expected sections 'casualty_stems', 'kinds', 'mention', 'event'"
        )
    kinds = {
        str(sub): KIND_PREFIX + str(group) for group, subs in raw["kinds"].items() for sub in subs
    }
    names = (*EVENT_FEATURES, *sorted(set(kinds.values())))
    return Weights(
        mention=_model(raw.get("mention"), MENTION_FEATURES, f"{src}: mention"),
        event=_model(raw.get("event"), names, f"{src}: event"),
        casualty_stems=tuple(str(s).lower() for s in raw.get("casualty_stems", [])),
        kinds=kinds,
    )


def event_feature_names(weights: Weights) -> tuple[str, ...]:
    """The event model's features: the fixed evidence, then one per group of sub-types."""
    return (*EVENT_FEATURES, *sorted(set(weights.kinds.values())))


def mention_features(mention: Mention, weights: Weights | None = None) -> dict[str, float]:
    """The evidence one mention's sentence gives, as 0/1 features."""
    w = weights or load_weights()
    trigger = mention.trigger.lower()
    return {
        # An event made only by "died" / "wounded" (a weak trigger with a toll) is more
        # often a tally or an aftermath than a new event of its own.
        "casualty_trigger": float(trigger.startswith(w.casualty_stems)),
        "weapon": float("weapon" in mention.arguments),
        "actor1": float(mention.actor1 is not None),
        "actor2": float(mention.actor2 is not None),
        "place": float(bool(mention.places)),
        "day": float(any(t.value.precision == "day" for t in mention.times)),
        "killed": float(mention.killed is not None),
        "reported": float(mention.claimed_by is not None),
        "not_asserted": float(mention.modality != "asserted"),
        "background": float(mention.status == "background"),
    }


def mention_confidence(mention: Mention, weights: Weights | None = None) -> float:
    """The probability that a mention reports a real event as coded (two decimals)."""
    w = weights or load_weights()
    return round(w.mention.probability(mention_features(mention, w)), 2)


_BROAD_PRECISION = 3  # a region known only as a part of a country ("northern Syria")
_PLACE_KINDS = {
    "city": "place_city",
    "town": "place_town",
    "village": "place_village",
    "suburb": "place_village",
    "region": "place_region",
    "admin1": "place_admin",
    "admin2": "place_admin",
    "country": "place_country",
}


def event_features(
    event: Event, mentions: Sequence[ResolvedMention], weights: Weights | None = None
) -> dict[str, float]:
    """The evidence a merged event gives: its best mention, what kind of place it resolved
    to, how it was dated, how many outlets report it, whether they disagree."""
    w = weights or load_weights()
    best = max((mention_confidence(m.mention, w) for m in mentions), default=0.5)
    place = next(
        (m.place for m in mentions if m.place is not None and m.place.name == event.location),
        None,
    )
    told = {m.date_from for m in mentions}
    # Each group among the mentions' sub-types (several when they disagree: sub_disagree).
    kinds = {w.kinds.get(m.mention.sub_event_type) for m in mentions} - {None}
    features = {str(k): 1.0 for k in kinds}
    if place is not None and place.feature in _PLACE_KINDS:
        # Resolved to a city, a village, only a region ...: how sure the place is. A named
        # area ("Eastern Ghouta") and a broad part of a country ("northern Syria") weigh
        # apart: the first names where it happened, the second hardly.
        kind = _PLACE_KINDS[place.feature]
        broad = kind == "place_region" and place.geo_precision >= _BROAD_PRECISION
        features["place_broad" if broad else kind] = 1.0
    return features | {
        "mention": logit(best),
        "actor1_known": float(any(m.actor1 is not None and m.actor1.known for m in mentions)),
        "actor2_known": float(any(m.actor2 is not None and m.actor2.known for m in mentions)),
        "date_text": float("text" in told),
        "date_published": float("text" not in told and "published" in told),
        "sources": math.log2(max(event.n_sources, 1)),
        "conflict": float(bool(event.conflicts)),
        "sub_disagree": float(len({m.mention.sub_event_type for m in mentions}) > 1),
    }


def event_confidence(
    event: Event, mentions: Sequence[ResolvedMention], weights: Weights | None = None
) -> float:
    """The probability that a merged event (built from these mentions) is right."""
    w = weights or load_weights()
    return round(w.event.probability(event_features(event, mentions, w)), 2)


def fit_logistic(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[bool],
    names: Sequence[str],
    l2: float = 1.0,
    iterations: int = 25,
    sample_weights: Sequence[float] | None = None,
) -> Model:
    """Fit bias and weights by Newton's method on the L2-penalised log-likelihood (the bias is
    not penalised; rows may carry weights); deterministic, standard library only."""
    d = len(names) + 1
    beta = [0.0] * d
    xs = [[1.0, *(row.get(n, 0.0) for n in names)] for row in rows]
    ys = [1.0 if y else 0.0 for y in labels]
    ws = list(sample_weights) if sample_weights is not None else [1.0] * len(ys)
    for _ in range(iterations):
        grad = [0.0] * d
        hess = [[0.0] * d for _ in range(d)]
        for x, y, weight in zip(xs, ys, ws, strict=True):
            p = _sigmoid(sum(b * v for b, v in zip(beta, x, strict=True)))
            r = weight * p * (1 - p)
            for i in range(d):
                grad[i] += weight * (p - y) * x[i]
                for j in range(i, d):
                    hess[i][j] += r * x[i] * x[j]
        for i in range(d):
            for j in range(i):
                hess[i][j] = hess[j][i]
            if i:
                grad[i] += l2 * beta[i]
                hess[i][i] += l2
        hess[0][0] += 1e-9  # no events at all must not make the system singular
        step = _solve(hess, grad)
        beta = [b - s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return Model(round(beta[0], 3), {n: round(b, 3) for n, b in zip(names, beta[1:], strict=True)})


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Solve a x = b by Gaussian elimination with partial pivoting (a is symmetric positive)."""
    n = len(b)
    m = [[*row, rhs] for row, rhs in zip(a, b, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        if abs(m[r][r]) < 1e-12:
            continue
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x
