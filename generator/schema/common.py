"""Enumerations and the keys every filing shares (spec §3)."""
from __future__ import annotations

from .base import Field, Kind, Section

FILING_TYPES_ORDER = (
    "立项申请", "上级申报审核", "评审意见", "合同备案", "年度报告", "调整申请", "重大问题报告",
    "监管措施", "整改报告", "初步验收", "延期验收申请", "竣工验收", "信息资源目录",
    "共享例外审批", "绩效自评价", "第三方后评价", "固定资产投资审批", "密码应用安全性评估",
)

PROJECT_CATEGORIES = ("新建", "扩建", "升级改造", "运维服务")
TRANSITION_YEAR = 2023  # 第六条: projects of 2023 and before follow the transitional sentence, not the October window
REVIEW_PASSED = ("通过", "修改后通过")  # 第九条: the 评审结论 values that pass a review
SERIOUS_ISSUES = ("严重逾期", "投资重大损失")  # 第十七条: the 重大问题报告 types that answer a serious delay
CONSTRUCTION_CATEGORIES = PROJECT_CATEGORIES[:3]  # 第七条（二）、第二十二条: the categories that build a system
FUNDING_SOURCES = ("区级财政", "自筹资金", "上级扶持资金")
SUPERIOR_LEVELS = ("国家", "省", "市")
SUPERIOR_DECISIONS = ("批准", "不予批准")  # 第十条: the superior's decision, filed after it comes
CONSENT = "同意申报"
FIXED_ASSET_DECISIONS = ("予以批准", "不予批准")  # 第五条: 行政审批服务部's decision
APPROVAL_DUTY = "行政审批"  # 第十条: the 审核结论 that lets a department apply upward
INTEGRATION_ITEMS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
COST_CATEGORIES = ("硬件设备购置", "软件开发", "系统集成", "云资源租用", "测评", "运行维护", "其他")
PROCUREMENT_METHODS = (
    "公开招标", "邀请招标", "竞争性谈判", "竞争性磋商", "单一来源采购", "询价",
    "框架协议采购", "合作创新采购", "限额以下自行采购",
)
# 第三十条 measures, then 第三十三条: 提请有关部门予以处分, 移送司法机关依法处理.
MEASURES = ("限期整改", "通报批评", "暂缓拨付", "暂停建设", "恢复建设", "终止项目", "提请处分", "移送司法机关")
ADJUSTABLE = ("建设目标", "建设地点", "项目预算", "主要建设内容", "建设进度")
# 第十六条: the 调整事项 that lets each part of an approved 立项申请's plan change (a key, or a section
# without its "## "); every other part (the amounts, the 项目概算表) is ADJUSTMENT_BUDGET.
ADJUSTMENT_ITEM = {"计划完成日期": "建设进度", "项目名称": "建设目标", "项目类别": "建设目标",
                   "绩效目标及绩效指标": "建设目标", "项目概述": "主要建设内容", "建设方案": "主要建设内容",
                   "共建单位": "主要建设内容"}
ADJUSTMENT_BUDGET = "项目预算"
DEPT_CATEGORIES = ("镇（中心）", "区直部门", "产业发展服务中心", "督导巡查机构", "分支机构")
DEPT_DUTIES = ("综合管理", "行政审批", "财政管理", "审计")
# 第三条 names the 政务部门 (机关); 第三十六条 adds 事业单位 and 财政拨款的社会团体或其它组织, which follow the Measures too.
UNIT_NATURES = ("机关", "事业单位", "社会团体", "其他组织")
GOVERNMENT = UNIT_NATURES[0]
CENTRAL_DUTY = "综合管理"
RESOURCE_FORMATS = ("电子文件", "电子表格", "数据库", "图形图像", "流媒体", "自描述格式", "其他")
SHARE_METHODS = ("接口", "库表交换", "文件下载", "其他")
UPDATE_CYCLES = ("实时", "每日", "每周", "每月", "每季度", "每半年", "每年", "不定期")
SHARE_ATTRS = ("无条件共享", "有条件共享", "不予共享")
OPEN_ATTRS = ("无条件开放", "有条件开放", "不予开放")
ATTACHMENT_TYPES = ("pdf", "ofd", "docx", "xlsx", "png", "jpg", "jpeg")
PLACEHOLDER = "【待填写"
GUIDANCE = "填写说明"

COMMON_FIELDS = (
    Field("备案类型", Kind.FILING_TYPE, "本文件的备案类型，决定需要哪些键和章节。", choices=FILING_TYPES_ORDER,
          public=True, example="立项申请"),
    Field("项目编号", Kind.PROJECT_ID, "〈申报年度〉-〈建设单位代码〉-〈两位序号〉，与项目文件夹名一致。",
          public=True, example="2025-SHSY-01"),
    Field("填报单位", Kind.DEPT, "填报本文件的部门代码，须在 registry.yml 中登记。", public=True, example="SHSY"),
    Field("填报日期", Kind.DATE, "填报当天，格式 YYYY-MM-DD，不得晚于今天。", public=True, example="2025-03-18"),
    Field("联系人", Kind.TEXT, "经办人姓名。仅内部可见，不公开。", required=False, example="李娜"),
    Field("联系电话", Kind.TEXT, "经办人电话，请加引号。仅内部可见，不公开。", required=False,
          example="0635-8888001"),
)

# Every filing type may carry this optional section (spec §5a): a committed filing changes only by
# listing each change here, with its exact old and new value.
CORRECTIONS = "更正记录"
CORRECTION_COLUMNS = ("更正日期", "更正内容", "原值", "新值", "原因")
CORRECTIONS_SECTION = Section(
    CORRECTIONS,
    "选填，所有备案类型通用。已入库的备案如有笔误，不得直接改写：在本节表格中逐项登记"
    f"（{' | '.join(CORRECTION_COLUMNS)}），更正内容写键名或“## 章节”，原值、新值照抄修改前后的内容；"
    "填报日期、备案类型、项目编号，以及评审意见的评审结论、核定投资不能更正；已批准立项申请的计划只能通过调整申请变更",
    "第三十二条",
)
