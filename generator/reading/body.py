"""Markdown body structure from markdown-it-py tokens and their line maps.

Sections (## and ###), tables, links and raw HTML are located by the token
maps of the parser; lines are absolute file lines (1-based).

Speed (a large district has tens of thousands of bodies): the block structure of an
ordinary body comes from `blocks.scan`, a line scanner that gives the very tokens
markdown-it would for the plain Markdown filings are written in and declines anything
else, which markdown-it then parses. Inline parsing (links, images, raw HTML, entities)
runs only on the text that can hold one of them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markdown_it.rules_core.state_core import StateCore
from markdown_it.rules_core.text_join import text_join

from . import chars
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
    env: dict[str, Any] = {}  # link reference definitions, for the inline parser
    tokens: list[Any] | None = _scan_blocks(source)
    if tokens is None:
        tokens = _md.parse(source, env)
    body = Body(source=source, offset=offset)
    lines = source.split("\n")
    current: dict[int, BodySection | None] = {2: None, 3: None}
    quote_depth = 0
    quote_is_guidance = False
    i, count = 0, len(tokens)
    while i < count:
        tok = tokens[i]
        kind = tok.type
        if kind == "inline":  # most tokens: look at nothing else first
            content = tok.content
            if "[" in content or "<" in content or "&" in content:  # else it holds no inline token we read
                _scan_inline(body, tok, tok.map[0] + 1 + offset if tok.map else offset + 1, env)
            _add_text(current, content, quote_depth > 0 and quote_is_guidance)
            i += 1
            continue
        line = tok.map[0] + 1 + offset if tok.map else None
        if kind == "heading_open" and tok.tag in ("h2", "h3"):
            title = tokens[i + 1].content.strip()
            _scan_entities(body, tokens[i + 1], line or offset + 1, env)
            section = BodySection(title, int(tok.tag[1]), line or 0)
            _place(body, current, section)
            i += 3
            continue
        if kind == "blockquote_open":
            quote_depth += 1
            nxt = tokens[i + 2] if i + 2 < count else None
            quote_is_guidance = bool(nxt and nxt.type == "inline" and nxt.content.startswith("填写说明"))
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind == "html_block":
            body.html.append(line or offset + 1)
        elif kind == "table_open":
            _add_table(current, _read_table(tokens, i, offset))
        elif kind in ("fence", "code_block"):
            _add_text(current, tok.content, False)
        i += 1
    _attach_markdown(body, lines)
    return body


def _place(body: Body, current: dict[int, BodySection | None], section: BodySection) -> None:
    if section.level == 2:
        current[2], current[3] = section, None
        target = body.sections
    else:
        parent = current[2]
        current[3] = section
        target = parent.subsections if parent else body.sections
    if section.title in target:
        body.duplicates.append(section)
    else:
        target[section.title] = section


def _add_text(current: dict[int, BodySection | None], text: str, guidance: bool) -> None:
    text += "\n"
    top, sub = current[2], current[3]
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


def _add_table(current: dict[int, BodySection | None], table: Table) -> None:
    sec = current[3] or current[2]
    if sec is not None:
        sec.tables.append(table)


def _read_table(tokens: list[Any], start: int, offset: int) -> Table:
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
    return Table(first, header, rows)


def _children(tok: Any, env: dict[str, Any]) -> list[Any]:
    """The inline tokens of a block's text, parsed only when it can hold a link, an image, raw
    HTML or an entity (INLINE_MARKS): exactly what markdown-it's `inline` and `text_join` core
    rules give, which `blocks.md` leaves out."""
    content = tok.content
    if "[" not in content and "<" not in content and "&" not in content:  # INLINE_MARKS
        return []
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


def _scan_entities(body: Body, tok: Any, line: int, env: dict[str, Any],
                   children: list[Any] | None = None) -> None:
    """Characters the raw text does not show: HTML entities such as &#x202E; decode to them."""
    if "&" not in tok.content:
        return
    for child in _children(tok, env) if children is None else children:
        bad = chars.first_forbidden(child.content) if child.type == "text" else None
        if bad is not None:
            body.characters.append((line, bad[1]))


def _scan_inline(body: Body, tok: Any, line: int, env: dict[str, Any]) -> None:
    children = _children(tok, env)
    if not children:
        return
    _scan_entities(body, tok, line, env, children)
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
