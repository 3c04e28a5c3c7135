"""第二十四、二十五、二十六条: resources stated at application, held to in the catalog, opened fairly, kept fresh."""
from __future__ import annotations

from typing import Any

import pytest
from district import PROJECT, RESOURCE, D, District

from generator.repository import load

PLANNED = {"名称": "学校基本信息", "数据来源": "本系统采集", "提供单位": "SHSY", "格式": "电子表格",
           "更新周期": "不定期", "共享属性": "无条件共享", "开放属性": "无条件开放"}
OPEN_ON_TERMS = {"开放属性": "有条件开放", "开放条件": "实名注册后调用接口", "申请方式": "在数据共享平台在线申请"}


def _codes(district: District, as_of: str, code: str) -> list[tuple[str, int | None]]:
    return [(p.path, p.line) for p in district.findings(as_of) if p.code == code]


# --- 第二十四条: 计划信息资源 -----------------------------------------------------------------

@pytest.mark.parametrize("category, filed, planned, found", [
    ("新建", "2026-10-15", None, True),              # 第二十四条: stated before the application
    ("扩建", "2026-10-15", None, True),
    ("升级改造", "2026-10-15", None, True),
    ("运维服务", "2026-10-15", None, False),          # an O&M application builds no new resource
    ("新建", "2026-10-15", [PLANNED], False),
    ("新建", "2025-10-15", None, False),              # before the structured list existed: the section stands
])
def test_article_24_planned_resources(district: District, category: str, filed: str,
                                      planned: list[dict[str, Any]] | None, found: bool) -> None:
    extra: dict[str, Any] = {"前序项目": "2025-SHSY-01"} if category == "运维服务" else {}
    app = district.project("2027-SHSY-01", review=False, 项目类别=category, 填报日期=filed, 计划信息资源=planned, **extra)
    got = _codes(district, "2026-11-30", "F240")
    assert got == ([(app, district.line_of(app, "项目类别"))] if found else [])


def test_article_24_planned_resource_items_are_checked(district: District) -> None:
    app = district.project(计划信息资源=[dict(PLANNED, 格式="纸质")])
    problems = [p for p in load(district.root, D("2025-01-10")).problems if p.kind == "error"]
    assert [(p.code, p.path, p.line) for p in problems] == [("E204", app, district.line_of(app, "格式"))]


@pytest.mark.parametrize("changed, names, found", [
    ({}, ["学校基本信息"], False),
    ({"格式": "数据库"}, ["学校基本信息"], True),              # 第二十四条: format changed after approval
    ({"共享属性": "有条件共享", "共享条件": "仅限法定职责"}, ["学校基本信息"], True),
    ({}, ["另一项资源"], True),                                  # planned resource left out of the catalog
])
def test_article_24_catalog_matches_the_plan(district: District, changed: dict[str, Any], names: list[str],
                                             found: bool) -> None:
    district.project(计划信息资源=[PLANNED])
    items = [dict(RESOURCE, 名称=n, 归集日期="2025-10-20", **changed) for n in names]
    catalog = district.add("信息资源目录", 信息资源=items)
    got = _codes(district, "2025-11-01", "F241")
    where = district.line_of(catalog, "名称") if names == ["学校基本信息"] else district.line_of(catalog, "信息资源")
    assert got == ([(catalog, where)] if found else [])


# --- 第二十五条: sharing with named departments, opening to named firms ---------------------

@pytest.mark.parametrize("attrs, code, found", [
    ({"共享对象": ["ZHB"]}, "F251", True),                       # 无条件共享 but only to ZHB: a fact, a finding
    ({"共享属性": "有条件共享", "共享条件": "仅限法定职责", "共享对象": ["ZHB"]}, "F251", False),
    (dict(OPEN_ON_TERMS, 申请对象="依法登记的企业、社会组织和个人"), "F252", False),
    (dict(OPEN_ON_TERMS, 申请对象="聊城数智科技有限公司"), "F252", True),  # 第二十五条: opened to one firm only
    (dict(OPEN_ON_TERMS, 申请对象="山东某某集团"), "F252", True),
])
def test_article_25_sharing_and_opening(district: District, attrs: dict[str, Any], code: str, found: bool) -> None:
    district.project()
    catalog = district.add("信息资源目录", 信息资源=[dict(RESOURCE, 归集日期="2025-10-20", **attrs)])
    key = "共享对象" if code == "F251" else "申请对象"
    assert _codes(district, "2025-11-01", code) == ([(catalog, district.line_of(catalog, key))] if found else [])


@pytest.mark.parametrize("attrs, error", [
    ({"开放属性": "有条件开放"}, "E202"),                            # conditions, applicants and how to apply required
    (dict(OPEN_ON_TERMS, 申请对象="社会公众", 开放属性="无条件开放"), "E208"),
    ({"获取地址": "https://data.example.cn/x"}, None),
    ({"获取地址": "data.example.cn/x"}, "E203"),
    ({"开放属性": "不予开放", "获取地址": "https://data.example.cn/x"}, "E208"),
    ({"共享属性": "不予共享", "不予共享依据": "法律规定", "共享对象": ["ZHB"]}, "E208"),
])
def test_article_24_25_open_terms_are_recorded(district: District, attrs: dict[str, Any], error: str | None) -> None:
    district.project()
    district.add("信息资源目录", 信息资源=[dict(RESOURCE, 归集日期="2025-10-20", **attrs)])
    codes = {p.code for p in load(district.root, D("2025-11-01")).problems if p.kind == "error"}
    assert codes == ({error} if error else set())


# --- 第二十六条: 归集更新 ------------------------------------------------------------------

@pytest.mark.parametrize("cycle, updated, as_of, found", [
    ("每月", None, "2025-11-20", False),          # collected 2025-10-20: due again by 2025-11-20
    ("每月", None, "2025-11-21", True),
    ("实时", "2025-12-01", "2026-01-01", False),
    ("实时", "2025-12-01", "2026-01-02", True),
    ("每季度", None, "2026-01-20", False),
    ("每季度", None, "2026-01-21", True),
    ("每年", "2026-03-01", "2026-12-01", False),
    ("不定期", None, "2030-01-01", False),       # not tracked
])
def test_article_26_collection_kept_up_to_date(district: District, cycle: str, updated: str | None, as_of: str,
                                               found: bool) -> None:
    district.project()
    resource = dict(RESOURCE, 更新周期=cycle, 归集日期="2025-10-20", 最近更新日期=updated)
    catalog = district.add("信息资源目录", 信息资源=[{k: v for k, v in resource.items() if v is not None}])
    key = "最近更新日期" if updated else "归集日期"
    assert _codes(district, as_of, "F263") == ([(catalog, district.line_of(catalog, key))] if found else [])


def test_article_26_stale_collection_costs_o_and_m_funds(district: District) -> None:
    district.project()
    district.add("初步验收", 初步验收日期="2025-10-15")
    district.add("信息资源目录", 信息资源=[dict(RESOURCE, 更新周期="每月", 归集日期="2025-10-20",
                                             最近更新日期="2025-12-01")])
    district.add("竣工验收")
    fresh = district.assess("2025-12-20")[PROJECT].eligibility
    stale = district.assess("2026-01-02")[PROJECT].eligibility
    assert fresh is not None and fresh.eligible
    assert stale is not None and not stale.eligible
    assert any("归集更新不及时" in text for _, text in stale.reasons)
