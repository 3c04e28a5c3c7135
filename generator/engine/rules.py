"""The rule registry: every engine rule declared once, as data (spec §6).

Each rule names the document and article(s) it comes from, so that a revised
Measures can be loaded beside the old one, and says whether it reads more into
the article than its words (the district's interpretation). The structural
codes of generator/checks join the same list through `all_rules()`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..problems import Problem, ProblemKind, finding
from ..schema.base import DOCUMENT, DOCUMENT_TITLE

PLANNED_RESOURCES_FROM = dt.date(2026, 10, 1)  # the first October window after 计划信息资源 was added to 立项申请


@dataclass(frozen=True)
class Document:
    """A version of the Measures; rules apply only to events on or after `effective`."""

    code: str
    title: str
    effective: dt.date


DOCUMENTS: dict[str, Document] = {
    DOCUMENT: Document(DOCUMENT, DOCUMENT_TITLE, dt.date(2023, 5, 22)),  # 第三十九条
}


@dataclass(frozen=True)
class Rule:
    code: str
    articles: tuple[str, ...]
    summary: str  # Chinese, one sentence
    kind: ProblemKind = "finding"
    interpretation: bool = False
    note: str = ""  # Chinese: what the district reads into the article, or the setting used
    document: str = DOCUMENT
    since: dt.date | None = None  # a later start than the document's, for a duty the record could not hold before
    from_schema: bool = False  # cites the article the schema gives the key or section concerned

    @property
    def article(self) -> str | None:
        """第十九、二十二、二十六条 for several articles of one document."""
        if not self.articles:
            return None
        inner = "、".join(a.removeprefix("第").removesuffix("条") for a in self.articles)
        return f"第{inner}条"

    @property
    def effective(self) -> dt.date:
        start = DOCUMENTS[self.document].effective
        return max(start, self.since) if self.since else start

    def applies_to(self, day: dt.date | None) -> bool:
        """第三十九条: no rule reaches back before the document took effect."""
        return day is None or day >= self.effective

    def finding(self, path: str, line: int | None, column: int | None, message: str) -> Problem:
        return finding(path, line, column if line is not None else None, self.code, message, self.article)


def _r(code: str, articles: str, summary: str, **kw: object) -> Rule:
    return Rule(code, tuple(articles.split()), summary, **kw)  # type: ignore[arg-type]


RULES: tuple[Rule, ...] = (
    _r("F000", "", "某一年的节假日安排尚未知晓时提醒补充 filings/calendar.yml；落在该年的工作日期限显示为“无法计算”。"),
    _r("F050", "第五条", "涉及固定资产投资的项目签订合同时，此前没有行政审批服务部予以批准的固定资产投资审批。",
       interpretation=True, note="以合同签订为开始建设；审批须在签订日期当天或之前。"),
    _r("F060", "第六条", "申报年度为 Y 的立项申请应在 Y−1 年 10 月提报（申报年度 2023 年及以前的项目不适用）。"),
    _r("F080", "第八条", "填写了整合类别的项目属于第八条所列原则上不再单独建设的项目，须由评审人员审核其特殊情况说明。"),
    _r("F090", "第九条", "合同签订日期当天或之前没有通过的评审意见。"),
    _r("F100", "第十条", "向国家、省、市申报的项目没有综合管理办公室同意向该级（上级层级与立项申请的上级申报一致）申报的上级申报审核。"),
    _r("F101", "第十条", "上级批复日期早于综合管理办公室同意申报的审核意见：申报前未取得同意申报的审核意见。"),
    _r("F130", "第十三条", "合同备案晚于签订日期后 5 个工作日。"),
    _r("F140", "第十四条", "项目在某年年底处于建设中，却没有报送该年度的年度报告。",
       interpretation=True,
       note="以第一份合同的签订日期为开工：自该年起，每年 12 月 31 日时已签合同、未通过竣工验收、未终止的项目须报送年度报告；"
            "“年底前”按当年 12 月 31 日（含）计算。"),
    _r("F141", "第十四条", "年度报告晚于报告年度的 12 月 31 日报送。", interpretation=True,
       note="“年底前”按报告年度 12 月 31 日（含）计算。"),
    _r("F150", "第十五条", "合同金额合计、累计支出或决算金额超过其日期当时有效的核定投资（含此前经评审通过的调整）；"
       "事后的调整不能追认此前的超支，与提示一并显示；决算低于核定投资的差额作为节余资金显示，不作提示。",
       interpretation=True,
       note="合同以签订日期、累计支出以年度报告的填报日期、决算以验收日期为准，比较当天有效的基线（第十六条：调整应事先提出）；"
            "评审通过之前的事实以首次核定投资为准。"),
    _r("F320", "第三十二条", "本次变更新增的备案，填报日期早于今天 3 个工作日以上：记录的日期与提交入库的日期不一致。",
       interpretation=True,
       note="“如实提供资料”要求备案及时入库；新增备案的填报日期早于检查当天（--as-of）3 个工作日以上即提示，"
            "供审核人员核实是迟交还是倒填日期。按纸质档案导入批次（filings/导入批次.yml）登记的备案只汇总提示一次。"),
    _r("F321", "第三十二条", "本次变更按纸质档案导入批次一次录入多份历史备案（汇总一条，不逐份提示入库滞后）。"),
    _r("F170", "第十七条", "建设完成日期（尚未完成的按今天）晚于当前基线的计划完成日期超过 90 天，且没有及时的重大问题报告：疑似严重逾期。",
       interpretation=True,
       note="“严重逾期”以超过当前计划完成日期 90 天为界（可设置）；运维服务类项目不适用。只有本项目问题类型为"
            "“严重逾期”或“投资重大损失”、填报日期晚于计划完成日期、且不晚于逾期满 90 天后 30 天的重大问题报告"
            "才算及时报告；类型为“其他”、在计划完成日期之前或过晚报送的报告不算。"),
    _r("F171", "第十七条 第三十条", "限期整改的整改期限已过仍未提交整改报告，或整改报告晚于整改期限。"),
    _r("F190", "第十九条", "竣工验收之前没有通过的初步验收。", interpretation=True,
       note="按国家和省的规定，验收依次为初步验收、试运行、竣工验收。"),
    _r("F191", "第十九条", "竣工验收晚于建设完成日期后 3 个月（或经延期验收申请延至的日期）。", interpretation=True,
       note="延期验收申请须在原定期限届满之日或之前提交才能延长期限；期限按民法典第二百零一至二百零三条计算，"
            "最后一天是休息日的顺延至下一个工作日；只有通过的竣工验收才算完成验收。"),
    _r("F192", "第十九条", "建设完成日期后 3 个月（或延期至的日期）已过，仍没有通过的竣工验收。", interpretation=True,
       note="延期验收申请须在原定期限届满之日或之前提交才能延长期限。"),
    _r("F200", "第二十条", "绩效自评价早于投入使用（取投入使用日期与验收日期中较晚者）后 12 个月：不计为完成自评价。"),
    _r("F201", "第二十条", "投入使用后 24 个月已过仍没有绩效自评价，或自评价报告晚于 24 个月报送（最后一天是休息日的顺延至下一个工作日）。"),
    _r("F220", "第二十二条", "数据共享为“不共享”，却没有首席数据代表“同意保留”的共享例外审批。"),
    _r("F221", "第二十二条", "竣工验收的等保测评结论为不符合（或差）、或密评结论为不符合：不安排运行维护经费。"),
    _r("F222", "第十九条 第二十二条 第二十六条", "运维服务类项目的前序项目没有运维经费资格（或不在本仓库）。",
       interpretation=True,
       note="运维经费资格由第十九条（未经验收不得拨付）、第二十二条（不共享未获批准、重复采集、安全不符合）"
            "和第二十六条（目录编制和数据归集不及时）综合得出。"),
    _r("F223", "第二十二条", "建设单位另有项目不共享且未获批准、重复采集数据，或竣工验收等保测评、密评不符合，却又申报新建、扩建、升级改造项目。",
       interpretation=True,
       note="“改建”对应项目类别“升级改造”；以新申请的填报日期为准，判断同一建设单位的其他项目当天是否处于上述状态"
            "（不共享的项目自第一份合同签订起算，批准保留后解除；安全不符合以当天之前最近一次竣工验收为准）。"
            "运维服务类申请由 F222 处理。"),
    _r("F240", "第二十四条", "新建、扩建、升级改造类立项申请没有列明计划信息资源（数据来源、格式、更新周期、共享和开放属性）。",
       interpretation=True, since=PLANNED_RESOURCES_FROM,
       note="结构化的「计划信息资源」自 2026 年 10 月的申报期起填写；此前的立项申请以建设方案「公共数据资源目录」一节为准，不作提示。"),
    _r("F241", "第二十四条", "信息资源目录与立项申请中明确的计划信息资源不一致（属性不同，或计划的资源没有纳入目录）。"),
    _r("F250", "第二十五条", "竣工验收时没有备案信息资源目录（没有目录，或目录晚于验收日期备案）。"),
    _r("F251", "第二十五条", "无条件共享的信息资源写了共享对象：应当普遍共享的数据仅与特定部门共享（已发生的事实，记录在案）。"),
    _r("F252", "第二十五条", "有条件开放的信息资源只向特定企业开放（申请对象写的是具体公司）。", interpretation=True,
       note="申请对象中出现“公司”“集团”等具体企业名称即视为仅向特定企业开放。"),
    _r("F260", "第二十六条", "信息资源目录或某项资源的归集日期晚于初步验收日期后 10 个工作日。"),
    _r("F261", "第二十六条", "初步验收日期后 10 个工作日已过，仍没有信息资源目录，或某项资源仍未归集。"),
    _r("F262", "第二十二条 第二十六条", "同一信息资源被两个项目归集：重复采集数据。", interpretation=True,
       note="“同一资源”指名称和提供单位都相同；运维服务项目与其前序项目之间不算重复。"),
    _r("F263", "第二十六条", "已归集的信息资源超过一个更新周期没有归集更新：归集更新不及时，不再安排运行维护经费。",
       interpretation=True,
       note="以「最近更新日期」（没有则以归集日期）为最近一次更新；实时、每日、每周、每月更新的资源按 1 个月核查，"
            "每季度 3 个月，每半年 6 个月，每年 12 个月；不定期更新的资源不核查。"),
    _r("F280", "第二十八条 第三十条", "已验收投入使用的重要领域或等保第三级以上系统，最近一次密码应用安全性评估已超过 12 个月。",
       interpretation=True,
       note="“定期评估”按《商用密码管理条例》对关键信息基础设施和等保第三级以上网络每年至少评估一次的要求，"
            "以竣工验收或最近一次密码应用安全性评估的日期起算 12 个月；密评结论为“不适用”或已终止的项目不核查。"),
)

RULES_BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}


def rule(code: str) -> Rule:
    return RULES_BY_CODE[code]


SCHEMA_ARTICLE = "依所涉键或章节"  # how `filings rules` shows a from_schema rule's article


def structural_rules() -> list[Rule]:
    from ..checks.codes import SCHEMA, STRUCTURAL

    return [Rule(code, (article,) if article and article != SCHEMA else (), summary, kind="error",
                 from_schema=article == SCHEMA) for code, article, summary in STRUCTURAL]


def all_rules() -> list[Rule]:
    """Every rule `filings rules` lists: the structural errors of generator/checks, then the engine's findings."""
    return structural_rules() + list(RULES)
