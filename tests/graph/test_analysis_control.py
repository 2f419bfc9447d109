"""Control chains and ultimate controllers, including ownership thresholds and control cycles."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import control_chains, ultimate_controllers
from ontology.errors import QueryError

ENT = "https://w3id.org/aigov/entity/"


def build(*facts: tuple) -> nx.MultiDiGraph:
    """Organisations named by the facts; each fact is (subject, predicate, object[, percent])."""
    g = nx.MultiDiGraph()
    for n, (s, p, o, *rest) in enumerate(facts):
        for slug in (s, o):
            if ENT + slug not in g:
                g.add_node(
                    ENT + slug, label=slug.title(), type="Company", aliases=[], wikidata=None, sources=1
                )
        g.add_edge(
            ENT + s,
            ENT + o,
            key=f"https://w3id.org/aigov/fact/{n}",
            predicate=p,
            date=None,
            percent=rest[0] if rest else None,
            evidence=[],
        )
    return g


def test_a_layered_structure_with_a_minority_investor():
    g = build(
        ("foundation", "controls", "holding"),
        ("holding", "owns", "lab", "51%"),
        ("backer", "owns", "lab", "30%"),
    )
    rows = ultimate_controllers(g, ENT + "lab")
    assert rows == [
        {
            "controllers": [ENT + "foundation"],
            "labels": ["Foundation"],
            "cycle": False,
            "paths": [[ENT + "foundation", ENT + "holding", ENT + "lab"]],
        }
    ]
    chains = control_chains(g, ENT + "lab")
    assert len(chains) == 1
    assert chains[0]["labels"] == ["Foundation", "Holding", "Lab"]
    assert [s["via"] for s in chains[0]["steps"]] == [["controls"], ["owns"]]
    assert chains[0]["steps"][1]["facts"] == ["https://w3id.org/aigov/fact/1"]


def test_a_thirty_percent_stake_alone_is_not_control():
    g = build(("backer", "owns", "lab", "30%"))
    assert ultimate_controllers(g, ENT + "lab") == []
    assert control_chains(g, ENT + "lab") == []
    assert ultimate_controllers(g, ENT + "backer") == []


def test_fifty_one_percent_is_control():
    g = build(("backer", "owns", "lab", "51%"))
    assert [r["controllers"] for r in ultimate_controllers(g, ENT + "lab")] == [[ENT + "backer"]]


def test_subsidiary_merger_and_acquisition_point_from_parent_to_child():
    g = build(
        ("unit", "subsidiaryOf", "parent"),
        ("oldco", "mergedInto", "unit"),
        ("buyer", "acquired", "parent"),
    )
    rows = ultimate_controllers(g, ENT + "oldco")
    assert [r["controllers"] for r in rows] == [[ENT + "buyer"]]
    assert rows[0]["paths"] == [[ENT + "buyer", ENT + "parent", ENT + "unit", ENT + "oldco"]]


def test_two_independent_top_controllers_are_both_reported():
    g = build(("alpha", "controls", "lab"), ("beta", "owns", "mid", "75%"), ("mid", "controls", "lab"))
    rows = ultimate_controllers(g, ENT + "lab")
    assert [r["controllers"] for r in rows] == [[ENT + "alpha"], [ENT + "beta"]]
    assert [c["path"] for c in control_chains(g, ENT + "lab")] == [
        [ENT + "alpha", ENT + "lab"],
        [ENT + "beta", ENT + "mid", ENT + "lab"],
    ]


@pytest.mark.timeout(20)
def test_a_cycle_of_mutual_control_is_reported_as_a_group():
    g = build(
        ("east", "owns", "west", "60%"),
        ("west", "owns", "east", "60%"),
        ("west", "controls", "lab"),
    )
    rows = ultimate_controllers(g, ENT + "lab")
    assert rows == [
        {
            "controllers": [ENT + "east", ENT + "west"],
            "labels": ["East", "West"],
            "cycle": True,
            "paths": [[ENT + "west", ENT + "lab"]],
        }
    ]
    assert [c["path"] for c in control_chains(g, ENT + "lab")] == [[ENT + "west", ENT + "lab"]]


@pytest.mark.timeout(20)
def test_a_cycle_below_an_outside_controller_is_walked_through_once():
    g = build(
        ("top", "controls", "east"),
        ("east", "controls", "west"),
        ("west", "controls", "east"),
        ("west", "controls", "lab"),
    )
    rows = ultimate_controllers(g, ENT + "lab")
    assert [r["controllers"] for r in rows] == [[ENT + "top"]]
    assert rows[0]["paths"] == [[ENT + "top", ENT + "east", ENT + "west", ENT + "lab"]]


@pytest.mark.timeout(20)
def test_an_organisation_inside_an_uncontrolled_cycle():
    g = build(("east", "controls", "west"), ("west", "controls", "east"))
    rows = ultimate_controllers(g, ENT + "east")
    assert rows[0]["controllers"] == [ENT + "east", ENT + "west"]
    assert rows[0]["cycle"] is True
    assert rows[0]["paths"] == [[ENT + "west", ENT + "east"]]


def test_an_unknown_organisation_is_a_clear_error():
    g = build(("alpha", "controls", "lab"))
    with pytest.raises(QueryError, match=r"nowhere.*not in the graph"):
        ultimate_controllers(g, ENT + "nowhere")
    with pytest.raises(QueryError, match="nowhere"):
        control_chains(g, ENT + "nowhere")
