"""What the endpoint refuses before any query runs: updates, federation, empty text.

The endpoint is read-only and must not become a way to make the machine it runs on fetch
other URLs, so besides SPARQL Update it refuses ``SERVICE`` (federated query), which
Oxigraph would otherwise evaluate by calling out over HTTP. The workers also open the store
read-only, so a query that slipped past these checks still could not change anything.
"""

from __future__ import annotations

import re

from graph.endpoint._errors import HttpError
from graph.store._sparql import READ_ONLY_MESSAGE, check_query
from ontology.errors import QueryError

__all__ = ["UPDATE_REFUSED", "check_read_only_query"]

UPDATE_REFUSED = "this endpoint is read-only: SPARQL Update is refused and nothing was changed"
_MASK = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n\r]*",
    re.DOTALL,
)
_SERVICE = re.compile(r"(?<![\w?$:.-])SERVICE(?![\w:.-])", re.IGNORECASE)


def check_read_only_query(text: str) -> str:
    """The query text, or HttpError: 400 if empty, 403 if an update or a federated (SERVICE) query."""
    try:
        check_query(text)
    except QueryError as error:
        if str(error) == READ_ONLY_MESSAGE:
            raise HttpError(403, UPDATE_REFUSED) from None
        raise HttpError(400, str(error)) from None
    if _SERVICE.search(_MASK.sub(" ", text)):
        raise HttpError(403, "federated queries (SERVICE) are refused by this endpoint")
    return text
