"""filings review: what a pull request changes, as facts before and after, for the reviewer (spec §8).

Prints a summary ready to post as a pull/merge-request comment (GitHub, GitLab, Gitea, Gitee
all render it: GFM tables, task lists, one <details>). Exit 0 whenever the summary could be
made, errors included (`filings check` is the gate); 2 for bad usage or an unreadable base.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ..change import HistoryError, compute
from ..change.diff import FilingChange
from ..change.facts import approved_by_engine, before_after
from ..change.facts import findings as project_findings
from ..change.summary import KIND_NAMES, Summary, summarize
from ..problems import Problem, fingerprint
from . import load_repo

NAME = "review"
HELP = "合并请求审核摘要：本次新增、修改、更正了哪些备案，各项目的状态和事实前后对比，错误和合规提示（可直接贴为评论）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--base", required=True, metavar="REF", help="与该 Git 版本比较，通常是目标分支，如 origin/main")
    p.add_argument("--format", choices=("markdown", "json"), default="markdown", help="输出格式（默认 markdown）")
    p.add_argument("--link-base", default=None, metavar="URL",
                   help="文件链接的前缀，如 https://git.example.cn/备案库/-/blob/<提交号>/（默认：在 GitHub、Gitea、"
                        "GitLab 的 CI 中由其环境变量得出，否则用仓库内的相对路径）")


def run(args: argparse.Namespace) -> int:
    try:
        repo = load_repo(args)
        if repo is None:
            return 2
        change = compute(repo, args.base, approved=approved_by_engine(repo, args.severe_delay_days))
    except HistoryError as exc:
        print(f"用法错误：{exc}", file=sys.stderr)
        return 2
    projects = before_after(repo, change, args.severe_delay_days)
    after, _ = project_findings(projects)
    errors = [p for p in repo.problems if p.kind == "error"]
    summary = summarize(change, projects, errors + after + change.problems, repo.as_of)
    if args.format == "json":
        sys.stdout.write(json.dumps(as_json(summary), ensure_ascii=False, indent=2) + "\n")
    else:
        link_base = args.link_base if args.link_base is not None else ci_link_base(os.environ)
        sys.stdout.write(markdown(summary, link_base))
    return 0


def ci_link_base(env: Mapping[str, str]) -> str:
    """Where the CI's forge shows a file of the commit under review, so the comment's links open it."""
    if env.get("GITLAB_CI") and env.get("CI_PROJECT_URL") and env.get("CI_COMMIT_SHA"):
        return f"{env['CI_PROJECT_URL']}/-/blob/{env['CI_COMMIT_SHA']}/"
    server, repo, sha = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY"), env.get("GITHUB_SHA")
    if server and repo and sha:
        view = "src/commit" if env.get("GITEA_ACTIONS") else "blob"
        return f"{server.rstrip('/')}/{repo}/{view}/{sha}/"
    return ""


# --- Markdown -------------------------------------------------------------------------

def markdown(s: Summary, link_base: str = "") -> str:
    out = ["## 备案变更审核摘要", "",
           f"与 `{s.base}` 比较，以 {s.as_of} 为“今天”。由 `filings review` 生成，"
           "审核方法见《评审指南》（docs/评审指南.md）。", "", _verdict(s), ""]
    out += _filings(s, link_base) + _corrections(s, link_base) + _projects(s)
    out += _problems(s) + _reviews(s) + _adjustments(s)
    return "\n".join(out).rstrip("\n") + "\n"


def _verdict(s: Summary) -> str:
    head = f"**有 {len(s.errors)} 个错误，修正前不能合并。**" if s.errors else "**没有错误。**"
    return (f"{head} 本次新增合规提示 {len(s.introduced)} 条，基准版本已有 {len(s.present)} 条，"
            f"本次消除 {len(s.resolved)} 条。")


def _link(path: str, link_base: str) -> str:
    return f"[{_cell(path)}]({link_base}{quote(path)})"


def _filings(s: Summary, link_base: str) -> list[str]:
    if not s.changes:
        return ["### 备案变动", "", "本次没有改动 `filings/` 中的备案。", ""]
    out = ["### 备案变动", "", "| 变动 | 备案 | 备案类型 | 改动的键和章节 |", "|---|---|---|---|"]
    for c in s.changes:
        kind = "更正" if c.corrected else KIND_NAMES[c.kind]
        filing = c.after or c.before
        what = [k.key for k in c.keys] + [f"## {x.title}" for x in c.sections]
        if c.old_path:
            what.insert(0, f"原为 {c.old_path}")
        target = _link(c.path, link_base) if c.kind != "deleted" else f"~~{_cell(c.path)}~~"
        out.append(f"| {kind} | {target} | {filing.type_name if filing else ''} | {_cell('、'.join(what)) or '—'} |")
    return out + [""]


def _corrections(s: Summary, link_base: str) -> list[str]:
    if not s.corrections:
        return []
    out = ["### 本次登记的更正", "", "| 备案 | 更正日期 | 更正内容 | 原值 | 新值 | 原因 |", "|---|---|---|---|---|---|"]
    for path, row in s.corrections:
        out.append(f"| {_link(path, link_base)} | {row.day or ''} | {_cell(row.item)} | {_cell(row.old)} | "
                   f"{_cell(row.new)} | {_cell(row.reason)} |")
    return out + [""]


def _projects(s: Summary) -> list[str]:
    if not s.projects:
        return []
    out = ["### 项目状态和事实（变更前 → 变更后）", ""]
    for p in s.projects:
        before, after = p.status
        out += [f"#### {p.id} {p.name}".rstrip(), "", f"状态：{before} → **{after}**" if before != after
                else f"状态：{after}（未变）", ""]
        facts = [(fact, was, now) for fact, was, now in p.facts if fact != "状态"]
        if facts:
            out += ["| 事实 | 变更前 | 变更后 |", "|---|---|---|"]
            out += [f"| {fact} | {_cell(was)} | {_cell(now)} |" for fact, was, now in facts]
            out.append("")
    return out


def _problems(s: Summary) -> list[str]:
    out = [f"### 错误（{len(s.errors)}）", ""]
    out += [_problem(p) for p in s.errors] or ["没有错误。"]
    out += ["", f"### 本次变更引入的合规提示（{len(s.introduced)}）", ""]
    out += [_problem(p) for p in s.introduced] or ["没有。"]
    out.append("")
    for title, items in ((f"基准版本已有的合规提示（{len(s.present)}）", s.present),
                         (f"本次变更消除的合规提示（{len(s.resolved)}）", s.resolved)):
        if items:
            out += ["<details>", f"<summary>{title}</summary>", ""] + [_problem(p) for p in items] + ["", "</details>", ""]
    return out


def _problem(p: Problem) -> str:
    where = p.path + (f":{p.line}" if p.line else "")
    cite = f"（{p.article}）" if p.article and p.article not in p.message else ""
    return f"- `{where}` **{p.code}** {_inline(p.message + cite)}"


def _reviews(s: Summary) -> list[str]:
    out = []
    for _path, (app, points) in s.reviews.items():
        out += [f"### 第九条评审要点：{app.folder} {app.get('项目名称') or ''}".rstrip(), "",
                "以下为立项申请中的相应内容，供评审时逐项核对；评审后请按《评审指南》提交 评审意见"
                f"（`filings new 评审意见 --project {app.folder}`），其五个章节与下列五点一一对应。", ""]
        for n, point in enumerate(points, 1):
            out.append(f"- [ ] **（{'一二三四五'[n - 1]}）{point.title}**")
            out += [f"  - {k + '：' if k else ''}{_inline(v)}" for k, v in point.facts]
        out.append("")
    return out


def _adjustments(s: Summary) -> list[str]:
    out = []
    for filing, changes in s.adjustments:
        out += [f"### 调整申请：{filing.folder}（{filing.name}）", "",
                "| 项目 | 调整前（当前基线） | 调整后（申请） | 变化 | 幅度 |", "|---|---|---|---|---|"]
        out += [f"| {c.item} | {c.before} | {_cell(c.after)} | {c.delta} | {c.share} |" for c in changes]
        out += ["", "调整经评审意见（评审范围: 调整）通过后才生效（第十六条）；原始基线保留，偏差仍对原始基线计算。", ""]
    return out


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")


def _inline(text: str) -> str:
    """Text from filings shown as text: no raw HTML, no line breaks."""
    return " ".join(str(text).split()).replace("<", "&lt;").replace(">", "&gt;")


# --- JSON -----------------------------------------------------------------------------

def _type_name(c: FilingChange) -> str | None:
    filing = c.after or c.before
    return filing.type_name if filing is not None else None


def as_json(s: Summary) -> dict[str, Any]:
    def problem(p: Problem) -> dict[str, Any]:
        return {**p.as_json(), "fingerprint": fingerprint(p)}

    return {
        "base": s.base, "as_of": str(s.as_of), "ok": s.ok,
        "filings": [{"path": c.path, "change": "corrected" if c.corrected else c.kind, "old_path": c.old_path,
                     "type": _type_name(c),
                     "keys": [{"key": k.key, "before": k.old, "after": k.new, "line": k.line} for k in c.keys],
                     "sections": [{"section": x.title, "line": x.line} for x in c.sections]} for c in s.changes],
        "corrections": [{"path": path, "date": str(r.day or ""), "item": r.item, "before": r.old, "after": r.new,
                         "reason": r.reason, "line": r.line} for path, r in s.corrections],
        "projects": [{"id": p.id, "name": p.name, "status": {"before": p.status[0], "after": p.status[1]},
                      "facts": [{"fact": f, "before": b, "after": a} for f, b, a in p.facts]} for p in s.projects],
        "errors": [problem(p) for p in s.errors],
        "findings": {"introduced": [problem(p) for p in s.introduced],
                     "present_at_base": [problem(p) for p in s.present],
                     "resolved": [problem(p) for p in s.resolved]},
        "review_points": [{"path": path, "project": app.folder,
                           "points": [{"point": pt.title, "facts": [{"source": k, "text": v} for k, v in pt.facts]}
                                      for pt in points]} for path, (app, points) in s.reviews.items()],
        "adjustments": [{"path": f.path, "plan": [{"item": c.item, "before": c.before, "after": c.after,
                                                   "change": c.delta, "share": c.share} for c in changes]}
                        for f, changes in s.adjustments],
    }
