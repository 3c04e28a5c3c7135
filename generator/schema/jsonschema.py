"""JSON Schema (draft 2020-12) generated from the schema; never written by hand."""
from __future__ import annotations

import json
from typing import Any

from .base import Field, FilingType, Kind, When
from .common import COMMON_FIELDS
from .registry import DEPARTMENT_FIELDS, REGISTRY_FIELDS
from .types import FILING_TYPES

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_DATE = {"type": "string", "format": "date"}
_CODE = {"type": "string", "pattern": "^[A-Z]{2,8}$"}
_BASE: dict[Kind, dict[str, Any]] = {
    Kind.TEXT: {"type": "string", "minLength": 1},
    Kind.INT: {"type": "integer"},
    Kind.AMOUNT: {"type": "number", "minimum": 0},
    Kind.PERCENT: {"type": "number", "minimum": 0, "maximum": 100},
    Kind.SCORE: {"type": "number", "minimum": 0, "maximum": 100},
    Kind.LEVEL: {"type": "integer", "minimum": 1, "maximum": 5},
    Kind.DATE: _DATE,
    Kind.BOOL: {"type": "boolean"},
    Kind.DEPT: _CODE,
    Kind.DEPT_LIST: {"type": "array", "items": _CODE},
    Kind.PROJECT_ID: {"type": "string", "pattern": r"^\d{4}-[A-Z]{2,8}-\d{2}$"},
    Kind.INVEST_CODE: {"type": "string", "pattern": r"^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$"},
    Kind.TEXT_LIST: {"type": "array", "items": {"type": "string"}},
    Kind.FILING_PATH: {"type": "string", "pattern": r"^[^/]+\.md$"},
    Kind.URL: {"type": "string", "format": "uri", "pattern": "^https?://"},
}


def field_schema(field: Field) -> dict[str, Any]:
    if field.kind in (Kind.ENUM, Kind.FILING_TYPE):
        out: dict[str, Any] = {"enum": list(field.choices)}
    elif field.kind is Kind.ENUM_LIST:
        out = {"type": "array", "items": {"enum": list(field.choices)}, "minItems": 1, "uniqueItems": True}
    elif field.kind is Kind.ENUM_OR_LIST:
        out = {"anyOf": [{"enum": list(field.choices)},
                         {"type": "array", "items": {"enum": list(field.choices)}, "minItems": 1}]}
    elif field.kind is Kind.RESOURCES:
        out = {"type": "array", "minItems": 1, "items": object_schema(field.item_fields)}
    elif field.kind is Kind.MAPPING:
        out = object_schema(field.item_fields)
    else:
        out = dict(_BASE[field.kind])
    out["description"] = field.help + (f"（{field.article}）" if field.article else "")
    out["x-public"] = field.public
    return out


def _condition(when: When) -> dict[str, Any]:
    if when.op == "eq":
        return {"properties": {when.key: {"const": when.value}}, "required": [when.key]}
    if when.op == "ne":
        return {"properties": {when.key: {"not": {"const": when.value}}}, "required": [when.key]}
    if when.op == "eq_or_absent":
        return {"anyOf": [{"not": {"required": [when.key]}}, {"properties": {when.key: {"const": when.value}}}]}
    if when.op == "in":
        return {"properties": {when.key: {"enum": list(when.value)}}, "required": [when.key]}
    if when.op == "contains":
        return {"properties": {when.key: {"contains": {"const": when.value}}}, "required": [when.key]}
    if when.op == "true":
        return {"properties": {when.key: {"const": True}}, "required": [when.key]}
    return {"properties": {when.key: {"minItems": 1, "minLength": 1}}, "required": [when.key]}


def object_schema(fields: tuple[Field, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {f.key: field_schema(f) for f in fields},
        "required": [f.key for f in fields if f.required and f.when is None],
        "additionalProperties": False,
    }
    rules = [{"if": _condition(f.when), "then": {"required": [f.key]}} for f in fields if f.when]
    rules += [{"if": {"not": _condition(f.only_when)}, "then": {"not": {"required": [f.key]}}}
              for f in fields if f.only_when]
    if rules:
        out["allOf"] = rules
    return out


def filing_schema(ftype: FilingType) -> dict[str, Any]:
    out: dict[str, Any] = {"$schema": DRAFT, "$id": f"filing-{ftype.name}.schema.json",
           "title": f"{ftype.name}（{ftype.article}）", "description": ftype.summary}
    out.update(object_schema(ftype.fields))
    out["properties"]["备案类型"] = {"const": ftype.name, "description": "备案类型"}
    out["x-sections"] = [{"title": s.title, "article": s.article, "when": s.when.describe() if s.when else None,
                          "subsections": [sub.title for sub in s.subsections]} for s in ftype.sections]
    out["x-central"] = ftype.central
    out["x-filer-duty"] = ftype.duty
    return out


def registry_schema() -> dict[str, Any]:
    out: dict[str, Any] = {"$schema": DRAFT, "$id": "registry.schema.json", "title": "部门名录 registry.yml"}
    out.update(object_schema(REGISTRY_FIELDS))
    out["properties"]["部门"] = {"type": "array", "minItems": 1, "items": object_schema(DEPARTMENT_FIELDS)}
    return out


def all_schemas() -> dict[str, str]:
    """File name → JSON text, for `filings schema` and the freshness test."""
    files = {f"{name}.schema.json": filing_schema(t) for name, t in FILING_TYPES.items()}
    files["registry.schema.json"] = registry_schema()
    files["common.schema.json"] = {"$schema": DRAFT, "$id": "common.schema.json", "title": "所有备案共有的键",
                                   **object_schema(COMMON_FIELDS)}
    return {name: json.dumps(body, ensure_ascii=False, indent=2) + "\n" for name, body in sorted(files.items())}
