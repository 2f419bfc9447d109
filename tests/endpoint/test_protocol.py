"""Reading SPARQL Protocol requests, refusing updates, and choosing answer formats (no server needed)."""

from __future__ import annotations

import urllib.parse

import pytest
from rdflib import Literal, URIRef

from graph.endpoint import HttpError, choose_format, is_loopback, parse_accept
from graph.endpoint._protocol import parse_sparql_request
from graph.results import QueryResult

SELECT = QueryResult.select(["x"], [[Literal("a")]])
ASK = QueryResult.ask(True)
GRAPH = QueryResult.from_triples([(URIRef("urn:a"), URIRef("urn:b"), Literal("c"))])


def form(**fields: str) -> bytes:
    return urllib.parse.urlencode(fields).encode("utf-8")


def status_of(*args, **kwargs) -> int:
    with pytest.raises(HttpError) as caught:
        parse_sparql_request(*args, **kwargs)
    assert "\n" not in caught.value.message
    return caught.value.status


def test_the_three_protocol_forms_give_the_same_query():
    text = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    by_get = parse_sparql_request("GET", urllib.parse.urlencode({"query": text}), None, b"")
    by_form = parse_sparql_request("POST", "", "application/x-www-form-urlencoded", form(query=text))
    by_body = parse_sparql_request("POST", "", "application/sparql-query; charset=utf-8", text.encode())
    assert by_get.query == by_form.query == by_body.query == text


@pytest.mark.parametrize(("method", "query_string", "content_type", "body"), [
    ("GET", "update=DROP+ALL", None, b""),
    ("POST", "", "application/x-www-form-urlencoded", b"update=CLEAR+ALL"),
    ("POST", "", "application/sparql-update", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
    ("GET", urllib.parse.urlencode({"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}), None, b""),
    ("GET", urllib.parse.urlencode({"query": "# note\nPREFIX x: <urn:x#>\ndelete where { ?s ?p ?o }"}),
     None, b""),
    ("POST", "", "application/sparql-query", b"LOAD <http://example.org/data.ttl>"),
])
def test_updates_are_refused_with_403(method, query_string, content_type, body):
    assert status_of(method, query_string, content_type, body) == 403


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9999/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://example.org/q> { ?s ?p ?o } }",
])
def test_federated_queries_are_refused(query):
    assert status_of("GET", urllib.parse.urlencode({"query": query}), None, b"") == 403


@pytest.mark.parametrize("query", [
    'SELECT ?service WHERE { ?service rdfs:label "SERVICE <x>" }',
    "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o } # SERVICE in a comment",
])
def test_the_word_service_elsewhere_is_not_federation(query):
    assert parse_sparql_request("GET", urllib.parse.urlencode({"query": query}), None, b"").query == query


@pytest.mark.parametrize(("method", "query_string", "content_type", "body", "status"), [
    ("GET", "", None, b"", 400),
    ("GET", "query=", None, b"", 400),
    ("GET", "query=ASK{}&query=ASK{}", None, b"", 400),
    ("GET", "query=ASK{}&default-graph-uri=urn:g", None, b"", 400),
    ("POST", "", "text/plain", b"ASK {}", 415),
    ("POST", "", "application/sparql-query", b"\xff\xfe", 400),
    ("PUT", "query=ASK{}", None, b"", 405),
])
def test_bad_requests_get_their_status(method, query_string, content_type, body, status):
    assert status_of(method, query_string, content_type, body) == status


def test_format_parameters_are_collected():
    request = parse_sparql_request("GET", "query=ASK{}&format=csv&output=text/csv", None, b"", "text/xml")
    assert request.formats == ("csv", "text/csv")
    assert request.accept == "text/xml"


def test_accept_order_follows_quality_then_position():
    assert parse_accept("text/csv;q=0.5, application/sparql-results+xml, */*;q=0.1, text/tsv;q=0") == [
        "application/sparql-results+xml", "text/csv", "*/*"]


@pytest.mark.parametrize(("result", "accept", "formats", "expected"), [
    (SELECT, None, (), "json"),
    (ASK, "*/*", (), "json"),
    (GRAPH, None, (), "turtle"),
    (SELECT, "application/sparql-results+xml", (), "xml"),
    (SELECT, "text/csv", (), "csv"),
    (SELECT, "text/tab-separated-values", (), "tsv"),
    (SELECT, "text/html,application/xhtml+xml,*/*;q=0.8", (), "json"),
    (GRAPH, "application/ld+json", (), "json-ld"),
    (GRAPH, "application/n-triples", (), "ntriples"),
    (GRAPH, "application/rdf+xml", (), "rdf+xml"),
    (GRAPH, "text/*", (), "turtle"),
    (SELECT, "text/turtle", ("csv",), "csv"),          # the parameter wins over Accept
    (GRAPH, None, ("json-ld", "application/ld+json"), "json-ld"),
    (GRAPH, None, ("json",), "json-ld"),
    (SELECT, None, ("tsv", "text/tab-separated-values"), "tsv"),
])
def test_choose_format(result, accept, formats, expected):
    assert choose_format(result, accept, formats).name == expected


def test_nothing_acceptable_is_406_and_a_wrong_format_400():
    with pytest.raises(HttpError) as not_acceptable:
        choose_format(SELECT, "text/turtle", ())
    assert not_acceptable.value.status == 406
    with pytest.raises(HttpError) as wrong:
        choose_format(GRAPH, None, ("csv",))
    assert wrong.value.status == 400 and "CONSTRUCT" in wrong.value.message


@pytest.mark.parametrize(("host", "expected"), [
    ("127.0.0.1", True), ("127.5.0.1", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.0.2.2", False),
])
def test_loopback_addresses(host, expected):
    assert is_loopback(host) is expected
