"""`eval re3d`: organisation, location and person mentions on re3d (docs/EVAL.md section 5).

Predictions come from what the extractor uses to name things, sentence by sentence as it
reads them: its actor matches as organisations (the dictionary's names in the article's
context, and the organisation phrases of org_phrases: unknown named groups, group noun
phrases, countries that act), its place finder as locations (which skips places inside
those actors), and the spaCy model's entities (ORG and NORP as organisations, GPE/LOC/FAC
as locations, PERSON as persons) when the pipeline's model runs its entity recogniser (it
currently does not, so no person mentions are predicted). Every sentence is parsed, not
only those with an event word. Gold entities are re3d's with confidence above 0. Strict:
same span; lenient: overlapping span. re3d's "Organisation" is broad ("civilians", "we",
"the aid convoy"), so the lenient figures are the ones to compare; the target (issue 4)
is on organisations and locations together.
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
    organisations: Sequence[tuple[int, int]],
    places: Sequence[tuple[int, int]],
    entities: Sequence[Any],
) -> list[tuple[int, int, str]]:
    """Typed mention spans: the extractor's actor matches, found places, model entities."""
    spans = [(start, end, "Organisation") for start, end in organisations]
    spans += [(start, end, "Location") for start, end in places]
    spans += [
        (e.start_char, e.end_char, _NER_TYPES[e.label_]) for e in entities if e.label_ in _NER_TYPES
    ]
    return _dedupe(spans)


def extractor_spans(
    text: str, knowledge: Any
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Actor and place spans of a text as the extractor finds them, sentence by sentence,
    with the article's countries and the actors named earlier as context."""
    from newsevents.analyse import split_sentences
    from newsevents.extract_persons import person_surnames
    from newsevents.extract_places import find_place_spans
    from newsevents.org_phrases import sentence_actors
    from newsevents.resolve.actors import ActorContext

    ctx = knowledge.extract_context(None)
    models = knowledge.models
    bounds = split_sentences(text, models.splitter)
    docs = list(models.parser.pipe((text[s:e] for s, e in bounds), batch_size=64))
    surnames = person_surnames(docs, ctx)
    # The article's countries, most named first, as the extractor counts them.
    counts: dict[str, int] = {}
    for match in knowledge.actors.find(text):
        if match.actor.country:
            counts[match.actor.country] = counts.get(match.actor.country, 0) + 1
    for doc in docs:
        for span in find_place_spans(doc, ctx, (), set(), surnames):
            iso3 = ctx.place_country(span.text)
            if iso3:
                counts[iso3] = counts.get(iso3, 0) + 1
    countries = tuple(sorted(counts, key=lambda c: -counts[c]))
    actors: list[tuple[int, int]] = []
    places: list[tuple[int, int]] = []
    recent: list[Any] = []
    for (start, _), doc in zip(bounds, docs, strict=True):
        context = ActorContext(countries=countries, recent=tuple(recent[-5:]))
        matches = sentence_actors(doc, doc.text, ctx.actors, context, ctx.is_place)
        recent.extend(m.actor for m in matches if m.actor.known)
        actors += [(start + m.start, start + m.end) for m in matches]
        for span in find_place_spans(doc, ctx, matches, set(), surnames):
            places.append((start + span.start_char, start + span.end_char))
    return actors, places


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
    from newsevents.pipeline import load_knowledge

    started = time.perf_counter()
    root = gold_path(shared, "re3d", options)
    docs = stable_sample(load_re3d(root), lambda d: d.docid, options.size(None), options.seed)
    knowledge = load_knowledge()
    texts = [d.text for d in docs]
    found = [extractor_spans(text, knowledge) for text in texts]
    parser = knowledge.models.parser
    ner = "ner" in parser.pipe_names
    entities = (
        [list(d.ents) for d in parser.pipe(texts, batch_size=16)] if ner else [[]] * len(docs)
    )
    totals: dict[tuple[str, bool], list[int]] = {}
    for doc, (orgs, places), ents in zip(docs, found, entities, strict=True):
        counts_by_key = score(doc.entities, predict(orgs, places, ents))
        for key, counts in counts_by_key.items():
            acc = totals.setdefault(key, [0, 0, 0, 0])
            for n in range(4):
                acc[n] += counts[n]
    rows: list[Row] = []
    for strict, label in ((False, "lenient"), (True, "strict")):
        micro = [sum(totals[(k, strict)][n] for k in TYPES) for n in range(4)]
        rows += prf_rows(f"all three, {label}", micro[0], micro[1], micro[2], micro[3])
        # The target: organisations and locations together.
        both = [sum(totals[(k, strict)][n] for k in TYPES[:2]) for n in range(4)]
        rows += prf_rows(f"organisation+location, {label}", both[0], both[1], both[2], both[3])
        for kind in TYPES:
            t = totals[(kind, strict)]
            rows += prf_rows(f"  {kind}, {label}", t[0], t[1], t[2], t[3])
    params = {"gold": str(root), "documents": len(docs), "model entities": "on" if ner else "off"}
    return Report("re3d", tuple(rows), params, time.perf_counter() - started)
