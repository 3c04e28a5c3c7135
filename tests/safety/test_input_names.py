"""File names with control characters are refused and shown escaped, one line per problem (item 9)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from input_repo import APP, AS_OF, check, make_repo, run


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


@pytest.mark.parametrize("name, shown", [
    ("合同备案\n-2025.md", "合同备案\\n-2025.md"),
    ("合同备案\x08.md", "合同备案\\x08.md"),
    ("合同\t备案.md", "合同\\t备案.md"),
    ("合同备案\u202e dm.pdf", "合同备案\\u202e dm.pdf"),
    ("\x1b[31m红色.md", "\\x1b[31m红色.md"),
])
def test_bad_file_names_are_refused_on_one_line(repo: Path, name: str, shown: str) -> None:
    (repo / "filings/2025-SHSY-01" / name).write_bytes((repo / APP).read_bytes())
    status, out = check(repo)
    assert status == 1
    assert out == f"filings/2025-SHSY-01/{shown}: E408 " + out.split(" E408 ", 1)[1]
    assert out.count("\n") == 1


def test_a_folder_name_with_a_newline_is_refused_and_not_entered(repo: Path) -> None:
    (repo / "filings/2025-SHSY-01").rename(repo / "filings/2025-SHSY\n-01")
    status, out = check(repo)
    assert status == 1
    assert out.startswith("filings/2025-SHSY\\n-01: E408")
    assert "立项申请.md" not in out


def test_a_name_that_is_not_utf8_is_escaped_in_text_and_json(repo: Path) -> None:
    bad = os.fsencode(str(repo / "filings/2025-SHSY-01")) + b"/\xff\xfe.md"
    with open(bad, "wb") as out:
        out.write(b"---\n")
    status, out = check(repo)
    assert status == 1 and "\\udcff\\udcfe.md: E408" in out
    status, text, _ = run("check", "--repo", str(repo), "--as-of", AS_OF, "--format", "json")
    problems = json.loads(text)["problems"]
    assert status == 1 and problems[0]["path"].endswith("\\udcff\\udcfe.md") and problems[0]["code"] == "E408"
