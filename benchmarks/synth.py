"""Generate a synthetic district of N projects by cloning the demo district (filings/).

Usage (from the repository root):

    .venv/bin/python benchmarks/synth.py 1000 /tmp/district-1000 [--git] [--verify]

The demo's 14 projects are cloned in batches: clone i is a copy of template
project i % 14 (templates in ID order, so a 前序项目 always comes before its
运维服务 project) in batch i // 14. Each clone keeps its template's year
(2023–2027) and dates, so the compliance findings of the demo repeat per clone,
and gets a new ID <year>-<DEPT>-<NN> in a synthetic department (BMA, BMB, …,
appended to a copy of registry.yml). Departments are assigned round-robin per
year, so every synthetic department files in every year and NN stays small.

In each clone:
  * the folder name and every 项目编号 are the new ID;
  * the template's department code is replaced by the synthetic one throughout
    the YAML header (填报单位, 建设单位, 提供单位, 共享对象 …); other codes
    (ZHB for ★ filings, co-builders) stay, they are still in the registry;
  * any demo project ID in the header or body (前序项目, text mentions) is
    mapped to the clone of that project in the same batch;
  * 项目名称 and each 信息资源 名称 get the batch number appended, so names are
    unique (realistic search index, no F262 duplicate-collection findings);
  * file names (hence 对应措施 paths) and 附件/ are copied unchanged.

申报年度 is kept (the clone has its template's year), so 建设单位 / 申报年度 stay
consistent with the ID. `--verify` runs `filings check` and fails unless it
reports zero errors.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

MAIN = Path(__file__).resolve().parent.parent
DEMO = MAIN / "filings"
PROJECT_ID = re.compile(r"(?<![0-9A-Za-z])(\d{4})-([A-Z]{2,8})-(\d{2})(?![0-9A-Za-z])")
CATEGORIES = ("区直部门", "镇（中心）", "分支机构", "产业发展服务中心", "督导巡查机构")
AVERAGE_PER_DEPT_YEAR = 8  # about how many projects a synthetic department declares per year


@dataclass(frozen=True)
class Template:
    id: str
    year: int
    dept: str
    folder: Path


@dataclass
class District:
    root: Path
    projects: int
    filings: int  # Markdown filings (files checked besides registry.yml)
    attachments: int
    departments: int  # synthetic departments added to the registry
    per_year: dict[int, int]
    clones: dict[tuple[int, str], str]  # (batch, demo project ID) -> new ID


def templates(demo: Path = DEMO) -> list[Template]:
    found = []
    for folder in sorted(p for p in demo.iterdir() if p.is_dir()):
        m = PROJECT_ID.fullmatch(folder.name)
        if m:
            found.append(Template(folder.name, int(m.group(1)), m.group(2), folder))
    if not found:
        raise SystemExit(f"演示辖区 {demo} 中没有项目文件夹")
    return found


def dept_code(index: int) -> str:
    """BMA, BMB, …, BMZ, BNA, … (3 uppercase letters, never clashing with the demo's codes)."""
    first, rest = divmod(index, 26)
    second = ord("M") - ord("A") + first
    if second >= 26:
        raise ValueError("too many synthetic departments")
    return "B" + chr(ord("A") + second) + chr(ord("A") + rest)


def plan(n: int, temps: list[Template]) -> tuple[list[tuple[int, Template, str]], int]:
    """[(batch, template, new id)] for n clones, and the number of synthetic departments."""
    clones = [(i // len(temps), temps[i % len(temps)]) for i in range(n)]
    per_year = Counter(t.year for _, t in clones)
    busiest = max(per_year.values(), default=0)
    years = len(per_year) or 1
    depts = max(1, math.ceil(n / (years * AVERAGE_PER_DEPT_YEAR)), math.ceil(busiest / 99))
    seen: Counter[int] = Counter()
    out = []
    for batch, t in clones:
        k = seen[t.year]
        seen[t.year] += 1
        out.append((batch, t, f"{t.year}-{dept_code(k % depts)}-{k // depts + 1:02d}"))
    return out, depts


def registry_text(demo: Path, depts: int) -> str:
    text = (demo / "registry.yml").read_text(encoding="utf-8").rstrip("\n")
    lines = [text, "  # 基准测试用的合成部门（benchmarks/synth.py 生成）"]
    for i in range(depts):
        lines.append(f"  - {{代码: {dept_code(i)}, 名称: 模拟部门{i + 1:03d}, 类别: {CATEGORIES[i % len(CATEGORIES)]}}}")
    return "\n".join(lines) + "\n"


def _split(text: str) -> tuple[str, str]:
    """(YAML header including both --- lines, body)."""
    if not text.startswith("---\n"):
        return "", text
    end = text.find("\n---\n", 4)
    if end < 0:
        return "", text
    return text[:end + 5], text[end + 5:]


def _suffix_value(line: str, key: str, suffix: str) -> str:
    """Append suffix to the scalar value of `key: value` (keeping quotes)."""
    head, value = line.split(f"{key}: ", 1)
    value = value.rstrip()
    if len(value) >= 2 and value[0] in "\"'" and value[-1] == value[0]:
        value = value[:-1] + suffix + value[-1]
    else:
        value = value + suffix
    return f"{head}{key}: {value}"


def rewrite(text: str, old_dept: str, new_dept: str, ids: dict[str, str], suffix: str) -> str:
    header, body = _split(text)
    map_id = lambda m: ids.get(m.group(0), m.group(0))  # noqa: E731
    dept = re.compile(rf"(?<![A-Za-z]){re.escape(old_dept)}(?![A-Za-z])")
    out = []
    for line in header.split("\n"):
        line = PROJECT_ID.sub(map_id, line)
        if ":" in line:
            key, _, value = line.partition(":")
            line = key + ":" + dept.sub(new_dept, value)
        stripped = line.lstrip(" -")
        if line.startswith("项目名称: "):
            line = _suffix_value(line, "项目名称", suffix)
        elif stripped.startswith("名称: ") and line.startswith(" "):
            line = _suffix_value(line, "名称", suffix)
        out.append(line)
    return "\n".join(out) + PROJECT_ID.sub(map_id, body)


def generate(n: int, target: Path, demo: Path = DEMO) -> District:
    """Write <target>/filings/ with n cloned projects; target must not exist or be empty."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise SystemExit(f"目标文件夹 {target} 不是空的")
    temps = templates(demo)
    clones, depts = plan(n, temps)
    base = target / "filings"
    base.mkdir(parents=True)
    (base / "registry.yml").write_text(registry_text(demo, depts), encoding="utf-8")
    shutil.copy2(demo / "calendar.yml", base / "calendar.yml")
    batch_ids: dict[int, dict[str, str]] = {}
    for batch, t, new_id in clones:
        batch_ids.setdefault(batch, {})[t.id] = new_id
    filings = attachments = 0
    for batch, t, new_id in clones:
        # Only IDs of clones that exist in this batch are mapped; a 前序项目 is always
        # cloned before its O&M project, so the link stays valid.
        ids = batch_ids[batch]
        new_dept = PROJECT_ID.fullmatch(new_id).group(2)  # type: ignore[union-attr]
        folder = base / new_id
        folder.mkdir()
        suffix = f"（{batch + 1:04d}）"
        for src in sorted(t.folder.rglob("*")):
            rel = src.relative_to(t.folder)
            dst = folder / rel
            if src.is_dir():
                dst.mkdir(parents=True, exist_ok=True)
            elif src.suffix == ".md" and len(rel.parts) == 1:
                text = src.read_text(encoding="utf-8")
                dst.write_text(rewrite(text, t.dept, new_dept, ids, suffix), encoding="utf-8")
                filings += 1
            else:
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)
                attachments += 1
    per_year = dict(sorted(Counter(t.year for _, t, _ in clones).items()))
    ids = {(batch, t.id): new_id for batch, t, new_id in clones}
    return District(target, n, filings, attachments, depts, per_year, ids)


def git_commit(root: Path) -> None:
    """git init + one commit, so the history-based 'last updated' dates are exercised."""
    env_args = ["-c", "user.name=基准测试", "-c", "user.email=bench@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(root), *env_args, "commit", "-q", "-m", "合成辖区（基准测试）",
                    "--date", "2026-11-20T10:00:00+08:00"], check=True,
                   env={"GIT_COMMITTER_DATE": "2026-11-20T10:00:00+08:00", "PATH": "/usr/bin:/bin"})


def verify(root: Path, as_of: str = "2026-11-29") -> tuple[int, str]:
    """Run `filings check`; return (error count, summary line)."""
    proc = subprocess.run([sys.executable, "-m", "generator", "check", "--repo", str(root), "--as-of", as_of,
                           "--format", "json"], capture_output=True, text=True, cwd=MAIN)
    try:
        problems = json.loads(proc.stdout)
    except json.JSONDecodeError:
        return -1, proc.stderr.strip() or proc.stdout[:500]
    items = problems["problems"]
    errors = [p for p in items if p["kind"] == "error"]
    findings = len(items) - len(errors)
    for p in errors[:10]:
        print(f"  {p}", file=sys.stderr)
    return len(errors), f"{len(errors)} 个错误，{findings} 条合规提示（退出码 {proc.returncode}）"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="由演示辖区复制生成 N 个项目的合成辖区（基准测试用）")
    p.add_argument("n", type=int, help="项目数")
    p.add_argument("target", type=Path, help="目标文件夹（不存在或为空），生成 <目标>/filings/")
    p.add_argument("--git", action="store_true", help="git init 并提交一次")
    p.add_argument("--verify", action="store_true", help="生成后运行 filings check，确认 0 个错误")
    args = p.parse_args(argv)
    d = generate(args.n, args.target)
    years = "、".join(f"{y} 年 {c} 个" for y, c in d.per_year.items())
    print(f"已生成 {d.root}/filings：{d.projects} 个项目（{years}），{d.filings} 份备案，"
          f"{d.attachments} 个附件，{d.departments} 个合成部门")
    if args.git:
        git_commit(d.root)
        print("已 git init 并提交一次")
    if args.verify:
        errors, summary = verify(d.root)
        print(f"filings check：{summary}")
        return 0 if errors == 0 else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
