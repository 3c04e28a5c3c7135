"""A private nginx on 127.0.0.1 for one server block: the deployment tests (test_deploy_docs.py)
and the benchmark's browser timing (benchmarks/browser.py) serve the sites as docs/部署.md does."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def nginx(tmp: Path, server: str) -> Iterator[str]:
    """Run `server` (one server block) in a private nginx on 127.0.0.1; yield its base URL."""
    assert NGINX is not None, "nginx is not installed"
    port = free_port()
    server = re.sub(r"listen\s+[^;]+;", f"listen 127.0.0.1:{port};", server)
    server = re.sub(r"^\s*ssl_certificate\S*\s[^;]+;\n", "", server, flags=re.M)
    conf = tmp / "nginx.conf"
    # As root, nginx's workers would run as nobody and could not read private temporary folders.
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
