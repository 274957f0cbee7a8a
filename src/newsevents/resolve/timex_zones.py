"""UTC offsets of places, for reading a zoned publication time in local time."""

from __future__ import annotations

from functools import lru_cache

import yaml

from newsevents.errors import DataFileError
from newsevents.resolve.timex_words import data_path

__all__ = ["utc_offset"]


@lru_cache(maxsize=1)
def _offsets() -> dict[str, float]:
    path = data_path("utc_offsets.yaml")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return {str(k).upper(): float(v) for k, v in raw.items()}
    except (OSError, yaml.YAMLError, AttributeError, TypeError, ValueError) as exc:
        raise DataFileError(f"{path}: expected ISO3 code -> hours from UTC: {exc}") from exc


def utc_offset(iso3: str | None) -> float | None:
    """The standard offset from UTC in hours of a country with one time zone ("PAK" ->
    5.0); None for an unknown code or a country spanning several zones."""
    return _offsets().get(iso3.upper()) if iso3 else None
