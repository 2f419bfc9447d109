"""The networkx view of the store, on both backends."""

from __future__ import annotations

import networkx as nx

from graph.networkx_view import entity_graph
from ontology.identifiers import article_iri, entity_iri
from tests.graph.samples import AGENCY, FUND, LAB, PERSON, VERSION, dismissal_article, followup_article

DANA, NORTHWIND = entity_iri(PERSON.name), entity_iri(LAB.name)


def _load(store) -> tuple:
    first, first_facts = dismissal_article()
    second, second_facts = followup_article()
    store.add_article(first, first_facts, extractor_version=VERSION)
    store.add_article(second, second_facts, extractor_version=VERSION)
    return first, second


def test_nodes_carry_label_type_aliases_wikidata_sources_and_literal_facts(store):
    _load(store)
    graph = entity_graph(store)
    assert isinstance(graph, nx.MultiDiGraph)
    assert set(graph.nodes) == {DANA, NORTHWIND, entity_iri(FUND.name), entity_iri(AGENCY.name)}
    assert graph.nodes[NORTHWIND] == {"label": "Northwind Labs", "type": "Company", "aliases": ["Northwind"],
                                      "wikidata": "Q4242", "sources": 2, "foundedIn": "2016"}
    assert graph.nodes[DANA]["aliases"] == ["Ms. Okafor", "Okafor"]
    assert graph.nodes[DANA]["type"] == "Person" and graph.nodes[DANA]["wikidata"] is None
    assert graph.nodes[entity_iri(AGENCY.name)]["sources"] == 1


def test_one_statement_in_two_articles_is_one_edge_with_two_evidence_entries(store):
    first, second = _load(store)
    graph = entity_graph(store)
    edges = graph.get_edge_data(DANA, NORTHWIND)
    assert len(edges) == 1
    key, data = next(iter(edges.items()))
    assert key in data["facts"] and len(data["facts"]) == 2
    assert {k: data[k] for k in ("predicate", "label", "family", "date", "role", "amount", "percent",
                                  "confidence", "status")} == {
        "predicate": "dismissedFrom", "label": "dismissed from", "family": "leadership",
        "date": "2024-03-04", "role": "chief executive", "amount": None, "percent": None,
        "confidence": 0.86, "status": "asserted"}
    assert [e["article"] for e in data["evidence"]] == [article_iri(first.id), article_iri(second.id)]
    oldest = data["evidence"][0]
    assert oldest == {"text": dismissal_article()[1][0].evidence.text, "article": article_iri(first.id),
                      "title": "Lab removes its chief", "published": "2024-03-05",
                      "url": "https://news.example.org/lab-removes-chief"}
    assert data["evidence"][1]["url"] is None  # a source that is not a URL is no url


def test_money_qualifiers_and_claims(store):
    _load(store)
    graph = entity_graph(store)
    investment = next(iter(graph.get_edge_data(entity_iri(FUND.name), NORTHWIND).values()))
    assert (investment["amount"], investment["date"], investment["family"]) == ("$40 million", "2023-05",
                                                                                 "money-deals")
    assert not graph.has_edge(DANA, entity_iri(FUND.name))  # the hedged claim stays out
    with_claims = entity_graph(store, include_claims=True)
    claim = next(iter(with_claims.get_edge_data(DANA, entity_iri(FUND.name)).values()))
    assert claim["status"] == "claimed" and claim["predicate"] == "joined"
    assert with_claims.number_of_edges() == graph.number_of_edges() + 1


def test_empty_store_gives_an_empty_graph(store):
    graph = entity_graph(store)
    assert graph.number_of_nodes() == 0 and graph.number_of_edges() == 0


def test_removing_an_article_removes_its_support(store):
    first, _ = _load(store)
    store.remove_article(first.id)
    graph = entity_graph(store)
    data = next(iter(graph.get_edge_data(DANA, NORTHWIND).values()))
    assert len(data["evidence"]) == 1 and data["confidence"] == 0.7
    assert "foundedIn" not in graph.nodes[NORTHWIND]
