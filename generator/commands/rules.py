"""filings rules: every rule with its code, article, kind and summary (spec §8)."""
from __future__ import annotations

import argparse
import sys

from ..engine.rules import all_rules
from ..publish.rulebook import RENDERERS

NAME = "rules"
HELP = "列出全部检查规则：代码、条款、类别（错误 / 合规提示）和说明，标出本区解释"
COMMON = False


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                   help="输出格式：text 文本、markdown（用于生成文档）、json")


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(RENDERERS[args.format](all_rules()))
    return 0
