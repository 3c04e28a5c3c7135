"""Stage and build both sites: views → pages and exports → mkdocs → attachments and manifest → publish.

Each build stages in its own folder (.build/stage-<build id>/), builds both sites into
.publish/<build id>/, copies the attachments byte for byte next to the pages (after
mkdocs, so mkdocs never renders them), writes manifest.json into both, and only then
publishes the pair in one atomic step (see release.py). A failure in either site
leaves the published pair as it was.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import shutil
import sys
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .. import progress
from ..templates import BASE_CONFIG, TEMPLATES
from ..views import LibraryView, PublicView
from . import exports, manifest, pages, release
from .mkdocs_site import PROCESSES_ENV, SiteBuildError, build_site

PUBLIC_NAME = "政务信息化项目公开目录"
LIBRARY_NAME = "政务信息化项目库（内部）"
STAGING = release.STAGING
OUTPUTS = {"public": "site", "library": "library"}
SOURCES_ALWAYS = ("filings/registry.yml", "filings/calendar.yml")
OVERRIDES = TEMPLATES.site / "overrides"
_T = TypeVar("_T")


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
    build_id: str = ""

    @property
    def ok(self) -> bool:
        return all(r.error is None for r in self.results.values())


def stage(audience: str, public: PublicView, library: LibraryView, staging: Path,
          site_url: str | None = None) -> pages.SiteDocs:
    """Write one site's pages and downloads into staging/<audience>/docs (links absolute under site_url)."""
    docs = staging / audience / "docs"
    records = exports.project_records(public, site_url)  # projects/<编号>.json: public fields only, on both sites
    if audience == "public":
        files = exports.public_files(public, PUBLIC_NAME, site_url)
        site = pages.write_public(public, docs, files, PUBLIC_NAME)
    else:
        files = exports.library_files(library, public, LIBRARY_NAME, site_url)
        site = pages.write_library(library, public, docs, files, LIBRARY_NAME)
    for rel, content in records.items():
        (site.docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (site.docs / rel).write_text(content, encoding="utf-8")
        site.files.append(rel)
    site.extra["feed"] = f"{pages.DOWNLOADS}/feed.xml"
    site.extra["frame"] = _frame(public, audience)
    return site


def _frame(view: PublicView, audience: str) -> dict[str, object]:
    """What the footer and the 404 page show: publisher, contact office, licence; 备案号 on the public site."""
    frame: dict[str, object] = {"publisher": view.district, "contact": dict(view.site_contact),
                                "licence": dict(view.licence)}
    if audience == "public":
        frame.update(view.site_info)
    return frame


def build_one(audience: str, site: pages.SiteDocs, out: Path, site_url: str | None = None) -> None:
    """mkdocs-build staged docs into `out` (atomic; raises SiteBuildError)."""
    config = site.docs.parent / "mkdocs.yml"
    config.write_text(_config(site, site_url), encoding="utf-8")
    build_site(site.docs, out, site_name=PUBLIC_NAME if audience == "public" else LIBRARY_NAME,
               nav=site.nav, base_config=config, extra=site.extra,
               jieba_words=site.jieba_words, jieba_parts=site.jieba_parts,
               fulltext=audience == "library")  # fulltext.js fetches its index: HTTP, which the library always has


def _config(site: pages.SiteDocs, site_url: str | None = None) -> str:
    """A per-site config inheriting the base mkdocs.yml, adding the site's own CSS and JavaScript."""
    lines = [f"INHERIT: {json.dumps(str(BASE_CONFIG))}"]
    if site_url:
        lines.append(f"site_url: {json.dumps(site_url.rstrip('/') + '/', ensure_ascii=False)}")
    # The site frame (footer, 404 page, feed link) is a Material theme override; INHERIT merges this key into theme.
    lines.append(f"theme: {{custom_dir: {json.dumps(str(OVERRIDES), ensure_ascii=False)}}}")
    lines.append(f"extra_css: {json.dumps(site.extra_css, ensure_ascii=False)}")
    lines.append(f"extra_javascript: {json.dumps(site.extra_javascript, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def copy_attachments(site: pages.SiteDocs, out: Path, root: Path) -> dict[str, str]:
    """Copy each linked attachment into the built site byte for byte; return source -> site path.

    The copies go in after mkdocs has run, so mkdocs never sees (or renders) them."""
    published = {}
    for rel, source in sorted(site.attachments.items()):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():  # never read through a link (the checker reports it too)
            raise SiteBuildError(f"附件 {source.relative_to(root).as_posix()} 是符号链接：拒绝发布")
        shutil.copyfile(source, target)
        published[source.relative_to(root).as_posix()] = rel
    return published


def _sources(audience: str, public: PublicView, library: LibraryView, root: Path,
             published: dict[str, str]) -> dict[str, dict[str, Any]]:
    """The manifest's sources: the public content of each public filing, or the library's files."""
    if audience == "public":
        return manifest.public_entries(public.filings)
    always = [rel for rel in SOURCES_ALWAYS if (root / rel).is_file()]
    return manifest.file_entries(root, always + [f.path for f in library.filings] + list(published), published)


def publish(root: Path, public: PublicView, library: LibraryView,
            audiences: tuple[str, ...] = ("public", "library"), outputs: dict[str, Path] | None = None,
            site_urls: dict[str, str] | None = None) -> Publication:
    """Build every audience's site; publish them all together only if all succeeded.

    Without `outputs` (filings build) this holds the repository's build lock and publishes
    site/ and library/ as one atomic step. With `outputs` (the preview of filings serve)
    each site replaces its own folder.
    """
    if outputs is not None:
        return _build(root, public, library, audiences, outputs, site_urls, release.new_build_id())
    with release.build_lock(root):
        release.clean_leftovers(root)
        build_id = release.new_build_id()
        slot = release.slot(root, build_id)
        targets = {a: slot / OUTPUTS[a] for a in audiences}
        result = _build(root, public, library, audiences, targets, site_urls, build_id, in_place=True)
        if result.ok:
            release.carry_over(root, build_id)
            release.commit(root, build_id)
        else:
            shutil.rmtree(slot, ignore_errors=True)
        for audience, outcome in result.results.items():
            outcome.out = root / OUTPUTS[audience]
        return result


def _build(root: Path, public: PublicView, library: LibraryView, audiences: tuple[str, ...],
           targets: dict[str, Path], site_urls: dict[str, str] | None, build_id: str,
           in_place: bool = False) -> Publication:
    # the preview (serve) stages apart, so that a build's cleanup never removes its folder
    staging = _staging(root, build_id) if in_place else root / STAGING / f"preview-{build_id}"
    result = Publication(public, library, build_id=build_id)
    built: dict[str, Path] = {}

    def one(audience: str) -> tuple[SiteResult, Path]:
        return _site(audience, public, library, root, staging, targets[audience], build_id,
                     (site_urls or {}).get(audience), in_place)

    try:
        for audience, (outcome, out) in _each_apart(audiences, one).items():
            result.results[audience] = outcome
            if outcome.error is None:
                built[audience] = out
                pause("built-" + audience)
        if result.ok and not in_place:
            for audience, new in built.items():
                _replace(new, targets[audience])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _site(audience: str, public: PublicView, library: LibraryView, root: Path, staging: Path, target: Path,
          build_id: str, site_url: str | None, in_place: bool) -> tuple[SiteResult, Path]:
    """Stage, build and finish one site (pages, mkdocs, attachments, manifest); its outcome and folder."""
    outcome = SiteResult(audience, target)
    out = target if in_place else staging / audience / "site"
    try:
        site = stage(audience, public, library, staging, site_url)
        outcome.pages, outcome.files = len(site.pages), len(site.files)
        build_one(audience, site, out, site_url)
        published = copy_attachments(site, out, root)
        manifest.write(out, build_id=build_id, kind=OUTPUTS[audience], as_of=public.as_of.isoformat(),
                       listed=_sources(audience, public, library, root, published))
    except SiteBuildError as exc:
        outcome.error = str(exc)
    except OSError as exc:
        outcome.error = f"站点生成失败：文件操作出错：{exc.strerror or exc}（{exc.filename or ''}）"
    return outcome, out


# --- one process per site ------------------------------------------------------------

def _each_apart(audiences: tuple[str, ...], one: Callable[[str], _T]) -> dict[str, _T]:
    """``one(audience)`` for every audience, each in a forked child process, all at once.

    Each site's pages, mkdocs objects and search index then live and die in its own process:
    the build's peak memory is the larger site's, not both sites' leftovers, and on two cores
    the two sites build side by side. The children share the views with this process (fork,
    copy-on-write); only the small outcome comes back, pickled through a pipe. Where fork is
    unavailable (Windows), with one audience, or with FILINGS_BUILD_PROCESSES=1, the sites
    are built here one after the other, as before."""
    if len(audiences) < 2 or os.environ.get(PROCESSES_ENV) == "1" or "fork" not in mp.get_all_start_methods():
        return {audience: one(audience) for audience in audiences}
    ctx = mp.get_context("fork")
    sys.stdout.flush()  # a child must not write out what this process had buffered
    sys.stderr.flush()
    children = []
    for i, audience in enumerate(audiences):
        receive, send = ctx.Pipe(duplex=False)
        # progress bars: one child draws them (the last, the library: the longer build)
        child = ctx.Process(target=_child, args=(one, audience, send, i == len(audiences) - 1),
                            name=f"filings-build-{audience}")
        # not a daemon: a site's build starts a process of its own (the full-text index, fulltext_index.py);
        # the finally below kills and joins every child, and die_with_parent covers kill -9
        child.start()
        send.close()
        children.append((audience, child, receive))
    results: dict[str, _T] = {}
    failure: str | None = None
    try:
        for audience, child, receive in children:
            try:
                ok, value = receive.recv()
            except EOFError:  # the child died without an answer (killed, out of memory)
                child.join()
                ok, value = False, f"生成“{audience}”的子进程异常退出（退出码 {child.exitcode}）"
            child.join()
            if ok:
                results[audience] = value
            elif failure is None:
                failure = value
    finally:
        for _, child, receive in children:
            receive.close()
            if child.is_alive():
                child.kill()
                child.join()
    if failure is not None:
        raise RuntimeError(failure)
    return {audience: results[audience] for audience in audiences}


def _child(one: Callable[[str], object], audience: str, send: Any, show_progress: bool) -> None:
    release.die_with_parent()
    try:
        with progress.shown(show_progress and progress.enabled()):
            value = one(audience)
        send.send((True, value))
    except BaseException:  # sent to the parent, which raises it: a bug must not pass silently
        send.send((False, f"生成“{audience}”时出错：\n{traceback.format_exc()}"))
    finally:
        send.close()


def pause(step: str) -> None:
    release.pause(step)


def _staging(root: Path, build_id: str) -> Path:
    return release.staging(root, build_id)


def _replace(new: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    release.swap_folder(new, target)


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
