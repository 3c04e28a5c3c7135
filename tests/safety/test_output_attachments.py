"""Attachments are files to download, never pages (issue 7, item 2)."""
from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import pytest
from output_helpers import AS_OF, copy_demo, git_commit, replace_in, run

PROJECT = "2024-AJB-01"
APP = f"filings/{PROJECT}/立项申请.md"
LINK = "[可研批复](附件/可行性研究报告批复.pdf)"
SCRIPT = "<script>alert('附件脚本')</script>"


def link_line(root: Path) -> int:
    lines = (root / APP).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if "[可研批复](附件/" in line)


def relink(root: Path, name: str, content: bytes) -> None:
    (root / f"filings/{PROJECT}/附件/{name}").write_bytes(content)
    replace_in(root / APP, LINK, f"[可研批复](附件/{name})")


@pytest.mark.parametrize("name, content", [
    ("假的.pdf", b"<html><script>alert(1)</script></html>"),
    ("假的.png", b"GIF89a\x01\x00"),
    ("假的.jpg", b"%PDF-1.4\n"),
    ("假的.docx", b"{\\rtf1 not a zip}"),
    ("假的.ofd", b"%PDF-1.7"),
    ("空的.pdf", b""),
])
def test_bytes_must_match_the_type(tmp_path: Path, name: str, content: bytes) -> None:
    root = copy_demo(tmp_path / "repo")
    relink(root, name, content)
    code, out, _ = run("check", "--repo", str(root), "--as-of", AS_OF)
    assert code == 1
    assert f"{APP}:{link_line(root)}:1: E316 附件“附件/{name}”的内容不是" in out


@pytest.mark.parametrize("name", ["页面.md", "页面.html", "图.svg"])
def test_pages_in_the_attachment_folder_are_refused(tmp_path: Path, name: str) -> None:
    root = copy_demo(tmp_path / "repo")
    relink(root, name, f"# 标题\n\n{SCRIPT}\n".encode())
    code, out, _ = run("check", "--repo", str(root), "--as-of", AS_OF)
    assert code == 1
    assert re.search(rf"^{re.escape(APP)}:{link_line(root)}:1: E310 附件“附件/{re.escape(name)}”的类型", out, re.M), out


def test_real_files_of_every_type_pass(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "repo")
    folder = root / f"filings/{PROJECT}/附件"
    zipped = tmp_path / "z.docx"
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    samples = {"a.pdf": b"%PDF-1.7\n%\xe2\xe3\n", "b.png": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
               "c.jpg": b"\xff\xd8\xff\xe0\0\x10JFIF", "d.jpeg": b"\xff\xd8\xff\xdb",
               "e.docx": zipped.read_bytes(), "f.xlsx": zipped.read_bytes(), "g.ofd": zipped.read_bytes()}
    links = []
    for name, content in samples.items():
        (folder / name).write_bytes(content)
        links.append(f"[{name}](附件/{name})")
    replace_in(root / APP, LINK, LINK + "、" + "、".join(links))
    code, out, _ = run("check", "--repo", str(root), "--as-of", AS_OF)
    assert code == 0, out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real build of the demo with pages and scripts lying in 附件/ (unlinked, so check passes)."""
    root = copy_demo(tmp_path_factory.mktemp("att") / "repo")
    folder = root / f"filings/{PROJECT}/附件"
    (folder / "说明.md").write_text(f"# 附件里的页面\n\n{SCRIPT}\n", encoding="utf-8")
    (folder / "说明.html").write_text(f"<html>{SCRIPT}</html>", encoding="utf-8")
    (folder / "图.svg").write_text(f"<svg xmlns='http://www.w3.org/2000/svg'>{SCRIPT}</svg>", encoding="utf-8")
    git_commit(root)
    code, out, err = run("build", "--repo", str(root), "--as-of", AS_OF)
    assert code == 0, out + err
    return root


def _all_files(root: Path) -> list[Path]:
    return [p for name in ("site", "library") for p in (root / name).rglob("*") if p.is_file()]


def test_nothing_in_the_attachment_folder_becomes_a_page(built: Path) -> None:
    names = {p.name for p in _all_files(built)}
    assert not names & {"说明.html", "说明.md", "图.svg", "说明"}
    for path in _all_files(built):
        if path.suffix in {".html", ".js", ".json", ".xml", ".svg", ".txt"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "附件脚本" not in text and "附件里的页面" not in text, path


def test_attachments_are_copied_byte_for_byte_and_linked_as_downloads(built: Path) -> None:
    sources = sorted((built / "filings").rglob("附件/*.pdf")) + sorted((built / "filings").rglob("附件/*.png"))
    assert sources
    page = (built / "library" / "projects" / f"{PROJECT}.html").read_text(encoding="utf-8")
    for source in sources:
        pid = source.parents[1].name
        copy = built / "library" / "projects" / pid / "附件" / source.name
        assert hashlib.sha256(copy.read_bytes()).digest() == hashlib.sha256(source.read_bytes()).digest()
    links = re.findall(r'<a [^>]*href="[^"]*%E9%99%84%E4%BB%B6[^"]*\.pdf"[^>]*>', page)
    assert links and all(" download" in a for a in links), links


def test_a_link_to_a_page_is_never_copied_even_if_check_were_skipped(tmp_path: Path) -> None:
    """The publisher itself refuses: views made from a repository whose check failed."""
    import datetime as dt

    from generator.engine import assess
    from generator.publish.sites import publish
    from generator.repository import load
    from generator.views import build_library, build_public

    root = copy_demo(tmp_path / "repo")
    relink(root, "页面.md", f"# 页面\n\n{SCRIPT}\n".encode())
    repo = load(root, dt.date.fromisoformat(AS_OF))
    assert any(p.code == "E310" for p in repo.problems)
    assessments = assess(repo)
    result = publish(root, build_public(repo, assessments), build_library(repo, assessments))
    assert result.ok, result.results
    assert not list((root / "library").rglob("页面*"))
    page = (root / "library" / "projects" / f"{PROJECT}.html").read_text(encoding="utf-8")
    assert "页面.md" not in page and "%E9%A1%B5%E9%9D%A2" not in page
