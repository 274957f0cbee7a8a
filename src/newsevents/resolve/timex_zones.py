"""UTC offsets of places, for reading a zoned publication time in local time."""

from __future__ import annotations

from functools import lru_cache

from newsevents.data_files import package_data, read_yaml_mapping
from newsevents.errors import DataFileError

__all__ = ["utc_offset"]


@lru_cache(maxsize=1)
def _offsets() -> dict[str, float]:
    path = package_data("utc_offsets.yaml")
    raw = read_yaml_mapping(path)
    try:
        return {str(k).upper(): float(v) for k, v in raw.items()}
    except (TypeError, ValueError) as exc:
        raise DataFileError(f"{path}: expected ISO3 code -> hours from UTC: {exc}") from exc


def utc_offset(iso3: str | None) -> float | None:
    """The standard offset from UTC in hours of a country with one time zone ("PAK" ->
    5.0); None for an unknown code or a country spanning several zones."""
    return _offsets().get(iso3.upper()) if iso3 else None
