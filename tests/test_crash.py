"""Crash safety: a real ingest (subprocess, real DuckDB file) is killed with SIGKILL at
random moments, several times, and the same command run again each time; the store ends
exactly as after an uninterrupted run, and the file is readable after every kill."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from snapshots import ARTICLE_COLUMNS, store_rows

pytestmark = [pytest.mark.model, pytest.mark.slow]

PLACES = ["Idlib", "Hajin", "Mogadishu", "Kabul", "Aleppo", "Deraa", "Mosul", "Sanaa"]
TEMPLATES = [
    "Rebels captured the town of {place} on Friday, killing {n} soldiers, a monitor said.",
    "Warplanes bombed {place} on Thursday, killing at least {n} civilians.",
    "A car bomb exploded in {place} on Saturday, killing {n} people and wounding dozens.",
    "Hundreds of protesters rallied in {place} on Sunday against rising prices.",
]
N_ARTICLES = 120
KILLS = 4


def _input(path: Path) -> Path:
    """Short reports of events told by several outlets, so that merging has work to do."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(N_ARTICLES):
            place = PLACES[i % len(PLACES)]
            text = TEMPLATES[(i // len(PLACES)) % len(TEMPLATES)].format(place=place, n=3 + i % 5)
            record = {
                "text": f"{text} Residents said the fighting went on into the night. ({i})",
                "published": f"2019-03-{10 + i % 15:02d}",
                "url": f"https://outlet{i % 3}.example/{i}",
            }
            out.write(json.dumps(record) + "\n")
    return path


def _command(src: Path, db: Path) -> list[str]:
    return [
        sys.executable, "-m", "newsevents.cli", "ingest", str(src), "--db", str(db),
        "--workers", "2", "--batch-size", "4", "--commit-batches", "2",
    ]  # fmt: skip


def _start(src: Path, db: Path) -> subprocess.Popen[bytes]:
    # A session of its own: the kill takes the worker processes down too, as a crash would.
    return subprocess.Popen(
        _command(src, db),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _fingerprint(db: Path) -> tuple[tuple[float, int] | None, ...]:
    """Modification time and size of the database file and its write-ahead log."""
    out = []
    for path in (db, db.with_name(db.name + ".wal")):
        out.append((path.stat().st_mtime, path.stat().st_size) if path.exists() else None)
    return tuple(out)


def _wait_for_first_write(
    proc: subprocess.Popen[bytes], db: Path, timeout: float = 300.0
) -> float | None:
    """When the run first committed a batch (perf_counter), or None if it ended first.

    Opening the store writes its schema at once; the workers then load the model for
    seconds before the first batch: the first change after a quiet second is a batch.
    """
    seen = _fingerprint(db)
    last_change = time.perf_counter()
    deadline = last_change + timeout
    while time.perf_counter() < deadline:
        now = _fingerprint(db)
        if now != seen:
            if time.perf_counter() - last_change >= 1.0:
                return time.perf_counter()
            seen, last_change = now, time.perf_counter()
        if proc.poll() is not None:
            return None
        time.sleep(0.01)
    raise AssertionError(f"no commit to {db} within {timeout} s")


def _snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    # Both runs read the same file: the source column and the version match too.
    return store_rows(db, articles=f"{ARTICLE_COLUMNS}, source, pipeline_version")


def _stored_articles(db: Path) -> int:
    if not db.exists():
        return 0  # killed before the store was created
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        if ("articles",) not in tables:
            return 0  # killed after the file was made, before its tables were committed
        row = con.execute("SELECT count(*) FROM articles").fetchone()
        return int(row[0]) if row else 0
    finally:
        con.close()


def _wait_until_gone(group: int, timeout: float = 30.0) -> None:
    """Wait until every process of the killed group has exited (zombies aside): the
    writer's commit child holds the file until the kernel has torn it down, which can
    take a moment after the parent is reaped."""
    deadline = time.monotonic() + timeout
    while _live_members(group):
        assert time.monotonic() < deadline, f"processes of group {group} outlived SIGKILL"
        time.sleep(0.02)


def _live_members(group: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # pid (comm) state ppid pgrp ...: comm may hold spaces, so split after ")".
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            out.append(int(entry.name))
    return out


def _wait_for_stored(proc: subprocess.Popen[bytes], db: Path, target: int) -> None:
    """Return once the run has committed `target` articles or ended. The writer lets go
    of the file between batches; a read meanwhile may find it locked and tries again."""
    deadline = time.perf_counter() + 300.0
    while time.perf_counter() < deadline and proc.poll() is None:
        try:
            if db.exists() and _stored_articles(db) >= target:
                return
        except duckdb.Error:
            pass  # the writer holds the file (a batch is being committed) or is creating it
        time.sleep(0.05)


def test_killed_runs_resume_to_exactly_the_uninterrupted_store(tmp_path: Path) -> None:
    src = _input(tmp_path / "reports.jsonl")
    whole = tmp_path / "whole.duckdb"
    proc = _start(src, whole)
    first = _wait_for_first_write(proc, whole)
    assert proc.wait(timeout=600) == 0
    assert first is not None
    reference = _snapshot(whole)
    assert len(reference["articles"]) == N_ARTICLES
    assert len(reference["events"]) >= 8

    killed = tmp_path / "killed.duckdb"
    rng = random.Random(9)
    stored = [0]
    for k in range(KILLS):
        proc = _start(src, killed)
        if k == 0:
            # Once while the store opens and the workers load the model.
            time.sleep(rng.uniform(0.0, 3.0))
        else:
            # Then after a random number of committed articles, at a random moment of the
            # batch under way: waiting for commits, not for a time, holds on a busy machine.
            left = N_ARTICLES - stored[-1]
            _wait_for_stored(proc, killed, stored[-1] + rng.randint(1, max(1, left // 2)))
            time.sleep(rng.uniform(0.0, 0.3))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        _wait_until_gone(proc.pid)
        # Readable after every kill, and never losing what a previous run committed.
        stored.append(_stored_articles(killed))
        assert stored[-1] >= stored[-2]
    assert any(0 < n < N_ARTICLES for n in stored), f"no kill landed mid-ingest: {stored}"
    finished = subprocess.run(_command(src, killed), capture_output=True, timeout=600)
    assert finished.returncode == 0, finished.stderr.decode()[-2000:]
    assert _snapshot(killed) == reference
