"""CPU seconds spent in each pipeline stage, summed over batches and processes.

CPU time rather than wall time: on a machine shared with other work, a stage's wall
time depends on what else runs; its CPU time says what the stage itself costs.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

# The stages in pipeline order, as `newsevents bench` prints them.
STAGES = ("ingest", "clean", "recase", "analyse", "extract", "resolve", "merge", "store")


class StageClock:
    """Accumulates CPU seconds per stage name."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def measure(self, stage: str) -> Iterator[None]:
        """Add the CPU time of the enclosed block to `stage`."""
        start = time.process_time()
        try:
            yield
        finally:
            self.add(stage, time.process_time() - start)

    def add(self, stage: str, seconds: float) -> None:
        """Add seconds to one stage."""
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    def absorb(self, other: Mapping[str, float]) -> None:
        """Add another clock's seconds (a worker's) to this one."""
        for stage, seconds in other.items():
            self.add(stage, seconds)
