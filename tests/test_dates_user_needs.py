"""Dates as a careful coder reads them, through the pipeline (issue 6's "what users need"):
datelines standing in for missing metadata, the date attached to the trigger, precision
kept. The resolver-level cases of the other needs are in test_dates.py and
test_timex_news.py."""

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsevents
from newsevents.cli import main
from newsevents.ingest import make_article
from newsevents.records import Dateline, ResolvedDate
from newsevents.resolve.dates import dates_the_saying, find_dateline, find_time_expressions

PUBLISHED = "2019-03-23"  # a Saturday


# --- datelines --------------------------------------------------------------------------------


def test_a_recased_wire_dateline_still_gives_its_date() -> None:
    # The pipeline recases upper-case wire copy before it reads the dateline.
    text = "   San Salvador, 20 nov 89 (radio Venceremos) -- [text] urban guerrillas attacked"
    dl = find_dateline(text)
    assert dl is not None
    assert (dl.place, dl.date, dl.start, dl.end) == ("San Salvador", "1989-11-20", 3, 48)
    hama = find_dateline("HAMA, 3 mar (SANA) -- text", dt.date(2019, 3, 5))
    assert hama == Dateline("Hama", "2019-03-03", "SANA", 0, 21)
    # a lower-case month counts only next to a day number
    homs = find_dateline("HOMS, may -- Rebels attacked")
    assert homs is None or homs.date is None


def _results(*articles: tuple[str, str | None]) -> list[tuple[str | None, str, list[str | None]]]:
    from newsevents.pipeline import load_knowledge, process_articles

    made = [
        make_article(text, published=published, source=f"t{i}")
        for i, (text, published) in enumerate(articles)
    ]
    return [
        (r.anchor, r.anchor_from, [m.date.date for m in r.mentions])
        for r in process_articles(made, load_knowledge())
    ]


@pytest.mark.model
def test_a_dateline_gives_the_publication_date_when_metadata_has_none() -> None:
    salvador = (
        "   SAN SALVADOR, 20 NOV 89 (RADIO VENCEREMOS) -- [TEXT] URBAN GUERRILLAS ATTACKED A "
        "POLICE POST IN SOYAPANGO YESTERDAY, KILLING TWO POLICEMEN.",
        None,
    )
    posted = (
        "Posted on April 4 2017 by Asharq Al-Awsat\n"
        "Warplanes bombed Khan Sheikhoun on Tuesday, killing 58 people.",
        None,
    )
    beirut = ("BEIRUT (Reuters) - Warplanes bombed Khan Sheikhoun on Monday.", "2017-04-05")
    assert _results(salvador, posted, beirut) == [
        ("1989-11-20", "dateline", ["1989-11-19"]),
        ("2017-04-04", "dateline", ["2017-04-04"]),  # Tuesday is the dateline's own day
        ("2017-04-05", "metadata", ["2017-04-03"]),  # a dateline without a date: metadata
    ]


@pytest.mark.model
def test_extract_says_which_date_it_resolved_against(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(
        "Rebels strike Idlib\nBEIRUT, March 23 2019 (Reuters) - Rebels shelled the town of "
        "Jisr al-Shughur yesterday, killing 4 civilians.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", str(src), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert "dates resolved against 2019-03-23 (from dateline)" in result.output
    assert '"event_date": "2019-03-22"' in result.output


# --- the date attached to the trigger -----------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the first date of the article is the truce's, not the shelling's
        (
            "On March 2 the government announced a truce. Rebels shelled the town of "
            "Jisr al-Shughur on Thursday, killing 4 civilians.",
            "2019-03-21",
        ),
        # "on Saturday" dates the saying, "on Wednesday" the attack
        (
            "The army said on Saturday that rebels had attacked a checkpoint in Hama on "
            "Wednesday, killing 3 soldiers.",
            "2019-03-20",
        ),
        # "today" dates the report; the killing has its own day
        (
            "Police said today that rebels killed nine villagers in Hama on 17 March.",
            "2019-03-17",
        ),
        (
            "Rebels shelled the town of Jisr al-Shughur on Friday, a week after the March 12 "
            "talks in Astana.",
            "2019-03-22",
        ),
    ],
)
def test_the_event_takes_the_date_attached_to_its_trigger(text: str, expected: str) -> None:
    # The violent event's date ("the government announced a truce" is an agreement of its
    # own, on its own date).
    events = [
        e
        for e in newsevents.extract(text, published=PUBLISHED)
        if e.status == "new" and e.event_type != "Strategic developments"
    ]
    assert [(e.event_date, e.date_precision) for e in events] == [(expected, "day")]


def test_a_date_right_after_a_verb_of_saying_dates_the_report() -> None:
    sat = dt.date(2019, 3, 23)
    cases = {
        "Police said today that rebels killed nine villagers on 17 March.": [True, False],
        "The army said on Saturday that rebels attacked a post.": [True],
        "Rebels attacked a post on Saturday, the army said.": [False],
        "He told reporters on Monday that talks had failed.": [False],  # the telling's object
    }
    for text, expected in cases.items():
        found = find_time_expressions(text, sat)
        assert [dates_the_saying(text, e) for e in found] == expected, text


# --- precision --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "deaths from Coalition airstrikes January \u2013 August 2018",
            ("January \u2013 August 2018", ResolvedDate("2018-01-01", "2018-08-31", "month")),
        ),
        # without a year: the most recent such months not after publication
        (
            "clashes in November-December",
            ("November-December", ResolvedDate("2018-11-01", "2018-12-31", "month")),
        ),
    ],
)
def test_two_months_joined_by_a_dash_are_one_span(
    text: str, expected: tuple[str, ResolvedDate]
) -> None:
    found = find_time_expressions(text, dt.date(2019, 1, 15))
    assert [(e.text, e.value) for e in found] == [expected]
    # "to" still needs "from" or "between": "March to May" alone is often not a span
    assert find_time_expressions("March to May", dt.date(2019, 6, 1)) == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Turkish jets bombed Afrin last week, killing 12 civilians.",
            ("new", "2019-03-11", "week"),
        ),
        (
            "Islamic State fighters killed 30 people in Palmyra in 2015.",
            ("background", "2015-01-01", "year"),
        ),
        (
            "Government forces recaptured Palmyra in March 2016.",
            ("background", "2016-03-01", "month"),
        ),
    ],
)
def test_an_event_date_keeps_the_precision_the_text_gives(
    text: str, expected: tuple[str, str, str]
) -> None:
    [event] = newsevents.extract(text, published=PUBLISHED)
    assert (event.status, event.event_date, event.date_precision) == expected
    assert event.event_date_end is None
    assert dt.date.fromisoformat(expected[1]) <= dt.date.fromisoformat(PUBLISHED)


def test_an_unyeared_date_naming_an_attack_is_past_even_where_the_sentence_looks_ahead():
    # A report of 10 September 2013 (FA-KES): the resolution is to come, the attack is not.
    text = (
        "The draft resolution would include an explicit condemnation of an August 21 "
        "chemical weapons attack on the outskirts of Damascus."
    )
    (found,) = find_time_expressions(text, dt.date(2013, 9, 10))
    assert found.value.date == "2013-08-21"
    # A date that names no act keeps the sentence's future: the coming 21 August.
    (vote,) = find_time_expressions("The vote would be held on August 21.", dt.date(2013, 9, 10))
    assert vote.value.date == "2014-08-21"
