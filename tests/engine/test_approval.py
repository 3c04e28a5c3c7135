"""第六、八、九、十条: the October window, integration items, review before contract, superior approval."""
from __future__ import annotations

import pytest
from district import D, District


@pytest.mark.parametrize("filed, state, found", [
    ("2025-10-01", "met", None),
    ("2025-10-31", "met", None),                    # the last day of October
    ("2025-11-01", "late", "晚于期限"),
    ("2025-09-30", "met", "早于当年的申报期"),
])
def test_october_window(district: District, filed: str, state: str, found: str | None) -> None:
    app = district.project("2026-SHSY-01", 填报日期=filed)
    [deadline] = district.deadlines("2026-01-10", "F060", "2026-SHSY-01")
    assert (deadline.due, deadline.state) == (D("2025-10-31"), state)
    problems = [p for p in district.findings("2026-01-10") if p.code == "F060"]
    assert [(p.path, p.line) for p in problems] == ([(app, district.line_of(app, "填报日期"))] if found else [])
    if found:
        assert problems[0].message.startswith("申报年度 2026 的立项申请应在 2025-10-01 至 2025-10-31（2025 年 10 月）提报")
        assert found in problems[0].message


def test_2023_projects_are_exempt(district: District) -> None:
    district.project("2023-SHSY-01", 填报日期="2023-06-12")
    assert district.deadlines("2023-12-01", "F060", "2023-SHSY-01") == []
    assert "F060" not in district.codes("2023-12-01")


@pytest.mark.parametrize("item, text", [("五", "政府门户网站建设项目"), ("七", "视频监控系统建设项目")])
def test_integration_item(district: District, item: str, text: str) -> None:
    app = district.project(整合类别=item)
    [problem] = [p for p in district.findings("2025-01-10") if p.code == "F080"]
    assert (problem.path, problem.line, problem.article) == (app, district.line_of(app, "整合类别"), "第八条")
    assert f"第八条第（{item}）项“{text}”" in problem.message


def test_no_integration_item_no_finding(district: District) -> None:
    district.project()
    assert "F080" not in district.codes("2025-01-10")


@pytest.mark.parametrize("signed, reviews, message", [
    ("2024-11-19", [("2024-11-20", "通过")], "评审意见直到 2024-11-20 才通过"),
    ("2024-11-20", [("2024-11-20", "通过")], None),           # reviewed the same day
    ("2024-12-01", [("2024-11-20", "修改后通过")], None),
    ("2024-12-01", [("2024-11-20", "不通过")], "至今没有通过的评审意见"),
])
def test_contract_needs_a_passed_review(district: District, signed: str, reviews: list[tuple[str, str]],
                                        message: str | None) -> None:
    district.project(review=False)
    for day, conclusion in reviews:
        district.add("评审意见", 评审日期=day, 评审结论=conclusion, 核定投资=None if conclusion == "不通过" else 100)
    contract = district.add("合同备案", 签订日期=signed)
    problems = [p for p in district.findings("2025-01-10") if p.code == "F090"]
    assert [(p.path, p.line) for p in problems] == ([(contract, district.line_of(contract, "签订日期"))]
                                                    if message else [])
    if message:
        assert message in problems[0].message


@pytest.mark.parametrize("level, review, found", [
    ("无", None, False),
    ("省", None, True),
    ("省", "不同意申报", True),
    ("省", "同意申报", False),
    ("国家", "同意申报", True),      # 第十条: the consent was for 省, the application goes to 国家
])
def test_article_10_superior_application_needs_consent(district: District, level: str, review: str | None,
                                                       found: bool) -> None:
    app = district.project(上级申报=level)
    if review:
        district.add("上级申报审核", 审核结论=review, 上级层级="省")
    problems = [p for p in district.findings("2025-01-10") if p.code == "F100"]
    assert [(p.path, p.line) for p in problems] == ([(app, district.line_of(app, "上级申报"))] if found else [])


@pytest.mark.parametrize("fields, found", [
    ({}, False),                                                      # not yet decided
    ({"批复结论": "批准", "批复日期": "2024-12-01"}, False),          # consent 2024-10-20, then approval
    ({"批复日期": "2024-12-01"}, False),                              # an older record: a date means approved
    ({"批复结论": "批准", "批复日期": "2024-10-10"}, True),           # 第十条: approved before the consent
    ({"批复结论": "不予批准", "批复日期": "2024-10-10"}, False),
])
def test_article_10_consent_comes_before_the_superior_approval(district: District, fields: dict[str, str],
                                                                found: bool) -> None:
    district.project(上级申报="省")
    review = district.add("上级申报审核", 上级层级="省", **fields)
    got = [(p.path, p.line) for p in district.findings("2025-01-10") if p.code == "F101"]
    assert got == ([(review, district.line_of(review, "批复日期"))] if found else [])


@pytest.mark.parametrize("fields, errors", [
    ({"批复结论": "批准"}, ["E202"]),                   # 第十条: once approved, the date is required
    ({"批复结论": "批准", "批复日期": "2024-12-01"}, []),
    ({"批复结论": "同意"}, ["E204"]),
])
def test_article_10_approval_date_required_once_approved(district: District, fields: dict[str, str],
                                                         errors: list[str]) -> None:
    from generator.repository import load

    district.project(上级申报="省")
    district.add("上级申报审核", 上级层级="省", **fields)
    assert [p.code for p in load(district.root, D("2025-01-10")).problems if p.kind == "error"] == errors


# --- 第六条: the 2023 transition ----------------------------------------------------------------

@pytest.mark.parametrize("project, blocked", [
    ("2023-SHSY-05", False),   # 第六条: 拟验收项目 file the acceptance report only
    ("2022-SHSY-05", False),
    ("2024-SHSY-05", True),    # after the transition every project starts with its application
])
def test_article_6_transition_projects_may_file_only_later_records(district: District, project: str,
                                                                   blocked: bool) -> None:
    from generator.repository import load

    district.add("竣工验收", project, 验收日期="2023-08-20")
    errors = [p.code for p in load(district.root, D("2023-09-01")).problems if p.kind == "error"]
    assert errors == (["E409"] if blocked else [])


def test_article_6_transition_project_is_assessed_and_published(district: District) -> None:
    from generator.views import build_library, build_public

    district.add("竣工验收", "2023-SHSY-05", 验收日期="2023-08-20")
    repo = district.load("2023-09-01")
    results = district.assess("2023-09-01")
    assert results["2023-SHSY-05"].status == "已验收"
    assert [p.id for p in build_library(repo, results).projects] == ["2023-SHSY-05"]
    assert [p.id for p in build_public(repo, results).projects] == ["2023-SHSY-05"]
