"""Schema of filings/registry.yml (spec §2)."""
from __future__ import annotations

from .base import Field, Kind, When
from .common import DEPT_CATEGORIES, DEPT_DUTIES, GOVERNMENT, UNIT_NATURES

LICENCE_FIELDS = (
    Field("名称", Kind.TEXT, "许可协议名称。", None, public=True, example="知识共享署名 4.0 国际许可协议（CC BY 4.0）"),
    Field("网址", Kind.TEXT, "许可协议全文的网址（http:// 或 https:// 开头）。", None, public=True,
          example="https://creativecommons.org/licenses/by/4.0/"),
)
DEFAULT_LICENCE = {"名称": "知识共享署名 4.0 国际许可协议（CC BY 4.0）",
                   "网址": "https://creativecommons.org/licenses/by/4.0/"}

CONTACT_FIELDS = (
    Field("名称", Kind.TEXT, "对外联系的办公室或窗口名称，不写个人姓名。", None, public=True, example="社会事业局办公室"),
    Field("电话", Kind.TEXT, "办公电话（加引号），如 \"0635-8526000\"。", None, required=False, public=True,
          example="0635-8526000"),
    Field("邮箱", Kind.TEXT, "公务电子邮箱。", None, required=False, public=True, example="shsy@example.gov.cn"),
    Field("地址", Kind.TEXT, "办公地址。", None, required=False, public=True, example="高新区长江路 1 号"),
)

REGISTRY_FIELDS = (
    Field("辖区", Kind.TEXT, "辖区全称。", "第三条", public=True, example="聊城高新技术产业开发区"),
    Field("首席数据代表", Kind.TEXT, "高新区首席数据代表姓名，共享例外审批须由其批准。", "第二十二条", example="王明"),
    Field("部门", Kind.TEXT_LIST, "政务部门列表。", "第三条"),
    Field("数据许可", Kind.MAPPING, "向社会开放的数据适用的许可协议：{名称: …, 网址: …}；省略时为“知识共享署名 4.0 国际许可协议"
          "（CC BY 4.0）”。显示在公开目录和每个导出文件中。", "第二十五条", required=False, public=True,
          item_fields=LICENCE_FIELDS),
    Field("网站标识码", Kind.TEXT, "政府网站标识码（10 位字母或数字），显示在公开目录页脚。", None, required=False,
          public=True, example="3715000001"),
    Field("ICP备案号", Kind.TEXT, "ICP 备案号，显示在公开目录页脚并链接到工业和信息化部备案系统。", None, required=False,
          public=True, example="鲁ICP备00000000号"),
    Field("公安机关备案号", Kind.TEXT, "公安机关互联网站安全备案号，显示在公开目录页脚。", None, required=False,
          public=True, example="鲁公网安备37150202000000号"),
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
    Field("审核人", Kind.TEXT_LIST, "代码托管平台上审核本部门合并请求的账号或团队（@用户名、@组织/团队），可省略；"
          "filings codeowners 据此生成 CODEOWNERS。以 @ 开头的值要加引号。", required=False,
          example=["@zhang-san", "@zhb/reviewers"]),
    Field("公开联系", Kind.MAPPING, "部门对外公开的联系渠道（办公室，不是个人）：{名称: …, 电话: …, 邮箱: …, 地址: …}；"
          "开放数据的使用者向它咨询和申请。", "第二十五条", required=False, public=True, item_fields=CONTACT_FIELDS),
)
