"""``aigov serve`` as a real subprocess, queried by real clients (SPARQLWrapper, urllib)."""

from __future__ import annotations

import json
import socket
import urllib.error
import xml.dom.minidom
from collections.abc import Iterator
from http.client import HTTPConnection
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from graph.rdf import AIGOV
from graph.store import open_store
from graph.viz import embedded_data
from tests.endpoint.conftest import Served, count_quads, get_query, http, served
from tests.graph.samples import VERSION, dismissal_article, followup_article

ARTICLES = "SELECT ?a ?title WHERE { ?a a aigov:Article ; dcterms:title ?title } ORDER BY ?title"
DISMISSED = "ASK { ?p aigov:dismissedFrom ?org }"
INVESTIGATED = "ASK { ?agency aigov:investigated ?org }"
CONSTRUCT = "CONSTRUCT { ?p aigov:dismissedFrom ?org } WHERE { ?p aigov:dismissedFrom ?org }"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("serve")
    location = folder / "store"
    with open_store(location) as store:
        store.add_article(*dismissal_article(), extractor_version=VERSION)
    with served(location, log=folder / "serve.log") as server:
        yield server


def client(endpoint: Served, query: str, fmt: str, *, method: str | None = None) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(endpoint.sparql)
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(POSTDIRECTLY)
    elif method:
        wrapper.setMethod(method)
    return wrapper


@pytest.mark.parametrize("method", [None, POST, POSTDIRECTLY])
def test_select_as_json(endpoint, method):
    data = client(endpoint, ARTICLES, JSON, method=method).query().convert()
    assert data["head"]["vars"] == ["a", "title"]
    [row] = data["results"]["bindings"]
    assert row["title"] == {"type": "literal", "value": "Lab removes its chief"}
    assert row["a"]["type"] == "uri" and row["a"]["value"].startswith("https://w3id.org/aigov/article/")


def test_select_as_xml(endpoint):
    document = client(endpoint, ARTICLES, XML).query().convert()
    assert isinstance(document, xml.dom.minidom.Document)
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert literals == ["Lab removes its chief"]


def test_select_as_csv_and_tsv(endpoint):
    csv_text = client(endpoint, ARTICLES, CSV).query().convert().decode("utf-8")
    assert csv_text.splitlines()[0] == "a,title"
    assert csv_text.splitlines()[1].endswith(",Lab removes its chief")
    tsv_text = client(endpoint, ARTICLES, TSV).query().convert().decode("utf-8")
    assert tsv_text.splitlines()[0] == "?a\t?title"
    assert tsv_text.splitlines()[1].endswith('\t"Lab removes its chief"')


def test_ask(endpoint):
    assert client(endpoint, DISMISSED, JSON).query().convert() == {"head": {}, "boolean": True}
    assert client(endpoint, INVESTIGATED, JSON).query().convert()["boolean"] is False
    document = client(endpoint, DISMISSED, XML).query().convert()
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "true"


def test_construct_as_turtle(endpoint):
    answer = client(endpoint, CONSTRUCT, TURTLE).query()
    assert answer.response.headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=answer.convert(), format="turtle")
    assert list(graph) == [(URIRef("https://w3id.org/aigov/entity/dana-okafor"), AIGOV.dismissedFrom,
                            URIRef("https://w3id.org/aigov/entity/northwind-labs"))]


def test_construct_as_json_ld(endpoint):
    answer = client(endpoint, CONSTRUCT, JSONLD).query()
    assert answer.response.headers["Content-Type"].startswith("application/ld+json")
    graph = answer.convert()
    triples = set(graph.triples((None, None, None)))
    assert triples == {(URIRef("https://w3id.org/aigov/entity/dana-okafor"), AIGOV.dismissedFrom,
                        URIRef("https://w3id.org/aigov/entity/northwind-labs"))}


def test_default_formats_and_format_parameter(endpoint):
    select = get_query(endpoint.sparql, ARTICLES)
    assert select.status == 200 and select.content_type.startswith("application/sparql-results+json")
    construct = get_query(endpoint.sparql, CONSTRUCT)
    assert construct.status == 200 and construct.content_type.startswith("text/turtle")
    as_ntriples = get_query(endpoint.sparql, CONSTRUCT, "text/turtle", format="ntriples")
    assert as_ntriples.content_type.startswith("application/n-triples")
    assert as_ntriples.text.strip().endswith("<https://w3id.org/aigov/entity/northwind-labs> .")
    described = get_query(endpoint.sparql, "DESCRIBE ent:dana-okafor", "application/ld+json")
    assert described.status == 200 and described.content_type.startswith("application/ld+json")
    assert "https://w3id.org/aigov/entity/dana-okafor" in described.text
    not_acceptable = get_query(endpoint.sparql, ARTICLES, "image/png")
    assert not_acceptable.status == 406 and "application/sparql-results+json" in not_acceptable.text


def test_an_update_through_the_endpoint_is_refused_and_changes_nothing(endpoint):
    before = count_quads(endpoint.sparql)
    insert = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    wrapper = client(endpoint, insert, JSON, method=POST)
    with pytest.raises(urllib.error.HTTPError) as refused:
        wrapper.query()
    assert refused.value.code == 403
    assert "read-only" in refused.value.read().decode("utf-8")
    as_update = {"Content-Type": "application/sparql-update"}
    attempts = [
        http(endpoint.sparql, data=insert.encode(), headers=as_update),
        http(endpoint.url + "update", data=b"DROP ALL", headers=as_update),
        http(endpoint.sparql, data=b"update=CLEAR+ALL",
             headers={"Content-Type": "application/x-www-form-urlencoded"}),
        get_query(endpoint.sparql, "DELETE WHERE { ?s ?p ?o }"),
        http(endpoint.sparql, data=b"", method="DELETE"),
    ]
    assert [a.status for a in attempts] == [403, 403, 403, 403, 405]
    assert all("read-only" in a.text and "\n" not in a.text.strip() for a in attempts)
    assert count_quads(endpoint.sparql) == before > 0


@pytest.mark.parametrize("query", ["SELECT ?x WHERE { ?x ", "ASK { ?s nosuchprefix:p ?o }", "   "])
def test_a_malformed_query_is_a_one_line_400(endpoint, query):
    answer = get_query(endpoint.sparql, query)
    assert answer.status == 400
    assert answer.content_type.startswith("text/plain")
    assert answer.text.count("\n") == 1 and "Traceback" not in answer.text
    if query.strip():
        with pytest.raises(QueryBadFormed):
            client(endpoint, query, JSON).query()


def test_unknown_paths_and_methods(endpoint):
    assert http(endpoint.url + "nothing-here").status == 404
    assert http(endpoint.url + "query", data=b"x=1").status == 405
    assert http(endpoint.sparql, data=b"ASK {}", headers={"Content-Type": "text/plain"}).status == 415
    # One kept-alive connection: a refused POST's body is consumed, so the next request still parses.
    connection = HTTPConnection("127.0.0.1", endpoint.port, timeout=30)
    connection.request("POST", "/query", body=b"query=ASK%7B%7D",
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    first = connection.getresponse()
    assert first.status == 405 and first.read()
    connection.request("GET", "/sparql?query=ASK%7B%7D", headers={"Accept": "text/csv"})
    second = connection.getresponse()
    assert second.status == 200 and second.read() == b"boolean\r\ntrue\r\n"
    connection.close()
    options = http(endpoint.sparql, method="OPTIONS")
    assert options.status == 204 and options.body == b""
    with socket.create_connection(("127.0.0.1", endpoint.port), timeout=30) as raw:
        raw.sendall(b"THIS IS NOT HTTP AT ALL\r\n\r\n")
        reply = raw.recv(4096).decode("latin-1")
    # Not even a request line: http.server answers in HTTP/0.9 style, the body alone, in plain text.
    assert reply.startswith("400 ") and reply.count("\n") == 1
    assert "<html" not in reply.lower() and "Traceback" not in reply


def test_graph_page_and_query_page(endpoint):
    page = http(endpoint.url)
    assert page.status == 200 and page.content_type.startswith("text/html")
    labels = {node["label"] for node in embedded_data(page.text)["nodes"]}
    assert {"Dana Okafor", "Northwind Labs"} <= labels
    query_page = http(endpoint.url + "query")
    assert query_page.status == 200 and "<textarea" in query_page.text
    assert "src=\"http" not in query_page.text and "href=\"http" not in query_page.text


def test_answers_and_the_graph_page_follow_changes_to_the_store(tmp_path, sample_store):
    with served(sample_store, log=tmp_path / "serve.log") as server:
        assert get_query(server.sparql, INVESTIGATED).body and json.loads(
            get_query(server.sparql, INVESTIGATED).body)["boolean"] is False
        first_page = http(server.url).text
        assert "Office of Fair Trading Review" not in first_page
        with open_store(sample_store) as store:  # the server holds no lock: a writer may come and go
            store.add_article(*followup_article(), extractor_version=VERSION)
        assert json.loads(get_query(server.sparql, INVESTIGATED).body)["boolean"] is True
        labels = {node["label"] for node in embedded_data(http(server.url).text)["nodes"]}
        assert "Office of Fair Trading Review" in labels
        reloaded = http(server.url + "?reload=1")
        assert reloaded.status == 200 and "Office of Fair Trading Review" in reloaded.text


def test_serving_a_missing_store_fails_with_one_line(tmp_path):
    import subprocess

    from tests.endpoint.conftest import ROOT, serve_command

    missing = tmp_path / "no-store-here"
    result = subprocess.run(serve_command("--store", str(missing), "--port", "0"), cwd=ROOT,
                            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert f"store {missing}: no such store" in result.stderr
    assert "Traceback" not in result.stderr
    assert not Path(missing).exists()
