"""The floors the benchmark compares `filings check` and `filings build` with.

    python benchmarks/floors.py parse  <district root>
    python benchmarks/floors.py render <district root> <out dir>

parse:  read every filing (filings/<project>/<name>.md) and parse its YAML front matter
        with PyYAML's C loader — the least any checker of these files must do.
render: after `filings build`, the same Markdown pages that build staged under .build/
        (both sites) rendered in a plain loop: markdown-it-py to HTML, one jinja2 page
        template, and a search index segmented by jieba with the same user dictionary
        build wrote — what a minimal site generator without mkdocs would do.
Each prints one JSON line (counts), so run.py can time it as a whole process.
"""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
PAGE = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ title }}</title>
<link rel="stylesheet" href="{{ root }}assets/site.css"></head><body><nav>{{ site }}</nav>
<main>{{ body }}</main></body></html>"""


def filings(root: Path) -> list[Path]:
    base = root / "filings"
    return sorted(p for folder in base.iterdir() if folder.is_dir() and not folder.name.startswith(".")
                  for p in folder.iterdir() if p.suffix == ".md" and p.is_file() and p.name != "README.md")


def parse(root: Path) -> dict[str, int]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    keys = 0
    paths = filings(root)
    for path in paths:
        text = path.read_bytes().decode("utf-8-sig")
        m = FRONT.match(text.replace("\r\n", "\n"))
        data = yaml.load(m.group(1), Loader=loader) if m else None
        keys += len(data) if isinstance(data, dict) else 0
    return {"filings": len(paths), "keys": keys}


def render(root: Path, out: Path) -> dict[str, int]:
    import jieba
    import jinja2
    from markdown_it import MarkdownIt

    jieba.setLogLevel(60)
    md = MarkdownIt("commonmark").enable("table")
    page = jinja2.Environment(autoescape=False).from_string(PAGE)
    tags = re.compile(r"<[^>]+>")
    pages = chars = 0
    for site in ("public", "library"):
        docs = root / ".build" / site / "docs"
        user_dict = docs.with_name(docs.name + ".jieba_user_dict.txt")
        if user_dict.exists():
            jieba.load_userdict(str(user_dict))
        index = []
        for folder, _, names in os.walk(docs):
            for name in sorted(n for n in names if n.endswith(".md")):
                source = Path(folder, name)
                rel = source.relative_to(docs).as_posix()
                text = source.read_text(encoding="utf-8")
                m = FRONT.match(text)
                body = md.render(text[m.end():] if m else text)
                html = page.render(title=name[:-3], root="../" * rel.count("/"), site=site, body=body)
                target = out / site / rel[:-3]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.with_suffix(".html").write_text(html, encoding="utf-8")
                plain = tags.sub(" ", body)
                index.append({"location": rel[:-3] + ".html", "text": "\u200b".join(jieba.cut(plain))})
                pages += 1
                chars += len(plain)
        (out / site / "search_index.json").write_text(json.dumps({"docs": index}, ensure_ascii=False),
                                                      encoding="utf-8")
    return {"pages": pages, "chars": chars}


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "parse":
        print(json.dumps(parse(Path(argv[1]))))
        return 0
    if len(argv) >= 3 and argv[0] == "render":
        print(json.dumps(render(Path(argv[1]), Path(argv[2]))))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
