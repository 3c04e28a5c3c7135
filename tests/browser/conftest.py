"""Browser test harness: Debian chromium driven by Playwright (sync API).

Fixtures:
  browser       session-wide headless chromium (skips if chromium is absent)
  page          fresh context + page per test; every request URL is recorded
                in ``request_urls`` and requests to other hosts are aborted
  request_urls  the list the ``page`` recorder appends to
  http_server   ``serve(directory) -> base_url`` on 127.0.0.1, random port
  screenshot    ``screenshot(page, name) -> Path`` under test-artifacts/screenshots/

Playwright never downloads a browser here: the Debian chromium is used via executable_path.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def is_external(url: str) -> bool:
    """True for an http(s)/ws(s) URL whose host is not this machine."""
    parts = urlsplit(url)
    return parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname not in LOCAL_HOSTS


@pytest.fixture(scope="session")
def browser() -> Iterator:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("未安装 Debian chromium（apt-get install chromium），跳过浏览器测试")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def request_urls() -> list[str]:
    return []


@pytest.fixture
def page(browser, request_urls: list[str]) -> Iterator:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="zh-CN", service_workers="block"
    )
    context.on("request", lambda request: request_urls.append(request.url))
    # Belt and braces: nothing may reach another host even if something tries.
    context.route(is_external, lambda route: route.abort())
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


@pytest.fixture
def http_server() -> Iterator[Callable[[Path], str]]:
    servers: list[http.server.ThreadingHTTPServer] = []

    def serve(directory: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    def take(page, name: str, *, full_page: bool = True) -> Path:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


# --- the demo district, built once per session (a11y, mobile, search, project list) ---

DEMO_AS_OF = "2026-11-29"


@pytest.fixture(scope="session")
def demo_district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding a copy of the demo district, with both sites built by `filings build`."""
    import contextlib
    import io
    import subprocess

    from generator.cli import main

    repo = tmp_path_factory.mktemp("demo-district")
    shutil.copytree(REPO_ROOT / "filings", repo / "filings")
    git = ["git", "-c", "user.name=测试", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "示范区备案"], cwd=repo, check=True)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["build", "--repo", str(repo), "--as-of", DEMO_AS_OF])
    assert code == 0, out.getvalue()
    assert (repo / "site" / "index.html").is_file() and (repo / "library" / "index.html").is_file()
    return repo


def site_pages(root: Path) -> list[str]:
    """Every HTML page of a built site, relative to its root (theme assets excluded)."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                  if not p.relative_to(root).as_posix().startswith("assets/"))
