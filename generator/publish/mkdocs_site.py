"""Build one mkdocs-material site; the only module that imports mkdocs.

``build_site`` loads the shared base configuration (``<repo>/mkdocs.yml``),
overrides ``site_name``, ``docs_dir``, ``site_dir``, ``nav``, ``strict`` and
merges ``extra`` key by key, builds in-process into a temporary directory next
to ``out_dir`` and swaps the result into place. On any failure the previous
``out_dir`` is left untouched and :class:`SiteBuildError` is raised.

Chinese search (jieba)
    Neither search on our sites depends on this any more: the header search
    (``lean-search.js``) finds any part of a text, and :func:`search_compact_index`
    drops jieba's U+200B word breaks from the index. What follows is how
    material's own browser search would use them, and why the dictionary was
    written; material's plugin still cuts every page while it builds.

    material's search plugin segments every run of Han characters with
    ``jieba.cut`` (accurate mode, HMM on) at build time and joins the pieces
    with U+200B; without jieba installed it silently skips segmentation. In the
    browser the query is *not* cut by jieba: short queries are used as they
    are, longer ones are split greedily on tokens already in the index, and
    every term gets a trailing ``*``. So a query finds a page only if it is a
    *prefix* of a token jieba produced at build time. Stock jieba cuts
    一体化政务服务平台 into 一体化/政务/服务平台 and 数据共享交换 into
    数据共享/交换, so 平台 and 共享 find nothing.

    The user dictionary is written to ``<docs_dir>.jieba_user_dict.txt`` (a
    sibling of the staged docs dir, so mkdocs never publishes it) and passed to
    the search plugin as an absolute path (material resolves it against the
    working directory). jieba's format is ``word [freq] [tag]``, one per line;
    ``freq 0`` is jieba's own ``del_word`` and forces a compound apart:

    * ``jieba_words`` -> ``词 2000``: atomic names kept whole (brand names,
      department short names: 浙里办, 一网通办, 政数局). Without them jieba
      cuts 浙里/办, and the browser segmenter (which drops a query's trailing
      characters when they are no index token) cannot find them.
    * ``jieba_parts`` -> ``词 0`` lines: phrases people search by part
      (project names, full department names). They are *not* written whole;
      instead every dictionary compound jieba would produce inside them that
      splits fully into >= 2-character dictionary words is written with
      frequency 0 (服务平台 0, 数据共享 0, 公共数据 0, 开放平台 0), until
      a fixed point. Then jieba cuts 一体化/政务/服务/平台 and 数据/共享/交换:
      平台 and 共享 match, and the full name still matches because the browser
      splits it on those same index tokens. Writing a project name whole (high
      frequency) would make it a single token and break partial search; a
      name passed in both lists is therefore still split where it can be.

    jieba keeps one process-wide dictionary and material only ever *adds* to
    it, so it is reset to its pristine state before and after every build.

Offline use
    The offline plugin inlines the search index into ``search/search_index.js``
    and, unless a polyfill mentioning "iframe-worker" is configured, adds the
    shim from a CDN (unversioned ``iframe-worker/shim``). The shim (npm
    iframe-worker 1.0.4, see ``assets/iframe-worker/SOURCE.txt``) is vendored:
    ``extra.polyfills`` points at ``assets/vendor/iframe-worker/shim.js``, the
    file and its LICENSE are copied into the built site, and any remaining CDN
    reference to it is rewritten to the local copy. :func:`scan_offline` then
    checks every built file for resource loads from another host.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TypeVar

from backrefs import bre

from .. import progress
from ..templates import BASE_CONFIG
from . import fulltext_index

PROCESSES_ENV = "FILINGS_BUILD_PROCESSES"  # "1": build in this process only (sites.py, the full-text index)
SHIM_DIR = Path(__file__).resolve().parent / "assets" / "iframe-worker"
SHIM_SITE_PATH = "assets/vendor/iframe-worker/shim.js"
KEEP_WHOLE_FREQ = 2000

_CDN_SHIM = re.compile(
    r"https?://(?:unpkg\.com|cdn\.jsdelivr\.net/npm)/iframe-worker(?:@[\w.\-]+)?/shim(?:/index\.js)?"
)
_HAN = bre.compile(r"\p{script: Han}+")  # same expression material uses


class SiteBuildError(Exception):
    """A site could not be built; the previous output directory is unchanged."""

    def __init__(self, message: str, details: Iterable[str] = ()) -> None:
        self.details = list(details)
        lines = [message, *(f"  - {d}" for d in self.details)]
        super().__init__("\n".join(lines))


def jieba_dict_path(docs_dir: Path) -> Path:
    """Where build_site writes the jieba user dictionary for ``docs_dir``."""
    docs_dir = Path(docs_dir).absolute()
    return docs_dir.with_name(docs_dir.name + ".jieba_user_dict.txt")


def build_site(
    docs_dir: Path,
    out_dir: Path,
    *,
    site_name: str,
    nav: list[Any] | None = None,
    base_config: Path = BASE_CONFIG,
    extra: dict[str, Any] | None = None,
    jieba_words: Iterable[str] = (),
    jieba_parts: Iterable[str] = (),
    offline: bool = True,
    strict: bool = True,
    fulltext: bool = False,
) -> None:
    """Build ``docs_dir`` into ``out_dir``; raise SiteBuildError on failure.

    ``fulltext`` adds the full-text index under ``fulltext/`` (see
    :mod:`generator.publish.fulltext_index`); it needs HTTP, so only the library uses it.
    """
    docs_dir, out_dir = Path(docs_dir).absolute(), Path(out_dir).absolute()
    if not docs_dir.is_dir():
        raise SiteBuildError(f"站点“{site_name}”构建失败：文档目录不存在：{docs_dir}")
    dict_path = jieba_dict_path(docs_dir)
    write_jieba_dict(dict_path, jieba_words, jieba_parts)

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    tmp.chmod(0o755)  # mkdtemp creates 0700; the site must stay readable by a web server
    try:
        with progress.stage(f"MkDocs 生成“{site_name}”", total=_count_pages(docs_dir)) as bar:
            problems = _run_mkdocs(docs_dir, tmp, dict_path, site_name=site_name, nav=nav,
                                   base_config=Path(base_config), extra=extra or {},
                                   offline=offline, strict=strict, bar=bar)
        if problems is not None:
            raise SiteBuildError(f"站点“{site_name}”构建失败（mkdocs 报告如下）：", problems)
        if offline:
            _install_shim(tmp)
        search_compact_index(tmp)
        if fulltext:
            listed = fulltext_index.pages(tmp)
            with progress.stage(f"全文检索索引“{site_name}”", total=len(listed)) as bar:
                fulltext_index.write_index(tmp, listed=listed, workers=_processes(), bar=bar)
        with progress.stage(f"离线检查“{site_name}”"):
            offending = scan_offline(tmp)
        if offending:
            raise SiteBuildError(
                f"站点“{site_name}”构建失败：以下文件会从其他主机加载资源，离线无法使用：", offending)
        _swap(tmp, out_dir)
    except OSError as exc:
        raise SiteBuildError(f"站点“{site_name}”构建失败：文件操作出错：{exc}") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _processes() -> int:
    """Processes the full-text index may use: two on a machine with two cores or more."""
    if os.environ.get(PROCESSES_ENV) == "1":
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(2, cpus)


# --- mkdocs ------------------------------------------------------------------

def _run_mkdocs(docs_dir: Path, site_dir: Path, dict_path: Path, *, site_name: str,
                nav: list[Any] | None, base_config: Path, extra: dict[str, Any],
                offline: bool, strict: bool, bar: progress.Stage | None = None) -> list[str] | None:
    """Run the build; return None on success, else the collected messages."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with _quiet_logs() as messages:
        try:
            overrides: dict[str, Any] = dict(site_name=site_name, docs_dir=str(docs_dir),
                                             site_dir=str(site_dir), strict=strict)
            if nav is not None:
                overrides["nav"] = nav
            cfg = load_config(config_file=str(base_config), **overrides)
            for key, value in extra.items():
                cfg.extra[key] = value
            plugins = cfg.plugins
            if "material/search" not in plugins:
                return ["基础配置未启用 material 的 search 插件"]
            plugins["material/search"].config.jieba_dict_user = str(dict_path)
            if "material/offline" in plugins:
                plugins["material/offline"].config.enabled = offline
            elif offline:
                return ["基础配置未启用 material 的 offline 插件"]
            if offline:
                polyfills = [p for p in cfg.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
                cfg.extra["polyfills"] = [*polyfills, SHIM_SITE_PATH]
            plugins["filings/release"] = _PageCounter(bar)  # type: ignore[assignment]
            _reset_jieba()
            build(cfg)
        except Exception as exc:  # mkdocs Abort/ConfigurationError/plugin errors
            text = str(exc).strip() or type(exc).__name__
            return [*messages, f"{type(exc).__name__}: {text}"]
        finally:
            _reset_jieba()
    return None


def _count_pages(docs_dir: Path) -> int:
    return sum(name.endswith(".md") for _, _, names in os.walk(docs_dir) for name in names)


F = TypeVar("F", bound=Callable[..., Any])


def _event_priority(priority: int) -> Callable[[F], F]:
    """mkdocs.plugins.event_priority without importing mkdocs at module level: mkdocs orders a
    plugin's event handlers by this attribute (higher first; 0 is the default)."""
    def mark(method: F) -> F:
        method.mkdocs_priority = priority  # type: ignore[attr-defined]
        return method
    return mark


class _PageCounter:
    """A plugin object: moves the progress bar, and keeps mkdocs from holding every page's
    Markdown and HTML at once.

    mkdocs converts *all* pages to HTML first and only then renders them into the theme one by
    one, so at the end of the first pass every page's Markdown and HTML are in memory (about
    0.6 GB for a 10,000-project library). Last to see each page's HTML, this drops the Markdown
    (nothing reads it after the conversion; "" rather than None, which mkdocs reads as "no title") and keeps the HTML zlib-compressed (Chinese HTML
    shrinks about sixfold); first to see the page in the second pass, it puts the HTML back
    (the search plugin and the theme read it), and once the page is written lets go of it."""

    def __init__(self, bar: progress.Stage | None) -> None:
        self.bar = bar

    @_event_priority(-100)
    def on_page_content(self, html: str, page: Any = None, **_: Any) -> str:
        if page is None:
            return html
        page.markdown = ""  # not None: mkdocs then says the page has no title
        page.filings_html = zlib.compress(html.encode("utf-8"), 1)
        return ""

    @_event_priority(100)
    def on_page_context(self, context: Any, page: Any = None, **_: Any) -> Any:
        packed = getattr(page, "filings_html", None)
        if packed is not None:
            page.content = zlib.decompress(packed).decode("utf-8")
            page.filings_html = None
        return context

    def on_post_page(self, output: str, page: Any = None, **_: Any) -> str:
        if page is not None:
            page.content = None
            page.markdown = ""  # not None: mkdocs then says the page has no title
        if self.bar is not None:
            self.bar.advance()
        return output


@contextmanager
def _quiet_logs() -> Iterator[list[str]]:
    """Keep mkdocs and jieba off the console; collect mkdocs warnings/errors."""
    import jieba

    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(f"{record.levelname}: {record.getMessage()}")

    handler = Collect(logging.WARNING)
    mk = logging.getLogger("mkdocs")
    saved = (mk.propagate, jieba.default_logger.level)
    mk.propagate = False
    mk.addHandler(handler)
    jieba.default_logger.setLevel(logging.WARNING)
    try:
        yield messages
    finally:
        mk.removeHandler(handler)
        mk.propagate = saved[0]
        jieba.default_logger.setLevel(saved[1])


def _swap(new: Path, out_dir: Path) -> None:
    """Move ``new`` to ``out_dir``, replacing it; restore it if the move fails."""
    old = None
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        old.rmdir()
        os.rename(out_dir, old)
    try:
        os.rename(new, out_dir)
    except OSError as exc:
        if old is not None:
            os.rename(old, out_dir)
        raise SiteBuildError(f"无法写入输出目录 {out_dir}：{exc}") from exc
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _install_shim(site: Path) -> None:
    """Copy the vendored iframe-worker shim into ``site``; point pages at it."""
    dest = site / SHIM_SITE_PATH
    dest.parent.mkdir(parents=True, exist_ok=True)
    for name in ("shim.js", "LICENSE"):
        shutil.copyfile(SHIM_DIR / name, dest.parent / name)
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if _CDN_SHIM.search(text):
            local = os.path.relpath(dest, page.parent).replace(os.sep, "/")
            page.write_text(_CDN_SHIM.sub(local, text), encoding="utf-8")


# --- search index ------------------------------------------------------------

SEARCH_INDEX_JSON = "search/search_index.json"
ZWSP = "\u200b"  # jieba's word break in material's index
LEAN_SEARCH_WORKER = "assets/javascripts/workers/lean-search.js"  # templates/site/overrides: our sites' header search
SEARCH_INDEX_JS = "search/search_index.js"  # the offline plugin's copy for file://
_SEARCH_INDEX_JS_PREFIX = "var __index = "


def search_compact_index(site: Path) -> int:
    """Rewrite the search index as plain UTF-8 JSON; return its new size in bytes.

    material writes the index with ``json.dumps``' default ``ensure_ascii``:
    every Han character and every U+200B word break becomes a six-byte
    ``\\uXXXX`` escape. As UTF-8 they take three bytes, so the index a browser
    downloads before its first search result (both the ``.json`` fetched over
    HTTP and the ``.js`` the offline plugin inlines for file://) shrinks by
    almost half. Both files are read by the browser as UTF-8 (the worker's
    fetch, and a classic script inheriting the page's ``<meta charset>``).

    On a site whose header search is ``lean-search.js`` (our two sites) the
    U+200B word breaks jieba put between words are dropped: that worker finds
    any part of a text and drops them itself, and at three bytes each they
    were a quarter of the index (1.1 of 4.6 MB at 10,000 projects). material's
    own worker (lunr) matches word prefixes and needs them, so a site built
    without our theme overrides keeps them. Nothing else in the index changes.
    """
    import json

    size = 0
    source = site / SEARCH_INDEX_JSON
    if not source.is_file():
        return 0
    data = json.loads(source.read_text(encoding="utf-8"))
    lean = (site / LEAN_SEARCH_WORKER).is_file()  # material's own worker (lunr) needs the word breaks
    for doc in data.get("docs", []) if lean else []:
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = doc[key].replace(ZWSP, "")
        if isinstance(doc.get("tags"), list):
            doc["tags"] = [t.replace(ZWSP, "") if isinstance(t, str) else t for t in doc["tags"]]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    source.write_text(text, encoding="utf-8")
    size = len(text.encode("utf-8"))
    wrapper = site / SEARCH_INDEX_JS
    if wrapper.is_file():
        wrapper.write_text(_SEARCH_INDEX_JS_PREFIX + text, encoding="utf-8")
    return size


# --- jieba -------------------------------------------------------------------

_PRISTINE: tuple[dict[str, int], int, dict[str, str], set[str]] | None = None


def _reset_jieba() -> None:
    """Restore jieba's global dictionary to the state before any user dict."""
    global _PRISTINE
    import jieba
    from jieba import finalseg

    dt = jieba.dt
    if _PRISTINE is None:
        dt.check_initialized()
        _PRISTINE = (dict(dt.FREQ), dt.total, dict(dt.user_word_tag_tab),
                     set(finalseg.Force_Split_Words))
        return
    freq, total, tags, forced = _PRISTINE
    dt.FREQ, dt.total, dt.user_word_tag_tab = dict(freq), total, dict(tags)
    finalseg.Force_Split_Words.clear()
    finalseg.Force_Split_Words.update(forced)


def _han_runs(words: Iterable[str]) -> list[str]:
    """Runs of >= 2 Han characters, the only text material hands to jieba."""
    return sorted({run for w in words for run in _HAN.findall(w) if isinstance(run, str) and len(run) >= 2})


def _splits_into_words(token: str, freq: dict[str, int]) -> bool:
    """Whether ``token`` is a sequence of >= 2 dictionary words of >= 2 chars."""
    n = len(token)
    ok = [True] + [False] * n
    for j in range(2, n + 1):
        ok[j] = any(ok[i] and (i, j) != (0, n) and freq.get(token[i:j], 0) > 0
                    for i in range(0, j - 1))
    return ok[n]


def write_jieba_dict(path: Path, jieba_words: Iterable[str] = (),
                     jieba_parts: Iterable[str] = ()) -> list[str]:
    """Write the jieba user dictionary (see module docstring); return its lines."""
    import jieba

    with _quiet_logs():
        _reset_jieba()
        dt = jieba.dt
        words = _han_runs(jieba_words)
        for word in words:
            dt.add_word(word, KEEP_WHOLE_FREQ)
        splits: set[str] = set()
        pending = _han_runs(jieba_parts)
        while pending:
            found = {tok for run in pending for tok in dt.cut(run, HMM=False)
                     if len(tok) >= 4 and tok not in splits and _splits_into_words(tok, dt.FREQ)}
            for tok in found:
                dt.add_word(tok, 0)
            splits |= found
            pending = pending if found else []
        _reset_jieba()
    lines = [f"{w} {KEEP_WHOLE_FREQ}" for w in words if w not in splits]
    lines += [f"{w} 0" for w in sorted(splits)]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return lines


# --- offline scan ------------------------------------------------------------

# URL strings in the code (comments stripped) of material's own JavaScript
# under assets/javascripts/ that never load anything for our sites (audited
# for mkdocs-material 9.8.1). Any other URL in a .js file is reported.
_DORMANT_JS_URLS = (
    "https://unpkg.com/mermaid@",  # only for pre.mermaid blocks, checked in HTML
    "https://api.github.com/",  # repository facts, only with repo_url, checked in HTML
    "https://${",  # GitLab repository facts, same
    "https://unpkg.com/resize-observer-polyfill",  # only without ResizeObserver (pre-2020 browsers)
    "https://bit.ly/",  # console warning text in the search worker
)
_LOAD_RELS = {"stylesheet", "icon", "apple-touch-icon", "mask-icon", "manifest", "preload",
              "modulepreload", "prefetch", "preconnect", "dns-prefetch", "prerender"}
_ABSOLUTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.\-]*:)?//", re.I)
_TEXT_URL = re.compile(r"https?://[^\s\"'`<>()\\,;]+", re.I)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_LINE_COMMENT = re.compile(r"^\s*//.*$", re.M)
_SVG_LOAD = re.compile(r"""<(?:image|use|feImage|script)\b[^>]*?\bhref\s*=\s*["']([^"']*)""", re.I)
_XML_STYLESHEET = re.compile(r"""<\?xml-stylesheet[^>]*href\s*=\s*["']([^"']*)""", re.I)


def _remote(url: str) -> bool:
    return bool(_ABSOLUTE.match(url)) and not url.strip().lower().startswith("file:")


def _js_urls(js: str) -> list[str]:
    """URLs in JavaScript code; licence and doc comments do not load anything."""
    return _TEXT_URL.findall(_LINE_COMMENT.sub("", _BLOCK_COMMENT.sub("", js)))


def _css_urls(css: str) -> list[str]:
    found = (next(g for g in m.groups() if g is not None) for m in _CSS_URL.finditer(_BLOCK_COMMENT.sub("", css)))
    return [u for u in found if _remote(u)]


class _HtmlLoads(HTMLParser):
    """Collect URLs an HTML page would load (not links it merely points to)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in: str | None = None  # "script" (inline JS) or "style"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        cand = [a.get("src", ""), a.get("poster", "")]
        cand += [part.split()[0] for key in ("srcset", "imagesrcset") for part in a.get(key, "").split(",") if part.split()]
        if tag == "object":
            cand.append(a.get("data", ""))
        if tag == "base" or (tag in {"image", "use", "feimage"}):
            cand += [a.get("href", ""), a.get("xlink:href", "")]
        if tag == "link" and _LOAD_RELS & set(a.get("rel", "").lower().split()):
            cand.append(a.get("href", ""))
        self.urls += [u for u in cand if u and _remote(u)]
        self.urls += _css_urls(a.get("style", ""))
        if tag == "pre" and "mermaid" in a.get("class", "").split():
            self.urls.append("https://unpkg.com/mermaid@11/dist/mermaid.min.js")
        if a.get("data-md-component") == "source":
            self.urls.append("https://api.github.com/（仓库信息 repo_url）")
        js_type = a.get("type", "").lower()
        if tag == "style" or (tag == "script" and not a.get("src") and js_type in {"", "module", "text/javascript"}):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.urls += _css_urls(data)
        elif self._in == "script":
            self.urls += _js_urls(data)


_ANCHOR_TAG = re.compile(r"<a\s[^>]*>", re.I)


def _unless_styled(match: re.Match[str]) -> str:
    tag = match.group(0)
    return tag if "style" in tag.lower() else ""  # a style attribute may load a url(); keep it for the parse


def _html_urls(text: str) -> list[str]:
    """Loads from other hosts in one page. A remote load needs "//" (absolute or protocol-relative
    URL) or one of the two theme features that fetch by themselves; most pages have neither once
    the SVG namespace and links (<a href>: a link loads nothing; every page's footer links the
    licence) are set aside, and skip the full parse."""
    bare = _ANCHOR_TAG.sub(_unless_styled, text.replace("http://www.w3.org/", ""))
    suspicious = "//" in bare or "mermaid" in text or 'data-md-component="source"' in text
    if not suspicious:
        return []
    parser = _HtmlLoads()
    parser.feed(text)
    parser.close()
    return parser.urls


def scan_offline(out_dir: Path) -> list[str]:
    """Return "file: url" for every load of a resource from another host.

    Checked: HTML load attributes (script/img/iframe/source/... src, srcset,
    stylesheet/icon/preload links, base href, svg image/use href), inline
    scripts and styles, CSS ``url()``/``@import``, URLs in JavaScript code
    outside comments (minus the audited ones in ``_DORMANT_JS_URLS``), SVG and XML stylesheet
    references. Not loads, hence ignored: ``<a href>`` and canonical links,
    XML namespaces, sitemap ``<loc>`` entries, and JSON/TXT data including
    the search index (``search_index.json`` and its ``.js`` wrapper), whose
    page text may mention URLs.
    """
    out_dir = Path(out_dir)
    found: list[str] = []
    for path in sorted(p for p in out_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(out_dir).as_posix()
        suffix = path.suffix.lower()
        if suffix not in {".html", ".htm", ".js", ".mjs", ".css", ".svg", ".xml"} or rel == "search/search_index.js":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if suffix in {".html", ".htm"}:
            urls = _html_urls(text)
        elif suffix in {".js", ".mjs"}:
            theme = rel.startswith("assets/javascripts/")
            urls = [u for u in _js_urls(text) if not (theme and u.startswith(_DORMANT_JS_URLS))]
        elif suffix == ".css":
            urls = _css_urls(text)
        elif suffix == ".svg":
            urls = [u for u in _SVG_LOAD.findall(text) if _remote(u)] + _css_urls(text)
        else:
            urls = [u for u in _XML_STYLESHEET.findall(text) if _remote(u)]
        found += [f"{rel}: {u}" for u in dict.fromkeys(urls)]
    return found
