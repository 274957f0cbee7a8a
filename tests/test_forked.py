"""A function run in a forked child: its result, its errors, its death, its memory, and
a writer that merges each commit in a child stores what one merging in itself stores."""

import contextlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from snapshots import store_rows

from newsevents import pipeline
from newsevents.errors import StoreError
from newsevents.forked import ChildFailed, call_in_child, can_fork
from newsevents.pipeline import Options, ingest
from newsevents.store import Store

pytestmark = pytest.mark.skipif(not can_fork(), reason="forked children are used on Linux only")


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_the_child_returns_its_value_and_runs_apart_from_the_parent() -> None:
    parent = os.getpid()
    result = call_in_child(lambda: (os.getpid(), os.getppid(), [1, 2, 3]))
    child, its_parent, value = result.value
    assert child != parent and its_parent == parent and value == [1, 2, 3]
    assert result.peak_mb > 0


def test_what_the_child_allocates_leaves_with_it() -> None:
    before = _rss_mb()

    def allocate() -> int:
        block = bytearray(300 * 1024 * 1024)
        block[::4096] = b"x" * len(block[::4096])  # touch every page
        return len(block)

    result = call_in_child(allocate)
    assert result.value == 300 * 1024 * 1024
    assert result.peak_mb >= 300  # its own peak, which starts where the fork left it
    assert _rss_mb() < before + 50


def test_the_childs_error_is_raised_in_the_parent() -> None:
    def fail() -> None:
        raise StoreError("s.duckdb: cannot open the database")

    with pytest.raises(StoreError, match="cannot open the database"):
        call_in_child(fail)


def test_an_error_that_cannot_be_sent_comes_back_as_its_text() -> None:
    class Local(Exception):  # a local class does not pickle
        pass

    def fail() -> None:
        raise Local("the neighbourhood was too large")

    with pytest.raises(ChildFailed, match="the neighbourhood was too large"):
        call_in_child(fail)


def test_a_child_that_dies_says_how() -> None:
    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(ChildFailed, match="SIGKILL"):
        call_in_child(die)


def test_a_killed_parent_takes_its_child_with_it(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    script = textwrap.dedent(
        f"""
        import os, time
        from newsevents.forked import call_in_child

        def wait() -> None:
            with open({str(pid_file)!r}, "w") as f:
                f.write(str(os.getpid()))
            time.sleep(60)

        call_in_child(wait)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 30
        while not pid_file.exists() or not pid_file.read_text():
            assert time.monotonic() < deadline, "the child never started"
            time.sleep(0.05)
        child = int(pid_file.read_text())
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 10
        while _alive(child):
            assert time.monotonic() < deadline, "the child outlived its killed parent"
            time.sleep(0.05)
    finally:
        parent.kill()
        parent.wait()


def _lock_fds() -> list[int]:
    """This process's descriptors open on a writer claim file."""
    fds = []
    for name in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            if os.readlink(f"/proc/self/fd/{name}").endswith(".writer.lock"):
                fds.append(int(name))
    return fds


def test_the_commit_child_leaves_the_writer_claim_to_its_parent(tmp_path, monkeypatch) -> None:
    """A killed ingest's commit child can outlive its parent by a moment; if it held a copy
    of the claim, a re-run in that moment would be told another process is writing."""
    seen = tmp_path / "seen.json"

    def store_results(good, store, knowledge, clock=None):  # runs in the child
        seen.write_text(json.dumps(_lock_fds()))
        return pipeline.Written(0, 0)

    monkeypatch.setattr(pipeline, "store_results", store_results)
    with Store(tmp_path / "s.duckdb") as store:
        assert len(_lock_fds()) == 1
        pipeline.commit_results([], store, None, pipeline.RunSummary(), in_child=True)
        assert json.loads(seen.read_text()) == []
        assert len(_lock_fds()) == 1  # the parent keeps its claim
        with pytest.raises(StoreError, match="another process is writing"):
            Store(tmp_path / "s.duckdb")


def test_a_claim_left_to_the_parent_ends_with_the_parent_while_the_child_lives(
    tmp_path: Path,
) -> None:
    db = tmp_path / "s.duckdb"
    store = Store(db)
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: give up its copy, say so, then linger
        try:
            store.leave_claim_to_parent()
            os.write(ready_w, b"1")
            time.sleep(30)
        finally:
            os._exit(0)
    try:
        assert os.read(ready_r, 1) == b"1"
        store.close()  # the parent goes; the child is still alive
        with Store(db) as again:
            assert again.counts()["articles"] == 0
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(ready_r)
        os.close(ready_w)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A dead child of a dead parent is reaped by init; until then it is a zombie.
    with open(f"/proc/{pid}/status") as f:
        return not any(line.startswith("State:") and "Z" in line for line in f)


@pytest.mark.model
@pytest.mark.slow
def test_merging_in_children_stores_what_merging_in_the_writer_stores(tmp_path: Path) -> None:
    src = tmp_path / "r.jsonl"
    # Four towns far apart (Jobar, 7 km from Douma, now resolves and would merge with it).
    towns = ["Hajin", "Raqqa", "Douma", "Hajin", "Manbij", "Raqqa"]
    lines = [
        f"Rebels shelled the town of {town} on Friday, killing {4 + i % 3} soldiers, "
        f"a monitor said ({i})."
        for i, town in enumerate(towns * 2)
    ]
    src.write_text("\n".join(json.dumps({"text": t}) for t in lines) + "\n")
    stores = {}
    for in_child in (True, False):
        db = tmp_path / f"{in_child}.duckdb"
        options = Options(
            batch_size=2, commit_batches=2, workers=1, published="2019-03-23",
            merge_in_child=in_child,
        )  # fmt: skip
        with Store(db) as store:
            summary = ingest([str(src)], store, options)
        assert summary.processed == 12
        assert (summary.commit_peak_mb > 0) == in_child
        assert summary.worker_peak_mb > 0
        stores[in_child] = store_rows(db)
    assert stores[True] == stores[False]
    assert len(stores[True]["events"]) >= 4
