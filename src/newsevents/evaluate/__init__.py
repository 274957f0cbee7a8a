"""Accuracy on gold data: each suite runs the real pipeline and returns a Report.

    >>> from newsevents.evaluate import run_suite
    >>> print(run_suite("timex", Path("../shared"), sample=20).table())

Suites (docs/EVAL.md): ucdp, muc4, geo, timex, re3d, merge. Figures are on development data;
the anchors beside them are published figures on test splits kept elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from newsevents.errors import UsageError
from newsevents.evaluate import geo, merge, muc4, re3d, timex, ucdp
from newsevents.evaluate.common import EvalOptions
from newsevents.evaluate.report import Report, Row

__all__ = ["SUITES", "EvalOptions", "Report", "Row", "run_suite"]

SUITES: dict[str, str] = {
    "ucdp": "UCDP GED Syria headlines: event recall, place, date, actors, fatalities",
    "muc4": "MUC-4 dev: role fillers (CEAF-REE), incident types, dates and places",
    "geo": "LGL and GeoWebNews: place resolution and end-to-end toponyms",
    "timex": "TempEval-3 TBAQ-cleaned: time expression extraction and values",
    "re3d": "re3d: organisation, location and person mentions",
    "merge": "FA-KES silver pairs, VOA hijack, UCDP multi-report pairs: merging reports",
}

_RUNNERS: dict[str, Callable[[Path, EvalOptions], Report]] = {
    "ucdp": ucdp.run,
    "muc4": muc4.run,
    "geo": geo.run,
    "timex": timex.run,
    "re3d": re3d.run,
    "merge": merge.run,
}


def run_suite(
    name: str,
    shared: Path,
    *,
    sample: int | None,
    seed: int = 0,
    full: bool = False,
    gold: Path | None = None,
) -> Report:
    """Run one suite on the gold data under `shared` (or the `gold` file) and return its
    figures; `sample` limits the items scored, `full` scores everything."""
    if name not in _RUNNERS:
        raise UsageError(f"unknown eval suite {name!r}: choose one of {', '.join(SUITES)}")
    if sample is not None and sample < 1:
        raise UsageError(f"--sample must be at least 1, got {sample}")
    return _RUNNERS[name](Path(shared), EvalOptions(sample, seed, full, gold))
