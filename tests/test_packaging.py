"""An installed wheel (what a district's pre-commit hook or `pip install` gets) carries its templates."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator.schema.types import FILING_TYPES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out),
                    str(ROOT)], check=True, capture_output=True)
    (found,) = out.glob("*.whl")
    return found


def test_wheel_carries_templates_docs_and_config(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for type_name in FILING_TYPES:
        assert f"generator/_data/templates/filings/{type_name}.md" in names
    assert "generator/_data/mkdocs.yml" in names
    assert "generator/_data/templates/site/home.md.j2" in names
    assert "generator/_data/docs/填报指南.md" in names
    assert "generator/publish/assets/iframe-worker/shim.js" in names


def test_installed_package_starts_a_district_and_a_filing(wheel: Path, tmp_path: Path) -> None:
    unpacked = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(unpacked)
    district = tmp_path / "某县备案库"
    env = {**os.environ, "PYTHONPATH": str(unpacked)}

    def filings(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "generator", *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True)

    assert filings("init", "--repo", str(district), "--district", "某县", "--chief", "张三").returncode == 0
    made = filings("new", "立项申请", "--dept", "ZHB", "--repo", str(district), "--as-of", "2026-10-09")
    assert made.returncode == 0, made.stderr
    text = (district / "filings" / "2027-ZHB-01" / "立项申请.md").read_text(encoding="utf-8")
    assert "## 建设方案" in text and "【待填写" in text
    probe = subprocess.run(
        [sys.executable, "-c", "import generator.templates as t; print(t.ROOT)"], cwd=tmp_path, env=env,
        capture_output=True, text=True)
    assert Path(probe.stdout.strip()) == unpacked / "generator" / "_data"
