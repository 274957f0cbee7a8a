"""The terminal progress line and the record count it is measured against."""

import gc
import json
from pathlib import Path

import pytest

from newsevents.cli import progress_line
from newsevents.ingest import count_records, read_inputs
from newsevents.lexicon import get_lexicon
from newsevents.pipeline import (
    Merging,
    Options,
    RunSummary,
    batches_per_commit,
    ingest,
    store_results,
)
from newsevents.store import Store


def test_progress_line_shows_done_of_total_rate_events_failures_and_eta() -> None:
    s = RunSummary(processed=90, already_stored=10, failed=2, seconds=10.0, total=1002)
    line = progress_line(s, events=345)
    # 102 done in 10 s: 900 left at 10.2/s is 88 s.
    assert line.startswith("102/1,002 articles (10%), 9.0 articles/s, 345 events, 2 failed")
    assert "ETA 1m28s" in line


def test_progress_line_without_a_total() -> None:
    line = progress_line(RunSummary(processed=5, seconds=1.0), events=0)
    assert "5 articles (total unknown)" in line and "ETA unknown" in line


def test_record_counts_match_what_reading_yields(tmp_path: Path) -> None:
    body = "Rebels shelled the town of Hajin on Friday, killing four soldiers."
    (tmp_path / "a.jsonl").write_text(
        "\n".join(json.dumps({"text": f"{body} {i}"}) for i in range(5)) + "\n\n"
    )
    (tmp_path / "b.csv").write_text(
        'text,title\n"' + body + '\nsecond line",T\n"' + body + ' again",U\n'
    )
    (tmp_path / "c.txt").write_text("Headline\n" + body)
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    expected = len(list(read_inputs([tmp_path])))
    assert count_records([tmp_path]) == expected == 5 + 2 + 1 + 1
    assert count_records([tmp_path / "missing.jsonl"]) == 1
    assert count_records(["-"]) is None


@pytest.mark.model
def test_ingest_commits_every_few_batches_and_reports_after_each_commit(tmp_path: Path) -> None:
    src = tmp_path / "r.jsonl"
    body = "Rebels shelled the town of Hajin on Friday, killing four soldiers."
    src.write_text("\n".join(json.dumps({"text": f"{body} ({i})"}) for i in range(10)) + "\n")
    seen: list[int] = []
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest(
            [str(src)],
            store,
            Options(batch_size=2, commit_batches=2, published="2019-03-23"),
            on_progress=lambda s: seen.append(s.processed),
        )
        assert store.counts()["articles"] == 10
    # Five batches of two: committed two batches at a time, the last one alone.
    assert seen == [4, 8, 10] and summary.processed == 10


def test_commits_grow_with_the_store_up_to_the_cap() -> None:
    options = Options(batch_size=32, commit_batches=32, commit_share=0.25, max_commit_batches=128)
    assert batches_per_commit(options, 0) == 32
    assert batches_per_commit(options, 8_000) == 63  # a quarter of 8,000 in batches of 32
    assert batches_per_commit(options, 100_000) == 128
    # A floor larger than the cap wins: --commit-batches is never overridden downwards.
    assert batches_per_commit(Options(commit_batches=200), 100_000) == 200


@pytest.mark.model
def test_ingest_commits_grow_as_the_store_fills(tmp_path: Path) -> None:
    src = tmp_path / "r.jsonl"
    body = "Rebels shelled the town of Hajin on Friday, killing four soldiers."
    src.write_text("\n".join(json.dumps({"text": f"{body} ({i})"}) for i in range(10)) + "\n")
    seen: list[int] = []
    options = Options(
        batch_size=2,
        commit_batches=1,
        commit_share=1.0,
        max_commit_batches=4,
        published="2019-03-23",
    )
    with Store(tmp_path / "s.duckdb") as store:
        ingest([str(src)], store, options, on_progress=lambda s: seen.append(s.processed))
    # One batch while the store holds 0 and 2 articles, then as many articles as it holds.
    assert seen == [2, 4, 8, 10]


@pytest.mark.model
@pytest.mark.slow
def test_worker_processes_commit_whole_commits_not_just_the_batches_already_done(
    tmp_path: Path,
) -> None:
    src = tmp_path / "r.jsonl"
    body = "Rebels shelled the town of Hajin on Friday, killing four soldiers."
    src.write_text("\n".join(json.dumps({"text": f"{body} ({i})"}) for i in range(10)) + "\n")
    seen: list[int] = []
    options = Options(batch_size=2, commit_batches=2, workers=1, published="2019-03-23")
    with Store(tmp_path / "s.duckdb") as store:
        ingest([str(src)], store, options, on_progress=lambda s: seen.append(s.processed))
        assert store.counts()["articles"] == 10
    # However fast the writer is, each commit waits for two batches of two.
    assert seen == [4, 8, 10]


def test_a_commit_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    with Store(tmp_path / "s.duckdb") as store:
        merging = Merging(lexicon=get_lexicon(), version="t")
        original = store.write_batch

        def spy(*args: object, **kwargs: object) -> None:
            seen.append(gc.get_threshold())
            original(*args, **kwargs)  # type: ignore[arg-type]

        store.write_batch = spy  # type: ignore[method-assign]
        store_results([], store, merging)
    assert seen and seen[0][0] > before[0]  # rarer collections while writing
    assert gc.get_threshold() == before
