"""Markdown body structure from markdown-it-py tokens and their line maps.

Sections (## and ###), tables, links and raw HTML are located by the token
maps of the parser; lines are absolute file lines (1-based).

Speed (a large district has tens of thousands of bodies): the block structure of an
ordinary body comes from `blocks.scan`, a line scanner that reads the plain Markdown
filings are written in exactly as markdown-it does and declines anything else, which
markdown-it then parses. Both tell one `_Builder` what they found. Inline parsing (links,
images, raw HTML, entities) runs only on the text that can hold one of them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from markdown_it.rules_core.state_core import StateCore
from markdown_it.rules_core.text_join import text_join

from . import blocks, chars
from .blocks import md as _md
from .blocks import scan as _scan_blocks


@dataclass
class Table:
    line: int
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line, cells)


@dataclass
class Link:
    line: int
    href: str
    image: bool


@dataclass
class BodySection:
    title: str
    level: int
    line: int
    text: str = ""  # plain text of the section's own blocks and its subsections'
    own_text: str = ""
    guidance: str = ""  # text of 「> 填写说明」 blockquotes, which do not count as content
    tables: list[Table] = field(default_factory=list)
    subsections: dict[str, BodySection] = field(default_factory=dict)
    markdown: str = ""  # the section's source, subsections included


@dataclass
class Body:
    sections: dict[str, BodySection] = field(default_factory=dict)
    duplicates: list[BodySection] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    html: list[int] = field(default_factory=list)  # lines with raw HTML
    characters: list[tuple[int, str]] = field(default_factory=list)  # (line, escape) written as entities
    source: str = ""
    offset: int = 0


def parse(source: str, offset: int) -> Body:
    body = Body(source=source, offset=offset)
    if not _scan_blocks(source, _Builder(body, {}), offset):
        body = Body(source=source, offset=offset)
        env: dict[str, Any] = {}  # link reference definitions, for the inline parser
        walk(_md.parse(source, env), _Builder(body, env), offset)
    _attach_markdown(body, source.split("\n"))
    return body


def walk(tokens: list[Any], sink: Sink, offset: int) -> None:
    """Tell `sink` what markdown-it's block tokens hold, as blocks.scan does."""
    i, count = 0, len(tokens)
    while i < count:
        tok = tokens[i]
        kind = tok.type
        if kind == "inline":
            sink.text(tok.map[0] + 1 + offset if tok.map else offset + 1, tok.content)
            i += 1
            continue
        line = tok.map[0] + 1 + offset if tok.map else None
        if kind == "heading_open" and tok.tag in ("h2", "h3"):
            sink.section(int(tok.tag[1]), line or 0, line or offset + 1, tokens[i + 1].content)
            i += 3
            continue
        if kind == "blockquote_open":
            nxt = tokens[i + 2] if i + 2 < count else None
            sink.quote(True, bool(nxt and nxt.type == "inline" and nxt.content.startswith("填写说明")))
        elif kind == "blockquote_close":
            sink.quote(False)
        elif kind == "html_block":
            sink.html(line or offset + 1)
        elif kind == "table_open":
            sink.table(*_read_table(tokens, i, offset))
        elif kind in ("fence", "code_block"):
            sink.code(tok.content)
        i += 1


class Sink(blocks.Sink, Protocol):
    """blocks.Sink, and the blocks only markdown-it gives."""

    def html(self, line: int) -> None:
        """An HTML block."""

    def code(self, content: str) -> None:
        """A fenced or indented code block."""


class _Builder:
    """The Body of what `blocks.scan` or `walk` tells, block by block."""

    def __init__(self, body: Body, env: dict[str, Any]) -> None:
        self.body, self.env = body, env
        self.top: BodySection | None = None  # the current ## section
        self.sub: BodySection | None = None  # the current ### section
        self.quotes = 0
        self.guidance = False

    def section(self, level: int, line: int, entity_line: int, content: str) -> None:
        if "&" in content:
            _scan_entities(self.body, content, entity_line, self.env)
        section = BodySection(content.strip(), level, line)
        if level == 2:
            self.top, self.sub = section, None
            target = self.body.sections
        else:
            self.sub = section
            target = self.top.subsections if self.top else self.body.sections
        if section.title in target:
            self.body.duplicates.append(section)
        else:
            target[section.title] = section

    def text(self, line: int, content: str) -> None:
        if "[" in content or "<" in content or "&" in content:  # else it holds no inline token we read
            _scan_inline(self.body, content, line, self.env)
        self._add(content + "\n", self.quotes > 0 and self.guidance)

    def code(self, content: str) -> None:
        self._add(content + "\n", False)

    def quote(self, opening: bool, guidance: bool = False) -> None:
        if opening:
            self.quotes += 1
            self.guidance = guidance
        else:
            self.quotes -= 1

    def html(self, line: int) -> None:
        self.body.html.append(line)

    def table(self, line: int, header: list[str], rows: list[tuple[int, list[str]]]) -> None:
        sec = self.sub or self.top
        if sec is not None:
            sec.tables.append(Table(line, header, rows))

    def _add(self, text: str, guidance: bool) -> None:
        top, sub = self.top, self.sub
        if guidance:
            if top is not None:
                top.guidance += text
            if sub is not None:
                sub.guidance += text
            return
        if top is not None:
            top.text += text
            if sub is None:
                top.own_text += text
        if sub is not None:
            sub.text += text
            sub.own_text += text


def _read_table(tokens: list[Any], start: int, offset: int) -> tuple[int, list[str], list[tuple[int, list[str]]]]:
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    head = tokens[start].map
    first = head[0] + 1 + offset if head else 0
    row: list[str] | None = None
    row_line = 0
    in_head = False
    for tok in tokens[start + 1:]:
        if tok.type == "table_close":
            break
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            row, row_line = [], (tok.map[0] + 1 + offset if tok.map else first)
        elif tok.type == "inline" and row is not None:
            row.append(tok.content.strip())
        elif tok.type == "tr_close" and row is not None:
            if in_head:
                header = row
            else:
                rows.append((row_line, row))
            row = None
    return first, header, rows


def _children(content: str, env: dict[str, Any]) -> list[Any]:
    """The inline tokens of a block's text: exactly what markdown-it's `inline` and `text_join`
    core rules give, which `blocks.md` leaves out (body.parse asks only for text that can hold
    a link, an image, raw HTML or an entity)."""
    children: list[Any] = []
    _md.inline.parse(content, _md, env, children)
    state = StateCore("", _md, env)
    holder = _Inline(content, children)
    state.tokens = [holder]  # type: ignore[list-item]
    text_join(state)
    return holder.children


class _Inline:
    __slots__ = ("type", "content", "children")

    def __init__(self, content: str, children: list[Any]) -> None:
        self.type, self.content, self.children = "inline", content, children


def _scan_entities(body: Body, content: str, line: int, env: dict[str, Any],
                   children: list[Any] | None = None) -> None:
    """Characters the raw text does not show: HTML entities such as &#x202E; decode to them."""
    if "&" not in content:
        return
    for child in _children(content, env) if children is None else children:
        bad = chars.first_forbidden(child.content) if child.type == "text" else None
        if bad is not None:
            body.characters.append((line, bad[1]))


def _scan_inline(body: Body, content: str, line: int, env: dict[str, Any]) -> None:
    children = _children(content, env)
    _scan_entities(body, content, line, env, children)
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "html_inline":
            body.html.append(line)
        elif child.type == "link_open":
            body.links.append(Link(line, str(child.attrGet("href") or ""), False))
        elif child.type == "image":
            body.links.append(Link(line, str(child.attrGet("src") or ""), True))


def _attach_markdown(body: Body, lines: list[str]) -> None:
    """Give every section its own source text, so pages can render it later."""
    starts = sorted(
        [(s.line, s) for s in body.sections.values()]
        + [(sub.line, sub) for s in body.sections.values() for sub in s.subsections.values()],
        key=lambda pair: pair[0],
    )
    for index, (line, sec) in enumerate(starts):
        end = len(lines) + body.offset
        for later_line, later in starts[index + 1:]:
            if later.level <= sec.level:
                end = later_line - 1
                break
        sec.markdown = "\n".join(lines[line - body.offset: end - body.offset]).strip("\n")
