"""GraphML and GEXF export: the files read back into networkx with the same nodes and edges."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from graph.analysis import person_org_bipartite
from graph.graphml import flatten_for_export, write_gexf, write_graphml
from ontology.errors import ConfigurationError

ENT = "https://w3id.org/aigov/entity/"
FACT = "https://w3id.org/aigov/fact/"


@pytest.fixture
def entity_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node(
        ENT + "ada",
        label="Ada \x01Moreno",
        type="Person",
        aliases=["A. Moreno", "Ms. Moreno"],
        wikidata=None,
        sources=2,
    )
    g.add_node(
        ENT + "nimbus",
        label="Nimbus & Co <Labs>",
        type="Company",
        aliases=[],
        wikidata="Q999",
        sources=1,
        foundedIn="2017",
    )
    evidence = [
        {
            "text": "Ada ran the lab.",
            "article": "art",
            "title": None,
            "published": "2023-01-02",
            "url": "https://news.example/x",
        }
    ]
    g.add_edge(
        ENT + "ada",
        ENT + "nimbus",
        key=FACT + "1",
        predicate="ceoOf",
        label="chief executive of",
        family="leadership",
        date="2023",
        role="interim CEO",
        amount=None,
        percent=None,
        confidence=0.9,
        evidence=evidence,
    )
    g.add_edge(
        ENT + "ada",
        ENT + "nimbus",
        key=FACT + "2",
        predicate="founderOf",
        label="founder of",
        family="founding-employment",
        date=None,
        role=None,
        amount=None,
        percent=None,
        confidence=1,
        evidence=[],
    )
    g.add_edge(
        ENT + "nimbus",
        ENT + "nimbus",
        key=FACT + "3",
        predicate="partnerOf",
        label="partner of",
        family="money-deals",
        date="2024-05",
        role=None,
        amount=None,
        percent=None,
        confidence=0.5,
        evidence=evidence,
    )
    return g


def test_flatten_makes_scalars_of_one_type(entity_graph):
    flat = flatten_for_export(entity_graph)
    ada = flat.nodes[ENT + "ada"]
    assert ada["label"] == "Ada Moreno"  # the control character is gone
    assert json.loads(ada["aliases"]) == ["A. Moreno", "Ms. Moreno"]
    assert "wikidata" not in ada  # None is left out
    edge = flat.edges[ENT + "ada", ENT + "nimbus", FACT + "1"]
    assert json.loads(edge["evidence"])[0]["url"] == "https://news.example/x"
    # confidence was 0.9 on one edge and 1 on another: one numeric type for the name
    assert {type(d["confidence"]) for *_, d in flat.edges(data=True)} == {float}


def test_graphml_round_trip_keeps_counts_keys_and_values(entity_graph, tmp_path):
    path = write_graphml(entity_graph, tmp_path / "g.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == entity_graph.number_of_nodes()
    assert back.number_of_edges() == entity_graph.number_of_edges()
    assert sorted(k for *_, k in back.edges(keys=True)) == [FACT + "1", FACT + "2", FACT + "3"]
    assert back.nodes[ENT + "nimbus"]["label"] == "Nimbus & Co <Labs>"
    assert back.edges[ENT + "ada", ENT + "nimbus", FACT + "1"]["role"] == "interim CEO"


def test_gexf_round_trip_keeps_counts_and_edge_ids(entity_graph, tmp_path):
    path = write_gexf(entity_graph, tmp_path / "g.gexf")
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == entity_graph.number_of_nodes()
    assert back.number_of_edges() == entity_graph.number_of_edges()
    assert sorted(k for *_, k in back.edges(keys=True)) == [FACT + "1", FACT + "2", FACT + "3"]
    assert back.nodes[ENT + "ada"]["label"] == "Ada Moreno"
    assert back.nodes[ENT + "ada"]["type"] == "Person"
    assert json.loads(back.nodes[ENT + "ada"]["aliases"]) == ["A. Moreno", "Ms. Moreno"]


def test_a_simple_graph_view_exports_too(entity_graph, tmp_path):
    bipartite = person_org_bipartite(entity_graph)
    back = nx.read_graphml(write_graphml(bipartite, tmp_path / "b.graphml"))
    assert (back.number_of_nodes(), back.number_of_edges()) == (2, 1)
    back = nx.read_gexf(write_gexf(bipartite, tmp_path / "b.gexf"))
    assert (back.number_of_nodes(), back.number_of_edges()) == (2, 1)
    assert float(next(iter(back.edges(data=True)))[2]["weight"]) == 2.0


def test_unwritable_paths_are_clear_errors(entity_graph, tmp_path):
    with pytest.raises(ConfigurationError, match="does not exist"):
        write_graphml(entity_graph, tmp_path / "missing" / "g.graphml")
    with pytest.raises(ConfigurationError, match="is a folder"):
        write_gexf(entity_graph, tmp_path)
