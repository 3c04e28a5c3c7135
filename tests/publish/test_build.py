"""`filings build` on a copy of the demo district: both sites, strict and offline, safe, atomic."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from demo_repo import AS_OF, DEMO, copy_demo, git_commit, run

from generator.publish.markdown import clean, render
from generator.publish.mkdocs_site import scan_offline

TRICKY_PROJECT = "2026-ZNZZ-01"
TRICKY_NAME = "高新区惠企政策<b>加粗</b>*强调*[链接](javascript:alert(1))平台"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = copy_demo(tmp_path_factory.mktemp("demo") / "repo")
    app = root / "filings" / TRICKY_PROJECT / "立项申请.md"
    name = re.search(r"^项目名称: (.+)$", app.read_text(encoding="utf-8"), re.M)
    assert name
    replace_in(app, f"项目名称: {name.group(1)}", f"项目名称: \"{TRICKY_NAME}\"")
    git_commit(root)
    code, out, err = run("build", "--repo", str(root), "--as-of", AS_OF)
    assert code == 0, out + err
    return root, out


def projects() -> list[str]:
    return sorted(p.name for p in DEMO.iterdir() if p.is_dir() and re.match(r"^\d{4}-[A-Z]+-\d{2}$", p.name))


def test_both_sites_are_built_strict_and_offline(built: tuple[Path, str]) -> None:
    root, report = built
    for name in ("site", "library"):
        assert (root / name / "index.html").is_file()
        assert (root / name / "search" / "search_index.js").is_file()
        assert scan_offline(root / name) == []
    assert "公开目录" in report and "内部项目库" in report and "失败：无。" in report
    assert not list(root.glob(".site.*")) and not list(root.glob(".library.*"))


def test_report_counts_what_was_published_and_withheld(built: tuple[Path, str]) -> None:
    _, report = built
    public = re.search(r"已发布 (\d+) 个项目、(\d+) 份备案、(\d+) 项开放数据资源", report)
    assert public and int(public.group(1)) == len(projects())
    assert re.search(r"内部备案 \d+ 份（.*监管措施 \d+", report)
    assert re.search(r"内部字段 \d+ 个值（.*联系人 \d+", report)
    assert re.search(r"不予开放的信息资源 [1-9]\d* 项", report)


def test_a_page_for_every_project(built: tuple[Path, str]) -> None:
    root, _ = built
    for pid in projects():
        for site in ("site", "library"):
            page = root / site / "projects" / f"{pid}.html"
            assert page.is_file(), page
            assert pid in page.read_text(encoding="utf-8")


def test_nav_lists_index_pages_only(built: tuple[Path, str]) -> None:
    root, _ = built
    project_link = re.compile(r"projects/\d{4}-[A-Z]+-\d{2}\.html")
    for site in ("site", "library"):
        for page in (root / site / "index.html", root / site / "projects" / "by-dept.html"):
            html = page.read_text(encoding="utf-8")
            navs = re.findall(r'<nav class="md-(?:nav|tabs)[^"]*"[^>]*>.*?</nav>', html, re.S)
            assert navs, page
            for nav in navs:
                assert not project_link.search(nav), f"{page}: nav lists a project page"
        # ...while the index pages do reach every project
        index = (root / site / "projects" / "index.html").read_text(encoding="utf-8")
        assert {f"{pid}.html" for pid in projects()} <= set(re.findall(r'href="([^"]+\.html)"', index))


def test_internal_links_resolve(built: tuple[Path, str]) -> None:
    """Links written as raw HTML are not checked by mkdocs: check them here."""
    root, _ = built
    for site in ("site", "library"):
        for page in (root / site).rglob("*.html"):
            for href in re.findall(r'href="(?!/)([^"#?:]+\.(?:html|json|csv|xml|jsonld|xlsx|pdf|png))"',
                                   page.read_text(encoding="utf-8")):
                target = (page.parent / unquote(href)).resolve()
                assert target.is_file(), f"{page.relative_to(root)} → {href}"


def test_last_updated_comes_from_git(built: tuple[Path, str]) -> None:
    root, _ = built
    for page in ("index.html", f"projects/{TRICKY_PROJECT}.html", "open-data.html"):
        html = (root / "site" / page).read_text(encoding="utf-8")
        assert "最后更新：" in html and "2026-11-20" in html, page
    history = (root / "library" / "projects" / f"{TRICKY_PROJECT}.html").read_text(encoding="utf-8")
    assert "修改历史" in history and "李娜" in history and "演示辖区备案" in history


def test_values_from_filings_stay_text(built: tuple[Path, str]) -> None:
    """Markdown and HTML in a front-matter value are shown, never interpreted."""
    root, _ = built
    for site in ("site", "library"):
        html = (root / site / "projects" / f"{TRICKY_PROJECT}.html").read_text(encoding="utf-8")
        assert "<b>加粗" not in html and "<em>强调" not in html
        assert not re.search(r"href=\"javascript:", html) and ">链接</a>" not in html
        assert "&lt;b&gt;加粗&lt;/b&gt;" in html


def test_build_refuses_on_errors_and_keeps_the_previous_sites(built: tuple[Path, str], tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "repo")
    for site in ("site", "library"):
        shutil.copytree(built[0] / site, root / site)
    before = {site: snapshot(root / site) for site in ("site", "library")}
    contract = next((root / "filings" / "2025-XYZ-01").glob("合同备案-2025-04.md"))
    replace_in(contract, "合同金额: 131.6", "合同金额: 131.6万元")

    code, out, err = run("build", "--repo", str(root), "--as-of", AS_OF)

    assert code == 1
    assert re.search(r"^filings/2025-XYZ-01/合同备案-2025-04\.md:\d+:\d+: E\d{3} ", out, re.M), out
    assert "拒绝发布" in err
    assert {site: snapshot(root / site) for site in ("site", "library")} == before
    assert not (root / ".build" / "public" / "site").exists()


def test_raw_html_in_a_body_is_refused(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "repo")
    app = root / "filings" / "2025-XYZ-01" / "立项申请.md"
    replace_in(app, "## 项目概述\n", "## 项目概述\n\n<script>alert('x')</script>\n<img src=x onerror=alert(1)>\n")

    code, out, _ = run("build", "--repo", str(root), "--as-of", AS_OF)

    assert code == 1
    assert "filings/2025-XYZ-01/立项申请.md:" in out
    assert not (root / "site").exists() and not (root / "library").exists()


def test_the_renderer_never_passes_raw_html() -> None:
    html = render("文字 <script>alert('x')</script> <b onclick=\"x()\">粗</b>\n\n"
                  "<div onmouseover=\"steal()\">块</div>\n\n"
                  "[坏链接](javascript:alert(1)) [外链](https://www.gov.cn) ![远程图](https://evil.example/x.png)\n\n"
                  "| 列 |\n|---|\n| <iframe src=\"https://evil.example\"></iframe> |\n")
    assert "<script" not in html and "<b " not in html and "<div" not in html and "<iframe" not in html
    assert "&lt;script&gt;" in html and "&lt;iframe" in html
    assert "javascript:" not in html.replace("[坏链接](javascript:alert(1))", "")
    assert '<a href="https://www.gov.cn" rel="noopener noreferrer">外链</a>' in html
    assert "<img" not in html  # a picture from another host is never loaded
    assert "<table>" in html


def test_the_sanitiser_strips_what_a_parser_lets_through() -> None:
    dirty = ('<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">b</a>'
             '<img src="x" onerror="alert(1)"><style>p{}</style></p>')
    cleaned = clean(dirty)
    for bad in ("onclick", "<script", "javascript:", "onerror", "<style"):
        assert bad not in cleaned


def test_attachments_are_linked_only_in_the_library(built: tuple[Path, str]) -> None:
    root, _ = built
    for path in (root / "filings").rglob("附件/*"):
        pid = path.parent.parent.name
        public = root / "site" / "projects" / pid / "附件" / path.name
        assert not public.exists(), public
    copied = list((root / "library" / "projects").rglob("附件/*"))
    assert copied, "no attachment linked from a library page"


def test_guides_are_internal_unless_marked_public(built: tuple[Path, str]) -> None:
    root, _ = built
    guides = sorted(p.stem for p in (DEMO.parent / "docs").glob("*.md"))
    assert guides
    for name in guides:
        assert (root / "library" / "guide" / f"{name}.html").is_file(), name
    public = [p for p in (DEMO.parent / "docs").glob("*.md") if p.read_text(encoding="utf-8").startswith("---\n公开: true")]
    assert sorted((root / "site" / "guide").glob("*.html")) if public else not (root / "site" / "guide").exists()
    assert (root / "site" / "reference.html").is_file() and (root / "library" / "reference.html").is_file()


def test_serve_previews_into_build_and_notices_changes(tmp_path: Path) -> None:
    import datetime as dt

    from generator.commands import serve

    root = copy_demo(tmp_path / "repo")
    out = root / serve.PREVIEW / "public"
    assert serve.rebuild(root, dt.date.fromisoformat(AS_OF), "public", out)
    assert (out / "index.html").is_file() and (out / "projects" / f"{TRICKY_PROJECT}.html").is_file()
    assert not (root / "site").exists() and not (root / "library").exists()
    before = serve.watched(root)
    changed = root / "filings" / TRICKY_PROJECT / "立项申请.md"
    os.utime(changed, (changed.stat().st_atime, changed.stat().st_mtime + 10))
    assert serve.watched(root) != before


def test_no_markdown_left_unrendered(built: tuple[Path, str]) -> None:
    """Markdown inside our own HTML blocks is not rendered: a link written there would show as text."""
    leftover = re.compile(r"\]\([^)\s]+\.(?:md|html)\)")
    for name in ("site", "library"):
        for page in (built[0] / name).rglob("*.html"):
            text = re.sub(r"<(script|style)\b.*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.S)
            assert not leftover.search(text), page
