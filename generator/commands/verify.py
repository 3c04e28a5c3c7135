"""filings verify: check a built site, library or archive package against its manifest and the repository.

Three questions, each answered file by file (《办法》第十八条):
1. Is every file the manifest lists present and unaltered, and is nothing extra there?
2. Is every published attachment a byte-for-byte copy of its source?
3. Does the repository still hold every source with the same digests, and did the build
   publish every filing it should have (all filings for library/, every file of the project
   folder for an archive)? For the public site/ the digests are of each filing's public
   content, recomputed from the repository (manifest.public_content).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..digest import digests
from ..publish import manifest as manifests

NAME = "verify"
HELP = "核验生成的 site/、library/ 或归档包：逐个文件比对 SM3/SHA-256 摘要清单和备案仓库，指出缺少、多出或被改动的文件"
KINDS = {"site": "公开目录", "library": "内部项目库", "archive": "归档包"}
MAX_MEMBER = 1 << 30  # a ZIP member larger than 1 GiB is not ours


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", type=Path, metavar="路径", help="站点目录（site/ 或 library/）或归档包（.zip）")


def run(args: argparse.Namespace) -> int:
    root = args.repo.resolve()
    if not (root / "filings").is_dir():
        return _usage(f"{args.repo} 中没有 filings/ 文件夹：请用 --repo 指定备案仓库")
    target: Path = args.path
    if not target.exists():
        return _usage(f"{target} 不存在：请给出站点目录（site/、library/）或归档包（.zip）")
    try:
        members = _members(target)
    except (OSError, zipfile.BadZipFile, RuntimeError) as exc:
        print(f"无法读取 {target}：{exc}", file=sys.stderr)
        return 1
    if members is None:
        return _usage(f"{target} 既不是目录也不是 ZIP 归档包")
    raw = members.pop(manifests.NAME, None)
    manifest = manifests.read(raw.decode("utf-8", "replace")) if raw is not None else None
    if manifest is None or manifest.get("kind") not in KINDS:
        print(f"{target}: 缺少 {manifests.NAME} 或其格式不对：不是 filings build 或 filings archive 的产物，无法核验",
              file=sys.stderr)
        return 1
    checks = _public_sources(manifest, root, args.as_of) if manifest["kind"] == "site" else \
        [*_sources(manifest, root), *_expected(manifest, root, args.as_of)]
    problems = [*_files(target, manifest, members), *_copies(target, manifest, members), *checks]
    for line in problems:
        print(line)
    kind = KINDS[manifest["kind"]]
    if problems:
        print(f"核验不通过：{kind} {target} 有 {len(problems)} 处不一致（见上）。", file=sys.stderr)
        return 1
    print(f"核验通过：{kind} {target}（生成编号 {manifest.get('build')}）的 {len(manifest['files'])} 个文件与清单一致，"
          f"{len(manifest['sources'])} 份备案和附件与仓库一致（SM3、SHA-256）。")
    return 0


def _usage(message: str) -> int:
    print(f"用法错误：{message}", file=sys.stderr)
    return 2


def _members(target: Path) -> dict[str, bytes | None] | None:
    """Member path -> bytes (None for a symbolic link, which no build ever publishes)."""
    if target.is_dir():
        top = target.resolve()
        found: dict[str, bytes | None] = {}
        for dirpath, dirnames, filenames in os.walk(top):
            for name in [*dirnames, *filenames]:
                path = Path(dirpath) / name
                rel = path.relative_to(top).as_posix()
                if path.is_symlink():
                    found[rel] = None
                elif path.is_file():
                    found[rel] = path.read_bytes()
        return found
    if zipfile.is_zipfile(target):
        with zipfile.ZipFile(target) as z:
            infos = [i for i in z.infolist() if not i.is_dir()]
            if any(i.file_size > MAX_MEMBER for i in infos):
                raise RuntimeError("包中有超过 1 GiB 的文件，不是 filings archive 生成的归档包")
            return {i.filename: z.read(i) for i in infos}
    return None


def _same(data: bytes | None, listed: dict[str, Any]) -> bool:
    if data is None:
        return False
    got = digests(data)
    return got["sm3"] == listed.get("sm3") and got["sha256"] == listed.get("sha256")


def _files(target: Path, manifest: dict[str, Any], members: dict[str, bytes | None]) -> Iterator[str]:
    listed: dict[str, dict[str, Any]] = manifest["files"]
    for rel in sorted(listed):
        if rel not in members:
            yield f"{target}/{rel}: 缺少：清单中有此文件，{KINDS[manifest['kind']]}中没有"
        elif members[rel] is None:
            yield f"{target}/{rel}: 被替换为符号链接：清单中是普通文件"
        elif not _same(members[rel], listed[rel]):
            yield f"{target}/{rel}: 被改动：内容的 SM3/SHA-256 摘要与清单不符"
    for rel in sorted(set(members) - set(listed)):
        yield f"{target}/{rel}: 多出：清单中没有此文件"


def _copies(target: Path, manifest: dict[str, Any], members: dict[str, bytes | None]) -> Iterator[str]:
    for src, listed in sorted(manifest["sources"].items()):
        copy = listed.get("published_as") or (src if manifest["kind"] == "archive" else None)
        if copy and copy in members and members[copy] is not None and not _same(members[copy], listed):
            yield f"{target}/{copy}: 与原件 {src} 不一致：附件须逐字节复制"


def _sources(manifest: dict[str, Any], root: Path) -> Iterator[str]:
    for src, listed in sorted(manifest["sources"].items()):
        path = root / src
        if path.is_symlink() or not path.is_file():
            yield f"{src}: 仓库中没有此文件：发布之后被删除或改名，或这份发布不是由本仓库生成"
        elif not _same(path.read_bytes(), listed):
            yield f"{src}: 与仓库不一致：仓库中的文件在生成之后被修改过，或这份发布不是由本仓库生成"


def _public_sources(manifest: dict[str, Any], root: Path, as_of: dt.date) -> Iterator[str]:
    """The public site lists the digest of each filing's public content: recompute it from the repository."""
    from ..repository import load
    from ..views import Withheld, public_filing

    repo = load(root, as_of)
    current = {v.path: v for f in repo.filings if (v := public_filing(f, Withheld())) is not None}
    listed = manifest["sources"]
    for src in sorted(set(listed) | set(current)):
        if src not in current:
            yield f"{src}: 仓库中没有此公开备案：发布之后被删除、改名或改为内部类型，或这份发布不是由本仓库生成"
        elif src not in listed:
            yield f"{src}: 未发布：仓库中有此公开备案，公开目录的清单中没有（请重新生成）"
        elif not _same(manifests.public_content(current[src]), listed[src]):
            yield f"{src}: 与仓库不一致：仓库中此备案的公开内容在生成之后被修改过，或这份发布不是由本仓库生成"


def _expected(manifest: dict[str, Any], root: Path, as_of: dt.date) -> Iterator[str]:
    """Files of the repository that the manifest should list but does not."""
    listed = set(manifest["sources"])
    if manifest["kind"] == "archive":
        from ..archive import project_files
        expected = set(project_files(root, str(manifest.get("project", "")))) if manifest.get("project") else set()
    else:
        from ..repository import load
        expected = {f.path for f in load(root, as_of).filings if f.type is not None}
    for src in sorted(expected - listed):
        yield f"{src}: 未发布：仓库中有此备案，{KINDS[manifest['kind']]}的清单中没有（请重新生成）"
