"""Without the site generator's libraries, build says what to install instead of a traceback."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from generator.cli import main


def test_missing_site_libraries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "jieba" else real(name, *a))
    assert main(["build", "--repo", str(tmp_path), "--as-of", "2026-11-29"]) == 2
    assert "缺少生成站点所需的库（jieba）" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()
