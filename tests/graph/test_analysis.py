"""Views, centrality, communities and ego networks on small hand-built graphs with known answers."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import (
    as_of,
    centrality,
    communities,
    community_of,
    control_graph,
    ego_network,
    person_org_bipartite,
)
from graph.analysis.views import parse_percent
from ontology.errors import QueryError
from ontology.predicates import PREDICATES

ENT = "https://w3id.org/aigov/entity/"
FACT = "https://w3id.org/aigov/fact/"


def add_node(g: nx.MultiDiGraph, slug: str, label: str, type_: str) -> str:
    g.add_node(ENT + slug, label=label, type=type_, aliases=[], wikidata=None, sources=1)
    return ENT + slug


def add_fact(g: nx.MultiDiGraph, s: str, p: str, o: str, date: str | None = None, **q: str) -> str:
    key = f"{FACT}{s}-{p}-{o}-{date}-{len(g.edges)}"
    g.add_edge(
        ENT + s,
        ENT + o,
        key=key,
        predicate=p,
        label=PREDICATES[p].label,
        family=PREDICATES[p].family,
        date=date,
        role=q.get("role"),
        amount=q.get("amount"),
        percent=q.get("percent"),
        confidence=0.9,
        evidence=[{"text": f"{s} {p} {o}.", "article": "a1", "title": "T", "published": None, "url": None}],
    )
    return key


@pytest.fixture
def people_and_orgs() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    add_node(g, "ada", "Ada Moreno", "Person")
    add_node(g, "ben", "Ben Okafor", "Person")
    add_node(g, "nimbus", "Nimbus Labs", "Company")
    add_node(g, "quill", "Quill Foundation", "NonProfit")
    add_node(g, "summit", "Summit on Safety", "Event")
    add_fact(g, "ada", "ceoOf", "nimbus", "2019")
    add_fact(g, "ada", "founderOf", "nimbus", "2018")
    add_fact(g, "ada", "attended", "summit", "2023")
    add_fact(g, "ben", "boardMemberOf", "quill")
    add_fact(g, "quill", "controls", "nimbus")
    return g


# --- views -----------------------------------------------------------------------------


def test_bipartite_merges_predicates_and_keeps_only_people_and_organisations(people_and_orgs):
    b = person_org_bipartite(people_and_orgs)
    assert sorted(b.nodes) == sorted([ENT + "ada", ENT + "ben", ENT + "nimbus", ENT + "quill"])
    assert b.edges[ENT + "ada", ENT + "nimbus"]["predicates"] == ["ceoOf", "founderOf"]
    assert b.edges[ENT + "ada", ENT + "nimbus"]["weight"] == 2
    assert b.nodes[ENT + "ada"]["bipartite"] == 0
    assert b.nodes[ENT + "quill"]["bipartite"] == 1
    assert not b.has_edge(ENT + "quill", ENT + "nimbus")  # org -> org is not a person-org tie
    assert nx.is_bipartite(b)


@pytest.mark.parametrize(
    ("text", "number"),
    [("51%", 51.0), ("49.5 percent", 49.5), ("30", 30.0), (12, 12.0), ("most", None), (None, None)],
)
def test_parse_percent(text, number):
    assert parse_percent(text) == number


def test_control_graph_applies_each_rule():
    g = nx.MultiDiGraph()
    for slug in ("a", "b", "c", "d", "e", "f", "g", "h", "i"):
        add_node(g, slug, slug.upper(), "Company")
    add_fact(g, "a", "owns", "b", percent="30%")  # minority: not control
    add_fact(g, "a", "owns", "c", percent="51%")  # majority: control
    add_fact(g, "a", "owns", "d")  # unknown stake: not control
    add_fact(g, "a", "owns", "e", percent="50%")  # exactly half: not control
    add_fact(g, "f", "subsidiaryOf", "a")  # parent a -> child f
    add_fact(g, "a", "acquired", "g")
    add_fact(g, "h", "mergedInto", "a")  # the result a controls h
    add_fact(g, "i", "controls", "a")
    add_fact(g, "i", "partnerOf", "b")  # not a control predicate
    control = control_graph(g)
    edges = sorted((u[len(ENT) :], v[len(ENT) :]) for u, v in control.edges)
    assert edges == [("a", "c"), ("a", "f"), ("a", "g"), ("a", "h"), ("i", "a")]
    assert control.edges[ENT + "a", ENT + "f"]["via"] == ["subsidiaryOf"]


def test_as_of_closes_a_tenure_at_a_later_exit_and_keeps_a_rehire():
    g = nx.MultiDiGraph()
    add_node(g, "ada", "Ada", "Person")
    add_node(g, "nimbus", "Nimbus", "Company")
    first = add_fact(g, "ada", "ceoOf", "nimbus", "2019-05")
    add_fact(g, "ada", "dismissedFrom", "nimbus", "2023-11-17")
    rehire = add_fact(g, "ada", "ceoOf", "nimbus", "2023-11-22")
    before = as_of(g, "2023-11-01")
    assert {k for *_, k in before.edges(keys=True)} == {first}
    during = as_of(g, "2023-11-20")
    assert [d["predicate"] for *_, d in during.edges(data=True)] == ["dismissedFrom"]
    after = as_of(g, "2023-12")
    assert sorted(d["predicate"] for *_, d in after.edges(data=True)) == ["ceoOf", "dismissedFrom"]
    assert rehire in {k for *_, k in after.edges(keys=True)}
    assert after.number_of_nodes() == 2


def test_as_of_partial_dates_and_undated_facts():
    g = nx.MultiDiGraph()
    add_node(g, "ben", "Ben", "Person")
    add_node(g, "quill", "Quill", "NonProfit")
    year = add_fact(g, "ben", "boardMemberOf", "quill", "2023")
    july = add_fact(g, "ben", "holdsPositionAt", "quill", "2023-07", role="treasurer")
    undated = add_fact(g, "ben", "employeeOf", "quill")
    assert {k for *_, k in as_of(g, "2023-06-01").edges(keys=True)} == {year}
    assert {k for *_, k in as_of(g, "2023").edges(keys=True)} == {year, july}
    with_undated = as_of(g, "2023", include_undated=True)
    assert {k for *_, k in with_undated.edges(keys=True)} == {year, july, undated}
    early = as_of(g, "2022")
    assert early.number_of_edges() == 0
    assert early.number_of_nodes() == 0  # nobody is known before their first fact


def test_as_of_keeps_entities_without_facts_and_those_with_ended_tenures():
    g = nx.MultiDiGraph()
    add_node(g, "ada", "Ada", "Person")
    add_node(g, "nimbus", "Nimbus", "Company")
    add_node(g, "vega", "Vega", "Company")
    add_node(g, "later", "Later Corp", "Company")
    add_fact(g, "ada", "ceoOf", "nimbus", "2019")
    add_fact(g, "ada", "resignedFrom", "nimbus", "2020")
    add_fact(g, "later", "partnerOf", "nimbus", "2030")
    assert sorted(as_of(g, "2021").nodes) == [ENT + "ada", ENT + "nimbus", ENT + "vega"]


def test_as_of_undated_role_is_ended_by_an_exit():
    g = nx.MultiDiGraph()
    add_node(g, "ben", "Ben", "Person")
    add_node(g, "quill", "Quill", "NonProfit")
    add_fact(g, "ben", "chairOf", "quill")
    add_fact(g, "ben", "resignedFrom", "quill", "2021")
    kept = as_of(g, "2024", include_undated=True)
    assert [d["predicate"] for *_, d in kept.edges(data=True)] == ["resignedFrom"]


@pytest.mark.parametrize("bad", ["2023-13", "yesterday", "2023-02-30", ""])
def test_as_of_rejects_a_bad_date(people_and_orgs, bad):
    with pytest.raises(QueryError, match="as_of date"):
        as_of(people_and_orgs, bad)


# --- centrality ------------------------------------------------------------------------


@pytest.fixture
def star() -> nx.MultiDiGraph:
    """Three people point at one lab; one of them also at a fund; the fund owns a stake in the lab."""
    g = nx.MultiDiGraph()
    add_node(g, "lab", "Lab", "Company")
    add_node(g, "fund", "Fund", "Investor")
    for slug in ("p1", "p2", "p3"):
        add_node(g, slug, slug.upper(), "Person")
        add_fact(g, slug, "employeeOf", "lab")
    add_fact(g, "p1", "boardMemberOf", "fund")
    add_fact(g, "fund", "owns", "lab", percent="10%")
    return g


def test_degree_centrality_has_known_values(star):
    rows = centrality(star, "degree")
    assert rows[0] == {"iri": ENT + "lab", "label": "Lab", "type": "Company", "score": 1.0}
    assert {r["label"]: r["score"] for r in rows} == {
        "Lab": 1.0,
        "P1": 0.5,
        "Fund": 0.5,
        "P2": 0.25,
        "P3": 0.25,
    }
    # ties are broken by IRI
    assert [r["label"] for r in rows] == ["Lab", "Fund", "P1", "P2", "P3"]


def test_pagerank_ranks_the_most_pointed_at_node_first(star):
    rows = centrality(star, "pagerank")
    assert rows[0]["label"] == "Lab"
    assert abs(sum(r["score"] for r in rows) - 1.0) < 1e-6


def test_betweenness_finds_the_bridge():
    g = nx.MultiDiGraph()
    for slug in ("a", "b", "c"):
        add_node(g, slug, slug.upper(), "Company")
    add_fact(g, "a", "partnerOf", "b")
    add_fact(g, "c", "partnerOf", "b")
    scores = {r["label"]: r["score"] for r in centrality(g, "betweenness")}
    assert scores == {"B": 1.0, "A": 0.0, "C": 0.0}


def test_centrality_type_filter_and_top(star):
    orgs = centrality(star, "degree", types=["Organization"])
    assert [r["label"] for r in orgs] == ["Lab", "Fund"]
    people = centrality(star, "degree", types="Person", top=1)
    assert [r["label"] for r in people] == ["P1"]


def test_centrality_rejects_an_unknown_kind_and_handles_an_empty_graph(star):
    with pytest.raises(QueryError, match="eigen"):
        centrality(star, "eigen")
    assert centrality(nx.MultiDiGraph(), "betweenness") == []


# --- communities -----------------------------------------------------------------------


@pytest.fixture
def two_clusters() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    left = ["l1", "l2", "l3", "l4"]
    right = ["r1", "r2", "r3", "r4"]
    for slug in left + right:
        add_node(g, slug, slug.upper(), "Company")
    for group in (left, right):
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                add_fact(g, a, "partnerOf", b)
    add_fact(g, "l1", "competitorOf", "r1")
    add_node(g, "alone", "Alone", "Company")
    return g


@pytest.mark.parametrize("method", ["louvain", "greedy"])
def test_communities_split_two_cliques(two_clusters, method):
    found = communities(two_clusters, method=method)
    assert found == [["L1", "L2", "L3", "L4"], ["R1", "R2", "R3", "R4"], ["Alone"]]
    assert communities(two_clusters, method=method) == found


def test_community_of_numbers_the_largest_first(two_clusters):
    mapping = community_of(two_clusters)
    assert mapping[ENT + "l1"] == 0 and mapping[ENT + "r4"] == 1 and mapping[ENT + "alone"] == 2


def test_communities_of_an_empty_graph_and_a_bad_method(two_clusters):
    assert communities(nx.MultiDiGraph()) == []
    with pytest.raises(QueryError, match="spectral"):
        communities(two_clusters, method="spectral")


# --- ego networks ----------------------------------------------------------------------


def test_ego_network_radius_one_and_two(people_and_orgs):
    sub, summary = ego_network(people_and_orgs, ENT + "ben")
    assert sorted(sub.nodes) == [ENT + "ben", ENT + "quill"]
    assert summary["neighbours"] == [
        {"iri": ENT + "quill", "label": "Quill Foundation", "type": "NonProfit", "distance": 1}
    ]
    assert summary["predicates"] == {"boardMemberOf": 1}
    wider = ego_network(people_and_orgs, ENT + "ben", radius=2)
    assert [(n["label"], n["distance"]) for n in wider.summary["neighbours"]] == [
        ("Quill Foundation", 1),
        ("Nimbus Labs", 2),
    ]
    assert wider.summary["edges"] == 2  # board seat and control; Ada is three hops away
    assert isinstance(wider.graph, nx.MultiDiGraph)


def test_ego_network_radius_zero_and_errors(people_and_orgs):
    alone = ego_network(people_and_orgs, ENT + "ada", radius=0)
    assert alone.summary["nodes"] == 1 and alone.summary["neighbours"] == []
    with pytest.raises(QueryError, match="nobody"):
        ego_network(people_and_orgs, ENT + "nobody")
    with pytest.raises(QueryError, match="radius"):
        ego_network(people_and_orgs, ENT + "ada", radius=-1)


def test_claims_neither_control_nor_end_tenures():
    g = nx.MultiDiGraph()
    add_node(g, "ada", "Ada", "Person")
    add_node(g, "nimbus", "Nimbus", "Company")
    add_node(g, "orbit", "Orbit", "Investor")
    claim = add_fact(g, "orbit", "acquired", "nimbus", "2024")
    rumoured_exit = add_fact(g, "ada", "resignedFrom", "nimbus", "2024-02")
    add_fact(g, "ada", "ceoOf", "nimbus", "2020")
    for key in (claim, rumoured_exit):
        g.edges[ENT + ("orbit" if key == claim else "ada"), ENT + "nimbus", key]["status"] = "claimed"
    assert control_graph(g).number_of_edges() == 0
    assert sorted(d["predicate"] for *_, d in as_of(g, "2025").edges(data=True)) == [
        "acquired",
        "ceoOf",
        "resignedFrom",
    ]
    assert person_org_bipartite(g).edges[ENT + "ada", ENT + "nimbus"]["predicates"] == ["ceoOf"]
