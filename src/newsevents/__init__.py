"""newsevents: conflict event data from raw news articles.

    >>> import newsevents
    >>> events = newsevents.extract(text, published="2019-03-23")

Heavy parts (spaCy, the gazetteer) load on first use, not on import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Event", "__version__", "extract", "extract_articles", "ingest"]

if TYPE_CHECKING:
    from newsevents.pipeline import extract_articles, ingest
    from newsevents.pipeline import extract_text as extract
    from newsevents.records import Event


def __getattr__(name: str) -> Any:
    if name == "extract":
        from newsevents.pipeline import extract_text

        return extract_text
    if name in ("extract_articles", "ingest"):
        from newsevents import pipeline

        return getattr(pipeline, name)
    if name == "Event":
        from newsevents.records import Event

        return Event
    raise AttributeError(f"module 'newsevents' has no attribute {name!r}")
