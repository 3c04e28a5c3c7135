"""Publishing site/ and library/ as one atomic step, one build at a time per repository.

Layout in the repository root::

    .publish/lock                  flock()ed by the build that runs; released by the kernel
                                   when that process ends, however it ends (even SIGKILL)
    .publish/<build id>/site/      a finished build: both sites side by side
    .publish/<build id>/library/
    .publish/current -> <build id> the published pair (a relative symbolic link)
    site    -> .publish/current/site       fixed links, created once and never changed
    library -> .publish/current/library

A build writes only into its own `.publish/<build id>/` (and its own staging folder
under `.build/`). Publishing is one `rename()` of a new `current` link over the old
one, which POSIX makes atomic: at every instant `current` names either the old build
or the new one, so `site/` and `library/` always show one complete pair from the same
build. A build killed at any point leaves at most an unfinished folder, removed at the
start of the next build (which holds the lock, so nothing else is writing).

Where symbolic links cannot be made (some Windows or network file systems), site/ and
library/ stay plain folders and are swapped one after the other ("folder mode"): each
folder is always complete, but a kill between the two renames leaves one new and one
old site until the next build.
"""
from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

PUBLISH = ".publish"
LOCK = "lock"
CURRENT = "current"
NAMES = ("site", "library")
STAGING = ".build"
STAGE_PREFIX = "stage-"
LEGACY = (".site.", ".library.")  # leftovers of the folder swaps of earlier versions
HOOK_ENV = "FILINGS_TEST_PAUSE"  # tests only: "step:marker-file" pauses the build at `step`


class ReleaseError(Exception):
    """Publishing failed; the previously published pair is unchanged."""


def new_build_id() -> str:
    return f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{secrets.token_hex(3)}"


def pause(step: str) -> None:
    """A test hook: with FILINGS_TEST_PAUSE=step:path, create `path` and sleep at `step`."""
    wanted = os.environ.get(HOOK_ENV, "")
    name, _, marker = wanted.partition(":")
    if name != step or not marker:
        return
    Path(marker).write_text(str(os.getpid()), encoding="utf-8")
    while True:  # until the test kills us
        time.sleep(0.05)


@contextlib.contextmanager
def build_lock(root: Path, say: Callable[[str], None] = lambda m: print(m, file=sys.stderr)) -> Iterator[None]:
    """Hold the repository's build lock; wait (saying so once) while another build holds it."""
    folder = root / PUBLISH
    try:
        folder.mkdir(exist_ok=True)
        fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ReleaseError(f"无法在 {root} 中创建生成锁 {PUBLISH}/{LOCK}：{exc.strerror or exc}。"
                           f"请检查仓库目录是否可写") from exc
    try:
        if not _try_lock(fd):
            say(f"另一个 filings build 正在为本仓库生成站点（锁文件 {PUBLISH}/{LOCK}），等待它结束……")
            _lock(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        _unlock(fd)
        os.close(fd)


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # native Windows
        if sys.platform != "win32":  # neither lock exists here
            raise
        import msvcrt
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:
        while not _try_lock(fd):
            time.sleep(0.5)
        return
    fcntl.flock(fd, fcntl.LOCK_EX)


def _unlock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:
        if sys.platform != "win32":
            raise
        import msvcrt
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    fcntl.flock(fd, fcntl.LOCK_UN)


def slot(root: Path, build_id: str) -> Path:
    """The folder a build writes its finished site/ and library/ into."""
    return root / PUBLISH / build_id


def staging(root: Path, build_id: str) -> Path:
    return root / STAGING / f"{STAGE_PREFIX}{build_id}"


def published_id(root: Path) -> str | None:
    """The build id that site/ and library/ show now, or None."""
    link = root / PUBLISH / CURRENT
    return os.readlink(link) if link.is_symlink() else None


def clean_leftovers(root: Path) -> None:
    """Remove what killed builds left behind. Call only while holding the lock."""
    folder = root / PUBLISH
    current = folder / CURRENT
    if current.exists() and not current.is_symlink():  # a copy that followed the link (cp -rL, copytree)
        _remove(current)
    keep = {LOCK, CURRENT, published_id(root)}
    for entry in folder.iterdir() if folder.is_dir() else ():
        if entry.name not in keep:
            _remove(entry)
    for entry in root.iterdir():
        if entry.name.startswith(LEGACY):
            _remove(entry)
    stage = root / STAGING
    for entry in stage.glob(f"{STAGE_PREFIX}*") if stage.is_dir() else ():
        _remove(entry)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def symlinks_work(root: Path) -> bool:
    probe = root / PUBLISH / f".probe-{os.getpid()}"
    try:
        os.symlink(CURRENT, probe, target_is_directory=True)
    except (OSError, NotImplementedError, AttributeError):
        return False
    probe.unlink()
    return True


def carry_over(root: Path, build_id: str) -> None:
    """A build of one site only (filings build's `audiences`) keeps the other published one."""
    current = root / PUBLISH / CURRENT
    for name in NAMES:
        new, old = slot(root, build_id) / name, current / name
        if not new.exists() and old.is_dir():
            shutil.copytree(old, new, symlinks=True)


def commit(root: Path, build_id: str) -> None:
    """Publish `.publish/<build_id>/{site,library}` as the new pair in one step."""
    if not symlinks_work(root):
        _commit_folders(root, build_id)
        return
    _adopt_legacy_folders(root)
    folder = root / PUBLISH
    tmp = folder / f".{CURRENT}.new-{build_id}"
    try:
        os.symlink(build_id, tmp, target_is_directory=True)  # Windows needs to be told
        pause("swap")
        os.replace(tmp, folder / CURRENT)  # the one atomic step
        pause("swapped")
        _ensure_links(root)
    except OSError as exc:
        raise ReleaseError(f"无法发布到 {root}：{exc.strerror or exc}") from exc
    for entry in folder.iterdir():  # the previous build, no longer shown
        if entry.name not in (LOCK, CURRENT, build_id):
            _remove(entry)


def _ensure_links(root: Path) -> None:
    for name in NAMES:
        link, target = root / name, f"{PUBLISH}/{CURRENT}/{name}"
        if link.is_symlink() and os.readlink(link) == target:
            continue
        tmp = root / PUBLISH / f".{name}.link-{os.getpid()}"
        tmp.unlink(missing_ok=True)
        os.symlink(target, tmp, target_is_directory=True)
        os.replace(tmp, link)


def _adopt_legacy_folders(root: Path) -> None:
    """First build after an upgrade: plain site/ and library/ folders become the current pair.

    This one-time move is not atomic (a kill here can leave a site missing until the next build).
    """
    plain = [name for name in NAMES if (root / name).is_dir() and not (root / name).is_symlink()]
    if not plain:
        return
    legacy = root / PUBLISH / f"legacy-{new_build_id()}"
    legacy.mkdir()
    for name in plain:
        os.rename(root / name, legacy / name)
    if published_id(root) is None:
        os.symlink(legacy.name, root / PUBLISH / CURRENT)


def _commit_folders(root: Path, build_id: str) -> None:
    """Folder mode: swap site/ then library/ (each complete at every instant, the pair not)."""
    built = slot(root, build_id)
    for name in NAMES:
        swap_folder(built / name, root / name)


def swap_folder(new: Path, target: Path) -> None:
    """Replace folder `target` by `new` (same file system) with two renames; restore on failure."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    had = target.exists() or target.is_symlink()
    try:
        if had:
            os.rename(target, old)
        os.rename(new, target)
    except OSError as exc:
        if had and not target.exists():
            os.rename(old, target)
        raise ReleaseError(f"无法写入 {target}：{exc.strerror or exc}") from exc
    if had:
        _remove(old)


def die_with_parent() -> None:
    """Linux: the kernel kills this child process when its parent dies (kill -9 included), so a
    killed build never leaves a child holding the build lock or writing into its folders.
    Elsewhere nothing."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
