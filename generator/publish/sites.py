"""Stage and build both sites: views → pages and exports → mkdocs → swap into place.

Both sites are first built under .build/ and only then moved to <repo>/site
and <repo>/library together, so a failure in either leaves both previous
sites as they were.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


from ..views import LibraryView, PublicView
from . import exports, pages
from .mkdocs_site import BASE_CONFIG, SiteBuildError, build_site

PUBLIC_NAME = "政务信息化项目公开目录"
LIBRARY_NAME = "政务信息化项目库（内部）"
STAGING = ".build"
OUTPUTS = {"public": "site", "library": "library"}


@dataclass
class SiteResult:
    audience: str
    out: Path
    pages: int = 0
    files: int = 0
    error: str | None = None


@dataclass
class Publication:
    public: PublicView
    library: LibraryView
    results: dict[str, SiteResult] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(r.error is None for r in self.results.values())


def stage(audience: str, public: PublicView, library: LibraryView, staging: Path) -> pages.SiteDocs:
    """Write one site's pages and downloads into staging/<audience>/docs."""
    docs = staging / audience / "docs"
    if audience == "public":
        files = exports.public_files(public, PUBLIC_NAME)
        return pages.write_public(public, docs, files, PUBLIC_NAME)
    files = exports.library_files(library, public, LIBRARY_NAME)
    return pages.write_library(library, public, docs, files, LIBRARY_NAME)


def build_one(audience: str, site: pages.SiteDocs, out: Path, site_url: str | None = None) -> None:
    """mkdocs-build staged docs into `out` (atomic; raises SiteBuildError)."""
    config = site.docs.parent / "mkdocs.yml"
    config.write_text(_config(site, site_url), encoding="utf-8")
    build_site(site.docs, out, site_name=PUBLIC_NAME if audience == "public" else LIBRARY_NAME,
               nav=site.nav, base_config=config, extra=site.extra,
               jieba_words=site.jieba_words, jieba_parts=site.jieba_parts,
               fulltext=audience == "library")  # Pagefind needs HTTP; the library is always served over it


def _config(site: pages.SiteDocs, site_url: str | None = None) -> str:
    """A per-site config inheriting the base mkdocs.yml, adding the site's own CSS and JavaScript."""
    lines = [f"INHERIT: {json.dumps(str(BASE_CONFIG))}"]
    if site_url:
        lines.append(f"site_url: {json.dumps(site_url.rstrip('/') + '/', ensure_ascii=False)}")
    lines.append(f"extra_css: {json.dumps(site.extra_css, ensure_ascii=False)}")
    lines.append(f"extra_javascript: {json.dumps(site.extra_javascript, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def publish(root: Path, public: PublicView, library: LibraryView,
            audiences: tuple[str, ...] = ("public", "library"), outputs: dict[str, Path] | None = None,
            site_urls: dict[str, str] | None = None) -> Publication:
    """Build every audience's site; move them all into place only if all succeeded."""
    staging = root / STAGING
    targets = outputs or {a: root / OUTPUTS[a] for a in audiences}
    result = Publication(public, library)
    built: dict[str, Path] = {}
    for audience in audiences:
        outcome = SiteResult(audience, targets[audience])
        result.results[audience] = outcome
        try:
            site = stage(audience, public, library, staging)
            outcome.pages, outcome.files = len(site.pages), len(site.files)
            built[audience] = staging / audience / "site"
            build_one(audience, site, built[audience], (site_urls or {}).get(audience))
        except SiteBuildError as exc:
            outcome.error = str(exc)
            built.pop(audience, None)
    if result.ok:
        for audience, new in built.items():
            _swap(new, targets[audience])
    return result


def _swap(new: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    moved = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    moved.rmdir()
    os.rename(new, moved)  # same file system as the target from here on
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        os.rename(target, old)
    os.rename(moved, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# --- the build report --------------------------------------------------------------

def report(pub: Publication) -> str:
    lines: list[str] = []
    public, library = pub.public, pub.library
    if "public" in pub.results:
        r = pub.results["public"]
        lines.append(f"公开目录 {_rel(r.out)}/：" + _state(r) +
                     f"{len(public.projects)} 个项目、{len(public.filings)} 份备案、{len(public.resources)} 项开放数据资源，"
                     f"{r.pages} 个页面、{r.files} 个其他文件（下载、附件、样式）。")
        w = public.withheld
        lines.append("  未公开（只在内部项目库中）：" + "；".join([
            f"内部备案 {sum(w.filings.values())} 份（{_counts(w.filings)}）",
            f"内部字段 {sum(w.fields.values())} 个值（{_counts(w.fields)}）",
            f"非公开的正文章节 {w.sections} 节",
            f"不予开放的信息资源 {w.resources} 项"]) + "。")
    if "library" in pub.results:
        r = pub.results["library"]
        deadlines = library.deadlines
        missed = sum(d.state == "missed" for d in deadlines)
        lines.append(f"内部项目库 {_rel(r.out)}/：" + _state(r) +
                     f"{len(library.projects)} 个项目、{len(library.filings)} 份备案、{len(library.resources)} 项信息资源、"
                     f"{len(library.findings)} 条合规提示、{len(deadlines)} 项期限（已逾期 {missed} 项），"
                     f"{r.pages} 个页面、{r.files} 个其他文件。")
    failed = [r for r in pub.results.values() if r.error]
    if failed:
        lines.append(f"失败：{len(failed)} 个站点生成失败，已保留上一次成功生成的站点：")
        lines += [f"  {r.error}" for r in failed]
    else:
        lines.append("失败：无。")
    return "\n".join(lines) + "\n"


def _state(r: SiteResult) -> str:
    return "未发布（见下方失败原因）；本应发布 " if r.error else "已发布 "


def _counts(counter: Counter[str]) -> str:
    return "、".join(f"{k} {v}" for k, v in counter.most_common()) or "无"


def _rel(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
