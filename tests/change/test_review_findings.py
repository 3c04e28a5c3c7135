"""review splits findings by what the change does, also across projects (重复采集, F262)."""
from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "engine"))
from district import District  # noqa: E402

from generator.cli import main  # noqa: E402

OTHER = "2025-XYZ-01"


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=测试", "-c", "user.email=t@example.cn", *args], cwd=root,
                   check=True, capture_output=True)


def review(root: Path) -> dict:  # type: ignore[type-arg]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["review", "--repo", str(root), "--base", "main", "--as-of", "2025-12-01", "--format", "json"]) == 0
    return json.loads(out.getvalue())


def codes(items: list[dict]) -> list[str]:  # type: ignore[type-arg]
    return sorted(p["code"] for p in items)


def test_a_duplicate_collection_the_change_brings_is_introduced(tmp_path: Path) -> None:
    d = District(tmp_path)
    d.project()
    d.project(OTHER)
    d.add("信息资源目录", 填报日期="2025-10-20")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "基准")
    d.add("信息资源目录", OTHER, 填报日期="2025-11-28")
    found = review(tmp_path)["findings"]
    assert "F262" in codes(found["introduced"]) and "F262" not in codes(found["present_at_base"])


def test_a_duplicate_already_on_main_is_not_introduced_by_an_unrelated_change(tmp_path: Path) -> None:
    d = District(tmp_path)
    d.project()
    d.project(OTHER)
    d.add("信息资源目录", 填报日期="2025-10-20")
    d.add("信息资源目录", OTHER, 填报日期="2025-11-05")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "基准")
    d.add("合同备案", 签订日期="2025-11-26", 填报日期="2025-11-28")  # a change to the first project only
    found = review(tmp_path)["findings"]
    assert "F262" not in codes(found["introduced"]) + codes(found["resolved"])
    assert codes(found["introduced"]) == []  # the timely contract brings nothing
