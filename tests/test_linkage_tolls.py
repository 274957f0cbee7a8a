"""A toll stated for one day tells one event apart from the others of that day in a
country, however coarsely the reports place it (linkage `_TOLL_MIN`)."""

import random

from factories import mention, write_merged
from linkage_checks import groups, linked

from newsevents.lexicon import get_lexicon
from newsevents.merge import build_event, merge
from newsevents.records import Actor, Article, Place
from newsevents.store import Store
from newsevents.syndication import sketch

LEX = get_lexicon()
SYRIA = Place("Syria", 35.0, 38.0, "Syria", "SYR", None, "country", 4)
EAST = Place("eastern Syria", 35.0, 40.5, "Syria", "SYR", None, "region", 3)
NORTH_EAST = Place("north-eastern Syria", 36.9, 41.3, "Syria", "SYR", None, "region", 3)
HASAKAH = Place("Al Hasakah", 36.5, 40.75, "Syria", "SYR", "Al-Hasakah", "city", 1)
ALEPPO = Place("Aleppo", 36.2, 37.16, "Syria", "SYR", "Aleppo", "city", 1)
MOSUL = Place("Mosul", 36.34, 43.13, "Iraq", "IRQ", "Nineveh", "city", 1)
IS = Actor("Islamic State", "Rebel group", None)
CIVILIANS = Actor("Civilians", "Civilians", None)
YPG = Actor("People's Protection Units", "Political militia", "SYR")
ATTACK = dict(etype="Violence against civilians", sub="Attack", actor1=IS, actor2=CIVILIANS)
DAY = "2014-08-17"


def report(article: str, place: Place | None, killed: int | None, **kw) -> object:
    fields = {**ATTACK, "date": DAY, "published": DAY, **kw}
    return mention(article=article, outlet=article, place=place, killed=killed, **fields)


def test_reports_of_one_toll_in_one_country_on_one_day_are_one_event():
    # "ISIL kills 700 people from Syrian tribe" (placed only in Syria) and "Islamic State
    # executed 700 people ... in eastern Syria": neither place matches another report's
    # by distance, the toll does.
    country, region = report("a1", SYRIA, 700), report("a2", EAST, 700)
    assert linked(country, region)
    assert groups([country, region]) == [["a1", "a2"]]
    # Two reports placed at one region, and a region and a town in it.
    assert linked(region, report("a3", EAST, 700))
    bombing = dict(etype="Explosions/Remote violence", sub="Suicide bomb", actor2=YPG)
    assert linked(report("b1", NORTH_EAST, 30, **bombing), report("b2", HASAKAH, 30, **bombing))


def test_other_tolls_days_countries_and_small_tolls_stay_apart():
    region = report("a1", EAST, 700)
    assert not linked(region, report("a2", SYRIA, 650))  # another toll
    assert not linked(region, report("a2", SYRIA, 700, date="2014-08-18"))  # another day
    assert not linked(region, report("a2", SYRIA, 700, precision="week"))  # not to the day
    iraq = Place("Iraq", 33.0, 44.0, "Iraq", "IRQ", None, "country", 4)
    assert not linked(report("a3", iraq, 700), report("a4", MOSUL, 20))
    assert not linked(report("a3", iraq, 700), region)  # another country
    # Four dead in Syria on one day tell no event apart; nor does a toll without a place.
    assert not linked(report("b1", SYRIA, 4), report("b2", EAST, 4))
    assert not linked(report("b1", None, 700), region)
    # Two towns far apart keep to the distance, whatever their tolls.
    assert not linked(report("c1", ALEPPO, 12), report("c2", HASAKAH, 12))
    # Nor does a toll join contradicting sides or kinds of event.
    army = Actor("Military Forces of Syria", "State forces", "SYR")
    assert not linked(region, report("d1", SYRIA, 700, actor1=army, actor2=YPG))
    shelling = report(
        "d2", EAST, 700, etype="Explosions/Remote violence", sub="Shelling/artillery/missile attack"
    )
    air = report("d3", SYRIA, 700, etype="Explosions/Remote violence", sub="Air/drone strike")
    assert not linked(shelling, air)


def test_a_toll_report_with_a_placed_event_in_its_article_follows_that_event():
    # Two articles headlined "17 killed in Syria" whose bodies place their attacks in Al
    # Hasakah and in Aleppo: each headline belongs to its own article's event, and the
    # two events stay apart (the towns are far apart), though the headlines alone would
    # have matched by their toll.
    first = [report("a1", SYRIA, 17), report("a1", HASAKAH, 17, start=80)]
    second = [report("a2", SYRIA, 17), report("a2", ALEPPO, 17, start=80)]
    assert linked(first[0], second[0])
    assert groups([*first, *second]) == [["a1", "a1"], ["a2", "a2"]]
    # Without a body of its own, the second headline matches the first article's event.
    assert groups([*first, second[0]]) == [["a1", "a1", "a2"]]


def _write(store, mentions, article_ids):
    merged = merge(mentions, store, LEX, articles=article_ids)
    ids = {m.source.article_id for r in merged for m in r.mentions}
    sketches = {**store.sketches(sorted(ids)), **{a: sketch(a) for a in article_ids}}
    events = [build_event(r.event_id, r.mentions, LEX, "t", sketches) for r in merged if r.mentions]
    write_merged(
        store, [(Article(id=a, text=a), 1) for a in article_ids], merged, events, LEX.families, "t"
    )


def _events(store):
    rows = store.con.execute("SELECT article_id, event_id FROM mentions").fetchall()
    by_event: dict[str, list[str]] = {}
    for article, eid in rows:
        by_event.setdefault(eid, []).append(article)
    return sorted(sorted(v) for v in by_event.values())


def test_the_store_finds_a_report_of_the_same_toll_in_either_order(tmp_path):
    # Stored one article at a time, in every order: a report placed at the country's point
    # is found from a town far from that point, and the other way round.
    reports = {
        "a1": [report("a1", SYRIA, 30)],
        "a2": [report("a2", HASAKAH, 30)],
        "a3": [report("a3", NORTH_EAST, 30)],
        "b1": [report("b1", SYRIA, 45)],
    }
    for seed in range(4):
        order = list(reports)
        random.Random(seed).shuffle(order)
        with Store(tmp_path / f"s{seed}.duckdb") as store:
            for article in order:
                _write(store, reports[article], [article])
            assert _events(store) == [["a1", "a2", "a3"], ["b1"]]
