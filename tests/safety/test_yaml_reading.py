"""The fast paths of YAML reading give exactly what the slow, general ones give (issue 11).

A full check of a large district spends a third of its time in front matter, so reading
takes shortcuts: values built without SafeConstructor (frontmatter.construct), tags resolved
without PyYAML's path machinery (limits.LOADER), and nesting measured on the composed nodes
rather than on a second pass over the event stream (frontmatter._compose). Hypothesis writes
YAML around the edges of each shortcut and compares it with the general path.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.reading import frontmatter, limits

SCALARS = ["2025-10-20", "2025-02-30", "2025-1-5", "2025-13-01", "0000-01-01", "9999-12-31", "2025-10-20 10:00:00",
           "2025-10-20T10:00:00Z", "0", "00", "010", "08", "12", "-3", "+3", "1_000", "0x1F", "0b101", "0o17", "1:08",
           "190:20:30", "1.5", ".5", "1e3", ".inf", "-.Inf", ".nan", "~", "null", "Null", "NULL", "", "yes", "No",
           "ON", "off", "true", "False", "y", "n", "文字", "中文：全角", "'quoted'", '"双引号"', '"2025-10-20"',
           "'12'", "!!str 12", "!!int '12'", "!!float 1", "!!binary aGk=", "!!timestamp 2025-10-20", "a b",
           "=", "<<", "１２", "٣", "2025-10-2０"]


def _scalar() -> st.SearchStrategy[str]:
    return st.sampled_from(SCALARS)


def _flow(depth: int) -> st.SearchStrategy[str]:
    if depth == 0:
        return _scalar()
    inner = _flow(depth - 1)
    return st.one_of(
        _scalar(),
        st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(st.sampled_from(["a", "键", "1", "<<", "~", "true", "2025-10-20"]), inner), max_size=3)
        .map(lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"),
    )


def _block(depth: int, indent: str = "") -> st.SearchStrategy[str]:
    """A block mapping of keys whose values are scalars, flow collections or nested blocks."""
    key = st.sampled_from(["名称", "提供单位", "日期", "a", "1", "<<", "数量", "? 复杂"])
    value: st.SearchStrategy[tuple[str, str]] = _flow(2).map(lambda v: (" " + v, ""))
    if depth > 0:
        value = st.one_of(
            value,
            _block(depth - 1, indent + "  ").map(lambda b: ("", "\n" + b)),
            st.lists(_block(depth - 1, indent + "    "), min_size=1, max_size=2).map(
                lambda items: ("", "".join("\n" + indent + "  - " + b.lstrip() for b in items))),
        )
    return st.lists(st.tuples(key, value), min_size=1, max_size=4).map(
        lambda pairs: "\n".join(f"{indent}{k}:{v}{rest}" for k, (v, rest) in pairs))


def _outcome(fn: Any) -> tuple[str, Any]:
    try:
        value = fn()
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        return "error", type(exc)
    return "value", _typed(value)


def _typed(value: Any) -> Any:
    """The value with every leaf's type, so 1 == True == 1.0 do not pass for one another."""
    if isinstance(value, dict):
        return {_typed(k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value if value == value else "nan")


def _nodes(node: Node) -> list[tuple[str, str, int, int, Any]]:
    out = [(type(node).__name__, node.tag, node.start_mark.line, node.start_mark.column,
            node.value if isinstance(node, ScalarNode) else None)]
    if isinstance(node, SequenceNode):
        for item in node.value:
            out += _nodes(item)
    elif isinstance(node, MappingNode):
        for k, v in node.value:
            out += _nodes(k) + _nodes(v)
    return out


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_block(3))
@example("日期: 2025-02-30")
@example("a: [010, 0o17, 1_000, 2025-1-5]")
@example("a: {<<: {b: 1}, c: 2}")
@example("a: {1: x}")
def test_values_are_safe_constructors_own(source: str) -> None:
    try:  # composed twice: SafeConstructor rewrites merge keys in the nodes it is given
        mine, stock = (yaml.compose(source, Loader=yaml.SafeLoader) for _ in range(2))
    except yaml.YAMLError:
        return
    assert isinstance(mine, MappingNode) and isinstance(stock, MappingNode)
    for (_, node), (_, same) in zip(mine.value, stock.value, strict=True):
        fast = _outcome(lambda node=node: frontmatter.construct(node))
        slow = _outcome(lambda same=same: SafeConstructor().construct_object(same, deep=True))
        assert fast == slow, (source, fast, slow)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_block(3))
def test_tags_and_marks_match_the_stock_loaders(source: str) -> None:
    stock = [getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader]
    results = []
    for loader in [limits.LOADER, *stock]:
        try:
            root = yaml.compose(source, Loader=loader)
        except yaml.YAMLError as exc:
            results.append(("error", type(exc).__name__))
            continue
        results.append(("nodes", _nodes(root) if root is not None else None))
    assert results[0] == results[1]  # libyaml with our resolver == libyaml with PyYAML's
    if results[0][0] == "nodes" and results[2][0] == "nodes" and results[0][1] is not None:
        def tags(nodes: list[tuple[str, str, int, int, Any]]) -> list[tuple[str, str, Any]]:
            return [(kind, tag, value) for kind, tag, _, _, value in nodes]  # the two parsers place empty nulls apart

        assert tags(results[0][1]) == tags(results[2][1] or [])


def _reference(text: str) -> list[tuple[int, int, str]]:
    """The reading before the shortcut: nesting and anchors checked on the event stream first."""
    lines = text.split("\n")
    close = lines.index("---", 1)
    limit = limits.structure("\n".join(lines[1:close]), 1)
    if limit is not None:
        return [(limit.line or 1, limit.column, limit.code)]
    return [(p.pos.line, p.pos.column, p.code) for p in frontmatter.parse(text).problems]


def _nested(depth: int, flow: bool, colon: bool, broken: bool) -> str:
    if flow:
        body = "a: " + "[" * depth + "x" + "]" * depth
    else:
        body = "\n".join("  " * i + f"k{i}:" for i in range(depth)) + " x"
    if colon:
        body += "\n名称：全角"
    if broken:
        body += "\nb: [unclosed"
    return f"---\n备案类型: 立项申请\n{body}\n---\n正文\n"


@pytest.mark.parametrize("flow", [False, True])
@pytest.mark.parametrize("depth", [1, 4, 5, 9, 10, 11, 12, 30])
@pytest.mark.parametrize("colon", [False, True])
@pytest.mark.parametrize("broken", [False, True])
def test_nesting_verdict_is_the_event_streams(depth: int, flow: bool, colon: bool, broken: bool) -> None:
    text = _nested(depth, flow, colon, broken)
    got = [(p.pos.line, p.pos.column, p.code) for p in frontmatter.parse(text).problems]
    assert got == _reference(text)
    levels = depth + 1 if flow else depth  # the root mapping, then `depth` lists or nested mappings
    assert any(p[2] == "E109" for p in got) == (levels > limits.MAX_DEPTH)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_block(6))
def test_random_nesting_verdicts_match(source: str) -> None:
    text = f"---\n{source}\n---\n"
    got = [(p.pos.line, p.pos.column, p.code) for p in frontmatter.parse(text).problems]
    assert got == _reference(text)


def test_a_date_that_does_not_exist_is_still_an_error() -> None:
    text = "---\n备案类型: 合同备案\n签订日期: 2025-02-30\n---\n"
    problems = frontmatter.parse(text).problems
    assert [(p.pos.line, p.code) for p in problems] == [(3, "E206")]
    assert frontmatter.parse("---\n签订日期: 2025-02-28\n---\n").entries["签订日期"].value == dt.date(2025, 2, 28)
