"""The RDF shape of DESIGN.md, built without any store."""

from __future__ import annotations

import dataclasses

import pytest
from rdflib import RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from graph.rdf import AIGOV, article_quads, confidence_literal, date_literal, facts_dataset
from ontology.errors import UnknownTermError
from ontology.identifiers import article_iri, entity_iri, fact_iri
from ontology.model import Entity
from tests.graph.samples import LAB, PERSON, VERSION, dismissal_article


@pytest.fixture
def built():
    article, facts = dismissal_article()
    return article, facts, article_quads(article, facts, extractor_version=VERSION)


def test_every_quad_is_in_the_article_graph_and_none_repeats(built):
    article, _, quads = built
    assert {q[3] for q in quads} == {URIRef(article_iri(article.id))}
    assert len(quads) == len(set(quads))


def test_asserted_fact_has_direct_edge_and_full_fact_node(built):
    article, facts, quads = built
    g = URIRef(article_iri(article.id))
    triples = {(s, p, o) for s, p, o, _ in quads}
    dana, lab = URIRef(entity_iri(PERSON.name)), URIRef(entity_iri(LAB.name))
    node = URIRef(fact_iri(article.id, facts[0]))
    evidence = URIRef(f"{node}/evidence")
    expected = {
        (dana, AIGOV.dismissedFrom, lab),
        (node, RDF.type, AIGOV.Fact),
        (node, RDF.type, AIGOV.Dismissal),
        (node, AIGOV.subject, dana),
        (node, AIGOV.predicate, AIGOV.dismissedFrom),
        (node, AIGOV.object, lab),
        (node, AIGOV.date, Literal("2024-03-04", datatype=XSD.date)),
        (node, AIGOV.datePrecision, Literal("day")),
        (node, AIGOV.role, Literal("chief executive")),
        (node, AIGOV.confidence, Literal("0.86", datatype=XSD.decimal)),
        (node, AIGOV.status, Literal("asserted")),
        (node, AIGOV.extractorVersion, Literal(VERSION)),
        (node, AIGOV.supportedBy, g),
        (node, AIGOV.evidence, evidence),
        (evidence, RDF.type, AIGOV.Evidence),
        (evidence, PROV.value, Literal(facts[0].evidence.text)),
        (evidence, AIGOV.charStart, Literal(facts[0].evidence.start)),
        (evidence, AIGOV.charEnd, Literal(facts[0].evidence.end)),
        (evidence, PROV.wasQuotedFrom, g),
    }
    assert expected <= triples
    assert {(p, o) for s, p, o in triples if s == node} == {(p, o) for s, p, o in expected if s == node}
    text = article.text
    assert text[facts[0].evidence.start:facts[0].evidence.end] == facts[0].evidence.text


def test_claim_has_a_claim_node_and_no_direct_edge(built):
    article, facts, quads = built
    claim = facts[3]
    node = URIRef(fact_iri(article.id, claim))
    triples = {(s, p, o) for s, p, o, _ in quads}
    types = {o for s, p, o in triples if s == node and p == RDF.type}
    assert types == {AIGOV.Claim}
    assert (node, AIGOV.status, Literal("claimed")) in triples
    subject, obj = URIRef(entity_iri(claim.subject.name)), URIRef(entity_iri(claim.obj.name))
    assert (subject, AIGOV.joined, obj) not in triples
    assert not any(p == AIGOV.joined and s != node for s, p, o in triples)


def test_literal_fact_uses_object_value_typed_by_precision(built):
    article, facts, quads = built
    node = URIRef(fact_iri(article.id, facts[1]))
    lab = URIRef(entity_iri(LAB.name))
    triples = {(s, p, o) for s, p, o, _ in quads}
    year = Literal("2016", datatype=XSD.gYear)
    assert (lab, AIGOV.foundedIn, year) in triples
    assert (node, AIGOV.objectValue, year) in triples
    assert not any(s == node and p == AIGOV.object for s, p, o in triples)
    assert (node, RDF.type, AIGOV.Founding) in triples


def test_month_precision_and_amount(built):
    article, facts, quads = built
    node = URIRef(fact_iri(article.id, facts[2]))
    triples = {(s, p, o) for s, p, o, _ in quads}
    assert (node, AIGOV.date, Literal("2023-05", datatype=XSD.gYearMonth)) in triples
    assert (node, AIGOV.datePrecision, Literal("month")) in triples
    assert (node, AIGOV.amount, Literal("$40 million")) in triples


def test_entities_and_article_metadata(built):
    article, _, quads = built
    g = URIRef(article_iri(article.id))
    triples = {(s, p, o) for s, p, o, _ in quads}
    lab = URIRef(entity_iri(LAB.name))
    assert {(lab, RDF.type, AIGOV.Company), (lab, RDFS.label, Literal("Northwind Labs")),
            (lab, SKOS.altLabel, Literal("Northwind")),
            (lab, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q4242"))} <= triples
    assert {(g, RDF.type, AIGOV.Article), (g, DCTERMS.title, Literal("Lab removes its chief")),
            (g, DCTERMS.issued, Literal("2024-03-05", datatype=XSD.date)),
            (g, DCTERMS.source, URIRef("https://news.example.org/lab-removes-chief")),
            (g, DCTERMS.creator, Literal("A. Writer"))} <= triples


def test_a_source_that_is_not_a_url_is_a_literal():
    article, facts = dismissal_article()
    article = dataclasses.replace(article, source="Example Wire")
    quads = article_quads(article, facts, extractor_version=VERSION)
    expected = (URIRef(article_iri(article.id)), DCTERMS.source, Literal("Example Wire"))
    assert expected in {q[:3] for q in quads}


def test_output_is_deterministic(built):
    article, facts, quads = built
    assert article_quads(article, facts, extractor_version=VERSION) == quads


def test_an_unknown_predicate_is_a_clear_error():
    article, facts = dismissal_article()
    bad = dataclasses.replace(facts[0], predicate="firedFrom")
    with pytest.raises(UnknownTermError, match="firedFrom"):
        article_quads(article, [bad], extractor_version=VERSION)


@pytest.mark.parametrize("change", [
    {"status": "rumoured"},
    {"subject": Entity("Dana Okafor", "Robot")},
    {"subject": Entity("  ", "Person")},
])
def test_bad_facts_are_clear_errors(change):
    article, facts = dismissal_article()
    with pytest.raises(UnknownTermError):
        article_quads(article, [dataclasses.replace(facts[0], **change)], extractor_version=VERSION)


@pytest.mark.parametrize(("value", "datatype", "precision"), [
    ("2023", XSD.gYear, "year"), ("2023-11", XSD.gYearMonth, "month"),
    ("2023-11-17", XSD.date, "day"), ("late 2023", None, None), ("2023-13", None, None),
    ("2023-02-30", None, None)])
def test_date_literal(value, datatype, precision):
    literal, got = date_literal(value)
    assert (literal.datatype, got, str(literal)) == (datatype, precision, value)


@pytest.mark.parametrize(("value", "text"), [(0.86, "0.86"), (1.0, "1"), (0.5, "0.5"), (0.123456, "0.1235")])
def test_confidence_is_canonical_decimal(value, text):
    assert confidence_literal(value) == Literal(text, datatype=XSD.decimal)


def test_facts_dataset_round_trips_through_trig(built):
    article, facts, quads = built
    dataset = facts_dataset([(article, facts)], extractor_version=VERSION)
    again = Dataset()
    again.parse(data=dataset.serialize(format="trig"), format="trig")
    assert set(again.quads()) == set(quads)
