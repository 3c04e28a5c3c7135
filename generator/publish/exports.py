"""Machine-readable exports: catalog.json (+ its JSON Schema), CSV, DCAT JSON-LD, Atom, Excel.

The public exports are functions of a PublicView only, so they can hold nothing
the public pages do not; the library adds its own (library_files). Everything
is reproducible: dates come from the filings and --as-of, never from the clock.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
import xml.etree.ElementTree as ET
from decimal import Decimal
from typing import Any, Iterable

from ..schema.types import RESOURCE_FIELDS
from ..views import FilingView, LibraryView, ProjectView, PublicView, ResourceView, View

BOM = "\ufeff"
NAMESPACE = uuid.UUID("6f1c3e52-0d6a-5b7e-9d3c-8a2f4e1b7c90")  # fixed: ids stay stable across builds
FEED_SIZE = 100
ATOM = "http://www.w3.org/2005/Atom"
TZ = dt.timezone(dt.timedelta(hours=8))

# Resource keys of the filing format -> catalog.json keys (schema order)
RESOURCE_KEYS = {"名称": "name", "摘要": "summary", "提供单位": "provider", "格式": "format",
                 "共享方式": "share_method", "更新周期": "update_cycle", "共享属性": "share_attribute",
                 "共享条件": "share_condition", "不予共享依据": "no_share_basis", "开放属性": "open_attribute",
                 "共享对象": "share_with", "信息项": "items", "归集日期": "collected",
                 "开放条件": "open_condition", "申请对象": "applicants", "申请方式": "how_to_apply",
                 "获取地址": "access_url", "最近更新日期": "updated"}
FREQUENCY = {"实时": "continuous", "每日": "daily", "每周": "weekly", "每月": "monthly", "每季度": "quarterly",
             "每半年": "semiannual", "每年": "annual", "不定期": "irregular"}


def _num(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _day(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None


def project_url(pid: str) -> str:
    return f"projects/{pid}.html"


def resource_id(r: ResourceView) -> str:
    return str(uuid.uuid5(NAMESPACE, f"resource:{r.project_id}:{r.get('提供单位')}:{r.get('名称')}"))


# --- catalog.json -----------------------------------------------------------------

def _dept(view: View, code: str | None) -> dict[str, str] | None:
    return {"code": code, "name": view.dept_name(code)} if code else None


def _project_json(view: View, p: ProjectView) -> dict[str, Any]:
    return {
        "id": p.id, "name": p.name, "department": _dept(view, p.dept),
        "co_builders": [_dept(view, c) for c in p.co_builders], "category": p.category, "year": p.year,
        "requested": _num(p.requested), "approved": _num(p.approved), "funding": p.funding, "status": p.status,
        "planned_completion": _day(p.planned_finish), "accepted": _day(p.accepted), "in_use": _day(p.in_use),
        "contracts": [{"name": c.name, "number": c.number, "signed": _day(c.signed), "amount": _num(c.amount),
                       "supplier": c.supplier, "method": c.method, "platform": c.platform} for c in p.contracts],
        "url": project_url(p.id),
    }


def _resource_json(view: View, r: ResourceView) -> dict[str, Any]:
    out: dict[str, Any] = {"id": resource_id(r)}
    for key, value in r.fields.items():
        name = RESOURCE_KEYS.get(key, key)
        if key == "提供单位":
            value = _dept(view, value)
        elif key == "共享对象":
            value = [_dept(view, c) for c in value or []]
        elif isinstance(value, dt.date):
            value = value.isoformat()
        out[name] = value
    out["project"] = r.project_id
    return out


def catalog(view: View) -> dict[str, Any]:
    return {
        "$schema": "catalog.schema.json",
        "title": f"{view.district}政务信息化项目目录",
        "district": view.district,
        "as_of": view.as_of.isoformat(),
        "projects": [_project_json(view, p) for p in view.projects],
        "resources": [_resource_json(view, r) for r in view.resources],
    }


def catalog_json(view: View) -> str:
    return json.dumps(catalog(view), ensure_ascii=False, indent=2) + "\n"


def _s(description: str, kind: str | list[str] = "string", **more: Any) -> dict[str, Any]:
    return {"type": kind, "description": description, **more}


_DEPT = {"type": "object", "description": "部门", "required": ["code", "name"], "additionalProperties": False,
         "properties": {"code": _s("部门代码"), "name": _s("部门名称")}}
_DATE = {"format": "date"}

CATALOG_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "catalog.schema.json",
    "title": "政务信息化项目公开目录 catalog.json",
    "type": "object",
    "required": ["title", "district", "as_of", "projects", "resources"],
    "properties": {
        "$schema": _s("本文件所依据的 JSON Schema"),
        "title": _s("目录名称"),
        "district": _s("辖区"),
        "as_of": _s("数据截至日期（YYYY-MM-DD）", **_DATE),
        "projects": {"type": "array", "description": "项目列表，按项目编号排序", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "name", "department", "category", "year", "status", "contracts", "url"],
            "properties": {
                "id": _s("项目编号：申报年度-建设单位代码-两位序号"),
                "name": _s("项目名称"),
                "department": _DEPT | {"description": "建设单位"},
                "co_builders": {"type": "array", "description": "共建单位", "items": _DEPT},
                "category": _s("项目类别：新建 / 扩建 / 升级改造 / 运维服务", ["string", "null"]),
                "year": _s("申报年度", ["integer", "null"]),
                "requested": _s("申报总投资（万元）", ["number", "null"]),
                "approved": _s("核定投资（万元，含经评审通过的调整）；尚未评审为 null", ["number", "null"]),
                "funding": {"type": "array", "description": "资金来源", "items": {"type": "string"}},
                "status": _s("项目状态（由备案自动得出）：申报中 / 评审通过 / 评审未通过 / 建设中 / 待验收 / 已验收 / 已自评价"),
                "planned_completion": _s("计划完成日期", ["string", "null"], **_DATE),
                "accepted": _s("竣工验收通过日期；尚未验收为 null", ["string", "null"], **_DATE),
                "in_use": _s("投入使用日期", ["string", "null"], **_DATE),
                "contracts": {"type": "array", "description": "合同", "items": {
                    "type": "object", "additionalProperties": False,
                    "required": ["name", "signed", "amount", "supplier", "method"],
                    "properties": {
                        "name": _s("合同名称", ["string", "null"]),
                        "number": _s("合同编号", ["string", "null"]),
                        "signed": _s("签订日期", ["string", "null"], **_DATE),
                        "amount": _s("合同金额（万元）", ["number", "null"]),
                        "supplier": _s("供应商", ["string", "null"]),
                        "method": _s("采购方式", ["string", "null"]),
                        "platform": _s("采购平台", ["string", "null"]),
                    }}},
                "url": _s("项目页面（相对于站点根目录）"),
            }}},
        "resources": {"type": "array", "description": "开放数据资源（不含不予开放的资源）", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "name", "provider", "format", "update_cycle", "open_attribute", "project"],
            "properties": {
                "id": _s("资源标识（UUID，跨版本稳定）"),
                "name": _s("资源名称"),
                "summary": _s("摘要"),
                "provider": _DEPT | {"description": "提供单位"},
                "format": _s("格式：电子文件 / 电子表格 / 数据库 / 图形图像 / 流媒体 / 自描述格式 / 其他"),
                "share_method": _s("共享方式：接口 / 库表交换 / 文件下载 / 其他"),
                "update_cycle": _s("更新周期：实时 / 每日 / 每周 / 每月 / 每季度 / 每半年 / 每年 / 不定期"),
                "share_attribute": _s("共享属性：无条件共享 / 有条件共享 / 不予共享"),
                "open_attribute": _s("开放属性：无条件开放 / 有条件开放"),
                "items": {"type": "array", "description": "信息项", "items": {"type": "string"}},
                "collected": _s("归集到数据共享平台的日期", **_DATE),
                "open_condition": _s("有条件开放的开放条件"),
                "applicants": _s("有条件开放时可以申请的对象"),
                "how_to_apply": _s("有条件开放的申请方式"),
                "access_url": _s("开放数据的下载或访问网址"),
                "updated": _s("最近一次归集更新的日期", **_DATE),
                "project": _s("登记该资源的项目编号"),
            }}},
    },
}


def catalog_schema_json() -> str:
    return json.dumps(CATALOG_SCHEMA, ensure_ascii=False, indent=2) + "\n"


def catalog_schema_fields() -> list[tuple[str, str, str]]:
    """(path, type, description) rows for the exports page, read from CATALOG_SCHEMA itself."""
    rows: list[tuple[str, str, str]] = []

    def walk(prefix: str, node: dict[str, Any]) -> None:
        for key, sub in node.get("properties", {}).items():
            if key == "$schema":
                continue
            kind = sub.get("type", "")
            kind = " 或 ".join(kind) if isinstance(kind, list) else kind
            rows.append((f"{prefix}{key}", kind, sub.get("description", "")))
            if sub.get("type") == "object":
                walk(f"{prefix}{key}.", sub)
            elif sub.get("type") == "array" and sub.get("items", {}).get("type") == "object":
                walk(f"{prefix}{key}[].", sub["items"])

    walk("", CATALOG_SCHEMA)
    return rows


# --- CSV (UTF-8 with BOM, for Excel and WPS) ------------------------------------------

def _csv(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else _cell(v) for v in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


def _cell(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return "、".join(_cell(v) for v in value)
    text = str(value)
    # A cell starting with = + - @ is a formula in Excel: keep it text (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def projects_csv(view: View) -> bytes:
    header = ["项目编号", "项目名称", "建设单位代码", "建设单位", "项目类别", "申报年度", "申报总投资（万元）",
              "核定投资（万元）", "项目状态", "计划完成日期", "合同份数", "合同金额合计（万元）", "竣工验收日期", "投入使用日期"]
    rows = [[p.id, p.name, p.dept, p.dept_name, p.category, p.year, p.requested, p.approved, p.status,
             p.planned_finish, len(p.contracts), p.contract_total, p.accepted, p.in_use] for p in view.projects]
    return _csv(header, rows)


def contracts_csv(view: View) -> bytes:
    header = ["项目编号", "项目名称", "合同名称", "合同编号", "签订日期", "合同金额（万元）", "供应商", "采购方式", "采购平台"]
    rows = [[p.id, p.name, c.name, c.number, c.signed, c.amount, c.supplier, c.method, c.platform]
            for p in view.projects for c in p.contracts]
    return _csv(header, rows)


def resources_csv(view: View, *, full: bool = False) -> bytes:
    keys = [f.key for f in RESOURCE_FIELDS if full or f.public]
    header = keys[:2] + ["提供单位名称"] + keys[2:] + ["来源项目"]
    rows = []
    for r in view.resources:
        values = [r.get(k) for k in keys]
        rows.append(values[:2] + [view.dept_name(r.get("提供单位") or "")] + values[2:] + [r.project_id])
    return _csv([_header(h) for h in header], rows)


def _header(key: str) -> str:
    return {"名称": "资源名称", "提供单位": "提供单位代码"}.get(key, key)


# --- DCAT JSON-LD -----------------------------------------------------------------------

def dcat_jsonld(view: View) -> str:
    datasets = [_dataset(view, r) for r in view.resources]
    doc = {
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                     "foaf": "http://xmlns.com/foaf/0.1/", "xsd": "http://www.w3.org/2001/XMLSchema#"},
        "@id": f"urn:uuid:{uuid.uuid5(NAMESPACE, 'catalog:' + view.district)}",
        "@type": "dcat:Catalog",
        "dct:title": {"@value": f"{view.district}开放数据目录", "@language": "zh-CN"},
        "dct:description": {"@value": "各政务信息系统项目登记的可向社会开放的政务信息资源（不含不予开放的资源）。",
                            "@language": "zh-CN"},
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": view.district},
        "dct:language": "zh-CN",
        "dct:modified": {"@value": view.as_of.isoformat(), "@type": "xsd:date"},
        "dcat:dataset": datasets,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _dataset(view: View, r: ResourceView) -> dict[str, Any]:
    code = r.get("提供单位") or ""
    data: dict[str, Any] = {
        "@id": f"urn:uuid:{resource_id(r)}",
        "@type": "dcat:Dataset",
        "dct:identifier": resource_id(r),
        "dct:title": {"@value": r.get("名称"), "@language": "zh-CN"},
        "dct:description": {"@value": r.get("摘要") or "", "@language": "zh-CN"},
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": view.dept_name(code), "dct:identifier": code},
        "dcat:keyword": list(r.get("信息项") or []),
        "dct:accessRights": r.get("开放属性"),
        "dct:source": project_url(r.project_id),
        "dcat:distribution": [{"@type": "dcat:Distribution", "dct:format": r.get("格式"),
                               "dct:title": r.get("共享方式") or r.get("格式")}],
    }
    cycle = FREQUENCY.get(r.get("更新周期") or "")
    if cycle:
        data["dct:accrualPeriodicity"] = {"@id": f"http://purl.org/cld/freq/{cycle}"}
    if isinstance(r.get("归集日期"), dt.date):
        data["dct:issued"] = {"@value": r.get("归集日期").isoformat(), "@type": "xsd:date"}
    return data


# --- Atom -----------------------------------------------------------------------------------

def _stamp(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(), TZ).isoformat()


def atom_feed(view: View, site_name: str) -> str:
    pairs = [(f, p) for p in view.projects for f in p.filings if f.date]
    pairs.sort(key=lambda pair: (pair[0].date, pair[0].path), reverse=True)
    pairs = pairs[:FEED_SIZE]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    _sub(feed, "title", f"{site_name}：最新备案")
    _sub(feed, "subtitle", f"{view.district}政务信息系统项目的最新公开备案")
    _sub(feed, "id", f"urn:uuid:{uuid.uuid5(NAMESPACE, 'feed:' + view.audience + ':' + view.district)}")
    _sub(feed, "updated", _stamp(pairs[0][0].date if pairs else view.as_of))
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": "feed.xml"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": "../index.html"})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _sub(author, "name", view.district)
    for f, p in pairs:
        feed.append(_entry(view, f, p))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _entry(view: View, f: FilingView, p: ProjectView) -> ET.Element:
    entry = ET.Element(f"{{{ATOM}}}entry")
    _sub(entry, "title", f"{p.name}：{f.type_name}")
    _sub(entry, "id", f"urn:uuid:{uuid.uuid5(NAMESPACE, 'filing:' + f.path)}")
    assert f.date is not None
    _sub(entry, "updated", _stamp(f.date))
    _sub(entry, "published", _stamp(f.date))
    ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                              "href": "../" + project_url(p.id)})
    ET.SubElement(entry, f"{{{ATOM}}}category", {"term": f.type_name})
    author = ET.SubElement(entry, f"{{{ATOM}}}author")
    _sub(author, "name", view.dept_name(f.get("填报单位") or p.dept))
    _sub(entry, "summary", _summary(f), type="text")
    return entry


def _summary(f: FilingView) -> str:
    skip = {"备案类型", "项目编号", "填报单位", "信息资源"}
    parts = [f"{k}：{_cell(v)}" for k, v in f.fields.items() if k not in skip and v not in (None, "", [])]
    if f.resources:
        parts.append("信息资源：" + "、".join(str(r.get("名称")) for r in f.resources))
    return "；".join(parts)


def _sub(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    node.text = text
    return node


# --- the download sets ------------------------------------------------------------------------

def public_files(view: PublicView, site_name: str) -> dict[str, str | bytes]:
    return {
        "catalog.json": catalog_json(view),
        "catalog.schema.json": catalog_schema_json(),
        "projects.csv": projects_csv(view),
        "contracts.csv": contracts_csv(view),
        "open-data.csv": resources_csv(view),
        "open-data.jsonld": dcat_jsonld(view),
        "feed.xml": atom_feed(view, site_name),
    }


def library_files(view: LibraryView, public: PublicView, site_name: str) -> dict[str, str | bytes]:
    from .workbook import library_xlsx, library_csvs

    files = public_files(public, site_name)
    files.update(library_csvs(view))
    files["library.xlsx"] = library_xlsx(view)
    files["feed-all.xml"] = atom_feed(view, site_name)
    return files


def csv_table(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    return _csv(header, rows)
