"""write_page: escaping, no external references, the size limit, stable positions, styling."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from graph.viz import DEFAULT_MAX_NODES, PageInfo, PageTooLarge, embedded_data, write_page
from graph.viz._layout import SPRING_LIMIT, layout
from ontology.errors import ConfigurationError, QueryError
from ontology.predicates import FAMILIES
from tests.browser.graphs import HOSTILE, hostile_graph, iri, sample_graph

ROOT = Path(__file__).resolve().parents[2]


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script> and <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def test_write_page_reports_what_it_wrote(tmp_path):
    path = tmp_path / "graph.html"
    info = write_page(sample_graph(), path)
    assert isinstance(info, PageInfo)
    assert (info.nodes, info.edges, info.path) == (10, 10, path)
    assert info.bytes == path.stat().st_size
    assert not [p for p in tmp_path.iterdir() if p != path]  # no temporary file left behind


def test_labels_are_names_and_styles_follow_type_and_family(tmp_path):
    g = sample_graph()
    g.add_node(iri("no-label-here"), type="Place", aliases=[], wikidata=None, sources=1)
    g.add_edge(
        iri("port-avalon"),
        iri("no-label-here"),
        key="f-x",
        predicate="partnerOf",
        family="money-deals",
        label="partner of",
        confidence=0.5,
        evidence=[],
    )
    path = tmp_path / "graph.html"
    write_page(g, path)
    data = embedded_data(path.read_text(encoding="utf-8"))
    by_label = {n["label"]: n for n in data["nodes"]}
    assert "no label here" in by_label
    assert not any(n["label"].startswith("http") for n in data["nodes"])
    shapes = {n["kind"]: n["shape"] for n in data["nodes"]}
    assert len(set(shapes.values())) >= 7  # Place shares the dot, with a dashed border
    groups = data["settings"]["legend"]["groups"]
    assert groups["Place"]["shapeProperties"]["borderDashes"]
    assert not groups["Person"]["shapeProperties"]["borderDashes"]
    assert {n["group"] for n in data["nodes"]} == set(groups)
    assert len({g["color"]["background"] for g in groups.values()}) == len(groups)
    assert by_label["Quillfeather AI"]["size"] > by_label["Port Avalon"]["size"]  # degree 5 vs 2
    colours = {e["family"]: e["color"] for e in data["edges"]}
    assert len(set(colours.values())) == len(FAMILIES) == len(colours)
    assert {e["label"] for e in data["edges"]} >= {"chief executive of", "investigated", "founder of"}
    legend = data["settings"]["legend"]
    assert [t["id"] for t in legend["types"]][:8] == [
        "Person",
        "Company",
        "NonProfit",
        "Investor",
        "GovernmentBody",
        "Organization",
        "Event",
        "Place",
    ]
    assert {t["id"]: t["count"] for t in legend["types"]}["Person"] == 3
    assert {f["id"]: f["count"] for f in legend["families"]}["leadership"] == 3


def test_evidence_and_qualifiers_reach_the_page(tmp_path):
    path = tmp_path / "graph.html"
    write_page(sample_graph(), path)
    data = embedded_data(path.read_text(encoding="utf-8"))
    edge = next(e for e in data["edges"] if e["predicate"] == "investedIn")
    assert edge["amount"] == "$2 billion" and edge["date"] == "2022" and edge["confidence"] == 0.85
    assert edge["evidence"][0]["text"] == "Harbourline Capital put $2 billion into Quillfeather."
    assert edge["evidence"][0]["url"].startswith("https://news.example.org/")
    node = next(n for n in data["nodes"] if n["label"] == "Mara Lindqvist")
    assert (node["aliases"], node["wikidata"], node["sources"]) == (["M. Lindqvist"], "Q900001", 3)


def test_parallel_edges_are_curved_apart(tmp_path):
    path = tmp_path / "graph.html"
    write_page(sample_graph(), path)
    data = embedded_data(path.read_text(encoding="utf-8"))
    pair = [e for e in data["edges"] if e["predicate"] in ("ceoOf", "dismissedFrom")]
    assert sorted("smooth" in e for e in pair) == [False, True]


def test_markup_in_the_graph_stays_text(tmp_path):
    path = tmp_path / "graph.html"
    write_page(hostile_graph(), path, title="Report <script>alert(1)</script>")
    html = path.read_text(encoding="utf-8")
    for attack in (*HOSTILE, "</script><script>", "<img"):
        assert attack not in html
    assert "<title>Report &lt;script&gt;alert(1)&lt;/script&gt;</title>" in html
    data = embedded_data(html)  # and the data round-trips unchanged
    names = {n["label"] for n in data["nodes"]}
    assert f"Eve {HOSTILE[0]}" in names and f"Acme {HOSTILE[1]}" in names
    sentence = next(e for e in data["edges"] if e["predicate"] == "ceoOf")["evidence"][0]["text"]
    assert sentence == f"She runs it {HOSTILE[0]} and </script>{HOSTILE[1]} too."
    # Exactly the page's own scripts: vis-network, the JSON data and page.js.
    assert [t for t, _ in parse(html) if t == "script"] == ["script"] * 3
    assert not [t for t, _ in parse(html) if t in ("img", "iframe", "object", "embed")]


def test_page_references_nothing_outside_itself(tmp_path):
    path = tmp_path / "graph.html"
    write_page(sample_graph(), path)
    html = path.read_text(encoding="utf-8")
    tags = parse(html)
    assert not [t for t, a in tags if "src" in a or "href" in a]
    assert not [t for t, _ in tags if t == "link"]
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "bootstrap" not in html.lower()
    assert not re.search(r"url\(\s*['\"]?https?:", html)
    assert not re.search(r"@import", html)
    policy = next(
        a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    assert "sourceMappingURL" not in html


def test_size_limit_refuses_instead_of_writing(tmp_path):
    g = nx.MultiDiGraph()
    for i in range(12):
        g.add_node(f"n{i}", label=f"Node {i}", type="Company")
    path = tmp_path / "big.html"
    with pytest.raises(PageTooLarge) as caught:
        write_page(g, path, max_nodes=10)
    assert str(caught.value) == (
        "12 nodes exceed the page limit 10; narrow it with --focus NAME --depth 1 or --since/--only"
    )
    assert isinstance(caught.value, QueryError)
    assert not path.exists()
    assert write_page(g, path, max_nodes=12).nodes == 12


def test_default_limit_is_the_measured_one():
    assert DEFAULT_MAX_NODES == 5000
    doc = (ROOT / "docs" / "graph-page.md").read_text(encoding="utf-8")
    assert "5,000" in doc or "5000" in doc


def test_positions_are_stable_between_runs(tmp_path):
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    write_page(sample_graph(), first)
    write_page(sample_graph(), second)
    a = embedded_data(first.read_text(encoding="utf-8"))["nodes"]
    b = embedded_data(second.read_text(encoding="utf-8"))["nodes"]
    assert [(n["x"], n["y"]) for n in a] == [(n["x"], n["y"]) for n in b]
    assert first.read_bytes() == second.read_bytes()
    other = tmp_path / "c.html"
    write_page(sample_graph(), other, seed=7)
    c = embedded_data(other.read_text(encoding="utf-8"))["nodes"]
    assert [(n["x"], n["y"]) for n in a] != [(n["x"], n["y"]) for n in c]


def test_large_layout_is_seeded_and_spread(tmp_path):
    g = nx.gnm_random_graph(SPRING_LIMIT + 200, int(1.5 * (SPRING_LIMIT + 200)), seed=3)
    giant = g.subgraph(max(nx.connected_components(g), key=len)).copy()
    assert giant.number_of_nodes() > SPRING_LIMIT  # the fast path runs
    first, second = layout(giant), layout(giant)
    assert first == second
    points = sorted(first.values())
    assert len(set(points)) == len(points)  # no two nodes on one spot
    xs = [p[0] for p in points]
    assert max(xs) - min(xs) > 1000  # spread over the page, not collapsed


def test_empty_graph_writes_an_empty_page(tmp_path):
    info = write_page(nx.MultiDiGraph(), tmp_path / "empty.html")
    assert (info.nodes, info.edges) == (0, 0)
    assert embedded_data((tmp_path / "empty.html").read_text(encoding="utf-8"))["nodes"] == []


def test_unwritable_target_is_a_one_line_error(tmp_path):
    with pytest.raises(ConfigurationError, match=r"missing/graph.html: cannot write the page"):
        write_page(sample_graph(), tmp_path / "missing" / "graph.html")
    with pytest.raises(ConfigurationError, match="is a folder"):
        write_page(sample_graph(), tmp_path)


def test_viz_imports_no_spacy_nor_playwright():
    code = (
        "import sys, graph.viz; "
        "print(json.dumps([m for m in ('spacy', 'extract', 'aigov', 'playwright') if m in sys.modules]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", "import json; " + code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == []


def test_labels_of_small_graphs_do_not_overlap(tmp_path):
    # Two hubs and many entities with long names linked to both: a force layout alone
    # stacks the shared neighbours on the line between the hubs.
    g = nx.MultiDiGraph()
    for hub in ("Hub One", "Hub Two"):
        g.add_node(hub, label=hub, type="Company")
    for i in range(8):
        name = f"A rather long entity name {i}"
        g.add_node(name, label=name, type="Person")
        for hub in ("Hub One", "Hub Two"):
            g.add_edge(
                name,
                hub,
                key=f"{name}->{hub}",
                predicate="employeeOf",
                label="employee of",
                family="founding-employment",
                confidence=0.9,
                evidence=[],
            )
    path = tmp_path / "crowd.html"
    write_page(g, path)
    nodes = embedded_data(path.read_text(encoding="utf-8"))["nodes"]
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            half_widths = 8.5 * (len(a["label"]) + len(b["label"])) / 2
            apart = abs(a["x"] - b["x"]) >= half_widths or abs(a["y"] - b["y"]) >= 45
            assert apart, (a["label"], b["label"])
