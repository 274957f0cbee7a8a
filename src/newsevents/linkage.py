"""Which mentions report one real event: the pairwise test and the partition it induces.

Two mentions can be one event when they are of the same family (violence, demonstration,
strategic) and of compatible sub-types, their named actors do not contradict each other
(across reports, a side named only by its kind, "the rebels", contradicts none), their
dates fall within windows set by each date's precision and origin, and their places lie
within a distance set by each place's precision.

`cluster` turns the pairwise test into a partition that depends only on the SET of
mentions, never on their order:

1. anchors (a place, and a date to the day or week) are joined by complete linkage: pairs
   are taken strongest first (closest dates, then places, then keys), and two groups
   join only when every pair of their anchors is compatible, so a chain of look-alikes
   (strikes on one town on consecutive days) never glues distinct events together;
   A report placed only in a country but dated to a day with a toll that tells its
   event apart (`_TOLL_MIN`) joins them too, matched by that toll, when its own article
   has no anchor it could follow (a toll anchor);
2. a partial mention (no place finer than a country, or no date) follows the nearest
   anchor of its own article that it is compatible with, together with that anchor's
   fellow anchors from the article: only an article's own context can place it; a placed
   mention dated only to a month or year does so only to an anchor of its own sub-type;
3. what is left, and the toll anchors, join by complete linkage inside their article.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from newsevents.data_files import package_data, read_yaml_mapping
from newsevents.errors import DataFileError
from newsevents.lexicon import Lexicon
from newsevents.records import Actor, Place, ResolvedMention

# Sub-types that other outlets often report with a more specific word; they may join.
_GENERIC = {"Armed clash", "Attack"}
_DISTANCE_KM = {1: 25.0, 2: 50.0, 3: 150.0, 4: 10_000.0}
_ANCHOR_PRECISION = {"day", "week"}
_REGION = 3  # geo_precision of a place known only as a region
_COUNTRY = 4  # geo_precision of a place known only as a country
_CELL_DEG = 1.5  # about 165 km of latitude, more than any distance limit but a region's
# An undated report tells of something that happened on its publication day or the day
# before; a date read in the text is taken as written.
_PUBLISHED_SLACK_DAYS = 1
_WEEK_SLACK_DAYS = 3
# Inside one article, "on Friday" and "on Saturday" may be the two days of one battle.
_SAME_ARTICLE_SLACK_DAYS = 1
# Sub-types one outlet tells with the other's word: a suicide bombing is reported as "a
# blast" or "an explosion" (eval merge, UCDP pairs: 10 more found, 2 more wrong).
_KINDRED = {frozenset({"Remote explosive/landmine/IED", "Suicide bomb"})}
# Bombings are rare enough that two undated reports of one in the same place on
# consecutive days tell the same one ("42 killed by IS suicide attack in Swesan", then
# "About 80 killed ..."); daily shelling and air strikes are not.
_DISTINCTIVE = {"Remote explosive/landmine/IED", "Suicide bomb"}

# Two named towns or villages closer than this are one place under two gazetteer names.
_SAME_POINT_KM = 2.0
# A death toll at least this large, stated for one day, tells one event from the others
# of that day in a country: reports that place it no finer than a region or the country
# ("Barrel bombs kill 11 civilians in IS town in Syria" and "At least 11 civilians ...
# were killed Thursday", both in northern Syria) are one event when they give the same
# toll.
_TOLL_MIN = 5
_TOLL_PRECISION = "day"

Window = tuple[dt.date, dt.date]


def unnamed_actors() -> frozenset[str]:
    """Dictionary actors that say no one was named ("gunmen"): they contradict no named
    actor (data/linkage.yaml)."""
    return _actor_list("unnamed_actors")


def generic_actors() -> frozenset[str]:
    """Dictionary actors named only by their kind ("the rebels", "civilians"): across
    reports they contradict no named actor (data/linkage.yaml)."""
    return _actor_list("generic_actors")


@lru_cache(maxsize=4)
def _actor_list(key: str) -> frozenset[str]:
    path = package_data("linkage.yaml")
    names = read_yaml_mapping(path).get(key)
    if not isinstance(names, list) or not all(isinstance(x, str) for x in names):
        raise DataFileError(f"{path}: '{key}' must be a list of actor names; fix it")
    return frozenset(names)


def mention_key(m: ResolvedMention) -> str:
    """The identity of a mention: article, sentence and event type."""
    return f"{m.source.article_id}:{m.source.char_start}:{m.mention.event_type}"


def sort_key(m: ResolvedMention) -> tuple[str, str, int, str]:
    """Canonical order: earliest-published report first, then position in the article."""
    return (m.source.published or "", m.source.article_id, m.source.char_start, mention_key(m))


def date_window(m: ResolvedMention) -> Window | None:
    """The days a mention's date allows: the period it names, an undated report's
    publication day and the day before, a week-precise date give or take a few days."""
    return _window(m.date.date, m.date.date_end, m.date.precision, m.date_from)


@lru_cache(maxsize=65536)
def _window(
    date: str | None, date_end: str | None, precision: str, date_from: str
) -> Window | None:
    # Cached by value: merge asks for the same mentions' windows for every pair it tries.
    if date is None:
        return None
    start = dt.date.fromisoformat(date)
    if date_end:
        end = dt.date.fromisoformat(date_end)
    elif precision == "month":
        end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
    elif precision == "year":
        end = start.replace(month=12, day=31)
    else:
        end = start
    if date_from == "published":
        return start - dt.timedelta(days=_PUBLISHED_SLACK_DAYS), end
    if precision == "week":
        pad = dt.timedelta(days=_WEEK_SLACK_DAYS)
        return start - pad, end + pad
    return start, end


def is_anchor(m: ResolvedMention) -> bool:
    """Whether a mention can be matched across articles: placed more finely than a country,
    and dated to a day or week."""
    return _anchored(m.place, m.date.date, m.date.precision)


def _anchored(place: Place | None, date: str | None, precision: str) -> bool:
    return (
        place is not None
        and place.geo_precision < _COUNTRY
        and date is not None
        and precision in _ANCHOR_PRECISION
    )


def _partial(place: Place | None, window: Window | None) -> bool:
    """Whether a mention lacks what would make it an event of its own (a place finer than
    a country, or a date): only its article's context can tell which event it reports."""
    return place is None or place.geo_precision >= _COUNTRY or window is None


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places."""
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _places_compatible(
    a: Place | None, b: Place | None, same_article: bool, same_toll: bool = False
) -> bool:
    """`same_toll`: the two reports give the same toll that tells an event apart."""
    if a is None or b is None:
        return same_article
    if a.iso3 and b.iso3 and a.iso3 != b.iso3:
        return False
    for region, other in ((a, b), (b, a)):
        if region.feature == "admin1" and region.admin1 and region.admin1 == other.admin1:
            return True  # a place inside the region the other report names
    limit = max(_DISTANCE_KM[a.geo_precision], _DISTANCE_KM[b.geo_precision])
    if not same_article and max(a.geo_precision, b.geo_precision) >= _REGION:
        # Across reports, "in Hama countryside" matches no other report's place by
        # distance: UCDP codes several events a day in one governorate (eval merge:
        # precision 0.79 -> 0.84 for a tenth of the linked pairs). The same toll on the
        # same day in one country does tell one event.
        return same_toll and a.iso3 is not None and a.iso3 == b.iso3
    return distance_km(a, b) <= limit


def _known(x: Actor | None) -> str | None:
    return x.name if x is not None and x.known else None


@dataclass(frozen=True)
class Profile:
    """What the pairwise test reads of a mention (everything but its article), computed
    once: mentions with equal profiles (syndicated copies of one report) behave alike."""

    family: str
    event_type: str
    sub_type: str
    status: str
    window: Window | None
    anchor: bool
    place: Place | None
    actor1: str | None
    actor2: str | None
    # Dated only by its publication day (the window is then that day and the day before).
    undated: bool = False
    # The place when it is a named point (a town or village, geo_precision 1): its name
    # and coordinates, so that two reports naming one place compare equal.
    point: tuple[str, float, float] | None = None
    # An undated first sentence: a lede that names no day tells of its publication day.
    lede: bool = False
    # The dead it states for one day in a country, when that many tell its event apart
    # (_TOLL_MIN).
    toll: int | None = None

    @property
    def toll_anchor(self) -> bool:
        """Placed only in a country (no anchor) but dated to a day with a toll that
        tells its event apart: it may match reports of other articles with the same
        toll, when its own article has no anchor it could follow (`cluster`)."""
        return not self.anchor and self.toll is not None and self.window is not None

    @cached_property
    def names(self) -> frozenset[str]:
        """The known actors it names."""
        return frozenset(x for x in (self.actor1, self.actor2) if x is not None)


@dataclass(frozen=True, slots=True)
class Traits:
    """What the pairwise test needs of a mention, before the lexicon is applied: copies
    of one report have equal traits. The store reads these from its columns instead of
    decoding whole mentions (issue 9: the writer's memory)."""

    event_type: str
    sub_type: str
    status: str
    date: str | None
    date_end: str | None
    precision: str
    date_from: str
    place: Place | None
    actor1: str | None  # the actor's name when it is in the dictionary, else None
    actor2: str | None
    killed: int | None = None  # the dead the mention states


@dataclass(frozen=True, slots=True)
class Link:
    """A mention as merging sees it: its key, its place in the canonical order (`order`,
    as `sort_key` gives it), its article and its traits."""

    key: str
    published: str
    article_id: str
    char_start: int
    traits: Traits

    @property
    def order(self) -> tuple[str, str, int, str]:
        """The canonical order (`sort_key`)."""
        return (self.published, self.article_id, self.char_start, self.key)


def traits(m: ResolvedMention) -> Traits:
    """The mention's traits."""
    return Traits(
        event_type=m.mention.event_type,
        sub_type=m.mention.sub_event_type,
        status=m.mention.status,
        date=m.date.date,
        date_end=m.date.date_end,
        precision=m.date.precision,
        date_from=m.date_from,
        place=m.place,
        actor1=_known(m.actor1),
        actor2=_known(m.actor2),
        killed=m.mention.killed,
    )


def link(m: ResolvedMention) -> Link:
    """The mention as merging sees it."""
    return Link(
        mention_key(m),
        m.source.published or "",
        m.source.article_id,
        m.source.char_start,
        traits(m),
    )


def profile(m: ResolvedMention, lexicon: Lexicon) -> Profile:
    """The mention's profile."""
    return profile_of(traits(m), m.source.char_start == 0, lexicon)


def profile_of(t: Traits, first: bool, lexicon: Lexicon) -> Profile:
    """The profile of a mention with these traits (`first`: it starts its article)."""
    unnamed = unnamed_actors()
    a1, a2 = (None if x in unnamed else x for x in (t.actor1, t.actor2))
    place = t.place
    window = _window(t.date, t.date_end, t.precision, t.date_from)
    toll = identifying_toll(t.killed, t.precision, place.iso3 if place is not None else None)
    return Profile(
        family=lexicon.family(t.event_type),
        event_type=t.event_type,
        sub_type=t.sub_type,
        status=t.status,
        window=window,
        anchor=_anchored(place, t.date, t.precision),
        place=place,
        actor1=a1,
        actor2=a2,
        undated=t.date_from == "published",
        point=(
            (place.name, place.latitude, place.longitude)
            if place is not None and place.geo_precision == 1 and place.feature != "admin1"
            else None
        ),
        lede=t.date_from == "published" and first,
        toll=toll,
    )


def identifying_toll(killed: int | None, precision: str | None, iso3: str | None) -> int | None:
    """The toll that tells a mention's event apart from the others of its day in its
    country (_TOLL_MIN); None without a country or a day."""
    if killed is None or killed < _TOLL_MIN or precision != _TOLL_PRECISION or iso3 is None:
        return None
    return killed


def _actors_compatible(a: Profile, b: Profile, same_article: bool) -> bool:
    a1, a2, b1, b2 = a.actor1, a.actor2, b.actor1, b.actor2
    if not same_article:
        # One report names the side ("HTS", "the army killed 5 civilians") where another
        # only says its kind ("the rebels") or whose town was hit: no contradiction (eval
        # merge, UCDP pairs on fixed extractions: 25 more found, 13 more wrong; FA-KES
        # silver pairs: P 0.187 -> 0.191, R 0.536 -> 0.525). Within one article the
        # writer who names both means two sides.
        generic = generic_actors()
        a1, a2, b1, b2 = (None if x in generic else x for x in (a1, a2, b1, b2))
    straight = (a1 is None or b1 is None or a1 == b1) and (a2 is None or b2 is None or a2 == b2)
    swapped = (a1 is None or b2 is None or a1 == b2) and (a2 is None or b1 is None or a2 == b1)
    return straight or swapped


def _share_actor_or_type(a: Profile, b: Profile) -> bool:
    return a.sub_type == b.sub_type or bool(a.names & b.names)


def _other_towns(a: Profile, b: Profile) -> bool:
    """Both name a town or village, and not the same one (farther apart than two names of
    one place can be)."""
    return (
        a.point is not None
        and b.point is not None
        and a.point[0] != b.point[0]
        and a.place is not None
        and b.place is not None
        and distance_km(a.place, b.place) > _SAME_POINT_KM
    )


def _told_earlier(lede: Profile, other: Profile) -> bool:
    """Whether `other` dates its event, by its own text, before the day the undated `lede`
    was published: a lede that names no day reports that day's news, not the day before's."""
    return (
        lede.lede
        and not other.undated
        and lede.window is not None
        and other.window is not None
        and other.window[1] < lede.window[1]
    )


def _windows_meet(a: Window | None, b: Window | None, slack: int) -> bool | None:
    if a is None or b is None:
        return None
    pad = dt.timedelta(days=slack)
    return not (a[0] - pad > b[1] or b[0] - pad > a[1])


def profiles_compatible(a: Profile, b: Profile, same_article: bool) -> bool:
    """Can mentions with these profiles report the same real event? (Symmetric.)"""
    # The dates first: every test here must pass, and the dates rule out most pairs that
    # merge tries (the candidates come from a month-wide index).
    meet = _windows_meet(a.window, b.window, _SAME_ARTICLE_SLACK_DAYS if same_article else 0)
    if meet is False or (meet is None and not same_article):
        return False
    if a.family != b.family or a.status != b.status:
        return False
    if (
        a.sub_type != b.sub_type
        and not (a.sub_type in _GENERIC or b.sub_type in _GENERIC)
        and not (a.event_type == b.event_type == "Battles")
        and frozenset((a.sub_type, b.sub_type)) not in _KINDRED
    ):
        # A battle and the territory it changed are one event. Other differing sub-types
        # are not: letting shelling match an air strike joined more distinct UCDP events
        # than it found (eval merge: 18 more pairs found, 41 more wrong).
        return False
    if not same_article and not ((a.anchor or a.toll_anchor) and (b.anchor or b.toll_anchor)):
        # Across articles only a place and a date to the day or week say "the same event",
        # or a country, a day and a toll (_TOLL_MIN).
        return False
    if (
        not same_article
        and a.undated
        and b.undated
        and a.window != b.window
        and (a.point is None or a.point != b.point)
        and not (a.sub_type == b.sub_type and a.sub_type in _DISTINCTIVE)
    ):
        # Undated reports published on different days (their windows overlap by a day)
        # tell one event only when they name the same town or village, or tell the same
        # bombing: "bombardment on Idlib countryside" is news every day (eval merge, UCDP
        # pairs: precision 0.61 -> 0.69, 25 of 310 found pairs lost).
        return False
    if not same_article and a.undated and b.undated and _other_towns(a, b):
        # Nor do undated reports of one day that name two different towns, however close:
        # "air strikes on Saraqib" and "air strikes on Idlib" are two events (eval merge,
        # UCDP pairs on fixed extractions, with the generic actors: precision 0.748 ->
        # 0.760, 7 of 424 found pairs lost; FA-KES silver pairs: 3 of 155 found lost, P
        # the same). Reports that date their event in their text are left to the distance.
        return False
    if not same_article and (_told_earlier(a, b) or _told_earlier(b, a)):
        # "Aerial bombardment targets Hama", published on 18 October, is not the clashes
        # another report dates "today" on the 17th (eval merge, UCDP pairs: 10 of 132 wrong
        # links gone, as many found as before; FA-KES and VOA unchanged).
        return False
    if same_article and (a.place is None or b.place is None) and not _share_actor_or_type(a, b):
        # An unplaced mention joins a placed one only when something ties them: the same
        # sub-type or a named actor in common. Otherwise a vague sentence ("the war
        # killed 3000 this month") would glue unrelated events of one article together.
        return False
    same_toll = a.toll is not None and a.toll == b.toll
    if not _places_compatible(a.place, b.place, same_article, same_toll):
        return False
    return _actors_compatible(a, b, same_article)


def compatible(a: ResolvedMention, b: ResolvedMention, lexicon: Lexicon) -> bool:
    """Can these two mentions report the same real event? (Symmetric.)"""
    same_article = a.source.article_id == b.source.article_id
    return profiles_compatible(profile(a, lexicon), profile(b, lexicon), same_article)


class Linker:
    """The pairwise test with its answers remembered per pair of profiles: an event told
    by hundreds of copies of one report is tested once per distinct report, not per copy."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._ids: dict[Profile, int] = {}
        self.profiles: list[Profile] = []
        self._memo: dict[tuple[int, int, bool], bool] = {}
        # By traits and first-of-article: copies of one report share them.
        self._by_traits: dict[tuple[Traits, bool], int] = {}

    def intern(self, m: ResolvedMention | Link) -> int:
        """The number of the mention's profile."""
        if isinstance(m, Link):
            t, first = m.traits, m.char_start == 0
        else:
            t, first = traits(m), m.source.char_start == 0
        n = self._by_traits.get((t, first))
        if n is None:
            p = profile_of(t, first, self.lexicon)
            n = self._ids.get(p)
            if n is None:
                n = self._ids[p] = len(self.profiles)
                self.profiles.append(p)
            self._by_traits[(t, first)] = n
        return n

    def test(self, a: int, b: int, same_article: bool) -> bool:
        """profiles_compatible for two interned profiles."""
        key = (a, b, same_article) if a <= b else (b, a, same_article)
        known = self._memo.get(key)
        if known is None:
            known = self._memo[key] = profiles_compatible(
                self.profiles[a], self.profiles[b], same_article
            )
        return known


class _Groups:
    """Union-find over items whose joins require every cross pair of items compatible;
    `linked` holds the compatible pairs packed by `pack`."""

    def __init__(self, n: int, linked: set[int]) -> None:
        self.root = list(range(n))
        # Only groups of two or more are listed: most items never join anything.
        self.joined: dict[int, list[int]] = {}
        self.linked = linked
        self.bits = _item_bits(n)
        self.refused: set[tuple[int, int, int, int]] = set()

    def pack(self, i: int, j: int) -> int:
        """One int for the unordered pair of items i and j."""
        low, high = (i, j) if i < j else (j, i)
        return low << self.bits | high

    def of(self, root: int) -> list[int]:
        """The members of the group with this root."""
        return self.joined.get(root) or [root]

    def groups(self) -> list[list[int]]:
        """Every group's members."""
        return [self.of(i) for i in range(len(self.root)) if self.root[i] == i]

    def find(self, i: int) -> int:
        while self.root[i] != i:
            self.root[i] = self.root[self.root[i]]
            i = self.root[i]
        return i

    def try_join(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return
        a, b = self.of(ri), self.of(rj)
        # Groups only grow, so a refusal holds until either group has grown.
        low, high = min(ri, rj), max(ri, rj)
        state = (low, high, len(self.of(low)), len(self.of(high)))
        if state in self.refused:
            return
        pack, linked = self.pack, self.linked
        if all(pack(x, y) in linked for x in a for y in b):
            self.join(ri, rj)
        else:
            self.refused.add(state)

    def join(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return
        keep, gone = min(ri, rj), max(ri, rj)
        self.root[gone] = keep
        self.joined[keep] = sorted(self.of(keep) + self.of(gone))
        self.joined.pop(gone, None)


def _cell(place: Place, toll: int | None = None) -> tuple[int, int] | None:
    """A grid cell larger than the widest distance two places other than a region may be
    apart and still match (150 km); regions match their own places at any distance, and
    a place no finer than a region matches any place of its country that has its toll."""
    if place.feature == "admin1" or _coarse_toll(place, toll):
        return None
    # Twice as wide in longitude: a degree of longitude shrinks with latitude (still over
    # 150 km for 3 degrees up to 60 degrees north or south).
    return (
        math.floor(place.latitude / _CELL_DEG),
        math.floor(place.longitude / (2 * _CELL_DEG)),
    )


@dataclass
class _Node:
    """Anchors with one profile: from any articles when the profile's place can match
    across articles, else from one article. Its members are pairwise compatible and
    every outside mention is compatible with all of them or with none."""

    profile: int
    members: list[int]
    articles: set[str]


def _nodes(ms: Sequence[Link], anchors: Sequence[int], pid: Sequence[int]) -> list[_Node]:
    by_key: dict[tuple[int, str], _Node] = {}
    for i in anchors:
        m = ms[i]
        p = pid[i]
        place = m.traits.place
        assert place is not None  # anchors are placed
        # Regions never match across articles: their copies are separate nodes.
        article = m.article_id if place.geo_precision >= _REGION else ""
        node = by_key.get((p, article))
        if node is None:
            node = by_key[(p, article)] = _Node(p, [], set())
        node.members.append(i)
        node.articles.add(m.article_id)
    return sorted(by_key.values(), key=lambda n: n.members[0])


def _nodes_compatible(a: _Node, b: _Node, linker: Linker) -> bool:
    """Every pair of members compatible: at most two distinct tests, one for the pairs
    from one article and one for the pairs across articles."""
    one_article = len(a.articles) == 1 and a.articles == b.articles
    if not one_article and not linker.test(a.profile, b.profile, False):
        return False
    return a.articles.isdisjoint(b.articles) or linker.test(a.profile, b.profile, True)


def _item_bits(n: int) -> int:
    """Bits that hold any of n item numbers."""
    return max(1, (n - 1).bit_length())


def _node_pairs(nodes: Sequence[_Node], linker: Linker, bits: int) -> list[int]:
    """Compatible node pairs, strongest first, found by sweeping date windows per
    (family, country, status) and grid cell: no all-pairs comparison. Each pair is one
    int, its strength (`_strength`) above the two node numbers (`bits` each): a dense
    neighbourhood has hundreds of thousands of pairs, and tuples of tuples cost the
    writer five times the memory."""
    blocks: dict[tuple[str, str, str], list[tuple[dt.date, dt.date, int]]] = {}
    for i, node in enumerate(nodes):
        p = linker.profiles[node.profile]
        assert p.window is not None and p.place is not None  # anchors have both
        # Same-article pairs get a day of slack: widen every window by it, filter below.
        lo, hi = p.window[0] - dt.timedelta(days=1), p.window[1] + dt.timedelta(days=1)
        blocks.setdefault((p.family, p.place.iso3 or "", p.status), []).append((lo, hi, i))
    pairs: list[int] = []
    for items in blocks.values():
        items.sort()
        # Active windows by cell, with each node's latitude and reach (`_reach`); None
        # holds regions, which are compared with every cell.
        active: dict[tuple[int, int] | None, list[tuple[dt.date, int, float, float]]] = {}
        for lo, hi, i in items:
            prof = linker.profiles[nodes[i].profile]
            place = prof.place
            assert place is not None
            cell = _cell(place, prof.toll)
            lat, reach = place.latitude, _reach(place, prof.toll)
            if cell is None:
                near: list[tuple[int, int] | None] = list(active)
            else:
                near = [None] + [
                    (cell[0] + dy, cell[1] + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                ]
            for near_cell in near:
                current = active.get(near_cell)
                if not current:
                    continue
                current[:] = [x for x in current if x[0] >= lo]
                for _, j, other_lat, other_reach in current:
                    if _KM_PER_DEGREE * abs(lat - other_lat) > max(reach, other_reach):
                        continue  # farther apart in latitude alone than either may be
                    a, b = min(i, j), max(i, j)
                    if _nodes_compatible(nodes[a], nodes[b], linker):
                        pa, pb = (
                            linker.profiles[nodes[a].profile],
                            linker.profiles[nodes[b].profile],
                        )
                        pairs.append((_strength(pa, pb) << bits | a) << bits | b)
            active.setdefault(cell, []).append((hi, i, lat, reach))
    pairs.sort()
    return pairs


# The length of a degree of latitude: two places are at least this many km apart for
# each degree between their latitudes.
_KM_PER_DEGREE = 6371.0 * math.pi / 180


def _coarse_toll(place: Place, toll: int | None) -> bool:
    return toll is not None and place.geo_precision >= _REGION


def _reach(place: Place, toll: int | None = None) -> float:
    """How far from `place` a place may be and still match it (`_places_compatible`),
    with a metre to spare for rounding; a region matches its own places at any distance,
    and so does a place no finer than a region that has a toll (`_cell`)."""
    if place.feature == "admin1" or _coarse_toll(place, toll):
        return math.inf
    return _DISTANCE_KM[place.geo_precision] + 0.001


# Bit widths of a strength's parts (`_strength`), each wider than its largest value.
_KM_BITS = 15  # half the earth's circumference is 20,038 km
_NAMES_BITS = 8


def _strength(a: Profile, b: Profile) -> int:
    """Smaller is stronger, in this order: dates apart, km apart, differing sub-types,
    fewer named actors in common (packed into one int, ordered as the tuple would be)."""
    wa, wb = a.window, b.window
    days = abs((wa[0] - wb[0]).days) if wa and wb else 99
    km = min(round(distance_km(a.place, b.place)), 20_100) if a.place and b.place else 9999
    differ = int(a.sub_type != b.sub_type)
    fewer = (1 << _NAMES_BITS) - 1 - min(len(a.names & b.names), (1 << _NAMES_BITS) - 1)
    return ((days << _KM_BITS | km) << 1 | differ) << _NAMES_BITS | fewer


def cluster(
    mentions: Sequence[ResolvedMention], lexicon: Lexicon, linker: Linker | None = None
) -> list[list[ResolvedMention]]:
    """Partition mentions into events; the result depends only on the set of mentions."""
    by_key = {mention_key(m): m for m in mentions}
    groups = cluster_links([link(m) for m in by_key.values()], linker or Linker(lexicon))
    return [[by_key[x.key] for x in group] for group in groups]


def _anchors(ms: Sequence[Link], pid: Sequence[int], linker: Linker) -> list[int]:
    """The mentions grouped across articles: the anchors, and each toll anchor whose own
    article has no anchor it is compatible with (with one, it follows that anchor as a
    partial mention does: only a lone report of a toll is matched by the toll)."""
    profiles = linker.profiles
    anchors = [i for i, p in enumerate(pid) if profiles[p].anchor]
    lone = [i for i, p in enumerate(pid) if profiles[p].toll_anchor]
    if not lone:
        return anchors
    by_article: dict[str, list[int]] = {}
    for i in anchors:
        by_article.setdefault(ms[i].article_id, []).append(i)
    for i in lone:
        own = by_article.get(ms[i].article_id, ())
        if not any(linker.test(pid[i], pid[a], True) for a in own):
            anchors.append(i)
    return sorted(anchors)


def cluster_links(links: Sequence[Link], linker: Linker) -> list[list[Link]]:
    """Partition mentions, as links, into events; the result depends only on the set of
    mentions (one link a key)."""
    ms = sorted({x.key: x for x in links}.values(), key=lambda x: x.order)
    pid = [linker.intern(m) for m in ms]
    anchors = _anchors(ms, pid, linker)
    pid_anchor = [p.anchor for p in linker.profiles]
    # Items of the grouping: the anchor nodes, then each other mention on its own.
    nodes = _nodes(ms, anchors, pid)
    # The item each mention is in (lists, not dicts: a large commit groups 200,000).
    item_of = [-1] * len(ms)
    for n, node in enumerate(nodes):
        for i in node.members:
            item_of[i] = n
    others = [i for i in range(len(ms)) if item_of[i] < 0]
    for k, i in enumerate(others):
        item_of[i] = len(nodes) + k
    in_node = len(nodes)
    groups = _Groups(len(nodes) + len(others), set())
    bits = groups.bits
    mask = (1 << bits) - 1
    pairs = _node_pairs(nodes, linker, bits)
    groups.linked.update(p & ((1 << 2 * bits) - 1) for p in pairs)
    for p in pairs:
        groups.try_join(p >> bits & mask, p & mask)
    del pairs
    by_article: dict[str, list[int]] = {}
    for i, m in enumerate(ms):
        by_article.setdefault(m.article_id, []).append(i)
    leftovers: dict[str, list[int]] = {}
    for article, idx in by_article.items():
        # A lone toll anchor (`_anchors`) is no anchor to its article's partial mentions:
        # it joins them as it did before it was matched by its toll, below.
        own_anchors = [i for i in idx if item_of[i] < in_node and pid_anchor[pid[i]]]
        for i in idx:
            if item_of[i] < in_node:
                continue
            m = ms[i]
            prof = linker.profiles[pid[i]]
            partial = _partial(prof.place, prof.window)
            near = [
                (abs(ms[a].char_start - m.char_start), a)
                for a in own_anchors
                # A placed report dated only to a month or year ("earlier this month, a
                # suicide bomber ...") is another event unless it tells the same kind.
                if (partial or ms[a].traits.sub_type == m.traits.sub_type)
                and all(
                    linker.test(pid[i], pid[b], True)
                    for b in own_anchors
                    if groups.find(item_of[b]) == groups.find(item_of[a])
                )
            ]
            if near:
                groups.join(item_of[i], item_of[min(near)[1]])
            else:
                leftovers.setdefault(article, []).append(i)
    for i in range(len(ms)):
        if item_of[i] < in_node and not pid_anchor[pid[i]]:
            leftovers.setdefault(ms[i].article_id, []).append(i)
    for idx in leftovers.values():
        idx.sort()
        local = sorted(
            (abs(ms[i].char_start - ms[j].char_start), i, j)
            for n, i in enumerate(idx)
            for j in idx[n + 1 :]
            if linker.test(pid[i], pid[j], True)
        )
        groups.linked.update(groups.pack(item_of[i], item_of[j]) for _, i, j in local)
        for _, i, j in local:
            groups.try_join(item_of[i], item_of[j])

    def indices(item: int) -> list[int]:
        return nodes[item].members if item < len(nodes) else [others[item - len(nodes)]]

    out = [sorted(i for item in items for i in indices(item)) for items in groups.groups()]
    return [[ms[i] for i in group] for group in sorted(out)]
