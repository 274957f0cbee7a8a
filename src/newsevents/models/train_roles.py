"""Train the role model (data/role_model.json) on the MUC-4 train split.

    python -m newsevents.models.train_roles --muc4 ../shared/gold/muc4/train.json

Reads every train message through the pipeline (clean, recase, analyse, extract) with
roles.recording on, so the candidates and features are exactly those the extractor sees
at run time; labels each candidate with the role whose gold mention equals one of its
surface variants (GRIT's normalisation); fits a multinomial logistic regression with an
L2 penalty (scipy's L-BFGS, CPU, seconds); picks the probability threshold and the
surface variant to output per role by cross-validation over train documents. Only the
train split is read: the dev split stays for measuring.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from scipy.optimize import minimize  # type: ignore[import-untyped]
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
from spacy.tokens import Doc

from newsevents.evaluate.metrics import max_matching, normalise_filler
from newsevents.evaluate.muc4 import MucDoc, articles_for, gold_entities, load_docs, load_raw
from newsevents.roles import (
    NEIGHBOUR_REACH,
    NEIGHBOUR_ROLES,
    NONE,
    ROLES,
    Candidate,
    RoleModel,
    head_kind,
    model_path,
    predict,
    recording,
)

CLASSES = (NONE, *ROLES)
_MUC_ROLE = {
    "PerpInd": "perpetrator",
    "PerpOrg": "perpetrator",
    "Target": "target",
    "Victim": "victim",
    "Weapon": "weapon",
}
# Features whose every weight is smaller than this change no decision: left out of the
# shipped file, which keeps it small.
_MIN_WEIGHT = 0.01
_VARIANTS = ("full", "no_of", "core", "core_of", "bare", "name", "head")
# Sentences after a violent event's own read for its fillers (see docs/roles.md for the
# figures with 1 and 2).
REACH = 2


@dataclass
class DocData:
    """One train message: its candidates and its gold entities per project role."""

    docid: str
    candidates: list[Candidate]
    gold: dict[str, list[tuple[str, ...]]]


def gold_by_role(doc: MucDoc) -> dict[str, list[tuple[str, ...]]]:
    """The message's gold entities (normalised mentions) under the project's roles."""
    out: dict[str, list[tuple[str, ...]]] = {r: [] for r in ROLES}
    for muc_role, entities in gold_entities(doc.templates).items():
        out[_MUC_ROLE[muc_role]].extend(entities)
    return out


def collect(docs: Sequence[MucDoc], published_from: Path | None) -> list[DocData]:
    """Run the pipeline over each message and keep its sentences' candidates."""
    from newsevents.pipeline import load_knowledge, process_articles

    keys_dates = load_raw(published_from) if published_from else ({}, {})
    knowledge = load_knowledge()
    out: list[DocData] = []
    groups = articles_for(docs, keys_dates[1])
    for n, (doc, group) in enumerate(zip(docs, groups, strict=True)):
        found: list[Candidate] = []
        seen: set[tuple[str, int]] = set()

        def record(
            sentence: Doc,
            cands: list[Candidate],
            found: list[Candidate] = found,
            seen: set[tuple[str, int]] = seen,
        ) -> None:
            for c in cands:
                key = (sentence.text, c.head)
                if key not in seen:  # one sentence may hold several events
                    seen.add(key)
                    found.append(c)

        with recording(record):
            process_articles(group, knowledge)
        out.append(DocData(doc.docid, found, gold_by_role(doc)))
        if n % 100 == 0:
            print(f"  {n}/{len(docs)} messages read", file=sys.stderr)
    return out


def label(cand: Candidate, gold: dict[str, list[tuple[str, ...]]]) -> tuple[str, set[str]]:
    """The candidate's role (or none) and which of its variants equal a gold mention; a
    candidate of a later sentence fills only the roles such sentences give (NEIGHBOUR_ROLES)."""
    for role in ROLES if cand.distance == 0 else [r for r in ROLES if r in NEIGHBOUR_ROLES]:
        mentions = {m for entity in gold[role] for m in entity}
        hits = {v for v, text in cand.variants.items() if normalise_filler(text) in mentions}
        if hits:
            return role, hits
    return NONE, set()


def fit(
    rows: Sequence[Sequence[str]], labels: Sequence[int], l2: float, min_count: int
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Multinomial logistic regression over binary features: weights per feature, bias."""
    counts = Counter(f for r in rows for f in set(r))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    indptr, indices = [0], []
    for r in rows:
        ids = sorted({vocab[f] for f in r if f in vocab})
        indices.extend(ids)
        indptr.append(len(indices))
    x = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocab)))
    y = np.zeros((len(rows), len(CLASSES)))
    y[np.arange(len(rows)), labels] = 1.0
    n_feat, n_cls = len(vocab), len(CLASSES)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[: n_feat * n_cls].reshape(n_feat, n_cls)
        b = theta[n_feat * n_cls :]
        scores = x @ w + b
        scores -= scores.max(axis=1, keepdims=True)
        logp = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
        p = np.exp(logp)
        value = -(y * logp).sum() + 0.5 * l2 * (w * w).sum()
        diff = p - y
        grad_w = x.T @ diff + l2 * w
        return float(value), np.concatenate([np.asarray(grad_w).ravel(), diff.sum(axis=0)])

    theta0 = np.zeros(n_feat * n_cls + n_cls)
    result = minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 300})
    w = result.x[: n_feat * n_cls].reshape(n_feat, n_cls)
    weights = {f: w[i] for f, i in vocab.items()}
    return weights, result.x[n_feat * n_cls :]


def to_model(
    weights: dict[str, np.ndarray],
    bias: np.ndarray,
    threshold: float,
    order: dict[str, list[str]],
    thresholds: dict[str, float] | None = None,
    reach: int = 0,
) -> RoleModel:
    """The fitted weights as the run-time model (rounded; near-zero features dropped)."""
    kept = {
        f: tuple(round(float(x), 3) for x in w)
        for f, w in weights.items()
        if float(np.abs(w).max()) >= _MIN_WEIGHT
    }
    return RoleModel(
        classes=CLASSES,
        weights=kept,
        bias=tuple(round(float(x), 3) for x in bias),
        threshold=threshold,
        variant_order={r: tuple(v) for r, v in order.items()},
        thresholds=dict(thresholds or {}),
        reach=reach,
    )


def variant_order(data: Sequence[DocData]) -> dict[str, list[str]]:
    """Per role and kind of head (a name or a common noun), the surface variants ordered
    by how often they equal a gold mention."""
    hits: dict[str, Counter[str]] = {}
    for d in data:
        for c in d.candidates:
            role, which = label(c, d.gold)
            if role != NONE:
                hits.setdefault(f"{role}|{head_kind(c)}", Counter()).update(which)
    return {k: sorted(_VARIANTS, key=lambda v: -h[v]) for k, h in sorted(hits.items())}


@dataclass
class HeldOut:
    """A held-out train message with its candidates' probabilities under the model fitted
    without it."""

    data: DocData
    probabilities: list[list[float]]


def doc_scores(
    model: RoleModel, data: Sequence[DocData], held: Sequence[HeldOut] | None = None
) -> tuple[int, int, int]:
    """(aligned, predicted, gold) over documents, CEAF-REE style per role (over `held`,
    with their stored probabilities, when given)."""
    aligned = n_pred = n_gold = 0
    pairs = (
        [(h.data, h.probabilities) for h in held] if held is not None else [(d, None) for d in data]
    )
    for d, probs in pairs:
        predicted = predict(model, d.candidates, probabilities=probs)
        for role in ROLES:
            preds = list(dict.fromkeys(normalise_filler(s) for s in predicted.get(role, [])))
            golds = d.gold[role]
            aligned += len(_aligned(preds, golds))
            n_pred += len(preds)
            n_gold += len(golds)
    return aligned, n_pred, n_gold


def _aligned(preds: list[str], golds: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    return max_matching(len(preds), len(golds), lambda i, j: preds[i] in golds[j])


def f1(aligned: int, n_pred: int, n_gold: int) -> float:
    """F1 from aligned, predicted and gold counts."""
    p = aligned / n_pred if n_pred else 0.0
    r = aligned / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


_THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 15))


def pick_thresholds(
    model: RoleModel, held: Sequence[HeldOut], rounds: int = 2
) -> tuple[float, dict[str, float]]:
    """A common threshold, then one per role by coordinate ascent (each role in turn, the
    others fixed), all maximising F1 over held-out messages."""

    def score(common: float, per_role: dict[str, float]) -> float:
        trial = replace(model, threshold=common, thresholds=per_role)
        return f1(*doc_scores(trial, (), held))

    common = max(_THRESHOLDS, key=lambda t: score(t, {}))
    per_role = {role: common for role in ROLES}
    best = score(common, per_role)
    print(f"  common threshold {common:.2f}: F1 {best:.3f}", file=sys.stderr)
    for _ in range(rounds):
        for role in ROLES:
            for t in _THRESHOLDS:
                value = score(common, {**per_role, role: t})
                # ties keep the earlier (lower) threshold: the first value found
                if value > best + 1e-9:
                    best, per_role = value, {**per_role, role: t}
        print(f"  per-role thresholds {per_role}: F1 {best:.3f}", file=sys.stderr)
    return common, per_role


def train(
    data: Sequence[DocData], l2: float, min_count: int, folds: int, seed: int, reach: int = 0
) -> RoleModel:
    """Fit on all documents, with thresholds chosen by cross-validation: each fold's
    messages are scored by the model fitted on the other folds. Candidates more than
    `reach` sentences after their event's are left out (the model reads no further)."""
    data = [replace(d, candidates=[c for c in d.candidates if c.distance <= reach]) for d in data]
    order = variant_order(data)
    shuffled = list(data)
    random.Random(seed).shuffle(shuffled)
    held: list[HeldOut] = []
    for k in range(folds):
        print(f"  fold {k + 1}/{folds}", file=sys.stderr)
        rest = [d for i, d in enumerate(shuffled) if i % folds != k]
        fold_model = to_model(*fit(*_rows(rest), l2=l2, min_count=min_count), 0.5, order)
        for d in shuffled[k::folds]:
            held.append(HeldOut(d, [fold_model.probabilities(c.features) for c in d.candidates]))
    common, per_role = pick_thresholds(fold_model, held)
    weights, bias = fit(*_rows(data), l2=l2, min_count=min_count)
    return to_model(weights, bias, common, order, per_role, reach)


def _rows(data: Sequence[DocData]) -> tuple[list[tuple[str, ...]], list[int]]:
    rows: list[tuple[str, ...]] = []
    labels: list[int] = []
    for d in data:
        for c in d.candidates:
            rows.append(c.features)
            labels.append(CLASSES.index(label(c, d.gold)[0]))
    return rows, labels


def write(model: RoleModel, path: Path, source: str) -> None:
    """Write the model as JSON (sorted keys: reproducible bytes)."""
    payload = {
        "about": f"role model trained by newsevents.models.train_roles on {source}",
        "classes": list(model.classes),
        "bias": list(model.bias),
        "reach": model.reach,
        "threshold": model.threshold,
        "thresholds": dict(sorted(model.thresholds.items())),
        "variant_order": {k: list(v) for k, v in model.variant_order.items()},
        "weights": {k: list(v) for k, v in sorted(model.weights.items())},
    }
    path.write_text(json.dumps(payload, sort_keys=True, separators=(",", ":")) + "\n")


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: train and write the role model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--muc4", type=Path, default=Path("../shared/gold/muc4/train.json"))
    parser.add_argument("--out", type=Path, default=model_path())
    parser.add_argument("--limit", type=int, default=None, help="first N train messages")
    parser.add_argument("--l2", type=float, default=3.0)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--reach",
        type=int,
        default=REACH,
        choices=range(NEIGHBOUR_REACH + 1),
        help="sentences after an event's own to read for its fillers",
    )
    args = parser.parse_args(argv)
    if "train" not in args.muc4.name:
        parser.error("train only on the MUC-4 train split")
    docs = load_docs(args.muc4)[: args.limit]
    raw = args.muc4.parent / "raw"
    data = collect(docs, raw if raw.is_dir() else None)
    model = train(data, args.l2, args.min_count, args.folds, args.seed, args.reach)
    write(model, args.out, args.muc4.name)
    print(f"wrote {args.out} ({len(model.weights)} features, thresholds {model.thresholds})")


if __name__ == "__main__":
    main()
