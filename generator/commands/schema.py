"""filings schema: write the JSON Schema files generated from the schema into schemas/."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..schema.jsonschema import all_schemas

NAME = "schema"
HELP = "由内置数据模型生成 JSON Schema 文件（供编辑器校验和其他系统对接）"
COMMON = False


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("schemas"), help="输出目录（默认 schemas/）")


def run(args: argparse.Namespace) -> int:
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in all_schemas().items():
        (args.out / name).write_text(text, encoding="utf-8")
    print(f"已生成 {len(all_schemas())} 个 JSON Schema 文件到 {args.out}/")
    return 0
