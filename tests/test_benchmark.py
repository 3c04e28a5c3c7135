"""The benchmark runs end to end at N = 100, so it cannot rot. Nothing here is about time."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import run as bench  # noqa: E402


def test_benchmark_at_n_100(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "100",
                           "--workdir", str(tmp_path), "--json", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=1800)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [result] = json.loads(out.read_text(encoding="utf-8"))
    assert result["projects"] == 100 and result["filings"] > 600
    assert result["errors"] == 0  # the synthetic district is clean
    assert set(result["figures"]) == set(bench.LABELS)
    for name, figure in result["figures"].items():
        assert not figure["timed_out"], name
        assert figure["seconds"] > 0 and figure["peak_mb"] > 0, name
        assert figure["exit_code"] == 0, name
    assert result["public_pages"] > 100 and result["library_pages"] > 100
    assert set(result["first_result_mb"]) == {"site", "library", "library-header"}
    assert all(size and size > 0 for size in result["first_result_mb"].values())
    if shutil.which("chromium"):  # the browser figure: every search found a first result
        times = dict(result["first_result_ms"])
        assert times.pop("server")["library"] in ("nginx", "python")
        assert set(times) == set(bench.BROWSER_SEARCHES)
        assert all(t["ms"] > 0 and t["mb"] > 0 and len(t["runs"]) == 3 for t in times.values())
        assert "首个搜索结果用时" in proc.stdout
    for name in bench.TARGETS:  # every target is printed beside its figure
        assert bench.LABELS[name] in proc.stdout
    assert "下限用时" in proc.stdout and "首个搜索结果前下载" in proc.stdout
    assert not list(tmp_path.glob("district-*"))  # cleaned up


def test_first_result_bytes_sums_the_listed_files(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "a.json").write_bytes(b"x" * 10)
    (tmp_path / "search" / "b.json").write_bytes(b"x" * 5)
    assert bench.first_result_bytes(tmp_path, ["search/a.json", "search/b.json", "missing"]) == 15
    assert bench.first_result_bytes(tmp_path, ["missing"]) is None
    assert bench.first_result_bytes(tmp_path, ["search/*.json", "search/a.json"]) == 15  # each file once
    assert bench.first_result_bytes(tmp_path, [("search/*.json", "largest", 1)]) == 10
    assert bench.first_result_bytes(tmp_path, [("search/*.json", "largest", 5)]) == 15


def test_floors_parse_reads_every_filing(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "floors.py"), "parse", str(ROOT)],
                          capture_output=True, text=True, check=True)
    counts = json.loads(proc.stdout)
    assert counts["filings"] == len([p for p in (ROOT / "filings").glob("*/*.md") if p.name != "README.md"])
    assert counts["keys"] > counts["filings"] * 5
