"""YAML front matter with the parser's own marks for every key and value."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml
import yaml.reader
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import limits

FULLWIDTH_COLON = "："
MAX_RECOVERIES = 50  # full-width colons read as ASCII in one front matter
UNREADABLE = object()  # a value the YAML parser could not construct; already reported
LOADER = limits.LOADER

_YAML_HINTS = {
    "could not find expected ':'": "找不到键后面的英文冒号“:”",
    "mapping values are not allowed here": "这里不能出现“键: 值”（冒号后的值里如含冒号，请给整个值加引号）",
    "found character '\\t' that cannot start any token": "不能用 Tab 缩进，请改用空格",
    "found character '@' that cannot start any token": "以 @ 开头的值（如审核人账号）要加英文引号，例如 \"@zhang-san\"",
    "found unexpected end of stream": "引号或括号没有闭合",
    "did not find expected key": "缩进不一致，找不到下一个键",
    "found undefined alias": "使用了未定义的别名（*）",
    "expected <block end>, but found '-'": "列表项缩进不一致",
}


class Pos(NamedTuple):
    """A 1-based place in a file. A tuple: a large district holds a million of them, and the
    worker processes of a full check pickle every one (a dataclass unpickles ten times slower)."""

    line: int
    column: int


@dataclass
class Entry:
    key: str
    key_pos: Pos
    node: Node
    value: Any


@dataclass
class ReadingProblem:
    """A reading problem, turned into a user-facing ReadingProblem by the checks."""

    pos: Pos
    code: str
    message: str


@dataclass
class FrontMatter:
    entries: dict[str, Entry] = field(default_factory=dict)
    body: str = ""
    body_offset: int = 0  # number of lines before the body
    problems: list[ReadingProblem] = field(default_factory=list)
    ok: bool = True  # false when the front matter could not be read at all


def _pos(node: Node, offset: int) -> Pos:
    return Pos(node.start_mark.line + 1 + offset, node.start_mark.column + 1)


class _Constructor(SafeConstructor):
    pass


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_SLOW = object()  # _direct: this node needs SafeConstructor


def construct(node: Node) -> Any:
    """SafeConstructor's value for a node. The forms filings are made of (text, a date written
    YYYY-MM-DD, a plain decimal integer, null, true/false, and lists and mappings of these under
    text keys) are built directly: the same values, without a constructor object and its
    per-node calls. Anything else (floats, other date forms, merge keys, …) goes through
    SafeConstructor."""
    value = _direct(node)
    return _Constructor().construct_object(node, deep=True) if value is _SLOW else value


def _direct(node: Node) -> Any:
    tag = node.tag
    if isinstance(node, ScalarNode):
        value = node.value
        if tag == _STR:
            return value
        if tag == _TIMESTAMP and len(value) == 10 and value[4] == "-" and value[7] == "-" and value.isascii():
            return dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))  # ValueError for 2025-02-30, as SafeConstructor
        if tag == _INT and value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
            return int(value)  # not 0-led: YAML 1.1 reads 010 as octal
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return SafeConstructor.bool_values[value.lower()]
        return _SLOW
    if isinstance(node, SequenceNode) and tag == _SEQ:
        items = []
        for item in node.value:
            got = _direct(item)
            if got is _SLOW:
                return _SLOW
            items.append(got)
        return items
    if isinstance(node, MappingNode) and tag == _MAP:
        if not all(isinstance(key, ScalarNode) and key.tag == _STR for key, _ in node.value):
            return _SLOW  # merge keys (<<) and the like: SafeConstructor rewrites them before any value
        mapping = {}
        for key, item in node.value:  # a repeated key: the last wins, as in SafeConstructor
            got = _direct(item)
            if got is _SLOW:
                return _SLOW
            mapping[key.value] = got
        return mapping
    return _SLOW


def split(text: str) -> tuple[list[str], int] | ReadingProblem:
    """Return the front-matter lines and the index of the closing delimiter."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return ReadingProblem(Pos(1, 1), "E102", "文件开头缺少 YAML 头部：第一行应为 ---，随后写“键: 值”，再以 --- 结束")
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return lines, i
    return ReadingProblem(Pos(1, 1), "E103", "YAML 头部没有结束：在最后一个键之后加一行 ---")


def parse(text: str) -> FrontMatter:
    got = split(text)
    if isinstance(got, ReadingProblem):
        return FrontMatter(problems=[got], ok=False)
    lines, close = got
    result = FrontMatter(body="\n".join(lines[close + 1:]), body_offset=close + 1)
    too_big = limits.front_matter_too_big(sum(len(line) + 1 for line in lines[1:close]))
    if too_big is not None:
        result.problems.append(_limit(too_big, 1))
        result.ok = False
        return result
    _compose(lines[1:close], result, offset=1)
    return result


def parse_document(text: str) -> FrontMatter:
    """A whole YAML file (registry.yml) read like a front matter, with the same marks."""
    result = FrontMatter()
    _compose(text.split("\n"), result, offset=0)
    return result


def _parse(source: str) -> Node | None:
    """libyaml when it succeeds; on any error the pure-Python parser says where, in characters
    (libyaml counts a reader error's position in UTF-8 bytes)."""
    try:
        return yaml.compose(source, Loader=LOADER)
    except yaml.YAMLError:
        if LOADER is yaml.SafeLoader:
            raise
    return yaml.compose(source, Loader=yaml.SafeLoader)


def _compose(lines: list[str], result: FrontMatter, offset: int) -> None:
    lines = list(lines)
    source = "\n".join(lines)
    # Depth and anchors are checked on the event stream before composing (limits.structure),
    # unless the source is safe to compose first: then its depth is measured on the nodes, and
    # the event stream is consulted only when that finds too deep a nesting or the tree is not
    # the source's own (a syntax error, or a full-width colon read as ASCII), so the verdict
    # and its place are the same either way.
    shallow = limits.shallow(source)
    early = not shallow and not limits.composable(source)
    limit = limits.structure(source, offset) if early else None
    if limit is not None:
        result.problems.append(_limit(limit, offset))
        result.ok = False
        return
    found = len(result.problems)
    root = _compose_recovering(lines, result, offset)
    if not early and not shallow:
        if root is None or len(result.problems) != found or limits.too_deep(root, offset) is not None:
            limit = limits.structure(source, offset)
            if limit is not None:
                del result.problems[found:]
                result.problems.append(_limit(limit, offset))
                result.ok = False
                return
    if root is None:
        return
    if not isinstance(root, MappingNode):
        result.ok = False
        result.problems.append(_not_mapping(root, lines, offset))
        return
    _collect(root, result, offset, scan=limits.needs_scalar_scan("\n".join(lines)))


def _compose_recovering(lines: list[str], result: FrontMatter, offset: int) -> Node | None:
    """Compose; a key line written with a full-width colon is reported (E105), read as if the
    colon were ASCII, and composing goes on, so one run lists every other problem of the file."""
    for _ in range(MAX_RECOVERIES):
        source = "\n".join(lines)
        try:
            root = yaml.compose(source, Loader=LOADER)
        except yaml.MarkedYAMLError as exc:
            marks = [m for m in (exc.context_mark, exc.problem_mark) if m is not None]
            candidates = [m.line for m in marks] + [m.line - 1 for m in marks[-1:]]
            if _recover(lines, candidates, result, offset):
                continue
            return _compose_reporting(source, lines, result, offset)
        except yaml.YAMLError:
            return _compose_reporting(source, lines, result, offset)
        if isinstance(root, ScalarNode) and _recover(lines, [root.start_mark.line], result, offset):
            continue
        return root
    return _compose_reporting("\n".join(lines), lines, result, offset)


def _recover(lines: list[str], candidates: list[int], result: FrontMatter, offset: int) -> bool:
    for index in candidates:
        text = _line(lines, index)
        head = text.split(FULLWIDTH_COLON, 1)[0]
        key = head.strip().lstrip("-").strip()
        if FULLWIDTH_COLON in text and key and not any(c in head for c in ":#'\"[]{}"):
            result.problems.append(_fullwidth(Pos(index + 1 + offset, 1), text))
            lines[index] = head + ": " + text.split(FULLWIDTH_COLON, 1)[1].lstrip(" ")
            return True
    return False


def _compose_reporting(source: str, lines: list[str], result: FrontMatter, offset: int) -> Node | None:
    """Compose once more, to report the error where the pure-Python parser places it."""
    try:
        return _parse(source)
    except yaml.MarkedYAMLError as exc:
        result.problems.append(_syntax_problem(exc, lines, offset))
        result.ok = False
    except yaml.reader.ReaderError as exc:  # a control character; the reader gives an offset, not a mark
        before = source[: exc.position]
        pos = Pos(before.count("\n") + 1 + offset, exc.position - (before.rfind("\n") + 1) + 1)
        result.problems.append(ReadingProblem(pos, "E104", f"含有不可见的控制字符（#x{exc.character:04X}）：请删除它，"
                                                    "通常是从其他软件复制粘贴带来的"))
        result.ok = False
    return None


def _limit(limit: limits.Limit, offset: int) -> ReadingProblem:
    return ReadingProblem(Pos(limit.line or 1, limit.column), limit.code, limit.message)


def _scalar_problems(node: Node, offset: int, is_key: bool = False, most: int = 20) -> list[ReadingProblem]:
    found = [_limit(bad, offset) for scalar, key in limits.scalars(node, is_key)
             if (bad := limits.scalar_problem(scalar, offset, key)) is not None]
    return found[:most]


def _collect(root: MappingNode, result: FrontMatter, offset: int, scan: bool = True) -> None:
    for key_node, value_node in root.value:
        key_pos = _pos(key_node, offset)
        if not isinstance(key_node, ScalarNode):
            result.problems.append(ReadingProblem(key_pos, "E104", "键必须是文字，例如 项目名称: …"))
            continue
        bad_key = _scalar_problems(key_node, offset, is_key=True) if scan else []
        if bad_key:
            result.problems.extend(bad_key)
            continue
        key = key_node.value
        if key in result.entries:
            first = result.entries[key].key_pos.line
            result.problems.append(ReadingProblem(key_pos, "E107", f"键「{key}」重复（第 {first} 行已有）：删去其中一行"))
            continue
        bad_value = _scalar_problems(value_node, offset) if scan else []
        if bad_value:
            result.problems.extend(bad_value)
            result.entries[key] = Entry(key, key_pos, value_node, UNREADABLE)
            continue
        try:
            value = construct(value_node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            result.problems.append(_unreadable(key, key_pos, value_node, exc))
            value = UNREADABLE
        result.entries[key] = Entry(key, key_pos, value_node, value)


def _unreadable(key: str, pos: Pos, node: Node, exc: Exception) -> ReadingProblem:
    text = str(getattr(node, "value", ""))
    if isinstance(exc, ValueError) and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        return ReadingProblem(pos, "E206", f"「{key}」的日期 {text} 不存在：请核对年、月、日")
    return ReadingProblem(pos, "E104", f"「{key}」的值无法读取，请检查写法（如含冒号、# 等符号请给整个值加引号）")


def _line(lines: list[str], yaml_line: int) -> str:
    return lines[yaml_line] if 0 <= yaml_line < len(lines) else ""


def _syntax_problem(exc: yaml.MarkedYAMLError, lines: list[str], offset: int) -> ReadingProblem:
    marks = [m for m in (exc.context_mark, exc.problem_mark) if m is not None]
    mark: yaml.error.Mark | None
    for mark in marks:
        if FULLWIDTH_COLON in _line(lines, mark.line):
            return _fullwidth(Pos(mark.line + 1 + offset, 1), _line(lines, mark.line))
    mark = exc.context_mark or exc.problem_mark  # where the broken construct starts
    hint = _YAML_HINTS.get(str(exc.problem), str(exc.problem))
    pos = Pos(mark.line + 1 + offset, mark.column + 1) if mark else Pos(1 + offset, 1)
    return ReadingProblem(pos, "E104", f"YAML 格式错误：{hint}。每行写作“键: 值”，冒号为英文冒号且后面有一个空格")


def _not_mapping(root: Node, lines: list[str], offset: int) -> ReadingProblem:
    pos = _pos(root, offset)
    text = _line(lines, root.start_mark.line)
    if FULLWIDTH_COLON in text:
        return _fullwidth(pos, text)
    return ReadingProblem(pos, "E106", "YAML 头部应是“键: 值”的列表，例如 备案类型: 立项申请")


def _fullwidth(pos: Pos, text: str) -> ReadingProblem:
    key = text.split(FULLWIDTH_COLON, 1)[0].strip()
    return ReadingProblem(pos, "E105", f"「{key}」后面用了中文全角冒号“：”，键和值之间须用英文冒号加空格，"
                   f"改为 {key}: …")


def item_entries(node: Node, offset: int = 1) -> tuple[dict[str, Entry], list[ReadingProblem]]:
    """Entries of a nested mapping (a resource item), with marks relative to the file."""
    entries: dict[str, Entry] = {}
    problems: list[ReadingProblem] = []
    if not isinstance(node, MappingNode):
        return entries, problems
    for key_node, value_node in node.value:
        key = str(key_node.value)
        pos = _pos(key_node, offset)
        if key in entries:
            problems.append(ReadingProblem(pos, "E107", f"键「{key}」重复：删去其中一行"))
            continue
        try:
            entries[key] = Entry(key, pos, value_node, construct(value_node))
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            problems.append(_unreadable(key, pos, value_node, exc))
            entries[key] = Entry(key, pos, value_node, UNREADABLE)
    return entries, problems


def sequence_items(node: Node) -> list[Node]:
    return list(node.value) if isinstance(node, SequenceNode) else []


def node_pos(node: Node, offset: int = 1) -> Pos:
    return _pos(node, offset)
