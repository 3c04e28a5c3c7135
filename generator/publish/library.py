"""What the library's own pages show: findings by department and article, deadlines, budget, eligibility."""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from ..engine.model import Deadline
from ..views import LibraryView, ProjectView
from . import charts


def events(view: LibraryView, p: ProjectView) -> list[tuple[dt.date, str, str]]:
    a = view.assessments.get(p.id)
    if a is None:
        return []
    return [(d.due, f"逾期：{d.title}", "finding") for d in a.deadlines if d.state == "missed" and d.due]


def lagging_paths(view: LibraryView) -> frozenset[str]:
    """The filings entered late (入库滞后): computed once per site, not once per project page."""
    return frozenset(lag.filing.path for lag in view.lags)


def project_context(view: LibraryView, p: ProjectView, lagging: frozenset[str] | None = None) -> dict[str, Any]:
    a = view.assessments.get(p.id)
    chain = a.budget_chain if a else {}
    items = [(k, float(v)) for k, v in chain.items() if v is not None]
    deadlines = sorted(a.deadlines, key=lambda d: (d.due or dt.date.max, d.title)) if a else []
    return dict(a=a, deadlines=deadlines, budget_chart=Markup(charts.bar_chart("预算执行", items, "万元")) if items else Markup(""),
                history={f.path: view.history.get(f.path, []) for f in p.filings},
                entered=view.entered, corrections=view.corrections, entry_note=view.entry_note,
                lagging=lagging_paths(view) if lagging is None else lagging)



def findings_context(view: LibraryView) -> dict[str, Any]:
    dept_of = {p.id: p.dept for p in view.projects}
    name_of = {p.id: p.name for p in view.projects}

    def project_of(path: str) -> str:
        parts = path.split("/")
        return parts[1] if len(parts) >= 3 else ""

    rows = [dict(problem=f, project=project_of(f.path), name=name_of.get(project_of(f.path), ""),
                 dept=dept_of.get(project_of(f.path), "")) for f in view.findings]
    by_dept = _grouped(rows, "dept", list(view.departments))
    articles = Counter(f.article or "（无条款）" for f in view.findings)
    codes: dict[str, Counter[str]] = defaultdict(Counter)
    for f in view.findings:
        codes[f.article or "（无条款）"][f.code] += 1
    by_article = sorted(articles.items(), key=lambda kv: (-kv[1], _article_rank(kv[0])))
    chart_dept = charts.bar_chart("各部门合规提示数", [(view.dept_name(d) if d else "（其他）", len(rs))
                                                  for d, rs in by_dept], "条")
    chart_article = charts.bar_chart("各条款合规提示数", by_article, "条")
    return dict(rows=rows, by_dept=by_dept, by_article=by_article, codes=codes, lags=view.lags,
                entry_note=view.entry_note,
                chart_dept=Markup(chart_dept), chart_article=Markup(chart_article))


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _article_rank(article: str) -> int:
    """第二十六条 -> 26, for sorting articles in their order in the Measures."""
    inner = article.removeprefix("第").split("条", 1)[0].split("、", 1)[0]
    total, current = 0, 0
    for ch in inner:
        if ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        else:
            return 999
    return total + current


def _grouped(rows: list[dict[str, Any]], key: str, order: list[str]) -> list[tuple[str, list[dict[str, Any]]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    ranked = {k: i for i, k in enumerate(order)}
    return [(k, grouped[k]) for k in sorted(grouped, key=lambda k: (ranked.get(k, len(ranked)), k))]


DEADLINE_GROUPS = (("missed", "已逾期"), ("coming", "待完成"), ("unknown", "期限无法计算"),
                   ("late", "逾期完成"), ("met", "按期完成"))


def deadline_groups(view: LibraryView) -> list[tuple[str, str, list[Deadline]]]:
    out = []
    for state, title in DEADLINE_GROUPS:
        items = sorted((d for d in view.deadlines if d.state == state),
                       key=lambda d: (d.due or dt.date.max, d.project_id, d.title))
        if state in ("late", "met"):
            items.reverse()
        out.append((state, title, items))
    return out


def budget_rows(view: LibraryView) -> list[dict[str, Any]]:
    rows = []
    for p in view.projects:
        a = view.assessments.get(p.id)
        if a is None:
            continue
        rows.append(dict(p=p, a=a, chain=a.budget_chain))
    return rows


def budget_totals(rows: list[dict[str, Any]]) -> dict[str, Decimal | None]:
    def total(values: Iterable[Decimal | None]) -> Decimal | None:
        known = [v for v in values if v is not None]
        return sum(known, Decimal(0)) if known else None
    totals = {k: total(r["chain"].get(k) for r in rows) for k in ("申报", "核定", "合同", "支出", "决算")}
    totals["节余"] = total(r["a"].savings for r in rows)
    return totals


def eligibility_rows(view: LibraryView) -> list[dict[str, Any]]:
    return [dict(p=p, e=view.assessments[p.id].eligibility) for p in view.projects
            if p.id in view.assessments and view.assessments[p.id].eligibility is not None]
