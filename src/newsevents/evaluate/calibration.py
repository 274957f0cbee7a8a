"""Confidence calibration: the report rows every event suite shows, and the weights' fit.

Rows: events are binned by confidence (<0.5, 0.5-0.8, >=0.8) and each bin shows how many
events it holds and the share of them that are right. "Right" is the suite's own test:
for `eval ucdp`, a new violent event within 25 km and 1 day of some UCDP event; for
`eval muc4`, an event whose incident type is the type of a gold template of its document.

Fit (how data/confidence.yaml was made): `python -m newsevents.evaluate.calibration
../shared` runs the pipeline on development data that the evaluation reports do not
score: 2,000 UCDP Syria headlines outside the 2,000 of `eval ucdp`'s default sample
(sha256 order with seed 1, the seed-0 sample removed) and 400 documents of MUC-4's
train split (sha256 order, seed 0; `eval muc4` scores dev). Each event is labelled by
the test above; each mention takes its event's label. The mention model is fitted
first (L2-penalised logistic regression on the mention features), then the event model
with the fitted mention model's log-odds as one of its features. Each gold set weighs the
same in total (UCDP's larger sample would otherwise set the weights alone); evidence seen in
fewer than MIN_SUPPORT examples keeps weight 0. The command prints both models and the
calibration of the fit data, and writes them to the data file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import yaml

from newsevents.confidence import (
    MENTION_FEATURES,
    Model,
    Weights,
    event_feature_names,
    event_features,
    fit_logistic,
    load_weights,
    mention_features,
)
from newsevents.data_files import package_data
from newsevents.evaluate.report import Row, rate
from newsevents.lexicon import Lexicon
from newsevents.records import Event, ResolvedMention

BINS = ((0.0, 0.5, "<0.5"), (0.5, 0.8, "0.5-0.8"), (0.8, 1.01, ">=0.8"))
L2 = 1.0  # ridge penalty of the fit: keeps weights of rare evidence small
MIN_SUPPORT = 20  # evidence seen in fewer fit examples keeps weight 0: no data, no say
Scored = tuple[float, bool]  # (confidence, right)


def calibration_rows(scored: Sequence[Scored], right: str) -> list[Row]:
    """One row per confidence bin: the share of its events that are right, and counts."""
    rows: list[Row] = []
    for low, high, name in BINS:
        inside = [ok for conf, ok in scored if low <= conf < high]
        n_right = sum(inside)
        rows.append(
            Row(
                f"confidence {name}: share right",
                rate(n_right, len(inside)),
                None,
                f"{n_right}/{len(inside)} of {len(scored)} events; right = {right}",
            )
        )
    return rows


def mentions_of(
    event: Event, mentions: Iterable[ResolvedMention], lexicon: Lexicon
) -> list[ResolvedMention]:
    """The resolved mentions an event was built from (its sources, in its family)."""
    sources = set(event.sources)
    family = lexicon.family(event.event_type)
    return [
        m
        for m in mentions
        if m.source in sources and lexicon.family(m.mention.event_type) == family
    ]


# -- the fit -------------------------------------------------------------------------------

Example = tuple[Event, list[ResolvedMention], bool]


def _ucdp_examples(shared: Path, n: int) -> list[Example]:
    from newsevents.evaluate.extraction import events_by_group
    from newsevents.evaluate.metrics import stable_sample
    from newsevents.evaluate.ucdp import (
        DEFAULT_SAMPLE,
        AnyEventIndex,
        PredEvent,
        articles_for,
        load_headlines,
    )
    from newsevents.pipeline import load_knowledge

    knowledge = load_knowledge()
    headlines = load_headlines(shared / "gold/ucdp-syria/ucdp_ged_syria_2016_2019.csv")
    scored = {h.text for h in stable_sample(headlines, lambda h: h.text, DEFAULT_SAMPLE, 0)}
    rest = [h for h in headlines if h.text not in scored]
    sample = stable_sample(rest, lambda h: h.text, n, 1)
    groups = events_by_group([articles_for(h, i) for i, h in enumerate(sample)], knowledge)
    index = AnyEventIndex([e for h in headlines for e in h.events])
    out: list[Example] = []
    for group in groups:
        mentions = [m for r in group.results for m in r.mentions]
        for event in group.events:
            if knowledge.lexicon.family(event.event_type) != "violence":
                continue  # outside UCDP's scope: no label
            ms = mentions_of(event, mentions, knowledge.lexicon)
            ok = event.status == "new" and index.matches(PredEvent.of(event))
            out.append((event, ms, ok))
    return out


def _muc4_examples(shared: Path, n: int) -> list[Example]:
    from newsevents.evaluate.extraction import events_by_group
    from newsevents.evaluate.metrics import stable_sample
    from newsevents.evaluate.muc4 import articles_for, load_docs, load_map, load_raw, to_template
    from newsevents.pipeline import load_knowledge

    knowledge = load_knowledge()
    folder = shared / "gold/muc4"
    docs = stable_sample(load_docs(folder / "train.json"), lambda d: d.docid, n, 0)
    _, published = load_raw(folder / "raw")
    groups = events_by_group(articles_for(docs, published), knowledge)
    mapping = load_map()
    out: list[Example] = []
    for doc, group in zip(docs, groups, strict=True):
        mentions = [m for r in group.results for m in r.mentions]
        types = {t for template in doc.templates for t in template.types}
        for event in group.events:
            template = to_template(event, mapping)
            if template is not None:
                ms = mentions_of(event, mentions, knowledge.lexicon)
                out.append((event, ms, template.type in types))
    return out


def fit(sets: Sequence[Sequence[Example]], base: Weights, l2: float = L2) -> Weights:
    """Fit the mention model, then the event model on top of it (see the module docstring);
    each gold set weighs the same in total, whatever its size. `base` gives the casualty
    stems and sub-type groups the features are read with."""
    m_rows: list[dict[str, float]] = []
    m_labels: list[bool] = []
    m_weights: list[float] = []
    events: list[Example] = []
    e_weights: list[float] = []
    for examples in sets:
        labelled = [x for x in examples if x[1]]
        n_mentions = sum(len(ms) for _, ms, _ in labelled)
        for example in labelled:
            ms, ok = example[1], example[2]
            m_rows += [mention_features(m.mention, base) for m in ms]
            m_labels += [ok] * len(ms)
            m_weights += [1000.0 / n_mentions] * len(ms)
            events.append(example)
            e_weights.append(1000.0 / len(labelled))
    mention = _fit_supported(m_rows, m_labels, MENTION_FEATURES, l2, m_weights)
    staged = replace(base, mention=mention)
    e_rows = [event_features(e, ms, staged) for e, ms, _ in events]
    e_labels = [ok for _, _, ok in events]
    model = _fit_supported(e_rows, e_labels, event_feature_names(base), l2, e_weights)
    return replace(staged, event=model)


def _fit_supported(
    rows: Sequence[dict[str, float]],
    labels: Sequence[bool],
    names: Sequence[str],
    l2: float,
    weights: Sequence[float],
) -> Model:
    """Fit on the features present in at least MIN_SUPPORT rows; the others get weight 0."""
    supported = [n for n in names if sum(1 for r in rows if r.get(n)) >= MIN_SUPPORT]
    model = fit_logistic(rows, labels, supported, l2, sample_weights=weights)
    return Model(model.bias, {n: model.weights.get(n, 0.0) for n in names})


def _model_yaml(model: Model) -> dict[str, object]:
    return {"bias": model.bias, "weights": dict(model.weights)}


def write_weights(weights: Weights, path: Path) -> None:
    """Replace the model sections of the weights file, keeping its header comments."""
    text = path.read_text(encoding="utf-8")
    header = text.split("\nmention:", 1)[0]
    body = yaml.safe_dump(
        {"mention": _model_yaml(weights.mention), "event": _model_yaml(weights.event)},
        sort_keys=False,
        width=100,
    )
    path.write_text(header.rstrip("\n") + "\n" + body, encoding="utf-8")


def _report(name: str, examples: Sequence[Example], score: Callable[[Example], float]) -> str:
    scored = [(score(x), x[2]) for x in examples if x[1]]
    share = rate(sum(ok for _, ok in scored), len(scored))
    lines = [f"{name}: {len(scored)} events, {share:.1%} right"]
    lines += [f"  {r.metric}: {r.value:.1%} ({r.note})" for r in calibration_rows(scored, name)]
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    """Fit the weights on the development data under SHARED and write data/confidence.yaml."""
    from newsevents.confidence import event_confidence

    shared = Path(argv[0] if argv else "../shared")
    ucdp = _ucdp_examples(shared, 2000)
    muc4 = _muc4_examples(shared, 400)
    weights = fit([ucdp, muc4], load_weights())
    print(yaml.safe_dump({"mention": _model_yaml(weights.mention)}, sort_keys=False))
    print(yaml.safe_dump({"event": _model_yaml(weights.event)}, sort_keys=False))
    for name, examples in (("ucdp", ucdp), ("muc4", muc4)):

        def score(x: Example) -> float:
            return event_confidence(x[0], x[1], weights)

        print(_report(f"{name} fit data", examples, score))
    path = package_data("confidence.yaml")
    write_weights(weights, path)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
