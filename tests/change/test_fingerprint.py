"""fingerprint(problem): stable across line shifts and --as-of, distinct across files, codes and dates."""
from __future__ import annotations

from generator.problems import finding, fingerprint

PATH = "filings/2025-SHSY-01/合同备案-2025-03.md"


def test_stable_across_lines_and_day_counts() -> None:
    a = finding(PATH, 9, 1, "F130", "合同备案晚于 2025-03-07（签订后 5 个工作日）12 天", "第十三条")
    b = finding(PATH, 14, 3, "F130", "合同备案晚于 2025-03-07（签订后 5 个工作日）13 天", "第十三条")
    assert fingerprint(a) == fingerprint(b)
    assert len(fingerprint(a)) == 32


def test_differs_by_path_code_kind_and_date() -> None:
    base = finding(PATH, 9, 1, "F130", "期限 2025-03-07 已过", "第十三条")
    others = [
        finding(PATH.replace("03", "04"), 9, 1, "F130", base.message),
        finding(PATH, 9, 1, "F131", base.message),
        finding(PATH, 9, 1, "F130", "期限 2025-03-10 已过"),
        finding(PATH, 9, 1, "F140", "2025 年度报告未报送"),
        finding(PATH, 9, 1, "F140", "2026 年度报告未报送"),
    ]
    prints = {fingerprint(p) for p in [base, *others]}
    assert len(prints) == 6


def test_an_overrun_keeps_its_fingerprint_when_an_adjustment_follows() -> None:
    """F150 names a later adjustment of the approved investment; the overrun is the same one."""
    before = finding(PATH, 9, 1, "F150", "截至本合同（2025-03-18 签订）合同金额合计 110 万元，超过核定投资 96.5 万元 "
                                         "13.5 万元（14.0%）：原则上超支不补", "第十五条")
    after = finding(PATH, 9, 1, "F150", "截至本合同（2025-03-18 签订）合同金额合计 110 万元，超过当时的核定投资 96.5 万元 "
                                        "13.5 万元（14.0%）：原则上超支不补；其后 2025-05-09 经评审通过的调整将核定投资"
                                        "调整为 120 万元，调整应事先提出，不能追认此前的超支", "第十五条")
    other = finding(PATH, 9, 1, "F150", "截至本合同（2025-04-02 签订）合同金额合计 130 万元，超过核定投资 96.5 万元 "
                                        "33.5 万元（34.7%）：原则上超支不补", "第十五条")
    assert fingerprint(before) == fingerprint(after)
    assert fingerprint(other) != fingerprint(before)
