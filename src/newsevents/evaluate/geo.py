"""`eval geo`: place resolution on LGL and GeoWebNews (docs/EVAL.md section 3).

Scored toponyms are those with coordinates: LGL's with a gaztag, GeoWebNews' with a
latitude and longitude. Two tasks per data set:

- resolution: each gold toponym is resolved by the gazetteer (`resolve_toponym`: a name it
  does not know is placed at the article's focus; also reported by names alone, `resolve`,
  which is how the pipeline places events) with the document's other gold
  toponyms (and the countries they name) as context;
- end to end: place spans are found by the extractor's own place finder (proper-noun runs
  the gazetteer knows, minus actor names and person surnames), run over every sentence,
  and resolved with the document's found places as context. A found span that overlaps an
  unscored annotation (an LGL toponym without gaztag, a GeoWebNews demonym or non-toponym)
  is left out of precision, neither right nor wrong.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.evaluate.common import EvalOptions, gold_path
from newsevents.evaluate.metrics import km_between, median, overlaps, span_counts, stable_sample
from newsevents.evaluate.report import Report, Row, prf_rows, rate
from newsevents.records import Place
from newsevents.resolve.places import Gazetteer, PlaceContext

if TYPE_CHECKING:
    from newsevents.pipeline import Knowledge

ACC_KM = 161.0
# Mordecai3 on LGL (Halterman 2023): exact GeoNames id 79.4 %, within 161 km 82.7 %.
MORDECAI3_LGL = {"exact": 0.794, "161": 0.827}


@dataclass(frozen=True)
class Toponym:
    """A gold annotation; it is scored when it has coordinates."""

    start: int
    end: int
    phrase: str
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None

    @property
    def scored(self) -> bool:
        """Whether the annotation carries coordinates (the toponyms EVAL.md scores)."""
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class GeoDoc:
    """One annotated document."""

    docid: str
    text: str
    toponyms: tuple[Toponym, ...]


@dataclass(frozen=True)
class Found:
    """A place span found end to end and the entry it resolved to."""

    start: int
    end: int
    text: str
    place: Place | None = None


@dataclass
class GeoTally:
    """Counts for one data set."""

    scored: int = 0
    with_id: int = 0
    resolved: int = 0
    resolved_without_id: int = 0
    near: int = 0
    # Within 161 km by the gazetteer's names alone (`resolve`, as the pipeline places an
    # event), without resolve_toponym's fallback to the article's focus.
    near_named: int = 0
    exact: int = 0
    errors: list[float] = field(default_factory=list)
    e2e_near: int = 0
    e2e_exact: int = 0
    e2e_errors: list[float] = field(default_factory=list)
    spans: list[int] = field(default_factory=lambda: [0, 0, 0, 0, 0, 0, 0, 0])


# -- gold ----------------------------------------------------------------------------------


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text and text.strip() else None
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text and text.strip() else None
    except ValueError:
        return None


def _toponym(element: ET.Element) -> Toponym | None:
    start, end = _int(element.findtext("start")), _int(element.findtext("end"))
    if start is None or end is None:
        return None
    phrase = element.findtext("phrase") or element.findtext("extractedName") or ""
    gaztag = element.find("gaztag")
    if gaztag is not None:  # LGL
        return Toponym(
            start,
            end,
            phrase,
            _float(gaztag.findtext("lat")),
            _float(gaztag.findtext("lon")),
            _int(gaztag.get("geonameid")),
        )
    return Toponym(
        start,
        end,
        phrase,
        _float(element.findtext("latitude")),
        _float(element.findtext("longitude")),
        _int(element.findtext("geonamesID")),
    )


def load_geo(path: Path) -> list[GeoDoc]:
    """Documents of an LGL- or GeoWebNews-format XML file with their toponyms."""
    root = ET.parse(path).getroot()
    docs = []
    for n, article in enumerate(root.iter("article")):
        docid = article.get("docid") or article.get("file") or str(n)
        toponyms = [t for t in (_toponym(e) for e in article.iter("toponym")) if t is not None]
        docs.append(GeoDoc(docid, article.findtext("text") or "", tuple(toponyms)))
    return docs


# -- resolution ----------------------------------------------------------------------------


def context_for(
    names: Sequence[str], gazetteer: Gazetteer, exclude: str | None = None
) -> PlaceContext:
    """A PlaceContext from a document's place names: the names (but `exclude`) and the
    countries they name."""
    others = [n for n in dict.fromkeys(names) if n != exclude]
    countries: list[str] = []
    for name in dict.fromkeys(names):
        iso3 = gazetteer.country_for(name)
        if iso3 and iso3 not in countries:
            countries.append(iso3)
    return PlaceContext(countries=tuple(countries), places=tuple(others))


def error_km(place: Place | None, gold: Toponym) -> float | None:
    """Distance from a resolved place to the gold coordinates (None when unresolved)."""
    if place is None or gold.latitude is None or gold.longitude is None:
        return None
    return km_between(place.latitude, place.longitude, gold.latitude, gold.longitude)


def _score_place(place: Place | None, gold: Toponym) -> tuple[float | None, bool, bool]:
    km = error_km(place, gold)
    near = km is not None and km <= ACC_KM
    exact = place is not None and gold.geonameid is not None and place.geonameid == gold.geonameid
    return km, near, exact


def resolve_gold(doc: GeoDoc, gazetteer: Gazetteer, tally: GeoTally) -> None:
    """Resolve each scored gold toponym in the context of the document's other toponyms."""
    scored = [t for t in doc.toponyms if t.scored]
    names = [t.phrase for t in scored]
    for gold in scored:
        context = context_for(names, gazetteer, gold.phrase)
        place = gazetteer.resolve_toponym(gold.phrase, context)
        km, near, exact = _score_place(place, gold)
        tally.near_named += _score_place(gazetteer.resolve(gold.phrase, context), gold)[1]
        tally.scored += 1
        tally.with_id += gold.geonameid is not None
        tally.resolved += place is not None
        tally.resolved_without_id += place is not None and place.geonameid is None
        tally.near += near
        tally.exact += exact
        if km is not None:
            tally.errors.append(km)


# -- end to end ----------------------------------------------------------------------------


def _strip_the(start: int, text: str) -> tuple[int, str]:
    if text.lower().startswith("the "):
        return start + 4, text[4:]
    return start, text


def resolve_found(spans: Sequence[tuple[int, int, str]], gazetteer: Gazetteer) -> list[Found]:
    """Resolve found spans with the document's other found places as context."""
    cleaned = [(*_strip_the(s, t), e) for s, e, t in spans]
    names = [t for _, t, _ in cleaned]
    return [
        Found(s, e, t, gazetteer.resolve(t, context_for(names, gazetteer, t)))
        for s, t, e in cleaned
    ]


def score_found(doc: GeoDoc, found: Sequence[Found], tally: GeoTally) -> None:
    """Add one document's end-to-end detection and resolution figures to the tally."""
    scored = [t for t in doc.toponyms if t.scored]
    unscored = [(t.start, t.end) for t in doc.toponyms if not t.scored]
    gold_spans = [(t.start, t.end) for t in scored]
    kept = [
        f
        for f in found
        if any(overlaps((f.start, f.end), g) for g in gold_spans)
        or not any(overlaps((f.start, f.end), u) for u in unscored)
    ]
    pred_spans = [(f.start, f.end) for f in kept]
    for k, strict in enumerate((False, True)):
        counts = span_counts(pred_spans, gold_spans, strict)
        for n in range(4):
            tally.spans[4 * k + n] += counts[n]
    for gold in scored:
        hits = [f for f in kept if overlaps((f.start, f.end), (gold.start, gold.end))]
        hits.sort(key=lambda f: -min(f.end, gold.end) + max(f.start, gold.start))
        place = hits[0].place if hits else None
        km, near, exact = _score_place(place, gold)
        tally.e2e_near += near
        tally.e2e_exact += exact
        if km is not None:
            tally.e2e_errors.append(km)


# -- the suite -----------------------------------------------------------------------------


def tally_rows(name: str, t: GeoTally, anchors: dict[str, float] | None) -> list[Row]:
    """Report rows for one data set."""
    a = anchors or {}
    found = len(t.e2e_errors)
    rows = [
        Row(f"{name} gold toponyms", t.scored, None, f"{t.with_id} with a GeoNames id", "count"),
        Row(
            f"{name} resolution: within 161 km",
            rate(t.near, t.scored),
            a.get("161"),
            f"{t.near}/{t.scored} gold spans given",
        ),
        Row(
            f"{name} resolution by names alone: within 161 km",
            rate(t.near_named, t.scored),
            None,
            f"{t.near_named}/{t.scored}: without placing unknown names at the article's focus",
        ),
        Row(
            f"{name} resolution: exact GeoNames id",
            rate(t.exact, t.with_id),
            a.get("exact"),
            f"{t.exact}/{t.with_id} gold toponyms with an id",
        ),
        Row(
            f"{name} resolution: resolved at all",
            rate(t.resolved, t.scored),
            None,
            f"{t.resolved}/{t.scored}; {t.resolved_without_id} of them to an entry without a "
            "GeoNames id (never an exact match)",
        ),
        Row(
            f"{name} resolution: mean error km",
            sum(t.errors) / len(t.errors) if t.errors else 0.0,
            None,
            f"over {len(t.errors)} resolved",
            "km",
        ),
        Row(
            f"{name} resolution: median error km",
            median(t.errors),
            None,
            f"over {len(t.errors)} resolved",
            "km",
        ),
    ]
    s = t.spans
    rows += prf_rows(f"{name} end to end: toponyms found (overlap)", s[0], s[1], s[2], s[3])
    rows += prf_rows(f"{name} end to end: toponyms found (exact span)", s[4], s[5], s[6], s[7])
    rows += [
        Row(
            f"{name} end to end: within 161 km",
            rate(t.e2e_near, t.scored),
            None,
            f"{t.e2e_near}/{t.scored} gold toponyms",
        ),
        Row(
            f"{name} end to end: exact GeoNames id",
            rate(t.e2e_exact, t.with_id),
            None,
            f"{t.e2e_exact}/{t.with_id}",
        ),
        Row(
            f"{name} end to end: mean error km",
            sum(t.e2e_errors) / found if found else 0.0,
            None,
            f"over {found} found and resolved",
            "km",
        ),
        Row(
            f"{name} end to end: median error km",
            median(t.e2e_errors),
            None,
            f"over {found} found and resolved",
            "km",
        ),
    ]
    return rows


def evaluate_docs(docs: Sequence[GeoDoc], knowledge: Knowledge) -> GeoTally:
    """Resolution and end-to-end figures for a list of documents."""
    from newsevents.evaluate.extraction import place_spans

    gazetteer = knowledge.gazetteer
    tally = GeoTally()
    for doc in docs:
        resolve_gold(doc, gazetteer, tally)
    found = place_spans([d.text for d in docs], knowledge, references=True)
    for doc, spans in zip(docs, found, strict=True):
        score_found(doc, resolve_found(spans, gazetteer), tally)
    return tally


def run(shared: Path, options: EvalOptions) -> Report:
    """Score place resolution on LGL and GeoWebNews (or on the --gold XML file)."""
    from newsevents.pipeline import load_knowledge

    started = time.perf_counter()
    sets: list[tuple[str, Path, dict[str, float] | None]]
    if options.gold is not None:
        sets = [(options.gold.stem, gold_path(shared, "", options), None)]
    else:
        sets = [
            ("LGL", gold_path(shared, "geo/lgl.xml", options), MORDECAI3_LGL),
            ("GWN", gold_path(shared, "geo/GWN.xml", options), None),
        ]
    knowledge = load_knowledge()
    rows: list[Row] = []
    params: dict[str, Any] = {}
    for name, path, anchors in sets:
        docs = stable_sample(load_geo(path), lambda d: d.docid, options.size(None), options.seed)
        params[f"{name} documents"] = len(docs)
        rows += tally_rows(name, evaluate_docs(docs, knowledge), anchors)
    return Report("geo", tuple(rows), params, time.perf_counter() - started)
