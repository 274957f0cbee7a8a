"""Reading the package's data files (and users' files of the same formats)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newsevents.errors import DataFileError


def package_data(name: str) -> Path:
    """A file under the package's data/ folder."""
    return Path(str(resources.files("newsevents").joinpath("data", name)))


def read_yaml_mapping(path: Path) -> dict[str, Any]:
    """A YAML file whose top level is a mapping; DataFileError naming the file otherwise."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: cannot read it as YAML ({exc}); fix the file") from exc
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: expected a mapping at the top level; fix the file")
    return data
