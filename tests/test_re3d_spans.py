"""re3d predictions come from the extractor's own actor and place finding."""

from __future__ import annotations

import pytest

from newsevents.evaluate.re3d import extractor_spans, predict, score


@pytest.mark.model
def test_places_inside_organisation_names_are_not_locations() -> None:
    from newsevents.pipeline import load_knowledge

    text = "The UK urged the Government of Iraq to protect civilians in Mosul."
    actors, places = extractor_spans(text, load_knowledge())
    found = {text[s:e] for s, e in actors}
    assert {"UK", "Government of Iraq", "civilians"} <= found
    assert [text[s:e] for s, e in places] == ["Mosul"]


def test_predict_types_and_lenient_score() -> None:
    spans = predict([(0, 6), (10, 30)], [(40, 45)], [])
    assert spans == [(0, 6, "Organisation"), (10, 30, "Organisation"), (40, 45, "Location")]
    gold = [(12, 20, "Organisation"), (40, 45, "Location"), (50, 55, "Location")]
    counts = score(gold, spans)
    assert counts[("Organisation", False)] == (1, 2, 1, 1)
    assert counts[("Organisation", True)] == (0, 2, 0, 1)
    assert counts[("Location", False)] == (1, 1, 1, 2)
