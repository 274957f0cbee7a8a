"""WARC and WARC.gz input as in Common Crawl's news crawl, from archives the tests write
with warcio: which records become articles, and where date, url and outlet come from."""

import gzip
import io
from dataclasses import replace
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.ingest import count_records, read_inputs
from newsevents.records import Article, IngestProblem

BODY = (
    "An air strike hit a busy market in the town of Maarat al-Numan in Idlib province on "
    "Friday, killing at least nine civilians, a monitoring group said. Rescue workers "
    "searched the rubble for survivors while ambulances took the wounded to a field "
    "hospital. The Syrian Observatory for Human Rights said warplanes carried out the "
    "attack in the early afternoon, when the market was crowded with shoppers."
)


def _page(title: str, body: str, published: str | None, site: str | None = None) -> str:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    site_meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    return (
        f"<!doctype html><html><head><title>{title}</title>{meta}{site_meta}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1><p>{body}</p></article>"
        "<footer>Copyright 2019</footer></body></html>"
    )


def _response(
    writer: WARCWriter,
    uri: str,
    body: bytes,
    *,
    ctype: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    date: str = "2019-03-24T08:00:00Z",
    extra_http: list[tuple[str, str]] | None = None,
) -> None:
    headers = StatusAndHeaders(
        status, [("Content-Type", ctype), *(extra_http or [])], protocol="HTTP/1.1"
    )
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_record(record)


def _write_crawl(path: Path, *, compress: bool) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        request = writer.create_warc_record(
            "https://www.voanews.com/a/strike.html",
            "request",
            payload=io.BytesIO(b"GET /a/strike.html HTTP/1.1\r\nHost: www.voanews.com\r\n\r\n"),
        )
        writer.write_record(request)
        # The page dates itself: its date wins over the crawl date.
        _response(
            writer,
            "https://www.voanews.com/a/strike.html",
            _page("Strike hits market", BODY, "2019-03-23T10:00:00Z", site="VOA").encode(),
        )
        # No date on the page: the WARC-Date (when it was crawled) stands in.
        _response(
            writer,
            "https://news.example.org/2019/clash",
            _page("Clashes in Hajin", BODY.replace("Maarat al-Numan", "Hajin"), None).encode(),
            date="2019-03-25T06:30:00Z",
        )
        # A page served gzip-compressed, in a legacy charset.
        latin = _page("Raid near Deraa", BODY.replace("Idlib", "Deraa") + " Café.", None)
        _response(
            writer,
            "http://www.example.net/raid",
            gzip.compress(latin.encode("latin-1")),
            ctype="text/html; charset=iso-8859-1",
            extra_http=[("Content-Encoding", "gzip")],
        )
        # Not articles: an image, an error page, a redirect, and an index page.
        _response(writer, "https://www.voanews.com/logo.png", b"\x89PNG\r\n", ctype="image/png")
        _response(
            writer,
            "https://www.voanews.com/missing",
            _page("Not found", BODY, None).encode(),
            status="404 Not Found",
        )
        _response(
            writer,
            "https://www.voanews.com/old",
            b"",
            status="301 Moved Permanently",
            extra_http=[("Location", "https://www.voanews.com/new")],
        )
        _response(
            writer,
            "https://www.voanews.com/",
            b"<html><body><a href='/a'>A</a> <a href='/b'>B</a></body></html>",
        )


def _read(path: Path) -> tuple[list[Article], list[IngestProblem]]:
    items = list(read_inputs([path]))
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, IngestProblem)],
    )


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_html_responses_become_articles_and_other_records_are_passed_over(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    _write_crawl(path, compress=name.endswith(".gz"))
    articles, problems = _read(path)
    assert [a.url for a in articles] == [
        "https://www.voanews.com/a/strike.html",
        "https://news.example.org/2019/clash",
        "http://www.example.net/raid",
    ]
    strike, clash, raid = articles
    assert strike.title == "Strike hits market"
    assert strike.published == "2019-03-23"  # the page's own date
    assert "published_from" not in strike.metadata
    assert strike.outlet == "voanews.com"
    assert strike.metadata["site_name"] == "VOA"
    assert strike.source == f"{path}#https://www.voanews.com/a/strike.html"
    assert "Maarat al-Numan" in strike.text and "Home" not in strike.text
    assert clash.published == "2019-03-25T06:30:00Z"
    assert clash.metadata["published_from"] == "WARC-Date"
    assert clash.outlet == "news.example.org"
    assert "Hajin" in clash.text
    assert raid.outlet == "example.net" and "Café" in raid.text
    # The index page is the only record reported, as skipped (archives hold many).
    assert [(p.source, p.skipped) for p in problems] == [(f"{path}#https://www.voanews.com/", True)]


def test_warc_record_count_is_unknown_ahead_and_a_directory_reads_warc_files(
    tmp_path: Path,
) -> None:
    _write_crawl(tmp_path / "a.warc.gz", compress=True)
    assert count_records([tmp_path]) is None
    articles, _ = _read(tmp_path)
    assert len(articles) == 3


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
@pytest.mark.parametrize("lost", [300, 1000, 1500, 2000])
def test_a_truncated_archive_keeps_its_whole_records_and_reports_the_break(
    tmp_path: Path, name: str, lost: int
) -> None:
    whole = tmp_path / name
    _write_crawl(whole, compress=name.endswith(".gz"))
    data = whole.read_bytes()
    cut = tmp_path / f"cut-{name}"
    # A crawl killed while writing: the file ends inside one of the last records.
    cut.write_bytes(data[: len(data) - lost])
    articles, problems = _read(cut)
    complete, _ = _read(whole)
    assert 1 <= len(articles) <= 3
    # Whatever was read is whole: the same articles as in the complete archive.
    assert articles == [
        replace(a, source=a.source.replace(str(whole), str(cut))) for a in complete[: len(articles)]
    ]
    assert problems[-1].source == str(cut) and not problems[-1].skipped
    assert "breaks off" in problems[-1].reason


def test_a_file_that_is_not_a_warc_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc.gz"
    path.write_bytes(gzip.compress(b"this is not a web archive at all\n" * 20))
    articles, problems = _read(path)
    assert articles == []
    assert len(problems) == 1 and problems[0].source == str(path)
