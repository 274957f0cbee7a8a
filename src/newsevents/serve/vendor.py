"""Where the page's third-party scripts, styles and map data are: npm packages installed
at set-up into web/node_modules (never copied into the repository, never from a CDN)."""

from __future__ import annotations

import os
from pathlib import Path

# URL prefix under /vendor/ → folder inside node_modules that is served (and nothing else).
VENDOR_DIRS = {
    "leaflet": "leaflet/dist",
    "markercluster": "leaflet.markercluster/dist",
    "topojson": "topojson-client/dist",
    "uplot": "uplot/dist",
    "world-atlas": "world-atlas",
}
ENV_VAR = "NEWSEVENTS_WEB_MODULES"


def find_node_modules(explicit: Path | None = None) -> Path | None:
    """The node_modules folder: the one given, $NEWSEVENTS_WEB_MODULES, the checkout's
    web/node_modules (for an editable install), or ./web/node_modules."""
    candidates = []
    if explicit is not None:
        candidates.append(explicit)
    if os.environ.get(ENV_VAR):
        candidates.append(Path(os.environ[ENV_VAR]))
    # src/newsevents/serve/vendor.py → the checkout root is three folders up from serve/.
    candidates.append(Path(__file__).resolve().parents[3] / "web" / "node_modules")
    candidates.append(Path.cwd() / "web" / "node_modules")
    for c in candidates:
        if (c / "leaflet").is_dir():
            return c
    return None


def missing_packages(node_modules: Path | None) -> list[str]:
    """Which vendor folders are absent (the page explains how to install them)."""
    if node_modules is None:
        return sorted(VENDOR_DIRS)
    return sorted(name for name, sub in VENDOR_DIRS.items() if not (node_modules / sub).is_dir())
