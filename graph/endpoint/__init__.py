"""The read-only SPARQL 1.1 endpoint behind ``aigov serve``, with the graph page and a query page.

``serve(EndpointSettings(...))`` runs it until interrupted; ``make_server`` gives the bound
server for embedding (``server.serve_forever()``, ``server.close()``). See docs/endpoint.md
for the routes, formats, limits and why it is built the way it is.
"""

from graph.endpoint._errors import HttpError
from graph.endpoint._formats import FORMATS, ResultFormat, choose_format, parse_accept
from graph.endpoint._server import (
    DEFAULT_MAX_RESULTS,
    DEFAULT_TIMEOUT,
    EndpointServer,
    EndpointSettings,
    is_loopback,
    make_server,
    serve,
)

__all__ = [
    "DEFAULT_MAX_RESULTS",
    "DEFAULT_TIMEOUT",
    "FORMATS",
    "EndpointServer",
    "EndpointSettings",
    "HttpError",
    "ResultFormat",
    "choose_format",
    "is_loopback",
    "make_server",
    "parse_accept",
    "serve",
]
