"""Read a filing repository from disk once: the only module (besides git history) that touches files.

Everything after this works on the Repository object: checks, engine, views, sites.
"""
from __future__ import annotations

import contextlib
import copyreg
import datetime as dt
import gc
import hashlib
import multiprocessing
import os
import pickle
import re
import stat
import subprocess
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeGuard

from . import cache as filecache
from . import progress
from .checks.fields import FUTURE_OK
from .checks.filing import CheckContext, check_file
from .checks.registry import check_registry
from .model import Filing, Project, Registry
from .problems import Problem, error
from .reading import chars, limits
from .reading.calendar import CalendarFile, read_calendar
from .schema.base import FilingType
from .schema.common import TRANSITION_YEAR
from .schema.types import FILING_TYPES

FILINGS = "filings"
REGISTRY = "filings/registry.yml"
CALENDAR = "filings/calendar.yml"
PROJECT_FOLDER = re.compile(r"^(\d{4})-([A-Z]{2,8})-(\d{2})$")
IGNORED_TOP = {"README.md", "registry.yml", "calendar.yml"}
# What engine/cross.extract reads from a project outside a scoped load (its SOURCES).
CROSS_SOURCES = ("立项申请", "信息资源目录", "监管措施")


@dataclass
class Repository:
    root: Path
    as_of: dt.date
    registry: Registry
    calendar_file: CalendarFile  # the engine's Calendar.of(calendar_file) counts working days
    filings: list[Filing] = field(default_factory=list)
    projects: dict[str, Project] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: frozenset[str] = frozenset()
    # Projects whose every filing was read; None: all. Outside it only SHARED_KINDS are read.
    scope: frozenset[str] | None = None
    # CrossFacts (engine/cross.py) by project folder: after a scoped load, those of the projects it
    # did not read (from the cross index); after a full load given `cross`, every project's.
    cross: dict[str, Any] = field(default_factory=dict)


def load(root: Path, as_of: dt.date, focus: Callable[[str], bool] | None = None, *,
         cache: bool = False, cache_dir: Path | None = None, scope: Iterable[str] | None = None,
         bodies: Callable[[str], bool] | None = None, cross: Callable[[Project], Any] | None = None,
         unstaged: dict[str, str] | None = None) -> Repository:
    """Read and check every file. Files outside `focus` (when given) are read for the
    cross-file rules but their Markdown bodies are skipped: nobody will see those problems.

    With `cache`, what a file's check derives is kept by its git blob id (generator/cache.py)
    and unchanged files are not read again; their Filing then has no `body`, except for the
    files `bodies` names (or `focus`, when given), which are read afresh.

    With `scope` (project folder names), only those projects are read in full, with their
    前序项目 chain and the other projects of their 建设单位; every other project is known only
    by what `cross` (engine/cross.extract) derives from it, taken from the cache by the
    folder's git tree id, or else from its CrossFacts.SOURCES filings: enough for the
    findings of the projects in scope, without listing or reading ten thousand folders.
    `unstaged`: what git's diff-files said of filings/, when the caller has asked already."""
    root = root.resolve()
    only = None if scope is None else set(scope)
    # a full load with the cache asks git everything it will need now, and reads the answers later
    asked = filecache.Asked(root) if cache and only is None else None
    try:
        return _load(root, as_of, focus, cache, cache_dir, only, bodies, cross, unstaged, asked)
    finally:
        if asked is not None:
            asked.close()


def _load(root: Path, as_of: dt.date, focus: Callable[[str], bool] | None, cache: bool, cache_dir: Path | None,
          only: set[str] | None, bodies: Callable[[str], bool] | None, cross: Callable[[Project], Any] | None,
          unstaged: dict[str, str] | None, asked: filecache.Asked | None) -> Repository:
    files, unsafe, folders = _scan(root, only)
    registry_raw = read_regular(root / REGISTRY) if REGISTRY in files else None
    registry, problems = check_registry(REGISTRY, registry_raw, as_of)
    calendar_path, guarded = _guard_calendar(root, files)
    calendar_file, cal_problems = load_calendar(calendar_path)
    repo = Repository(root, as_of, registry, calendar_file, problems=unsafe + problems + guarded + cal_problems)
    where = str(root)
    ctx = CheckContext(registry, as_of, files, read_head=lambda rel: _read_head(where, rel))
    under: str | list[str] = FILINGS if only is None or len(only) > MANY_FOLDERS else [f"{FILINGS}/{f}" for f in only]
    if cache and unstaged is None:
        unstaged = _unstaged(root, asked)  # asked once: the cache's blob ids and the cross index share it
    checker = _Checker(root, ctx, registry_raw, cache, cache_dir, bodies or focus, under, unstaged, asked)
    index = filecache.CrossIndex(checker.store) if checker.store is not None and cross is not None else None
    with _no_gc():
        if only is None:
            done = _read_all(checker, files, focus)
        else:
            done = _read_scope(repo, checker, index, cross, only, folders, files, focus, unstaged)
        checker.save()
    repo.files = frozenset(files)
    for rel in sorted(files):
        kind = _classify(rel)
        if kind == "filing" and rel in done:
            filing, found = done[rel]
            repo.filings.append(filing)
            repo.problems.extend(found)
            project = repo.projects.get(filing.folder)
            if project is None:
                project = repo.projects[filing.folder] = Project(filing.folder, rel.rsplit("/", 1)[0])
            project.filings.append(filing)
        elif kind == "stray":
            repo.problems.append(error(rel, None, None, "E406",
                                       "备案文件须放在项目文件夹中：filings/〈项目编号〉/〈备案类型〉.md"))
    repo.problems.extend(_check_folders(repo))
    if only is None and index is not None and cross is not None:
        _index_all(repo, index, cross, folders, unstaged, asked)
    return repo


MANY_FOLDERS = 200  # above this, git is asked about all of filings/ rather than folder by folder
Result = tuple[Filing, list[Problem]]


def _read_all(checker: _Checker, files: set[str], focus: Callable[[str], bool] | None) -> dict[str, Result]:
    wanted = sorted(rel for rel in files if _classify(rel) == "filing")
    with progress.stage("读取并检查备案", total=len(wanted)) as bar:
        checker.prefetch([(rel, focus is None or focus(rel)) for rel in wanted], bar)
        return {rel: checker.check(rel, focus is None or focus(rel), bar) for rel in wanted}


def _read_scope(repo: Repository, checker: _Checker, index: filecache.CrossIndex | None,
                cross: Callable[[Project], Any] | None, only: set[str], folders: set[str], files: set[str],
                focus: Callable[[str], bool] | None, unstaged: dict[str, str] | None) -> dict[str, Result]:
    """The projects in `only` in full; the CrossFacts of every other project (repo.cross), from
    the cache when the folder is as at HEAD, else from its SOURCES filings; then, in full, the
    前序项目 chain and the other projects of the same 建设单位 (F223 compares their state)."""
    def body(rel: str) -> bool:
        return focus is None or focus(rel)

    done = {rel: checker.check(rel, body(rel)) for rel in sorted(files) if _classify(rel) == "filing"}
    mine = _projects(done.values())
    if cross is None:
        repo.scope = frozenset(only)
        return done
    trees = filecache.head_trees(repo.root) if index is not None else {}
    dirty = {p.split("/")[1] for p in (filecache.dirty_paths(repo.root, unstaged) or ()) if p.count("/") >= 2}
    misses = []
    for folder in sorted(folders - only):
        digest = f"t:{trees[folder]}" if folder in trees and folder not in dirty else ""
        got = index.get(folder, digest) if index is not None and digest else None
        if got is not None:
            repo.cross[folder] = got
        else:
            misses.append((folder, digest))
    if misses:
        loose = _folders_of(filecache.untracked(repo.root, FILINGS if len(misses) > MANY_FOLDERS
                                                else [f"{FILINGS}/{f}" for f, _ in misses]))
        sources = []
        for folder, digest in misses:
            listed, found = _scan_folder(repo.root, folder)
            repo.problems.extend(found)
            if index is not None and digest and loose is not None and folder not in loose:
                sources.append((folder, digest, listed))
            else:
                sources.append((folder, "", listed))
        checker.add_files({rel for _, _, listed in sources for rel in listed})
        checker.add_blobs([folder for folder, _ in misses])
        for folder, digest, listed in sources:
            read = [checker.check(rel, False) for rel in sorted(listed) if _source(rel)]
            facts = cross(_projects(read).get(folder) or Project(folder, f"{FILINGS}/{folder}"))
            repo.cross[folder] = facts
            if index is not None and digest:
                index.put(folder, digest, facts)
    if index is not None:
        index.save()
    # the chain along 前序项目 and the same 建设单位: read in full as well
    own = {folder: cross(project) for folder, project in mine.items()}
    depts = {o.dept for o in own.values()}
    chain: set[str] = set()
    todo = [o.predecessor for o in own.values()]
    while todo:  # followed through every link, whether or not the project is also of the same 建设单位
        nxt = todo.pop()
        if nxt and nxt not in only and nxt not in chain and nxt in repo.cross:
            chain.add(nxt)
            todo.append(repo.cross[nxt].predecessor)
    extra = ({folder for folder, c in repo.cross.items() if c.dept in depts} | chain) - only
    if extra:
        more: set[str] = set()
        for folder in sorted(extra):
            listed, found = _scan_folder(repo.root, folder)
            repo.problems.extend(found)
            more |= listed
        checker.add_files(more)  # the same set as `files`
        checker.add_blobs(sorted(extra))
        done.update({rel: checker.check(rel, body(rel)) for rel in sorted(more) if _classify(rel) == "filing"})
    repo.scope = frozenset(only | extra)
    return done


def _index_all(repo: Repository, index: filecache.CrossIndex, cross: Callable[[Project], Any],
               folders: set[str], unstaged: dict[str, str] | None, asked: filecache.Asked | None = None) -> None:
    """After a full load: every project's CrossFacts (repo.cross, which the engine then reuses); those
    of the folders that are exactly as at HEAD (no staged, unstaged, untracked or ignored file) go
    into the cross index."""
    trees = filecache.head_trees(repo.root, asked=asked)
    dirty = {p.split("/")[1] for p in (filecache.dirty_paths(repo.root, unstaged, asked=asked) or ())
             if p.count("/") >= 2}
    loose = _folders_of(filecache.untracked(repo.root, asked=asked))  # folders holding untracked or ignored files
    for folder in folders:
        facts = repo.cross[folder] = cross(repo.projects.get(folder) or Project(folder, f"{FILINGS}/{folder}"))
        if folder in trees and folder not in dirty and loose is not None and folder not in loose:
            index.put(folder, f"t:{trees[folder]}", facts)
    index.keep_only(folders)
    index.save()


def _unstaged(root: Path, asked: filecache.Asked | None = None) -> dict[str, str] | None:
    try:
        return filecache.unstaged_changes(root, asked=asked)
    except (OSError, subprocess.CalledProcessError):
        return None  # not a Git repository: no blob ids, no cross index


def _folders_of(paths: Iterable[str] | None) -> set[str] | None:
    """The project folders these paths (under filings/<folder>/) lie in."""
    return None if paths is None else {p.split("/", 2)[1] for p in paths if p.count("/") >= 2}


def _projects(results: Iterable[Result]) -> dict[str, Project]:
    projects: dict[str, Project] = {}
    for filing, _ in sorted(results, key=lambda r: r[0].path):
        projects.setdefault(filing.folder, Project(filing.folder, filing.path.rsplit("/", 1)[0])).filings.append(filing)
    return projects


def _source(rel: str) -> bool:
    return _classify(rel) == "filing" and rel.rsplit("/", 1)[-1].startswith(CROSS_SOURCES)


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Reading builds tens of thousands of long-lived objects and almost no garbage; with the
    collector on, each of its passes rescans them all (a third of a large check's time)."""
    enabled = gc.isenabled()
    gc.disable()
    gc.unfreeze()  # a long-running process (filings serve) loads again: the last reading may be collected
    try:
        yield
    finally:
        gc.freeze()  # what was read lives until the end: later passes of the collector skip it
        if enabled:
            gc.enable()


def _folder(rel: str) -> str:
    return rel.rsplit("/", 2)[-2]


class _Checker:
    """check_file behind the cache: a file whose blob, path, folder listing, registry and
    checker are unchanged is not read again.

    A cached result is computed as if today were far in the future (no E207), with the
    latest date of a recorded fact kept beside it: when that date is after --as-of the
    file is checked afresh, so cached results never depend on --as-of."""

    def __init__(self, root: Path, ctx: CheckContext, registry_raw: bytes | None, use: bool,
                 folder: Path | None, bodies: Callable[[str], bool] | None, under: str | list[str] = FILINGS,
                 unstaged: dict[str, str] | None = None, asked: filecache.Asked | None = None) -> None:
        self.root, self.ctx, self.bodies = root, ctx, bodies
        self.where = str(root)
        self.store = (filecache.FilingCache.open(root, filecache.fingerprint(registry_raw or b""), folder)
                      if use else None)
        self.unstaged = unstaged
        self.blobs = filecache.blob_ids(root, under, unstaged, asked) if self.store is not None else {}
        self.timeless = replace(ctx, as_of=dt.date.max)
        self.ready: dict[str, tuple[Filing, list[Problem]]] = {}  # checked by prefetch's workers
        self._listing: dict[str, str] | None = None

    def add_blobs(self, folders: list[str]) -> None:
        """Blob ids of more project folders (a scoped load reads folders as it finds it needs them)."""
        if self.store is not None and folders:
            self.blobs.update(filecache.blob_ids(
                self.root, FILINGS if len(folders) > MANY_FOLDERS else [f"{FILINGS}/{f}" for f in folders], self.unstaged))

    def add_files(self, more: set[str]) -> None:
        """Files listed after the checker started (a scoped load lists folders as it needs them)."""
        files = self.ctx.files
        assert isinstance(files, set)
        files |= more
        self._listing = None

    def check(self, rel: str, body: bool, bar: progress.Stage | None = None) -> tuple[Filing, list[Problem]]:
        if rel in self.ready:
            return self.ready.pop(rel)
        if bar is not None:
            bar.advance()
        if self.store is None:
            return _check_guarded(rel, self.root, self.ctx, body)
        hit = self.cached(rel, body)
        if hit is not None:
            return hit
        got = self.compute(rel, body)
        if got is None:
            return _check_guarded(rel, self.root, self.ctx, body)
        key, entry, real = got
        self.store.put(key, entry)
        return real or (entry[2], entry[3])

    def cached(self, rel: str, body: bool) -> tuple[Filing, list[Problem]] | None:
        blob = self.blobs.get(rel)
        if not blob or self.fresh(rel, body):
            return None
        hit = self.store.get(filecache.keys([blob, rel, self._folder_digest(rel)], _folder(rel))) if self.store else None
        return (hit[2], hit[3]) if _usable(hit, body, self.ctx.as_of) else None

    def fresh(self, rel: str, body: bool) -> bool:
        """Whether the caller needs this file's Body object, which the cache does not keep."""
        return body and self.bodies is not None and self.bodies(rel)

    def compute(self, rel: str, body: bool) -> tuple[str, tuple[Any, ...], tuple[Filing, list[Problem]] | None] | None:
        """(cache key, cache entry, the result for --as-of when it differs from the entry's)."""
        try:
            raw = read_regular(os.path.join(self.where, rel))
        except OSError:
            return None
        key = filecache.keys([filecache.git_blob_id(raw), rel, self._folder_digest(rel)], _folder(rel))
        filing, found = _check_guarded(rel, self.root, self.timeless, body, raw)
        latest = _latest_fact(filing)
        kept = filing if self.fresh(rel, body) else replace(filing, body=None)
        entry = (body, latest, replace(kept, body=None), found)
        real = None
        if latest is not None and latest > self.ctx.as_of:
            real = _check_guarded(rel, self.root, self.ctx, body, raw)
        return key, entry, real or ((kept, found) if kept.body is not None else None)

    def prefetch(self, items: list[tuple[str, bool]], bar: progress.Stage) -> None:
        """Check the files the cache lacks in worker processes, one per processor: a cold
        check of a large district is mostly Markdown parsing, which shares nothing."""
        if self.store is None:
            return
        misses = []
        cold = self.store.empty()  # nothing to look up: every file is a miss
        for rel, body in items:
            hit = None if cold or self.fresh(rel, body) else self.cached(rel, body)
            if hit is not None:
                self.ready[rel] = hit
                bar.advance()
            elif not self.fresh(rel, body):
                misses.append((rel, body))
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        if len(misses) < PARALLEL_MIN or workers < 2:
            return
        global _JOB
        _JOB = self
        chunks = [misses[i:i + PARALLEL_CHUNK] for i in range(0, len(misses), PARALLEL_CHUNK)]
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                for results in pool.map(_work, chunks):
                    for rel, key, entry, real in results:
                        self.store.put_bytes(key, entry)
                        value = pickle.loads(real or entry)
                        self.ready[rel] = value if real else (value[2], value[3])
                        bar.advance()
        except Exception:  # noqa: BLE001 - no workers (sandbox, memory): check in this process
            pass
        finally:
            _JOB = None

    def save(self) -> None:
        if self.store is not None:
            self.store.save()

    def _folder_digest(self, rel: str) -> str:
        """What a filing's links may point at: the files of its own project folder."""
        if self._listing is None:
            grouped: dict[str, list[str]] = {}
            for path in sorted(self.ctx.files):
                parts = path.split("/", 2)
                if len(parts) == 3:
                    grouped.setdefault(parts[1], []).append(path)
            # attachments are checked by their bytes (E316): their blob ids (or, for files git
            # does not know as they are, size and mtime) are part of the key
            self._listing = {k: hashlib.sha1("\0".join(f"{p}\1{self._version(p)}" for p in v).encode()).hexdigest()
                             for k, v in grouped.items()}
        return self._listing.get(_folder(rel), "")

    def _version(self, path: str) -> str:
        if path in self.blobs:
            return self.blobs[path]
        try:
            st = os.lstat(self.root / path)
        except OSError:
            return ""
        return f"{st.st_size}:{st.st_mtime_ns}"


PARALLEL_MIN = 1000  # fewer files than this are checked faster than worker processes start
PARALLEL_CHUNK = 250
_JOB: _Checker | None = None  # the checker a forked worker inherits


def _work(chunk: list[tuple[str, bool]]) -> list[tuple[str, str, bytes, bytes | None]]:
    """In a worker: check each file; return pickled cache entries (and --as-of results)."""
    assert _JOB is not None
    out = []
    for rel, body in chunk:
        got = _JOB.compute(rel, body)
        if got is not None:
            key, entry, real = got
            out.append((rel, key, pickle.dumps(entry, pickle.HIGHEST_PROTOCOL),
                        pickle.dumps(real, pickle.HIGHEST_PROTOCOL) if real else None))
    return out


def _usable(hit: Any, body: bool, as_of: dt.date) -> TypeGuard[tuple[Any, ...]]:
    return (isinstance(hit, tuple) and len(hit) == 4 and (hit[0] or not body)
            and (hit[1] is None or hit[1] <= as_of) and isinstance(hit[2], Filing))


def _latest_fact(filing: Filing) -> dt.date | None:
    """The latest date that E207 compares with today (dates of plans may lie ahead)."""
    values = [*filing.data.items()] + [item for r in filing.resources for item in r.data.items()]
    dates = [v for k, v in values if isinstance(v, dt.date) and k not in FUTURE_OK]
    return max(dates, default=None)


def _filing_type(name: str) -> FilingType:
    return FILING_TYPES[name]


# Cached filings name their type; the schema object itself is never pickled.
copyreg.pickle(FilingType, lambda t: (_filing_type, (t.name,)))


def _check_guarded(rel: str, root: Path, ctx: CheckContext, body: bool = True,
                   raw: bytes | None = None) -> tuple[Filing, list[Problem]]:
    """A bug in a check must never become a traceback for the clerk, nor hide other files."""
    try:
        return check_file(rel, read_regular(root / rel) if raw is None else raw, ctx, body)
    except OSError as exc:
        problem = error(rel, None, None, "E100", f"无法读取文件：{exc.strerror}")
    except Exception as exc:  # noqa: BLE001 - reported as a problem, never swallowed
        problem = error(rel, None, None, "E100",
                        f"检查本文件时程序内部出错（{type(exc).__name__}）：请把本文件发给维护人员；其他文件照常检查")
    folder = rel.rsplit("/", 2)[-2]
    return Filing(rel, folder, None, valid=False), [problem]


def _read_head(root: str, rel: str, size: int = 8) -> bytes:
    """The first bytes of an attachment, for its type signature (never through a symlink)."""
    fd = os.open(os.path.join(root, rel), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        return os.read(fd, size)
    finally:
        os.close(fd)


def _scan(root: Path, only: set[str] | None = None) -> tuple[set[str], list[Problem], set[str]]:
    """Regular files under filings/, listed without following any link, and the names of the
    project folders. A symbolic link (file, attachment or folder), a special file or a name with
    a control character is an error and is never read: a link could publish any file of the
    machine (spec §5a: a symlink is never a filing). With `only`, just those project folders
    are listed (and the files directly under filings/)."""
    base = root / FILINGS
    if base.is_symlink():
        return set(), [_link_problem(FILINGS, base)], set()
    if not base.is_dir():
        return set(), [], set()
    files: set[str] = set()
    problems: list[Problem] = []
    folders: set[str] = set()
    _list(base, FILINGS, files, problems, folders)
    for folder in sorted(folders if only is None else folders & only):
        listed, found = _scan_folder(root, folder)
        files |= listed
        problems.extend(found)
    return files, problems, folders


def _scan_folder(root: Path, folder: str) -> tuple[set[str], list[Problem]]:
    """The files of one project folder, its subfolders included (see _scan)."""
    files: set[str] = set()
    problems: list[Problem] = []
    todo = [(root / FILINGS / folder, f"{FILINGS}/{folder}")]
    while todo:
        path, rel = todo.pop()
        todo.extend(_list(path, rel, files, problems))
    return files, problems


def _list(folder: Path, rel_folder: str, files: set[str], problems: list[Problem],
          names: set[str] | None = None) -> list[tuple[Path, str]]:
    """One folder's entries: files go to `files`, defects to `problems`; its subfolders are
    returned (or, given `names`, only named there)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        problems.append(error(rel_folder, None, None, "E100", f"无法读取文件夹：{exc.strerror}"))
        return []
    subfolders = []
    for entry in entries:
        rel = f"{rel_folder}/{entry.name}"
        bad = chars.first_forbidden(entry.name, in_name=True)
        if bad is not None:
            problems.append(error(chars.escape(rel), None, None, "E408",
                                  f"文件名或文件夹名含有{chars.describe(bad[1])}：请改名，只用文字、数字和 - _ . 等符号"))
        elif entry.is_symlink() or not (entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False)):
            problems.append(_link_problem(rel, Path(entry.path)))
        elif entry.name.startswith("."):
            continue
        elif entry.is_dir(follow_symlinks=False):
            if names is not None:
                names.add(entry.name)
            else:
                subfolders.append((Path(entry.path), rel))
        else:
            files.add(rel)
    return subfolders


def _link_problem(rel: str, path: Path) -> Problem:
    if path.is_symlink():
        return error(rel, None, None, "E407", "这是符号链接：备案、附件和文件夹都必须是实际的文件，"
                     "链接不会被读取或发布；请删除链接，把文件本身放进来", "第三十二条")
    return error(rel, None, None, "E407", "这不是普通文件（命名管道、设备等），不会被读取：请删除它", "第三十二条")


_NO_FOLLOW = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def read_regular(path: Path | str, limit: int = limits.MAX_FILE_BYTES) -> bytes:
    """At most limit + 1 bytes of a regular file, never through a symbolic link (OSError otherwise):
    the checks see that a file is over its limit without the whole file ever being read.
    Plain descriptors, no file object: a large district reads 80,000 files."""
    fd = os.open(path, _NO_FOLLOW)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "不是普通文件")
        parts = []
        left = limit + 1
        while left > 0:
            got = os.read(fd, left)
            if not got:
                break
            parts.append(got)
            left -= len(got)
        return parts[0] if len(parts) == 1 else b"".join(parts)
    finally:
        os.close(fd)


def load_calendar(path: Path | None, rel_path: str = CALENDAR) -> tuple[CalendarFile, list[Problem]]:
    """calendar.yml read (reading/calendar.py), each defect an error at its place."""
    try:
        data = path.read_bytes() if path is not None and path.exists() else None
    except OSError:
        return CalendarFile(rel_path=rel_path), [error(rel_path, None, None, "E701",
                                                       "无法读取此文件，请确认它是 UTF-8 编码的 YAML 文件")]
    calendar_file, found = read_calendar(data, rel_path)
    return calendar_file, [error(rel_path, f.line, f.column if f.line else None, f.code, f.message) for f in found]


def _guard_calendar(root: Path, files: AbstractSet[str]) -> tuple[Path | None, list[Problem]]:
    """calendar.yml is parsed by reading/calendar.py: its size and nesting are checked here first."""
    if CALENDAR not in files:
        return None, []
    try:
        raw = read_regular(root / CALENDAR)
    except OSError as exc:
        return None, [error(CALENDAR, None, None, "E701", f"无法读取文件：{exc.strerror}")]
    found = limits.file_too_big(len(raw))
    if found is None:
        found = limits.structure(raw.decode("utf-8", errors="replace"), 0)
    if found is None:
        return root / CALENDAR, []
    return None, [error(CALENDAR, found.line, found.column if found.line else None, found.code, found.message)]


def _classify(rel: str) -> str:
    parts = rel.split("/")
    if len(parts) == 2:
        return "ignored" if parts[1] in IGNORED_TOP or not parts[1].endswith(".md") else "stray"
    if len(parts) == 3 and parts[2].endswith(".md") and parts[2] != "README.md":
        return "filing"
    return "attachment"


def _answers(project: Project) -> list[Problem]:
    """第三十条: an 整改报告 answers a 监管措施 of its own project, named by file name."""
    measures = {f.name for f in project.of_type("监管措施")}
    found = []
    for report in project.of_type("整改报告"):
        target = report.get("对应措施")
        if target and target not in measures:
            known = "、".join(sorted(measures)) or "（本项目没有监管措施）"
            found.append(error(report.path, report.line("对应措施"), report.column("对应措施"), "E414",
                               f"对应措施“{target}”不是本项目文件夹中的监管措施：整改报告须答复本项目已备案的监管措施，"
                               f"可选 {known}", "第三十条"))
    return found


def _check_folders(repo: Repository) -> list[Problem]:
    found: list[Problem] = []
    for project in repo.projects.values():
        if repo.scope is not None and project.id not in repo.scope:
            continue
        first = project.filings[0].path
        m = PROJECT_FOLDER.match(project.id)
        if not m:
            found.append(error(first, None, None, "E401",
                               f"项目文件夹名“{project.id}”不合规：应为 申报年度-部门代码-两位序号，例如 2025-SHSY-01"))
            continue
        year, code, _ = m.groups()
        app = project.application
        if app is None:
            # 第六条: a project of 2023 or before files only what it does from now on (拟验收项目 the
            # acceptance report), so its folder may lack the application it made before the Measures.
            if int(year) > TRANSITION_YEAR and not any(f.type is None for f in project.filings):
                found.append(error(first, None, None, "E409",
                                   f"项目 {project.id} 没有 立项申请.md：每个项目文件夹须先有立项申请", "第六条"))
            continue
        unit, declared = app.get("建设单位"), app.get("申报年度")
        if unit and unit != code:
            found.append(error(app.path, app.line("建设单位"), app.column("建设单位"), "E410",
                               f"建设单位 {unit} 与项目编号中的部门代码 {code} 不一致：项目按建设单位编号"))
        if declared and str(declared) != year:
            found.append(error(app.path, app.line("申报年度"), app.column("申报年度"), "E410",
                               f"申报年度 {declared} 与项目编号中的年度 {year} 不一致"))
        found.extend(_answers(project))
        if len(project.of_type("立项申请")) > 1:
            extra = project.of_type("立项申请")[1]
            found.append(error(extra.path, extra.line(), 1, "E411", "一个项目只能有一份立项申请：变更请提交 调整申请", "第十六条"))
    return found
