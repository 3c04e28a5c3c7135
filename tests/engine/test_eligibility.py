"""运维经费资格 from 第十九、二十二、二十五、二十六条, and F222 for O&M applications."""
from __future__ import annotations

from typing import Any

import pytest
from district import PROJECT, RESOURCE, District

GOOD: dict[str, dict[str, Any]] = {
    "初步验收": {"初步验收日期": "2025-10-15"},
    "信息资源目录": {"填报日期": "2025-10-20", "信息资源": [dict(RESOURCE, 归集日期="2025-10-20")]},
    "竣工验收": {"验收日期": "2025-12-20"},
}


def _system(district: District, project: str = PROJECT, **changes: dict[str, Any] | None) -> None:
    district.project(project)
    for type_name, fields in {**GOOD, **changes}.items():
        if fields is not None:
            district.add(type_name, project, **fields)


def test_an_accepted_sharing_project_is_eligible(district: District) -> None:
    _system(district)
    got = district.assess("2026-01-10")[PROJECT].eligibility
    assert (got.eligible, got.known) == (True, True)
    assert got.reasons == [
        ("第十九条", "符合：已于 2025-12-20 通过竣工验收"),
        ("第二十二条", "符合：项目按要求进行信息共享"),
        ("第二十二条", "符合：竣工验收的等保测评和密评结论符合要求"),
        ("第二十五条", "符合：已备案信息资源目录（1 项资源）"),
        ("第二十六条", "符合：初步验收后 10 个工作日内完成了目录编制和数据归集（期限 2025-10-29）"),
    ]


@pytest.mark.parametrize("changes, article, reason", [
    ({"竣工验收": None}, "第十九条", "不符合：未通过竣工验收"),
    ({"竣工验收": {"验收日期": "2025-12-20", "验收结论": "不通过"}}, "第十九条", "不符合：未通过竣工验收"),
    ({"竣工验收": {"验收日期": "2025-12-20", "密评结论": "不符合"}}, "第二十二条", "不符合：竣工验收（2025-12-20）的密评结论为“不符合”"),
    ({"信息资源目录": None}, "第二十五条", "不符合：没有信息资源目录"),
    ({"信息资源目录": {"填报日期": "2025-10-30", "信息资源": [dict(RESOURCE, 归集日期="2025-10-30")]}},
     "第二十六条", "不符合：目录编制或数据归集未完成或不及时"),
    ({"信息资源目录": {"填报日期": "2025-10-20", "信息资源": [RESOURCE]}},
     "第二十六条", "不符合：目录编制或数据归集未完成或不及时：数据归集：学校基本信息"),
])
def test_each_condition_can_fail(district: District, changes: dict[str, Any], article: str, reason: str) -> None:
    _system(district, **changes)
    got = district.assess("2026-01-10")[PROJECT].eligibility
    assert (got.eligible, got.known) == (False, True)
    assert [a for a, text in got.reasons if text.startswith(reason)] == [article]


def test_not_shared_without_approval(district: District) -> None:
    district.project(数据共享="不共享")
    for type_name, fields in GOOD.items():
        district.add(type_name, **fields)
    got = district.assess("2026-01-10")[PROJECT].eligibility
    assert ("第二十二条", "不符合：不共享，且没有首席数据代表“同意保留”的共享例外审批") in got.reasons
    district.add("共享例外审批")
    assert district.assess("2026-01-10")[PROJECT].eligibility.eligible


def test_duplicate_collection_takes_eligibility_away(district: District) -> None:
    _system(district)
    _system(district, "2025-XYZ-01")
    results = district.assess("2026-01-10")
    assert results[PROJECT].eligibility.eligible
    assert ("第二十六条", "不符合：重复采集数据，不安排运行维护经费") in results["2025-XYZ-01"].eligibility.reasons


def test_unknown_schedule_leaves_eligibility_undetermined(district: District) -> None:
    _system(district, 初步验收={"初步验收日期": "2026-12-21"},
            信息资源目录={"填报日期": "2026-12-28", "信息资源": [dict(RESOURCE, 归集日期="2026-12-28")]},
            竣工验收={"验收日期": "2026-12-30"})
    got = district.assess("2027-01-10")[PROJECT].eligibility
    assert (got.eligible, got.known) == (False, False)
    assert got.reasons[-1][1].startswith("无法判断：")


# --- 运维服务: the predecessor's eligibility, and F222 ----------------------------------------------

def _om(district: District, predecessor: str) -> str:
    return district.project("2026-SHSY-01", 项目类别="运维服务", 前序项目=predecessor)


def test_om_project_inherits_and_passes(district: District) -> None:
    _system(district)
    _om(district, PROJECT)
    got = district.assess("2026-01-10")["2026-SHSY-01"].eligibility
    assert got.eligible and got.reasons[0] == ("第十九、二十二、二十六条", "符合：运维服务项目，资格取决于前序项目 2025-SHSY-01")
    assert "F222" not in district.codes("2026-01-10")


def test_om_application_for_an_ineligible_predecessor(district: District) -> None:
    _system(district, 竣工验收=None)
    app = _om(district, PROJECT)
    [problem] = [p for p in district.findings("2026-01-10") if p.code == "F222"]
    assert (problem.path, problem.line, problem.article) == (
        app, district.line_of(app, "前序项目"), "第十九、二十二、二十六条")
    assert "前序项目 2025-SHSY-01 没有运维经费资格（未通过竣工验收" in problem.message
    assert not district.assess("2026-01-10")["2026-SHSY-01"].eligibility.eligible


def test_om_application_for_an_unknown_project(district: District) -> None:
    app = _om(district, "2024-SHSY-09")
    [problem] = [p for p in district.findings("2026-01-10") if p.code == "F222"]
    assert (problem.path, problem.line) == (app, district.line_of(app, "前序项目"))
    assert "前序项目 2024-SHSY-09 不在本仓库" in problem.message


def test_undetermined_predecessor_is_not_a_finding(district: District) -> None:
    _system(district, 初步验收={"初步验收日期": "2026-12-21"},
            信息资源目录={"填报日期": "2026-12-28", "信息资源": [dict(RESOURCE, 归集日期="2026-12-28")]},
            竣工验收={"验收日期": "2026-12-30"})
    district.project("2027-SHSY-01", 项目类别="运维服务", 前序项目=PROJECT, 填报日期="2026-10-15")
    results = district.assess("2027-01-10")
    assert "F222" not in district.codes("2027-01-10")
    assert results["2027-SHSY-01"].eligibility.known is False


def test_a_loop_of_predecessors_is_not_eligible(district: District) -> None:
    district.project("2026-SHSY-01", 项目类别="运维服务", 前序项目="2026-SHSY-02")
    district.project("2026-SHSY-02", 项目类别="运维服务", 前序项目="2026-SHSY-01")
    got = district.assess("2026-01-10")["2026-SHSY-01"].eligibility
    assert not got.eligible and "前序项目链循环" in got.reasons[-1][1]
