"""The field reference page (字段参考), generated from the schema like everything else."""
from __future__ import annotations

from .base import Field, FilingType
from .common import CORRECTIONS_SECTION, PLACEHOLDER
from .registry import DEPARTMENT_FIELDS, REGISTRY_FIELDS
from .types import FILING_TYPES


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _field_rows(fields: tuple[Field, ...]) -> list[str]:
    rows = ["| 键 | 类型 | 必填 | 公开 | 说明 | 依据 |", "|---|---|---|---|---|---|"]
    for f in fields:
        need = f.when.describe() + "必填" if f.when else ("必填" if f.required else "选填")
        kind = f.kind.value + (f"：{' / '.join(f.choices)}" if f.choices else "")
        rows.append(f"| `{f.key}` | {_cell(kind)} | {need} | {'是' if f.public else '否'} | {_cell(f.help)} | "
                    f"{f.article or ''} |")
    return rows


def _sections(ftype: FilingType) -> list[str]:
    out = []
    for s in ftype.sections:
        cond = f"（{s.when.describe()}）" if s.when else ""
        out.append(f"- `## {s.title}`{cond}：{s.help}（{s.article}）")
        out += [f"    - `### {sub.title}`：{sub.help}（{sub.article}）" for sub in s.subsections]
    extra = CORRECTIONS_SECTION
    return out + [f"- `## {extra.title}`（选填）：{extra.help}（{extra.article}）"]


def _visibility(ftype: FilingType) -> str:
    if not ftype.public:
        return "**不公开**：本类备案只在内部项目库中显示，不进入公开目录。"
    if ftype.public_body:
        return "**公开**：“公开”为“是”的键和全部章节显示在公开目录中。"
    if ftype.public_sections:
        return f"**公开**：“公开”为“是”的键和章节 {'、'.join(ftype.public_sections)} 显示在公开目录中，其余章节只在内部项目库中显示。"
    return "**公开**：“公开”为“是”的键显示在公开目录中；正文章节只在内部项目库中显示。"


def reference_markdown() -> str:
    lines = ["# 字段参考", "",
             "本页由程序根据内置数据模型（`generator/schema/`）自动生成，与检查程序使用同一份定义。",
             "“公开”一列为“是”的键会出现在公开目录中，其余只在内部项目库中显示。",
             f"模板中的“{PLACEHOLDER}…】”是占位文字，提交前必须全部替换。", "",
             "## 部门名录 registry.yml", ""]
    lines += _field_rows(REGISTRY_FIELDS) + ["", "每个部门：", ""] + _field_rows(DEPARTMENT_FIELDS) + [""]
    for ftype in FILING_TYPES.values():
        star = " ★" if ftype.central else ""
        lines += [f"## {ftype.name}{star}", "", f"{ftype.summary}（{ftype.article}）", ""]
        if ftype.central:
            lines += ["★ 只能由综合管理办公室（职责含“综合管理”的部门）填报。", ""]
        elif ftype.filer_duty:
            lines += [f"只能由职责含“{ftype.filer_duty}”的部门填报（第五条）。", ""]
        lines += [_visibility(ftype), ""]
        if ftype.file_hint:
            lines += [f"文件名：{ftype.file_hint}。", ""]
        lines += ["**键**", ""] + _field_rows(ftype.fields) + [""]
        for item in (f for f in ftype.fields if f.item_fields):
            lines += [f"**「{item.key}」的每一项**", ""] + _field_rows(item.item_fields) + [""]
        lines += ["**章节**", ""] + _sections(ftype) + [""]
    return "\n".join(lines)
