"""Original and current baselines, variance against both, and the budget chain."""
from __future__ import annotations

from decimal import Decimal

import pytest
from district import PROJECT, D, District


def test_before_review_the_baseline_is_the_application(district: District) -> None:
    app = district.project(review=False, 申报总投资=120, 计划完成日期="2025-12-31")
    got = district.assess("2025-01-10")[PROJECT]
    assert (got.original.budget, got.original.finish, got.original.source) == (Decimal(120), D("2025-12-31"), app)
    assert got.current == got.original
    assert got.budget_chain == {"申报": Decimal(120), "核定": None, "合同": None, "支出": None, "决算": None}


def test_review_sets_the_original_budget(district: District) -> None:
    district.project(review=False)
    review = district.add("评审意见", 核定投资=90)
    district.add("评审意见", 评审日期="2024-12-01", 核定投资=95)  # a second 立项 review does not re-base
    got = district.assess("2025-01-10")[PROJECT]
    assert (got.original.budget, got.original.source) == (Decimal(90), review)


def _adjust(district: District, filed: str, reviewed: str | None, conclusion: str = "通过") -> str | None:
    district.add("调整申请", 填报日期=filed, 调整事项=["项目预算", "建设进度"], 调整后总投资=130,
                 调整后完成日期="2026-06-30")
    if reviewed is None:
        return None
    return district.add("评审意见", 评审日期=reviewed, 评审范围="调整", 评审结论=conclusion,
                        核定投资=125 if conclusion != "不通过" else None)


@pytest.mark.parametrize("filed, reviewed, conclusion, applied", [
    ("2025-06-01", "2025-06-10", "通过", True),
    ("2025-06-01", "2025-06-01", "修改后通过", True),     # reviewed the day it was filed
    ("2025-06-01", None, "通过", False),                  # not reviewed yet
    ("2025-06-01", "2025-06-10", "不通过", False),
    ("2025-06-10", "2025-06-01", "通过", False),          # the review came before the application
])
def test_adjustment_takes_effect_only_when_a_later_review_passes_it(
        district: District, filed: str, reviewed: str | None, conclusion: str, applied: bool) -> None:
    district.project(计划完成日期="2025-12-31")
    review = _adjust(district, filed, reviewed, conclusion)
    got = district.assess("2025-07-01")[PROJECT]
    assert (got.original.budget, got.original.finish) == (Decimal(100), D("2025-12-31"))
    if applied:
        assert (got.current.budget, got.current.finish, got.current.source) == (Decimal(125), D("2026-06-30"), review)
        assert len(got.baselines) == 2
    else:
        assert got.current == got.original and len(got.baselines) == 1


def test_variance_against_both_baselines(district: District) -> None:
    district.project(计划完成日期="2025-12-31")
    _adjust(district, "2025-06-01", "2025-06-10")
    district.add("合同备案", 签订日期="2025-07-01", 合同金额=110)
    district.add("年度报告", 报告年度=2025, 累计支出=80)
    got = district.assess("2026-02-10")[PROJECT]
    assert (got.original_variance.cost, got.original_variance.cost_figure) == (Decimal(10), "合同金额合计")
    assert got.current_variance.cost == Decimal(-15)
    assert (got.original_variance.schedule_days, got.original_variance.schedule_figure) == (41, "尚未完成，按今天计算")
    assert got.current_variance.schedule_days is None   # 2026-06-30 not reached, not complete


def test_variance_at_completion_and_final_account(district: District) -> None:
    district.project(计划完成日期="2025-12-31")
    district.add("合同备案", 签订日期="2025-03-02", 合同金额=98)
    district.add("初步验收", 建设完成日期="2025-12-21", 初步验收日期="2025-12-22")
    district.add("竣工验收", 验收日期="2026-01-20", 决算金额=96.5)
    got = district.assess("2026-02-10")[PROJECT]
    assert (got.current_variance.cost, got.current_variance.cost_figure) == (Decimal("-3.5"), "决算金额")
    assert (got.current_variance.schedule_days, got.current_variance.schedule_figure) == (-10, "建设完成日期")


def test_budget_chain_and_savings(district: District) -> None:
    district.project(申报总投资=120)
    district.add("合同备案", 签订日期="2025-03-02", 合同金额=60)
    district.add("合同备案", 签订日期="2025-04-02", 合同金额=35.5)
    district.add("年度报告", 报告年度=2025, 累计支出=40, 填报日期="2025-12-15")
    district.add("年度报告", 报告年度=2026, 累计支出=90, 填报日期="2026-01-05")
    district.add("竣工验收", 验收日期="2026-01-20", 决算金额=92)
    got = district.assess("2026-02-10")[PROJECT]
    assert got.budget_chain == {"申报": Decimal(120), "核定": Decimal(100), "合同": Decimal("95.5"),
                                "支出": Decimal(90), "决算": Decimal(92)}
    assert got.savings == Decimal(8)


def test_no_savings_when_the_final_account_is_at_or_over(district: District) -> None:
    district.project()
    district.add("竣工验收", 验收日期="2026-01-20", 决算金额=100)
    assert district.assess("2026-02-10")[PROJECT].savings is None
