"""Incremental merging through the DuckDB store: order, re-ingest, redirects, reprocess."""

import random

from factories import HAJIN, mention, write_merged

from newsevents.lexicon import get_lexicon
from newsevents.merge import MergeResult, build_event, mention_key, merge
from newsevents.records import Article
from newsevents.store import Store
from newsevents.stories import build_stories
from newsevents.syndication import sketch

LEX = get_lexicon()
ALEPPO = HAJIN.__class__("Aleppo", 36.2, 37.16, "Syria", "SYR", "Aleppo", "city", 1)
WEST = HAJIN.__class__("Hajin west", 34.69, 40.70, "Syria", "SYR", "Deir ez-Zor", "village", 1)


def _write(store, mentions, article_ids, replace=()):
    merged = merge(mentions, store, LEX, articles=[*article_ids, *replace])
    ids = {m.source.article_id for r in merged for m in r.mentions}
    sketches = {**store.sketches(sorted(ids)), **{a: sketch(a) for a in article_ids}}
    events = [build_event(r.event_id, r.mentions, LEX, "t", sketches) for r in merged if r.mentions]
    articles = [(Article(id=a, text=a), 1) for a in [*article_ids, *replace]]
    write_merged(store, articles, merged, events, LEX.families, "t")
    return merged


def _reports():
    return {
        "a1": [mention(article="a1", outlet="A", killed=12)],
        "a2": [mention(article="a2", outlet="B", killed=15, actor2=None)],
        "a3": [mention(article="a3", outlet="C", place=HAJIN, actor2=None)],
        "b1": [mention(article="b1", outlet="D", place=ALEPPO)],
        "b2": [mention(article="b2", outlet="E", place=ALEPPO, date="2019-03-24")],
    }


def _snapshot(store):
    rows = store.con.execute("SELECT mention_key, event_id FROM mentions").fetchall()
    groups: dict[str, list[str]] = {}
    for key, eid in rows:
        groups.setdefault(eid, []).append(key)
    events = {e.event_id: e for e in store.events()}
    assert set(events) == set(groups)  # every event row has mentions and vice versa
    out = []
    for eid, keys in groups.items():
        e = events[eid]
        out.append((tuple(sorted(keys)), e.fatalities, e.conflicts, e.n_sources, e.location))
    return sorted(out)


def test_ingest_order_and_batches_do_not_change_the_stored_events(tmp_path):
    reports = _reports()
    with Store(tmp_path / "whole.duckdb") as store:
        _write(store, [m for ms in reports.values() for m in ms], list(reports))
        reference = _snapshot(store)
    # a1+a2 (one battle, two tolls); a3 at Hajin, 28 km away; Aleppo on two days.
    assert len(reference) == 4
    assert reference[0][:3] == (
        ("a1:0:Battles", "a2:0:Battles"),
        12,
        ("fatalities: 12 (A) vs 15 (B)",),
    )
    for seed in range(3):
        order = list(reports)
        random.Random(seed).shuffle(order)
        with Store(tmp_path / f"s{seed}.duckdb") as store:
            for start in range(0, len(order), 2):
                batch = order[start : start + 2]
                _write(store, [m for a in batch for m in reports[a]], batch)
            assert _snapshot(store) == reference
            # Ingesting a stored article again changes nothing.
            _write(store, reports["a1"], ["a1"])
            assert _snapshot(store) == reference


def test_stored_events_that_turn_out_to_be_one_merge_and_the_other_id_redirects(tmp_path):
    # Two events stored apart (as an older pipeline, or a chain through another event,
    # left them) that a new report shows to be one: one id survives, the other redirects.
    east = HAJIN.__class__("Hajin east", 34.69, 40.95, "Syria", "SYR", "Deir ez-Zor", "city", 1)
    a1 = mention(article="a1", place=WEST, actor2=None)
    a2 = mention(article="a2", place=east, actor1=None)
    with Store(tmp_path / "e.duckdb") as store:
        old = [MergeResult("ev_a", (a1,)), MergeResult("ev_b", (a2,))]
        events = [build_event(r.event_id, r.mentions, LEX, "t") for r in old]
        articles = [(Article(id="a1", text="x"), 1), (Article(id="a2", text="y"), 1)]
        write_merged(store, articles, old, events, LEX.families, "t")
        _write(store, [mention(article="a3", place=HAJIN, actor1=None, actor2=None)], ["a3"])
        events = store.events()
        assert [e.event_id for e in events] == ["ev_a"]
        assert store.event("ev_b").event_id == "ev_a"
        assert {s.article_id for s in events[0].sources} == {"a1", "a2", "a3"}
        owners = store.con.execute("SELECT DISTINCT event_id FROM mentions").fetchall()
        assert owners == [("ev_a",)]


def test_reprocessing_an_article_keeps_ids_and_drops_events_no_longer_found(tmp_path):
    reports = _reports()
    with Store(tmp_path / "e.duckdb") as store:
        _write(store, [m for ms in reports.values() for m in ms], list(reports))
        before = {e.event_id: {s.article_id for s in e.sources} for e in store.events()}
        battle = next(eid for eid, arts in before.items() if "a1" in arts)
        lone = next(eid for eid, arts in before.items() if arts == {"b2"})
        # a1 re-extracted with a corrected toll; b2 now yields no mention at all.
        _write(store, [mention(article="a1", outlet="A", killed=13)], ["a1"], replace=["b2"])
        after = {e.event_id: e for e in store.events()}
        assert battle in after and after[battle].conflicts[0] == "fatalities: 13 (A) vs 15 (B)"
        assert lone not in after
        keys = [r[0] for r in store.con.execute("SELECT mention_key FROM mentions").fetchall()]
        assert len(keys) == 4 and mention_key(reports["a1"][0]) in keys


def test_stories_round_trip_through_the_store(tmp_path):
    reports = _reports()
    with Store(tmp_path / "e.duckdb") as store:
        _write(store, [m for ms in reports.values() for m in ms], list(reports))
        stories = build_stories(store.events())
        store.write_stories(stories, "t")
        stored = store.stories()
        n = store.con.execute("SELECT count(*) FROM story_events").fetchone()[0]
    assert [s.event_ids for s, _ in stored] == [s.event_ids for s in stories]
    # The battle and the Hajin report (28 km apart); the Aleppo reports of two days.
    assert n == sum(len(s.event_ids) for s in stories) == 4 and len(stories) == 2


def test_events_built_a_few_stored_mentions_at_a_time_equal_those_built_at_once(
    tmp_path, monkeypatch
):
    from newsevents import pipeline
    from newsevents.pipeline import ArticleResult, Merging, store_results

    def results(names):
        return [
            ArticleResult(Article(id=a, text=a), tuple(_reports()[a]), None, "none") for a in names
        ]

    merging = Merging(lexicon=LEX, version="t")
    stored = []
    for chunk in (1, 10_000):
        # One stored mention a chunk: every event is built from its own read of the store.
        monkeypatch.setattr(pipeline, "_BUILD_CHUNK", chunk)
        with Store(tmp_path / f"s{chunk}.duckdb") as store:
            store_results(results(["a1", "b1"]), store, merging)
            store_results(results(["a3", "b2"]), store, merging)
            written = store_results(results(["a2"]), store, merging)
            stored.append((store.events(), _snapshot(store), written))
    assert stored[0] == stored[1]
    with Store(tmp_path / "whole.duckdb") as store:
        _write(store, [m for ms in _reports().values() for m in ms], list(_reports()))
        reference = _snapshot(store)
    _, snapshot, written = stored[0]
    assert snapshot == reference and len(reference) == 4
    # The last commit rebuilt one event: a2's report joined a1's.
    assert written.events == 1 and written.removed == 0


def test_a_place_time_index_that_lets_go_of_every_month_stores_the_same_events(tmp_path):
    reports = _reports()
    with Store(tmp_path / "whole.duckdb") as store:
        _write(store, [m for ms in reports.values() for m in ms], list(reports))
        reference = _snapshot(store)
    for seed in range(3):
        order = list(reports)
        random.Random(seed).shuffle(order)
        with Store(tmp_path / f"forget{seed}.duckdb") as store:
            store._index.budget = 0  # every month is read again from the file when asked
            for start in range(0, len(order), 2):
                batch = order[start : start + 2]
                _write(store, [m for a in batch for m in reports[a]], batch)
                assert store._index.size() == 0
            assert _snapshot(store) == reference
