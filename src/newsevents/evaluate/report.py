"""The metric table every evaluation suite returns: our dev figures beside published anchors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Unit = Literal["rate", "count", "km", "number", "seconds"]

ANCHOR_NOTE = (
    "Our figures are on development data (label: dev). Anchors are the published figures "
    "of other systems on test splits kept elsewhere, so they are a reference, not a like-for-like "
    "comparison."
)


@dataclass(frozen=True)
class Row:
    """One metric: our value, the published anchor (same unit) if any, and what it counts."""

    metric: str
    value: float
    anchor: float | None = None
    note: str = ""
    unit: Unit = "rate"  # rates are fractions in [0, 1]; shown as percentages


@dataclass(frozen=True)
class Report:
    """A suite's figures: one row per metric, plus how the run was configured."""

    suite: str
    rows: tuple[Row, ...]
    params: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    def value(self, metric: str) -> float:
        """The value of one metric by name (KeyError when the suite has no such metric)."""
        for row in self.rows:
            if row.metric == metric:
                return row.value
        raise KeyError(f"suite {self.suite!r} has no metric {metric!r}")

    def table(self) -> str:
        """A plain-text table: metric, dev value, anchor (test split), note."""
        header = ("metric", "dev", "anchor (test)", "note")
        body = [
            (r.metric, _format(r.value, r.unit), _format(r.anchor, r.unit), r.note)
            for r in self.rows
        ]
        widths = [max(len(line[i]) for line in [header, *body]) for i in range(3)]
        lines = [f"{self.suite}: {_params_text(self.params)}, {self.seconds:.1f} s"]
        for line in [header, *body]:
            cells = [line[0].ljust(widths[0]), line[1].rjust(widths[1]), line[2].rjust(widths[2])]
            lines.append("  ".join([*cells, line[3]]).rstrip())
        lines.append(ANCHOR_NOTE)
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """The same figures as a JSON-serialisable dict (rates as fractions, not percent)."""
        return {
            "suite": self.suite,
            "params": dict(self.params),
            "seconds": round(self.seconds, 2),
            "note": ANCHOR_NOTE,
            "rows": [
                {
                    "metric": r.metric,
                    "value": r.value,
                    "anchor": r.anchor,
                    "unit": r.unit,
                    "note": r.note,
                }
                for r in self.rows
            ],
        }


def _format(value: float | None, unit: Unit) -> str:
    if value is None:
        return "-"
    if unit == "rate":
        return f"{100 * value:.1f}%"
    if unit == "count":
        return f"{int(value):,}"
    return f"{value:,.2f}"


def _params_text(params: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in params.items()) or "defaults"


def rate(numerator: float, denominator: float) -> float:
    """numerator / denominator, or 0.0 when nothing was counted."""
    return numerator / denominator if denominator else 0.0


def f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0.0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf_rows(
    name: str,
    matched_pred: float,
    n_pred: int,
    matched_gold: float,
    n_gold: int,
    anchors: tuple[float | None, float | None, float | None] = (None, None, None),
    note: str = "",
) -> list[Row]:
    """Precision, recall and F1 rows for one scored quantity, with the counts in the notes."""
    p = rate(matched_pred, n_pred)
    r = rate(matched_gold, n_gold)
    return [
        Row(f"{name} P", p, anchors[0], f"{matched_pred:g}/{n_pred} predicted {note}".strip()),
        Row(f"{name} R", r, anchors[1], f"{matched_gold:g}/{n_gold} gold {note}".strip()),
        Row(f"{name} F1", f1(p, r), anchors[2], note),
    ]
