"""`eval ucdp`: event records from UCDP GED Syria headlines (docs/EVAL.md section 1).

Each distinct `source_headline` is one group: its `;`-joined reports become articles, each
published on its own source date, and the group's gold is every UCDP event citing that
headline. The pipeline's new events for the group are matched one to one to the gold
events, greedily by (distance, days apart):

- strict matching (within 25 km and 1 day of the event's date range) gives recall over the
  place-named events of `place_named_ids.txt` and the share of predictions that match;
- loose matching (every pair allowed, nearest first) pairs each prediction with the closest
  gold event of its headline, and the place, date, actor and fatality figures are measured
  on those pairs;
- issue 4's actor and fatality measures are also given as it defines them: over the
  place-named events matched strictly.

Precision against the whole file ("matching any UCDP event") is given over every new event
and over the events in UCDP's scope (organised violence in Syria, told as done); the
others (protests, arrests, agreements; planned, threatened or denied acts; violence placed
in another country) are counted apart by reason.

The default sample is 2,000 headlines: the headlines with the smallest
sha256("<seed>\\0<headline>") (seed 0), so the sample does not depend on the file's order.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsevents.data_files import package_data, read_yaml_mapping
from newsevents.errors import DataFileError
from newsevents.evaluate.calibration import calibration_rows
from newsevents.evaluate.common import EvalOptions, gold_path
from newsevents.evaluate.metrics import greedy_one_to_one, km_between, stable_sample
from newsevents.evaluate.report import Report, Row, rate
from newsevents.ingest import make_article
from newsevents.records import DONE_MODALITIES, Article, Event

DEFAULT_SAMPLE = 2000
NEAR_KM = 25.0
REGION_KM = 161.0
NEAR_DAYS = 1
_FAR = float("inf")
_NO_DATE_GAP = 10**6
_MAX_SPAN_DAYS = 31  # longer UCDP date ranges are not indexed day by day
_JOINED = re.compile(r";(?!\s)")  # reports are joined without a space; "; " is inside one
_SYRIA = "SYR"


@dataclass(frozen=True)
class GoldEvent:
    """The parts of a UCDP GED row the scorer compares."""

    id: str
    type_of_violence: int
    side_a: str
    side_b: str
    where_prec: int
    latitude: float
    longitude: float
    date_start: dt.date
    date_end: dt.date
    best: int
    low: int
    high: int


@dataclass(frozen=True)
class Headline:
    """One distinct headline: its reports (text, source date) and the events citing it."""

    text: str
    reports: tuple[tuple[str, str], ...]
    outlets: tuple[str, ...]
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True)
class PredEvent:
    """The parts of a predicted event the scorer compares."""

    latitude: float | None
    longitude: float | None
    date: dt.date | None
    actor1: str | None
    actor2: str | None
    fatalities: int | None

    @classmethod
    def of(cls, event: Event) -> PredEvent:
        """The comparable parts of a pipeline event."""
        date = dt.date.fromisoformat(event.event_date) if event.event_date else None
        return cls(
            event.latitude, event.longitude, date, event.actor1, event.actor2, event.fatalities
        )


@dataclass
class Tally:
    """Counts accumulated over headlines; the report's rows are ratios of these."""

    headlines: int = 0
    gold: int = 0
    gold_matched: int = 0
    named: int = 0
    named_matched: int = 0
    predicted: int = 0
    predicted_matched: int = 0
    predicted_any: int = 0
    predicted_placed: int = 0
    pairs: int = 0
    place_pairs: int = 0
    place_near: int = 0
    place_region: int = 0
    date_exact: int = 0
    date_near: int = 0
    actors: int = 0
    one_side: int = 0
    fatalities_known: int = 0
    fatalities_best: int = 0
    fatalities_range: int = 0
    # Issue 4's measures: over the place-named events matched within 25 km and 1 day.
    named_actors: int = 0
    named_fatalities_known: int = 0
    named_fatalities_range: int = 0
    unmapped_sides: set[str] = field(default_factory=set)
    in_scope: int = 0
    in_scope_any: int = 0
    out_of_scope: Counter[str] = field(default_factory=Counter)
    out_of_scope_any: Counter[str] = field(default_factory=Counter)


# -- gold ----------------------------------------------------------------------------------


def _int(value: str) -> int:
    return int(float(value)) if value.strip() else 0


def _event_id(value: str) -> str:
    return str(int(float(value)))


def split_reports(headline: str, dates: str, offices: str = "") -> list[tuple[str, str, str]]:
    """A joined headline as (report text, source date, outlet) triples.

    HTML entities are decoded first (their ";" is not a separator). Reports are joined by
    ";" without a following space; when the pieces still do not pair with the dates, the
    whole headline is one report dated by its first date.
    """
    text = html.unescape(headline)
    date_list = [d.strip() for d in dates.split(";") if d.strip()]
    office_list = [o.strip() for o in offices.split(";")]
    for pieces in (_JOINED.split(text), text.split(";")):
        pieces = [p.strip() for p in pieces]
        if len(pieces) == len(date_list) and all(pieces):
            outlets = office_list if len(office_list) == len(pieces) else [""] * len(pieces)
            return list(zip(pieces, date_list, outlets, strict=True))
    return [(text.strip(), date_list[0] if date_list else "", office_list[0])]


def load_headlines(csv_path: Path) -> list[Headline]:
    """Every distinct headline of a UCDP GED CSV with its reports and gold events."""
    reports: dict[str, list[tuple[str, str, str]]] = {}
    events: dict[str, list[GoldEvent]] = {}
    with csv_path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            headline = row["source_headline"]
            if not headline.strip():
                continue
            if headline not in reports:
                reports[headline] = split_reports(
                    headline, row["source_date"], row.get("source_office", "")
                )
                events[headline] = []
            events[headline].append(
                GoldEvent(
                    id=_event_id(row["id"]),
                    type_of_violence=_int(row["type_of_violence"]),
                    side_a=row["side_a"],
                    side_b=row["side_b"],
                    where_prec=_int(row["where_prec"]),
                    latitude=float(row["latitude"]),
                    longitude=float(row["longitude"]),
                    date_start=dt.date.fromisoformat(row["date_start"][:10]),
                    date_end=dt.date.fromisoformat(row["date_end"][:10]),
                    best=_int(row["best"]),
                    low=_int(row["low"]),
                    high=_int(row["high"]),
                )
            )
    return [
        Headline(
            text=h,
            reports=tuple((t, d) for t, d, _ in parts),
            outlets=tuple(o for _, _, o in parts),
            events=tuple(events[h]),
        )
        for h, parts in reports.items()
    ]


def load_place_named(path: Path) -> frozenset[str]:
    """The UCDP ids whose place is named in a headline (recall's fixed denominator)."""
    lines = path.read_text(encoding="utf-8").split()
    return frozenset(_event_id(x) for x in lines if x.strip())


# -- actor map -----------------------------------------------------------------------------


@lru_cache(maxsize=4)
def load_actor_map(path: Path | None = None) -> dict[str, frozenset[str]]:
    """UCDP side (member) name -> the canonical actor names it stands for."""
    source = path or package_data("ucdp_actor_map.yaml")
    sides = read_yaml_mapping(source).get("sides")
    if not isinstance(sides, dict):
        raise DataFileError(f"{source}: expected a mapping 'sides: {{UCDP name: [actor, ...]}}'")
    out: dict[str, frozenset[str]] = {}
    for name, actors in sides.items():
        if not isinstance(actors, list) or not all(isinstance(a, str) for a in actors):
            raise DataFileError(f"{source}: side {name!r} must map to a list of actor names")
        out[str(name)] = frozenset(actors)
    return out


def side_actors(side: str, actor_map: dict[str, frozenset[str]]) -> tuple[frozenset[str], bool]:
    """The canonical names a (coalition) side stands for, and whether every member is mapped."""
    names: set[str] = set()
    complete = True
    for member in (m.strip() for m in side.split(",")):
        if member in actor_map:
            names |= actor_map[member]
        elif member:
            complete = False
    return frozenset(names), complete


def actors_match(
    actor1: str | None,
    actor2: str | None,
    side_a: frozenset[str],
    side_b: frozenset[str],
    ordered: bool,
) -> bool:
    """Whether the predicted pair names both sides: in order for one-sided violence
    (side_a the perpetrator), either way round otherwise."""
    if actor1 is None or actor2 is None:
        return False
    forward = actor1 in side_a and actor2 in side_b
    if ordered:
        return forward
    return forward or (actor1 in side_b and actor2 in side_a)


# -- matching ------------------------------------------------------------------------------


def distance_km(pred: PredEvent, gold: GoldEvent) -> float:
    """Kilometres between a prediction and a gold event (infinite without coordinates)."""
    if pred.latitude is None or pred.longitude is None:
        return _FAR
    return km_between(pred.latitude, pred.longitude, gold.latitude, gold.longitude)


def day_gap(pred: PredEvent, gold: GoldEvent) -> int:
    """Days between the predicted date and the gold event's date range (0 inside it)."""
    if pred.date is None:
        return _NO_DATE_GAP
    if pred.date < gold.date_start:
        return (gold.date_start - pred.date).days
    if pred.date > gold.date_end:
        return (pred.date - gold.date_end).days
    return 0


def match_events(
    preds: Sequence[PredEvent],
    golds: Sequence[GoldEvent],
    max_km: float | None = None,
    max_days: int | None = None,
) -> list[tuple[int, int]]:
    """One-to-one (prediction, gold) index pairs, nearest place first, then nearest date;
    with limits, only pairs within max_km and max_days are allowed."""
    candidates: list[tuple[tuple[float, ...], int, int]] = []
    for i, pred in enumerate(preds):
        for j, gold in enumerate(golds):
            km, days = distance_km(pred, gold), day_gap(pred, gold)
            if max_km is not None and km > max_km:
                continue
            if max_days is not None and days > max_days:
                continue
            candidates.append(((km, float(days)), i, j))
    return greedy_one_to_one(candidates)


class AnyEventIndex:
    """All UCDP events by day, to ask whether a prediction matches any event at all."""

    def __init__(self, events: Sequence[GoldEvent]) -> None:
        self._by_day: dict[dt.date, list[GoldEvent]] = {}
        for event in events:
            days = min((event.date_end - event.date_start).days, _MAX_SPAN_DAYS)
            for k in range(days + 1):
                day = event.date_start + dt.timedelta(days=k)
                self._by_day.setdefault(day, []).append(event)

    def matches(self, pred: PredEvent) -> bool:
        """Whether any event lies within 25 km and 1 day of the prediction."""
        if pred.date is None or pred.latitude is None:
            return False
        for k in range(-NEAR_DAYS, NEAR_DAYS + 1):
            for gold in self._by_day.get(pred.date + dt.timedelta(days=k), ()):
                if distance_km(pred, gold) <= NEAR_KM:
                    return True
        return False


def scope_of(family: str, modality: str, iso3: str | None) -> str | None:
    """Why a predicted new event lies outside UCDP's scope (organised violence in Syria,
    told as done), or None when it lies inside. An unplaced violent event counts as in
    scope: nothing shows it is elsewhere."""
    if family != "violence":
        return f"not violence ({family})"
    if modality not in DONE_MODALITIES:
        return f"not told as done ({modality})"
    if iso3 is not None and iso3 != _SYRIA:
        return "violence placed outside Syria"
    return None


def score_headline(
    preds: Sequence[PredEvent],
    golds: Sequence[GoldEvent],
    tally: Tally,
    *,
    place_named: frozenset[str],
    actor_map: dict[str, frozenset[str]],
    matches_any: Callable[[PredEvent], bool],
    scopes: Sequence[str | None] | None = None,
) -> None:
    """Add one headline's predictions and gold events to the tally; `scopes` gives each
    prediction's scope_of (all in scope when None)."""
    if scopes is not None and len(scopes) != len(preds):
        raise ValueError(f"one scope per prediction: {len(scopes)} for {len(preds)}")
    tally.headlines += 1
    tally.gold += len(golds)
    tally.predicted += len(preds)
    tally.predicted_placed += sum(1 for p in preds if p.latitude is not None)
    for k, pred in enumerate(preds):
        near = matches_any(pred)
        tally.predicted_any += near
        reason = scopes[k] if scopes is not None else None
        if reason is None:
            tally.in_scope += 1
            tally.in_scope_any += near
        else:
            tally.out_of_scope[reason] += 1
            if near:
                tally.out_of_scope_any[reason] += 1
    strict = match_events(preds, golds, NEAR_KM, NEAR_DAYS)
    tally.predicted_matched += len(strict)
    tally.gold_matched += len(strict)
    tally.named += sum(1 for gold in golds if gold.id in place_named)
    for i, j in strict:
        gold = golds[j]
        if gold.id not in place_named:
            continue
        said = judge_pair(preds[i], gold, actor_map)
        tally.named_matched += 1
        tally.named_actors += said.actors
        tally.named_fatalities_known += said.toll_known
        tally.named_fatalities_range += said.toll_in_range
    for i, j in match_events(preds, golds):
        _score_pair(preds[i], golds[j], tally, actor_map)


def _score_pair(
    pred: PredEvent, gold: GoldEvent, tally: Tally, actor_map: dict[str, frozenset[str]]
) -> None:
    tally.pairs += 1
    if gold.where_prec in (1, 2):
        km = distance_km(pred, gold)
        tally.place_pairs += 1
        tally.place_near += km <= NEAR_KM
        tally.place_region += km <= REGION_KM
    if pred.date is not None:
        days = abs((pred.date - gold.date_start).days)
        tally.date_exact += days == 0
        tally.date_near += days <= NEAR_DAYS
    said = judge_pair(pred, gold, actor_map)
    tally.unmapped_sides.update(said.unmapped)
    tally.actors += said.actors
    tally.one_side += said.one_side
    tally.fatalities_known += said.toll_known
    tally.fatalities_best += said.toll_best
    tally.fatalities_range += said.toll_in_range


@dataclass(frozen=True)
class PairJudgement:
    """What a prediction gets right of the gold event it is paired with: both sides (in
    order for one-sided violence), at least one side, and its toll (given at all, equal to
    UCDP's best, within UCDP's low-high); `unmapped` the gold sides the actor map lacks."""

    actors: bool
    one_side: bool
    toll_known: bool
    toll_best: bool
    toll_in_range: bool
    unmapped: tuple[str, ...]


def judge_pair(
    pred: PredEvent, gold: GoldEvent, actor_map: dict[str, frozenset[str]]
) -> PairJudgement:
    """The prediction's actors and toll judged against its gold event."""
    side_a, complete_a = side_actors(gold.side_a, actor_map)
    side_b, complete_b = side_actors(gold.side_b, actor_map)
    sides = ((gold.side_a, complete_a), (gold.side_b, complete_b))
    unmapped = tuple(side for side, complete in sides if not complete)
    ordered = gold.type_of_violence == 3
    named = {pred.actor1, pred.actor2} - {None}
    toll = pred.fatalities
    return PairJudgement(
        actors=actors_match(pred.actor1, pred.actor2, side_a, side_b, ordered),
        one_side=bool(named & side_a) or bool(named & side_b),
        toll_known=toll is not None,
        toll_best=toll is not None and toll == gold.best,
        toll_in_range=toll is not None and gold.low <= toll <= gold.high,
        unmapped=unmapped,
    )


# -- the suite -----------------------------------------------------------------------------


def articles_for(headline: Headline, index: int) -> list[Article]:
    """The headline's reports as articles, each published on its source date."""
    return [
        make_article(
            text,
            published=date or None,
            outlet=headline.outlets[k] or None,
            source=f"ucdp-headline:{index}:{k}",
        )
        for k, (text, date) in enumerate(headline.reports)
    ]


def predictions(events: Sequence[Event]) -> list[PredEvent]:
    """The events UCDP could have coded: those told as new (not recalled background)."""
    return [PredEvent.of(e) for e in events if e.status == "new"]


def prediction_scopes(events: Sequence[Event], family: Callable[[str], str]) -> list[str | None]:
    """scope_of for each event `predictions` keeps, in the same order."""
    return [scope_of(family(e.event_type), e.modality, e.iso3) for e in events if e.status == "new"]


def tally_rows(t: Tally) -> list[Row]:
    """The report rows for a tally."""
    pairs_note = f"of {t.pairs} nearest-first pairs"
    unmapped = f"; {len(t.unmapped_sides)} UCDP sides not fully mapped" if t.unmapped_sides else ""
    return [
        Row(
            "recall, place-named events (25 km, 1 day)",
            rate(t.named_matched, t.named),
            None,
            f"{t.named_matched}/{t.named} events of place_named_ids.txt in the sample",
        ),
        Row(
            "  actor pair, matched place-named events",
            rate(t.named_actors, t.named_matched),
            None,
            f"{t.named_actors}/{t.named_matched}; unordered except type 3 (issue 4's measure)",
        ),
        Row(
            "  fatalities within low-high, matched place-named events",
            rate(t.named_fatalities_range, t.named_matched),
            None,
            f"{t.named_fatalities_range}/{t.named_matched} ({t.named_fatalities_known} with a "
            "number; issue 4's measure)",
        ),
        Row(
            "recall, all events (25 km, 1 day)",
            rate(t.gold_matched, t.gold),
            None,
            f"{t.gold_matched}/{t.gold} events of the sampled headlines",
        ),
        Row("headlines", t.headlines, None, "distinct source_headline values scored", "count"),
        Row(
            "predicted new events per headline",
            rate(t.predicted, t.headlines),
            None,
            f"{t.predicted} events",
            "number",
        ),
        Row(
            "predicted events with coordinates",
            rate(t.predicted_placed, t.predicted),
            None,
            f"{t.predicted_placed}/{t.predicted}",
        ),
        Row(
            "predicted events matching the headline's events",
            rate(t.predicted_matched, t.predicted),
            None,
            f"{t.predicted_matched}/{t.predicted}, one to one, 25 km, 1 day",
        ),
        Row(
            "predicted events matching any UCDP event",
            rate(t.predicted_any, t.predicted),
            None,
            f"{t.predicted_any}/{t.predicted}, any event in the file within 25 km and 1 day",
        ),
        Row(
            "predicted violent events in Syria matching any UCDP event",
            rate(t.in_scope_any, t.in_scope),
            None,
            f"{t.in_scope_any}/{t.in_scope} in UCDP's scope: violence told as done, placed in "
            "Syria or unplaced",
        ),
        *_scope_rows(t),
        Row(
            "place within 25 km",
            rate(t.place_near, t.place_pairs),
            None,
            f"{t.place_near}/{t.place_pairs} pairs with where_prec 1-2",
        ),
        Row(
            "place within 161 km",
            rate(t.place_region, t.place_pairs),
            None,
            f"{t.place_region}/{t.place_pairs} pairs with where_prec 1-2",
        ),
        Row(
            "date exact",
            rate(t.date_exact, t.pairs),
            None,
            f"{t.date_exact}/{t.pairs}, against date_start",
        ),
        Row("date within 1 day", rate(t.date_near, t.pairs), None, f"{t.date_near}/{t.pairs}"),
        Row(
            "actor pair",
            rate(t.actors, t.pairs),
            None,
            f"{t.actors} {pairs_note}; unordered except type 3{unmapped}",
        ),
        Row(
            "at least one side named", rate(t.one_side, t.pairs), None, f"{t.one_side} {pairs_note}"
        ),
        Row(
            "fatalities = best",
            rate(t.fatalities_best, t.pairs),
            None,
            f"{t.fatalities_best} {pairs_note} ({t.fatalities_known} with a number)",
        ),
        Row(
            "fatalities within low-high",
            rate(t.fatalities_range, t.pairs),
            None,
            f"{t.fatalities_range} {pairs_note}",
        ),
    ]


def _scope_rows(t: Tally) -> list[Row]:
    """How many predictions lie outside UCDP's scope, by reason, and how many of those
    still have a UCDP event near."""
    total = sum(t.out_of_scope.values())
    rows = [
        Row(
            "predicted events outside UCDP's scope",
            total,
            None,
            f"of {t.predicted}; {sum(t.out_of_scope_any.values())} near a UCDP event; by reason:",
            "count",
        )
    ]
    for reason, n in sorted(t.out_of_scope.items(), key=lambda kv: (-kv[1], kv[0])):
        near = t.out_of_scope_any[reason]
        rows.append(Row(f"  {reason}", n, None, f"{near} near a UCDP event", "count"))
    return rows


def run(shared: Path, options: EvalOptions) -> Report:
    """Score the pipeline on a sample of UCDP headlines (all with options.full)."""
    # The pipeline loads spaCy: imported when a suite runs, so the scorers import fast.
    from newsevents.evaluate.extraction import events_by_group
    from newsevents.pipeline import load_knowledge

    started = time.perf_counter()
    folder = gold_path(shared, "ucdp-syria", options)
    csv_path = folder / "ucdp_ged_syria_2016_2019.csv" if folder.is_dir() else folder
    named_path = csv_path.parent / "place_named_ids.txt"
    headlines = load_headlines(csv_path)
    place_named = load_place_named(named_path) if named_path.exists() else frozenset()
    sample = stable_sample(headlines, lambda h: h.text, options.size(DEFAULT_SAMPLE), options.seed)
    knowledge = load_knowledge()
    groups = events_by_group([articles_for(h, i) for i, h in enumerate(sample)], knowledge)
    any_index = AnyEventIndex([e for h in headlines for e in h.events])
    actor_map = load_actor_map()
    tally = Tally()
    for headline, group in zip(sample, groups, strict=True):
        score_headline(
            predictions(group.events),
            headline.events,
            tally,
            place_named=place_named,
            actor_map=actor_map,
            matches_any=any_index.matches,
            scopes=prediction_scopes(group.events, knowledge.lexicon.family),
        )
    # Calibration: new violent events (UCDP's scope), right when any UCDP event is near.
    scored = [
        (e.confidence, any_index.matches(PredEvent.of(e)))
        for g in groups
        for e in g.events
        if e.status == "new" and knowledge.lexicon.family(e.event_type) == "violence"
    ]
    rows = [*tally_rows(tally), *calibration_rows(scored, "a UCDP event within 25 km, 1 day")]
    failed = sum(g.failed for g in groups)
    params = {
        "gold": str(csv_path),
        "headlines": f"{len(sample)} of {len(headlines)}",
        "sample": "all" if len(sample) == len(headlines) else f"sha256 order, seed {options.seed}",
        "articles failed": failed,
    }
    return Report("ucdp", tuple(rows), params, time.perf_counter() - started)
