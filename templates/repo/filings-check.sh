#!/bin/sh
# 提交前检查备案：运行 filings check，参数原样传入（pre-commit 传入 --base HEAD 和改动的文件）。
# 依次寻找：PATH 中的 filings 命令 → 本仓库 .venv 中的 filings → 能 import 本工具的 python。
if command -v filings >/dev/null 2>&1; then
  exec filings check "$@"
fi
for cmd in .venv/bin/filings .venv/Scripts/filings.exe; do
  if [ -x "$cmd" ]; then
    exec "$cmd" check "$@"
  fi
done
for py in python3 python; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c "from generator.cli import main" >/dev/null 2>&1; then
    exec "$py" -m generator check "$@"
  fi
done
cat >&2 <<'MSG'
未找到 filings 命令：请先安装备案检查工具，然后重新提交。例如：
  pip install "zhengwu-filings @ git+https://<工具仓库地址>/zhengwu-filings@v0.1.0"
（内网请把地址换成本单位的工具仓库或 PyPI 镜像；也可以装在本仓库的虚拟环境 .venv 中：
  python3 -m venv .venv && .venv/bin/pip install "zhengwu-filings @ git+https://<工具仓库地址>/zhengwu-filings@v0.1.0"）
MSG
exit 1
