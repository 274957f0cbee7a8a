"""Tests for newsevents.ingest: every input format, every kind of bad input, stable ids."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsevents.ingest import IngestOptions, article_id, make_article, read_inputs
from newsevents.records import Article, IngestProblem

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

BODY = (
    "An air strike hit a busy market in the town of Maarat al-Numan on Friday, killing at "
    "least 12 people, a monitoring group said.\n\n"
    "Rescue workers searched the rubble for survivors as the toll was expected to rise, "
    "and the wounded were taken to a hospital near the border."
)
FRENCH = (
    "Une frappe aérienne a touché vendredi un marché très fréquenté de la ville, tuant au "
    "moins douze personnes, selon une organisation de surveillance. Les secouristes "
    "cherchaient des survivants dans les décombres."
)


def _read(*paths: str | Path, **options: Any) -> list[Article | IngestProblem]:
    return list(read_inputs([str(p) for p in paths], IngestOptions(**options)))


def _articles(items: list[Article | IngestProblem]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def _problems(items: list[Article | IngestProblem]) -> list[IngestProblem]:
    return [i for i in items if isinstance(i, IngestProblem)]


def _good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text("Strike hits market\n\n" + BODY, encoding="utf-8")
    return path


# -- formats ----------------------------------------------------------------------------


def test_text_file_with_sidecar(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Strike hits market in Idlib\n\n" + BODY + "\n", encoding="utf-8")
    (tmp_path / "story.json").write_text(
        json.dumps(
            {
                "published": "2019-03-22",
                "url": "https://www.voanews.com/a/strike/123.html",
                "id": "voa-123",
                "author": "Jane Doe",
            }
        ),
        encoding="utf-8",
    )
    items = _read(tmp_path)  # the folder: the sidecar must not be read as an article
    assert _problems(items) == []
    [article] = _articles(items)
    assert article.title == "Strike hits market in Idlib"
    assert article.text == BODY
    assert article.published == "2019-03-22"
    assert article.url == "https://www.voanews.com/a/strike/123.html"
    assert article.outlet == "voanews.com"
    assert article.external_id == "voa-123"
    assert article.metadata == {"author": "Jane Doe"}
    assert article.source == str(story)
    assert article.id == article_id(BODY, article.url)


def test_text_file_whose_first_line_is_a_sentence_has_no_title(tmp_path: Path) -> None:
    path = tmp_path / "lede.txt"
    path.write_text(BODY, encoding="utf-8")
    [article] = _articles(_read(path))
    assert article.title is None
    assert article.text == BODY


def test_jsonl_rows_fields_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [
        {"text": BODY, "title": "One", "published": "2019-03-23", "url": "https://a.org/1"},
        {"text": BODY + " More.", "outlet": "Reuters", "id": 77, "section": "World"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    first, second = _articles(_read(path))
    assert (first.source, first.title, first.published) == (f"{path}:1", "One", "2019-03-23")
    assert (first.outlet, first.external_id) == ("a.org", "https://a.org/1")
    assert (second.source, second.outlet, second.external_id) == (f"{path}:2", "Reuters", "77")
    assert second.metadata == {"section": "World"}


def test_json_list_and_single_object(tmp_path: Path) -> None:
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": BODY}, {"text": BODY, "url": "https://b.net/x"}]))
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": BODY, "title": "Solo"}))
    items = _read(many, one)
    assert [a.source for a in _articles(items)] == [f"{many}[0]", f"{many}[1]", str(one)]
    assert _articles(items)[2].title == "Solo"
    # Same text under two urls (or none) stays two articles.
    assert _articles(items)[0].id != _articles(items)[1].id


def test_csv_with_explicit_columns(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "key;headline;body;when;link;paper;extra\n"
        f'k1;Market strike;"{BODY}";2019-03-23;https://x.com/1;Daily;yes\n',
        encoding="utf-8",
    )
    options: dict[str, Any] = dict(
        csv_text_column="body",
        csv_title_column="headline",
        csv_date_column="when",
        csv_url_column="link",
        csv_outlet_column="paper",
        csv_id_column="key",
    )
    [article] = _articles(_read(path, **options))
    assert article.text == BODY  # the quoted field keeps its blank line
    assert (article.title, article.published, article.url) == (
        "Market strike",
        "2019-03-23",
        "https://x.com/1",
    )
    assert (article.outlet, article.external_id, article.source) == ("Daily", "k1", f"{path}:2")
    assert article.metadata == {"extra": "yes"}


def test_fakes_shaped_csv_is_detected_without_options(tmp_path: Path) -> None:
    path = tmp_path / "fakes.csv"
    path.write_text(
        "unit_id,article_title,article_content,source,date,location,labels\n"
        f'1914947530,Syria attack,"{BODY}",nna,4/5/2017,idlib,0\n'
        f'1914947531,Second,"{BODY} Again.",reuters,12/31/2016,aleppo,1\n',
        encoding="utf-8",
    )
    first, second = _articles(_read(path))
    assert (first.title, first.outlet, first.external_id) == ("Syria attack", "nna", "1914947530")
    assert first.published == "2017-04-05"
    assert first.metadata == {"location": "idlib", "labels": "0", "published_raw": "4/5/2017"}
    assert (second.published, second.source) == ("2016-12-31", f"{path}:3")


def test_tsv_and_csv_with_bad_bytes_part_way(tmp_path: Path) -> None:
    tsv = tmp_path / "feed.tsv"
    tsv.write_text(f"headline\tcontent\nA\t{BODY.replace(chr(10), ' ')}\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    row = f'"{BODY}",A\n'.encode()
    bad.write_bytes(b"text,title\n" + row + b'"caf\xe9 and the rest of this row",B\n' + row)
    items = _read(tsv, bad)
    assert [a.source for a in _articles(items)] == [f"{tsv}:2", f"{bad}:2"]
    [problem] = _problems(items)
    assert problem.source == str(bad)
    assert f"byte offset {len(b'text,title') + 1 + len(row) + 4}" in problem.reason


HTML = """<html><head><title>Strike hits market | Example News</title>
<meta property="article:published_time" content="2019-03-23T10:00:00Z">
<link rel="canonical" href="https://www.example.com/news/strike"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Strike hits market</h1>
<p>An air strike hit a busy market in the town of Maarat al-Numan on Friday, killing at least
12 people, a monitoring group said. Rescue workers searched the rubble for survivors.</p>
<p>More news: Celebrity killed in Atlanta club shooting</p>
<p>The Syrian Observatory for Human Rights said the toll was likely to rise as many of the
wounded were in a critical condition at a hospital near the border.</p></article>
<footer>Copyright 2019 Example News</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    [article] = _articles(_read(path))
    assert article.title == "Strike hits market"
    assert article.text.startswith("An air strike hit a busy market")
    assert "More news: Celebrity killed" in article.text  # clean removes it, not ingest
    assert "Home" not in article.text
    assert article.published == "2019-03-23"
    assert article.url == "https://www.example.com/news/strike"
    assert article.outlet == "example.com"


def _write_warc(path: Path, *, gzip: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for uri, ctype, body in [
            ("https://www.voanews.com/a/strike.html", "text/html; charset=utf-8", HTML.encode()),
            ("https://www.voanews.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2019-03-24T08:00:00Z"},
            )
            writer.write_record(record)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _write_warc(path, gzip=name.endswith(".gz"))
    items = _read(path)
    assert _problems(items) == []
    [article] = _articles(items)
    assert article.url == "https://www.voanews.com/a/strike.html"
    assert article.source == f"{path}#https://www.voanews.com/a/strike.html"
    assert article.outlet == "voanews.com"
    assert article.published == "2019-03-23"  # the page's own date beats WARC-Date
    assert "Maarat al-Numan" in article.text


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"text": BODY, "title": "A"}), json.dumps({"text": BODY + " B."})]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n" + "\n".join(lines) + "\n"))
    articles = _articles(_read("-"))
    assert [a.source for a in articles] == ["-:2", "-:3"]
    assert articles[0].title == "A"


def test_stdin_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Strike hits market\n\n" + BODY))
    [article] = _read("-")
    assert isinstance(article, Article)
    assert (article.source, article.title, article.text) == ("-", "Strike hits market", BODY)


def test_default_published_applies_only_without_a_date(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": BODY})
        + "\n"
        + json.dumps({"text": BODY + " X.", "published": "2020-01-02"})
    )
    dates = [a.published for a in _articles(_read(path, default_published="2019-03-23"))]
    assert dates == ["2019-03-23", "2020-01-02"]


def test_folder_is_read_recursively_in_order_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text(BODY + "\nTwo.")
    (tmp_path / "a.txt").write_text(BODY + "\nOne.")
    (tmp_path / ".hidden.txt").write_text(BODY + "\nHidden.")
    (tmp_path / ".git" / "x.txt").write_text(BODY + "\nGit.")
    sources = [a.source for a in _articles(_read(tmp_path))]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "2.txt")]


def test_same_input_twice_gives_same_ids(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps({"text": f"{BODY} Item {i}."}) for i in range(3)))
    first = [a.id for a in _articles(_read(path))]
    second = [a.id for a in _articles(_read(path))]
    assert first == second and len(set(first)) == 3


def test_article_id_and_make_article() -> None:
    assert article_id("a  b\nc", None) == article_id("a b c", None)
    assert article_id("a b c", "https://x.org/1") != article_id("a b c", "https://x.org/2")
    assert len(article_id("x", None)) == 20
    article = make_article(BODY, url="https://www.voanews.com/a/1", published="23 March 2019")
    assert (article.outlet, article.published) == ("voanews.com", "2019-03-23")
    assert article.metadata == {"published_raw": "23 March 2019"}
    assert make_article(BODY, outlet="VOA", url="https://www.voanews.com/").outlet == "VOA"


# -- bad input: each gives exactly one problem and the good input is still read ---------


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "nope.txt"


def _empty_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    return folder


def _png_as_txt(tmp_path: Path) -> Path:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    return path


def _empty_file(tmp_path: Path) -> Path:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    return path


def _blank_file(tmp_path: Path) -> Path:
    path = tmp_path / "blank.txt"
    path.write_text("  \n\t\n   \n")
    return path


def _latin1(tmp_path: Path) -> Path:
    path = tmp_path / "latin1.txt"
    path.write_bytes(("Caf" + "\xe9 " + BODY).encode("latin-1"))
    return path


def _no_text_column(tmp_path: Path) -> Path:
    path = tmp_path / "strikes.csv"
    path.write_text("date,country,description\n2015-01-01,Syria,Two strikes near Kobani\n")
    return path


def _html_without_text(tmp_path: Path) -> Path:
    path = tmp_path / "index.html"
    path.write_text("<html><head><title>Index</title></head><body><nav>Home</nav></body></html>")
    return path


def _short(tmp_path: Path) -> Path:
    path = tmp_path / "short.txt"
    path.write_text("Too short.")
    return path


BAD_INPUTS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing path": (_missing, "does not exist"),
    "folder without readable files": (_empty_folder, "no readable files"),
    "binary renamed .txt": (_png_as_txt, "binary"),
    "empty file": (_empty_file, "empty"),
    "whitespace-only file": (_blank_file, "empty"),
    "invalid UTF-8": (_latin1, "byte offset 3"),
    "CSV without text column": (_no_text_column, "--text-column"),
    "HTML without main text": (_html_without_text, "no main text"),
    "very short text": (_short, "too short"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gives_one_problem_and_the_rest_is_read(tmp_path: Path, case: str) -> None:
    build, words = BAD_INPUTS[case]
    bad = build(tmp_path)
    items = _read(bad, _good(tmp_path))
    [problem] = _problems(items)
    assert problem.source == str(bad)
    assert words in problem.reason
    assert [a.source for a in _articles(items)] == [str(tmp_path / "good.txt")]


def test_invalid_utf8_reason_says_what_to_do(tmp_path: Path) -> None:
    [problem] = _read(_latin1(tmp_path))
    assert isinstance(problem, IngestProblem)
    assert "not valid UTF-8" in problem.reason and "re-encode" in problem.reason


def test_csv_without_text_column_names_its_columns(tmp_path: Path) -> None:
    [problem] = _read(_no_text_column(tmp_path))
    assert isinstance(problem, IngestProblem)
    assert "'date', 'country', 'description'" in problem.reason


def test_file_over_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(BODY * 10)
    items = _read(path, _good(tmp_path), max_bytes=1000)
    [problem] = _problems(items)
    assert problem.source == str(path)
    assert f"{path.stat().st_size:,} bytes" in problem.reason and "--max-mb" in problem.reason
    assert len(_articles(items)) == 1


def test_streamed_corpus_files_have_no_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    row = json.dumps({"text": BODY, "url": "https://example.org/{}"})
    path.write_text("\n".join(row.replace("{}", str(i)) for i in range(30)) + "\n")
    items = _read(path, max_bytes=1000)
    assert not _problems(items)
    assert len(_articles(items)) == 30


def test_french_text_is_skipped_with_its_language(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_text("Frappe sur un marché\n\n" + FRENCH)
    [problem] = _read(path)
    assert isinstance(problem, IngestProblem)
    assert (problem.skipped, problem.language) == (True, "fr")
    assert problem.reason == "not English (detected fr); only English is supported yet"
    assert _articles(_read(path, require_english=False))[0].title == "Frappe sur un marché"


def test_malformed_jsonl_row_and_row_without_text(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": BODY})
        + '\n{"text": "broken\n'
        + json.dumps({"title": "No body", "url": "https://x.org"})
        + "\n"
        + json.dumps({"text": BODY + " Last."})
        + "\n"
    )
    items = _read(path)
    assert [a.source for a in _articles(items)] == [f"{path}:1", f"{path}:4"]
    broken, no_text = _problems(items)
    assert broken.source == f"{path}:2" and "not valid JSON" in broken.reason
    assert "column" in broken.reason
    assert no_text.source == f"{path}:3" and "no text field" in no_text.reason
    assert "title, url" in no_text.reason


def test_invalid_utf8_in_one_jsonl_row(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"text": BODY}).encode() + b"\n"
    path.write_bytes(good + b'{"text": "caf\xe9"}\n' + good)
    items = _read(path)
    [problem] = _problems(items)
    assert problem.source == f"{path}:2"
    assert f"byte offset {len(good) + 13}" in problem.reason
    assert len(_articles(items)) == 2


# -- the real corpus --------------------------------------------------------------------


@pytest.mark.shared
def test_fakes_corpus_loads_without_options() -> None:
    path = SHARED / "corpus" / "fakes" / "FA-KES-Dataset.csv"
    if not path.exists():
        pytest.skip(f"FA-KES corpus not found at {path} (../shared is absent)")
    items = _read(path)
    assert _problems(items) == []
    articles = _articles(items)
    assert len(articles) == 804
    first = articles[0]
    assert (first.external_id, first.outlet, first.published) == ("1914947530", "nna", "2017-04-05")
    assert first.title == "Syria attack symptoms consistent with nerve agent use WHO"
    assert all(a.published and len(a.published) == 10 for a in articles)
