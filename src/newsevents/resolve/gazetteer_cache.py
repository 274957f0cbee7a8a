"""The on-disk cache of the built place index: one pickle per installed GeoNames version
and data-file content, written atomically, rebuilt when missing, stale or unreadable."""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import tempfile
import time
from pathlib import Path

from newsevents.errors import DataFileError
from newsevents.resolve.gazetteer_build import build_index, geonames_version
from newsevents.resolve.place_index import FORMAT_VERSION, PlaceIndex
from newsevents.resolve.place_words import place_words_path
from newsevents.resolve.supplement import supplement_path
from newsevents.resolve.translit import translit_path

log = logging.getLogger(__name__)


def default_cache_dir() -> Path:
    """`$NEWSEVENTS_CACHE`, else ~/.cache/newsevents."""
    env = os.environ.get("NEWSEVENTS_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "newsevents"


def cache_file(
    cache_dir: Path, extra_csv: Path | None = None, cities_json: Path | None = None
) -> Path:
    """The cache file for the installed GeoNames version and the current data files."""
    digest = hashlib.sha256(f"format {FORMAT_VERSION}\n".encode())
    for path in (supplement_path(), place_words_path(), translit_path(), extra_csv, cities_json):
        if path is not None:
            try:
                digest.update(path.read_bytes())
            except OSError as exc:
                raise DataFileError(f"{path}: cannot read gazetteer data ({exc})") from exc
    return cache_dir / f"gazetteer-{geonames_version()}-{digest.hexdigest()[:16]}.pickle"


def load_or_build(
    cache_dir: Path | None = None,
    extra_csv: Path | None = None,
    cities_json: Path | None = None,
) -> PlaceIndex:
    """Load the cached index, building and caching it first when missing or stale."""
    target = cache_file(cache_dir or default_cache_dir(), extra_csv, cities_json)
    if target.exists():
        try:
            with target.open("rb") as fh:
                index = pickle.load(fh)
            if isinstance(index, PlaceIndex) and index.format_version == FORMAT_VERSION:
                return index
        # ImportError: a cache pickled by another build of the package, whose classes
        # lived in modules this one lacks; like any unreadable cache, it is rebuilt.
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
            log.warning("rebuilding unreadable gazetteer cache %s (%s)", target, exc)
    started = time.perf_counter()
    index = build_index(extra_csv, cities_json=cities_json)
    log.info("built gazetteer index in %.1f s", time.perf_counter() - started)
    _write_atomically(target, index)
    return index


def freeze_loaded() -> None:
    """Put every object alive now (a loaded index among them) out of the cyclic garbage
    collector's reach for good. The index lives as long as the process; walking it and
    the modules loaded with it again at every full collection cost lookups a tenth of
    their time. Objects frozen are still freed when their last reference goes."""
    gc.freeze()


def _write_atomically(target: Path, index: PlaceIndex) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError as exc:
        # An unwritable cache only costs a rebuild next time; the index is still usable.
        log.warning("cannot write gazetteer cache %s (%s)", target, exc)
