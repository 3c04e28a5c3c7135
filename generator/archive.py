"""One project's archive package (《办法》第十八条): a ZIP for handing over to the archives.

Contents (paths inside the ZIP):

    filings/<project>/…        every file of the project folder, byte for byte (filings, attachments)
    history/变更记录.patch      every commit that touched the folder, with author, date and patch
    history/修改历史.json       per file: its commits (sha, author, e-mail, date, summary)
    说明.txt                    what the package holds and how to verify it
    manifest.json              SM3 and SHA-256 of every other member, and of each source file

`filings verify PACKAGE.zip` checks the package against itself and against the repository.
Entries carry the --as-of date as their time, so the same repository gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .change.git import file_history, project_log
from .digest import SM3_SOURCE, digests
from .publish.manifest import FORMAT
from .publish.manifest import NAME as MANIFEST

README = """{project} 项目归档包
=====================

生成：filings archive {project}（截至 {as_of}）

filings/{project}/        本项目的全部备案和附件，逐字节复制自备案仓库
history/变更记录.patch     备案仓库中每一次涉及本项目的提交：提交人、时间、说明和改动内容
history/修改历史.json      每个文件的提交记录
manifest.json             本包中每个文件的 SM3（GB/T 32905）和 SHA-256 摘要

核验：在备案仓库中运行 filings verify 本文件.zip，检查包内文件是否齐全、未被改动，并与仓库一致。
也可以用任何 SM3/SHA-256 工具逐个核对 manifest.json 中的摘要。
"""


@dataclass
class Archive:
    path: Path
    files: int
    history: bool


def project_files(root: Path, project: str) -> list[str]:
    """Repository paths of every regular file in the project folder (symlinks are never followed)."""
    folder = root / "filings" / project
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not (Path(dirpath) / d).is_symlink())
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if not path.is_symlink() and path.is_file():
                found.append(path.relative_to(root).as_posix())
    return found


def write_archive(root: Path, project: str, out: Path, as_of: dt.date) -> Archive:
    sources = project_files(root, project)
    members: dict[str, bytes] = {rel: (root / rel).read_bytes() for rel in sources}
    log = project_log(root, f"filings/{project}")
    if log is not None:
        members["history/变更记录.patch"] = log + b"\n"
        history = file_history(root, sources)
        members["history/修改历史.json"] = (json.dumps(
            {path: [{"commit": c.commit, "author": c.author, "email": c.email, "date": c.date.isoformat(),
                     "summary": c.summary} for c in changes] for path, changes in sorted(history.items())},
            ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    members["说明.txt"] = README.format(project=project, as_of=as_of).encode("utf-8")
    manifest = {"format": FORMAT, "kind": "archive", "project": project, "build": f"archive-{project}-{as_of}",
                "as_of": as_of.isoformat(), "sm3": SM3_SOURCE,
                "sources": {rel: digests(members[rel]) for rel in sources},
                "files": {name: digests(data) for name, data in sorted(members.items())}}
    members[MANIFEST] = (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    stamp = (max(as_of.year, 1980), as_of.month, as_of.day, 0, 0, 0)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for name, data in sorted(members.items()):
                info = zipfile.ZipInfo(name, stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                info.flag_bits |= 0x800  # names are UTF-8
                z.writestr(info, data)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return Archive(out, len(sources), log is not None)
