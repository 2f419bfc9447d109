"""Entity resolution rules on a hand-built index (no store, no spaCy)."""

from __future__ import annotations

from graph.resolution import EntityIndex, name_key, resolve_facts
from ontology.identifiers import entity_iri
from ontology.model import Entity, Evidence, Fact

ARTICLE_1 = "https://w3id.org/aigov/article/1111111111111111"
ARTICLE_2 = "https://w3id.org/aigov/article/2222222222222222"


def _index() -> EntityIndex:
    index = EntityIndex()
    index.add_entity(Entity("Kestrel Dynamics", "Company"), ARTICLE_1)
    index.add_entity(Entity("Ingrid Solberg", "Person"), ARTICLE_1)
    index.add_entity(Entity("Harbor Analytics", "Company", wikidata="Q424242"), ARTICLE_2)
    index.add_entity(Entity("Erik Solberg", "Person"), ARTICLE_2)
    return index


def test_name_key_folds_legal_forms_honorifics_case_and_accents():
    assert name_key("Microsoft Corp.", "Company") == name_key("microsoft", "Company") == "microsoft"
    assert name_key("Amazon.com, Inc.", "Company") == "amazon"
    assert name_key("Mr. Berg", "Person") == "berg"
    assert name_key("Karén Simonyan", "Person") == "karen simonyan"
    # a legal form is kept when it is the whole name, and people keep their words
    assert name_key("Inc", "Company") == "inc"
    assert name_key("Corp Smith", "Person") == "corp smith"


def test_spelling_variants_of_an_organisation_resolve_to_its_iri():
    index = _index()
    result = index.resolve(Entity("Kestrel Dynamics Inc.", "Organization"))
    assert (result.iri, result.rule) == (entity_iri("Kestrel Dynamics"), "name")


def test_wikidata_id_wins_over_a_different_spelling():
    result = _index().resolve(Entity("Harbour Analytics Group", "Company", wikidata="Q424242"))
    assert result.iri == entity_iri("Harbor Analytics") and result.rule == "wikidata"


def test_bare_surname_resolves_only_through_context_when_two_people_share_it():
    index = _index()
    alone = index.resolve(Entity("Ms. Solberg", "Person"))
    assert not alone.matched  # two Solbergs, nothing to tell them apart
    beside_kestrel = index.resolve(Entity("Ms. Solberg", "Person"), context={entity_iri("Kestrel Dynamics")})
    assert beside_kestrel.iri == entity_iri("Ingrid Solberg") and beside_kestrel.rule == "surname"


def test_people_who_share_a_surname_never_merge():
    index = _index()
    assert index.resolve(Entity("Erik Solberg", "Person")).iri == entity_iri("Erik Solberg")
    other = index.resolve(Entity("Nora Solberg", "Person"), context={entity_iri("Kestrel Dynamics")})
    assert not other.matched


def test_a_person_and_an_organisation_with_one_name_stay_apart():
    index = EntityIndex()
    index.add_entity(Entity("Morgan", "Person"), ARTICLE_1)
    assert not index.resolve(Entity("Morgan", "Company")).matched


def test_fuzzy_match_needs_shared_context():
    index = _index()
    index.add_entity(Entity("Corvid Capital", "Investor"), ARTICLE_1)
    typo = Entity("Corvid Capitall", "Investor")
    assert not index.resolve(typo).matched
    near = index.resolve(typo, context={entity_iri("Ingrid Solberg"), entity_iri("Kestrel Dynamics")})
    assert near.iri == entity_iri("Corvid Capital") and near.rule == "fuzzy"


def test_resolve_facts_rewrites_names_and_keeps_spellings_as_aliases():
    index = _index()
    evidence = Evidence("text", 0, 4)
    facts = [
        Fact(Entity("Mr. Solberg", "Person"), "ceoOf", Entity("Kestrel Dynamics Inc.", "Company"),
             evidence, 0.8),
        Fact(Entity("Nils Lund", "Person"), "joined", Entity("Lund Labs", "Company"), evidence, 0.8),
    ]
    resolved = resolve_facts(facts, index, graph="https://w3id.org/aigov/article/3333333333333333")
    assert resolved[0].subject.name == "Ingrid Solberg"  # Kestrel is the context that decides
    assert "Mr. Solberg" in resolved[0].subject.aliases
    assert resolved[0].obj.name == "Kestrel Dynamics" and "Kestrel Dynamics Inc." in resolved[0].obj.aliases
    assert resolved[1].subject.name == "Nils Lund"  # new entities keep their own names
    assert entity_iri("Nils Lund") in index  # and later articles will find them


def test_a_batch_resolves_against_itself():
    index = EntityIndex()
    evidence = Evidence("text", 0, 4)
    kestrel = Entity("Kestrel Dynamics", "Company")
    facts = [Fact(Entity("Berg", "Person"), "ceoOf", kestrel, evidence, 0.8),
             Fact(Entity("Tomas Berg", "Person"), "founderOf", kestrel, evidence, 0.8)]
    resolved = resolve_facts(facts, index, graph=ARTICLE_1)
    assert {f.subject.name for f in resolved} == {"Tomas Berg"}


def test_lookup_finds_by_iri_name_or_alias():
    index = _index()
    index.add_entity(Entity("Kestrel Dynamics", "Company", aliases=("KD Robotics",)), ARTICLE_2)
    assert index.lookup("kd robotics") == [entity_iri("Kestrel Dynamics")]
    assert index.lookup("ent:kestrel-dynamics") == [entity_iri("Kestrel Dynamics")]
    assert index.lookup(entity_iri("Erik Solberg")) == [entity_iri("Erik Solberg")]
    assert index.lookup("Nobody") == []


def test_a_misspelt_organisation_resolves_through_the_organisations_beside_it():
    index = _index()
    index.add_entity(Entity("Corvid Capital", "Investor"), ARTICLE_1)
    evidence = Evidence("text", 0, 4)
    facts = [Fact(Entity("Corvid Capitall", "Investor"), "owns", Entity("Kestrel Dynamics", "Company"),
                  evidence, 0.8)]
    resolved = resolve_facts(facts, index, graph="https://w3id.org/aigov/article/4444444444444444")
    assert resolved[0].subject.name == "Corvid Capital"
    assert "Corvid Capitall" in resolved[0].subject.aliases
    other = _index()
    other.add_entity(Entity("Corvid Capital", "Investor"), ARTICLE_1)
    alone = [Fact(Entity("Corvid Capitall", "Investor"), "owns", Entity("Osprey Ltd", "Company"),
                  evidence, 0.8)]
    fresh = resolve_facts(alone, other, graph="https://w3id.org/aigov/article/5555555555555555")
    assert fresh[0].subject.name == "Corvid Capitall"  # no organisation in common: no fuzzy match
