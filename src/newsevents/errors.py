"""Every exception newsevents raises, in one tree.

NewsEventsError
├── InputError          an input cannot be read (path, reason and fix in the message)
├── DataFileError       a bundled or user data file (lexicon, gazetteer) is invalid
├── StoreError          the database file cannot be opened or written
└── UsageError          a bad option value given by the user
"""

from __future__ import annotations


class NewsEventsError(Exception):
    """Base of all newsevents errors."""


class InputError(NewsEventsError):
    """An input file or record cannot be read; the message names it and the fix."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class NotUtf8Error(NewsEventsError):
    """Bytes that do not decode as UTF-8, with the absolute byte offset where they fail."""

    def __init__(self, offset: int, sample: bytes) -> None:
        super().__init__(f"not valid UTF-8 at byte {offset}")
        self.offset = offset
        self.sample = sample


class DataFileError(NewsEventsError):
    """A data file (taxonomy, lexicon, actor dictionary, gazetteer) is malformed."""


class StoreError(NewsEventsError):
    """The event store cannot be opened, read or written."""


class UsageError(NewsEventsError):
    """An option or argument has a value that cannot be used."""
