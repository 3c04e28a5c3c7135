"""manifest.json: what one build published, with SM3 and SHA-256 digests (《办法》第十八条).

Written into both site/ and library/ (and into every archive package). Two lists:

- ``sources``: every filing and attachment of the repository whose content the site
  publishes, by repository path, with the digests of the committed file;
- ``files``: every file of the site itself (pages, downloads, attachment copies),
  by path inside the site, with its digests; manifest.json itself is not listed.

`filings verify` checks both: the site against ``files`` (missing, extra, altered)
and ``sources`` against the repository.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from ..digest import SM3_SOURCE, file_digests

NAME = "manifest.json"
FORMAT = "filings-manifest/1"


def write(out: Path, *, build_id: str, kind: str, as_of: str, root: Path,
          sources: Iterable[str], published_as: dict[str, str] | None = None) -> dict[str, Any]:
    """Write out/manifest.json for the folder `out` built from repository `root`."""
    listed = {}
    for rel in sorted(set(sources)):
        entry = dict(file_digests(root / rel))
        if published_as and rel in published_as:
            entry["published_as"] = published_as[rel]
        listed[rel] = entry
    manifest = {
        "format": FORMAT,
        "kind": kind,
        "build": build_id,
        "as_of": as_of,
        "sm3": SM3_SOURCE,
        "sources": listed,
        "files": folder_digests(out),
    }
    (out / NAME).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def folder_digests(folder: Path) -> dict[str, dict[str, object]]:
    """Digests of every file under `folder` except the manifest itself (symlinks are not followed)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if rel == NAME or path.is_symlink() or not path.is_file():
            continue
        found[rel] = file_digests(path)
    return found


def read(text: str) -> dict[str, Any] | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    return data
