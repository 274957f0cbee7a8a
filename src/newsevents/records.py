"""Typed, immutable records passed between pipeline stages.

Layer: records sit at the bottom; every other module may import them, they import
nothing from the package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Precision = Literal["day", "week", "month", "year", "unknown"]
Status = Literal["new", "background"]
Modality = Literal["asserted", "claimed", "denied", "threatened", "planned"]
# How a report holds its event: told as done (asserted, or claimed by a party), or not
# yet done (planned, threatened); a denied event is neither.
DONE_MODALITIES: frozenset[Modality] = frozenset({"asserted", "claimed"})
INTENDED_MODALITIES: frozenset[Modality] = frozenset({"planned", "threatened"})


@dataclass(frozen=True)
class Article:
    """One news article as read from its source; `id` is a content hash."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime as given
    url: str | None = None
    outlet: str | None = None
    external_id: str | None = None
    source: str = ""  # where it was read from: path[:line] or "-"
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class IngestProblem:
    """An input that could not become an article: skipped (not English, empty) or failed."""

    source: str
    reason: str
    skipped: bool = False  # True: deliberately passed over; False: an error
    language: str | None = None


@dataclass(frozen=True)
class Removal:
    """A span of the article text that cleaning blanked out, and why."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class CleanArticle:
    """An article with scraper junk blanked out.

    `text` has exactly the length of `article.text`: junk is replaced by spaces and
    only same-length character normalisations are made, so every offset into `text`
    is an offset into the stored article text.
    """

    article: Article
    text: str
    removed: tuple[Removal, ...] = ()


@dataclass(frozen=True)
class Dateline:
    """What an article's dateline or byline gives: place and/or publication date."""

    place: str | None
    date: str | None  # ISO date
    outlet: str | None
    start: int
    end: int


@dataclass(frozen=True)
class ResolvedDate:
    """A calendar date with the precision the text supports."""

    date: str | None  # ISO YYYY-MM-DD: the first day of the period
    date_end: str | None  # last day for a period or a multi-day span, else None
    precision: Precision


@dataclass(frozen=True)
class TimeExpression:
    """A time expression found in text, with offsets relative to that text."""

    text: str
    start: int
    end: int
    value: ResolvedDate


@dataclass(frozen=True)
class Place:
    """A gazetteer entry an event can be placed at."""

    name: str
    latitude: float
    longitude: float
    country: str | None  # country name
    iso3: str | None
    admin1: str | None
    feature: str  # "country", "admin1", "region", "city", "village"
    geo_precision: int  # 1 place itself, 2 near/part of region, 3 region only, 4 country only
    population: int = 0
    geonameid: int | None = None


@dataclass(frozen=True)
class Actor:
    """A canonical actor with its ACLED-style kind."""

    name: str
    kind: str  # State forces, Rebel group, Political militia, Identity militia,
    # Rioters, Protesters, Civilians, External/Other
    country: str | None = None
    known: bool = True  # False: not in the dictionary, name kept as written


@dataclass(frozen=True)
class Mention:
    """One event as reported in one sentence of one article, before resolution."""

    article_id: str
    sentence: str
    sentence_start: int  # offsets into the article's stored text
    sentence_end: int
    trigger: str
    event_type: str
    sub_event_type: str
    arguments: dict[str, tuple[str, ...]]  # role -> surface strings as written
    actor1: str | None
    actor2: str | None
    places: tuple[str, ...]  # place surface strings, most likely event place first
    times: tuple[TimeExpression, ...]
    killed: int | None
    injured: int | None
    status: Status
    modality: Modality
    claimed_by: str | None = None
    confidence: float = 0.5


@dataclass(frozen=True)
class Source:
    """Where an event is reported: one sentence of one article."""

    article_id: str
    url: str | None
    outlet: str | None
    published: str | None
    sentence: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Event:
    """The event record shared by every interface (see docs/DESIGN.md)."""

    event_id: str
    event_date: str | None
    event_date_end: str | None
    date_precision: Precision
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor1_kind: str | None
    actor2: str | None
    actor2_kind: str | None
    location: str | None
    admin1: str | None
    country: str | None
    iso3: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    injured: int | None
    arguments: dict[str, tuple[str, ...]]
    status: Status
    modality: Modality
    confidence: float
    pipeline_version: str
    notes: str
    sources: tuple[Source, ...]
    n_sources: int
    claimed_by: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResolvedMention:
    """A mention with its actors, place and date resolved, and where it was reported."""

    mention: Mention
    source: Source
    actor1: Actor | None
    actor2: Actor | None
    place: Place | None
    date: ResolvedDate
    # "text" (a time expression), "passage" (an undated sentence continuing a dated passage),
    # "published" (undated report), "none"
    date_from: str
