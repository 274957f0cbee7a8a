"""How the writing Store lays out its file: the bulky JSON columns are zstd-compressed and
the writer's connection hands freed memory back early (issue 9: the writer's memory)."""

import json

from newsevents.store import Store


def _compression(store: Store, table: str, column: str) -> set[str]:
    rows = store.con.execute(
        "SELECT DISTINCT compression FROM pragma_storage_info(?) "
        "WHERE column_name = ? AND segment_type <> 'VALIDITY'",
        [table, column],
    ).fetchall()
    return {r[0] for r in rows}


def test_mention_records_are_stored_with_zstd(tmp_path):
    record = json.dumps({"sentence": "Shelling killed 5 in Idlib. " * 20})
    with Store(tmp_path / "s.duckdb") as store:
        store.con.execute(
            "INSERT INTO mentions (mention_key, event_id, data) "
            "SELECT 'k' || i, 'e' || (i % 7), ? FROM range(3000) t(i)",
            [record],
        )
        store.con.execute("CHECKPOINT")
        assert _compression(store, "mentions", "data") == {"ZSTD"}
        # The default for other strings is left alone.
        assert "ZSTD" not in _compression(store, "mentions", "event_id")
        assert store.con.execute("SELECT count(*) FROM mentions").fetchone() == (3000,)


def test_the_writer_connection_flushes_freed_memory_early(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        flush = store.con.execute("SELECT current_setting('allocator_flush_threshold')")
        assert flush.fetchone()[0] == "8MB"  # DuckDB's default is 134217728B (128 MiB)


def test_decoded_copies_of_a_report_share_their_equal_parts():
    from dataclasses import replace

    from factories import mention

    from newsevents.codec import mention_from_dict, to_dict

    first = mention(article="a1", killed=4)
    copy = replace(
        mention(article="a2", killed=4),
        source=replace(mention(article="a2").source, url="https://b.example/2"),
    )
    decoded = [mention_from_dict(json.loads(json.dumps(to_dict(m)))) for m in (first, copy)]
    # Exactly what was stored comes back ...
    assert [to_dict(d) for d in decoded] == [to_dict(first), to_dict(copy)]
    # ... with the parts the copies have in common held once.
    a, b = (d.mention for d in decoded)
    assert a.arguments is b.arguments and a.places is b.places and a.times is b.times
    assert a.trigger is b.trigger and decoded[0].place is decoded[1].place
    assert decoded[0].source.url != decoded[1].source.url
