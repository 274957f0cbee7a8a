"""The place index behind `newsevents.resolve.places`, gathered in one import.

The work is split by job:
- `place_names`: normalised name keys, article-less keys and transliteration skeletons;
- `place_words`: the word lists of place_words.yaml;
- `place_index`: the in-memory index (parallel row arrays, key dicts) and its builder;
- `supplement`: the supplementary gazetteer CSV (reading, writing);
- `gazetteer_build`: building the index from GeoNames data pip installs and the CSVs;
- `gazetteer_cache`: the pickled on-disk cache and `load_or_build`;
- `ucdp_places`: conflict villages derived from UCDP GED for the supplement.
"""

from __future__ import annotations

from newsevents.resolve.gazetteer_build import build_index, geonames_version
from newsevents.resolve.gazetteer_cache import cache_file, default_cache_dir, load_or_build
from newsevents.resolve.place_index import (
    AREA_FEATURES,
    FEATURES,
    FORMAT_VERSION,
    NO_COUNTRY,
    SRC_CONFLICT,
    SRC_GEONAMES,
    SRC_NEWS_NAMED,
    SRC_SUPPLEMENT,
    Keyed,
    PlaceIndex,
    representative_point,
)
from newsevents.resolve.place_names import (
    SKELETON_MIN_LENGTH,
    bare_key,
    display_name,
    fold,
    is_abbreviation,
    name_key,
    skeleton,
    usable_alternate,
)
from newsevents.resolve.place_words import (
    PlaceWords,
    place_words_path,
    read_place_words,
    strip_admin1_affixes,
)
from newsevents.resolve.supplement import (
    SUPPLEMENT_COLUMNS,
    SupplementRow,
    read_supplement,
    supplement_path,
    write_supplement,
)
from newsevents.resolve.ucdp_places import (
    derive_ucdp_rows,
    parse_ucdp_place,
    refresh_ucdp_supplement,
)

__all__ = [
    "AREA_FEATURES",
    "FEATURES",
    "FORMAT_VERSION",
    "NO_COUNTRY",
    "SKELETON_MIN_LENGTH",
    "SRC_CONFLICT",
    "SRC_GEONAMES",
    "SRC_NEWS_NAMED",
    "SRC_SUPPLEMENT",
    "SUPPLEMENT_COLUMNS",
    "Keyed",
    "PlaceIndex",
    "PlaceWords",
    "SupplementRow",
    "bare_key",
    "build_index",
    "cache_file",
    "default_cache_dir",
    "derive_ucdp_rows",
    "display_name",
    "fold",
    "geonames_version",
    "is_abbreviation",
    "load_or_build",
    "name_key",
    "parse_ucdp_place",
    "place_words_path",
    "read_place_words",
    "read_supplement",
    "refresh_ucdp_supplement",
    "representative_point",
    "skeleton",
    "strip_admin1_affixes",
    "supplement_path",
    "usable_alternate",
    "write_supplement",
]
