import csv
import io
import json

import duckdb
from factories import mention

from newsevents.export import ACLED_COLUMNS, geojson, write_events, write_parquet
from newsevents.lexicon import get_lexicon
from newsevents.merge import build_event

LEX = get_lexicon()
EVENT = build_event("ev_00000000000000aa", [mention(killed=4)], LEX, "t")
UNPLACED = build_event("ev_00000000000000bb", [mention(article="a9", place=None)], LEX, "t")


def test_jsonl_uses_the_event_record_field_names():
    out = io.StringIO()
    write_events([EVENT], "jsonl", out)
    record = json.loads(out.getvalue())
    for key in (
        "event_id",
        "event_date",
        "date_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor1_kind",
        "location",
        "latitude",
        "geo_precision",
        "fatalities",
        "sources",
        "n_sources",
        "pipeline_version",
        "notes",
        "status",
        "modality",
    ):
        assert key in record
    assert record["sources"][0]["char_start"] == 0


def test_acled_flavour_follows_acled_conventions():
    out = io.StringIO()
    write_events([EVENT, UNPLACED], "acled", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    row = rows[0]
    assert row["event_id_cnty"].startswith("SYR")
    assert row["year"] == "2019"
    assert row["time_precision"] == "1"
    assert row["iso"] == "760"
    assert row["region"] == "Middle East"
    assert row["inter1"] == "2" and row["interaction"] == "22"
    assert row["fatalities"] == "4"
    assert rows[1]["fatalities"] == "0"  # unknown fatalities are 0 in ACLED's convention


def test_geojson_has_points_for_placed_events_only_and_credits_sources():
    fc = geojson([EVENT, UNPLACED])
    assert [f["geometry"]["coordinates"] for f in fc["features"]] == [[40.95, 34.46]]
    assert "GeoNames" in fc["attribution"] and "UCDP" in fc["attribution"]


def test_parquet_is_readable_by_duckdb_with_typed_columns(tmp_path):
    path = tmp_path / "e.parquet"
    write_parquet([EVENT, UNPLACED], path)
    rows = duckdb.sql(
        f"SELECT event_id, fatalities, latitude FROM '{path}' ORDER BY event_id"
    ).fetchall()
    assert rows == [("ev_00000000000000aa", 4, 34.46), ("ev_00000000000000bb", None, None)]


def test_table_marks_background_events():
    bg = build_event("ev_c", [mention(status="background", date="2013-05-01")], LEX, "t")
    out = io.StringIO()
    write_events([bg], "table", out)
    assert "(2013-05-01)" in out.getvalue()
