"""Speed and memory benchmarks of `filings check` and `filings build` on synthetic districts.

Not a test suite: pytest never collects this folder (testpaths = tests, and no
file here is named test_*.py). Run from the repository root:

    .venv/bin/python benchmarks/run.py                       # N = 100, 1000, 3000: check, build, pre-commit
    .venv/bin/python benchmarks/run.py --sizes 100,500 --only check
    .venv/bin/python benchmarks/run.py profile --size 1000 --what build --top 25
    .venv/bin/python benchmarks/run.py phases --size 1000     # build time per phase

Each command runs in a fresh subprocess under /usr/bin/time -v (wall time and
peak RSS); without /usr/bin/time a small wrapper reports
resource.getrusage(RUSAGE_CHILDREN).ru_maxrss instead.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402

MAIN = synth.MAIN
PYTHON = MAIN / ".venv" / "bin" / "python"
GNU_TIME = Path("/usr/bin/time")
AS_OF = "2026-11-29"
DEFAULT_SIZES = (100, 1000, 3000)
DEFAULT_TIMEOUT = 600  # seconds per command; the brief keeps every single run under ~10 minutes
# The demo's 2024-AJB-01 has an approved application and a passed 调整 review, so the
# pre-commit check of its clone's 立项申请.md exercises the E502 comparison as well.
PRECOMMIT_TEMPLATE = "2024-AJB-01"

CODE: dict[str, str] = {}  # with --commit: {"dir": snapshot of the tool, "commit": short sha}

_WRAPPER = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[2:])\n"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
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
    check: dict = field(default_factory=dict)
    build: dict = field(default_factory=dict)
    precommit: dict = field(default_factory=dict)
    build_error: str = ""


def python() -> str:
    return str(PYTHON if PYTHON.exists() else Path(sys.executable))


def child_env() -> dict[str, str]:
    """Environment of every measured process; with --commit the snapshot comes first on sys.path
    (the editable install's finder is consulted only after PYTHONPATH)."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8"}
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
    """Run one command in a fresh process; wall time by perf_counter, peak RSS of the process tree's largest."""
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
        peak_kb = _peak_kb(report.read_text(encoding="utf-8", errors="replace") if report.exists() else "")
        return Run(seconds, peak_kb / 1024 if peak_kb else None, proc.returncode, False, proc.stdout, proc.stderr)


def _text(data: bytes | str | None) -> str:
    if data is None:
        return ""
    return data if isinstance(data, str) else data.decode("utf-8", "replace")


def _peak_kb(report: str) -> int | None:
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    if m:
        return int(m.group(1))
    return int(report) if report.strip().isdigit() else None


def filings_cmd(*args: str) -> list[str]:
    return [python(), "-m", "generator", *args]


def _summary(run: Run) -> dict:
    return {"seconds": round(run.seconds, 2) if run.seconds is not None else None,
            "peak_mb": round(run.peak_mb, 1) if run.peak_mb is not None else None,
            "exit_code": run.exit_code, "timed_out": run.timed_out}


def _du_mb(path: Path) -> float | None:
    if not path.exists():
        return None
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return round(total / 1024 / 1024, 1)


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
            run = measure(filings_cmd("check", "--repo", str(root), "--as-of", AS_OF), root, timeout)
            res.check = _summary(run)
            m = re.search(r"检查了 (\d+) 个文件：(\d+) 个错误，(\d+) 条合规提示", run.stderr)
            if m:
                res.errors, res.findings = int(m.group(2)), int(m.group(3))
            _log(f"N={n}：check {_fmt(run)}，{res.errors} 个错误，{res.findings} 条合规提示")
            if res.errors:
                _log("  前几个错误：\n" + "\n".join(line for line in run.stdout.splitlines() if ": E" in line)[:2000])

        if "precommit" in what:
            target = _precommit_file(root)
            run = measure(filings_cmd("check", target, "--base", "HEAD", "--as-of", AS_OF), root, timeout)
            res.precommit = {**_summary(run), "file": target}
            _log(f"N={n}：pre-commit（check {target} --base HEAD）{_fmt(run)}，退出码 {run.exit_code}")

        if "build" in what:
            run = measure(filings_cmd("build", "--repo", str(root), "--as-of", AS_OF), root, timeout)
            res.build = _summary(run)
            pages = re.findall(r"(\d+) 个页面", run.stdout)
            if len(pages) >= 2:
                res.public_pages, res.library_pages = int(pages[0]), int(pages[1])
            res.public_mb, res.library_mb = _du_mb(root / "site"), _du_mb(root / "library")
            if not run.ok:
                tail = (run.stdout + "\n" + run.stderr).strip().splitlines()[-15:]
                res.build_error = "超时" if run.timed_out else "\n".join(tail)
            _log(f"N={n}：build {_fmt(run)}，公开目录 {res.public_pages} 页（{res.public_mb} MB），"
                 f"内部项目库 {res.library_pages} 页（{res.library_mb} MB）")
            if res.build_error:
                _log(f"  build 未成功：{res.build_error}")
    finally:
        if keep:
            _log(f"保留合成辖区：{root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return res


def _precommit_file(root: Path) -> str:
    """filings/<clone of PRECOMMIT_TEMPLATE in batch 1>/立项申请.md, relative to root."""
    for folder in sorted((root / "filings").iterdir()):
        app = folder / "立项申请.md"
        if app.exists() and "应急指挥中心建设项目（0001）" in app.read_text(encoding="utf-8"):
            return app.relative_to(root).as_posix()
    first = sorted((root / "filings").glob("*/立项申请.md"))[0]
    return first.relative_to(root).as_posix()


def _fmt(run: Run) -> str:
    if run.timed_out:
        return f"超时（>{run.seconds:.0f} 秒）"
    peak = f"{run.peak_mb:.0f} MB" if run.peak_mb is not None else "?"
    return f"{run.seconds:.1f} 秒 / 峰值 {peak}"


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _cell(part: dict) -> tuple[str, str]:
    if not part:
        return "—", "—"
    if part.get("timed_out"):
        return f"超时（>{part['seconds']:.0f} 秒）", "—"
    secs = f"{part['seconds']:.1f} 秒" + ("" if part.get("exit_code") in (0, None) else f"（退出码 {part['exit_code']}）")
    peak = f"{part['peak_mb']:.0f} MB" if part.get("peak_mb") is not None else "?"
    return secs, peak


def table(results: list[Result]) -> str:
    head = ("| 项目数 | 备案文件数 | 页面数（公开 / 内部） | 站点大小（公开 / 内部） | check 用时 | check 峰值内存 "
            "| build 用时 | build 峰值内存 | pre-commit 用时 | pre-commit 峰值内存 |")
    lines = [head, "|" + "---:|" * 10]
    for r in results:
        pages = f"{r.public_pages} / {r.library_pages}" if r.public_pages is not None else "—"
        size = f"{r.public_mb} / {r.library_mb} MB" if r.public_mb is not None else "—"
        lines.append("| " + " | ".join([str(r.projects), str(r.filings), pages, size,
                                         *_cell(r.check), *_cell(r.build), *_cell(r.precommit)]) + " |")
    return "\n".join(lines)


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
    return (f"{code}；{version}；"
            f"{os.cpu_count()} 个 CPU 核；--as-of {AS_OF}；测量日期 {dt.date.today()}")


def cmd_run(args: argparse.Namespace) -> int:
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    what = set(args.only.split(",")) if args.only else {"check", "build", "precommit"}
    if "precommit" in what and args.precommit_largest_only:
        largest = max(sizes)
    else:
        largest = None
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.gettempdir())
    results = []
    for n in sizes:
        parts = set(what)
        if largest is not None and n != largest:
            parts.discard("precommit")
        results.append(bench_size(n, parts, args.timeout, workdir, args.keep))
    print(environment())
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
    try:
        synth.generate(args.size, root)
        synth.git_commit(root)
        if args.what == "precommit":
            target = _precommit_file(root)
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
    p.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="项目数，逗号分隔（默认 100,1000,3000）")
    p.add_argument("--only", default="", help="只测其中几项：check,build,precommit（逗号分隔，默认全部）")
    p.add_argument("--precommit-all-sizes", dest="precommit_largest_only", action="store_false",
                   help="每个规模都测 pre-commit（默认只测最大的规模）")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="单条命令的超时（秒，默认 600）")
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
