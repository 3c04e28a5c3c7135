"""library.xlsx never holds a formula: text that looks like one is stored as text (issue 7, item 9)."""
from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from generator.publish import workbook

HOSTILE = ["=HYPERLINK(\"http://evil.example/\",\"点我\")", "+1+1", "-2+3", "@SUM(A1:A2)",
           "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"]


def test_text_that_looks_like_a_formula_stays_text(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [[value, "普通文字", -5, 12.5] for value in HOSTILE]
    monkeypatch.setattr(workbook, "tables", lambda view: {"项目与预算": (["项目名称", "说明", "数", "金额（万元）"], rows)})
    view = SimpleNamespace(as_of=dt.date(2026, 11, 29), district="演示辖区")
    book = load_workbook(io.BytesIO(workbook.library_xlsx(view)))  # type: ignore[arg-type]
    sheet = book["项目与预算"]
    seen = []
    for row in sheet.iter_rows(min_row=2):
        cell = row[0]
        assert cell.data_type == "s", (cell.value, cell.data_type)
        assert cell.quotePrefix
        seen.append(cell.value)
        assert row[2].data_type == "n" and row[2].value == -5  # real numbers stay numbers
    assert seen == [h.replace("\r", "\n") for h in HOSTILE]  # XML stores CR as LF
    assert not any(c.data_type == "f" for r in sheet.iter_rows() for c in r)
