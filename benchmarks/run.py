"""Speed and memory of `filings check`, the pre-commit hook and `filings build` on synthetic
districts, each printed beside its floor and the issue's target.

Not a test suite (tests/test_benchmark.py runs it at N = 100 so it cannot rot, and asserts
nothing about time). Run from the repository root:

    .venv/bin/python benchmarks/run.py                        # N = 100, 1000, 3000, 10000
    .venv/bin/python benchmarks/run.py --sizes 100,1000 --only check,precommit
    .venv/bin/python benchmarks/run.py profile --size 1000 --what precommit --top 25
    .venv/bin/python benchmarks/run.py phases --size 1000      # build time per phase

Each command runs in a fresh process under /usr/bin/time -v (wall time by perf_counter,
peak RSS and CPU time from time -v; without it a small wrapper reads getrusage(RUSAGE_CHILDREN)).
The figures, per N:
  floor_parse   benchmarks/floors.py parse: read every filing, PyYAML C loader on its front matter
  check_cold    filings check of the whole district, its cache (.git/filings-cache) deleted first
  check_warm    the same again, cache built
  hook_warm     filings check <a new, staged 合同备案> --base HEAD, as the pre-commit hook runs it
  hook_switch   the same after switching to a branch on which another project changed
  build         filings build (both sites)
  floor_render  benchmarks/floors.py render: build's pages in a plain loop (markdown-it-py +
                jinja2 + jieba index with the same user dictionary); the loop's own seconds
and the bytes each site's search loads before a first result (FIRST_RESULT_FILES), and how
long headless Chromium takes to show that first result on the built sites (benchmarks/browser.py).
With --commit REF the tool is measured as of that commit (a `git archive` snapshot first on
PYTHONPATH), not the work tree; give --commit after the subcommand for profile/phases.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402

MAIN = synth.MAIN
PYTHON = MAIN / ".venv" / "bin" / "python"
GNU_TIME = Path("/usr/bin/time")
FLOORS = Path(__file__).resolve().parent / "floors.py"
AS_OF = "2026-11-29"
DEFAULT_SIZES = (100, 1000, 3000, 10000)
DEFAULT_TIMEOUT = 3600  # seconds per command: a 10,000-project build runs for many minutes
# The clerk's commit adds a 合同备案 to a clone of the demo's 2024-AJB-01 (approved, with a
# passed 调整 review): the hook then reads the change from HEAD and the project's findings.
PRECOMMIT_TEMPLATE = "2024-AJB-01"
# What a browser downloads before it can show a first search result (besides the page itself and
# the theme's CSS and JavaScript every page loads anyway), per search: label -> (site folder,
# files). A file is a path or glob in the built site, or (glob, "largest", k): only the k largest
# matches (the chunks one query loads, an upper bound). Point this at the files of another search
# design to measure that.
# Checked against what headless Chromium requests (tests/browser/test_search_ranking.py).
MATERIAL_SEARCH = ("assets/javascripts/workers/search.*.min.js",  # the search worker and lunr
                   "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
                   "assets/javascripts/lunr/min/lunr.zh.min.js")
FIRST_RESULT_FILES: dict[str, tuple[str, tuple]] = {
    # public catalog, opened from file://: material's lean index inlined as a script, the worker shim
    "site": ("site", ("search/search_index.js", "assets/vendor/iframe-worker/shim.js", *MATERIAL_SEARCH)),
    # library, full-text page over HTTP: its script and the index's meta.json, the postings of the
    # query's terms (one terms/<k>.bin per pair of characters: four for 城市生命线) and the texts of
    # the first results shown (generator/publish/fulltext_index.py; the page starts no header search:
    # templates/site/fulltext.md.j2, header_search)
    "library": ("library", ("assets/site/fulltext.js", "fulltext/meta.json", ("fulltext/terms/*.bin", "largest", 4),
                            ("fulltext/docs/*.json", "largest", 10))),
    # library, the search box in every page's header over HTTP: material's lean index
    "library-header": ("library", ("search/search_index.json", *MATERIAL_SEARCH)),
}
# The targets: (figure, floor it is compared with or None, largest ratio or seconds)
TARGETS = {
    "hook_warm": (None, 1.5),
    "hook_switch": (None, 3.0),
    "check_cold": ("floor_parse", 2.0),
    "build": ("floor_render", 4.0),
}
PEAK_LIMIT_MB = 2048
FIRST_RESULT_LIMIT_MB = 5.0  # what a browser downloads before the first search result, each search
FIRST_RESULT_LIMIT_MS = 1000.0  # and how soon headless Chromium shows it (benchmarks/browser.py)
BROWSER = Path(__file__).resolve().parent / "browser.py"
LINEAR_LIMIT = 12.0  # build time(10,000) / time(1,000)
LABELS = {
    "floor_parse": "下限：读取全部备案并用 C 解析器解析 YAML 头部",
    "check_cold": "filings check（整个仓库，无缓存）",
    "check_warm": "filings check（整个仓库，缓存已建立）",
    "hook_warm": "提交前检查 check 文件 --base HEAD（缓存已建立）",
    "hook_switch": "提交前检查，切换到改动了一个项目的分支之后",
    "build": "filings build（两个站点）",
    "floor_render": "下限：同样的页面用 markdown-it-py + jinja2 + jieba 索引逐页生成",
}

CODE: dict[str, str] = {}  # with --commit: {"dir": snapshot of the tool, "commit": short sha}

_WRAPPER = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[2:])\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "open(sys.argv[1], 'w').write(f'{u.ru_maxrss} {u.ru_utime + u.ru_stime}')\n"
    "sys.exit(r.returncode)\n"
)


@dataclass
class Run:
    seconds: float | None = None
    peak_mb: float | None = None
    exit_code: int | None = None
    timed_out: bool = False
    stdout: str = ""
    stderr: str = ""
    cpu_seconds: float | None = None  # user + sys of the process and its children

    @property
    def ok(self) -> bool:
        return not self.timed_out and self.exit_code == 0


@dataclass
class Result:
    projects: int
    filings: int = 0
    attachments: int = 0
    departments: int = 0
    generate_seconds: float = 0.0
    git_seconds: float = 0.0
    errors: int | None = None
    findings: int | None = None
    public_pages: int | None = None
    library_pages: int | None = None
    public_mb: float | None = None
    library_mb: float | None = None
    first_result_mb: dict = field(default_factory=dict)  # site -> MB loaded before a first search result
    first_result_ms: dict = field(default_factory=dict)  # search -> {"ms", "mb", "runs"} in headless Chromium
    figures: dict = field(default_factory=dict)  # figure name -> _summary(Run)
    hook_file: str = ""
    build_error: str = ""


def python() -> str:
    return str(PYTHON if PYTHON.exists() else Path(sys.executable))


def child_env() -> dict[str, str]:
    """Environment of every measured process; with --commit the snapshot comes first on sys.path
    (the editable install's finder is consulted only after PYTHONPATH)."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8"}
    env.pop("FILINGS_CACHE_DIR", None)  # the cache lives in the district's own .git/
    if CODE:
        env["PYTHONPATH"] = CODE["dir"] + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def use_commit(ref: str, workdir: Path) -> None:
    """Measure the tool as of Git `ref`: `git archive` it into a temporary folder."""
    sha = subprocess.run(["git", "-C", str(MAIN), "rev-parse", "--short", ref], capture_output=True, text=True,
                         check=True).stdout.strip()
    target = Path(tempfile.mkdtemp(prefix=f"filings-code-{sha}-", dir=workdir))
    archive = subprocess.run(["git", "-C", str(MAIN), "archive", "--format=tar", sha], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    CODE.update(dir=str(target), commit=sha)
    where = subprocess.run([python(), "-c", "import generator; print(generator.__file__)"], capture_output=True,
                           text=True, env=child_env(), cwd=target).stdout.strip()
    if not where.startswith(str(target)):
        shutil.rmtree(target, ignore_errors=True)
        raise SystemExit(f"快照 {target} 没有生效（generator 来自 {where}）")
    _log(f"测量提交 {sha} 的快照：{target}")


def drop_commit() -> None:
    if CODE:
        shutil.rmtree(CODE["dir"], ignore_errors=True)


def measure(args: list[str], cwd: Path, timeout: float) -> Run:
    """Run one command in a fresh process; wall time by perf_counter, peak RSS of the process
    tree's largest process and CPU time (user + sys) from /usr/bin/time -v or getrusage."""
    with tempfile.TemporaryDirectory(prefix="filings-bench-time-") as tmp:
        report = Path(tmp) / "rusage"
        if GNU_TIME.exists():
            cmd = [str(GNU_TIME), "-v", "-o", str(report), *args]
        else:
            cmd = [python(), "-c", _WRAPPER, str(report), *args]
        env = child_env()
        start = time.perf_counter()
        try:
            proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired as exc:
            return Run(seconds=time.perf_counter() - start, timed_out=True,
                       stdout=_text(exc.stdout), stderr=_text(exc.stderr))
        seconds = time.perf_counter() - start
        text = report.read_text(encoding="utf-8", errors="replace") if report.exists() else ""
        peak_kb, cpu = _usage(text)
        return Run(seconds, peak_kb / 1024 if peak_kb else None, proc.returncode, False, proc.stdout, proc.stderr,
                   cpu)


def _text(data: bytes | str | None) -> str:
    if data is None:
        return ""
    return data if isinstance(data, str) else data.decode("utf-8", "replace")


def _usage(report: str) -> tuple[int | None, float | None]:
    """(peak RSS in KiB, CPU seconds) from `time -v` output or the wrapper's "KB SECONDS"."""
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    if m:
        user = re.search(r"User time \(seconds\): ([\d.]+)", report)
        system = re.search(r"System time \(seconds\): ([\d.]+)", report)
        cpu = float(user.group(1)) + float(system.group(1)) if user and system else None
        return int(m.group(1)), cpu
    parts = report.split()
    if len(parts) == 2 and parts[0].isdigit():
        return int(parts[0]), float(parts[1])
    return None, None


def filings_cmd(*args: str) -> list[str]:
    return [python(), "-m", "generator", *args]


def _summary(run: Run) -> dict:
    return {"seconds": round(run.seconds, 2) if run.seconds is not None else None,
            "cpu_seconds": round(run.cpu_seconds, 2) if run.cpu_seconds is not None else None,
            "peak_mb": round(run.peak_mb, 1) if run.peak_mb is not None else None,
            "exit_code": run.exit_code, "timed_out": run.timed_out}


def _du_mb(path: Path) -> float | None:
    if not path.exists():
        return None
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    return round(total / 1024 / 1024, 1)


def first_result_bytes(site: Path, files: Iterable) -> int | None:
    """Bytes a browser downloads from `site` before it can show a first search result: the sum
    of `files` (paths or globs inside the built site, or (glob, "largest", k), see
    FIRST_RESULT_FILES); None when none of them exists."""
    found: dict[Path, int] = {}
    for spec in files:
        pattern, how, k = (spec, "", 0) if isinstance(spec, str) else spec
        matches = sorted(((p.stat().st_size, p) for p in site.glob(pattern) if p.is_file()), reverse=True)
        if how == "largest":
            matches = matches[:k]
        found.update((path, size) for size, path in matches)
    return sum(found.values()) if found else None


def git(root: Path, *args: str) -> str:
    env_args = ["-c", "user.name=基准测试", "-c", "user.email=bench@example.invalid", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *env_args, *args], cwd=root, check=True, capture_output=True, text=True).stdout


def bench_size(n: int, what: set[str], timeout: float, workdir: Path, keep: bool) -> Result:
    root = Path(tempfile.mkdtemp(prefix=f"district-{n}-", dir=workdir))
    res = Result(n)
    try:
        t0 = time.perf_counter()
        d = synth.generate(n, root)
        res.generate_seconds = round(time.perf_counter() - t0, 2)
        res.filings, res.attachments, res.departments = d.filings, d.attachments, d.departments
        t0 = time.perf_counter()
        synth.git_commit(root)
        res.git_seconds = round(time.perf_counter() - t0, 2)
        _log(f"N={n}：已生成 {d.filings} 份备案（{res.generate_seconds} 秒），git 提交 {res.git_seconds} 秒")
        if "check" in what:
            _bench_check(res, root, timeout)
        if "precommit" in what:
            _bench_hook(res, root, d, timeout)
        if "build" in what:
            _bench_build(res, root, timeout)
    finally:
        if keep:
            _log(f"保留合成辖区：{root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return res


def _record(res: Result, name: str, run: Run) -> Run:
    res.figures[name] = _summary(run)
    _log(f"N={res.projects}：{LABELS[name]} {_fmt(run)}")
    return run


def _bench_check(res: Result, root: Path, timeout: float) -> None:
    _record(res, "floor_parse", measure([python(), str(FLOORS), "parse", str(root)], root, timeout))
    shutil.rmtree(root / ".git" / "filings-cache", ignore_errors=True)
    run = _record(res, "check_cold", measure(filings_cmd("check", "--repo", str(root), "--as-of", AS_OF),
                                             root, timeout))
    m = re.search(r"检查了 (\d+) 个文件：(\d+) 个错误，(\d+) 条合规提示", run.stderr)
    if m:
        res.errors, res.findings = int(m.group(2)), int(m.group(3))
    if res.errors:
        _log("  前几个错误：\n" + "\n".join(line for line in run.stdout.splitlines() if ": E" in line)[:2000])
    _record(res, "check_warm", measure(filings_cmd("check", "--repo", str(root), "--as-of", AS_OF), root, timeout))


def _bench_hook(res: Result, root: Path, d: synth.District, timeout: float) -> None:
    """The clerk's commit adds a filing: warm cache; then the same after switching to a branch
    on which another project changed (its files are not in the cache yet)."""
    if "check_warm" not in res.figures:  # the hook runs in a repository whose cache is built
        measure(filings_cmd("check", "--repo", str(root), "--as-of", AS_OF), root, timeout)
    res.hook_file = target = _precommit_file(d)
    hook = filings_cmd("check", target, "--base", "HEAD", "--as-of", AS_OF)
    with _clerk_adds(root, target):
        _record(res, "hook_warm", measure(hook, root, timeout))
    mine = target.split("/")[1]
    other = next(pid for pid in sorted(d.clones.values(), reverse=True)
                 if pid != mine and any((root / "filings" / pid).glob("合同备案*.md")))
    git(root, "checkout", "-q", "-b", "bench-switch")
    for path in sorted((root / "filings" / other).glob("合同备案*.md")):
        path.rename(path.with_name(path.stem + "-副本.md"))  # another project's files change (renamed, new keys)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "另一个项目的改动（基准测试）")
    git(root, "checkout", "-q", "main")
    measure(filings_cmd("check", "--repo", str(root), "--as-of", AS_OF), root, timeout)  # cache of main
    git(root, "checkout", "-q", "bench-switch")
    try:
        with _clerk_adds(root, target):
            _record(res, "hook_switch", measure(hook, root, timeout))
    finally:
        git(root, "checkout", "-q", "main")


@contextlib.contextmanager
def _clerk_adds(root: Path, target: str) -> Iterator[None]:
    """A new 合同备案 in the project, staged as pre-commit sees it; removed afterwards."""
    folder = (root / target).parent
    source = sorted(folder.glob("合同备案*.md"))[0]
    text = source.read_text(encoding="utf-8")
    (root / target).write_text(re.sub(r"(?m)^填报日期: .*$", f"填报日期: {AS_OF}", text, count=1), encoding="utf-8")
    git(root, "add", "--", target)
    try:
        yield
    finally:
        git(root, "rm", "-q", "-f", "--cached", "--", target)
        (root / target).unlink(missing_ok=True)


def _bench_build(res: Result, root: Path, timeout: float) -> None:
    run = _record(res, "build", measure(filings_cmd("build", "--repo", str(root), "--as-of", AS_OF), root, timeout))
    pages = re.findall(r"(\d+) 个页面", run.stdout)
    if len(pages) >= 2:
        res.public_pages, res.library_pages = int(pages[0]), int(pages[1])
    res.public_mb, res.library_mb = _du_mb(root / "site"), _du_mb(root / "library")
    for label, (site, files) in FIRST_RESULT_FILES.items():
        size = first_result_bytes(root / site, files)
        res.first_result_mb[label] = round(size / 1024 / 1024, 2) if size is not None else None
    if not run.ok:
        tail = (run.stdout + "\n" + run.stderr).strip().splitlines()[-15:]
        res.build_error = "超时" if run.timed_out else "\n".join(tail)
        _log(f"  build 未成功：{res.build_error}")
        return
    res.first_result_ms = _first_result_times(root, timeout)
    with tempfile.TemporaryDirectory(prefix="filings-floor-") as out:
        floor = measure([python(), str(FLOORS), "render", str(root), out, "--as-of", AS_OF], root, timeout)
        try:  # only the rendering loop counts, not writing the Markdown pages it renders
            floor.seconds = json.loads(floor.stdout.strip().splitlines()[-1])["seconds"]
        except (ValueError, KeyError, IndexError):
            floor.exit_code = floor.exit_code or 1
        _record(res, "floor_render", floor)


def _first_result_times(root: Path, timeout: float) -> dict:
    """benchmarks/browser.py on the sites just built: {} without chromium or Playwright."""
    _log("  首个搜索结果：无头 Chromium")
    try:
        proc = subprocess.run([python(), str(BROWSER), str(root)], capture_output=True, text=True,
                              timeout=timeout, env=child_env())
        found = json.loads(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0 else {}
    except (subprocess.TimeoutExpired, ValueError, IndexError):
        found = {}
    if not found:
        _log("  （没有 chromium 或 Playwright，或测量失败：不计时）")
    return found if isinstance(found, dict) else {}


def _precommit_file(d: synth.District) -> str:
    """The filing a clerk adds: a new 合同备案 in the first clone of PRECOMMIT_TEMPLATE."""
    pid = d.clones.get((0, PRECOMMIT_TEMPLATE)) or sorted(d.clones.values())[0]
    return f"filings/{pid}/合同备案-2026-11.md"


def _fmt(run: Run) -> str:
    if run.timed_out:
        return f"超时（>{run.seconds:.0f} 秒）"
    peak = f"{run.peak_mb:.0f} MB" if run.peak_mb is not None else "?"
    cpu = f"，CPU {run.cpu_seconds:.1f} 秒" if run.cpu_seconds is not None else ""
    return f"{run.seconds:.1f} 秒{cpu} / 峰值 {peak}" + ("" if run.exit_code in (0, 1) else f"（退出码 {run.exit_code}）")


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _verdict(ok: bool | None) -> str:
    return "—" if ok is None else "达标" if ok else "**未达标**"


def rows(r: Result) -> list[list[str]]:
    """One row per figure: seconds, CPU, peak memory, its floor, the ratio and the target."""
    out = []
    for name in LABELS:
        part = r.figures.get(name)
        if not part or name.startswith("floor"):
            continue
        secs, cpu, peak = _num(part["seconds"], " 秒"), _num(part.get("cpu_seconds"), " 秒"), _num(part["peak_mb"], " MB")
        floor_name, limit = TARGETS.get(name, (None, None))
        floor = r.figures.get(floor_name or "", {})
        ratio = part["seconds"] / floor["seconds"] if floor and floor.get("seconds") and part["seconds"] else None
        if floor_name:
            target, ok = f"≤ {limit:g} × 下限", (ratio <= limit if ratio is not None and limit else None)
        elif limit:
            target, ok = f"≤ {limit:g} 秒", part["seconds"] <= limit if part["seconds"] is not None else None
        else:
            target, ok = "", None
        if part.get("timed_out"):
            secs, ok = f"超时（>{part['seconds']:.0f} 秒）", False
        mem_ok = part["peak_mb"] is None or part["peak_mb"] <= PEAK_LIMIT_MB
        out.append([str(r.projects), LABELS[name], secs, cpu, peak,
                    _num(floor.get("seconds"), " 秒") if floor else "—",
                    f"{ratio:.2f}" if ratio is not None else "—", target,
                    _verdict(ok if mem_ok or ok is False else False)])
    return out


def _num(value: float | None, unit: str) -> str:
    return "—" if value is None else f"{value:.1f}{unit}" if value < 100 or unit.strip() == "MB" else f"{value:.0f}{unit}"


def table(results: list[Result]) -> str:
    head = "| 项目数 | 测量 | 用时 | CPU 时间 | 峰值内存 | 下限用时 | 比值 | 目标 | 结论 |"
    lines = [head, "|---:|---|---:|---:|---:|---:|---:|---|---|"]
    for r in results:
        lines += ["| " + " | ".join(row) + " |" for row in rows(r)]
    lines += ["", "| 项目数 | 备案文件数 | 页面数（公开 / 内部） | 站点大小（公开 / 内部） | 首个搜索结果前下载"
                  "（公开目录 file:// / 内部全文搜索 / 内部页头搜索） | 目标 |",
              "|---:|---:|---:|---:|---:|---|"]
    for r in results:
        pages = f"{r.public_pages} / {r.library_pages}" if r.public_pages is not None else "—"
        size = f"{r.public_mb} / {r.library_mb} MB" if r.public_mb is not None else "—"
        sizes = [r.first_result_mb.get(label) for label in FIRST_RESULT_FILES]
        first = " / ".join("—" if v is None else f"{v}" for v in sizes) + " MB" if r.first_result_mb else "—"
        ok = all(v is not None and v <= FIRST_RESULT_LIMIT_MB for v in sizes) if r.first_result_mb else None
        lines.append(f"| {r.projects} | {r.filings} | {pages} | {size} | {first} | "
                     f"≤ {FIRST_RESULT_LIMIT_MB:g} MB：{_verdict(ok)} |")
    lines += ["", "| 项目数 | 首个搜索结果用时，无头 Chromium，3 次取中位数（公开目录 file:// / 内部全文搜索 / 内部页头搜索）"
                  "| 各次用时 | 目标 |", "|---:|---:|---|---|"]
    for r in results:
        times = [r.first_result_ms.get(label, {}) for label in BROWSER_SEARCHES]
        shown = " / ".join("—" if not t or t["ms"] is None else f"{t['ms']}" for t in times) + " 毫秒" \
            if r.first_result_ms else "—（未测）"
        runs = "；".join(",".join(map(str, t.get("runs", []))) or t.get("error", "—") for t in times) \
            if r.first_result_ms else "—"
        ok = all(t and t["ms"] is not None and t["ms"] <= FIRST_RESULT_LIMIT_MS for t in times) \
            if r.first_result_ms else None
        lines.append(f"| {r.projects} | {shown} | {runs} | ≤ {FIRST_RESULT_LIMIT_MS:g} 毫秒：{_verdict(ok)} |")
    lines += linearity(results)
    return "\n".join(lines)


BROWSER_SEARCHES = ("site", "library-fulltext", "library-header")  # benchmarks/browser.py's labels


def linearity(results: list[Result]) -> list[str]:
    """build time(10,000) / time(1,000), the issue's measure of a linear build."""
    by_n = {r.projects: r.figures.get("build", {}).get("seconds") for r in results}
    small, large = by_n.get(1000), by_n.get(10000)
    if not small or not large:
        return []
    ratio = large / small
    return ["", f"线性：build 用时 N=10000 / N=1000 = {large:.0f} / {small:.0f} = {ratio:.1f}"
                f"（目标 ≤ {LINEAR_LIMIT:g}）：{_verdict(ratio <= LINEAR_LIMIT)}"]


def environment() -> str:
    if CODE:
        code = f"提交 {CODE['commit']}（git archive 快照）"
    else:
        commit = subprocess.run(["git", "-C", str(MAIN), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True).stdout.strip() or "?"
        dirty = subprocess.run(["git", "-C", str(MAIN), "status", "--porcelain", "--untracked-files=no",
                                "--", "generator", "templates", "mkdocs.yml"],
                               capture_output=True, text=True).stdout.strip()
        code = f"工作区，HEAD 为 {commit}{'（generator/ 等有未提交的修改）' if dirty else ''}"
    version = subprocess.run([python(), "--version"], capture_output=True, text=True).stdout.strip()
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"{code}；{version}；"
            f"{os.cpu_count()} 个 CPU 核；开始时负载 {load}；--as-of {AS_OF}；测量日期 {dt.date.today()}")


def cmd_run(args: argparse.Namespace) -> int:
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    what = set(args.only.split(",")) if args.only else {"check", "build", "precommit"}
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.gettempdir())
    header = environment()
    results = [bench_size(n, set(what), args.timeout, workdir, args.keep) for n in sizes]
    print(header)
    print()
    print(table(results))
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2) + "\n",
                                   encoding="utf-8")
    failed = [r for r in results if (r.errors or 0) > 0 or r.build_error]
    return 1 if failed else 0


def cmd_profile(args: argparse.Namespace) -> int:
    """cProfile one command on a synthetic district; print the top entries (cumulative and own time)."""
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.gettempdir())
    root = Path(tempfile.mkdtemp(prefix=f"district-{args.size}-", dir=workdir))
    out = root.parent / f"{root.name}.prof"
    stack = contextlib.ExitStack()
    try:
        d = synth.generate(args.size, root)
        synth.git_commit(root)
        if args.what == "precommit":
            target = _precommit_file(d)
            # the hook finds the cache built, and the new filing staged
            measure(filings_cmd("check", "--repo", str(root), "--as-of", AS_OF), root, args.timeout)
            stack.enter_context(_clerk_adds(root, target))
            argv = ["check", target, "--base", "HEAD", "--as-of", AS_OF]
            cwd = root
        else:
            argv = [args.what, "--repo", str(root), "--as-of", AS_OF]
            cwd = root
        start = time.perf_counter()
        proc = subprocess.run([python(), "-m", "cProfile", "-o", str(out), "-m", "generator", *argv],
                              cwd=cwd, capture_output=True, text=True, timeout=args.timeout, env=child_env())
        print(f"{args.what}，{args.size} 个项目，cProfile 下用时 {time.perf_counter() - start:.1f} 秒，退出码 {proc.returncode}")
        import pstats
        for order in ("cumulative", "tottime"):
            print(f"\n=== 按 {order} 排序的前 {args.top} 项 ===")
            pstats.Stats(str(out), stream=sys.stdout).strip_dirs().sort_stats(order).print_stats(args.top)
        if args.save:
            shutil.copy2(out, args.save)
    finally:
        stack.close()
        out.unlink(missing_ok=True)
        if args.keep:
            _log(f"保留合成辖区：{root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


def cmd_phases(args: argparse.Namespace) -> int:
    """Generate a district and run benchmarks/phases.py on it (build, with per-phase timers)."""
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.gettempdir())
    root = Path(tempfile.mkdtemp(prefix=f"district-{args.size}-", dir=workdir))
    try:
        synth.generate(args.size, root)
        synth.git_commit(root)
        proc = subprocess.run([python(), str(Path(__file__).resolve().parent / "phases.py"), str(root),
                               "--as-of", AS_OF], cwd=root, timeout=args.timeout, env=child_env())
        return proc.returncode
    finally:
        if args.keep:
            _log(f"保留合成辖区：{root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="filings check / build 的速度和内存基准测试（合成辖区）")
    p.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="项目数，逗号分隔（默认 100,1000,3000,10000）")
    p.add_argument("--only", default="", help="只测其中几项：check,build,precommit（逗号分隔，默认全部）")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="单条命令的超时（秒，默认 3600）")
    p.add_argument("--workdir", default="", help="合成辖区放在哪里（默认系统临时目录）")
    p.add_argument("--keep", action="store_true", help="保留生成的合成辖区和站点")
    p.add_argument("--json", default="", help="另把结果写入该 JSON 文件")
    p.add_argument("--commit", default="", metavar="REF",
                   help="测量某个 Git 提交（git archive 快照），而不是工作区中可能正在修改的代码")
    p.set_defaults(func=cmd_run)
    sub = p.add_subparsers(dest="command")
    pr = sub.add_parser("profile", help="用 cProfile 剖析一条命令")
    pr.add_argument("--size", type=int, default=1000, help="项目数（默认 1000）")
    pr.add_argument("--what", choices=("check", "build", "precommit"), default="build")
    pr.add_argument("--top", type=int, default=30, help="打印前几项（默认 30）")
    pr.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    pr.add_argument("--workdir", default="")
    pr.add_argument("--commit", default="", metavar="REF", help="测量某个 Git 提交（git archive 快照）")
    pr.add_argument("--keep", action="store_true")
    pr.add_argument("--save", default="", help="另把 .prof 文件复制到这里")
    pr.set_defaults(func=cmd_profile)
    ph = sub.add_parser("phases", help="filings build 各阶段用时（进程内计时，见 phases.py）")
    ph.add_argument("--size", type=int, default=1000, help="项目数（默认 1000）")
    ph.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    ph.add_argument("--workdir", default="")
    ph.add_argument("--commit", default="", metavar="REF", help="测量某个 Git 提交（git archive 快照）")
    ph.add_argument("--keep", action="store_true")
    ph.set_defaults(func=cmd_phases)
    args = p.parse_args(argv)
    if args.commit:
        use_commit(args.commit, Path(args.workdir) if args.workdir else Path(tempfile.gettempdir()))
    try:
        return args.func(args)
    finally:
        drop_commit()


if __name__ == "__main__":
    sys.exit(main())
