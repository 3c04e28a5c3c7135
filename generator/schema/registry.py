"""Schema of filings/registry.yml (spec §2)."""
from __future__ import annotations

from .base import Field, Kind, When
from .common import DEPT_CATEGORIES, DEPT_DUTIES, GOVERNMENT, UNIT_NATURES

REGISTRY_FIELDS = (
    Field("辖区", Kind.TEXT, "辖区全称。", "第三条", public=True, example="聊城高新技术产业开发区"),
    Field("首席数据代表", Kind.TEXT, "高新区首席数据代表姓名，共享例外审批须由其批准。", "第二十二条", example="王明"),
    Field("部门", Kind.TEXT_LIST, "政务部门列表。", "第三条"),
)

DEPARTMENT_FIELDS = (
    Field("代码", Kind.TEXT, "2–8 位大写英文字母，区分大小写。", "第三条", public=True, example="SHSY"),
    Field("名称", Kind.TEXT, "部门全称。", "第三条", public=True, example="社会事业局"),
    Field("类别", Kind.ENUM, "政务部门类别（第三条）；事业单位、社会团体等不是政务部门的可不写。", "第三条",
          choices=DEPT_CATEGORIES, public=True, example="区直部门", when=When("单位性质", "eq_or_absent", GOVERNMENT)),
    Field("职责", Kind.ENUM_LIST, "综合管理 / 行政审批 / 财政管理 / 审计，可省略。", "第五条", required=False,
          choices=DEPT_DUTIES, public=True),
    Field("单位性质", Kind.ENUM, "机关 / 事业单位 / 社会团体 / 其他组织，不写即为机关（第三条的政务部门）；"
          "事业单位和区财政拨款的社会团体、其他组织参照本办法执行。", "第三十六条", required=False,
          choices=UNIT_NATURES, public=True),
)
