"""Two districts' DCAT feeds merge into one graph without clashing identifiers (docs/联邦汇聚.md).

District A is the demo; district B is started with `filings init` and given a copy of one of A's
projects, so both publish a resource with the same project number, provider and name: exactly the
case where identifiers made from the filing alone would collide in a city's harvester.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from demo_repo import AS_OF, DEMO, copy_demo, run
from rdflib import BNode, Graph, Namespace
from rdflib.namespace import RDF

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
PROJECT = "2023-SHSY-01"
SITES = {"A": "https://gxq.example.gov.cn/open/", "B": "https://kfq.example.gov.cn/"}
# B's own departments: the ones the copied project names (填报单位, 提供单位, 共享对象)
B_DEPARTMENTS = """\
  - {代码: SHSY, 名称: 社会事业局, 类别: 区直部门, 公开联系: {名称: 社会事业局办公室, 电话: "0635-7000100"}}
  - {代码: XYZ, 名称: 东城街道, 类别: 镇（中心）}
  - {代码: GGTZ, 名称: 西城街道, 类别: 镇（中心）}
  - {代码: HJX, 名称: 南城街道, 类别: 镇（中心）}
"""


def district_b(root: Path) -> Path:
    code, out, err = run("init", "--repo", str(root), "--district", "聊城经济技术开发区", "--chief", "赵强")
    assert code == 0, out + err
    registry = root / "filings" / "registry.yml"
    registry.write_text(registry.read_text(encoding="utf-8") + B_DEPARTMENTS, encoding="utf-8")
    shutil.copytree(DEMO / PROJECT, root / "filings" / PROJECT)
    return root


def build(root: Path, site_url: str | None) -> Graph:
    args = ["build", "--repo", str(root), "--as-of", AS_OF] + (["--site-url", site_url] if site_url else [])
    code, out, err = run(*args)
    assert code == 0, out + err
    path = root / "site" / "downloads" / "open-data.jsonld"
    return Graph().parse(path, format="json-ld", publicID=site_url or path.as_uri())


@pytest.fixture(scope="module", params=["site-url", "no-site-url"])
def feeds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Graph, Graph]:
    tmp = tmp_path_factory.mktemp("federation")
    with_url = request.param == "site-url"
    a = build(copy_demo(tmp / "a"), SITES["A"] if with_url else None)
    b = build(district_b(tmp / "b"), SITES["B"] if with_url else None)
    return a, b


def datasets(g: Graph) -> set:
    return set(g.subjects(RDF.type, DCAT.Dataset))


def test_the_same_resource_in_two_districts_gets_two_identities(feeds: tuple[Graph, Graph]) -> None:
    a, b = feeds
    titles_a = {str(g) for d in datasets(a) for g in a.objects(d, DCT.title)}
    titles_b = {str(g) for d in datasets(b) for g in b.objects(d, DCT.title)}
    shared = titles_a & titles_b
    assert shared, "district B should publish a resource A publishes too (the copied project)"
    assert not datasets(a) & datasets(b)
    ids_a = {str(a.value(d, DCT.identifier)) for d in datasets(a)}
    ids_b = {str(b.value(d, DCT.identifier)) for d in datasets(b)}
    assert not ids_a & ids_b


def test_merged_graph_keeps_every_dataset_and_catalog_apart(feeds: tuple[Graph, Graph]) -> None:
    a, b = feeds
    merged = Graph()
    for g in (a, b):
        for triple in g:
            merged.add(triple)
    assert len(datasets(merged)) == len(datasets(a)) + len(datasets(b))
    catalogs = set(merged.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogs) == 2
    for cat in catalogs:  # each catalog still lists exactly its own datasets
        own = set(merged.objects(cat, DCAT.dataset))
        assert own in (datasets(a), datasets(b))
    for d in datasets(merged):  # one title, one publisher, one identifier each: nothing got mixed
        assert len(set(merged.objects(d, DCT.identifier))) == 1
        assert len(set(merged.objects(d, DCT.publisher))) == 1
        assert len(set(merged.objects(d, DCAT.distribution))) == 1
    identifiers = [str(merged.value(d, DCT.identifier)) for d in datasets(merged)]
    assert len(identifiers) == len(set(identifiers))


def test_no_blank_nodes_to_collide(feeds: tuple[Graph, Graph]) -> None:
    for g in feeds:
        assert not [t for t in g if any(isinstance(n, BNode) for n in t)]
