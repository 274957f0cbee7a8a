"""The place an article is about (its focus), from the entries its place names resolved to.

A place name the gazetteer cannot know (a street, a building, a stadium, a river: "Royal
Street", "Barclays Center") is still known to be a place: in a local news article it
lies in or near the town the article is about, which is what an analyst codes it to
(ACLED's geo_precision 2: "near" a known place). The focus is:

- the dateline's place when the article has one;
- else the point-like entry (a town, city or county) most supported by the others:
  each other entry within _NEAR_KM, and each admin-1 region or country containing it,
  counts once; ties go to towns over counties, then to the larger place;
- else (only areas named) the most specific area: a county, then a first-level region,
  then a country, then a region across borders; ties to the one most others lie in.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsevents.resolve.place_index import FEATURES, PlaceIndex, great_circle_km

_COUNTRY, _ADMIN1, _REGION, _ADMIN2 = (
    FEATURES.index(f) for f in ("country", "admin1", "region", "admin2")
)
_NEAR_KM = 161.0  # the radius geoparsers count as "right": places this close agree
# How specific an area is, for articles that name only areas.
_AREA_RANK = {_ADMIN2: 3, _ADMIN1: 2, _COUNTRY: 1, _REGION: 0}


def _support(index: PlaceIndex, row: int, rows: Sequence[int]) -> int:
    """How many of the other entries agree with `row`: near it, or an area holding it."""
    feature, country, admin1 = index.feature, index.country, index.admin1
    lat, lon = index.lat[row], index.lon[row]
    total = 0
    for other in rows:
        if other == row:
            continue
        f = feature[other]
        if f == _COUNTRY:
            total += country[other] == country[row]
        elif f == _ADMIN1:
            total += admin1[other] >= 0 and admin1[other] == admin1[row]
        elif f == _REGION:
            continue  # a region's point says little about what lies in it
        else:
            total += great_circle_km(lat, lon, index.lat[other], index.lon[other]) <= _NEAR_KM
    return total


def article_focus(index: PlaceIndex, rows: Sequence[int], dateline_row: int | None) -> int | None:
    """The row of the place the article is about, from the rows its place names resolved
    to (see the module docstring), or None when it names no place."""
    if dateline_row is not None:
        return dateline_row
    unique = list(dict.fromkeys(rows))
    feature, population = index.feature, index.population
    points = [r for r in unique if feature[r] not in (_COUNTRY, _ADMIN1, _REGION)]
    if points:
        return max(
            points,
            key=lambda r: (_support(index, r, unique), feature[r] != _ADMIN2, population[r]),
        )
    if not unique:
        return None
    return max(
        unique,
        key=lambda r: (_AREA_RANK.get(feature[r], 0), _support(index, r, unique)),
    )
