"""The project list is a tool: sort, filter, share the view by URL — from disk and over HTTP."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest

LIST = "projects/index.html"
ROWS = "table.project-list tbody tr"


def visible(page) -> list[dict[str, str]]:
    return page.evaluate("""() => Array.from(document.querySelectorAll("table.project-list tbody tr"))
        .filter(r => !r.hidden).map(r => Object.assign({}, r.dataset))""")


def amounts(rows: list[dict[str, str]]) -> list[float | None]:
    return [float(r["amount"]) if r.get("amount") else None for r in rows]


@pytest.fixture(params=["file", "http"])
def list_url(request, http_server, demo_district: Path) -> str:
    root = demo_district / "site"
    if request.param == "file":
        return (root / LIST).as_uri()
    return http_server(root) + LIST


def test_filters_sorting_and_shared_url(page, request_urls, list_url: str, screenshot) -> None:
    page.goto(list_url)
    tools = page.locator(".pl-tools")
    tools.locator("select").first.wait_for()
    labels = [t.split("\n")[0].strip() for t in tools.locator("label").all_inner_texts()]
    assert labels == ["建设单位", "申报年度", "项目状态", "项目类别"]
    total = page.locator(ROWS).count()
    assert total > 5 and len(visible(page)) == total
    count = page.locator(".pl-count")
    assert count.get_attribute("role") == "status" and count.inner_text() == f"共 {total} 个项目"

    # Key columns first.
    headers = [h.strip() for h in page.locator("table.project-list thead th").all_inner_texts()]
    assert [h.split("（")[0].split("\n")[0].strip() for h in headers[:3]] == ["项目名称", "核定投资", "状态"]

    # Filter by a department with more than one project.
    dept = page.locator("select[data-key=dept]")
    options = dept.locator("option").all()[1:]
    chosen = next(o for o in options if "（1）" not in o.inner_text())
    code = chosen.get_attribute("value")
    dept.select_option(code)
    rows = visible(page)
    assert 1 < len(rows) < total and {r["dept"] for r in rows} == {code}
    assert count.inner_text() == f"显示 {len(rows)} 个项目（共 {total} 个）"
    assert f"dept={code}" in page.url

    # Sort by investment: largest first, projects without an approved amount last; then ascending.
    dept.select_option("")
    amount_button = page.locator("button.pl-sort[data-sort=amount]")
    amount_button.click()
    header = page.locator("th[data-sort=amount]")
    assert header.get_attribute("aria-sort") == "descending"
    values = amounts(visible(page))
    known = [v for v in values if v is not None]
    assert known == sorted(known, reverse=True) and values[:len(known)] == known
    amount_button.click()
    assert header.get_attribute("aria-sort") == "ascending"
    known = [v for v in amounts(visible(page)) if v is not None]
    assert known == sorted(known)
    assert page.locator("th[aria-sort]").count() == 1

    # Sort by year (newest first) and by status (lifecycle order).
    page.locator("button.pl-sort[data-sort=year]").click()
    years = [int(r["year"]) for r in visible(page) if r.get("year")]
    assert years == sorted(years, reverse=True) and len(set(years)) > 1
    assert page.locator("th[data-sort=amount]").get_attribute("aria-sort") is None
    page.locator("button.pl-sort[data-sort=status]").click()
    order = page.locator("table.project-list").get_attribute("data-status-order").split("|")
    ranks = [order.index(r["status"]) for r in visible(page)]
    assert ranks == sorted(ranks)

    # Filter by year and status together; the state is in the URL.
    year = page.locator("select[data-key=year]")
    year.select_option(index=1)
    chosen_year = year.input_value()
    status = page.locator("select[data-key=status]")
    first_status = visible(page)[0]["status"]
    status.select_option(first_status)
    rows = visible(page)
    assert rows and all(r["year"] == chosen_year and r["status"] == first_status for r in rows)
    shared = page.url
    fragment = unquote(shared.split("#", 1)[1])
    assert f"year={chosen_year}" in fragment and f"status={first_status}" in fragment and "sort=status" in fragment
    screenshot(page, f"project-list-filtered-{list_url.split(':')[0]}")

    # Someone opens the shared link: same view.
    other = page.context.new_page()
    other.goto(shared)
    other.locator(".pl-tools select").first.wait_for()
    assert other.locator("select[data-key=year]").input_value() == chosen_year
    assert other.locator("select[data-key=status]").input_value() == first_status
    assert visible(other) == rows
    assert other.locator("th[data-sort=status]").get_attribute("aria-sort") == "ascending"

    # Category filter, then reset.
    category = page.locator("select[data-key=category]")
    page.locator(".pl-reset").click()
    category.select_option(index=1)
    assert all(r["category"] == category.input_value() for r in visible(page))
    page.locator(".pl-reset").click()
    assert len(visible(page)) == total and count.inner_text() == f"共 {total} 个项目"
    assert "#" not in page.url or page.url.endswith("#")
    assert page.locator("th[aria-sort]").count() == 0
    assert all(u.startswith(("file://", "http://127.0.0.1", "data:", "about:", "blob:")) for u in request_urls)


def test_without_javascript_the_list_is_a_complete_table(browser, demo_district: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((demo_district / "site" / LIST).as_uri())
        assert page.locator(ROWS).count() > 5
        assert page.locator("table.project-list tbody a").count() == page.locator(ROWS).count()
        assert page.locator(".pl-tools select").count() == 0
    finally:
        context.close()
