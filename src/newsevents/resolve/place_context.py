"""Context scoring for place resolution: what an article's other place names add to each
candidate of a name (`context_scores`), and the per-article state it reads (`Prepared`).

The terms (places.py's module docstring gives the whole scoring):
- the candidate's country named in the article +3.5, x 3 / the number of countries it
  names when more than three (a country named only by the name being resolved does not
  count for itself), else the country of other places 1 + 3 x
  their share; a region across borders +3.5 when the article names countries;
- an admin-1 region containing another place of the article +1.5;
- a point inside an admin-1 region the article names ("Kentucky") 1.5 x the region's
  share of the article's other places that lie in admin-1 regions, unless the name also
  names an area ("Wales" beside "England");
- a point near another place's chosen answer 2 x exp(-km / 150) (exp(-km / 300) for an
  area's point; a country's point, its middle, lends none), or +1.5 when in the same
  admin-1 region (not one of 30 million people or more, `make_prepared`'s
  `broad_admin1`: sharing England or New York with London or New York City says little
  of which namesake is meant), or the spread: the sum over the other names of
  2 x exp(-km / 20) to the nearest of each one's point-like readings (exp(-km / 50)
  from a county's point), up to 3; whichever is most.
The answers of the name being resolved (its candidate rows) never count as its evidence.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

from newsevents.resolve.place_index import FEATURES

__all__ = [
    "Anchor",
    "Facts",
    "Point",
    "Prepared",
    "Spread",
    "context_scores",
    "country_shares",
    "make_prepared",
    "names_near",
    "shares_without",
]

_COUNTRY, _ADMIN1, _REGION = 0, 1, FEATURES.index("region")
_BROAD = frozenset({_COUNTRY, _ADMIN1, _REGION})  # no point-like proximity
IN_ARTICLE = 3.5  # a country the article names (when it names at most three)
_FULL_BONUS_COUNTRIES = 3
# A point inside a first-level region the article names, times that region's share of
# the article's places that lie in first-level regions: a local story's state counts, a
# national story's passing mention of a state much less.
IN_REGION = 1.5
_SAME_ADMIN1 = 1.5
_SPREAD_DEG = 2.0  # readings further apart than ~220 km add nothing
_SPREAD_DEG2 = _SPREAD_DEG**2
_SPREAD_WEIGHT = 2.0
_SPREAD_CAP = 3.0
_FAR_DEG = 13.5  # beyond ~1,500 km an anchor adds under 0.01
_FAR_DEG2 = _FAR_DEG**2
# The latitude band searched around a candidate: a little wider than _FAR_DEG, so that
# rounding can never drop an anchor the full scan would have counted.
_BAND_DEG = _FAR_DEG + 1e-3
_KM_PER_DEG = 111.2
_SCAN_ALL = 6
_NO_NAMES: frozenset[str] = frozenset()
_SEVERAL = -1  # Prepared.name_row of a name that several anchors bear
# The spread's answer for a row with no reading near: one object for all of them
_NOTHING_NEAR: tuple[float, tuple[tuple[int, float], ...]] = (0.0, ())

# (row, feature, iso3, admin1, lat, lon, cos lat): what context scoring reads of a row
Facts = tuple[int, int, str | None, int, float, float, float]
# (lat, lon, cos lat, is broad area, name, row) of an anchor: what the distance loop reads
Point = tuple[float, float, float, bool, str, int]


class Anchor(NamedTuple):
    """The answer chosen for one of the article's names (a tuple: see Spread)."""

    row: int
    name: str
    iso3: str | None
    admin1: int
    is_area: bool
    point: Point
    is_admin1: bool = False  # a first-level region ("Kentucky"), which the article names
    # a country, whose point (its middle) says nothing of which of its towns is meant
    is_country: bool = False


@dataclass(slots=True)
class Spread:
    """Every point-like reading of each other name of the article, sorted by latitude:
    their latitudes (for bisect), longitudes, km scales and name indices, a column each
    in an array (no object per reading for the garbage collector to count)."""

    names: tuple[str, ...]
    keys: tuple[str, ...]
    rows: tuple[tuple[int, ...], ...]
    lats: array[float]
    lons: array[float]
    scales: array[float]
    owners: array[int]
    # key -> row -> (bonus, ((name index, km), ...)): each pass asks again
    memo: dict[str, dict[int, tuple[float, tuple[tuple[int, float], ...]]]] = field(
        default_factory=dict
    )


def _no_spread() -> Spread:
    return Spread((), (), (), array("d"), array("d"), array("d"), array("l"))


def make_spread(
    names: tuple[str, ...],
    keys: tuple[str, ...],
    rows: tuple[tuple[int, ...], ...],
    readings: list[tuple[float, float, float, int]],
) -> Spread:
    """A Spread from the (lat, lon, km scale, name index) of every reading."""
    if not readings:
        return Spread(names, keys, rows, array("d"), array("d"), array("d"), array("l"))
    readings.sort()
    lats, lons, scales, owners = zip(*readings, strict=True)  # the columns, in C
    columns = array("d", lats), array("d", lons), array("d", scales), array("l", owners)
    return Spread(names, keys, rows, *columns)


@dataclass(slots=True)
class Prepared:
    """What one article's context offers the scoring: its named countries, the answers
    chosen for its names (anchors) and the readings of its names (spread)."""

    countries: frozenset[str]
    anchors: tuple[Anchor, ...]
    # iso3 -> keys of the article's place names that are that country's name or demonym
    named: dict[str, frozenset[str]] = field(default_factory=dict)
    by_admin1: dict[int, str] = field(default_factory=dict)  # admin-1 -> an anchor in it
    # anchor name -> the row of the anchor so named, _SEVERAL when more than one is (a
    # dict of strings and integers, which the garbage collector does not track)
    name_row: dict[str, int] = field(default_factory=dict)
    # admin-1 -> the region as the article names it outright, with the anchors that
    # weigh its share
    named_admin1: dict[int, NamedRegion] = field(default_factory=dict)
    points: tuple[Point, ...] = ()  # per anchor, in the anchors' order
    # every point-like reading of each other name, by latitude band
    spread: Spread = field(default_factory=_no_spread)
    # name -> its row, when the last pass changed no answer: resolving it again in this
    # context would score the same candidates against the same anchors
    settled: dict[str, int] = field(default_factory=dict)
    implied: dict[str, float] = field(default_factory=dict)  # iso3 -> share of anchors
    anchor_rows: frozenset[int] = frozenset()
    # the countries named or holding an anchor
    located: frozenset[str] = frozenset()
    # the row of the place the article is about (`place_focus`): -2 until worked out
    focus: int = -2
    # the anchor rows left out (those of the name being resolved) -> the others'
    # country shares
    evidence: dict[frozenset[int], dict[str, float]] = field(default_factory=dict)
    # the points of towns and of areas apart, each sorted by latitude (then by anchor
    # order), with their latitudes for bisect: a candidate reads only a band of them
    near_points: list[Point] = field(default_factory=list)
    near_lats: list[float] = field(default_factory=list)
    area_points: list[Point] = field(default_factory=list)
    area_lats: list[float] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # iso3 -> anchors in it
    in_article: float = IN_ARTICLE  # the bonus for a country the article names
    # name -> the first pass's ranking of its candidates (before any anchor), when the
    # second pass changed answers: only the rivals that could overtake its winner are
    # scored again (`_winner`)
    first: dict[str, list[tuple[float, int, str]]] = field(default_factory=dict)
    # whether the article may lie only in countries translit.yaml lists, whichever one
    # name is left out: no other country named, at most one anchor outside them, and
    # a town (not an area) among the anchors inside them
    translit_article: bool = False
    # the names of the anchors finer than a country that lie outside the countries
    # translit.yaml lists: a namesake abroad needs every other such anchor inside them
    outside_translit: frozenset[str] = frozenset()
    total: int = 0  # anchors with a country


def make_prepared(
    countries: frozenset[str],
    anchors: tuple[Anchor, ...],
    named: dict[str, frozenset[str]],
    spread: Spread,
    broad_admin1: frozenset[int] = frozenset(),
) -> Prepared:
    """The context state for one pass over the article's names, from their answers;
    an anchor in one of `broad_admin1` (admin-1 regions too populous for sharing one
    to be evidence) lends no same-region bonus."""
    # An article that names many countries says less about each: past
    # _FULL_BONUS_COUNTRIES the bonus is shared out ("Brussels" in a story naming seven
    # countries, the US among them, is not a village in Wisconsin).
    in_article = IN_ARTICLE * min(1.0, _FULL_BONUS_COUNTRIES / max(1, len(countries)))
    if not anchors:  # before the first pass: nothing to work out
        return Prepared(countries, anchors, named, spread=spread, in_article=in_article)
    by_admin1: dict[int, str] = {}
    name_row: dict[str, int] = {}
    counts: dict[str, int] = {}  # as country_counts
    near: list[Point] = []
    area: list[Point] = []
    any_admin1 = False
    # one walk over the anchors (unpacked: they are tuples) for all of it
    for row, name, iso3, admin1, is_area, point, is_admin1, is_country in anchors:
        if admin1 >= 0 and admin1 not in broad_admin1 and admin1 not in by_admin1:
            by_admin1[admin1] = name
        name_row[name] = row if name not in name_row else _SEVERAL
        if iso3:
            counts[iso3] = counts.get(iso3, 0) + 1
        if not is_area:
            near.append(point)
        elif not is_country:
            area.append(point)
        any_admin1 = any_admin1 or is_admin1
    named_admin1 = _named_regions(anchors) if any_admin1 else {}
    points = tuple([a[5] for a in anchors])
    total = sum(counts.values())
    # Sorted by latitude; Python's sort is stable, so equal latitudes keep anchor order.
    near.sort(key=_LAT)
    area.sort(key=_LAT)
    return Prepared(
        countries,
        anchors,
        named,
        by_admin1,
        name_row,
        named_admin1,
        points,
        spread,
        implied=_shares(counts, total),
        anchor_rows=frozenset([a[0] for a in anchors]),
        near_points=near,
        near_lats=[p[0] for p in near],
        area_points=area,
        area_lats=[p[0] for p in area],
        counts=counts,
        total=total,
        in_article=in_article,
    )


class NamedRegion(NamedTuple):
    """A first-level region the article names, and the anchors that weigh its share."""

    name: str
    row: int
    inside: tuple[int, ...]  # rows of the anchors in it (itself among them)
    regional: tuple[int, ...]  # rows of the anchors in any first-level region


def _named_regions(anchors: tuple[Anchor, ...]) -> dict[int, NamedRegion]:
    """The admin-1 regions among the anchors, with the anchors inside each and those
    inside any admin-1 region."""
    found: dict[int, NamedRegion] = {}
    for a in anchors:
        if a.is_admin1 and a.admin1 not in found:
            inside = tuple(b.row for b in anchors if b.admin1 == a.admin1)
            regional = tuple(b.row for b in anchors if b.admin1 >= 0)
            found[a.admin1] = NamedRegion(a.name, a.row, inside, regional)
    return found


def region_share(region: NamedRegion, row_set: Collection[int]) -> float:
    """The region's share of the anchors that lie in first-level regions, those of the
    name being resolved (`row_set`) left out."""
    inside = sum(1 for r in region.inside if r not in row_set)
    regional = sum(1 for r in region.regional if r not in row_set)
    return inside / regional if regional else 0.0


_LAT = itemgetter(0)  # of a Point: its latitude


def country_counts(anchors: tuple[Anchor, ...]) -> dict[str, int]:
    """How many anchors lie in each country."""
    located: dict[str, int] = {}
    for a in anchors:
        iso3 = a.iso3
        if iso3:
            located[iso3] = located.get(iso3, 0) + 1
    return located


def country_shares(anchors: tuple[Anchor, ...]) -> dict[str, float]:
    """The share of the anchors in each country."""
    located = country_counts(anchors)
    return _shares(located, sum(located.values()))


def _shares(counts: dict[str, int], total: int) -> dict[str, float]:
    """Each country's share of `total`, the countries of no count left out. (A helper
    for speed: a comprehension that reads its function's locals makes them cells,
    allocated on every call of that function.)"""
    return {iso3: n / total for iso3, n in counts.items() if n}


def shares_without(ctx: Prepared, rows: Collection[int]) -> dict[str, float]:
    """The country shares of the anchors whose rows are not among `rows` (the readings
    of the name being resolved), kept per list of countries left out."""
    if ctx.anchor_rows.isdisjoint(rows):
        return ctx.implied  # the usual case: no new set to make
    excluded = ctx.anchor_rows.intersection(rows)
    known = ctx.evidence.get(excluded)
    if known is None:
        known = ctx.evidence[excluded] = _shares_excluding(ctx, excluded)
    return known


def _shares_excluding(ctx: Prepared, excluded: frozenset[int]) -> dict[str, float]:
    """The country shares of the anchors whose rows are not among `excluded`."""
    lost = [a.iso3 for a in ctx.anchors if a.row in excluded and a.iso3]
    if not lost:
        return ctx.implied
    # The counts of all anchors less those left out: the same integers, so the same
    # shares as counting the others afresh.
    counts = dict(ctx.counts)
    for iso3 in lost:
        counts[iso3] -= 1
    return _shares(counts, ctx.total - len(lost))


def _nearest_named(
    points: tuple[Point, ...], lat: float, lon: float, row_set: Collection[int], area: bool
) -> tuple[float, str]:
    """The least squared distance from (lat, lon) to the points of one kind outside
    `row_set`, every point visited in anchor order, with the name of the first nearest
    one (for explain(), which checks the banded search of context_scores)."""
    best, name = _FAR_DEG2, ""
    for a_lat, a_lon, coslat, a_is_area, a_name, a_row in points:
        if a_is_area != area or a_row in row_set:
            continue
        dy = lat - a_lat
        dx = (lon - a_lon) * coslat
        d2 = dx * dx + dy * dy
        if d2 < best:
            best, name = d2, a_name
    return best, name


def _note(notes: list[str] | None, value: float, text: str) -> float:
    """Record a scoring term for explain() and return its value."""
    if notes is not None:
        notes.append(f"{text} {value:+.2f}")
    return value


def context_scores(
    candidates: Sequence[Facts],
    key: str,
    ctx: Prepared,
    row_set: Collection[int],
    implied: dict[str, float],
    admin1_names: list[str],
    notes_of: Sequence[list[str]] | None,
    regional: bool = True,
) -> list[float]:
    """Evidence from the article for each candidate of a name (see the module
    docstring): `row_set` holds the candidate rows of the name being resolved, whose
    anchors do not count, and `implied` the other anchors' country shares
    (`shares_without`); `regional` False when the name also names an area, whose towns
    a named region does not lift; `notes_of`, for explain(), a list per candidate that
    receives its terms. One call scores them all: what the article offers is read once."""
    explain = notes_of is not None  # texts are built only when someone reads them
    countries, named, in_article = ctx.countries, ctx.named, ctx.in_article
    only_key = {key}
    across = bool(countries or implied)  # a region across borders counts
    anchors = ctx.anchors
    near_points, near_lats = ctx.near_points, ctx.near_lats
    area_points, area_lats = ctx.area_points, ctx.area_lats
    spread = ctx.spread
    memo: dict[int, tuple[float, tuple[tuple[int, float], ...]]] | None = None
    if spread.lats:
        memo = spread.memo.get(key)
        if memo is None:
            memo = spread.memo[key] = {}
    named_admin1 = ctx.named_admin1 if regional else None
    by_admin1, name_row = ctx.by_admin1, ctx.name_row
    scores: list[float] = []
    for i, facts in enumerate(candidates):
        notes = notes_of[i] if notes_of is not None else None
        r, feature, iso3, admin1, lat, lon, _ = facts
        score = 0.0
        if iso3 in countries and (
            feature != _COUNTRY or not named.get(iso3 or "", _NO_NAMES) <= only_key
        ):
            # A country named only by the name being resolved is no evidence for itself.
            bonus = in_article
            score += bonus
            if explain:
                _note(notes, bonus, f"country {iso3} in article")
        elif iso3 is not None and iso3 in implied:
            share = implied[iso3]
            score += 1.0 + 3.0 * share
            if explain:
                _note(notes, 1.0 + 3.0 * share, f"country {iso3} of {share:.0%} of places")
        elif iso3 is None and feature == _REGION and across:
            # A region across borders ("Middle East", "Sahel") has no country to be
            # named, yet an article that names countries is as much about it.
            score += IN_ARTICLE
            if explain:
                _note(notes, IN_ARTICLE, "region across the article's countries")
        if feature in _BROAD:
            if feature == _ADMIN1 and admin1 >= 0:
                inside = _first_inside(anchors, admin1, row_set)
                if inside is not None:
                    score += _SAME_ADMIN1
                    if explain:
                        _note(notes, _SAME_ADMIN1, f"contains {inside}")
            scores.append(score)
            continue
        # Nearness and a shared region are one kind of evidence: the stronger counts.
        if explain:
            point_d2, point_name = _nearest_named(ctx.points, lat, lon, row_set, False)
            area_d2, area_name = _nearest_named(tuple(area_points), lat, lon, row_set, True)
        else:
            # The least squared distance (in degrees, each point's longitude scaled by
            # its own cos lat) to the points outside `row_set`, capped at _FAR_DEG2:
            # only the points within the latitude band that could come closer are
            # visited (a few points are cheaper to visit all than to bisect).
            point_d2 = area_d2 = _FAR_DEG2
            if near_points:  # none in the first pass
                points = near_points
                if len(points) > _SCAN_ALL:
                    low = bisect_right(near_lats, lat - _BAND_DEG)
                    points = points[low : bisect_left(near_lats, lat + _BAND_DEG, low)]
                for a_lat, a_lon, coslat, _, _, a_row in points:
                    dy = lat - a_lat
                    dx = (lon - a_lon) * coslat
                    d2 = dx * dx + dy * dy
                    if d2 < point_d2 and a_row not in row_set:
                        point_d2 = d2
            if area_points:
                points = area_points
                if len(points) > _SCAN_ALL:
                    low = bisect_right(area_lats, lat - _BAND_DEG)
                    points = points[low : bisect_left(area_lats, lat + _BAND_DEG, low)]
                for a_lat, a_lon, coslat, _, _, a_row in points:
                    dy = lat - a_lat
                    dx = (lon - a_lon) * coslat
                    d2 = dx * dx + dy * dy
                    if d2 < area_d2 and a_row not in row_set:
                        area_d2 = d2
            point_name = area_name = ""
        best, text = 0.0, ""
        if point_d2 < _FAR_DEG2:
            km = _KM_PER_DEG * math.sqrt(point_d2)
            best = 2.0 * math.exp(-km / 150)
            text = f"{km:.0f} km from {point_name}" if explain else ""
        if area_d2 < _FAR_DEG2:
            km = _KM_PER_DEG * math.sqrt(area_d2)
            bonus = math.exp(-km / 300)
            if bonus > best:
                best, text = bonus, f"{km:.0f} km from {area_name}" if explain else ""
        # Readings of other names close by, whichever readings the first pass picked:
        # each weaker with distance (faster than for the chosen anchors, since one of
        # many readings may be close by chance), and several add up to _SPREAD_CAP.
        if memo is not None:
            known = memo.get(r)  # each pass asks again: no call for a known answer
            total, near = known if known is not None else _spread_score(facts, key, spread, memo)
            if total > best:
                best = total
                if explain:
                    text = _spread_text(spread, near)
        if named_admin1 and admin1 >= 0:
            region = named_admin1.get(admin1)
            if region is not None and region.row not in row_set:
                # The article names the place's own state or province ("Kentucky"):
                # evidence of the kind a named country gives, on top of any nearness
                # ("Madison County" beside "Kentucky" and "Atlanta" is the one in
                # Kentucky).
                share = region_share(region, row_set)
                score += IN_REGION * share
                if explain:
                    _note(
                        notes, IN_REGION * share, f"region {region.name} in article ({share:.0%})"
                    )
        if admin1 >= 0 and best < _SAME_ADMIN1:
            shared = by_admin1.get(admin1)
            if shared is not None and (
                name_row[shared] not in row_set
                if name_row[shared] != _SEVERAL
                else _named_outside(anchors, shared, row_set)
            ):
                best = _SAME_ADMIN1
                if explain:
                    text = f"in {admin1_names[admin1]} like {shared}"
        if best >= 0.01:
            score += best
            if explain:
                _note(notes, best, text)
        scores.append(score)
    return scores


# context_scores's helpers below hold the comprehensions over its locals, which would
# make them cells, allocated on every call (for speed).


def _first_inside(anchors: tuple[Anchor, ...], admin1: int, row_set: Collection[int]) -> str | None:
    """The name of the first anchor, not an area, inside admin-1 region `admin1` and
    not among `row_set`, else None."""
    for a in anchors:
        if not a.is_area and a.admin1 == admin1 and a.row not in row_set:
            return a.name
    return None


def _named_outside(anchors: tuple[Anchor, ...], name: str, row_set: Collection[int]) -> bool:
    """Whether an anchor of `name` lies outside `row_set`."""
    return any(a.name == name and a.row not in row_set for a in anchors)


def _spread_text(spread: Spread, near: tuple[tuple[int, float], ...]) -> str:
    """explain()'s words for the readings near a candidate."""
    names = spread.names
    return ", ".join(f"{km:.0f} km from a {names[ni]}" for ni, km in near)


def anchor_country_gain(facts: Facts, key: str, ctx: Prepared, implied: dict[str, float]) -> float:
    """What anchors add to a candidate's country evidence over a pass without anchors (as
    context_scores: a country the article names counts either way; otherwise the
    anchors' share of its country, or a region across borders when only anchors
    give the article countries)."""
    _, feature, iso3, _, _, _, _ = facts
    if iso3 in ctx.countries and (
        feature != _COUNTRY or not ctx.named.get(iso3 or "", _NO_NAMES) <= {key}
    ):
        return 0.0
    if iso3 is not None and iso3 in implied:
        return 1.0 + 3.0 * implied[iso3]
    if iso3 is None and feature == _REGION and not ctx.countries and implied:
        return IN_ARTICLE
    return 0.0


def region_gain(admin1: int, ctx: Prepared, row_set: Collection[int]) -> float:
    """The named-region evidence context_scores gives a point in `admin1` (0 when the
    article does not name that region)."""
    named = ctx.named_admin1.get(admin1) if admin1 >= 0 else None
    if named is None or named.row in row_set:
        return 0.0
    return IN_REGION * region_share(named, row_set)


def names_near(spread: Spread, lat: float, lon: float, key: str, km: float) -> tuple[int, int]:
    """How many of the article's other names (not `key`) have a point-like reading within
    `km` of (lat, lon), whichever reading their own answers took, and how many other
    names have readings at all."""
    deg = km / _KM_PER_DEG
    lats, lons, owners = spread.lats, spread.lons, spread.owners
    coslat = math.cos(math.radians(lat))
    near: set[int] = set()
    for k in range(bisect_right(lats, lat - deg), bisect_left(lats, lat + deg)):
        ni = owners[k]
        if ni in near or spread.keys[ni] == key:
            continue
        dy = lat - lats[k]
        dx = (lon - lons[k]) * coslat
        if dx * dx + dy * dy <= deg * deg:
            near.add(ni)
    return len(near), sum(1 for k in spread.keys if k != key)


def spread_score(
    facts: Facts, key: str, spread: Spread
) -> tuple[float, tuple[tuple[int, float], ...]]:
    """The bonus for readings of the article's other names near a row, and which
    (name index, km) they are. Only readings within _SPREAD_DEG degrees of latitude
    (by bisect) and within the longitude window are visited."""
    memo = spread.memo.get(key)
    if memo is None:
        memo = spread.memo[key] = {}
    else:
        known = memo.get(facts[0])
        if known is not None:
            return known
    return _spread_score(facts, key, spread, memo)


def _spread_score(
    facts: Facts,
    key: str,
    spread: Spread,
    memo: dict[int, tuple[float, tuple[tuple[int, float], ...]]],
) -> tuple[float, tuple[tuple[int, float], ...]]:
    """spread_score for a row not yet in `memo`, the key's answers, which keeps it."""
    r, _, _, _, lat, lon, coslat = facts
    lats = spread.lats
    low = bisect_right(lats, lat - _SPREAD_DEG)
    high = bisect_left(lats, lat + _SPREAD_DEG, low)
    if low == high:  # most rows: no reading within the latitude band
        memo[r] = _NOTHING_NEAR
        return _NOTHING_NEAR
    window = _SPREAD_DEG / max(coslat, 0.05)
    west, east = lon - window, lon + window
    best: dict[int, tuple[float, float]] = {}
    rows, keys = spread.rows, spread.keys
    lons, scales, owners = spread.lons, spread.scales, spread.owners
    for k in range(low, high):
        s_lon = lons[k]
        if s_lon < west or s_lon > east:
            continue
        dy = lat - lats[k]
        dx = (lon - s_lon) * coslat
        d2 = dx * dx + dy * dy
        if d2 >= _SPREAD_DEG2:
            continue
        ni = owners[k]
        if keys[ni] == key or r in rows[ni]:
            continue
        km = _KM_PER_DEG * math.sqrt(d2)
        bonus = _SPREAD_WEIGHT * math.exp(-km / scales[k])
        known = best.get(ni)
        if known is None or bonus > known[0]:
            best[ni] = (bonus, km)
    if not best:
        memo[r] = _NOTHING_NEAR
        return _NOTHING_NEAR
    total = 0.0
    near: list[tuple[int, float]] = []
    for ni in sorted(best):
        bonus, km = best[ni]
        if bonus >= 0.01:
            total += bonus
            near.append((ni, km))
    result = (min(total, _SPREAD_CAP), tuple(near)) if near else _NOTHING_NEAR
    memo[r] = result
    return result
