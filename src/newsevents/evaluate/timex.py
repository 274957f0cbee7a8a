"""`eval timex`: time expressions on TempEval-3's TBAQ-cleaned (docs/EVAL.md section 4).

The date tagger (`newsevents.resolve.dates.find_time_expressions`) reads each document's
TEXT with its creation time (DCT) as the anchor. Extraction is scored strict (same span)
and relaxed (overlapping span). A value is right when the expression is found (relaxed)
and its TIMEX3 value equals the gold one once both are written canonically (`canonical`:
the corpus spells some values in older notations, "2000-W7", "198X", "1968-XX"); value F1
is reported for DATE and TIME together and for DURATION and SET separately, and the
DATE+TIME accuracy also with the strings compared as written.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsevents.evaluate.common import EvalOptions, gold_path
from newsevents.evaluate.metrics import overlaps, span_counts, stable_sample
from newsevents.evaluate.report import Report, Row, f1, prf_rows, rate
from newsevents.records import ResolvedDate

HEIDELTIME_VALUE_F1 = 0.78  # roughly, TempEval-3 test (UzZaman et al. 2013)
_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_DCT = re.compile(r"<DCT>.*?value=\"([^\"]+)\"", re.DOTALL)
_DATE_TYPES = ("DATE", "TIME")
_SHORT_WEEK = re.compile(r"^(\d{4}-W)(\d)(?=\D|$)")
_DECADE_X = re.compile(r"^(\d{2,3})X+$")
_UNSPECIFIED_TAIL = re.compile(r"^(\d{4})(?:-XX)+$")


@dataclass(frozen=True)
class Timex:
    """A gold TIMEX3 in a document's plain text."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class TimeDoc:
    """One TimeML document: plain TEXT, its creation date and its gold expressions."""

    name: str
    text: str
    dct: dt.date | None
    timexes: tuple[Timex, ...]


@dataclass(frozen=True)
class Predicted:
    """An expression the tagger found, with its TIMEX3-style value."""

    start: int
    end: int
    value: str
    type: str = "DATE"


def parse_timeml(name: str, markup: str) -> TimeDoc:
    """The plain text of a TimeML document's TEXT element with its TIMEX3 spans."""
    body = _TEXT.search(markup)
    dct_match = _DCT.search(markup)
    dct = None
    if dct_match:
        try:
            dct = dt.date.fromisoformat(dct_match.group(1)[:10])
        except ValueError:
            dct = None
    source = body.group(1) if body else ""
    pieces: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[Timex] = []
    position = 0
    for tag in _TAG.finditer(source):
        chunk = html.unescape(source[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, element = tag.group(1) == "/", tag.group(2)
        if element != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            text = "".join(pieces)[start:length]
            timexes.append(
                Timex(start, length, text, attrs.get("type", ""), attrs.get("value", ""))
            )
            open_timex = None
    pieces.append(html.unescape(source[position:]))
    return TimeDoc(name, "".join(pieces), dct, tuple(timexes))


def canonical(value: str) -> str:
    """A TIMEX3 value in TimeML 1.2's canonical notation: two-digit weeks ("2000-W7" is
    "2000-W07"), decades and centuries as truncated years ("198X" is "198"), and a year
    whose finer parts are all unspecified as the year ("1968-XX" is "1968")."""
    value = _SHORT_WEEK.sub(lambda m: f"{m.group(1)}0{m.group(2)}", value)
    value = _DECADE_X.sub(r"\1", value)
    return _UNSPECIFIED_TAIL.sub(r"\1", value)


def load_timeml(folder: Path) -> list[TimeDoc]:
    """Every .tml file under a folder (or one file), once per file name."""
    paths = [folder] if folder.is_file() else sorted(folder.rglob("*.tml"))
    seen: set[str] = set()
    docs = []
    for path in paths:
        if path.name in seen:
            continue
        seen.add(path.name)
        docs.append(parse_timeml(path.stem, path.read_text(encoding="utf-8")))
    return docs


def timex_value(value: ResolvedDate) -> str:
    """A resolved date written as a TIMEX3 value ("1998-08-07", "1998-W32", "1998-08",
    "1998", "199" for a decade); "" when unknown."""
    if value.date is None or value.precision == "unknown":
        return ""
    first = dt.date.fromisoformat(value.date)
    if value.precision == "day":
        return first.isoformat()
    if value.precision == "week":
        year, week, _ = first.isocalendar()
        return f"{year}-W{week:02d}"
    if value.precision == "month":
        return f"{first.year:04d}-{first.month:02d}"
    last = dt.date.fromisoformat(value.date_end) if value.date_end else first
    if first.year % 10 == 0 and last.year == first.year + 9:
        return f"{first.year // 10:03d}"
    return f"{first.year:04d}"


def tag(doc: TimeDoc) -> list[Predicted]:
    """The tagger's expressions in a document, anchored on its creation date, with their
    TIMEX3 types and values (the same tagger the pipeline runs, asked for TimeML output:
    durations and sets too, which events do not need)."""
    from newsevents.resolve.dates import find_time_expressions, timex3

    out = []
    for e in find_time_expressions(doc.text, doc.dct, "past", timeml=True):
        kind, value = timex3(e)
        out.append(Predicted(e.start, e.end, value, kind))
    return out


@dataclass
class TimexTally:
    """Counts over documents."""

    strict: tuple[int, int, int, int] = (0, 0, 0, 0)
    relaxed: tuple[int, int, int, int] = (0, 0, 0, 0)
    pred_dt: int = 0
    gold_dt: int = 0
    found_dt: int = 0
    value_dt: int = 0
    value_dt_written: int = 0
    value_all: int = 0
    gold_all: int = 0
    pred_all: int = 0
    gold_duration: int = 0
    gold_set: int = 0
    pred_duration: int = 0
    pred_set: int = 0
    value_duration: int = 0
    value_set: int = 0


def _add(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3])


def score_doc(gold: Sequence[Timex], predicted: Sequence[Predicted], t: TimexTally) -> None:
    """Add one document's extraction and value figures to the tally."""
    pred_spans = [(p.start, p.end) for p in predicted]
    gold_spans = [(g.start, g.end) for g in gold]
    t.strict = _add(t.strict, span_counts(pred_spans, gold_spans, strict=True))
    t.relaxed = _add(t.relaxed, span_counts(pred_spans, gold_spans, strict=False))
    date_gold = [g for g in gold if g.type in _DATE_TYPES]

    def hits(g: Timex) -> list[Predicted]:
        return [p for p in predicted if overlaps((p.start, p.end), (g.start, g.end))]

    t.pred_dt += sum(1 for p in predicted if p.type in _DATE_TYPES)
    t.pred_duration += sum(1 for p in predicted if p.type == "DURATION")
    t.pred_set += sum(1 for p in predicted if p.type == "SET")
    t.pred_all += len(predicted)
    t.gold_dt += len(date_gold)
    t.gold_all += len(gold)
    t.gold_duration += sum(1 for g in gold if g.type == "DURATION")
    t.gold_set += sum(1 for g in gold if g.type == "SET")
    for g in gold:
        found = hits(g)
        right = any(canonical(p.value) == canonical(g.value) for p in found)
        t.value_all += right
        if g.type in _DATE_TYPES:
            t.found_dt += bool(found)
            t.value_dt += right
            t.value_dt_written += any(p.value == g.value for p in found)
        elif g.type == "DURATION":
            t.value_duration += right
        elif g.type == "SET":
            t.value_set += right


def tally_rows(t: TimexTally) -> list[Row]:
    """Report rows for a tally."""
    rows = prf_rows("extraction strict", *t.strict)
    rows += prf_rows("extraction relaxed", *t.relaxed)
    p_all, r_all = rate(t.value_all, t.pred_all), rate(t.value_all, t.gold_all)
    rows.append(
        Row(
            "value F1, all types",
            f1(p_all, r_all),
            HEIDELTIME_VALUE_F1,
            f"P {p_all:.3f} R {r_all:.3f}; anchor HeidelTime, roughly",
        )
    )
    rows += prf_rows("value DATE+TIME", t.value_dt, t.pred_dt, t.value_dt, t.gold_dt)
    rows += [
        Row(
            "value accuracy, DATE+TIME found",
            rate(t.value_dt, t.found_dt),
            None,
            f"{t.value_dt}/{t.found_dt} found (relaxed), values in canonical notation",
        ),
        Row(
            "value accuracy, DATE+TIME found, as written",
            rate(t.value_dt_written, t.found_dt),
            None,
            f"{t.value_dt_written}/{t.found_dt}: value strings compared exactly",
        ),
    ]
    for name, right, pred, gold in (
        ("DURATION", t.value_duration, t.pred_duration, t.gold_duration),
        ("SET", t.value_set, t.pred_set, t.gold_set),
    ):
        p, r = rate(right, pred), rate(right, gold)
        rows.append(
            Row(
                f"value F1 {name}",
                f1(p, r),
                None,
                f"{right} right of {pred} predicted, {gold} gold",
            )
        )
    return rows


def run(shared: Path, options: EvalOptions) -> Report:
    """Score the date tagger on TBAQ-cleaned (or the --gold folder of .tml files)."""
    started = time.perf_counter()
    folder = gold_path(shared, "timex/TBAQ-cleaned", options)
    docs = stable_sample(load_timeml(folder), lambda d: d.name, options.size(None), options.seed)
    tally = TimexTally()
    for doc in docs:
        score_doc(doc.timexes, tag(doc), tally)
    params = {"gold": str(folder), "documents": len(docs), "gold expressions": tally.gold_all}
    return Report("timex", tuple(tally_rows(tally)), params, time.perf_counter() - started)
