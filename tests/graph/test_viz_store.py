"""The page drawn from a real store (embedded and remote Oxigraph) through entity_graph."""

from __future__ import annotations

from graph.networkx_view import entity_graph
from graph.viz import embedded_data, scope_graph, write_page
from tests.graph.samples import VERSION, dismissal_article, followup_article


def fill(store) -> None:
    for article, facts in (dismissal_article(), followup_article()):
        store.add_article(article, facts, extractor_version=VERSION)


def test_page_of_a_store_shows_entities_facts_and_evidence(store, tmp_path):
    fill(store)
    path = tmp_path / "graph.html"
    info = write_page(entity_graph(store), path)
    data = embedded_data(path.read_text(encoding="utf-8"))
    assert (info.nodes, info.edges) == (len(data["nodes"]), len(data["edges"]))
    by_label = {n["label"]: n for n in data["nodes"]}
    assert {"Dana Okafor", "Northwind Labs", "Bluepeak Capital", "Office of Fair Trading Review"} <= set(
        by_label
    )
    lab = by_label["Northwind Labs"]
    assert (lab["kind"], lab["wikidata"], lab["sources"]) == ("Company", "Q4242", 2)
    assert ["founded in", "2016"] in lab["values"]
    dismissal = next(e for e in data["edges"] if e["predicate"] == "dismissedFrom")
    assert dismissal["date"] == "2024-03-04" and dismissal["role"] == "chief executive"
    assert [ev["title"] for ev in dismissal["evidence"]] == [
        "Lab removes its chief",
        "Regulator looks at lab",
    ]
    assert dismissal["evidence"][0]["url"] == "https://news.example.org/lab-removes-chief"
    assert not [e for e in data["edges"] if e["status"] == "claimed"]


def test_claims_are_drawn_dashed_when_included(store, tmp_path):
    fill(store)
    path = tmp_path / "claims.html"
    write_page(entity_graph(store, include_claims=True), path)
    data = embedded_data(path.read_text(encoding="utf-8"))
    [claim] = [e for e in data["edges"] if e["status"] == "claimed"]
    assert claim["predicate"] == "joined" and claim["dashes"]
    assert data["settings"]["legend"]["claims"] == 1


def test_scoping_a_store_graph(store, tmp_path):
    fill(store)
    g = scope_graph(entity_graph(store), focus="okafor", depth=1, since="2024")
    path = tmp_path / "scoped.html"
    write_page(g, path)
    data = embedded_data(path.read_text(encoding="utf-8"))
    assert {n["label"] for n in data["nodes"]} == {"Dana Okafor", "Northwind Labs"}
    assert [e["predicate"] for e in data["edges"]] == ["dismissedFrom"]
