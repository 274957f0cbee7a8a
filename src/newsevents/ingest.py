"""Ingest: read articles from files, folders and stdin into `Article` records.

Formats: plain text (first line the title, optional sidecar NAME.json), JSON Lines, JSON,
CSV/TSV, HTML (main text by trafilatura) and WARC/WARC.gz (warcio). Bad input never
raises: each unreadable file or record becomes one `IngestProblem` naming the input
precisely (`path`, `path:LINE` for JSON Lines, `path:ROW` for CSV) and saying what to do,
and reading goes on with the rest. JSON Lines and CSV are streamed row by row.
"""

from __future__ import annotations

import csv
import email.utils
import hashlib
import itertools
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsevents.errors import NotUtf8Error
from newsevents.language import guess_language
from newsevents.records import Article, IngestProblem

__all__ = [
    "IngestOptions",
    "article_id",
    "count_records",
    "make_article",
    "normalise_published",
    "outlet_from_url",
    "read_inputs",
]

MIN_TEXT_CHARS = 20

# Column or key names tried, in order, when the caller names none. FA-KES uses
# unit_id / article_title / article_content / source / date.
_FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": (
        "text", "article_content", "content", "body", "article", "article_text",
        "full_text", "fulltext", "maintext", "story",
    ),
    "title": ("title", "article_title", "headline", "heading"),
    "published": (
        "published", "date", "published_at", "publish_date", "publication_date",
        "date_published", "pub_date", "pubdate", "datetime", "timestamp", "time",
    ),
    "url": ("url", "link", "article_url", "source_url", "href", "uri"),
    "outlet": ("outlet", "source", "publisher", "source_name", "site", "domain", "media"),
    "id": ("id", "unit_id", "article_id", "doc_id", "docid", "guid", "uid"),
}  # fmt: skip

_EXTENSION_FORMATS = {
    ".txt": "text", ".text": "text", "": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv",
    ".html": "html", ".htm": "html",
    ".warc": "warc", ".warc.gz": "warc",
}  # fmt: skip

_SNIFF_BYTES = 8192
_FIRST_LINE_TITLE_MAX = 300
_NOT_UTF8_FIX = "re-encode it as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8 IN > OUT)"


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read: size limit, CSV column names, language policy, default date."""

    max_bytes: int = 20_000_000
    csv_text_column: str | None = None
    csv_title_column: str | None = None
    csv_date_column: str | None = None
    csv_url_column: str | None = None
    csv_outlet_column: str | None = None
    csv_id_column: str | None = None
    require_english: bool = True
    default_published: str | None = None


@dataclass
class _Record:
    """Article fields as read, before validation; `extra` becomes the article's metadata."""

    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    external_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _not_utf8_reason(exc: NotUtf8Error) -> str:
    return f"not valid UTF-8 (byte offset {exc.offset}: {exc.sample!r}); {_NOT_UTF8_FIX}"


Item = Article | IngestProblem


def article_id(text: str, url: str | None) -> str:
    """Stable id: sha256 (first 20 hex chars) of the whitespace-normalised text plus the url."""
    key = " ".join(text.split()) + "\n" + (url or "")
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def make_article(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    external_id: str | None = None,
    source: str = "",
    metadata: Mapping[str, Any] | None = None,
) -> Article:
    """Build an Article with its content-hash id; outlet defaults to the url's domain."""
    meta = dict(metadata or {})
    if published is not None:
        iso = normalise_published(published)
        if iso != published:
            meta.setdefault("published_raw", published)
        published = iso
    return Article(
        id=article_id(text, url),
        text=text,
        title=title,
        published=published,
        url=url,
        outlet=outlet or outlet_from_url(url),
        # DESIGN: the url doubles as the external id when no id is given.
        external_id=external_id or url,
        source=source,
        metadata=meta,
    )


def outlet_from_url(url: str | None) -> str | None:
    """The publisher's domain from a url ("https://www.voanews.com/a/1" -> "voanews.com")."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    if not host:
        return None
    return re.sub(r"^www\d*\.", "", host.lower())


def normalise_published(value: str) -> str:
    """ISO form of a publication date when it can be read unambiguously, else `value` as given.

    "4/5/2017" is read as month/day/year (the US convention of slashed dates) unless the
    first number cannot be a month; "24.08.2013" as day.month.year.
    """
    raw = value.strip()
    if re.match(r"\d{4}-\d{2}-\d{2}", raw):
        return raw
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", raw):
        first, second, year = (int(g) for g in m.groups())
        month, day = (second, first) if first > 12 else (first, second)
        return _iso_or(raw, year, month, day)
    if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", raw):
        day, month, year = (int(g) for g in m.groups())
        return _iso_or(raw, year, month, day)
    for fmt in ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%b %d %Y"):
        try:
            return datetime.strptime(raw, fmt).date().isoformat()
        except ValueError:
            continue
    return _rfc2822(raw) or value


def _rfc2822(raw: str) -> str | None:
    """ISO datetime of an e-mail/RSS style date ("Sat, 23 Mar 2019 10:00:00 GMT")."""
    if email.utils.parsedate_tz(raw) is None:
        return None
    try:
        return email.utils.parsedate_to_datetime(raw).isoformat()
    except (ValueError, TypeError):
        return None


def _iso_or(raw: str, year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return raw


def read_inputs(
    paths: Iterable[str | os.PathLike[str]], options: IngestOptions = IngestOptions()
) -> Iterator[Article | IngestProblem]:
    """Read every path (file, folder, or "-" for stdin), yielding articles and problems."""
    for given in paths:
        shown = os.fspath(given)
        if shown == "-":
            yield from _guarded(_read_stdin(options), "-")
            continue
        path = Path(shown)
        if path.is_dir():
            yield from _read_directory(path, shown, options)
        elif path.exists():
            yield from _guarded(_read_file(path, shown, options), shown)
        else:
            yield _problem(shown, "does not exist; check the path (or pass - to read stdin)")


def _problem(source: str, reason: str, *, skipped: bool = False) -> IngestProblem:
    return IngestProblem(source=source, reason=reason, skipped=skipped)


def _guarded(items: Iterator[Item], source: str) -> Iterator[Item]:
    """Turn an I/O or decoding failure part-way through one input into one problem."""
    try:
        yield from items
    except NotUtf8Error as exc:
        yield _problem(source, _not_utf8_reason(exc))
    except csv.Error as exc:
        yield _problem(source, f"malformed CSV ({exc}); check quoting and the delimiter")
    except OSError as exc:
        yield _problem(source, f"cannot be read ({exc.strerror or exc}); check the file")


# -- directories and dispatch -----------------------------------------------------------


def _read_directory(root: Path, shown: str, options: IngestOptions) -> Iterator[Item]:
    """Read a folder recursively in sorted order, skipping hidden files and .txt sidecars."""
    readable: list[Path] = []
    unsupported: list[Path] = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if _is_sidecar(path):
            continue
        (readable if _format_by_extension(path) else unsupported).append(path)
    if not readable:
        found = ", ".join(sorted({p.suffix or p.name for p in unsupported})) or "no files"
        yield _problem(
            shown,
            f"folder has no readable files (found: {found}); it needs .txt, .jsonl, .json, "
            ".csv, .tsv, .html or .warc files",
        )
        return
    for path in readable:
        file_shown = os.path.join(shown, str(path.relative_to(root)))
        yield from _guarded(_read_file(path, file_shown, options), file_shown)
    for path in unsupported:
        file_shown = os.path.join(shown, str(path.relative_to(root)))
        yield _problem(
            file_shown,
            f"unsupported file type {path.suffix!r}; rename it if it is text, JSON Lines, "
            "CSV, HTML or WARC",
            skipped=True,
        )


def _is_sidecar(path: Path) -> bool:
    """A NAME.json that holds the metadata of a NAME.txt (or NAME.text, NAME) beside it."""
    if path.suffix != ".json":
        return False
    return any(path.with_suffix(ext).is_file() for ext in (".txt", ".text", ""))


def _format_by_extension(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return _EXTENSION_FORMATS.get(Path(name).suffix)


def _sniff_format(head: bytes) -> str:
    """Guess the format of a file whose extension says nothing, from its first bytes."""
    if head.startswith(b"\x1f\x8b") or head.startswith(b"WARC/"):
        return "warc"
    start = head.lstrip()[:200].lower()
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"["):
        return "json"
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:1000].lower():
        return "html"
    return "text"


def _read_file(path: Path, shown: str, options: IngestOptions) -> Iterator[Item]:
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(_SNIFF_BYTES)
    fmt = _format_by_extension(path)
    if fmt in (None, "text") and path.suffix.lower() not in (".txt", ".text"):
        fmt = _sniff_format(head)
    # Files read whole into memory have a size limit; JSON Lines, CSV and WARC are
    # streamed record by record, so a corpus file of any size is fine.
    if size > options.max_bytes and fmt not in ("jsonl", "csv", "tsv", "warc"):
        yield _problem(
            shown,
            f"file is {size:,} bytes, over the limit of {options.max_bytes:,}; raise it with "
            "--max-mb (IngestOptions.max_bytes) or split the file",
        )
        return
    if not head.strip() and size <= len(head):
        yield _problem(shown, "file is empty or only whitespace; nothing to read")
        return
    if fmt != "warc" and (reason := _binary_reason(head)):
        yield _problem(shown, reason)
        return
    if fmt == "jsonl":
        yield from _read_jsonl(_file_lines(path), shown, options)
    elif fmt in ("csv", "tsv"):
        yield from _read_csv(path, shown, options, tab=fmt == "tsv")
    elif fmt == "warc":
        yield from _read_warc(path, shown, options)
    elif fmt == "json":
        yield from _read_json(path, shown, options)
    elif fmt == "html":
        yield from _read_html_file(path, shown, options)
    else:
        yield from _read_text_file(path, shown, options)


def _binary_reason(head: bytes) -> str | None:
    """Why the first bytes of a file show it is not text, or None when they look like text."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "file is UTF-16 encoded; re-encode it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)"
    if b"\x00" in head:
        return (
            "binary file, not text (it contains NUL bytes: an image, PDF or archive?); "
            "only text, JSON Lines, CSV, HTML and WARC files are read"
        )
    return None


def _decode(data: bytes, base_offset: int = 0) -> str:
    """Decode UTF-8 (dropping a byte-order mark) or raise NotUtf8Error with the byte offset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = base_offset + exc.start
        raise NotUtf8Error(start, data[exc.start : exc.start + 4]) from None


def _file_lines(path: Path) -> Iterator[bytes]:
    with path.open("rb") as fh:
        yield from fh


def _utf8_lines(lines: Iterable[bytes]) -> Iterator[str]:
    """Decode a stream of byte lines, keeping track of the byte offset for error messages."""
    offset = 0
    for raw in lines:
        yield _decode(raw, offset) if offset == 0 else _decode_plain(raw, offset)
        offset += len(raw)


def _decode_plain(raw: bytes, offset: int) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotUtf8Error(offset + exc.start, raw[exc.start : exc.start + 4]) from None


# -- validation shared by all formats ---------------------------------------------------


def _accept(record: _Record, source: str, options: IngestOptions) -> Item:
    """Check a record (length, language) and turn it into an Article, or explain why not."""
    text = record.text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return _problem(source, "the article text is empty; give the body in the text field")
    if len(text) < MIN_TEXT_CHARS:
        return _problem(
            source,
            f"text too short ({len(text)} characters; at least {MIN_TEXT_CHARS} needed "
            "for an article)",
            skipped=True,
        )
    if options.require_english:
        guess = guess_language(text)
        if not guess.english:
            return IngestProblem(
                source=source,
                reason=f"not English (detected {guess.code}); only English is supported yet",
                skipped=True,
                language=guess.code,
            )
    return make_article(
        text,
        title=_clean_title(record.title),
        published=record.published or options.default_published,
        url=record.url,
        outlet=record.outlet,
        external_id=record.external_id,
        source=source,
        metadata=record.extra,
    )


def _clean_title(title: str | None) -> str | None:
    if title is None:
        return None
    return " ".join(title.split()) or None


def _as_str(value: Any) -> str | None:
    """A scalar field value as a string; None for missing, empty, or non-scalar values."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float):
        return str(value)
    return None


def _json_type(value: Any) -> str:
    """JSON's name for the type of a decoded value (for messages)."""
    names = {list: "array", dict: "object", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _pick_key(keys: Iterable[str], field_name: str) -> str | None:
    """The first key that names `field_name` (exact candidate names, then case-insensitive)."""
    by_lower = {k.strip().lower(): k for k in keys}
    for candidate in _FIELD_NAMES[field_name]:
        if candidate in by_lower:
            return by_lower[candidate]
    return None


def _record_from_mapping(obj: Mapping[str, Any]) -> _Record | str:
    """Map a JSON object onto article fields; a string explains what is missing."""
    keys = {name: _pick_key(obj.keys(), name) for name in _FIELD_NAMES}
    text_key = keys["text"]
    if text_key is None:
        present = ", ".join(sorted(obj.keys())) or "none"
        return f"no text field (fields present: {present}); put the article body in 'text'"
    text = obj[text_key]
    if not isinstance(text, str):
        return f"field {text_key!r} is a JSON {_json_type(text)}, not a string of text"
    used = {k for k in keys.values() if k is not None}
    return _Record(
        text=text,
        title=_as_str(obj.get(keys["title"] or "")),
        published=_as_str(obj.get(keys["published"] or "")),
        url=_as_str(obj.get(keys["url"] or "")),
        outlet=_as_str(obj.get(keys["outlet"] or "")),
        external_id=_as_str(obj.get(keys["id"] or "")),
        extra={k: v for k, v in obj.items() if k not in used},
    )


# -- plain text -------------------------------------------------------------------------


def _split_title(text: str) -> tuple[str | None, str]:
    """First non-empty line is the title when more text follows and it reads like a headline."""
    stripped = text.strip()
    first, _, rest = stripped.partition("\n")
    first = first.strip()
    # A long first line or one ending in a full stop is the lede, not a headline: keep it.
    if not rest.strip() or len(first) > _FIRST_LINE_TITLE_MAX or first.endswith("."):
        return None, stripped
    return first, rest.strip()


def _text_record(text: str) -> _Record:
    title, body = _split_title(text)
    return _Record(text=body, title=title)


def _read_text_file(path: Path, shown: str, options: IngestOptions) -> Iterator[Item]:
    text = _decode(path.read_bytes())
    record = _text_record(text)
    sidecar = path.with_suffix(".json")
    if sidecar != path and sidecar.is_file():
        sidecar_problem = _apply_sidecar(record, sidecar)
        if sidecar_problem:
            yield _problem(str(sidecar), sidecar_problem)
    yield _accept(record, shown, options)


def _apply_sidecar(record: _Record, sidecar: Path) -> str | None:
    """Fill a text record's metadata from its NAME.json; a string says why it could not."""
    try:
        meta = json.loads(_decode(sidecar.read_bytes()))
    except json.JSONDecodeError as exc:
        return (
            f"sidecar is not valid JSON ({exc.msg} at line {exc.lineno}); the text file "
            "was read without it"
        )
    except NotUtf8Error as exc:
        return _not_utf8_reason(exc)
    if not isinstance(meta, dict):
        return "sidecar must hold one JSON object; the text file was read without it"
    for name in ("title", "published", "url", "outlet", "id"):
        key = _pick_key(meta.keys(), name)
        if key is None:
            continue
        value = _as_str(meta.pop(key))
        target = "external_id" if name == "id" else name
        if value is not None:
            setattr(record, target, value)
    record.extra.update(meta)
    return None


# -- JSON Lines and JSON ----------------------------------------------------------------


def _read_jsonl(lines: Iterable[bytes], shown: str, options: IngestOptions) -> Iterator[Item]:
    """One article per line; a bad line is reported with its number and the rest still read."""
    offset = 0
    seen_any = False
    for lineno, raw in enumerate(lines, start=1):
        source = f"{shown}:{lineno}"
        line_offset, offset = offset, offset + len(raw)
        try:
            line = _decode(raw, line_offset) if lineno == 1 else _decode_plain(raw, line_offset)
        except NotUtf8Error as exc:
            yield _problem(source, _not_utf8_reason(exc))
            continue
        if not line.strip():
            continue
        seen_any = True
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _problem(
                source,
                f"not valid JSON ({exc.msg} at column {exc.colno}); fix or remove the line "
                "(the other lines are read)",
            )
            continue
        yield _accept_object(obj, source, options)
    if not seen_any:
        yield _problem(shown, "no records (only blank lines); nothing to read")


def _accept_object(obj: Any, source: str, options: IngestOptions) -> Item:
    if not isinstance(obj, dict):
        return _problem(
            source, f"a JSON {_json_type(obj)}, not an object with a 'text' field; skipped"
        )
    record = _record_from_mapping(obj)
    if isinstance(record, str):
        return _problem(source, record)
    return _accept(record, source, options)


def _read_json(path: Path, shown: str, options: IngestOptions) -> Iterator[Item]:
    """A .json file holds one article object or a list of them (or is JSON Lines misnamed)."""
    text = _decode(path.read_bytes())
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            yield from _read_jsonl(_file_lines(path), shown, options)
            return
        yield _problem(
            shown, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        )
        return
    if isinstance(data, list):
        if not data:
            yield _problem(shown, "the JSON list is empty; nothing to read")
        for index, obj in enumerate(data):
            yield _accept_object(obj, f"{shown}[{index}]", options)
    else:
        yield _accept_object(data, shown, options)


# -- CSV --------------------------------------------------------------------------------


def _read_csv(path: Path, shown: str, options: IngestOptions, *, tab: bool) -> Iterator[Item]:
    """Stream a CSV/TSV file; rows are numbered as a spreadsheet shows them (header = row 1)."""
    # Article bodies easily exceed csv's default 128 KiB field limit; max_bytes bounds them.
    csv.field_size_limit(max(options.max_bytes, csv.field_size_limit()))
    lines = _utf8_lines(_file_lines(path))
    first = next(lines, "")
    delimiter = "\t" if tab else _guess_delimiter(first)
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        yield _problem(shown, "no header row; the first row must name the columns")
        return
    columns = _map_columns(header, options)
    if isinstance(columns, str):
        yield _problem(shown, columns)
        return
    rows = 0
    for rownum, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        yield _csv_record(header, row, columns, f"{shown}:{rownum}", options)
    if rows == 0:
        yield _problem(shown, "the CSV has a header but no rows; nothing to read")


def _guess_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


_CSV_OPTIONS = {
    "text": ("csv_text_column", "--text-column"),
    "title": ("csv_title_column", "--title-column"),
    "published": ("csv_date_column", "--date-column"),
    "url": ("csv_url_column", "--url-column"),
    "outlet": ("csv_outlet_column", "--outlet-column"),
    "id": ("csv_id_column", "--id-column"),
}


def _map_columns(header: list[str], options: IngestOptions) -> dict[str, int] | str:
    """Column index of each article field; a string explains a missing or unknown column."""
    names = [h.strip() for h in header]
    listed = ", ".join(repr(n) for n in names)
    found: dict[str, int] = {}
    for field_name, (attr, flag) in _CSV_OPTIONS.items():
        wanted: str | None = getattr(options, attr)
        if wanted is not None:
            index = _column_index(names, wanted)
            if index is None:
                return f"no column {wanted!r} (given by {flag}); the columns are: {listed}"
            found[field_name] = index
            continue
        key = _pick_key(names, field_name)
        if key is not None:
            found[field_name] = names.index(key)
    if "text" not in found:
        return (
            f"no text column (looked for {', '.join(_FIELD_NAMES['text'][:5])}, ...); the "
            f"columns are: {listed}; name the one holding the article body with --text-column"
        )
    return found


def _column_index(names: list[str], wanted: str) -> int | None:
    if wanted in names:
        return names.index(wanted)
    lowered = [n.lower() for n in names]
    return lowered.index(wanted.lower()) if wanted.lower() in lowered else None


def _csv_record(
    header: list[str], row: list[str], columns: dict[str, int], source: str, opts: IngestOptions
) -> Item:
    def cell(name: str) -> str | None:
        index = columns.get(name)
        return _as_str(row[index]) if index is not None and index < len(row) else None

    text = cell("text")
    if text is None:
        column = header[columns["text"]]
        return _problem(source, f"no text in column {column!r}; the row is skipped")
    used = set(columns.values())
    extra = {
        header[i].strip(): value
        for i, value in enumerate(row)
        if i < len(header) and i not in used and value.strip()
    }
    record = _Record(
        text=text,
        title=cell("title"),
        published=cell("published"),
        url=cell("url"),
        outlet=cell("outlet"),
        external_id=cell("id"),
        extra=extra,
    )
    return _accept(record, source, opts)


# -- HTML and WARC ----------------------------------------------------------------------


def _read_html_file(path: Path, shown: str, options: IngestOptions) -> Iterator[Item]:
    yield _html_article(_decode_html(path.read_bytes()), shown, options)


def _decode_html(data: bytes) -> str:
    """UTF-8, or the charset the page declares in a meta tag; else report the bad byte."""
    try:
        return _decode(data)
    except NotUtf8Error:
        declared = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.IGNORECASE)
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        raise


def _html_article(
    html: str | bytes,
    source: str,
    options: IngestOptions,
    *,
    url: str | None = None,
    fallback_date: str | None = None,
    in_archive: bool = False,
) -> Item:
    """Main text and metadata of one HTML page via trafilatura."""
    import trafilatura

    # In an archive the WARC-Date (when the page was fetched) is a better stand-in than a
    # date guessed from the page's free text, such as "Copyright 2019" read as 1 January.
    dates = {"extensive_search": False, "original_date": True} if fallback_date else None
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, date_extraction_params=dates
    )
    text = (getattr(doc, "text", None) or "").strip()
    if len(text) < MIN_TEXT_CHARS:
        return _problem(
            source,
            f"no main text found in the HTML page (trafilatura extracted {len(text)} "
            "characters); it may be an index page or need JavaScript: save the article "
            "text as .txt instead",
            skipped=in_archive,
        )
    title = _as_str(getattr(doc, "title", None))
    if title:
        # trafilatura repeats the <h1> headline as the first line of the text.
        first, _, rest = text.partition("\n")
        if first.strip() == title and rest.strip():
            text = rest.strip()
    page_date = _as_str(getattr(doc, "date", None))
    extra: dict[str, Any] = {}
    if site := _as_str(getattr(doc, "sitename", None)):
        # The outlet stays the url's domain, as for every other input, so that one
        # publisher counts once however its articles arrived; the page's name is kept.
        extra["site_name"] = site
    if page_date is None and fallback_date:
        extra["published_from"] = "WARC-Date"
    record = _Record(
        text=text,
        title=title,
        published=page_date or fallback_date,
        url=url or _as_str(getattr(doc, "url", None)),
        outlet=None,
        extra=extra,
    )
    return _accept(record, source, options)


def _read_warc(path: Path, shown: str, options: IngestOptions) -> Iterator[Item]:
    """HTML responses of a WARC/WARC.gz file, each read like an HTML page.

    A crawl cut short leaves a last record that ends early, or bytes after the last whole
    record: the whole records are read and the break is reported as one problem.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    pages = 0
    cut_short = False
    with path.open("rb") as fh:
        records = ArchiveIterator(fh)
        try:
            for record in records:
                if record.rec_type is None:
                    cut_short = True
                    break
                page = _warc_page(record)
                if page is None:
                    while record.raw_stream.read(1 << 16):
                        pass
                if getattr(record.raw_stream, "limit", 0):
                    # Fewer bytes than the record's Content-Length: a partial page.
                    cut_short = True
                    break
                if page is None:
                    continue
                pages += 1
                uri, warc_date, body = page
                yield _html_article(
                    body,
                    f"{shown}#{uri}",
                    options,
                    url=uri,
                    fallback_date=warc_date,
                    in_archive=True,
                )
        except ArchiveLoadFailed as exc:
            if pages == 0:
                detail = str(exc)[:80]
                yield _problem(
                    shown, f"not a readable WARC file ({detail}); check it is WARC 1.0/1.1"
                )
                return
            cut_short = True
        if cut_short or records.offset < path.stat().st_size:
            yield _problem(
                shown,
                f"the archive breaks off after {pages} HTML pages (truncated download or "
                "crawl?); the whole records before the break were read",
            )
            return
    if pages == 0:
        yield _problem(
            shown, "no HTML pages among its response records (or not a WARC file); nothing to read"
        )


def _warc_page(record: Any) -> tuple[str | None, str | None, bytes] | None:
    """(url, WARC-Date, body) of a successful text/html response record, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    status = record.http_headers.get_statuscode() or ""
    if "html" not in content_type.lower() or not str(status).startswith("2"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    warc_date = record.rec_headers.get_header("WARC-Date")
    return uri, warc_date, record.content_stream().read()


# -- counting ahead of a run -----------------------------------------------------------

# Record files larger than this are not counted ahead (counting would take seconds).
_COUNT_MAX_BYTES = 500_000_000


def count_records(
    paths: Iterable[str | os.PathLike[str]], options: IngestOptions = IngestOptions()
) -> int | None:
    """How many records (articles or problems) `read_inputs` will yield, counted cheaply
    for progress reports; None when unknown without reading everything (stdin, WARC)."""
    total = 0
    for given in paths:
        shown = os.fspath(given)
        if shown == "-":
            return None
        path = Path(shown)
        if path.is_dir():
            files = [
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and not _is_sidecar(p)
            ]
            if not any(_format_by_extension(p) for p in files):
                total += 1
                continue
        else:
            files = [path]
        for file in files:
            n = _count_file(file, options)
            if n is None:
                return None
            total += n
    return total


def _count_file(path: Path, options: IngestOptions) -> int | None:
    if not path.is_file():
        return 1  # one problem: does not exist
    fmt = _format_by_extension(path)
    size = path.stat().st_size
    if fmt == "warc" or (fmt in ("jsonl", "csv", "tsv") and size > _COUNT_MAX_BYTES):
        return None
    try:
        if fmt == "jsonl":
            return max(1, sum(1 for line in _file_lines(path) if line.strip()))
        if fmt in ("csv", "tsv"):
            csv.field_size_limit(max(options.max_bytes, csv.field_size_limit()))
            with path.open(encoding="utf-8", errors="replace", newline="") as fh:
                rows = sum(1 for row in csv.reader(fh) if any(c.strip() for c in row))
            return max(1, rows - 1)  # the header row is not a record
        if fmt == "json" and size <= options.max_bytes:
            data = json.loads(path.read_bytes())
            return max(1, len(data)) if isinstance(data, list) else 1
    except (OSError, ValueError, csv.Error):
        return 1  # reading will report it as one problem
    return 1


# -- stdin ------------------------------------------------------------------------------


def _stdin_lines() -> Iterator[bytes]:
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        yield from buffer
    else:
        # A text stream without a byte buffer (tests, some embedders): re-encode its lines.
        for line in stream:
            yield line.encode("utf-8")


def _read_stdin(options: IngestOptions) -> Iterator[Item]:
    """JSON Lines when the first non-blank character is "{", else one plain-text article."""
    lines = _stdin_lines()
    leading: list[bytes] = []
    for raw in lines:
        leading.append(raw)
        if raw.strip():
            break
    first = b"".join(leading).lstrip()
    if not first:
        yield _problem("-", "stdin is empty; pipe an article or JSON Lines into it")
        return
    everything = itertools.chain(leading, lines)
    if first.startswith(b"{"):
        yield from _read_jsonl(everything, "-", options)
        return
    data = b"".join(everything)
    if reason := _binary_reason(data[:_SNIFF_BYTES]):
        yield _problem("-", reason)
        return
    yield _accept(_text_record(_decode(data)), "-", options)
