"""Place lookup: the caches and precomputed candidates give the answers scoring gives,
and adjectives of regions and former states ("Kurdish", "Soviet") resolve."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.errors import DataFileError
from newsevents.resolve.place_words import read_place_words
from newsevents.resolve.places import Gazetteer, PlaceContext, get_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """The full index from the default cache (built there on the first run, ~20 s)."""
    return get_gazetteer()


NAMESAKE_DOCS = [
    ("Paris", "Texas", "Dallas"),
    ("Athens", "Georgia", "Atlanta"),
    ("Springfield", "Illinois", "Chicago", "Peoria"),
    ("Alexandria", "Virginia", "Arlington"),
    ("Alexandria", "Egypt", "Cairo"),
    ("Aleppo", "Idlib province", "northern Syria", "Manbij", "Syria"),
    ("Richmond", "Henry County", "Paris", "Tennessee"),
]


def test_resolve_agrees_with_explain_in_context(gaz: Gazetteer) -> None:
    # resolve() scores from precomputed candidate lists and cached context evidence;
    # explain() scores every candidate afresh: both must pick the same entry.
    fresh = Gazetteer(gaz._index)
    for doc in NAMESAKE_DOCS:
        countries = tuple(c for n in doc if (c := fresh.country_for(n)) is not None)
        ctx = PlaceContext(countries=countries, places=doc)
        for name in doc:
            place = fresh.resolve(name, ctx)
            ranked = Gazetteer(gaz._index).explain(name, ctx)
            assert place == ranked[0].place, (doc, name)


def test_resolve_in_context_picks_the_local_namesake(gaz: Gazetteer) -> None:
    fresh = Gazetteer(gaz._index)
    paris = fresh.resolve("Paris", PlaceContext(places=("Paris", "Texas", "Dallas")))
    athens = fresh.resolve("Athens", PlaceContext(places=("Athens", "Georgia", "Atlanta")))
    assert paris is not None and paris.admin1 == "Texas"
    assert athens is not None and athens.admin1 == "Georgia"
    # Without context the well-known city wins.
    assert fresh.resolve("Paris") is not None and fresh.resolve("Paris").iso3 == "FRA"


def test_equal_contexts_share_answers(gaz: Gazetteer) -> None:
    fresh = Gazetteer(gaz._index)
    first = PlaceContext(countries=("USA",), places=("Paris", "Texas"))
    second = PlaceContext(countries=("USA",), places=("Paris", "Texas"))
    assert first == second and hash(first) == hash(second)
    assert first != PlaceContext(countries=("USA",), places=("Paris", "Tennessee"))
    assert fresh.resolve("Paris", first) is fresh.resolve("Paris", second)


def test_region_adjectives_resolve_to_the_place(gaz: Gazetteer) -> None:
    kurdish = gaz.resolve("Kurdish")
    assert kurdish is not None and kurdish.name == "Kurdistan Region"
    assert kurdish.iso3 == "IRQ" and kurdish.geo_precision == 3
    soviet = gaz.resolve("Soviet")
    assert soviet is not None and soviet.name == "Soviet Union"
    korean = gaz.resolve("Korean")
    assert korean is not None and korean.iso3 == "KOR" and korean.geo_precision == 4
    jamaican = gaz.resolve("Jamaicans")
    assert jamaican is not None and jamaican.iso3 == "JAM"
    # They refer to places but are not where events happen.
    assert gaz.is_place_reference("Kurdish")
    assert not gaz.is_place_name("Kurdish")
    assert gaz.country_for("Kurdish") is None
    assert gaz.country_for("Jamaican") == "JAM"


def test_named_areas_resolve_instead_of_similar_spellings(gaz: Gazetteer) -> None:
    balkans = gaz.resolve("the Balkans")
    latin = gaz.resolve("Latin America")
    tibet = gaz.resolve("Tibet")
    assert balkans is not None and balkans.name == "Balkans"
    assert latin is not None and latin.name == "Latin America" and latin.iso3 is None
    assert tibet is not None and tibet.iso3 == "CHN" and tibet.feature == "admin1"


def test_place_demonyms_must_be_a_mapping(tmp_path: Path) -> None:
    bad = tmp_path / "place_words.yaml"
    bad.write_text("place_demonyms: [Kurdish]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="place_demonyms"):
        read_place_words(bad)
    good = tmp_path / "good.yaml"
    good.write_text("place_demonyms: {Kurdish: Kurdistan}\n", encoding="utf-8")
    assert read_place_words(good).place_demonyms == {"kurdish": "Kurdistan"}
