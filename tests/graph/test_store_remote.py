"""Remote locations: the URL forms, and errors that name the endpoint."""

from __future__ import annotations

import socket

import pytest

from graph.store import open_store, resolve_location
from graph.store._remote import Endpoints, parse_location
from ontology.errors import StoreError
from tests.graph.samples import VERSION, dismissal_article

OXIGRAPH = Endpoints("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update", True)


@pytest.mark.parametrize(("location", "expected"), [
    ("http://127.0.0.1:7878", OXIGRAPH),
    ("http://127.0.0.1:7878/", OXIGRAPH),
    ("https://example.org/ds/sparql", Endpoints("https://example.org/ds/sparql", "https://example.org/ds/sparql",
                                                False)),
    ("query=http://h/q;update=http://h/u", Endpoints("http://h/q", "http://h/u", False)),
    ("query=http://h/q;update=http://h/u;union=oxigraph", Endpoints("http://h/q", "http://h/u", True)),
    ("query=http://h/q", Endpoints("http://h/q", "http://h/q", False)),
])
def test_location_forms(location, expected):
    assert parse_location(location) == expected


@pytest.mark.parametrize("bad", ["query=ftp://h/q", "update=http://h/u", "query=http://h/q;color=blue",
                                 "query=http://h/q;union=maybe", "http://"])
def test_bad_locations_are_store_errors(bad):
    with pytest.raises(StoreError, match=r"^store "):
        parse_location(bad)


def test_an_unreachable_endpoint_is_a_one_line_store_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    location = f"http://127.0.0.1:{port}"
    with pytest.raises(StoreError) as raised:
        open_store(location)
    message = str(raised.value)
    assert message.startswith(f"store {location}: cannot reach the endpoint") and "\n" not in message


def test_explicit_endpoint_form_works_against_oxigraph(remote_store_url):
    location = f"query={remote_store_url}/query;update={remote_store_url}/update;union=oxigraph"
    article, facts = dismissal_article()
    with open_store(location) as store:
        assert store.kind == "remote"
        assert store.add_article(article, facts, extractor_version=VERSION)
        assert store.query("ASK { ?s aigov:dismissedFrom ?o }").boolean is True
    with open_store(remote_store_url, read_only=True) as same:
        assert same.has_article(article.id)


def test_without_the_union_flag_the_default_graph_is_the_servers_own(remote_store_url):
    location = f"query={remote_store_url}/query;update={remote_store_url}/update"
    with open_store(location) as store:
        store.add_article(*dismissal_article(), extractor_version=VERSION)
        assert store.query("ASK { ?s aigov:dismissedFrom ?o }").boolean is False  # oxigraph's default graph
        assert store.query("ASK { GRAPH ?g { ?s aigov:dismissedFrom ?o } }").boolean is True


def test_resolve_location_precedence(monkeypatch):
    monkeypatch.delenv("AIGOV_STORE", raising=False)
    assert resolve_location(None) == "./aigov-data"
    monkeypatch.setenv("AIGOV_STORE", "http://127.0.0.1:9")
    assert resolve_location(None) == "http://127.0.0.1:9"
    assert resolve_location("elsewhere") == "elsewhere"
