"""Clean: blank out scraper junk ("More news:", share/subscribe prompts, footers, repeats).

The cleaned text has exactly the length of the article text: junk becomes spaces (newlines
stay, so paragraphs stay apart) and only one-for-one character normalisations are made
(curly quotes, odd spaces). Every offset into the cleaned text is therefore an offset into
the stored article text. The junk patterns live in `data/junk_patterns.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from newsevents.data_files import package_data, read_yaml_mapping
from newsevents.errors import DataFileError
from newsevents.records import Article, CleanArticle, Removal

__all__ = ["JunkRule", "clean", "junk_rules"]

Extent = Literal["match", "line", "eol"]
_EXTENTS = ("match", "line", "eol")
_RULE_KEYS = {
    "name",
    "reason",
    "pattern",
    "extent",
    "max_chars",
    "ignore_case",
    "keywords",
    "example",
}
_DEFAULT_MAX_CHARS = 300
# A URL, or a bare domain with a path ("syria.liveuamap.com/en/..."; not "U.S./Iraqi").
_URL = re.compile(r"\b(?:https?://|www\.)[^\s,\"'<>]+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/[^\s,]*")
_LINE = re.compile(r"[^\n]+")
_NOT_NEWLINE = re.compile(r"[^\n]")


@dataclass(frozen=True)
class JunkRule:
    """One junk pattern from the data file and how much text a match blanks."""

    name: str
    reason: str
    pattern: re.Pattern[str]
    extent: Extent
    max_chars: int
    keywords: tuple[str, ...] = ()  # one must occur in the lower-cased text, else skip


@dataclass(frozen=True)
class _JunkConfig:
    rules: tuple[JunkRule, ...]
    table: dict[int, str]
    repeat_min_chars: int
    link_share: float


def junk_rules() -> tuple[JunkRule, ...]:
    """The compiled junk rules of `data/junk_patterns.yaml`, loaded once."""
    return _config().rules


def clean(article: Article) -> CleanArticle:
    """Blank junk in the article text; the result has the same length and the same offsets."""
    config = _config()
    text = article.text.translate(config.table)
    spans = list(_rule_spans(text, config.rules))
    spans.extend(_link_line_spans(text, config.link_share))
    spans.extend(_repeat_spans(text, config.repeat_min_chars))
    removed = _merge(text, spans)
    cleaned = _blank(text, removed)
    assert len(cleaned) == len(article.text), "cleaning must keep the text length"
    return CleanArticle(article=article, text=cleaned, removed=removed)


def _rule_spans(text: str, rules: Iterable[JunkRule]) -> Iterator[Removal]:
    # A substring test is far cheaper than a regex scan and most rules never fire.
    lowered = text.lower()
    for rule in rules:
        if rule.keywords and not any(k in lowered for k in rule.keywords):
            continue
        reason = f"{rule.name}: {rule.reason}"
        for match in rule.pattern.finditer(text):
            span = _extend(text, match, rule)
            if span is not None:
                yield Removal(span[0], span[1], reason)


def _extend(text: str, match: re.Match[str], rule: JunkRule) -> tuple[int, int] | None:
    """The span a match blanks, per the rule's extent; None when nothing should go."""
    start, end = match.span()
    if rule.extent == "match":
        return (start, end) if end > start else None
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if rule.extent == "line":
        line_start = text.rfind("\n", 0, start) + 1
        return (line_start, line_end) if line_end - line_start <= rule.max_chars else None
    if line_end - start <= rule.max_chars:
        return start, line_end
    return (start, end) if end > start else None


def _link_line_spans(text: str, share: float) -> Iterator[Removal]:
    """Lines made up mostly of URLs (link lists, embedded-tweet debris)."""
    for line in _LINE.finditer(text):
        urls = _URL.findall(line.group())
        if not urls:
            continue
        visible = sum(1 for ch in line.group() if not ch.isspace())
        if visible and sum(len(u) for u in urls) / visible >= share:
            yield Removal(line.start(), line.end(), "link-line: line of links")


def _repeat_spans(text: str, min_chars: int) -> Iterator[Removal]:
    """Second and later copies of a paragraph (line); the first copy is kept."""
    seen: set[str] = set()
    for line in _LINE.finditer(text):
        key = " ".join(line.group().split())
        if len(key) < min_chars:
            continue
        if key in seen:
            yield Removal(line.start(), line.end(), "repeated-paragraph: copy of an earlier one")
        else:
            seen.add(key)


def _merge(text: str, spans: list[Removal]) -> tuple[Removal, ...]:
    """Trim spans to visible characters and merge overlaps, keeping the earliest reason."""
    merged: list[Removal] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        start, end = span.start, span.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        if merged and start <= merged[-1].end:
            last = merged[-1]
            if end > last.end:
                merged[-1] = Removal(last.start, end, last.reason)
            continue
        merged.append(Removal(start, end, span.reason))
    return tuple(merged)


def _blank(text: str, removed: Iterable[Removal]) -> str:
    """Replace every character of the removed spans by a space, except newlines."""
    parts: list[str] = []
    pos = 0
    for span in removed:
        parts.append(text[pos : span.start])
        parts.append(_NOT_NEWLINE.sub(" ", text[span.start : span.end]))
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts)


@lru_cache(maxsize=1)
def _config() -> _JunkConfig:
    raw = read_yaml_mapping(package_data("junk_patterns.yaml"))
    return _JunkConfig(
        rules=tuple(_rule(entry) for entry in raw.get("rules", [])),
        table=_table(raw.get("normalise", {})),
        repeat_min_chars=int(raw.get("repeated_paragraph_min_chars", 20)),
        link_share=float(raw.get("link_line_share", 0.5)),
    )


def _rule(entry: Any) -> JunkRule:
    if not isinstance(entry, dict) or "name" not in entry or "pattern" not in entry:
        raise DataFileError(f"junk_patterns.yaml: each rule needs name and pattern: {entry!r}")
    name = str(entry["name"])
    unknown = set(entry) - _RULE_KEYS
    if unknown:
        raise DataFileError(f"junk_patterns.yaml: rule {name}: unknown keys {sorted(unknown)}")
    extent = entry.get("extent", "match")
    if extent not in _EXTENTS:
        raise DataFileError(f"junk_patterns.yaml: rule {name}: extent must be one of {_EXTENTS}")
    flags = re.MULTILINE | (re.IGNORECASE if entry.get("ignore_case") else 0)
    try:
        pattern = re.compile(str(entry["pattern"]), flags)
    except re.error as exc:
        raise DataFileError(f"junk_patterns.yaml: rule {name}: bad pattern ({exc})") from exc
    return JunkRule(
        name=name,
        reason=str(entry.get("reason", name)),
        pattern=pattern,
        extent=extent,
        max_chars=int(entry.get("max_chars", _DEFAULT_MAX_CHARS)),
        keywords=tuple(str(k).lower() for k in entry.get("keywords", ())),
    )


def _table(mapping: Any) -> dict[int, str]:
    """str.translate table; every replacement must be one character for one character."""
    if not isinstance(mapping, dict):
        raise DataFileError("junk_patterns.yaml: normalise must map characters to characters")
    table: dict[int, str] = {}
    for source, target in mapping.items():
        if len(str(source)) != 1 or len(str(target)) != 1:
            raise DataFileError(
                f"junk_patterns.yaml: normalise {source!r} -> {target!r} must be one character "
                "each, or offsets would shift"
            )
        table[ord(str(source))] = str(target)
    return table
