"""``graph.validation.validate``: a well-formed graph conforms; planted faults are reported readably."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import XSD, Dataset, Graph, Literal, URIRef

from graph.validation import ValidationReport, Violation, validate
from ontology.terms import AIGOV

PREFIXES = """
@prefix aigov:   <https://w3id.org/aigov/ontology#> .
@prefix ent:     <https://w3id.org/aigov/entity/> .
@prefix art:     <https://w3id.org/aigov/article/> .
@prefix fact:    <https://w3id.org/aigov/fact/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix owl:     <http://www.w3.org/2002/07/owl#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
"""

# Two invented articles: one about a robotics start-up's new chief executive, one about its
# founding year and a hedged rumour. Written for these tests; no real people or companies.
ARTICLE_ONE = """
art:a1 {
  art:a1 a aigov:Article ; dcterms:title "Quillfeather picks a new chief" ;
      dcterms:issued "2022-06-03"^^xsd:date ; dcterms:source <https://example.org/news/1> .
  ent:mara-velt a aigov:Person ; rdfs:label "Mara Velt" ; skos:altLabel "Ms. Velt" .
  ent:quillfeather a aigov:Company ; rdfs:label "Quillfeather" ;
      owl:sameAs <http://www.wikidata.org/entity/Q999999999> .
  ent:mara-velt aigov:ceoOf ent:quillfeather .
  fact:f1 a aigov:Fact, aigov:Leadership ;
      aigov:subject ent:mara-velt ; aigov:predicate aigov:ceoOf ; aigov:object ent:quillfeather ;
      aigov:date "2022-06"^^xsd:gYearMonth ; aigov:datePrecision "month" ; aigov:role "chief executive" ;
      aigov:confidence 0.82 ; aigov:status "asserted" ; aigov:extractorVersion "test" ;
      aigov:supportedBy art:a1 ; aigov:evidence fact:f1-evidence .
  fact:f1-evidence a aigov:Evidence ;
      prov:value "Quillfeather named Mara Velt its chief executive in June." ;
      aigov:charStart 0 ; aigov:charEnd 57 ; prov:wasQuotedFrom art:a1 .
}
"""

ARTICLE_TWO = """
art:a2 {
  art:a2 a aigov:Article ; dcterms:issued "2023-01-09"^^xsd:date .
  ent:quillfeather a aigov:Company ; rdfs:label "Quillfeather" .
  ent:harbor-fund a aigov:Investor ; rdfs:label "Harbor Fund" .
  ent:quillfeather aigov:foundedIn "2017"^^xsd:gYear .
  fact:f2 a aigov:Fact, aigov:Founding ;
      aigov:subject ent:quillfeather ; aigov:predicate aigov:foundedIn ; aigov:objectValue "2017"^^xsd:gYear ;
      aigov:confidence 0.9 ; aigov:status "asserted" ; aigov:evidence fact:f2-evidence .
  fact:f2-evidence a aigov:Evidence ; prov:value "Quillfeather was started in 2017." ;
      aigov:charStart 10 ; aigov:charEnd 43 ; prov:wasQuotedFrom art:a2 .
  fact:c1 a aigov:Claim ;
      aigov:subject ent:harbor-fund ; aigov:predicate aigov:investedIn ; aigov:object ent:quillfeather ;
      aigov:confidence 0.4 ; aigov:status "claimed" ; aigov:evidence fact:c1-evidence .
  fact:c1-evidence a aigov:Evidence ; prov:value "Harbor Fund may back Quillfeather." ;
      aigov:charStart 44 ; aigov:charEnd 78 ; prov:wasQuotedFrom art:a2 .
}
"""

FACT = "https://w3id.org/aigov/fact/"
ENT = "https://w3id.org/aigov/entity/"


def _dataset(*extra: str) -> Dataset:
    data = Dataset()
    data.parse(data=PREFIXES + ARTICLE_ONE + ARTICLE_TWO + "".join(extra), format="trig")
    return data


def _replace(data: Dataset, node: str, prop: URIRef, value) -> None:
    graph = data.graph(URIRef("https://w3id.org/aigov/article/a1"))
    graph.remove((URIRef(node), prop, None))
    if value is not None:
        graph.add((URIRef(node), prop, value))


def _only(report: ValidationReport, path: str) -> Violation:
    found = [v for v in report.violations if v.path == path]
    assert len(found) == 1, report
    return found[0]


def test_a_well_formed_dataset_conforms():
    data = _dataset()
    data.default_union = True
    report = validate(data)
    assert report.conforms, str(report)
    assert report.violations == []
    assert report.triples == len(set(data.triples((None, None, None))))
    assert str(report) == f"conforms: no violations in {report.triples} triples"


def test_a_plain_graph_is_accepted_and_left_unchanged():
    data = Graph()
    data.parse(data=PREFIXES + ARTICLE_ONE.replace("art:a1 {", "").rsplit("}", 1)[0], format="turtle")
    size = len(data)
    assert validate(data).conforms
    assert len(data) == size


def test_subclasses_satisfy_a_range_through_the_ontology():
    # ceoOf wants an Organization; a Company is one only by aigov.ttl's rdfs:subClassOf.
    report = validate(_dataset())
    assert not [v for v in report.violations if "ceoOf" in v.message]


def test_confidence_out_of_range_is_reported():
    data = _dataset()
    _replace(data, FACT + "f1", AIGOV.confidence, Literal("1.7", datatype=XSD.decimal))
    report = validate(data)
    assert not report.conforms
    violation = _only(report, "aigov:confidence")
    assert violation.focus == "fact:f1"
    assert violation.value == "1.7"
    assert "between 0 and 1" in violation.message
    assert violation.severity == "Violation"
    assert str(violation).count("\n") == 0
    assert "fact:f1 aigov:confidence" in str(violation)


def test_confidence_of_the_wrong_datatype_is_reported():
    data = _dataset()
    _replace(data, FACT + "f1", AIGOV.confidence, Literal("high"))
    assert _only(validate(data), "aigov:confidence").focus == "fact:f1"


def test_missing_evidence_is_reported():
    data = _dataset()
    _replace(data, FACT + "f1", AIGOV.evidence, None)
    violation = _only(validate(data), "aigov:evidence")
    assert violation.focus == "fact:f1"
    assert "evidence" in violation.message


@pytest.mark.parametrize("bad", ["June 2022", "2022/06/03", "22-06-03", "2022-6"])
def test_a_bad_date_is_reported(bad):
    data = _dataset()
    _replace(data, FACT + "f1", AIGOV.date, Literal(bad))
    violation = _only(validate(data), "aigov:date")
    assert violation.focus == "fact:f1"
    assert violation.value == bad
    assert "2023-11-17" in violation.message


@pytest.mark.parametrize("good", ["2022", "2022-06", "2022-06-03"])
def test_dates_at_every_precision_pass(good):
    data = _dataset()
    _replace(data, FACT + "f1", AIGOV.date, Literal(good))
    assert validate(data).conforms


def test_all_planted_faults_are_reported_together():
    data = _dataset()
    _replace(data, FACT + "f1", AIGOV.confidence, Literal("1.7", datatype=XSD.decimal))
    _replace(data, FACT + "f1", AIGOV.evidence, None)
    _replace(data, FACT + "f1", AIGOV.date, Literal("last June"))
    report = validate(data)
    assert {v.path for v in report.violations} == {"aigov:confidence", "aigov:evidence", "aigov:date"}
    text = str(report)
    assert text.startswith("does not conform: 3 violation(s) in ")
    assert len(text.splitlines()) == 4


def test_evidence_span_and_source_are_checked():
    data = _dataset()
    _replace(data, FACT + "f1-evidence", AIGOV.charStart, Literal(90))
    report = validate(data)
    violation = _only(report, "aigov:charStart")
    assert violation.focus == "fact:f1-evidence"
    assert "charEnd" in violation.message

    data = _dataset()
    _replace(data, FACT + "f1-evidence", AIGOV.charEnd, Literal(-3))
    assert _only(validate(data), "aigov:charEnd").value == "-3"


def test_an_entity_needs_one_label_and_an_entity_type():
    data = _dataset("""
    art:a3 {
      ent:nobody aigov:ceoOf ent:quillfeather .
      ent:quillfeather rdfs:label "Quill Feather" .
    }""")
    report = validate(data)
    messages = {(v.focus, v.path): v.message for v in report.violations}
    assert "label" in messages[("ent:quillfeather", "rdfs:label")]
    assert ("ent:nobody", "rdfs:label") in messages
    untyped = [v for v in report.violations if v.focus == "ent:nobody" and v.path is None]
    assert any("Person" in v.message for v in untyped)


def test_edge_domain_and_range_are_checked():
    data = _dataset("""
    art:a3 { ent:quillfeather aigov:ceoOf ent:mara-velt . }""")
    report = validate(data)
    messages = [v.message for v in report.violations]
    assert "the subject of aigov:ceoOf must be an aigov:Person" in messages
    assert "the object of aigov:ceoOf must be an aigov:Organization" in messages


def test_a_statement_needs_exactly_one_kind_of_object_and_a_known_predicate():
    data = _dataset()
    _replace(data, FACT + "f1", AIGOV.objectValue, Literal("2001"))
    _replace(data, FACT + "f1", AIGOV.predicate, URIRef("https://w3id.org/aigov/ontology#firedFrom"))
    report = validate(data)
    assert _only(report, "aigov:object|aigov:objectValue").message.endswith("not both")
    assert _only(report, "aigov:predicate").value == "aigov:firedFrom"


def test_claims_and_facts_do_not_mix():
    data = _dataset()
    graph = data.graph(URIRef("https://w3id.org/aigov/article/a1"))
    graph.add((URIRef(FACT + "f1"), URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), AIGOV.Claim))
    report = validate(data)
    assert any("aigov:Claim" in v.message and v.focus == "fact:f1" for v in report.violations)


def test_article_issued_must_be_a_date():
    data = _dataset()
    _replace(data, "https://w3id.org/aigov/article/a1", URIRef("http://purl.org/dc/terms/issued"),
             Literal("3 June 2022"))
    violation = _only(validate(data), "dcterms:issued")
    assert violation.focus == "art:a1"


def test_same_as_must_be_a_wikidata_item():
    data = _dataset()
    _replace(data, ENT + "quillfeather", URIRef("http://www.w3.org/2002/07/owl#sameAs"),
             URIRef("https://en.wikipedia.org/wiki/Nothing"))
    assert "Wikidata" in _only(validate(data), "owl:sameAs").message


def test_curations_are_checked():
    data = _dataset("""
    <https://w3id.org/aigov/graph/curation> {
      <urn:c1> a aigov:Retraction ; aigov:reason "the sentence was a quote of a rumour" ;
          aigov:curatedAt "2024-02-01T10:00:00"^^xsd:dateTime ; aigov:retracts fact:f1 .
      <urn:c2> a aigov:EntityMerge ; aigov:mergedEntity ent:quillfeather ;
          aigov:survivingEntity ent:quillfeather .
    }""")
    report = validate(data)
    assert [v.focus for v in report.violations] == ["<urn:c2>"]
    assert "other than the merged one" in report.violations[0].message


def test_graph_built_by_the_rdf_module_conforms():
    from graph.rdf import article_quads
    from ontology.identifiers import article_id
    from ontology.model import Article, Entity, Evidence, Fact, Qualifiers

    text = "Lumen Labs hired Ode Park as chief scientist in 2020. Lumen Labs is based in Tallinn."
    article = Article(id=article_id(text), text=text, path="t.txt", published=dt.date(2020, 5, 1), title="T")
    park, lumen = Entity("Ode Park", "Person"), Entity("Lumen Labs", "Company", ("Lumen",))
    facts = [
        Fact(park, "holdsPositionAt", lumen, Evidence(text[:53], 0, 53), 0.75,
             Qualifiers(date="2020", role="chief scientist")),
        Fact(lumen, "headquarteredIn", Entity("Tallinn", "Place"), Evidence(text[54:], 54, len(text)), 0.6),
        Fact(lumen, "foundedIn", "2011", Evidence(text[54:], 54, len(text)), 0.5),
        Fact(park, "joined", lumen, Evidence(text[:53], 0, 53), 0.3, status="claimed"),
    ]
    data = Dataset()
    data.addN(article_quads(article, facts, extractor_version="test"))
    report = validate(data)
    assert report.conforms, str(report)


@pytest.mark.parametrize("on_disk", [False, True], ids=["oxigraph-memory", "oxigraph-disk"])
def test_a_dataset_in_a_real_oxigraph_store_is_validated(tmp_path, on_disk):
    data = Dataset(store="Oxigraph")
    if on_disk:
        data.open(str(tmp_path / "store"), create=True)
    try:
        data.parse(data=PREFIXES + ARTICLE_ONE + ARTICLE_TWO, format="trig")
        assert validate(data).conforms
        _replace(data, FACT + "f1", AIGOV.confidence, Literal("-0.2", datatype=XSD.decimal))
        assert _only(validate(data), "aigov:confidence").value == "-0.2"
    finally:
        data.close()


def test_a_non_graph_is_a_type_error():
    with pytest.raises(TypeError, match="rdflib Graph or Dataset"):
        validate("fact:f1 aigov:confidence 2")  # type: ignore[arg-type]


@pytest.mark.parametrize("prop", ["charStart", "charEnd"])
def test_an_ill_typed_offset_is_reported_not_a_crash(prop):
    data = _dataset()
    _replace(data, FACT + "f1-evidence", AIGOV[prop], Literal("soon", datatype=XSD.integer))
    violation = [v for v in validate(data).violations if v.path == f"aigov:{prop}"]
    assert violation and violation[0].value == "soon"


def test_an_ill_typed_confidence_is_reported():
    data = _dataset()
    _replace(data, FACT + "f1", AIGOV.confidence, Literal("very", datatype=XSD.decimal))
    assert _only(validate(data), "aigov:confidence").value == "very"


def test_a_knowledge_store_validates_through_its_dataset(store):
    # The real store, embedded on disk and behind a real `oxigraph serve`: what `aigov add`
    # writes must satisfy the shapes, and a fault planted in it must be found.
    from ontology.identifiers import article_id
    from ontology.model import Article, Entity, Evidence, Fact, Qualifiers

    text = "Brightwater Analytics named Ilse Korr to its board in 2019."
    article = Article(id=article_id(text), text=text, path="b.txt", published=dt.date(2019, 9, 2))
    korr, firm = Entity("Ilse Korr", "Person"), Entity("Brightwater Analytics", "Company")
    fact = Fact(korr, "boardMemberOf", firm, Evidence(text, 0, len(text)), 0.7, Qualifiers(date="2019"))
    assert store.add_article(article, [fact], extractor_version="test")
    report = validate(store.dataset)
    assert report.conforms, str(report)
    assert report.triples >= 20  # the edge, the fact node, its evidence, the entities, the article


def test_a_fact_without_its_direct_edge_is_reported():
    data = _dataset()
    data.graph(URIRef("https://w3id.org/aigov/article/a1")).remove((None, AIGOV.ceoOf, None))
    report = validate(data)
    assert [(v.focus, v.path) for v in report.violations] == [("fact:f1", None)]
    assert "direct edge" in report.violations[0].message


def test_a_fact_typed_with_the_wrong_fact_class_is_reported():
    data = _dataset()
    graph = data.graph(URIRef("https://w3id.org/aigov/article/a1"))
    rdf_type = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    graph.remove((URIRef(FACT + "f1"), rdf_type, AIGOV.Leadership))
    graph.add((URIRef(FACT + "f1"), rdf_type, AIGOV.Dismissal))
    report = validate(data)
    assert [(v.focus, v.path) for v in report.violations] == [("fact:f1", None)]
    assert "fact class" in report.violations[0].message


def test_a_claim_needs_no_direct_edge_and_no_fact_class():
    # fact:c1 in the fixture is a claim with neither; the dataset conforms (checked above),
    # and adding the edge it lacks changes nothing.
    data = _dataset("""
    art:a3 { ent:harbor-fund aigov:investedIn ent:quillfeather . }""")
    assert validate(data).conforms
