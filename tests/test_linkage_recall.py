"""The lede rule of the pairwise test, and the eval's split of UCDP recall (issue 7)."""

from dataclasses import replace

from factories import mention
from linkage_checks import groups, linked

from newsevents.evaluate.merge import anchored
from newsevents.ingest import make_article
from newsevents.lexicon import get_lexicon
from newsevents.linkage import profile
from newsevents.pipeline import ArticleResult
from newsevents.records import Place, ResolvedDate, ResolvedMention

LEX = get_lexicon()
HAMA = Place("Hama", 35.17, 37.0, "Syria", "SYR", "Hama", "admin1", 3)
JISR = Place("Jisr ash Shughur", 35.81, 36.32, "Syria", "SYR", "Idlib", "town", 1)
SHELLING = "Shelling/artillery/missile attack"
EXPLOSIONS = "Explosions/Remote violence"


def undated(m: ResolvedMention, published: str, start: int = 0) -> ResolvedMention:
    """The mention as the pipeline makes it of a sentence without a date: dated by its
    publication day (week precision); `start` 0 is the article's first sentence."""
    return replace(
        m,
        mention=replace(m.mention, sentence_start=start),
        source=replace(m.source, published=published, char_start=start, char_end=start + 40),
        date=ResolvedDate(published, None, "week"),
        date_from="published",
    )


def _clashes_today() -> ResolvedMention:
    # "15 fighters of a rebel Army were killed today in clashes at the countryside of Hama"
    # (SOHR, 2016-10-17): the text dates the event.
    return mention(
        article="today",
        place=HAMA,
        actor1=None,
        actor2=None,
        date="2016-10-17",
        published="2016-10-17",
    )


def _bombardment(article: str, published: str, start: int = 0) -> ResolvedMention:
    # "Aerial bombardment targets Hama and losses in Der-Ezzor": no day named.
    return undated(
        mention(
            article=article,
            place=HAMA,
            etype=EXPLOSIONS,
            sub="Air/drone strike",
            actor1=None,
            actor2=None,
        ),
        published,
        start,
    )


def test_an_undated_lede_is_not_an_event_another_report_dates_to_the_day_before():
    clashes = _clashes_today()
    next_day = _bombardment("next", "2016-10-18")
    assert profile(next_day, LEX).lede and not profile(clashes, LEX).lede
    assert not linked(clashes, next_day)
    assert groups([clashes, next_day]) == [["next"], ["today"]]


def test_an_undated_lede_still_joins_a_report_dated_to_its_publication_day():
    clashes = _clashes_today()
    same_day = _bombardment("same", "2016-10-17")
    assert linked(clashes, same_day)
    assert groups([clashes, same_day]) == [["same", "today"]]


def test_an_undated_sentence_after_the_lede_may_still_tell_of_the_day_before():
    # A follow-up article's later sentence ("Threatening to kill the hostages, BLA demanded
    # ...") tells of the event its lede or another report dated the day before.
    clashes = _clashes_today()
    later = _bombardment("follow-up", "2016-10-18", start=1386)
    assert not profile(later, LEX).lede
    assert linked(clashes, later)


def test_two_undated_ledes_of_consecutive_days_keep_their_own_rule():
    # The lede rule is about a text date against an undated lede; two undated reports of one
    # town on consecutive days are judged by the undated-report rule, as before.
    first = undated(
        mention(article="d1", place=JISR, etype=EXPLOSIONS, sub=SHELLING, actor1=None, actor2=None),
        "2018-05-27",
    )
    second = undated(replace(first, source=replace(first.source, article_id="d2")), "2018-05-28")
    assert profile(first, LEX).lede and profile(second, LEX).lede
    assert linked(first, second)
    # The same second report against a text-dated first one: the day before its lede.
    dated = replace(first, date=ResolvedDate("2018-05-27", None, "day"), date_from="text")
    assert not linked(dated, second)


def _result(text: str, mentions: tuple[ResolvedMention, ...]) -> ArticleResult:
    article = make_article(text, published="2016-10-17", source="test")
    return ArticleResult(article, mentions, "2016-10-17", "metadata")


def test_anchored_articles_give_a_placed_day_dated_new_event():
    clashes = _clashes_today()
    assert anchored(_result("placed and dated", (clashes,)))
    # A place known only as a country, a month-wide date, or only background: not anchored.
    syria = Place("Syria", 35.0, 38.0, "Syria", "SYR", None, "country", 4)
    assert not anchored(_result("country", (replace(clashes, place=syria),)))
    month = replace(clashes, date=ResolvedDate("2016-10-01", None, "month"))
    assert not anchored(_result("month", (month,)))
    old = replace(clashes, mention=replace(clashes.mention, status="background"))
    assert not anchored(_result("background", (old,)))
    assert not anchored(_result("nothing", ()))
