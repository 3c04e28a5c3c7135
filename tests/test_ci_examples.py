"""The CI examples parse, and the merge-request check compares with the target branch (--base)."""
from __future__ import annotations

from pathlib import Path

import yaml

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "ci"


def commands(node: object) -> list[str]:
    if isinstance(node, dict):
        return [c for v in node.values() for c in commands(v)]
    if isinstance(node, list):
        return [c for v in node for c in commands(v)]
    return [node] if isinstance(node, str) else []


def test_examples_parse_and_pass_a_base() -> None:
    files = sorted(EXAMPLES.glob("*.yml"))
    assert len(files) == 2
    for path in files:
        lines = commands(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert any(line.startswith("filings check --base") or "/filings check --base" in line for line in lines), path
        assert any("filings build" in line for line in lines), path
