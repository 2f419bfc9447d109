"""The remote backend: any SPARQL 1.1 Query + Update endpoint, through rdflib's SPARQLUpdateStore.

Location forms (``open_store`` passes anything starting ``http://`` or ``https://`` here):

* ``http://host:port`` (no path) - an ``oxigraph serve`` server: queries go to ``/query``,
  updates to ``/update``, and queries ask for the union of the named graphs as default graph
  (Oxigraph's ``union-default-graph`` parameter).
* ``http://host:port/some/path`` - one endpoint for both queries and updates (SPARQL 1.1
  Protocol), sent as is; its default graph must already be the union of the named graphs
  (Fuseki with ``unionDefaultGraph``, GraphDB and Virtuoso do this).
* ``query=URL;update=URL[;union=oxigraph]`` - explicit endpoints; ``union=oxigraph`` adds
  Oxigraph's ``union-default-graph`` parameter to queries.

An article is written with ONE ``INSERT DATA { GRAPH <g> { ... } }`` request, which the
server applies atomically. rdflib's connector swallows the server's error text (and has no
timeout), so HTTP is done here with urllib, keeping SPARQLUpdateStore for the rdflib view.
"""

from __future__ import annotations

import io
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.query import Result
from rdflib.term import Node

from graph.rdf import PREFIXES, Quad
from graph.results import QueryResult
from graph.store._sparql import one_line, prefix_block, values_clause
from graph.store._terms import from_ox, sparql_term, to_ox
from ontology.errors import ConfigurationError, QueryError, StoreError

__all__ = ["Endpoints", "RemoteBackend", "parse_location"]

_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
_UNION_PARAMETER = "union-default-graph"


@dataclass(frozen=True, slots=True)
class Endpoints:
    query: str
    update: str
    union_parameter: bool


def _check_url(url: str, location: str) -> str:
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise StoreError(f"store {location}: {url!r} is not an http(s) URL")
    return url


def parse_location(location: str) -> Endpoints:
    """The query and update URLs a location names (see the module docstring for the forms)."""
    text = location.strip()
    if text.startswith(("query=", "update=")):
        parts: dict[str, str] = {}
        for item in text.split(";"):
            key, sep, value = item.partition("=")
            if not sep or key.strip() not in ("query", "update", "union"):
                raise StoreError(f"store {location}: expected query=URL;update=URL[;union=oxigraph]")
            parts[key.strip()] = value.strip()
        if "query" not in parts:
            raise StoreError(f"store {location}: no query=URL given")
        union = parts.get("union", "")
        if union not in ("", "oxigraph", "none"):
            raise StoreError(f"store {location}: union must be 'oxigraph' or 'none', not {union!r}")
        query = _check_url(parts["query"], location)
        update = _check_url(parts.get("update", parts["query"]), location)
        return Endpoints(query, update, union == "oxigraph")
    _check_url(text, location)
    parsed = urllib.parse.urlsplit(text)
    if parsed.path in ("", "/") and not parsed.query:
        base = text.rstrip("/")
        return Endpoints(base + "/query", base + "/update", True)
    return Endpoints(text, text, False)


def _timeout() -> float:
    raw = os.environ.get("AIGOV_HTTP_TIMEOUT", "").strip()
    try:
        return float(raw) if raw else 60.0
    except ValueError:
        raise ConfigurationError(f"AIGOV_HTTP_TIMEOUT={raw!r}: not a number of seconds") from None


def _json_term(value: dict[str, Any]) -> Node:
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(value["value"], datatype=URIRef(datatype))
    return Literal(value["value"])


class _HTTP:
    """The two requests the backend makes, with the server's own error text kept on one line."""

    def __init__(self, endpoints: Endpoints, location: str) -> None:
        self.endpoints = endpoints
        self.location = location
        self.timeout = _timeout()

    def _unreachable(self, error: OSError) -> StoreError:
        reason = one_line(getattr(error, "reason", error))
        return StoreError(f"store {self.location}: cannot reach the endpoint ({reason})")

    def _send(self, url: str, body: str, content_type: str, accept: str) -> tuple[str, bytes]:
        request = urllib.request.Request(url, data=body.encode("utf-8"), method="POST",
                                         headers={"Content-Type": content_type, "Accept": accept})
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            return response.headers.get("Content-Type", "").split(";")[0].strip(), response.read()

    def query(self, sparql: str) -> tuple[str, bytes]:
        url = self.endpoints.query
        if self.endpoints.union_parameter:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode({_UNION_PARAMETER: "true"})
        try:
            return self._send(url, sparql, "application/sparql-query; charset=utf-8", _ACCEPT)
        except urllib.error.HTTPError as error:
            detail = one_line(error.read().decode("utf-8", "replace")) or error.reason
            if 400 <= error.code < 500:
                raise QueryError(f"malformed or refused SPARQL ({error.code}): {detail}") from None
            raise StoreError(f"store {self.location}: the server failed ({error.code}): {detail}") from None
        except (urllib.error.URLError, OSError) as error:
            raise self._unreachable(error) from None

    def update(self, sparql: str) -> None:
        try:
            self._send(self.endpoints.update, sparql, "application/sparql-update; charset=utf-8", "*/*")
        except urllib.error.HTTPError as error:
            detail = one_line(error.read().decode("utf-8", "replace")) or error.reason
            raise StoreError(f"store {self.location}: update refused ({error.code}): {detail}") from None
        except (urllib.error.URLError, OSError) as error:
            raise self._unreachable(error) from None


class _Endpoint(SPARQLUpdateStore):
    """SPARQLUpdateStore whose HTTP goes through ``_HTTP``: real errors, a timeout, the union flag."""

    def __init__(self, http: _HTTP) -> None:
        super().__init__(query_endpoint=http.endpoints.query, update_endpoint=http.endpoints.update,
                         returnFormat="json")
        self._http = http

    def _query(self, query: str, default_graph: str | None = None, **_: Any) -> Result:  # type: ignore[override]
        self._queries += 1
        if default_graph is not None and not isinstance(default_graph, BNode):
            raise StoreError(f"store {self._http.location}: only union queries are supported")
        content_type, body = self._http.query(query)
        return Result.parse(io.BytesIO(body), content_type=content_type)

    def _update(self, update: str) -> None:
        self._updates += 1
        self._http.update(update)


class RemoteBackend:
    """A SPARQL 1.1 endpoint; there is no lock: the server serialises writes."""

    kind = "remote"

    def __init__(self, location: str, *, read_only: bool) -> None:
        self.location = location
        self.read_only = read_only
        self.endpoints = parse_location(location)
        self._http = _HTTP(self.endpoints, location)
        self._dataset: Dataset | None = None
        self.run_query("ASK { }", {})  # fail now, with the location in the message, if it is unreachable

    @property
    def dataset(self) -> Dataset:
        """The endpoint as an rdflib Dataset whose default graph is the union of the articles."""
        if self._dataset is None:
            self._dataset = Dataset(store=_Endpoint(self._http), default_union=True)
            for prefix, namespace in PREFIXES.items():
                self._dataset.bind(prefix, namespace, override=True)
        return self._dataset

    def refresh(self) -> None:
        """Nothing to do: every query sees the server's current state."""

    def close(self) -> None:
        self._dataset = None

    # -- writing --------------------------------------------------------------------------------
    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store {self.location} was opened read-only")

    def has_graph(self, iri: str) -> bool:
        return bool(self.run_query(f"ASK {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}", {}).boolean)

    def insert_graph(self, iri: str, quads: list[Quad]) -> bool:
        self._writable()
        if self.has_graph(iri):
            return False
        triples = "\n".join(f"{sparql_term(s)} {sparql_term(p)} {sparql_term(o)} ." for s, p, o, _ in quads)
        self._http.update(f"INSERT DATA {{ GRAPH <{iri}> {{\n{triples}\n}} }}")
        return True

    def add_to_graph(self, iri: str, quads: list[Quad]) -> bool:
        """Add quads to an existing graph with one INSERT DATA; ``False`` if all were there already."""
        self._writable()
        if not self.has_graph(iri):
            raise StoreError(f"store {self.location}: no article graph <{iri}>")
        new = [q for q in quads if not self.run_query(
            f"ASK {{ GRAPH <{iri}> {{ {sparql_term(q[0])} {sparql_term(q[1])} {sparql_term(q[2])} }} }}", {}
        ).boolean]
        if not new:
            return False
        triples = "\n".join(f"{sparql_term(s)} {sparql_term(p)} {sparql_term(o)} ." for s, p, o, _ in new)
        self._http.update(f"INSERT DATA {{ GRAPH <{iri}> {{\n{triples}\n}} }}")
        return True

    def drop_graph(self, iri: str) -> bool:
        self._writable()
        if not self.has_graph(iri):
            return False
        self._http.update(f"DROP SILENT GRAPH <{iri}>")
        return True

    # -- reading --------------------------------------------------------------------------------
    def run_query(self, sparql: str, bindings: dict[str, Node]) -> QueryResult:
        content_type, body = self._http.query(prefix_block() + sparql + values_clause(bindings))
        if content_type in ("application/sparql-results+json", "application/json"):
            try:
                data = json.loads(body)
            except ValueError as error:
                problem = f"unreadable JSON answer ({one_line(error)})"
                raise StoreError(f"store {self.location}: {problem}") from None
            if "boolean" in data:
                return QueryResult.ask(bool(data["boolean"]))
            variables = list(data.get("head", {}).get("vars", []))
            rows = [[_json_term(b[v]) if v in b else None for v in variables]
                    for b in data.get("results", {}).get("bindings", [])]
            return QueryResult.select(variables, rows)
        try:
            fmt = ox.RdfFormat.from_media_type(content_type) or ox.RdfFormat.N_TRIPLES
            triples = [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
                       for t in ox.parse(body, fmt)]
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"store {self.location}: unreadable {content_type or 'untyped'} answer "
                             f"({one_line(error)})") from None
        return QueryResult.from_triples(triples)

    def _select(self, sparql: str) -> QueryResult:
        return self.run_query(sparql, {})

    def dump(self, fmt: ox.RdfFormat, out: Any) -> None:
        """All named graphs in a dataset format, fetched with one SELECT and written by Oxigraph."""
        result = self._select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g)) for s, p, o, g in result.rows]
        ox.serialize(quads, out, fmt, prefixes=PREFIXES)

    def union_triples(self) -> list[ox.Triple]:
        result = self._select("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        return [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in result.rows]
