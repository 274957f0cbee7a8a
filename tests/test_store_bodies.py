"""A stored mention is its body and its source (issue 9: the writer's memory): copies of
one report share one body, decoded once when merge rebuilds their event; stores written
when a mention's record held its source are read as before."""

import json
from dataclasses import replace

from factories import mention, write_merged

from newsevents.codec import record_from_row, to_dict
from newsevents.lexicon import get_lexicon
from newsevents.merge import build_event, mention_key, merge
from newsevents.records import Article
from newsevents.store import Store

LEX = get_lexicon()


def _copy(m, article: str, outlet: str, published: str):
    """The same report published again under another article, outlet and date."""
    return replace(
        m,
        mention=replace(m.mention, article_id=article),
        source=replace(m.source, article_id=article, outlet=outlet, published=published),
    )


def _store(store: Store, mentions) -> None:
    merged = merge(mentions, store, LEX)
    events = [build_event(r.event_id, r.mentions, LEX, "t") for r in merged]
    ids = sorted({m.source.article_id for m in mentions})
    articles = [(Article(id=a, text=f"text of {a}"), 1) for a in ids]
    write_merged(store, articles, merged, events, LEX.families, "t")


def test_copies_of_a_report_are_one_body_and_come_back_whole(tmp_path):
    first = mention(article="a1", killed=4, outlet="A")
    copies = [first, _copy(first, "a2", "B", "2019-03-24"), _copy(first, "a3", "C", "2019-03-25")]
    other = mention(article="a1", start=60, sub="Shelling/artillery/missile attack", killed=2)
    with Store(tmp_path / "s.duckdb") as store:
        _store(store, [*copies, other])
        bodies = store.con.execute("SELECT count(DISTINCT data) FROM mentions").fetchone()
        assert bodies == (2,)  # the three copies, and the other report
        keys = [mention_key(m) for m in [*copies, other]]
        back = store.mentions_by_key(keys)
        # Exactly what was stored comes back, each copy with its own article and outlet ...
        assert [to_dict(back[k]) for k in keys] == [to_dict(m) for m in [*copies, other]]
        assert [back[k].mention.article_id for k in keys] == ["a1", "a2", "a3", "a1"]
        # ... and the copies hold the body's parts once.
        a, b = (back[k] for k in keys[:2])
        assert a.mention.arguments is b.mention.arguments and a.place is b.place
        assert a.mention.sentence is b.source.sentence


def test_rows_whose_record_holds_its_source_are_read_as_before(tmp_path):
    m = mention(article="old", killed=3)
    key = mention_key(m)
    with Store(tmp_path / "s.duckdb") as store:
        _store(store, [m])
        data, source = store.con.execute(
            "SELECT data, source FROM mentions WHERE mention_key = ?", [key]
        ).fetchone()
        assert "source" not in json.loads(data)
        whole = record_from_row(data, source)
        assert whole == to_dict(m)
        # A store written before bodies: the whole record in `data`, `source` beside it
        # (filled when the store moved to that layout) or missing.
        store.con.execute(
            "UPDATE mentions SET data = ? WHERE mention_key = ?", [json.dumps(whole), key]
        )
        assert to_dict(store.mentions_by_key([key])[key]) == to_dict(m)
        store.con.execute("UPDATE mentions SET source = NULL WHERE mention_key = ?", [key])
        assert to_dict(store.mentions_by_key([key])[key]) == to_dict(m)
        assert record_from_row(json.dumps(whole), None) == whole
