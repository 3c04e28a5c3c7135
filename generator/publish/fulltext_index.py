"""The library's full-text index: every word of every page, searchable from a browser over HTTP.

``write_index(site)`` reads the built pages under ``site`` and writes ``site/fulltext/``, which
``assets/site/fulltext.js`` (the page ``fulltext.html``) searches. No program runs on the server;
the browser fetches a few small files per query, so what it downloads before the first result does
not grow with the number of projects.

Units
    Each page's ``<article>`` is read as sections, cut at its headings that carry an ``id`` (the
    part before the first one has no anchor). A page is one unit of the index; a long page (a
    summary list of thousands of rows) is cut into units of about ``UNIT_CHARS`` characters at
    section boundaries, a longer section at block boundaries, so that what the browser fetches
    for one hit stays small. Parts of the page that are not content are skipped (``SKIP_CLASSES``,
    ``SKIP_TAGS``). Project pages come first in unit order: among equal hits a project ranks first.

Terms
    Text is compared with full-width letters and digits as ASCII, in lower case. Every run of
    letters and digits (Han characters included; any other character ends a run) is indexed by its
    single characters and its overlapping pairs of characters. A query is looked up the same way,
    run by run: a unit is a candidate when it holds every pair (or, for a one-character run, the
    character); the browser then confirms that the runs occur in the unit's text and ranks the
    query as written (runs and what is between them) first. Chinese needs no word segmentation:
    any part of a name is found, as in the header search, and nothing depends on how a dictionary
    would cut a phrase.

Files (all under ``fulltext/``)
    ``meta.json``
        ``{"version", "chunks", "units", "projectUnits", "parts"}``: units before ``projectUnits``
        are project pages; ``parts`` lists ``[first unit, number of units]`` of each page indexed
        in several units, so that the browser shows such a page once, by its best unit.
    ``terms/<k>.bin``
        The postings of the terms whose FNV-1a hash (32-bit, over the UTF-8 bytes) modulo
        ``chunks`` is ``k`` (``chunks`` is chosen for about ``CHUNK_BYTES`` per file): per term,
        its UTF-8 length (1 byte) and bytes, the number of its units (varint), the byte length of
        what follows (varint), then per unit the gap from the previous unit number (varint; the
        first from 0) and a weight byte: ``IN_HEADING`` (0x80) when the term is in the page title
        or a section heading, plus the times it occurs in the text (at most 127).
    ``docs/<n>.json``
        Unit ``n``: ``{"url", "title", "sections": [[anchor, heading, text], ...]}`` (``url``
        relative to the site).
"""
from __future__ import annotations

import html
import json
import multiprocessing
import operator
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .. import progress
from .release import die_with_parent

FULLTEXT_DIR = "fulltext"
FORMAT_VERSION = 1
UNIT_CHARS = 20_000  # a longer page is indexed (and fetched) in parts of about this many characters
CHUNK_BYTES = 24 * 1024  # postings per terms/<k>.bin, on average: a query fetches one per term
MAX_WEIGHT = 127
IN_HEADING = 0x80

# Classes whose elements are not searched (the date line, permalinks, filter and sort tools, the
# search box of the full-text page itself); <svg> charts have their data in the page's tables.
SKIP_CLASSES = frozenset({"page-meta", "headerlink", "pl-tools", "od-filters", "fulltext-search"})
SKIP_TAGS = frozenset({"svg", "script", "style", "template", "noscript", "button", "select"})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                       "source", "track", "wbr"})
BLOCK_TAGS = frozenset({"p", "div", "li", "tr", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5",
                        "h6", "table", "ul", "ol", "dl", "section", "blockquote", "pre", "br",
                        "details", "summary", "figcaption", "caption", "hr"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|<!--.*?-->|([^<]+)", re.S)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_RUN = re.compile(r"[^\W_]+")  # letters and digits of any script: JavaScript's [\p{L}\p{N}]+
_SPACE = re.compile(r"\s+")
_PROJECT_PAGE = re.compile(r"projects/\d{4}-[^/]+\.html$")  # not the lists, not attachments
_WIDE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")  # full-width digits and letters
_NARROW = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B)}


@dataclass(frozen=True, slots=True)
class Unit:
    """What the index finds and the browser fetches: a page, or a part of a long page."""
    url: str  # site-relative
    title: str  # the page's title
    sections: tuple[tuple[str, str, str], ...]  # (anchor, heading, text); anchor "" before the first heading

    @property
    def text(self) -> str:
        return "\n".join(text for _, _, text in self.sections)

    @property
    def headings(self) -> str:
        return "\n".join([self.title, *(heading for _, heading, _ in self.sections)])


def normalize(text: str) -> str:
    """What a query and a text are compared as (fulltext.js does the same): full-width letters and
    digits as ASCII, lower case."""
    if _WIDE.search(text):
        text = text.translate(_NARROW)
    return text.lower()


def runs(text: str) -> list[str]:
    """The runs of letters and digits of normalized text."""
    return _RUN.findall(normalize(text))


def terms(text: str) -> dict[str, int]:
    """Every character and pair of characters of the runs of ``text``, with its count."""
    text = normalize(text)
    counts = Counter(text)
    counts.update(map(operator.add, text, text[1:]))
    # a pair is a term when both its characters are letters or digits (str.isalnum, as _RUN)
    return {term: n for term, n in counts.items() if term.isalnum()}


def query_terms(query: str) -> list[str]:
    """The terms a document must hold to match ``query`` (fulltext.js computes the same)."""
    out: list[str] = []
    for run in runs(query):
        wanted = [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]
        out.extend(t for t in wanted if t not in out)
    return out


def fnv1a(term: str) -> int:
    h = 0x811C9DC5
    for byte in term.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


# --- reading pages -------------------------------------------------------------------------------

def _attrs(raw: str) -> dict[str, str]:
    return {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
            for m in _ATTR.finditer(raw)}


def _page_title(page: str) -> str:
    found = _TITLE.search(page)
    title = html.unescape(found.group(1)).strip() if found else ""
    return title.rsplit(" - ", 1)[0].strip()  # material's "页面 - 站点名"


def page_sections(page: str) -> tuple[str, list[tuple[str, str, list[str]]]]:
    """The page's title and the sections of its ``<article>``: (anchor, heading, text blocks)."""
    start = page.find("<article")
    end = page.rfind("</article>")
    title = _page_title(page)
    sections: list[tuple[str, str, list[str]]] = [("", "", [])]
    if start < 0 or end < start:
        return title, sections
    block: list[str] = []
    skip: list[str] = []  # the skipped element's tag, once per nesting level of that tag
    heading: list[str] | None = None  # text of the heading being read
    heading_id = heading_tag = ""

    def flush() -> None:
        if block:
            text = _SPACE.sub(" ", "".join(block)).strip()
            if text:
                sections[-1][2].append(text)
            block.clear()

    for m in _TOKEN.finditer(page, start, end):
        text = m.group(4)
        if text is not None:
            if not skip:
                piece = html.unescape(text)
                (block if heading is None else heading).append(piece)
            continue
        tag = (m.group(2) or "").lower()
        if not tag:
            continue  # a comment
        closing = m.group(1) == "/"
        raw = m.group(3) or ""
        nests = tag not in VOID_TAGS and not raw.rstrip().endswith("/")
        if skip:
            if tag == skip[0] and nests:
                if closing:
                    skip.pop()
                else:
                    skip.append(tag)
            continue
        if closing:
            if heading is not None and tag == heading_tag:
                sections.append((heading_id, _SPACE.sub(" ", "".join(heading)).strip(), []))
                heading = None
            elif tag in BLOCK_TAGS:
                flush()
            continue
        if tag in SKIP_TAGS or ("class" in raw and SKIP_CLASSES.intersection(_attrs(raw).get("class", "").split())):
            if nests:
                skip.append(tag)
            continue
        if tag in BLOCK_TAGS:
            flush()
        if heading is None and tag in HEADINGS and tag != "h1" and "id" in raw:
            anchor = _attrs(raw).get("id", "")
            if anchor:
                heading, heading_id, heading_tag = [], anchor, tag
    flush()
    return title, sections


def page_units(url: str, page: str, limit: int = UNIT_CHARS) -> list[Unit]:
    """One page as index units: the whole page, or a long page cut into parts of about ``limit``
    characters at section boundaries (a longer section at block boundaries); none for a page
    without an ``<article>`` or text in it (an attachment that happens to be HTML)."""
    title, sections = page_sections(page)
    units: list[Unit] = []
    part: list[tuple[str, str, str]] = []
    size = 0

    def close() -> None:
        nonlocal part, size
        if part:
            units.append(Unit(url, title, tuple(part)))
        part, size = [], 0

    for anchor, heading, blocks in sections:
        if not blocks and not heading:
            continue
        pieces: list[list[str]] = [[]]
        length = 0
        for text in blocks:
            if pieces[-1] and length + len(text) > limit:
                pieces.append([])
                length = 0
            pieces[-1].append(text)
            length += len(text) + 1
        for piece in pieces:
            text = " ".join(piece)
            if part and size + len(text) > limit:
                close()
            part.append((anchor, heading, text))
            size += len(text) + len(heading) + 1
    close()
    return units


def pages(site: Path) -> list[str]:
    """The site's pages, site-relative: project pages (``projects/<项目编号>.html``) first, then the
    rest, each sorted."""
    found: list[str] = []
    for folder, dirs, files in os.walk(site):
        rel_dir = Path(folder).relative_to(site).as_posix()
        if rel_dir == ".":
            dirs[:] = [d for d in dirs if d not in (FULLTEXT_DIR, "assets", "search", "downloads")]
            rel_dir = ""
        found.extend(f"{rel_dir}/{f}" if rel_dir else f for f in files if f.endswith(".html"))
    found = [p for p in found if p != "404.html"]
    return sorted(found, key=lambda p: (not _PROJECT_PAGE.match(p), p))


def units(site: Path, listed: list[str] | None = None, bar: progress.Stage | None = None) -> Iterator[Unit]:
    """Every page of ``site`` (or the ``listed`` ones) as index units, project pages first; ``bar``
    advances by one per page."""
    for rel in pages(site) if listed is None else listed:
        with open(site / rel, encoding="utf-8", errors="replace") as f:
            yield from page_units(rel, f.read())
        if bar is not None:
            bar.advance()


# --- writing the index ---------------------------------------------------------------------------

def _varint(n: int, out: bytearray) -> None:
    while n > 0x7F:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


@dataclass(slots=True)
class _Part:
    """The index of a run of pages, its units numbered from 0 (see _index_part)."""
    units: int
    project_units: int
    parts: list[list[int]]
    postings: dict[str, bytearray]  # gaps from the unit before, the first from 0; a weight byte each
    counts: dict[str, int]
    last: dict[str, int]


def _index_part(found: Iterable[Unit], docs: Path) -> _Part:
    """Index ``found``, numbering its units from 0 and writing each one's text to ``docs/<n>.json``."""
    part = _Part(0, 0, [], {}, {}, {})
    postings, counts, last = part.postings, part.counts, part.last
    n = 0
    previous = ""
    for unit in found:
        in_heading = terms(unit.headings)
        in_text = terms(unit.text)
        for term in in_text.keys() | in_heading.keys():
            data = postings.get(term)
            if data is None:
                data = postings[term] = bytearray()
                counts[term] = 0
                last[term] = 0
            _varint(n - last[term], data)  # the gap from the unit before (from 0 for the first)
            data.append(min(in_text.get(term, 0), MAX_WEIGHT) | (IN_HEADING if term in in_heading else 0))
            counts[term] += 1
            last[term] = n
        fragment = {"url": unit.url, "title": unit.title, "sections": [list(s) for s in unit.sections]}
        (docs / f"{n}.json").write_text(json.dumps(fragment, ensure_ascii=False, separators=(",", ":")),
                                        encoding="utf-8")
        if _PROJECT_PAGE.match(unit.url):
            part.project_units = n + 1
        if unit.url == previous:
            if part.parts and part.parts[-1][0] + part.parts[-1][1] == n:
                part.parts[-1][1] += 1
            else:
                part.parts.append([n - 1, 2])
        previous = unit.url
        n += 1
    part.units = n
    return part


def _index_pages(site: Path, listed: list[str], docs: Path) -> _Part:
    """_index_part of the ``listed`` pages (what the forked process runs: its arguments are pickled)."""
    return _index_part(units(site, listed), docs)


def read_varint(data: bytes | bytearray, at: int = 0) -> tuple[int, int]:
    """The varint at ``data[at:]`` and the position after it (as fulltext.js reads them)."""
    n = shift = 0
    while True:
        b = data[at]
        at += 1
        n |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return n, at


def _append(whole: _Part, part: _Part, docs: Path, out: Path) -> None:
    """Add ``part`` (its texts in ``docs``) after the units of ``whole`` (texts in ``out/docs``)."""
    offset = whole.units
    for n in range(part.units):
        os.replace(docs / f"{n}.json", out / "docs" / f"{offset + n}.json")
    for term, data in part.postings.items():
        first, size = read_varint(data)
        merged = whole.postings.get(term)
        if merged is None:
            merged = whole.postings[term] = bytearray()
            whole.counts[term] = 0
            whole.last[term] = 0
        _varint(offset + first - whole.last[term], merged)
        merged += memoryview(data)[size:]
        whole.counts[term] += part.counts[term]
        whole.last[term] = offset + part.last[term]
    whole.parts += [[first + offset, count] for first, count in part.parts]
    if part.project_units:
        whole.project_units = offset + part.project_units
    whole.units += part.units


def _halves(site: Path, listed: list[str]) -> tuple[list[str], list[str]]:
    """``listed`` cut in two runs of about the same bytes of HTML."""
    sizes = [(site / rel).stat().st_size for rel in listed]
    half, total = sum(sizes) / 2, 0
    for i, size in enumerate(sizes):
        total += size
        if total >= half:
            return listed[:i + 1], listed[i + 1:]
    return listed, []


def write_index(site: Path, found: Iterable[Unit] | None = None, *, listed: list[str] | None = None,
                workers: int = 1, bar: progress.Stage | None = None) -> int:
    """Write ``site/fulltext/`` from the pages under ``site`` (the ``listed`` ones, by default
    :func:`pages`), or from the units ``found``; return the number of units indexed. With
    ``workers`` >= 2 (and fork), a forked process indexes the second half of the pages meanwhile;
    the files written are the same byte for byte. ``bar`` advances by one per page."""
    out = site / FULLTEXT_DIR
    shutil.rmtree(out, ignore_errors=True)
    (out / "docs").mkdir(parents=True)
    (out / "terms").mkdir()
    listed = pages(site) if listed is None else listed
    if found is not None or workers < 2 or len(listed) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        whole = _index_part(units(site, listed, bar) if found is None else found, out / "docs")
    else:
        first, second = _halves(site, listed)
        later = out / "docs-2"
        later.mkdir()
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(1, mp_context=ctx, initializer=die_with_parent) as pool:
            pending = pool.submit(_index_pages, site, second, later)
            whole = _index_part(units(site, first, bar), out / "docs")
            rest = pending.result()
        if bar is not None:
            bar.advance(len(second))
        _append(whole, rest, later, out)
        later.rmdir()
    size = sum(len(p) for p in whole.postings.values())
    chunks = max(1, -(-size // CHUNK_BYTES))
    files: list[bytearray] = [bytearray() for _ in range(chunks)]
    for term in sorted(whole.postings):
        raw = term.encode("utf-8")
        target = files[fnv1a(term) % chunks]
        target.append(len(raw))
        target += raw
        _varint(whole.counts[term], target)
        _varint(len(whole.postings[term]), target)
        target += whole.postings[term]
    for k, data in enumerate(files):
        (out / "terms" / f"{k}.bin").write_bytes(data)
    meta = {"version": FORMAT_VERSION, "chunks": chunks, "units": whole.units, "projectUnits": whole.project_units,
            "parts": whole.parts}
    (out / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return whole.units
