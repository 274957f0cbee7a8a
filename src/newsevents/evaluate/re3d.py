"""`eval re3d`: organisation, location and person mentions on re3d (docs/EVAL.md section 5).

Predictions come from what the pipeline uses to name things: the actor dictionary's
matches as organisations, the extractor's place finder as locations, and the spaCy
model's entities (ORG and NORP as organisations, GPE/LOC/FAC as locations, PERSON as
persons) when the pipeline's model runs its entity recogniser (it currently does not, so
no person mentions are predicted). Gold entities are re3d's with confidence above 0.
Strict: same span; lenient: overlapping span. re3d's "Organisation" is broad ("civilians",
"the aid convoy"), so the lenient figures are the ones to compare.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.evaluate.common import EvalOptions, gold_path, read_json_lines
from newsevents.evaluate.metrics import span_counts, stable_sample
from newsevents.evaluate.report import Report, Row, prf_rows

TYPES = ("Organisation", "Location", "Person")
_NER_TYPES = {
    "ORG": "Organisation",
    "NORP": "Organisation",
    "GPE": "Location",
    "LOC": "Location",
    "FAC": "Location",
    "PERSON": "Person",
}


@dataclass(frozen=True)
class EntityDoc:
    """One re3d document and its gold entities (start, end, type)."""

    docid: str
    text: str
    entities: tuple[tuple[int, int, str], ...]


def load_re3d(root: Path) -> list[EntityDoc]:
    """Documents and entities (confidence > 0) of every re3d part under a folder."""
    texts: dict[str, str] = {}
    entities: dict[str, list[tuple[int, int, str]]] = {}
    for path in sorted(root.rglob("documents.json")):
        for obj in read_json_lines(path):
            texts[str(obj["_id"])] = str(obj["text"])
        entity_file = path.with_name("entities.json")
        for obj in read_json_lines(entity_file) if entity_file.exists() else ():
            if float(obj.get("confidence", 0)) > 0 and obj.get("type") in TYPES:
                entities.setdefault(str(obj["documentId"]), []).append(
                    (int(obj["begin"]), int(obj["end"]), str(obj["type"]))
                )
    return [EntityDoc(d, t, tuple(sorted(entities.get(d, [])))) for d, t in sorted(texts.items())]


def _dedupe(spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Per type, drop spans inside a longer one of the same type (one mention, one guess)."""
    kept: list[tuple[int, int, str]] = []
    for s in sorted(spans, key=lambda x: (x[2], -(x[1] - x[0]), x[0])):
        if not any(k[2] == s[2] and k[0] <= s[0] and s[1] <= k[1] for k in kept):
            kept.append(s)
    return sorted(kept)


def predict(
    text: str, places: Sequence[tuple[int, int, str]], entities: Sequence[Any], knowledge: Any
) -> list[tuple[int, int, str]]:
    """Typed mention spans: actor-dictionary organisations, found places, model entities."""
    spans = [(m.start, m.end, "Organisation") for m in knowledge.actors.find(text)]
    spans += [(start, end, "Location") for start, end, _ in places]
    spans += [
        (e.start_char, e.end_char, _NER_TYPES[e.label_]) for e in entities if e.label_ in _NER_TYPES
    ]
    return _dedupe(spans)


def score(
    gold: Sequence[tuple[int, int, str]], predicted: Sequence[tuple[int, int, str]]
) -> dict[tuple[str, bool], tuple[int, int, int, int]]:
    """Per (type, strict): span counts (matched predicted, predicted, matched gold, gold)."""
    out = {}
    for kind in TYPES:
        g = [(s, e) for s, e, k in gold if k == kind]
        p = [(s, e) for s, e, k in predicted if k == kind]
        for strict in (True, False):
            out[(kind, strict)] = span_counts(p, g, strict)
    return out


def run(shared: Path, options: EvalOptions) -> Report:
    """Score organisation, location and person mentions on re3d (or the --gold folder)."""
    from newsevents.evaluate.extraction import place_spans
    from newsevents.pipeline import load_knowledge

    started = time.perf_counter()
    root = gold_path(shared, "re3d", options)
    docs = stable_sample(load_re3d(root), lambda d: d.docid, options.size(None), options.seed)
    knowledge = load_knowledge()
    texts = [d.text for d in docs]
    places = place_spans(texts, knowledge)
    parser = knowledge.models.parser
    ner = "ner" in parser.pipe_names
    entities = (
        [list(d.ents) for d in parser.pipe(texts, batch_size=16)] if ner else [[]] * len(docs)
    )
    totals: dict[tuple[str, bool], list[int]] = {}
    for doc, found, ents in zip(docs, places, entities, strict=True):
        counts_by_key = score(doc.entities, predict(doc.text, found, ents, knowledge))
        for key, counts in counts_by_key.items():
            acc = totals.setdefault(key, [0, 0, 0, 0])
            for n in range(4):
                acc[n] += counts[n]
    rows: list[Row] = []
    for strict, label in ((False, "lenient"), (True, "strict")):
        micro = [sum(totals[(k, strict)][n] for k in TYPES) for n in range(4)]
        rows += prf_rows(f"all three, {label}", micro[0], micro[1], micro[2], micro[3])
        for kind in TYPES:
            t = totals[(kind, strict)]
            rows += prf_rows(f"  {kind}, {label}", t[0], t[1], t[2], t[3])
    params = {"gold": str(root), "documents": len(docs), "model entities": "on" if ner else "off"}
    return Report("re3d", tuple(rows), params, time.perf_counter() - started)
