"""The Dask engine on a real local cluster of 2 worker processes (slow: workers load the
model) gives the store the local runner gives, and resumes from its Parquet files."""

import json
from pathlib import Path

import duckdb
import pytest
from snapshots import store_rows

from newsevents.dask_engine import DaskOptions, ingest_dask, read_partition
from newsevents.ingest import read_inputs
from newsevents.pipeline import Options, ingest
from newsevents.records import Article
from newsevents.store import Store

pytestmark = [pytest.mark.model, pytest.mark.slow]

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _input(path: Path, n: int) -> Path:
    """The first n articles of the bundled FA-KES file."""
    base = list(read_inputs([str(CORPUS / "fakes.csv")]))
    articles = [a for a in base if isinstance(a, Article)][:n]
    assert len(articles) == n
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            record = {"text": a.text, "title": a.title, "published": a.published}
            out.write(json.dumps({**record, "url": a.url, "outlet": a.outlet}) + "\n")
    return path


def _snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    return store_rows(db, mentions="mention_key, event_id, data")


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("dask")
    src = _input(tmp / "in.jsonl", 40)
    options = Options(batch_size=8)
    with Store(tmp / "local.duckdb") as store:
        local = ingest([str(src)], store, options)
    dask = DaskOptions(workers=2, partition_size=16, parts_dir=tmp / "parts")
    with Store(tmp / "dask.duckdb") as store:
        summary = ingest_dask([str(src)], store, options, dask)
    with Store(tmp / "dask.duckdb") as store:
        again = ingest_dask([str(src)], store, options, dask)
    # A new database over the same Parquet folder: every partition is read back, none is
    # recomputed, and the merge gives the same store.
    with Store(tmp / "reused.duckdb") as store:
        reused = ingest_dask([str(src)], store, options, dask)
    return {"tmp": tmp, "local": local, "dask": summary, "again": again, "reused": reused}


def test_dask_run_stores_what_the_local_run_stores(runs):
    tmp = runs["tmp"]
    local, dask = _snapshot(tmp / "local.duckdb"), _snapshot(tmp / "dask.duckdb")
    assert len(local["articles"]) == 40
    assert len(local["events"]) > 10
    assert dask == local
    assert runs["dask"].processed == 40 and runs["dask"].failed == 0
    # The stages ran on the workers, and their CPU time came back to the summary.
    assert runs["dask"].clock.seconds["analyse"] > 0
    # Each commit was merged and written in a forked child, as the local runner's are.
    assert runs["dask"].commit_peak_mb > 0


def test_a_second_run_adds_nothing_and_parquet_files_are_reused(runs):
    tmp = runs["tmp"]
    assert runs["again"].processed == 0 and runs["again"].already_stored == 40
    assert runs["reused"].processed == 40
    assert "analyse" not in runs["reused"].clock.seconds
    assert _snapshot(tmp / "reused.duckdb") == _snapshot(tmp / "local.duckdb")


def test_parquet_partitions_are_queryable_by_duckdb_and_read_back_whole(runs):
    parts = runs["tmp"] / "parts"
    con = duckdb.connect()
    n_articles = con.execute(f"SELECT count(*) FROM '{parts}/articles/*.parquet'").fetchone()
    n_mentions = con.execute(f"SELECT count(*) FROM '{parts}/mentions/*.parquet'").fetchone()
    top = con.execute(
        f"SELECT event_type, count(*) FROM '{parts}/mentions/*.parquet' GROUP BY 1 ORDER BY 2 DESC"
    ).fetchall()
    con.close()
    stored = _snapshot(runs["tmp"] / "local.duckdb")["mentions"]
    assert n_articles == (40,)
    assert n_mentions == (len(stored),) and len(stored) > 0
    assert top[0][1] > 0
    names = sorted(p.name for p in (parts / "articles").glob("part-*.parquet"))
    assert len(names) == 3  # 16 + 16 + 8 articles
    results = read_partition(parts, names[0])
    assert len(results) == 16
    assert all(m.source.article_id == r.article.id for r in results for m in r.mentions)
