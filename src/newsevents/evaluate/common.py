"""What every suite needs: its options, and finding gold files with a helpful error."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.errors import UsageError


@dataclass(frozen=True)
class EvalOptions:
    """How a suite runs: a fixed sample (None: the suite's default size), its seed, `full` for
    everything, and `gold` to score another file or folder of the same format."""

    sample: int | None = None
    seed: int = 0
    full: bool = False
    gold: Path | None = None

    def size(self, default: int | None) -> int | None:
        """How many items to score: all with `full`, else the sample or the suite's default."""
        if self.full:
            return None
        return self.sample if self.sample is not None else default


def gold_path(shared: Path, default: str, options: EvalOptions) -> Path:
    """The gold file or folder to read: `options.gold` if given, else shared/gold/<default>."""
    path = options.gold if options.gold is not None else shared / "gold" / default
    if not path.exists():
        raise UsageError(
            f"gold data not found at {path}: pass the folder that holds gold/ "
            f"(normally ../shared) or --gold with a file of the suite's format"
        )
    return path


def read_json_lines(path: Path) -> Iterator[dict[str, Any]]:
    """Objects of a JSON Lines file (mongoexport and GRIT files are one object per line)."""
    with path.open(encoding="utf-8-sig") as handle:
        for line in handle:
            if line.strip():
                obj = json.loads(line)
                if isinstance(obj, dict):
                    yield obj
