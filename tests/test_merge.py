import random

from factories import HAJIN, IS, SDF, mention

from newsevents.lexicon import get_lexicon
from newsevents.merge import MemoryIndex, StoredEvent, build_event, cluster, merge

LEX = get_lexicon()


def test_mentions_of_one_battle_in_one_article_merge_and_keep_the_specific_subtype():
    a = mention(start=0, sub="Armed clash")
    b = mention(start=100, etype="Battles", sub="Non-state actor overtakes territory")
    c = mention(start=200, place=None, date=None)  # unplaced, undated: joins in-article
    groups = cluster([a, b, c], LEX)
    assert len(groups) == 1
    event = build_event("ev_x", groups[0], LEX, "test")
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert event.event_type == "Battles"
    assert event.location == "al-Baghuz Fawqani"
    assert event.event_date == "2019-03-23"
    assert len(event.sources) == 3
    assert event.n_sources == 1


def test_strikes_on_consecutive_days_in_different_articles_stay_apart():
    a = mention(
        article="a1",
        sub="Air/drone strike",
        etype="Explosions/Remote violence",
        date="2019-03-20",
        actor2=None,
    )
    b = mention(
        article="a2",
        sub="Air/drone strike",
        etype="Explosions/Remote violence",
        date="2019-03-23",
        actor2=None,
    )
    assert len(cluster([a, b], LEX)) == 2


def test_cross_article_reports_merge_with_fatality_conflict_and_conservative_count():
    a = mention(article="a1", outlet="SANA", killed=12)
    b = mention(article="a2", outlet="SOHR", killed=15)
    groups = cluster([a, b], LEX)
    assert len(groups) == 1
    event = build_event("ev_x", groups[0], LEX, "test")
    assert event.fatalities == 12
    assert event.n_sources == 2
    assert event.conflicts == ("fatalities: 12 (SANA) vs 15 (SOHR)",)


def test_far_apart_places_do_not_merge_across_articles():
    far = HAJIN.__class__("Aleppo", 36.2, 37.16, "Syria", "SYR", "Aleppo", "city", 1)
    a = mention(article="a1")
    b = mention(article="a2", place=far)
    assert len(cluster([a, b], LEX)) == 2


def test_different_families_never_merge():
    a = mention(article="a1")
    b = mention(article="a1", start=50, etype="Protests", sub="Peaceful protest")
    assert len(cluster([a, b], LEX)) == 2


def test_contradicting_known_actors_do_not_merge():
    other = IS.__class__("Military Forces of Syria", "State forces", "SYR")
    a = mention(article="a1", actor1=SDF)
    b = mention(article="a2", actor1=other, actor2=SDF.__class__("Free Syrian Army", "Rebel group"))
    assert len(cluster([a, b], LEX)) == 2


def test_merge_into_existing_event_keeps_its_id():
    old = mention(article="a1")
    index = MemoryIndex([StoredEvent("ev_old", (old,))])
    results = merge([mention(article="a2", outlet="other")], index, LEX)
    assert [r.event_id for r in results] == ["ev_old"]
    assert len(results[0].mentions) == 2


def test_event_fields_do_not_depend_on_mention_order():
    ms = [mention(article=f"a{i}", outlet=f"o{i}", killed=10 + i) for i in range(5)]
    first = build_event("ev", ms, LEX, "t")
    shuffled = ms[:]
    random.Random(3).shuffle(shuffled)
    assert build_event("ev", shuffled, LEX, "t") == first


def test_background_and_new_mentions_stay_apart():
    a = mention(article="a1")
    b = mention(article="a1", start=80, status="background")
    assert len(cluster([a, b], LEX)) == 2


def test_a_report_bridging_two_stored_events_merges_them_and_one_id_survives():
    west = HAJIN.__class__("Hajin west", 34.69, 40.70, "Syria", "SYR", "Deir ez-Zor", "village", 1)
    east = HAJIN.__class__("Hajin east", 34.69, 40.95, "Syria", "SYR", "Deir ez-Zor", "village", 1)
    a = mention(article="a1", place=west, actor2=None)
    b = mention(article="a2", place=east, actor1=None)
    index = MemoryIndex([StoredEvent("ev_a", (a,)), StoredEvent("ev_b", (b,))])
    bridge = mention(article="a3", place=HAJIN, actor1=None, actor2=None)
    results = merge([bridge], index, LEX)
    assert len(results) == 1
    assert results[0].event_id == "ev_a" and results[0].absorbed == ("ev_b",)
    assert {m.source.article_id for m in results[0].mentions} == {"a1", "a2", "a3"}
