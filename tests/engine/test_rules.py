"""The rule registry and `filings rules`: every rule declared once, every rule the engine uses declared."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.engine.rules import RULES, RULES_BY_CODE, all_rules, rule
from generator.schema.base import DOCUMENT
from generator.schema.types import FILING_TYPES

ENGINE = Path(__file__).resolve().parents[2] / "generator" / "engine"
CN = dict(zip("一二三四五六七八九", range(1, 10), strict=False))


def article_number(article: str) -> int:
    """第二十六条 → 26 (enough for the Measures' 39 articles)."""
    text = article.removeprefix("第").removesuffix("条")
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return CN[text]
    return (CN.get(tens, 1) if tens else 1) * 10 + (CN[ones] if ones else 0)


def test_codes_are_unique_and_well_formed() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes)) == len(RULES_BY_CODE)
    assert all(re.fullmatch(r"F\d{3}", c) for c in codes)


def test_code_digits_name_one_of_the_articles() -> None:
    for r in RULES:
        if r.articles:
            assert int(r.code[1:3]) in {article_number(a) for a in r.articles}, r.code


def test_every_rule_cites_the_document_and_a_real_article() -> None:
    known = {a for t in FILING_TYPES.values() for a in t.articles} | {"第九条", "第十五条", "第十七条", "第三十条", "第三十二条"}
    for r in RULES:
        assert r.document == DOCUMENT and r.kind == "finding" and r.summary
        assert set(r.articles) <= known, r.code
        assert bool(r.articles) is (r.code != "F000")


def test_interpretations_explain_themselves() -> None:
    for r in RULES:
        assert bool(r.note) is r.interpretation, r.code
    assert {r.code for r in RULES if r.interpretation} >= {"F140", "F170", "F191", "F192", "F262"}


def test_rules_in_the_engine_are_the_rules_declared() -> None:
    used = set()
    for module in [*ENGINE.glob("*.py"), *(ENGINE.parent / "change").glob("*.py")]:  # change/: F320, F321
        used |= set(re.findall(r'rule\("(F\d{3})"\)', module.read_text(encoding="utf-8")))
    assert used == set(RULES_BY_CODE)


def test_article_text_and_effective_day() -> None:
    assert rule("F222").article == "第十九、二十二、二十六条"
    assert rule("F171").article == "第十七、三十条"
    assert rule("F000").article is None
    assert str(rule("F130").effective) == "2023-05-22"
    finding = rule("F130").finding("filings/x/合同备案.md", 7, 1, "迟了")
    assert (finding.kind, finding.code, finding.article, finding.line) == ("finding", "F130", "第十三条", 7)


def test_all_rules_is_an_extendable_copy() -> None:
    got = all_rules()
    got.append(rule("F130"))
    assert len(all_rules()) == len(got) - 1 > len(RULES)  # structural errors come first, then RULES


# --- filings rules -----------------------------------------------------------------------------

def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["rules", *argv]) == 0
    return capsys.readouterr().out


def test_text_lists_every_rule_and_marks_interpretations(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys)
    lines = [line for line in out.splitlines() if re.match(r"F\d{3}  ", line)]
    assert [line.split()[0] for line in lines] == [r.code for r in RULES]
    assert "F130  第十三条  合规提示  合同备案晚于签订日期后 5 个工作日。" in lines
    assert out.count("【本区解释】") == sum(r.interpretation for r in RULES)


def test_markdown_is_a_table_with_notes(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "--format", "markdown")
    rows = [line for line in out.splitlines() if re.match(r"\| F\d{3} \|", line)]
    assert len(rows) == len(RULES)
    assert "| F191 | 第十九条 | 合规提示 | 竣工验收晚于建设完成日期后 3 个月（或经延期验收申请延至的日期）。 【本区解释】 |" in rows
    assert f"- **F191**（第十九条）：{rule('F191').note}" in out
    assert "聊高新区管办发〔2023〕8 号，2023-05-22 起施行" in out


def test_json_round_trips(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run(capsys, "--format", "json"))
    assert [r["code"] for r in data["rules"]] == [r.code for r in all_rules()]
    assert [r["code"] for r in data["rules"] if r["kind"] == "finding"] == [r.code for r in RULES]
    by_code = {r["code"]: r for r in data["rules"]}
    assert by_code["F262"] == {"code": "F262", "articles": ["第二十二条", "第二十六条"], "article": "第二十二、二十六条",
                                 "document": DOCUMENT, "kind": "finding", "summary": rule("F262").summary,
                                 "interpretation": True, "note": rule("F262").note, "article_from_schema": False}


def test_bad_format_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["rules", "--format", "html"])
    assert info.value.code == 2
