"""What a change does, from the base revision to the work tree, computed once per run.

Git says which files differ (blob ids: nothing unchanged is read); only those are read
back from the base, through `reader` (a cache keyed by blob id can be plugged in there).
The comparison (diff.py) and the rules (rules.py) are pure; this module only wires them.
"""
from __future__ import annotations

import bisect
import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.filing import CheckContext, check_file
from ..engine.calendar import Calendar
from ..model import Filing, Project
from ..problems import Problem
from ..repository import FILINGS, Repository, _classify
from . import rules
from .diff import FilingChange, compare
from .entry import IMPORTS, ImportBatch, late_entries, read_batches
from .git import Base, GitRepo, blob_id

Reader = Callable[[str, bytes], Filing]  # (path, bytes of the file at the base) -> its reading
SYMLINK = "120000"


@dataclass
class ChangeSet:
    base: str  # the ref as the user wrote it
    commit: str | None  # None: the base branch has no commit yet
    changes: list[FilingChange] = field(default_factory=list)  # sorted by path
    before: dict[str, Filing] = field(default_factory=dict)  # base readings of the filings that differ
    blob_ids: dict[str, str] = field(default_factory=dict)  # path -> base blob id, for those filings
    batches: list[ImportBatch] = field(default_factory=list)  # import batches new in this change
    problems: list[Problem] = field(default_factory=list)  # the git-aware errors and findings

    def of_kind(self, *kinds: str) -> list[FilingChange]:
        return [c for c in self.changes if c.kind in kinds]

    @property
    def affected(self) -> set[str]:
        """Project folders the change touches."""
        return {c.path.split("/")[1] for c in self.changes} | {
            c.old_path.split("/")[1] for c in self.changes if c.old_path}

    def base_project(self, repo: Repository, folder: str) -> Project | None:
        """The project as it stood at the base: unchanged filings are shared with the work tree."""
        now = repo.projects.get(folder)
        changed = {c.path for c in self.changes} | {c.old_path for c in self.changes if c.old_path}
        filings = [f for f in (now.filings if now else []) if f.path not in changed]
        filings += [f for p, f in self.before.items() if f.folder == folder]
        if not filings:
            return None
        return Project(folder, f"filings/{folder}", sorted(filings, key=lambda f: f.path))


def default_reader(repo: Repository) -> Reader:
    # The base is read as of the far future: a date "in the future" is not what this reading is for.
    ctx = CheckContext(repo.registry, dt.date.max, repo.files)
    return lambda path, raw: check_file(path, raw, ctx)[0]


def read_base(repo_root: os.PathLike[str] | str, ref: str, partial: bool = False) -> Base:
    """The base's blob ids and the paths that differ from it in the work tree: git compares
    blob ids, nothing is parsed. Pass it on to `compute` so git is asked once. With `partial`,
    `compute` lists only the base's blobs in the folders the repository's load listed."""
    return GitRepo(Path(repo_root)).base(ref, partial)


def changed_paths(repo_root: os.PathLike[str] | str, ref: str) -> set[str]:
    return set(read_base(repo_root, ref).status)


def compute(repo: Repository, ref: str, reader: Reader | None = None,
            approved: Callable[[Project], bool] | None = None, base: Base | None = None) -> ChangeSet:
    """The change from `ref` to the work tree, with its append-only errors and late-entry findings.

    `reader` reads a filing of the base from its bytes (a cache keyed by `git.blob_id(bytes)`,
    or by `ChangeSet.blob_ids`, can wrap `default_reader`). `approved` says whether a project
    stood approved at the base (default: the engine's reading); the plan of an approved
    立项申请 may change only through 调整申请 (第十六条)."""
    handle = GitRepo(repo.root)
    base = base if base is not None else handle.base(ref)
    if base.partial:
        listed = {p.split("/")[1] for p in repo.files if p.count("/") >= 2}
        base = handle.complete(base, None if repo.scope is None else listed)
    if approved is None:
        from .facts import approved_by_engine

        approved = approved_by_engine(repo)
    result = ChangeSet(ref, base.commit)
    if base.commit is None:
        return result
    read = reader or default_reader(repo)
    _classify_changes(result, repo, handle, base, read)
    _import_batches(result, repo, handle, base)
    approved_at_base = {folder for folder in result.affected
                        if (p := result.base_project(repo, folder)) is not None
                        and approved(p)}
    result.problems.extend(rules.check(result.changes, approved_at_base, ref))
    added = [c.after for c in result.of_kind("added") if c.after is not None]
    result.problems.extend(late_entries(added, repo.as_of, Calendar.of(repo.calendar_file), result.batches))
    return result


def _classify_changes(result: ChangeSet, repo: Repository, handle: GitRepo, base: Base, read: Reader) -> None:
    now = {f.path: f for f in repo.filings}
    # repo.files lists the folders a load listed (a scoped load lists only the projects it reads);
    # git's status covers the others. Only the base's files in those folders and the paths git
    # reports are looked at: a hook in a district of ten thousand projects touches a few dozen.
    listed = sorted({p.split("/")[1] for p in repo.files if p.count("/") >= 2})
    paths = sorted(base.blobs)
    near = {p for folder in listed for p in _under(paths, f"{FILINGS}/{folder}/")}
    candidates = near | set(base.status) | set(now) | {p for p, (mode, _) in base.blobs.items() if mode == SYMLINK}
    was = {p for p in candidates if p in base.blobs and p.count("/") == 2 and _classify(p) == "filing"}
    added = sorted(p for p in now if p not in was)
    flagged = {p for p, letter in base.status.items() if letter == "T"}
    flagged |= {p for p in was if base.blobs[p][0] == SYMLINK}
    flagged |= {p for p in now if p in was and (repo.root / p).is_symlink()}
    replaced = sorted(flagged & was)
    missing = {p for p in was & near if p not in repo.files}
    deleted = {p for p, letter in base.status.items() if letter == "D"}
    gone = sorted(((deleted & was) | missing) - flagged)
    by_content: dict[str, str] = {}
    if gone:  # a deleted filing whose bytes reappear under a new name was renamed
        by_content = {blob_id((repo.root / p).read_bytes()): p for p in reversed(added)}
    for path in gone:
        target = by_content.get(base.blobs[path][1])
        before = _read(result, handle, base, path, read)
        if target is not None and target in added:
            added.remove(target)
            result.changes.append(FilingChange(target, "renamed", before, now[target], old_path=path))
        else:
            result.changes.append(FilingChange(path, "deleted", before))
    for path in added:
        result.changes.append(FilingChange(path, "added", None, now[path]))
    for path in replaced:
        if base.blobs[path][0] == SYMLINK and base.status.get(path) is None:
            continue  # a symlink already on the base is not this change's doing
        result.changes.append(FilingChange(path, "replaced", _read(result, handle, base, path, read), now.get(path)))
    for path in sorted(p for p, letter in base.status.items() if letter == "M" and p in was and p in now and p not in flagged):
        compared = compare(path, _read(result, handle, base, path, read), now[path])
        if not compared.empty:
            result.changes.append(compared)
    result.changes.sort(key=lambda c: c.path)


def _under(paths: list[str], prefix: str) -> list[str]:
    """The entries of the sorted `paths` that start with `prefix`."""
    start = bisect.bisect_left(paths, prefix)
    end = start
    while end < len(paths) and paths[end].startswith(prefix):
        end += 1
    return paths[start:end]


def _read(result: ChangeSet, handle: GitRepo, base: Base, path: str, read: Reader) -> Filing:
    blob = base.blobs[path][1]
    result.blob_ids[path] = blob
    filing = result.before[path] = read(path, handle.read_blob(blob))
    return filing


def _import_batches(result: ChangeSet, repo: Repository, handle: GitRepo, base: Base) -> None:
    """Batches registered by this change (a batch already on the base covers nothing new)."""
    if IMPORTS not in repo.files:
        return
    now, problems = read_batches((repo.root / IMPORTS).read_bytes())
    result.problems.extend(problems)
    old: list[ImportBatch] = []
    if IMPORTS in base.blobs:
        old, _ = read_batches(handle.read_blob(base.blobs[IMPORTS][1]))
    known = {b.name for b in old}
    result.batches = [b for b in now if b.name not in known]
