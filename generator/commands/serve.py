"""filings serve: build one site into .build/preview/ and serve it on 127.0.0.1, rebuilding on change.

Deliberately simple: a polling loop over filings/, docs/ and the site
templates (no file-watching library, works the same on every file system)
and the standard library's HTTP server. Reload the browser page to see a
rebuild. The real site/ and library/ are never touched.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import sys
import threading
import time
from pathlib import Path

from ..engine.facts import SEVERE_DELAY_DAYS
from ..templates import DOCS, TEMPLATES
from .build import prepare, site_root

NAME = "serve"
HELP = "本地预览站点：生成后在 http://127.0.0.1:端口/ 提供浏览，备案或模板改动后自动重新生成"
PREVIEW = ".build/preview"
POLL_SECONDS = 1.0


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    p.add_argument("--library", action="store_true", help="预览内部项目库（默认预览公开目录）")


def run(args: argparse.Namespace) -> int:
    root = site_root(args)
    if root is None:
        return 2
    audience = "library" if args.library else "public"
    out = root / PREVIEW / audience
    days = args.severe_delay_days
    if not rebuild(root, args.as_of, audience, out, days) and not out.is_dir():
        print("没有可预览的站点：请先修正上面的错误，再运行 filings serve。", file=sys.stderr)
        return 1
    try:
        server = _server(out, args.port)
    except OSError as exc:
        print(f"无法在 127.0.0.1:{args.port} 上启动预览：{exc.strerror}；可用 --port 换一个端口", file=sys.stderr)
        return 1
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"预览地址：http://127.0.0.1:{server.server_address[1]}/ （按 Ctrl+C 停止；改动备案后刷新页面即可）")
    try:
        watch(root, args.as_of, audience, out, days=days)
    except KeyboardInterrupt:
        print("\n已停止预览。")
    finally:
        server.shutdown()
        server.server_close()
    return 0


def rebuild(root: Path, as_of: dt.date, audience: str, out: Path,
            days: int = SEVERE_DELAY_DAYS) -> bool:
    """Build one audience's site into `out`; print the report or the errors."""
    from ..publish.sites import publish, report

    loaded = prepare(root, as_of, days)
    if loaded is None:
        return False
    result = publish(root, *loaded, audiences=(audience,), outputs={audience: out})
    sys.stdout.write(report(result))
    return result.ok


def watched(root: Path) -> dict[str, float]:
    """Modification times of everything a rebuild reads."""
    stamps: dict[str, float] = {}
    for base in (root / "filings", TEMPLATES.site, DOCS):
        if base.is_dir():
            for path in base.rglob("*"):
                if path.is_file():
                    stamps[str(path)] = path.stat().st_mtime
    return stamps


def watch(root: Path, as_of: dt.date, audience: str, out: Path, rounds: int | None = None,
          days: int = SEVERE_DELAY_DAYS) -> None:
    seen = watched(root)
    while rounds is None or rounds > 0:
        time.sleep(POLL_SECONDS)
        now = watched(root)
        if now != seen:
            seen = now
            print(f"{time.strftime('%H:%M:%S')} 检测到改动，重新生成……")
            rebuild(root, as_of, audience, out, days)
        if rounds is not None:
            rounds -= 1


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - keep the console for build output
        pass


def _server(directory: Path, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server
