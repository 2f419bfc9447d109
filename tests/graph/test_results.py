"""QueryResult serialisations, read back with independent parsers (rdflib's result parsers, csv)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Variable

from graph.rdf import AIGOV
from graph.results import QueryResult, compact
from ontology.errors import QueryError
from ontology.identifiers import entity_iri

DANA = URIRef(entity_iri("Dana Okafor"))
ROWS = [
    [DANA, Literal('says "hi", then\nleaves\tnow'), Literal("2024-03-04", datatype=XSD.date)],
    [URIRef("http://example.org/plain#x"), Literal("Zürich", lang="de"), None],
    [BNode("b7"), Literal("0.5", datatype=XSD.decimal), Literal("<tag> & more")],
]
SELECT = QueryResult.select(["who", "said", "when"], ROWS)


def _parsed(text: str, fmt: str) -> list[list]:
    result = Result.parse(io.StringIO(text), format=fmt)
    return [[row.get(Variable(v)) for v in ("who", "said", "when")] for row in result.bindings]


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_select_round_trips_through_standard_result_formats(fmt):
    got = _parsed(SELECT.serialize(fmt), fmt)
    assert [[str(t) if t is not None else None for t in row] for row in got] == \
        [[str(t) if t is not None else None for t in row] for row in ROWS]
    assert [type(t) for t in got[1]][:2] == [URIRef, Literal]
    assert got[1][1].language == "de" and got[0][2].datatype == XSD.date


def test_json_is_the_sparql_json_shape():
    data = json.loads(SELECT.to_json())
    assert data["head"]["vars"] == ["who", "said", "when"]
    first = data["results"]["bindings"][0]
    assert first["who"] == {"type": "uri", "value": str(DANA)}
    assert first["when"] == {"type": "literal", "value": "2024-03-04", "datatype": str(XSD.date)}
    assert "when" not in data["results"]["bindings"][1]
    assert data["results"]["bindings"][2]["who"] == {"type": "bnode", "value": "b7"}


def test_csv_has_plain_values_and_survives_commas_quotes_newlines():
    rows = list(csv.reader(io.StringIO(SELECT.to_csv(), newline="")))
    assert rows[0] == ["who", "said", "when"]
    assert rows[1] == [str(DANA), 'says "hi", then\nleaves\tnow', "2024-03-04"]
    assert rows[2][2] == "" and rows[3][0] == "_:b7"


def test_ask_results():
    yes, no = QueryResult.ask(True), QueryResult.ask(False)
    assert json.loads(yes.to_json()) == {"head": {}, "boolean": True}
    assert Result.parse(io.StringIO(no.to_xml()), format="xml").askAnswer is False
    assert yes.to_csv().splitlines() == ["boolean", "true"]
    assert "yes" in yes.serialize("table")


def test_table_compacts_iris_and_shows_markup_as_text():
    rows = [[DANA], [AIGOV.ceoOf], [Literal("[bold]not markup[/bold]")]]
    text = QueryResult.select(["x"], rows).serialize("table")
    assert "ent:dana-okafor" in text and "aigov:ceoOf" in text
    assert "[bold]not markup[/bold]" in text
    assert "3 rows" in text


@pytest.mark.parametrize(("term", "shown"), [
    (DANA, "ent:dana-okafor"), (URIRef("http://example.org/a"), "http://example.org/a"),
    (URIRef(str(AIGOV) + "has space"), str(AIGOV) + "has space"), (BNode("z"), "_:z"),
    (Literal("x", lang="en"), "x"), (None, "")])
def test_compact(term, shown):
    assert compact(term) == shown


@pytest.mark.parametrize(("fmt", "parser"),
                         [("turtle", "turtle"), ("ntriples", "nt"), ("json-ld", "json-ld")])
def test_graph_results_serialise_as_rdf(fmt, parser):
    triples = [(DANA, AIGOV.dismissedFrom, URIRef(entity_iri("Northwind Labs"))),
               (DANA, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Dana Okafor"))]
    result = QueryResult.from_triples(triples)
    parsed = Graph().parse(data=result.serialize(fmt), format=parser)
    assert set(parsed) == set(triples)
    assert result.vars == ["subject", "predicate", "object"] and len(result) == 2


def test_wrong_or_unknown_format_is_a_query_error():
    with pytest.raises(QueryError, match="needs a CONSTRUCT or DESCRIBE"):
        SELECT.serialize("turtle")
    with pytest.raises(QueryError, match="unknown result format"):
        SELECT.serialize("yaml")
    with pytest.raises(QueryError, match="not a graph"):
        SELECT.graph()


def test_as_dicts_drops_unbound():
    assert SELECT.as_dicts()[1] == {"who": ROWS[1][0], "said": ROWS[1][1]}
    assert SELECT.column("who") == [r[0] for r in ROWS]
