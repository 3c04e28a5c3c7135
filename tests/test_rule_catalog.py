"""Every code the program can emit is documented in `filings rules`, and nothing documented is dead."""
from __future__ import annotations

import re
from pathlib import Path

from generator.cli import main
from generator.engine.rules import all_rules

PACKAGE = Path(__file__).resolve().parent.parent / "generator"


def emitted_codes() -> set[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py") if p.name != "codes.py")
    return set(re.findall(r'"([EF]\d{3})"', text))


def test_every_emitted_code_is_listed() -> None:
    listed = {r.code for r in all_rules()}
    assert emitted_codes() <= listed, emitted_codes() - listed


def test_every_listed_code_is_emitted() -> None:
    listed = {r.code for r in all_rules()}
    assert listed <= emitted_codes(), listed - emitted_codes()


def test_codes_are_unique_and_kinds_match() -> None:
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert all((r.kind == "error") == r.code.startswith("E") for r in rules)


def test_rules_command_lists_errors_and_findings(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["rules", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "| E305 | 第七条 | 错误 |" in out
    assert "| F130 | 第十三条 | 合规提示 |" in out
