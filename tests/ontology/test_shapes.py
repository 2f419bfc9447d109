"""``shapes.ttl`` parses, is a SHACL graph, and agrees with the predicate table."""

from __future__ import annotations

import pytest
from rdflib import RDF, BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from ontology.predicates import PREDICATES
from ontology.terms import AIGOV, SHAPES_PATH, load_shapes

SHAPES = "https://w3id.org/aigov/shapes#"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def _classes(graph: Graph, shape) -> set[URIRef]:
    """The classes a shape accepts through ``sh:class`` or an ``sh:or`` of ``sh:class``es."""
    found = set(graph.objects(shape, SH["class"]))
    for alternatives in graph.objects(shape, SH["or"]):
        for member in Collection(graph, alternatives):
            found |= set(graph.objects(member, SH["class"]))
    return found


def test_the_shapes_parse_and_hold_node_shapes():
    graph = Graph().parse(SHAPES_PATH, format="turtle")
    assert len(set(graph.subjects(RDF.type, SH.NodeShape))) >= 8


def test_the_predicate_list_is_the_table(shapes):
    shape = URIRef(SHAPES + "StatementPredicate")
    allowed = list(Collection(shapes, shapes.value(shape, SH["in"])))
    assert set(allowed) == {AIGOV[name] for name in PREDICATES}


@pytest.mark.parametrize("name", sorted(PREDICATES))
def test_edge_shapes_follow_the_table(shapes, name):
    spec = PREDICATES[name]
    shape = URIRef(f"{SHAPES}{name}Edge")
    assert shapes.value(shape, SH.targetSubjectsOf) == AIGOV[name]
    assert _classes(shapes, shape) == {AIGOV[c] for c in spec.domain}
    prop = shapes.value(shape, SH.property)
    assert isinstance(prop, BNode)
    assert shapes.value(prop, SH.path) == AIGOV[name]
    if spec.literal:
        assert shapes.value(prop, SH.pattern) is not None
    else:
        assert _classes(shapes, prop) == {AIGOV[c] for c in spec.range}


def test_every_constraint_has_a_message(shapes):
    for prop in shapes.objects(None, SH.property):
        assert shapes.value(prop, SH.message) is not None, prop


def test_the_date_pattern_is_the_iso_partial_date(shapes):
    pattern = shapes.value(URIRef(SHAPES + "StatementDate"), SH.pattern)
    assert str(pattern) == r"^\d{4}(-\d{2}(-\d{2})?)?$"
