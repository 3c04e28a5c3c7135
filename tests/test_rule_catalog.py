"""`filings rules` documents exactly what the program emits, with the article each message cites.

The emitted problems come from running the checks and the engine for real: the golden fixtures,
the demo district, the bad calendar files and one small scenario per remaining code
(tests/engine/emitted.py), never from searching the source.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.engine.rules import all_rules
from generator.problems import Problem
from generator.schema.registry import DEPARTMENT_FIELDS, REGISTRY_FIELDS
from generator.schema.types import FILING_TYPES

sys.path.insert(0, str(Path(__file__).resolve().parent / "engine"))
import emitted  # noqa: E402


@pytest.fixture(scope="module")
def problems(tmp_path_factory: pytest.TempPathFactory) -> list[Problem]:
    return emitted.everything(tmp_path_factory.mktemp("emitted"))


def schema_articles() -> set[str | None]:
    """Every article the schema gives a key, a resource key or a section."""
    found: set[str | None] = {None}
    fields = list(REGISTRY_FIELDS + DEPARTMENT_FIELDS)
    for ftype in FILING_TYPES.values():
        fields += list(ftype.fields) + [item for f in ftype.fields for item in f.item_fields]
        found |= {s.article for s in ftype.sections} | {sub.article for s in ftype.sections for sub in s.subsections}
    return found | {f.article for f in fields}


def test_every_emitted_code_is_listed(problems: list[Problem]) -> None:
    listed = {r.code for r in all_rules()}
    assert {p.code for p in problems} <= listed, {p.code for p in problems} - listed


def test_every_listed_code_is_emitted(problems: list[Problem]) -> None:
    listed = {r.code for r in all_rules()}
    assert listed <= {p.code for p in problems}, listed - {p.code for p in problems}


def test_kind_of_each_problem_matches_its_rule(problems: list[Problem]) -> None:
    kinds = {r.code: r.kind for r in all_rules()}
    assert {(p.code, p.kind) for p in problems if kinds.get(p.code) != p.kind} == set()


def test_each_message_cites_the_article_in_rules(problems: list[Problem]) -> None:
    """The article a problem carries (and prints) is the one `filings rules` lists for its code; a code
    whose article depends on the key or section cites one the schema gives."""
    rules = {r.code: r for r in all_rules()}
    allowed = schema_articles()
    wrong = {(p.code, p.article) for p in problems
             if (p.article not in allowed if rules[p.code].from_schema else p.article != rules[p.code].article)}
    assert wrong == set()


def test_codes_are_unique_and_kinds_match() -> None:
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert all((r.kind == "error") == r.code.startswith("E") for r in rules)


@pytest.mark.parametrize("code, article", [
    ("E305", "依所涉键或章节"),   # 密码应用方案 is 第二十八条, 公共数据资源目录 第二十四条 …
    ("E301", "依所涉键或章节"),
    ("E403", "第三条"),
    ("E422", "—"),               # a code format is the district's convention, no article says it
    ("E501", "第三十二条"),
    ("F130", "第十三条"),
])
def test_rules_command_lists_articles(capsys: pytest.CaptureFixture[str], code: str, article: str) -> None:
    assert main(["rules", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert f"| {code} | {article} | " in out


def test_missing_crypto_plan_cites_article_28(problems: list[Problem]) -> None:
    cited = {p.article for p in problems if p.code == "E305" and "密码应用方案" in p.message}
    assert cited == {"第二十八条"}
