"""Property: every filing that `check` accepts builds, and every output parses (issue 7, item 3).

Hypothesis writes filings from the schema's keys with values drawn around the edges that used to
crash the build (huge and odd numbers, escapes of control characters, noncharacters, bidi
controls, dates at and past the range, markup in public text). For each set of filings the
checker accepts, the whole publishing pipeline runs up to the files `build` writes (views, every
export, every page, the deadline calendar), and each XML, JSON, CSV, XLSX and ICS output must
parse. Rejected inputs are fine: refusing is the checker's job. A last test runs the real
`filings build` (with mkdocs) on accepted edge values.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import tempfile
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from input_repo import AS_OF, BASE, run

from generator.commands.due import render_ics, select
from generator.engine import assess, evaluate
from generator.publish import exports, pages
from generator.repository import load
from generator.views import build_library, build_public

AS_OF_DATE = dt.date.fromisoformat(AS_OF)
PROJECT = "filings/2025-SHSY-01"
EDGE_TEXT = ["\b", "\x00", "\x7f", "\x85", "\ufffe", "\uffff", "\u202e", "\u2066", "\u2028", "\ufeff", "]]>",
             "<script>alert(1)</script>", "&amp;", "=1+1", "@SUM(A1)", "-2", "\"", "'", "\\", "\t", "\n", "😀",
             "𠀀", "#", ": ", "- ", "[x]", "{a: b}", "*a", "&a", "!!python/object:os.system", "%", "|", "{{ x }}"]
EDGE_AMOUNTS = ["0", "0.0", "0.000001", "99999999.999999", "100000000", "1e26", "1.0e+26", "1.0e+309", ".inf",
                "-.inf", ".nan", "0x44", "0b1000100", "1:08", "0104", "1_000", "-5", "+5", "12.", "96.5"]
EDGE_DATES = ["2000-01-01", "2100-12-31", "1999-12-31", "2101-01-01", "9999-12-31", "0001-01-01", "2024-02-29",
              "2025-02-29", "2025-12-01", "2025-12-02", "2025-1-5", '"2025-03-10"', "2025-03-10 10:00:00"]

SAFE_TEXT = ["]]>", "<script>alert(1)</script>", "&amp;", "=1+1", "@SUM(A1)", "-2", "+3", "\"", "'", "\\", "😀",
             "𠀀", "\u2028", "\u200b", "\ufeff", "{{ x }}", "%s", "|", "平台", "公司", "a"]

valid_texts = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=12),
    st.lists(st.sampled_from(SAFE_TEXT), min_size=1, max_size=4).map("".join),
).filter(lambda text: text.strip() != "")
edge_texts = st.one_of(
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=12),
    st.lists(st.sampled_from(EDGE_TEXT), min_size=1, max_size=4).map("".join),
)
valid_amounts = st.one_of(
    st.sampled_from(["0", "0.0", "0.000001", "99999999.999999", "12.", "96.5"]),
    st.decimals(min_value=0, max_value=Decimal("99999999"), places=3).map(lambda d: format(d, "f")),
)
edge_amounts = st.one_of(st.sampled_from(EDGE_AMOUNTS), st.integers(min_value=0, max_value=10**30).map(str))
valid_dates = st.one_of(st.sampled_from(["2000-01-01", "2024-02-29", "2025-12-01"]),
                        st.dates(dt.date(2000, 1, 1), AS_OF_DATE).map(str))
edge_dates = st.one_of(st.sampled_from(EDGE_DATES), st.dates(dt.date(1990, 1, 1), dt.date(2120, 12, 31)).map(str))
quoting = st.sampled_from([1, 2, 2, 0])  # escapes, as written, as written, plain


def yaml_text(value: str, quoted: int) -> str:
    """A text value as YAML: plain, double-quoted with escapes, or double-quoted as written."""
    if quoted == 0:
        return value
    return json.dumps(value, ensure_ascii=quoted == 1)


KINDS = {"项目名称": "text", "供应商": "text", "合同名称": "text", "概述": "body", "申报总投资": "amount",
         "核定投资": "amount", "合同金额": "amount", "计划完成日期": "date", "签订日期": "date",
         "资源名称": "text", "资源摘要": "text", "归集日期": "date"}
VALID = {"text": st.tuples(valid_texts, quoting), "body": valid_texts, "amount": valid_amounts, "date": valid_dates}
EDGE = {"text": st.tuples(edge_texts, quoting), "body": edge_texts, "amount": edge_amounts, "date": edge_dates}


@st.composite
def filings(draw: st.DrawFn) -> dict[str, object]:
    """Valid values everywhere but (usually) one key, which gets an edge: most examples reach the build."""
    edged = draw(st.sets(st.sampled_from(sorted(KINDS)), max_size=2))
    return {key: draw(EDGE[kind] if key in edged else VALID[kind]) for key, kind in KINDS.items()}


def write(root: Path, values: dict[str, object]) -> None:
    shutil.copytree(BASE, root)
    app = root / PROJECT / "立项申请.md"
    text = app.read_text(encoding="utf-8")
    total = str(values["申报总投资"])
    text = (text.replace("项目名称: 高新区智慧养老服务平台", f"项目名称: {yaml_text(*values['项目名称'])}")  # type: ignore[misc]
            .replace("申报总投资: 96.5", f"申报总投资: {total}")
            .replace("计划完成日期: 2025-10-31", f"计划完成日期: {values['计划完成日期']}")
            .replace("| 1 | 平台软件开发 | 62.0 |\n| 2 | 政务云资源租用（一年） | 18.5 |\n| 3 | 等保测评与密评 | 16.0 |",
                     f"| 1 | 平台软件开发 | {total} |")
            .replace("紧急呼叫等线上服务。", f"紧急呼叫等线上服务。{values['概述']}"))
    app.write_text(text, encoding="utf-8")
    review = root / PROJECT / "评审意见.md"
    review.write_text(review.read_text(encoding="utf-8").replace("核定投资: 90.0", f"核定投资: {values['核定投资']}"),
                      encoding="utf-8")
    contract = f"""---
备案类型: 合同备案
项目编号: 2025-SHSY-01
填报单位: SHSY
填报日期: 2025-11-30
合同名称: {yaml_text(*values['合同名称'])}
合同编号: LCGX-2025-CG-0001
签订日期: {values['签订日期']}
合同金额: {values['合同金额']}
供应商: {yaml_text(*values['供应商'])}
采购方式: 公开招标
---

## 采购内容

平台软件开发、部署和一年质保。

## 关键产品安全可控情况

数据库采用国产达梦数据库。
"""  # type: ignore[misc]
    (root / PROJECT / "合同备案-2025-11.md").write_text(contract, encoding="utf-8")
    catalog = f"""---
备案类型: 信息资源目录
项目编号: 2025-SHSY-01
填报单位: SHSY
填报日期: 2025-11-30
信息资源:
  - 名称: {yaml_text(*values['资源名称'])}
    摘要: {yaml_text(*values['资源摘要'])}
    提供单位: SHSY
    格式: 数据库
    更新周期: 每月
    共享属性: 无条件共享
    开放属性: 无条件开放
    信息项: [姓名, {yaml_text(*values['资源名称'])}]
    归集日期: {values['归集日期']}
---

## 目录说明

已在高新区数据共享平台完成目录编制。
"""  # type: ignore[misc]
    (root / PROJECT / "信息资源目录.md").write_text(catalog, encoding="utf-8")


def parse_output(name: str, content: str | bytes) -> None:
    """Every download must parse with the reader its users have."""
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    if name.endswith((".json", ".jsonld")):
        json.loads(data.decode("utf-8"))
    elif name.endswith(".csv"):
        list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    elif name.endswith(".xml"):
        ET.fromstring(data)
    elif name.endswith(".xlsx"):
        from openpyxl import load_workbook
        book = load_workbook(io.BytesIO(data))
        assert all(sheet.max_row >= 1 for sheet in book.worksheets)
    elif name.endswith(".ics"):
        parse_ics(data.decode("utf-8"))


def parse_ics(text: str) -> None:
    assert text.endswith("\r\n")
    unfolded = text.replace("\r\n ", "").split("\r\n")[:-1]
    depth = 0
    for line in unfolded:
        assert ":" in line and all(ch >= " " or ch == "\t" for ch in line), line
        name, value = line.split(":", 1)
        depth += (name == "BEGIN") - (name == "END")
        assert depth >= 0
    assert depth == 0 and unfolded[0] == "BEGIN:VCALENDAR"


def publish_in_memory(root: Path, out: Path) -> bool:
    """What `filings build` does before mkdocs; False when the checker refuses the filings."""
    repo = load(root, AS_OF_DATE)
    assessments = assess(repo)
    problems = repo.problems + evaluate(repo, assessments=assessments)
    if any(p.kind == "error" for p in problems):
        return False
    public = build_public(repo, assessments, {})
    library = build_library(repo, assessments, [p for p in problems if p.kind == "finding"], {})
    downloads = exports.library_files(library, public, "测试")
    for name, content in downloads.items():
        parse_output(name, content)
    pages.write_public(public, out / "public", exports.public_files(public, "测试"), "测试")
    pages.write_library(library, public, out / "library", downloads, "测试")
    for written in out.rglob("*"):
        if written.suffix in (".xml", ".json", ".csv", ".xlsx", ".jsonld"):
            parse_output(written.name, written.read_bytes())
    deadlines = [d for a in assessments.values() for d in a.deadlines]
    parse_ics(render_ics(select(deadlines, AS_OF_DATE, None, 36500), repo.registry, AS_OF_DATE, 36500))
    json.dumps([p.as_json() for p in problems], ensure_ascii=False).encode("utf-8")
    return True


ACCEPTED_EDGES = {
    "项目名称": ('平台 "]]> <script>alert(1)</script> =1+1 @SUM(A1) 😀 𠀀 \u2028 {{ x }}', 2),
    "供应商": ("=HYPERLINK(\"http://x\") -2 +3 @A1 &amp; 公司", 2),
    "合同名称": ("合同\t名称 \\ ' %", 1),
    "概述": " **粗** [链接](附件/方案.pdf) &lt;script&gt; ]]> {{ x }} \u2028 ",
    "申报总投资": "99999999.999999",
    "核定投资": "0.000001",
    "合同金额": "0",
    "计划完成日期": "2100-12-31",
    "签订日期": "2000-01-01",
    "资源名称": ("老年人<信息> & \"数据\" ]]>", 2),
    "资源摘要": ("=cmd|' /C calc'!A0 😀", 2),
    "归集日期": "2025-11-30",
}


def _edge(**changes: object) -> dict[str, object]:
    return {**ACCEPTED_EDGES, **changes}


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(values=filings())
@example(values=_edge(核定投资="1.0e+309"))  # the attacks of issue 7, always tried first
@example(values=_edge(合同金额="1.0e+26"))
@example(values=_edge(合同金额=".inf"))
@example(values=_edge(核定投资="0x44"))
@example(values=_edge(供应商=("聊城\b数智", 0)))
@example(values=_edge(供应商=("聊城\b数智", 1)))
@example(values=_edge(项目名称=("平台\ufffe", 1)))
@example(values=_edge(合同名称=("合同\u202e名称", 2)))
@example(values=_edge(计划完成日期="9999-12-31"))
@example(values=_edge(签订日期="0001-01-01"))
@example(values=_edge(资源摘要=("摘要\u2066", 1)))
def test_whatever_check_accepts_builds_and_parses(values: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        publish_in_memory(Path(tmp) / "repo", Path(tmp) / "out") if write(Path(tmp) / "repo", values) is None else None


def test_accepted_edges_are_accepted_and_publish_in_memory(tmp_path: Path) -> None:
    write(tmp_path / "repo", ACCEPTED_EDGES)
    code, out, _ = run("check", "--repo", str(tmp_path / "repo"), "--as-of", AS_OF)
    assert code == 0 and " E" not in out, out
    assert publish_in_memory(tmp_path / "repo", tmp_path / "out")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed by the build's history")
def test_accepted_edges_build_for_real(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write(root, ACCEPTED_EDGES)
    code, out, err = run("build", "--repo", str(root), "--as-of", AS_OF)
    assert code == 0, out + err
    outputs = [p for folder in ("site", "library") for p in (root / folder).rglob("*")
               if p.suffix in (".xml", ".json", ".csv", ".xlsx", ".jsonld") and p.is_file()]
    assert any(p.name == "library.xlsx" for p in outputs) and any(p.name == "feed.xml" for p in outputs)
    for path in outputs:
        parse_output(path.name, path.read_bytes())
