"""Filing bodies as safe HTML: markdown-it-py with raw HTML off, then nh3.

A filing body is the department's text, so it is rendered here, never handed to
mkdocs as Markdown: raw HTML in it is shown as text (markdown-it escapes it),
and nh3 then keeps only the tags and attributes listed below, whatever the
parser let through. The result is embedded in a page inside a ``<div>``, which
Python-Markdown leaves alone.

Links: http(s) and mailto links stay; a relative link (an attachment) is passed
to ``resolve``, which returns where the attachment is published or None, in
which case only the link text is kept. Images load only from a resolved local
path, so a page never loads a picture from another host.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

Resolver = Callable[[str], "str | None"]

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(["table", "strikethrough"])
_REMOTE = re.compile(r"^(?:https?:|mailto:)", re.I)

TAGS = {"p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "hr",
        "table", "thead", "tbody", "tr", "th", "td", "a", "img", "h3", "h4", "h5", "h6"}
ATTRIBUTES = {"a": {"href", "title", "download"}, "img": {"src", "alt", "title"}, "th": {"style"}, "td": {"style"},
              "ol": {"start"}}


def no_attachments(href: str) -> str | None:
    return None


def render(markdown: str, resolve: Resolver = no_attachments, *, shift: int = 2) -> str:
    """Safe HTML for a filing's Markdown; headings move down `shift` levels (## -> h4)."""
    env: dict[str, Any] = {}
    tokens = _md.parse(markdown, env)
    for tok in tokens:
        if tok.type in ("heading_open", "heading_close"):
            tok.tag = f"h{min(6, int(tok.tag[1]) + shift)}"
        if tok.children:
            tok.children = _links(tok.children, resolve)
    html = _md.renderer.render(tokens, _md.options, env)
    return clean(html)


def clean(html: str) -> str:
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer", filter_style_properties={"text-align"},
                     strip_comments=True)


def _links(children: list[Token], resolve: Resolver) -> list[Token]:
    out: list[Token] = []
    dropped: list[bool] = []  # for each open link: whether it was dropped
    for tok in children:
        if tok.type == "link_open":
            href = str(tok.attrGet("href") or "")
            remote = bool(_REMOTE.match(href))
            target = href if remote else _local(href, resolve)
            dropped.append(target is None)
            if target is not None:
                tok.attrSet("href", target)
                if not remote:  # a local attachment: a file to download, never a page
                    tok.attrSet("download", "")
                out.append(tok)
        elif tok.type == "link_close":
            if not (dropped.pop() if dropped else True):
                out.append(tok)
        elif tok.type == "image":
            src = str(tok.attrGet("src") or "")
            target = None if _REMOTE.match(src) else _local(src, resolve)
            if target is None:
                alt = Token("text", "", 0)
                alt.content = tok.content or "图片"
                out.append(alt)
            else:
                tok.attrSet("src", target)
                out.append(tok)
        else:
            out.append(tok)
    return out


def _local(href: str, resolve: Resolver) -> str | None:
    if not href or href.startswith("#") or re.match(r"^[a-z][a-z0-9+.\-]*:", href, re.I) or href.startswith("/"):
        return None
    return resolve(unquote(href))  # markdown-it percent-encodes; the resolver wants the file name
