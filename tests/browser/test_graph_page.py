"""The graph page in a real headless Chromium: drawn counts, tooltips, search, filters, safety."""

from __future__ import annotations

import pytest

from graph.viz import write_page
from graph.viz.browser import file_url
from tests.browser.graphs import HOSTILE, hostile_graph, sample_graph

pytestmark = pytest.mark.browser


@pytest.fixture
def sample_page(tmp_path):
    path = tmp_path / "sample.html"
    info = write_page(sample_graph(), path, title="Sample graph")
    return path, info


def edge_id(page, predicate: str) -> int:
    return page.evaluate(f"aigov.edges.get({{filter: e => e.predicate === '{predicate}'}})[0].id")


def node_id(page, label: str) -> int:
    return page.evaluate("l => aigov.nodes.get({filter: n => n.label === l})[0].id", label)


def hover_edge(page, predicate: str) -> str:
    """Move the mouse onto an edge's midpoint (canvas -> DOM via vis-network) and return the tooltip text."""
    ident = edge_id(page, predicate)
    point = page.evaluate(
        """id => {
            const e = aigov.edges.get(id);
            const p = aigovNetwork.getPositions([e.from, e.to]);
            const mid = {x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2};
            return aigovNetwork.canvasToDOM(mid);
        }""",
        ident,
    )
    box = page.locator("#mynetwork").bounding_box()
    page.mouse.move(0, 0)
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("#aigov-tooltip:not([hidden])", timeout=5000)
    return page.inner_text("#aigov-tooltip")


def hover_node(page, label: str) -> str:
    ident = node_id(page, label)
    point = page.evaluate("id => aigovNetwork.canvasToDOM(aigovNetwork.getPositions([id])[id])", ident)
    box = page.locator("#mynetwork").bounding_box()
    page.mouse.move(0, 0)
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("#aigov-tooltip:not([hidden])", timeout=5000)
    return page.inner_text("#aigov-tooltip")


def test_drawn_counts_equal_the_graph(open_page, sample_page):
    path, info = sample_page
    opened = open_page(path)
    drawn = opened.page.evaluate(
        "[aigovNetwork.body.data.nodes.length, aigovNetwork.body.data.edges.length,"
        " Object.keys(aigovNetwork.body.nodes).length, Object.keys(aigovNetwork.body.edges).length]"
    )
    assert drawn == [info.nodes, info.edges, info.nodes, info.edges] == [10, 10, 10, 10]
    assert opened.page.inner_text("#aigov-counts") == "10 entities, 10 relations"
    assert opened.page.title() == "Sample graph"
    assert opened.errors == []
    assert opened.requests == [file_url(path)]


def test_positions_are_fixed_and_physics_off(open_page, sample_page):
    path, _ = sample_page
    page = open_page(path).page
    before = page.evaluate("aigovNetwork.getPositions()")
    page.wait_for_timeout(300)
    assert page.evaluate("aigovNetwork.getPositions()") == before
    assert page.evaluate("aigovNetwork.physics.options.enabled") is False


def test_hovering_an_edge_shows_its_evidence(open_page, sample_page):
    path, _ = sample_page
    opened = open_page(path)
    text = hover_edge(opened.page, "investedIn")
    assert "Harbourline Capital" in text and "invested in" in text and "Quillfeather AI" in text
    assert "Harbourline Capital put $2 billion into Quillfeather." in text
    assert "Test report 3" in text  # article title
    assert "2024-07-01" in text  # published
    assert "2022" in text and "$2 billion" in text and "0.85" in text  # date qualifier, amount, confidence
    link = opened.page.locator("#aigov-tooltip a")
    assert link.get_attribute("href") == "https://news.example.org/story-3"
    assert opened.errors == []


def test_hovering_a_node_shows_type_aliases_wikidata_sources(open_page, sample_page):
    path, _ = sample_page
    opened = open_page(path)
    text = hover_node(opened.page, "Mara Lindqvist")
    assert "Person" in text and "M. Lindqvist" in text and "Q900001" in text and "3 articles" in text
    href = opened.page.locator("#aigov-tooltip a").get_attribute("href")
    assert href == "https://www.wikidata.org/wiki/Q900001"


def test_clicking_an_edge_pins_its_details(open_page, sample_page):
    path, _ = sample_page
    page = open_page(path).page
    assert "Reyes started" not in page.inner_text("#aigov-details")
    hover_edge(page, "founderOf")
    page.mouse.down()
    page.mouse.up()
    assert "Reyes started the Open Lattice Foundation a decade ago." in page.inner_text("#aigov-details")


def test_search_selects_and_centres_a_node(open_page, sample_page):
    path, _ = sample_page
    page = open_page(path).page
    options = page.evaluate("[...document.querySelectorAll('#aigov-labels option')].map(o => o.value)")
    assert "Harbourline Capital" in options and len(options) == 10
    page.fill("#aigov-search", "Harbourline Capital")
    page.press("#aigov-search", "Enter")
    target = node_id(page, "Harbourline Capital")
    assert page.evaluate("aigovNetwork.getSelectedNodes()") == [target]
    centre = page.evaluate("aigovNetwork.getViewPosition()")
    position = page.evaluate("id => aigovNetwork.getPositions([id])[id]", target)
    assert abs(centre["x"] - position["x"]) < 1 and abs(centre["y"] - position["y"]) < 1
    assert "Harbourline Capital" in page.inner_text("#aigov-details")


def test_clicking_a_node_highlights_its_neighbourhood(open_page, sample_page):
    path, _ = sample_page
    page = open_page(path).page
    target = node_id(page, "Mara Lind")
    point = page.evaluate("id => aigovNetwork.canvasToDOM(aigovNetwork.getPositions([id])[id])", target)
    box = page.locator("#mynetwork").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    colours = page.evaluate("Object.fromEntries(aigov.nodes.get().map(n => [n.label, n.color.background]))")
    assert colours["Mara Lind"] == "#E69F00"
    assert colours["Open Lattice Foundation"] == "#009E73"
    assert colours["Quillfeather AI"] == colours["Port Avalon"] == "#eeeeee"


def test_type_and_family_filters_hide_what_they_name(open_page, sample_page):
    path, _ = sample_page
    page = open_page(path).page
    page.locator("#aigov-legend-types input[value=Person]").uncheck()
    hidden = page.evaluate("aigov.nodes.get({filter: n => n.hidden}).map(n => n.label).sort()")
    assert hidden == ["Mara Lind", "Mara Lindqvist", "Tomas Reyes"]
    hidden_edges = page.evaluate("aigov.edges.get({filter: e => e.hidden}).length")
    assert hidden_edges == 6  # every edge of a person
    page.locator("#aigov-legend-families input[value=money-deals]").uncheck()
    assert page.evaluate("aigov.edges.get({filter: e => e.hidden}).length") == 7
    assert page.inner_text("#aigov-counts") == "7 entities, 3 relations"
    page.click("#aigov-reset")
    assert page.evaluate("aigov.nodes.get({filter: n => n.hidden}).length") == 0
    assert page.inner_text("#aigov-counts") == "10 entities, 10 relations"


def test_markup_in_data_runs_nothing_and_adds_no_element(open_page, tmp_path):
    path = tmp_path / "hostile.html"
    write_page(hostile_graph(), path, title=f"Title {HOSTILE[1]}")
    opened = open_page(path)
    page = opened.page
    count = "[document.querySelectorAll('img').length, document.querySelectorAll('script').length]"
    before = page.evaluate(count)
    assert before == [0, 3]
    text = hover_edge(page, "ceoOf")
    assert f"She runs it {HOSTILE[0]} and </script>{HOSTILE[1]} too." in text
    assert f"Headline {HOSTILE[1]}{HOSTILE[0]}" in text
    assert opened.page.locator("#aigov-tooltip a").count() == 0  # javascript: URL never becomes a link
    page.mouse.down()
    page.mouse.up()
    node_text = hover_node(page, f"Eve {HOSTILE[0]}")
    assert HOSTILE[1] in node_text and f"E {HOSTILE[0]}" in node_text
    page.fill("#aigov-search", f"Acme {HOSTILE[1]}")
    page.press("#aigov-search", "Enter")
    hover_edge(page, "partnerOf")
    page.wait_for_timeout(300)
    assert page.evaluate(count) == before
    assert opened.dialogs == []
    assert opened.errors == []
    assert opened.requests == [file_url(path)]
    assert page.title() == f"Title {HOSTILE[1]}"


def test_empty_page_is_ready(open_page, tmp_path):
    import networkx as nx

    path = tmp_path / "empty.html"
    write_page(nx.MultiDiGraph(), path)
    opened = open_page(path)
    assert opened.page.evaluate("aigovNetwork.body.data.nodes.length") == 0
    assert opened.errors == []


@pytest.mark.parametrize("backend", ["embedded"], indirect=True)
def test_page_of_a_real_store(open_page, store, tmp_path):
    from graph.networkx_view import entity_graph
    from tests.graph.samples import VERSION, dismissal_article, followup_article

    for article, facts in (dismissal_article(), followup_article()):
        store.add_article(article, facts, extractor_version=VERSION)
    path = tmp_path / "store.html"
    info = write_page(entity_graph(store, include_claims=True), path)
    opened = open_page(path)
    page = opened.page
    assert page.evaluate("[aigovNetwork.body.data.nodes.length, aigovNetwork.body.data.edges.length]") == [
        info.nodes,
        info.edges,
    ]
    text = hover_edge(page, "dismissedFrom")
    assert "Northwind Labs removed Dana Okafor as chief executive on 4 March 2024." in text
    assert "Weeks after Northwind Labs removed Dana Okafor" in text
    assert "Lab removes its chief" in text and "Regulator looks at lab" in text and "2 sentences" in text
    assert "Founded in" in hover_node(page, "Northwind Labs")
    assert "claimed" in hover_edge(page, "joined")
    assert "Dashed: claimed" in page.inner_text("#aigov-legend-families")
    assert opened.errors == [] and opened.dialogs == []


def test_arrowheads_follow_the_zoom_on_big_graphs(open_page, tmp_path):
    import networkx as nx

    g = nx.MultiDiGraph()
    for i in range(400):
        g.add_node(f"n{i}", label=f"Entity {i}", type="Company", aliases=[], wikidata=None, sources=1)
    for i in range(1, 400):
        g.add_edge(
            f"n{(i - 1) // 2}",
            f"n{i}",
            key=f"f{i}",
            predicate="owns",
            label="owns a stake in",
            family="ownership-control",
            confidence=0.9,
            evidence=[],
        )
    path = tmp_path / "tree.html"
    write_page(g, path)
    opened = open_page(path)
    page = opened.page
    arrows = "() => aigovNetwork.body.edges[0].options.arrows.to.enabled"
    assert page.evaluate("() => aigovNetwork.getScale()") < 0.35
    assert page.evaluate(arrows) is False  # invisible at this zoom, and a third of each redraw
    box = page.locator("#mynetwork").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(30):
        page.mouse.wheel(0, -400)
        if page.evaluate("() => aigovNetwork.getScale()") >= 0.5:
            break
    assert page.evaluate("() => aigovNetwork.getScale()") >= 0.35
    assert page.evaluate(arrows) is True
    assert opened.errors == []
