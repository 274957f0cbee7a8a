import dataclasses
import random

from factories import HAJIN, IS, SDF, SYRIA, mention

from newsevents.lexicon import get_lexicon
from newsevents.merge import (
    MemoryIndex,
    StoredEvent,
    build_event,
    cluster,
    mention_key,
    merge,
    new_event_id,
)
from newsevents.records import Actor

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


SYRIAN_ARMY = Actor("Military Forces of Syria", "State forces", "SYR")
TAKEN = {"etype": "Battles", "sub": "Non-state actor overtakes territory"}


def test_the_ground_taken_is_the_takers_and_its_sub_type_says_who_took_it():
    # The army's clash with IS and the army's capture of the town, which one report
    # coded as a non-state actor's gain: the army took it, so the government regained it.
    clash = mention(start=0, actor1=IS, actor2=SYRIAN_ARMY)
    taken = mention(start=100, actor1=SYRIAN_ARMY, actor2=IS, **TAKEN)
    event = build_event("ev", [clash, taken, mention(start=200, actor1=IS)], LEX, "t")
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Government regains territory",
        "Military Forces of Syria",
        "Islamic State",
    )


def test_ground_taken_by_no_one_named_does_not_make_the_named_fighters_its_takers():
    clash = mention(start=0, actor1=SYRIAN_ARMY, actor2=IS)
    taken = mention(start=100, actor1=None, actor2=None, **TAKEN)
    event = build_event("ev", [clash, taken], LEX, "t")
    assert (event.sub_event_type, event.actor1) == ("Armed clash", "Military Forces of Syria")
    alone = build_event("ev", [taken, mention(start=200, actor1=None, actor2=IS)], LEX, "t")
    assert (alone.sub_event_type, alone.actor1) == ("Non-state actor overtakes territory", None)


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


# -- order independence, incremental merging, ids ----------------------------------------

AIR = {"sub": "Air/drone strike", "etype": "Explosions/Remote violence"}
ALEPPO = HAJIN.__class__("Aleppo", 36.2, 37.16, "Syria", "SYR", "Aleppo", "city", 1)


def _corpus():
    """Twelve reports: one battle told by four outlets (one a day later, undated), two
    strikes on one town on consecutive days, an Aleppo strike, and partial mentions."""
    ms = [
        mention(article="a1", outlet="A", killed=12),
        mention(article="a1", start=90, place=None, date=None, killed=None),
        mention(article="a2", outlet="B", killed=15),
        mention(article="a3", outlet="C", actor2=None),
        mention(article="a4", outlet="D", published="2019-03-24", precision="week"),
        mention(article="s1", outlet="A", date="2019-03-20", place=HAJIN, actor2=None, **AIR),
        mention(article="s2", outlet="B", date="2019-03-21", place=HAJIN, actor2=None, **AIR),
        mention(article="s3", outlet="C", date="2019-03-21", place=HAJIN, actor2=None, **AIR),
        mention(article="s4", outlet="D", date="2019-03-20", place=ALEPPO, actor2=None, **AIR),
        mention(article="b1", outlet="E", place=None, date=None),
        mention(article="b2", outlet="F", place=SYRIA),
    ]
    return ms


def _partition(groups):
    return sorted(sorted(f"{m.source.article_id}:{m.source.char_start}" for m in g) for g in groups)


def _events_without_ids(index):
    out = []
    for ms in index.events.values():
        e = build_event("x", ms, LEX, "t")
        out.append(repr(e))
    return sorted(out)


def test_consecutive_day_strikes_on_one_town_stay_apart_and_reports_of_each_join():
    groups = _partition(cluster(_corpus(), LEX))
    assert ["s1:0"] in groups and ["s4:0"] in groups
    assert ["s2:0", "s3:0"] in groups
    assert ["a1:0", "a1:90", "a2:0", "a3:0", "a4:0"] in groups
    # Unplaced or country-only reports are never matched across articles.
    assert ["b1:0"] in groups and ["b2:0"] in groups


def test_the_partition_and_events_do_not_depend_on_order_or_batches():
    ms = _corpus()
    whole = MemoryIndex()
    whole.apply(merge(ms, whole, LEX))
    reference = _events_without_ids(whole)
    assert len(reference) == 6
    for seed in range(6):
        shuffled = ms[:]
        random.Random(seed).shuffle(shuffled)
        by_article: dict[str, list] = {}
        for m in shuffled:
            by_article.setdefault(m.source.article_id, []).append(m)
        articles = list(by_article.values())
        index = MemoryIndex()
        size = seed % 3 + 1
        for start in range(0, len(articles), size):
            batch = [m for group in articles[start : start + size] for m in group]
            index.apply(merge(batch, index, LEX))
        assert _events_without_ids(index) == reference, seed


def test_reingesting_the_same_articles_changes_nothing():
    ms = _corpus()
    index = MemoryIndex()
    index.apply(merge(ms, index, LEX))
    before = dict(index.events)
    results = merge(ms[:5], index, LEX)
    index.apply(results)

    def keys(events):
        return {k: sorted(mention_key(m) for m in v) for k, v in events.items()}

    assert keys(index.events) == keys(before)
    assert all(not r.absorbed and not r.moved for r in results)


def test_an_event_keeps_its_id_as_reports_join_and_a_split_keeps_the_larger_part():
    index = MemoryIndex()
    first = merge([mention(article="a1", outlet="A")], index, LEX)
    index.apply(first)
    eid = first[0].event_id
    for k in range(2, 5):
        index.apply(merge([mention(article=f"a{k}", outlet=str(k))], index, LEX))
        assert list(index.events) == [eid]
    assert len(index.events[eid]) == 4


def test_two_stored_events_bridged_later_merge_and_the_other_id_redirects():
    index = MemoryIndex()
    west = HAJIN.__class__("Hajin west", 34.69, 40.70, "Syria", "SYR", "Deir ez-Zor", "village", 1)
    a = mention(article="a1", place=west, actor2=None, published="2019-03-22")
    b = mention(article="a2", place=ALEPPO, actor1=None)
    index.apply(merge([a], index, LEX))
    index.apply(merge([b], index, LEX))
    assert len(index.events) == 2
    # A report at Hajin (12 km from Hajin west) joins the first event only.
    results = merge([mention(article="a3", place=HAJIN, actor2=None)], index, LEX)
    assert [len(r.mentions) for r in results] == [2]
    assert results[0].event_id == new_event_id([a])


def test_reprocessed_article_replaces_its_mentions_and_an_event_no_longer_found_goes():
    index = MemoryIndex()
    index.apply(merge([mention(article="a1"), mention(article="z1", place=ALEPPO)], index, LEX))
    gone = next(eid for eid, ms in index.events.items() if ms[0].source.article_id == "z1")
    # z1 processed again yields nothing: its event is removed.
    results = merge([], index, LEX, articles=["z1"])
    assert [(r.event_id, r.mentions) for r in results] == [(gone, ())]


def test_attribution_cues_name_the_claimants_of_an_event():
    a = mention(article="a1", outlet="A", claimed_by="the Syrian Observatory for Human Rights")
    b = mention(article="a2", outlet="B")
    b = b.__class__(
        dataclasses.replace(b.mention, claimed_by="he"),
        dataclasses.replace(b.source, sentence="Twelve died, according to SANA."),
        b.actor1,
        b.actor2,
        b.place,
        b.date,
        b.date_from,
    )
    event = build_event("ev", [a, b], LEX, "t")
    assert event.claimed_by == ("Syrian Observatory for Human Rights", "SANA")


def test_differing_tolls_are_listed_once_each_lowest_first_with_their_sources():
    ms = [
        mention(article="a1", outlet="SOHR", killed=15),
        mention(article="a2", outlet="SANA", killed=12),
        mention(article="a3", outlet="AFP", killed=15),
        mention(article="a4", outlet="AFP", killed=15),
    ]
    event = build_event("ev", ms, LEX, "t")
    assert event.fatalities == 12
    # Each figure once, with the outlets that give it (AFP's two reports named once).
    assert event.conflicts[0] == "fatalities: 12 (SANA) vs 15 (AFP, SOHR)"


def test_an_act_told_as_intended_does_not_decide_what_was_done():
    # "The SDF set up a council to push IS out of al-Bab" beside "IS killed 50 fighters on
    # a bus": the push is planned, so the event is the killing, not ground taken.
    done = mention(start=0, actor1=IS, actor2=SDF, sub="Armed clash")
    planned = dataclasses.replace(
        mention(start=100, actor1=SDF, actor2=IS, **TAKEN),
        mention=dataclasses.replace(
            mention(start=100, actor1=SDF, actor2=IS, **TAKEN).mention, modality="planned"
        ),
    )
    event = build_event("ev", [done, planned], LEX, "t")
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Armed clash",
        "Islamic State",
        "Syrian Democratic Forces",
    )
    # Where the acts told name no actor, the intended one still names who was involved.
    unnamed = mention(start=0, actor1=None, actor2=None, sub="Armed clash")
    event = build_event("ev", [unnamed, planned], LEX, "t")
    assert (event.sub_event_type, event.actor1) == ("Armed clash", "Syrian Democratic Forces")
