"""Bounded work for any input: limits checked before the YAML and Markdown parsers run.

Every limit is documented in docs/安全与可靠性.md; the numbers are far above what a real
filing needs (the largest demo filing is 7 KB, its largest front matter 1.4 K characters)
and far below what makes a parser slow. libyaml composes nested collections recursively
and crashes the process beyond some ten thousand levels, so depth is measured on the
parser's event stream, which builds nothing, before any node tree is composed.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import chars

_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class _Resolver:
    """Resolver without what YAML's safe schema never uses (path resolvers): libyaml's composer
    calls back into Python three times for every node, some 5% of checking a filing.
    Same tags: the implicit resolvers are the safe loader's own, chosen by first character
    (tests/safety/test_yaml_reading.py compares the node trees)."""

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]]

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: object, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0] and isinstance(value, str):
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is SequenceNode else _MAP


if hasattr(yaml, "CSafeLoader") and not yaml.SafeLoader.yaml_path_resolvers and None not in yaml.SafeLoader.yaml_implicit_resolvers:
    class _CLoader(_Resolver, yaml.CSafeLoader):
        pass

    # libyaml's parser when PyYAML was built with it (the wheels are): same nodes and marks, several times faster.
    LOADER: type = _CLoader
else:
    LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 1024 * 1024  # a filing, registry.yml or calendar.yml
MAX_FRONT_MATTER_CHARS = 65536
MAX_VALUE_CHARS = 5000  # one key or value as YAML decodes it
MAX_DEPTH = 10  # nested lists and mappings; filings need 3
MAX_TABLE_COLUMNS = 50
MAX_TABLE_ROWS = 2000
_TOO_BIG_HINT = "请把大段材料放进「附件」文件夹，正文只写摘要"


@dataclass(frozen=True)
class Limit:
    """A limit that was exceeded: 1-based line (None: the whole file) and Chinese message."""

    line: int | None
    column: int
    message: str
    code: str = "E109"  # E108 for a forbidden character


def file_too_big(size: int) -> Limit | None:
    """`size` is what was read: readers stop one byte past the limit."""
    if size <= MAX_FILE_BYTES:
        return None
    return Limit(None, 1, f"文件大于上限 {MAX_FILE_BYTES:,} 字节（1 MiB），未读取：{_TOO_BIG_HINT}")


def front_matter_too_big(chars_count: int) -> Limit | None:
    if chars_count <= MAX_FRONT_MATTER_CHARS:
        return None
    return Limit(1, 1, f"YAML 头部有 {chars_count:,} 个字符，超过上限 {MAX_FRONT_MATTER_CHARS:,} 个，未解析："
                       f"头部只写“键: 值”，{_TOO_BIG_HINT}")


@functools.cache
def _lead(columns: int) -> re.Pattern[str]:
    """A line whose leading run of block indicators and spaces is `columns` long or longer."""
    return re.compile(f"^[ ?:-]{{{columns},}}", re.M)


def _depth_within(source: str, bound: int) -> bool:
    """Whether a cheap upper bound of the nesting depth, flow brackets plus twice (the deepest
    block column + 1), is at most `bound`: one search for a line indented past what it allows."""
    room = bound - source.count("[") - source.count("{")
    return room >= 2 and _lead(room // 2).search(source) is None


SAFE_DEPTH = 1000  # far below the nesting at which libyaml's recursive composer crashes


def shallow(source: str) -> bool:
    """Certainly within MAX_DEPTH and free of anchors and aliases: structure() has nothing to say."""
    return "&" not in source and "*" not in source and _depth_within(source, MAX_DEPTH)


def composable(source: str) -> bool:
    """Safe to compose before measuring: no anchors or aliases (which the node tree no longer shows)
    and nesting far below what crashes libyaml. Its depth is then measured on the nodes (too_deep)."""
    return "&" not in source and "*" not in source and _depth_within(source, SAFE_DEPTH)


def structure(source: str, offset: int) -> Limit | None:
    """Nesting depth and anchors/aliases, from the event stream (no node tree is built)."""
    if shallow(source):
        return None
    depth = 0
    try:
        for event in yaml.parse(source, Loader=LOADER):
            assert event.start_mark is not None  # the parser marks every event it emits
            line = event.start_mark.line + 1 + offset
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return Limit(line, event.start_mark.column + 1,
                             "不能使用 YAML 锚点和别名（& 和 *）：请把值直接写出来；含 & 或 * 的文字请加引号")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return _too_deep(line, event.start_mark.column + 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # the composer reports the syntax error where it is
    return None


def _too_deep(line: int, column: int) -> Limit:
    return Limit(line, column, f"列表和“键: 值”嵌套超过 {MAX_DEPTH} 层，未解析：请检查此处的括号和缩进")


def too_deep(root: Node, offset: int) -> Limit | None:
    """structure()'s depth verdict on a composed tree: the first collection, in document order,
    nested more than MAX_DEPTH deep (a collection node starts where its start event does)."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, ScalarNode):
            continue
        if depth > MAX_DEPTH:
            return _too_deep(node.start_mark.line + 1 + offset, node.start_mark.column + 1)
        children = [c for pair in node.value for c in pair] if isinstance(node, MappingNode) else node.value
        stack.extend((child, depth + 1) for child in reversed(children))
    return None


def scalars(node: Node, is_key: bool = False) -> Iterator[tuple[ScalarNode, bool]]:
    """Every scalar under node with whether it is a key, without recursion."""
    stack = [(node, is_key)]
    while stack:
        current, key = stack.pop()
        if isinstance(current, ScalarNode):
            yield current, key
        elif isinstance(current, MappingNode):
            for k, v in reversed(current.value):
                stack.extend(((v, False), (k, True)))
        elif isinstance(current, SequenceNode):
            stack.extend((item, False) for item in reversed(current.value))


def scalar_problem(node: ScalarNode, offset: int, is_key: bool = False) -> Limit | None:
    """A decoded key or value that is too long or holds a forbidden character (a key: not even
    a tab or newline)."""
    line, column = node.start_mark.line + 1 + offset, node.start_mark.column + 1
    if len(node.value) > MAX_VALUE_CHARS:
        return Limit(line, column, f"此值有 {len(node.value):,} 个字符，超过上限 {MAX_VALUE_CHARS:,} 个：{_TOO_BIG_HINT}")
    bad = chars.first_forbidden(node.value, in_name=is_key)
    if bad is not None:
        if node.style in ("|", ">"):  # block scalars keep their lines: point at the character's own line
            line += 1 + node.value.count("\n", 0, bad[0])
        return Limit(line, column, f"含有{chars.describe(bad[1])}：请删除它（写在双引号里的转义如 \"\\b\" 也算），"
                                   "通常是从其他软件复制粘贴带来的", "E108")
    return None


def needs_scalar_scan(source: str) -> bool:
    """Whether any scalar could break a limit: raw bidi characters, escapes, or a long enough text."""
    return (len(source) > MAX_VALUE_CHARS or "\\" in source or "\t" in source
            or chars.FORBIDDEN.search(source) is not None)


def body_limits(body: str, offset: int) -> list[Limit]:
    """Tables too wide or too long, found before markdown-it (whose table rule is slow on them) runs."""
    found: list[Limit] = []
    run_start, run = 0, 0
    for index, line in enumerate(body.split("\n")):
        pipes = line.count("|")
        if pipes > MAX_TABLE_COLUMNS + 1:
            found.append(Limit(index + 1 + offset, 1, f"表格一行有 {pipes - 1} 列以上，超过上限 {MAX_TABLE_COLUMNS} 列："
                                                      "请拆分表格，或把明细放进附件"))
            break
        if pipes:
            run_start, run = (run_start, run + 1) if run else (index, 1)
            if run == MAX_TABLE_ROWS + 3:  # header and delimiter rows do not count
                found.append(Limit(run_start + 1 + offset, 1, f"表格超过 {MAX_TABLE_ROWS} 行：请把明细放进附件（如 xlsx），"
                                                              "正文只写汇总"))
        else:
            run = 0
    return found


def body_characters(body: str, offset: int, most: int = 20) -> list[Limit]:
    """Forbidden characters in the body's own text, one problem per line (at most `most`)."""
    found: list[Limit] = []
    if chars.FORBIDDEN.search(body) is None:
        return found
    for index, line in enumerate(body.split("\n")):
        bad = chars.first_forbidden(line)
        if bad is not None:
            found.append(Limit(index + 1 + offset, bad[0] + 1,
                               f"正文含有{chars.describe(bad[1])}：请删除它，通常是从其他软件复制粘贴带来的", "E108"))
            if len(found) >= most:
                break
    return found
