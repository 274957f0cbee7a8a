"""The bench's input: distinct copies of a corpus, made one at a time."""

import inspect
import json

import pytest

from newsevents.bench import make_copies, write_bench_input
from newsevents.records import Article

BASE = [
    Article(id="a", text="Shelling killed 5 in Idlib.", url="https://x/1", published="2019-03-23"),
    Article(id="b", text="Clashes near Raqqa.", published="2019-11-30"),
]


def test_copies_are_distinct_dated_apart_and_made_lazily():
    copies = make_copies(BASE, 5)
    assert inspect.isgenerator(copies)
    records = list(copies)
    assert len(records) == 5
    assert len({r["url"] for r in records}) == 5
    assert len({r["text"] for r in records}) == 5
    assert [r["published"] for r in records[::2]] == ["2019-03-23", "2019-04-23", "2019-05-23"]
    # The day is capped at 28 so that every month has it.
    assert [records[1]["published"], records[3]["published"]] == ["2019-11-28", "2019-12-28"]


def test_an_empty_corpus_gives_no_copies_instead_of_looping():
    assert list(make_copies([], 3)) == []


def test_the_input_file_holds_one_record_a_line(tmp_path):
    corpus = tmp_path / "c.jsonl"
    rows = [{"text": a.text, "url": a.url, "published": a.published} for a in BASE]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    target = tmp_path / "bench.jsonl"
    words = write_bench_input(corpus, 7, target)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 7
    assert words == sum(len(json.loads(line)["text"].split()) for line in lines)


def test_distinct_events_move_each_copy_and_the_years_it_writes():
    base = [Article(id="c", text="On 23 March 2019, 5 were killed; in 2013 too.", url="u")]
    records = list(make_copies([*base, *BASE], 6, distinct_events=True))
    assert [r["published"] for r in records[::3]] == [None, None]  # undated stays undated
    assert [r["published"] for r in records[1::3]] == ["2019-03-23", "2020-03-23"]
    assert records[3]["text"].startswith("On 23 March 2020, 5 were killed; in 2014 too.")
    assert records[0]["text"].startswith("On 23 March 2019, 5 were killed; in 2013 too.")


@pytest.mark.model
def test_copies_of_a_text_dated_event_merge_unless_events_are_distinct():
    from newsevents.pipeline import extract_articles

    text = "Syrian government warplanes killed 12 people in Douma on 23 March 2019."
    base = [Article(id="d", text=text, url="https://x/d", published="2019-03-24")]

    def events(distinct: bool) -> list[str | None]:
        copies = [
            Article(
                id=str(r["url"]),
                text=str(r["text"]),
                url=str(r["url"]),
                published=str(r["published"]),
            )
            for r in make_copies(base, 3, distinct_events=distinct)
        ]
        found, _ = extract_articles(copies)
        return sorted(e.event_date for e in found if e.status == "new")

    # By default the copies differ in their publication date only: one event.
    assert events(False) == ["2019-03-23"]
    # Moved years later, each copy reports an event of its own.
    assert events(True) == ["2019-03-23", "2020-03-23", "2021-03-23"]
