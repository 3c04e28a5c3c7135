"""Status is derived from the filings (spec §6), never typed by hand."""
from __future__ import annotations

from typing import Any

import pytest
from district import PROJECT, District

Step = tuple[str, dict[str, Any]]
APP_ONLY: list[Step] = []
REVIEWED: list[Step] = [("评审意见", {})]
SIGNED = REVIEWED + [("合同备案", {"签订日期": "2025-03-02"})]
PRELIMINARY = SIGNED + [("初步验收", {"初步验收日期": "2025-10-15"})]
ACCEPTED = PRELIMINARY + [("竣工验收", {"验收日期": "2025-12-20"})]


@pytest.mark.parametrize("steps, status", [
    (APP_ONLY, "申报中"),
    ([("评审意见", {"评审结论": "不通过", "核定投资": None})], "评审未通过"),
    ([("评审意见", {"评审结论": "不通过", "核定投资": None}),
      ("评审意见", {"评审日期": "2024-12-10"})], "评审通过"),
    (REVIEWED, "评审通过"),
    (SIGNED, "建设中"),
    (SIGNED + [("初步验收", {"初步验收日期": "2025-10-15", "初步验收结论": "不通过"})], "待验收"),
    (PRELIMINARY, "待验收"),
    (PRELIMINARY + [("竣工验收", {"验收日期": "2025-12-20", "验收结论": "不通过"})], "待验收"),
    (ACCEPTED, "已验收"),
    (ACCEPTED + [("绩效自评价", {"评价日期": "2026-12-19"})], "已验收"),     # early: does not count
    (ACCEPTED + [("绩效自评价", {"评价日期": "2026-12-20"})], "已自评价"),
])
def test_stage(district: District, steps: list[Step], status: str) -> None:
    district.project(review=False)
    for type_name, fields in steps:
        district.add(type_name, **fields)
    got = district.assess("2027-01-10")[PROJECT]
    assert (got.status, got.overlays, got.display_status) == (status, [], status)


Measure = dict[str, Any]
RECTIFY: Measure = {"填报日期": "2025-05-01", "措施": "限期整改", "整改期限": "2025-06-30"}
PAUSE: Measure = {"填报日期": "2025-06-01", "措施": "暂停建设", "整改期限": None}
RESUME: Measure = {"填报日期": "2025-07-01", "措施": "恢复建设", "整改期限": None}
END: Measure = {"填报日期": "2025-08-01", "措施": "终止项目", "整改期限": None}


@pytest.mark.parametrize("measures, answered, overlays", [
    ([RECTIFY], False, ["整改中"]),
    ([RECTIFY], True, []),
    ([PAUSE], False, ["暂停"]),
    ([PAUSE, RESUME], False, []),
    ([PAUSE, RESUME, dict(PAUSE, 填报日期="2025-07-15")], False, ["暂停"]),
    ([RECTIFY, PAUSE, END], False, ["整改中", "暂停", "终止"]),
])
def test_overlays(district: District, measures: list[Measure], answered: bool, overlays: list[str]) -> None:
    district.project()
    district.add("合同备案", 签订日期="2025-03-02")
    names = [district.add("监管措施", **m).rsplit("/", 1)[1] for m in measures]
    if answered:
        district.add("整改报告", 填报日期="2025-06-20", 对应措施=names[0])
    got = district.assess("2025-09-01")[PROJECT]
    assert (got.status, got.overlays) == ("建设中", overlays)
    assert got.display_status == (overlays[-1] if overlays else "建设中")


def test_termination_lifts_later_duties(district: District) -> None:
    district.project()
    district.add("合同备案", 签订日期="2025-03-02")
    district.add("监管措施", 填报日期="2025-06-01", 措施="限期整改", 整改期限="2025-07-31")
    district.add("监管措施", 填报日期="2025-07-01", 措施="终止项目", 整改期限=None)
    got = district.assess("2026-03-01")[PROJECT]
    assert [d.code for d in got.deadlines if d.state in ("coming", "missed")] == []
    assert [p.code for p in got.findings if p.code in ("F140", "F171")] == []
