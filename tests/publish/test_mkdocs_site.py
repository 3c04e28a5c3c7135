from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.publish.mkdocs_site import (
    SHIM_SITE_PATH,
    SiteBuildError,
    _install_shim,
    build_site,
    jieba_dict_path,
    scan_offline,
)

PAGES = {
    "index.md": "# 项目目录\n\n- [一体化政务服务平台](zwfw.md)\n- [数据共享交换](sjgx.md)\n- [智慧养老](zhyl.md)\n",
    "zwfw.md": "# 一体化政务服务平台\n\n建设全市一体化政务服务平台，依托浙里办实现一网通办。\n\n"
               "## 建设内容\n\n统一受理、统一身份认证。参见 <https://www.gov.cn>。\n",
    "sjgx.md": "# 数据共享交换\n\n建设市级数据共享交换体系，支撑部门间业务协同。\n",
    "zhyl.md": "# 智慧养老\n\n面向老年人的智慧养老服务，由市民政局牵头。\n",
}
WORDS = ["浙里办", "一网通办"]
PARTS = ["一体化政务服务平台", "数据共享交换", "智慧养老服务"]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    return docs


def build(docs: Path, out: Path, **kwargs) -> None:
    kwargs.setdefault("jieba_words", WORDS)
    kwargs.setdefault("jieba_parts", PARTS)
    build_site(docs, out, site_name="测试站点", nav=[{"首页": "index.md"}], **kwargs)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def index_docs(out: Path) -> dict[str, dict]:
    data = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {doc["location"]: doc for doc in data["docs"]}


def test_strict_build_is_offline_with_chinese_search(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(docs, out, strict=True)

    assert (out / "zwfw.html").is_file()
    assert out.stat().st_mode & 0o755 == 0o755
    assert scan_offline(out) == []
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"]
    assert (out / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")

    # The shim is the vendored copy, referenced page-relatively, never a CDN.
    assert (out / SHIM_SITE_PATH).is_file() and (out / SHIM_SITE_PATH).with_name("LICENSE").is_file()
    html = (out / "zwfw.html").read_text(encoding="utf-8")
    assert f'<script src="{SHIM_SITE_PATH}"></script>' in html
    for page in out.rglob("*.html"):
        assert "unpkg.com" not in page.read_text(encoding="utf-8"), page
    assert not list(tmp_path.glob(".site.*")), "temporary build directories left behind"


def test_jieba_dictionary_is_written_and_used(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(docs, out)

    path = jieba_dict_path(docs)
    assert path == tmp_path / "docs.jieba_user_dict.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert {"浙里办 2000", "一网通办 2000", "服务平台 0", "数据共享 0"} <= set(lines)
    assert not any(line.startswith("一体化政务服务平台") for line in lines)

    # How jieba cuts with the dictionary the search plugin is given.
    assert segments("一体化政务服务平台", path) == ["一体化", "政务", "服务", "平台"]
    assert segments("数据共享交换", path) == ["数据", "共享", "交换"]
    assert "浙里办" in segments("群众在浙里办上一网通办", path)
    # Built without our theme overrides, the site keeps material's worker (lunr): it matches query
    # prefixes of the tokens Material joined with U+200B, so the index keeps them (our sites' lean-search.js
    # does not need them: tests/browser/test_search_ranking.py).
    pages = index_docs(out)
    assert pages["zwfw.html"]["title"].split("\u200b") == ["一体化", "政务", "服务", "平台"]
    assert "\u200b浙里办\u200b" in pages["zwfw.html"]["text"]


def segments(text: str, user_dict: Path) -> list[str]:
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(user_dict))
    return [t for t in tokenizer.cut(text) if t.strip()]


def test_without_dictionary_compounds_stay_whole(docs: Path, tmp_path: Path) -> None:
    # Documents why the dictionary exists: stock jieba hides 平台 and 共享 inside compounds.
    out = tmp_path / "site"
    build(docs, out, jieba_words=(), jieba_parts=())
    assert "服务平台" in segments("一体化政务服务平台", jieba_dict_path(docs))
    assert "数据共享" in segments("数据共享交换", jieba_dict_path(docs))
    assert jieba_dict_path(docs).read_text(encoding="utf-8") == ""


def test_failed_build_keeps_previous_output(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(docs, out)
    before = snapshot(out)

    with (docs / "zhyl.md").open("a", encoding="utf-8") as f:
        f.write("\n[失效链接](不存在.md)\n")
    with pytest.raises(SiteBuildError) as info:
        build(docs, out, strict=True)

    assert "构建失败" in str(info.value)
    assert any("不存在.md" in detail for detail in info.value.details)
    assert snapshot(out) == before
    assert not list(tmp_path.glob(".site.*"))


def test_missing_docs_dir_is_a_build_error(tmp_path: Path) -> None:
    with pytest.raises(SiteBuildError, match="文档目录不存在"):
        build_site(tmp_path / "nope", tmp_path / "site", site_name="测试站点")


def test_online_build_has_no_offline_extras(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(docs, out, offline=False, extra={"note": "内部"})
    assert "squidfunk" not in (out / "index.html").read_text(encoding="utf-8")  # base extra kept
    assert (out / "search" / "search_index.json").is_file()
    assert not (out / "search" / "search_index.js").exists()
    assert not (out / SHIM_SITE_PATH).exists()
    assert "iframe-worker" not in (out / "index.html").read_text(encoding="utf-8")
    assert scan_offline(out) == []


def test_cdn_shim_reference_is_rewritten(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    page = tmp_path / "a" / "b" / "page.html"
    page.write_text('<script src="https://unpkg.com/iframe-worker/shim"></script>', encoding="utf-8")
    _install_shim(tmp_path)
    assert page.read_text(encoding="utf-8") == f'<script src="../../{SHIM_SITE_PATH}"></script>'
    assert scan_offline(tmp_path) == []


def test_scan_offline_reports_loads_not_links(tmp_path: Path) -> None:
    files = {
        "page.html": """<html><head>
            <link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">
            <link rel="canonical" href="https://example.gov.cn/page.html">
            <script src="https://cdn.example.com/lib.js"></script>
            <script>/* https://comment.example.com */ fetch("https://api.example.com/x")</script>
            <script type="application/json">{"home": "https://json.example.com"}</script>
            <style>body { background: url('https://img.example.com/bg.png') }</style>
            </head><body>
            <a href="https://www.gov.cn">中国政府网</a>
            <img src="local.png" srcset="https://img.example.com/a.png 2x">
            <div style="background-image: url(https://img.example.com/s.png)"></div>
            <pre class="mermaid">graph LR</pre>
            </body></html>""",
        "style.css": "/* https://fontawesome.com */ .a{background:url(\"data:image/svg+xml;charset=utf-8,"
                     "<svg xmlns='http://www.w3.org/2000/svg'/>\")} @import 'https://css.example.com/x.css';",
        "app.js": "// see https://docs.example.com\nimport('https://esm.example.com/m.js')",
        "search/search_index.js": 'var __index = {"docs":[{"text":"https://www.gov.cn"}]}',
        "sitemap.xml": "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                       "<url><loc>https://example.gov.cn/</loc></url></urlset>",
        "data.json": '{"url": "https://www.gov.cn"}',
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")

    assert sorted(scan_offline(tmp_path)) == sorted([
        "app.js: https://esm.example.com/m.js",
        "page.html: //fonts.googleapis.com/css?family=Roboto",
        "page.html: https://cdn.example.com/lib.js",
        "page.html: https://api.example.com/x",
        "page.html: https://img.example.com/bg.png",
        "page.html: https://img.example.com/a.png",
        "page.html: https://img.example.com/s.png",
        "page.html: https://unpkg.com/mermaid@11/dist/mermaid.min.js",
        "style.css: https://css.example.com/x.css",
    ])


def test_scan_offline_skips_pages_whose_only_remote_urls_are_links(tmp_path: Path) -> None:
    """Links (every page's footer links the licence) do not send a page to the full parse; a styled
    link still does, and its url() is reported."""
    (tmp_path / "links.html").write_text('<p><a href="https://creativecommons.org/licenses/by/4.0/" rel="license">'
                                         '许可</a> <a href="//www.gov.cn">政府网</a></p>', encoding="utf-8")
    (tmp_path / "styled.html").write_text('<a href="a.html" style="background:url(https://img.example.com/a.png)">'
                                          'x</a>', encoding="utf-8")
    (tmp_path / "mixed.html").write_text('<a href="https://www.gov.cn">x</a><img src="https://img.example.com/b.png">',
                                         encoding="utf-8")
    assert sorted(scan_offline(tmp_path)) == ["mixed.html: https://img.example.com/b.png",
                                              "styled.html: https://img.example.com/a.png"]
