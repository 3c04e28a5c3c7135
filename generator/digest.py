"""File digests for the archive manifest: SM3 (GB/T 32905-2016) and SHA-256.

SM3 comes from OpenSSL through hashlib when the local OpenSSL provides it; otherwise
from the pure-Python implementation below (slow, but only ever used for a district's
filings and attachments). Both are tested against the standard's own test vectors.
"""
from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable
from pathlib import Path

_IV = (0x7380166F, 0x4914B2B9, 0x172442D7, 0xDA8A0600, 0xA96F30BC, 0x163138AA, 0xE38DEE4D, 0xB0FB0E4E)
_MASK = 0xFFFFFFFF


def _rotl(x: int, n: int) -> int:
    n %= 32
    return ((x << n) | (x >> (32 - n))) & _MASK


def _p0(x: int) -> int:
    return x ^ _rotl(x, 9) ^ _rotl(x, 17)


def _p1(x: int) -> int:
    return x ^ _rotl(x, 15) ^ _rotl(x, 23)


def _compress(v: list[int], block: bytes) -> list[int]:
    w = list(struct.unpack(">16I", block))
    for j in range(16, 68):
        w.append(_p1(w[j - 16] ^ w[j - 9] ^ _rotl(w[j - 3], 15)) ^ _rotl(w[j - 13], 7) ^ w[j - 6])
    w1 = [w[j] ^ w[j + 4] for j in range(64)]
    a, b, c, d, e, f, g, h = v
    for j in range(64):
        t = 0x79CC4519 if j < 16 else 0x7A879D8A
        ss1 = _rotl((_rotl(a, 12) + e + _rotl(t, j)) & _MASK, 7)
        ss2 = ss1 ^ _rotl(a, 12)
        if j < 16:
            ff, gg = a ^ b ^ c, e ^ f ^ g
        else:
            ff, gg = (a & b) | (a & c) | (b & c), (e & f) | (~e & g)
        tt1 = (ff + d + ss2 + w1[j]) & _MASK
        tt2 = (gg + h + ss1 + w[j]) & _MASK
        d, c, b, a = c, _rotl(b, 9), a, tt1
        h, g, f, e = g, _rotl(f, 19), e, _p0(tt2)
    return [x ^ y for x, y in zip(v, (a, b, c, d, e, f, g, h), strict=False)]


def sm3_pure(data: bytes) -> str:
    """SM3 of `data` as 64 hex digits, in pure Python (GB/T 32905-2016)."""
    length = len(data) * 8
    padded = data + b"\x80" + b"\x00" * ((55 - len(data)) % 64) + struct.pack(">Q", length)
    v = list(_IV)
    for i in range(0, len(padded), 64):
        v = _compress(v, padded[i:i + 64])
    return "".join(f"{x:08x}" for x in v)


def _openssl_sm3() -> Callable[[bytes], str] | None:
    try:
        hashlib.new("sm3", b"abc")
    except (ValueError, TypeError):
        return None
    return lambda data: hashlib.new("sm3", data).hexdigest()


sm3: Callable[[bytes], str] = _openssl_sm3() or sm3_pure
SM3_SOURCE = "OpenSSL" if sm3 is not sm3_pure else "纯 Python 实现"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digests(data: bytes) -> dict[str, object]:
    """What the manifest records for one file."""
    return {"bytes": len(data), "sm3": sm3(data), "sha256": sha256(data)}


def file_digests(path: Path) -> dict[str, object]:
    return digests(Path(path).read_bytes())
