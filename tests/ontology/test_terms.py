"""The closed namespace ``AIGOV`` and the Turtle files it stands for."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, Graph, URIRef

from ontology.errors import AigovError, UnknownTermError
from ontology.identifiers import ONTOLOGY_BASE
from ontology.terms import (
    AIGOV,
    ONTOLOGY_PATH,
    SHAPES_PATH,
    load_ontology,
    load_shapes,
    term_names,
)

_DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def _defined_in_ttl() -> set[str]:
    graph = load_ontology()
    names = set()
    for kind in _DECLARATIONS:
        for subject in graph.subjects(RDF.type, kind):
            if isinstance(subject, URIRef) and str(subject).startswith(ONTOLOGY_BASE):
                names.add(str(subject)[len(ONTOLOGY_BASE):])
    return names


def _used_in(graph: Graph) -> set[str]:
    """Every local name of the aigov namespace that a graph mentions, in any position."""
    used = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef) and str(term).startswith(ONTOLOGY_BASE):
                used.add(str(term)[len(ONTOLOGY_BASE):])
    return used


def test_every_name_in_the_namespace_is_defined_in_the_ttl():
    missing = term_names() - _defined_in_ttl()
    assert not missing, f"in AIGOV but not declared in aigov.ttl: {sorted(missing)}"


def test_every_term_of_the_ttl_is_in_the_namespace():
    missing = _defined_in_ttl() - term_names()
    assert not missing, f"declared in aigov.ttl but missing from AIGOV: {sorted(missing)}"


def test_the_ttl_uses_no_aigov_name_it_does_not_declare():
    undeclared = _used_in(load_ontology()) - _defined_in_ttl()
    assert not undeclared, f"aigov.ttl mentions undeclared terms: {sorted(undeclared)}"


def test_the_shapes_use_only_terms_of_the_ontology():
    unknown = _used_in(load_shapes()) - term_names()
    assert not unknown, f"shapes.ttl mentions terms the ontology lacks: {sorted(unknown)}"


def test_known_terms_resolve_to_iris_in_the_namespace():
    assert AIGOV.ceoOf == URIRef(ONTOLOGY_BASE + "ceoOf")
    assert AIGOV["Dismissal"] == URIRef(ONTOLOGY_BASE + "Dismissal")
    assert AIGOV.object == URIRef(ONTOLOGY_BASE + "object")
    assert str(AIGOV) == ONTOLOGY_BASE


@pytest.mark.parametrize("name", ["ceoof", "CEOOf", "fired", "Entity", "chair_of"])
def test_an_unknown_term_raises_a_clear_error(name):
    with pytest.raises(UnknownTermError) as caught:
        getattr(AIGOV, name)
    assert name in str(caught.value)
    assert "aigov ontology" in str(caught.value)
    with pytest.raises(UnknownTermError):
        AIGOV[name]


def test_the_unknown_term_error_fits_both_hierarchies():
    # AttributeError keeps hasattr() meaningful; AigovError lets the CLI report it on one line.
    assert not hasattr(AIGOV, "notATerm")
    with pytest.raises(AigovError):
        _ = AIGOV.notATerm
    with pytest.raises(AttributeError):
        _ = AIGOV.notATerm


def test_membership_checks_names_and_iris():
    assert "sued" in AIGOV
    assert URIRef(ONTOLOGY_BASE + "sued") in AIGOV
    assert "sues" not in AIGOV


def test_the_files_exist_beside_the_module():
    assert ONTOLOGY_PATH.is_file() and ONTOLOGY_PATH.name == "aigov.ttl"
    assert SHAPES_PATH.is_file() and SHAPES_PATH.name == "shapes.ttl"


def test_loaders_return_independent_copies():
    first = load_ontology()
    size = len(first)
    first.add((AIGOV.Person, AIGOV.role, AIGOV.Place))
    assert len(load_ontology()) == size
    assert len(load_shapes()) > 0


def test_the_package_exports_the_namespace_lazily():
    import ontology

    assert ontology.AIGOV is AIGOV
    assert ontology.ONTOLOGY_PATH == ONTOLOGY_PATH
    with pytest.raises(AttributeError):
        ontology.NOT_A_NAME  # noqa: B018
