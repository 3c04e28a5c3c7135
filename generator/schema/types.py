"""The sixteen filing types of spec §4, and two the spec leaves room for (固定资产投资审批, 第五条;
密码应用安全性评估, 第二十八、三十条), each tied to the articles it comes from."""
from __future__ import annotations

from .base import Field, FilingType, Kind, Section, When
from .common import (
    ADJUSTABLE,
    APPROVAL_DUTY,
    COMMON_FIELDS,
    CONSTRUCTION_CATEGORIES,
    FIXED_ASSET_DECISIONS,
    FUNDING_SOURCES,
    INTEGRATION_ITEMS,
    MEASURES,
    OPEN_ATTRS,
    PROCUREMENT_METHODS,
    PROJECT_CATEGORIES,
    RESOURCE_FORMATS,
    REVIEW_PASSED,
    SERIOUS_ISSUES,
    SHARE_ATTRS,
    SHARE_METHODS,
    SUPERIOR_DECISIONS,
    SUPERIOR_LEVELS,
    UPDATE_CYCLES,
)

F = Field
S = Section
IMPORTANT_FIELD = "重要领域"  # 第二十八条
CONSTRUCTION = When("项目类别", "in", CONSTRUCTION_CATEGORIES)
OM = When("项目类别", "eq", "运维服务")

CONDITIONAL_OPEN = When("开放属性", "eq", "有条件开放")

RESOURCE_FIELDS = (
    F("名称", Kind.TEXT, "信息资源名称。", "第二十四条", public=True, example="老年人基本信息"),
    F("摘要", Kind.TEXT, "资源内容摘要。", "第二十四条", public=True, example="辖区 60 岁以上老年人基本信息"),
    F("提供单位", Kind.DEPT, "提供资源的部门代码。", "第二十四条", public=True, example="SHSY"),
    F("格式", Kind.ENUM, "资源格式。", "第二十四条", choices=RESOURCE_FORMATS, public=True, example="数据库"),
    F("共享方式", Kind.ENUM, "接口 / 库表交换 / 文件下载 / 其他。", "第二十四条", required=False,
      choices=SHARE_METHODS, public=True),
    F("更新周期", Kind.ENUM, "资源更新周期。", "第二十四条", choices=UPDATE_CYCLES, public=True, example="每月"),
    F("共享属性", Kind.ENUM, "无条件共享 / 有条件共享 / 不予共享。", "第二十四条", choices=SHARE_ATTRS,
      public=True, example="无条件共享"),
    F("共享条件", Kind.TEXT, "有条件共享的条件。", "第二十四条", when=When("共享属性", "eq", "有条件共享")),
    F("不予共享依据", Kind.TEXT, "不予共享的法律法规依据。", "第二十二条", when=When("共享属性", "eq", "不予共享")),
    F("开放属性", Kind.ENUM, "无条件开放 / 有条件开放 / 不予开放。", "第二十四条", choices=OPEN_ATTRS,
      public=True, example="不予开放"),
    F("开放条件", Kind.TEXT, "有条件开放的条件，例如“注册实名账号后调用接口”。", "第二十四条", public=True,
      when=CONDITIONAL_OPEN, only_when=CONDITIONAL_OPEN),
    F("申请对象", Kind.TEXT, "有条件开放时谁可以申请使用，例如“依法登记的企业、社会组织和个人”；"
      "不得只写特定企业（第二十五条）。", "第二十五条", public=True, when=CONDITIONAL_OPEN, only_when=CONDITIONAL_OPEN),
    F("申请方式", Kind.TEXT, "有条件开放时如何申请，例如“在高新区数据共享平台在线申请”。", "第二十四条", public=True,
      when=CONDITIONAL_OPEN, only_when=CONDITIONAL_OPEN),
    F("获取地址", Kind.URL, "开放数据的下载或访问网址（选填），不予开放的资源不写。", "第二十四条", required=False,
      public=True, only_when=When("开放属性", "ne", "不予开放")),
    F("共享对象", Kind.DEPT_LIST, "有条件共享时可使用的部门代码列表；无条件共享写了共享对象即是只与特定部门共享，"
      "记为合规提示（第二十五条）。", "第二十五条", required=False,
      only_when=When("共享属性", "ne", "不予共享")),
    F("信息项", Kind.TEXT_LIST, "字段名称列表。", "第二十四条", required=False, public=True,
      example=["姓名", "年龄"]),
    F("归集日期", Kind.DATE, "数据归集到高新区数据共享平台的日期，归集后填写。", "第二十六条", required=False,
      public=True),
    F("最近更新日期", Kind.DATE, "最近一次在高新区数据共享平台归集更新的日期；超过一个更新周期未更新即为归集更新不及时。",
      "第二十六条", required=False, public=True),
)

# 第二十四条: what the application states about each resource before it is built (立项申请 计划信息资源).
PLANNED_RESOURCES = "计划信息资源"
PLANNED_RESOURCE_FIELDS = (
    F("名称", Kind.TEXT, "信息资源名称，与将来信息资源目录中的名称一致。", "第二十四条", example="老年人基本信息"),
    F("数据来源", Kind.TEXT, "数据从哪里来，例如“本系统采集”“市人口库共享”。", "第二十四条", example="本系统采集"),
    F("提供单位", Kind.DEPT, "提供资源的部门代码。", "第二十四条", required=False),
    F("格式", Kind.ENUM, "资源格式。", "第二十四条", choices=RESOURCE_FORMATS, example="数据库"),
    F("更新周期", Kind.ENUM, "资源更新周期。", "第二十四条", choices=UPDATE_CYCLES, example="每月"),
    F("共享属性", Kind.ENUM, "无条件共享 / 有条件共享 / 不予共享。", "第二十四条", choices=SHARE_ATTRS,
      example="无条件共享"),
    F("开放属性", Kind.ENUM, "无条件开放 / 有条件开放 / 不予开放。", "第二十四条", choices=OPEN_ATTRS,
      example="不予开放"),
)


APPLICATION = FilingType(
    "立项申请", ("第六条", "第七条", "第八条", "第十条", "第二十二条", "第三十六条", "第三十八条"),
    "每年 10 月向综合管理办公室提报的信息系统项目立项申请，含建设方案和项目概算。",
    public=True, public_sections=("项目概述", "绩效目标及绩效指标"),
    fields=COMMON_FIELDS + (
        F("项目名称", Kind.TEXT, "项目全称。", "第七条", public=True, example="高新区智慧养老服务平台"),
        F("建设单位", Kind.DEPT, "项目建设单位的部门代码。", "第五条", public=True, example="SHSY"),
        F("共建单位", Kind.DEPT_LIST, "跨部门共建单位的代码列表，没有则写 []。", "第七条", public=True, example=[]),
        F("项目类别", Kind.ENUM, "新建 / 扩建 / 升级改造 / 运维服务。", "第七条", choices=PROJECT_CATEGORIES,
          public=True, example="新建"),
        F("申报年度", Kind.INT, "申请安排资金的年度，例如 2026。", "第六条", public=True, example=2026),
        F("申报总投资", Kind.AMOUNT, "申报的总投资，单位万元，只写数字。", "第七条", public=True, example=96.5),
        F("资金来源", Kind.ENUM_OR_LIST, "区级财政 / 自筹资金 / 上级扶持资金，可写列表。", "第三十六条",
          choices=FUNDING_SOURCES, public=True, example=["区级财政"]),
        F("涉及固定资产投资", Kind.BOOL, "是否涉及固定资产投资（须经行政审批服务部审批）。", "第五条", example=False),
        F("涉及土建工程", Kind.BOOL, "是否涉及新建土建工程。", "第七条", example=False),
        F("涉密", Kind.BOOL, "涉密项目不得进入本仓库（第三十八条），此处只能写 false。", "第三十八条", example=False),
        F("数据共享", Kind.ENUM, "共享 / 不共享；不共享须说明理由并经首席数据代表批准。", "第二十二条",
          choices=("共享", "不共享"), public=True, example="共享"),
        F("等保级别", Kind.LEVEL, "网络安全等级保护级别 1–5。", "第二十七条", example=2),
        F(IMPORTANT_FIELD, Kind.BOOL, "是否属于重要领域网络与信息系统（如关键信息基础设施、涉及大量个人信息或重要数据的系统）；"
          "是的须在建设方案中提供「密码应用方案」，建成后定期开展密码应用安全性评估。不写即为 false。", "第二十八条",
          required=False),
        F("上级申报", Kind.ENUM, "无 / 国家 / 省 / 市：是否向上级申报。", "第十条",
          choices=("无",) + SUPERIOR_LEVELS, example="无"),
        F("整合类别", Kind.ENUM, "属于第八条所列不再单独建设项目的第几项（一 … 十）；不属于则删去本键。",
          "第八条", required=False, choices=INTEGRATION_ITEMS),
        F("前序项目", Kind.PROJECT_ID, "运维服务类项目对应的原建设项目编号。", "第七条", when=OM),
        F("计划完成日期", Kind.DATE, "计划完成建设的日期，是原始进度基线。", "第十六条", public=True,
          example="2026-10-31"),
        F("投资项目代码", Kind.INVEST_CODE, "全国投资项目在线审批监管平台赋予的 24 位代码（GB/T 40058）。",
          "第五条", when=When("涉及固定资产投资", "true")),
        F("项目负责人", Kind.TEXT, "项目负责人姓名。仅内部可见。", "第五条", required=False),
        F(PLANNED_RESOURCES, Kind.RESOURCES, "本项目将形成的信息资源，每项写明名称、数据来源、格式、更新周期、共享和开放属性；"
          "新建、扩建、升级改造类项目申请前应当明确（没有写的记为合规提示）。", "第二十四条", required=False,
          item_fields=PLANNED_RESOURCE_FIELDS),
    ),
    sections=(
        S("项目概述", "项目建设背景、目标、主要内容和服务对象。", "第七条"),
        S("绩效目标及绩效指标", "产出、效益、满意度等可量化指标及目标值。", "第七条"),
        S("文件依据", "与项目有关的规划、批示、批复、会议纪要等文件。", "第七条"),
        S("建设方案", "新建、扩建、升级改造类项目的建设方案。", "第七条", when=CONSTRUCTION, subsections=(
            S("项目概算表", "分项概算表，含「金额（万元）」列，合计等于申报总投资。", "第七条"),
            S("可行性分析", "必要性、技术可行性、经济可行性。", "第七条"),
            S("公共数据资源目录", "本项目产生和使用的数据资源目录。", "第二十四条"),
            S("信息共享开放方式和范围", "与哪些部门、以何种方式共享，哪些数据向社会开放。", "第七条"),
            S("所需外部数据资源支撑需求", "需要其他部门提供的数据及用途。", "第七条"),
            S("信息安全", "等级保护、风险评估和安全防护措施。", "第二十七条"),
            S("密码应用方案", "重要领域的系统在规划阶段制定的密码应用建设方案及专家或测评机构的评估安排。", "第二十八条",
              when=When(IMPORTANT_FIELD, "true")),
            S("政务云平台资源使用情况", "云主机、云数据库、云存储、云安全的用量。", "第八条"),
        )),
        S("原建设项目合同或往年运维服务合同", "运维服务类项目须提供原合同或往年运维合同。", "第七条", when=OM),
        S("前期项目绩效评估报告", "运维服务类项目须提供前期项目的绩效评估。", "第七条", when=OM),
        S("可行性研究报告", "涉及新建土建工程的项目须提供。", "第七条", when=When("涉及土建工程", "true")),
        S("初步设计方案", "涉及新建土建工程的项目须提供。", "第七条", when=When("涉及土建工程", "true")),
        S("投资概算", "涉及新建土建工程的项目须提供。", "第七条", when=When("涉及土建工程", "true")),
        S("项目整体方案", "跨部门共建项目由牵头部门会同共建部门形成整体方案。", "第七条",
          when=When("共建单位", "nonempty")),
        S("特殊情况说明", "属于第八条不再单独建设的项目，须说明确需单独建设的特殊情况。", "第八条",
          when=When("整合类别", "nonempty")),
        S("不共享理由", "不能进行信息共享的法律法规或政策依据。", "第二十二条", when=When("数据共享", "eq", "不共享")),
    ),
)

SUPERIOR_REVIEW = FilingType(
    "上级申报审核", ("第十条",), "国家、省、市组织申报的项目，综合管理办公室出具的是否同意申报的审核意见。",
    central=True,
    fields=COMMON_FIELDS + (
        F("上级层级", Kind.ENUM, "国家 / 省 / 市。", "第十条", choices=SUPERIOR_LEVELS, example="省"),
        F("审核结论", Kind.ENUM, "同意申报 / 不同意申报。", "第十条", choices=("同意申报", "不同意申报"),
          example="同意申报"),
        F("批复结论", Kind.ENUM, "上级审批的结果：批准 / 不予批准，审批后补填（第十条“在审批后报综合管理办公室备案”）。",
          "第十条", required=False, choices=SUPERIOR_DECISIONS),
        F("批复日期", Kind.DATE, "上级批复日期，审批后补填；批复结论为“批准”时必填。", "第十条",
          when=When("批复结论", "eq", SUPERIOR_DECISIONS[0])),
    ),
    sections=(S("审核意见", "综合管理办公室的审核意见。", "第十条"),),
)

REVIEW = FilingType(
    "评审意见", ("第九条",), "综合管理办公室对立项或调整申请的评审意见，是立项、资金安排和采购的前提。",
    central=True, public=True, file_hint="第二次评审写作 评审意见-调整.md",
    event="评审日期",
    fields=COMMON_FIELDS + (
        F("评审日期", Kind.DATE, "评审会议或专家评审的日期。", "第九条", public=True, example="2025-11-20"),
        F("评审方式", Kind.ENUM, "集中评审 / 专家评审 / 会议评审。", "第九条",
          choices=("集中评审", "专家评审", "会议评审"), public=True, example="集中评审"),
        F("评审范围", Kind.ENUM, "立项 / 调整。", "第九条", choices=("立项", "调整"), public=True, example="立项"),
        F("评审结论", Kind.ENUM, "通过 / 修改后通过 / 不通过。", "第九条",
          choices=REVIEW_PASSED + ("不通过",), public=True, example="通过"),
        F("核定投资", Kind.AMOUNT, "核定的总投资（万元）；不通过时可省略。", "第九条", public=True,
          when=When("评审结论", "ne", "不通过"), example=90.0),
    ),
    sections=(
        S("资源集约利用和信息共享", "是否充分考虑资源集约利用和信息共享。", "第九条"),
        S("设计方案合理可行性", "设计方案是否合理可行，是否符合技术发展趋势。", "第九条"),
        S("信息安全解决方案", "是否有全面、可行的信息安全解决方案。", "第九条"),
        S("密码管理合规性", "是否符合国家密码管理有关法律法规、政策和标准。", "第九条"),
        S("实施计划和资金测算", "实施计划和资金测算是否合理。", "第九条"),
        S("评审结论", "评审结论和核定投资的说明。", "第九条"),
    ),
)

CONTRACT = FilingType(
    "合同备案", ("第十三条", "第二十九条"), "签订正式采购合同后 5 个工作日内报综合管理办公室备案。",
    public=True, file_hint="多份合同写作 合同备案-2025-03.md",
    event="签订日期",
    fields=COMMON_FIELDS + (
        F("合同名称", Kind.TEXT, "合同全称。", "第十三条", public=True, example="智慧养老服务平台开发合同"),
        F("合同编号", Kind.TEXT, "合同编号。", "第十三条", public=True, example="LCGX-2025-CG-0001"),
        F("签订日期", Kind.DATE, "合同签订日期。", "第十三条", public=True, example="2025-03-10"),
        F("合同金额", Kind.AMOUNT, "合同金额（万元）。", "第十三条", public=True, example=60.0),
        F("供应商", Kind.TEXT, "中标或成交供应商全称。", "第十三条", public=True, example="山东某某信息技术有限公司"),
        F("采购方式", Kind.ENUM, "政府采购法规定的采购方式。", "第十三条", choices=PROCUREMENT_METHODS,
          public=True, example="公开招标"),
        F("采购平台", Kind.TEXT, "如通过电子卖场等平台采购，写平台名称。", "第十三条", required=False, public=True),
        F("采购项目编号", Kind.TEXT, "政府采购项目编号。", "第十三条", required=False, public=True),
        F("合同公告链接", Kind.TEXT, "合同公告的网址。", "第十三条", required=False, public=True),
        F("履约期限", Kind.TEXT, "合同履约期限。", "第十三条", required=False, public=True),
    ),
    sections=(
        S("采购内容", "合同采购的货物和服务，与审核批准的采购内容对应。", "第十三条"),
        S("关键产品安全可控情况", "关键软硬件产品的自主可控、安全可靠情况。", "第二十九条"),
    ),
)

ANNUAL = FilingType(
    "年度报告", ("第十四条", "第十五条"), "每年年底前报告项目建设进度和预算执行情况。",
    file_hint="写作 年度报告-2025.md",
    fields=COMMON_FIELDS + (
        F("报告年度", Kind.INT, "报告所属年度。", "第十四条", example=2025),
        F("建设进度", Kind.PERCENT, "年底时的建设进度百分比，0–100。", "第十四条", example=60),
        F("累计支出", Kind.AMOUNT, "截至报告时累计支出（万元）。", "第十五条", example=40.0),
        F("试运行", Kind.BOOL, "是否已投入试运行。", "第十四条", example=False),
    ),
    sections=(
        S("建设进度", "本年度完成的建设内容和进度。", "第十四条"),
        S("预算执行情况", "预算执行和资金支付情况。", "第十四条"),
        S("试运行效果及存在问题", "已投入试运行的，说明试运行效果及存在问题。", "第十四条",
          when=When("试运行", "true")),
    ),
)

ADJUSTMENT = FilingType(
    "调整申请", ("第十六条",), "建设目标、地点、预算、内容或进度发生较大变化时事先提交的调整申请。",
    fields=COMMON_FIELDS + (
        F("调整事项", Kind.ENUM_LIST, "建设目标 / 建设地点 / 项目预算 / 主要建设内容 / 建设进度 中的一项或多项。",
          "第十六条", choices=ADJUSTABLE, example=["建设进度"]),
        F("调整后总投资", Kind.AMOUNT, "调整后的总投资（万元）。", "第十六条", when=When("调整事项", "contains", "项目预算")),
        F("调整后完成日期", Kind.DATE, "调整后的计划完成日期。", "第十六条",
          when=When("调整事项", "contains", "建设进度")),
    ),
    sections=(
        S("调整内容", "调整前后的对比。", "第十六条"),
        S("调整原因", "发生较大变化的原因。", "第十六条"),
        S("影响分析", "对目标、投资、进度的影响。", "第十六条"),
    ),
)

MAJOR_ISSUE = FilingType(
    "重大问题报告", ("第十七条",), "工程严重逾期、投资重大损失等情形的及时报告。",
    event="发生日期",
    fields=COMMON_FIELDS + (
        F("问题类型", Kind.ENUM, "严重逾期 / 投资重大损失 / 其他。", "第十七条",
          choices=SERIOUS_ISSUES + ("其他",), example="严重逾期"),
        F("发生日期", Kind.DATE, "问题发生或发现的日期。", "第十七条", example="2026-03-01"),
    ),
    sections=(
        S("问题情况", "问题的具体情况。", "第十七条"),
        S("原因分析", "产生问题的原因。", "第十七条"),
        S("整改措施", "拟采取的整改措施和时限。", "第十七条"),
    ),
)

MEASURE = FilingType(
    "监管措施", ("第十七条", "第三十条", "第三十三条"), "综合管理办公室责令整改、通报批评、暂停或终止项目等监管措施。",
    central=True, file_hint="写作 监管措施-2026-03.md",
    fields=COMMON_FIELDS + (
        F("措施", Kind.ENUM, "限期整改 / 通报批评 / 暂缓拨付 / 暂停建设 / 恢复建设 / 终止项目（第三十条），"
          "或 提请处分 / 移送司法机关（第三十三条）。", "第三十条", choices=MEASURES, example="限期整改"),
        F("整改期限", Kind.DATE, "限期整改的最后一天。", "第三十条", when=When("措施", "eq", "限期整改")),
    ),
    sections=(
        S("发现问题", "监督检查中发现的问题。", "第三十条"),
        S("处理意见", "处理意见和要求。", "第三十条"),
    ),
)

RECTIFICATION = FilingType(
    "整改报告", ("第三十条",), "项目建设单位对监管措施的整改报告。",
    file_hint="写作 整改报告-2026-04.md",
    fields=COMMON_FIELDS + (
        F("对应措施", Kind.FILING_PATH, "所答复的监管措施文件名，例如 监管措施-2026-03.md。", "第三十条",
          example="监管措施-2026-03.md"),
    ),
    sections=(S("整改情况", "逐条说明整改情况和结果。", "第三十条"),),
)

PRELIMINARY = FilingType(
    "初步验收", ("第十九条", "第二十六条"), "完成建设任务后的初步验收；其后 10 个工作日内完成目录编制和数据归集。",
    public=True,
    event="初步验收日期",
    fields=COMMON_FIELDS + (
        F("建设完成日期", Kind.DATE, "完成项目建设任务的日期；竣工验收应在其后 3 个月内完成。", "第十九条",
          public=True, example="2025-09-30"),
        F("初步验收日期", Kind.DATE, "初步验收日期。", "第二十六条", public=True, example="2025-10-15"),
        F("初步验收结论", Kind.ENUM, "通过 / 不通过。", "第二十六条", choices=("通过", "不通过"), public=True,
          example="通过"),
    ),
    sections=(
        S("建设完成情况", "建设任务完成情况。", "第十九条"),
        S("初步验收意见", "初步验收组意见。", "第十九条"),
    ),
)

EXTENSION = FilingType(
    "延期验收申请", ("第十九条",), "未能在建设完成后 3 个月内验收的，提出延期验收申请。",
    fields=COMMON_FIELDS + (
        F("申请延期至", Kind.DATE, "申请延期到的日期。", "第十九条", example="2026-03-31"),
    ),
    sections=(S("延期原因", "不能按期验收的原因。", "第十九条"),),
)

ACCEPTANCE = FilingType(
    "竣工验收", ("第十八条", "第十九条", "第二十五条", "第二十九条"), "竣工验收报告备案。",
    public=True,
    event="验收日期",
    fields=COMMON_FIELDS + (
        F("验收日期", Kind.DATE, "竣工验收日期。", "第十九条", public=True, example="2025-12-20"),
        F("验收结论", Kind.ENUM, "通过 / 不通过。", "第十九条", choices=("通过", "不通过"), public=True,
          example="通过"),
        F("决算金额", Kind.AMOUNT, "项目决算金额（万元）。", "第十五条", example=88.0),
        F("投入使用日期", Kind.DATE, "投入使用日期，默认同验收日期。", "第二十条", required=False, public=True),
        F("等保测评结论", Kind.ENUM, "符合 / 基本符合 / 不符合（2021 版报告写 优 / 良 / 中 / 差 也可）。", "第二十七条",
          choices=("符合", "基本符合", "不符合", "优", "良", "中", "差"), example="符合"),
        F("密评结论", Kind.ENUM, "符合 / 基本符合 / 不符合 / 不适用。", "第二十八条",
          choices=("符合", "基本符合", "不符合", "不适用"), example="符合"),
        F("等保测评得分", Kind.SCORE, "等保测评得分。", "第二十七条", required=False),
        F("密评得分", Kind.SCORE, "密评得分。", "第二十八条", required=False),
        F("测评机构", Kind.TEXT, "测评机构名称。", "第二十七条", required=False),
    ),
    sections=(
        S("项目建设总结", "建设内容、目标完成情况。", "第十九条"),
        S("财务报告", "资金使用和决算情况。", "第十九条"),
        S("审计报告", "审计意见。", "第十九条"),
        S("信息安全风险评估报告", "风险评估和等保测评情况。", "第十九条"),
        S("密码应用情况", "密码应用和密评情况。", "第十九条"),
        S("软硬件产品安全可靠情况", "关键软硬件产品安全可靠情况。", "第二十九条"),
        S("信息资源纳入共享目录情况", "信息资源纳入共享目录的情况。", "第二十五条"),
        S("项目档案", "项目档案和电子档案情况。", "第十八条"),
    ),
)

CATALOG = FilingType(
    "信息资源目录", ("第二十四条", "第二十五条", "第二十六条"),
    "初步验收后 10 个工作日内通过高新区数据共享平台完成目录编制和数据归集。",
    public=True,
    fields=COMMON_FIELDS + (
        F("信息资源", Kind.RESOURCES, "信息资源列表，每项一个条目。", "第二十四条", public=True,
          item_fields=RESOURCE_FIELDS),
    ),
    sections=(S("目录说明", "目录编制和数据归集情况说明。", "第二十六条"),),
)

SHARING_EXCEPTION = FilingType(
    "共享例外审批", ("第二十二条",), "不能共享但确有必要建设或保留的，经综合管理办公室审核并报首席数据代表批准。",
    central=True,
    event="审批日期",
    fields=COMMON_FIELDS + (
        F("审批人", Kind.TEXT, "须为 registry.yml 中登记的首席数据代表。", "第二十二条", example="王明"),
        F("审批日期", Kind.DATE, "批准日期。", "第二十二条", example="2025-12-01"),
        F("审批结论", Kind.ENUM, "同意保留 / 不同意。", "第二十二条", choices=("同意保留", "不同意"), example="同意保留"),
    ),
    sections=(
        S("不共享依据", "不能共享的法律法规或政策依据。", "第二十二条"),
        S("审核意见", "综合管理办公室审核意见。", "第二十二条"),
    ),
)

SELF_EVALUATION = FilingType(
    "绩效自评价", ("第二十条",), "竣工验收并投入使用后 12 至 24 个月内开展的绩效自评价。",
    public=True,
    event="评价日期",
    fields=COMMON_FIELDS + (
        F("评价日期", Kind.DATE, "自评价完成日期。", "第二十条", public=True, example="2026-12-01"),
        F("自评得分", Kind.SCORE, "0–100；等级由得分自动得出（优 90–100 / 良 80–89 / 中 60–79 / 差 0–59）。",
          "第二十条", public=True, example=88),
    ),
    sections=(
        S("绩效目标完成情况", "对照绩效指标逐项说明完成情况。", "第二十条"),
        S("存在问题", "存在的问题。", "第二十条"),
        S("改进措施", "改进措施。", "第二十条"),
    ),
)

THIRD_PARTY = FilingType(
    "第三方后评价", ("第二十条",), "综合管理办公室委托第三方机构开展的后评价。",
    central=True, public=True,
    event="评价日期",
    fields=COMMON_FIELDS + (
        F("评价机构", Kind.TEXT, "第三方评价机构名称。", "第二十条", public=True, example="某某咨询有限公司"),
        F("评价日期", Kind.DATE, "评价日期。", "第二十条", public=True, example="2027-03-01"),
        F("评价结论", Kind.TEXT, "评价结论，例如 良好。", "第二十条", public=True, example="良好"),
    ),
    sections=(S("评价意见", "第三方评价意见。", "第二十条"),),
)

FIXED_ASSET_APPROVAL = FilingType(
    "固定资产投资审批", ("第五条",), "涉及固定资产投资的信息系统建设项目，由行政审批服务部审批后备案。",
    filer_duty=APPROVAL_DUTY, public=True, file_hint="写作 固定资产投资审批.md",
    event="审批日期",
    fields=COMMON_FIELDS + (
        F("审批文号", Kind.TEXT, "审批文件的文号。", "第五条", public=True, example="聊高新审批投字〔2024〕12 号"),
        F("审批日期", Kind.DATE, "审批日期。", "第五条", public=True, example="2024-03-01"),
        F("审批结论", Kind.ENUM, "予以批准 / 不予批准。", "第五条", choices=FIXED_ASSET_DECISIONS, public=True,
          example="予以批准"),
        F("批准投资", Kind.AMOUNT, "批准的总投资（万元），不予批准时省略。", "第五条", required=False, public=True),
        F("投资项目代码", Kind.INVEST_CODE, "全国投资项目在线审批监管平台赋予的 24 位代码，与立项申请一致。", "第五条",
          required=False, public=True),
    ),
    sections=(S("审批意见", "行政审批服务部的审批意见。", "第五条"),),
)

CRYPTO_ASSESSMENT = FilingType(
    "密码应用安全性评估", ("第二十八条", "第三十条"),
    "投入使用后定期开展的商用密码应用安全性评估（密评）；重要领域和等保第三级以上的系统每年至少一次。",
    file_hint="写作 密码应用安全性评估-2026.md",
    event="评估日期",
    fields=COMMON_FIELDS + (
        F("评估日期", Kind.DATE, "测评机构出具评估报告的日期。", "第二十八条", example="2026-06-10"),
        F("评估结论", Kind.ENUM, "符合 / 基本符合 / 不符合。", "第二十八条", choices=("符合", "基本符合", "不符合"),
          example="符合"),
        F("评估得分", Kind.SCORE, "评估得分。", "第二十八条", required=False),
        F("测评机构", Kind.TEXT, "商用密码应用安全性评估机构名称。", "第二十八条", example="某某密码测评中心"),
    ),
    sections=(S("评估情况", "评估范围、发现的问题和整改安排。", "第三十条"),),
)

FILING_TYPES: dict[str, FilingType] = {t.name: t for t in (
    APPLICATION, SUPERIOR_REVIEW, REVIEW, CONTRACT, ANNUAL, ADJUSTMENT, MAJOR_ISSUE, MEASURE, RECTIFICATION,
    PRELIMINARY, EXTENSION, ACCEPTANCE, CATALOG, SHARING_EXCEPTION, SELF_EVALUATION, THIRD_PARTY,
    FIXED_ASSET_APPROVAL, CRYPTO_ASSESSMENT,
)}
