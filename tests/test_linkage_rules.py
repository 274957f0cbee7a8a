"""The careful-coder rules of the pairwise test, on reports of the UCDP Syria headlines."""

from dataclasses import replace

from factories import mention
from linkage_checks import groups, linked

from newsevents.lexicon import get_lexicon
from newsevents.linkage import profile
from newsevents.records import Actor, Place, ResolvedDate, ResolvedMention

LEX = get_lexicon()
HAMA = Place("Hama", 35.17, 37.0, "Syria", "SYR", "Hama", "admin1", 3)
SARAQIB = Place("Saraqib", 35.86, 36.8, "Syria", "SYR", "Idlib", "town", 1)
AL_BAB_NEAR = Place("Al Bab", 36.37, 37.52, "Syria", "SYR", "Aleppo", "city", 2)
KAFR_TAKHARIM = Place("Kafr Takharim", 36.12, 36.52, "Syria", "SYR", "Idlib", "town", 1)
HTS = Actor("Hayat Tahrir al-Sham", "Rebel group", "SYR")
GUNMEN = Actor("Unidentified Armed Group", "Political militia", None)
AHRAR = Actor("Ahrar al-Sham", "Rebel group", "SYR")
EXPLOSIONS = "Explosions/Remote violence"


def undated(m: ResolvedMention, published: str, text: str) -> ResolvedMention:
    """The mention as the pipeline makes it of a headline without a date: dated by its
    publication day (week precision)."""
    return replace(
        m,
        mention=replace(m.mention, sentence=text),
        source=replace(m.source, published=published, sentence=text),
        date=ResolvedDate(published, None, "week"),
        date_from="published",
    )


def test_undated_region_reports_published_on_different_days_stay_apart():
    # UCDP codes these as two events (2016-10-25 Maardes; 2016-10-28 Al Qardahah).
    advance = undated(
        mention(article="a1", place=HAMA, actor1=None, actor2=None),
        "2016-10-26",
        "Regime forces advance in Hama countryside",
    )
    shelling = undated(
        mention(
            article="a2",
            place=HAMA,
            etype=EXPLOSIONS,
            sub="Shelling/artillery/missile attack",
            actor1=None,
            actor2=None,
        ),
        "2016-10-27",
        "Assassination attempt against a commander in Talbisa, and bombardment targets Hama "
        "countryside",
    )
    assert profile(advance, LEX).undated and profile(advance, LEX).point is None
    assert not linked(advance, shelling)
    assert groups([advance, shelling]) == [["a1"], ["a2"]]
    # Published the same day, the two reports can still tell one event.
    same_day = replace(
        shelling, date=advance.date, source=replace(shelling.source, published="2016-10-26")
    )
    assert linked(advance, same_day)


def test_undated_reports_naming_one_town_on_consecutive_days_join():
    first = undated(
        mention(
            article="a1",
            place=SARAQIB,
            etype=EXPLOSIONS,
            sub="Air/drone strike",
            actor1=None,
            actor2=None,
        ),
        "2016-11-02",
        "More casualties in the intensive airstrikes at Saraqeb in the countryside of Idlib",
    )
    second = undated(
        replace(first, source=replace(first.source, article_id="a2")),
        "2016-11-03",
        "Aerial bombardment on Saraqeb continues, more casualties reported",
    )
    assert profile(first, LEX).point == ("Saraqib", 35.86, 36.8)
    assert linked(first, second)
    assert groups([first, second]) == [["a1", "a2"]]


def test_undated_bombing_reports_on_consecutive_days_join_without_a_named_town():
    # One UCDP event (2017-02-24, Susyan): the toll rose from 42 to about 80 overnight.
    early = undated(
        mention(
            article="a1",
            place=AL_BAB_NEAR,
            etype=EXPLOSIONS,
            sub="Suicide bomb",
            actor1=None,
            actor2=None,
            killed=42,
        ),
        "2017-02-24",
        "42 killed by IS suicide attack in Swesan area near al-Bab city",
    )
    late = undated(
        mention(
            article="a2",
            place=AL_BAB_NEAR,
            etype=EXPLOSIONS,
            sub="Suicide bomb",
            actor1=None,
            actor2=None,
            killed=80,
        ),
        "2017-02-25",
        "About 80 killed by IS suicide attack in Swesan in al-Bab countryside",
    )
    assert linked(early, late)
    # The same two days and place with daily shelling instead: two events.
    shelling = "Shelling/artillery/missile attack"
    assert not linked(
        replace(early, mention=replace(early.mention, sub_event_type=shelling)),
        replace(late, mention=replace(late.mention, sub_event_type=shelling)),
    )


def test_a_blast_and_a_suicide_bombing_are_one_kind_but_shelling_and_air_strikes_are_not():
    blast = mention(
        article="a1",
        place=SARAQIB,
        etype=EXPLOSIONS,
        sub="Remote explosive/landmine/IED",
        actor1=None,
        actor2=None,
        date="2016-10-10",
    )
    suicide = mention(
        article="a2",
        place=SARAQIB,
        etype=EXPLOSIONS,
        sub="Suicide bomb",
        actor1=None,
        actor2=None,
        date="2016-10-10",
    )
    assert linked(blast, suicide)
    assert groups([blast, suicide]) == [["a1", "a2"]]
    air = replace(blast, mention=replace(blast.mention, sub_event_type="Air/drone strike"))
    shells = replace(
        suicide,
        mention=replace(suicide.mention, sub_event_type="Shelling/artillery/missile attack"),
    )
    assert not linked(air, shells)


def test_unidentified_gunmen_do_not_contradict_a_named_group():
    # "Hayyaat Tahrir al-Sham launches a violent attack to break into Kafar Takharim" and
    # "... shelling of Tahrir Al-Sham on Kafr Takharim": one UCDP event (2019-11-07).
    named = mention(article="a1", place=KAFR_TAKHARIM, actor1=HTS, actor2=AHRAR, date="2019-11-07")
    unnamed = mention(
        article="a2", place=KAFR_TAKHARIM, actor1=HTS, actor2=GUNMEN, date="2019-11-07"
    )
    assert profile(unnamed, LEX).actor2 is None
    assert profile(named, LEX).actor2 == "Ahrar al-Sham"
    assert linked(named, unnamed)
    # Two named groups on the same side still contradict each other.
    other = mention(article="a3", place=KAFR_TAKHARIM, actor1=HTS, actor2=None, date="2019-11-07")
    other = replace(other, actor1=Actor("Jaysh al-Izza", "Rebel group", "SYR"), actor2=AHRAR)
    assert not linked(named, other)
