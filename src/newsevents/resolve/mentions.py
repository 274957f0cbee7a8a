"""Resolve: turn an article's mentions into canonical actors, gazetteer places and dates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from newsevents.records import (
    Actor,
    Article,
    Mention,
    Place,
    ResolvedDate,
    ResolvedMention,
    Source,
)
from newsevents.resolve.actors import ActorContext, ActorDictionary
from newsevents.resolve.dates import dates_the_event, dates_the_saying, local_day
from newsevents.resolve.passages import passage_dates
from newsevents.resolve.place_cues import cue_countries
from newsevents.resolve.place_index import AREA_FEATURES, FEATURES, great_circle_km
from newsevents.resolve.places import Gazetteer, PlaceContext
from newsevents.resolve.timex_spans import event_span
from newsevents.title_case import headline_cased


@dataclass(frozen=True)
class ResolveContext:
    """The resolvers and what the article says about itself (publication date, dateline)."""

    actors: ActorDictionary
    gazetteer: Gazetteer
    anchor: dt.date | None
    dateline_place: str | None = None
    # True when the anchor is already the local day of a place (a dateline's date or
    # zone): a zoned publication time is then not re-read in the event place's time.
    local_anchor: bool = False


# A town's quarter lies within this distance of the town's point (Damascus and Aleppo
# reach some 10 km from their centres).
_QUARTER_KM = 25.0
_AREAS = frozenset(FEATURES[f] for f in AREA_FEATURES)  # country, admin1, region, admin2

# The argument roles that name actors (Mention.arguments), as written in the text.
_ACTOR_ROLES = ("perpetrator", "target", "victim")


def _place_context(mentions: Sequence[Mention], ctx: ResolveContext) -> PlaceContext:
    names: list[str] = []
    for m in mentions:
        names.extend(m.places)
    if ctx.dateline_place:
        names.append(ctx.dateline_place)
    countries: list[str] = []
    for name in names:
        iso3 = ctx.gazetteer.country_for(name)
        if iso3 and iso3 not in countries:
            countries.append(iso3)
    for m in mentions:
        # Only an actor whose name as written says its country ("Russian jets", "SDF"):
        # "regime forces" took the country of the article's places as the extractor read
        # them, which would confirm a namesake abroad ("Jobar" as Juybar, Iran).
        for role in _ACTOR_ROLES:
            for surface in m.arguments.get(role, ()):
                actor = ctx.actors.lookup(surface)
                if actor is not None and actor.country and actor.country not in countries:
                    countries.append(actor.country)
    # Phrases that say the country ("regime forces", "SDF": place_cues.yaml): a one-line
    # report names none, and its places would go to namesakes abroad (Palmyra, USA).
    sentences = dict.fromkeys(m.sentence for m in mentions)
    countries.extend(c for c in cue_countries(sentences) if c not in countries)
    # Names from title-case headlines, where every word has a capital ("Countryside").
    # (Not names the recaser capitalised in caseless text: tested as English words, they
    # cost MUC-4 role F1 27.6 -> 26.0 and changed nothing on UCDP.)
    headline = {n for m in mentions if m.places and headline_cased(m.sentence) for n in m.places}
    return PlaceContext(
        countries=tuple(countries),
        places=tuple(dict.fromkeys(names)),
        dateline=ctx.dateline_place,
        headline_names=tuple(n for n in dict.fromkeys(names) if n in headline),
    )


def _resolve_place(mention: Mention, gaz: Gazetteer, pctx: PlaceContext) -> Place | None:
    """The event's place (`_choose_place`), with geo_precision 2 when the sentence puts
    the event around a town rather than in it ("the countryside of Hama")."""
    place = _choose_place(mention, gaz, pctx)
    if place is None or place.geo_precision != 1:
        return place
    for name in mention.places:
        if gaz.said_near(name, mention.sentence) and gaz.resolve(name, pctx) == place:
            return replace(place, geo_precision=2)
    return place


def _choose_place(mention: Mention, gaz: Gazetteer, pctx: PlaceContext) -> Place | None:
    """The first named place that resolves (the extractor orders them by how closely
    they attach to the trigger), unless another named place lies inside it ("the town
    of Hajin in Deir ez-Zor" is Hajin); a country only if nothing finer does. When the
    place closest to the trigger is a country, finer places elsewhere do not count:
    "concern in Washington over chemical weapons use in Syria" happened in Syria. A
    quarter or building is in the town the sentence puts it in (`_town_of_quarter`), and
    one named after a place abroad is not there (`_quarter_abroad`)."""
    named = [
        (n, p)
        for n in mention.places
        if (p := gaz.resolve(n, pctx)) is not None
        and not _quarter_abroad(n, p, mention.sentence, gaz, pctx)
    ]
    resolved = [p for _, p in named]
    fine = [p for p in resolved if p.geo_precision < 4]
    if resolved and resolved[0].geo_precision >= 4 and resolved[0].iso3:
        fine = [p for p in fine if p.iso3 == resolved[0].iso3]
    if not fine:
        return resolved[0] if resolved else None
    best = fine[0]
    town = _town_of_quarter(best, named, mention.sentence, gaz)
    if town is not None:
        return town
    for other in fine[1:]:
        inside = other.admin1 is not None and _key(other.admin1) in (
            _key(best.name),
            _key(best.admin1),
        )
        if (
            inside
            and other.feature not in ("admin1", "region", "country")
            and (
                best.feature in ("admin1", "region") or _key(best.name) == _key(other.admin1 or "")
            )
        ):
            return other
    return best


def _quarter_abroad(
    name: str, place: Place, sentence: str, gaz: Gazetteer, pctx: PlaceContext
) -> bool:
    """Whether a name written as a quarter or a building ("According to the Al-Quds
    hospital", "the Salah al-Din district") reads as a place in a country the article
    neither names nor places its other names in: a quarter or building named after a
    place abroad, not that place."""
    told = {c.upper() for c in pctx.countries}
    if place.iso3 is None or place.iso3 in told or not gaz.names_a_quarter(name, sentence):
        return False
    others = (gaz.resolve(n, pctx) for n in pctx.places if n != name)
    placed = {p.iso3 for p in others if p is not None and p.iso3}
    # An article that says nothing else of where it is ("Mortar Attack Targets Damascus
    # School") gives no reason to doubt the name.
    return bool(told | placed) and place.iso3 not in placed


def _town_of_quarter(
    best: Place, named: Sequence[tuple[str, Place]], sentence: str, gaz: Gazetteer
) -> Place | None:
    """The town the sentence puts the chosen place's quarter in, when the chosen reading
    lies far from it: "the Souq al-Hamadiyeh neighbourhood of Damascus" is in Damascus,
    whatever village far away shares the quarter's name."""
    written = next((n for n, p in named if p == best), None)
    if written is None or best.feature in _AREAS:
        return None  # "the east Aleppo district of Marjeh": the area holds the quarter
    for name, town in named:
        if (
            town != best
            and town.feature not in _AREAS
            and great_circle_km(best.latitude, best.longitude, town.latitude, town.longitude)
            > _QUARTER_KM
            and gaz.quarter_of(written, name, sentence)
        ):
            return town
    return None


# A quarter read as a place this far from every town the article places events in is a
# namesake elsewhere ("al-Zahraa neighbourhood" in a report from Homs is not Zahraa near
# Aleppo); nearer, it may be a town of the city's outskirts ("Harasta suburb").
_QUARTER_FAR_KM = 100.0
# A city this large, named in a sentence that tells of a quarter, holds the quarter.
_CITY_POPULATION = 100_000


def _quarters_in_article_towns(
    mentions: Sequence[Mention],
    places: Sequence[Place | None],
    gaz: Gazetteer,
    pctx: PlaceContext,
) -> list[Place | None]:
    """Events placed in a quarter ("rocket shells fell on al-Hamidiyeh neighborhood"),
    placed in the city it lies in, as ACLED codes a city's quarters: the city the
    sentence names (`_city_named`, also where it tells no event: "a source at Aleppo
    Police Command") when the quarter's reading is unplaced, only its country, or a
    namesake far from that city; else, for a quarter with no reading finer than its
    country, the town the sentences before placed the article's events in (or the first
    after). A reading near the named city stands ("Mosul's al-Jadida neighbourhood"),
    and so does one the sentence does not contradict."""
    # Only towns of the country most of the article's events are in: a dateline's city
    # ("MOSCOW (Sputnik)") holds no quarter of a report from Syria.
    countries = [p.iso3 for p in places if p is not None and p.geo_precision < 4 and p.iso3]
    if not countries:
        return list(places)
    home = max(dict.fromkeys(countries), key=countries.count)
    towns: list[tuple[int, Place]] = []  # (sentence start, town) of events placed in one
    for m, place in zip(mentions, places, strict=True):
        if (
            place is not None
            and place.geo_precision == 1
            and place.feature not in _AREAS
            and place.iso3 == home
            and not any(gaz.names_a_quarter(n, m.sentence) for n in m.places)
        ):
            towns.append((m.sentence_start, place))
    out: list[Place | None] = []
    for m, place in zip(mentions, places, strict=True):
        quarters = [n for n in m.places if gaz.names_a_quarter(n, m.sentence)]
        out.append(_quarter_town(m, place, quarters, towns, home, gaz, pctx) or place)
    return out


def _quarter_town(
    mention: Mention,
    place: Place | None,
    quarters: Sequence[str],
    towns: Sequence[tuple[int, Place]],
    home: str,
    gaz: Gazetteer,
    pctx: PlaceContext,
) -> Place | None:
    """The city a mention's quarter lies in, when its reading is not to be trusted (see
    _quarters_in_article_towns); None to keep the reading."""
    if not quarters:
        return None
    unplaced = place is None or place.geo_precision >= 4
    countries = {home, *pctx.countries}
    named = _city_named(mention, quarters, countries, gaz) or next(
        (t for _, t in towns if t.name in mention.sentence), None
    )
    if named is not None:
        # "in central Homs city ... in the Al-Zahraa neighbourhood" is not Zahraa near
        # Aleppo; "Mosul's al-Jadida neighbourhood" is the quarter of Mosul it reads as.
        return named if unplaced or _far(place, named) else None
    if not towns:
        return None
    before = _town_before(mention, towns)
    if not unplaced:
        # A reading the sentence does not contradict stands: an article telling several
        # provinces has quarters in any of them ("Daraa al-Mahatta neighborhood" in a
        # report that opens in Aleppo). A quarter read as a village of no known size far
        # from the city the article tells of is a namesake ("al-Hamadaniyeh neighborhood"
        # after Aleppo is not Hamdaniyah in Hasakah).
        namesake = (
            place is not None
            and place.feature == "village"
            and not place.population
            and before.population >= _CITY_POPULATION
            and _far(place, before)
            and any(gaz.resolve(q, pctx) == place for q in quarters)
        )
        return before if namesake else None
    return before


def _far(place: Place | None, town: Place) -> bool:
    return (
        place is not None
        and great_circle_km(place.latitude, place.longitude, town.latitude, town.longitude)
        > _QUARTER_FAR_KM
    )


# Capitalised runs of up to three words: the names a sentence may give its city in.
_NAME_RUN = re.compile(r"\b[A-Z][\w'-]+(?:[ \t]+[A-Z][\w'-]+){0,2}")
# An Arabic article that continues a name after a capitalised run ("Bab al-Nasr").
_ARTICLE_NEXT = re.compile(r"[ \t]+(?:al|el|ad|ar|as|at|ash|az|an)-", re.IGNORECASE)


def _city_named(
    mention: Mention, quarters: Sequence[str], countries: Collection[str], gaz: Gazetteer
) -> Place | None:
    """A city of the article's countries the sentence names anywhere, even where it
    tells no event ("A source at Aleppo Police Command said ...", "SANA reporter in
    Homs", "the Bab al-Nasr area of Old Aleppo"), or the town a quarter is written as
    owned by in any country ("Mosul's al-Jadida neighbourhood"): the first capitalised
    word or run, outside the quarters' own names, that the gazetteer knows by name as a
    city of at least 100,000 people."""
    for run in _NAME_RUN.finditer(mention.sentence):
        owner = run.group().endswith("'s")
        if not owner and _ARTICLE_NEXT.match(mention.sentence, run.end()):
            continue  # "Bab al-Nasr": the run is part of a longer name
        words = [w.removesuffix("'s") for w in run.group().split()]
        spans = [" ".join(words[i:j]) for i in range(len(words)) for j in range(len(words), i, -1)]
        for name in spans:
            if not owner and any(name in quarter for quarter in quarters):
                continue  # "Batna" of "Kafr Batna neighborhood"
            if not gaz.is_place_name(name):
                continue
            place = gaz.resolve(name)
            if (
                place is not None
                and place.feature == "city"
                and place.population >= _CITY_POPULATION
                and (owner or place.iso3 in countries)
            ):
                # "a source at Deir Ezzor Governorate": the city, where its quarters are
                return replace(place, geo_precision=1)
    return None


def _town_before(mention: Mention, towns: Sequence[tuple[int, Place]]) -> Place:
    """The town placed last before a sentence, else the first after it."""
    before = [t for at, t in towns if at <= mention.sentence_start]
    return before[-1] if before else towns[0][1]


def _key(name: str | None) -> str:
    return "".join(ch for ch in (name or "").lower() if ch.isalnum())


def _country_fallback(places: Sequence[Place], gaz: Gazetteer) -> Place | None:
    """The country most of the article's events are placed in (at least 60 % of them),
    at country precision: an event whose sentence names no place is coded to the country
    the article is about, as ACLED does when only the country is known."""
    # Only places finer than a country count: "Russia said" or "the US and Russia agreed"
    # name a country without placing the article's events there.
    countries = [p.country for p in places if p.country and p.geo_precision < 4]
    if not countries:
        return None
    top = max(set(countries), key=countries.count)
    if countries.count(top) / len(countries) < 0.6:
        return None
    country = gaz.resolve(top)
    return country if country is not None and country.geo_precision == 4 else None


def _date(mention: Mention, anchor: dt.date | None) -> tuple[ResolvedDate, str]:
    # "Police said today that rebels killed nine on 17 August": the day of the saying
    # dates the event only when the sentence gives no other.
    for expr in sorted(mention.times, key=lambda e: dates_the_saying(mention.sentence, e)):
        if not dates_the_event(mention.sentence, expr):
            continue  # "since early 2019" says when a tally began, not the event's date
        if expr.value.date is not None:
            # "a three-day siege that ended on Friday": the days it lasted
            return event_span(mention.sentence, expr.value, expr.start), "text"
    if anchor is not None and mention.status == "new":
        # An undated report: the event happened around publication; "week" says the
        # day is not known more precisely than that.
        return ResolvedDate(anchor.isoformat(), None, "week"), "published"
    return ResolvedDate(None, None, "unknown"), "none"


def resolve_mentions(
    article: Article, mentions: Sequence[Mention], ctx: ResolveContext
) -> tuple[ResolvedMention, ...]:
    """Resolve every mention of one article, using the whole article as context."""
    pctx = _place_context(mentions, ctx)
    places = [_resolve_place(m, ctx.gazetteer, pctx) for m in mentions]
    places = _quarters_in_article_towns(mentions, places, ctx.gazetteer, pctx)
    fallback = _country_fallback([p for p in places if p is not None], ctx.gazetteer)
    recent: list[Actor] = []
    resolved: list[ResolvedMention] = []
    for m, place in zip(mentions, places, strict=True):
        actx = ActorContext(countries=pctx.countries, recent=tuple(recent))
        actor1 = ctx.actors.resolve(m.actor1, actx) if m.actor1 else None
        actor2 = ctx.actors.resolve(m.actor2, actx) if m.actor2 else None
        if actor2 is None and "victim" in m.arguments:
            # Unnamed victims ("200 people", "a woman") are civilians in ACLED's coding.
            actor2 = ctx.actors.resolve("civilians", actx)
        actor1, actor2 = ctx.actors.sides(actor1, actor2, m.event_type)
        for actor in (actor1, actor2):
            if actor is not None and actor.known:
                recent.append(actor)
        anchor = ctx.anchor
        where = place if place is not None or m.status == "background" else fallback
        if not ctx.local_anchor and where is not None:
            # A zoned publication time read in the event place's local time may be another
            # day: relative dates then count from that day.
            anchor, m = local_day(article.published, where.iso3, m, ctx.anchor)
        date, date_from = _date(m, anchor)
        source = Source(
            article_id=article.id,
            url=article.url,
            outlet=article.outlet,
            published=article.published,
            # The stored text, not the analysed one (which may have been recased).
            sentence=article.text[m.sentence_start : m.sentence_end],
            char_start=m.sentence_start,
            char_end=m.sentence_end,
        )
        resolved.append(
            ResolvedMention(
                mention=m,
                source=source,
                actor1=actor1,
                actor2=actor2,
                # A recalled event may have happened anywhere: no country fallback for it.
                place=where,
                date=date,
                date_from=date_from,
            )
        )
    # An undated sentence that goes on telling an earlier dated event takes its date.
    return passage_dates(article.text, resolved)
