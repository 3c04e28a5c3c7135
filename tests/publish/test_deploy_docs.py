"""The nginx examples in docs/部署.md, run in a real nginx (skipped where nginx is not installed)."""
from __future__ import annotations

import base64
import hashlib
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from nginx_run import NGINX, nginx

DOC = Path(__file__).resolve().parents[2] / "docs" / "部署.md"
pytestmark = pytest.mark.skipif(NGINX is None, reason="未安装 nginx（apt-get install nginx-light），跳过部署示例测试")


def examples() -> list[str]:
    return re.findall(r"```nginx\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def status(url: str, auth: tuple[str, str] | None = None) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url)
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(":".join(auth).encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers)


@pytest.fixture
def library_server(tmp_path: Path) -> str:
    (tmp_path / "library").mkdir()
    (tmp_path / "library" / "index.html").write_text("<h1>内部项目库</h1>", encoding="utf-8")
    digest = base64.b64encode(hashlib.sha1(b"mima-123").digest()).decode()
    (tmp_path / "htpasswd").write_text(f"shenji:{{SHA}}{digest}\n", encoding="utf-8")
    server = next(block for block in examples() if "auth_basic" in block)
    server = re.sub(r"root\s+[^;]+;", f"root {tmp_path}/library;", server)
    return re.sub(r"auth_basic_user_file\s+[^;]+;", f"auth_basic_user_file {tmp_path}/htpasswd;", server)


def test_library_needs_an_intranet_address_and_a_password(tmp_path: Path, library_server: str) -> None:
    with nginx(tmp_path, library_server) as base:
        assert status(base)[0] == 401
        assert status(base, ("shenji", "wrong"))[0] == 401
        code, headers = status(base, ("shenji", "mima-123"))
        assert code == 200 and "noindex" in headers.get("X-Robots-Tag", "")


def test_library_refuses_addresses_outside_the_allow_list(tmp_path: Path, library_server: str) -> None:
    outside = re.sub(r"^\s*allow 127\.0\.0\.1;\n", "", library_server, flags=re.M)
    assert outside != library_server
    with nginx(tmp_path, outside) as base:
        assert status(base, ("shenji", "mima-123"))[0] == 403


def test_public_example_serves_the_downloads(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "downloads").mkdir(parents=True)
    (site / "index.html").write_text("<h1>公开目录</h1>", encoding="utf-8")
    (site / "downloads" / "open-data.jsonld").write_text("{}", encoding="utf-8")
    (site / "downloads" / "projects.csv").write_bytes("\ufeff项目编号\r\n".encode())
    server = next(block for block in examples() if "auth_basic" not in block)
    server = re.sub(r"root\s+[^;]+;", f"root {site};", server)
    with nginx(tmp_path, server) as base:
        assert status(base)[0] == 200
        code, headers = status(base + "downloads/open-data.jsonld")
        assert code == 200 and headers["Content-Type"].startswith("application/ld+json")
        assert headers.get("Access-Control-Allow-Origin") == "*"
        assert status(base + "downloads/projects.csv")[1]["Content-Type"].startswith("text/csv")
        assert status(base + "nothing.html")[0] == 404
