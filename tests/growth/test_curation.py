"""Curations (assert, retract, merge, review) win over extraction and survive re-adding and re-extracting."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from aigov import KnowledgeGraph
from graph.saved_queries import run_saved
from ontology.errors import AigovError, QueryError, StoreError
from ontology.identifiers import CURATION_GRAPH, entity_iri
from tests.growth.conftest import GROWTH

pytestmark = pytest.mark.slow

RESIGNATION = GROWTH / "g5-resigned-account.md"


@pytest.fixture
def kg(fresh_location: str, extractor) -> KnowledgeGraph:
    graph = KnowledgeGraph(fresh_location, extractor=extractor)
    graph.add([GROWTH])
    yield graph
    graph.close()


def _fact(kg: KnowledgeGraph, subject: str, predicate: str, article_title: str) -> str:
    rows = kg.query(f"""SELECT ?f WHERE {{ GRAPH ?g {{ ?f aigov:subject ent:{subject} ;
        aigov:predicate aigov:{predicate} . ?g dcterms:title ?t }}
        FILTER(STR(?t) = "{article_title}") }}""").rows
    assert len(rows) == 1, rows
    return str(rows[0][0])


def _conflicts(kg: KnowledgeGraph) -> set[tuple[str, str]]:
    return {(str(r["accountA"]), str(r["accountB"])) for r in run_saved(kg.store, "conflicts").as_dicts()}


def _edges(kg: KnowledgeGraph, predicate: str, subject: str = "Ingrid Solberg") -> list[dict]:
    return [d for u, _v, d in kg.entity_graph().edges(data=True)
            if d["predicate"] == predicate and u == entity_iri(subject)]


def test_contested_accounts_stay_with_their_sources(kg):
    rows = run_saved(kg.store, "conflicts").as_dicts()
    left = [r for r in rows if str(r["kind"]) == "how they left"]
    assert left and {str(r["subject"]) for r in left} == {"Ingrid Solberg"}
    assert "Filing says Kestrel chief left on her own" in {str(r["sourceB"]) for r in left}
    assert "Kestrel Dynamics board ousts its chief executive" in {str(r["sourceA"]) for r in left}


def test_retraction_and_assertion_survive_readding_and_reextracting(kg):
    resigned = _fact(kg, "ingrid-solberg", "resignedFrom", "Filing says Kestrel chief left on her own")
    kg.retract(resigned, reason="the filing was corrected")
    asserted = kg.assert_fact("Ms. Solberg", "chairOf", "Kestrel Dynamics Inc.", source="https://example.org/chair",
                              date="2023-07-01", role="chair", reason="board minutes")
    assert asserted.startswith("https://w3id.org/aigov/fact/curated-")

    def check() -> None:
        assert ("dismissedFrom", "resignedFrom") not in _conflicts(kg)
        assert _edges(kg, "resignedFrom") == []
        chair = _edges(kg, "chairOf")
        assert len(chair) == 1 and chair[0]["curated"] and chair[0]["combined_confidence"] == 1.0
        holders = run_saved(kg.store, "role-on-date", {"org": "kestrel dynamics", "role": "chair",
                                                         "date": "2023-08-01"}).column("holder")
        assert [str(h) for h in holders] == ["Ingrid Solberg"]  # the name resolved to the known entity

    check()
    assert kg.add([RESIGNATION]).skipped  # re-adding: nothing changes
    check()
    assert kg.remove(str(RESIGNATION))  # re-extracting: out, and in again
    assert kg.add([RESIGNATION]).added
    check()
    kinds = [c.kind for c in kg.curations()]
    assert kinds.count("Retraction") == 1 and kinds.count("Assertion") == 1
    assert kg.validate().conforms


def test_asserting_twice_is_one_fact_and_retracting_twice_one_retraction(kg):
    def stake() -> str:
        return kg.assert_fact("Corvid Capital", "owns", "Kestrel Dynamics", source="https://example.org/a",
                              percent="40%")

    first, again = stake(), stake()
    assert first == again
    assert kg.retract(first, reason="wrong") == kg.retract(first, reason="still wrong")
    assert len(kg.curations()) == 2


def test_stake_conflict_between_curated_and_extracted_accounts(kg):
    kg.assert_fact("Corvid Capital", "owns", "Kestrel Dynamics", source="https://example.org/stake",
                   percent="30%")
    assert {pair for pair in _conflicts(kg) if pair[0].startswith("owns")} == {("owns 30%", "owns 45%")}


def test_merge_is_recorded_applied_and_reversible(kg):
    record = kg.merge("Erik Solberg", "ent:ingrid-solberg", reason="test merge")
    graph = kg.entity_graph()
    assert entity_iri("Erik Solberg") not in graph
    assert "Erik Solberg" in graph.nodes[entity_iri("Ingrid Solberg")]["aliases"]
    timeline = run_saved(kg.store, "leadership-timeline", {"org": "Harbor Analytics"}).column("person")
    assert {str(p) for p in timeline} == {"Ingrid Solberg"}
    merged = {e["iri"]: e["merged_into"] for e in kg.entities(search="solberg")}
    assert merged[entity_iri("Erik Solberg")] == entity_iri("Ingrid Solberg")
    with pytest.raises(QueryError, match="already one entity"):
        kg.merge("Ingrid Solberg", "Erik Solberg")

    kg.unmerge("Erik Solberg", reason="they are different people")
    graph = kg.entity_graph()
    assert entity_iri("Erik Solberg") in graph
    timeline = run_saved(kg.store, "leadership-timeline", {"org": "Harbor Analytics"}).column("person")
    assert {str(p) for p in timeline} == {"Erik Solberg"}
    log = {c.iri: c for c in kg.curations()}
    assert log[record].kind == "EntityMerge" and log[record].undone
    assert kg.validate().conforms


def test_merge_survives_readding_an_article_of_the_merged_entity(kg):
    kg.merge("Erik Solberg", "Ingrid Solberg")
    assert kg.remove(str(GROWTH / "g4-other-solberg.md"))
    kg.add([GROWTH / "g4-other-solberg.md"])
    assert entity_iri("Erik Solberg") not in kg.entity_graph()


def test_review_accepts_and_rejects(kg):
    pending = kg.review(below=0.7)
    assert pending and all(c["confidence"] < 0.7 for c in pending)
    accepted, rejected = pending[0]["fact"], pending[-1]["fact"]
    assert accepted != rejected
    kg.accept(accepted, reason="checked")
    kg.retract(rejected, reason="misread")
    left = {c["fact"] for c in kg.review(below=0.7)}
    assert accepted not in left and rejected not in left and len(left) == len(pending) - 2


def test_curations_live_in_their_own_graph(kg):
    kg.assert_fact("Tomas Berg", "boardMemberOf", "Kestrel Dynamics", source="https://example.org/board")
    rows = kg.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?c a aigov:Curation } }").rows
    graphs = {str(g) for (g,) in rows}
    assert graphs == {CURATION_GRAPH}


@pytest.mark.parametrize("call, error", [
    (lambda kg: kg.retract("fact:doesnotexist", reason="x"), StoreError),
    (lambda kg: kg.retract("https://w3id.org/aigov/entity/x", reason="x"), QueryError),
    (lambda kg: kg.merge("Nobody Atall", "Ingrid Solberg"), StoreError),
    (lambda kg: kg.assert_fact("A", "leads", "B", source="https://example.org"), AigovError),
    (lambda kg: kg.assert_fact("A", "ceoOf", "B", source=" "), QueryError),
    (lambda kg: kg.unmerge("Ingrid Solberg"), StoreError),
])
def test_bad_curations_are_refused_with_a_clear_error(kg, call, error):
    with pytest.raises(error) as raised:
        call(kg)
    assert "\n" not in str(raised.value)


def test_asserted_names_resolve_by_the_types_the_predicate_allows(kg):
    iri = kg.assert_fact("Corvid Capital Inc.", "investedIn", "Kestrel Dynamics", source="https://example.org/i",
                         amount="$5 million")
    rows = kg.query("SELECT ?s WHERE { GRAPH ?g { ?f aigov:subject ?s } }", bindings={"f": URIRef(iri)}).rows
    assert [str(s) for (s,) in rows] == [entity_iri("Corvid Capital")]
    with pytest.raises(QueryError, match="--subject-type"):
        kg.assert_fact("Osprey Holdings", "investedIn", "Kestrel Dynamics", source="https://example.org/j")
    kg.assert_fact("Osprey Holdings", "investedIn", "Kestrel Dynamics", source="https://example.org/j",
                   subject_type="Investor")
    investors = run_saved(kg.store, "investors", {"org": "Kestrel Dynamics"}).as_dicts()
    assert {str(r["investor"]) for r in investors} == {"Corvid Capital", "Osprey Holdings"}
    assert kg.validate().conforms
