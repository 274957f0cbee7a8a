"""Merge: mentions of one real event, in one article or many, become one Event.

Merging is incremental and order-independent. For a batch of new mentions, the stored
events any of them could join are gathered from an `EventIndex` (the store implements
it; tests fake it in memory), together with the events those events' mentions could join,
and that neighbourhood is partitioned again by `linkage.cluster`, whose result depends
only on the set of mentions. The new groups then take over the stored ids: a group keeps
the id of the stored event it shares most mentions with (ties: the event whose first
report is earliest); a stored event left without a group redirects to the group that
took most of its mentions. So ingesting the same articles in any order, in any batches,
gives the same events, and an event keeps its id as reports join it.

Re-merging an article (`reprocess`) replaces its stored mentions with the new ones.

`regroup` does this on links (what the pairwise test reads of a mention), so a store need
not decode the neighbourhood's mentions whole; `materialize` then fetches the changed
events' mentions a chunk at a time, to build their records; `merge` does both at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from newsevents.attribution import claimants
from newsevents.confidence import event_confidence
from newsevents.lexicon import Lexicon
from newsevents.linkage import (
    Link,
    Linker,
    cluster,
    cluster_links,
    compatible,
    date_window,
    distance_km,
    is_anchor,
    link,
    mention_key,
    sort_key,
)
from newsevents.notes import render as render_notes
from newsevents.records import INTENDED_MODALITIES, Actor, Event, Place, ResolvedMention
from newsevents.syndication import Sketch, independent_reports

__all__ = [
    "EventIndex",
    "MemoryIndex",
    "MergeResult",
    "Regroup",
    "StoredEvent",
    "build_event",
    "cluster",
    "compatible",
    "date_window",
    "distance_km",
    "materialize",
    "mention_key",
    "merge",
    "new_event_id",
    "regroup",
]

_PRECISION_ORDER: dict[str, int] = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}


@dataclass(frozen=True)
class StoredEvent:
    """An existing event and every mention it was built from."""

    event_id: str
    mentions: tuple[ResolvedMention, ...]


class EventIndex(Protocol):
    """Where merge looks up existing events near new mentions."""

    def candidates(
        self, family: str, start: dt.date, end: dt.date, place: Place, toll: int | None = None
    ) -> Sequence[str]:
        """Ids of existing events of a family with a mention dated within [start, end] and
        placed near `place`, or giving `toll` in its country (a superset: merge checks
        compatibility itself)."""
        ...

    def links_of(self, event_ids: Sequence[str]) -> Mapping[str, tuple[Link, ...]]:
        """Every mention of each of these existing events, as merging sees it."""
        ...

    def mentions_by_key(self, keys: Sequence[str]) -> Mapping[str, ResolvedMention]:
        """Existing mentions, whole, by key."""
        ...

    def events_of_articles(self, article_ids: Sequence[str]) -> Sequence[str]:
        """Ids of existing events with a mention from one of these articles."""
        ...

    def sketches(self, article_ids: Sequence[str]) -> Mapping[str, Sketch]:
        """The stored text sketches (syndication) of these articles, where known."""
        ...


@dataclass(frozen=True)
class Regroup:
    """An event to write, as merge decides it: its id and the keys of all its mentions in
    canonical order (none: the event is gone), the ids it absorbed (they now redirect to
    it), and the keys of stored mentions that moved to it from another event."""

    event_id: str
    keys: tuple[str, ...]
    absorbed: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()


@dataclass(frozen=True)
class MergeResult:
    """A Regroup with its mentions whole (none: the event is gone)."""

    event_id: str
    mentions: tuple[ResolvedMention, ...]
    absorbed: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()


class MemoryIndex:
    """An in-memory EventIndex (for one-shot extraction, evaluation and tests)."""

    def __init__(
        self, events: Iterable[StoredEvent] = (), sketches: Mapping[str, Sketch] | None = None
    ) -> None:
        self.events = {e.event_id: e.mentions for e in events}
        self._sketches = dict(sketches or {})

    def candidates(
        self, family: str, start: dt.date, end: dt.date, place: Place, toll: int | None = None
    ) -> Sequence[str]:
        """Events with a mention whose date window overlaps [start, end]."""
        out = []
        for eid, ms in sorted(self.events.items()):
            windows = (date_window(m) for m in ms)
            if any(w is not None and w[0] <= end and start <= w[1] for w in windows):
                out.append(eid)
        return out

    def links_of(self, event_ids: Sequence[str]) -> Mapping[str, tuple[Link, ...]]:
        """The stored events' mentions as links."""
        return {e: tuple(map(link, self.events[e])) for e in event_ids}

    def mentions_by_key(self, keys: Sequence[str]) -> Mapping[str, ResolvedMention]:
        """Stored mentions by key."""
        wanted = set(keys)
        return {k: m for ms in self.events.values() for m in ms if (k := mention_key(m)) in wanted}

    def events_of_articles(self, article_ids: Sequence[str]) -> Sequence[str]:
        """Events with a mention from one of these articles."""
        wanted = set(article_ids)
        return sorted(
            eid for eid, ms in self.events.items() if any(m.source.article_id in wanted for m in ms)
        )

    def sketches(self, article_ids: Sequence[str]) -> Mapping[str, Sketch]:
        """Known sketches of these articles."""
        return {a: self._sketches[a] for a in article_ids if a in self._sketches}

    def add_sketches(self, sketches: Mapping[str, Sketch]) -> None:
        """Remember articles' text sketches."""
        self._sketches.update(sketches)

    def apply(self, results: Iterable[MergeResult]) -> None:
        """Take in a merge's results, as the store's write_batch does."""
        for r in results:
            for gone in r.absorbed:
                self.events.pop(gone, None)
            if r.mentions:
                self.events[r.event_id] = r.mentions
            else:
                self.events.pop(r.event_id, None)


def new_event_id(mentions: Sequence[ResolvedMention] | Sequence[Link], salt: int = 0) -> str:
    """A fresh id for an event, from its earliest mention's key."""
    links = [x if isinstance(x, Link) else link(x) for x in mentions]
    key = min(links, key=lambda x: x.order).key
    if salt:
        key += f"#{salt}"
    return "ev_" + hashlib.sha256(key.encode()).hexdigest()[:16]


def _neighbourhood(
    new: Sequence[Link],
    replaced: set[str],
    index: EventIndex,
    linker: Linker,
) -> dict[str, tuple[Link, ...]]:
    """Stored events some new anchor (or a kept anchor of a re-merged article's events) is
    compatible with, plus every stored event holding a mention of a re-merged article.

    The links of those events' own mentions are not followed further: on 1,500 bench
    articles in shuffled batches, following them (up to 300 lookups more) left the same
    99.94 % of events identical to merging all at once, and in dense places it costs much.
    """
    stored: dict[str, tuple[Link, ...]] = dict(
        index.links_of(index.events_of_articles(sorted(replaced)))
    )
    kept = (m for ms in stored.values() for m in ms if m.article_id not in replaced)
    # Anchors with one profile ask the index the same question and get the same answer
    # (an event told by many copies of one report): each profile is looked up once.
    profiles = dict.fromkeys(
        p
        for p in map(linker.intern, (*new, *kept))
        if linker.profiles[p].anchor or linker.profiles[p].toll_anchor
    )
    asked: dict[str, list[int]] = {}
    for p in profiles:
        prof = linker.profiles[p]
        assert prof.window is not None and prof.place is not None  # anchors have both
        for eid in index.candidates(
            prof.family, prof.window[0], prof.window[1], prof.place, prof.toll
        ):
            if eid not in stored:
                asked.setdefault(eid, []).append(p)
    for eid, ms in index.links_of(sorted(asked)).items():
        # A profile and a stored mention from one article are tested as such when the
        # neighbourhood is grouped; here either reading lets the event in.
        others = {linker.intern(o) for o in ms if o.article_id not in replaced}
        if any(
            linker.test(p, q, False) or linker.test(p, q, True) for p in asked[eid] for q in others
        ):
            stored[eid] = ms
    return stored


def _owners(stored: Mapping[str, tuple[Link, ...]]) -> dict[str, str]:
    """Which stored event each stored mention belongs to, by key (a new mention of an
    article processed again has the key its stored reading had)."""
    return {x.key: eid for eid, ms in stored.items() for x in ms}


def _assign_ids(
    groups: list[list[Link]],
    stored: Mapping[str, tuple[Link, ...]],
    owner: Mapping[str, str],
) -> tuple[list[str], dict[str, str | None]]:
    """Each group's id, and for each stored event that lost its id, the id of the group
    that took most of its mentions (None: none of them is left)."""
    first = {eid: min(x.order for x in ms) for eid, ms in stored.items() if ms}
    options = []
    for g, group in enumerate(groups):
        shared = Counter(e for x in group if (e := owner.get(x.key)) is not None)
        for eid, n in shared.items():
            options.append((-n, first.get(eid, ("",)), group[0].order, eid, g))
    ids: list[str | None] = [None] * len(groups)
    taken: set[str] = set()
    for _, _, _, eid, g in sorted(options):
        if ids[g] is None and eid not in taken:
            ids[g] = eid
            taken.add(eid)
    final: list[str] = []
    used = set(stored) | taken
    for g, group in enumerate(groups):
        kept = ids[g]
        if kept is not None:
            final.append(kept)
            continue
        salt = 0
        fresh = new_event_id(group)
        while fresh in used:
            # A stored event (kept or going away) already holds this id.
            salt += 1
            fresh = new_event_id(group, salt)
        used.add(fresh)
        final.append(fresh)
    # Where the mentions of each stored event that lost its id went, in one pass.
    went: dict[str, Counter[str]] = {eid: Counter() for eid in set(stored) - taken}
    for g, group in enumerate(groups):
        for x in group:
            gone = owner.get(x.key)
            if gone in went:
                went[gone][final[g]] += 1
    fate: dict[str, str | None] = {}
    for eid in sorted(went):
        fate[eid] = min(went[eid].items(), key=lambda kv: (-kv[1], kv[0]))[0] if went[eid] else None
    return final, fate


def regroup(
    mentions: Sequence[ResolvedMention],
    index: EventIndex,
    lexicon: Lexicon,
    articles: Iterable[str] = (),
) -> list[Regroup]:
    """Merge new mentions into the index's events; the mentions of `articles` (and of the
    new mentions' articles) replace whatever was stored for those articles. Returns the
    events that changed, by their mentions' keys: stored mentions are read as links, never
    decoded whole (`materialize` does that, a few events at a time)."""
    new = sorted({x.key: x for x in map(link, mentions)}.values(), key=lambda x: x.order)
    replaced = set(articles) | {x.article_id for x in new}
    linker = Linker(lexicon)
    stored = _neighbourhood(new, replaced, index, linker)
    kept = [x for xs in stored.values() for x in xs if x.article_id not in replaced]
    groups = cluster_links([*kept, *new], linker)
    owner = _owners(stored)
    ids, fate = _assign_ids(groups, stored, owner)
    absorbed: dict[str, list[str]] = {}
    for gone, survivor in fate.items():
        if survivor is not None:
            absorbed.setdefault(survivor, []).append(gone)
    results: list[Regroup] = []
    for eid, group in zip(ids, groups, strict=True):
        moved = sorted(
            x.key
            for x in group
            if x.article_id not in replaced and owner.get(x.key) not in (None, eid)
        )
        unchanged = (
            eid in stored
            and not absorbed.get(eid)
            and len(group) == len(stored[eid])
            and {x.key for x in group} == {x.key for x in stored[eid]}
            and not any(x.article_id in replaced for x in group)
        )
        if not unchanged:
            results.append(
                Regroup(
                    eid,
                    tuple(x.key for x in group),
                    tuple(sorted(absorbed.get(eid, ()))),
                    tuple(moved),
                )
            )
    results.extend(Regroup(eid, ()) for eid, survivor in sorted(fate.items()) if survivor is None)
    return results


def materialize(
    plan: Sequence[Regroup],
    new: Mapping[str, ResolvedMention],
    index: EventIndex,
    limit: int = 0,
) -> Iterator[list[MergeResult]]:
    """The regrouped events with their mentions whole, in chunks that decode at most about
    `limit` stored mentions each (0: all in one chunk); `new` holds the batch's mentions by
    key, the index the stored ones."""
    chunk: list[Regroup] = []
    size = 0
    for r in plan:
        chunk.append(r)
        size += sum(1 for k in r.keys if k not in new)
        if limit and size >= limit:
            yield _whole(chunk, new, index)
            chunk, size = [], 0
    if chunk:
        yield _whole(chunk, new, index)


def _whole(
    chunk: Sequence[Regroup], new: Mapping[str, ResolvedMention], index: EventIndex
) -> list[MergeResult]:
    stored = index.mentions_by_key(sorted({k for r in chunk for k in r.keys if k not in new}))
    return [
        MergeResult(
            r.event_id,
            tuple(new[k] if k in new else stored[k] for k in r.keys),
            r.absorbed,
            r.moved,
        )
        for r in chunk
    ]


def merge(
    mentions: Sequence[ResolvedMention],
    index: EventIndex,
    lexicon: Lexicon,
    articles: Iterable[str] = (),
) -> list[MergeResult]:
    """Merge new mentions into the index's events (`regroup`), all events whole; the
    mentions of `articles` (and of the new mentions' articles) replace whatever was stored
    for those articles. Returns the events that changed."""
    plan = regroup(mentions, index, lexicon, articles)
    new = {mention_key(m): m for m in mentions}
    return [r for chunk in materialize(plan, new, index) for r in chunk]


def _best_precision(mentions: Sequence[ResolvedMention]) -> ResolvedMention:
    return min(
        mentions,
        key=lambda m: (_PRECISION_ORDER[m.date.precision], m.date_from != "text", sort_key(m)),
    )


# ACLED's two sub-types of ground taken in a battle, told apart by who took it.
_STATE_TAKES = "Government regains territory"
_OTHER_TAKES = "Non-state actor overtakes territory"
_TERRITORY = frozenset({_STATE_TAKES, _OTHER_TAKES})


def _top_sub_type(ms: Sequence[ResolvedMention], lexicon: Lexicon) -> str:
    """The highest-ranked sub-type; among equals, the earliest report's."""
    return max(
        (lexicon.ranks.get(m.mention.sub_event_type, 0), -i, m.mention.sub_event_type)
        for i, m in enumerate(ms)
    )[2]


def _sub_type_and_doer(ms: Sequence[ResolvedMention], lexicon: Lexicon) -> tuple[str, Actor | None]:
    """The event's sub-type and first actor. Ground taken outranks the fighting told beside
    it, but its sub-type says who took the ground: the taker is the first actor and decides
    between the government's and a non-state actor's gain. When no report of the ground
    taken names a taker, the actors come from the other reports and so does the sub-type
    ("Capturing most of the province has helped the group" beside "the army clashed with
    IS near the airport" is the army's clash, not ground the army took)."""
    sub_type = _top_sub_type(ms, lexicon)
    if sub_type not in _TERRITORY:
        return sub_type, _majority_actor(m.actor1 for m in ms)
    taken = [m for m in ms if m.mention.sub_event_type in _TERRITORY]
    taker = _majority_actor(m.actor1 for m in taken)
    if taker is not None:
        return (_STATE_TAKES if taker.kind == "State forces" else _OTHER_TAKES), taker
    rest = [m for m in ms if m.mention.sub_event_type not in _TERRITORY]
    doer = _majority_actor(m.actor1 for m in rest)
    if doer is None:
        return sub_type, None
    return _top_sub_type(rest, lexicon), doer


def _majority_actor(actors: Iterable[Actor | None], exclude: str | None = None) -> Actor | None:
    named = [a for a in actors if a is not None and a.name != exclude]
    if not named:
        return None
    known = [a for a in named if a.known] or named
    counts = Counter(a.name for a in known)
    best = max(counts.items(), key=lambda kv: (kv[1], -[a.name for a in known].index(kv[0])))[0]
    return next(a for a in known if a.name == best)


def _fatalities(
    mentions: Sequence[ResolvedMention], attr: str
) -> tuple[int | None, str | None, list[str]]:
    """ACLED's conservative reading: each article's figure is the one it states first
    (the lede gives the toll of the event it reports; later sentences often give other
    tallies), then the lowest across articles, with the source it comes from; differing
    figures are conflicts."""
    per_article: dict[str, tuple[int, str]] = {}
    for m in sorted(mentions, key=lambda m: (m.source.char_start, sort_key(m))):
        value = getattr(m.mention, attr)
        if value is None or m.source.article_id in per_article:
            continue
        per_article[m.source.article_id] = (value, m.source.outlet or m.source.article_id)
    if not per_article:
        return None, None, []
    values = sorted(per_article.values())
    conflicts: list[str] = []
    by_value: dict[int, list[str]] = {}
    for value, label in values:
        labels = by_value.setdefault(value, [])
        if label not in labels:
            labels.append(label)
    if len(by_value) > 1:
        # Each figure once, with every source that gives it: "12 (SANA) vs 15 (AFP, SOHR)".
        listed = " vs ".join(f"{v} ({', '.join(labels)})" for v, labels in by_value.items())
        conflicts.append(f"{'fatalities' if attr == 'killed' else 'injured'}: {listed}")
    return values[0][0], values[0][1], conflicts


def build_event(
    event_id: str,
    mentions: Sequence[ResolvedMention],
    lexicon: Lexicon,
    version: str,
    sketches: Mapping[str, Sketch] | None = None,
) -> Event:
    """The event record from all its mentions (order-independent); `sketches` of the
    articles' texts let syndicated copies count once in n_sources."""
    ms = sorted(mentions, key=sort_key)
    # An act told as intended ("set up a council to push IS out of al-Bab") that joined
    # reports of the act done does not decide what was done; it names an actor only where
    # those reports name none.
    told = [m for m in ms if m.mention.modality not in INTENDED_MODALITIES] or ms
    sub_type, actor1 = _sub_type_and_doer(told, lexicon)
    if actor1 is None and sub_type not in _TERRITORY:
        actor1 = _majority_actor(m.actor1 for m in ms)
    dated = _best_precision(ms)
    exclude = actor1.name if actor1 else None
    actor2 = _majority_actor((m.actor2 for m in told), exclude) or _majority_actor(
        (m.actor2 for m in ms), exclude
    )
    # The place comes from the reports that date the event themselves, when there are any:
    # a sentence that follows them (dated only by publication) often names another place.
    core = [m for m in ms if is_anchor(m) and m.date_from == "text"] or ms
    placed = [m.place for m in core if m.place is not None] or [
        m.place for m in ms if m.place is not None
    ]
    times = Counter(placed)
    place = min(placed, key=lambda p: (p.geo_precision, -times[p])) if placed else None
    fatalities, _, conflicts = _fatalities(ms, "killed")
    injured, _, injured_conflicts = _fatalities(ms, "injured")
    conflicts += injured_conflicts
    # Civilians never perpetrate: a report that put victims first ("civilians were killed
    # by the BLA") is a misread, not a rival claim of who did it.
    named1 = sorted(
        {
            m.actor1.name
            for m in ms
            if m.actor1 is not None and m.actor1.known and m.actor1.kind != "Civilians"
        }
    )
    if len(named1) > 1:
        conflicts.append("perpetrator: " + " vs ".join(named1))
    arguments: dict[str, tuple[str, ...]] = {}
    for m in ms:
        for role, values in m.mention.arguments.items():
            arguments[role] = tuple(dict.fromkeys([*arguments.get(role, ()), *values]))
    modalities = [m.mention.modality for m in ms]
    modality = "asserted" if "asserted" in modalities else Counter(modalities).most_common(1)[0][0]
    sources = tuple(dict.fromkeys(m.source for m in ms))
    n_sources = independent_reports(sources, sketches or {})
    event = Event(
        event_id=event_id,
        event_date=dated.date.date,
        event_date_end=dated.date.date_end if dated.date.precision == "day" else None,
        date_precision=dated.date.precision,
        event_type=lexicon.sub_types[sub_type],
        sub_event_type=sub_type,
        actor1=actor1.name if actor1 else None,
        actor1_kind=actor1.kind if actor1 else None,
        actor2=actor2.name if actor2 else None,
        actor2_kind=actor2.kind if actor2 else None,
        location=place.name if place else None,
        admin1=place.admin1 if place else None,
        country=place.country if place else None,
        iso3=place.iso3 if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=place.geo_precision if place else None,
        fatalities=fatalities,
        injured=injured,
        arguments=arguments,
        status=ms[0].mention.status,
        modality=modality,
        confidence=0.0,  # from the evidence of the finished record, below
        pipeline_version=version,
        notes="",  # rendered from the finished record below
        sources=sources,
        n_sources=n_sources,
        claimed_by=tuple(claimants(ms)),
        conflicts=tuple(conflicts),
    )
    return replace(event, notes=render_notes(event), confidence=event_confidence(event, ms))
