from factories import BAGHOUZ, HAJIN, SDF, mention

from newsevents.lexicon import get_lexicon
from newsevents.merge import build_event
from newsevents.stories import build_stories

LEX = get_lexicon()
ALEPPO = HAJIN.__class__("Aleppo", 36.2, 37.16, "Syria", "SYR", "Aleppo", "city", 1)


def _event(eid, **kw):
    return build_event(eid, [mention(**kw)], LEX, "t")


def test_a_siege_over_weeks_is_one_story_with_a_dated_timeline():
    events = [
        _event("e1", article="a1", date="2019-02-10"),
        _event("e2", article="a2", date="2019-02-15", place=HAJIN),  # 30 km away, same actors
        _event("e3", article="a3", date="2019-02-21"),
        _event("e4", article="a4", date="2019-03-23", sub="Non-state actor overtakes territory"),
        _event("far", article="a5", date="2019-02-15", place=ALEPPO),
    ]
    stories = build_stories(events, {"a1": "Battle for Baghouz", "a3": "Battle for Baghouz"})
    assert len(stories) == 1
    story = stories[0]
    assert story.event_ids == ("e1", "e2", "e3")  # a month's gap ends the story
    assert (story.start_date, story.end_date) == ("2019-02-10", "2019-02-21")
    assert story.title == "Battle for Baghouz"
    assert story.location == "al-Baghuz Fawqani" and story.n_articles == 3


def test_events_told_by_one_article_join_without_shared_actors():
    rescue = _event("r", article="a1", start=50, date="2019-03-24", actor1=None, actor2=None)
    attack = _event("h", article="a1", date="2019-03-23", actor1=SDF, actor2=None)
    other = _event("x", article="a2", date="2019-03-24", actor1=None, actor2=None)
    stories = build_stories([rescue, attack, other])
    assert [s.event_ids for s in stories] == [("h", "r")]
    assert stories[0].title.startswith("Armed clash in al-Baghuz Fawqani")


def test_stories_do_not_depend_on_event_order():
    events = [_event(f"e{i}", article=f"a{i}", date=f"2019-02-{10 + 3 * i}") for i in range(5)]
    assert build_stories(events) == build_stories(list(reversed(events)))
    assert BAGHOUZ.name == build_stories(events)[0].location
