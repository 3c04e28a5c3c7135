from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import markdown
import pytest

from generator.publish.charts import (
    SVG_NS,
    bar_chart,
    donut_chart,
    format_value,
    timeline,
)

NS = {"svg": SVG_NS}
NASTY = "A<&>B \"引号\" 'x' ]]>"
EVENTS = [
    (dt.date(2023, 10, 20), "立项申请", "filing"),
    (dt.date(2023, 10, 21), "评审意见", "filing"),
    (dt.date(2023, 10, 22), "评审意见（调整）", "filing"),
    (dt.date(2024, 3, 1), "合同备案：应急指挥调度系统开发", "contract"),
    (dt.date(2024, 3, 2), "合同备案：大屏显示系统", "contract"),
    (dt.date(2024, 12, 31), "计划完成日期", "plan"),
    (dt.date(2025, 1, 15), "F130 逾期未验收", "finding"),
    (dt.date(2025, 5, 2), "竣工验收", "acceptance"),
]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{{{SVG_NS}}}svg"
    assert root.get("role") == "img" and root.get("aria-label")
    assert root.find("svg:title", NS) is not None
    assert root.get("viewBox") and root.get("width") == "100%"
    return root


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in (e.get("class") or "").split()]


def all_text(root: ET.Element) -> str:
    return "".join(root.itertext())


def assert_offline(svg: str) -> None:
    assert re.findall(r"https?://[^\"'\s]*", svg) == [SVG_NS]
    assert "<script" not in svg and "@import" not in svg and "url(" not in svg


def test_bar_chart_draws_one_bar_per_item_with_tooltip() -> None:
    items = [("高新区社会事业服务中心（教育和体育局）", 1234.5), ("应急管理局", 438), ("韩集乡", 0)]
    svg = bar_chart("各单位核定投资", items, "万元")
    root = parse(svg)
    bars = with_class(root, "bar")
    assert len(bars) == 3
    assert [b.find("svg:rect", NS) is not None for b in bars] == [True] * 3
    tips = [b.find("svg:title", NS).text for b in bars]
    assert tips[0] == "高新区社会事业服务中心（教育和体育局）：1,234.50万元"
    assert "438.00万元" in all_text(root)
    assert_offline(svg)


def test_long_labels_are_wrapped_or_shortened_but_kept_whole_in_tooltips() -> None:
    name = "高新区管理委员会行政审批服务部数据资源管理科（大数据中心）信息化项目办公室"
    root = parse(bar_chart("x", [(name, 1)], "个"))
    visible = [t.text or "" for t in root.iter(f"{{{SVG_NS}}}text")]
    assert name not in visible and any(t.endswith("…") for t in visible)
    assert with_class(root, "bar")[0].find("svg:title", NS).text == f"{name}：1个"


def test_donut_chart_segments_and_percentages() -> None:
    svg = donut_chart("项目类别", [("新建", 5), ("升级改造", 2), ("运维", 1), ("扩建", 0)])
    root = parse(svg)
    assert len(with_class(root, "segment")) == 3  # nothing to draw for a zero share
    assert len(with_class(root, "legend-item")) == 4
    text = all_text(root)
    assert "62.5%" in text and "25.0%" in text and "0.0%" in text
    assert_offline(svg)


def test_single_item_donut_is_a_full_ring() -> None:
    root = parse(donut_chart("x", [("全部", 3)]))
    (segment,) = with_class(root, "segment")
    assert "100.0%" in segment.find("svg:title", NS).text


def test_timeline_has_one_group_per_event_and_hollow_plan_marker() -> None:
    svg = timeline(EVENTS, today=dt.date(2026, 11, 29))
    root = parse(svg)
    events = with_class(root, "event")
    assert len(events) == len(EVENTS)
    plan = with_class(root, "event-plan")[0]
    marker = plan.findall("svg:circle", NS)[-1]
    assert marker.get("fill") == "#ffffff" and marker.get("stroke-dasharray")
    assert with_class(root, "today") and "2026-11-29" in all_text(root)
    assert_offline(svg)


def test_timeline_labels_of_close_events_do_not_overlap() -> None:
    crowded = [(dt.date(2024, 1, 1) + dt.timedelta(days=i), f"第{i}次备案材料", "filing") for i in range(12)]
    root = parse(timeline(crowded))
    boxes = [g.find("svg:rect", NS) for g in with_class(root, "event")]
    spans = [(float(b.get("x")), float(b.get("y")), float(b.get("width")), float(b.get("height"))) for b in boxes]
    for i, (x1, y1, w1, h1) in enumerate(spans):
        for x2, y2, w2, h2 in spans[i + 1:]:
            assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1


def test_timeline_accepts_datetimes_and_unknown_kinds() -> None:
    root = parse(timeline([(dt.datetime(2024, 5, 1, 9, 30), "其他事项", "meeting")]))
    assert len(with_class(root, "event-other")) == 1


@pytest.mark.parametrize("svg", [
    bar_chart(NASTY, [(NASTY, 3)], "个"),
    donut_chart(NASTY, [(NASTY, 1), ("其他", 1)]),
    timeline([(dt.date(2024, 1, 1), NASTY, "finding")]),
])
def test_text_is_escaped(svg: str) -> None:
    root = parse(svg)
    tips = [t.text or "" for t in root.iter(f"{{{SVG_NS}}}title")]
    assert any(NASTY in t for t in tips)
    assert_offline(svg)


@pytest.mark.parametrize("svg", [
    bar_chart("各单位核定投资", [], "万元"),
    donut_chart("类别", []),
    donut_chart("类别", [("新建", 0)]),
    timeline([]),
    timeline([(None, "无日期", "filing")]),  # type: ignore[list-item]
])
def test_empty_input_gives_placeholder(svg: str) -> None:
    root = parse(svg)
    assert "暂无数据" in all_text(root)
    assert "chart-empty" in root.get("class", "")


def test_bad_numbers_and_control_characters_do_not_raise() -> None:
    svg = bar_chart("x\x00y", [("a\x07b", float("nan")), ("c", None), ("d", "12")], "万元")  # type: ignore[list-item]
    root = parse(svg)
    assert "12.00万元" in all_text(root) and "0.00万元" in all_text(root)


def test_format_value() -> None:
    assert format_value(1234.5, "万元") == "1,234.50万元"
    assert format_value(12, "个") == "12个"
    assert format_value(2.5, "个") == "2.5个"
    assert format_value(1500.0) == "1,500"
    assert format_value(0.125, "%") == "0.12%"


def test_chart_survives_markdown_inside_a_div() -> None:
    svg = bar_chart("各单位_核定*投资*", [("a_b_c", 1), ("*强调*", 2)], "万元")
    html = markdown.markdown(f'前文\n\n<div class="chart">\n{svg}\n</div>\n\n后文',
                             extensions=["md_in_html", "attr_list", "tables"])
    assert svg in html


def test_status_colours_follow_the_series_names() -> None:
    from generator.publish.charts import STATUS_CLASSES, STATUS_COLOURS

    assert set(STATUS_CLASSES) == set(STATUS_COLOURS)
    root = parse(donut_chart("状态", [("整改中", 1), ("未知", 1)], colours=STATUS_COLOURS))
    assert with_class(root, "segment")[0].get("stroke") == STATUS_COLOURS["整改中"]


def test_timeline_skips_malformed_events() -> None:
    root = parse(timeline([None, (dt.date(2024, 1, 1),), ("2024-01-01", "文本", "filing"),  # type: ignore[list-item]
                           (dt.date(2024, 2, 1), "立项申请", "filing")]))
    assert len(with_class(root, "event")) == 1
