"""第十九、二十条: 初步验收 first, 竣工验收 within 3 months, self-evaluation within 12–24 months.

Month periods follow 民法典 第二百零一至二百零三条 (calendar.add_months): the last day,
if a rest day, moves to the next working day. The self-evaluation window is plain months.
"""
from __future__ import annotations

import pytest
from district import PROJECT, D, District

# --- 第十九条: a passed 初步验收 before the 竣工验收 -------------------------------------------

@pytest.mark.parametrize("preliminary, found", [
    (None, True),
    ({"初步验收日期": "2025-12-19"}, False),
    ({"初步验收日期": "2025-12-20"}, False),      # the same day counts
    ({"初步验收日期": "2025-12-21", "填报日期": "2025-12-21"}, True),
    ({"初步验收日期": "2025-12-01", "初步验收结论": "不通过"}, True),
])
def test_preliminary_before_final(district: District, preliminary: dict[str, str] | None, found: bool) -> None:
    district.project()
    if preliminary is not None:
        district.add("初步验收", 建设完成日期="2025-11-30", **preliminary)
    acceptance = district.add("竣工验收", 验收日期="2025-12-20")
    got = [(p.path, p.line) for p in district.findings("2026-01-10") if p.code == "F190"]
    assert got == ([(acceptance, district.line_of(acceptance, "验收日期"))] if found else [])


# --- 第十九条: 竣工验收 due 3 months after 建设完成日期 -------------------------------------------

F191_CASES = [
    # 建设完成日期, 验收日期 (None: not yet), as_of, with calendar.yml, due, state
    ("2025-03-31", "2025-06-30", "2025-07-10", False, "2025-06-30", "met"),       # the spec's example
    ("2025-03-31", "2025-07-01", "2025-07-10", False, "2025-06-30", "late"),
    ("2025-03-31", None, "2025-06-30", False, "2025-06-30", "coming"),
    ("2025-03-31", None, "2025-07-01", False, "2025-06-30", "missed"),
    ("2025-07-01", "2025-10-09", "2025-10-20", False, "2025-10-09", "met"),       # 10-01 is National Day
    ("2025-07-01", "2025-10-10", "2025-10-20", False, "2025-10-09", "late"),
    ("2025-11-17", "2026-02-24", "2026-03-01", False, "2026-02-24", "met"),       # 02-17 is Spring Festival
    ("2025-11-17", "2026-02-25", "2026-03-01", False, "2026-02-24", "late"),
    ("2026-10-29", None, "2027-02-10", False, None, "unknown"),                   # 2027-01-29: unknown year
    ("2026-10-29", None, "2027-02-10", True, "2027-01-29", "missed"),
    ("2026-10-31", "2027-02-01", "2027-02-10", True, "2027-02-01", "met"),        # 01-31 is a Sunday
]


@pytest.mark.parametrize("completed, accepted, as_of, calendar, due, state", F191_CASES)
def test_acceptance_deadline(district: District, completed: str, accepted: str | None, as_of: str,
                             calendar: bool, due: str | None, state: str) -> None:
    district.project()
    if calendar:
        district.calendar()
    preliminary = district.add("初步验收", 建设完成日期=completed, 初步验收日期=completed)
    acceptance = district.add("竣工验收", 验收日期=accepted) if accepted else None
    [deadline] = district.deadlines(as_of, "F191")
    assert (deadline.due, deadline.state) == (D(due) if due else None, state)
    found = [(p.code, p.path, p.line) for p in district.findings(as_of) if p.code in ("F191", "F192")]
    expected = {
        "late": [("F191", acceptance, district.line_of(acceptance, "验收日期") if acceptance else 0)],
        "missed": [("F192", preliminary, district.line_of(preliminary, "建设完成日期"))],
    }.get(state, [])
    assert found == expected


def test_late_acceptance_message(district: District) -> None:
    district.project()
    district.add("初步验收", 建设完成日期="2025-03-31", 初步验收日期="2025-04-10")
    district.add("竣工验收", 验收日期="2025-07-01")
    [problem] = [p for p in district.findings("2025-08-01") if p.code == "F191"]
    assert problem.message == "建设完成日期 2025-03-31，应于 2025-06-30（3 个月）前完成竣工验收，实际 2025-07-01 才通过竣工验收"


def test_unknown_deadline_says_why(district: District) -> None:
    district.project()
    district.add("初步验收", 建设完成日期="2026-10-29", 初步验收日期="2026-10-29")
    [deadline] = district.deadlines("2027-02-10", "F191")
    assert deadline.reason.startswith("建设完成日期 2026-10-29，竣工验收期限无法计算：2027 年的节假日安排未知")


@pytest.mark.parametrize("filed, due, codes", [
    ("2025-06-30", "2025-09-30", []),              # filed on the original day: extends
    ("2025-07-01", "2025-06-30", ["F191"]),        # filed after it: the district does not count it
])
def test_extension_counts_only_when_filed_in_time(district: District, filed: str, due: str,
                                                  codes: list[str]) -> None:
    district.project()
    district.add("初步验收", 建设完成日期="2025-03-31", 初步验收日期="2025-04-10")
    district.add("延期验收申请", 填报日期=filed, 申请延期至="2025-09-30")
    district.add("竣工验收", 验收日期="2025-09-30")
    [deadline] = district.deadlines("2025-10-10", "F191")
    assert deadline.due == D(due)
    assert [c for c in district.codes("2025-10-10") if c.startswith("F19")] == codes
    if codes:
        assert "延期验收申请于 2025-07-01 提交，晚于当时的期限 2025-06-30，按本区解释不予延期" in deadline.reason


def test_failed_acceptance_is_not_acceptance(district: District) -> None:
    district.project()
    district.add("初步验收", 建设完成日期="2025-03-31", 初步验收日期="2025-04-10")
    district.add("竣工验收", 验收日期="2025-06-20", 验收结论="不通过")
    assert "F192" in district.codes("2025-07-01")


def test_completion_before_the_measures_has_no_deadline(district: District) -> None:
    district.project("2023-SHSY-01")
    district.add("初步验收", "2023-SHSY-01", 建设完成日期="2023-05-19", 初步验收日期="2023-05-30")
    assert district.deadlines("2024-01-10", "F191", "2023-SHSY-01") == []
    assert "F192" not in district.codes("2024-01-10")


# --- 第二十条: self-evaluation 12–24 months after 竣工验收 and 投入使用 ----------------------------

def _accepted(district: District, accepted: str = "2025-06-18", in_use: str | None = None) -> str:
    district.calendar()  # the window ends in 2027
    district.project()
    district.add("初步验收", 建设完成日期="2025-05-01", 初步验收日期="2025-05-10")
    return district.add("竣工验收", 验收日期=accepted, 投入使用日期=in_use)


@pytest.mark.parametrize("evaluated, filed, early, state", [
    ("2026-06-17", "2026-06-17", True, "missed"),    # one day early: does not count
    ("2026-06-18", "2026-06-18", False, "met"),      # first day of the window
    ("2027-06-18", "2027-06-18", False, "met"),      # last day of the window
    ("2027-06-01", "2027-06-19", False, "late"),     # reported one day after the window
])
def test_self_evaluation_window(district: District, evaluated: str, filed: str, early: bool, state: str) -> None:
    _accepted(district)
    path = district.add("绩效自评价", 评价日期=evaluated, 填报日期=filed)
    [deadline] = district.deadlines("2027-06-20", "F201")
    assert (deadline.due, deadline.state) == (D("2027-06-18"), state)
    codes = district.codes("2027-06-20")
    assert ("F200" in codes) is early
    assert ("F201" in codes) is (state in ("missed", "late"))
    if early:
        [problem] = [p for p in district.findings("2027-06-20") if p.code == "F200"]
        assert (problem.path, problem.line) == (path, district.line_of(path, "评价日期"))


@pytest.mark.parametrize("as_of, state", [("2027-06-18", "coming"), ("2027-06-19", "missed")])
def test_missing_self_evaluation(district: District, as_of: str, state: str) -> None:
    acceptance = _accepted(district)
    [deadline] = district.deadlines(as_of, "F201")
    assert deadline.state == state
    found = [(p.path, p.line) for p in district.findings(as_of) if p.code == "F201"]
    assert found == ([(acceptance, district.line_of(acceptance, "验收日期"))] if state == "missed" else [])


@pytest.mark.parametrize("in_use, start", [("2025-09-01", "2026-09-01"), ("2025-05-01", "2026-06-18")])
def test_window_counts_from_the_later_of_use_and_acceptance(district: District, in_use: str, start: str) -> None:
    _accepted(district, in_use=in_use)
    district.add("绩效自评价", 评价日期="2026-08-31")
    [deadline] = district.deadlines("2026-12-01", "F201")
    assert f"应在 {start} 至" in deadline.reason
    assert ("F200" in district.codes("2026-12-01")) is (start > "2026-08-31")


@pytest.mark.parametrize("accepted, filed, due, state", [
    ("2024-10-05", "2026-10-08", "2026-10-08", "met"),    # 第二十条: 2026-10-05 is in the National Day break
    ("2024-10-05", "2026-10-09", "2026-10-08", "late"),
    ("2024-10-01", "2026-10-08", "2026-10-08", "met"),
    ("2024-06-18", "2026-06-19", "2026-06-18", "late"),   # a working day: not moved
])
def test_article_20_window_end_moves_off_rest_days(district: District, accepted: str, filed: str, due: str,
                                                   state: str) -> None:
    """第二十条 and spec §6: the 24-month end moves to the next working day like every deadline."""
    district.project("2024-SHSY-01")
    district.add("初步验收", "2024-SHSY-01", 建设完成日期="2024-05-01", 初步验收日期="2024-05-10")
    district.add("竣工验收", "2024-SHSY-01", 验收日期=accepted)
    district.add("绩效自评价", "2024-SHSY-01", 评价日期="2026-06-01", 填报日期=filed)
    [deadline] = district.deadlines("2026-11-01", "F201", "2024-SHSY-01")
    assert (deadline.due, deadline.state) == (D(due), state)
    assert ("F201" in district.codes("2026-11-01")) is (state == "late")


def test_article_20_window_end_in_an_unknown_year_is_not_guessed(district: District) -> None:
    district.project()
    district.add("初步验收", 建设完成日期="2025-05-01", 初步验收日期="2025-05-10")
    district.add("竣工验收", 验收日期="2025-06-18")
    [deadline] = district.deadlines("2027-07-01", "F201")
    assert (deadline.due, deadline.state) == (None, "unknown")
    assert "F201" not in district.codes("2027-07-01")


def test_status_follows_the_counted_evaluation(district: District) -> None:
    _accepted(district)
    district.add("绩效自评价", 评价日期="2026-06-17")
    assert district.assess("2026-07-01")[PROJECT].status == "已验收"
    district.add("绩效自评价", 评价日期="2026-06-30")
    assert district.assess("2026-07-01")[PROJECT].status == "已自评价"
