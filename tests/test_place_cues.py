"""Place cues (issue 5): phrases that say an article's country ("regime forces", "SDF"),
and words after a name that only say what kind of place it is ("Homs city")."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from factories import sentence_mention

import newsevents
from newsevents.errors import DataFileError
from newsevents.resolve.actors import ActorDictionary
from newsevents.resolve.mentions import ResolveContext, _place_context, _resolve_place
from newsevents.resolve.place_cues import cue_countries, read_place_cues
from newsevents.resolve.places import Gazetteer, PlaceContext, get_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """The full index from the default cache."""
    return get_gazetteer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pro-regime gunmen open fire on a bus near the river", ("SYR",)),
        ("The regime\u2019s forces shell two villages at dawn", ("SYR",)),
        ("SDF fighters repel an attack on an oil field", ("SYR",)),
        ("A list of sdf files was leaked", ()),  # an abbreviation only in capitals
        ("Houthis fire a missile at the port", ("YEM",)),
        ("Police arrest three after a bank robbery", ()),
        ("Assadi wins the chess final", ()),  # whole words only
    ],
)
def test_cue_phrases_name_a_country(text: str, expected: tuple[str, ...]) -> None:
    assert cue_countries([text]) == expected


def test_a_cue_file_with_a_bad_country_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cues.yaml"
    path.write_text("country_cues:\n  Syria: [regime forces]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="ISO3"):
        read_place_cues(path)
    path.write_text("country_cues:\n  SYR: [regime forces]\n", encoding="utf-8")
    cues = read_place_cues(path)
    assert cues.countries(["Regime forces advance"]) == ("SYR",)


def test_a_one_line_report_with_a_cue_places_its_town_at_home(gaz: Gazetteer) -> None:
    ctx = ResolveContext(actors=ActorDictionary.load(), gazetteer=gaz, anchor=None)
    text = "Regime forces recapture Palmyra after heavy clashes"
    m = sentence_mention(text, places=("Palmyra",))
    pctx = _place_context([m], ctx)
    assert pctx.countries == ("SYR",)
    place = _resolve_place(m, gaz, pctx)
    assert place is not None and (place.name, place.iso3) == ("Tadmur", "SYR")
    # A cue adds to the countries the article names itself.
    turkish = sentence_mention(
        "Turkey says SDF fighters fled Palmyra", places=("Turkey", "Palmyra")
    )
    assert _place_context([turkish], ctx).countries == ("TUR", "SYR")


def test_a_transliteration_abroad_gives_way_to_a_cue(gaz: Gazetteer) -> None:
    # "Jobar" is spelt like Juybar, Iran; a report that says Syria must not take it.
    name = "Jobar"
    assert gaz.resolve(name, PlaceContext(places=(name,))) is not None
    place = gaz.resolve(name, PlaceContext(countries=("SYR",), places=(name,)))
    assert place is None or place.iso3 == "SYR"


@pytest.mark.parametrize(
    ("written", "plain"),
    [("Homs city", "Homs"), ("Al-Raqqah city", "Al-Raqqah"), ("Douma town", "Douma")],
)
def test_a_point_suffix_is_dropped(gaz: Gazetteer, written: str, plain: str) -> None:
    ctx = PlaceContext(countries=("TUR",), places=(written,))
    place = gaz.resolve(written, ctx)
    expected = gaz.resolve(plain, PlaceContext(countries=("TUR",), places=(plain,)))
    assert place is not None and place == expected and place.iso3 == "SYR"


def test_a_name_ending_in_city_is_matched_whole(gaz: Gazetteer) -> None:
    place = gaz.resolve("Kansas City")
    assert place is not None and (place.name, place.iso3) == ("Kansas City", "USA")
    place = gaz.resolve("Mexico City")
    assert place is not None and place.iso3 == "MEX"


def test_a_possessive_names_the_cue_with_or_without_its_apostrophe() -> None:
    # Scraped text drops apostrophes: "President Bashar al-Assads forces".
    assert cue_countries(["President Bashar al-Assads forces attacked"]) == ("SYR",)
    assert cue_countries(["Assad's army"]) == ("SYR",)
    assert cue_countries(["an assassin", "Assadi"]) == ()


@pytest.mark.model
def test_damascus_in_a_washington_story_about_assads_forces_is_syrias() -> None:
    # The demo corpus's Al Arabiya story of 25 August 2013: Kerry, Obama, the White House,
    # and "President Bashar al-Assads forces" near Damascus (not Damascus, Maryland).
    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "fakes.csv"
    csv.field_size_limit(10**8)
    with corpus.open(newline="", encoding="utf-8") as handle:
        text = next(
            row["article_content"]
            for row in csv.DictReader(handle)
            if "chemical attacks near Damascus on August 21" in row["article_content"]
        )
    events = newsevents.extract(text, published="2013-08-25")
    assert {e.country for e in events if e.location == "Damascus"} == {"Syria"}
