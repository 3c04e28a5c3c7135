"""Attachments are files to download: only the allowed types, and their bytes must match the type.

A link in a filing body to a file of its project folder that is not a filing must name an
allowed type (pdf, ofd, docx, xlsx, png, jpg/jpeg) — a .md, .html or .svg in 附件/ is
refused, because a site could render it as a page — and the file must start with that
type's signature. Pure: the first bytes of each file come from `read_head`, which the
repository supplies.
"""
from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from urllib.parse import unquote, urlsplit

from ..problems import Problem, error
from ..reading.body import Body
from ..schema.common import ATTACHMENT_TYPES

HEAD_BYTES = 8
ZIP = (b"PK\x03\x04",)
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": ZIP,
    "xlsx": ZIP,
    "ofd": ZIP,  # GB/T 33190: an OFD file is a ZIP container
}
KIND = {"pdf": "PDF 文件", "png": "PNG 图片", "jpg": "JPEG 图片", "jpeg": "JPEG 图片",
        "docx": "Word 文档（ZIP 容器）", "xlsx": "Excel 工作簿（ZIP 容器）", "ofd": "OFD 版式文件（ZIP 容器）"}

ReadHead = Callable[[str], bytes]


def is_filing_path(rel: str) -> bool:
    """filings/<project>/<name>.md: a filing, which a body may link to."""
    parts = rel.split("/")
    return len(parts) == 3 and parts[0] == "filings" and parts[2].endswith(".md")


def check_attachments(path: str, body: Body, files: AbstractSet[str],
                      read_head: ReadHead | None) -> Iterator[Problem]:
    """Every local link of `body` to an existing non-filing file: allowed type and matching bytes."""
    base = posixpath.dirname(path)
    for link in body.links:
        target = unquote(link.href).strip().split("#", 1)[0]
        if not target or urlsplit(target).scheme or target.startswith("/"):
            continue  # remote, anchors and absolute paths are body.py's business
        resolved = posixpath.normpath(posixpath.join(base, target))
        if resolved not in files or is_filing_path(resolved):
            continue  # missing or outside the project: reported by body.py
        yield from _one(path, link.line, target, resolved, read_head)


def _one(path: str, line: int, target: str, resolved: str, read_head: ReadHead | None) -> Iterator[Problem]:
    ext = posixpath.splitext(resolved)[1].lower().lstrip(".")
    if ext not in ATTACHMENT_TYPES:
        if ext == "md":  # other types were already refused by body.py
            yield error(path, line, 1, "E310",
                        f"附件“{target}”的类型 .md 不允许：附件只能是 {'、'.join(ATTACHMENT_TYPES)}，"
                        f"不能是网页或 Markdown 文件")
        return
    if read_head is None:
        return
    try:
        head = read_head(resolved)
    except OSError as exc:
        yield error(path, line, 1, "E316", f"附件“{target}”无法读取：{exc.strerror or exc}")
        return
    if not head.startswith(SIGNATURES[ext]):
        yield error(path, line, 1, "E316",
                    f"附件“{target}”的内容不是{KIND[ext]}：扩展名是 .{ext}，但文件开头不符合该类型"
                    f"（可能改过扩展名或文件已损坏）。请上传真实的 {ext} 文件")
