"""The demo district: clean, complete, and showing the findings its README promises."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.engine import assess, evaluate
from generator.repository import load
from generator.schema.common import FILING_TYPES_ORDER, PROJECT_CATEGORIES

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 29)
STATUSES = {"申报中", "评审通过", "评审未通过", "建设中", "待验收", "已验收", "已自评价"}
OVERLAYS = {"整改中", "暂停", "终止"}


@pytest.fixture(scope="module")
def repo():  # type: ignore[no-untyped-def]
    return load(ROOT, AS_OF)


def test_no_errors(repo) -> None:  # type: ignore[no-untyped-def]
    errors = [p.text() for p in repo.problems + evaluate(repo) if p.kind == "error"]
    assert errors == []


def test_covers_every_type_category_year_and_stage(repo) -> None:  # type: ignore[no-untyped-def]
    assert len(repo.projects) >= 12
    assert {f.type_name for f in repo.filings} == set(FILING_TYPES_ORDER)
    apps = [p.application for p in repo.projects.values()]
    assert {a.get("项目类别") for a in apps if a} == set(PROJECT_CATEGORIES)
    assert {2023, 2024, 2025, 2026} <= {a.get("申报年度") for a in apps if a}
    assert len({p.id.split("-")[1] for p in repo.projects.values()}) >= 5
    results = assess(repo)
    assert {a.status for a in results.values()} == STATUSES
    assert OVERLAYS <= {o for a in results.values() for o in a.overlays}


def test_intended_findings(repo) -> None:  # type: ignore[no-untyped-def]
    found = {(p.code, p.path.split("/")[1]) for p in evaluate(repo) if p.kind == "finding"}
    intended = {
        ("F130", "2026-ZNZZ-01"),  # late contract across the 2026 Spring Festival
        ("F140", "2025-HJX-01"),  # missing 2025 annual report
        ("F220", "2025-DDXC-01"),  # 不共享 without approval
        ("F150", "2025-SCJ-01"),  # overrun
        ("F170", "2025-SJFJ-01"),  # suspected severe delay
        ("F191", "2024-JSB-01"),  # late acceptance
        ("F263", "2024-JSB-01"),  # 第二十六条: a monthly resource not updated since 2025-07
        ("F280", "2023-SHSY-01"),  # 第二十八条: no yearly 密评 since 2025-06-10
    }
    assert intended <= found


def test_savings_shown_not_flagged(repo) -> None:  # type: ignore[no-untyped-def]
    results = assess(repo)
    assert any(a.savings for a in results.values())


def test_public_status_shows_stops_but_not_supervision(repo) -> None:  # type: ignore[no-untyped-def]
    from generator.views import build_library, build_public

    results = assess(repo)
    public = {p.id: p.status for p in build_public(repo, results).projects}
    library = {p.id: p.status for p in build_library(repo, results).projects}
    assert public["2024-GGTZ-01"] == library["2024-GGTZ-01"] == "终止"
    assert public["2025-SCJ-01"] == library["2025-SCJ-01"] == "暂停"
    assert library["2025-DDXC-01"] == "整改中"
    assert public["2025-DDXC-01"] == results["2025-DDXC-01"].status != "整改中"


@pytest.mark.parametrize("days, flagged", [(None, True), ("152", False), ("151", True)])
def test_severe_delay_threshold_is_a_setting(days, flagged, capsys) -> None:  # type: ignore[no-untyped-def]
    """2025-SJFJ-01 is 152 days past its plan on 2026-11-29: flagged above the threshold only."""
    from generator.cli import main

    argv = ["check", "--repo", str(ROOT), "--as-of", "2026-11-29"] + (["--severe-delay-days", days] if days else [])
    assert main(argv) == 0
    assert ("F170" in capsys.readouterr().out) is flagged


def test_library_exports_show_the_status_the_library_pages_show(repo) -> None:  # type: ignore[no-untyped-def]
    """Spec §7: 整改中 is internal. The library's catalog.json and projects.csv show it, the public ones do not."""
    import csv
    import io
    import json

    from generator.publish.exports import library_files, public_files
    from generator.views import build_library, build_public

    results = assess(repo)
    library, public = build_library(repo, results), build_public(repo, results)

    def statuses(files: dict) -> tuple[dict[str, str], dict[str, str]]:  # type: ignore[type-arg]
        catalog = {p["id"]: p["status"] for p in json.loads(files["catalog.json"])["projects"]}
        rows = csv.DictReader(io.StringIO(files["projects.csv"].decode("utf-8-sig")))
        return catalog, {row["项目编号"]: row["项目状态"] for row in rows}

    lib_catalog, lib_csv = statuses(library_files(library, public, "内部项目库"))
    pub_catalog, pub_csv = statuses(public_files(public, "公开目录"))
    pages = {p.id: p.status for p in library.projects}
    assert lib_catalog == lib_csv == {pid: pages[pid] for pid in lib_catalog}
    assert lib_catalog["2025-DDXC-01"] == "整改中"
    assert pub_catalog["2025-DDXC-01"] == pub_csv["2025-DDXC-01"] != "整改中"
