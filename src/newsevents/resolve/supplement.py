"""The supplementary gazetteer CSV: its columns, reading with line-numbered errors, and
writing (for the UCDP refresh)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsevents.data_files import package_data
from newsevents.errors import DataFileError
from newsevents.resolve.place_index import FEATURES

SUPPLEMENT_COLUMNS = (
    "name",
    "alternate_names",
    "latitude",
    "longitude",
    "feature",
    "geo_precision",
    "admin1",
    "iso3",
    "population",
    "source",
)


@dataclass(frozen=True)
class SupplementRow:
    """One row of a supplementary gazetteer CSV."""

    name: str
    alternate_names: tuple[str, ...]
    latitude: float | None
    longitude: float | None
    feature: str
    geo_precision: int | None
    admin1: str
    iso3: str
    population: int
    source: str


def supplement_path() -> Path:
    """The bundled supplementary gazetteer CSV."""
    return package_data("gazetteer_supplement.csv")


def read_supplement(path: Path) -> list[SupplementRow]:
    """Read a supplementary gazetteer CSV ('#' lines are comments); raise DataFileError
    with the line number and the fix for a bad row."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read the gazetteer CSV ({exc})") from exc
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if not line.startswith("#")]
    reader = csv.reader(io.StringIO("\n".join(line for _, line in lines)))
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != SUPPLEMENT_COLUMNS:
        raise DataFileError(f"{path}: the header must be {','.join(SUPPLEMENT_COLUMNS)}")
    rows = []
    for (lineno, _), fields in zip(lines[1:], reader, strict=False):
        if not any(f.strip() for f in fields):
            continue
        rows.append(_parse_supplement_row(fields, f"{path}:{lineno}"))
    return rows


def _parse_supplement_row(fields: list[str], where: str) -> SupplementRow:
    if len(fields) != len(SUPPLEMENT_COLUMNS):
        raise DataFileError(f"{where}: expected {len(SUPPLEMENT_COLUMNS)} columns")
    rec = dict(zip(SUPPLEMENT_COLUMNS, (f.strip() for f in fields), strict=True))
    if not rec["name"]:
        raise DataFileError(f"{where}: the name column is empty")
    if rec["feature"] not in FEATURES:
        raise DataFileError(f"{where}: feature {rec['feature']!r} is not one of {FEATURES}")
    try:
        lat = float(rec["latitude"]) if rec["latitude"] else None
        lon = float(rec["longitude"]) if rec["longitude"] else None
        precision = int(rec["geo_precision"]) if rec["geo_precision"] else None
        population = int(rec["population"] or 0)
    except ValueError as exc:
        raise DataFileError(f"{where}: a number column cannot be read ({exc})") from exc
    if (lat is None) != (lon is None) or (
        lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)
    ):
        raise DataFileError(f"{where}: give both latitude (-90..90) and longitude (-180..180)")
    if lat is None and rec["feature"] not in ("country", "admin1"):
        raise DataFileError(f"{where}: only country and admin1 alias rows may omit coordinates")
    if precision is not None and not 1 <= precision <= 4:
        raise DataFileError(f"{where}: geo_precision must be 1-4")
    if len(rec["iso3"]) != 3 and not (rec["feature"] == "region" and not rec["iso3"]):
        raise DataFileError(
            f"{where}: iso3 must be a three-letter country code (empty only for a region)"
        )
    alternates = tuple(a.strip() for a in rec["alternate_names"].split("|") if a.strip())
    return SupplementRow(
        name=rec["name"],
        alternate_names=alternates,
        latitude=lat,
        longitude=lon,
        feature=rec["feature"],
        geo_precision=precision,
        admin1=rec["admin1"],
        iso3=rec["iso3"].upper(),
        population=population,
        source=rec["source"],
    )


def write_supplement(path: Path, header: str, rows: Iterable[SupplementRow]) -> None:
    """Write `rows` to a supplement CSV after the '#' comment block `header`."""
    buf = io.StringIO()
    buf.write(header)
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(SUPPLEMENT_COLUMNS)
    for r in rows:
        writer.writerow(
            [
                r.name,
                "|".join(r.alternate_names),
                "" if r.latitude is None else r.latitude,
                "" if r.longitude is None else r.longitude,
                r.feature,
                "" if r.geo_precision is None else r.geo_precision,
                r.admin1,
                r.iso3,
                r.population or "",
                r.source,
            ]
        )
    path.write_text(buf.getvalue(), encoding="utf-8")
