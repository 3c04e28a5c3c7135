"""`filings init`: a district's new repository is clean from the first commit and nothing is overwritten."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main


def test_init_makes_a_clean_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--repo", str(tmp_path), "--district", "某某经济开发区", "--chief", "张三"]) == 0
    assert "辖区: 某某经济开发区" in (tmp_path / "filings" / "registry.yml").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--repo", str(tmp_path), "--as-of", "2026-10-01", "--format", "json"]) == 0
    assert '"errors": 0' in capsys.readouterr().out
    assert main(["new", "立项申请", "--dept", "ZHB", "--repo", str(tmp_path), "--as-of", "2026-10-01"]) == 0


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "README.md").write_text("我们自己的说明", encoding="utf-8")
    assert main(["init", "--repo", str(tmp_path), "--district", "某县", "--chief", "张三"]) == 2
    assert "README.md" in capsys.readouterr().err
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "我们自己的说明"
    assert not (tmp_path / "filings").exists()
