"""Across reports: a side named only by its kind ("the rebels", "civilians") contradicts no
named side, and undated reports naming two different towns tell two events (issue 7, from
the eval merge diagnosis of UCDP report pairs)."""

from dataclasses import replace

from factories import mention
from linkage_checks import groups, linked

from newsevents.lexicon import get_lexicon
from newsevents.linkage import generic_actors, profile, profiles_compatible, unnamed_actors
from newsevents.records import Actor, Place, ResolvedDate, ResolvedMention

LEX = get_lexicon()
EXPLOSIONS = "Explosions/Remote violence"
SHELLING = "Shelling/artillery/missile attack"
AIR = "Air/drone strike"
# Made-up places: two towns 10 km apart, the first under a second spelling at almost the
# same point, and "near Tell Beta" (precision 2).
TOWN_A = Place("Kafr Alpha", 35.50, 36.60, "Syria", "SYR", "Idlib", "town", 1)
TOWN_A_ALIAS = Place("Kfar Alfa", 35.505, 36.605, "Syria", "SYR", "Idlib", "town", 1)
TOWN_B = Place("Tell Beta", 35.59, 36.60, "Syria", "SYR", "Idlib", "town", 1)
NEAR_B = Place("Tell Beta", 35.59, 36.60, "Syria", "SYR", "Idlib", "town", 2)
ARMY = Actor("Military Forces of Syria", "State forces", "SYR")
HTS = Actor("Hayat Tahrir al-Sham", "Rebel group", "SYR")
IS = Actor("Islamic State", "Rebel group", None)
REBELS = Actor("Rebels", "Rebel group", "SYR")
CIVILIANS = Actor("Civilians", "Civilians", "SYR")


def report(article: str, place: Place, sub: str, **kw: object) -> ResolvedMention:
    """A report of an explosion-type event on 2018-03-10 unless `kw` say otherwise."""
    fields: dict[str, object] = {"actor1": None, "actor2": None, "date": "2018-03-10"}
    fields.update(kw)
    etype = "Battles" if sub == "Armed clash" else EXPLOSIONS
    if sub == "Attack":
        etype = "Violence against civilians"
    return mention(article=article, place=place, etype=etype, sub=sub, **fields)  # type: ignore[arg-type]


def test_generic_actors_are_read_from_the_data_file():
    assert unnamed_actors() == {"Unidentified Armed Group"}
    assert {"Rebels", "Civilians"} <= generic_actors()
    assert "Islamic State" not in generic_actors()


def test_a_generic_side_does_not_contradict_a_named_one():
    # "The army kills civilians in X" and "the army shells HTS positions in X".
    victims = report("a1", TOWN_A, SHELLING, actor1=ARMY, actor2=CIVILIANS)
    group = report("a2", TOWN_A, SHELLING, actor1=ARMY, actor2=HTS)
    assert profile(victims, LEX).actor2 == "Civilians"
    assert linked(victims, group)
    # "The rebels" may be HTS.
    assert linked(report("a3", TOWN_A, SHELLING, actor1=ARMY, actor2=REBELS), group)
    # Two named groups on one side still contradict each other, and a generic side leaves
    # the other side to agree.
    assert not linked(report("a4", TOWN_A, SHELLING, actor1=ARMY, actor2=IS), group)
    assert not linked(report("a5", TOWN_A, SHELLING, actor1=IS, actor2=REBELS), group)
    assert groups([victims, group]) == [["a1", "a2"]]
    # Within one article, a writer who names civilians in one sentence and HTS in the next
    # tells of two sides: two events.
    same = report("a1", TOWN_A, SHELLING, actor1=ARMY, actor2=HTS, start=90)
    assert not profiles_compatible(profile(victims, LEX), profile(same, LEX), True)
    assert groups([victims, same]) == [["a1"], ["a1"]]


def test_two_air_strikes_on_one_town_on_consecutive_days_stay_apart():
    # Each report dates its strike by its own text: two days, two events.
    monday = report("a1", TOWN_A, AIR, date="2018-03-12", published="2018-03-13")
    tuesday = report("a2", TOWN_A, AIR, date="2018-03-13", published="2018-03-13")
    assert not linked(monday, tuesday)
    assert groups([monday, tuesday]) == [["a1"], ["a2"]]


def undated(m: ResolvedMention, published: str) -> ResolvedMention:
    """The mention as the pipeline makes it of a headline with no date of its own."""
    return replace(
        m,
        source=replace(m.source, published=published),
        date=ResolvedDate(published, None, "week"),
        date_from="published",
    )


def test_undated_reports_naming_two_different_towns_are_two_events():
    a = undated(report("a1", TOWN_A, AIR), "2018-03-10")
    b = undated(report("a2", TOWN_B, AIR), "2018-03-10")
    assert not linked(a, b)
    assert groups([a, b]) == [["a1"], ["a2"]]
    # The same town, even under another spelling at (almost) the same point: one event.
    assert linked(a, undated(report("a3", TOWN_A, AIR), "2018-03-10"))
    assert linked(a, undated(report("a4", TOWN_A_ALIAS, AIR), "2018-03-10"))
    # A place known only as near a town is within reach (50 km).
    assert linked(a, undated(report("a5", NEAR_B, AIR), "2018-03-10"))
    # Reports that date the strike in their text are left to the distance (25 km).
    assert linked(report("a6", TOWN_A, AIR), report("a7", TOWN_B, AIR))
