"""Mutated filings: whatever a clerk's editor does to a file, the checker answers with messages.

Deterministic (fixed seed): every mutation of every demo filing must produce no
internal error (E100) and no exception, and must never change the file.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from generator.checks.filing import CheckContext, check_file
from generator.repository import load

ROOT = Path(__file__).resolve().parent.parent.parent
NOISE = ["：", "\t", '"', "'", "[", "{", "- ", ": ", "#", "|", "\n", "---\n", "<b>", "\x00", "２０", "万元", "【待填写】"]


def mutations(text: str, rng: random.Random, count: int) -> list[bytes]:
    out = []
    for _ in range(count):
        chars = list(text)
        for _ in range(rng.randint(1, 4)):
            pos = rng.randrange(len(chars) + 1)
            action = rng.random()
            if action < 0.4:
                chars.insert(pos, rng.choice(NOISE))
            elif action < 0.8 and chars:
                del chars[pos % len(chars): pos % len(chars) + rng.randint(1, 12)]
            else:
                chars[pos % len(chars): pos % len(chars)] = list(rng.choice(text.splitlines() or [""]))
        raw = "".join(chars).encode("utf-8")
        if rng.random() < 0.1:
            raw = raw[: rng.randrange(len(raw) + 1)] + bytes([rng.randrange(256)]) + raw[rng.randrange(len(raw) + 1):]
        out.append(raw)
    return out


@pytest.fixture(scope="module")
def demo() -> tuple[CheckContext, list[Path]]:
    repo = load(ROOT, dt.date(2026, 11, 29))
    files = sorted((ROOT / "filings").glob("*/*.md"))
    return CheckContext(repo.registry, repo.as_of, repo.files), files


def test_mutated_filings_get_messages_not_tracebacks(demo: tuple[CheckContext, list[Path]]) -> None:
    ctx, files = demo
    assert files, "the demo district has filings"
    rng = random.Random(20261129)
    checked = 0
    for path in files[:40]:
        rel = path.relative_to(ROOT).as_posix()
        for raw in mutations(path.read_text(encoding="utf-8"), rng, 15):
            _, problems = check_file(rel, raw, ctx)
            assert all(p.code != "E100" for p in problems)
            assert all(p.path == rel and p.message for p in problems)
            checked += 1
    assert checked >= 150
