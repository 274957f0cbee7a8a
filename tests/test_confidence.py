"""Confidence from evidence: features, the weights file, the fitter, calibration rows."""

from dataclasses import replace
from importlib import resources

import pytest
from factories import HAJIN, SYRIA, mention

from newsevents.confidence import (
    event_confidence,
    event_features,
    fit_logistic,
    load_weights,
    mention_confidence,
    mention_features,
)
from newsevents.errors import DataFileError
from newsevents.evaluate.calibration import calibration_rows, write_weights
from newsevents.lexicon import get_lexicon
from newsevents.merge import build_event
from newsevents.records import Place

LEX = get_lexicon()
VAC = "Violence against civilians"


def test_mention_features_read_the_sentence_evidence():
    m = replace(mention(killed=4).mention, trigger="died", modality="claimed", claimed_by="SOHR")
    f = mention_features(m)
    assert f["casualty_trigger"] == 1.0 and f["killed"] == 1.0 and f["reported"] == 1.0
    assert f["not_asserted"] == 1.0 and f["place"] == 1.0 and f["day"] == 0.0
    assert mention_features(mention().mention)["casualty_trigger"] == 0.0


def test_event_features_read_place_kind_dating_corroboration_and_kind():
    a = mention()
    b = replace(mention(article="a2", outlet="b", place=SYRIA), date_from="published")
    event = build_event("ev", [a, b], LEX, "t")
    f = event_features(replace(event, n_sources=2, conflicts=("fatalities: 1 vs 2",)), [a, b])
    assert f["place_village"] == 1.0 and "place_country" not in f  # the event's own place
    assert f["date_text"] == 1.0 and f["date_published"] == 0.0
    assert f["sources"] == 1.0 and f["conflict"] == 1.0 and f["kind_clash"] == 1.0
    assert f["actor1_known"] == 1.0 and "kind_remote" not in f


def test_a_named_area_and_a_broad_part_of_a_country_weigh_apart():
    ghouta = Place("Eastern Ghouta", 33.55, 36.45, "Syria", "SYR", "Rif Dimashq", "region", 2)
    north = Place("northern Syria", 36.2, 38.0, "Syria", "SYR", None, "region", 3)
    feats = {}
    for place in (ghouta, north):
        m = mention(place=place)
        feats[place.name] = event_features(build_event("ev", [m], LEX, "t"), [m])
    assert feats["Eastern Ghouta"].get("place_region") == 1.0
    assert "place_broad" not in feats["Eastern Ghouta"]
    assert feats["northern Syria"].get("place_broad") == 1.0
    assert "place_region" not in feats["northern Syria"]


def test_better_evidence_gives_higher_confidence():
    # Fitted on the gold sets: an event placed in a city is right far more often than one
    # with no place at all (UCDP cannot match it), and abductions more often than clashes.
    placed = mention(place=HAJIN, sub="Abduction/forced disappearance", etype=VAC)
    vague = mention(place=None, actor1=None, actor2=None)
    high = build_event("ev_1", [placed], LEX, "t")
    low = build_event("ev_2", [vague], LEX, "t")
    assert 0.0 < low.confidence < high.confidence < 1.0
    assert high.confidence == event_confidence(high, [placed])
    background = replace(mention().mention, status="background")
    assert mention_confidence(background) <= mention_confidence(mention().mention)


def test_fit_logistic_recovers_the_evidence_and_calibrates():
    # Feature x right 90 % of the time, without it 30 %: the fit must give those rates back.
    rows = [{"x": 1.0}] * 100 + [{"x": 0.0}] * 100
    labels = [i < 90 for i in range(100)] + [i < 30 for i in range(100)]
    model = fit_logistic(rows, labels, ("x", "y"), l2=0.0)
    assert model.probability({"x": 1.0}) == pytest.approx(0.9, abs=0.01)
    assert model.probability({"x": 0.0}) == pytest.approx(0.3, abs=0.01)
    assert model.weights["y"] == 0.0  # a feature that never fires gets no weight


def test_calibration_rows_bin_events_by_confidence():
    scored = [(0.2, False), (0.3, True), (0.6, True), (0.85, True), (0.9, True), (0.95, False)]
    rows = calibration_rows(scored, "test")
    assert [r.metric for r in rows] == [
        "confidence <0.5: share right",
        "confidence 0.5-0.8: share right",
        "confidence >=0.8: share right",
    ]
    assert [round(r.value, 3) for r in rows] == [0.5, 1.0, 0.667]
    assert rows[2].note.startswith("2/3 of 6 events")


def test_weights_file_is_validated_and_rewritten_with_its_header(tmp_path):
    path = tmp_path / "confidence.yaml"
    bundled = (resources.files("newsevents") / "data" / "confidence.yaml").read_text("utf-8")
    header = bundled.split("\nmention:", 1)[0]
    path.write_text(header + "\nmention:\n  weights: {nonsense: 1}\nevent: {weights: {}}\n")
    with pytest.raises(DataFileError, match="unknown features"):
        load_weights(path)
    write_weights(load_weights(), path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(header + "\nmention:\n")
    assert load_weights(path).event == load_weights().event
