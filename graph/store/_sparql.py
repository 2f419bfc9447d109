"""Checks and rewrites shared by both backends: refuse updates, validate bindings, add prefixes.

Kept free of any store so the two backends treat a query string exactly alike.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from graph.rdf import PREFIXES
from graph.store._terms import sparql_term
from ontology.errors import QueryError

__all__ = [
    "READ_ONLY_MESSAGE",
    "check_query",
    "normalise_bindings",
    "one_line",
    "prefix_block",
    "values_clause",
]

READ_ONLY_MESSAGE = "read-only: SPARQL Update is not allowed here"
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_SKIP = re.compile(r"(?:\s+|#[^\n\r]*)+")
_PROLOGUE = re.compile(r"(?i)(?:PREFIX\s*[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)")
_WORD = re.compile(r"[A-Za-z]+")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def one_line(error: object) -> str:
    """An error message on one line: parsers and servers like to spread theirs over several."""
    return " ".join(str(error).split()) or type(error).__name__


def _first_keyword(text: str) -> str:
    """The first keyword after comments and the prologue (PREFIX/BASE declarations)."""
    position = 0
    while True:
        skipped = _SKIP.match(text, position)
        if skipped:
            position = skipped.end()
        declaration = _PROLOGUE.match(text, position)
        if not declaration:
            break
        position = declaration.end()
    word = _WORD.match(text, position)
    return word.group(0).upper() if word else ""


def check_query(sparql: str) -> str:
    """The query text, or QueryError if it is empty or an update (updates never run on the query path)."""
    if not isinstance(sparql, str) or not sparql.strip():
        raise QueryError("empty SPARQL query")
    if _first_keyword(sparql) in _UPDATE_WORDS:
        raise QueryError(READ_ONLY_MESSAGE)
    return sparql


def _as_term(name: str, value: Any) -> Node:
    if isinstance(value, (URIRef, Literal)):
        return value
    if isinstance(value, BNode):
        raise QueryError(f"binding ?{name}: blank nodes cannot be bound")
    if isinstance(value, (str, bool, int, float, Decimal, dt.date, dt.datetime)):
        return Literal(value)
    kind = type(value).__name__
    raise QueryError(f"binding ?{name}: cannot bind a {kind}; use an rdflib URIRef or Literal")


def normalise_bindings(bindings: Mapping[str, Any] | None) -> dict[str, Node]:
    """Variable name -> rdflib term; plain Python values become literals, never query text."""
    result: dict[str, Node] = {}
    for raw_name, value in (bindings or {}).items():
        name = str(raw_name).lstrip("?$")
        if not _VARIABLE.match(name):
            raise QueryError(f"binding name is not a SPARQL variable name: {raw_name!r}")
        result[name] = _as_term(name, value)
    return result


def values_clause(bindings: Mapping[str, Node]) -> str:
    """A trailing ``VALUES`` clause with each term escaped (for endpoints, which take only text)."""
    if not bindings:
        return ""
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(sparql_term(term) for term in bindings.values())
    return f"\nVALUES ({names}) {{ ({terms}) }}\n"


def prefix_block() -> str:
    """The predeclared prefixes as SPARQL text; a query's own PREFIX lines still win (they come later)."""
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())
