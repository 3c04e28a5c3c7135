"""Git history: the git-aware errors of spec §5 and each filing's change log (§7).

The only module that uses GitPython. Paths come from tree traversal and from
`git log -z`, which prints names verbatim, so Chinese folder and file names
are never seen in git's quoted form (core.quotepath).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import git
from git.objects import Blob, Commit

from .checks.filing import Context, check_file
from .model import Filing
from .problems import Problem, error
from .repository import FILINGS, Repository, _classify

ARTICLE = "第十六条"
PASSED = ("通过", "修改后通过")
KEY_FIELDS = ("项目名称", "申报总投资", "项目类别")
PLAN = "建设方案"
BUDGET_TABLE = "项目概算表"
# Which 调整事项 of 第十六条 lets each key change (the district's reading): the budget and its table
# need 项目预算; the name, the category and the rest of the plan need a change of content.
COVERED_BY = {
    "项目名称": ("建设目标", "主要建设内容"),
    "申报总投资": ("项目预算",),
    "项目类别": ("建设目标", "主要建设内容"),
    BUDGET_TABLE: ("项目预算",),
    PLAN: ("主要建设内容", "建设目标", "建设地点", "项目预算", "建设进度"),
}
_LOG_FORMAT = "%x01%h%x00%aN%x00%aE%x00%aI%x00%s"


class HistoryError(Exception):
    """A --base that cannot be read; the CLI turns it into exit code 2."""


@dataclass(frozen=True)
class Change:
    commit: str  # short sha
    author: str
    email: str
    date: dt.datetime  # author date, with the author's UTC offset
    summary: str


# --- git-aware errors (--base) ------------------------------------------------

def git_errors(repo: Repository, base: str) -> list[Problem]:
    """E501 deleted filings and E502 rewritten approved applications, against `base`.

    git itself lists what changed (`git diff --name-status -z`, names verbatim), and only the
    changed applications and their projects' reviews are read back from `base`: a clerk's
    commit in a district of thousands of filings parses a handful of old files.
    """
    handle, prefix = _open(repo.root)
    if _unborn(handle, base):
        return []  # the first commit: nothing is on the branch yet
    commit = _resolve(handle, base)
    status = _changed(handle, commit, prefix)
    gone = sorted(p for p, s in status.items() if s == "D" and _classify(p) == "filing")
    problems = list(_deleted(repo, base, {p: _blob(commit, prefix, p) for p in gone}))
    changed = {p for p, s in status.items() if s == "M" and p.endswith("/立项申请.md")}
    if changed:
        wanted = {p: _blob(commit, prefix, p) for p in changed}
        for folder in {p.rsplit("/", 1)[0] for p in changed}:
            wanted.update(_reviews_at(commit, prefix, folder))
        ctx = Context(repo.registry, max(repo.as_of, commit.committed_datetime.date()), repo.files)
        before = {path: check_file(path, blob.data_stream.read(), ctx)[0] for path, blob in wanted.items()}
        problems.extend(_rewritten(repo, before))
    return problems


def changed_since(root: Path, base: str) -> set[str]:
    """Filings that differ from `base` in the work tree (cheap: git compares, nothing is parsed)."""
    handle, prefix = _open(root)
    if _unborn(handle, base):
        return set()
    return set(_changed(handle, _resolve(handle, base), prefix))


def _changed(handle: git.Repo, commit: Commit, prefix: str) -> dict[str, str]:
    """Filing-root path -> git status letter (M, D, A …) between `commit` and the work tree."""
    out = handle.git.diff("--name-status", "-z", "--no-renames", commit.hexsha, "--", _join(prefix, FILINGS))
    fields = [f for f in out.split("\0") if f]
    return {_relative(path, prefix): letter[0] for letter, path in zip(fields[::2], fields[1::2])}


def _blob(commit: Commit, prefix: str, path: str) -> Blob:
    return commit.tree / _join(prefix, path)


def _reviews_at(commit: Commit, prefix: str, folder: str) -> dict[str, Blob]:
    """The project's 评审意见 files at `commit`: they say whether the application was approved."""
    try:
        tree = commit.tree / _join(prefix, folder)
    except KeyError:
        return {}
    return {_relative(str(b.path), prefix): b for b in tree.blobs if b.name.startswith("评审意见")}


def _open(root: Path) -> tuple[git.Repo, str]:
    """The repository and the filing root's path inside its work tree ('' at the top)."""
    try:
        handle = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise HistoryError(f"{root} 不在 Git 仓库中：--base 只能在 Git 仓库里使用") from None
    if handle.working_tree_dir is None:
        raise HistoryError(f"{root} 是没有工作区的裸仓库：请在检出的仓库中运行")
    prefix = root.resolve().relative_to(Path(handle.working_tree_dir).resolve()).as_posix()
    return handle, "" if prefix == "." else prefix


def _unborn(handle: git.Repo, base: str) -> bool:
    """Whether `base` names the branch of a repository that has no commit yet."""
    if handle.head.is_valid():
        return False
    try:
        branch = handle.head.reference
    except TypeError:  # a detached HEAD always points at a commit
        return False
    return base in ("HEAD", "@", branch.name, branch.path)


def _resolve(handle: git.Repo, base: str) -> Commit:
    try:
        return handle.commit(base)
    except (git.BadName, git.BadObject, git.GitCommandError, ValueError, IndexError):
        raise HistoryError(f"找不到 Git 版本“{base}”：--base 应为分支、标签或提交号，例如 --base origin/main"
                           f"（在 CI 中请先 git fetch origin main）") from None


def _deleted(repo: Repository, base: str, before: dict[str, Blob]) -> Iterator[Problem]:
    gone = sorted(before)
    moved = _new_paths_by_content(repo, before) if gone else {}
    for path in gone:
        target = moved.get(before[path].hexsha)
        renamed = f"（内容与 {target} 相同：已入库的备案也不能改名）" if target else ""
        yield error(path, None, None, "E501",
                    f"删除了主分支上已有的备案{renamed}：备案库只增不删，已记录的事实不能撤回。"
                    f"请恢复该文件（git checkout {base} -- \"{path}\"）；如需更正，另行提交一份新的备案说明情况",
                    "第三十二条")


def _new_paths_by_content(repo: Repository, before: dict[str, Blob]) -> dict[str, str]:
    """Blob id -> a filing that is new in the work tree, so a rename can be named as such."""
    new = sorted(p for p in repo.files if _classify(p) == "filing")  # read only when something was deleted
    return {_blob_id((repo.root / p).read_bytes()): p for p in reversed(new)}


def _blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # git's object id


def _rewritten(repo: Repository, before: dict[str, Filing]) -> Iterator[Problem]:
    now = {f.path: f for f in repo.filings}
    for folder, old_filings in _by_folder(before.values()).items():
        approved_on = _approval(old_filings)
        if approved_on is None:
            continue
        project = repo.projects.get(folder)
        covered = _adjusted(project.filings if project else [], approved_on)
        for old in old_filings:
            new = now.get(old.path)
            if old.type_name == "立项申请" and new is not None and new.type_name == "立项申请":
                yield from _compare(old, new, covered)


def _by_folder(filings: Iterable[Filing]) -> dict[str, list[Filing]]:
    grouped: dict[str, list[Filing]] = {}
    for f in filings:
        grouped.setdefault(f.folder, []).append(f)
    return grouped


def _passed_review(f: Filing, scope: str) -> bool:
    return f.type_name == "评审意见" and f.get("评审范围") == scope and f.get("评审结论") in PASSED


def _approval(filings: Iterable[Filing]) -> dt.date | None:
    """The day the application was first approved (评审范围 立项, passed), or None."""
    days = [f.get("评审日期") or dt.date.min for f in filings if _passed_review(f, "立项")]
    return min(days) if days else None


def _adjusted(filings: list[Filing], approved_on: dt.date) -> set[str]:
    """调整事项 passed after approval. As in the engine's baselines, a 调整 review decides every
    request still pending on its day, whether it passes them or not."""
    pending = sorted((f for f in filings if f.type_name == "调整申请" and f.get("填报日期")),
                     key=lambda f: (f.get("填报日期"), f.path))
    reviews = sorted((f for f in filings if f.type_name == "评审意见" and f.get("评审范围") == "调整"
                      and f.get("评审日期")), key=lambda f: (f.get("评审日期"), f.path))
    covered: set[str] = set()
    for review in reviews:
        day = review.get("评审日期")
        decided = [f for f in pending if f.get("填报日期") <= day]
        pending = [f for f in pending if f not in decided]
        if _passed_review(review, "调整") and day >= approved_on:
            covered.update(item for f in decided for item in f.get("调整事项") or [])
    return covered


def _compare(old: Filing, new: Filing, covered: set[str]) -> Iterator[Problem]:
    for key in KEY_FIELDS:
        was, now = old.get(key), new.get(key)
        if was is None or now is None or was == now or covered.intersection(COVERED_BY[key]):
            continue
        yield error(new.path, new.line(key), new.column(key), "E502",
                    f"已通过立项评审的「{key}」被改动：主分支上为 {was}，现为 {now}。" + _how(key), ARTICLE)
    if old.body is None or new.body is None:
        return
    changed = [part for part in _plan_changes(old, new) if not covered.intersection(COVERED_BY[_key_of(part)])]
    if changed:
        section = new.body.sections.get(PLAN)
        hint = BUDGET_TABLE if BUDGET_TABLE in map(_key_of, changed) else PLAN
        yield error(new.path, section.line if section else new.line(), 1, "E502",
                    f"已通过立项评审的「{PLAN}」被改动（{'、'.join(changed)}）。" + _how(hint), ARTICLE)


def _key_of(part: str) -> str:
    return BUDGET_TABLE if part.startswith(BUDGET_TABLE) else PLAN


def _how(key: str) -> str:
    items = " 或 ".join(COVERED_BY[key][:2]) + (" 等" if len(COVERED_BY[key]) > 2 else "")
    return (f"立项申请经评审通过后，项目名称、申报总投资、项目类别和建设方案不得直接修改：请恢复原内容，"
            f"提交 调整申请（调整事项含 {items}），经评审通过（评审意见 评审范围: 调整）后再修改")


def _plan_changes(old: Filing, new: Filing) -> list[str]:
    """What differs in the 建设方案, part by part, ignoring layout and 填写说明."""
    was, now = _plan_parts(old), _plan_parts(new)
    if was == now:
        return []
    if was is None or now is None:
        return ["整节被删除" if now is None else "新增了本节"]
    names = dict.fromkeys([*was, *now])
    return [f"{name or '开头说明'} 有变化" for name in names if was.get(name) != now.get(name)]


def _plan_parts(filing: Filing) -> dict[str, str] | None:
    section = filing.body.sections.get(PLAN) if filing.body else None
    if section is None:
        return None
    parts = {"": _squash(section.own_text)}
    parts.update({title: _squash(sub.text) for title, sub in section.subsections.items()})
    return parts


def _squash(text: str) -> str:
    return "".join(text.split())


# --- history of each file (one pass over git log) -----------------------------

def file_history(root: Path, paths: Iterable[str] | None = None) -> dict[str, list[Change]]:
    """Path (relative to root) -> its commits, newest first; {} outside a Git repository."""
    try:
        handle, prefix = _open(root)
        out = handle.git.log("-z", "--name-only", "--no-renames", "--no-color", "--no-show-signature",
                             "--encoding=UTF-8", f"--format={_LOG_FORMAT}", "--", _join(prefix, FILINGS))
    except (HistoryError, git.GitCommandError, git.GitCommandNotFound, ValueError, OSError):
        return {}
    wanted = set(paths) if paths is not None else None
    history: dict[str, list[Change]] = {}
    for change, touched in _parse_log(out):
        for full in touched:
            rel = _relative(full, prefix)
            if wanted is None or rel in wanted:
                history.setdefault(rel, []).append(change)
    return history


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


def _join(prefix: str, path: str) -> str:
    return f"{prefix}/{path}" if prefix else path


def _relative(path: str, prefix: str) -> str:
    return path[len(prefix) + 1:] if prefix and path.startswith(prefix + "/") else path
