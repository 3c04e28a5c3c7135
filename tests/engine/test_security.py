"""第二十八、三十条: a crypto plan where the field is important, and periodic 密评 once in use."""
from __future__ import annotations

from typing import Any

import pytest
from district import D, District

from generator.repository import load


def _errors(district: District, as_of: str = "2025-01-10") -> list[tuple[str, str | None]]:
    return [(p.code, p.article) for p in load(district.root, D(as_of)).problems if p.kind == "error"]


@pytest.mark.parametrize("important, plan, errors", [
    (None, False, []),                                  # not an important field: no plan required
    (False, False, []),
    (True, True, []),
    (True, False, [("E305", "第二十八条")]),            # 第二十八条: 重要领域 plans its cryptography
])
def test_article_28_crypto_plan_only_in_important_fields(district: District, important: bool | None, plan: bool,
                                                         errors: list[tuple[str, str]]) -> None:
    app = district.project(重要领域=important)
    path = district.root / app
    text = path.read_text(encoding="utf-8")
    if not plan:
        text = text.replace("### 密码应用方案\n\n测试用内容：密码应用方案。\n", "")
    elif "### 密码应用方案" not in text:
        text = text.replace("### 政务云平台资源使用情况", "### 密码应用方案\n\n方案。\n\n### 政务云平台资源使用情况")
    path.write_text(text, encoding="utf-8")
    assert _errors(district) == errors


# --- 第五条: 行政审批服务部 approves a fixed-asset project ------------------------------------------

@pytest.mark.parametrize("fixed_asset, approval, found", [
    (False, None, False),
    (True, None, True),                                              # 第五条: no approval before the contract
    (True, {"审批日期": "2025-02-20"}, False),
    (True, {"审批日期": "2025-03-02"}, False),                       # the day of signing
    (True, {"审批日期": "2025-03-10"}, True),                        # approved only afterwards
    (True, {"审批日期": "2025-02-20", "审批结论": "不予批准"}, True),
])
def test_article_5_fixed_asset_project_approved_before_contract(district: District, fixed_asset: bool,
                                                                approval: dict[str, Any] | None, found: bool) -> None:
    extra = {"投资项目代码": "2024-371571-65-01-000001"} if fixed_asset else {}
    district.project(涉及固定资产投资=fixed_asset, **extra)
    if approval is not None:
        district.add("固定资产投资审批", **approval)
    contract = district.add("合同备案")                               # signed 2025-03-02
    got = [(p.path, p.line) for p in district.findings("2025-04-01") if p.code == "F050"]
    assert got == ([(contract, district.line_of(contract, "签订日期"))] if found else [])


@pytest.mark.parametrize("filer, errors", [("SPB", []), ("SHSY", [("E404", "第五条")]), ("ZHB", [("E404", "第五条")])])
def test_article_5_only_the_approval_department_files_it(district: District, filer: str,
                                                         errors: list[tuple[str, str]]) -> None:
    district.project()
    district.add("固定资产投资审批", 填报单位=filer)
    assert _errors(district) == errors


# --- 第二十八、三十条: periodic 密评 ------------------------------------------------------------

def _in_use(district: District, level: int = 3, important: bool | None = None, crypto: str = "符合") -> str:
    district.project(等保级别=level, 重要领域=important)
    district.add("初步验收")
    district.add("信息资源目录")
    return district.add("竣工验收", 密评结论=crypto)                    # accepted 2025-12-20


@pytest.mark.parametrize("level, important, crypto, assessed, as_of, found", [
    (3, None, "符合", None, "2026-12-20", False),                    # due 2026-12-20
    (3, None, "符合", None, "2026-12-21", True),                     # 第二十八条: a year without 密评
    (2, None, "符合", None, "2027-06-01", False),                    # level 2, not an important field
    (2, True, "符合", None, "2026-12-21", True),                     # 重要领域
    (3, None, "不适用", None, "2027-06-01", False),
    (3, None, "符合", "2026-11-01", "2027-11-01", False),            # the yearly assessment renews it
    (3, None, "符合", "2026-11-01", "2027-11-02", True),
])
def test_article_28_periodic_crypto_assessment(district: District, level: int, important: bool | None, crypto: str,
                                               assessed: str | None, as_of: str, found: bool) -> None:
    acceptance = _in_use(district, level, important, crypto)
    where = (acceptance, district.line_of(acceptance, "验收日期"))
    if assessed:
        path = district.add("密码应用安全性评估", 评估日期=assessed)
        where = (path, district.line_of(path, "评估日期"))
    got = [(p.path, p.line) for p in district.findings(as_of) if p.code == "F280"]
    assert got == ([where] if found else [])


def test_article_28_assessment_is_a_deadline(district: District) -> None:
    _in_use(district)
    [deadline] = district.deadlines("2026-12-01", "F280")
    assert (deadline.due, deadline.state) == (D("2026-12-20"), "coming")


def test_article_5_new_fills_in_the_approval_department(district: District) -> None:
    from generator.cli import main

    district.project()
    assert main(["new", "固定资产投资审批", "--project", "2025-SHSY-01", "--repo", str(district.root),
                 "--as-of", "2025-01-10"]) == 0
    text = (district.root / "filings" / "2025-SHSY-01" / "固定资产投资审批.md").read_text(encoding="utf-8")
    assert "\n填报单位: SPB\n" in text
