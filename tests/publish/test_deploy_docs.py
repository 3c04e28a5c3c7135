"""The nginx examples in docs/部署.md, run in a real nginx (skipped where nginx is not installed)."""
from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "部署.md"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
pytestmark = pytest.mark.skipif(NGINX is None, reason="未安装 nginx（apt-get install nginx-light），跳过部署示例测试")


def examples() -> list[str]:
    return re.findall(r"```nginx\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def nginx(tmp: Path, server: str) -> Iterator[str]:
    """Run `server` (one server block) in a private nginx on 127.0.0.1; yield its base URL."""
    port = free_port()
    server = re.sub(r"listen\s+[^;]+;", f"listen 127.0.0.1:{port};", server)
    server = re.sub(r"^\s*ssl_certificate\S*\s[^;]+;\n", "", server, flags=re.M)
    conf = tmp / "nginx.conf"
    # As root, nginx's workers would run as nobody and could not read pytest's private tmp dirs.
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(f"""{user}daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{server}
}}
""", encoding="utf-8")
    check = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(tmp)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp)], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


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
