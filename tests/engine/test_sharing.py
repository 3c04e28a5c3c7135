"""第二十二、二十五、二十六条: sharing exceptions, security, the catalog and data collection."""
from __future__ import annotations

from typing import Any

import pytest
from district import PROJECT, RESOURCE, D, District

# --- 第二十二条 ----------------------------------------------------------------------------

@pytest.mark.parametrize("approval, found", [
    (None, True),
    ({"审批结论": "同意保留"}, False),
    ({"审批结论": "不同意"}, True),
])
def test_not_shared_needs_approval(district: District, approval: dict[str, str] | None, found: bool) -> None:
    app = district.project(数据共享="不共享")
    if approval is not None:
        district.add("共享例外审批", **approval)
    problems = [p for p in district.findings("2025-01-10") if p.code == "F220"]
    assert [(p.path, p.line) for p in problems] == ([(app, district.line_of(app, "数据共享"))] if found else [])


@pytest.mark.parametrize("signer, errors", [("王明", []), ("张三", ["E413"])])
def test_article_22_exception_signed_by_someone_else_is_an_error(district: District, signer: str,
                                                                   errors: list[str]) -> None:
    """第二十二条 and spec §4: 审批人 must be the registry's 首席数据代表."""
    from generator.repository import load

    district.project(数据共享="不共享")
    path = district.add("共享例外审批", 审批人=signer)
    found = [p for p in load(district.root, D("2025-01-10")).problems if p.kind == "error"]
    assert [(p.code, p.path, p.line, p.article) for p in found] == [
        (code, path, district.line_of(path, "审批人"), "第二十二条") for code in errors]


@pytest.mark.parametrize("grading, crypto, keys", [
    ("符合", "符合", []),
    ("良", "不适用", []),
    ("差", "符合", ["等保测评结论"]),
    ("不符合", "不符合", ["等保测评结论", "密评结论"]),
])
def test_security_conclusions(district: District, grading: str, crypto: str, keys: list[str]) -> None:
    district.project()
    district.add("初步验收", 初步验收日期="2025-11-20")
    district.add("信息资源目录", 填报日期="2025-11-21", 信息资源=[dict(RESOURCE, 归集日期="2025-11-21")])
    acceptance = district.add("竣工验收", 等保测评结论=grading, 密评结论=crypto)
    problems = [p for p in district.findings("2026-01-10") if p.code == "F221"]
    assert [(p.path, p.line) for p in problems] == [(acceptance, district.line_of(acceptance, k)) for k in keys]


def test_a_later_acceptance_supersedes_the_security_finding(district: District) -> None:
    district.project()
    district.add("竣工验收", 验收日期="2025-12-01", 验收结论="不通过", 等保测评结论="差")
    district.add("竣工验收", 验收日期="2025-12-20", 等保测评结论="良")
    assert "F221" not in district.codes("2026-01-10")


# --- 第二十五条: the catalog is part of acceptance -----------------------------------------------

@pytest.mark.parametrize("catalog_filed, found", [(None, "项目没有信息资源目录"), ("2025-12-20", None),
                                                   ("2025-12-21", "信息资源目录直到 2025-12-21 才备案")])
def test_acceptance_needs_the_catalog(district: District, catalog_filed: str | None, found: str | None) -> None:
    district.project()
    if catalog_filed:
        district.add("信息资源目录", 填报日期=catalog_filed)
    acceptance = district.add("竣工验收", 验收日期="2025-12-20")
    problems = [p for p in district.findings("2026-01-10") if p.code == "F250"]
    assert [(p.path, p.line) for p in problems] == ([(acceptance, district.line_of(acceptance, "验收日期"))]
                                                    if found else [])
    if found:
        assert found in problems[0].message


# --- 第二十六条: catalog and collection within 10 working days of 初步验收 ---------------------------

F260_CASES = [
    # 初步验收日期, catalog filed (= 归集日期), with calendar.yml, due, state
    ("2025-10-15", "2025-10-29", False, "2025-10-29", "met"),
    ("2025-10-15", "2025-10-30", False, "2025-10-29", "late"),
    ("2025-09-24", "2025-10-14", False, "2025-10-14", "met"),       # National Day; 09-28 and 10-11 worked
    ("2025-09-24", "2025-10-15", False, "2025-10-14", "late"),
    ("2026-02-10", "2026-03-02", False, "2026-03-02", "met"),       # Spring Festival; 02-14 and 02-28 worked
    ("2026-02-10", "2026-03-03", False, "2026-03-02", "late"),
    ("2026-12-21", "2027-01-05", False, None, "unknown"),
    ("2026-12-21", "2027-01-05", True, "2027-01-04", "late"),
    ("2026-12-21", "2027-01-04", True, "2027-01-04", "met"),
]


@pytest.mark.parametrize("preliminary, filed, calendar, due, state", F260_CASES)
def test_catalog_deadline(district: District, preliminary: str, filed: str, calendar: bool,
                          due: str | None, state: str) -> None:
    district.project()
    if calendar:
        district.calendar()
    district.add("初步验收", 建设完成日期=preliminary, 初步验收日期=preliminary)
    catalog = district.add("信息资源目录", 填报日期=filed, 信息资源=[dict(RESOURCE, 归集日期=filed)])
    deadlines = district.deadlines("2027-03-01", "F260")
    assert [(d.title, d.due, d.state) for d in deadlines] == [
        ("信息资源目录编制", D(due) if due else None, state), ("数据归集：学校基本信息", D(due) if due else None, state)]
    problems = [(p.path, p.line) for p in district.findings("2027-03-01") if p.code == "F260"]
    lines = [district.line_of(catalog, "填报日期"), district.line_of(catalog, "归集日期")]
    assert problems == ([(catalog, n) for n in lines] if state == "late" else [])


@pytest.mark.parametrize("as_of, found", [("2025-10-29", False), ("2025-10-30", True)])
def test_missing_catalog(district: District, as_of: str, found: bool) -> None:
    district.project()
    preliminary = district.add("初步验收", 初步验收日期="2025-10-15")
    problems = [p for p in district.findings(as_of) if p.code == "F261"]
    assert [(p.path, p.line) for p in problems] == ([(preliminary, district.line_of(preliminary, "初步验收日期"))]
                                                    if found else [])


def test_resource_not_yet_collected(district: District) -> None:
    district.project()
    district.add("初步验收", 初步验收日期="2025-10-15")
    uncollected = dict(RESOURCE, 名称="学生学籍信息")
    catalog = district.add("信息资源目录", 填报日期="2025-10-20",
                           信息资源=[dict(RESOURCE, 归集日期="2025-10-20"), uncollected])
    [problem] = [p for p in district.findings("2025-11-03") if p.code == "F261"]
    resource_line = district.line_of(catalog, "名称") + len(RESOURCE) + 1  # the second item's first key
    assert (problem.path, problem.line) == (catalog, resource_line)
    assert "“学生学籍信息”的数据归集" in problem.message


def test_failed_preliminary_starts_no_clock(district: District) -> None:
    district.project()
    district.add("初步验收", 初步验收日期="2025-10-15", 初步验收结论="不通过")
    assert district.deadlines("2025-12-01", "F260") == []
    assert "F261" not in district.codes("2025-12-01")


# --- 第二十六条: 重复采集 -----------------------------------------------------------------------

def _catalog(district: District, project: str, collected: str, **resource: Any) -> str:
    return district.add("信息资源目录", project, 填报日期=collected,
                        信息资源=[dict(RESOURCE, 归集日期=collected, **resource)])


def test_duplicate_collection_flags_the_later_project(district: District) -> None:
    district.project()
    district.project("2025-XYZ-01")
    _catalog(district, PROJECT, "2025-10-20")
    later = _catalog(district, "2025-XYZ-01", "2025-11-05")
    [problem] = [p for p in district.findings("2025-12-01") if p.code == "F262"]
    assert (problem.path, problem.line) == (later, district.line_of(later, "名称"))
    assert "已由项目 2025-SHSY-01 于 2025-10-20 归集" in problem.message


def test_different_provider_is_not_a_duplicate(district: District) -> None:
    district.project()
    district.project("2025-XYZ-01")
    _catalog(district, PROJECT, "2025-10-20")
    _catalog(district, "2025-XYZ-01", "2025-11-05", 提供单位="XYZ")
    assert "F262" not in district.codes("2025-12-01")


def test_om_project_continues_its_predecessor(district: District) -> None:
    district.project()
    district.project("2026-SHSY-01", 项目类别="运维服务", 前序项目=PROJECT)
    district.project("2027-SHSY-01", 项目类别="运维服务", 前序项目="2026-SHSY-01", 填报日期="2026-10-15")
    _catalog(district, PROJECT, "2025-10-20")
    _catalog(district, "2026-SHSY-01", "2026-02-05")
    _catalog(district, "2027-SHSY-01", "2026-10-20")
    assert "F262" not in district.codes("2026-12-01")


# --- 第二十二条（一）（二）: no new, rebuilt or expanded systems ----------------------------------

OTHER = "2026-SHSY-01"


def _other_application(district: District, category: str = "新建", filed: str = "2025-10-20") -> str:
    extra = {"前序项目": PROJECT} if category == "运维服务" else {}
    return district.add("立项申请", OTHER, 项目类别=category, 填报日期=filed, **extra)


@pytest.mark.parametrize("category, found", [
    ("新建", True), ("扩建", True), ("升级改造", True),   # 第二十二条: 新建、改建、扩建
    ("运维服务", False),                                   # answered by F222 instead
])
def test_article_22_security_failure_bars_new_systems(district: District, category: str, found: bool) -> None:
    district.project()
    district.add("初步验收")
    district.add("信息资源目录")
    district.add("竣工验收", 密评结论="不符合")          # 2025-12-20
    app = _other_application(district, category, filed="2026-01-10")
    got = [(p.path, p.line) for p in district.findings("2026-02-01") if p.code == "F223"]
    assert got == ([(app, district.line_of(app, "项目类别"))] if found else [])


@pytest.mark.parametrize("filed, approval, found", [
    ("2025-10-20", None, True),             # 不共享, building since 2025-03-02, not approved
    ("2025-02-20", None, False),            # before the system was being built
    ("2025-10-20", "2025-06-01", False),    # approved by the 首席数据代表 before the application
    ("2025-10-20", "2025-11-01", True),     # approved only afterwards
])
def test_article_22_unapproved_non_sharing_bars_new_systems(district: District, filed: str,
                                                            approval: str | None, found: bool) -> None:
    district.project(数据共享="不共享")
    district.add("合同备案")
    if approval:
        district.add("共享例外审批", 审批日期=approval)
    app = _other_application(district, filed=filed)
    got = [(p.path, p.line) for p in district.findings("2025-12-01") if p.code == "F223"]
    assert got == ([(app, district.line_of(app, "项目类别"))] if found else [])


def test_article_22_duplicate_collection_bars_new_systems(district: District) -> None:
    district.project("2024-XYZ-01", 填报日期="2023-10-15")
    district.add("信息资源目录", "2024-XYZ-01", 填报日期="2024-10-20", 信息资源=[dict(RESOURCE, 归集日期="2024-10-20")])
    district.project()
    district.add("信息资源目录", 信息资源=[dict(RESOURCE, 归集日期="2025-10-20")])   # SHSY collects it again
    app = _other_application(district, filed="2025-10-25")
    [problem] = [p for p in district.findings("2025-12-01") if p.code == "F223"]
    assert (problem.path, problem.line) == (app, district.line_of(app, "项目类别"))
    assert "重复采集了“学校基本信息”（已由 2024-XYZ-01 归集）" in problem.message


def test_article_22_another_department_is_not_barred(district: District) -> None:
    district.project()
    district.add("初步验收")
    district.add("信息资源目录")
    district.add("竣工验收", 等保测评结论="差")
    district.add("立项申请", "2026-XYZ-01", 填报日期="2026-01-10")
    _other_application(district, filed="2026-01-10")
    assert [p.path.split("/")[1] for p in district.findings("2026-02-01") if p.code == "F223"] == [OTHER]
