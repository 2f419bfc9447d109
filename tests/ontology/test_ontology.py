"""``aigov.ttl`` agrees with ``ontology/predicates.py`` and aligns each property to known vocabularies."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import PROV

from ontology.identifiers import ONTOLOGY_BASE
from ontology.model import ENTITY_TYPES
from ontology.predicates import FAMILIES, PREDICATES, QUALIFIERS
from ontology.terms import AIGOV, load_ontology

WIKIDATA_PROP = "http://www.wikidata.org/prop/"
ORG = "http://www.w3.org/ns/org#"
#: Vocabularies light enough to be super-properties of ours (rdfs:subPropertyOf toward them).
LIGHT = (ORG, str(PROV), "https://schema.org/", "http://xmlns.com/foaf/0.1/", ONTOLOGY_BASE)
MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.relatedMatch, SKOS.broadMatch, SKOS.narrowMatch)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def _local(term: URIRef) -> str:
    assert str(term).startswith(ONTOLOGY_BASE), term
    return str(term)[len(ONTOLOGY_BASE):]


def _classes_of(graph: Graph, node) -> tuple[str, ...]:
    """A domain or range as local names: one class, a union of classes, or an XSD datatype."""
    if isinstance(node, BNode):
        members = Collection(graph, graph.value(node, OWL.unionOf))
        return tuple(sorted(_local(member) for member in members))
    if str(node).startswith(str(XSD)):
        return (str(node)[len(str(XSD)):],)
    return (_local(node),)


def _superclasses(graph: Graph, cls: URIRef) -> set[URIRef]:
    return set(graph.transitive_objects(cls, RDFS.subClassOf))


def test_the_ontology_has_a_header(onto):
    header = URIRef("https://w3id.org/aigov/ontology")
    assert (header, RDF.type, OWL.Ontology) in onto
    assert onto.value(header, URIRef("http://purl.org/dc/terms/title"))
    assert onto.value(header, URIRef("http://purl.org/dc/terms/description"))
    assert onto.value(header, URIRef("http://purl.org/dc/terms/license")) == URIRef(
        "https://opensource.org/licenses/MIT")
    assert onto.value(header, OWL.versionInfo)


def test_every_predicate_of_the_table_is_a_property_of_the_ttl(onto):
    for name, spec in PREDICATES.items():
        kind = OWL.DatatypeProperty if spec.literal else OWL.ObjectProperty
        assert (AIGOV[name], RDF.type, kind) in onto, name


def test_every_governance_property_of_the_ttl_is_in_the_table(onto):
    in_ttl = {_local(p) for p in onto.subjects(AIGOV.family, None)}
    assert in_ttl == set(PREDICATES)


@pytest.mark.parametrize("name", sorted(PREDICATES))
def test_label_family_and_fact_class_agree(onto, name):
    spec = PREDICATES[name]
    prop = AIGOV[name]
    assert onto.value(prop, RDFS.label) == Literal(spec.label, lang="en")
    assert str(onto.value(prop, AIGOV.family)) == spec.family
    assert spec.family in FAMILIES
    assert onto.value(prop, AIGOV.factClass) == AIGOV[spec.fact_class]
    comment = onto.value(prop, RDFS.comment)
    assert comment is not None and len(str(comment)) > 15


@pytest.mark.parametrize("name", sorted(PREDICATES))
def test_domain_and_range_agree(onto, name):
    spec = PREDICATES[name]
    domains = list(onto.objects(AIGOV[name], RDFS.domain))
    ranges = list(onto.objects(AIGOV[name], RDFS.range))
    assert len(domains) == 1 and len(ranges) == 1, "one rdfs:domain and one rdfs:range (a union if need be)"
    assert _classes_of(onto, domains[0]) == tuple(sorted(spec.domain))
    assert _classes_of(onto, ranges[0]) == tuple(sorted(spec.range))


@pytest.mark.parametrize("name", sorted(PREDICATES))
def test_every_predicate_has_an_alignment(onto, name):
    prop = AIGOV[name]
    supers = onto.objects(prop, RDFS.subPropertyOf)
    external_supers = [o for o in supers if not str(o).startswith(ONTOLOGY_BASE)]
    mappings = [o for m in MAPPINGS for o in onto.objects(prop, m)]
    assert external_supers or mappings, f"{name} has no alignment"


def test_sub_properties_point_only_to_light_vocabularies(onto):
    # Wikidata (heavy, statement-based) and anything inverse go through SKOS mappings instead.
    for prop, parent in onto.subject_objects(RDFS.subPropertyOf):
        assert str(parent).startswith(LIGHT), f"{prop} rdfs:subPropertyOf {parent}"
    for cls, parent in onto.subject_objects(RDFS.subClassOf):
        assert str(parent).startswith(LIGHT), f"{cls} rdfs:subClassOf {parent}"


def test_inverse_direction_terms_are_never_super_properties(onto):
    inverse = {URIRef("https://schema.org/founder"), URIRef("https://schema.org/employee"),
               URIRef("https://schema.org/member"), URIRef("https://schema.org/subOrganization"),
               URIRef(ORG + "hasSubOrganization")}
    for parent in onto.objects(None, RDFS.subPropertyOf):
        assert parent not in inverse


@pytest.mark.parametrize(
    ("wikidata", "used_by"),
    [("P169", "ceoOf"), ("P488", "chairOf"), ("P3320", "boardMemberOf"), ("P112", "founderOf"),
     ("P127", "owns"), ("P749", "subsidiaryOf"), ("P108", "employeeOf"), ("P571", "foundedIn"),
     ("P159", "headquarteredIn")],
)
def test_the_wikidata_properties_are_mapped(onto, wikidata, used_by):
    targets = {str(o) for m in MAPPINGS for o in onto.objects(AIGOV[used_by], m)}
    assert f"{WIKIDATA_PROP}direct/{wikidata}" in targets


def test_start_and_end_qualifiers_are_mapped_from_date(onto):
    targets = {str(o) for m in MAPPINGS for o in onto.objects(AIGOV.date, m)}
    assert {f"{WIKIDATA_PROP}qualifier/P580", f"{WIKIDATA_PROP}qualifier/P582"} <= targets


def test_w3c_org_terms_are_used(onto):
    used = {str(o) for _s, _p, o in onto if str(o).startswith(ORG)}
    for local in ("headOf", "memberOf", "subOrganizationOf", "Membership", "ChangeEvent"):
        assert ORG + local in used, local


def test_entity_classes_match_the_shared_types(onto):
    for name in ENTITY_TYPES:
        assert (AIGOV[name], RDF.type, OWL.Class) in onto
    for name in ("Company", "NonProfit", "Investor", "GovernmentBody"):
        assert AIGOV.Organization in _superclasses(onto, AIGOV[name])


def test_fact_classes_are_exactly_the_table_s_and_all_below_fact(onto):
    below_fact = {_local(c) for c in onto.transitive_subjects(RDFS.subClassOf, AIGOV.Fact)} - {"Fact"}
    assert below_fact == {spec.fact_class for spec in PREDICATES.values()}


def test_claims_are_kept_apart_from_facts(onto):
    assert AIGOV.Fact not in _superclasses(onto, AIGOV.Claim)
    assert (AIGOV.Fact, OWL.disjointWith, AIGOV.Claim) in onto
    assert AIGOV.Statement in _superclasses(onto, AIGOV.Claim)


def test_no_class_is_both_a_prov_activity_and_a_prov_entity(onto):
    classes = set(onto.subjects(RDF.type, OWL.Class))
    for cls in classes:
        supers = _superclasses(onto, cls)
        assert not (PROV.Activity in supers and PROV.Entity in supers), cls
    assert PROV.Entity in _superclasses(onto, AIGOV.Dismissal)
    assert PROV.Activity in _superclasses(onto, AIGOV.Retraction)


def test_fact_classes_only_match_change_events_never_subclass_them(onto):
    change_event = URIRef(ORG + "ChangeEvent")
    for cls in onto.transitive_subjects(RDFS.subClassOf, AIGOV.Fact):
        assert change_event not in _superclasses(onto, cls)
    assert (AIGOV.Acquisition, SKOS.closeMatch, change_event) in onto


def test_every_term_has_a_label_and_a_comment(onto):
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        for term in onto.subjects(RDF.type, kind):
            if isinstance(term, URIRef) and str(term).startswith(ONTOLOGY_BASE):
                assert onto.value(term, RDFS.label) is not None, term
                assert onto.value(term, RDFS.comment) is not None, term


def test_qualifier_and_fact_node_properties(onto):
    for name in (*QUALIFIERS, "datePrecision", "objectValue", "confidence", "status", "charStart",
                 "charEnd", "extractorVersion"):
        assert (AIGOV[name], RDF.type, OWL.DatatypeProperty) in onto, name
    for name in ("subject", "predicate", "object", "evidence", "supportedBy"):
        assert (AIGOV[name], RDF.type, OWL.ObjectProperty) in onto, name
    assert onto.value(AIGOV.confidence, RDFS.range) == XSD.decimal
    assert onto.value(AIGOV.curatedAt, RDFS.range) == XSD.dateTime
    assert onto.value(AIGOV.evidence, RDFS.range) == AIGOV.Evidence
    assert onto.value(AIGOV.supportedBy, RDFS.range) == AIGOV.Article
    assert onto.value(AIGOV.retracts, RDFS.domain) == AIGOV.Retraction


def test_the_ttl_parses_as_turtle_from_its_file():
    from ontology.terms import ONTOLOGY_PATH

    graph = Graph().parse(ONTOLOGY_PATH, format="turtle")
    assert len(graph) > 400
