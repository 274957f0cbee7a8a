"""Conflict villages derived from the UCDP GED Syria file: settlements the GeoNames data
lacks, written into the supplementary gazetteer CSV by `refresh_ucdp_supplement`."""

from __future__ import annotations

import csv
import re
import statistics
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from newsevents.resolve.gazetteer_build import build_index
from newsevents.resolve.place_index import PlaceIndex, great_circle_km, rows_of
from newsevents.resolve.place_names import bare_key, name_key, skeleton
from newsevents.resolve.supplement import (
    SupplementRow,
    read_supplement,
    supplement_path,
    write_supplement,
)

_UCDP_FEATURES = {
    "village": "village",
    "villge": "village",
    "villae": "village",
    "town": "town",
    "city": "city",
    "suburb": "suburb",
}
_UCDP_PARTICLE = re.compile(
    r"^(?:al|el|ad|ar|as|ash|at|az|an|ez|es|ed|er|et|en|ul|ud|bin|ibn)(?:-|$)"
)
_PARENS = re.compile(r"\(([^)]*)\)")


def parse_ucdp_place(text: str) -> tuple[list[str], str] | None:
    """Names and feature of a UCDP `where_coordinates` value such as
    'Tadmur/Palmyra town' -> (['Tadmur', 'Palmyra'], 'town'); None for sites that are
    not settlements (bases, fields, checkpoints) or cannot be parsed."""
    aliases = [a.strip() for a in _PARENS.findall(text)]
    text = _PARENS.sub(" ", text)
    feature = None
    names: list[str] = []
    for part in text.split("/"):
        words = part.split()
        if words and words[-1].lower() in _UCDP_FEATURES:
            feature = feature or _UCDP_FEATURES[words.pop().lower()]
        elif words and not words[-1][0].isupper():
            continue  # "Anabka Poultry farm": a facility, not a settlement name
        if words and all(w[0].isupper() or _UCDP_PARTICLE.match(w) for w in words):
            names.append(" ".join(words))
    names += [a for a in aliases if a and a[0].isupper() and not any(c.isdigit() for c in a)]
    if feature is None or not names:
        return None
    return list(dict.fromkeys(names)), feature


def derive_ucdp_rows(ucdp_csv: Path, index: PlaceIndex) -> list[SupplementRow]:
    """Settlements of the UCDP GED Syria file (where_prec 1) that `index` lacks: one row
    per name and location (coordinates within 10 km merged), skipping those a listed
    place of the same name or skeleton already covers within 10 km."""
    groups: dict[str, list[tuple[list[str], str, str, float, float]]] = defaultdict(list)
    with ucdp_csv.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            if rec["where_prec"].strip() not in ("1", "1.0"):
                continue
            parsed = parse_ucdp_place(" ".join(rec["where_coordinates"].split()))
            if parsed is None:
                continue
            names, feature = parsed
            admin1 = re.sub(r"\s+Governorate$", "", rec["adm_1"].strip())
            lat, lon = float(rec["latitude"]), float(rec["longitude"])
            groups[name_key(names[0])].append((names, feature, admin1, lat, lon))
    out = []
    for members in groups.values():
        for cluster in _clusters(members):
            names = list(dict.fromkeys(n for m in cluster for n in m[0]))
            lat = round(statistics.fmean(m[3] for m in cluster), 5)
            lon = round(statistics.fmean(m[4] for m in cluster), 5)
            if _covered(index, names, lat, lon):
                continue
            first = cluster[0]
            out.append(
                SupplementRow(
                    names[0],
                    tuple(names[1:]),
                    lat,
                    lon,
                    first[1],
                    1,
                    first[2],
                    "SYR",
                    0,
                    "UCDP GED",
                )
            )
    return sorted(out, key=lambda r: (name_key(r.name), r.latitude))


def _clusters(
    members: list[tuple[list[str], str, str, float, float]],
) -> Iterator[list[tuple[list[str], str, str, float, float]]]:
    clusters: list[list[tuple[list[str], str, str, float, float]]] = []
    for m in members:
        for cl in clusters:
            if great_circle_km(cl[0][3], cl[0][4], m[3], m[4]) <= 10:
                cl.append(m)
                break
        else:
            clusters.append([m])
    yield from clusters


def _covered(index: PlaceIndex, names: list[str], lat: float, lon: float) -> bool:
    articles = index.words.articles
    for name in names:
        key = name_key(name)
        rows = (
            rows_of(index.keys.get(key))
            + rows_of(index.bare_keys.get(bare_key(key, articles)))
            + rows_of(index.skeletons.get(skeleton(key, articles)))
        )
        if any(great_circle_km(index.lat[r], index.lon[r], lat, lon) <= 10 for r in rows):
            return True
    return False


def refresh_ucdp_supplement(ucdp_csv: Path, path: Path | None = None) -> int:
    """Rewrite the supplement CSV's UCDP-derived rows from `ucdp_csv`, keeping its comment
    block and hand-written rows; return the number of UCDP rows written."""
    path = path or supplement_path()
    text = path.read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    kept = [r for r in read_supplement(path) if not r.source.startswith("UCDP")]
    with tempfile.TemporaryDirectory() as tmp:
        # Derived rows must not repeat GeoNames places nor the hand-written ones.
        handwritten = Path(tmp) / "handwritten.csv"
        write_supplement(handwritten, "", kept)
        base = build_index(supplement=handwritten)
    derived = derive_ucdp_rows(ucdp_csv, base)
    write_supplement(path, header, [*kept, *derived])
    return len(derived)
