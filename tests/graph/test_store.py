"""The KnowledgeStore contract, run against the embedded store and a real ``oxigraph serve``."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef

from graph.rdf import AIGOV, article_quads
from graph.store import open_store
from ontology.errors import ArticleError, QueryError, StoreError
from ontology.identifiers import article_id, article_iri, entity_iri
from ontology.model import Evidence, Qualifiers
from tests.graph.samples import LAB, PERSON, VERSION, dismissal_article, followup_article

ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def _quads(store) -> set[tuple]:
    return {tuple(row) for row in store.query(ALL_QUADS).rows}


def _add(store, maker=dismissal_article) -> tuple:
    article, facts = maker()
    assert store.add_article(article, facts, extractor_version=VERSION) is True
    return article, facts


def test_added_article_is_stored_with_exactly_its_quads(store):
    article, facts = _add(store)
    assert _quads(store) == set(article_quads(article, facts, extractor_version=VERSION))
    assert store.has_article(article.id)
    assert store.has_article(article_iri(article.id))


def test_re_adding_changes_nothing(store):
    article, facts = _add(store)
    before = _quads(store)
    assert store.add_article(article, facts, extractor_version=VERSION) is False
    assert _quads(store) == before


def test_reopening_gives_the_same_answers(fresh_location):
    with open_store(fresh_location) as first:
        _add(first)
        _add(first, followup_article)
        before, stats = _quads(first), first.stats()
    with open_store(fresh_location) as second:
        assert _quads(second) == before
        assert second.stats() == stats
    with open_store(fresh_location, read_only=True) as reader:
        assert _quads(reader) == before


def test_remove_article_keeps_the_others(store):
    first, _ = _add(store)
    second, second_facts = _add(store, followup_article)
    assert store.remove_article(first.id) is True
    assert store.remove_article(article_iri(first.id)) is False
    assert not store.has_article(first.id)
    assert _quads(store) == set(article_quads(second, second_facts, extractor_version=VERSION))
    # the dismissal the second article also states is still there
    answer = store.query("ASK { ?s aigov:dismissedFrom ?o }")
    assert answer.kind == "ask" and answer.boolean is True


@pytest.mark.parametrize("bad", ["not-an-id", "https://example.org/x", "abc"])
def test_remove_with_a_bad_name_is_a_clear_error(store, bad):
    with pytest.raises(ArticleError, match="not an article id"):
        store.remove_article(bad)


def test_union_query_and_graph_variable_both_work(store):
    first, _ = _add(store)
    second, _ = _add(store, followup_article)
    union = store.query("SELECT DISTINCT ?s ?o WHERE { ?s aigov:dismissedFrom ?o }")
    assert union.rows == [[URIRef(entity_iri(PERSON.name)), URIRef(entity_iri(LAB.name))]]
    graphs = store.query("SELECT ?g WHERE { GRAPH ?g { ?s aigov:dismissedFrom ?o } } ORDER BY ?g")
    expected = sorted([article_iri(first.id), article_iri(second.id)])
    assert sorted(str(row[0]) for row in graphs.rows) == expected
    only_second = store.query("SELECT ?o WHERE { GRAPH ?g { ?s aigov:investigated ?o } }")
    assert len(only_second.rows) == 1


def test_construct_and_describe_give_graphs(store):
    _add(store)
    built = store.query("CONSTRUCT { ?s aigov:dismissedFrom ?o } WHERE { ?s aigov:dismissedFrom ?o }")
    assert built.kind == "graph"
    assert [tuple(r) for r in built.rows] == [(URIRef(entity_iri(PERSON.name)), AIGOV.dismissedFrom,
                                               URIRef(entity_iri(LAB.name)))]
    described = store.query(f"DESCRIBE <{entity_iri(LAB.name)}>")
    assert described.kind == "graph" and described.rows


HOSTILE = [
    'Dana Okafor" } ; DROP ALL ; #',
    "x' } UNION { ?e ?p ?o } #",
    "line one\nline two\r\n\t}",
    "SELECT * WHERE { ?s ?p ?o }",
    'back\\slash \\" quote',
    "}}}};;;###",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_binding_values_are_literals(store, value):
    _add(store)
    result = store.query("SELECT ?e WHERE { ?e rdfs:label ?name }", bindings={"name": value})
    assert result.rows == []
    assert store.query("ASK { ?s aigov:dismissedFrom ?o }").boolean is True  # nothing was dropped
    echoed = store.query("SELECT ?name WHERE { }", bindings={"name": Literal(value)})
    assert echoed.rows == [[Literal(value)]]


def test_binding_selects_the_bound_entity(store):
    _add(store)
    result = store.query("SELECT ?e WHERE { ?e rdfs:label ?name }",
                         bindings={"name": Literal("Northwind Labs")})
    assert result.rows == [[URIRef(entity_iri(LAB.name))]]
    by_iri = store.query("SELECT ?label WHERE { ?e rdfs:label ?label }",
                         bindings={"e": URIRef(entity_iri(PERSON.name))})
    assert by_iri.rows == [[Literal("Dana Okafor")]]


@pytest.mark.parametrize("bad", [{"not a name": "x"}, {"e": URIRef("http://x/a> b")}, {"e": object()}])
def test_bad_bindings_are_refused(store, bad):
    with pytest.raises(QueryError):
        store.query("SELECT ?e WHERE { ?e ?p ?o }", bindings=bad)


@pytest.mark.parametrize("update", [
    "DROP ALL",
    "  # a comment\n PREFIX ex: <http://example.org/>\n INSERT DATA { ex:a ex:b ex:c }",
    "BASE <http://example.org/> delete where { ?s ?p ?o }",
    "CLEAR DEFAULT",
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_refused_on_the_query_path(store, update):
    _add(store)
    before = _quads(store)
    with pytest.raises(QueryError, match=r"^read-only: SPARQL Update is not allowed here$"):
        store.query(update)
    assert _quads(store) == before


@pytest.mark.parametrize("bad", ["SELEC ?x WHERE { ?x ?y ?z }", "SELECT ?x WHERE { ?x ?y \n\n", "   "])
def test_malformed_query_is_a_one_line_query_error(store, bad):
    with pytest.raises(QueryError) as raised:
        store.query(bad)
    assert "\n" not in str(raised.value) and str(raised.value)


def test_a_select_followed_by_an_update_is_not_run(store):
    _add(store)
    before = _quads(store)
    with pytest.raises(QueryError):
        store.query("SELECT * WHERE { ?s ?p ?o } ; DROP ALL")
    assert _quads(store) == before


@pytest.mark.parametrize(("fmt", "parser", "dataset"), [
    ("trig", "trig", True), ("nquads", "nquads", True), ("json-ld", "json-ld", True),
    ("turtle", "turtle", False), ("ntriples", "nt", False)])
def test_export_round_trips(store, fmt, parser, dataset):
    _add(store)
    _add(store, followup_article)
    expected = _quads(store)
    out = io.BytesIO()
    store.export(fmt, out)
    if dataset:
        parsed = Dataset()
        parsed.parse(data=out.getvalue(), format=parser)
        assert set(parsed.quads()) == expected
    else:
        parsed = Graph()
        parsed.parse(data=out.getvalue(), format=parser)
        assert set(parsed) == {q[:3] for q in expected}


def test_export_to_a_path_and_unknown_format(store, tmp_path):
    _add(store)
    target = tmp_path / "out.nq"
    store.export("nquads", target)
    assert target.read_bytes() == store.export("nquads")
    with pytest.raises(StoreError, match="unknown export format"):
        store.export("rdfxml-ish", io.BytesIO())


def test_stats_and_articles(store):
    assert store.stats() == {"quads": 0, "articles": 0, "facts": 0, "claims": 0, "entities": 0,
                             "predicates": {}}
    first, first_facts = _add(store)
    second, second_facts = _add(store, followup_article)
    stats = store.stats()
    quads = set(article_quads(first, first_facts, extractor_version=VERSION)) | set(
        article_quads(second, second_facts, extractor_version=VERSION))
    assert stats == {"quads": len(quads), "articles": 2, "facts": 5, "claims": 1, "entities": 4,
                     "predicates": {"dismissedFrom": 2, "foundedIn": 1, "investedIn": 1, "investigated": 1}}
    articles = {a["id"]: a for a in store.articles()}
    assert articles[first.id] == {"iri": article_iri(first.id), "id": first.id, "title": first.title,
                                  "published": "2024-03-05", "source": first.source, "facts": 3, "claims": 1}
    assert articles[second.id]["facts"] == 2 and articles[second.id]["source"] == "Example Wire"
    json.dumps(stats)


def test_rdflib_dataset_view_sees_the_union(store):
    _add(store)
    rows = list(store.dataset.query(f"SELECT ?o WHERE {{ ?s <{AIGOV.dismissedFrom}> ?o }}"))
    assert [str(r[0]) for r in rows] == [entity_iri(LAB.name)]


def test_read_only_store_refuses_writes(fresh_location):
    with open_store(fresh_location) as writer:
        article, _ = _add(writer)
    with open_store(fresh_location, read_only=True) as reader:
        with pytest.raises(StoreError, match="read-only"):
            reader.add_article(*followup_article(), extractor_version=VERSION)
        with pytest.raises(StoreError, match="read-only"):
            reader.remove_article(article.id)
        assert reader.has_article(article.id)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(max_size=40), lang=st.sampled_from([None, "en", "de-CH"]))
def test_any_text_binding_comes_back_unchanged(store, value, lang):
    literal = Literal(value, lang=lang)
    echoed = store.query("SELECT ?x WHERE { }", bindings={"x": literal})
    assert echoed.rows == [[literal]]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=1, max_size=30).filter(str.strip), sentence=st.text(min_size=1, max_size=60),
       role=st.one_of(st.none(), st.text(min_size=1, max_size=20)))
def test_any_names_and_sentences_are_stored_exactly(store, name, sentence, role):
    article, facts = dismissal_article()
    text = article.text + " " + sentence
    article = dataclasses.replace(article, id=article_id(text), text=text, title=sentence)
    fact = dataclasses.replace(facts[0], subject=dataclasses.replace(PERSON, name=name, aliases=(sentence,)),
                               evidence=Evidence(sentence, 0, len(sentence)),
                               qualifiers=Qualifiers(role=role))
    expected = set(article_quads(article, [fact], extractor_version=VERSION))
    store.remove_article(article.id)  # an earlier example may have had the same text
    assert store.add_article(article, [fact], extractor_version=VERSION)
    graph = URIRef(article_iri(article.id))
    stored = store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", bindings={"g": graph})
    assert {tuple(row) for row in stored.rows} == expected
