"""filings init: start a district's own filing repository. Never overwrites a file."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "init"
HELP = "为一个辖区新建备案仓库：部门名录、节假日补充表、提交前检查配置（不覆盖已有文件）"
COMMON = False

REGISTRY = """\
# 部门名录（《办法》第三条、第五条、第二十二条）。
# 代码为 2–8 位大写英文字母，区分大小写，一经使用不要再改；各项备案中的部门代码都必须在这里登记。
# 类别：镇（中心） / 区直部门 / 产业发展服务中心 / 督导巡查机构 / 分支机构
# 职责（可省略）：综合管理 / 行政审批 / 财政管理 / 审计。★ 类备案只能由职责含“综合管理”的部门填报。
辖区: {district}
首席数据代表: {chief}
# 选填：开放数据的许可协议（省略时为 CC BY 4.0），以及公开目录页脚显示的网站标识码和备案号，例如：
# 数据许可: {{名称: 某省公共数据开放平台数据使用协议, 网址: "https://data.example.gov.cn/agreement.html"}}
# 网站标识码: "3715000001"
# ICP备案号: 鲁ICP备00000000号
# 公安机关备案号: 鲁公网安备37150202000000号
部门:
  - {{代码: ZHB, 名称: 综合管理办公室, 类别: 区直部门, 职责: [综合管理]}}
  - {{代码: SPB, 名称: 行政审批服务部, 类别: 区直部门, 职责: [行政审批]}}
  - {{代码: CZB, 名称: 财政管理部, 类别: 区直部门, 职责: [财政管理]}}
  - {{代码: SJFJ, 名称: 审计分局, 类别: 分支机构, 职责: [审计]}}
  # 在下面逐个加上本辖区的其他政务部门，例如：
  # - {{代码: SHSY, 名称: 社会事业局, 类别: 区直部门}}
  # 开放数据的咨询和申请渠道写在部门的“公开联系”中（办公室，不写个人姓名），例如：
  # - {{代码: SHSY, 名称: 社会事业局, 类别: 区直部门, 公开联系: {{名称: 社会事业局办公室, 电话: "0635-0000000", 邮箱: shsy@example.gov.cn}}}}
"""

CALENDAR = """\
# 节假日与调休工作日补充表。
# 按“工作日”计算的期限（第十三条、第二十六条）依照国务院办公厅每年的节假日安排计算。
# 程序自带的 chinesecalendar 库还没有收录某一年时，请在国务院办公厅发布通知后按原文补录该年，
# 本文件的条目优先于库中的数据；既未收录也未补录的年份，相关期限显示为“无法计算”，程序从不推测。
# 格式（去掉行首的“# ”，日期逐日列出；没有的写 []）：
# 2027:
#   来源: 国务院办公厅关于2027年部分节假日安排的通知
#   休息日: [2027-01-01]      # 放假的周一至周五
#   调休工作日: []            # 上班的周六、周日
"""

PRE_COMMIT = """\
# 每次 git commit 前检查备案（filings check --base HEAD）。先运行一次：pre-commit install
# 本配置使用已安装的 filings 命令；也可以改为按 repo:/rev: 引用工具仓库的 filings-check 钩子：
#   repos:
#     - repo: https://<工具仓库地址>/zhengwu-filings
#       rev: v0.1.0
#       hooks:
#         - id: filings-check
repos:
  - repo: local
    hooks:
      - id: filings-check
        name: 检查备案文件
        entry: filings check --base HEAD
        language: system
        files: ^filings/
        always_run: true
        require_serial: true
"""

GITIGNORE = "/site/\n/library/\n/.build/\n/.venv/\n"

README = """\
# {district}信息系统项目备案库

按《信息系统项目管理办法》备案的信息系统项目。每个项目一个文件夹（`filings/项目编号/`），每次备案一个 Markdown 文件。

- 新建项目：`filings new 立项申请 --dept 部门代码`
- 新建备案：`filings new 合同备案 --project 项目编号`
- 检查：`filings check`
- 期限：`filings due --dept 部门代码`
- 生成公开目录和内部项目库：`filings build`
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--repo", type=Path, default=Path("."), help="新仓库所在目录（默认当前目录）")
    p.add_argument("--district", required=True, metavar="辖区全称", help="例如 聊城高新技术产业开发区")
    p.add_argument("--chief", required=True, metavar="姓名", help="首席数据代表姓名（第二十二条）")


def files(district: str, chief: str) -> dict[str, str]:
    return {
        "filings/registry.yml": REGISTRY.format(district=district, chief=chief),
        "filings/calendar.yml": CALENDAR,
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".gitignore": GITIGNORE,
        "README.md": README.format(district=district),
    }


def run(args: argparse.Namespace) -> int:
    root = args.repo
    wanted = files(args.district.strip(), args.chief.strip())
    existing = [rel for rel in wanted if (root / rel).exists()]
    if existing:
        print(f"用法错误：{root} 中已有 {'、'.join(existing)}，为免覆盖，未做任何改动", file=sys.stderr)
        return 2
    for rel, text in wanted.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    print(f"已在 {root} 建立备案仓库。下一步：\n"
          f"  1. 在 filings/registry.yml 中补全本辖区的全部政务部门；\n"
          f"  2. git init，然后 pre-commit install 启用提交前检查；\n"
          f"  3. filings check 确认无误后首次提交；\n"
          f"  4. 各部门用 filings new 立项申请 --dept 部门代码 开始第一个项目。")
    return 0
