"""第三十、三十三、三十六条: measures on the record, and who the registry may hold."""
from __future__ import annotations

import pytest
from district import PROJECT, REGISTRY, D, District

from generator.repository import load


@pytest.mark.parametrize("measure, overlays", [
    ("提请处分", []),          # 第三十三条: 提请有关部门予以处分 — recorded, the project goes on
    ("移送司法机关", []),      # 第三十三条: 涉嫌犯罪的，移送司法机关依法处理
    ("通报批评", []),
    ("暂停建设", ["暂停"]),
    ("终止项目", ["终止"]),
])
def test_article_33_measures_are_recordable(district: District, measure: str, overlays: list[str]) -> None:
    district.project()
    district.add("监管措施", 措施=measure, 整改期限=None)
    assert district.assess("2025-12-01")[PROJECT].overlays == overlays


@pytest.mark.parametrize("entry, errors", [
    ("{代码: XQXH, 名称: 高新区企业服务协会, 单位性质: 社会团体}", []),       # 第三十六条: not a 第三条 政务部门
    ("{代码: XXZX, 名称: 高新区信息中心, 单位性质: 事业单位}", []),
    ("{代码: XXZX, 名称: 高新区信息中心, 类别: 区直部门, 单位性质: 事业单位}", []),
    ("{代码: XXZX, 名称: 高新区信息中心, 单位性质: 机关}", ["E202"]),          # a 政务部门 keeps its 第三条 category
    ("{代码: XXZX, 名称: 高新区信息中心}", ["E202"]),
    ("{代码: XXZX, 名称: 高新区信息中心, 单位性质: 企业}", ["E204"]),
])
def test_article_36_registry_holds_other_units_truthfully(district: District, entry: str, errors: list[str]) -> None:
    (district.root / "filings" / "registry.yml").write_text(REGISTRY + f"  - {entry}\n", encoding="utf-8")
    repo = load(district.root, D("2025-01-10"))
    assert [p.code for p in repo.problems if p.kind == "error"] == errors
    if not errors:
        dept = repo.registry.departments["XQXH" if "XQXH" in entry else "XXZX"]
        assert dept.nature in ("社会团体", "事业单位")
        assert repo.registry.departments["SHSY"].nature == "机关"


@pytest.mark.parametrize("answers, errors", [
    ("监管措施.md", []),
    ("监管措施-2025-12.md", ["E414"]),    # 第三十条: no such measure in this project
    ("合同备案.md", ["E414"]),            # a filing, but not a 监管措施
])
def test_article_30_rectification_answers_an_existing_measure(district: District, answers: str,
                                                              errors: list[str]) -> None:
    district.project()
    district.add("合同备案")
    district.add("监管措施")
    report = district.add("整改报告", 对应措施=answers)
    found = [p for p in load(district.root, D("2025-12-01")).problems if p.kind == "error"]
    assert [(p.code, p.path, p.line, p.article) for p in found] == [
        (code, report, district.line_of(report, "对应措施"), "第三十条") for code in errors]


def test_article_30_a_measure_of_another_project_is_not_answered(district: District) -> None:
    district.project()
    district.project("2025-SHSY-02")
    district.add("监管措施", "2025-SHSY-02")
    district.add("整改报告", 对应措施="监管措施.md")
    assert [p.code for p in load(district.root, D("2025-12-01")).problems if p.kind == "error"] == ["E414"]
