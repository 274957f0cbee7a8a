import json

import pytest
from factories import mention, write_merged

from newsevents.errors import StoreError
from newsevents.lexicon import get_lexicon
from newsevents.merge import build_event, merge
from newsevents.records import Article
from newsevents.store import EventFilter, Store
from newsevents.syndication import sketch

LEX = get_lexicon()


def _write(store: Store, mentions, articles):
    merged = merge(mentions, store, LEX)
    events = [build_event(r.event_id, r.mentions, LEX, "t") for r in merged]
    write_merged(store, [(a, 1) for a in articles], merged, events, LEX.families, "t")
    return merged


def test_events_round_trip_through_the_duckdb_file(tmp_path):
    db = tmp_path / "e.duckdb"
    with Store(db) as store:
        _write(store, [mention(article="a1", killed=3)], [Article(id="a1", text="x")])
    with Store(db, read_only=True) as store:
        events = store.events()
        assert store.counts() == {"articles": 1, "mentions": 1, "events": 1}
    assert len(events) == 1
    e = events[0]
    assert e.fatalities == 3
    assert e.location == "al-Baghuz Fawqani"
    assert e.sources[0].article_id == "a1"
    assert e.arguments["place"] == ("al-Baghuz Fawqani",)


def test_a_later_batch_merges_into_the_stored_event_and_keeps_its_id(tmp_path):
    with Store(tmp_path / "e.duckdb") as store:
        first = _write(store, [mention(article="a1", outlet="A")], [Article(id="a1", text="x")])
        second = _write(store, [mention(article="a2", outlet="B")], [Article(id="a2", text="y")])
        assert second[0].event_id == first[0].event_id
        events = store.events()
    assert len(events) == 1
    assert events[0].n_sources == 2


def test_filters_select_by_country_type_and_dates(tmp_path):
    with Store(tmp_path / "e.duckdb") as store:
        _write(
            store,
            [
                mention(article="a1"),
                mention(article="a2", date="2018-01-05", etype="Protests", sub="Peaceful protest"),
            ],
            [Article(id="a1", text="x"), Article(id="a2", text="y")],
        )
        assert len(store.events(EventFilter(country="syr"))) == 2
        assert len(store.events(EventFilter(event_type="Protests"))) == 1
        import datetime as dt

        assert len(store.events(EventFilter(since=dt.date(2019, 1, 1)))) == 1
        assert store.known_articles(["a1", "zz"]) == {"a1"}


def test_reading_a_missing_database_names_the_file_and_the_fix(tmp_path):
    with pytest.raises(StoreError, match="newsevents ingest"):
        Store(tmp_path / "nope.duckdb", read_only=True)


def test_absorbed_event_redirects_to_the_survivor(tmp_path):
    with Store(tmp_path / "e.duckdb") as store:
        _write(store, [mention(article="a1")], [Article(id="a1", text="x")])
        survivor = store.events()[0].event_id
        store.con.execute("INSERT INTO redirects VALUES ('ev_gone', ?)", [survivor])
        assert store.event("ev_gone").event_id == survivor
        row = store.con.execute("SELECT sources FROM events").fetchone()
        assert json.loads(row[0])[0]["article_id"] == "a1"


def test_article_sketches_read_back_as_computed_from_memory_and_from_the_file(tmp_path):
    db = tmp_path / "s.duckdb"
    text = "Rebels shelled the town of Hajin on Friday, killing four soldiers and a child."
    with Store(db) as store:
        _write(store, [mention(article="a1")], [Article(id="a1", text=text)])
        held = store.sketches(["a1", "missing"])
    with Store(db) as store:  # a new writer reads them from the file
        read = store.sketches(["a1"])
    assert held == read == {"a1": sketch(text)}
    assert max(sketch(text)) > 2**31  # unsigned 32-bit hashes survive packing
