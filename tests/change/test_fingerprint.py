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
