"""Context scoring of place candidates (resolve/place_context.py): the banded nearest-
anchor search, the country shares without the name's own anchors, the in-article
country bonus, and the gazetteer's use of them."""

from __future__ import annotations

import math
from collections.abc import Collection

import pytest

from newsevents.resolve.place_context import (
    IN_ARTICLE,
    IN_REGION,
    Anchor,
    Facts,
    Prepared,
    anchor_country_gain,
    context_scores,
    country_shares,
    make_prepared,
    make_spread,
    region_gain,
    shares_without,
)
from newsevents.resolve.place_index import FEATURES
from newsevents.resolve.places import Gazetteer, PlaceContext, get_gazetteer

_TOWN = FEATURES.index("town")
_COUNTRY = FEATURES.index("country")
_ADMIN1 = FEATURES.index("admin1")


def _anchor(row: int, name: str, iso3: str | None, lat: float, lon: float, area: bool) -> Anchor:
    coslat = math.cos(math.radians(lat))
    return Anchor(row, name, iso3, 7, area, (lat, lon, coslat, area, name, row))


def _facts(row: int, lat: float, lon: float, iso3: str = "USA", feature: int = _TOWN) -> Facts:
    return (row, feature, iso3, 7, lat, lon, math.cos(math.radians(lat)))


# Anchors spread over the globe, more than the few a full scan is used for.
ANCHORS = (
    _anchor(100, "Dallas", "USA", 32.78, -96.80, False),
    _anchor(101, "Houston", "USA", 29.76, -95.36, False),
    _anchor(102, "Texas", "USA", 31.0, -100.0, True),
    _anchor(103, "Paris", "FRA", 48.85, 2.35, False),
    _anchor(104, "Lyon", "FRA", 45.76, 4.83, False),
    _anchor(105, "Aleppo", "SYR", 36.2, 37.16, False),
    _anchor(106, "Syria", "SYR", 35.0, 38.0, True),
    _anchor(107, "Tokyo", "JPN", 35.69, 139.69, False),
    _anchor(108, "Perth", "AUS", -31.95, 115.86, False),
    _anchor(109, "Lima", "PER", -12.05, -77.04, False),
)


def context_score(
    facts: Facts,
    key: str,
    ctx: Prepared,
    row_set: Collection[int],
    implied: dict[str, float],
    admin1_names: list[str],
    notes: list[str] | None,
    regional: bool = True,
) -> float:
    """One candidate's context score: context_scores for a list of one."""
    notes_of = None if notes is None else [notes]
    return context_scores((facts,), key, ctx, row_set, implied, admin1_names, notes_of, regional)[0]


def _prepared(countries: frozenset[str] = frozenset()) -> Prepared:
    return make_prepared(countries, ANCHORS, {}, make_spread((), (), (), []))


@pytest.mark.parametrize(
    ("lat", "lon", "excluded"),
    [
        (33.66, -95.56, frozenset()),  # Paris, Texas: near Dallas
        (33.66, -95.56, frozenset({100})),  # ... with Dallas the name's own anchor
        (48.0, 2.0, frozenset({103, 104})),  # near Paris and Lyon, both left out
        (36.5, 37.0, frozenset()),  # beside Aleppo and the Syria point
        (0.0, -160.0, frozenset()),  # mid-Pacific: every anchor out of reach
        (45.2, 4.8, frozenset({999})),
    ],
)
def test_banded_search_scores_as_the_full_scan(
    lat: float, lon: float, excluded: frozenset[int]
) -> None:
    ctx = _prepared()
    facts = _facts(1, lat, lon)
    implied = shares_without(ctx, excluded)
    fast = context_score(facts, "x", ctx, excluded, implied, ["Texas"] * 8, None)
    notes: list[str] = []
    slow = context_score(facts, "x", ctx, excluded, implied, ["Texas"] * 8, notes)
    assert fast == slow  # the explain path scans every anchor in order


def test_nearness_counts_only_anchors_left_in() -> None:
    ctx = _prepared()
    facts = _facts(1, 33.66, -95.56)  # Paris, Texas
    notes: list[str] = []
    context_score(facts, "paris", ctx, frozenset({100}), shares_without(ctx, ()), [], notes)
    # Dallas (160 km) left out: Houston's town point (440 km, +0.11) is weaker than the
    # Texas area point (516 km, exp(-516 / 300) = +0.18), which counts.
    assert not any("Dallas" in n for n in notes), notes
    assert notes[-1] == "516 km from Texas +0.18"


def test_shares_without_leaves_out_the_names_own_anchors() -> None:
    ctx = _prepared()
    assert shares_without(ctx, ()) == country_shares(ANCHORS)
    assert ctx.implied["USA"] == pytest.approx(0.3)
    left = shares_without(ctx, (100, 101, 102))
    assert left == country_shares(tuple(a for a in ANCHORS if a.row not in {100, 101, 102}))
    assert "USA" not in left
    assert left["FRA"] == pytest.approx(2 / 7)


def test_in_article_bonus_is_shared_out_over_many_countries() -> None:
    facts = _facts(1, 10.0, 10.0, iso3="BEL")
    few = _prepared(frozenset({"BEL", "USA"}))
    many = _prepared(frozenset({"BEL", "USA", "FRA", "SYR", "TUN", "DZA"}))
    far = frozenset({a.row for a in ANCHORS})  # no nearness: only the country term
    assert context_score(facts, "x", few, far, {}, [], None) == pytest.approx(IN_ARTICLE)
    assert context_score(facts, "x", many, far, {}, [], None) == pytest.approx(IN_ARTICLE / 2)


def test_admin1_contains_an_anchor_unless_it_is_the_names_own() -> None:
    ctx = _prepared()
    region = (5, _ADMIN1, "USA", 7, 31.0, -100.0, 0.86)
    assert context_score(region, "x", ctx, frozenset(), {}, [], None) == pytest.approx(1.5)
    towns = frozenset(a.row for a in ANCHORS if not a.is_area)
    assert context_score(region, "x", ctx, towns, {}, [], None) == 0.0


def test_a_populous_admin1_shared_with_an_anchor_lends_no_bonus() -> None:
    # A town far from every anchor but in their admin-1 region (7): +1.5 for sharing it,
    # unless that region is one of the broad ones (England, California).
    town = (1, _TOWN, "XXX", 7, 0.0, -160.0, 1.0)
    spread = make_spread((), (), (), [])
    plain = make_prepared(frozenset(), ANCHORS, {}, spread)
    assert context_score(town, "x", plain, frozenset(), {}, ["Texas"] * 8, None) == 1.5
    broad = make_prepared(frozenset(), ANCHORS, {}, spread, frozenset({7}))
    assert context_score(town, "x", broad, frozenset(), {}, ["Texas"] * 8, None) == 0.0


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


def test_capital_beats_a_village_of_one_of_many_countries_named(gaz: Gazetteer) -> None:
    context = PlaceContext(
        countries=("SYR", "IRQ", "TUN", "DZA", "LBY", "FRA", "USA"),
        places=("Tunisia", "Algeria", "Paris", "Washington", "Brussels"),
    )
    place = gaz.resolve("Brussels", context)
    assert place is not None and place.iso3 == "BEL"
    # A story about one country still finds its own town.
    local = PlaceContext(countries=("USA",), places=("Green Bay", "Wisconsin", "Brussels"))
    place = gaz.resolve("Brussels", local)
    assert place is not None and (place.iso3, place.admin1) == ("USA", "Wisconsin")


def test_a_city_beside_a_metropolis_is_not_a_namesake_town_of_its_big_state(
    gaz: Gazetteer,
) -> None:
    # Boston, New York (8,000 people) shares New York State (over 30 million) with New
    # York City: no evidence against Boston, Massachusetts.
    context = PlaceContext(
        countries=("USA", "MEX"), places=("New York City", "Mexico", "Bogota", "Boston")
    )
    place = gaz.resolve("Boston", context)
    assert place is not None and place.admin1 == "Massachusetts"
    # A small state still counts: "Logan" beside "Salt Lake City" is Logan, Utah.
    local = PlaceContext(countries=("USA",), places=("Salt Lake City", "Logan"))
    place = gaz.resolve("Logan", local)
    assert place is not None and place.admin1 == "Utah"


def test_english_words_read_without_spacy() -> None:
    import subprocess
    import sys

    # A fresh interpreter: the word list must not import spaCy (its objects would
    # slow every full garbage collection of the place lookup).
    code = (
        "import sys\n"
        "from newsevents.resolve.english_words import english_words, is_english_word\n"
        "words = english_words()\n"
        "print(len(words) > 50000, is_english_word('fears'), is_english_word('menbej'),"
        " 'spacy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "False", "False"]


def _region_anchors() -> tuple[Anchor, ...]:
    """A story naming a state (admin-1 7), a city in it and a city in another state."""
    point = (37.5, -85.0, 0.79, True, "Kentucky", 200)
    return (
        Anchor(200, "Kentucky", "USA", 7, True, point, True),
        Anchor(201, "Louisville", "USA", 7, False, (38.25, -85.76, 0.79, False, "L", 201)),
        Anchor(202, "Atlanta", "USA", 8, False, (33.75, -84.39, 0.83, False, "A", 202)),
    )


def test_a_named_region_adds_its_share_of_the_articles_places() -> None:
    ctx = make_prepared(frozenset(), _region_anchors(), {}, make_spread((), (), (), []))
    inside = (1, _TOWN, "USA", 7, 0.0, 0.0, 1.0)  # far from every anchor: no nearness
    elsewhere = (2, _TOWN, "USA", 9, 0.0, 0.0, 1.0)
    notes: list[str] = []
    gained = context_score(inside, "x", ctx, (), {}, ["S"] * 10, notes)
    base = context_score(elsewhere, "x", ctx, (), {}, [], None)
    # Kentucky and Louisville are two of the three places in a state: 1.5 x 2 / 3, on
    # top of the +1.5 for sharing a region with an anchor.
    assert gained - base == pytest.approx(IN_REGION * 2 / 3 + 1.5)
    assert "region Kentucky in article (67%) +1.00" in notes
    assert region_gain(7, ctx, ()) == pytest.approx(1.0)
    # The name's own reading (Louisville here) is no evidence for itself.
    assert region_gain(7, ctx, (201,)) == pytest.approx(IN_REGION / 2)
    # Resolving "Kentucky" itself, or a name that also names an area: no region term.
    assert region_gain(7, ctx, (200,)) == 0.0
    assert context_score(inside, "x", ctx, (), {}, [], None, False) == pytest.approx(base + 1.5)


def test_anchor_country_gain_is_what_anchors_add_to_the_country_term() -> None:
    first = make_prepared(frozenset({"FRA"}), (), {}, make_spread((), (), (), []))
    second = _prepared(frozenset({"FRA"}))
    implied = shares_without(second, ())
    for facts in (_facts(1, 0.0, 0.0, "USA"), _facts(2, 0.0, 0.0, "FRA"), _facts(3, 0, 0, "PER")):
        far = frozenset(a.row for a in ANCHORS)  # no nearness: only the country term
        gain = context_score(facts, "x", second, far, implied, [], None) - context_score(
            facts, "x", first, far, {}, [], None
        )
        assert anchor_country_gain(facts, "x", second, implied) == pytest.approx(gain)


def test_scoring_candidates_together_gives_each_ones_score() -> None:
    # context_scores reads the article once for a name's candidates: each score must be
    # the one the candidate gets alone, and the one explain()'s full scan gives.
    ctx = _prepared(frozenset({"USA"}))
    candidates = (
        _facts(1, 33.66, -95.56),  # near Dallas
        _facts(2, 48.0, 2.0, iso3="FRA"),  # near Paris and Lyon
        (3, _ADMIN1, "USA", 7, 31.0, -100.0, 0.86),  # contains Dallas and Houston
        (4, _COUNTRY, "SYR", -1, 35.0, 38.0, 0.82),
        _facts(5, 0.0, -160.0, iso3=None),  # far from everything
    )
    excluded = frozenset({100})
    implied = shares_without(ctx, excluded)
    together = context_scores(candidates, "x", ctx, excluded, implied, ["S"] * 8, None)
    alone = [context_score(f, "x", ctx, excluded, implied, ["S"] * 8, None) for f in candidates]
    notes_of: list[list[str]] = [[] for _ in candidates]
    explained = context_scores(candidates, "x", ctx, excluded, implied, ["S"] * 8, notes_of)
    assert together == alone == explained
    assert together[0] > together[4] and all(notes_of[:4])


def test_shares_without_are_kept_per_set_of_rows_left_out() -> None:
    ctx = _prepared()
    first = shares_without(ctx, (100, 555))  # Dallas left out, and a row of no anchor
    assert first == country_shares(tuple(a for a in ANCHORS if a.row != 100))
    # The same rows left out, asked again: the same answer, kept.
    assert shares_without(ctx, (555, 100)) is first
    # Other rows of the same country left out give their own shares.
    both = shares_without(ctx, (100, 101))
    assert both["USA"] == pytest.approx(1 / 8)
    # Rows that leave no anchor with a country out read the article's own shares.
    assert shares_without(ctx, (999,)) is ctx.implied


def test_the_anchors_state_lists_rows_by_name_and_points_by_latitude() -> None:
    twice = (*ANCHORS, _anchor(110, "Paris", "USA", 33.66, -95.56, False))
    ctx = make_prepared(frozenset(), twice, {}, make_spread((), (), (), []))
    assert ctx.name_row["Lima"] == 109 and ctx.name_row["Paris"] == -1  # two anchors
    assert [p[0] for p in ctx.near_points] == sorted(p[0] for p in ctx.near_points)
    assert {p[5] for p in ctx.near_points} == {a.row for a in twice if not a.is_area}
    assert {p[5] for p in ctx.area_points} == {102, 106}
    assert ctx.counts == {"USA": 4, "FRA": 2, "SYR": 2, "JPN": 1, "AUS": 1, "PER": 1}
    assert ctx.by_admin1 == {7: "Dallas"}  # every test anchor lies in admin-1 region 7
    assert ctx.named_admin1 == {}  # no anchor is an admin-1 region


def test_a_spread_keeps_its_readings_columns_in_latitude_order() -> None:
    readings = [(40.0, -3.7, 20.0, 1), (33.66, -95.56, 50.0, 0), (48.85, 2.35, 20.0, 2)]
    spread = make_spread(
        ("Paris", "Madrid", "Paris"), ("a", "b", "c"), ((1,), (2,), (3,)), readings
    )
    assert list(spread.lats) == [33.66, 40.0, 48.85]
    assert list(spread.lons) == [-95.56, -3.7, 2.35]
    assert list(spread.scales) == [50.0, 20.0, 20.0]
    assert list(spread.owners) == [0, 1, 2]
