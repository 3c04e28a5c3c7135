"""The downloads of a real `filings build` of the demo: CSV, catalog.json and its schema, DCAT, Atom, Excel."""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from demo_repo import AS_OF, build, copy_demo

from generator.schema.types import FILING_TYPES

ATOM = "{http://www.w3.org/2005/Atom}"
BOM = b"\xef\xbb\xbf"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = copy_demo(tmp_path_factory.mktemp("exports") / "repo")
    code, out, err = build(repo)
    assert code == 0, out + err
    return repo


def downloads(root: Path, site: str = "site") -> Path:
    return root / site / "downloads"


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(BOM), f"{path.name} 缺少 UTF-8 BOM"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def catalog(root: Path) -> dict[str, Any]:
    return json.loads((downloads(root) / "catalog.json").read_text(encoding="utf-8"))


# --- a small JSON Schema checker: the keywords catalog.schema.json uses ----------------

TYPES = {"object": dict, "array": list, "string": str, "number": (int, float), "integer": int,
         "boolean": bool, "null": type(None)}


def violations(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    kinds = schema.get("type")
    if kinds is not None:
        kinds = kinds if isinstance(kinds, list) else [kinds]
        ok = any(isinstance(value, TYPES[k]) and not (k in ("number", "integer") and isinstance(value, bool))
                 for k in kinds)
        if not ok:
            return [f"{where}: {value!r} 不是 {kinds}"]
    found: list[str] = []
    if schema.get("format") == "date" and isinstance(value, str) and not DATE.match(value):
        found.append(f"{where}: {value!r} 不是日期")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        found += [f"{where}: 缺少 {key}" for key in schema.get("required", []) if key not in value]
        if schema.get("additionalProperties") is False:
            found += [f"{where}: 多出 {key}" for key in value if key not in props]
        for key, sub in props.items():
            if key in value:
                found += violations(value[key], sub, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            found += violations(item, schema["items"], f"{where}[{index}]")
    return found


# --- tests ---------------------------------------------------------------------------------

def test_csv_files_have_a_bom_and_parse(root: Path) -> None:
    data = catalog(root)
    projects = read_csv(downloads(root) / "projects.csv")
    assert [p["项目编号"] for p in projects] == [p["id"] for p in data["projects"]]
    assert {"项目名称", "建设单位", "核定投资（万元）", "项目状态", "竣工验收日期"} <= set(projects[0])
    resources = read_csv(downloads(root) / "open-data.csv")
    assert len(resources) == len(data["resources"]) > 0
    assert all(r["开放属性"] in ("无条件开放", "有条件开放") for r in resources)
    contracts = read_csv(downloads(root) / "contracts.csv")
    assert len(contracts) == sum(len(p["contracts"]) for p in data["projects"]) > 0
    for name in ("budget.csv", "findings.csv", "deadlines.csv", "eligibility.csv", "sharing.csv"):
        assert read_csv(downloads(root, "library") / name), name


def test_csv_amounts_are_plain_numbers(root: Path) -> None:
    for row in read_csv(downloads(root) / "projects.csv"):
        for key in ("申报总投资（万元）", "核定投资（万元）"):
            assert row[key] == "" or re.match(r"^\d+(\.\d+)?$", row[key]), (key, row[key])


def test_catalog_json_matches_its_documented_schema(root: Path) -> None:
    schema = json.loads((downloads(root) / "catalog.schema.json").read_text(encoding="utf-8"))
    data = catalog(root)
    assert violations(data, schema) == []
    assert data["as_of"] == AS_OF and data["projects"] and data["resources"]
    assert all(r["open_attribute"] != "不予开放" for r in data["resources"])
    # the exports page documents every field of the schema
    page = html.unescape((root / "site" / "downloads" / "index.html").read_text(encoding="utf-8"))
    for path in ("projects[].approved", "projects[].contracts[].supplier", "resources[].open_attribute"):
        assert f"<code>{path}</code>" in page, path


def test_the_schema_checker_catches_mistakes(root: Path) -> None:
    schema = json.loads((downloads(root) / "catalog.schema.json").read_text(encoding="utf-8"))
    data = catalog(root)
    data["projects"][0]["year"] = "2025"
    data["projects"][0]["联系人"] = "李娜"
    del data["resources"][0]["name"]
    found = violations(data, schema)
    assert any("year" in v for v in found) and any("联系人" in v for v in found) and any("name" in v for v in found)


def test_dcat_json_ld(root: Path) -> None:
    doc = json.loads((downloads(root) / "open-data.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert doc["@context"]["dct"] == "http://purl.org/dc/terms/"
    assert doc["@type"] == "dcat:Catalog" and doc["dct:publisher"]["foaf:name"]
    datasets = doc["dcat:dataset"]
    assert len(datasets) == len(catalog(root)["resources"]) > 0
    for d in datasets:
        assert d["@type"] == "dcat:Dataset" and d["dct:title"]["@value"] and d["dct:publisher"]["foaf:name"]
        assert d["dcat:distribution"][0]["@type"] == "dcat:Distribution" and d["dcat:distribution"][0]["dct:format"]
        eu = "http://publications.europa.eu/resource/authority/"
        assert d["dct:accrualPeriodicity"]["@id"].startswith(eu + "frequency/")
        assert d["dct:accessRights"]["@id"] in (eu + "access-right/PUBLIC", eu + "access-right/RESTRICTED")
    assert len({d["@id"] for d in datasets}) == len(datasets)


def test_atom_feed(root: Path) -> None:
    feed = ET.parse(downloads(root) / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}id").text.startswith("urn:uuid:")
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    updated = [dt.datetime.fromisoformat(e.find(f"{ATOM}updated").text) for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.find(f"{ATOM}updated").text == entries[0].find(f"{ATOM}updated").text
    public = {name for name, t in FILING_TYPES.items() if t.public}
    for e in entries:
        assert e.find(f"{ATOM}category").get("term") in public
        link = e.find(f"{ATOM}link").get("href")
        assert (downloads(root) / link).resolve().is_file(), link
    library = ET.parse(downloads(root, "library") / "feed-all.xml").getroot()
    assert len(library.findall(f"{ATOM}entry")) >= len(entries)


def test_feed_ids_are_stable_between_builds(root: Path, tmp_path: Path) -> None:
    again = copy_demo(tmp_path / "repo")
    assert build(again)[0] == 0
    assert (downloads(again) / "feed.xml").read_bytes() == (downloads(root) / "feed.xml").read_bytes()
    assert (downloads(again) / "catalog.json").read_bytes() == (downloads(root) / "catalog.json").read_bytes()


def test_library_workbook(root: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(downloads(root, "library") / "library.xlsx", read_only=True)
    assert {"项目与预算", "合同", "合规提示", "期限", "运维经费资格"} <= set(book.sheetnames)
    rows = list(book["项目与预算"].iter_rows(values_only=True))
    assert rows[0][:2] == ("项目编号", "项目名称")
    assert [r[0] for r in rows[1:]] == [p["id"] for p in catalog(root)["projects"]]
    assert "核定（万元）" in rows[0] and "节余资金（万元）" in rows[0]
    assert not (downloads(root) / "library.xlsx").exists()
