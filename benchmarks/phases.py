"""Where `filings build` spends its time: run it in this process with timers around its phases.

    .venv/bin/python benchmarks/phases.py <district root> [--as-of 2026-11-29]

(or `benchmarks/run.py phases --size N`, which generates the district first).
Nothing in generator/ is changed: the functions below are wrapped at run time
(module attributes and two mkdocs-material plugin methods), and the build is
started through generator.cli.main exactly as `filings build` starts it.
For each phase: calls, total wall time, and the process's peak RSS when the
phase last ended (ru_maxrss only grows, so a jump shows which phase raised it).
The two sites are built one after the other in this process (FILINGS_BUILD_PROCESSES=1), not in
two forked children as `filings build` builds them, so the timers see every phase; the peak
memory here is therefore that of the old single-process build, not of `filings build`.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import io
import os
import resource
import sys
import time
from dataclasses import dataclass

# (label, module, attribute[, class]) in the order they run; indentation = nesting.
PHASES = (
    ("检查并构造视图 prepare", "generator.commands.build", "prepare", None),
    ("  读取并检查全部备案 load", "generator.commands.build", "load", None),
    ("  合规引擎 assess", "generator.engine", "assess", None),
    ("  合规提示 evaluate", "generator.engine", "evaluate", None),
    ("  Git 历史 file_history", "generator.change.git", "file_history", None),
    ("  入库日期 entry_record", "generator.commands.build", "entry_record", None),
    ("  公开视图 build_public", "generator.views", "build_public", None),
    ("  内部视图 build_library", "generator.views", "build_library", None),
    ("生成页面和导出文件 stage（两个站点）", "generator.publish.sites", "stage", None),
    ("  导出文件（公开）public_files", "generator.publish.exports", "public_files", None),
    ("  导出文件（内部）library_files", "generator.publish.exports", "library_files", None),
    ("  页面（公开）write_public", "generator.publish.pages", "write_public", None),
    ("  页面（内部）write_library", "generator.publish.pages", "write_library", None),
    ("生成站点 build_site（两个站点）", "generator.publish.sites", "build_site", None),
    ("  jieba 用户词典 write_jieba_dict", "generator.publish.mkdocs_site", "write_jieba_dict", None),
    ("  mkdocs build", "generator.publish.mkdocs_site", "_run_mkdocs", None),
    ("    Markdown 转 HTML _populate_page", "mkdocs.commands.build", "_populate_page", None),
    ("    页面模板 _build_page（含搜索插件）", "mkdocs.commands.build", "_build_page", None),
    ("      搜索插件 on_page_context（jieba 分词）", "material.plugins.search.plugin", "on_page_context", "SearchPlugin"),
    ("    搜索插件 on_post_build（写索引）", "material.plugins.search.plugin", "on_post_build", "SearchPlugin"),
    ("    离线插件 on_post_build", "material.plugins.offline.plugin", "on_post_build", "OfflinePlugin"),
    ("  精简搜索索引 search_compact_index", "generator.publish.mkdocs_site", "search_compact_index", None),
    ("  全文索引（内部）fulltext_index.write_index", "generator.publish.fulltext_index", "write_index", None),
    ("  离线垫片 _install_shim", "generator.publish.mkdocs_site", "_install_shim", None),
    ("  离线检查 scan_offline", "generator.publish.mkdocs_site", "scan_offline", None),
)


@dataclass
class Timer:
    label: str
    calls: int = 0
    seconds: float = 0.0
    peak_mb: float = 0.0


def _wrap(timer: Timer, fn):  # type: ignore[no-untyped-def]
    @functools.wraps(fn)
    def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            timer.seconds += time.perf_counter() - start
            timer.calls += 1
            timer.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return timed


def install() -> list[Timer]:
    timers = []
    for label, module, attr, cls in PHASES:
        owner = importlib.import_module(module)
        if cls:
            owner = getattr(owner, cls)
        timer = Timer(label)
        setattr(owner, attr, _wrap(timer, getattr(owner, attr)))
        timers.append(timer)
    return timers


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="filings build 各阶段用时（进程内计时）")
    p.add_argument("root", help="辖区仓库根目录（含 filings/）")
    p.add_argument("--as-of", default="2026-11-29")
    args = p.parse_args(argv)
    # the timers count in this process only: build both sites here, one after the other, not in
    # forked children as filings build does (generator/publish/sites.py)
    os.environ["FILINGS_BUILD_PROCESSES"] = "1"
    timers = install()
    from generator.cli import main as filings

    out = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out):
        code = filings(["build", "--repo", args.root, "--as-of", args.as_of])
    total = time.perf_counter() - start
    print(f"filings build 退出码 {code}，总用时 {total:.1f} 秒，"
          f"峰值内存 {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print()
    print("| 阶段 | 调用次数 | 用时（秒） | 占比 | 阶段结束时的峰值内存 |")
    print("|---|---:|---:|---:|---:|")
    for t in timers:
        indent = len(t.label) - len(t.label.lstrip(" "))
        label = "　" * (indent // 2) + t.label.strip()
        print(f"| {label} | {t.calls} | {t.seconds:.1f} | {t.seconds / total:.0%} | {t.peak_mb:.0f} MB |")
    return code


if __name__ == "__main__":
    sys.exit(main())
