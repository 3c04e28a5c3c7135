"""Time to the first search result in headless Chromium, on the sites `filings build` wrote.

    .venv/bin/python benchmarks/browser.py <district root> [--query 城市生命线] [--runs 3]

For each of the three searches — the public catalog opened from disk (file://, as an auditor
opens it from a disc), the library's header search and its full-text page (fulltext.html), both
served over HTTP as the library always is — a fresh browser context (nothing cached) opens
the page, types the query at once and waits for the first result. The clock is the page's
own: from the start of navigation to the first result in the list, so it includes loading
the page, downloading and building the index and searching. The median of `runs` is kept,
with the bytes fetched until then (tests/browser/search_cost.py measures both; the browser
tests run it on the demo district). Prints one JSON line: label -> {"ms", "mb", "runs"}, and
"server" -> which server served the library.

Debian's chromium through Playwright (executable_path), like the browser tests; the library
is served on 127.0.0.1 by nginx as docs/部署.md serves it (keep-alive: the full-text page
fetches a dozen small files per query), or by Python's threaded HTTP server where nginx is missing
(one connection per request: slower, so the figures are an upper bound).
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import importlib.util
import json
import shutil
import statistics
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "publish"))
import nginx_run  # noqa: E402
from search_cost import FULLTEXT_INPUT, FULLTEXT_RESULT, first_result_cost  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DEFAULT_QUERY = "城市生命线"  # words of synthetic project names (benchmarks/synth.py)
TIMEOUT_MS = 20_000  # a search that shows nothing by then has no result for the query


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


LIBRARY_SERVER = """server {{
    listen 80;
    root {root};
    index index.html;
    charset utf-8;
    location / {{ try_files $uri $uri/ =404; }}
}}"""


@contextlib.contextmanager
def nginx(folder: Path) -> Iterator[str | None]:
    """`folder` served by a private nginx as docs/部署.md serves the library (keep-alive, sendfile);
    None when nginx is not installed."""
    if nginx_run.NGINX is None or not Path("/etc/nginx/mime.types").exists():
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="filings-nginx-") as tmp, \
            nginx_run.nginx(Path(tmp), LIBRARY_SERVER.format(root=folder)) as base:
        yield base


def measure(root: Path, query: str = DEFAULT_QUERY, runs: int = 3) -> dict[str, dict[str, object]]:
    """label -> median ms, its MB and every run's ms; {} when chromium or Playwright is missing."""
    executable = shutil.which("chromium")
    if importlib.util.find_spec("playwright") is None:
        return {}
    if executable is None or not (root / "site" / "index.html").is_file():
        return {}
    with contextlib.ExitStack() as stack:
        base = stack.enter_context(nginx(root / "library"))
        server = "nginx"
        if base is None:
            python_server, base = serve(root / "library")
            stack.callback(python_server.server_close)
            stack.callback(python_server.shutdown)
            server = "python"
        found = _measure(root, base, query, runs)
        found["server"] = {"library": server}
        return found


def _measure(root: Path, base: str, query: str, runs: int) -> dict[str, dict[str, object]]:
    executable = shutil.which("chromium")
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    searches = {
        "site": (root / "site", (root / "site" / "index.html").as_uri(), {}),
        "library-fulltext": (root / "library", base + "fulltext.html",
                             {"input_selector": FULLTEXT_INPUT, "result_selector": FULLTEXT_RESULT}),
        "library-header": (root / "library", base + "index.html", {}),
    }
    found: dict[str, dict[str, object]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            for label, (site, url, options) in searches.items():
                costs = []
                for _ in range(runs):
                    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN",
                                                  service_workers="block")
                    try:
                        costs.append(first_result_cost(context.new_page(), site, url, query, TIMEOUT_MS, **options))
                    except PlaywrightTimeout:
                        break  # no result: the query is not in this search's index
                    finally:
                        context.close()
                if len(costs) < runs:
                    found[label] = {"ms": None, "mb": None, "runs": [], "error": f"{TIMEOUT_MS / 1000:g} 秒内没有结果"}
                    continue
                middle = sorted(costs, key=lambda c: c.ms)[len(costs) // 2]
                found[label] = {"ms": round(statistics.median(c.ms for c in costs)),
                                "mb": round(middle.bytes / 1024 / 1024, 2),
                                "runs": [round(c.ms) for c in costs]}
        finally:
            browser.close()
    return found


def main() -> int:
    p = argparse.ArgumentParser(description="首个搜索结果出现前的用时（无头 Chromium）")
    p.add_argument("root", type=Path, help="已运行 filings build 的辖区仓库（含 site/ 和 library/）")
    p.add_argument("--query", default=DEFAULT_QUERY)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    print(json.dumps(measure(args.root.resolve(), args.query, args.runs), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
