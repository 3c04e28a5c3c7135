"""第五条 fixed-asset approval before construction, and 第二十八、三十条 periodic 密评 once in use."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..problems import Problem
from ..schema.common import FIXED_ASSET_DECISIONS
from ..schema.types import IMPORTANT_FIELD
from .duty import deadline
from .facts import ProjectFacts
from .model import Deadline
from .rules import rule

CRYPTO_MONTHS = 12  # 第二十八条 “定期”: yearly, as 商用密码管理条例 asks of 第三级以上 and 关键信息基础设施
CRYPTO_LEVEL = 3  # 等保级别 from which the yearly assessment applies


def check(f: ProjectFacts) -> Iterator[Problem | Deadline]:
    yield from _fixed_asset(f)
    yield from _periodic_crypto(f)


def _fixed_asset(f: ProjectFacts) -> Iterator[Problem]:
    """第五条: 行政审批服务部 approves a fixed-asset project before it is contracted."""
    r = rule("F050")
    if f.app_value("涉及固定资产投资") is not True:
        return
    granted = [x.get("审批日期") for x in f.events("固定资产投资审批")
               if x.get("审批结论") == FIXED_ASSET_DECISIONS[0]]
    for contract, signed, later in f.signed_before(granted, r.applies_to):
        after = f"行政审批服务部直到 {later} 才批准" if later else "至今没有行政审批服务部予以批准的固定资产投资审批"
        yield r.finding(contract.path, contract.line("签订日期"), contract.column("签订日期"),
                        f"本项目涉及固定资产投资，合同于 {signed} 签订，此前没有行政审批服务部的审批（{after}）："
                        f"涉及固定资产投资的信息系统建设项目由行政审批服务部审批（请行政审批服务部提交 固定资产投资审批.md）")


def crypto_tracked(f: ProjectFacts) -> bool:
    """Yearly 密评 applies to an accepted system in an important field or at 等保 level 3 and above."""
    acceptance = f.acceptance
    if acceptance is None or acceptance.get("密评结论") == "不适用" or f.terminated is not None:
        return False
    level = f.app_value("等保级别")
    return f.app_value(IMPORTANT_FIELD) is True or (isinstance(level, int) and level >= CRYPTO_LEVEL)


def _periodic_crypto(f: ProjectFacts) -> Iterator[Problem | Deadline]:
    r = rule("F280")
    if not crypto_tracked(f):
        return
    acceptance, accepted = f.acceptance, f.accepted
    assert acceptance is not None and accepted is not None  # crypto_tracked held
    assessments = f.events("密码应用安全性评估")
    latest = assessments[-1] if assessments and assessments[-1].get("评估日期") >= accepted else None
    last: dt.date = latest.get("评估日期") if latest else accepted
    source, key = (latest, "评估日期") if latest else (acceptance, "验收日期")
    assert last is not None  # crypto_tracked: the project is accepted
    due = f.ctx.calendar.add_months_plain(last, CRYPTO_MONTHS)
    if not r.applies_to(due):
        return
    what = f"密码应用安全性评估（{latest.name}）" if latest else "竣工验收时的密评"
    reason = (f"最近一次密评为 {last} 的{what}，重要领域和等保第三级以上的系统每年至少评估一次，"
              f"下次应不晚于 {due}")
    yield deadline(f, r, "密码应用安全性评估", due, reason, path=source.path, line=source.line(key))
    if f.ctx.as_of > due:
        yield r.finding(source.path, source.line(key), source.column(key),
                        f"{reason}，至今（{f.ctx.as_of}）没有新的评估：项目建设单位应定期开展密码应用安全性评估"
                        f"（提交 密码应用安全性评估-{f.ctx.as_of.year}.md）")
