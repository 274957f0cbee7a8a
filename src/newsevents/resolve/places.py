"""Resolve place names to gazetteer entries with coordinates, admin-1 region, country
and an ACLED-style geo_precision, using the article's other places as context.

The index behind it (GeoNames cities500, countries, admin-1 and admin-2 names, and the
supplementary gazetteer CSV) is built and cached by `gazetteer_index`.

Matching a name, in order: a demonym ("Syrian" is Syria); the exact normalised key
(case, diacritics, apostrophes, hyphens and a leading "the" ignored); the key without
Arabic articles ("al-", "as-", "ez-" ...); the same after peeling "in"/"near",
direction words ("northern Syria") and region words ("Idlib province"); and, for
resolve() only, a consonant skeleton that equates transliterations ("Deir Ezzor" ~
"Dayr az Zawr"). A country's own name drops that country's towns of the same name.

Scoring a candidate (explain() shows the terms):
- prior: country 6; admin-1 region or named area 3.2; admin-2 area 2.5; a populated
  place 0.6 x log10(pop + 10), +1 for a supplement conflict village (UCDP), +1.5 for
  another supplement place;
- a place of 20,000+ people whose admin-1 region is also a candidate +1 (a bare
  "Idlib" is the city, "Idlib province" the region);
- country mentioned in the article +3.5 (a country named only by the name being
  resolved does not count for itself), else country of other places in the article
  1 + 2 x their share;
- an admin-1 region containing another place of the article +1.5; a point near
  another place 2 x exp(-km / 150) (exp(-km / 300) for a region's point), or +1.5 when
  in the same admin-1 region, or the sum over the other names of 2 x exp(-km / 20) to
  the nearest of each one's point-like readings, up to 3 ("Paris" beside "Henry
  County" is Paris, Tennessee, whichever Henry County the first pass chose), whichever
  is most;
- "X province" +3 for areas and -2 for points; "northern X" +1.5 for areas;
- a match only without its article -2.5; only by skeleton -1.
A name written as an abbreviation ("EU", "U.S.") means only the abbreviated entries.
In an article's context only the 25 likeliest candidates are scored (areas and
supplement places first, then by population): context cannot lift a hamlet far down a
list of namesakes, and scoring them all would cost the speed.
The other places of the article are resolved first, twice (each against the others'
first answers), and serve as anchors for the rest.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from newsevents.records import Place
from newsevents.resolve.gazetteer_index import (
    AREA_FEATURES,
    FEATURES,
    NO_COUNTRY,
    SKELETON_MIN_LENGTH,
    SRC_CONFLICT,
    SRC_GEONAMES,
    SRC_SUPPLEMENT,
    PlaceIndex,
    bare_key,
    load_or_build,
    name_key,
    skeleton,
)

__all__ = ["Gazetteer", "PlaceCandidate", "PlaceContext", "get_gazetteer"]

_COUNTRY, _ADMIN1, _ADMIN2 = 0, 1, FEATURES.index("admin2")
_BROAD = frozenset({_COUNTRY, _ADMIN1, FEATURES.index("region")})  # no point-like proximity
_CACHE_LIMIT = 100_000
_MAX_SCORED = 25  # candidates scored in context, areas and supplement places first
_COUNTRY_PRIOR = 6.0
_ALTERNATE_NAME = -2.0
_COUNTRY_NAMESAKE = -1.0
_CAPITALS_MIN_LENGTH = 5  # "CHARLESTON" is a place; "SANA" (a news agency) is not
_SPREAD_LIMIT = 60
_SPREAD_DEG = 2.0  # readings further apart than ~220 km add nothing
_SPREAD_KM = 20.0
_SPREAD_WEIGHT = 2.0
_SPREAD_CAP = 3.0
_SINGLE_WORD_MIN_POPULATION = 1000
_ANY_NAME_MIN_POPULATION = 10_000
_NAMESAKE_MIN_POPULATION = 20_000
_FAR_DEG2 = 13.5**2  # beyond ~1,500 km an anchor adds under 0.01


@dataclass(frozen=True)
class PlaceContext:
    """What the article says about where it is: countries (iso3) it mentions, the other
    place names in it, and its dateline place."""

    countries: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    dateline: str | None = None


@dataclass(frozen=True)
class PlaceCandidate:
    """One gazetteer entry a name may mean, with its score and why."""

    place: Place
    score: float
    reason: str


@dataclass(frozen=True)
class _Query:
    key: str  # the key that matched (after peeling prefixes and suffixes)
    rows: tuple[int, ...]
    penalised: frozenset[int]  # rows reached only through the article-less key
    how: str  # "name", "name without article", "similar spelling"
    near: bool = False
    area: bool = False  # a direction word: "northern Syria"
    region: bool = False  # a region word: "Idlib province"
    fuzzy: frozenset[int] = frozenset()  # rows added by skeleton for the context's sake


@dataclass(frozen=True)
class _Anchor:
    row: int
    name: str
    lat: float
    lon: float
    iso3: str | None
    admin1: int
    is_area: bool
    coslat: float  # for equirectangular distances in degrees


@dataclass(frozen=True)
class _Prepared:
    countries: frozenset[str]
    anchors: tuple[_Anchor, ...]
    # iso3 -> keys of the article's place names that are that country's name or demonym
    named: dict[str, frozenset[str]] = field(default_factory=dict)
    by_admin1: dict[int, str] = field(default_factory=dict)  # admin-1 -> an anchor in it
    # (lat, lon, cos lat, is broad area, name, row) per anchor, for the distance loop
    points: tuple[tuple[float, float, float, bool, str, int], ...] = ()
    # every point-like reading of each other name: (name, rows, ((lat, lon), ...))
    spread: tuple[tuple[str, frozenset[int], tuple[tuple[float, float], ...]], ...] = ()


def _rows(value: int | tuple[int, ...] | None) -> tuple[int, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


@lru_cache(maxsize=_CACHE_LIMIT)
def _key(text: str) -> str:
    return name_key(text)


def _abbreviation_ok(raw: str, key: str) -> bool:
    """Whether `raw` writes the abbreviation `key` in capitals or with its dots
    ("US", "U.S.", "Tenn." but not "us" or "Miss")."""
    letters = key.replace(" ", "")
    for token in raw.split():
        bare = "".join(c for c in token if c.isalpha())
        if bare.casefold() == letters and (bare.isupper() or "." in token):
            return True
    return False


def _note(notes: list[str] | None, value: float, text: str) -> float:
    """Record a scoring term for explain() and return its value."""
    if notes is not None:
        notes.append(f"{text} {value:+.2f}")
    return value


class Gazetteer:
    """Place lookup over the cached GeoNames + supplement index."""

    def __init__(self, index: PlaceIndex) -> None:
        self._index = index
        self._words = index.words
        self._prepared: dict[PlaceContext, _Prepared] = {}
        self._country_rows = index.country_rows
        self._resolved: dict[tuple[str, PlaceContext | None], Place | None] = {}

    @classmethod
    def load(
        cls,
        cache_dir: Path | None = None,
        extra_csv: Path | None = None,
        *,
        cities_json: Path | None = None,
    ) -> Gazetteer:
        """Load the cached index (building it on first use, under 60 s) with an optional
        user CSV; `cities_json` swaps in a small GeoNames cities file (tests)."""
        return cls(load_or_build(cache_dir, extra_csv, cities_json))

    # ------------------------------------------------------------------ public API

    def candidates(self, name: str) -> list[Place]:
        """Every entry the name may mean, in index order, with the precision it implies."""
        query = self._lookup(name, fuzzy=True)
        if query is None:
            return []
        return [self._place(r, query) for r in query.rows]

    def resolve(self, name: str, context: PlaceContext | None = None) -> Place | None:
        """The most likely entry for a place name in an article's context, or None."""
        cache_key = (name, context)
        if cache_key in self._resolved:
            return self._resolved[cache_key]
        query = self._lookup(name, fuzzy=True)
        place = None
        if query is not None:
            prepared = self._prepare(context)
            query = self._widen(query, prepared)
            ranked = self._rank(query, prepared, explain=False)
            place = self._place(ranked[0][1], query)
            # A match by similar spelling alone is trusted only inside a country the
            # article is about: "Euphrates" must not become a town in Colombia.
            if query.how == "similar spelling" and (
                context is None or place.iso3 not in context.countries
            ):
                place = None
        if len(self._resolved) >= _CACHE_LIMIT:
            self._resolved.clear()
        self._resolved[cache_key] = place
        return place

    def explain(self, name: str, context: PlaceContext | None = None) -> list[PlaceCandidate]:
        """All candidates for a name with their scores and the reasons, best first."""
        query = self._lookup(name, fuzzy=True)
        if query is None:
            return []
        prepared = self._prepare(context)
        query = self._widen(query, prepared)
        ranked = self._rank(query, prepared, explain=True)
        return [
            PlaceCandidate(self._place(row, query), round(score, 3), reason)
            for score, row, reason in ranked
        ]

    def is_place_name(self, name: str) -> bool:
        """Whether a capitalised span names a known place. The rule, tuned for
        precision on English news:
        - a span without a capital letter, or a demonym ("Syrian"), is not a place;
        - names match exactly or without Arabic articles, never by skeleton;
        - a single word listed in place_words.yaml `common_words` counts only when it
          names a country ("Jordan", not "Police" or "Many");
        - a single word in capitals ("UN", "SANA") counts only as a country, region or
          listed abbreviation ("US", "UK");
        - another single word counts when it names a country or region, a supplement
          place, a place of at least 1,000 people under its main name (articles
          aside: "Zabadani" for Az Zabadani), or one of at least 10,000 under any of
          its GeoNames alternate names ("Kobane")."""
        if not any(c.isupper() for c in name):
            return False
        key = _key(name)
        if self._demonym(key) is not None or key in self._words.references_only:
            return False
        query = self._lookup(name, fuzzy=False, demonyms=False)
        if query is None:
            return False
        if " " in query.key:
            return True
        idx = self._index
        rows = query.rows
        if query.key in self._words.common_words:
            return any(idx.feature[r] == _COUNTRY for r in rows)
        letters = "".join(c for c in name if c.isalpha())
        if letters.isupper() and len(letters) > 1:
            return any(idx.feature[r] in _BROAD for r in rows)
        for r in rows:
            if idx.feature[r] in AREA_FEATURES or idx.source[r] != SRC_GEONAMES:
                return True
            pop = idx.population[r]
            if pop >= _ANY_NAME_MIN_POPULATION:
                return True
            main = _key(idx.names[r])
            if pop >= _SINGLE_WORD_MIN_POPULATION and query.key in (
                main,
                bare_key(main, self._words.articles),
            ):
                return True
        return False

    def is_place_reference(self, name: str) -> bool:
        """Whether a capitalised span refers to a place at all, as geoparsers count them:
        a place name (is_place_name), a country's demonym ("Syrian", "Russians"), an
        adjective or name listed in place_words.yaml `references_only` ("European",
        "EU"), or a place name written in capitals ("CHARLESTON")."""
        if not any(c.isupper() for c in name):
            return False
        if self.is_place_name(name):
            return True
        key = _key(name)
        if self._demonym(key) is not None or key in self._words.references_only:
            return True
        letters = "".join(c for c in name if c.isalpha())
        return (
            len(letters) >= _CAPITALS_MIN_LENGTH
            and name.isupper()
            and (self.is_place_name(name.title()))
        )

    def country_for(self, name: str) -> str | None:
        """The iso3 code for a country name, alias or demonym ("Syrian" -> SYR,
        "U.S." -> USA), else None."""
        key = _key(name)
        iso3 = self._demonym(key)
        if iso3 is not None:
            return iso3
        idx = self._index
        rows = _rows(idx.keys.get(key))
        if key in idx.acronyms and _abbreviation_ok(name, key):
            rows = _rows(idx.acronyms[key]) + rows
        for r in rows:
            if idx.feature[r] == _COUNTRY:
                return idx.countries[idx.country[r]][1]
        return None

    # ------------------------------------------------------------------ matching

    def _demonym(self, key: str) -> str | None:
        demonyms = self._words.demonyms
        if key in demonyms:
            return demonyms[key]
        if key.endswith("s") and key[:-1] in demonyms:  # "Syrians", "Palestinians"
            return demonyms[key[:-1]]
        return None

    def _match(
        self, key: str, raw: str, fuzzy: bool
    ) -> tuple[tuple[int, ...], frozenset[int], str]:
        idx = self._index
        if key in idx.acronyms and _abbreviation_ok(raw, key):
            # Written as an abbreviation, it is the abbreviation, not the town of Eu.
            return _rows(idx.acronyms[key]), frozenset(), "name"
        rows = _rows(idx.keys.get(key))
        bare = bare_key(key, self._words.articles)
        if bare != key:
            # The query has an article: names written with or without one both match.
            extra = _rows(idx.keys.get(bare)) + _rows(idx.bare_keys.get(bare))
            rows = tuple(dict.fromkeys(rows + extra))
            if rows:
                return rows, frozenset(), "name"
        elif rows:
            unarticled = tuple(r for r in _rows(idx.bare_keys.get(key)) if r not in rows)
            return rows + unarticled, frozenset(unarticled), "name"
        else:
            rows = _rows(idx.bare_keys.get(key))
            if rows:
                return rows, frozenset(), "name without article"
        if fuzzy:
            skel = skeleton(key, self._words.articles)
            if len(skel) >= SKELETON_MIN_LENGTH:
                rows = _rows(idx.skeletons.get(skel))
                if rows:
                    return rows, frozenset(), "similar spelling"
        return (), frozenset(), ""

    def _lookup(self, name: str, fuzzy: bool, demonyms: bool = True) -> _Query | None:
        key = _key(name)
        if not key:
            return None
        if demonyms:
            iso3 = self._demonym(key)
            if iso3 in self._country_rows:
                return _Query(key, (self._country_rows[iso3],), frozenset(), "demonym")
        rows, penalised, how = self._match(key, name, fuzzy=False)
        if rows:
            return _Query(key, rows, penalised, how)
        core, near, area, region = self._peel(key)
        if core and core != key:
            rows, penalised, how = self._match(core, name, fuzzy=False)
        if not rows and fuzzy and core:
            rows, penalised, how = self._match(core, name, fuzzy=True)
        if not rows:
            return None
        return _Query(core, rows, penalised, how, near, area, region)

    def _peel(self, key: str) -> tuple[str, bool, bool, bool]:
        """Strip 'in', 'near', direction and region words: the core name and flags."""
        w = self._words
        near = area = region = False
        for prefix in w.plain_prefixes:
            if key.startswith(prefix + " "):
                key = key[len(prefix) + 1 :]
                break
        for prefix in w.near_prefixes:
            if key.startswith(prefix + " "):
                key, near = key[len(prefix) + 1 :], True
                break
        key = key[4:] if key.startswith("the ") else key
        for prefix in w.region_prefixes:
            if key.startswith(prefix + " "):
                key, region = key[len(prefix) + 1 :], True
                break
        for direction in sorted(w.directions, key=len, reverse=True):
            if key.startswith(direction + " "):
                key, area = key[len(direction) + 1 :], True
                break
        tokens = key.split()
        if len(tokens) > 1 and tokens[-1] in w.region_suffixes:
            key, region = " ".join(tokens[:-1]), True
        key = key[4:] if key.startswith("the ") else key
        return key, near, area, region

    def _widen(self, query: _Query, ctx: _Prepared | None) -> _Query:
        """Add similarly spelt places in the article's countries when no exact match is
        there ("Ras al-Ain" in a Syrian story is Ra's al 'Ayn, not a Moroccan village)."""
        if ctx is None or query.how == "similar spelling":
            return query
        countries = ctx.countries | {a.iso3 for a in ctx.anchors if a.iso3}
        if not countries:
            return query
        idx = self._index
        if any(self._iso3(r) in countries for r in query.rows):
            return query
        skel = skeleton(query.key, self._words.articles)
        extra = tuple(
            r
            for r in _rows(idx.skeletons.get(skel))
            if r not in query.rows and self._iso3(r) in countries
        )
        if len(skel) < SKELETON_MIN_LENGTH or not extra:
            return query
        return replace(query, rows=query.rows + extra, fuzzy=frozenset(extra))

    def _iso3(self, r: int) -> str | None:
        ci = self._index.country[r]
        return self._index.countries[ci][1] if ci != NO_COUNTRY else None

    # ------------------------------------------------------------------ scoring

    def _prepare(self, context: PlaceContext | None) -> _Prepared | None:
        """Resolve the article's other places once per context: first each on its own
        (with the article's countries), then each again against the others' first
        answers, so that "Alexandria" and "Virginia" settle on each other."""
        if context is None:
            return None
        prepared = self._prepared.get(context)
        if prepared is not None:
            return prepared
        countries = frozenset(c.upper() for c in context.countries)
        names = (*context.places, *((context.dateline,) if context.dateline else ()))
        named: dict[str, set[str]] = {}
        queries: list[tuple[str, _Query]] = []
        for name in dict.fromkeys(names):
            iso3 = self.country_for(name)
            if iso3 is not None:
                named.setdefault(iso3, set()).add(_key(name))
            query = self._lookup(name, fuzzy=False)
            if query is not None:
                queries.append((name, query))
        frozen_named = {k: frozenset(v) for k, v in named.items()}
        spread = self._spread(queries)
        prepared = _Prepared(countries, (), frozen_named, spread=spread)
        for _ in range(2):
            anchors = tuple(
                self._anchor(name, self._rank(query, prepared, explain=False)[0][1])
                for name, query in queries
            )
            by_admin1: dict[int, str] = {}
            for a in anchors:
                if a.admin1 >= 0:
                    by_admin1.setdefault(a.admin1, a.name)
            points = tuple((a.lat, a.lon, a.coslat, a.is_area, a.name, a.row) for a in anchors)
            prepared = _Prepared(countries, anchors, frozen_named, by_admin1, points, spread)
        if len(self._prepared) >= 1024:
            self._prepared.clear()
        self._prepared[context] = prepared
        return prepared

    def _spread(
        self, queries: list[tuple[str, _Query]]
    ) -> tuple[tuple[str, frozenset[int], tuple[tuple[float, float], ...]], ...]:
        """The point-like readings (towns, counties) of each other name of the article, the
        most populous first and at most _SPREAD_LIMIT of them: "Paris" next to "Henry
        County" is the Paris that has a Henry County beside it, whichever reading
        of either the first pass picked."""
        idx = self._index
        out = []
        for name, query in queries:
            rows = [r for r in query.rows if idx.feature[r] not in _BROAD]
            if not rows:
                continue
            rows.sort(key=lambda r: -idx.population[r])
            rows = rows[:_SPREAD_LIMIT]
            points = tuple((idx.lat[r], idx.lon[r]) for r in rows)
            out.append((name, frozenset(rows), points))
        return tuple(out)

    def _anchor(self, name: str, row: int) -> _Anchor:
        idx = self._index
        return _Anchor(
            row=row,
            name=name,
            lat=idx.lat[row],
            lon=idx.lon[row],
            iso3=self._iso3(row),
            admin1=idx.admin1[row],
            is_area=idx.feature[row] in _BROAD,
            coslat=math.cos(math.radians(idx.lat[row])),
        )

    def _rank(
        self, query: _Query, ctx: _Prepared | None, explain: bool
    ) -> list[tuple[float, int, str]]:
        """Score every candidate row (see the module docstring); best first."""
        idx = self._index
        rows = query.rows
        named_countries = {
            idx.country[r]
            for r in rows
            if idx.feature[r] == _COUNTRY and r not in query.penalised and r not in query.fuzzy
        }
        if named_countries and query.how != "similar spelling":
            # A country's name means the country, not its city of the same name
            # ("Mexico", "Kuwait", "Djibouti"); other countries' places stay candidates.
            # Its first-level region of the same name goes too ("Mexico" is not the state).
            rows = tuple(
                r
                for r in rows
                if idx.feature[r] == _COUNTRY or idx.country[r] not in named_countries
            )
        if ctx is not None and len(rows) > _MAX_SCORED:
            # Context adds at most a few points: hamlets far down a long list of namesakes
            # ("Washington", "Springfield") cannot win, so only the likeliest are scored.
            rows = tuple(
                sorted(
                    rows,
                    key=lambda r: (
                        idx.feature[r] not in AREA_FEATURES and idx.source[r] == SRC_GEONAMES,
                        -idx.population[r],
                    ),
                )[:_MAX_SCORED]
            )
        region_admin1 = {idx.admin1[r] for r in rows if idx.feature[r] == _ADMIN1}
        anchors = tuple(a for a in ctx.anchors if a.row not in rows) if ctx else ()
        points = tuple(p for p in ctx.points if p[5] not in rows) if ctx else ()
        located = Counter(a.iso3 for a in anchors if a.iso3)
        implied = {iso3: n / sum(located.values()) for iso3, n in located.items()}
        fuzzy_all = query.how == "similar spelling"
        # Alternate names count against a place only when another entry bears the name
        # as its own ("Sweida" is nobody's main name: no penalty for the city).
        has_main = any(self._main_name(r, query.key) for r in rows)
        scored: list[tuple[float, int, str]] = []
        for r in rows:
            notes: list[str] | None = [] if explain else None
            feature = idx.feature[r]
            is_area = feature in AREA_FEATURES
            if feature == _COUNTRY:
                score = _note(notes, _COUNTRY_PRIOR, "country")
            elif feature == _ADMIN2:
                score = _note(notes, 2.5, "second-order area")
            elif is_area:
                score = _note(notes, 3.2, FEATURES[feature])
            else:
                pop = idx.population[r]
                score = 0.6 * math.log10(pop + 10)
                if notes is not None:
                    _note(notes, score, f"{FEATURES[feature]}, pop {pop:,}")
                source = idx.source[r]
                if (
                    has_main
                    and source == SRC_GEONAMES
                    and not (fuzzy_all or r in query.fuzzy)  # already marked as similar
                    and not self._main_name(r, query.key)
                ):
                    # GeoNames lists odd alternate names ("China" for a village in New
                    # York); a place called so by its own name is the likelier meaning.
                    score += _note(notes, _ALTERNATE_NAME, "alternate name only")
                if source == SRC_CONFLICT:
                    score += _note(notes, 1.0, "conflict village (UCDP)")
                elif source == SRC_SUPPLEMENT:
                    score += _note(notes, 1.5, "supplement gazetteer")
                if named_countries:
                    # "China", "Jordan": a town of another country so called is the
                    # rarer meaning; only strong local evidence should pick it.
                    score += _note(notes, _COUNTRY_NAMESAKE, "namesake of a country")
                if (
                    idx.admin1[r] in region_admin1
                    and pop >= _NAMESAKE_MIN_POPULATION
                    and not (query.area or query.region)
                ):
                    score += _note(notes, 1.0, "namesake of its region")
                elif region_admin1 and pop < _NAMESAKE_MIN_POPULATION:
                    # "California" is the state, not the small town in Maryland.
                    score += _note(notes, _COUNTRY_NAMESAKE, "namesake of a region")
            if query.region:
                score += (
                    _note(notes, 3.0, "region named")
                    if is_area
                    else _note(notes, -2.0, "not a region")
                )
            elif query.area and is_area:
                score += _note(notes, 1.5, "direction within an area")
            if r in query.penalised:
                score += _note(notes, -2.5, "matches only without its article")
            if fuzzy_all or r in query.fuzzy:
                score += _note(notes, -1.0, "similar spelling")
            if ctx is not None:
                score += self._context_score(r, query.key, ctx, anchors, points, implied, notes)
            scored.append((score, r, "; ".join(notes) if notes is not None else ""))
        # Best score first; among equals the lower row id (countries, regions, then places).
        scored.sort(key=lambda t: (-t[0], t[1]))
        return scored

    def _context_score(
        self,
        r: int,
        key: str,
        ctx: _Prepared,
        anchors: tuple[_Anchor, ...],
        points: tuple[tuple[float, float, float, bool, str, int], ...],
        implied: dict[str, float],
        notes: list[str] | None,
    ) -> float:
        idx = self._index
        score = 0.0
        is_broad = idx.feature[r] in _BROAD
        iso3 = self._iso3(r)
        # A country named only by the name being resolved is no evidence for itself.
        # The article's country list may come from every place name, this one included,
        # so a country that no other place name names does not count either.
        self_named = idx.feature[r] == _COUNTRY and ctx.named.get(iso3 or "", frozenset()) <= {key}
        if iso3 in ctx.countries and not self_named:
            score += _note(notes, 3.5, f"country {iso3} in article")
        elif iso3 is not None and iso3 in implied:
            share = implied[iso3]
            score += _note(notes, 1.0 + 3.0 * share, f"country {iso3} of {share:.0%} of places")
        admin1 = idx.admin1[r]
        if is_broad:
            inside = [a.name for a in anchors if not a.is_area and a.admin1 == admin1 >= 0]
            if inside and idx.feature[r] == _ADMIN1:
                score += _note(notes, 1.5, f"contains {inside[0]}")
            return score
        # Nearness and a shared region are one kind of evidence: the stronger counts.
        lat, lon = idx.lat[r], idx.lon[r]
        point_d2 = area_d2 = _FAR_DEG2
        point_name = area_name = ""
        for a_lat, a_lon, coslat, a_is_area, a_name, _ in points:
            dy = lat - a_lat
            dx = (lon - a_lon) * coslat
            d2 = dx * dx + dy * dy
            if a_is_area:
                if d2 < area_d2:
                    area_d2, area_name = d2, a_name
            elif d2 < point_d2:
                point_d2, point_name = d2, a_name
        best, text = 0.0, ""
        if point_name:
            km = 111.2 * math.sqrt(point_d2)
            best, text = 2.0 * math.exp(-km / 150), f"{km:.0f} km from {point_name}"
        if area_name:
            km = 111.2 * math.sqrt(area_d2)
            bonus = math.exp(-km / 300)
            if bonus > best:
                best, text = bonus, f"{km:.0f} km from {area_name}"
        # Readings of other names close by, whichever readings the first pass picked:
        # each weaker with distance (faster than for the chosen anchors, since one of
        # many readings may be close by chance), and several add up to _SPREAD_CAP.
        coslat = math.cos(math.radians(lat))
        total, near_names = 0.0, []
        for s_name, s_rows, s_points in ctx.spread:
            if r in s_rows or _key(s_name) == key:
                continue
            d2 = _FAR_DEG2
            for s_lat, s_lon in s_points:
                dy = lat - s_lat
                if -_SPREAD_DEG < dy < _SPREAD_DEG:
                    dx = (lon - s_lon) * coslat
                    d2 = min(d2, dx * dx + dy * dy)
            if d2 < _SPREAD_DEG**2:
                km = 111.2 * math.sqrt(d2)
                bonus = _SPREAD_WEIGHT * math.exp(-km / _SPREAD_KM)
                if bonus >= 0.01:
                    total += bonus
                    near_names.append(f"{km:.0f} km from a {s_name}")
        total = min(total, _SPREAD_CAP)
        if total > best:
            best, text = total, ", ".join(near_names)
        if admin1 >= 0 and best < 1.5:
            shared = ctx.by_admin1.get(admin1)
            if shared is not None and any(a.name == shared for a in anchors):
                best, text = 1.5, f"in {idx.admin1_names[admin1]} like {shared}"
        if best >= 0.01:
            score += _note(notes, best, text)
        return score

    def _main_name(self, r: int, key: str) -> bool:
        """Whether `key` is row r's own name as written (transliterations differ in
        articles and vowels too often to count those)."""
        return key == _key(self._index.names[r])

    # ------------------------------------------------------------------ records

    def _place(self, r: int, query: _Query) -> Place:
        idx = self._index
        feature = idx.feature[r]
        precision = idx.precision[r]
        if feature == _COUNTRY:
            precision = 3 if query.area else 4
        elif feature not in AREA_FEATURES and (query.near or query.area or query.region):
            precision = max(precision, 2)
        ci = idx.country[r]
        iso3, country = (
            (idx.countries[ci][1], idx.countries[ci][2])
            if ci != NO_COUNTRY
            else (
                None,
                None,
            )
        )
        a = idx.admin1[r]
        return Place(
            name=idx.names[r],
            latitude=round(idx.lat[r], 5),
            longitude=round(idx.lon[r], 5),
            country=country,
            iso3=iso3,
            admin1=idx.admin1_names[a] if a >= 0 else None,
            feature=FEATURES[feature],
            geo_precision=precision,
            population=idx.population[r],
            geonameid=idx.geonameid[r] or None,
        )


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer from the default cache directory."""
    return Gazetteer.load()
