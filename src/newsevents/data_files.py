"""Reading the package's data files (and users' files of the same formats)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newsevents.errors import DataFileError


def package_data(name: str) -> Path:
    """A file under the package's data/ folder."""
    return Path(str(resources.files("newsevents").joinpath("data", name)))


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key written twice in one mapping: YAML keeps the last
    silently, so a list added under a name already used elsewhere in a file (or a user's
    second entry for one name) would be lost without a word."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} is written twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_yaml_mapping(path: Path) -> dict[str, Any]:
    """A YAML file whose top level is a mapping, each key written once; DataFileError
    naming the file otherwise."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: cannot read it as YAML ({exc}); fix the file") from exc
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: expected a mapping at the top level; fix the file")
    return data


def word_set(data: Mapping[str, Any], key: str, path: Path) -> frozenset[str]:
    """The lower-cased words listed under `key`; DataFileError naming the file and key when
    the key is missing or not a list."""
    words = data.get(key)
    if not isinstance(words, list):
        raise DataFileError(f"{path}: '{key}' must be a list of words; add it")
    return frozenset(str(w).lower() for w in words)


@contextmanager
def as_data_errors(path: Path, what: str) -> Iterator[None]:
    """Turn the lookup, type and value errors of reading a loaded file's sections into a
    DataFileError naming the file, what it holds and the failure."""
    # The loaders index the parsed YAML directly; a missing section or a wrong shape shows
    # up as one of these, which alone would not say which file is wrong.
    try:
        yield
    except (LookupError, TypeError, ValueError, AttributeError) as exc:
        msg = f"{path}: malformed {what} ({type(exc).__name__}: {exc}); fix the file"
        raise DataFileError(msg) from exc
