"""Canary strings in every internal-only place of a copy of the demo: none may reach site/, all reach library/.

The places come from the schema, not from a list in this test: every text field
that is not public (or belongs to a type that is not public), every section the
public may not see, every resource marked 不予开放 and the registry's 首席数据代表.
Canaries are ASCII so that no Chinese word segmentation can hide them in the
search index.
"""
from __future__ import annotations

import gzip
import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from demo_repo import AS_OF, copy_demo, run

from generator.schema.base import Field, FilingType, Kind
from generator.schema.types import FILING_TYPES, RESOURCE_FIELDS

CARRIERS = (Kind.TEXT, Kind.TEXT_LIST)  # kinds whose value can be any string
HEADING = re.compile(r"^(#{2,3}) (.+?)\s*$")


class Canaries(dict[str, str]):
    """canary -> where it was planted."""

    def new(self, where: str) -> str:
        canary = f"CANARY{len(self):03d}Q7F3A"
        self[canary] = where
        return canary


def _settable(field: Field) -> bool:
    return field.kind in CARRIERS and field.only_when is None


def _value(field: Field, canary: str) -> object:
    return [canary] if field.kind is Kind.TEXT_LIST else canary


def plant_fields(data: dict, ftype: FilingType, path: str, canaries: Canaries, chief: str) -> None:
    for field in ftype.fields:
        internal = not (ftype.public and field.public)
        if not internal or not _settable(field):
            continue
        if field.key == "审批人":  # must name the registry's 首席数据代表, itself a canary
            data[field.key] = chief
        elif field.key in data or (field.when is None and not field.required):
            data[field.key] = _value(field, canaries.new(f"{path} {field.key}"))


def plant_resources(data: dict, path: str, canaries: Canaries) -> None:
    for index, item in enumerate(data.get("信息资源") or []):
        closed = item.get("开放属性") == "不予开放"
        for field in RESOURCE_FIELDS:
            if field.key in item and field.kind in CARRIERS and (closed or not field.public):
                item[field.key] = _value(field, canaries.new(f"{path} 信息资源[{index}].{field.key}"))


def plant_sections(body: str, ftype: FilingType, path: str, canaries: Canaries) -> str:
    lines, hidden = [], False
    for line in body.split("\n"):
        lines.append(line)
        m = HEADING.match(line)
        if not m:
            continue
        if m.group(1) == "##":
            hidden = not ftype.is_public_section(m.group(2))
        if hidden:
            lines += ["", f"{canaries.new(f'{path} {m.group(2)}')} 内部章节内容。", ""]
    return "\n".join(lines)


def plant(root: Path) -> Canaries:
    canaries = Canaries()
    registry = root / "filings" / "registry.yml"
    chief = canaries.new("registry.yml 首席数据代表")
    text = registry.read_text(encoding="utf-8")
    registry.write_text(re.sub(r"^首席数据代表: .*$", f"首席数据代表: {chief}", text, flags=re.M), encoding="utf-8")
    for path in sorted((root / "filings").glob("*/*.md")):
        rel = path.relative_to(root).as_posix()
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        data = yaml.safe_load(front)
        ftype = FILING_TYPES[data["备案类型"]]
        plant_fields(data, ftype, rel, canaries, chief)
        plant_resources(data, rel, canaries)
        front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
        path.write_text(f"---\n{front}---\n{plant_sections(body, ftype, rel, canaries)}", encoding="utf-8")
    return canaries


def contents(site: Path) -> dict[str, bytes]:
    """Every built file's bytes, with compressed files (sitemap.xml.gz, .xlsx) opened up."""
    found: dict[str, bytes] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel, data = path.relative_to(site).as_posix(), path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        elif zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                data = b"".join(archive.read(name) for name in archive.namelist())
        found[rel] = data
    return found


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Canaries]:
    root = copy_demo(tmp_path_factory.mktemp("canary") / "repo")
    canaries = plant(root)
    code, out, err = run("build", "--repo", str(root), "--as-of", AS_OF)
    assert code == 0, out + err
    return root, canaries


def test_every_internal_place_got_a_canary(planted: tuple[Path, Canaries]) -> None:
    _, canaries = planted
    where = " ".join(canaries.values())
    internal_types = [t for t in FILING_TYPES.values() if not t.public]
    for key in ("联系人", "联系电话", "项目负责人", "测评机构", "首席数据代表", "审批人"):
        assert key in where or key == "审批人", key
    for ftype in internal_types:
        assert f"{ftype.name}" in where, f"no filing of the internal type {ftype.name} in the demo"
    assert "信息资源[" in where and "名称" in where  # a 不予开放 resource
    assert "建设方案" in where and "项目概算表" in where  # internal sections of a public type


def test_no_canary_reaches_the_public_site(planted: tuple[Path, Canaries]) -> None:
    root, canaries = planted
    files = contents(root / "site")
    assert {"search/search_index.json", "sitemap.xml", "sitemap.xml.gz", "downloads/catalog.json",
            "downloads/feed.xml", "downloads/projects.csv", "downloads/open-data.csv",
            "downloads/open-data.jsonld"} <= set(files)
    leaks = [f"{rel}: {canary}（{canaries[canary]}）" for rel, data in files.items()
             for canary in canaries if canary.encode() in data]
    assert not leaks, "\n".join(leaks)


def test_every_canary_reaches_the_library(planted: tuple[Path, Canaries]) -> None:
    root, canaries = planted
    everything = b"\n".join(contents(root / "library").values())
    missing = [f"{canary}（{where}）" for canary, where in canaries.items() if canary.encode() not in everything]
    assert not missing, "\n".join(missing)


def test_public_sections_are_still_published(planted: tuple[Path, Canaries]) -> None:
    root, _ = planted
    html = (root / "site" / "projects" / "2025-XYZ-01.html").read_text(encoding="utf-8")
    assert "项目概述" in html and "绩效目标及绩效指标" in html and "<table>" in html
