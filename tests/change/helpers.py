"""Filings and real temporary git repositories with Chinese paths, shared by the change tests."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

AS_OF = dt.date(2025, 6, 30)
PROJECT = "filings/2025-SHSY-01"
APP = f"{PROJECT}/立项申请.md"
CST = dt.timezone(dt.timedelta(hours=8))

REGISTRY = """\
辖区: 聊城高新技术产业开发区
首席数据代表: 王明
部门:
  - {代码: ZHB, 名称: 综合管理办公室, 类别: 区直部门, 职责: [综合管理]}
  - {代码: SHSY, 名称: 社会事业局, 类别: 区直部门}
"""

PLAN = """\
## 建设方案

### 项目概算表

| 序号 | 项目 | 费用类别 | 金额（万元） |
|---|---|---|---|
| 1 | 平台软件开发 | 软件开发 | {software} |
| 2 | 政务云资源租用（一年） | 云资源租用 | 18.5 |
| 3 | 等保测评与密评 | 测评 | 16.0 |

### 可行性分析

养老服务线上办理已在周边区县运行，技术成熟；部署在市政务云，不新购服务器。

### 公共数据资源目录

平台形成养老服务机构信息和服务记录两类资源，机构信息无条件共享，服务记录有条件共享。

### 信息共享开放方式和范围

机构信息通过高新区数据共享平台共享，并在政府网站开放下载。

### 所需外部数据资源支撑需求

需要户籍信息核验老年人身份，经市级共享平台以接口方式获取。

### 信息安全

按等保二级建设，上线前完成测评，敏感字段加密存储。

### 密码应用方案

采用国密 SSL 传输，身份鉴别使用 SM2 证书。

### 政务云平台资源使用情况

云主机 2 台、云数据库 1 套、对象存储 1 TB、Web 应用防火墙 1 套。
"""


def application(name: str = "高新区智慧养老服务平台", total: str = "96.5", software: str = "62.0",
                plan: str = PLAN, finish: str = "2025-10-31", extra: str = "", day: str = "2024-10-15") -> str:
    return f"""\
---
备案类型: 立项申请
项目编号: 2025-SHSY-01
填报单位: SHSY
填报日期: {day}
项目名称: {name}
建设单位: SHSY
共建单位: []
项目类别: 新建
申报年度: 2025
申报总投资: {total}
计划完成日期: {finish}
资金来源: [区级财政]
涉及固定资产投资: false
涉及土建工程: false
涉密: false
数据共享: 共享
等保级别: 2
上级申报: 无
---

## 项目概述

为辖区 60 岁以上老年人提供助餐、助医、紧急呼叫等线上服务。

## 绩效目标及绩效指标

| 指标 | 目标值 |
|---|---|
| 接入养老服务机构 | ≥ 20 家 |

## 文件依据

- 《高新区养老服务体系建设三年行动方案》（2024 年 6 月）

{plan.format(software=software)}{extra}"""


def review(scope: str = "立项", verdict: str = "通过", day: str = "2024-11-20", amount: str = "96.5",
           extra: str = "") -> str:
    return f"""\
---
备案类型: 评审意见
项目编号: 2025-SHSY-01
填报单位: ZHB
填报日期: {day}
评审日期: {day}
评审方式: 集中评审
评审范围: {scope}
评审结论: {verdict}
核定投资: {amount}
---

## 资源集约利用和信息共享

使用市政务云，不新增硬件，数据经共享平台获取。

## 设计方案合理可行性

方案合理可行。

## 信息安全解决方案

按等保二级建设，措施完整。

## 密码管理合规性

密码应用方案符合 GB/T 39786—2021。

## 实施计划和资金测算

资金测算基本合理。

## 评审结论

同意，核定投资 {amount} 万元。
{extra}"""


def adjustment(items: str = "[项目预算]", day: str = "2025-03-01", total: str = "120.0") -> str:
    extra = f"调整后总投资: {total}\n" if "项目预算" in items else "调整后完成日期: 2026-03-31\n"
    return f"""\
---
备案类型: 调整申请
项目编号: 2025-SHSY-01
填报单位: SHSY
填报日期: {day}
调整事项: {items}
{extra}---

## 调整内容

平台软件开发费由 62.0 万元调整为 85.5 万元，增加老年人能力评估模块。

## 调整原因

民政部门 2025 年 2 月新规要求开展老年人能力评估。

## 影响分析

总投资增加 23.5 万元，进度不变。
"""


# --- a real git repository ---------------------------------------------------

def run_git(cwd: Path, *args: str, author: str = "张三", email: str = "zhangsan@example.cn",
            date: str = "2025-01-02T10:00:00+08:00") -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": "备案库", "GIT_COMMITTER_EMAIL": "ci@example.cn", "GIT_COMMITTER_DATE": date,
    }
    done = subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)
    return done.stdout.decode()


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(root: Path, message: str, **who: str) -> str:
    run_git(root, "add", "-A", **who)
    run_git(root, "commit", "-q", "-m", message, **who)
    return run_git(root, "rev-parse", "--short", "HEAD").strip()


def init(top: Path, files: dict[str, str], sub: str = "") -> Path:
    """A git repository at `top` whose filing root is `top/sub`, with `files` committed on main."""
    top.mkdir(parents=True, exist_ok=True)
    run_git(top, "init", "-q", "-b", "main")
    root = top / sub if sub else top
    write(root, "filings/registry.yml", REGISTRY)
    for rel, text in files.items():
        write(root, rel, text)
    commit(top, "初始备案")
    return root




def contract(day: str = "2025-02-27", signed: str = "2025-02-20", supplier: str = "聊城数智科技有限公司",
             extra: str = "") -> str:
    return f"""\
---
备案类型: 合同备案
项目编号: 2025-SHSY-01
填报单位: SHSY
填报日期: {day}
合同名称: 高新区智慧养老服务平台建设合同
合同编号: LCGX-2025-018
签订日期: {signed}
合同金额: 80.0
供应商: {supplier}
采购方式: 公开招标
---

## 采购内容

平台软件开发、部署和一年运维。

## 关键产品安全可控情况

服务器和数据库均采用国产产品。
{extra}"""


def corrections(*rows: str) -> str:
    lines = "".join(f"| {row} |\n" for row in rows)
    return f"""
## 更正记录

| 更正日期 | 更正内容 | 原值 | 新值 | 原因 |
|---|---|---|---|---|
{lines}"""
