"""generator/change/git.py: per-file history and entry dates, one git command each."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import git
import pytest
from helpers import APP, CST, PROJECT, application, commit, init, review, run_git, write

from generator.change.git import Change, Entry, entry_dates, file_history, last_updated


def test_file_history_per_file_newest_first(tmp_path: Path) -> None:
    top = tmp_path / "政务数据"
    root = init(top, {APP: application()}, sub="备案库")
    first = run_git(top, "rev-parse", "--short", "HEAD").strip()
    write(root, f"{PROJECT}/评审意见.md", review())
    second = commit(top, "评审意见：通过", author="周立群", email="zhou@example.cn", date="2025-02-03T09:30:00+08:00")
    write(root, APP, application(name="高新区智慧养老综合服务平台"))
    write(root, "README.md", "不在 filings 下")
    third = commit(top, "更正项目名称", author="李娜", email="lina@example.cn", date="2025-03-04T16:00:00+08:00")

    history = file_history(root)
    first_change = Change(first, "张三", "zhangsan@example.cn", dt.datetime(2025, 1, 2, 10, tzinfo=CST), "初始备案")
    assert history == {
        APP: [Change(third, "李娜", "lina@example.cn", dt.datetime(2025, 3, 4, 16, tzinfo=CST), "更正项目名称"),
              first_change],
        f"{PROJECT}/评审意见.md": [
            Change(second, "周立群", "zhou@example.cn", dt.datetime(2025, 2, 3, 9, 30, tzinfo=CST), "评审意见：通过")],
        "filings/registry.yml": [first_change],
    }
    assert file_history(root, [APP]) == {APP: history[APP]}
    assert last_updated(root) == {APP: dt.date(2025, 3, 4), f"{PROJECT}/评审意见.md": dt.date(2025, 2, 3),
                                  "filings/registry.yml": dt.date(2025, 1, 2)}


def test_entry_dates_follow_the_first_parent_and_come_from_one_git_log(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A filing committed on a branch on 03-01 enters main when the branch is merged on 03-10."""
    root = init(tmp_path / "仓库", {APP: application()})
    run_git(root, "checkout", "-q", "-b", "合同")
    write(root, f"{PROJECT}/合同备案.md", "合同\n")
    commit(root, "合同备案", date="2025-03-01T09:00:00+08:00")
    run_git(root, "checkout", "-q", "main")
    run_git(root, "merge", "-q", "--no-ff", "合同", "-m", "合并：合同备案", date="2025-03-10T17:00:00+08:00")
    write(root, f"{PROJECT}/评审意见.md", review())  # in the work tree only: not entered yet
    calls: list[object] = []
    real = git.Git.execute

    def counting(self: git.Git, command: object, *args: object, **kwargs: object) -> object:
        calls.append(command)
        return real(self, command, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(git.Git, "execute", counting)
    found = entry_dates(root)
    assert [c for c in calls if "log" in c] == [calls[-1]] and len(calls) <= 2  # one log; maybe one HEAD lookup
    assert found is not None
    assert {p: e.date for p, e in found.items()} == {
        "filings/registry.yml": dt.date(2025, 1, 2), APP: dt.date(2025, 1, 2),
        f"{PROJECT}/合同备案.md": dt.date(2025, 3, 10)}
    assert isinstance(found[APP], Entry) and len(found[APP].commit) == 40


def test_a_file_deleted_and_added_again_keeps_its_first_entry(tmp_path: Path) -> None:
    root = init(tmp_path / "仓库", {APP: application()})
    (root / APP).unlink()
    commit(root, "误删", date="2025-02-01T08:00:00+08:00")
    write(root, APP, application())
    commit(root, "恢复", date="2025-02-02T08:00:00+08:00")
    found = entry_dates(root)
    assert found is not None and found[APP].date == dt.date(2025, 1, 2)


def test_no_history_outside_git_or_before_the_first_commit(tmp_path: Path) -> None:
    write(tmp_path / "无仓库", APP, application())
    assert file_history(tmp_path / "无仓库") == {}
    assert last_updated(tmp_path / "无仓库") == {}
    assert entry_dates(tmp_path / "无仓库") is None  # a tarball: the caller says so once
    run_git(tmp_path / "无仓库", "init", "-q", "-b", "main")
    assert file_history(tmp_path / "无仓库") == {}
    assert entry_dates(tmp_path / "无仓库") is None
    assert file_history(tmp_path / "不存在") == {}


def test_a_shallow_clone_has_no_entry_dates_and_its_missing_base_is_a_usage_error(tmp_path: Path) -> None:
    from generator.change import HistoryError, read_base

    root = init(tmp_path / "仓库", {APP: application()})
    write(root, f"{PROJECT}/评审意见.md", review())
    commit(root, "评审意见", date="2025-02-03T09:30:00+08:00")
    clone = tmp_path / "浅克隆"
    run_git(tmp_path, "clone", "-q", "--depth", "1", f"file://{root}", str(clone))
    assert entry_dates(clone) is None
    with pytest.raises(HistoryError, match="浅克隆"):
        read_base(clone, "HEAD~1")
