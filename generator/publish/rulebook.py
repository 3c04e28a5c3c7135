"""The rule list as text, Markdown (the sites' and docs' rules page) and JSON: `filings rules` prints it."""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from ..engine.rules import DOCUMENTS, SCHEMA_ARTICLE, Rule

KIND = {"error": "错误", "finding": "合规提示"}
MARK = "【本区解释】"


def render_text(rules: Sequence[Rule]) -> str:
    lines = []
    for r in rules:
        lines.append(f"{r.code}  {_article(r)}  {KIND[r.kind]}  {r.summary}\n")
        if r.interpretation:
            lines.append(f"      {MARK}{r.note}\n")
    return "".join(lines)


def render_markdown(rules: Sequence[Rule]) -> str:
    docs = "、".join(f"《{d.title}》（{d.code}，{d.effective} 起施行）" for d in DOCUMENTS.values())
    out = [
        "# 检查规则\n\n",
        "本页由 `filings rules --format markdown` 生成，请勿手工修改。\n\n",
        f"规则依据：{docs}。按第三十九条，规则不适用于施行之日以前发生的事项。"
        "“错误”阻止提交；“合规提示”不阻止提交，只提示评审人员。"
        f"标有{MARK}的规则读出了条文字面以外的含义，说明见表后。"
        f"条款为“{SCHEMA_ARTICLE}”的错误引用出错的键或章节的依据条款（见字段参考）。\n\n",
        "| 代码 | 条款 | 类别 | 规则 |\n|---|---|---|---|\n",
    ]
    for r in rules:
        mark = f" {MARK}" if r.interpretation else ""
        out.append(f"| {r.code} | {_article(r)} | {KIND[r.kind]} | {_cell(r.summary)}{mark} |\n")
    notes = [r for r in rules if r.interpretation]
    if notes:
        out.append("\n## 本区解释\n\n")
        out.extend(f"- **{r.code}**（{r.article}）：{_cell(r.note)}\n" for r in notes)
    return "".join(out)


def render_json(rules: Sequence[Rule]) -> str:
    items = [{"code": r.code, "articles": list(r.articles), "article": r.article, "document": r.document,
              "kind": r.kind, "summary": r.summary, "interpretation": r.interpretation, "note": r.note,
              "article_from_schema": r.from_schema}
             for r in rules]
    return json.dumps({"rules": items}, ensure_ascii=False, indent=2) + "\n"


def _article(r: Rule) -> str:
    return SCHEMA_ARTICLE if r.from_schema else r.article or "—"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


RENDERERS: dict[str, Callable[[Sequence[Rule]], str]] = {
    "text": render_text, "markdown": render_markdown, "json": render_json,
}
