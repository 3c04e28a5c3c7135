"""A verifiable archive (issue 7, item 10; 《办法》第十八条): SM3 manifests, filings verify, filings archive."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from output_helpers import AS_OF, copy_demo, git_commit, replace_in, run

from generator import digest

# GB/T 32905-2016, appendix A
VECTORS = {
    b"abc": "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
    b"abcd" * 16: "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
}
PROJECT = "2024-AJB-01"


@pytest.mark.parametrize("message, expected", VECTORS.items())
def test_sm3_matches_the_standard(message: bytes, expected: str) -> None:
    assert digest.sm3_pure(message) == expected
    assert digest.sm3(message) == expected


def test_the_pure_python_sm3_agrees_with_openssl_on_every_padding_length() -> None:
    try:
        hashlib.new("sm3")
    except ValueError:
        pytest.skip("this OpenSSL has no SM3")
    for size in range(0, 140):
        data = os.urandom(size)
        assert digest.sm3_pure(data) == hashlib.new("sm3", data).hexdigest(), size


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("verify") / "repo")
    git_commit(root)
    code, out, err = run("build", "--repo", str(root), "--as-of", AS_OF)
    assert code == 0, out + err
    return root


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def test_every_build_publishes_a_manifest_of_filings_and_attachments(built: Path) -> None:
    site, library = manifest(built / "site"), manifest(built / "library")
    assert site["build"] == library["build"]
    filings = sorted(p.relative_to(built).as_posix() for p in (built / "filings").glob("*/*.md"))
    attachments = sorted(p.relative_to(built).as_posix() for p in (built / "filings").rglob("附件/*"))
    assert set(filings) | set(attachments) <= set(library["sources"])
    assert set(site["sources"]) < set(library["sources"]) and not any("附件" in s for s in site["sources"])
    for rel in attachments:
        entry = library["sources"][rel]
        data = (built / rel).read_bytes()
        assert entry["sm3"] == digest.sm3(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert (built / "library" / entry["published_as"]).read_bytes() == data
    for rel, entry in library["files"].items():
        assert entry["sha256"] == hashlib.sha256((built / "library" / rel).read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["site", "library"])
def test_a_fresh_build_verifies(built: Path, name: str) -> None:
    code, out, err = run("verify", str(built / name), "--repo", str(built), "--as-of", AS_OF)
    assert code == 0, out + err
    assert "核验通过" in out


def test_verify_names_every_missing_extra_or_altered_file(built: Path, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(built, root, symlinks=False, ignore=shutil.ignore_patterns(".publish", ".build"))
    library = root / "library"
    page = library / "projects" / f"{PROJECT}.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- 篡改 -->", encoding="utf-8")
    (library / "index.html").unlink()
    (library / "多出来的.html").write_text("x", encoding="utf-8")
    copy = next((library / "projects" / PROJECT / "附件").glob("*.pdf"))
    copy.write_bytes(copy.read_bytes() + b"%")
    replace_in(root / "filings/2025-SCJ-01/立项申请.md", "## ", "## 改动 ")  # the repository moved on
    (root / "filings/2023-SHSY-01/绩效自评价.md").unlink()
    shutil.copyfile(root / "filings/2025-SCJ-01/合同备案-2025-11.md", root / "filings/2025-SCJ-01/合同备案-2026-01.md")
    code, out, err = run("verify", str(library), "--repo", str(root), "--as-of", AS_OF)
    assert code == 1
    lines = out.splitlines()
    expect = [f"{library}/projects/{PROJECT}.html: 被改动", f"{library}/index.html: 缺少",
              f"{library}/多出来的.html: 多出", f"{library}/projects/{PROJECT}/附件/{copy.name}: 被改动",
              f"{library}/projects/{PROJECT}/附件/{copy.name}: 与原件",
              "filings/2025-SCJ-01/立项申请.md: 与仓库不一致", "filings/2023-SHSY-01/绩效自评价.md: 仓库中没有",
              "filings/2025-SCJ-01/合同备案-2026-01.md: 未发布"]
    for start in expect:
        assert any(line.startswith(start) for line in lines), (start, out)
    assert len(lines) == len(expect), out
    assert "核验不通过" in err and "Traceback" not in err


def test_verify_refuses_what_it_cannot_verify(built: Path, tmp_path: Path) -> None:
    code, _, err = run("verify", str(tmp_path / "没有"), "--repo", str(built))
    assert code == 2 and "不存在" in err
    (tmp_path / "空").mkdir()
    code, _, err = run("verify", str(tmp_path / "空"), "--repo", str(built))
    assert code == 1 and "manifest.json" in err


@pytest.fixture(scope="module")
def package(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("archive") / f"{PROJECT}.zip"
    code, stdout, err = run("archive", PROJECT, "--repo", str(built), "--as-of", AS_OF, "--out", str(out))
    assert code == 0, stdout + err
    return out


def test_archive_holds_filings_attachments_history_and_manifest(built: Path, package: Path) -> None:
    with zipfile.ZipFile(package) as z:
        names = set(z.namelist())
        for path in (built / "filings" / PROJECT).rglob("*"):
            if path.is_file():
                rel = path.relative_to(built).as_posix()
                assert rel in names and z.read(rel) == path.read_bytes()
        assert {"history/变更记录.patch", "history/修改历史.json", "manifest.json", "说明.txt"} <= names
        assert "李娜" in z.read("history/变更记录.patch").decode("utf-8", "replace")
        listed = json.loads(z.read("manifest.json"))
        assert listed["kind"] == "archive" and set(listed["files"]) == names - {"manifest.json"}
    code, out, err = run("verify", str(package), "--repo", str(built), "--as-of", AS_OF)
    assert code == 0, out + err


def test_the_same_repository_gives_the_same_archive(built: Path, package: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.zip"
    assert run("archive", PROJECT, "--repo", str(built), "--as-of", AS_OF, "--out", str(again))[0] == 0
    assert again.read_bytes() == package.read_bytes()


def test_a_tampered_archive_fails_verification(built: Path, package: Path, tmp_path: Path) -> None:
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == f"filings/{PROJECT}/立项申请.md":
                data = data.replace("应急".encode(), "急应".encode(), 1)
            if info.filename != f"filings/{PROJECT}/竣工验收.md":
                dst.writestr(info, data)
    code, out, _ = run("verify", str(tampered), "--repo", str(built), "--as-of", AS_OF)
    assert code == 1
    assert f"{tampered}/filings/{PROJECT}/立项申请.md: 被改动" in out
    assert f"{tampered}/filings/{PROJECT}/竣工验收.md: 缺少" in out


def test_archive_refuses_to_overwrite_or_write_into_filings(built: Path, package: Path) -> None:
    code, _, err = run("archive", PROJECT, "--repo", str(built), "--out", str(package))
    assert code == 2 and "已存在" in err
    inside = built / "filings" / PROJECT / "归档.zip"
    code, _, err = run("archive", PROJECT, "--repo", str(built), "--out", str(inside))
    assert code == 2 and "备案文件夹" in err and not inside.exists()
    code, _, err = run("archive", "2099-XXX-01", "--repo", str(built))
    assert code == 2 and "不存在" in err


def test_the_public_manifest_holds_no_digest_of_a_whole_filing(built: Path) -> None:
    """A digest of a whole file would let anyone test guesses of its internal values (a mobile number)."""
    site = manifest(built / "site")
    raw = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (built / "filings").rglob("*") if p.is_file()}
    raw |= {digest.sm3(p.read_bytes()) for p in (built / "filings").rglob("*") if p.is_file()}
    listed = {e[k] for e in site["sources"].values() for k in ("sha256", "sm3")}
    assert listed and not listed & raw
    assert all(e.get("content") == "public" for e in site["sources"].values())
    text = (built / "site" / "manifest.json").read_text(encoding="utf-8")
    assert "registry.yml" not in text and "附件" not in text


def test_the_public_site_verifies_against_public_content_only(built: Path, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(built, root, ignore=shutil.ignore_patterns(".publish", ".build"))
    app = root / "filings" / PROJECT / "立项申请.md"
    text = app.read_text(encoding="utf-8")
    phone = next(line for line in text.splitlines() if line.startswith("联系电话:"))
    app.write_text(text.replace(phone, "联系电话: 0635-0000000", 1), encoding="utf-8")  # internal only
    code, out, err = run("verify", str(root / "site"), "--repo", str(root), "--as-of", AS_OF)
    assert code == 0, out + err
    name = next(line for line in text.splitlines() if line.startswith("项目名称:"))
    app.write_text(app.read_text(encoding="utf-8").replace(name, name + "（改）", 1), encoding="utf-8")
    code, out, _ = run("verify", str(root / "site"), "--repo", str(root), "--as-of", AS_OF)
    assert code == 1 and out.startswith(f"filings/{PROJECT}/立项申请.md: 与仓库不一致"), out
