"""review's Markdown renders as intended on GitHub, GitLab and Gitea: all three use GFM (CommonMark +
tables + strikethrough + task lists). Parsed here with markdown-it-py's CommonMark parser and the
GFM table and strikethrough rules; a task list item is a bullet item whose text starts with "[ ] "."""
from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

EXPECTED = Path(__file__).parent / "expected"
GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"])
ALLOWED_HTML = {"<details>", "<summary>", "</details>"}


@pytest.mark.parametrize("path", sorted(EXPECTED.glob("*.md")), ids=lambda p: p.stem)
def test_tables_are_tables_and_rows_have_every_cell(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    tokens = GFM.parse(text)
    pipes = [line for line in text.splitlines() if line.startswith("|")]
    table_rows = sum(1 for t in tokens if t.type == "tr_open")
    assert table_rows == len(pipes) - sum(1 for line in pipes if line.startswith("|---"))
    width, cells, in_head = 0, 0, False
    for tok in tokens:
        if tok.type == "thead_open":
            in_head, width = True, 0
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "th_open" and in_head:
            width += 1
        elif tok.type == "tr_open":
            cells = 0
        elif tok.type in ("td_open", "th_open"):
            cells += 1
        elif tok.type == "tr_close" and not in_head:
            assert cells == width


@pytest.mark.parametrize("path", sorted(EXPECTED.glob("*.md")), ids=lambda p: p.stem)
def test_no_raw_html_but_details(path: Path) -> None:
    tokens = GFM.parse(path.read_text(encoding="utf-8"))
    html = [t.content.strip() for t in tokens if t.type == "html_block"]
    html += [c.content for t in tokens if t.type == "inline" for c in t.children or [] if c.type == "html_inline"]
    for block in html:
        for line in block.split("\n"):
            assert line in ALLOWED_HTML | {""} or (line.startswith("<summary>") and line.endswith("</summary>")
                                                   and "<" not in line[9:-10]), line


def test_the_review_points_are_a_task_list_with_notes() -> None:
    tokens = GFM.parse((EXPECTED / "01-新项目.md").read_text(encoding="utf-8"))
    items = [tokens[i + 2].content for i, t in enumerate(tokens)
             if t.type == "list_item_open" and t.level == 1 and tokens[i + 2].type == "inline"]
    tasks = [c for c in items if c.startswith("[ ] ")]
    assert [t.split("**")[1] for t in tasks] == ["（一）资源集约利用和信息共享", "（二）设计方案合理可行性",
                                                  "（三）信息安全解决方案", "（四）密码管理合规性", "（五）实施计划和资金测算"]
    assert not any(t.type == "heading_open" and t.level > 0 for t in tokens)  # nothing in a list became a heading


@pytest.mark.parametrize("env, base", [
    ({}, ""),
    ({"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "lc/备案库", "GITHUB_SHA": "abc"},
     "https://github.com/lc/备案库/blob/abc/"),
    ({"GITHUB_SERVER_URL": "https://gitea.lc.gov.cn/", "GITHUB_REPOSITORY": "zhb/filings", "GITHUB_SHA": "abc",
      "GITEA_ACTIONS": "true"}, "https://gitea.lc.gov.cn/zhb/filings/src/commit/abc/"),
    ({"GITLAB_CI": "true", "CI_PROJECT_URL": "https://jihulab.com/lc/filings", "CI_COMMIT_SHA": "abc"},
     "https://jihulab.com/lc/filings/-/blob/abc/"),
])
def test_links_open_the_file_on_the_forge_the_ci_runs_on(env: dict[str, str], base: str) -> None:
    from generator.commands.review import ci_link_base

    assert ci_link_base(env) == base
