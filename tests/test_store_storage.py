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


def test_the_writer_writes_small_row_groups_that_readers_read(tmp_path):
    from newsevents import store as store_module

    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.con.execute(
            "INSERT INTO redirects SELECT 'old' || i, 'new' || i FROM range(10000) t(i)"
        )
        store.con.execute("CHECKPOINT")
        groups = store.con.execute(
            "SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('redirects')"
        ).fetchone()[0]
    # DuckDB's default would hold all 10,000 rows in one row group.
    size = store_module._ROW_GROUP_SIZE
    assert size < 10_000 and groups == -(-10_000 // size)
    with Store(path, read_only=True) as reader:
        assert reader.con.execute("SELECT count(*) FROM redirects").fetchone() == (10000,)
        assert reader.resolve_id("old9999") == "new9999"


def test_stored_mentions_read_back_whole_by_key_and_as_links_for_merging(tmp_path, monkeypatch):
    import datetime as dt

    from factories import mention, write_merged

    from newsevents import store as store_module
    from newsevents.codec import to_dict
    from newsevents.lexicon import get_lexicon
    from newsevents.linkage import link
    from newsevents.merge import build_event, mention_key, merge
    from newsevents.records import Article

    # Rows go to DuckDB two at a time: five mentions take three inserts.
    monkeypatch.setattr(store_module, "_INSERT_CHUNK", 2)
    lex = get_lexicon()
    day = dt.date(2019, 3, 23)
    reports = [
        mention(article=f"a{i}", published=(day + dt.timedelta(days=i % 2)).isoformat())
        for i in range(5)
    ]
    with Store(tmp_path / "s.duckdb") as store:
        merged = merge(reports, store, lex)
        events = [build_event(r.event_id, r.mentions, lex, "t") for r in merged]
        articles = [(Article(id=f"a{i}", text=f"text {i}"), 1) for i in range(5)]
        write_merged(store, articles, merged, events, lex.families, "t")
        (event_id,) = [r.event_id for r in merged]
        keys = [mention_key(m) for m in merged[0].mentions]
        whole = store.mentions_by_key(keys)
        links = store.links_of([event_id])[event_id]
        stored = store.con.execute("SELECT count(*) FROM mentions").fetchone()[0]
        on_file = store.events()
        # A store written before the link column: merging decodes the whole records.
        store.con.execute("UPDATE mentions SET link = NULL")
        decoded_links = store.links_of([event_id])[event_id]
    assert stored == 5 and on_file == events
    assert [to_dict(whole[k]) for k in keys] == [to_dict(m) for m in merged[0].mentions]
    expected = sorted((link(m) for m in reports), key=lambda x: x.key)
    assert list(links) == expected and list(decoded_links) == expected
    # Copies of one report share their traits (what merging compares) ...
    assert len({id(x.traits) for x in links}) == 1
    # ... and the decoded copies their place.
    assert len({id(m.place) for m in whole.values()}) == 1
