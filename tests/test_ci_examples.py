"""The CI examples: they parse, compare with the target branch (--base), annotate, and post the review.

The steps that post the `filings review` summary run here for real: bash and python
against a local HTTP server standing in for GitLab's and Gitea's comment APIs, with
a stand-in `filings` (and `gh`) that prints a known summary.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "ci"
SUMMARY = "## 评审摘要\n\n| 项目 | 状态 |\n|---|---|\n| 2025-SHSY-01 | 申报中 → 评审通过 |\n\n- [ ] 资源集约利用 & \"共享\" 'ok' $HOME `x`\n"


def load(name: str) -> dict:
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


def commands(node: object) -> list[str]:
    if isinstance(node, dict):
        return [c for v in node.values() for c in commands(v)]
    if isinstance(node, list):
        return [c for v in node for c in commands(v)]
    return [node] if isinstance(node, str) else []


def test_examples_parse_and_pass_a_base() -> None:
    files = sorted(p.name for p in EXAMPLES.glob("*.yml"))
    assert files == ["gitea-actions.yml", "github-actions.yml", "gitlab-ci.yml"]
    for name in files:
        lines = commands(load(name))
        assert any(re.search(r"filings check --base .+ --format (github|gitlab)", line) for line in lines), name
        assert any(re.search(r"filings review --base .+ --format markdown", line) for line in lines), name
        assert any("filings build" in line for line in lines), name


@pytest.mark.parametrize("name", ["检查备案", "主分支检查"])
def test_gitlab_uploads_a_code_quality_report_even_when_the_check_fails(name: str) -> None:
    # The main branch's report is what GitLab compares a merge request's report with.
    job = load("gitlab-ci.yml")[name]
    assert job["artifacts"]["when"] == "always"
    report = job["artifacts"]["reports"]["codequality"]
    assert any(line.endswith(f"--format gitlab > {report}") for line in commands(job["script"]))


def test_actions_may_comment_and_post_even_after_a_failed_check() -> None:
    for name in ("github-actions.yml", "gitea-actions.yml"):
        flow = load(name)
        assert flow["permissions"]["pull-requests"] == "write", name
        step = next(s for s in flow["jobs"]["check"]["steps"] if "filings review" in s.get("run", ""))
        assert step["if"].startswith("always()"), name


class FakeForge(BaseHTTPRequestHandler):
    """Just enough of Gitea's and GitLab's comment APIs: list, create, edit."""

    requests: list[dict[str, object]] = []
    comments: dict[str, list[dict[str, object]]] = {}

    def _answer(self, data: object, status: int = 200) -> None:
        raw = json.dumps(data).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _record(self) -> tuple[str, dict[str, object] | None]:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        FakeForge.requests.append({"method": self.command, "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                                   "body": body})
        return urllib.parse.urlsplit(self.path).path, body

    def do_GET(self) -> None:  # noqa: N802 (http.server's names)
        path, _ = self._record()
        self._answer(list(reversed(FakeForge.comments.get(path, []))))  # newest first, as GitLab's sort=desc

    def do_POST(self) -> None:  # noqa: N802
        path, body = self._record()
        assert body is not None
        comment = {"id": 100 + len(FakeForge.requests), "body": body["body"]}
        FakeForge.comments.setdefault(path, []).append(comment)
        self._answer(comment, 201)

    def do_PATCH(self) -> None:  # noqa: N802
        path, body = self._record()
        assert body is not None
        wanted = int(path.rsplit("/", 1)[1])
        [comment] = [c for found in FakeForge.comments.values() for c in found if c["id"] == wanted]
        comment["body"] = body["body"]
        self._answer(comment)

    do_PUT = do_PATCH

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    FakeForge.requests, FakeForge.comments = [], {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeForge)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def stand_in(folder: Path, name: str, script: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("#!/bin/sh\n" + script, encoding="utf-8")
    (folder / name).chmod(0o755)


def fake_filings(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder.parent / "summary.md").write_text(SUMMARY, encoding="utf-8")
    stand_in(folder, "filings", '[ "$*" = "review --base origin/main --format markdown" ] || '
                                '{ echo "意外的参数：$*" >&2; exit 2; }\n'
                                f'cat "{folder.parent / "summary.md"}"\n')


def expand(value: str, context: dict[str, str]) -> str:
    return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: context[m.group(1)], value)


def run_step(name: str, tmp_path: Path, context: dict[str, str]) -> subprocess.CompletedProcess[str]:
    step = next(s for s in load(name)["jobs"]["check"]["steps"] if "filings review" in s.get("run", ""))
    env = {**os.environ, "PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    env.update({k: expand(str(v), context) for k, v in step["env"].items()})
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, text=True, capture_output=True)


MARKED = "<!-- filings review -->\n" + SUMMARY


def test_gitea_posts_the_summary_then_edits_the_same_comment(tmp_path: Path, server: str) -> None:
    fake_filings(tmp_path / "bin")
    context = {"secrets.GITEA_TOKEN": "gitea-job-token", "github.server_url": server,
               "github.repository": "zhb/filings", "github.event.pull_request.number": "7", "github.base_ref": "main"}
    FakeForge.comments["/api/v1/repos/zhb/filings/issues/7/comments"] = [{"id": 1, "body": "审核人的意见"}]
    for _ in range(2):  # two pushes to the same pull request
        done = run_step("gitea-actions.yml", tmp_path, context)
        assert done.returncode == 0, done.stderr
    calls = [(r["method"], r["path"]) for r in FakeForge.requests]
    assert calls == [("GET", "/api/v1/repos/zhb/filings/issues/7/comments"),
                     ("POST", "/api/v1/repos/zhb/filings/issues/7/comments"),
                     ("GET", "/api/v1/repos/zhb/filings/issues/7/comments"),
                     ("PATCH", f"/api/v1/repos/zhb/filings/issues/comments/{102}")]
    for request in FakeForge.requests:
        headers = request["headers"]
        assert isinstance(headers, dict) and headers["authorization"] == "token gitea-job-token"
    assert FakeForge.comments["/api/v1/repos/zhb/filings/issues/7/comments"] == [
        {"id": 1, "body": "审核人的意见"}, {"id": 102, "body": MARKED}]  # the reviewer's comment is untouched


def test_gitlab_posts_the_summary_as_a_merge_request_note(tmp_path: Path, server: str) -> None:
    fake_filings(tmp_path / ".venv" / "bin")
    script = commands(load("gitlab-ci.yml")["评审摘要"]["script"])
    posting = "\n".join(script[next(i for i, line in enumerate(script) if "filings review" in line):])
    env = {**os.environ, "CI_API_V4_URL": f"{server}/api/v4", "CI_PROJECT_ID": "42", "CI_MERGE_REQUEST_IID": "7",
           "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main", "FILINGS_REVIEW_TOKEN": "project-token"}
    for _ in range(2):
        done = subprocess.run(["bash", "-e", "-c", posting], cwd=tmp_path, env=env, text=True, capture_output=True)
        assert done.returncode == 0, done.stderr
        assert "2025-SHSY-01" in done.stdout  # the summary is also in the job log
    notes = "/api/v4/projects/42/merge_requests/7/notes"
    assert [(r["method"], urllib.parse.urlsplit(str(r["path"])).path) for r in FakeForge.requests] == [
        ("GET", notes), ("POST", notes), ("GET", notes), ("PUT", f"{notes}/102")]
    assert all(isinstance(r["headers"], dict) and r["headers"]["private-token"] == "project-token"
               for r in FakeForge.requests)
    assert FakeForge.comments[notes] == [{"id": 102, "body": MARKED}]

    del env["FILINGS_REVIEW_TOKEN"]  # without a token: say so, post nothing, do not fail the pipeline
    again = subprocess.run(["bash", "-e", "-c", posting], cwd=tmp_path, env=env, text=True, capture_output=True)
    assert again.returncode == 0, again.stderr
    assert "未设置 CI/CD 变量 FILINGS_REVIEW_TOKEN" in again.stdout
    assert len(FakeForge.requests) == 4


def test_github_comments_with_gh(tmp_path: Path) -> None:
    fake_filings(tmp_path / "bin")
    record = tmp_path / "gh-call.txt"
    stand_in(tmp_path / "bin", "gh", f'printf "%s\\n" "$GH_TOKEN" "$@" > "{record}"\n'
                                     f'cat "$5" >> "{record}"\n')
    done = run_step("github-actions.yml", tmp_path, {
        "github.token": "gh-token", "github.event.pull_request.number": "7", "github.base_ref": "main"})
    assert done.returncode == 0, done.stderr
    assert record.read_text(encoding="utf-8") == (
        "gh-token\npr\ncomment\n7\n--body-file\nreview.md\n--edit-last\n--create-if-none\n" + SUMMARY)
