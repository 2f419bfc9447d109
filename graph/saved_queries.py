"""The library of saved SPARQL queries (``graph/queries/*.rq``): list them, bind parameters, run them.

Each ``.rq`` file starts with ``# description: ...`` and declares its parameters, one a line:
``# param: NAME (KIND[, optional]) what it means``. KIND is ``entity`` (a name, alias or IRI,
matched inside the query against ``rdfs:label`` / ``skos:altLabel``), ``text``, ``date``
(``YYYY[-MM[-DD]]``) or ``year`` (``YYYY``).

Parameters are bound as RDF terms, never pasted into the query: the file marks, with a line
``# @values``, each group where its parameters are used (a query with sub-selects may need them
in several), and binding replaces each such comment with
``VALUES (?a ?b) { ("..." "...") }``, each value written by the store's term serialiser, which
escapes quotes, backslashes and newlines so a value can never end its literal. (The store's own
``bindings`` add a trailing VALUES clause, which SPARQL joins only after the query's FILTERs have
run; the parameters here must be visible to those filters, hence the inner VALUES block.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from rdflib import Literal

from graph.store._terms import sparql_term
from ontology.errors import QueryError

if TYPE_CHECKING:
    from graph.results import QueryResult
    from graph.store import KnowledgeStore

__all__ = ["PARAM_KINDS", "Param", "SavedQuery", "bind", "get_saved", "parse_params", "run_saved",
           "saved_queries"]

PARAM_KINDS = ("entity", "text", "date", "year")
_MARKER = re.compile(r"^[ \t]*# @values[ \t]*$", re.MULTILINE)
_DESCRIPTION = re.compile(r"^# description:\s*(.+?)\s*$", re.MULTILINE)
_PARAM = re.compile(r"^# param:\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(([^)]*)\)\s*(.*?)\s*$", re.MULTILINE)
_CHECKS = {
    "date": (re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$"), "a date YYYY-MM-DD (or YYYY-MM, YYYY)"),
    "year": (re.compile(r"^\d{4}$"), "a year YYYY"),
}


@dataclass(frozen=True, slots=True)
class Param:
    """One declared parameter of a saved query."""

    name: str
    kind: str
    description: str
    optional: bool = False


@dataclass(frozen=True, slots=True)
class SavedQuery:
    """A saved query: its name (the file name), one-line description, parameters and text."""

    name: str
    description: str
    params: tuple[Param, ...]
    text: str

    def usage(self) -> str:
        """``--param org=NAME --param date=DATE`` as a reminder of what to pass."""
        return " ".join(f"[--param {p.name}=...]" if p.optional else f"--param {p.name}=..."
                        for p in self.params)


def _parse(name: str, text: str) -> SavedQuery:
    described = _DESCRIPTION.search(text)
    if described is None:
        raise QueryError(f"saved query {name}: no '# description:' line")
    params = []
    for match in _PARAM.finditer(text):
        spec = [part.strip() for part in match.group(2).split(",")]
        kind, optional = spec[0], "optional" in spec[1:]
        if kind not in PARAM_KINDS:
            raise QueryError(f"saved query {name}: parameter {match.group(1)} has unknown kind {kind!r}")
        params.append(Param(match.group(1), kind, match.group(3), optional))
    if params and not _MARKER.search(text):
        raise QueryError(f"saved query {name}: declares parameters but has no '# @values' line")
    return SavedQuery(name, described.group(1), tuple(params), text)


@lru_cache(maxsize=1)
def saved_queries() -> dict[str, SavedQuery]:
    """Every saved query shipped in ``graph/queries``, by name, sorted."""
    folder = resources.files("graph") / "queries"
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            found[name] = _parse(name, entry.read_text(encoding="utf-8"))
    return found


def get_saved(name: str) -> SavedQuery:
    """One saved query by name, or QueryError listing the names there are."""
    queries = saved_queries()
    if name not in queries:
        raise QueryError(f"no saved query named {name!r}; saved queries: {', '.join(queries)}")
    return queries[name]


def parse_params(items: Iterable[str]) -> dict[str, str]:
    """``["org=Acme Labs", "date=2023-11-19"]`` -> a dict; everything after the first ``=`` is the value."""
    values: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {item!r}: expected NAME=VALUE")
        values[name.strip()] = value
    return values


def bind(query: SavedQuery, values: Mapping[str, str]) -> str:
    """The query text with its parameters bound as literals in its ``# @values`` groups.

    Raises QueryError for an unknown or missing parameter and for a date or year in the wrong form.
    """
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        expected = ", ".join(declared) or "none"
        raise QueryError(f"saved query {query.name}: unknown parameter {unknown[0]!r} "
                         f"(parameters: {expected})")
    if not query.params:
        return query.text
    terms = []
    for param in query.params:
        value = values.get(param.name)
        if value is None or not value.strip():
            if not param.optional:
                raise QueryError(f"saved query {query.name}: missing --param {param.name}=... "
                                 f"({param.description})")
            terms.append("UNDEF")
            continue
        value = value.strip()
        check = _CHECKS.get(param.kind)
        if check is not None and not check[0].match(value):
            raise QueryError(f"saved query {query.name}: {param.name}={value!r} is not {check[1]}")
        terms.append(sparql_term(Literal(value)))
    names = " ".join(f"?{p.name}" for p in query.params)
    block = f"VALUES ({names}) {{ ({' '.join(terms)}) }}"
    return _MARKER.sub(lambda _match: "    " + block, query.text)


def run_saved(store: KnowledgeStore, name: str, values: Mapping[str, str] | None = None) -> QueryResult:
    """Run a saved query by name with its parameters (names without ``?``)."""
    return store.query(bind(get_saved(name), values or {}))
