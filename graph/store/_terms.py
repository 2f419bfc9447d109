"""Conversions between rdflib terms and pyoxigraph terms, and SPARQL text for a term.

oxrdflib's converter turns ``xsd:string`` literals into typed rdflib literals, which do not
compare equal to the plain literals ``graph.rdf`` builds; this one keeps them plain, so a quad
read back from either backend equals the quad that was written.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ontology.errors import QueryError

__all__ = ["from_ox", "sparql_term", "to_ox", "to_ox_quad"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANG = re.compile(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def from_ox(term: object) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise ValueError(f"unsupported RDF term from the store: {term!r}")


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise ValueError(f"not an RDF term: {term!r}")


def to_ox_quad(quad: tuple[Node, Node, Node, Node]) -> ox.Quad:
    s, p, o, g = quad
    return ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g))


def sparql_term(term: Node) -> str:
    """A term as SPARQL text, escaped so no value can end the literal or IRI it sits in.

    This is what keeps bindings sent to a remote endpoint data rather than query text.
    """
    if isinstance(term, URIRef):
        if _BAD_IRI.search(str(term)):
            raise QueryError(f"binding value is not a valid IRI: {str(term)[:80]!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = "".join(_ESCAPES.get(ch, ch) for ch in str(term))
        if term.language:
            if not _LANG.match(term.language):
                raise QueryError(f"binding has an invalid language tag: {term.language!r}")
            return f'"{text}"@{term.language}'
        if term.datatype and str(term.datatype) != _XSD_STRING:
            return f'"{text}"^^{sparql_term(URIRef(term.datatype))}'
        return f'"{text}"'
    raise QueryError(f"a binding must be an IRI or a literal, not {type(term).__name__}")
