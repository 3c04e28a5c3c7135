"""Project status, derived from the filings and never typed by hand (spec §6).

The stage is the furthest one the filings show:
申报中 → 评审通过 / 评审未通过 → 建设中 → 待验收 → 已验收 → 已自评价,
overlaid by 整改中, 暂停 and 终止 (in that order; the last one is displayed).
"""
from __future__ import annotations

from .acceptance import counted_evaluation
from .facts import ProjectFacts

OVERLAYS = ("整改中", "暂停", "终止")


def stage(f: ProjectFacts) -> str:
    if f.acceptance is not None:
        return "已自评价" if counted_evaluation(f) is not None else "已验收"
    if f.preliminary is not None or f.completed is not None:
        return "待验收"
    if f.started is not None:  # the district reads the first contract as the start of construction
        return "建设中"
    if f.first_passed_review is not None:
        return "评审通过"
    return "评审未通过" if f.reviews("立项") else "申报中"


def overlays(f: ProjectFacts) -> list[str]:
    found = []
    if any(f.answered(m) is None for m in f.measures("限期整改")):
        found.append("整改中")
    switches = f.measures("暂停建设", "恢复建设")
    if switches and switches[-1].get("措施") == "暂停建设":
        found.append("暂停")
    if f.terminated is not None:
        found.append("终止")
    return found
