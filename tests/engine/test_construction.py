"""第十三、十四、十五、十七、三十条: contract filing, annual reports, overruns, delay, rectification.

Working days were worked out by hand from the State Council notices:
2025 National Day: 10-01 (Wed) .. 10-08 (Wed) off, Sun 09-28 and Sat 10-11 worked;
2026 Spring Festival: 02-15 (Sun) .. 02-23 (Mon) off, Sat 02-14 and Sat 02-28 worked.
The 2027 entry of conftest.CALENDAR_2027 is made up: 02-08, 02-09 off, Sat 02-20 worked.
"""
from __future__ import annotations

import pytest
from district import PROJECT, D, District

# --- 第十三条: 合同备案 within 5 working days of 签订日期 ------------------------------------

F130_CASES = [
    # signed, filed, with calendar.yml, due, state
    ("2025-03-03", "2025-03-10", False, "2025-03-10", "met"),       # the deadline day
    ("2025-03-03", "2025-03-11", False, "2025-03-10", "late"),      # one day late
    ("2025-09-26", "2025-10-10", False, "2025-10-10", "met"),       # across National Day (09-28 worked)
    ("2025-09-26", "2025-10-11", False, "2025-10-10", "late"),      # Sat 10-11 is a working day, but late
    ("2026-02-12", "2026-02-26", False, "2026-02-26", "met"),       # across Spring Festival (02-14 worked)
    ("2026-02-12", "2026-02-27", False, "2026-02-26", "late"),
    ("2026-12-28", "2027-01-05", False, None, "unknown"),           # reaches into 2027: unknown schedule
    ("2026-12-28", "2027-01-05", True, "2027-01-04", "late"),       # calendar.yml makes 2027-01-01 a workday
    ("2027-02-03", "2027-02-12", True, "2027-02-12", "met"),        # 02-08, 02-09 off in calendar.yml
    ("2027-02-03", "2027-02-15", True, "2027-02-12", "late"),
    ("2027-02-03", "2027-02-10", False, None, "unknown"),
]


@pytest.mark.parametrize("signed, filed, calendar, due, state", F130_CASES)
def test_contract_filing_deadline(district: District, signed: str, filed: str, calendar: bool,
                                  due: str | None, state: str) -> None:
    district.project()
    if calendar:
        district.calendar()
    path = district.add("合同备案", 签订日期=signed, 填报日期=filed)
    as_of = "2027-03-01"
    [deadline] = district.deadlines(as_of, "F130")
    assert (deadline.due, deadline.state, deadline.done) == (D(due) if due else None, state, D(filed))
    late = [p for p in district.findings(as_of) if p.code == "F130"]
    assert [(p.path, p.line) for p in late] == ([(path, district.line_of(path, "填报日期"))] if state == "late" else [])
    if state == "unknown":
        assert "2027 年的节假日安排未知" in deadline.reason


def test_late_contract_message_gives_the_dates(district: District) -> None:
    district.project()
    district.add("合同备案", 签订日期="2026-02-12", 填报日期="2026-02-27")
    [problem] = [p for p in district.findings("2026-03-01") if p.code == "F130"]
    assert problem.message == "合同于 2026-02-12 签订，应于 2026-02-26（5 个工作日）前备案，实际 2026-02-27 备案"
    assert (problem.kind, problem.article) == ("finding", "第十三条")


@pytest.mark.parametrize("signed, codes", [("2023-05-19", []), ("2023-05-22", ["F130"])])
def test_no_rule_before_the_measures_took_effect(district: District, signed: str, codes: list[str]) -> None:
    """第三十九条: the Measures apply from 2023-05-22; 5 working days from 05-22 end on 05-29."""
    district.project("2023-SHSY-01")
    district.add("合同备案", "2023-SHSY-01", 签订日期=signed, 填报日期="2023-06-01")
    assert [c for c in district.codes("2023-12-01") if c == "F130"] == codes


# --- 第十四条: one 年度报告 for each year the project is under construction at year end --------

def test_missing_annual_report(district: District) -> None:
    app = district.project()
    district.add("合同备案", 签订日期="2025-03-02")
    reports = {d.title: d for d in district.deadlines("2026-01-05", "F140")}
    assert {t: (d.due, d.state) for t, d in reports.items()} == {
        "2025 年度报告": (D("2025-12-31"), "missed"), "2026 年度报告": (D("2026-12-31"), "coming")}
    [problem] = [p for p in district.findings("2026-01-05") if p.code == "F140"]
    assert (problem.path, problem.line) == (app, district.line_of(app, "项目编号"))
    assert "2025 年底项目处于建设中（2025-03-02 签订第一份合同），应于 2025-12-31 前报送 2025 年度报告" in problem.message


@pytest.mark.parametrize("filed, state, codes", [
    ("2025-12-31", "met", []), ("2026-01-01", "late", ["F141"]),
])
def test_annual_report_on_the_day_and_one_day_late(district: District, filed: str, state: str,
                                                   codes: list[str]) -> None:
    district.project()
    district.add("合同备案", 签订日期="2025-03-02")
    path = district.add("年度报告", 报告年度=2025, 填报日期=filed)
    [deadline] = [d for d in district.deadlines("2026-01-05", "F140") if d.title == "2025 年度报告"]
    assert (deadline.state, deadline.done) == (state, D(filed))
    found = [p for p in district.findings("2026-01-05") if p.code.startswith("F14")]
    assert [(p.code, p.path, p.line) for p in found] == [(c, path, district.line_of(path, "填报日期")) for c in codes]


def test_annual_report_not_yet_due_on_the_last_day(district: District) -> None:
    district.project()
    district.add("合同备案", 签订日期="2025-03-02")
    assert [d.state for d in district.deadlines("2025-12-31", "F140")] == ["coming"]
    assert "F140" not in district.codes("2025-12-31")


@pytest.mark.parametrize("extra, years", [
    ({}, ["2025 年度报告", "2026 年度报告"]),
    ({"竣工验收": {"验收日期": "2025-12-20"}, "初步验收": {"初步验收日期": "2025-11-01"}}, []),
    ({"竣工验收": {"验收日期": "2026-01-10"}, "初步验收": {"初步验收日期": "2025-11-01"}}, ["2025 年度报告"]),
    ({"监管措施": {"措施": "终止项目", "整改期限": None, "填报日期": "2025-11-01"}}, []),
])
def test_which_years_need_a_report(district: District, extra: dict[str, dict[str, str]], years: list[str]) -> None:
    district.project()
    district.add("合同备案", 签订日期="2025-03-02")
    for type_name, fields in extra.items():
        district.add(type_name, **fields)
    assert sorted(d.title for d in district.deadlines("2026-02-01", "F140")) == years


def test_no_report_before_the_first_contract(district: District) -> None:
    district.project()
    district.add("合同备案", 签订日期="2026-01-05")
    assert [d.title for d in district.deadlines("2026-02-01", "F140")] == ["2026 年度报告"]
    assert "F140" not in district.codes("2026-02-01")


# --- 第十五条: overruns against 核定投资 (as adjusted); 节余资金 is not a finding ------------

def test_contracts_over_the_approved_budget(district: District) -> None:
    district.project()
    district.add("合同备案", 签订日期="2025-03-02", 合同金额=60)
    second = district.add("合同备案", 签订日期="2025-04-01", 合同金额=50)
    [problem] = [p for p in district.findings("2025-05-01") if p.code == "F150"]
    assert (problem.path, problem.line) == (second, district.line_of(second, "合同金额"))
    assert "合同金额合计 110 万元，超过核定投资 100 万元 10 万元（10.0%）" in problem.message


@pytest.mark.parametrize("fields, overrun", [
    ({"合同金额": 100}, False),
    ({"合同金额": 100.01}, True),
])
def test_contract_at_the_limit(district: District, fields: dict[str, float], overrun: bool) -> None:
    district.project()
    district.add("合同备案", 签订日期="2025-03-02", **fields)
    assert ("F150" in district.codes("2025-05-01")) is overrun


def test_spending_and_final_account_over_budget(district: District) -> None:
    district.project()
    report = district.add("年度报告", 报告年度=2025, 累计支出=101)
    final = district.add("竣工验收", 验收日期="2026-01-20", 决算金额=105)
    found = {(p.path, p.line) for p in district.findings("2026-02-01") if p.code == "F150"}
    assert found == {(final, district.line_of(final, "决算金额")), (report, district.line_of(report, "累计支出"))}


def test_savings_are_shown_not_found(district: District) -> None:
    district.project()
    district.add("竣工验收", 验收日期="2026-01-20", 决算金额=95)
    assert "F150" not in district.codes("2026-02-01")
    assert str(district.assess("2026-02-01")[PROJECT].savings) == "5"


@pytest.mark.parametrize("conclusion, overrun", [("通过", False), ("不通过", True)])
def test_a_passed_adjustment_raises_the_limit(district: District, conclusion: str, overrun: bool) -> None:
    district.project()
    district.add("调整申请", 填报日期="2025-05-01", 调整事项=["项目预算"], 调整后总投资=120, 调整后完成日期=None)
    district.add("评审意见", 评审日期="2025-05-10", 评审范围="调整", 评审结论=conclusion,
                 核定投资=120 if conclusion == "通过" else None)
    district.add("合同备案", 签订日期="2025-06-02", 合同金额=110)
    assert ("F150" in district.codes("2025-07-01")) is overrun


def _adjusted(district: District, approved: str = "2025-02-01") -> None:
    """核定 100; an adjustment requested 2025-01-20 and passed on `approved` raises it to 130."""
    district.project()
    district.add("调整申请", 填报日期="2025-01-20", 调整事项=["项目预算"], 调整后总投资=130, 调整后完成日期=None)
    district.add("评审意见", 评审日期=approved, 评审范围="调整", 核定投资=130)


@pytest.mark.parametrize("signed, amounts, flagged", [
    (["2025-01-14"], [110], ["合同备案.md"]),                     # 第十五、十六条: over before the adjustment
    (["2025-02-03"], [110], []),                                    # within the adjusted baseline
    (["2024-12-10", "2025-01-14", "2025-03-01"], [60, 50, 30], ["合同备案-2.md", "合同备案-3.md"]),
    (["2024-12-10", "2025-01-14", "2025-03-01"], [60, 50, 10], ["合同备案-2.md"]),
    (["2025-01-14", "2025-03-01"], [110, 30], ["合同备案.md", "合同备案-2.md"]),  # over the old, then the new
    (["2025-03-01"], [140], ["合同备案.md"]),
])
def test_article_15_16_each_contract_against_the_baseline_in_force(district: District, signed: list[str],
                                                                   amounts: list[int], flagged: list[str]) -> None:
    _adjusted(district)
    for day, money in zip(signed, amounts, strict=False):
        district.add("合同备案", 签订日期=day, 合同金额=money)
    found = {p.path.rsplit("/", 1)[1] for p in district.findings("2025-04-01") if p.code == "F150"}
    assert found == set(flagged)


def test_article_16_the_later_adjustment_is_shown_beside_the_overrun(district: District) -> None:
    _adjusted(district)
    district.add("合同备案", 签订日期="2025-01-14", 合同金额=110)
    [problem] = [p for p in district.findings("2025-04-01") if p.code == "F150"]
    assert "超过当时的核定投资 100 万元 10 万元（10.0%）" in problem.message
    assert "其后 2025-02-01 经评审通过的调整将核定投资调整为 130 万元，调整应事先提出，不能追认此前的超支" in problem.message


@pytest.mark.parametrize("filed, spent, flagged", [
    ("2025-01-25", 110, True),     # reported while 100 was in force
    ("2025-12-15", 110, False),    # reported under the adjusted 130
    ("2025-12-15", 131, True),
])
def test_article_15_spending_against_the_baseline_in_force(district: District, filed: str, spent: int,
                                                           flagged: bool) -> None:
    _adjusted(district)
    district.add("合同备案", 签订日期="2025-01-02", 合同金额=10)
    district.add("年度报告", 填报日期=filed, 报告年度=2025 if filed > "2025-06" else 2024, 累计支出=spent)
    assert ("F150" in district.codes("2026-01-10")) is flagged


# --- 第十七条: suspected severe delay, a setting of 90 days ------------------------------

@pytest.mark.parametrize("as_of, late", [("2026-03-31", False), ("2026-04-01", True)])
def test_severe_delay_threshold(district: District, as_of: str, late: bool) -> None:
    app = district.project(计划完成日期="2025-12-31")
    found = [p for p in district.findings(as_of) if p.code == "F170"]
    assert [(p.path, p.line) for p in found] == ([(app, district.line_of(app, "计划完成日期"))] if late else [])
    if late:
        assert "计划完成日期为 2025-12-31，截至今天（2026-04-01）仍未完成，已逾期 91 天，超过 90 天" in found[0].message


@pytest.mark.parametrize("completed, late", [("2026-03-31", False), ("2026-04-01", True)])
def test_severe_delay_measured_at_completion(district: District, completed: str, late: bool) -> None:
    district.project(计划完成日期="2025-12-31")
    district.add("初步验收", 建设完成日期=completed, 初步验收日期="2026-04-10")
    district.add("信息资源目录", 填报日期="2026-04-15", 信息资源=[{"名称": "x", "摘要": "y", "提供单位": "SHSY",
                 "格式": "电子表格", "更新周期": "每月", "共享属性": "无条件共享", "开放属性": "无条件开放",
                 "归集日期": "2026-04-15"}])
    assert ("F170" in district.codes("2026-09-01")) is late


@pytest.mark.parametrize("kind, filed, answered", [
    ("严重逾期", "2026-02-01", True),         # 第十七条: reported once late, before it became serious
    ("投资重大损失", "2026-04-15", True),
    ("严重逾期", "2026-04-30", True),         # serious from 2026-03-31; 30 days to report
    ("严重逾期", "2026-05-01", False),        # too late to be 及时
    ("严重逾期", "2025-01-10", False),        # a year before the planned date: not this delay
    ("其他", "2026-02-01", False),            # not the delay or loss type
])
def test_article_17_only_a_timely_relevant_report_answers(district: District, kind: str, filed: str,
                                                           answered: bool) -> None:
    district.project(计划完成日期="2025-12-31")
    district.add("重大问题报告", 问题类型=kind, 发生日期=filed, 填报日期=filed)
    found = [p for p in district.findings("2026-06-01") if p.code == "F170"]
    assert (found == []) is answered
    if not answered:
        assert "没有及时的重大问题报告（重大问题报告.md" in found[0].message


def test_article_17_a_report_of_another_project_does_not_answer(district: District) -> None:
    district.project(计划完成日期="2025-12-31")
    district.project("2025-SHSY-02", 计划完成日期="2026-12-31")
    district.add("重大问题报告", "2025-SHSY-02", 发生日期="2026-02-01")
    assert "F170" in district.codes("2026-06-01")


def test_threshold_is_a_setting(district: District) -> None:
    district.project(计划完成日期="2025-12-31")
    assert "F170" not in district.codes("2026-02-01")
    assert "F170" in district.codes("2026-02-01", severe_delay_days=30)


def test_delay_counts_from_the_adjusted_finish(district: District) -> None:
    district.project(计划完成日期="2025-12-31")
    adjustment = district.add("调整申请", 填报日期="2025-11-01", 调整后完成日期="2026-06-30")
    district.add("评审意见", 评审日期="2025-11-10", 评审范围="调整")
    assert "F170" not in district.codes("2026-04-01")
    [problem] = [p for p in district.findings("2026-09-29") if p.code == "F170"]
    assert (problem.path, problem.line) == (adjustment, district.line_of(adjustment, "调整后完成日期"))
    assert "经评审通过调整后的计划完成日期为 2026-06-30" in problem.message


def test_om_projects_are_not_construction(district: District) -> None:
    district.project("2025-SHSY-02", 项目类别="运维服务", 前序项目="2025-SHSY-01", 计划完成日期="2025-12-31")
    assert "F170" not in district.codes("2026-06-01")


# --- 第十七、三十条: 限期整改 answered by an 整改报告 by 整改期限 ------------------------------

@pytest.mark.parametrize("as_of, state, codes", [("2025-10-31", "coming", []), ("2025-11-01", "missed", ["F171"])])
def test_open_rectification(district: District, as_of: str, state: str, codes: list[str]) -> None:
    district.project()
    measure = district.add("监管措施", 填报日期="2025-09-01", 整改期限="2025-10-31")
    [deadline] = district.deadlines(as_of, "F171")
    assert (deadline.due, deadline.state, deadline.dept) == (D("2025-10-31"), state, "SHSY")
    found = [(p.path, p.line) for p in district.findings(as_of) if p.code == "F171"]
    assert found == [(measure, district.line_of(measure, "整改期限"))] * len(codes)
    assert district.assess(as_of)[PROJECT].overlays == ["整改中"]


@pytest.mark.parametrize("filed, state", [("2025-10-31", "met"), ("2025-11-03", "late")])
def test_rectification_report_on_time_or_late(district: District, filed: str, state: str) -> None:
    district.project()
    district.add("监管措施", 填报日期="2025-09-01", 整改期限="2025-10-31")
    answer = district.add("整改报告", 填报日期=filed, 对应措施="监管措施.md")
    [deadline] = district.deadlines("2025-12-01", "F171")
    assert deadline.state == state
    found = [(p.path, p.line) for p in district.findings("2025-12-01") if p.code == "F171"]
    assert found == ([(answer, district.line_of(answer, "填报日期"))] if state == "late" else [])
    assert district.assess("2025-12-01")[PROJECT].overlays == []


def test_report_for_another_measure_does_not_answer(district: District) -> None:
    district.project()
    district.add("监管措施", 填报日期="2025-09-01", 整改期限="2025-10-31")
    district.add("监管措施", 填报日期="2025-09-02", 措施="通报批评", 整改期限=None)
    district.add("整改报告", 填报日期="2025-10-20", 对应措施="监管措施-2.md")
    assert "F171" in district.codes("2025-11-01")


@pytest.mark.parametrize("review, late", [(None, False), ("不通过", False), ("通过", True)])
def test_only_approved_projects_can_be_delayed(district: District, review: str | None, late: bool) -> None:
    district.project(review=False, 计划完成日期="2025-12-31")
    if review:
        district.add("评审意见", 评审结论=review, 核定投资=100 if review == "通过" else None)
    assert ("F170" in district.codes("2026-06-01")) is late
    assert (district.assess("2026-06-01")[PROJECT].current_variance is not None) is late
