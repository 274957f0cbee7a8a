"""`reprocess` and `stories` on a real DuckDB file (loads the spaCy model)."""

import json

import duckdb
import pytest
from click.testing import CliRunner

from newsevents.cli import main

pytestmark = pytest.mark.model

HIJACK = [
    (
        "Militants attacked a passenger train on Tuesday near Sibi in Balochistan, killing 21 "
        "passengers, officials said.",
        "2025-03-12",
        "a",
    ),
    (
        "Militants attacked a train near Sibi in Balochistan on Tuesday, killing 26 people, "
        "the military said. Security forces freed 300 hostages on Wednesday near Sibi.",
        "2025-03-13",
        "b",
    ),
]


def _ingest(tmp_path):
    src = tmp_path / "a.jsonl"
    with src.open("w", encoding="utf-8") as out:
        for text, published, tag in HIJACK:
            record = {"text": text, "published": published, "url": f"https://x.org/{tag}"}
            out.write(json.dumps({**record, "outlet": tag}) + "\n")
    db = tmp_path / "e.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return db


def _events(db):
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT event_id, n_sources, conflicts FROM events ORDER BY 1").fetchall()
    con.close()
    return rows


def test_reprocess_reruns_outdated_articles_and_keeps_event_ids(tmp_path):
    db = _ingest(tmp_path)
    before = _events(db)
    # The attack, told by both outlets with differing tolls; the rescue of its own.
    assert sorted((n, c) for _, n, c in before) == [
        (1, "[]"),
        (2, '["fatalities: 21 (a) vs 26 (b)"]'),
    ]
    con = duckdb.connect(str(db))
    con.execute("UPDATE articles SET pipeline_version = 'old'")
    con.close()
    runner = CliRunner()
    result = runner.invoke(main, ["reprocess", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 articles from an older pipeline: 2 processed" in result.output
    assert _events(db) == before
    again = runner.invoke(main, ["reprocess", "--db", str(db)])
    assert "0 articles from an older pipeline" in again.output


def test_stories_lists_related_events_with_a_timeline_and_stores_them(tmp_path):
    db = _ingest(tmp_path)
    result = CliRunner().invoke(main, ["stories", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 stories stored" in result.output
    assert "2025-03-11" in result.output and "Sibi" in result.output
    con = duckdb.connect(str(db), read_only=True)
    n_events = con.execute("SELECT n_events FROM stories").fetchall()
    con.close()
    assert n_events and n_events[0][0] >= 2
