"""Bytes to text: UTF-8 (with or without BOM, LF or CRLF) or a clear refusal."""
from __future__ import annotations

from dataclasses import dataclass

_GUESSES = (
    ("gb18030", "GBK/GB18030（WPS、记事本“ANSI”常见的中文编码）"),
    ("big5", "Big5（繁体中文编码）"),
    ("utf-16", "UTF-16"),
)


@dataclass(frozen=True)
class Undecodable:
    line: int
    column: int
    encoding: str  # Chinese description of what it looks like


def decode(raw: bytes) -> str | Undecodable:
    """Return the text with BOM removed and CRLF folded, or where decoding failed."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return Undecodable(line, column, _guess(raw))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _guess(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    for codec, label in _GUESSES:
        try:
            raw.decode(codec)
        except UnicodeDecodeError:
            continue
        return label
    return "未知编码"
