"""The government site frame of a real build: footer, 404 page, feed announcement, per-project records."""
from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from demo_repo import AS_OF, copy_demo, run

from generator.checks.registry import check_registry

ICP = "鲁ICP备00000000号-1"
POLICE = "鲁公网安备37150202000000号"
SITE_CODE = "3715000099"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = copy_demo(tmp_path_factory.mktemp("frame") / "repo")
    code, out, err = run("build", "--repo", str(repo), "--as-of", AS_OF)
    assert code == 0, out + err
    return repo


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html" and "assets" not in p.parts)


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.anchors: list[dict[str, str]] = []
        self.loads: list[str] = []
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "link":
            self.links.append(a)
            if "stylesheet" in a.get("rel", ""):
                self.loads.append(a.get("href", ""))
        if tag == "a":
            self.anchors.append(a)
        if tag in ("script", "img", "iframe") and a.get("src"):
            self.loads.append(a["src"])


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def footer(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    start = text.index('class="md-copyright gov-frame"')
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text[start:text.index("</div>", start)]))


def test_public_footer_shows_publisher_contact_and_registration_numbers(root: Path) -> None:
    for page in pages(root / "site"):
        text = footer(page)
        assert "主办单位：聊城高新技术产业开发区" in text, page
        assert "综合管理办公室" in text and "0635-8526001" in text and "zhb@lcgxq.example.gov.cn" in text, page
        assert f"网站标识码：{SITE_CODE}" in text and ICP in text and POLICE in text, page
        beian = [a for a in parse(page).anchors if a.get("href") == "https://beian.miit.gov.cn/"]
        assert beian, page


def test_library_footer_has_the_publisher_but_no_public_registration_numbers(root: Path) -> None:
    text = footer(root / "library" / "index.html")
    assert "主办单位：聊城高新技术产业开发区" in text and "综合管理办公室" in text
    assert ICP not in text and SITE_CODE not in text


def test_every_page_announces_the_atom_feed(root: Path) -> None:
    for site in ("site", "library"):
        for page in pages(root / site):
            feeds = [link for link in parse(page).links
                     if link.get("rel") == "alternate" and link.get("type") == "application/atom+xml"]
            assert len(feeds) == 1, page
            assert (page.parent / feeds[0]["href"]).resolve() == (root / site / "downloads" / "feed.xml").resolve()


def test_every_project_page_links_its_machine_readable_record(root: Path) -> None:
    catalog = json.loads((root / "site" / "downloads" / "catalog.json").read_text(encoding="utf-8"))
    resources = catalog["resources"]
    assert catalog["projects"]
    for entry in catalog["projects"]:
        page = root / "site" / "projects" / f"{entry['id']}.html"
        parsed = parse(page)
        head = [link["href"] for link in parsed.links
                if link.get("rel") == "alternate" and link.get("type") == "application/json"]
        body = [a["href"] for a in parsed.anchors if a.get("type") == "application/json"]
        assert head == [f"{entry['id']}.json"] and body == head, page
        record = json.loads((page.parent / head[0]).read_text(encoding="utf-8"))
        assert record["project"] == entry  # the same public fields as catalog.json
        assert record["resources"] == [r for r in resources if r["project"] == entry["id"]]
        assert record["licence"] == catalog["licence"] and record["publisher"] == catalog["publisher"]
    # public fields only: no contact person or phone of a filing anywhere in the records
    for record in (root / "site" / "projects").glob("*.json"):
        text = record.read_text(encoding="utf-8")
        assert "联系人" not in text and "李娜" not in text and "0635-8526118" not in text


def test_404_page_is_chinese_and_self_contained(root: Path) -> None:
    for site in ("site", "library"):
        page = root / site / "404.html"
        parsed = parse(page)
        text = page.read_text(encoding="utf-8")
        assert parsed.lang == "zh-CN" and "页面不存在" in text and "返回首页" in text
        assert "Not found" not in text
        assert parsed.loads == [], "a 404 page must not depend on files it cannot find from another folder"
        assert "<style>" in text and "主办单位" in text


def test_a_district_without_registration_numbers_shows_none(tmp_path: Path) -> None:
    repo = copy_demo(tmp_path / "repo")
    registry = repo / "filings" / "registry.yml"
    text = registry.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith(("网站标识码", "ICP备案号", "公安机关备案号")))
    registry.write_text(text + "\n", encoding="utf-8")
    code, out, err = run("build", "--repo", str(repo), "--as-of", AS_OF)
    assert code == 0, out + err
    text = footer(repo / "site" / "index.html")
    assert "主办单位" in text and "网站标识码" not in text and "ICP" not in text and "公网安备" not in text


@pytest.mark.parametrize("line, message", [
    ('数据许可: {名称: 某协议, 网址: "data.example.cn/licence"}', "应以 http:// 或 https:// 开头"),
    ('数据许可: 某协议', "键值表"),
    ('网站标识码: "12345"', "10 位字母或数字"),
    ('ICP备案号: [鲁ICP备1号]', "应为一段文字"),
])
def test_bad_registry_values_are_errors_with_their_line(line: str, message: str) -> None:
    raw = f"辖区: 某区\n首席数据代表: 王明\n{line}\n部门:\n  - {{代码: ZHB, 名称: 综合管理办公室, 类别: 区直部门, 职责: [综合管理]}}\n"
    _, problems = check_registry("filings/registry.yml", raw.encode("utf-8"), dt.date(2026, 11, 29))
    assert [(p.line, p.code) for p in problems] == [(3, "E203")] and message in problems[0].message


def test_a_contact_email_must_be_an_address() -> None:
    raw = ("辖区: 某区\n首席数据代表: 王明\n部门:\n"
           "  - {代码: ZHB, 名称: 综合管理办公室, 类别: 区直部门, 职责: [综合管理], 公开联系: {名称: 办公室, 邮箱: 办公室信箱}}\n")
    registry, problems = check_registry("filings/registry.yml", raw.encode("utf-8"), dt.date(2026, 11, 29))
    assert [(p.line, p.code) for p in problems] == [(4, "E203")] and "邮箱" in problems[0].message
    assert registry.departments["ZHB"].contact == {"名称": "办公室"}


def test_a_contact_must_name_an_office() -> None:
    raw = ("辖区: 某区\n首席数据代表: 王明\n部门:\n"
           "  - {代码: ZHB, 名称: 综合管理办公室, 类别: 区直部门, 职责: [综合管理], 公开联系: {电话: \"0635-1\"}}\n")
    _, problems = check_registry("filings/registry.yml", raw.encode("utf-8"), dt.date(2026, 11, 29))
    assert [(p.line, p.code) for p in problems] == [(4, "E202")] and "公开联系" in problems[0].message


def test_open_data_page_says_how_to_obtain_every_resource(root: Path) -> None:
    catalog = json.loads((root / "site" / "downloads" / "catalog.json").read_text(encoding="utf-8"))
    text = (root / "site" / "open-data.html").read_text(encoding="utf-8")
    assert f'href="{catalog["licence"]["url"]}"' in text and catalog["licence"]["name"] in text
    rows = {m.group(1): row for row in re.findall(r"<tr\b.*?</tr>", text, re.S)
            if (m := re.search(r'id="dataset-([0-9a-f-]+)"', row))}  # the DCAT landing page anchor
    assert set(rows) == {r["id"] for r in catalog["resources"]}
    for r in catalog["resources"]:
        row = rows[r["id"]]
        if r["open_attribute"] == "无条件开放":
            assert r.get("access_url") and f'href="{r["access_url"]}"' in row, r["name"]
        else:
            for key in ("open_condition", "applicants", "how_to_apply"):
                assert r[key] in row, (r["name"], key)
        assert r["contact"]["name"] in row and "李" not in r["contact"]["name"]
