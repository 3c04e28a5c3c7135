"""The 404 page in a real browser, opened from disk as an auditor opens a site burnt on a disc."""
from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from generator.cli import main

REPO_ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-29"


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("frame-district")
    shutil.copytree(REPO_ROOT / "filings", repo / "filings")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["build", "--repo", str(repo), "--as-of", AS_OF])
    assert code == 0, out.getvalue()
    return repo


def test_404_page_is_chinese_and_styled_when_opened_from_disk(page, request_urls, district: Path,
                                                              screenshot) -> None:
    page.goto((district / "site" / "404.html").as_uri())
    header = page.evaluate("getComputedStyle(document.querySelector('.nf-header')).backgroundColor")
    heading = page.evaluate("getComputedStyle(document.querySelector('h1')).fontSize")
    footer = page.evaluate("getComputedStyle(document.querySelector('.gov-frame')).backgroundColor")
    assert header == "rgb(63, 81, 181)" and float(heading.rstrip("px")) > 20 and footer == "rgb(38, 50, 56)"
    assert page.locator("h1").inner_text() == "页面不存在（404）"
    assert "聊城高新技术产业开发区" in page.locator("footer").inner_text()
    screenshot(page, "frame-404-from-disk")
    page.get_by_role("link", name="返回首页").click()
    page.wait_for_load_state()
    assert page.url.endswith("/site/index.html")
    assert all(u.startswith("file://") for u in request_urls), request_urls
