"""Every value that passes check builds (issue 7, item 3): numbers, dates and characters."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from input_repo import APP, AS_OF, REVIEW, check, edit, make_repo, run


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


@pytest.mark.parametrize("written, code, words", [
    ("0x44", "E209", "十六进制写法，YAML 会把它读作 68"),
    ("0b1000100", "E209", "二进制写法，YAML 会把它读作 68"),
    ("1:08", "E209", "六十进制（时:分）写法，YAML 会把它读作 68"),
    ("0104", "E209", "以 0 开头，会被当作八进制，YAML 会把它读作 68"),
    (".inf", "E209", "无穷大或非数字"),
    ("-.inf", "E209", "无穷大或非数字"),
    (".nan", "E209", "无穷大或非数字"),
    ("1.0e+309", "E209", "科学记数法"),
    ("1.0e+26", "E209", "科学记数法"),
    ("100000000", "E203", "超出允许的范围"),
    ("99999999999999999999999999.5", "E203", "超出允许的范围"),
    ("90.1234567", "E203", "小数超过 6 位"),
])
def test_amounts_are_plain_finite_decimals(repo: Path, written: str, code: str, words: str) -> None:
    edit(repo, REVIEW, "核定投资: 90.0", f"核定投资: {written}")
    status, out = check(repo)
    assert status == 1
    line = next(line for line in out.splitlines() if line.startswith(f"{REVIEW}:10:1: "))
    assert f" {code} " in line and words in line


def test_a_plain_amount_is_still_fine(repo: Path) -> None:
    edit(repo, REVIEW, "核定投资: 90.0", "核定投资: 90.000001")
    assert check(repo) == (0, "")


@pytest.mark.parametrize("written", ["0x2", "0b10", "1:00"])
def test_every_number_kind_refuses_yaml11_forms(repo: Path, written: str) -> None:
    edit(repo, APP, "等保级别: 2", f"等保级别: {written}")
    status, out = check(repo)
    assert status == 1 and f"{APP}:20:1: E209" in out


@pytest.mark.parametrize("written", ["9999-12-31", "1900-01-01", '"9999-12-31"', "2101-01-01"])
def test_dates_out_of_range_are_errors_not_a_crash(repo: Path, written: str) -> None:
    edit(repo, APP, "计划完成日期: 2025-10-31", f"计划完成日期: {written}")
    status, out = check(repo)
    assert status == 1
    assert f"{APP}:14:1: " in out and "超出允许的范围 2000-01-01 至 2100-12-31" in out
    assert "E100" not in out


def test_years_out_of_range(repo: Path) -> None:
    edit(repo, APP, "申报年度: 2025", "申报年度: 99999")
    status, out = check(repo)
    assert status == 1 and f"{APP}:12:1: E203 「申报年度」为 99999，超出允许的范围 2000–2100" in out


@pytest.mark.parametrize("written, shown", [
    ('"聊城\\b数智"', "控制字符 \\x08"),
    ('"聊城\\u202E数智"', "双向文字控制符 \\u202e"),
    ("聊城\u2066数智", "双向文字控制符 \\u2066"),
    ('"聊城\\uFFFE数智"', "非字符 \\ufffe"),
    ('"聊城\\x7F数智"', "控制字符 \\x7f"),
    ('"聊城\\r数智"', "控制字符 \\r"),
    ('"聊城\\uD800数智"', "无效的编码 \\ud800"),
])
def test_control_characters_in_decoded_values(repo: Path, written: str, shown: str) -> None:
    edit(repo, APP, "项目名称: 高新区智慧养老服务平台", f"项目名称: {written}")
    status, out = check(repo)
    assert status == 1
    assert f"{APP}:8:7: E108 含有{shown}" in out
    assert len(out.splitlines()) == 1  # the bad value is held back, not echoed by other messages


def test_control_character_in_a_resource_item_and_a_list(repo: Path) -> None:
    edit(repo, APP, "资金来源: [区级财政]", '资金来源: [区级财政, "自筹\\a资金"]')
    status, out = check(repo)
    assert status == 1 and f"{APP}:15:" in out and "E108 含有控制字符 \\x07" in out


def test_control_characters_in_headings_and_body(repo: Path) -> None:
    edit(repo, APP, "## 项目概述", "## 项目概述&#x202E;")
    edit(repo, APP, "为辖区", "为\x0c辖区")
    status, out = check(repo)
    assert status == 1
    assert "E108 正文用 HTML 实体写了双向文字控制符 \\u202e" in out
    assert "E108 正文含有控制字符 \\x0c" in out


@pytest.mark.parametrize("key, shown", [('"联系\\n人"', "\\n"), ('"联系\t人"', "\\t"), ('"联系\\x1b[31m人"', "\\x1b")])
def test_a_key_with_a_control_character_is_refused_on_one_escaped_line(repo: Path, key: str, shown: str) -> None:
    edit(repo, APP, "联系人: 李娜", f"{key}: 李娜")
    status, out = check(repo)
    assert status == 1
    assert out.count("\n") == 1
    assert f"{APP}:6:1: E108 含有" in out and shown in out


def test_json_output_carries_the_character_safely(repo: Path) -> None:
    edit(repo, APP, "项目名称: 高新区智慧养老服务平台", '项目名称: "高新区\\u202E平台"')
    status, out, _ = run("check", "--repo", str(repo), "--as-of", AS_OF, "--format", "json")
    assert status == 1
    assert json.loads(out)["problems"][0]["code"] == "E108"


def test_full_width_colon_hides_no_other_error(repo: Path) -> None:
    edit(repo, APP, "联系人: 李娜", "联系人：李娜")
    edit(repo, APP, "申报总投资: 96.5", "申报总投资: 96.5万元")
    edit(repo, APP, "上级申报: 无", "上级申报：无")
    status, out = check(repo)
    assert status == 1
    assert [line.split(" ", 2)[:2] for line in out.splitlines()] == [
        [f"{APP}:6:1:", "E105"], [f"{APP}:13:1:", "E205"], [f"{APP}:21:1:", "E105"]]


def test_full_width_colon_on_the_first_line_of_the_header(repo: Path) -> None:
    edit(repo, APP, "备案类型: 立项申请", "备案类型：立项申请")
    edit(repo, APP, "项目类别: 新建", "项目类别: 新")
    status, out = check(repo)
    assert status == 1
    assert f"{APP}:2:1: E105" in out and f"{APP}:11:1: E204" in out
