"""The VOA train-hijack stories: one event, its tolls in conflict, one story."""

import pytest

import newsevents

pytestmark = pytest.mark.model


def test_lost_their_lives_counts_the_dead():
    # VOA, 14 March 2025 (8011076).
    text = (
        "Pakistan officials confirmed Friday that 31 people, including 23 security "
        "personnel, lost their lives in Tuesday's train hijacking by armed militants in the "
        "country's restive Balochistan province."
    )
    events = [e for e in newsevents.extract(text, published="2025-03-14") if e.status == "new"]
    assert [e.fatalities for e in events] == [31]
    assert events[0].event_date == "2025-03-11"


def test_risking_ones_life_counts_no_one():
    text = "Twelve rescuers risked their lives when militants attacked the train in Sibi."
    events = newsevents.extract(text, published="2025-03-14")
    assert events and all(e.fatalities is None for e in events)


@pytest.mark.shared
def test_the_five_voa_hijack_articles_make_one_event_with_tolls_in_conflict(shared_dir):
    from newsevents.evaluate.merge import Runner, voa_rows

    path = shared_dir / "corpus" / "voa" / "voa_conflict_subset.jsonl"
    if not path.exists():
        pytest.skip(f"needs the VOA corpus at {path}")
    rows = {row.metric: row for row in voa_rows(path, Runner())}
    assert rows["VOA hijack articles in the hijack event"].value == 1.0
    assert rows["VOA new events dated 11 March 2025 in Pakistan"].value == 1
    tolls = rows["VOA differing tolls in the hijack event's conflicts"]
    # 21 (the military's count on Wednesday and Thursday) against 31 (Friday's), at least.
    assert tolls.value >= 2 and "21" in tolls.note and "31" in tolls.note
    assert rows["VOA hijack articles in one story"].value == 1.0
