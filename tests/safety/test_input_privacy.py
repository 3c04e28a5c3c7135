"""Personal data stays out of the public site (issue 7, item 11)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from input_repo import APP, check, edit, make_repo

from generator.checks.privacy import id_number_valid, personal_data
from generator.repository import load

ID = "11010519491231002X"  # the GB 11643 example: a valid check digit
DEMO = Path(__file__).resolve().parents[2]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def test_check_digit() -> None:
    assert id_number_valid(ID) and id_number_valid(ID.lower())
    assert not id_number_valid("110105194912310021")
    assert personal_data("订单号 110105194912310021") == []  # 18 digits, wrong check digit: not an ID


@pytest.mark.parametrize("text, shown", [
    (f"负责人身份证 {ID}", "居民身份证号 1101**********002X"),
    ("联系 13812345678", "手机号码 138****5678"),
    ("联系 +86 139-1234-5678", "手机号码 139****5678"),
    ("邮箱 zhang.san@example.com.cn", "电子邮件地址 z***@example.com.cn"),
])
def test_public_section_with_personal_data(repo: Path, text: str, shown: str) -> None:
    edit(repo, APP, "紧急呼叫等线上服务。", f"紧急呼叫等线上服务。\n\n{text}")
    status, out = check(repo)
    assert status == 1
    assert out == f"{APP}:28:1: E412 公开的章节「项目概述」含有{shown}：" + out.split("：", 1)[1]
    assert "13812345678" not in out and ID not in out  # the message never repeats the data itself


def test_public_field_with_personal_data(repo: Path) -> None:
    edit(repo, APP, "项目名称: 高新区智慧养老服务平台", "项目名称: 高新区智慧养老服务平台（联系 13812345678）")
    status, out = check(repo)
    assert status == 1 and f"{APP}:8:1: E412 「项目名称」含有手机号码 138****5678" in out


def test_internal_fields_and_sections_are_exempt(repo: Path) -> None:
    edit(repo, APP, '联系电话: "0635-8888001"', '联系电话: "13812345678"')
    edit(repo, APP, "联系人: 李娜", f"联系人: 李娜 {ID} li.na@example.org")
    edit(repo, APP, "（2024 年 6 月）", "（2024 年 6 月，经办 13812345678）")  # 文件依据 is not public
    assert check(repo) == (0, "")


def test_numbers_inside_identifiers_are_not_phones() -> None:
    assert personal_data("采购项目编号 CG13812345678、SDGP371500202502000123") == []


def test_resources_closed_to_the_public_are_exempt(repo: Path) -> None:
    folder = repo / "filings/2025-SHSY-01"
    text = """---
备案类型: 信息资源目录
项目编号: 2025-SHSY-01
填报单位: SHSY
填报日期: 2025-11-20
信息资源:
  - 名称: 老年人基本信息
    摘要: 联系 13812345678
    提供单位: SHSY
    格式: 数据库
    更新周期: 每月
    共享属性: 无条件共享
    开放属性: {open}
---

## 目录说明

已在高新区数据共享平台完成目录编制。
"""
    (folder / "信息资源目录.md").write_text(text.format(open="不予开放"), encoding="utf-8")
    assert check(repo) == (0, "")
    (folder / "信息资源目录.md").write_text(text.format(open="无条件开放"), encoding="utf-8")
    status, out = check(repo)
    assert status == 1 and "信息资源目录.md:8:5: E412 「摘要」含有手机号码" in out


def test_the_demo_district_is_clean() -> None:
    repo = load(DEMO, dt.date(2026, 11, 30))
    assert [p for p in repo.problems if p.code == "E412"] == []
