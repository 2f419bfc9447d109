"""Query results, whichever backend answered, and their standard serialisations.

A ``QueryResult`` holds rdflib terms only, so the CLI, the HTTP endpoint and notebooks format
answers identically for the embedded store and for a remote endpoint. SELECT results write
as the SPARQL 1.1 CSV, TSV, JSON and XML result formats; CONSTRUCT/DESCRIBE results as Turtle,
N-Triples or JSON-LD; tables compress IRIs with the project's prefixes.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graph.rdf import PREFIXES
from ontology.errors import QueryError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

__all__ = ["GRAPH_FORMATS", "SOLUTION_FORMATS", "QueryResult", "compact"]

#: Formats for SELECT and ASK results.
SOLUTION_FORMATS = ("table", "csv", "tsv", "json", "xml")
#: Formats for CONSTRUCT and DESCRIBE results (``table``, ``csv``, ``tsv`` also work: one row a triple).
GRAPH_FORMATS = ("turtle", "ntriples", "json-ld")

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LOCAL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"
_RDF_FORMATS = {"turtle": "turtle", "ttl": "turtle", "ntriples": "nt", "nt": "nt",
                "json-ld": "json-ld", "jsonld": "json-ld"}


def compact(term: Node | None) -> str:
    """A term as a table shows it: ``aigov:ceoOf``, ``ent:acme-labs``, a literal's text, ``_:b0``."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, namespace in PREFIXES.items():
            if text.startswith(namespace) and _LOCAL.match(text[len(namespace):]):
                return f"{prefix}:{text[len(namespace):]}"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _turtle_term(term: Node | None) -> str:
    """A term in Turtle/N-Triples syntax (the TSV results format)."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    assert isinstance(term, Literal)
    text = '"' + "".join(_ESCAPES.get(ch, ch) for ch in str(term)) + '"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype and str(term.datatype) != _XSD_STRING:
        return f"{text}^^<{term.datatype}>"
    return text


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and str(term.datatype) != _XSD_STRING:
        out["datatype"] = str(term.datatype)
    return out


@dataclass(slots=True)
class QueryResult:
    """The answer to one query.

    ``kind`` is ``"select"``, ``"ask"`` or ``"graph"`` (CONSTRUCT/DESCRIBE). ``vars`` are the
    variable names and ``rows`` lists of rdflib terms (``None`` for unbound); an ASK answer is
    in ``boolean``; a graph answer's rows are its triples under ``subject predicate object``.
    """

    kind: str
    vars: list[str] = field(default_factory=list)
    rows: list[list[Node | None]] = field(default_factory=list)
    boolean: bool | None = None

    # -- construction -----------------------------------------------------------------------
    @classmethod
    def select(cls, variables: Sequence[str], rows: Sequence[Sequence[Node | None]]) -> QueryResult:
        return cls("select", list(variables), [list(row) for row in rows])

    @classmethod
    def ask(cls, value: bool) -> QueryResult:
        return cls("ask", [], [], bool(value))

    @classmethod
    def from_triples(cls, triples: Sequence[tuple[Node, Node, Node]]) -> QueryResult:
        return cls("graph", ["subject", "predicate", "object"], [list(t) for t in dict.fromkeys(triples)])

    # -- access -----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.rows) if self.kind != "ask" else int(bool(self.boolean))

    def __iter__(self) -> Iterator[list[Node | None]]:
        return iter(self.rows)

    def as_dicts(self) -> list[dict[str, Node]]:
        """Rows as ``{variable: term}`` without the unbound ones, the shape notebooks like."""
        return [{v: t for v, t in zip(self.vars, row, strict=True) if t is not None} for row in self.rows]

    def column(self, name: str) -> list[Node | None]:
        index = self.vars.index(name)
        return [row[index] for row in self.rows]

    def graph(self) -> Graph:
        """A CONSTRUCT/DESCRIBE answer as an rdflib Graph with the project's prefixes bound."""
        if self.kind != "graph":
            raise QueryError(f"a {self.kind.upper()} result is not a graph; use CONSTRUCT or DESCRIBE")
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        for s, p, o in self.rows:
            graph.add((s, p, o))
        return graph

    # -- serialisation ----------------------------------------------------------------------
    def serialize(self, fmt: str) -> str:
        """The result as text in ``fmt`` (see SOLUTION_FORMATS and GRAPH_FORMATS)."""
        fmt = fmt.lower()
        if fmt == "table":
            console_text = io.StringIO()
            from rich.console import Console

            self.print_table(Console(file=console_text, width=200, color_system=None))
            return console_text.getvalue()
        writers = {"csv": self.to_csv, "tsv": self.to_tsv, "json": self.to_json, "xml": self.to_xml}
        if fmt in writers:
            return writers[fmt]()
        if fmt in _RDF_FORMATS:
            if self.kind != "graph":
                raise QueryError(f"{fmt} output needs a CONSTRUCT or DESCRIBE query; "
                                 "use table, csv, tsv, json or xml")
            return self.graph().serialize(format=_RDF_FORMATS[fmt])
        raise QueryError(f"unknown result format {fmt!r}; use one of "
                         + ", ".join((*SOLUTION_FORMATS, *GRAPH_FORMATS)))

    def to_csv(self) -> str:
        """SPARQL 1.1 CSV results: plain values, CRLF line ends; ASK gives one ``boolean`` column."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        if self.kind == "ask":
            writer.writerows([["boolean"], ["true" if self.boolean else "false"]])
            return out.getvalue()
        writer.writerow(self.vars)
        for row in self.rows:
            writer.writerow(["" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t)
                             for t in row])
        return out.getvalue()

    def to_tsv(self) -> str:
        """SPARQL 1.1 TSV results: ``?var`` headers and terms in Turtle syntax."""
        if self.kind == "ask":
            return "?boolean\n" + ("true" if self.boolean else "false") + "\n"
        lines = ["\t".join(f"?{v}" for v in self.vars)]
        lines += ["\t".join(_turtle_term(t) for t in row) for row in self.rows]
        return "\n".join(lines) + "\n"

    def _json_object(self) -> dict[str, Any]:
        if self.kind == "ask":
            return {"head": {}, "boolean": bool(self.boolean)}
        bindings = [{v: _json_term(t) for v, t in zip(self.vars, row, strict=True) if t is not None}
                    for row in self.rows]
        return {"head": {"vars": list(self.vars)}, "results": {"bindings": bindings}}

    def to_json(self) -> str:
        """SPARQL 1.1 JSON results (a CONSTRUCT answer gives JSON-LD instead)."""
        if self.kind == "graph":
            return self.graph().serialize(format="json-ld")
        return json.dumps(self._json_object(), ensure_ascii=False, indent=1) + "\n"

    def to_xml(self) -> str:
        """SPARQL Query Results XML."""
        ElementTree.register_namespace("", _RESULTS_NS)
        ns = f"{{{_RESULTS_NS}}}"
        root = ElementTree.Element(f"{ns}sparql")
        head = ElementTree.SubElement(root, f"{ns}head")
        if self.kind == "ask":
            ElementTree.SubElement(root, f"{ns}boolean").text = "true" if self.boolean else "false"
        else:
            for var in self.vars:
                ElementTree.SubElement(head, f"{ns}variable", name=var)
            results = ElementTree.SubElement(root, f"{ns}results")
            for row in self.rows:
                result = ElementTree.SubElement(results, f"{ns}result")
                for var, term in zip(self.vars, row, strict=True):
                    if term is None:
                        continue
                    binding = ElementTree.SubElement(result, f"{ns}binding", name=var)
                    self._xml_term(binding, term, ns)
        body = ElementTree.tostring(root, encoding="unicode")
        return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'

    @staticmethod
    def _xml_term(parent: ElementTree.Element, term: Node, ns: str) -> None:
        if isinstance(term, URIRef):
            ElementTree.SubElement(parent, f"{ns}uri").text = str(term)
        elif isinstance(term, BNode):
            ElementTree.SubElement(parent, f"{ns}bnode").text = str(term)
        else:
            assert isinstance(term, Literal)
            attributes = {}
            if term.language:
                attributes["{http://www.w3.org/XML/1998/namespace}lang"] = term.language
            elif term.datatype and str(term.datatype) != _XSD_STRING:
                attributes["datatype"] = str(term.datatype)
            ElementTree.SubElement(parent, f"{ns}literal", attributes).text = str(term)

    def to_table(self, *, title: str | None = None) -> Table:
        """A rich Table with compact terms; text is never read as rich markup."""
        from rich.table import Table
        from rich.text import Text

        if self.kind == "ask":
            table = Table("answer", title=title)
            table.add_row(Text("yes" if self.boolean else "no"))
            return table
        table = Table(*self.vars, title=title)
        for row in self.rows:
            table.add_row(*(Text(compact(term)) for term in row))
        return table

    def print_table(self, console: Console) -> None:
        console.print(self.to_table())
        if self.kind != "ask":
            console.print(f"{len(self.rows)} row{'s' if len(self.rows) != 1 else ''}", markup=False,
                          highlight=False)
