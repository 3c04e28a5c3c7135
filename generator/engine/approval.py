"""Rules of the review stage: 第六、八、九、十条."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..model import Filing
from ..problems import Problem
from ..schema.common import CONSENT, SUPERIOR_DECISIONS, TRANSITION_YEAR
from .duty import deadline
from .facts import PASSED, ProjectFacts
from .model import Deadline
from .rules import rule

# 第八条 (一)–(十): projects that, barring special cases, are not built separately.
INTEGRATION = {
    "一": "新建机房以及服务器、存储设备等通用硬件建设项目",
    "二": "各部门系统业务专网、跨部门网络建设项目",
    "三": "跨部门业务数据共享交换系统建设项目",
    "四": "协同办公系统（含即时通信系统）建设项目",
    "五": "政府门户网站建设项目",
    "六": "网络会议系统建设项目",
    "七": "视频监控系统建设项目",
    "八": "电子邮件系统建设项目",
    "九": "各部门涉及行政权力运行的业务应用系统建设项目",
    "十": "其他跨部门应用系统建设以及可共享、可复用的电子政务建设项目",
}
EXEMPT_UP_TO = TRANSITION_YEAR


def check(f: ProjectFacts) -> Iterator[Problem | Deadline]:
    if f.app is None:
        return
    yield from _october(f)
    yield from _integration(f)
    yield from _superior(f)
    yield from _contracts_before_review(f)


def _october(f: ProjectFacts) -> Iterator[Problem | Deadline]:
    r, app = rule("F060"), f.app
    assert app is not None
    year, filed = app.get("申报年度"), app.get("填报日期")
    if not isinstance(year, int) or year <= EXEMPT_UP_TO or not isinstance(filed, dt.date):
        return
    start, due = dt.date(year - 1, 10, 1), dt.date(year - 1, 10, 31)
    if not r.applies_to(filed):
        return
    window = f"申报年度 {year} 的立项申请应在 {start} 至 {due}（{year - 1} 年 10 月）提报"
    yield deadline(f, r, f"{year} 年度立项申请", due, window, done=filed, path=app.path, line=app.line("填报日期"))
    if filed > due:
        yield r.finding(app.path, app.line("填报日期"), app.column("填报日期"), f"{window}，实际 {filed} 提报，晚于期限")
    elif filed < start:
        yield r.finding(app.path, app.line("填报日期"), app.column("填报日期"),
                        f"{window}，实际 {filed} 提报，早于当年的申报期：请在 {year - 1} 年 10 月的申报期内提报")


def _integration(f: ProjectFacts) -> Iterator[Problem]:
    r, app = rule("F080"), f.app
    assert app is not None
    item = app.get("整合类别")
    if item not in INTEGRATION or not r.applies_to(app.get("填报日期")):
        return
    yield r.finding(app.path, app.line("整合类别"), app.column("整合类别"),
                    f"本项目属于第八条第（{item}）项“{INTEGRATION[item]}”，无特殊情况原则上不再单独建设："
                    f"请评审人员审核「特殊情况说明」一节")


def _superior(f: ProjectFacts) -> Iterator[Problem]:
    r, app = rule("F100"), f.app
    assert app is not None
    level = app.get("上级申报")
    if level in (None, "无") or not r.applies_to(app.get("填报日期")):
        return
    reviews = f.of("上级申报审核")
    consents = [x for x in reviews if x.get("审核结论") == CONSENT and x.get("上级层级") == level]
    if not consents:
        other = "；".join(f"{x.name} 同意的是向{x.get('上级层级')}级申报" for x in reviews
                         if x.get("审核结论") == CONSENT and x.get("上级层级"))
        yield r.finding(app.path, app.line("上级申报"), app.column("上级申报"),
                        f"本项目向{level}级申报，但没有综合管理办公室向{level}级“同意申报”的上级申报审核"
                        f"{f'（{other}，与立项申请的上级申报不符）' if other else ''}："
                        f"组织申报前须取得同意申报的审核意见（由综合管理办公室填报 上级申报审核.md）")
    yield from _superior_decision(f, reviews, consents)


def _superior_decision(f: ProjectFacts, reviews: list[Filing], consents: list[Filing]) -> Iterator[Problem]:
    """第十条: the consent comes before the superior's approval, which is filed once it comes."""
    r = rule("F101")
    for x in reviews:
        approved = x.get("批复日期")
        if not isinstance(approved, dt.date) or x.get("批复结论") == SUPERIOR_DECISIONS[1] or not r.applies_to(approved):
            continue
        before = [c for c in consents if c.get("填报日期") <= approved]
        if before:
            continue
        later = "、".join(f"{c.get('填报日期')}" for c in consents)
        why = f"同意申报的审核意见直到 {later} 才出具" if later else "没有同意向该级申报的审核意见"
        yield r.finding(x.path, x.line("批复日期"), x.column("批复日期"),
                        f"上级于 {approved} 批复，此前没有综合管理办公室同意申报的审核意见（{why}）："
                        f"组织申报前须取得同意申报的审核意见")


def _contracts_before_review(f: ProjectFacts) -> Iterator[Problem]:
    r = rule("F090")
    passed = [x.get("评审日期") for x in f.reviews() if x.get("评审结论") in PASSED]
    for contract, signed, later in f.signed_before(passed, r.applies_to):
        after = f"评审意见直到 {later} 才通过" if later else "至今没有通过的评审意见"
        yield r.finding(contract.path, contract.line("签订日期"), contract.column("签订日期"),
                        f"合同于 {signed} 签订，当天或之前没有通过的评审意见（{after}）："
                        f"评审意见是立项、资金安排和政府采购的前提")
