"""The library of saved SPARQL queries (``graph/queries/*.rq``): list them, bind parameters, run them.

Each ``.rq`` file starts with ``# description: ...`` and declares its parameters, one a line:
``# param: NAME (KIND[, optional]) what it means``. KIND is ``entity`` (a name, alias or IRI;
inside the query ``?NAME`` is the entity's IRI, see below), ``text``, ``date`` (``YYYY[-MM[-DD]]``)
or ``year`` (``YYYY``).

Parameters are bound as RDF terms, never pasted into the query: the file marks, with a line
``# @values``, each group where its parameters are used (a query with sub-selects may need them
in several), and binding replaces each such comment with
``VALUES (?a ?b) { ("..." "...") }``, each value written by the store's term serialiser, which
escapes quotes, backslashes and newlines so a value can never end its literal. (The store's own
``bindings`` add a trailing VALUES clause, which SPARQL joins only after the query's FILTERs have
run; the parameters here must be visible to those filters, hence the inner VALUES block.)

Entity parameters are turned into IRIs before the query runs (``resolve_entity``), because
comparing the value with every ``rdfs:label`` / ``skos:altLabel`` of every article graph is a
scan (seconds at a million quads) while an IRI or an exact label is an index lookup
(milliseconds). In order: an ``http(s)`` IRI that some graph labels is taken as it is; else the
entities with that exact label or alias (plain, as ``graph.rdf`` writes it, or ``@en``); only
if there are none, the case-insensitive comparison with every label (and with every labelled
IRI). So ``kestrel dynamics`` still finds ``Kestrel Dynamics``, but once an exact label matches,
other entities whose names differ from it only in case are not added. ``bind`` without a store
(used only to check parameters before a store is opened) cannot try one lookup after another:
it puts a sub-select in the query instead, the IRI's lookup for an IRI, else the
case-insensitive comparison (the answers of the fallback, at the scan's cost).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from graph.store._terms import sparql_term
from ontology.errors import QueryError

if TYPE_CHECKING:
    from graph.results import QueryResult
    from graph.store import KnowledgeStore

__all__ = ["PARAM_KINDS", "Param", "SavedQuery", "bind", "get_saved", "parse_params", "resolve_entity",
           "run_saved", "saved_queries"]

PARAM_KINDS = ("entity", "text", "date", "year")
_MARKER = re.compile(r"^[ \t]*# @values[ \t]*$", re.MULTILINE)
_DESCRIPTION = re.compile(r"^# description:\s*(.+?)\s*$", re.MULTILINE)
_PARAM = re.compile(r"^# param:\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(([^)]*)\)\s*(.*?)\s*$", re.MULTILINE)
_CHECKS = {
    "date": (re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$"), "a date YYYY-MM-DD (or YYYY-MM, YYYY)"),
    "year": (re.compile(r"^\d{4}$"), "a year YYYY"),
}
#: An absolute http(s) IRI (the entity namespace is one) that is also valid inside ``<...>``.
_IRI = re.compile(r'^https?://[^\x00-\x20<>"{}|^`\\]+$')
#: How an entity value is looked up; each pattern finds ``?{var}`` labelled in some graph, with
#: ``{value}`` the value as SPARQL terms. ``iri`` and ``exact`` bind the term the store indexes;
#: ``any`` scans every label ignoring case, as the queries used to. ``{iri}`` also compares the
#: labelled node's IRI, only when the value has a colon (every RDF IRI has one), since spelling
#: out every IRI doubles the scan. Only ``?{var}`` is projected; the rest are ``?lookup...``.
_LABELLED = "GRAPH ?lookupGraph {{ ?{var} rdfs:label|skos:altLabel ?lookupLabel }}"
_LOOKUPS = {
    "iri": "VALUES ?{var} {{ {value} }} " + _LABELLED,
    "exact": "VALUES ?lookupLabel {{ {value} }} " + _LABELLED,
    "any": "VALUES ?lookupValue {{ {value} }} " + _LABELLED
           + " FILTER(LCASE(STR(?lookupLabel)) = LCASE(STR(?lookupValue)){iri})",
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


def _lookup(var: str, how: str, value: str) -> str:
    """``SELECT DISTINCT ?var`` of the entities ``value`` names, looked up as ``how`` (a ``_LOOKUPS`` key).

    DISTINCT because an entity is labelled once per article graph that mentions it.
    """
    if how == "iri":
        terms = sparql_term(URIRef(value))
    elif how == "exact":
        terms = f"{sparql_term(Literal(value))} {sparql_term(Literal(value, lang='en'))}"
    else:
        terms = sparql_term(Literal(value))
    iri = f" || STR(?{var}) = STR(?lookupValue)" if ":" in value else ""
    return f"SELECT DISTINCT ?{var} WHERE {{ {_LOOKUPS[how].format(var=var, value=terms, iri=iri)} }}"


def resolve_entity(store: KnowledgeStore, value: str) -> list[URIRef]:
    """The IRIs an entity parameter names, sorted; empty if it names nothing.

    Tries the lookups the store answers from its indexes first (the IRI itself, then the exact
    label or alias) and scans every label case-insensitively only when they find nothing.
    """
    order = ("iri", "exact", "any") if _IRI.match(value) else ("exact", "any")
    for how in order:
        rows = store.query(_lookup("e", how, value)).rows
        found = sorted({row[0] for row in rows if isinstance(row[0], URIRef)})  # VALUES takes no bnode
        if found:
            return found
    return []


def _checked(query: SavedQuery, values: Mapping[str, str]) -> dict[str, str | None]:
    """Each parameter's trimmed value (None for an optional one not given), checked before any lookup.

    Raises QueryError for an unknown or missing parameter and for a date or year in the wrong form.
    """
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        expected = ", ".join(declared) or "none"
        raise QueryError(f"saved query {query.name}: unknown parameter {unknown[0]!r} "
                         f"(parameters: {expected})")
    checked: dict[str, str | None] = {}
    for param in query.params:
        value = (values.get(param.name) or "").strip()
        if not value and not param.optional:
            raise QueryError(f"saved query {query.name}: missing --param {param.name}=... "
                             f"({param.description})")
        check = _CHECKS.get(param.kind)
        if value and check is not None and not check[0].match(value):
            raise QueryError(f"saved query {query.name}: {param.name}={value!r} is not {check[1]}")
        checked[param.name] = value or None
    return checked


def bind(query: SavedQuery, values: Mapping[str, str], store: KnowledgeStore | None = None) -> str:
    """The query text with its parameters bound as RDF terms in its ``# @values`` groups.

    With ``store``, entity parameters are resolved to IRIs first (``resolve_entity``), one
    VALUES row per combination (none if an entity is not found, so the query answers nothing);
    without it, each is looked up by a sub-select inside the query (see the module docstring).
    Raises QueryError for an unknown or missing parameter and for a date or year in the wrong form.
    """
    checked = _checked(query, values)
    if not query.params:
        return query.text
    parts: list[str] = []  # entity sub-selects (no store), then one VALUES block for the rest
    columns: list[str] = []
    rows: list[list[str]] = [[]]
    for param in query.params:
        value = checked[param.name]
        if value is None:
            terms = ["UNDEF"]
        elif param.kind != "entity":
            terms = [sparql_term(Literal(value))]
        elif store is not None:
            terms = [sparql_term(iri) for iri in resolve_entity(store, value)]
        else:
            parts.append(f"{{ {_lookup(param.name, 'iri' if _IRI.match(value) else 'any', value)} }}")
            continue
        columns.append(param.name)
        rows = [[*row, term] for row in rows for term in terms]
    if columns:
        names = " ".join(f"?{name}" for name in columns)
        parts.append(f"VALUES ({names}) {{ {' '.join('(' + ' '.join(row) + ')' for row in rows)} }}")
    block = " ".join(parts)
    return _MARKER.sub(lambda _match: "    " + block, query.text)


def run_saved(store: KnowledgeStore, name: str, values: Mapping[str, str] | None = None) -> QueryResult:
    """Run a saved query by name with its parameters (names without ``?``), entities resolved first."""
    return store.query(bind(get_saved(name), values or {}, store))
