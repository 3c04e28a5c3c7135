"""运维经费资格 (eligibility for O&M funds), from 第十九、二十二、二十五、二十六条.

Each condition gives one reason line that states the fact: 符合 / 不符合 /
无法判断. A 运维服务 project takes its predecessor's eligibility; an O&M
application whose 前序项目 is not eligible (or not in the repository) gets F222.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..problems import Problem
from .facts import ProjectFacts
from .model import Assessment, Eligibility
from .rules import rule
from .sharing import approval, catalog_due, resources, security_failures

Condition = tuple[str, bool | None, str]  # (article, met (None: cannot be judged), Chinese fact)
OK, FAIL, UNKNOWN = "符合：", "不符合：", "无法判断："


def own(f: ProjectFacts, a: Assessment) -> Eligibility:
    conditions = list(_accepted(f)) + list(_sharing(f)) + list(_security(f)) + list(_catalog(f, a))
    conditions += list(_duplicates(a)) + list(_stale(a))
    reasons = [(art, (OK if met else FAIL if met is False else UNKNOWN) + text) for art, met, text in conditions]
    failed = any(met is False for _, met, _ in conditions)
    unknown = any(met is None for _, met, _ in conditions)
    return Eligibility(eligible=not failed and not unknown, reasons=reasons, known=failed or not unknown)


def _accepted(f: ProjectFacts) -> Iterator[Condition]:
    if f.accepted is not None:
        yield "第十九条", True, f"已于 {f.accepted} 通过竣工验收"
    else:
        yield "第十九条", False, "未通过竣工验收，对未经验收的项目不得拨付运行维护经费"


def _sharing(f: ProjectFacts) -> Iterator[Condition]:
    choice = f.app_value("数据共享")
    if choice == "共享":
        yield "第二十二条", True, "项目按要求进行信息共享"
    elif choice == "不共享":
        kept = approval(f)
        if kept is not None:
            yield "第二十二条", True, f"不共享，已经首席数据代表于 {kept.get('审批日期')} 批准保留"
        else:
            yield "第二十二条", False, "不共享，且没有首席数据代表“同意保留”的共享例外审批"


def _security(f: ProjectFacts) -> Iterator[Condition]:
    if not f.acceptances:
        return
    latest = f.acceptances[-1]
    failed = security_failures(latest)
    if failed:
        text = "、".join(f"{key}为“{latest.get(key)}”" for key in failed)
        yield "第二十二条", False, f"竣工验收（{latest.get('验收日期')}）的{text}，不符合密码应用和网络安全要求"
    else:
        yield "第二十二条", True, "竣工验收的等保测评和密评结论符合要求"


def _catalog(f: ProjectFacts, a: Assessment) -> Iterator[Condition]:
    if f.of("信息资源目录"):
        yield "第二十五条", True, f"已备案信息资源目录（{len(resources(f))} 项资源）"
    elif f.preliminary is None and f.acceptance is None:
        yield "第二十五条", False, "尚未备案信息资源目录（初步验收后 10 个工作日内编制，是竣工验收的内容）"
    else:
        yield "第二十五条", False, "没有信息资源目录，信息资源目录是审批相关项目的必备条件"
    duties = [d for d in a.deadlines if d.code == "F260"]
    if not duties:
        return
    unmet = [d.title for d in duties if d.state in ("late", "missed", "coming") or (d.state == "unknown" and not d.done)]
    if unmet:
        yield "第二十六条", False, f"目录编制或数据归集未完成或不及时：{'、'.join(unmet)}"
    elif any(d.state == "unknown" for d in duties):
        cd = catalog_due(f)
        why = cd.unknown if cd else ""
        yield "第二十六条", None, f"初步验收后 10 个工作日的期限无法计算，目录编制和数据归集是否及时暂不能判断（{why}）"
    else:
        yield "第二十六条", True, f"初步验收后 10 个工作日内完成了目录编制和数据归集（期限 {duties[0].due}）"


def _duplicates(a: Assessment) -> Iterator[Condition]:
    if any(p.code == "F262" for p in a.findings):
        yield "第二十六条", False, "重复采集数据，不安排运行维护经费"


def _stale(a: Assessment) -> Iterator[Condition]:
    late = [p for p in a.findings if p.code == "F263"]
    if late:
        yield "第二十六条", False, f"{len(late)} 项信息资源归集更新不及时，不再安排运行维护经费"


def inherit(pid: str, predecessor: Eligibility | None) -> Eligibility:
    """A 运维服务 project is funded for the system its 前序项目 built."""
    if predecessor is None:
        return Eligibility(False, [("第七条", f"{FAIL}前序项目 {pid} 不在本仓库，无法确认原建设项目已验收")])
    head = (OK if predecessor.eligible else FAIL if predecessor.known else UNKNOWN) + f"运维服务项目，资格取决于前序项目 {pid}"
    reasons = [("第十九、二十二、二十六条", head)] + [(art, f"前序项目 {pid} {text}") for art, text in predecessor.reasons]
    return Eligibility(predecessor.eligible, reasons, predecessor.known)


def apply(facts: dict[str, ProjectFacts], results: dict[str, Assessment]) -> None:
    """Set every project's eligibility, then add F222 to the O&M applications that need it."""
    for pid, f in facts.items():
        if not f.is_om:
            results[pid].eligibility = own(f, results[pid])
    for pid in facts:
        results[pid].eligibility = _resolve(pid, facts, results, set())
    for pid, f in facts.items():
        results[pid].findings.extend(_om_predecessor(f, results))


def _resolve(pid: str, facts: dict[str, ProjectFacts], results: dict[str, Assessment], seen: set[str]) -> Eligibility:
    f = facts[pid]
    if not f.is_om:
        got = results[pid].eligibility
        assert got is not None
        return got
    parent = str(f.app_value("前序项目") or "")
    if parent in seen | {pid}:
        return Eligibility(False, [("第七条", f"{FAIL}前序项目 {parent} 又以本项目为前序，前序项目链循环，请核对项目编号")])
    if parent not in facts:
        return inherit(parent, None)
    return inherit(parent, _resolve(parent, facts, results, seen | {pid}))


def _om_predecessor(f: ProjectFacts, results: dict[str, Assessment]) -> Iterator[Problem]:
    r, app = rule("F222"), f.app
    if app is None or not f.is_om or not r.applies_to(app.get("填报日期")) or not app.get("前序项目"):
        return
    parent = str(app.get("前序项目"))
    where = (app.path, app.line("前序项目"), app.column("前序项目"))
    if parent not in results:
        yield r.finding(*where, f"前序项目 {parent} 不在本仓库：运维服务类项目须对应已验收的原建设项目，请核对项目编号")
        return
    got = results[parent].eligibility
    if got is None or got.eligible or not got.known:
        return
    failed = "；".join(text.removeprefix(FAIL) for _, text in got.reasons if text.startswith(FAIL))
    yield r.finding(*where, f"前序项目 {parent} 没有运维经费资格（{failed}），不应安排运行维护经费")
