"""Golden bad fixtures: each error class, with its exact `path:line:col: CODE message` output.

A case is tests/fixtures/golden/<case>/: files laid over the good base repository
(tests/fixtures/base), and expected.txt, the exact output of `filings check`.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CASES = sorted(p.name for p in (FIXTURES / "golden").iterdir() if p.is_dir())
AS_OF = "2025-12-01"


def lay_out(tmp_path: Path, case: str) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "base", root)
    shutil.copytree(FIXTURES / "golden" / case, root, dirs_exist_ok=True)
    (root / "expected.txt").unlink()
    return root


def test_base_is_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(FIXTURES / "base", tmp_path / "repo")
    assert main(["check", "--repo", str(tmp_path / "repo"), "--as-of", AS_OF]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = lay_out(tmp_path, case)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    code = main(["check", "--repo", str(root), "--as-of", AS_OF])
    out = capsys.readouterr().out
    expected = (FIXTURES / "golden" / case / "expected.txt").read_text(encoding="utf-8")
    assert out == expected
    assert code == (1 if expected else 0)
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before  # nothing is ever changed


def test_every_error_class_has_a_golden_case() -> None:
    seen = {line.split(": ", 1)[1].split(" ", 1)[0]
            for case in CASES
            for line in (FIXTURES / "golden" / case / "expected.txt").read_text(encoding="utf-8").splitlines()}
    wanted = {"E101", "E104", "E105", "E107", "E201", "E202", "E203", "E204", "E205", "E206", "E207",
              "E301", "E302", "E303", "E304", "E305", "E306", "E307", "E308", "E309", "E310", "E312", "E313",
              "E401", "E402", "E403", "E404", "E405", "E406", "E108", "E209", "E412"}
    assert wanted <= seen, wanted - seen
