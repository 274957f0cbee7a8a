"""`newsevents ingest` and `newsevents serve` on one DuckDB file at the same time: the
writer lets go of the file between batches, readers retry while a batch is written."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import httpx
import pytest
from test_serve_support import build_store

from newsevents.errors import StoreError
from newsevents.serve.loadtest import free_port, start_server, stop_server
from newsevents.store import Store, open_database

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def test_a_writing_store_leaves_the_file_free_between_batches(tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    build_store(db)
    with Store(db) as store:
        assert store.known_articles(["art-evil", "nope"]) == {"art-evil"}
        # Between batches another process can read the file.
        out = subprocess.run(
            [sys.executable, "-c", f"import duckdb; print(duckdb.connect({str(db)!r}, "
             "read_only=True).execute('select count(*) from events').fetchone()[0])"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        assert out.stdout.strip() == "4"
        assert store.counts()["events"] == 4  # and the store opens it again when needed


def test_a_second_writer_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    with Store(db), pytest.raises(StoreError, match="another process is writing"):
        Store(db)
    Store(db).close()  # the claim ends with the first store


def test_opening_waits_for_a_holder_to_let_go(tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    duckdb.connect(str(db)).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r}); "
         "print('held', flush=True); time.sleep(1.0); c.close()"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    t0 = time.monotonic()
    with pytest.raises(StoreError, match="another process kept it"):
        open_database(db, read_only=True, wait=0.2)
    con = open_database(db, read_only=True, wait=10)
    con.close()
    assert time.monotonic() - t0 > 0.5  # it had to wait for the holder
    holder.wait(timeout=10)


@pytest.mark.model
@pytest.mark.slow
def test_ingest_runs_while_serve_answers_and_new_events_appear(tmp_path: Path) -> None:
    db = tmp_path / "live.duckdb"
    port = free_port()
    proc = start_server(db, port)
    base = f"http://127.0.0.1:{port}"
    statuses: list[int] = []
    totals: list[int] = []
    done = threading.Event()

    def poll() -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            while not done.is_set():
                r = client.get("/api/events", params={"status": "all", "limit": 1})
                statuses.append(r.status_code)
                if r.status_code == 200:
                    totals.append(r.json()["total"])
                time.sleep(0.05)

    try:
        assert httpx.get(base + "/api/events").status_code == 503  # no database yet
        poller = threading.Thread(target=poll)
        poller.start()
        ingest = subprocess.run(
            [sys.executable, "-m", "newsevents.cli", "ingest", str(CORPUS / "voa.jsonl"),
             "--db", str(db), "--workers", "1", "--batch-size", "2"],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        time.sleep(0.5)
        done.set()
        poller.join(timeout=60)
        assert ingest.returncode == 0, ingest.stderr
        final = httpx.get(base + "/api/events", params={"status": "all"}).json()["total"]
    finally:
        done.set()
        stop_server(proc)
    with Store(db, read_only=True) as store:
        stored = store.counts()["events"]
    assert final == stored > 0
    # Every answer was a success or "no database yet" (before the first batch): no 500s,
    # no lock errors; and the page saw the events arrive batch by batch.
    assert set(statuses) <= {200, 503} and 200 in statuses
    assert totals == sorted(totals) and totals[-1] == stored
    assert len(set(totals)) >= 2
