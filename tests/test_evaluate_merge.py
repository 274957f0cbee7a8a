"""The merge suite's scorers on inputs built in code (no model, no shared data)."""

import csv

from factories import mention

from newsevents.evaluate.merge import Merged, speed_rows, ucdp_reports
from newsevents.lexicon import get_lexicon
from newsevents.merge import build_event

COLUMNS = [
    "id", "type_of_violence", "side_a", "side_b", "where_prec", "latitude", "longitude",
    "date_start", "date_end", "best", "low", "high", "source_headline", "source_date",
    "source_office",
]  # fmt: skip


def _row(event_id, headline, dates):
    values = dict.fromkeys(COLUMNS, "1")
    values.update(
        id=event_id, latitude="35", longitude="36", date_start="2016-01-01",
        date_end="2016-01-01", source_headline=headline, source_date=dates, source_office="",
    )  # fmt: skip
    return values


def test_ucdp_pairs_come_from_reports_citing_exactly_one_event(tmp_path):
    path = tmp_path / "ged.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, COLUMNS)
        writer.writeheader()
        writer.writerow(_row("1", "Strike on Ariha;Ariha hit again", "2016-01-01;2016-01-02"))
        writer.writerow(_row("2", "Roundup of the day", "2016-01-01"))
        writer.writerow(
            _row("3", "Roundup of the day;Clashes in Tal Rifaat", "2016-01-01;2016-01-01")
        )
        writer.writerow(_row("4", "Lone report", "2016-01-03"))
    reports = ucdp_reports(path)
    # Event 1 has two own reports; event 3 only one (the roundup cites events 2 and 3).
    assert [(a.text, e) for a, e in reports] == [("Ariha hit again", "1"), ("Strike on Ariha", "1")]
    assert [a.published for a, _ in reports] == ["2016-01-02", "2016-01-01"]


def test_linked_pairs_are_article_pairs_sharing_a_new_event():
    lex = get_lexicon()
    one = build_event("e1", [mention(article="a"), mention(article="b")], lex, "t")
    two = build_event("e2", [mention(article="b"), mention(article="c")], lex, "t")
    old = build_event(
        "e3",
        [mention(article="a", status="background"), mention(article="c", status="background")],
        lex,
        "t",
    )
    assert Merged((one, two, old)).linked_pairs() == {("a", "b"), ("b", "c")}


def test_the_speed_row_times_a_merge_of_synthetic_mentions():
    row = speed_rows(2000)[0]
    assert row.metric == "seconds to merge 2,000 synthetic mentions"
    assert 0 < row.value < 30 and "events" in row.note
