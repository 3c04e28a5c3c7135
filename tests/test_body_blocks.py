"""The line scanner of reading/blocks.py reads a body as markdown-it does, or declines.

Every body of the demo district, the test fixtures and the `filings new` templates, and
thousands of generated bodies made of the lines filings hold (and of lines that must make
the scanner decline), are read both ways: what the scanner tells and what body.walk makes
of markdown-it's tokens must be the same, and so must the Body built from them.
"""
from __future__ import annotations

import random
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator.reading import blocks, frontmatter
from generator.reading import body as body_reader
from generator.reading.text import decode

ROOT = Path(__file__).resolve().parents[1]


class Recorder:
    """A blocks.Sink that writes down what it is told."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def section(self, level, line, entity_line, content):
        self.calls.append(("section", level, line, entity_line, content))

    def text(self, line, content):
        self.calls.append(("text", line, content))

    def quote(self, opening, guidance=False):
        self.calls.append(("quote", opening, guidance))

    def table(self, line, header, rows):
        self.calls.append(("table", line, header, rows))

    def html(self, line):
        self.calls.append(("html", line))  # the scanner never tells one

    def code(self, content):
        self.calls.append(("code", content))  # nor this


def with_markdown_it(source: str, offset: int) -> body_reader.Body:
    original = body_reader._scan_blocks
    body_reader._scan_blocks = lambda *_args: False
    try:
        return body_reader.parse(source, offset)
    finally:
        body_reader._scan_blocks = original


def same(source: str) -> bool | None:
    """None when the scanner declines; else assert both ways agree and return True."""
    fast = Recorder()
    if not blocks.scan(source, fast, 7):
        return None
    slow = Recorder()
    body_reader.walk(blocks.md.parse(source, {}), slow, 7)
    assert fast.calls == slow.calls, source
    assert repr(body_reader.parse(source, 7)) == repr(with_markdown_it(source, 7)), source
    return True


def bodies() -> list[str]:
    found = []
    for base in (ROOT / "filings", ROOT / "tests" / "fixtures", ROOT / "templates"):
        for path in sorted(base.rglob("*.md")):
            if "附件" in path.parts:
                continue
            text = decode(path.read_bytes())
            if isinstance(text, str):
                fm = frontmatter.parse(text)
                found.append(fm.body if fm.ok else text)
    return found


def test_every_real_body_agrees_and_most_are_scanned():
    results = [same(source) for source in bodies()]
    assert len(results) > 80
    assert results.count(True) >= 0.9 * len(results)  # the scanner does the work, not the fallback


# Lines filings hold, in the forms the scanner reads …
PLAIN = ["## 项目概述", "### 小节", "# 一级", "#### 四级", "## 标题 ##", "## 标题#", "##", "## ", "## a | b",
         "普通文字", "文字 | 带竖线", "2023 年", "2023.5 亿", "1. 第一", "2. 第二", "1) 括号", "10. 十",
         "- 项目", "-  两空格", "-    四空格", "* 星号", "+ 加号", "- 2023 年",
         "> 填写说明：请填写", "> 普通引用", ">无空格", ">", "> ",
         "| a | b |", "|---|---|", "| :-- | --: |", "|---|", "| 1 | 2 |", "| 1 |", "| 1 | 2 | 3 |", "a | b",
         "| a \\| b | c |", "|a|b|", "|:-:|:-:|", "", "", "", "", "   ", "\u3000全角空格", "(1) 括号", "一、标题",
         "[链接](附件/a.pdf)", "![图](附件/b.png)", "文字<br>文字", "&#x202E;实体", "&amp;", "`code`",
         "\\# 转义", "行尾空格  ", "【请填写】", "<http://a.b>", "文字 [a](b) 文字", "- [链接](x.md)", "1. [a](b)",
         "> [a](b)", "| [a](b) | &#x202e; |", "| &#x202E; | <i>x</i> |", "## &#x202E;标题", "### 链接 [a](b)",
         "| 1 | 2 ", "1 | 2 |", "|", "| |", "1.5 亿", "！感叹"]
# … and lines that must make it decline (or be read the way markdown-it reads them).
TRICKY = PLAIN + ["##无空格", "3.", "1.", "-     五空格", "- ", "-", "---", "- - -", "***", "===", "__x__",
                  "*强调*", ">  两空格", "> - 列表", "> ## 标题", "> a | b", "---|---", ":--|--:", "||", "  缩进",
                  "    代码", "\u3000", "[ref]: http://x", "[ref]", "<b>html</b>", "<div>", "```", "~~~",
                  "https://a.b/c", "\t制表符", "a\tb", "####### 七级", "#标签", "- # 标题", "1. > 引用", "> > 嵌套",
                  "+", "*", "- * * *", "| a |\t", "文字\r", "1) ", "0. 零", "123456789. 九位", "1234567890. 十位"]


@pytest.mark.parametrize("pieces,seed", [(PLAIN, 1), (PLAIN, 2), (TRICKY, 3), (TRICKY, 4)])
def test_generated_bodies_agree(pieces, seed):
    rng = random.Random(seed)
    scanned = 0
    for _ in range(1500):
        lines = [rng.choice(pieces) for _ in range(rng.randint(1, 16))]
        source = "\n".join(lines) + rng.choice(["", "\n", "\n\n"])
        scanned += same(source) is True
    assert scanned > 50  # enough generated bodies take the scanner's path to mean something


@pytest.mark.parametrize("source", [
    "段落\n---",  # a setext heading
    "> 引用\n懒惰的续行",  # a lazy continuation of a quote
    "段落\n| a | b |\n|---|---|",  # a table that interrupts a paragraph
    "## a | b\n|---|---|",  # a heading that is a table's header row
    "- 项目\n  续行",  # indentation
    "```\n## 不是标题\n```",
    "<div>\n## 不是标题\n</div>",
    "[a]: http://x\n\n[a]",
    "段落\n2. 不是列表",
])
def test_the_scanner_declines_what_it_does_not_read(source):
    assert not blocks.scan(source, Recorder(), 0)
    assert repr(body_reader.parse(source, 0)) == repr(with_markdown_it(source, 0))


def test_links_entities_and_html_are_found_on_their_lines():
    source = "## 附件\n\n见 [合同](附件/合同.pdf) 和\n![图](附件/图.png)&#x202E;\n\n| a | b |\n|---|---|\n| <b>x</b> | 2 |\n"
    assert blocks.scan(source, Recorder(), 10)
    body = body_reader.parse(source, 10)
    assert [(link.line, unquote(link.href), link.image) for link in body.links] == [
        (13, "附件/合同.pdf", False), (14, "附件/图.png", True)]
    assert body.html == [18, 18]  # <b> and </b>
    assert body.characters == [(13, "\\u202e")]  # entities: the first line of their paragraph
