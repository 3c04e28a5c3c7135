"""The check-result cache (generator/cache.py): same answers as without it, whatever happens
to the files, the branches or the cache itself. Real git repositories, the real CLI."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator import cache
from generator.cli import main

DEMO = Path(__file__).resolve().parent.parent / "filings"
AS_OF = "2026-11-30"
APP = "filings/2026-SHSY-01/立项申请.md"  # an O&M project: its findings need its 前序项目
CONTRACT = "filings/2024-AJB-01/合同备案-2024-03.md"


def git(root: Path, *args: str) -> str:
    env_args = ["-c", "user.name=测试", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *env_args, *args], cwd=root, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "district"
    shutil.copytree(DEMO, root / "filings")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "演示辖区")
    return root


def check(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str]:
    code = main(["check", "--repo", str(root), "--as-of", AS_OF, *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def cache_dir(root: Path) -> Path:
    return root / ".git" / cache.FOLDER


def shards(root: Path) -> list[Path]:
    return sorted(cache_dir(root).glob("*/*.pickle"))


def test_git_blob_id_is_gits(repo: Path) -> None:
    path = repo / APP
    expected = git(repo, "hash-object", APP).strip()
    assert cache.git_blob_id(path.read_bytes()) == expected
    assert cache.blob_ids(repo)[APP] == expected


def test_blob_ids_leave_out_what_differs_from_the_index(repo: Path) -> None:
    (repo / APP).write_text((repo / APP).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (repo / "filings" / "2026-SHSY-01" / "新文件.md").write_text("x", encoding="utf-8")
    ids = cache.blob_ids(repo)
    assert APP not in ids
    assert "filings/2026-SHSY-01/新文件.md" not in ids
    assert CONTRACT in ids


def test_cached_check_prints_what_an_uncached_one_prints(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for as_of in ("2024-01-01", "2025-06-30", AS_OF):  # early days make E207 fire on cached files
        expected = check(capsys, repo, "--no-cache", "--as-of", as_of)
        assert check(capsys, repo, "--as-of", as_of) == expected  # cold: fills the cache
        assert check(capsys, repo, "--as-of", as_of) == expected  # warm
    assert shards(repo)
    assert git(repo, "status", "--porcelain") == ""  # inside .git/, never committed


def test_path_limited_check_matches_the_full_check(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, full = check(capsys, repo, "--no-cache")
    for path in (APP, CONTRACT, "filings/2023-SHSY-01"):
        lines = [line for line in full.splitlines() if line.startswith(path)]
        for args in (("--no-cache",), (), ()):
            _, out = check(capsys, repo, str(repo / path), *args)
            assert [line for line in out.splitlines() if line.startswith("filings/")] == lines


def test_edits_are_seen(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(capsys, repo)[0] == 0
    original = (repo / CONTRACT).read_text(encoding="utf-8")
    (repo / CONTRACT).write_text(original.replace("合同金额: ", "合同金额: 六十", 1), encoding="utf-8")
    code, out = check(capsys, repo, str(repo / CONTRACT), "--base", "HEAD")
    assert code == 1 and f"{CONTRACT}:" in out and "E205" in out
    (repo / CONTRACT).write_text(original, encoding="utf-8")
    assert check(capsys, repo, str(repo / CONTRACT), "--base", "HEAD")[0] == 0


def test_branch_switch_and_rebase(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "checkout", "-q", "-b", "broken")
    path = repo / CONTRACT
    path.write_text(path.read_text(encoding="utf-8").replace("填报单位: ", "填报单位: NOPE", 1), encoding="utf-8")
    git(repo, "commit", "-qam", "坏的备案")
    assert "E403" in check(capsys, repo)[1]
    git(repo, "checkout", "-q", "main")
    assert check(capsys, repo)[0] == 0
    git(repo, "checkout", "-q", "broken")
    git(repo, "rebase", "-q", "main")
    assert "E403" in check(capsys, repo, str(path), "--base", "main")[1]


def test_attachments_and_registry_are_part_of_the_key(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(capsys, repo)[0] == 0
    attachments = sorted((repo / "filings").glob("*/附件/*"))
    linked = next(a for a in attachments if any(a.name in p.read_text(encoding="utf-8")
                                                 for p in a.parent.parent.glob("*.md")))
    linked.unlink()
    assert "E308" in check(capsys, repo)[1]
    registry = repo / "filings" / "registry.yml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("代码: AJB", "代码: AJX"), encoding="utf-8")
    assert "E403" in check(capsys, repo)[1]


@pytest.mark.parametrize("damage", ["garbage", "truncate", "empty", "delete"])
def test_a_damaged_cache_is_rebuilt(repo: Path, capsys: pytest.CaptureFixture[str], damage: str) -> None:
    expected = check(capsys, repo, "--no-cache")
    assert check(capsys, repo) == expected
    for shard in shards(repo):
        data = shard.read_bytes()
        if damage == "garbage":
            shard.write_bytes(data[: len(cache.MAGIC)] + b"\x80\x05garbage" * 50)
        elif damage == "truncate":
            shard.write_bytes(data[: len(data) // 2])
        elif damage == "empty":
            shard.write_bytes(b"")
    if damage == "delete":
        shutil.rmtree(cache_dir(repo))
    assert check(capsys, repo) == expected
    assert check(capsys, repo) == expected
    assert all(s.read_bytes().startswith(cache.MAGIC) for s in shards(repo))


def test_a_damaged_entry_is_a_miss(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = check(capsys, repo, "--no-cache")
    check(capsys, repo)
    version = shards(repo)[0].parent.name
    store = cache.FilingCache(cache_dir(repo), version)
    for shard in shards(repo):
        for key in store._shard(shard.stem):
            store._shard(shard.stem)[key] = b"\x80\x05not a pickle"
        store._dirty.add(shard.stem)
    store.save()
    assert check(capsys, repo) == expected


def test_cache_dir_option_and_environment(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = tmp_path / "elsewhere"
    check(capsys, repo, "--cache-dir", str(chosen))
    assert list(chosen.glob("*/*.pickle")) and not cache_dir(repo).exists()
    monkeypatch.setenv(cache.ENV, str(tmp_path / "env"))
    check(capsys, repo)
    assert list((tmp_path / "env").glob("*/*.pickle")) and not cache_dir(repo).exists()


def test_no_cache_outside_git(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "plain"
    shutil.copytree(DEMO, root / "filings")
    assert check(capsys, root)[0] == 0
    assert sorted(p.name for p in root.iterdir()) == ["filings"]


def test_foreign_header_is_ignored(tmp_path: Path) -> None:
    store = cache.FilingCache(tmp_path, "v1" * 16)
    store.put("ab" + "0" * 38, {"x": 1})
    store.save()
    assert cache.FilingCache(tmp_path, "v1" * 16).get("ab" + "0" * 38) == {"x": 1}
    other = cache.FilingCache(tmp_path, "v2" * 16)
    assert other.get("ab" + "0" * 38) is None
    other.put("cd" + "0" * 38, 1)
    other.save()
    assert not (tmp_path / ("v1" * 16)).exists()  # an old checker's shards are dropped


def test_worker_processes_give_the_same_answers(repo: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import repository

    monkeypatch.setattr(repository, "PARALLEL_MIN", 1)
    monkeypatch.setattr(repository, "PARALLEL_CHUNK", 7)
    monkeypatch.setattr(repository.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    for as_of in ("2024-01-01", AS_OF):
        expected = check(capsys, repo, "--no-cache", "--as-of", as_of)
        shutil.rmtree(cache_dir(repo), ignore_errors=True)
        assert check(capsys, repo, "--as-of", as_of) == expected  # cold: checked by the workers
        assert check(capsys, repo, "--as-of", as_of) == expected  # warm
        _, full = expected
        lines = [line for line in full.splitlines() if line.startswith(APP)]
        shutil.rmtree(cache_dir(repo))
        _, out = check(capsys, repo, str(repo / APP), "--base", "HEAD", "--as-of", as_of)
        assert [line for line in out.splitlines() if line.startswith("filings/")] == lines


# --- the cross index: every other project's CrossFacts (engine/cross.py), keyed by git tree id ---

STALE = "filings/2024-JSB-01/信息资源目录.md"  # its 建筑起重机械安全监测报警信息 is stale (F263) on AS_OF
OTHER = "filings/2025-XYZ-01/信息资源目录.md"  # another project, whose catalog will update the same resource


def _lines(out: str, path: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(path)]


def _update_elsewhere(repo: Path) -> None:
    """OTHER collects JSB's stale resource again (a duplicate, F262), which also updates it (no F263 for JSB)."""
    text = (repo / STALE).read_text(encoding="utf-8")
    start = text.index("  - 名称: 建筑起重机械安全监测报警信息")
    end = text.index("  - 名称: ", start + 10)
    item = text[start:end].replace("归集日期: 2025-07-16", "归集日期: 2026-11-25")
    other = (repo / OTHER).read_text(encoding="utf-8")
    at = other.index("  - 名称: ")
    (repo / OTHER).write_text(other[:at] + item + other[at:], encoding="utf-8")


def test_scoped_check_follows_other_projects_through_the_cross_index(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, before = check(capsys, repo, "--no-cache")
    assert any("F263" in line and "建筑起重机械" in line for line in _lines(before, STALE))
    check(capsys, repo)  # a full check fills the cross index
    assert (next(cache_dir(repo).glob("*/")) / cache.CrossIndex.NAME).is_file()
    _, out = check(capsys, repo, str(repo / STALE), "--base", "HEAD")
    assert _lines(out, STALE) == _lines(before, STALE)

    git(repo, "checkout", "-q", "-b", "elsewhere")
    _update_elsewhere(repo)
    # unstaged, staged, then committed on a branch: the scoped check sees OTHER as the full check does
    for step in ("edit", "add", "commit"):
        if step == "add":
            git(repo, "add", OTHER)
        elif step == "commit":
            git(repo, "commit", "-qm", "另一个项目更新了同一资源")
        _, after = check(capsys, repo, "--no-cache")
        assert not any("建筑起重机械" in line and "F263" in line for line in _lines(after, STALE))
        assert any("F262" in line for line in _lines(after, OTHER))
        for args in ((), ("--base", "main")):
            _, out = check(capsys, repo, str(repo / STALE), *args)
            assert _lines(out, STALE) == _lines(after, STALE), step

    git(repo, "checkout", "-q", "main")  # the index entry for OTHER is refreshed back
    _, out = check(capsys, repo, str(repo / STALE), "--base", "HEAD")
    assert _lines(out, STALE) == _lines(before, STALE)


def test_a_damaged_cross_index_is_rebuilt(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, full = check(capsys, repo, "--no-cache")
    check(capsys, repo)
    index = next(cache_dir(repo).glob(f"*/{cache.CrossIndex.NAME}"))
    for damage in (b"", index.read_bytes()[: index.stat().st_size // 2], b"\x80\x05garbage"):
        index.write_bytes(damage)
        _, out = check(capsys, repo, str(repo / STALE), "--base", "HEAD")
        assert _lines(out, STALE) == _lines(full, STALE)


def test_an_untracked_folder_elsewhere_is_read_not_indexed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder git does not know is read from the work tree each time, never kept under a tree id."""
    check(capsys, repo)
    shutil.copytree(repo / "filings" / "2025-XYZ-01", repo / "filings" / "2025-XYZ-02")
    copy = repo / "filings" / "2025-XYZ-02" / "信息资源目录.md"
    copy.write_text(copy.read_text(encoding="utf-8").replace("2025-XYZ-01", "2025-XYZ-02"), encoding="utf-8")
    _, full = check(capsys, repo, "--no-cache")
    _, out = check(capsys, repo, str(repo / OTHER))
    assert _lines(out, OTHER) == _lines(full, OTHER)
    assert any("F262" in line for line in _lines(full, "filings/2025-XYZ-02/"))


def test_scoped_check_reads_the_whole_department(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """F223 (第二十二条) compares a new application with every other project of its 建设单位: a
    path-limited check reads them in full, so it finds what the full check finds."""
    new = "filings/2027-JSB-01/立项申请.md"
    xyz = (repo / OTHER).read_text(encoding="utf-8")
    start = xyz.index("  - 名称: 高新区镇（乡）网格划分边界数据")
    end = xyz.index("  - 名称: ", start + 10)
    (repo / OTHER).write_text(xyz.replace("归集日期: 2026-10-20", "归集日期: 2026-01-05", 1), encoding="utf-8")
    item = xyz[start:end].replace("归集日期: 2026-10-20", "归集日期: 2026-02-01")
    jsb = (repo / STALE).read_text(encoding="utf-8")
    at = jsb.index("  - 名称: ")
    (repo / STALE).write_text(jsb[:at] + item + jsb[at:], encoding="utf-8")  # 2024-JSB-01 collects it again
    git(repo, "commit", "-qam", "重复采集")
    _, full = check(capsys, repo, "--no-cache")
    assert any("F223" in line for line in _lines(full, new))
    check(capsys, repo)
    for args in (("--no-cache",), (), ("--base", "HEAD")):
        _, out = check(capsys, repo, str(repo / new), *args)
        assert _lines(out, new) == _lines(full, new)


def test_an_untracked_file_in_a_tracked_folder_is_never_indexed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder with a file git does not track is not HEAD's: what the scan saw there is not kept
    under the folder's tree id (else it would outlive the file)."""
    _, before = check(capsys, repo, "--no-cache")
    text = (repo / STALE).read_text(encoding="utf-8")
    start = text.index("  - 名称: 建筑起重机械安全监测报警信息")
    item = text[start:text.index("  - 名称: ", start + 10)].replace("归集日期: 2025-07-16", "归集日期: 2026-11-25")
    other = (repo / OTHER).read_text(encoding="utf-8")
    at = other.index("  - 名称: ")
    loose = repo / "filings" / "2025-XYZ-01" / "信息资源目录-补充.md"
    loose.write_text(other[:at] + item + other[at:], encoding="utf-8")
    _, during = check(capsys, repo, "--no-cache")
    assert _lines(during, STALE) != _lines(before, STALE)  # the untracked catalog updates JSB's resource
    assert _lines(check(capsys, repo)[1], STALE) == _lines(during, STALE)  # a full check, index written
    loose.unlink()
    _, out = check(capsys, repo, str(repo / STALE), "--base", "HEAD")
    assert _lines(out, STALE) == _lines(before, STALE)


def test_the_chain_is_followed_through_a_project_of_the_same_department(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """2026-SHSY-01 (O&M) → 2023-SHSY-01, made O&M of 2024-AJB-01 here: the scoped check reads the
    whole chain, though its middle link is also read as a project of the same 建设单位."""
    middle = repo / "filings" / "2023-SHSY-01" / "立项申请.md"
    text = middle.read_text(encoding="utf-8")
    middle.write_text(text.replace("项目类别: 新建", "项目类别: 运维服务\n前序项目: 2024-AJB-01", 1), encoding="utf-8")
    git(repo, "commit", "-qam", "前序项目链")
    _, full = check(capsys, repo, "--no-cache")
    assert not any("F222" in line for line in _lines(full, APP))  # eligible through 2024-AJB-01, at the chain's end
    check(capsys, repo)
    for args in ((), ("--base", "HEAD"), ("--no-cache",)):
        _, out = check(capsys, repo, str(repo / APP), *args)
        assert _lines(out, APP) == _lines(full, APP), args


def test_filings_pickle_whole_with_their_marks(repo: Path) -> None:
    """Filing and Resource pickle their marks as plain tuples (model.py): what comes back is the
    same filing, marks are Pos again, and a resource listed twice is still one object."""
    import datetime as dt
    import pickle

    from generator.reading.frontmatter import Pos
    from generator.repository import load

    loaded = load(repo, dt.date.fromisoformat(AS_OF))
    assert loaded.filings and any(f.resources for f in loaded.filings)
    for filing in loaded.filings:
        back = pickle.loads(pickle.dumps(filing, pickle.HIGHEST_PROTOCOL))
        assert back == filing
        assert all(type(p) is Pos for p in back.marks.values())
        assert all(type(p) is Pos for r in back.resources for p in r.marks.values())
        if "信息资源" in back.items:
            assert back.items["信息资源"] is back.resources
