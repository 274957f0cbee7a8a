import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_1160085869670d29.txt"


@pytest.fixture
def shared_dir() -> Path:
    """The ../shared folder; tests that need it skip with a clear message when absent."""
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared data folder at {SHARED} (CI has it)")
    return SHARED
