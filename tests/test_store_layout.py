"""Where an event's sources live: in its mentions' rows, listed by the `events` view, so a
batch never rewrites an event with all its sources (issue 9: the writer's memory); and
how a store written before that moves to this layout."""

import datetime as dt
import json

from factories import mention, write_merged

from newsevents.codec import record_from_row
from newsevents.lexicon import get_lexicon
from newsevents.merge import build_event, merge
from newsevents.records import Article
from newsevents.serve import query
from newsevents.serve.synthetic import build_synthetic_store
from newsevents.store import Store
from newsevents.store_schema import ROW_FIELDS, sources_by_event

LEX = get_lexicon()
START = dt.date(2010, 1, 1)


def _write(store: Store, mentions, ids):
    merged = merge(mentions, store, LEX)
    events = [build_event(r.event_id, r.mentions, LEX, "t") for r in merged]
    articles = [(Article(id=a, text=f"text of {a}"), 1) for a in ids]
    write_merged(store, articles, merged, events, LEX.families, "t")
    return events


def _reports(store: Store) -> list:
    """Three batches of reports of one event, out of publication order, one article naming
    the same sentence twice (two event types merged into one event)."""
    built = _write(
        store,
        [mention(article="b", start=40, published="2019-03-24", outlet="B")],
        ["b"],
    )
    built = _write(
        store,
        [
            mention(article="a", start=90, published="2019-03-23", outlet="A"),
            mention(article="a", start=10, published="2019-03-23", outlet="A"),
        ],
        ["a"],
    )
    built = _write(
        store,
        [
            mention(article="c", start=5, published=None, outlet="C"),
            mention(article="c", start=5, published=None, outlet="C", sub="Attack"),
        ],
        ["c"],
    )
    return built


def test_the_event_row_has_no_sources_and_the_view_lists_them_in_merge_order(tmp_path):
    with Store(tmp_path / "e.duckdb") as store:
        built = _reports(store)
        assert len(built) == 1
        columns = [r[0] for r in store.con.execute("DESCRIBE event_rows").fetchall()]
        assert "sources" not in columns and tuple(columns) == ROW_FIELDS
        (listed,) = store.con.execute("SELECT sources FROM events").fetchone()
        stored = store.events()
    want = [
        ("c", 5),  # no publication date sorts first, its one sentence counted once
        ("a", 10),
        ("a", 90),
        ("b", 40),
    ]
    assert [(s["article_id"], s["char_start"]) for s in json.loads(listed)] == want
    assert [(s.article_id, s.char_start) for s in built[0].sources] == want
    assert stored[0].sources == built[0].sources
    assert stored == built


def test_reading_many_events_takes_sources_in_one_pass_with_the_same_result(tmp_path):
    ids = [f"a{i}" for i in range(1200)]
    with Store(tmp_path / "e.duckdb") as store:
        # Distinct days: 1,200 events, more than the id list the store sends DuckDB.
        built = _write(
            store,
            [
                mention(article=a, date=(START + dt.timedelta(days=3 * i)).isoformat())
                for i, a in enumerate(ids)
            ],
            ids,
        )
        stored = store.events()
        one = store.event(built[7].event_id)
    assert len(stored) == len(built) == 1200
    assert {e.event_id: e for e in stored} == {e.event_id: e for e in built}
    assert one == next(e for e in built if e.event_id == built[7].event_id)


def test_sources_by_event_keeps_each_source_once_where_its_first_mention_stands():
    rows = [
        ("e1", "2019-01-02", "b", 4, "b:4:Battles", '{"s": "b4"}'),
        # one sentence, two event types: one source, placed by its first mention key
        ("e1", "2019-01-02", "a", 9, "a:9:Violence against civilians", '{"s": "a9"}'),
        ("e1", "2019-01-02", "a", 9, "a:9:Battles", '{"s": "a9"}'),
        # a longer passage from the same start is another source, ordered by its key
        ("e1", "2019-01-02", "a", 9, "a:9:Protests", '{"s": "a9-long"}'),
        ("e1", "", "z", 1, "z:1:Battles", '{"s": "z1"}'),
        ("e2", "", "q", 0, "q:0:Battles", None),  # a row with no source lists nothing
    ]
    assert sources_by_event(rows) == {
        "e1": [{"s": "z1"}, {"s": "a9"}, {"s": "a9-long"}, {"s": "b4"}]
    }


def _make_old_layout(path):
    """Turn a store into the layout written before sources left the event row."""
    import duckdb

    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE old_events AS SELECT * FROM events")
    con.execute("DROP VIEW events")
    con.execute("DROP TABLE event_rows")
    con.execute("ALTER TABLE old_events RENAME TO events")
    # Then, a mention's record held its source too.
    rows = con.execute("SELECT mention_key, data, source FROM mentions").fetchall()
    for key, data, source in rows:
        whole = json.dumps(record_from_row(data, source))
        con.execute("UPDATE mentions SET data = ? WHERE mention_key = ?", [whole, key])
    for column in ("char_start", "published", "source", "link"):
        con.execute(f"ALTER TABLE mentions DROP COLUMN {column}")
    con.close()


def test_a_store_written_before_moves_to_the_new_layout_and_keeps_its_events(tmp_path):
    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        _reports(store)
        before = store.events()
    _make_old_layout(db)
    with Store(db, read_only=True) as store:  # read as it is, without moving it
        assert store.events() == before
        assert query.meta(store.con)["counts"]["events"] == len(before)  # as `serve` reads
    with Store(db) as store:  # a writer moves it, then goes on writing
        assert store.events() == before
        more = _write(store, [mention(article="d", start=3, published="2019-03-25")], ["d"])
        assert len(store.events()) == 1
        assert [s.article_id for s in store.events()[0].sources] == ["c", "a", "a", "b", "d"]
        assert store.events() == more
        assert store.con.execute(
            "SELECT table_type FROM information_schema.tables WHERE table_name = 'events'"
        ).fetchone() == ("VIEW",)


def test_a_synthetic_store_lists_its_sources_and_their_evidence(tmp_path):
    db = tmp_path / "syn.duckdb"
    n_articles = build_synthetic_store(db, 40)
    with Store(db, read_only=True) as store:
        events = store.events()
        assert len(events) == 40
        assert sum(len(e.sources) for e in events) == n_articles
        event = query.get_event(store.con, events[0].event_id)
        assert event is not None
        shown = query.evidence(store.con, event)
    assert [s.article_id for s in events[0].sources] == [e["article_id"] for e in event["sources"]]
    assert len(shown) == len(events[0].sources)
    assert events[0].sources[0].sentence in shown[0]["text"]
