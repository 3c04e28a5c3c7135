"""Everything this program asks git, in one module: the only user of GitPython.

Paths come from `-z` output, which prints names verbatim, so Chinese folder and file
names are never seen in git's quoted form (core.quotepath). Blob ids let the change
model compare the base with the work tree without reading unchanged files.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import git
from git.objects import Commit

from ..cache import staged_changes, unstaged_changes

FILINGS = "filings"
_LOG_FORMAT = "%x01%h%x00%aN%x00%aE%x00%aI%x00%s"
_ENTRY_FORMAT = "%x01%H%x00%cI"


class HistoryError(Exception):
    """A --base that cannot be read; the CLI turns it into exit code 2."""


@dataclass(frozen=True)
class Change:
    """One commit that touched a file (the library's 修改历史)."""

    commit: str  # short sha
    author: str
    email: str
    date: dt.datetime  # author date, with the author's UTC offset
    summary: str


@dataclass(frozen=True)
class Entry:
    """When a file first entered the branch, by its first-parent history."""

    date: dt.date  # committer date of the commit on the branch that added it
    commit: str  # full sha


@dataclass(frozen=True)
class Base:
    """A resolved base revision: its filings' blob ids, and what differs in the work tree."""

    ref: str
    commit: str | None  # None: the branch has no commit yet (nothing is on it)
    blobs: dict[str, tuple[str, str]]  # path under the filing root -> (git mode, blob id)
    status: dict[str, str]  # path -> git status letter (M, D, T, A) against the work tree
    unstaged: dict[str, str] | None = None  # path -> letter from the index to the work tree (cache.unstaged_changes)
    partial: bool = False  # blobs not listed yet: GitRepo.complete lists those of the folders a load read


class GitRepo:
    def __init__(self, root: Path) -> None:
        try:
            self.handle = git.Repo(root, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise HistoryError(f"{root} 不在 Git 仓库中：--base 只能在 Git 仓库里使用") from None
        if self.handle.working_tree_dir is None:
            raise HistoryError(f"{root} 是没有工作区的裸仓库：请在检出的仓库中运行")
        self.root = root.resolve()
        prefix = root.resolve().relative_to(Path(self.handle.working_tree_dir).resolve()).as_posix()
        self.prefix = "" if prefix == "." else prefix

    # --- the base revision --------------------------------------------------

    def base(self, ref: str, partial: bool = False) -> Base:
        """The base's filing blobs and the work tree's differences from it (git compares; nothing is
        parsed). With `partial`, the blobs are left for `complete` to list, folder by folder."""
        if self._unborn(ref):
            return Base(ref, None, {}, {})
        commit = self._resolve(ref)
        try:
            blobs = {} if partial else self._tree(commit.hexsha)
            unstaged = unstaged_changes(self.root)
            return Base(ref, commit.hexsha, blobs, self._status(commit, None if partial else blobs, unstaged),
                        unstaged, partial)
        except (git.GitCommandError, subprocess.CalledProcessError):
            raise HistoryError(f"Git 版本“{ref}”的内容不在本地仓库中（浅克隆只取了最近的提交）：请检出完整历史"
                               f"（GitHub/Gitea Actions 的 actions/checkout 设 fetch-depth: 0，GitLab CI 设 GIT_DEPTH: 0，"
                               f"或运行 git fetch --unshallow）后重试") from None

    def read_blob(self, blob_id: str) -> bytes:
        data: bytes = self.handle.odb.stream(bytes.fromhex(blob_id)).read()
        return data

    def complete(self, base: Base, folders: Iterable[str] | None) -> Base:
        """A partial base with the blobs of the project `folders` (None: all), of the paths that
        differ, and of the files directly under filings/."""
        if not base.partial or base.commit is None:
            return base
        if folders is None:
            return replace(base, blobs=self._tree(base.commit), partial=False)
        wanted = sorted({f"{FILINGS}/{f}/" for f in folders} | set(base.status))
        blobs = self._tree(base.commit, wanted, top=True) if wanted else self._tree(base.commit, [], top=True)
        return replace(base, blobs=blobs, partial=False)

    def _tree(self, commit: str, paths: list[str] | None = None, top: bool = False) -> dict[str, tuple[str, str]]:
        """The blobs under filings/ (or under `paths` only; with `top`, also the files directly in filings/)."""
        specs = [self._join(FILINGS)] if paths is None else [self._join(p) for p in paths]
        found: dict[str, tuple[str, str]] = {}
        if specs:
            out = self.handle.git.ls_tree("-r", "-z", "--full-tree", commit, "--", *specs)
            found = {self._relative(path): (mode, blob) for mode, blob, path in _TREE_RECORD.findall(out)}
        if top:
            out = self.handle.git.ls_tree("-z", "--full-tree", commit, "--", self._join(FILINGS) + "/")
            found.update({self._relative(path): (mode, blob) for mode, blob, path in _TREE_RECORD.findall(out)})
        return found

    def _status(self, commit: Commit, blobs: dict[str, tuple[str, str]] | None,
                unstaged: dict[str, str]) -> dict[str, str]:
        """What `git diff <commit>` says of each tracked path (A, D, M, T), composed from the two
        cheap halves: commit -> index (trees only) and index -> work tree (stat data, asked once)."""
        root = self.root
        staged = staged_changes(root, commit.hexsha)
        found: dict[str, str] = {}
        for path in sorted(set(staged) | set(unstaged)):
            x, y = staged.get(path), unstaged.get(path)
            if y == "D":
                letter = None if x == "A" else "D"
            elif x is None or x in "AD":
                letter = x or y
            elif y is None:
                letter = x
            else:  # changed in the index and again in the work tree: compare with the commit itself
                known = blobs if blobs is not None else self._tree(commit.hexsha, [path])
                letter = _compare(root / path, known.get(path))
            if letter:
                found[path] = letter
        return found

    def _unborn(self, ref: str) -> bool:
        """Whether `ref` names the branch of a repository that has no commit yet."""
        if self.handle.head.is_valid():
            return False
        try:
            branch = self.handle.head.reference
        except TypeError:  # a detached HEAD always points at a commit
            return False
        return ref in ("HEAD", "@", branch.name, branch.path)

    def _resolve(self, ref: str) -> Commit:
        try:
            commit = self.handle.commit(ref)
            self.handle.git.cat_file("-e", f"{commit.hexsha}^{{commit}}")  # a shallow clone may name a parent it lacks
            return commit
        except (git.BadName, git.BadObject, git.GitCommandError, ValueError, IndexError):
            if (Path(self.handle.git_dir) / "shallow").is_file():
                raise HistoryError(f"找不到 Git 版本“{ref}”的内容：本仓库是浅克隆（git clone --depth），该版本没有下载。"
                                   f"请先运行 git fetch --unshallow（或在 CI 中检出完整历史：GitLab 设 GIT_DEPTH: 0，"
                                   f"GitHub Actions 设 fetch-depth: 0）后重试") from None
            raise HistoryError(f"找不到 Git 版本“{ref}”：--base 应为分支、标签或提交号，例如 --base origin/main"
                               f"（在 CI 中请先 git fetch origin main）") from None

    # --- history ------------------------------------------------------------

    def file_history(self, paths: Iterable[str] | None = None) -> dict[str, list[Change]]:
        out = self.handle.git.log("-z", "--name-only", "--no-renames", "--no-color", "--no-show-signature",
                                  "--encoding=UTF-8", f"--format={_LOG_FORMAT}", "--", self._join(FILINGS))
        wanted = set(paths) if paths is not None else None
        history: dict[str, list[Change]] = {}
        for change, touched in _parse_log(out):
            for full in touched:
                rel = self._relative(full)
                if wanted is None or rel in wanted:
                    history.setdefault(rel, []).append(change)
        return history

    def entry_dates(self, ref: str = "HEAD") -> dict[str, Entry]:
        """Path -> the first commit of `ref`'s first-parent history that added it: one `git log`."""
        if self._unborn(ref):
            return {}
        out = self.handle.git.log(
            "-z", "--first-parent", "--diff-merges=first-parent", "--diff-filter=A", "--name-only",
            "--no-renames", "--no-color", "--encoding=UTF-8", f"--format={_ENTRY_FORMAT}",
            ref, "--", self._join(FILINGS))
        entries: dict[str, Entry] = {}
        for record in out.split("\x01")[1:]:  # newest first: the last one seen is the first entry
            fields = record.split("\x00")
            if len(fields) < 2:
                continue
            sha, date = fields[0], dt.datetime.fromisoformat(fields[1].strip()).date()
            for name in fields[2:]:
                name = name.strip("\n")
                if name:
                    entries[self._relative(name)] = Entry(date, sha)
        return entries

    def project_log(self, folder: str) -> bytes:
        """Every commit that touched `folder`, with its patch, as git prints it (its own bytes)."""
        out = self.handle.git.log("--patch", "--stat", "--no-color", "--no-show-signature", "--encoding=UTF-8",
                                  "--format=fuller", "--no-ext-diff", "--", self._join(folder), stdout_as_string=False)
        return bytes(out)

    def _join(self, path: str) -> str:
        return f"{self.prefix}/{path}" if self.prefix else path

    def _relative(self, path: str) -> str:
        prefix = self.prefix
        return path[len(prefix) + 1:] if prefix and path.startswith(prefix + "/") else path


_TREE_RECORD = re.compile(r"(\d+) blob ([0-9a-f]+)\t([^\0]*)")
SYMLINK = "120000"


def _compare(path: Path, was: tuple[str, str] | None) -> str | None:
    """The status letter of a work-tree file against the commit's (mode, blob)."""
    try:
        st = os.lstat(path)
    except OSError:
        return None if was is None else "D"
    if was is None:
        return "A"
    if stat.S_ISLNK(st.st_mode) != (was[0] == SYMLINK):
        return "T"
    data = os.readlink(path).encode() if stat.S_ISLNK(st.st_mode) else path.read_bytes()
    return None if blob_id(data) == was[1] else "M"


def blob_id(data: bytes) -> str:
    """git's object id of a file's bytes (what `git hash-object` prints)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def file_history(root: Path, paths: Iterable[str] | None = None) -> dict[str, list[Change]]:
    """Path (relative to root) -> its commits, newest first; {} outside a Git repository."""
    try:
        return GitRepo(root).file_history(paths)
    except (HistoryError, git.GitCommandError, git.GitCommandNotFound, ValueError, OSError):
        return {}


def entry_dates(root: Path, ref: str = "HEAD") -> dict[str, Entry] | None:
    """Path -> its entry into `ref`; None when there is no full git history to read (a tarball, a shallow clone)."""
    try:
        repo = GitRepo(root)
        if not repo.handle.head.is_valid() or Path(repo.handle.git_dir, "shallow").exists():
            return None  # no history, or a shallow clone's: every file would seem to enter at its cut
        return repo.entry_dates(ref)
    except (HistoryError, git.GitCommandError, git.GitCommandNotFound, ValueError, OSError):
        return None


def last_updated(root: Path, paths: Iterable[str] | None = None) -> dict[str, dt.date]:
    """Path -> the author date of its newest commit; {} outside a Git repository."""
    return {path: changes[0].date.date() for path, changes in file_history(root, paths).items()}


def _parse_log(out: str) -> Iterator[tuple[Change, list[str]]]:
    for record in out.split("\x01")[1:]:
        fields = record.split("\x00")
        if len(fields) < 5:
            continue
        sha, author, email, date, summary = fields[:5]
        touched = [name.lstrip("\n") for name in fields[5:]]
        change = Change(sha, author, email, dt.datetime.fromisoformat(date), summary)
        yield change, [name for name in touched if name]


def project_log(root: Path, folder: str) -> bytes | None:
    """Every commit that touched `folder` (e.g. filings/2025-SHSY-01) with its patch; None outside Git.

    For the archive package (第十八条): who changed what and when, verbatim from git."""
    try:
        return GitRepo(root).project_log(folder)
    except (HistoryError, git.GitCommandError, git.GitCommandNotFound, ValueError, OSError):
        return None
