"""manifest.json: what one build published, with SM3 and SHA-256 digests (《办法》第十八条).

Written into both site/ and library/ (and into every archive package). Two lists:

- ``sources``: every filing and attachment of the repository whose content the site
  publishes, by repository path. In library/ and in archives: the digests of the file
  itself. In the public site/: the digests of the filing's *public content* (its public
  fields, sections and resources as canonical JSON, see `public_content`), never of the
  whole file, so that a digest cannot be used to guess an internal value (a contact's
  mobile number) that the file holds and the site withholds;
- ``files``: every file of the site itself (pages, downloads, attachment copies),
  by path inside the site, with its digests; manifest.json itself is not listed.

`filings verify` checks both: the site against ``files`` (missing, extra, altered)
and ``sources`` against the repository.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..digest import SM3_SOURCE, digests, file_digests
from ..views import FilingView

NAME = "manifest.json"
FORMAT = "filings-manifest/1"


def file_entries(root: Path, sources: Iterable[str], published_as: dict[str, str] | None = None
                 ) -> dict[str, dict[str, Any]]:
    """Digests of repository files, with where each attachment was published."""
    listed = {}
    for rel in sorted(set(sources)):
        entry = dict(file_digests(root / rel))
        if published_as and rel in published_as:
            entry["published_as"] = published_as[rel]
        listed[rel] = entry
    return listed


def public_content(view: FilingView) -> bytes:
    """What the public site publishes of one filing, as canonical JSON (line numbers left out)."""
    content = {"path": view.path, "type": view.type_name, "fields": view.fields,
               "sections": [[s.title, s.markdown] for s in view.sections],
               "resources": [r.fields for r in view.resources]}
    return json.dumps(content, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":")).encode("utf-8")


def public_entries(views: Iterable[FilingView]) -> dict[str, dict[str, Any]]:
    return {v.path: {"content": "public", **digests(public_content(v))} for v in sorted(views, key=lambda v: v.path)}


def write(out: Path, *, build_id: str, kind: str, as_of: str, listed: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Write out/manifest.json for the built folder `out`; `listed` are its sources' entries."""
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
