"""The command line on real files and a real DuckDB file (loads the spaCy model)."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import click
import duckdb
import pytest
from click.testing import CliRunner

from newsevents.cli import main

pytestmark = pytest.mark.model

REPORTS = [
    ("Rebels captured the town of Hajin in Deir ez-Zor on Friday, killing 4 soldiers.", "a"),
    ("Russian warplanes bombed Idlib on Thursday, killing at least 9 civilians.", "b"),
    ("Dozens of protesters rallied in Beirut on Saturday against corruption.", "c"),
    ("A car bomb exploded in Mogadishu on Friday, killing 5 people.", "d"),
]


def _jsonl(path: Path, n: int = 4) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            text, tag = REPORTS[i % len(REPORTS)]
            out.write(
                json.dumps(
                    {
                        "text": f"{text} Report {i}.",
                        "published": "2019-03-23",
                        "url": f"https://example.org/{tag}{i}",
                        "outlet": f"o{i % 3}",
                    }
                )
            )
            out.write("\n")
    return path


def test_every_command_has_help_with_an_example():
    for name, command in main.commands.items():
        assert isinstance(command, click.Command)
        assert command.help and "Example:" in command.help, name
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, name


def test_ingest_then_query_and_export(tmp_path):
    src = _jsonl(tmp_path / "a.jsonl")
    db = tmp_path / "e.duckdb"
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(src), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "4 processed" in result.output
    again = runner.invoke(main, ["ingest", str(src), "--db", str(db), "--workers", "1"])
    assert "0 processed, 4 already stored" in again.output
    out = runner.invoke(main, ["events", "--db", str(db), "--format", "jsonl"])
    events = [json.loads(line) for line in out.output.splitlines()]
    by_place = {e["location"]: e for e in events}
    assert by_place["Hajin"]["sub_event_type"] == "Non-state actor overtakes territory"
    assert by_place["Idlib"]["sub_event_type"] == "Air/drone strike"
    assert by_place["Idlib"]["fatalities"] == 9
    assert by_place["Mogadishu"]["sub_event_type"] == "Remote explosive/landmine/IED"
    assert by_place["Beirut"]["event_type"] == "Protests"
    assert all(e["sources"][0]["url"].startswith("https://example.org/") for e in events)
    syria = runner.invoke(main, ["events", "--db", str(db), "--country", "SYR", "--format", "csv"])
    assert len(syria.output.strip().splitlines()) == 3  # header + Hajin + Idlib
    for fmt, name in (
        ("acled", "e.csv"),
        ("parquet", "e.parquet"),
        ("geojson", "e.geojson"),
        ("jsonl", "e.jsonl"),
        ("csv", "f.csv"),
    ):
        res = runner.invoke(
            main, ["export", "--db", str(db), "--format", fmt, "-o", str(tmp_path / name)]
        )
        assert res.exit_code == 0, res.output
        assert (tmp_path / name).stat().st_size > 0
    summary = runner.invoke(main, ["summary", "--db", str(db)])
    assert "Ten deadliest events" in summary.output and "Idlib" in summary.output


def test_bad_inputs_are_reported_counted_and_the_rest_is_stored(tmp_path):
    good = _jsonl(tmp_path / "good.jsonl", 2)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "bad.jsonl").write_text('{"text": "ok fine text here for a test"\n')
    db = tmp_path / "e.duckdb"
    result = CliRunner().invoke(
        main,
        [
            "ingest",
            str(good),
            str(tmp_path / "empty.txt"),
            str(tmp_path / "bin.txt"),
            str(tmp_path / "bad.jsonl"),
            str(tmp_path / "missing.txt"),
            "--db",
            str(db),
            "--workers",
            "1",
        ],
    )
    assert result.exit_code == 1
    assert "2 processed" in result.output and "4 failed" in result.output
    for name in ("empty.txt", "bin.txt", "bad.jsonl:1", "missing.txt"):
        assert name in result.output
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_extract_prints_jsonl_with_the_event_record_fields(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(
        "Idlib strike\nRussian warplanes bombed Idlib on Thursday, killing 9 civilians.\n"
    )
    result = CliRunner().invoke(
        main, ["extract", str(src), "--published", "2019-03-23", "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("{")]
    record = json.loads(lines[0])
    assert record["event_date"] == "2019-03-21" and record["location"] == "Idlib"
    assert "dates resolved against 2019-03-23 (from option)" in result.output


def test_a_killed_ingest_resumes_without_loss_or_duplicates(tmp_path):
    src = _jsonl(tmp_path / "many.jsonl", 120)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [
        sys.executable,
        "-m",
        "newsevents.cli",
        "ingest",
        str(src),
        "--workers",
        "1",
        "--batch-size",
        "8",
    ]
    whole = tmp_path / "whole.duckdb"
    subprocess.run([*cmd, "--db", str(whole)], check=True, env=env, capture_output=True)
    killed = tmp_path / "killed.duckdb"
    proc = subprocess.Popen(
        [*cmd, "--db", str(killed)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    time.sleep(6.0)  # model loading takes a few seconds: the kill lands mid-ingest or after
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    subprocess.run([*cmd, "--db", str(killed)], check=True, env=env, capture_output=True)

    def snapshot(path: Path):
        con = duckdb.connect(str(path), read_only=True)
        arts = con.execute("SELECT id FROM articles ORDER BY id").fetchall()
        ments = con.execute("SELECT mention_key FROM mentions ORDER BY 1").fetchall()
        evs = con.execute("SELECT count(*) FROM events").fetchone()
        con.close()
        return arts, ments, evs

    assert snapshot(killed) == snapshot(whole)
    assert len(snapshot(whole)[0]) == 120


def test_events_and_export_keep_only_events_at_a_confidence(tmp_path):
    from test_serve_support import build_store

    db = tmp_path / "c.duckdb"
    build_store(db)
    runner = CliRunner()
    out = runner.invoke(main, ["events", "--db", str(db), "--format", "jsonl"])
    scores = sorted(json.loads(line)["confidence"] for line in out.output.splitlines())
    assert len(set(scores)) > 1, "the small store needs events of differing confidence"
    top = scores[-1]
    sure = runner.invoke(
        main, ["events", "--db", str(db), "--format", "jsonl", "--min-confidence", str(top)]
    )
    kept = [json.loads(line)["confidence"] for line in sure.output.splitlines()]
    assert kept and len(kept) < len(scores) and all(c >= top for c in kept)
    out_file = str(tmp_path / "e.jsonl")
    args = ["export", "--db", str(db), "--format", "jsonl", "-o", out_file]
    res = runner.invoke(main, [*args, "--min-confidence", str(top)])
    assert res.exit_code == 0 and f"wrote {len(kept)} events" in res.output
    bad = runner.invoke(main, ["events", "--db", str(db), "--min-confidence", "2"])
    assert bad.exit_code != 0 and "--min-confidence" in bad.output
