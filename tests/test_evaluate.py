"""Scorers of `newsevents eval` on tiny hand-made cases, and one smoke run per suite."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
import yaml

from newsevents.errors import UsageError
from newsevents.evaluate import SUITES, geo, muc4, run_suite, timex, ucdp
from newsevents.evaluate.metrics import (
    greedy_one_to_one,
    km_between,
    max_matching,
    median,
    normalise_filler,
    span_counts,
    stable_sample,
)
from newsevents.evaluate.report import Report, Row, prf_rows
from newsevents.records import Place, ResolvedDate

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = Path(__file__).resolve().parents[1] / "src" / "newsevents" / "data"
D = dt.date


# -- shared building blocks ------------------------------------------------------------------


def test_km_between_one_degree_on_the_equator() -> None:
    assert km_between(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.195, abs=0.001)
    assert km_between(34.46, 40.95, 34.46, 40.95) == 0.0
    # Damascus to Aleppo, about 310 km as the crow flies.
    assert km_between(33.513, 36.292, 36.202, 37.134) == pytest.approx(309.6, abs=1.0)


def test_greedy_one_to_one_takes_cheapest_pairs_once() -> None:
    candidates = [((5.0,), 0, 0), ((1.0,), 0, 1), ((2.0,), 1, 1), ((3.0,), 1, 0)]
    assert sorted(greedy_one_to_one(candidates)) == [(0, 1), (1, 0)]
    assert greedy_one_to_one([]) == []


def test_max_matching_beats_first_choice() -> None:
    # Left 0 fits both right nodes, left 1 only right 0: a first-fit choice 0->0 would
    # leave 1 unmatched; the optimum matches both.
    edges = {(0, 0), (0, 1), (1, 0)}
    assert max_matching(2, 2, lambda i, j: (i, j) in edges) == [(0, 1), (1, 0)]
    assert max_matching(2, 0, lambda i, j: True) == []


def test_span_counts_strict_and_relaxed() -> None:
    pred = [(0, 5), (10, 15)]
    gold = [(0, 5), (12, 20), (30, 35)]
    assert span_counts(pred, gold, strict=True) == (1, 2, 1, 3)
    assert span_counts(pred, gold, strict=False) == (2, 2, 2, 3)
    # Touching spans do not overlap.
    assert span_counts([(0, 5)], [(5, 9)], strict=False) == (0, 1, 0, 1)


def test_normalise_filler_like_grit() -> None:
    assert normalise_filler("The  Guerrillas,") == "guerrillas"
    assert normalise_filler('"Santo Tomas" presidential farm') == "santo tomas presidential farm"
    assert normalise_filler("a") == ""


def test_stable_sample_is_reproducible_and_keeps_order() -> None:
    items = [f"headline {i}" for i in range(50)]
    first = stable_sample(items, str, 10, seed=0)
    # The choice depends on the keys, not on the order of the input.
    assert set(stable_sample(list(reversed(items)), str, 10, seed=0)) == set(first)
    assert first == sorted(first, key=items.index)
    assert len(first) == 10
    assert stable_sample(items, str, 10, seed=1) != first
    assert stable_sample(items, str, None, seed=0) == items


def test_median() -> None:
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 2.0, 3.0]) == 2.5
    assert median([]) == 0.0


def test_report_table_and_json() -> None:
    rows = (Row("recall", 0.25, 0.5, "1/4"), Row("headlines", 4, None, "", "count"))
    report = Report("demo", rows, {"sample": 4}, 1.25)
    table = report.table()
    assert "25.0%" in table and "50.0%" in table and "test" in table
    data = report.to_json()
    assert data["rows"][0] == {
        "metric": "recall",
        "value": 0.25,
        "anchor": 0.5,
        "unit": "rate",
        "note": "1/4",
    }
    assert report.value("headlines") == 4
    with pytest.raises(KeyError):
        report.value("missing")


def test_prf_rows_perfect_empty_and_half() -> None:
    perfect = prf_rows("x", 4, 4, 4, 4)
    assert [r.value for r in perfect] == [1.0, 1.0, 1.0]
    empty = prf_rows("x", 0, 0, 0, 4)
    assert [r.value for r in empty] == [0.0, 0.0, 0.0]
    half = prf_rows("x", 2, 2, 2, 4)  # all predictions right, half the gold found
    assert [r.value for r in half] == [1.0, 0.5, pytest.approx(2 / 3)]


def test_run_suite_refuses_unknown_names_and_bad_samples() -> None:
    assert set(SUITES) == {"ucdp", "muc4", "geo", "timex", "re3d", "merge"}
    with pytest.raises(UsageError, match="unknown eval suite"):
        run_suite("nope", SHARED, sample=1)
    with pytest.raises(UsageError, match="at least 1"):
        run_suite("timex", SHARED, sample=0)


# -- ucdp --------------------------------------------------------------------------------------


def _gold(
    gid: str,
    lat: float,
    lon: float,
    day: dt.date,
    *,
    tov: int = 1,
    a: str = "Government of Syria",
    b: str = "Syrian insurgents",
    best: int = 3,
    low: int = 2,
    high: int = 5,
    prec: int = 1,
) -> ucdp.GoldEvent:
    return ucdp.GoldEvent(gid, tov, a, b, prec, lat, lon, day, day, best, low, high)


def _pred(
    lat: float | None,
    lon: float | None,
    day: dt.date | None,
    a1: str | None = None,
    a2: str | None = None,
    dead: int | None = None,
) -> ucdp.PredEvent:
    return ucdp.PredEvent(lat, lon, day, a1, a2, dead)


def test_split_reports_decodes_entities_and_pairs_dates() -> None:
    joined = "Clashes in Hajin;Al-Fu&#8217;ah shelled; 3 killed"
    assert ucdp.split_reports(joined, "2019-01-01;2019-01-02", "SOHR;AFP") == [
        ("Clashes in Hajin", "2019-01-01", "SOHR"),
        ("Al-Fu\u2019ah shelled; 3 killed", "2019-01-02", "AFP"),
    ]
    # A "; " inside one report with a single date keeps the report whole.
    assert ucdp.split_reports("Truce; 3116 killed", "2016-05-01") == [
        ("Truce; 3116 killed", "2016-05-01", "")
    ]


def test_match_events_is_one_to_one_nearest_first() -> None:
    day = D(2019, 3, 23)
    golds = [_gold("1", 34.46, 40.95, day), _gold("2", 34.69, 40.83, day)]
    # Both predictions are nearest to gold 1; the second falls back to gold 2.
    preds = [_pred(34.46, 40.95, day), _pred(34.47, 40.95, day)]
    assert ucdp.match_events(preds, golds) == [(0, 0), (1, 1)]
    # Within 25 km only: gold 2 is about 28 km away, so the second prediction is unmatched.
    assert ucdp.match_events(preds, golds, 25.0, 1) == [(0, 0)]
    # Two days off is outside the one-day window.
    late = [_pred(34.46, 40.95, day + dt.timedelta(days=2))]
    assert ucdp.match_events(late, golds, 25.0, 1) == []


def test_actors_match_unordered_except_one_sided() -> None:
    amap = ucdp.load_actor_map()
    gov, _ = ucdp.side_actors("Government of Syria", amap)
    rebels, complete = ucdp.side_actors("Ahrar al-Sham, Jabhat Fateh al-Sham", amap)
    assert complete and {"Ahrar al-Sham", "Hayat Tahrir al-Sham"} <= rebels
    assert ucdp.actors_match("Hayat Tahrir al-Sham", "Military Forces of Syria", gov, rebels, False)
    civilians, _ = ucdp.side_actors("Civilians", amap)
    isis, _ = ucdp.side_actors("IS", amap)
    assert ucdp.actors_match("Islamic State", "Civilians", isis, civilians, True)
    assert not ucdp.actors_match("Civilians", "Islamic State", isis, civilians, True)
    assert not ucdp.actors_match("Islamic State", None, isis, civilians, True)
    assert ucdp.side_actors("Unknown Brigade", amap) == (frozenset(), False)


def test_score_headline_counts() -> None:
    day = D(2019, 3, 23)
    golds = [
        _gold("1", 34.46, 40.95, day, tov=3, a="IS", b="Civilians", best=7, low=7, high=9),
        _gold("2", 35.0, 41.5, day, best=2, low=2, high=2),
    ]
    preds = [
        _pred(34.47, 40.96, day, "Islamic State", "Civilians", 8),
        _pred(None, None, day + dt.timedelta(days=1), "Rebels", None, None),
    ]
    tally = ucdp.Tally()
    ucdp.score_headline(
        preds,
        golds,
        tally,
        place_named=frozenset({"1"}),
        actor_map=ucdp.load_actor_map(),
        matches_any=lambda p: p.latitude is not None,
    )
    assert (tally.named, tally.named_matched) == (1, 1)
    # The matched place-named event: its actors right, 8 dead within UCDP's 7-9.
    assert (tally.named_actors, tally.named_fatalities_range) == (1, 1)
    assert (tally.gold, tally.gold_matched, tally.predicted, tally.predicted_matched) == (
        2,
        1,
        2,
        1,
    )
    assert tally.predicted_any == 1
    assert (tally.pairs, tally.place_pairs, tally.place_near, tally.place_region) == (2, 2, 1, 1)
    assert (tally.date_exact, tally.date_near) == (1, 2)
    assert (tally.actors, tally.one_side) == (1, 2)
    assert (tally.fatalities_best, tally.fatalities_range) == (0, 1)
    rows = {r.metric: r.value for r in ucdp.tally_rows(tally)}
    assert rows["recall, place-named events (25 km, 1 day)"] == 1.0
    assert rows["  actor pair, matched place-named events"] == 1.0
    assert rows["  fatalities within low-high, matched place-named events"] == 1.0
    assert rows["predicted new events per headline"] == 2.0
    # Without scopes every prediction is in UCDP's scope.
    assert rows["predicted violent events in Syria matching any UCDP event"] == 0.5


def test_scope_of_a_prediction() -> None:
    assert ucdp.scope_of("violence", "asserted", "SYR") is None
    assert ucdp.scope_of("violence", "claimed", None) is None  # unplaced: still in scope
    assert ucdp.scope_of("demonstration", "asserted", "SYR") == "not violence (demonstration)"
    assert ucdp.scope_of("violence", "planned", "SYR") == "not told as done (planned)"
    assert ucdp.scope_of("violence", "asserted", "USA") == "violence placed outside Syria"


def test_out_of_scope_predictions_are_counted_apart() -> None:
    day = D(2019, 3, 23)
    golds = [_gold("1", 34.46, 40.95, day)]
    preds = [
        _pred(34.47, 40.96, day),  # violent, in Syria, near the event
        _pred(35.9, 39.0, day),  # violent, in Syria, far from any event
        _pred(34.46, 40.95, day),  # a protest at the same spot: out of scope, near
        _pred(40.46, -74.36, day),  # placed in the United States
    ]
    scopes = [None, None, "not violence (demonstration)", "violence placed outside Syria"]
    tally = ucdp.Tally()
    ucdp.score_headline(
        preds,
        golds,
        tally,
        place_named=frozenset(),
        actor_map=ucdp.load_actor_map(),
        matches_any=lambda p: p.longitude is not None and abs(p.longitude - 40.95) < 0.1,
        scopes=scopes,
    )
    assert (tally.predicted, tally.predicted_any) == (4, 2)
    assert (tally.in_scope, tally.in_scope_any) == (2, 1)
    assert tally.out_of_scope == {
        "not violence (demonstration)": 1,
        "violence placed outside Syria": 1,
    }
    assert tally.out_of_scope_any == {"not violence (demonstration)": 1}
    rows = {r.metric: r for r in ucdp.tally_rows(tally)}
    assert rows["predicted violent events in Syria matching any UCDP event"].value == 0.5
    assert rows["predicted events matching any UCDP event"].value == 0.5
    assert rows["predicted events outside UCDP's scope"].value == 2
    outside = rows["  violence placed outside Syria"]
    assert (outside.value, outside.unit) == (1, "count")
    assert "0 near a UCDP event" in outside.note
    with pytest.raises(ValueError, match="one scope per prediction"):
        ucdp.score_headline(
            preds,
            golds,
            ucdp.Tally(),
            place_named=frozenset(),
            actor_map=ucdp.load_actor_map(),
            matches_any=lambda p: True,
            scopes=scopes[:1],
        )


def test_actor_map_names_are_dictionary_actors() -> None:
    raw = yaml.safe_load((DATA / "actors.yaml").read_text(encoding="utf-8"))
    canonical = {a["name"] for a in raw["actors"]}
    mapped = set().union(*ucdp.load_actor_map().values())
    assert mapped - canonical == set()


# -- muc4 --------------------------------------------------------------------------------------


def test_ceaf_ree_perfect_empty_and_optimal() -> None:
    gold = muc4.gold_entities(
        [
            muc4.GoldTemplate(
                ("attack",),
                {
                    "PerpInd": (("guerrillas", "guerrilla column"),),
                    "Target": (("farm", "the la eminencia farm"), ("la eminencia farm",)),
                },
            )
        ]
    )
    perfect = muc4.ceaf_ree(
        {"PerpInd": ["guerrillas"], "Target": ["farm", "la eminencia farm"]}, gold
    )
    assert perfect["PerpInd"] == (1, 1, 1) and perfect["Target"] == (2, 2, 2)
    assert muc4.ceaf_ree({}, gold)["Target"] == (0, 0, 2)
    # Two fillers naming the same entity count once: one aligned, one spurious.
    twice = muc4.ceaf_ree({"PerpInd": ["guerrillas", "guerrilla column"]}, gold)
    assert twice["PerpInd"] == (1, 2, 1)
    # "la eminencia farm" fits both target entities: the optimal alignment still places "farm".
    order = muc4.ceaf_ree({"Target": ["la eminencia farm", "farm"]}, gold)
    assert order["Target"] == (2, 2, 2)


def test_type_alignment_with_alternatives() -> None:
    pairs = muc4.type_alignment(
        ["attack", "bombing", "attack"], [("bombing", "attack"), ("attack",)]
    )
    assert len(pairs) == 2


def test_key_dates_and_locations() -> None:
    assert muc4.parse_key_dates("02 FEB 90") == ((D(1990, 2, 2), D(1990, 2, 2)),)
    assert muc4.parse_key_dates("- 29 DEC 89") == ((None, D(1989, 12, 29)),)
    assert muc4.parse_key_dates("(08 MAR 90) / (07 MAR 90 - 08 MAR 90)") == (
        (D(1990, 3, 8), D(1990, 3, 8)),
        (D(1990, 3, 7), D(1990, 3, 8)),
    )
    assert muc4.parse_key_dates("*") == ()
    ranges = muc4.parse_key_dates("- 29 DEC 89")
    assert muc4.date_ok(D(1989, 12, 1), ranges) and not muc4.date_ok(D(1989, 12, 30), ranges)
    assert not muc4.date_ok(None, ranges)
    assert muc4.parse_key_location("GUATEMALA: PETEN (DEPARTMENT): FLORES (CITY)") == ("flores",)
    assert muc4.parse_key_location("(EL SALVADOR: SAN SALVADOR (CITY)) / (EL SALVADOR)") == (
        "san salvador",
        "el salvador",
    )
    assert muc4.parse_key_location("COLOMBIA: CUCUTA (CITY) - CAMPANARIO (REGION)") == (
        "cucuta",
        "campanario",
    )
    assert muc4.parse_key_location("*") == ()
    assert muc4.place_ok(("san salvador", "el salvador"), ("san salvador",))


KEY = """\
0.  MESSAGE: ID                     TST1-MUC3-0001
1.  MESSAGE: TEMPLATE               1
2.  INCIDENT: DATE                  02 FEB 90
3.  INCIDENT: LOCATION              GUATEMALA: SANTO TOMAS (FARM)
4.  INCIDENT: TYPE                  ATTACK
9.  PERP: INDIVIDUAL ID             "GUERRILLA COLUMN" / "GUERRILLAS"
                                    "OTHERS"

0.  MESSAGE: ID                     TST1-MUC3-0002
1.  MESSAGE: TEMPLATE               *
2.  INCIDENT: DATE                  *
"""


def test_parse_keys_and_datelines() -> None:
    keys = muc4.parse_keys(KEY)
    assert keys["TST1-MUC3-0002"] == []
    (template,) = keys["TST1-MUC3-0001"]
    assert template.types == ("attack",)
    assert template.places == ("santo tomas",)
    assert template.dates == ((D(1990, 2, 2), D(1990, 2, 2)),)
    text = "TST1-MUC3-0001\n\n   GUATEMALA CITY, 4 FEB 90 (ACAN-EFE) -- [TEXT] THE ARMY\n"
    assert muc4.parse_datelines(text) == {"TST1-MUC3-0001": D(1990, 2, 4)}


def test_role_fillers_split_people_from_groups() -> None:
    mapping = muc4.load_map()
    roles = muc4.role_fillers(
        {
            "perpetrator": ("guerrillas", "the FMLN"),
            "target": ("the farm", "two peasants"),
            "victim": ("Hector Oqueli", "a peasant"),
            "weapon": ("bomb",),
            "place": ("Flores",),
        },
        mapping,
    )
    assert roles["PerpInd"] == ("guerrillas",) and roles["PerpOrg"] == ("the FMLN",)
    # MUC-4's scored Victim role holds named people; "two peasants" is a description
    # (HUM TGT: DESCRIPTION), which the five-role task does not score.
    assert roles["Target"] == ("the farm",) and roles["Victim"] == ("Hector Oqueli",)
    assert roles["Weapon"] == ("bomb",)


def test_muc4_map_covers_only_known_types() -> None:
    mapping = muc4.load_map()
    taxonomy = yaml.safe_load((DATA / "taxonomy.yaml").read_text(encoding="utf-8"))
    subs = {s for t in taxonomy["event_types"].values() for s in t["sub_event_types"]}
    assert set(mapping.incident_types) | set(mapping.split_types) <= subs
    assert set(mapping.incident_types.values()) <= set(muc4.TYPES)


# -- geo ---------------------------------------------------------------------------------------

GEO_XML = """<?xml version="1.0"?>
<articles>
  <article docid="1"><text>Fire in Alexandria, Louisiana.</text><toponyms>
    <toponym><start>8</start><end>18</end><phrase>Alexandria</phrase>
      <gaztag geonameid="4314550"><lat>31.3113</lat><lon>-92.4451</lon></gaztag></toponym>
    <toponym><start>20</start><end>29</end><phrase>Louisiana</phrase></toponym>
  </toponyms></article>
  <article file="7"><text>Paris is calm.</text><toponyms>
    <toponym><extractedName>Paris</extractedName><type>Literal</type><start>0</start>
      <end>5</end><geonamesID/><latitude>48.85</latitude><longitude>2.35</longitude></toponym>
  </toponyms></article>
</articles>
"""


def test_load_geo_reads_both_formats(tmp_path: Path) -> None:
    path = tmp_path / "g.xml"
    path.write_text(GEO_XML, encoding="utf-8")
    lgl, gwn = geo.load_geo(path)
    assert [t.scored for t in lgl.toponyms] == [True, False]
    assert lgl.toponyms[0].geonameid == 4314550
    assert gwn.docid == "7" and gwn.toponyms[0].geonameid is None and gwn.toponyms[0].scored


def test_score_found_ignores_unscored_annotations(tmp_path: Path) -> None:
    path = tmp_path / "g.xml"
    path.write_text(GEO_XML, encoding="utf-8")
    doc = geo.load_geo(path)[0]
    near = Place(
        "Alexandria",
        31.31,
        -92.45,
        "United States",
        "USA",
        "Louisiana",
        "city",
        1,
        geonameid=4314550,
    )
    found = [
        geo.Found(8, 18, "Alexandria", near),
        geo.Found(20, 29, "Louisiana", None),
        geo.Found(0, 4, "Fire", None),
    ]
    tally = geo.GeoTally()
    tally.scored, tally.with_id = 1, 1
    geo.score_found(doc, found, tally)
    # "Louisiana" overlaps an unscored toponym: neither right nor wrong. "Fire" is wrong.
    assert tally.spans[:4] == [1, 2, 1, 1]
    assert (tally.e2e_near, tally.e2e_exact) == (1, 1)
    assert tally.e2e_errors[0] == pytest.approx(0.49, abs=0.05)


# -- timex -------------------------------------------------------------------------------------

TML = """<TimeML><DCT><TIMEX3 tid="t0" type="TIME" value="1998-08-07">1998-08-07</TIMEX3></DCT>
<TEXT>Bombs exploded <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> &amp; \
for <TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3>.</TEXT></TimeML>"""


def test_parse_timeml_offsets_and_dct() -> None:
    doc = timex.parse_timeml("x", TML)
    assert doc.dct == D(1998, 8, 7)
    assert doc.text == "Bombs exploded Friday & for two days."
    first, second = doc.timexes
    assert doc.text[first.start : first.end] == "Friday" and first.value == "1998-08-07"
    assert doc.text[second.start : second.end] == "two days" and second.type == "DURATION"


def test_timex_values() -> None:
    assert timex.timex_value(ResolvedDate("1998-08-07", None, "day")) == "1998-08-07"
    assert timex.timex_value(ResolvedDate("1998-08-03", "1998-08-09", "week")) == "1998-W32"
    assert timex.timex_value(ResolvedDate("1998-08-01", "1998-08-31", "month")) == "1998-08"
    assert timex.timex_value(ResolvedDate("1998-01-01", "1998-12-31", "year")) == "1998"
    assert timex.timex_value(ResolvedDate("1990-01-01", "1999-12-31", "year")) == "199"
    assert timex.timex_value(ResolvedDate(None, None, "unknown")) == ""


def test_timex_score_doc() -> None:
    gold = timex.parse_timeml("x", TML).timexes
    preds = [timex.Predicted(15, 21, "1998-08-07"), timex.Predicted(0, 5, "1998")]
    tally = timex.TimexTally()
    timex.score_doc(gold, preds, tally)
    assert tally.strict == (1, 2, 1, 2) and tally.relaxed == (1, 2, 1, 2)
    assert (tally.value_dt, tally.pred_dt, tally.gold_dt, tally.found_dt) == (1, 2, 1, 1)
    assert tally.gold_duration == 1
    rows = {r.metric: r.value for r in timex.tally_rows(tally)}
    assert rows["value DATE+TIME P"] == 0.5 and rows["value DATE+TIME R"] == 1.0
    assert math.isclose(rows["value F1, all types"], 0.5)


# -- smoke runs on the shared gold data --------------------------------------------------------

EXPECTED = {
    "ucdp": [
        "recall, place-named events (25 km, 1 day)",
        "place within 25 km",
        "date exact",
        "actor pair",
        "fatalities = best",
        "predicted events matching any UCDP event",
    ],
    "muc4": [
        "role fillers (CEAF-REE, micro) F1",
        "incident type (GTT) F1",
        "incident date (raw keys)",
        "incident location (raw keys)",
    ],
    "geo": [
        "LGL resolution: within 161 km",
        "GWN resolution: exact GeoNames id",
        "LGL end to end: toponyms found (overlap) R",
        "GWN end to end: within 161 km",
    ],
    "timex": [
        "extraction strict F1",
        "extraction relaxed F1",
        "value DATE+TIME F1",
        "value accuracy, DATE+TIME found",
    ],
    "re3d": ["all three, lenient P", "  Organisation, strict R", "  Location, lenient F1"],
}


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.parametrize("suite", sorted(EXPECTED))
def test_suite_smoke(suite: str) -> None:
    if not (SHARED / "gold").is_dir():
        pytest.skip(f"needs the shared gold data at {SHARED / 'gold'}")
    report = run_suite(suite, SHARED, sample=5)
    names = {r.metric for r in report.rows}
    assert set(EXPECTED[suite]) <= names
    for row in report.rows:
        if row.unit == "rate":
            assert 0.0 <= row.value <= 1.0, row
    assert report.table().startswith(suite)
