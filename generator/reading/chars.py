"""Characters no filing may hold, and how to show them on one terminal line.

A value, heading or body line may hold tab and newline and nothing else below U+0020:
the other C0 controls, DEL and C1 controls, lone surrogates (a file name that is not
UTF-8), the noncharacters U+FFFE/U+FFFF and the bidirectional embeddings, overrides
and isolates (U+202A–U+202E, U+2066–U+2069, the "Trojan Source" characters) either
break the XML, XLSX and Atom writers or make text read differently from what it is.
A file or folder name may not even hold tab or newline.
"""
from __future__ import annotations

import re

_BAD = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\ufffe\uffff"
FORBIDDEN = re.compile(f"[{_BAD}]")
FORBIDDEN_IN_NAME = re.compile(f"[{_BAD}\t\n]")
_NAMES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def escape_char(ch: str) -> str:
    if ch in _NAMES:
        return _NAMES[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape(text: str) -> str:
    """Text with every forbidden character (and tab, newline) written as an escape: one line, no tricks."""
    return FORBIDDEN_IN_NAME.sub(lambda m: escape_char(m.group()), text)


def first_forbidden(text: str, in_name: bool = False) -> tuple[int, str] | None:
    """(index, escape) of the first forbidden character, or None."""
    m = (FORBIDDEN_IN_NAME if in_name else FORBIDDEN).search(text)
    return (m.start(), escape_char(m.group())) if m else None


def describe(escaped: str) -> str:
    """Chinese description of the character behind an escape, for messages."""
    code = int(escaped[2:], 16) if escaped.startswith(("\\x", "\\u")) else ord({"\\t": "\t", "\\n": "\n",
                                                                                   "\\r": "\r"}[escaped])
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return f"双向文字控制符 {escaped}（可使文字显示顺序与实际不同）"
    if code in (0xFFFE, 0xFFFF):
        return f"非字符 {escaped}"
    if 0xD800 <= code <= 0xDFFF:
        return f"无效的编码 {escaped}（不是 UTF-8）"
    if escaped in ("\\t", "\\n"):
        return f"制表符或换行 {escaped}"
    return f"控制字符 {escaped}"
