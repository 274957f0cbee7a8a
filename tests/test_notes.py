"""ACLED-style notes rendered from an event's fields (no model)."""

from dataclasses import replace
from importlib import resources

import pytest
from factories import BAGHOUZ, IS, SDF, SYRIA, mention

from newsevents.errors import DataFileError
from newsevents.lexicon import get_lexicon
from newsevents.merge import build_event
from newsevents.notes import actor_phrase, load_phrasing, render
from newsevents.records import Actor

LEX = get_lexicon()
EVENT = build_event(
    "ev_1",
    [mention(sub="Non-state actor overtakes territory", killed=3)],
    LEX,
    "t",
)


def test_build_event_writes_the_acled_style_note():
    assert EVENT.notes == (
        "On 23 March 2019, the Syrian Democratic Forces took control of al-Baghuz Fawqani "
        "(Deir ez-Zor, Syria) from the Islamic State. 3 fatalities reported."
    )


def test_templates_fall_back_when_an_actor_or_the_place_is_unknown():
    no_target = replace(EVENT, actor2=None, actor2_kind=None, fatalities=None)
    assert render(no_target) == (
        "On 23 March 2019, the Syrian Democratic Forces took control of al-Baghuz Fawqani "
        "(Deir ez-Zor, Syria)."
    )
    clash = replace(EVENT, sub_event_type="Armed clash", actor1=None, location=None, fatalities=0)
    assert render(clash) == (
        "On 23 March 2019, the Islamic State clashed with an unidentified armed group. "
        "No fatalities reported."
    )


def test_dates_by_precision_and_unknown():
    month = replace(EVENT, date_precision="month", event_date="2019-03-01", fatalities=None)
    assert render(month).startswith("In March 2019, ")
    undated = replace(EVENT, event_date=None, date_precision="unknown")
    assert render(undated).startswith("On an unknown date, ")


def test_country_level_place_is_not_repeated():
    e = build_event("ev_2", [mention(sub="Air/drone strike", place=SYRIA, actor2=None)], LEX, "t")
    assert (
        e.notes
        == "On 23 March 2019, the Syrian Democratic Forces carried out an air strike in Syria."
    )


def test_crowd_comes_first_in_a_protest_with_intervention():
    police = Actor("Police Forces of Russia", "State forces", "RUS")
    crowd = Actor("Protesters", "Protesters", "RUS")
    e = build_event(
        "ev_3",
        [mention(sub="Protest with intervention", etype="Protests", actor1=police, actor2=crowd)],
        LEX,
        "t",
    )
    assert "protesters demonstrated in al-Baghuz Fawqani (Deir ez-Zor, Syria); " in e.notes
    assert e.notes.endswith("the Police Forces of Russia intervened.")


def test_claims_conflicting_tolls_and_background_are_said():
    a = mention(sub="Armed clash", killed=12, claimed_by="SOHR")
    b = mention(article="a2", outlet="outlet-b", killed=15, sub="Armed clash")
    e = build_event("ev_4", [a, b], LEX, "t")
    assert "12 fatalities reported. Reports differ; the lowest figure is given." in e.notes
    claimed = replace(e, modality="claimed", claimed_by=("SOHR",), status="background")
    assert render(claimed).endswith("Reported as a claim by SOHR. Recalled as an earlier event.")


@pytest.mark.parametrize(
    ("name", "reads"),
    [
        ("Islamic State", "the Islamic State"),
        ("Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham"),
        ("al-Shabaab", "al-Shabaab"),
        ("Civilians", "civilians"),
        ("Militiamen", "militiamen"),
        ("Houthis", "the Houthis"),
        ("Unidentified Armed Group", "an unidentified armed group"),
    ],
)
def test_actor_names_read_as_in_a_sentence(name, reads):
    assert actor_phrase(name, load_phrasing()) == reads


def test_every_sub_type_has_templates_and_the_file_is_checked(tmp_path):
    phrasing = load_phrasing()
    assert set(LEX.sub_types) <= set(phrasing.templates)
    bad = tmp_path / "notes.yaml"
    text = (resources.files("newsevents") / "data" / "notes.yaml").read_text(encoding="utf-8")
    bad.write_text(
        text.replace("{actor1} clashed with {actor2}", "{who} clashed"), encoding="utf-8"
    )
    with pytest.raises(DataFileError, match="unknown slots"):
        load_phrasing(bad)
    assert IS.name in render(EVENT) and SDF.name in render(EVENT) and BAGHOUZ.name in render(EVENT)


def test_the_only_class_coded_other_is_the_rescue_its_note_tells():
    # notes.yaml words "Other" as captives freed: a new class coded Other needs its own wording.
    assert [c.name for c in LEX.classes if c.sub_event_type == "Other"] == ["rescue"]
