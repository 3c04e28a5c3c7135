"""The library's tables for finance and audit staff: one .xlsx (openpyxl); exports writes the same tables as CSV."""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from ..engine.model import Variance
from ..views import LibraryView, View

STATES = {"missed": "已逾期", "coming": "待完成", "unknown": "无法计算", "late": "逾期完成", "met": "按期完成"}
CHAIN = ("申报", "核定", "合同", "支出", "决算")

Table = tuple[list[str], list[list[Any]]]


def _cost(v: Variance | None) -> Decimal | None:
    return v.cost if v else None


def _days(v: Variance | None) -> int | None:
    return v.schedule_days if v else None


def projects_table(view: LibraryView) -> Table:
    header = ["项目编号", "项目名称", "建设单位代码", "建设单位", "项目类别", "申报年度", "项目状态",
              *(f"{k}（万元）" for k in CHAIN), "成本偏差·原始基线（万元）", "成本偏差·当前基线（万元）",
              "节余资金（万元）", "原始计划完成日期", "当前计划完成日期", "进度偏差·原始基线（天）",
              "进度偏差·当前基线（天）", "竣工验收日期", "运维经费资格", "合规提示数"]
    rows = []
    for p in view.projects:
        a = view.assessments.get(p.id)
        chain = a.budget_chain if a else {}
        e = a.eligibility if a else None
        eligible = "无法判断" if e is None or not e.known else ("具备" if e.eligible else "不具备")
        rows.append([p.id, p.name, p.dept, p.dept_name, p.category, p.year, p.status,
                     *(chain.get(k) for k in CHAIN),
                     _cost(a.original_variance) if a else None, _cost(a.current_variance) if a else None,
                     a.savings if a else None,
                     a.original.finish if a and a.original else None, a.current.finish if a and a.current else None,
                     _days(a.original_variance) if a else None, _days(a.current_variance) if a else None,
                     p.accepted, eligible, len(a.findings) if a else 0])
    return header, rows


def contracts_table(view: View) -> Table:
    """One row a contract: the public contracts.csv; the library's workbook adds each one's 文件."""
    header = ["项目编号", "项目名称", "合同名称", "合同编号", "签订日期", "合同金额（万元）", "供应商", "采购方式", "采购平台"]
    rows = [[p.id, p.name, c.name, c.number, c.signed, c.amount, c.supplier, c.method, c.platform]
            for p in view.projects for c in p.contracts]
    return header, rows


def contracts_with_files(view: LibraryView) -> Table:
    header, rows = contracts_table(view)
    files = [c.path for p in view.projects for c in p.contracts]
    return header + ["文件"], [row + [path] for row, path in zip(rows, files, strict=True)]


def findings_table(view: LibraryView) -> Table:
    header = ["项目编号", "代码", "条款", "说明", "文件", "行"]
    rows = [[f.path.split("/")[1] if f.path.count("/") >= 2 else "", f.code, f.article, f.message, f.path, f.line]
            for f in view.findings]
    return header, rows


def deadlines_table(view: LibraryView) -> Table:
    header = ["项目编号", "事项", "责任部门", "到期日", "情况", "完成日期", "依据", "说明", "文件"]
    rows = [[d.project_id, d.title, view.dept_name(d.dept), d.due, STATES.get(d.state, d.state), d.done, d.article,
             d.reason, d.path] for d in sorted(view.deadlines, key=lambda d: (d.due or dt.date.max, d.project_id))]
    return header, rows


def eligibility_table(view: LibraryView) -> Table:
    header = ["项目编号", "项目名称", "运维经费资格", "条款", "理由"]
    rows = []
    for p in view.projects:
        e = view.assessments[p.id].eligibility if p.id in view.assessments else None
        if e is None:
            continue
        verdict = "无法判断" if not e.known else ("具备" if e.eligible else "不具备")
        rows += [[p.id, p.name, verdict, article, reason] for article, reason in e.reasons] or [[p.id, p.name,
                                                                                                 verdict, "", ""]]
    return header, rows


def tables(view: LibraryView) -> dict[str, Table]:
    return {"项目与预算": projects_table(view), "合同": contracts_with_files(view), "合规提示": findings_table(view),
            "期限": deadlines_table(view), "运维经费资格": eligibility_table(view)}


def library_xlsx(view: LibraryView) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    stamp = dt.datetime.combine(view.as_of, dt.time())
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = "filings build"
    book.properties.title = f"{view.district}政务信息化项目库（截至 {view.as_of}）"
    for title, (header, rows) in tables(view).items():
        sheet = book.create_sheet(title)
        sheet.append(header)
        formats = [(i, _number_format(name)) for i, name in enumerate(header, start=1) if _number_format(name)]
        for number, row in enumerate(rows, start=2):
            sheet.append([_xl(v) for v in row])
            # cell() by (row, column) is a dict lookup; sheet[row] and sheet["A"] scan every cell of the
            # sheet for its size, which made this loop quadratic (60 s at 1,000 projects)
            _as_text(sheet.cell(number, column) for column in range(1, len(row) + 1))
            for column, fmt in formats:
                sheet.cell(number, column).number_format = fmt
        for column in range(1, len(header) + 1):
            cell = sheet.cell(1, column)
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="1F4E8C")
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.freeze_panes = "C2" if title in ("项目与预算", "合同") else "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for index, name in enumerate(header, start=1):
            width = max([len(str(name))] + [len(str(r[index - 1] or "")) for r in rows[:200]])
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, width * 1.6 + 2))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _number_format(name: str) -> str | None:
    if "万元" in name:
        return "#,##0.00"
    if "日期" in name or name == "到期日":
        return "yyyy-mm-dd"
    return None


# OWASP CSV/formula injection: a spreadsheet may run a cell that starts with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _as_text(cells: Any) -> None:
    """Store every text cell that looks like a formula as a plain string with Excel's quote prefix."""
    for cell in cells:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            cell.data_type = "s"  # openpyxl reads "=..." as a formula; this keeps it text
            cell.quotePrefix = True  # and Excel/WPS keep it text when the cell is edited


def _xl(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return value
