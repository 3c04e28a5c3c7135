"""Builds survive crashes and each other (issue 7, item 7).

Builds are killed with SIGKILL, SIGINT and SIGTERM at named points, including inside the
swap, through the test-only hook FILINGS_TEST_PAUSE=step:marker (the build writes the
marker and sleeps at that step until it is killed). After every kill site/ and library/
must be the last good pair: both from the same build, read from manifest.json.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from output_helpers import AS_OF, copy_demo, git_commit

ROOT = Path(__file__).resolve().parents[2]
SIGNALS = {"SIGKILL": signal.SIGKILL, "SIGINT": signal.SIGINT, "SIGTERM": signal.SIGTERM}
PATIENCE = 600  # seconds to wait for a build to reach a step on a busy machine (not a timing assertion)


def env(pause: str | None = None) -> dict[str, str]:
    e = {**os.environ, "PYTHONPATH": str(ROOT)}
    e.pop("FILINGS_TEST_PAUSE", None)
    if pause:
        e["FILINGS_TEST_PAUSE"] = pause
    return e


def pair(root: Path) -> tuple[str | None, str | None]:
    """The build ids that site/ and library/ show (None when missing)."""
    def one(name: str) -> str | None:
        manifest = root / name / "manifest.json"
        return json.loads(manifest.read_text(encoding="utf-8"))["build"] if manifest.is_file() else None
    return one("site"), one("library")


def wait_for(path: Path, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + PATIENCE
    while not path.exists():
        assert proc.poll() is None, f"build ended before reaching the step: {proc.returncode}"
        assert time.monotonic() < deadline, "build never reached the step"
        time.sleep(0.05)


def start_build(root: Path, pause: str | None = None, stderr: Path | None = None) -> subprocess.Popen[bytes]:
    err = open(stderr, "wb") if stderr else subprocess.DEVNULL
    return subprocess.Popen([sys.executable, "-m", "generator", "build", "--repo", str(root), "--as-of", AS_OF],
                            env=env(pause), stdout=subprocess.DEVNULL, stderr=err, cwd=root)


def kill_at(root: Path, step: str, signame: str, tmp: Path) -> int:
    marker = tmp / f"{step}-{signame}.reached"
    proc = start_build(root, f"{step}:{marker}")
    wait_for(marker, proc)
    proc.send_signal(SIGNALS[signame])
    return proc.wait(timeout=PATIENCE)


def assert_clean(root: Path) -> None:
    """After a successful build nothing of earlier (killed) builds is left."""
    publish = sorted(p.name for p in (root / ".publish").iterdir())
    current = os.readlink(root / ".publish" / "current")
    assert publish == sorted(["current", "lock", current]), publish
    assert not list((root / ".build").glob("stage-*")) if (root / ".build").is_dir() else True
    assert not [p for p in root.iterdir() if p.name.startswith((".site.", ".library."))]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("kill") / "repo")
    git_commit(root)
    assert subprocess.run([sys.executable, "-m", "generator", "build", "--repo", str(root), "--as-of", AS_OF],
                          env=env(), capture_output=True, cwd=root).returncode == 0
    return root


# (step, signal, whether the new build is the one published afterwards)
REAL_KILLS = [("built-public", "SIGKILL", False), ("built-library", "SIGINT", False),
              ("swap", "SIGTERM", False), ("swapped", "SIGKILL", True)]


@pytest.mark.parametrize("step, signame, new_wins", REAL_KILLS)
def test_a_killed_build_leaves_the_last_good_pair(repo: Path, tmp_path: Path, step: str, signame: str,
                                                 new_wins: bool) -> None:
    before = pair(repo)
    assert before[0] is not None and before[0] == before[1]
    kill_at(repo, step, signame, tmp_path)
    after = pair(repo)
    assert after[0] == after[1], f"site/ and library/ from different builds after {signame} at {step}"
    assert (after[0] != before[0]) == new_wins
    assert (repo / "site" / "index.html").is_file() and (repo / "library" / "index.html").is_file()


def test_the_next_build_cleans_up_after_killed_ones(repo: Path, tmp_path: Path) -> None:
    kill_at(repo, "built-library", "SIGKILL", tmp_path)  # leaves a half-made .publish/<id> and staging
    assert len(list((repo / ".publish").iterdir())) > 3
    proc = start_build(repo)
    assert proc.wait(timeout=PATIENCE) == 0
    assert_clean(repo)
    site, library = pair(repo)
    assert site == library and site is not None


def test_a_second_build_waits_for_the_first(repo: Path, tmp_path: Path) -> None:
    before = pair(repo)
    marker = tmp_path / "first.reached"
    first = start_build(repo, f"built-library:{marker}")
    wait_for(marker, first)  # the first build holds the lock and is about to publish
    log = tmp_path / "second.err"
    second = start_build(repo, stderr=log)
    deadline = time.monotonic() + PATIENCE
    while "等待它结束" not in log.read_text(encoding="utf-8", errors="replace"):
        assert second.poll() is None, "the second build did not wait for the lock"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert pair(repo) == before  # nothing published while the first one holds the lock
    first.send_signal(signal.SIGKILL)  # the kernel releases the lock of a killed process
    first.wait()
    assert second.wait(timeout=PATIENCE) == 0
    site, library = pair(repo)
    assert site == library and site not in (None, before[0])
    assert_clean(repo)


# --- the swap itself, with every signal at every step (fast: no mkdocs) ------------------

FAKE_BUILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from generator.publish import release
    root = Path(sys.argv[1])
    with release.build_lock(root):
        release.clean_leftovers(root)
        build = release.new_build_id()
        for name in release.NAMES:
            site = release.slot(root, build) / name
            site.mkdir(parents=True)
            (site / "manifest.json").write_text('{"build": "%s"}' % build)
            (site / "index.html").write_text(build)
            release.pause("built-" + name)
        release.commit(root, build)
""")


def fake_build(root: Path, pause: str | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", FAKE_BUILD, str(root)], env=env(pause), cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.parametrize("signame", list(SIGNALS))
@pytest.mark.parametrize("step, new_wins", [("built-site", False), ("built-library", False), ("swap", False),
                                            ("swapped", True)])
def test_every_signal_at_every_step_of_the_swap(tmp_path: Path, signame: str, step: str, new_wins: bool) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    assert fake_build(root).wait(timeout=PATIENCE) == 0
    before = pair(root)
    assert before[0] is not None and before[0] == before[1]
    marker = tmp_path / "reached"
    proc = fake_build(root, f"{step}:{marker}")
    wait_for(marker, proc)
    proc.send_signal(SIGNALS[signame])
    proc.wait(timeout=PATIENCE)
    after = pair(root)
    assert after[0] == after[1] and after[0] is not None
    assert (after[0] != before[0]) == new_wins
    assert fake_build(root).wait(timeout=PATIENCE) == 0
    assert_clean(root)


def test_plain_folders_of_an_older_version_are_adopted(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    for name in ("site", "library"):
        (root / name).mkdir(parents=True)
        (root / name / "manifest.json").write_text('{"build": "old"}')
    (root / ".site.old-123").mkdir()  # a leftover of the earlier folder swap
    assert fake_build(root).wait(timeout=PATIENCE) == 0
    site, library = pair(root)
    assert site == library and site != "old"
    assert (root / "site").is_symlink() and (root / "library").is_symlink()
    assert_clean(root)


def test_a_read_only_repository_gets_a_message_not_a_traceback() -> None:
    """A real read-only folder: as root (who ignores permissions) the build runs as nobody."""
    import shutil
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="filings-ro-"))
    try:
        root = copy_demo(base / "repo")
        for path in [base, *base.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        root.chmod(0o555)
        command = [sys.executable, "-m", "generator", "build", "--repo", str(root), "--as-of", AS_OF]
        if os.geteuid() == 0:
            if not shutil.which("setpriv"):
                pytest.skip("running as root without setpriv")
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        done = subprocess.run(command, env={**env(), "HOME": str(base)}, capture_output=True, text=True, cwd=base)
        assert done.returncode == 1, done.stdout + done.stderr
        assert "Traceback" not in done.stderr, done.stderr
        assert "无法在" in done.stderr and "上一次成功生成的 site/ 和 library/ 保持不变" in done.stderr, done.stderr
        assert not (root / "site").exists() and not (root / ".publish").exists()
    finally:
        (base / "repo").chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


def test_a_copy_that_followed_the_links_still_builds(tmp_path: Path) -> None:
    """shutil.copytree and cp -rL turn the links into folders; the copy must build and publish."""
    import shutil

    root = tmp_path / "repo"
    root.mkdir()
    assert fake_build(root).wait(timeout=PATIENCE) == 0
    copy = tmp_path / "copy"
    shutil.copytree(root, copy)  # follows site, library and .publish/current
    assert not (copy / ".publish" / "current").is_symlink() and not (copy / "site").is_symlink()
    assert fake_build(copy).wait(timeout=PATIENCE) == 0
    site, library = pair(copy)
    assert site == library and site != pair(root)[0]
    assert (copy / "site").is_symlink() and (copy / ".publish" / "current").is_symlink()
    assert_clean(copy)


def test_building_one_site_keeps_the_other(tmp_path: Path) -> None:
    import datetime as dt

    from generator.commands.build import build

    root = copy_demo(tmp_path / "repo")
    git_commit(root)
    assert build(root, dt.date.fromisoformat(AS_OF)) == 0
    before = pair(root)
    index = (root / "site" / "index.html").read_bytes()
    assert build(root, dt.date.fromisoformat(AS_OF), audiences=("library",)) == 0
    site, library = pair(root)
    assert site == before[0] and library != before[1]
    assert (root / "site" / "index.html").read_bytes() == index
    assert_clean(root)
