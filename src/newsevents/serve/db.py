"""Read-only access to the store for the web server: one short connection per request.

DuckDB lets one process hold a file for writing, and while it does no other process can
open it, not even to read. `newsevents ingest` lets go of the file between batches
(Store.release), so the server opens the file read-only for each request, retrying with
backoff while a batch is being written, and closes it before answering: the server never
keeps the writer out for longer than one query. Answers are cached per version of the
file (its size and modification time), so a page reload after an ingest sees new events
and repeated queries between ingests cost no database work.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from newsevents.errors import StoreError
from newsevents.store import open_database

T = TypeVar("T")
# Seconds a request waits for an ingest batch to finish writing before it fails with 503.
READ_WAIT = 20.0
_CACHE_SIZE = 512


class DatabaseMissing(StoreError):
    """The store file does not exist (yet)."""


class Reader:
    """Opens the store read-only per request and caches answers per file version."""

    def __init__(self, path: Path, wait: float = READ_WAIT) -> None:
        self.path = path
        self.wait = wait
        self._cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def version(self) -> tuple[int, ...]:
        """Size and mtime of the file and its write-ahead log: they change with every batch."""
        out: list[int] = []
        for p in (self.path, Path(f"{self.path}.wal")):
            try:
                st = p.stat()
            except FileNotFoundError:
                out += [0, 0]
            else:
                out += [st.st_size, st.st_mtime_ns]
        return tuple(out)

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection for one request, closed at the end of the block."""
        if not self.path.exists():
            raise DatabaseMissing(
                f"{self.path}: no such database yet; run `newsevents ingest PATH --db "
                f"{self.path}` (the server shows its events as soon as they are written)"
            )
        con = open_database(self.path, read_only=True, wait=self.wait)
        try:
            yield con
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: a query failed: {exc}") from exc
        finally:
            con.close()

    def cached(self, key: tuple[Any, ...], compute: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """`compute(con)`'s answer for this key at the file's current version."""
        full = (self.version(), *key)
        with self._lock:
            if full in self._cache:
                self._cache.move_to_end(full)
                return self._cache[full]  # type: ignore[no-any-return]
        with self.connect() as con:
            value = compute(con)
        with self._lock:
            self._cache[full] = value
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return value
