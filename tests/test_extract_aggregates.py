"""Totals over a period are not events: "550 civilians killed in the last two months" gives
none, while a clause telling one act keeps it and its own count (loads the model)."""

import re

import pytest
from factories import new_events

from newsevents.aggregates import load_aggregate_cues


def _new(text, published="2017-05-01"):
    return new_events(text, published)


def _cues_match(text: str) -> bool:
    cues = load_aggregate_cues()
    return bool(cues.totals.search(text) or cues.calendar.search(text))


def test_the_bundled_cues_compile_and_tell_periods_from_days():
    cues = load_aggregate_cues()
    assert isinstance(cues.totals, re.Pattern)
    assert "toll" in cues.tally
    assert cues.totals.search("killed in the last two months") is not None
    assert cues.totals.search("killed in the past two days") is None  # a day's fighting
    assert cues.calendar.search("killed in March 2019") is not None
    assert cues.calendar.search("killed on March 3") is None
    assert not _cues_match("killed 12 people on Monday")
    assert cues.totals.search("the bombing campaign has killed hundreds") is not None
    assert cues.totals.search("the offensive has killed 20 soldiers") is None  # one battle
    assert cues.totals.search("have been killed in the escalating bombing campaign")
    assert cues.totals.search("have been killed in an air strike on Idlib") is None


@pytest.mark.parametrize(
    "text",
    [
        "More than 550 civilians have been killed in the last two months in Syria because "
        "of the attacks carried out by forces of the Syrian regime.",
        "At least 200 people have been killed in Idlib so far this year.",
        "Air strikes have killed 900 civilians in Idlib so far in 2017.",
        "Air strikes have killed 900 civilians so far in the war.",
        "Russian strikes killed 45 civilians in Idlib over the past week.",
        "More than 1,000 people have been killed in Daraa since 2011.",
        "About 400 civilians were killed in Aleppo during the war.",
        "Government shelling has killed 90 people in Ghouta this month.",
        "The death toll has risen to 120 in Eastern Ghouta since the offensive began.",
        "The death toll of the war in Idlib has risen to 1,200.",
        "213 civilians have been killed by airstrikes in Aleppo since a U.S.-Russian "
        "brokered cease-fire collapsed Monday evening.",
        "More than 40 people have been killed in Idlib since Jan. 5, the monitor said.",
        # The period hangs from the injured the parser joined to the verb.
        "At least 545 people including 84 children have been killed and hundreds more "
        "injured in the bombing campaign on Aleppo since November 15.",
        # A campaign's toll up to now, active or passive.
        "The Syrian Observatory for Human Rights said the bombing campaign has killed "
        "hundreds mostly civilians and forced thousands of families to flee their homes.",
        "At least 545 people including 84 children and 35 women have been killed and "
        "hundreds more injured in the escalating bombing campaign by the Assad regime and "
        "Russian air forces on Syrias towns and cities since Tuesday.",
    ],
)
@pytest.mark.model
def test_a_total_over_a_period_is_no_event(text: str) -> None:
    assert _new(text) == []


@pytest.mark.model
def test_a_single_attack_stays_an_event_with_its_count():
    (event,) = _new("Gunmen killed 12 people on Monday in Aleppo.")
    assert (event.location, event.fatalities, event.event_date) == ("Aleppo", 12, "2017-05-01")
    (dated,) = _new("A car bomb killed 12 people in Azaz in March.")
    assert (dated.fatalities, dated.date_precision) == (12, "month")


@pytest.mark.model
def test_an_attack_that_brings_a_periods_toll_up_keeps_its_own_count():
    (event,) = _new(
        "Gunmen killed 12 people in an attack on Monday in Aleppo, bringing the toll this "
        "month to 80."
    )
    assert (event.location, event.fatalities) == ("Aleppo", 12)


@pytest.mark.model
def test_a_toll_update_for_one_event_is_still_that_events_toll():
    (event,) = _new("The death toll from Monday's bombing in Jableh has risen to 45.")
    assert (event.location, event.fatalities) == ("Jablah", 45)


@pytest.mark.parametrize(
    "text",
    [
        "Government warplanes often bomb the markets of Saraqib.",
        "Syrian troops have frequently clashed with rebels near Aleppo.",
        "The coalition has repeatedly been accused of targeting and killing civilians in Raqqa.",
        "Regime forces have repeatedly shelled the town of Kafr Zita, killing dozens.",
    ],
)
def test_a_habit_is_no_event(text):
    assert _new(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # A simple past tells one day's repeated acts.
        "Russian jets repeatedly struck a hospital in Saraqib, killing five people.",
        # A day's date makes the habitual adverb that day's.
        "On Monday, regime warplanes frequently returned and bombed the town of Saraqib.",
    ],
)
def test_repeated_acts_of_one_day_are_an_event(text):
    (event,) = _new(text)
    assert event.location == "Saraqib"


def test_running_toll_cues_tell_weeks_and_long_runs_of_days_from_a_day_of_fighting():
    tolls = load_aggregate_cues().tolls
    assert tolls.search("the number of people killed in 19 weeks") is not None
    assert tolls.search("a week of the massive ground escalation") is not None
    assert tolls.search("620 in 12 consecutive days of shelling") is not None
    assert tolls.search("the monthly death tally") is not None
    assert tolls.search("killed in two days of clashes") is None  # what coders record
    assert tolls.search("killed after two weeks of siege") is None  # that day's dead
    assert tolls.search("killed after about 2 weeks of siege") is None


@pytest.mark.parametrize(
    "text",
    [
        # A monitor's headline: today's raids, and the campaign's total so far.
        "Four new raids target Mayadeen city and raise the death toll to about 190 within "
        "27 days of bombing escalation.",
        "The death of more civilians raises the death toll to about 620 in 12 consecutive "
        "days of shelling in Douma.",
        "Renewed shelling raises to about 500 the number of people killed in about 28 weeks "
        "in Idlib.",
    ],
)
@pytest.mark.model
def test_an_act_told_with_a_running_toll_stands_without_that_toll(text):
    (event,) = _new(text)
    assert event.fatalities is None


@pytest.mark.model
def test_an_act_keeps_its_own_count_beside_a_running_toll():
    (event,) = _new(
        "Air strikes killed 12 people in Idlib on Monday, raising the toll in two weeks of "
        "bombardment to 150."
    )
    assert event.fatalities == 12


@pytest.mark.model
def test_one_person_told_dead_is_no_running_total():
    (event,) = _new("Gunmen killed a policeman in Hama on Monday in the fifth attack in two weeks.")
    assert event.fatalities == 1


@pytest.mark.parametrize(
    "text",
    [
        "The area on the outskirts of Damascus has been under a regime siege for more than "
        "four years.",
        "The coalition has been bombing IS positions in Raqqa for months.",
        "Hundreds of people have been killed in Aleppo since peace talks broke off.",
    ],
)
def test_a_state_or_campaign_lasting_months_or_years_is_no_event(text):
    assert _new(text) == []


def test_a_long_campaign_in_a_relative_clause_leaves_the_act_told():
    found = _new(
        "The army, which has fought IS for two years, captured the town of Palmyra on Monday."
    )
    assert [e.sub_event_type for e in found] == ["Government regains territory"]


def test_a_blasts_toll_so_far_is_its_own():
    # "so far" followed by where the blast struck tells one event's toll up to now.
    (event,) = _new(
        "9 civilians were killed and 25 others injured by an unknown explosion so far in "
        "the neighborhood of Alkasseh in the province of Idlib"
    )
    assert (event.fatalities, event.injured) == (9, 25)


@pytest.mark.parametrize(
    "text",
    [
        "Aleppo has also witnessed massive air raids in recent weeks.",
        "The Assad regime has used poison gas at least 15 times in recent months.",
    ],
)
@pytest.mark.model
def test_what_happened_in_recent_weeks_is_a_total(text: str) -> None:
    assert _new(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "On Wednesday a drone strike near Raqqa killed a terrorist commander according to "
        "the Observatory, the latest in a series of blows to the terrorists in recent weeks.",
        "It was the heaviest air strikes for months inside Aleppo city on Wednesday, the "
        "Observatory said.",
    ],
)
@pytest.mark.model
def test_one_event_ranked_against_a_recent_period_stays(text: str) -> None:
    assert len(_new(text)) == 1


@pytest.mark.model
def test_a_weeks_dead_told_beside_the_strikes_are_no_toll_of_theirs():
    # The period hangs from a noun the tagger read as a verb joined to "killed".
    events = _new(
        "Aleppo bore the brunt of the ferocious airstrikes with 374 people recorded killed "
        "in the city and countryside during the past week."
    )
    assert [e.fatalities for e in events] == [None]
