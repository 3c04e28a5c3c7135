from __future__ import annotations

from pathlib import Path

import pytest
from district import District


@pytest.fixture
def district(tmp_path: Path) -> District:
    return District(tmp_path)
