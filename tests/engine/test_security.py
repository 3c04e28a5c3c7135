"""第二十八、三十条: a crypto plan where the field is important, and periodic 密评 once in use."""
from __future__ import annotations

from typing import Any

import pytest
from district import D, District

from generator.repository import load


def _errors(district: District, as_of: str = "2025-01-10") -> list[tuple[str, str | None]]:
    return [(p.code, p.article) for p in load(district.root, D(as_of)).problems if p.kind == "error"]


@pytest.mark.parametrize("important, plan, errors", [
    (None, False, []),                                  # not an important field: no plan required
    (False, False, []),
    (True, True, []),
    (True, False, [("E305", "第二十八条")]),            # 第二十八条: 重要领域 plans its cryptography
])
def test_article_28_crypto_plan_only_in_important_fields(district: District, important: bool | None, plan: bool,
                                                         errors: list[tuple[str, str]]) -> None:
    app = district.project(重要领域=important)
    path = district.root / app
    text = path.read_text(encoding="utf-8")
    if not plan:
        text = text.replace("### 密码应用方案\n\n测试用内容：密码应用方案。\n", "")
    elif "### 密码应用方案" not in text:
        text = text.replace("### 政务云平台资源使用情况", "### 密码应用方案\n\n方案。\n\n### 政务云平台资源使用情况")
    path.write_text(text, encoding="utf-8")
    assert _errors(district) == errors
