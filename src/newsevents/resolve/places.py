"""Resolve place names to gazetteer entries with coordinates, admin-1 region, country
and an ACLED-style geo_precision, using the article's other places as context.

The index behind it (GeoNames cities500, countries, admin-1 and admin-2 names, and the
supplementary gazetteer CSV) is built by `gazetteer_build` and cached by
`gazetteer_cache` (`gazetteer_index` gathers that API). docs/places.md is the user's guide.

Matching a name, in order: a demonym ("Syrian" is Syria; "Kurdish" is Kurdistan, from
place_words.yaml `place_demonyms`); the exact normalised key
(case, diacritics, apostrophes, hyphens and a leading "the" ignored); the key without
Arabic articles ("al-", "as-", "ez-" ...); the same after peeling "in"/"near",
direction words ("northern Syria") and region words ("Idlib province"); and, for
resolve() only, a transliteration key (`translit`, data/translit.yaml) that equates the
spellings of names in the countries that file lists ("Menbej" ~ Manbij, "Khan Shekhon" ~
Khan Shaykhun), trusted unless the article places things only in other countries, then
a consonant skeleton ("Deir Ezzor" ~ "Dayr az Zawr"), trusted only inside the article's
countries. The place finder (is_place_name) takes a transliteration for a place name
only under the stricter rules its docstring gives. A country's own name drops that
country's towns of the same name.
A name written with an Arabic article matches a place whose names lack it only in a
country whose languages use it ("Al-Manar" is not Mannar, Sri Lanka). A similar spelling
stands in for an exact match only when that match is obscure (no area, supplement place
or city of 100,000: "Barcelona" is never Brooklyn). A name the index does not know that
contains one ("University of Alberta", "British Embassy") resolves to the place inside
it, with geo_precision 2 at least, unless it names a sea, island or street
(place_words.yaml `not_in_place_words`) or the part is a generic word (`generic_words`).

A leading abbreviated word is also written out ("Mt. Pleasant" is every Mount
Pleasant; place_words.yaml `name_abbreviations`). resolve_toponym() is for spans known
to be places (gold toponyms): a name the index does not know, a town inside a longer
name far from the article's places ("Carnegie Library"), a region inside a river's name
("Mississippi River") and a town under 100,000 outside every country of the article
are placed at the article's focus (`place_focus`) with geo_precision 2 at least.

Scoring a candidate (explain() shows the terms):
- prior: country 6; admin-1 region or named area 3.2; admin-2 area 2.5; a populated
  place 0.6 x log10(pop + 10), + 2 x log10(pop / 1,000,000) for a metropolis (not
  when it matches only by an alternate name), +1 for a supplement conflict village (UCDP), +1.5 for
  another supplement place; a town under 20,000 that shares its name with a region
  (an admin-1 or a named area: "California", "Middle East") -1;
- a place of 20,000+ people whose admin-1 region is also a candidate +1 (a bare
  "Idlib" is the city, "Idlib province" the region);
- country mentioned in the article +3.5 (a country named only by the name being
  resolved does not count for itself), else country of other places in the article
  1 + 3 x their share; a region across borders (no country) +3.5 when the article
  names countries;
- an admin-1 region containing another place of the article +1.5; a point near
  another place 2 x exp(-km / 150) (exp(-km / 300) for a region's point), or +1.5 when
  in the same admin-1 region, or the sum over the other names of 2 x exp(-km / 20) to
  the nearest of each one's point-like readings (exp(-km / 50) from a county's point,
  its middle), up to 3 ("Paris" beside "Henry County" is Paris, Tennessee, whichever
  Henry County the first pass chose), whichever is most;
- "X province" +3 for areas and -2 for points; "northern X" +1.5 for areas;
- a match only without its article -2.5; only by skeleton or transliteration key -1;
  by transliteration key, + how alike the two spellings are (0 to 1, difflib ratio).
A name written as an abbreviation ("EU", "U.S.") means only the abbreviated entries.
In an article's context only the 25 likeliest candidates are scored (areas and
supplement places first, then by population): context cannot lift a hamlet far down a
list of namesakes, and scoring them all would cost the speed.
The other places of the article are resolved first, twice (each against the others'
first answers), and serve as anchors for the rest. For speed, a name whose first answer
leads by more than anchors could add to any rival, or whose answers the second pass left
unchanged, keeps its answer without being scored again (the same answer, tested against
explain(), which always scores everything). A name's candidates, their scores without
the article and what context scoring reads of them are worked out once per name
(`_candidates`), and answers are kept per context.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from newsevents.records import Place
from newsevents.resolve.english_words import is_english_word
from newsevents.resolve.gazetteer_cache import freeze_loaded, load_or_build
from newsevents.resolve.place_focus import article_focus
from newsevents.resolve.place_index import (
    AREA_FEATURES,
    FEATURES,
    NO_COUNTRY,
    SRC_CONFLICT,
    SRC_GEONAMES,
    SRC_SUPPLEMENT,
    PlaceIndex,
    great_circle_km,
)
from newsevents.resolve.place_names import SKELETON_MIN_LENGTH, bare_key, name_key, skeleton
from newsevents.resolve.translit import default_rules, loose_key, similarity, strict_key

__all__ = ["Gazetteer", "PlaceCandidate", "PlaceContext", "get_gazetteer"]

_COUNTRY, _ADMIN1, _ADMIN2 = 0, 1, FEATURES.index("admin2")
_REGION = FEATURES.index("region")
_BROAD = frozenset({_COUNTRY, _ADMIN1, FEATURES.index("region")})  # no point-like proximity
_CACHE_LIMIT = 100_000
_AREA_NAMES = frozenset(FEATURES[f] for f in AREA_FEATURES)
_FOCUS_NEAR_KM = 161.0  # a place inside a longer name this close to the article's fits it
_SCORE, _ROW = itemgetter(0), itemgetter(1)  # of a ranked (score, row, reasons)
_CONTEXT_LIMIT = 256  # articles whose context is kept: the pipeline asks one at a time
_MAX_SCORED = 25  # candidates scored in context, areas and supplement places first
_COUNTRY_PRIOR = 6.0
_ALTERNATE_NAME = -2.0
_COUNTRY_NAMESAKE = -1.0
_CAPITALS_MIN_LENGTH = 5  # "CHARLESTON" is a place; "SANA" (a news agency) is not
_SPREAD_LIMIT = 60
_SPREAD_DEG = 2.0  # readings further apart than ~220 km add nothing
_SPREAD_KM = 20.0
_SPREAD_AREA_KM = 50.0  # a county's point is its middle: its towns lie tens of km away
_SPREAD_WEIGHT = 2.0
_SPREAD_CAP = 3.0
_SINGLE_WORD_MIN_POPULATION = 1000
_ANY_NAME_MIN_POPULATION = 10_000
_NAMESAKE_MIN_POPULATION = 20_000
_WELL_KNOWN_POPULATION = 100_000
# Per power of ten beyond a million people: a metropolis outweighs a country named in
# the article; steeper (or from 100,000) loses the local US towns LGL's stories mean.
_METROPOLIS_POPULATION = 1_000_000
_METROPOLIS_WEIGHT = 2.0
_POP_WEIGHT = 0.6  # per power of ten of population; steeper loses namesakes context finds
_IN_ARTICLE = 3.5  # a country the article names
_MAX_ANCHOR_COUNTRY = 4.0  # 1 + 3 x share of anchors, or a region across their countries
_MAX_ANCHOR_NEAR = 2.0  # nearness to an anchor over what the spread gave; 1.5 for regions
_FAR_DEG2 = 13.5**2  # beyond ~1,500 km an anchor adds under 0.01
# Shared empty sets: every cached query would otherwise hold its own, and each one
# is an object the cyclic garbage collector walks again on every full collection.
_NO_ROWS: frozenset[int] = frozenset()
_NO_NAMES: frozenset[str] = frozenset()
_TRANSLIT = "transliteration"
_FUZZY_HOWS = frozenset({"similar spelling", _TRANSLIT})


@dataclass(frozen=True)
class PlaceContext:
    """What the article says about where it is: countries (iso3) it mentions, the other
    place names in it, and its dateline place."""

    countries: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    dateline: str | None = None
    # Each resolve() looks the context up twice: its hash is worked out once.
    _hash: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.countries, self.places, self.dateline)))

    def __hash__(self) -> int:
        return self._hash


@dataclass(frozen=True)
class PlaceCandidate:
    """One gazetteer entry a name may mean, with its score and why."""

    place: Place
    score: float
    reason: str


# The internal records below are plain slotted dataclasses, treated as read-only once
# built: a frozen dataclass sets each field through object.__setattr__, which costs
# more than the lookup itself when thousands are made per second.


@dataclass(slots=True)
class _Query:
    key: str  # the key that matched (after peeling prefixes and suffixes)
    rows: tuple[int, ...]
    penalised: frozenset[int]  # rows reached only through the article-less key
    how: str  # "name", "name without article", "transliteration", "similar spelling"
    near: bool = False
    area: bool = False  # a direction word: "northern Syria"
    region: bool = False  # a region word: "Idlib province"
    fuzzy: frozenset[int] = frozenset()  # rows added by skeleton for the context's sake
    # in context or not -> the candidates as scored (`_candidates`): computed once
    memo: dict[bool, _Candidates] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    # its point-like readings for `_Spread`, the most populous first, once computed:
    # their rows, and per reading its latitude, longitude and km scale (plain tuples of
    # numbers, which the garbage collector stops tracking: every cached name has them)
    reading_rows: tuple[int, ...] | None = field(
        default=None, init=False, compare=False, repr=False
    )
    reading_items: tuple[tuple[float, float, float], ...] = field(
        default=(), init=False, compare=False, repr=False
    )
    # the countries of its rows, once computed (for `_widen`)
    iso3s: tuple[str | None, ...] | None = field(
        default=None, init=False, compare=False, repr=False
    )


# (row, feature, iso3, admin1, lat, lon, cos lat): what context scoring reads of a row
_Facts = tuple[int, int, str | None, int, float, float, float]


@dataclass(slots=True)
class _Candidates:
    """The rows a query scores and their scores without the article."""

    rows: tuple[int, ...]
    base: tuple[float, ...]
    facts: tuple[_Facts, ...]
    row_set: frozenset[int]


class _Anchor(NamedTuple):
    """The answer chosen for one of the article's names (a tuple: see _Readings)."""

    row: int
    name: str
    iso3: str | None
    admin1: int
    is_area: bool
    # (lat, lon, cos lat, is broad area, name, row): what the distance loop reads
    point: tuple[float, float, float, bool, str, int]


@dataclass(slots=True)
class _Spread:
    """Every point-like reading of each other name of the article, sorted by latitude:
    (lat, lon, km scale, name index), and the latitudes alone for bisect."""

    names: tuple[str, ...]
    keys: tuple[str, ...]
    rows: tuple[tuple[int, ...], ...]
    items: list[tuple[float, float, float, int]]
    lats: list[float]
    # (row, key) -> (bonus, ((name index, km), ...)): each pass asks again
    memo: dict[tuple[int, str], tuple[float, tuple[tuple[int, float], ...]]] = field(
        default_factory=dict
    )


@dataclass(slots=True)
class _Prepared:
    countries: frozenset[str]
    anchors: tuple[_Anchor, ...]
    # iso3 -> keys of the article's place names that are that country's name or demonym
    named: dict[str, frozenset[str]] = field(default_factory=dict)
    by_admin1: dict[int, str] = field(default_factory=dict)  # admin-1 -> an anchor in it
    # (lat, lon, cos lat, is broad area, name, row) per anchor, for the distance loop
    points: tuple[tuple[float, float, float, bool, str, int], ...] = ()
    # every point-like reading of each other name, by latitude band
    spread: _Spread = field(default_factory=lambda: _Spread((), (), (), [], []))
    # name -> its row, when the last pass changed no answer: resolving it again in this
    # context would score the same candidates against the same anchors
    settled: dict[str, int] = field(default_factory=dict)
    implied: dict[str, float] = field(default_factory=dict)  # iso3 -> share of anchors
    anchor_rows: frozenset[int] = frozenset()
    # the countries named or holding an anchor
    located: frozenset[str] = frozenset()
    # the row of the place the article is about (`place_focus`): -2 until worked out
    focus: int = -2
    # anchors left out (those of the name being resolved) -> _evidence's answer
    evidence: dict[
        frozenset[int],
        tuple[
            tuple[_Anchor, ...],
            tuple[tuple[float, float, float, bool, str, int], ...],
            dict[str, float],
        ],
    ] = field(default_factory=dict, compare=False)


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
        self._plain: dict[str, Place | None] = {}  # answers without context
        self._answers: dict[PlaceContext, dict[str, Place | None]] = {}
        self._queries: dict[tuple[str, bool, bool], _Query | None] = {}
        self._countries_named: dict[str, str | None] = {}
        self._places: dict[tuple[int, int], Place] = {}
        self._row_facts: dict[int, _Facts] = {}
        self._translit: dict[str, tuple[tuple[int, ...], bool]] = {}  # key -> rows, strict

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
        index = load_or_build(cache_dir, extra_csv, cities_json)
        freeze_loaded()
        return cls(index)

    # ------------------------------------------------------------------ public API

    def candidates(self, name: str) -> list[Place]:
        """Every entry the name may mean, in index order, with the precision it implies."""
        query = self._lookup(name, fuzzy=True)
        if query is None:
            return []
        return [self._place(r, query) for r in query.rows]

    def resolve(self, name: str, context: PlaceContext | None = None) -> Place | None:
        """The most likely entry for a place name in an article's context, or None."""
        # Answers are kept per context, then per name: a key object per answer would be
        # one more object for the garbage collector to walk.
        if context is None:
            answers = self._plain
            if len(answers) >= _CACHE_LIMIT:
                answers.clear()
        else:
            found = self._answers.get(context)
            if found is None:
                if len(self._answers) >= _CONTEXT_LIMIT:
                    self._answers.clear()
                found = self._answers[context] = {}
            answers = found
        if name in answers:
            return answers[name]
        place = answers[name] = self._resolve(name, context)
        return place

    def resolve_toponym(self, name: str, context: PlaceContext | None = None) -> Place | None:
        """Resolve a span known to be a place name (a gold toponym, a street or building
        an article names): as resolve(), but a name the index does not know, or knows
        only through a place inside it that lies away from the article's places, is
        placed at the article's focus (`place_focus`) with geo_precision 2 at least."""
        place = self.resolve(name, context)
        if context is None:
            return place
        prepared = self._prepare(context)
        if prepared is None:
            return place
        known = place is not None and self._lookup(name, fuzzy=True) is not None
        if known and place is not None and not self._stray(place, prepared):
            return place
        if prepared.focus == -2:
            dateline = [a.row for a in prepared.anchors if a.name == context.dateline]
            found = article_focus(
                self._index, [a.row for a in prepared.anchors], dateline[0] if dateline else None
            )
            prepared.focus = -1 if found is None else found
        if prepared.focus < 0:
            return place
        if place is not None and self._agrees(name, place, prepared):
            return place
        return self._place(
            prepared.focus, _Query("", (prepared.focus,), _NO_ROWS, "focus", near=True)
        )

    def _stray(self, place: Place, ctx: _Prepared) -> bool:
        """Whether a known name's answer is a little-known town outside every country the
        article names or places things in ("Glenrock", a village in Wyoming, in a story
        about New South Wales): the article's own unlisted place is likelier."""
        return (
            place.feature not in _AREA_NAMES
            and place.population < _WELL_KNOWN_POPULATION
            and bool(ctx.located)
            and place.iso3 not in ctx.located
        )

    def _agrees(self, name: str, place: Place, ctx: _Prepared) -> bool:
        """Whether a place found inside a longer name fits the article: an area does
        ("British Embassy", "University of Alberta"); a town only near one of the
        article's towns, or in its countries when it names no town ("Carnegie Library"
        in a New Orleans story is not Carnegie, Pennsylvania)."""
        if place.feature in _AREA_NAMES:
            # ... unless the name is a river or lake that runs through the area, or the
            # area is a region of a country the article is not about ("St. Peter's
            # Basilica" in a story on Rome is not in Saint Peter, Antigua).
            if any(_key(w) in self._words.feature_words for w in name.split()):
                return False
            return (
                place.feature in ("country", "region")
                or not ctx.located
                or place.iso3 in ctx.located
            )
        near = [p for p in ctx.points if not p[3]]
        if not near:
            return place.iso3 is not None and place.iso3 in ctx.located
        return any(
            great_circle_km(place.latitude, place.longitude, p[0], p[1]) <= _FOCUS_NEAR_KM
            for p in near
        )

    def _resolve(self, name: str, context: PlaceContext | None) -> Place | None:
        query = self._lookup(name, fuzzy=True) or self._embedded(name)
        place = None
        if query is not None:
            prepared = self._prepare(context)
            widened = self._widen(query, prepared)
            if prepared is not None and widened is query and name in prepared.settled:
                row = prepared.settled[name]
            else:
                row = self._rank(widened, prepared, explain=False)[0][1]
            query = widened
            place = self._place(row, query)
            if not self._trusted(query.how, place, context, prepared):
                place = None
        return place

    def _trusted(
        self, how: str, place: Place, context: PlaceContext | None, prepared: _Prepared | None
    ) -> bool:
        """Whether an answer found by spelling alone stands. A similar spelling only
        inside a country the article is about ("Euphrates" must not become a town in
        Colombia); a transliteration (of a country translit.yaml lists) unless the
        article places things only in other countries."""
        if how == "similar spelling":
            return context is not None and place.iso3 in context.countries
        if how == _TRANSLIT and prepared is not None and prepared.located:
            return place.iso3 in prepared.located
        return True

    def explain(self, name: str, context: PlaceContext | None = None) -> list[PlaceCandidate]:
        """All candidates for a name with their scores and the reasons, best first."""
        query = self._lookup(name, fuzzy=True) or self._embedded(name)
        if query is None:
            return []
        prepared = self._prepare(context)
        query = self._widen(query, prepared)
        ranked = self._rank(query, prepared, explain=True)
        how = f"; {query.how} {query.key!r}" if query.how == "embedded name" else ""
        return [
            PlaceCandidate(self._place(row, query), round(score, 3), reason + how)
            for score, row, reason in ranked
        ]

    def is_place_name(self, name: str) -> bool:
        """Whether a capitalised span names a known place. The rule, tuned for
        precision on English news:
        - a span without a capital letter, or a demonym ("Syrian"), is not a place;
        - names match exactly or without Arabic articles, never by skeleton;
        - a single word listed in place_words.yaml `common_words` or `generic_words`
          counts only when it names a country ("Jordan", not "Police", "Many" or
          "University");
        - a single word in capitals ("UN", "SANA") counts only as a country, region or
          listed abbreviation ("US", "UK");
        - another single word counts when it names a country or region, a supplement
          place, a place of at least 1,000 people under its main name (articles
          aside: "Zabadani" for Az Zabadani), or one of at least 10,000 under any of
          its GeoNames alternate names ("Kobane");
        - a span the index does not know counts when it is a transliteration of a
          known place (`_transliterated_place`: "Menbej", "Khan Shekhon")."""
        if not any(c.isupper() for c in name):
            return False
        key = _key(name)
        if (
            self._demonym(key) is not None
            or key in self._words.references_only
            or self._place_demonym(key) is not None
        ):
            return False
        query = self._lookup(name, fuzzy=False, demonyms=False)
        if query is None:
            return self._transliterated_place(name, key)
        if " " in query.key:
            return True
        idx = self._index
        rows = query.rows
        if query.key in self._words.common_words or query.key in self._words.generic:
            return any(idx.feature[r] == _COUNTRY for r in rows)
        letters = "".join(c for c in name if c.isalpha())
        if letters.isupper() and len(letters) > 1:
            return any(idx.feature[r] in _BROAD for r in rows)
        for r in rows:
            if idx.feature[r] == _ADMIN2 and not self._main_name(r, query.key):
                continue  # "Baker" is a surname more often than Baker County
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

    def _transliterated_place(self, name: str, key: str) -> bool:
        """Whether a span the index does not know spells a known place of a country
        translit.yaml lists ("Menbej" for Manbij): its strict key matches an area, a
        supplement place or a town of translit.yaml `finder_min_population`, whose name
        it resembles (`finder_min_similarity`); never a word of place_words.yaml
        `common_words` or `generic_words`, nor one word in capitals."""
        core = self._peel(key)[0]
        if (
            not core
            or core in self._words.common_words
            or core in self._words.generic
            or (name.isupper() and " " not in name)
        ):
            return False
        rows, strict = self._translit_rows(core)
        if not strict or self._english(core):
            return False
        idx, rules, articles = self._index, default_rules(), self._words.articles
        bare = bare_key(core, articles)
        for r in rows:
            if not (
                idx.feature[r] in AREA_FEATURES
                or idx.source[r] != SRC_GEONAMES
                or idx.population[r] >= rules.finder_min_population
            ):
                continue
            main = bare_key(_key(idx.names[r]), articles)
            if similarity(bare, main) >= rules.finder_min_similarity:
                return True
        return False

    def is_place_reference(self, name: str) -> bool:
        """Whether a capitalised span refers to a place at all, as geoparsers count them:
        a place name (is_place_name), a country's demonym ("Syrian", "Russians"), an
        adjective or name listed in place_words.yaml `references_only` ("European",
        "EU"), or a place name written in capitals ("CHARLESTON"). A single word known
        only by its transliteration key does not count: geoparsing counts a place that
        opens a longer name ("Georgia Tech"), and first names would ("Susan Smith",
        Susan ~ Sousian, a Syrian village)."""
        if not any(c.isupper() for c in name):
            return False
        if self._spelt_place(name):
            return True
        key = _key(name)
        if (
            self._demonym(key) is not None
            or key in self._words.references_only
            or self._place_demonym(key) is not None
        ):
            return True
        letters = "".join(c for c in name if c.isalpha())
        return (
            len(letters) >= _CAPITALS_MIN_LENGTH
            and name.isupper()
            and self._spelt_place(name.title())
        )

    def _spelt_place(self, name: str) -> bool:
        """is_place_name, but a single word only under a name the index lists."""
        if not self.is_place_name(name):
            return False
        return " " in name.strip() or self._lookup(name, fuzzy=False, demonyms=False) is not None

    def country_for(self, name: str) -> str | None:
        """The iso3 code for a country name, alias or demonym ("Syrian" -> SYR,
        "U.S." -> USA), else None."""
        if name in self._countries_named:
            return self._countries_named[name]
        if len(self._countries_named) >= _CACHE_LIMIT:
            self._countries_named.clear()
        iso3 = self._countries_named[name] = self._country_for(name)
        return iso3

    def _country_for(self, name: str) -> str | None:
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

    def _place_demonym(self, key: str) -> str | None:
        """The place name a region's adjective refers to ("kurdish" -> "Kurdistan")."""
        found = self._words.place_demonyms.get(key)
        if found is None and key.endswith("s"):
            found = self._words.place_demonyms.get(key[:-1])
        return found

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
            return _rows(idx.acronyms[key]), _NO_ROWS, "name"
        rows = _rows(idx.keys.get(key))
        bare = bare_key(key, self._words.articles)
        if bare != key:
            # The query has an article: names written with or without one both match,
            # but one written without it only where the article is spoken: "Al-Manar"
            # (a TV channel) is not Mannar in Sri Lanka.
            spoken = idx.article_countries
            unarticled = tuple(r for r in _rows(idx.keys.get(bare)) if idx.country[r] in spoken)
            extra = unarticled + _rows(idx.bare_keys.get(bare))
            rows = tuple(dict.fromkeys(rows + extra))
            if rows:
                return rows, _NO_ROWS, "name"
        elif rows:
            unarticled = tuple(r for r in _rows(idx.bare_keys.get(key)) if r not in rows)
            return rows + unarticled, frozenset(unarticled) if unarticled else _NO_ROWS, "name"
        else:
            rows = _rows(idx.bare_keys.get(key))
            if rows:
                return rows, _NO_ROWS, "name without article"
        if fuzzy:
            rows = self._translit_rows(key)[0] if not self._english(key) else ()
            if rows:
                return rows, _NO_ROWS, _TRANSLIT
            skel = skeleton(key, self._words.articles)
            if len(skel) >= SKELETON_MIN_LENGTH:
                rows = _rows(idx.skeletons.get(skel))
                if rows:
                    return rows, _NO_ROWS, "similar spelling"
        return (), _NO_ROWS, ""

    def _english(self, key: str) -> bool:
        """Whether every word of a key but its articles is an English word, one of
        place_words.yaml `common_words` or of translit.yaml `not_names` ("The New Arab",
        "Staff", "Jabal"): a key shared with a place is then a coincidence."""
        words = [w for w in key.split() if w not in self._words.articles]
        not_names = default_rules().not_names
        return all(
            w in self._words.common_words or w in not_names or is_english_word(w) for w in words
        )

    def _translit_rows(self, key: str) -> tuple[tuple[int, ...], bool]:
        """The places of translit.yaml's countries whose names share the key's strict
        transliteration key, else its loose one, and whether the strict one matched."""
        found = self._translit.get(key)
        if found is not None:
            return found
        if len(self._translit) >= _CACHE_LIMIT:
            self._translit.clear()
        idx = self._index
        strict = strict_key(key, self._words.articles)
        rows = _rows(idx.translit_keys.get(strict)) if strict else ()
        found = (rows, True) if rows else (_rows(idx.translit_loose.get(loose_key(strict))), False)
        self._translit[key] = found
        return found

    def _lookup(self, name: str, fuzzy: bool, demonyms: bool = True) -> _Query | None:
        """The rows a name may mean, cached: every article asks for its names again."""
        cache_key = (name, fuzzy, demonyms)
        if cache_key in self._queries:
            return self._queries[cache_key]
        if len(self._queries) >= _CACHE_LIMIT:
            self._queries.clear()
        # The skeleton is tried only when nothing else matched: an exact answer is the
        # same with or without it, and is then one shared object (with its scores).
        exact = self._lookup(name, False, demonyms) if fuzzy else None
        query = exact or self._lookup_uncached(name, fuzzy, demonyms)
        self._queries[cache_key] = query
        return query

    def _lookup_uncached(self, name: str, fuzzy: bool, demonyms: bool) -> _Query | None:
        key = _key(name)
        if not key:
            return None
        if demonyms:
            iso3 = self._demonym(key)
            if iso3 in self._country_rows:
                return _Query(key, (self._country_rows[iso3],), _NO_ROWS, "demonym")
            target = self._place_demonym(key)
            if target is not None:
                # "Kurdish" is Kurdistan: the place named, as a country's demonym is the
                # country (no similar spelling: the data file names the place exactly).
                query = self._lookup(target, fuzzy=False, demonyms=False)
                if query is not None:
                    return replace(query, how="demonym")
        rows, penalised, how = self._match(key, name, fuzzy=False)
        expanded = self._expand(key)
        if expanded != key:
            # "Mt. Pleasant" is every Mount Pleasant, not only those GeoNames also lists
            # under the short form.
            more, more_penalised, more_how = self._match(expanded, name, fuzzy=False)
            if more:
                extra = tuple(r for r in more if r not in rows)
                rows, how = rows + extra, how or more_how
                penalised = penalised | (more_penalised & frozenset(extra))
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

    def _expand(self, key: str) -> str:
        """The key with a leading abbreviated word written out ("mt pleasant" ->
        "mount pleasant", place_words.yaml `name_abbreviations`)."""
        first, _, rest = key.partition(" ")
        full = self._words.name_abbreviations.get(first)
        return f"{full} {rest}" if full and rest else key

    def _embedded(self, name: str) -> _Query | None:
        """The place inside the name of something else ("University of Alberta",
        "Colorado State University", "British Embassy"): the longest run of its words,
        leftmost first, that names a place or is a country's demonym. The event is near
        or in that place, not at its point, so the answer has geo_precision 2 or more."""
        words = [w.strip(".,;:'\u2019") for w in name.split()]
        keys = [_key(w) for w in words]
        if len(words) < 2 or any(k in self._words.not_in_place for k in keys):
            return None
        for size in range(len(words) - 1, 0, -1):
            for start in range(len(words) - size + 1):
                part = " ".join(words[start : start + size])
                if all(k in self._words.generic for k in keys[start : start + size]):
                    continue
                if not part[:1].isupper() or not self.is_place_reference(part):
                    continue
                query = self._lookup(part, fuzzy=False)
                if query is not None:
                    return replace(query, near=True, how="embedded name")
        return None

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
        if ctx is None or query.how in _FUZZY_HOWS or query.how == "embedded name":
            return query
        countries = ctx.located
        if not countries:
            return query
        idx = self._index
        if query.iso3s is None:
            query.iso3s = tuple(dict.fromkeys(self._iso3(r) for r in query.rows))
        if any(iso3 in countries for iso3 in query.iso3s):
            return query
        if any(self._well_known(r) for r in query.rows):
            # "Barcelona" in a story that names the US is still Barcelona, not a
            # similarly spelt Brooklyn: only an obscure exact match yields to spelling.
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

    def _well_known(self, r: int) -> bool:
        """An area, a supplement place or a city of _WELL_KNOWN_POPULATION or more."""
        idx = self._index
        return (
            idx.feature[r] in AREA_FEATURES
            or idx.source[r] != SRC_GEONAMES
            or idx.population[r] >= _WELL_KNOWN_POPULATION
        )

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
        previous: tuple[int, ...] = ()
        locked: dict[str, int] = {}
        for n_pass in range(2):
            chosen = []
            for name, query in queries:
                if name in locked:
                    chosen.append(self._anchor(name, locked[name]))
                    continue
                if len(query.rows) == 1:
                    locked[name] = query.rows[0]  # nothing to choose between
                    chosen.append(self._anchor(name, query.rows[0]))
                    continue
                ranked = self._rank(query, prepared, explain=False)
                if n_pass == 0 and self._beyond_reach(ranked, query.key, prepared):
                    locked[name] = ranked[0][1]
                chosen.append(self._anchor(name, ranked[0][1]))
            anchors = tuple(chosen)
            rows = tuple(a.row for a in anchors)
            stable, previous = rows == previous, rows
            by_admin1: dict[int, str] = {}
            for a in anchors:
                if a.admin1 >= 0:
                    by_admin1.setdefault(a.admin1, a.name)
            points = tuple(a.point for a in anchors)
            prepared = _Prepared(
                countries,
                anchors,
                frozen_named,
                by_admin1,
                points,
                spread,
                implied=_country_shares(anchors),
                anchor_rows=frozenset(rows),
            )
        settled = locked
        if stable:
            settled = {name: a.row for (name, _), a in zip(queries, anchors, strict=True)}
        located = countries | {a.iso3 for a in prepared.anchors if a.iso3}
        prepared.settled, prepared.located = settled, located
        if len(self._prepared) >= _CONTEXT_LIMIT:
            self._prepared.clear()
        self._prepared[context] = prepared
        return prepared

    def _spread(self, queries: list[tuple[str, _Query]]) -> _Spread:
        """The point-like readings (towns, counties) of each other name of the article, the
        most populous first and at most _SPREAD_LIMIT of them: "Paris" next to "Henry
        County" is the Paris that has a Henry County beside it, whichever reading
        of either the first pass picked."""
        names: list[str] = []
        keys: list[str] = []
        row_sets: list[tuple[int, ...]] = []
        items: list[tuple[float, float, float, int]] = []
        for name, query in queries:
            rows = self._readings(query)
            if not rows:
                continue
            ni = len(names)
            names.append(name)
            keys.append(_key(name))
            row_sets.append(rows)
            items += [(lat, lon, scale, ni) for lat, lon, scale in query.reading_items]
        items.sort()
        lats = [t[0] for t in items]
        return _Spread(tuple(names), tuple(keys), tuple(row_sets), items, lats)

    def _readings(self, query: _Query) -> tuple[int, ...]:
        """The rows of the point-like readings of a name, computed once per query with
        their points (`_Query.reading_items`)."""
        if query.reading_rows is not None:
            return query.reading_rows
        idx = self._index
        feature = idx.feature
        rows = query.rows
        if len(rows) > 1:
            kept = [r for r in rows if feature[r] not in _BROAD]
            # Most populous first; a reversed sort keeps equals in their order, as a key
            # of minus the population would.
            kept.sort(key=idx.population.__getitem__, reverse=True)
            rows = tuple(kept[:_SPREAD_LIMIT])
        elif feature[rows[0]] in _BROAD:
            rows = ()
        lats, lons = idx.lat, idx.lon
        items = [
            (lats[r], lons[r], _SPREAD_AREA_KM if feature[r] == _ADMIN2 else _SPREAD_KM)
            for r in rows
        ]
        query.reading_rows, query.reading_items = rows, tuple(items)
        return rows

    def _anchor(self, name: str, row: int) -> _Anchor:
        _, feature, iso3, admin1, lat, lon, coslat = self._facts(row)
        is_area = feature in _BROAD
        return _Anchor(row, name, iso3, admin1, is_area, (lat, lon, coslat, is_area, name, row))

    def _facts(self, r: int) -> _Facts:
        """What scoring reads of row r, kept once worked out (tuples of numbers and
        strings, which the garbage collector stops tracking)."""
        known = self._row_facts.get(r)
        if known is None:
            if len(self._row_facts) >= _CACHE_LIMIT:
                self._row_facts.clear()
            idx = self._index
            lat = idx.lat[r]
            known = self._row_facts[r] = (
                r,
                idx.feature[r],
                self._iso3(r),
                idx.admin1[r],
                lat,
                idx.lon[r],
                math.cos(math.radians(lat)),
            )
        return known

    def _rank(
        self, query: _Query, ctx: _Prepared | None, explain: bool
    ) -> list[tuple[float, int, str]]:
        """Score every candidate row (see the module docstring); best first."""
        rows = query.rows
        if len(rows) == 1 and not explain:
            return [(0.0, rows[0], "")]  # nothing to choose between: skip the scoring
        cands = self._candidates(query, ctx is not None)
        notes_of: list[list[str]] = []
        base: Sequence[float] = cands.base
        if explain:
            notes_of = [[] for _ in cands.rows]
            base = self._base_scores(query, cands.rows, notes_of, self._named_countries(query))
        if ctx is None:
            scored = [
                (score, r, "; ".join(notes_of[i]) if explain else "")
                for i, (score, r) in enumerate(zip(base, cands.rows, strict=True))
            ]
        else:
            anchors, points, implied = self._evidence(cands.row_set, ctx)
            scored = []
            for i, facts in enumerate(cands.facts):
                notes = notes_of[i] if explain else None
                score = base[i] + self._context_score(
                    facts, query.key, ctx, anchors, points, implied, notes
                )
                scored.append((score, facts[0], "; ".join(notes) if notes is not None else ""))
        # Best score first; among equals the lower row id (countries, regions, then places):
        # by row, then stably by score (a reversed sort keeps equals in their order).
        scored.sort(key=_ROW)
        scored.sort(key=_SCORE, reverse=True)
        return scored

    def _candidates(self, query: _Query, in_context: bool) -> _Candidates:
        """The rows a query scores, with the scores that do not depend on the article
        and the facts the context scoring reads, computed once per query."""
        known = query.memo.get(in_context)
        if known is not None:
            return known
        idx = self._index
        rows = query.rows
        named_countries = self._named_countries(query)
        if named_countries and query.how not in _FUZZY_HOWS:
            # A country's name means the country, not its city of the same name
            # ("Mexico", "Kuwait", "Djibouti"); other countries' places stay candidates.
            # Its first-level region of the same name goes too ("Mexico" is not the state).
            rows = tuple(
                r
                for r in rows
                if idx.feature[r] == _COUNTRY or idx.country[r] not in named_countries
            )
        if in_context and len(rows) > _MAX_SCORED:
            # Context adds at most a few points: hamlets far down a long list of namesakes
            # ("Washington", "Springfield") cannot win, so only the likeliest are scored.
            by_population = sorted(rows, key=idx.population.__getitem__, reverse=True)
            first = [r for r in by_population if self._priority(r, query.key)]
            if len(first) < _MAX_SCORED:
                first += [r for r in by_population if not self._priority(r, query.key)]
            rows = tuple(first[:_MAX_SCORED])
        facts = tuple([self._facts(r) for r in rows])
        cands = _Candidates(
            rows,
            tuple(self._base_scores(query, rows, None, named_countries)),
            facts,
            frozenset(rows),
        )
        query.memo[in_context] = cands
        return cands

    def _named_countries(self, query: _Query) -> set[int]:
        """The countries a query names by their own name (not through its article-less
        or similar spelling)."""
        feature, country = self._index.feature, self._index.country
        return {
            country[r]
            for r in query.rows
            if feature[r] == _COUNTRY and r not in query.penalised and r not in query.fuzzy
        }

    def _base_scores(
        self,
        query: _Query,
        rows: tuple[int, ...],
        notes_of: list[list[str]] | None,
        named_countries: set[int],
    ) -> list[float]:
        """The scores of rows without the article: kind of entry, population, source,
        namesakes, region and direction words, article and spelling penalties."""
        idx = self._index
        region_admin1 = {idx.admin1[r] for r in rows if idx.feature[r] == _ADMIN1}
        names_area = bool(region_admin1) or any(idx.feature[r] == _REGION for r in rows)
        fuzzy_all = query.how in _FUZZY_HOWS
        bare = bare_key(query.key, self._words.articles)
        # Alternate names count against a place only when another entry bears the name
        # as its own ("Sweida" is nobody's main name: no penalty for the city).
        mains = frozenset(r for r in rows if self._main_name(r, query.key))
        has_main = bool(mains)
        scores: list[float] = []
        for i, r in enumerate(rows):
            notes = notes_of[i] if notes_of is not None else None
            feature = idx.feature[r]
            is_area = feature in AREA_FEATURES
            if feature == _COUNTRY:
                score = _note(notes, _COUNTRY_PRIOR, "country")
            elif feature == _ADMIN2:
                score = _note(notes, 2.5, "second-order area")
                if has_main and r not in mains:
                    # "Washington" is the city or the state before any Washington County.
                    score += _note(notes, _ALTERNATE_NAME, "without its region word")
            elif is_area:
                score = _note(notes, 3.2, FEATURES[feature])
            else:
                pop = idx.population[r]
                source = idx.source[r]
                score = _POP_WEIGHT * math.log10(pop + 10)
                if notes is not None:
                    _note(notes, score, f"{FEATURES[feature]}, pop {pop:,}")
                alternate_only = (
                    has_main
                    and source == SRC_GEONAMES
                    and not (fuzzy_all or r in query.fuzzy)  # already marked as similar
                    and r not in mains
                )
                if pop > _METROPOLIS_POPULATION and not alternate_only:
                    # A city of millions is known the world over: "London" in a story
                    # that names only the US is still London, not London, Ohio.
                    score += _note(
                        notes,
                        _METROPOLIS_WEIGHT * math.log10(pop / _METROPOLIS_POPULATION),
                        "metropolis",
                    )
                if alternate_only:
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
                elif names_area and pop < _NAMESAKE_MIN_POPULATION:
                    # "California" is the state, not the small town in Maryland; the
                    # "Middle East" is the region, not the village in Maryland.
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
            if query.how == _TRANSLIT:
                # Of the places sharing the key, the one spelt most alike: "Kharita" is
                # Khurayta rather than Qirata.
                main = bare_key(_key(idx.names[r]), self._words.articles)
                score += _note(notes, similarity(bare, main), "spelling likeness")
            scores.append(score)
        return scores

    def _priority(self, r: int, key: str) -> bool:
        """Whether row r is among the first scored of a long list of namesakes: areas
        and supplement places, but a county only under its own name ("Washington" keeps
        the city in view of thirty Washington Counties)."""
        feature = self._index.feature[r]
        if feature == _ADMIN2:
            return self._main_name(r, key)
        return feature in AREA_FEATURES or self._index.source[r] != SRC_GEONAMES

    def _in_named_country(self, r: int, key: str, ctx: _Prepared) -> bool:
        """Whether row r lies in a country the article names. A country named only by
        the name being resolved is no evidence for itself; the article's country list
        may come from every place name, this one included, so a country that no other
        place name names does not count either."""
        iso3 = self._iso3(r)
        if iso3 not in ctx.countries:
            return False
        if self._index.feature[r] != _COUNTRY:
            return True
        return not ctx.named.get(iso3 or "", _NO_NAMES) <= {key}

    def _beyond_reach(self, ranked: list[tuple[float, int, str]], key: str, ctx: _Prepared) -> bool:
        """Whether the first pass's winner stays ahead whatever the other names turn out
        to be: anchors add at most _MAX_ANCHOR_COUNTRY (a country share) and
        _MAX_ANCHOR_NEAR (nearness, a shared or containing region) to a rival, so its
        answer, and its answer when resolved again, is already known."""
        if len(ranked) < 2:
            return True
        best = ranked[0][0]
        for score, r, _ in ranked[1:]:
            reach = score + _MAX_ANCHOR_NEAR
            if not self._in_named_country(r, key, ctx):
                reach += _MAX_ANCHOR_COUNTRY
            if reach >= best:
                return False
        return True

    def _evidence(
        self, row_set: frozenset[int], ctx: _Prepared
    ) -> tuple[
        tuple[_Anchor, ...],
        tuple[tuple[float, float, float, bool, str, int], ...],
        dict[str, float],
    ]:
        """The anchors and points of the article's other names (without the readings of
        this one) and the share of them in each country."""
        excluded = row_set & ctx.anchor_rows
        if not excluded:
            return ctx.anchors, ctx.points, ctx.implied
        known = ctx.evidence.get(excluded)
        if known is None:
            anchors = tuple(a for a in ctx.anchors if a.row not in row_set)
            points = tuple(p for p in ctx.points if p[5] not in row_set)
            known = ctx.evidence[excluded] = (anchors, points, _country_shares(anchors))
        return known

    def _context_score(
        self,
        facts: _Facts,
        key: str,
        ctx: _Prepared,
        anchors: tuple[_Anchor, ...],
        points: tuple[tuple[float, float, float, bool, str, int], ...],
        implied: dict[str, float],
        notes: list[str] | None,
    ) -> float:
        """Evidence from the article for row r (see the module docstring)."""
        r, feature, iso3, admin1, lat, lon, _ = facts
        score = 0.0
        explain = notes is not None  # texts are built only when someone reads them
        if iso3 in ctx.countries and (
            feature != _COUNTRY or not ctx.named.get(iso3 or "", _NO_NAMES) <= {key}
        ):
            # A country named only by the name being resolved is no evidence for itself.
            score += _IN_ARTICLE
            if explain:
                _note(notes, _IN_ARTICLE, f"country {iso3} in article")
        elif iso3 is not None and iso3 in implied:
            share = implied[iso3]
            score += 1.0 + 3.0 * share
            if explain:
                _note(notes, 1.0 + 3.0 * share, f"country {iso3} of {share:.0%} of places")
        elif iso3 is None and feature == _REGION and (ctx.countries or implied):
            # A region across borders ("Middle East", "Sahel") has no country to be
            # named, yet an article that names countries is as much about it.
            score += _IN_ARTICLE
            if explain:
                _note(notes, _IN_ARTICLE, "region across the article's countries")
        if feature in _BROAD:
            if feature == _ADMIN1 and admin1 >= 0:
                inside = [a.name for a in anchors if not a.is_area and a.admin1 == admin1]
                if inside:
                    score += 1.5
                    if explain:
                        _note(notes, 1.5, f"contains {inside[0]}")
            return score
        # Nearness and a shared region are one kind of evidence: the stronger counts.
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
            best = 2.0 * math.exp(-km / 150)
            text = f"{km:.0f} km from {point_name}" if explain else ""
        if area_name:
            km = 111.2 * math.sqrt(area_d2)
            bonus = math.exp(-km / 300)
            if bonus > best:
                best, text = bonus, f"{km:.0f} km from {area_name}" if explain else ""
        # Readings of other names close by, whichever readings the first pass picked:
        # each weaker with distance (faster than for the chosen anchors, since one of
        # many readings may be close by chance), and several add up to _SPREAD_CAP.
        if ctx.spread.items:
            known = ctx.spread.memo.get((r, key))
            total, near = known if known is not None else self._spread_score(facts, key, ctx)
            if total > best:
                best = total
                if explain:
                    names = ctx.spread.names
                    text = ", ".join(f"{km:.0f} km from a {names[ni]}" for ni, km in near)
        if admin1 >= 0 and best < 1.5:
            shared = ctx.by_admin1.get(admin1)
            if shared is not None and any(a.name == shared for a in anchors):
                best = 1.5
                if explain:
                    text = f"in {self._index.admin1_names[admin1]} like {shared}"
        if best >= 0.01:
            score += best
            if explain:
                _note(notes, best, text)
        return score

    def _spread_score(
        self, facts: _Facts, key: str, ctx: _Prepared
    ) -> tuple[float, tuple[tuple[int, float], ...]]:
        """The bonus for readings of the article's other names near a row, and which
        (name index, km) they are. Only readings within _SPREAD_DEG degrees of latitude
        (by bisect) and within the longitude window are visited."""
        spread = ctx.spread
        r, _, _, _, lat, lon, coslat = facts
        known = spread.memo.get((r, key))
        if known is not None:
            return known
        window = _SPREAD_DEG / max(coslat, 0.05)
        west, east = lon - window, lon + window
        best: dict[int, tuple[float, float]] = {}
        items, rows, keys = spread.items, spread.rows, spread.keys
        lats = spread.lats
        for k in range(bisect_right(lats, lat - _SPREAD_DEG), bisect_left(lats, lat + _SPREAD_DEG)):
            s_lat, s_lon, scale, ni = items[k]
            if s_lon < west or s_lon > east:
                continue
            dy = lat - s_lat
            dx = (lon - s_lon) * coslat
            d2 = dx * dx + dy * dy
            if d2 >= _SPREAD_DEG**2:
                continue
            if r in rows[ni] or keys[ni] == key:
                continue
            km = 111.2 * math.sqrt(d2)
            bonus = _SPREAD_WEIGHT * math.exp(-km / scale)
            if bonus > best.get(ni, (0.0, 0.0))[0]:
                best[ni] = (bonus, km)
        total = 0.0
        near: list[tuple[int, float]] = []
        for ni in sorted(best):
            bonus, km = best[ni]
            if bonus >= 0.01:
                total += bonus
                near.append((ni, km))
        result = min(total, _SPREAD_CAP), tuple(near)
        spread.memo[(r, key)] = result
        return result

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
        known = self._places.get((r, precision))
        if known is not None:
            return known  # records are frozen: one object serves every caller
        if len(self._places) >= _CACHE_LIMIT:
            self._places.clear()
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
        place = self._places[(r, precision)] = Place(
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
        return place


def _country_shares(anchors: tuple[_Anchor, ...]) -> dict[str, float]:
    """The share of the anchors in each country."""
    located: dict[str, int] = {}
    for a in anchors:
        iso3 = a.iso3
        if iso3:
            located[iso3] = located.get(iso3, 0) + 1
    total = sum(located.values())
    return {iso3: n / total for iso3, n in located.items()}


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer from the default cache directory."""
    return Gazetteer.load()
