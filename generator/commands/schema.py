"""filings schema: write the JSON Schema files generated from the schema into schemas/."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..schema.jsonschema import all_schemas
from .outputs import refuse_message

NAME = "schema"
HELP = "由内置数据模型生成 JSON Schema 文件（供编辑器校验和其他系统对接）"
COMMON = False


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("schemas"), help="输出目录（默认 schemas/）")


def run(args: argparse.Namespace) -> int:
    refused = refuse_message(args.out)
    if refused:
        print(f"用法错误：{refused}", file=sys.stderr)
        return 2
    if args.out.exists() and not args.out.is_dir():
        print(f"用法错误：--out {args.out} 已经是一个文件，不是目录：请指定一个目录（不存在时自动创建）", file=sys.stderr)
        return 2
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, text in all_schemas().items():
            (args.out / name).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"无法写入 {args.out}：{exc.strerror or exc}。请检查目录是否存在、是否有写入权限", file=sys.stderr)
        return 1
    print(f"已生成 {len(all_schemas())} 个 JSON Schema 文件到 {args.out}/")
    return 0
