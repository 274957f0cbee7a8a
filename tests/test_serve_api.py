"""The HTTP API, against a real uvicorn server on a free 127.0.0.1 port."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from factories import mention, write_merged
from test_serve_support import EVIL_SENTENCE, EVIL_TEXT, build_store, served

from newsevents.lexicon import get_lexicon
from newsevents.merge import build_event, merge
from newsevents.records import Article
from newsevents.serve.loadtest import free_port, start_server, stop_server
from newsevents.store import Store

__all__ = ["served"]  # the fixture, imported for pytest


def get(base: str, path: str, **params: object) -> httpx.Response:
    return httpx.get(base + path, params=params, timeout=20)


def assert_error(response: httpx.Response, status: int, code: str, needle: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert needle in body["error"]["message"]


def test_events_filter_sort_and_paginate(served: str) -> None:
    r = get(served, "/api/events").json()
    assert r["total"] == 3  # new events only by default
    assert [e["event_date"] for e in r["items"]] == ["2019-03-23", "2019-01-11", "2018-01-05"]
    assert get(served, "/api/events", status="all").json()["total"] == 4
    syria = get(served, "/api/events", country="syr").json()
    assert {e["location"] for e in syria["items"]} == {"al-Baghuz Fawqani", "Hajin"}
    assert get(served, "/api/events", country="Iraq").json()["items"][0]["location"] == "Baghdad"
    assert get(served, "/api/events", min_fatalities=10).json()["total"] == 1
    assert get(served, "/api/events", event_type="protests").json()["total"] == 1
    assert get(served, "/api/events", sub_event_type="Attack").json()["total"] == 1
    assert get(served, "/api/events", actor="Syrian Democratic Forces").json()["total"] == 1
    assert get(served, "/api/events", admin1="Baghdad").json()["total"] == 1
    assert get(served, "/api/events", since="2019-01-01", until="2019-02-01").json()["total"] == 1
    assert get(served, "/api/events", q="baghdad").json()["total"] == 1
    assert get(served, "/api/events", bbox="40,34,42,35").json()["total"] == 2
    by_toll = get(served, "/api/events", sort="fatalities", order="asc").json()["items"]
    assert [e["fatalities"] for e in by_toll] == [7, 12, None]  # unknown tolls last
    page = get(served, "/api/events", limit=1, offset=1).json()
    assert page["total"] == 3 and len(page["items"]) == 1
    assert page["items"][0]["event_date"] == "2019-01-11"


def test_one_event_has_sources_and_evidence_with_role_spans(served: str) -> None:
    eid = get(served, "/api/events", sub_event_type="Attack").json()["items"][0]["event_id"]
    event = get(served, f"/api/events/{eid}").json()
    assert event["fatalities"] == 7
    assert event["sources"][0]["sentence"] == EVIL_SENTENCE
    assert event["stories"] == [] and event["conflicts"] == []
    evidence = get(served, f"/api/events/{eid}/evidence").json()["sources"][0]
    assert evidence["text"] == EVIL_TEXT
    s = evidence["sentence"]
    assert evidence["text"][s["start"] : s["end"]] == EVIL_SENTENCE
    spans = {h["role"]: evidence["text"][h["start"] : h["end"]] for h in evidence["highlights"]}
    assert spans == {
        "trigger": "attacked",
        "perpetrator": "Islamic State fighters",
        "victim": "civilians",
        "place": "Hajin",
        "time": "Friday",
    }


def test_aggregates_by_time_and_place(served: str) -> None:
    months = get(served, "/api/counts/time", interval="month").json()["buckets"]
    assert [(b["period"], b["events"], b["fatalities"]) for b in months] == [
        ("2018-01-01", 1, 0),
        ("2019-01-01", 1, 7),
        ("2019-03-01", 1, 12),
    ]
    years = get(served, "/api/counts/time", interval="year", country="SYR").json()["buckets"]
    assert years == [{"period": "2019-01-01", "events": 2, "fatalities": 19}]
    places = get(served, "/api/counts/places", level="country").json()["items"]
    assert [(p["iso3"], p["events"]) for p in places] == [("SYR", 2), ("IRQ", 1)]
    admin1 = get(served, "/api/counts/places", level="admin1").json()["items"]
    assert {p["admin1"] for p in admin1} == {"Deir ez-Zor", "Baghdad"}


def test_map_returns_points_under_the_cap(served: str) -> None:
    r = get(served, "/api/map", zoom=3).json()
    assert r["mode"] == "points" and r["total"] == 3 and r["fatalities"] == 19
    assert {p["location"] for p in r["points"]} == {"al-Baghuz Fawqani", "Hajin", "Baghdad"}


def test_actors_places_stories_meta(served: str) -> None:
    actors = {a["name"]: a for a in get(served, "/api/actors").json()["items"]}
    assert actors["Islamic State"]["events"] == 3  # both sides, all statuses
    assert actors["Syrian Democratic Forces"]["kind"] == "Rebel group"
    places = get(served, "/api/places", q="bagh").json()["items"]
    assert [(p["location"], p["events"]) for p in places] == [
        ("al-Baghuz Fawqani", 2),
        ("Baghdad", 1),
    ]
    assert get(served, "/api/stories").json() == {
        "total": 0,
        "limit": 100,
        "offset": 0,
        "items": [],
    }
    meta = get(served, "/api/meta").json()
    assert meta["counts"] == {"articles": 4, "events": 4, "events_new": 3}
    assert (meta["date_min"], meta["date_max"]) == ("2014-06-01", "2019-03-23")
    assert "GeoNames" in meta["attribution"] and "UCDP" in meta["attribution"]
    assert "Natural Earth" in meta["map_credit"]
    assert meta["uploads"] is False
    schema = get(served, "/api/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}/evidence", "/api/map"} <= set(schema["paths"])


def test_csv_acled_and_geojson_downloads_follow_the_filters(served: str) -> None:
    r = get(served, "/api/events.csv", country="SYR")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert sorted(row["location"] for row in rows) == ["Hajin", "al-Baghuz Fawqani"]
    acled = list(csv.DictReader(io.StringIO(get(served, "/api/events.csv", flavour="acled").text)))
    assert {row["country"] for row in acled} == {"Syria", "Iraq"} and "event_id_cnty" in acled[0]
    gj = get(served, "/api/events.geojson", event_type="Protests").json()
    assert gj["type"] == "FeatureCollection" and "GeoNames" in gj["attribution"]
    assert [f["geometry"]["coordinates"] for f in gj["features"]] == [[44.40, 33.34]]
    empty = get(served, "/api/events.csv", country="FRA").text.strip().splitlines()
    assert len(empty) == 1 and empty[0].startswith("event_id,")


def test_events_filter_by_confidence_in_listings_and_aggregates(served: str) -> None:
    items = get(served, "/api/events").json()["items"]
    scores = sorted({e["confidence"] for e in items})
    assert len(scores) > 1, "the small store needs events of differing confidence"
    top = scores[-1]
    sure = get(served, "/api/events", min_confidence=top).json()
    assert sure["total"] == sum(1 for e in items if e["confidence"] >= top) < len(items)
    assert all(e["confidence"] >= top for e in sure["items"])
    assert get(served, "/api/events", min_confidence=0).json()["total"] == len(items)
    # The same filter reaches the aggregates the map and the timeline draw.
    counts = get(served, "/api/counts/time", min_confidence=top).json()
    assert sum(b["events"] for b in counts["buckets"]) == sure["total"]


@pytest.mark.parametrize(
    ("path", "params", "status", "needle"),
    [
        ("/api/events", {"since": "2019-13-01"}, 422, "since"),
        ("/api/events", {"since": "2020-01-01", "until": "2019-01-01"}, 400, "swap"),
        ("/api/events", {"limit": 0}, 422, "limit"),
        ("/api/events", {"limit": "many"}, 422, "limit"),
        ("/api/events", {"offset": -1}, 422, "offset"),
        ("/api/events", {"sort": "event_id; DROP TABLE events"}, 422, "sort"),
        ("/api/events", {"order": "sideways"}, 422, "order"),
        ("/api/events", {"status": "old"}, 422, "status"),
        ("/api/events", {"min_fatalities": -3}, 422, "min_fatalities"),
        ("/api/events", {"min_confidence": 1.5}, 422, "min_confidence"),
        ("/api/events", {"bbox": "1,2,3"}, 400, "bbox"),
        ("/api/events", {"bbox": "0,50,10,40"}, 400, "south"),
        ("/api/events", {"bbox": "nan,1,2,3"}, 400, "finite"),
        ("/api/events", {"q": "x" * 500}, 422, "q"),
        ("/api/map", {"zoom": 99}, 422, "zoom"),
        ("/api/counts/time", {"interval": "fortnight"}, 422, "interval"),
        ("/api/counts/places", {"level": "planet"}, 422, "level"),
        ("/api/events.csv", {"flavour": "xml"}, 422, "flavour"),
    ],
)
def test_bad_parameters_get_one_error_shape_never_500(
    served: str, path: str, params: dict[str, object], status: int, needle: str
) -> None:
    assert_error(get(served, path, **params), status, "invalid_parameter", needle)


def test_unknown_things_are_404_in_the_same_shape(served: str) -> None:
    assert_error(get(served, "/api/events/ev_0000000000000000"), 404, "not_found", "no event")
    assert_error(get(served, "/api/stories/s1"), 404, "not_found", "no story")
    assert_error(get(served, "/api/nothing"), 404, "not_found", "openapi")
    bad_id = get(served, "/api/events/%3Cscript%3E")
    assert_error(bad_id, 422, "invalid_parameter", "event_id")


def test_read_only_by_default_and_loopback_names_only(served: str) -> None:
    r = httpx.post(served + "/api/ingest", json={"articles": [{"text": "x"}]}, timeout=10)
    assert_error(r, 403, "uploads_disabled", "--token")
    r = httpx.get(served + "/api/meta", headers={"Host": "attacker.example"}, timeout=10)
    assert_error(r, 400, "bad_host", "attacker.example")
    page = httpx.get(served + "/", timeout=10)
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "GeoNames" in page.text and "UCDP" in page.text and "Natural Earth" in page.text


def test_page_script_builds_no_markup_from_strings() -> None:
    from importlib import resources

    js = (resources.files("newsevents.serve") / "static" / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in js.replace("writes tooltip strings with innerHTML", ""), sink


def test_a_missing_database_is_a_503_that_says_how_to_fix_it(tmp_path) -> None:
    port = free_port()
    proc = start_server(tmp_path / "none.duckdb", port)
    try:
        r = httpx.get(f"http://127.0.0.1:{port}/api/events", timeout=10)
        assert_error(r, 503, "no_database", "newsevents ingest")
    finally:
        stop_server(proc)


def test_uploads_need_the_token(tmp_path) -> None:
    db = tmp_path / "events.duckdb"
    build_store(db)
    port = free_port()
    proc = start_server(db, port, ["--token", "s3cret-token"])
    base = f"http://127.0.0.1:{port}"
    body = {"articles": [{"text": "Nothing happened today.", "published": "2020-01-01"}]}
    try:
        assert_error(httpx.post(base + "/api/ingest", json=body), 401, "unauthorized", "token")
        wrong = {"Authorization": "Bearer nope"}
        assert_error(
            httpx.post(base + "/api/ingest", json=body, headers=wrong), 401, "unauthorized", ""
        )
        right = {"Authorization": "Bearer s3cret-token"}
        bad = httpx.post(base + "/api/ingest", json={"articles": []}, headers=right)
        assert_error(bad, 422, "invalid_parameter", "articles")
        r = httpx.post(base + "/api/ingest", json=body, headers=right)
        assert r.status_code == 202, r.text
        job = r.json()
        assert job["n_articles"] == 1 and job["state"] in ("queued", "running")
        status = httpx.get(f"{base}/api/ingest/{job['job_id']}", headers=right).json()
        assert status["job_id"] == job["job_id"]
        assert_error(httpx.get(f"{base}/api/ingest/{job['job_id']}"), 401, "unauthorized", "")
        assert httpx.get(base + "/api/meta").json()["uploads"] is True
    finally:
        stop_server(proc)


def test_meta_json_is_plain_data(served: str) -> None:
    # The page's filters are built from this; every value must survive a JSON round trip.
    meta = get(served, "/api/meta").json()
    assert json.loads(json.dumps(meta)) == meta
    assert [t["event_type"] for t in meta["event_types"]] == [
        "Battles",
        "Protests",
        "Violence against civilians",
    ]


def test_stories_written_by_the_cli_are_served(tmp_path: Path) -> None:
    """Two clashes two days apart in one town, between the same sides, make one story;
    the API lists it, shows it, and filters events by it."""
    db = tmp_path / "stories.duckdb"
    lex = get_lexicon()
    days = ("2019-03-21", "2019-03-23")
    mentions = [
        mention(article=f"art-{day}", date=day, published=day, outlet=f"outlet-{day}")
        for day in days
    ]
    articles = [
        Article(id=f"art-{day}", text=m.source.sentence, title=f"Clashes on {day}")
        for day, m in zip(days, mentions, strict=True)
    ]
    with Store(db) as store:
        merged = merge(mentions, store, lex)
        events = [build_event(r.event_id, r.mentions, lex, "test") for r in merged]
        write_merged(store, [(a, 1) for a in articles], merged, events, lex.families, "test")
    assert len(events) == 2
    cli = Path(sys.executable).with_name("newsevents")
    run = subprocess.run([str(cli), "stories", "--db", str(db)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    port = free_port()
    proc = start_server(db, port)
    try:
        base = f"http://127.0.0.1:{port}"
        listed = get(base, "/api/stories").json()
        assert listed["total"] == 1
        story = listed["items"][0]
        assert (story["start_date"], story["end_date"], story["n_events"]) == (*days, 2)
        one = get(base, f"/api/stories/{story['story_id']}").json()
        assert sorted(e["event_id"] for e in one["events"]) == sorted(e.event_id for e in events)
        filtered = get(base, "/api/events", story=story["story_id"]).json()
        assert filtered["total"] == 2
    finally:
        stop_server(proc)
