"""The library's full-text index (generator/publish/fulltext_index.py): what it reads from a page, how it
cuts long pages, and that its postings find every unit holding a query (read back here,
file by file, as the module documents the format and fulltext.js reads it)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.publish import fulltext_index as ft


def page(body: str, title: str = "项目页 - 内部项目库") -> str:
    return (f"<!doctype html><html><head><title>{title}</title></head><body><nav>导航 不要</nav>"
            f"<article class=\"md-content__inner\">{body}</article><footer>页脚 不要</footer></body></html>")


def test_a_page_reads_as_its_article_cut_at_headings_with_ids() -> None:
    html = page(
        '<h1 id="top">高新区应急指挥中心</h1><p class="page-meta">最后更新：2026-11-29</p>'
        '<p>概述 &amp; 背景<a class="headerlink" href="#x">¶</a></p>'
        '<h2 id="合同">合同<a class="headerlink" href="#合同">¶</a></h2>'
        "<table><tr><td>LCGX-2024-CG-0058</td><td>鲁西建设</td></tr></table>"
        '<div class="pl-tools"><div><input></div><span>排序工具</span></div><p>工具之后</p>'
        "<h3>无锚点的小标题</h3><p>仍属合同一节</p>"
        '<svg><text>图表文字</text><g><svg><text>嵌套</text></svg></g></svg><p>图表之后</p>'
        "<script>var x = '<p>不是文字</p>';</script>"
        '<h2 id="sec-2">验收<span class="x">与评价</span></h2><p>通过</p>')
    title, sections = ft.page_sections(html)
    assert title == "项目页"
    assert [(a, h) for a, h, _ in sections] == [("", ""), ("合同", "合同"), ("sec-2", "验收与评价")]
    first, contract, acceptance = (" ".join(blocks) for _, _, blocks in sections)
    assert first == "高新区应急指挥中心 概述 & 背景"
    assert contract == "LCGX-2024-CG-0058 鲁西建设 工具之后 无锚点的小标题 仍属合同一节 图表之后"
    assert acceptance == "通过"
    for hidden in ("导航", "页脚", "最后更新", "¶", "排序工具", "图表文字", "嵌套", "不是文字"):
        assert all(hidden not in b for _, _, blocks in sections for b in blocks), hidden


def test_a_long_page_is_cut_into_units_that_keep_every_block_and_anchor() -> None:
    rows = "".join(f"<tr><td>第 {i} 行 事项{i:04d}</td></tr>" for i in range(3000))
    html = page(f'<p>开头</p><h2 id="a">甲</h2><table>{rows}</table><h2 id="b">乙</h2><p>结尾</p>', "期限 - 库")
    units = ft.page_units("deadlines.html", html, limit=2000)
    assert len(units) > 10
    assert all(u.url == "deadlines.html" and u.title == "期限" for u in units)
    assert all(sum(len(t) for _, _, t in u.sections) <= 2000 + 40 for u in units)
    joined = [(a, t) for u in units for a, _, t in u.sections]
    assert joined[0] == ("", "开头") and joined[-1] == ("b", "结尾")
    assert {a for a, _ in joined} == {"", "a", "b"}
    text = " ".join(t for a, t in joined if a == "a")
    assert text == " ".join(f"第 {i} 行 事项{i:04d}" for i in range(3000))
    # a short page is one unit; a page without an article (an HTML attachment) or text in it is none
    assert len(ft.page_units("x.html", page("<p>短</p>"))) == 1
    assert ft.page_units("y.html", "<html><title>空</title><body><p>附件</p></body></html>") == []
    assert ft.page_units("z.html", page('<p class="page-meta">最后更新</p>')) == []
    assert ft.page_units("t.html", page("<p>文</p>", "A - B 系统 - 内部项目库"))[0].title == "A - B 系统"


# --- reading the index back ----------------------------------------------------------------------

def read_index(site: Path) -> tuple[dict, dict[str, list[tuple[int, int]]]]:
    """meta.json and every term's postings [(unit, weight)], checking each term is in its chunk."""
    root = site / ft.FULLTEXT_DIR
    meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    postings: dict[str, list[tuple[int, int]]] = {}
    for k in range(meta["chunks"]):
        data = (root / "terms" / f"{k}.bin").read_bytes()
        at = 0
        while at < len(data):
            length = data[at]
            term = data[at + 1:at + 1 + length].decode("utf-8")
            at += 1 + length
            count, at = ft.read_varint(data, at)
            size, at = ft.read_varint(data, at)
            end = at + size
            assert ft.fnv1a(term) % meta["chunks"] == k and term not in postings
            unit, found = 0, []
            while at < end:
                gap, at = ft.read_varint(data, at)
                unit += gap
                found.append((unit, data[at]))
                at += 1
            assert at == end and len(found) == count
            assert [u for u, _ in found] == sorted({u for u, _ in found})
            postings[term] = found
    return meta, postings


def lookup(postings: dict[str, list[tuple[int, int]]], query: str) -> set[int]:
    """The units holding every term of ``query`` (fulltext.js's candidates, unranked)."""
    wanted = ft.query_terms(query)
    if not wanted:
        return set()
    sets = [{u for u, _ in postings.get(t, [])} for t in wanted]
    return set.intersection(*sets)


TEXTS = ["高新区应急指挥中心建设项目 合同 LCGX-2024-CG-0058 聊城鲁西建设工程有限公司",
         "城市生命线安全工程 燃气管网监测 ＬＣＧＸ－２０２５ 全角编号",
         "Smart City 平台 α β 数据共享交换 2024年度报告 12.5 万元",
         "项目 项目 项目 " * 60,
         "无关内容：供水、供热、桥梁。"]


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("fulltext-site")
    (site / "projects").mkdir()
    for i, text in enumerate(TEXTS):
        body = f'<h1 id="t">标题{i}</h1><p>{text}</p><h2 id="s{i}">节{i} 供应商</h2><p>第二节 {text[:8]}</p>'
        (site / "projects" / f"2024-P{i}.html").write_text(page(body, f"项目{i} - 库"), encoding="utf-8")
    (site / "projects" / "index.html").write_text(page("<p>全部项目一览</p>", "项目目录 - 库"), encoding="utf-8")
    (site / "projects" / "2024-P0" / "附件").mkdir(parents=True)  # an attachment that is HTML: no article
    (site / "projects" / "2024-P0" / "附件" / "说明.html").write_text("<html><body>附件 城市</body></html>",
                                                                   encoding="utf-8")
    (site / "guide.html").write_text(page("<p>" + "。".join(TEXTS) + "</p>", "指南 - 库"), encoding="utf-8")
    (site / "404.html").write_text(page("<p>找不到 城市生命线</p>"), encoding="utf-8")
    ft.write_index(site)
    return site


def unit_texts(site: Path) -> list[str]:
    meta = json.loads((site / "fulltext" / "meta.json").read_text(encoding="utf-8"))
    out = []
    for n in range(meta["units"]):
        doc = json.loads((site / "fulltext" / "docs" / f"{n}.json").read_text(encoding="utf-8"))
        out.append(ft.normalize("\n".join([doc["title"], *(h + "\n" + t for _, h, t in doc["sections"])])))
    return out


def test_units_project_pages_first_and_no_404(small_site: Path) -> None:
    meta, _ = read_index(small_site)
    docs = [json.loads((small_site / "fulltext" / "docs" / f"{n}.json").read_text(encoding="utf-8"))
            for n in range(meta["units"])]
    assert [d["url"] for d in docs] == [f"projects/2024-P{i}.html" for i in range(5)] + ["guide.html", "projects/index.html"]
    assert meta["projectUnits"] == 5 and meta["version"] == ft.FORMAT_VERSION
    assert docs[1]["sections"][1][0] == "s1" and docs[1]["title"] == "项目1"


def test_weights_mark_headings_and_count_occurrences(small_site: Path) -> None:
    _, postings = read_index(small_site)
    weights = dict(postings["项目"])
    assert weights[3] == ft.IN_HEADING | ft.MAX_WEIGHT  # 180 times in the text (capped), and in the title
    assert weights[5] & ft.IN_HEADING == 0  # 指南: not in its title or a heading
    assert dict(postings["供应"])[0] & ft.IN_HEADING  # a section heading counts as a heading
    assert "lc" in postings and "ｌｃ" not in postings and "-2" not in postings  # full width folded, runs only


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_unit_that_holds_a_query_is_a_candidate(small_site: Path, data: st.DataObject) -> None:
    texts = unit_texts(small_site)
    _, postings = read_index(small_site)
    source = data.draw(st.sampled_from(TEXTS))
    start = data.draw(st.integers(0, len(source) - 1))
    query = source[start:start + data.draw(st.integers(1, 12))]
    runs = ft.runs(query)
    holding = {n for n, text in enumerate(texts) if runs and all(r in text for r in runs)}
    assert holding <= lookup(postings, query), query


def test_a_query_no_unit_holds_has_no_candidate(small_site: Path) -> None:
    _, postings = read_index(small_site)
    for query in ("城市供水", "鲁西燃气", "zzz", "。，", ""):
        assert not lookup(postings, query), query
    assert lookup(postings, "城市生命线") == {1, 5}
    assert lookup(postings, "ｌｃｇｘ-2025") == {1, 5}  # full width as half; runs apart (the browser ranks "as written" first)


def test_postings_are_exactly_every_character_and_pair_of_every_run(small_site: Path) -> None:
    """Computed here independently, run by run, from the units' texts the browser fetches."""
    import re

    expected: dict[str, set[int]] = {}
    for n, text in enumerate(unit_texts(small_site)):
        for run in re.findall(r"[^\W_]+", text):
            for term in [*run, *(run[i:i + 2] for i in range(len(run) - 1))]:
                expected.setdefault(term, set()).add(n)
    _, postings = read_index(small_site)
    assert {t: {u for u, _ in found} for t, found in postings.items()} == expected


def test_units_advance_a_progress_bar_once_per_page(small_site: Path) -> None:
    class Bar:
        steps = 0

        def advance(self, steps: int = 1) -> None:
            Bar.steps += steps

    listed = ft.pages(small_site)
    assert listed[:5] == [f"projects/2024-P{i}.html" for i in range(5)] and "404.html" not in listed
    found = list(ft.units(small_site, listed, Bar()))  # type: ignore[arg-type]
    assert Bar.steps == len(listed) == 8 and len(found) == 7  # the attachment has no unit


def test_meta_lists_the_pages_indexed_in_several_units(tmp_path: Path) -> None:
    rows = "".join(f"<p>第 {i} 行</p>" for i in range(200))
    found = [*ft.page_units("a.html", page("<p>短</p>")), *ft.page_units("long.html", page(rows), limit=300),
             *ft.page_units("b.html", page("<p>短</p>")), *ft.page_units("x.html", page(rows), limit=300)]
    n = ft.write_index(tmp_path, found)
    meta, _ = read_index(tmp_path)
    long_units = sum(u.url == "long.html" for u in found)
    assert long_units > 3 and n == len(found)
    assert meta["parts"] == [[1, long_units], [2 + long_units, n - 2 - long_units]]


def test_two_processes_write_the_same_index_byte_for_byte(tmp_path: Path) -> None:
    """write_index(workers=2) forks a process for the second half of the pages and merges its
    postings (each term's first gap re-counted) and texts: the result must equal one process's."""
    import filecmp
    import random

    rng = random.Random(7)
    words = ["城市", "生命线", "平台", "数据", "共享", "LCGX", "2024", "合同", "供应商", "验收", "α"]

    def text(k: int) -> str:
        return " ".join(rng.choice(words) + rng.choice(words) for _ in range(k))

    roots = [tmp_path / "one", tmp_path / "two"]
    for root in roots:
        (root / "projects").mkdir(parents=True)
    for i in range(40):
        body = f'<h1 id="t">项目{i}</h1><p>{text(20)}</p><h2 id="a{i}">合同</h2><p>{text(rng.randint(1, 60))}</p>'
        pages_ = {f"projects/2024-X{i:02d}.html": page(body, f"项目{i} - 库")}
        if i % 10 == 0:  # long pages after the projects: several units each, in the second half
            rows = "".join(f"<tr><td>{text(8)}</td></tr>" for _ in range(1200))
            pages_[f"list-{i}.html"] = page(f'<h2 id="r">列表</h2><table>{rows}</table>', f"列表{i} - 库")
        for rel, html in pages_.items():
            for root in roots:
                (root / rel).write_text(html, encoding="utf-8")
    assert ft.write_index(roots[0], workers=1) == ft.write_index(roots[1], workers=2)
    meta = json.loads((roots[1] / "fulltext" / "meta.json").read_text(encoding="utf-8"))
    assert len(meta["parts"]) == 4 and meta["projectUnits"] == 40
    one, two = (sorted(p.relative_to(r / "fulltext").as_posix() for p in (r / "fulltext").rglob("*") if p.is_file())
                for r in roots)
    assert one == two and len(one) > 50 and "docs-2" not in str(one)
    _, mismatch, errors = filecmp.cmpfiles(roots[0] / "fulltext", roots[1] / "fulltext", one, shallow=False)
    assert mismatch == [] and errors == []
    read_index(roots[1])  # and it reads back (gaps, counts, lengths)
