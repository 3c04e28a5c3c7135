"""The floors the benchmark compares `filings check` and `filings build` with.

    python benchmarks/floors.py parse  <district root>
    python benchmarks/floors.py render <district root> <out dir> [--as-of 2026-11-29]

parse:  read every filing (filings/<project>/<name>.md) and parse its YAML front matter
        with PyYAML's C loader — the least any checker of these files must do.
render: the same Markdown pages `filings build` writes for both sites (generated first with
        the tool's own page writers, untimed) rendered in a plain loop: markdown-it-py to
        HTML, one jinja2 page template, and a search index segmented by jieba with the same
        user dictionary — what a minimal site generator without mkdocs would do. Only the
        loop is timed ("seconds" in the output).
Each prints one JSON line, so run.py can time it as a whole process.
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


def render(root: Path, out: Path, as_of: str) -> dict[str, float]:
    import datetime as dt
    import time

    import jieba
    import jinja2
    from markdown_it import MarkdownIt

    from generator.commands.build import prepare
    from generator.publish import sites
    from generator.publish.mkdocs_site import jieba_dict_path, write_jieba_dict

    loaded = prepare(root, dt.date.fromisoformat(as_of))
    if loaded is None:
        raise SystemExit("filings build 会拒绝发布这个仓库（有错误）")
    public, library = loaded
    staging = out / "staged"
    for audience in ("public", "library"):
        site = sites.stage(audience, public, library, staging, None)
        write_jieba_dict(jieba_dict_path(site.docs), site.jieba_words, site.jieba_parts)
    start = time.perf_counter()
    jieba.setLogLevel(60)
    md = MarkdownIt("commonmark").enable("table")
    page = jinja2.Environment(autoescape=False).from_string(PAGE)
    tags = re.compile(r"<[^>]+>")
    pages = chars = 0
    for site_name in ("public", "library"):
        docs = staging / site_name / "docs"
        user_dict = jieba_dict_path(docs)
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
                html = page.render(title=name[:-3], root="../" * rel.count("/"), site=site_name, body=body)
                target = out / site_name / rel[:-3]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.with_suffix(".html").write_text(html, encoding="utf-8")
                plain = tags.sub(" ", body)
                index.append({"location": rel[:-3] + ".html", "text": "\u200b".join(jieba.cut(plain))})
                pages += 1
                chars += len(plain)
        (out / site_name / "search_index.json").write_text(json.dumps({"docs": index}, ensure_ascii=False),
                                                           encoding="utf-8")
    return {"pages": pages, "chars": chars, "seconds": round(time.perf_counter() - start, 2)}


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "parse":
        print(json.dumps(parse(Path(argv[1]))))
        return 0
    if len(argv) >= 3 and argv[0] == "render":
        as_of = argv[argv.index("--as-of") + 1] if "--as-of" in argv else "2026-11-29"
        print(json.dumps(render(Path(argv[1]), Path(argv[2]), as_of)))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
