"""A content-addressed cache of what `check` derives from each file.

Keys are git blob ids (`git ls-files -s` lists them without reading a file; a file that
differs from the index is hashed the way git hashes it, so the keys agree) combined by
the caller with whatever else the value depends on. Values are pickled; the cache lives
inside the repository's own `.git/` folder (or a folder the user names), never in the
work tree, so it is never committed and only the repository's owner can write it.

Trust model: pickle runs code when it loads, so a cache file is only read from the place
this module chose, and only when its header names this format and this checker's
fingerprint. Anything else — a missing, truncated, garbled or foreign file — counts as
an empty shard and is rebuilt. Writes go to a temporary file first and then replace the
shard with os.replace, so a crash leaves either the old shard or the new one.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ENV = "FILINGS_CACHE_DIR"
FOLDER = "filings-cache"
MAGIC = b"filings-cache 1\n"
SHARDS = 256  # by the key's first two hex digits (see keys): an edit rewrites one small shard


def git_blob_id(data: bytes) -> str:
    """Git's object id of a blob with these bytes (what `git hash-object` prints)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def blob_ids(root: Path, under: str | Sequence[str] = "filings",
             unstaged: Iterable[str] | None = None, asked: Asked | None = None) -> dict[str, str]:
    """Path (relative to `root`) -> blob id, for files whose work-tree content is the index's.

    Files that are modified, unmerged, untracked or outside Git are left out: the caller
    hashes their bytes with git_blob_id. Nothing is read but the index (git compares stat data).
    `under`: a folder, or a list of them; `unstaged`: the paths unstaged_changes gave, when known.
    """
    specs = [under] if isinstance(under, str) else list(under)
    if not specs:
        return {}
    try:
        staged = _git(root, *_listed(specs), asked=asked)
        modified = set(unstaged) if unstaged is not None else set(
            _git(root, "ls-files", "-m", "-z", "--", *specs).split("\0"))
    except (OSError, subprocess.CalledProcessError):
        return {}
    found: dict[str, str] = {}
    for record in staged.split("\0"):
        meta, _, path = record.partition("\t")
        parts = meta.split(" ")
        if len(parts) == 3 and parts[2] == "0" and path not in modified:
            found[path] = parts[1]
    return found


def head_trees(root: Path, under: str = "filings", asked: Asked | None = None) -> dict[str, str]:
    """Folder name -> the git tree id of `under`/folder at HEAD ({} outside Git or before the first commit).
    A tree id names the folder's whole content: files, names and attachments."""
    try:
        out = _git(root, *_trees(under), asked=asked)
    except (OSError, subprocess.CalledProcessError):
        return {}
    found: dict[str, str] = {}
    for record in out.split("\0"):
        meta, _, path = record.partition("\t")
        parts = meta.split(" ")
        if len(parts) == 3 and parts[1] == "tree":
            found[path.rsplit("/", 1)[-1]] = parts[2]
    return found


def dirty_paths(root: Path, unstaged: dict[str, str] | None = None, under: str = "filings",
                asked: Asked | None = None) -> set[str] | None:
    """Tracked paths under `under` whose index or work-tree content differs from HEAD (staged or
    not; untracked files are not listed). None outside Git. Git compares stat data; nothing is read.
    `unstaged`: unstaged_changes(root, under), when the caller has asked git already."""
    try:
        staged = staged_changes(root, "HEAD", under, asked)
        if unstaged is None:
            unstaged = unstaged_changes(root, under)
    except (OSError, subprocess.CalledProcessError):
        return None
    return set(staged) | set(unstaged)


def staged_changes(root: Path, commit: str, under: str = "filings", asked: Asked | None = None) -> dict[str, str]:
    """Path (relative to `root`) -> git's status letter (A, D, M, T) from `commit` to the index:
    trees only, no stat."""
    return _letters(_git(root, *_staged(commit, under), asked=asked))


def unstaged_changes(root: Path, under: str = "filings", asked: Asked | None = None) -> dict[str, str]:
    """Path -> git's status letter (D, M, T) from the index to the work tree (`git diff-files`:
    one stat per tracked file, so a caller asks once and passes the answer on)."""
    return _letters(_git(root, *_unstaged(under), asked=asked))


def _letters(out: str) -> dict[str, str]:
    fields = [f for f in out.split("\0") if f]
    return {path: letter[0] for letter, path in zip(fields[::2], fields[1::2], strict=False)}


def untracked(root: Path, under: str | Sequence[str] = "filings", asked: Asked | None = None) -> set[str] | None:
    """Files under `under` (a folder or several) that git does not track, ignored ones included;
    None outside Git."""
    specs = [under] if isinstance(under, str) else list(under)
    try:
        return {p for p in _git(root, *_untracked(specs), asked=asked).split("\0") if p}
    except (OSError, subprocess.CalledProcessError):
        return None


# The git commands above, as argument tuples: Asked starts them early, _git runs them when not.
def _listed(specs: Sequence[str]) -> tuple[str, ...]:
    return ("ls-files", "-s", "-z", "--", *specs)


def _trees(under: str) -> tuple[str, ...]:
    return ("ls-tree", "-z", "HEAD", "--", f"{under}/")


def _staged(commit: str, under: str) -> tuple[str, ...]:
    return ("diff-index", "--cached", "--relative", "--no-renames", "--name-status", "-z", commit, "--", under)


def _unstaged(under: str) -> tuple[str, ...]:
    return ("diff-files", "--relative", "--no-renames", "--name-status", "-z", "--", under)


def _untracked(specs: Sequence[str]) -> tuple[str, ...]:
    return ("ls-files", "-o", "-z", "--", *specs)


class Asked:
    """The git questions a full load of `under` asks (status, blob ids, HEAD's trees, untracked
    files), started together before it lists and reads any file: git stats and walks the work
    tree (a third of a second at 10,000 projects) while Python lists the folders. Each answer is
    read by the function that would otherwise have run the command, with the same arguments."""

    def __init__(self, root: Path, under: str = "filings") -> None:
        commands = [_unstaged(under), _listed([under]), _trees(under), _staged("HEAD", under), _untracked([under])]
        self.running: dict[tuple[str, ...], subprocess.Popen[bytes]] = {}
        for args in commands:
            try:
                self.running[args] = subprocess.Popen(["git", "-c", "core.quotepath=off", *args], cwd=root,
                                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            except OSError:
                break  # no git: each function runs its own command and finds the same

    def take(self, args: tuple[str, ...]) -> str | None:
        """The answer to `args` if it was asked (CalledProcessError when git failed), else None."""
        proc = self.running.pop(args, None)
        if proc is None:
            return None
        out, _ = proc.communicate()
        if proc.returncode:
            raise subprocess.CalledProcessError(proc.returncode, ["git", *args])
        return out.decode("utf-8", "surrogateescape")

    def close(self) -> None:
        """Wait for the answers nobody read (a load that stopped early), leaving no zombie."""
        for args in list(self.running):
            with contextlib.suppress(subprocess.CalledProcessError):
                self.take(args)


def _git(root: Path, *args: str, asked: Asked | None = None) -> str:
    got = asked.take(args) if asked is not None else None
    if got is not None:
        return got
    out = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True, check=True)
    return out.stdout.decode("utf-8", "surrogateescape")


def default_dir(root: Path) -> Path | None:
    """$FILINGS_CACHE_DIR, else <git common dir>/filings-cache, else None (no cache outside Git)."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    try:
        common = _git(root, "rev-parse", "--git-common-dir").strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return (root / common).resolve() / FOLDER if common else None


# What a file's check result depends on: the code that reads and checks one file, and the
# schema. The engine, views and sites are not cached, so editing them keeps the cache.
CHECKER_CODE = ("checks", "reading", "schema", "model.py", "problems.py", "repository.py", "cache.py",
                "engine/cross.py")


def fingerprint(*parts: bytes) -> str:
    """The checker's version: its source code (CHECKER_CODE), Python, the YAML parser and `parts`."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    sources = [p for name in CHECKER_CODE for p in ([package / name] if name.endswith(".py")
                                                       else sorted((package / name).rglob("*.py")))]
    for source in sources:
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    import yaml  # the C parser and the pure one differ in marks of some errors

    digest.update(f"{sys.version_info[:3]}|{yaml.__version__}|{yaml.__with_libyaml__}".encode())
    for part in parts:
        digest.update(b"\0" + hashlib.sha256(part).digest())
    return digest.hexdigest()[:32]


class FilingCache:
    """Shards of {key: pickled value} under one folder per checker fingerprint."""

    def __init__(self, folder: Path, version: str) -> None:
        self.folder = folder / version
        self.version = version.encode()
        self._shards: dict[str, dict[str, bytes]] = {}
        self._dirty: set[str] = set()
        self._parent = folder

    @classmethod
    def open(cls, root: Path, version: str, folder: Path | None = None) -> FilingCache | None:
        """The cache for `root`, or None when there is nowhere private to keep one."""
        where = folder or default_dir(root)
        return cls(where, version) if where is not None else None

    def empty(self) -> bool:
        """Nothing kept yet for this checker version (a first run, or the cache was deleted)."""
        return not self._shards and not self.folder.is_dir()

    def get(self, key: str) -> Any | None:
        raw = self._shard(key[:2]).get(key)
        if raw is None:
            return None
        try:
            return pickle.loads(raw)
        except Exception:  # noqa: BLE001 - a damaged entry is a miss, never a crash
            return None

    def put(self, key: str, value: Any) -> None:
        shard = key[:2]
        self._shard(shard)[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._dirty.add(shard)

    def put_bytes(self, key: str, pickled: bytes) -> None:
        """put() for a value another process has pickled already."""
        shard = key[:2]
        self._shard(shard)[key] = pickled
        self._dirty.add(shard)

    def save(self) -> None:
        """Write the changed shards atomically; a cache that cannot be written is just not kept."""
        if not self._dirty:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.prune()
            for shard in sorted(self._dirty):
                self._write(shard, self._shards[shard])
        except OSError:
            pass
        self._dirty.clear()

    def _shard(self, name: str) -> dict[str, bytes]:
        if name not in self._shards:
            self._shards[name] = self._read(name)
        return self._shards[name]

    def _read(self, name: str) -> dict[str, bytes]:
        shard = self.load_file(f"{name}.pickle")
        if not isinstance(shard, dict) or not all(isinstance(v, bytes) for v in shard.values()):
            return {}
        return shard

    def _write(self, name: str, shard: dict[str, bytes]) -> None:
        self.write_file(f"{name}.pickle", shard)

    def load_file(self, name: str) -> Any:
        """The pickled value of one file of this folder; None when missing, foreign or damaged."""
        try:
            data = (self.folder / name).read_bytes()
        except OSError:
            return None
        head = MAGIC + self.version + b"\n"
        if not data.startswith(head):
            return None
        enabled = gc.isenabled()
        gc.disable()  # many small objects: the collector would rescan them again and again
        try:
            return pickle.loads(data[len(head):])
        except Exception:  # noqa: BLE001 - truncated or garbled: rebuilt from the files
            return None
        finally:
            if enabled:
                gc.enable()

    def write_file(self, name: str, value: Any) -> None:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(MAGIC + self.version + b"\n")
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.folder / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def prune(self) -> None:
        """Drop the shards of other checker versions: they can never be read again."""
        for other in self._parent.iterdir():
            if other.is_dir() and other != self.folder and len(other.name) == 32:
                for stale in other.iterdir():
                    stale.unlink(missing_ok=True)
                other.rmdir()


class CrossIndex:
    """One file, `cross.pickle`: {project folder: (content digest, that project's CrossFacts)}.

    The digest is "t:" + the folder's git tree id at HEAD, used only for a folder whose files
    are exactly HEAD's (no staged, unstaged or untracked change): a hook then finds every other
    project's CrossFacts in one small read, without listing or reading their files."""

    NAME = "cross.pickle"

    def __init__(self, store: FilingCache) -> None:
        self.store = store
        self.entries: dict[str, tuple[str, Any]] = self._read()
        self.dirty = False

    def get(self, folder: str, digest: str) -> Any | None:
        got = self.entries.get(folder)
        return got[1] if got is not None and got[0] == digest else None

    def put(self, folder: str, digest: str, facts: Any) -> None:
        if self.entries.get(folder) != (digest, facts):
            self.entries[folder] = (digest, facts)
            self.dirty = True

    def keep_only(self, folders: set[str]) -> None:
        """Forget projects that no longer exist (a full load knows them all)."""
        gone = set(self.entries) - folders
        for folder in gone:
            del self.entries[folder]
        self.dirty = self.dirty or bool(gone)

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            self.store.folder.mkdir(parents=True, exist_ok=True)
            self.store.prune()
            self.store.write_file(self.NAME, self.entries)
        except (OSError, pickle.PicklingError):
            pass
        self.dirty = False

    def _read(self) -> dict[str, tuple[str, Any]]:
        got = self.store.load_file(self.NAME)
        if not isinstance(got, dict):
            return {}
        return {k: v for k, v in got.items()
                if isinstance(k, str) and isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str)}


def keys(parts: Iterable[str], group: str = "") -> str:
    """One cache key from several strings. The first two hex digits, which choose the shard, come
    from `group` (the project folder): a hook that reads a few dozen projects opens a few dozen
    shards, not all of them; without a group, from the first part (a blob id)."""
    items = list(parts)
    shard = hashlib.sha1(group.encode()).hexdigest()[:2] if group else items[0][:2]
    return shard + items[0] + ":" + hashlib.sha1("\0".join(items[1:]).encode()).hexdigest()[:20]
