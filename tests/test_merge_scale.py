"""Merging stays cheap and exact when an event is told by many copies of one report:
copies collapse into one node of the grouping, answers to the pairwise test are kept per
pair of profiles, and the writer keeps recent events' mentions in a bounded cache."""

import dataclasses
import datetime as dt
import json
import random

from factories import BAGHOUZ, HAJIN, IS, SYRIA, mention

from newsevents.codec import mention_from_dict, to_dict
from newsevents.lexicon import get_lexicon
from newsevents.linkage import Linker, cluster, mention_key
from newsevents.merge import MemoryIndex, build_event, merge
from newsevents.records import Place
from newsevents.store_memory import PlaceTimeIndex

LEX = get_lexicon()
NORTH = Place("northern Syria", 36.0, 38.0, "Syria", "SYR", None, "region", 3)


def _report(article: str) -> list:
    """One article: a battle at Baghouz, an air strike at Hajin, a country-level tally."""
    return [
        mention(article=article, start=0),
        mention(
            article=article,
            start=100,
            place=HAJIN,
            etype="Explosions/Remote violence",
            sub="Air/drone strike",
            actor2=None,
        ),
        mention(article=article, start=200, place=SYRIA, date=None, killed=4),
    ]


def _keys(groups: list) -> set[frozenset[str]]:
    return {frozenset(mention_key(m) for m in g) for g in groups}


def test_copies_of_one_report_form_one_event_per_fact_whatever_the_order() -> None:
    copies = [m for i in range(40) for m in _report(f"copy{i:02d}")]
    groups = cluster(copies, LEX)
    # The battle and the strike each gather all 40 copies; each tally follows its own
    # article's battle (the nearest compatible anchor), so it lands in the battle.
    sizes = sorted(len(g) for g in groups)
    assert sizes == [40, 80]
    shuffled = list(copies)
    random.Random(3).shuffle(shuffled)
    assert _keys(cluster(shuffled, LEX)) == _keys(groups)


def test_copies_placed_only_in_a_vague_region_never_join_across_articles() -> None:
    ms = [mention(article=f"r{i}", place=NORTH) for i in range(5)]
    assert len(cluster(ms, LEX)) == 5
    same_article = [mention(article="r0", place=NORTH, start=s) for s in (0, 50)]
    assert len(cluster(same_article, LEX)) == 1


def test_the_pairwise_answers_are_kept_per_profile_pair() -> None:
    linker = Linker(LEX)
    a, b, c = mention(article="x"), mention(article="y"), mention(article="z", place=HAJIN)
    assert linker.intern(a) == linker.intern(b) != linker.intern(c)
    assert linker.test(linker.intern(a), linker.intern(b), same_article=False)
    assert len(linker.profiles) == 2


def test_incremental_merge_of_many_copies_matches_merging_all_at_once() -> None:
    reports = [_report(f"copy{i:02d}") for i in range(30)]
    index = MemoryIndex()
    for batch in range(0, 30, 4):
        new = [m for r in reports[batch : batch + 4] for m in r]
        index.apply(merge(new, index, LEX))
    at_once = _keys(cluster([m for r in reports for m in r], LEX))
    assert {frozenset(mention_key(m) for m in ms) for ms in index.events.values()} == at_once


def test_the_event_record_of_many_copies_counts_one_independent_report() -> None:
    copies = [mention(article=f"c{i}", outlet=f"outlet{i % 3}") for i in range(30)]
    event = build_event("ev_x", copies, LEX, "test")
    assert event.n_sources == 3  # no sketches given: one report per outlet
    assert len(event.sources) == 30


def test_fast_record_dicts_serialise_exactly_like_dataclasses_asdict() -> None:
    m = mention(article="a", killed=3, claimed_by="the monitor")
    event = build_event("ev_y", [m, mention(article="b", place=BAGHOUZ)], LEX, "test")
    for record in (m, event):
        assert json.dumps(to_dict(record), sort_keys=True) == json.dumps(
            dataclasses.asdict(record), sort_keys=True
        )


def test_decoded_mentions_equal_the_originals_and_share_their_places_and_sentences() -> None:
    originals = [mention(article=f"d{i}", place=BAGHOUZ, actor1=IS, killed=i) for i in range(3)]
    decoded = [mention_from_dict(json.loads(json.dumps(to_dict(m)))) for m in originals]
    assert decoded == originals
    assert decoded[0].place is decoded[1].place is decoded[2].place
    assert decoded[0].actor1 is decoded[2].actor1
    assert decoded[0].source.sentence is decoded[0].mention.sentence
    assert decoded[0].source.article_id is decoded[0].mention.article_id


def test_place_time_index_counts_shared_points_and_follows_moves_and_drops() -> None:
    index = PlaceTimeIndex()
    day = dt.date(2019, 3, 23)
    assert index.missing("violence", "SYR", day, day) == [day.year * 12 + 2]
    rows = [("ev_a", day, day, 34.42, 40.92, None) for _ in range(3)]
    index.load("violence", "SYR", index.missing("violence", "SYR", day, day), rows)
    assert index.missing("violence", "SYR", day, day) == []
    at_a = ("ev_a", "violence", day, day, "SYR", 34.42, 40.92, None)
    # A fourth mention far away, in another cell, of another event.
    index.add(("ev_b", "violence", day, day, "SYR", 36.2, 37.1, None))
    baghouz = Place("Baghuz", 34.42, 40.92, "Syria", "SYR", "Deir ez-Zor", "village", 1)
    assert index.near("violence", "SYR", day, day, baghouz) == ["ev_a"]
    later = day + dt.timedelta(days=2)
    assert index.near("violence", "SYR", later, later, baghouz) == []
    index.move(at_a, "ev_c")
    assert index.near("violence", "SYR", day, day, baghouz) == ["ev_a", "ev_c"]
    index.drop(at_a)
    assert index.near("violence", "SYR", day, day, baghouz) == ["ev_a", "ev_c"]  # one left
    index.drop(at_a)
    assert index.near("violence", "SYR", day, day, baghouz) == ["ev_c"]
    index.drop(("ev_c", *at_a[1:]))
    assert index.near("violence", "SYR", day, day, baghouz) == []
    # A country-level query sees the whole country that month.
    syria = Place("Syria", 35.0, 38.0, "Syria", "SYR", None, "country", 4)
    assert index.near("violence", "SYR", day, day, syria) == ["ev_b"]
    # Rows of months, families or countries not loaded are not held.
    index.add(("ev_d", "violence", day, day, "IRQ", 34.4, 40.9, None))
    assert index.near("violence", "IRQ", day, day, baghouz) == []
    may = day.replace(month=5)
    index.add(("ev_e", "violence", may, may, "SYR", 34.4, 40.9, None))
    assert index.missing("violence", "IRQ", day, day) == [day.year * 12 + 2]
    assert not any(key[1] == "IRQ" or key[2] != day.year * 12 + 2 for key in index._months)


def test_place_time_index_finds_a_toll_anywhere_in_the_country() -> None:
    # "ISIL kills 700 people from Syrian tribe" is placed only in Syria, at the country's
    # point: a report of the same toll in north-eastern Syria (outside the box a place of
    # its own merges with) asks near its own point and with its toll, and finds it;
    # without the toll, or with another, it does not.
    index = PlaceTimeIndex()
    day = dt.date(2014, 8, 17)
    index.load("violence", "SYR", index.missing("violence", "SYR", day, day), [])
    index.add(("ev_country", "violence", day, day, "SYR", 35.0, 38.0, 700))
    index.add(("ev_other", "violence", day, day, "SYR", 35.0, 38.0, 12))
    east = Place("north-eastern Syria", 36.9, 41.3, "Syria", "SYR", None, "region", 3)
    assert index.near("violence", "SYR", day, day, east) == []
    assert index.near("violence", "SYR", day, day, east, 700) == ["ev_country"]
    assert index.near("violence", "SYR", day, day, east, 45) == []
    later = day + dt.timedelta(days=3)
    assert index.near("violence", "SYR", later, later, east, 700) == []
    index.drop(("ev_country", "violence", day, day, "SYR", 35.0, 38.0, 700))
    assert index.near("violence", "SYR", day, day, east, 700) == []


def test_place_time_index_lets_go_of_the_months_asked_least_recently() -> None:
    index = PlaceTimeIndex(budget=3)
    baghouz = Place("Baghuz", 34.42, 40.92, "Syria", "SYR", "Deir ez-Zor", "village", 1)
    days = [dt.date(2019, m, 10) for m in (1, 2, 3)]
    for n, day in enumerate(days):
        rows = [(f"ev_{n}", day, day, 34.42, 40.92, 7)]
        index.load("violence", "SYR", index.missing("violence", "SYR", day, day), rows)
        assert index.near("violence", "SYR", day, day, baghouz) == [f"ev_{n}"]
    index.near("violence", "SYR", days[0], days[0], baghouz)  # January asked again
    assert index.size() == 6  # three points, three months
    index.trim()
    # February went first (asked least recently), then March: January is left.
    assert [key[2] % 12 + 1 for key in index._months] == [1]
    assert index.size() == 2
    assert index.missing("violence", "SYR", days[1], days[2]) == [
        d.year * 12 + d.month - 1 for d in days[1:]
    ]
    assert all(cell[2] == days[0].year * 12 for cell in index._cells)
    assert all(key[2] == days[0].year * 12 for key in index._tolls)


def test_victims_misread_as_actor1_are_not_a_rival_perpetrator() -> None:
    civilians = IS.__class__("Civilians", "Civilians", None)
    blamed = IS.__class__("Baloch Liberation Army", "Rebel group", "PAK")
    a = mention(article="a", actor1=blamed, actor2=civilians)
    b = mention(article="b", actor1=civilians, actor2=None)
    other = mention(article="c", actor1=IS.__class__("Pakistani Taliban", "Rebel group", "PAK"))
    assert build_event("ev_z", [a, b], LEX, "test").conflicts == ()
    assert build_event("ev_w", [a, other], LEX, "test").conflicts == (
        "perpetrator: Baloch Liberation Army vs Pakistani Taliban",
    )


def _at(lat: float, precision: int, feature: str = "town") -> Place:
    return Place(f"p{lat}", lat, 40.0, "Syria", "SYR", "Deir ez-Zor", feature, precision)


def test_the_latitude_shortcut_keeps_every_pair_within_reach():
    """Pairs farther apart in latitude than either place may be are skipped without the
    pairwise test; pairs just within reach still join."""
    inside = [  # 44.5 km apart, near places match within 50 km
        mention(article="a", place=_at(34.0, 2)),
        mention(article="b", place=_at(34.4, 2)),
    ]
    outside = [  # 55.6 km apart
        mention(article="a", place=_at(34.0, 2)),
        mention(article="b", place=_at(34.5, 2)),
    ]
    assert len(cluster(inside, LEX)) == 1
    assert len(cluster(outside, LEX)) == 2
    region = Place("Deir ez-Zor", 35.3, 40.1, "Syria", "SYR", "Deir ez-Zor", "admin1", 3)
    with_region = [  # a region holds its own places at any distance (same article)
        mention(article="a", place=region),
        mention(article="a", start=50, place=_at(33.0, 1)),
    ]
    assert len(cluster(with_region, LEX)) == 1
