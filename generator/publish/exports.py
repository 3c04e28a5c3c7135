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
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from ..schema.types import RESOURCE_FIELDS
from ..views import FilingView, LibraryView, ProjectView, PublicView, ResourceView, View
from .workbook import contracts_table, library_xlsx, tables

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


def _num(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _day(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None


def project_url(pid: str) -> str:
    return f"projects/{pid}.html"


def resource_id(r: ResourceView, district: str) -> str:
    """Stable across builds and unique across districts (a city merges several districts' catalogs)."""
    return str(uuid.uuid5(NAMESPACE, f"resource:{district}:{r.project_id}:{r.get('提供单位')}:{r.get('名称')}"))


# --- catalog.json -----------------------------------------------------------------

def _dept(view: View, code: str | None) -> dict[str, str] | None:
    return {"code": code, "name": view.dept_name(code)} if code else None


def _contact_json(contact: dict[str, str]) -> dict[str, str] | None:
    keys = {"名称": "name", "电话": "phone", "邮箱": "email", "地址": "address"}
    return {keys[k]: v for k, v in contact.items() if k in keys} or None


def _licence_json(view: View) -> dict[str, str]:
    return {"name": view.licence["名称"], "url": view.licence["网址"]}


def _project_json(view: View, p: ProjectView, site_url: str | None = None) -> dict[str, Any]:
    return {
        "id": p.id, "name": p.name, "department": _dept(view, p.dept),
        "co_builders": [_dept(view, c) for c in p.co_builders], "category": p.category, "year": p.year,
        "requested": _num(p.requested), "approved": _num(p.approved), "funding": p.funding, "status": p.status,
        "planned_completion": _day(p.planned_finish), "accepted": _day(p.accepted), "in_use": _day(p.in_use),
        "contracts": [{"name": c.name, "number": c.number, "signed": _day(c.signed), "amount": _num(c.amount),
                       "supplier": c.supplier, "method": c.method, "platform": c.platform} for c in p.contracts],
        "url": _base(site_url) + project_url(p.id),
        "record": _base(site_url) + project_record_url(p.id),
    }


def _resource_json(view: View, r: ResourceView) -> dict[str, Any]:
    out: dict[str, Any] = {"id": resource_id(r, view.district)}
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
    contact = _contact_json(view.contact(r.get("提供单位") or ""))
    if contact:
        out["contact"] = contact
    return out


def catalog(view: View, site_url: str | None = None) -> dict[str, Any]:
    publisher: dict[str, Any] = {"name": view.district}
    if _contact_json(view.site_contact):
        publisher["contact"] = _contact_json(view.site_contact)
    return {
        "$schema": "catalog.schema.json",
        "title": f"{view.district}政务信息化项目目录",
        "district": view.district,
        "as_of": view.as_of.isoformat(),
        "publisher": publisher,
        "licence": _licence_json(view),
        "projects": [_project_json(view, p, site_url) for p in view.projects],
        "resources": [_resource_json(view, r) for r in view.resources],
    }


def catalog_json(view: View, site_url: str | None = None, statuses: dict[str, str] | None = None) -> str:
    """`statuses` (the library's, with 整改中) replaces each project's public status."""
    data = catalog(view, site_url)
    if statuses:
        for item in data["projects"]:
            item["status"] = statuses.get(item["id"], item["status"])
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def project_record_url(pid: str) -> str:
    return f"projects/{pid}.json"


def project_records(view: View, site_url: str | None = None) -> dict[str, str]:
    """projects/<编号>.json: one project's public record, the same fields as its entry in catalog.json,
    with its open resources, the licence and the publisher."""
    whole = catalog(view, site_url)
    by_project: dict[str, list[dict[str, Any]]] = {}
    for r in whole["resources"]:
        by_project.setdefault(r["project"], []).append(r)
    out = {}
    for p in whole["projects"]:
        record = {"district": whole["district"], "as_of": whole["as_of"], "publisher": whole["publisher"],
                  "licence": whole["licence"], "catalog": _base(site_url) + "downloads/catalog.json",
                  "project": p, "resources": by_project.get(p["id"], [])}
        out[project_record_url(p["id"])] = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    return out


def _s(description: str, kind: str | list[str] = "string", **more: Any) -> dict[str, Any]:
    return {"type": kind, "description": description, **more}


_DEPT = {"type": "object", "description": "部门", "required": ["code", "name"], "additionalProperties": False,
         "properties": {"code": _s("部门代码"), "name": _s("部门名称")}}
_DATE = {"format": "date"}
_CONTACT = {"type": "object", "description": "公开联系渠道（办公室，不是个人）", "required": ["name"],
            "additionalProperties": False,
            "properties": {"name": _s("办公室名称"), "phone": _s("办公电话"), "email": _s("电子邮箱"), "address": _s("办公地址")}}

CATALOG_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "catalog.schema.json",
    "title": "政务信息化项目公开目录 catalog.json",
    "type": "object",
    "required": ["title", "district", "as_of", "publisher", "licence", "projects", "resources"],
    "properties": {
        "$schema": _s("本文件所依据的 JSON Schema"),
        "title": _s("目录名称"),
        "district": _s("辖区"),
        "as_of": _s("数据截至日期（YYYY-MM-DD）", **_DATE),
        "publisher": {"type": "object", "description": "发布者", "required": ["name"], "additionalProperties": False,
                      "properties": {"name": _s("发布机关（辖区）"), "contact": _CONTACT}},
        "licence": {"type": "object", "description": "开放数据许可协议", "required": ["name", "url"],
                    "additionalProperties": False,
                    "properties": {"name": _s("许可协议名称"), "url": _s("许可协议全文网址")}},
        "projects": {"type": "array", "description": "项目列表，按项目编号排序", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "name", "department", "category", "year", "status", "contracts", "url", "record"],
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
                "status": _s("项目状态（由备案自动得出）：申报中 / 评审通过 / 评审未通过 / 建设中 / 待验收 / 已验收 / 已自评价，"
                             "或 暂停 / 终止；内部项目库的导出另含 整改中"),
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
                "url": _s("项目页面（相对于站点根目录；生成时给出 --site-url 则为完整网址）"),
                "record": _s("本项目的机器可读记录 projects/<编号>.json（同上）"),
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
                "contact": _CONTACT | {"description": "提供单位的公开联系渠道（办公室，不是个人）"},
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
    return _csv(*contracts_table(view))


def resources_csv(view: View, *, full: bool = False) -> bytes:
    keys = [f.key for f in RESOURCE_FIELDS if full or f.public]
    header = keys[:2] + ["提供单位名称"] + keys[2:] + ["来源项目", "咨询和申请渠道"]
    rows = []
    for r in view.resources:
        values = [r.get(k) for k in keys]
        contact = " ".join(v for k, v in view.contact(r.get("提供单位") or "").items() if k in ("名称", "电话", "邮箱"))
        rows.append(values[:2] + [view.dept_name(r.get("提供单位") or "")] + values[2:] + [r.project_id, contact])
    return _csv([_header(h) for h in header], rows)


def csv_metadata(view: View, site_url: str | None = None) -> str:
    """csv-metadata.json: the W3C CSV on the Web sidecar of the three CSV files, carrying the licence and
    the publisher (a CSV file has no place for them without breaking its header row)."""
    tables = []
    for name, title, data in (("projects.csv", "项目", projects_csv(view)), ("contracts.csv", "合同", contracts_csv(view)),
                              ("open-data.csv", "开放数据资源", resources_csv(view))):
        header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        tables.append({"url": _base(site_url) + "downloads/" + name if site_url else name,
                       "dc:title": f"{view.district}{title}",
                       "tableSchema": {"columns": [{"titles": h} for h in header]}})
    doc = {"@context": ["http://www.w3.org/ns/csvw", {"@language": "zh"}],
           "dc:title": f"{view.district}政务信息化项目目录（CSV）",
           "dc:publisher": view.district,
           "dc:license": {"@id": view.licence["网址"]},
           "dc:rights": f"{view.licence['名称']}：{view.licence['网址']}",
           "dialect": {"encoding": "utf-8", "header": True},
           "tables": tables}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _header(key: str) -> str:
    return {"名称": "资源名称", "提供单位": "提供单位代码"}.get(key, key)


# --- DCAT-AP 3.0 JSON-LD ------------------------------------------------------------------
#
# One dcat:Dataset per open resource, one dcat:Distribution each, in the official EU
# vocabularies DCAT-AP requires (file types, access rights, frequencies, languages, data themes).
# Every node has an IRI (no blank nodes), so catalogs of several districts merge without clashes:
# with --site-url the IRIs are fragments of this very document (dereferenceable), without it
# urn:uuid IRIs derived from the district's name. Validated against the official DCAT-AP 3.0.0
# SHACL shapes by tests/publish/test_dcat_shacl.py.

EU = "http://publications.europa.eu/resource/authority/"
DCAT_FILE = "open-data.jsonld"
FILE_TYPE = {"电子文件": "PDF", "电子表格": "XLSX", "数据库": "SQL", "图形图像": "JPEG", "流媒体": "MPEG4",
             "自描述格式": "JSON", "其他": "OCTET"}
EU_FREQUENCY = {"实时": "CONT", "每日": "DAILY", "每周": "WEEKLY", "每月": "MONTHLY", "每季度": "QUARTERLY",
                "每半年": "ANNUAL_2", "每年": "ANNUAL", "不定期": "IRREG"}
ACCESS_RIGHT = {"无条件开放": "PUBLIC", "有条件开放": "RESTRICTED", "不予开放": "NON_PUBLIC"}
# EU data-theme codes with their labels; a resource gets every theme whose words its name or summary contains,
# and GOVE (政府和公共部门) when none matches.
THEMES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "EDUC": ("教育、文化和体育", "Education, culture and sport", ("教育", "学校", "学生", "学籍", "课程", "招生", "文化", "体育")),
    "HEAL": ("卫生", "Health", ("卫生", "医疗", "医院", "健康", "疫苗", "疾病")),
    "SOCI": ("人口与社会", "Population and society", ("人口", "老年", "养老", "社会", "民政", "就业", "社保", "救助", "户籍")),
    "JUST": ("司法、法律制度和公共安全", "Justice, legal system and public safety",
             ("应急", "安全", "消防", "灾害", "隐患", "救援", "执法", "治安")),
    "ENVI": ("环境", "Environment", ("环境", "生态", "污染", "排放", "水质", "空气", "气象")),
    "TRAN": ("交通", "Transport", ("交通", "道路", "公交", "车辆", "停车")),
    "REGI": ("区域和城市", "Regions and cities", ("规划", "建设", "工程", "住房", "地理", "城市", "区域", "管网", "地下")),
    "ECON": ("经济和金融", "Economy and finance", ("经济", "企业", "市场", "产业", "财政", "税", "招商", "营商")),
    "AGRI": ("农业、渔业、林业和食品", "Agriculture, fisheries, forestry and food", ("农业", "农村", "耕地", "粮食", "林业", "食品")),
    "ENER": ("能源", "Energy", ("能源", "电力", "燃气", "供热")),
    "TECH": ("科学技术", "Science and technology", ("科技", "技术", "专利", "研发")),
    "GOVE": ("政府和公共部门", "Government and public sector", ("政务", "行政", "审批", "公开")),
}
ADMS_LOCAL = "http://purl.org/adms/publishertype/LocalAuthority"
DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
}


class Iris:
    """The IRIs of one district's catalog: fragments of the published DCAT document with --site-url,
    else urn:uuid IRIs named after the district (unique across districts either way)."""

    def __init__(self, view: View, site_url: str | None) -> None:
        self.site = _base(site_url)
        self.district = view.district

    def node(self, name: str) -> str:
        if self.site:
            return f"{self.site}downloads/{DCAT_FILE}#{name}"
        return f"urn:uuid:{uuid.uuid5(NAMESPACE, 'dcat:' + self.district + ':' + name)}"

    def page(self, rel: str) -> str:
        """A page of the site: absolute with --site-url, else relative to downloads/ (where the file lies)."""
        return f"{self.site}{rel}" if self.site else f"../{rel}"


def _base(site_url: str | None) -> str:
    return site_url.rstrip("/") + "/" if site_url else ""


def _eu(table: str, code: str, kind: str) -> dict[str, Any]:
    """A term of an EU authority table (its IRI, the class DCAT-AP expects, and the table it belongs to)."""
    return {"@id": f"{EU}{table}/{code}", "@type": kind, "skos:inScheme": {"@id": f"{EU}{table}"}}


def _zh(text: str) -> dict[str, str]:
    return {"@value": text, "@language": "zh"}


def _concept(iri: str, kind: str, label: str) -> dict[str, Any]:
    return {"@id": iri, "@type": kind, "skos:prefLabel": _zh(label)}


def themes_of(r: ResourceView) -> list[str]:
    text = f"{r.get('名称') or ''}{r.get('摘要') or ''}"
    found = [code for code, (_, _, words) in THEMES.items() if any(w in text for w in words)]
    return found or ["GOVE"]


def _theme(code: str) -> dict[str, Any]:
    zh, en, _ = THEMES[code]
    return {"@id": f"{EU}data-theme/{code}", "@type": "skos:Concept",
            "skos:prefLabel": [_zh(zh), {"@value": en, "@language": "en"}],
            "skos:inScheme": {"@id": f"{EU}data-theme"}}


def _agent(iris: Iris, name: str, key: str) -> dict[str, Any]:
    return {"@id": iris.node(key), "@type": ["foaf:Agent", "foaf:Organization"], "foaf:name": _zh(name),
            "dct:type": {**_concept(ADMS_LOCAL, "skos:Concept", "地方政府机构"),
                         "skos:inScheme": {"@id": ADMS_LOCAL.rsplit("/", 1)[0] + "/1.0", "@type": "skos:ConceptScheme",
                                           "dct:title": {"@value": "Publisher type", "@language": "en"}}}}


def _contact(iris: Iris, key: str, contact: dict[str, str]) -> dict[str, Any] | None:
    if not contact.get("名称"):
        return None
    out: dict[str, Any] = {"@id": iris.node(f"contact-{key}"), "@type": ["vcard:Kind", "vcard:Organization"],
                           "vcard:fn": _zh(contact["名称"])}
    if contact.get("电话"):
        out["vcard:hasTelephone"] = {"@id": "tel:" + "".join(ch for ch in contact["电话"] if ch.isdigit() or ch in "+-")}
    if contact.get("邮箱"):
        out["vcard:hasEmail"] = {"@id": "mailto:" + contact["邮箱"]}
    if contact.get("地址"):
        out["vcard:hasAddress"] = {"@id": iris.node(f"address-{key}"), "@type": "vcard:Address",
                                   "vcard:street-address": _zh(contact["地址"])}
    return out


def _licence(view: View) -> dict[str, Any]:
    return {"@id": view.licence["网址"], "@type": "dct:LicenseDocument", "rdfs:label": _zh(view.licence["名称"])}


def how_to_obtain(r: ResourceView) -> str:
    """One sentence on how to get the resource, for the distribution's description and the CSV."""
    if r.get("开放属性") == "无条件开放":
        return f"无条件开放，可直接获取：{r.get('获取地址')}" if r.get("获取地址") else "无条件开放"
    parts = [f"开放条件：{r.get('开放条件')}" if r.get("开放条件") else "",
             f"申请对象：{r.get('申请对象')}" if r.get("申请对象") else "",
             f"申请方式：{r.get('申请方式')}" if r.get("申请方式") else ""]
    return "有条件开放。" + "；".join(p for p in parts if p)


def dcat_jsonld(view: View, site_url: str | None = None) -> str:
    iris = Iris(view, site_url)
    catalog_node: dict[str, Any] = {
        "@id": iris.node("catalog"),
        "@type": "dcat:Catalog",
        "dct:title": _zh(f"{view.district}开放数据目录"),
        "dct:description": _zh("各政务信息系统项目登记的可向社会开放的政务信息资源（不含不予开放的资源），"
                               "依据《聊城高新区信息系统项目管理办法》第二十四、二十五条编制。"),
        "dct:publisher": _agent(iris, view.district, "publisher"),
        "dct:language": _eu("language", "ZHO", "dct:LinguisticSystem"),
        "dct:license": _licence(view),
        "dct:modified": {"@value": view.as_of.isoformat(), "@type": "xsd:date"},
        "dcat:themeTaxonomy": {"@id": f"{EU}data-theme", "@type": "skos:ConceptScheme",
                               "dct:title": {"@value": "Data theme", "@language": "en"}},
        "dcat:dataset": [_dataset(view, iris, r) for r in view.resources],
    }
    if iris.site:
        catalog_node["foaf:homepage"] = {"@id": iris.site, "@type": "foaf:Document"}
    doc = {"@context": DCAT_CONTEXT, **catalog_node}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _dataset(view: View, iris: Iris, r: ResourceView) -> dict[str, Any]:
    code = r.get("提供单位") or ""
    rid = resource_id(r, view.district)
    anchor = f"dataset-{rid}"
    open_attr = r.get("开放属性") or ""
    data: dict[str, Any] = {
        "@id": iris.node(anchor),
        "@type": "dcat:Dataset",
        "dct:identifier": rid,
        "dct:title": _zh(r.get("名称") or ""),
        "dct:description": _zh(r.get("摘要") or r.get("名称") or ""),
        "dct:publisher": _agent(iris, view.dept_name(code), f"org-{code}"),
        "dcat:keyword": [_zh(k) for k in r.get("信息项") or []],
        "dcat:theme": [_theme(t) for t in themes_of(r)],
        "dct:language": _eu("language", "ZHO", "dct:LinguisticSystem"),
        "dcat:landingPage": {"@id": iris.page(f"open-data.html#{anchor}"), "@type": "foaf:Document"},
        "foaf:page": {"@id": iris.page(project_url(r.project_id)), "@type": "foaf:Document"},
        "dcat:distribution": [_distribution(view, iris, r, rid, anchor)],
    }
    if open_attr in ACCESS_RIGHT:
        data["dct:accessRights"] = _eu("access-right", ACCESS_RIGHT[open_attr], "dct:RightsStatement")
    contact = _contact(iris, code, view.contact(code))
    if contact:
        data["dcat:contactPoint"] = contact
    cycle = EU_FREQUENCY.get(r.get("更新周期") or "")
    if cycle:
        data["dct:accrualPeriodicity"] = _eu("frequency", cycle, "dct:Frequency")
    if isinstance(r.get("归集日期"), dt.date):
        data["dct:issued"] = {"@value": r.get("归集日期").isoformat(), "@type": "xsd:date"}
    if isinstance(r.get("最近更新日期"), dt.date):
        data["dct:modified"] = {"@value": r.get("最近更新日期").isoformat(), "@type": "xsd:date"}
    return data


def _distribution(view: View, iris: Iris, r: ResourceView, rid: str, anchor: str) -> dict[str, Any]:
    url = r.get("获取地址")
    access = url if url else iris.page(f"open-data.html#{anchor}")
    out: dict[str, Any] = {
        "@id": iris.node(f"distribution-{rid}"),
        "@type": "dcat:Distribution",
        "dct:title": _zh(f"{r.get('名称')}（{r.get('共享方式') or r.get('格式')}）"),
        "dct:description": _zh(how_to_obtain(r)),
        "dcat:accessURL": {"@id": access, "@type": "rdfs:Resource"},
        "dct:license": _licence(view),
    }
    if url and r.get("开放属性") == "无条件开放" and r.get("共享方式") == "文件下载":
        out["dcat:downloadURL"] = {"@id": url, "@type": "rdfs:Resource"}
    kind = FILE_TYPE.get(r.get("格式") or "")
    if kind:
        out["dct:format"] = _eu("file-type", kind, "dct:MediaTypeOrExtent")
    if r.get("开放属性") == "有条件开放":
        out["dct:rights"] = {"@id": iris.node(f"rights-{rid}"), "@type": "dct:RightsStatement",
                             "rdfs:label": _zh(how_to_obtain(r))}
    return out


# --- Atom -----------------------------------------------------------------------------------

def _stamp(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(), TZ).isoformat()


def atom_feed(view: View, site_name: str, site_url: str | None = None, name: str = "feed.xml") -> str:
    pairs = [(f, p) for p in view.projects for f in p.filings if f.date]
    pairs.sort(key=lambda pair: (pair[0].date, pair[0].path), reverse=True)
    pairs = pairs[:FEED_SIZE]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    _sub(feed, "title", f"{site_name}：最新备案")
    _sub(feed, "subtitle", f"{view.district}政务信息系统项目的最新公开备案")
    _sub(feed, "id", f"urn:uuid:{uuid.uuid5(NAMESPACE, 'feed:' + view.audience + ':' + view.district)}")
    _sub(feed, "updated", _stamp((pairs[0][0].date if pairs else None) or view.as_of))
    root = _base(site_url) or "../"
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": f"{_base(site_url)}downloads/{name}" if site_url else name})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": root + "index.html"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "license", "href": view.licence["网址"]})
    _sub(feed, "rights", f"{view.district}发布。数据许可：{view.licence['名称']}（{view.licence['网址']}）", type="text")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _sub(author, "name", view.district)
    for f, p in pairs:
        feed.append(_entry(view, f, p, root))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _entry(view: View, f: FilingView, p: ProjectView, root: str = "../") -> ET.Element:
    entry = ET.Element(f"{{{ATOM}}}entry")
    _sub(entry, "title", f"{p.name}：{f.type_name}")
    _sub(entry, "id", f"urn:uuid:{uuid.uuid5(NAMESPACE, 'filing:' + f.path)}")
    assert f.date is not None
    _sub(entry, "updated", _stamp(f.date))
    _sub(entry, "published", _stamp(f.date))
    ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                              "href": root + project_url(p.id)})
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

def public_files(view: PublicView, site_name: str, site_url: str | None = None) -> dict[str, str | bytes]:
    """downloads/: with site_url every link inside them is absolute (for harvesters and feed readers)."""
    return {
        "catalog.json": catalog_json(view, site_url),
        "catalog.schema.json": catalog_schema_json(),
        "projects.csv": projects_csv(view),
        "contracts.csv": contracts_csv(view),
        "open-data.csv": resources_csv(view),
        "csv-metadata.json": csv_metadata(view, site_url),
        DCAT_FILE: dcat_jsonld(view, site_url),
        "feed.xml": atom_feed(view, site_name, site_url),
    }


def library_files(view: LibraryView, public: PublicView, site_name: str,
                  site_url: str | None = None) -> dict[str, str | bytes]:
    files = public_files(public, site_name, site_url)
    # the library's copies show the status its pages show, 整改中 included (spec §7)
    files["catalog.json"] = catalog_json(public, site_url, {p.id: p.status for p in view.projects})
    files["projects.csv"] = projects_csv(view)
    files.update(library_csvs(view))
    files["library.xlsx"] = library_xlsx(view)
    files["feed-all.xml"] = atom_feed(view, site_name, site_url, "feed-all.xml")
    return files


def library_csvs(view: LibraryView) -> dict[str, bytes]:
    """The workbook's tables as CSV, and the full sharing list."""
    names = {"项目与预算": "budget.csv", "合规提示": "findings.csv", "期限": "deadlines.csv",
             "运维经费资格": "eligibility.csv"}
    files = {names[title]: _csv(*table) for title, table in tables(view).items() if title in names}
    files["sharing.csv"] = resources_csv(view, full=True)
    return files
