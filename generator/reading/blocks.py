"""Block structure of a filing body: a line scanner for plain Markdown, markdown-it for the rest.

markdown-it-py spends most of a large district's check building block tokens one rule
at a time. Filings are written in a small part of Markdown: ## and ### headings,
paragraphs, list items, pipe tables and 「> 填写说明」 quotes. `scan` reads exactly that
part line by line and tells a `Sink` what body.parse would read from markdown-it's tokens
("commonmark" with tables): each heading, each block's text (paragraph, list item, table
cell) with its line, each quote and each table. Whenever a line could mean anything else
(indentation, tabs, fences, raw HTML blocks, setext underlines, rules, reference
definitions, lazy continuations of a quote, a table that interrupts a paragraph …) it
declines, and the caller parses the body with `md` instead.
tests/test_body_blocks.py compares the two on every body of the demo, the test fixtures
and thousands of generated bodies.

`md` leaves out markdown-it's `inline` and `text_join` core rules: body.parse runs the
inline parser itself, only on text holding one of INLINE_MARKS (a link or image needs
"[", raw HTML or an autolink "<", an entity "&"); other text has no inline token
body.parse looks at.
"""
from __future__ import annotations

from typing import Protocol

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.rules_block.table import MAX_AUTOCOMPLETED_CELLS, escapedSplit, headerLineRe

md = MarkdownIt("commonmark", {"html": True}).enable("table").disable(["inline", "text_join"])
md.validateLink = lambda url: True  # type: ignore[method-assign]  # keep javascript: links as tokens, so the checks can refuse them
INLINE_MARKS = ("[", "<", "&")

# First characters after which a line may open a block other than a paragraph (or, for
# "[", a reference definition). Digits are looked at more closely (ordered list items).
_SPECIAL = frozenset(" \t#>-*+_|<`~=:[")
_DIGITS = frozenset("0123456789")
# Characters that make markdown-it do more than this scanner knows: tabs (indentation
# arithmetic), NUL and CR (its normalisation).
_UNSAFE = ("\t", "\0", "\r")


class Sink(Protocol):
    """What body.parse takes from the block structure; lines are 1-based file lines."""

    def section(self, level: int, line: int, entity_line: int, content: str) -> None:
        """A ## or ### heading (its text as markdown-it gives it)."""

    def text(self, line: int, content: str) -> None:
        """The text of a block: a paragraph, list item, table cell, or other heading."""

    def quote(self, opening: bool, guidance: bool = False) -> None:
        """A blockquote opens (guidance: its first paragraph starts with 填写说明) or closes."""

    def table(self, line: int, header: list[str], rows: list[tuple[int, list[str]]]) -> None:
        """A table, its cells stripped; the cells' texts follow as `text`, header first."""


class _Decline(Exception):
    """This body needs markdown-it."""


def scan(source: str, sink: Sink, offset: int) -> bool:
    """Tell `sink` the blocks of `source` (whose first line is file line offset + 1); False
    when only markdown-it can tell (then `sink` may have been told part of it)."""
    if any(ch in source for ch in _UNSAFE):
        return False
    try:
        _Scanner(source, sink, offset + 1).run()
    except _Decline:
        return False
    return True


def _heading(line: str) -> tuple[int, str] | None:
    """(level, content) of an ATX heading line, as markdown-it's heading rule reads it."""
    level = len(line) - len(line.lstrip("#"))
    if level == 0 or level > 6 or (len(line) > level and line[level] != " "):
        return None
    end = len(line)
    while end > level and line[end - 1] == " ":
        end -= 1
    tmp = end
    while tmp > level and line[tmp - 1] == "#":
        tmp -= 1
    if tmp > level and line[tmp - 1] == " ":
        end = tmp
    return level, mdTrim(line[level:end])


def _item(line: str) -> tuple[bool, int, str] | None:
    """(ordered, number, content) of a list item line with text, or None when the line
    is no list item. An item whose text is empty, indented code or itself a block
    (nested list, heading, quote, rule …) declines."""
    first = line[0]
    if first in "-*+":
        if len(line) < 2 or line[1] != " ":
            return None
        ordered, number, rest = False, 0, line[1:]
    elif first in _DIGITS:
        digits = len(line) - len(line.lstrip("0123456789"))
        if digits > 9 or len(line) <= digits or line[digits] not in ".)":
            return None
        rest = line[digits + 1:]
        if rest and rest[0] != " ":
            return None
        ordered, number = True, int(line[:digits])
    else:
        return None
    content = rest.lstrip(" ")
    if not content or len(rest) - len(content) > 4:
        raise _Decline  # an empty item, or indented code in it
    return ordered, number, content


class _Scanner:
    def __init__(self, source: str, sink: Sink, first: int) -> None:
        self.lines = source.split("\n")
        if self.lines[-1] == "":
            self.lines.pop()  # markdown-it has no line after the last newline
        self.sink, self.first = sink, first  # first: the file line of lines[0]
        self.references_possible = "]:" in source

    # -- line classes ---------------------------------------------------------------

    def plain(self, text: str) -> bool:
        """Whether a line starting with `text` can only continue or start a paragraph."""
        first = text[0]
        if first in _SPECIAL:
            return first == "[" and not self.references_possible
        if first in _DIGITS:
            return _item(text) is None
        return True

    # -- the scan -------------------------------------------------------------------

    def run(self) -> None:
        lines, i = self.lines, 0
        while i < len(lines):
            line = lines[i]
            if not line.strip(" "):
                i += 1
                continue
            if line[0] == " " or not mdTrim(line):
                raise _Decline  # indentation; a line of other white space
            if "|" in line and self.delimiter_follows(i):
                if line[0] != "|":
                    raise _Decline  # a table without a leading pipe, or one a heading becomes
                i = self.table(i)
                continue
            first = line[0]
            heading = _heading(line) if first == "#" else None
            if heading is not None:
                self.heading(i, *heading)
                i += 1
            elif first == ">":
                i = self.quote(i)
            elif (first in "-*+" or first in _DIGITS) and _item(line) is not None:
                i = self.items(i)
            elif self.plain(line):
                i = self.paragraph(i)
            else:
                raise _Decline

    def delimiter_follows(self, index: int) -> bool:
        """Whether the next line could be a table's delimiter row (table rule, first test)."""
        if index + 1 >= len(self.lines):
            return False
        nxt = self.lines[index + 1].lstrip(" ")
        return len(nxt) >= 2 and nxt[0] in "|-:" and not (nxt[0] == "-" and nxt[1] == " ")

    def heading(self, index: int, level: int, content: str) -> None:
        line = index + self.first
        if level in (2, 3):
            self.sink.section(level, line, line, content)
        else:
            self.sink.text(line, content)  # body.parse reads other headings as text

    def paragraph(self, start: int) -> int:
        """A paragraph at the top level; returns the line after it."""
        lines, i = self.lines, start + 1
        while i < len(lines):
            line = lines[i]
            if not line.strip(" "):
                break
            if line[0] == " " or not mdTrim(line):
                raise _Decline
            if line[0] == "#" and _heading(line) is not None or line[0] == ">":
                break  # a heading or a quote ends a paragraph
            if line[0] in "-*+" or line[0] in _DIGITS:
                got = _item(line)
                if got is not None:
                    if got[0] and got[1] != 1:
                        raise _Decline  # "2." continues a paragraph: rare, leave it to markdown-it
                    if not self.plain(got[2]):
                        raise _Decline
                    break  # a list item ends a paragraph
            if not self.plain(line):
                raise _Decline
            i += 1
        self.inline(start, i)
        return i

    def inline(self, start: int, end: int, text: list[str] | None = None) -> None:
        self.sink.text(start + self.first, mdTrim("\n".join(self.lines[start:end] if text is None else text)))

    def items(self, start: int) -> int:
        """List items, one paragraph each (lazy continuation lines included)."""
        lines, i = self.lines, start
        while i < len(lines):
            got = _item(lines[i])
            if got is None:
                break
            if not self.plain(got[2]):
                raise _Decline  # a nested block: list, heading, quote, code …
            text, j = [got[2]], i + 1
            while j < len(lines):
                line = lines[j]
                if not line.strip(" "):
                    break
                if line[0] == " " or not mdTrim(line):
                    raise _Decline
                if line[0] in "-*+" or line[0] in _DIGITS:
                    if _item(line) is not None:
                        break  # the next item
                if line[0] == "#" and _heading(line) is not None:
                    break  # a heading ends the list
                if not self.plain(line):
                    raise _Decline
                text.append(line)
                j += 1
            self.inline(i, j, text)
            if j >= len(lines) or not lines[j].strip(" ") or lines[j][0] == "#":
                return j
            i = j
        return i

    def quote(self, start: int) -> int:
        """A blockquote of paragraphs: every line starts with ">", a blank line ends it."""
        lines, i = self.lines, start
        para: list[str] = []
        para_start = start
        last_empty = False
        while i < len(lines):
            line = lines[i]
            if not line.strip(" "):
                break
            if line[0] != ">":
                if last_empty and line[0] != " " and mdTrim(line):
                    break  # a line after an empty ">" line is outside the quote
                raise _Decline  # a lazy continuation, or a block ending the quote
            if "|" in line:
                raise _Decline
            inner = line[2:] if line[1:2] == " " else line[1:]
            last_empty = not inner.strip(" ")
            if last_empty:
                if i == start:
                    raise _Decline  # the quote's first block decides 填写说明; keep it simple
                if para:
                    self.quote_paragraph(para_start, i, para)
                    para = []
            else:
                if inner[0] == " " or not mdTrim(inner) or not self.plain(inner):
                    raise _Decline
                if i == start:  # the first paragraph decides whether this is a 填写说明 quote
                    self.sink.quote(True, mdTrim(inner).startswith("填写说明"))
                if not para:
                    para_start = i
                para.append(inner)
            i += 1
        if para:
            self.quote_paragraph(para_start, i, para)
        self.sink.quote(False)
        return i

    def quote_paragraph(self, start: int, end: int, text: list[str]) -> None:
        self.inline(start, end, text)

    def table(self, start: int) -> int:
        """A pipe table, as markdown-it's table rule reads it; a line that is no table declines."""
        lines = self.lines
        delimiter = lines[start + 1]
        if delimiter[0] == " " or any(ch not in "|-: " for ch in delimiter):
            raise _Decline
        aligns = 0
        columns = delimiter.split("|")
        for index, column in enumerate(columns):
            cell = mdTrim(column)
            if not cell:
                if index in (0, len(columns) - 1):
                    continue
                raise _Decline
            if not headerLineRe.search(cell):
                raise _Decline
            aligns += 1
        header = self.cells(mdTrim(lines[start]))
        count = len(header)
        if count == 0 or count != aligns:
            raise _Decline
        rows: list[tuple[int, list[str]]] = []
        i, filled = start + 2, 0
        while i < len(lines):
            line = lines[i]
            if not line.strip(" "):
                break
            if line[0] == " " or not mdTrim(line):
                raise _Decline
            if line[0] != "|" and not self.plain(line):
                raise _Decline  # a block ending the table, or a line markdown-it may read so
            cells = self.cells(mdTrim(line))
            filled += count - len(cells)
            if filled > MAX_AUTOCOMPLETED_CELLS:
                raise _Decline
            rows.append((i, cells))
            i += 1
        # each row's cells as markdown-it's inline tokens hold them: trimmed, missing ones empty
        first, sink = self.first, self.sink
        read = [(index + first, [mdTrim(cells[k]) if k < len(cells) and cells[k] else "" for k in range(count)])
                for index, cells in [(start, header), *rows]]
        sink.table(start + first, [t.strip() for t in read[0][1]], [(at, [t.strip() for t in texts])
                                                                     for at, texts in read[1:]])
        for at, texts in read:
            for text in texts:
                sink.text(at, text)
        return i

    @staticmethod
    def cells(text: str) -> list[str]:
        # escapedSplit, character by character, differs from str.split only at a backslash
        columns = escapedSplit(text) if "\\" in text else text.split("|")
        if columns and columns[0] == "":
            columns.pop(0)
        if columns and columns[-1] == "":
            columns.pop()
        return columns
