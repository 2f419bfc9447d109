"""Reading a SPARQL 1.1 Protocol request: the query text and the formats asked for.

Three ways in, as the protocol defines them: ``GET /sparql?query=``, ``POST`` with an
``application/x-www-form-urlencoded`` body, and ``POST`` with an ``application/sparql-query``
body. Anything that carries an update (an ``update=`` parameter, an
``application/sparql-update`` body) is refused with 403 before it is read further.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field

from graph.endpoint._errors import HttpError
from graph.endpoint._guard import UPDATE_REFUSED, check_read_only_query

__all__ = ["MAX_BODY", "SparqlRequest", "parse_sparql_request"]

#: Largest request body read, in bytes: a query is text a person or program wrote, not data.
MAX_BODY = 1_000_000
_DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri")


@dataclass(frozen=True, slots=True)
class SparqlRequest:
    """A read-only query and how its answer should be formatted."""

    query: str
    accept: str | None = None
    formats: tuple[str, ...] = field(default_factory=tuple)


def _parameters(text: str, where: str) -> dict[str, list[str]]:
    try:
        return urllib.parse.parse_qs(text, keep_blank_values=True, strict_parsing=False,
                                     encoding="utf-8", errors="strict")
    except (ValueError, UnicodeDecodeError):
        raise HttpError(400, f"the {where} is not valid UTF-8 form data") from None


def _decode(body: bytes, where: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError(400, f"the {where} is not valid UTF-8") from None


def parse_sparql_request(method: str, query_string: str, content_type: str | None, body: bytes,
                         accept: str | None = None) -> SparqlRequest:
    """The request's query (checked read-only) and formats, or HttpError with the status to send."""
    parameters = _parameters(query_string, "query string")
    media = (content_type or "").split(";")[0].strip().lower()
    text: str | None = None
    if method == "POST":
        if media == "application/sparql-update":
            raise HttpError(403, UPDATE_REFUSED)
        if media == "application/x-www-form-urlencoded":
            for key, values in _parameters(_decode(body, "request body"), "request body").items():
                parameters.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            text = _decode(body, "request body")
        else:
            raise HttpError(415, f"unsupported Content-Type {media or '(none)'!r}: send "
                                 "application/x-www-form-urlencoded or application/sparql-query")
    elif method != "GET":
        raise HttpError(405, f"{method} is not allowed on /sparql; use GET or POST")
    if "update" in parameters:
        raise HttpError(403, UPDATE_REFUSED)
    for name in _DATASET_PARAMETERS:
        if name in parameters:
            raise HttpError(400, f"{name} is not supported here: queries always run over the union "
                                 "of the article graphs (use GRAPH ?g to name one)")
    if text is None:
        queries = parameters.get("query", [])
        if not queries:
            raise HttpError(400, "no query: pass query=... (the query page is at /query)")
        if len(queries) > 1:
            raise HttpError(400, "more than one query parameter")
        text = queries[0]
    formats = tuple(parameters.get("format", []) + parameters.get("output", []))
    return SparqlRequest(check_read_only_query(text), accept, formats)
