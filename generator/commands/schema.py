"""filings schema (under construction)."""
from __future__ import annotations

import argparse

NAME = "schema"
HELP = "（建设中）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    print("该命令尚未完成")
    return 2
