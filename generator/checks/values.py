"""Check one front-matter value against its Field; return the typed value or a message.

Each function returns (value, None) or (None, Chinese message with the fix).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from yaml.constructor import SafeConstructor
from yaml.nodes import Node, ScalarNode

from ..schema.base import Field, Kind

Result = tuple[Any, str | None]
FULLWIDTH = str.maketrans("０１２３４５６７８９．－，", "0123456789.-,")
PROJECT_ID = re.compile(r"^(\d{4})-([A-Z]{2,8})-(\d{2})$")
INVEST_CODE = re.compile(r"^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$")
CN_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*$")
OTHER_DATE = re.compile(r"^\s*(\d{4})[./](\d{1,2})[./](\d{1,2})\s*$")
NUMBER_WITH_UNIT = re.compile(r"^\s*([0-9０-９.．]+)\s*(万元|万|元|亿元)?\s*$")


# Documented in docs/安全与可靠性.md: amounts are finite decimals 0 ≤ x < 1 亿万元 (1 万亿元) with at
# most 6 decimal places (1 分 = 0.000001 万元); dates and years lie in 2000–2100.
MAX_AMOUNT = Decimal(100_000_000)
AMOUNT_PLACES = 6
FIRST_DATE, LAST_DATE = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
PLAIN_NUMBER = re.compile(r"^[-+]?(0|[1-9][0-9]*)(\.[0-9]*)?$")
NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
NUMBER_KINDS = frozenset({Kind.AMOUNT, Kind.INT, Kind.PERCENT, Kind.SCORE, Kind.LEVEL})
_FORMS = (
    (re.compile(r"^[-+]?0x", re.I), "十六进制写法"),
    (re.compile(r"^[-+]?0b", re.I), "二进制写法"),
    (re.compile(r":"), "六十进制（时:分）写法"),
    (re.compile(r"^[-+]?\.(inf|nan)$", re.I), "无穷大或非数字，不是有限的数"),
    (re.compile(r"^[-+]?0[0-7_]+$"), "以 0 开头，会被当作八进制"),
    (re.compile(r"[eE]"), "科学记数法"),
    (re.compile(r"_"), "数字中间的下划线"),
)


def check_number_form(field: Field, node: Node) -> str | None:
    """YAML 1.1 reads 0x44, 0b1000100, 1:08 and 0104 silently as 68: a number must be written in
    plain decimal, as a clerk reads it."""
    if field.kind not in NUMBER_KINDS or not isinstance(node, ScalarNode) or node.style:
        return None
    if node.tag not in NUMBER_TAGS or PLAIN_NUMBER.match(node.value):
        return None
    form = next((name for pattern, name in _FORMS if pattern.search(node.value)), "特殊写法")
    try:
        read = SafeConstructor().construct_object(node)
    except (ValueError, TypeError, OverflowError):
        read = None
    as_read = f"，YAML 会把它读作 {read}" if isinstance(read, int) and not isinstance(read, bool) else ""
    example = read if as_read else (field.example if field.example is not None else 120.5)
    return (f"「{field.key}」写成了“{node.value}”（{form}{as_read}）：数字只能用普通十进制写法，"
            f"例如 {field.key}: {example}")


def _choices(field: Field) -> str:
    return " / ".join(field.choices)


def check_text(field: Field, value: Any, node: Node) -> Result:
    if isinstance(value, str) and value.strip():
        return value.strip(), None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return node.value if isinstance(node, ScalarNode) else str(value), None
    if value is None or value == "":
        return None, f"「{field.key}」不能为空"
    return None, f"「{field.key}」应为一段文字"


def check_date(field: Field, value: Any, node: Node) -> Result:
    got, message = _date(field, value)
    if got is not None and not FIRST_DATE <= got <= LAST_DATE:
        return None, (f"「{field.key}」为 {got}，超出允许的范围 {FIRST_DATE} 至 {LAST_DATE}：请核对年份")
    return got, message


def _date(field: Field, value: Any) -> Result:
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str):
        text = value.translate(FULLWIDTH)
        for pattern in (CN_DATE, OTHER_DATE):
            m = pattern.match(text)
            if m:
                fixed = _iso(m)
                return None, f"「{field.key}」的日期写成了“{value}”，请写作 {fixed}（年-月-日，数字用半角）"
        try:
            return dt.date.fromisoformat(value.strip()), None
        except ValueError:
            pass
    return None, f"「{field.key}」应为日期，格式 YYYY-MM-DD，例如 {field.key}: 2025-03-18"


def _iso(m: re.Match[str]) -> str:
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}"


def check_amount(field: Field, value: Any, node: Node) -> Result:
    if isinstance(value, bool):
        return None, f"「{field.key}」应为金额数字（万元）"
    if isinstance(value, (int, float)) and isinstance(node, ScalarNode):
        try:
            amount = Decimal(node.value.replace("_", ""))
        except InvalidOperation:
            amount = Decimal(str(value))
        return _amount_in_range(field, amount)
    if isinstance(value, str):
        m = NUMBER_WITH_UNIT.match(value)
        if m:
            number = m.group(1).translate(FULLWIDTH)
            unit = m.group(2)
            if unit in ("元",):
                return None, (f"「{field.key}」写成了“{value}”：金额以万元为单位、只写数字，"
                              f"请改为 {field.key}: {_to_wan(number)}")
            if unit == "亿元":
                return None, (f"「{field.key}」写成了“{value}”：金额以万元为单位、只写数字，"
                              f"请改为 {field.key}: {_scale(number, 10000)}")
            what = "带了单位" if unit else "用了全角数字"
            return None, (f"「{field.key}」{what}（“{value}”）：金额以万元为单位、只写半角数字，"
                          f"请改为 {field.key}: {number}")
    return None, f"「{field.key}」应为金额数字，单位万元，例如 {field.key}: 120.5"


def _amount_in_range(field: Field, amount: Decimal) -> Result:
    if not amount.is_finite():
        return None, f"「{field.key}」不是有限的数字：金额只写普通十进制数字（万元），例如 {field.key}: 120.5"
    if amount < 0:
        return None, f"「{field.key}」不能为负数"
    if amount >= MAX_AMOUNT:
        return None, (f"「{field.key}」为 {amount} 万元，超出允许的范围（0 至 {MAX_AMOUNT} 万元以下）："
                      "金额以万元为单位，请核对是否把元当成了万元")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > AMOUNT_PLACES:
        return None, f"「{field.key}」的小数超过 {AMOUNT_PLACES} 位（万元精确到分只需 6 位）：请四舍五入"
    return amount, None


def _to_wan(number: str) -> str:
    try:
        return format((Decimal(number) / 10000).normalize(), "f")
    except InvalidOperation:
        return number


def _scale(number: str, factor: int) -> str:
    try:
        return format((Decimal(number) * factor).normalize(), "f")
    except InvalidOperation:
        return number


def _int_in(field: Field, value: Any, low: int, high: int) -> Result:
    if isinstance(value, str) and value.translate(FULLWIDTH).strip().isdigit():
        return None, f"「{field.key}」应写半角数字且不加引号或单位，例如 {field.key}: {value.translate(FULLWIDTH).strip()}"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, f"「{field.key}」应为 {low}–{high} 之间的数字"
    if not low <= value <= high:
        return None, f"「{field.key}」为 {value}，超出范围 {low}–{high}"
    return value, None


def check_int(field: Field, value: Any, node: Node) -> Result:
    if isinstance(value, int) and not isinstance(value, bool):
        if not FIRST_DATE.year <= value <= LAST_DATE.year:
            return None, f"「{field.key}」为 {value}，超出允许的范围 {FIRST_DATE.year}–{LAST_DATE.year}：请核对年份"
        return value, None
    return _int_in(field, value, 1900, 2999) if isinstance(value, str) else (
        None, f"「{field.key}」应为整数，例如 {field.key}: {field.example or 2026}")


def check_percent(field: Field, value: Any, node: Node) -> Result:
    return _int_in(field, value, 0, 100)


def check_level(field: Field, value: Any, node: Node) -> Result:
    if isinstance(value, float):
        return None, f"「{field.key}」应为 1–5 的整数"
    return _int_in(field, value, 1, 5)


def check_bool(field: Field, value: Any, node: Node) -> Result:
    if isinstance(value, bool):
        return value, None
    return None, f"「{field.key}」应写 true（是）或 false（否），收到“{value}”"


def check_enum(field: Field, value: Any, node: Node) -> Result:
    if isinstance(value, str) and value.strip() in field.choices:
        return value.strip(), None
    return None, f"「{field.key}」的值“{value}”不在允许范围内，可选：{_choices(field)}"


def check_enum_list(field: Field, value: Any, node: Node) -> Result:
    if not isinstance(value, list) or not value:
        return None, f"「{field.key}」应为列表，例如 {field.key}: [{field.choices[0]}]，可选：{_choices(field)}"
    bad = [str(v) for v in value if v not in field.choices]
    if bad:
        return None, f"「{field.key}」中的“{'、'.join(bad)}”不在允许范围内，可选：{_choices(field)}"
    if len(set(value)) != len(value):
        return None, f"「{field.key}」中有重复的项"
    return list(value), None


def check_enum_or_list(field: Field, value: Any, node: Node) -> Result:
    if isinstance(value, str):
        got, message = check_enum(field, value, node)
        return ([got] if got else None), message
    return check_enum_list(field, value, node)


def check_dept(field: Field, value: Any, node: Node) -> Result:
    if isinstance(value, str) and re.fullmatch(r"[A-Z]{2,8}", value.strip()):
        return value.strip(), None
    return None, f"「{field.key}」应为 registry.yml 中的部门代码（2–8 位大写英文字母），收到“{value}”"


def check_dept_list(field: Field, value: Any, node: Node) -> Result:
    if value is None:
        return [], None
    if not isinstance(value, list):
        return None, f"「{field.key}」应为部门代码列表，例如 {field.key}: [ZHB, CZB]；没有则写 []"
    for item in value:
        _, message = check_dept(field, item, node)
        if message:
            return None, message
    return list(value), None


def check_project_id(field: Field, value: Any, node: Node) -> Result:
    if isinstance(value, str) and PROJECT_ID.match(value.strip()):
        return value.strip(), None
    return None, f"「{field.key}」应为 申报年度-部门代码-两位序号，例如 2025-SHSY-01，收到“{value}”"


def check_invest_code(field: Field, value: Any, node: Node) -> Result:
    if isinstance(value, str) and INVEST_CODE.match(value.strip()):
        return value.strip(), None
    return None, (f"「{field.key}」应为投资项目在线审批监管平台赋予的 24 位代码，"
                  f"形如 2024-371571-65-01-012345（请加引号），收到“{value}”")


def check_text_list(field: Field, value: Any, node: Node) -> Result:
    if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
        return [str(v) for v in value], None
    example = ["姓名", "年龄"] if not isinstance(field.example, list) else field.example
    # YAML reserves a leading "@": such values need quotes (审核人 accounts).
    shown = ", ".join(f'"{v}"' if str(v).startswith("@") else str(v) for v in example)
    return None, f"「{field.key}」应为文字列表，例如 {field.key}: [{shown}]"


def check_filing_path(field: Field, value: Any, node: Node) -> Result:
    if isinstance(value, str) and value.endswith(".md") and "/" not in value.strip("./") and ".." not in value:
        return value.strip().removeprefix("./"), None
    return None, f"「{field.key}」应为同一项目文件夹内的备案文件名，例如 {field.key}: 监管措施-2026-03.md"


def check_url(field: Field, value: Any, node: Node) -> Result:
    if isinstance(value, str) and re.fullmatch(r"https?://[^\s<>\"']+", value.strip()):
        return value.strip(), None
    return None, f"「{field.key}」应为 http:// 或 https:// 开头的网址，收到“{value}”"


def check_resource_list(field: Field, value: Any, node: Node) -> Result:
    if isinstance(value, list):
        return value, None  # items are checked one by one by checks.fields.check_resources
    return None, f"「{field.key}」应为列表，每项以“- 名称: …”开头"


def check_mapping(field: Field, value: Any, node: Node) -> Result:
    if isinstance(value, dict):
        return value, None  # keys are checked against Field.item_fields by the caller
    keys = "、".join(f.key for f in field.item_fields)
    return None, f"「{field.key}」应写作 {{{keys}}} 形式的键值表，例如 {field.key}: {{{field.item_fields[0].key}: …}}"


CHECKERS: dict[Kind, Callable[[Field, Any, Node], Result]] = {
    Kind.TEXT: check_text,
    Kind.INT: check_int,
    Kind.AMOUNT: check_amount,
    Kind.PERCENT: check_percent,
    Kind.SCORE: check_percent,
    Kind.LEVEL: check_level,
    Kind.DATE: check_date,
    Kind.BOOL: check_bool,
    Kind.ENUM: check_enum,
    Kind.FILING_TYPE: check_enum,
    Kind.ENUM_LIST: check_enum_list,
    Kind.ENUM_OR_LIST: check_enum_or_list,
    Kind.DEPT: check_dept,
    Kind.DEPT_LIST: check_dept_list,
    Kind.PROJECT_ID: check_project_id,
    Kind.INVEST_CODE: check_invest_code,
    Kind.TEXT_LIST: check_text_list,
    Kind.FILING_PATH: check_filing_path,
    Kind.RESOURCES: check_resource_list,
    Kind.MAPPING: check_mapping,
    Kind.URL: check_url,
}


def check_value(field: Field, value: Any, node: Node) -> Result:
    """Typed value or message. Amount and date format errors get their own codes upstream."""
    return CHECKERS[field.kind](field, value, node)
