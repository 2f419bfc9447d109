"""The HTTP server: routes, the settings it runs with, and the loopback-only default.

Built on the standard library's ``ThreadingHTTPServer``: the endpoint needs a handful of
routes and no framework, the heavy lifting (query evaluation) happens in worker processes
anyway, and nothing has to be installed beside the project's own dependencies.

Routes: ``/sparql`` (SPARQL 1.1 Protocol query operation, read-only), ``/update`` (always
403), ``/`` (the graph page; ``?reload=1`` redraws it), ``/query`` (the query page).
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from graph.endpoint._errors import HttpError
from graph.endpoint._guard import UPDATE_REFUSED
from graph.endpoint._pages import GraphPage, query_page
from graph.endpoint._pool import WorkerPool
from graph.endpoint._protocol import MAX_BODY, parse_sparql_request
from graph.endpoint._runner import Reply, text_reply
from graph.store import resolve_location
from graph.store._sparql import one_line
from ontology.errors import AigovError, ConfigurationError, QueryError

__all__ = ["DEFAULT_MAX_RESULTS", "DEFAULT_TIMEOUT", "EndpointServer", "EndpointSettings", "is_loopback",
           "make_server", "serve"]

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULTS = 100_000
_QUERY_PAGE_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                      "connect-src 'self'; form-action 'self'; base-uri 'none'")


@dataclass(frozen=True, slots=True)
class EndpointSettings:
    """How ``aigov serve`` runs: where it listens, which store, and its limits."""

    host: str = "127.0.0.1"
    port: int = 8000
    store: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_results: int = DEFAULT_MAX_RESULTS
    workers: int = 2
    title: str = "aigov-kg"

    def checked(self) -> EndpointSettings:
        """The settings, or ConfigurationError naming the one that cannot work."""
        if not (self.timeout > 0) or self.timeout == float("inf"):
            raise ConfigurationError(f"query timeout {self.timeout!r}: must be a positive number of seconds")
        if self.max_results < 1:
            raise ConfigurationError(f"max results {self.max_results!r}: must be at least 1")
        if self.workers < 1:
            raise ConfigurationError(f"workers {self.workers!r}: must be at least 1")
        if not 0 <= self.port <= 65535:
            raise ConfigurationError(f"port {self.port!r}: must be between 0 and 65535")
        return self


def is_loopback(host: str) -> bool:
    """Whether every address ``host`` names is a loopback address (only this machine can connect)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)


class EndpointServer(ThreadingHTTPServer):
    """The HTTP server holding the query workers and the graph page cache."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, settings: EndpointSettings, pool: WorkerPool, page: GraphPage, *,
                 log_requests: bool = True) -> None:
        self.settings = settings
        self.pool = pool
        self.page = page
        self.log_requests = log_requests
        host = settings.host.strip("[]")
        if ":" in host:
            self.address_family = socket.AF_INET6
        try:
            super().__init__((host, settings.port), _Handler)
        except OSError as error:
            raise ConfigurationError(f"cannot listen on {settings.host}:{settings.port} "
                                     f"({error.strerror or one_line(error)})") from None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else str(host)
        return f"http://{shown}:{port}/"

    def handle_error(self, request: object, client_address: object) -> None:
        """One line on stderr instead of a traceback (a client hanging up mid-answer, mostly)."""
        error = sys.exc_info()[1]
        print(f"aigov serve: {client_address}: {type(error).__name__}: {one_line(error)}", file=sys.stderr)

    def close(self) -> None:
        self.server_close()
        self.pool.close()
        self.page.close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "aigov-kg"
    sys_version = ""
    # http.server's own errors (a garbled request line, a header too long) in plain text too.
    error_content_type = "text/plain; charset=utf-8"
    error_message_format = "%(code)d %(message)s\n"
    server: EndpointServer

    # -- plumbing ---------------------------------------------------------------------------------
    def _send(self, reply: Reply, *, headers: dict[str, str] | None = None) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def _body(self) -> bytes:
        """The whole request body, read before any routing so a kept-alive connection stays in step."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            raise HttpError(411, "chunked request bodies are not supported; send a Content-Length")
        raw = self.headers.get("Content-Length")
        if raw is None:
            return b""
        try:
            length = int(raw)
        except ValueError:
            self.close_connection = True
            raise HttpError(400, f"Content-Length {raw!r} is not a number") from None
        if length < 0:
            self.close_connection = True
            raise HttpError(400, f"Content-Length {raw!r} is negative")
        if length > MAX_BODY:
            self.close_connection = True
            raise HttpError(413, f"the request body has {length} bytes; the limit is {MAX_BODY}")
        return self.rfile.read(length)

    def _route(self, method: str) -> tuple[Reply, dict[str, str]]:
        body = self._body() if method == "POST" else b""
        parts = urllib.parse.urlsplit(self.path)
        path = parts.path
        if path == "/sparql":
            request = parse_sparql_request(method, parts.query, self.headers.get("Content-Type"), body,
                                           self.headers.get("Accept"))
            return self.server.pool.run(request), {"Vary": "Accept"}
        if path == "/update":
            return text_reply(403, UPDATE_REFUSED), {}
        if method == "POST":
            raise HttpError(405, f"POST is not allowed on {path}; queries go to /sparql")
        if path in ("/", "/index.html"):
            reload = urllib.parse.parse_qs(parts.query).get("reload", ["0"])[0] not in ("", "0", "false")
            try:
                html = self.server.page.html(reload=reload)
            except QueryError as error:  # too many nodes for a page
                return text_reply(413, str(error)), {}
            return Reply(200, "text/html; charset=utf-8", html), {}
        if path == "/query":
            return Reply(200, "text/html; charset=utf-8", query_page()), {
                "Content-Security-Policy": _QUERY_PAGE_POLICY}
        raise HttpError(404, f"no such page: {path}; try / (graph), /query (query page) or /sparql")

    def _handle(self, method: str) -> None:
        extra: dict[str, str] = {}
        try:
            reply, extra = self._route(method)
        except HttpError as error:
            reply = text_reply(error.status, error.message)
            if error.status == 405:
                extra = {"Allow": "GET, POST" if self.path.startswith("/sparql") else "GET"}
        except AigovError as error:
            reply = text_reply(500, str(error))
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
            return
        except Exception as error:  # the client gets a line, never a traceback
            reply = text_reply(500, f"internal error: {type(error).__name__}: {one_line(error)}")
        self._send(reply, headers=extra)

    # -- methods -----------------------------------------------------------------------------------
    def do_GET(self) -> None:
        self._handle("GET")

    def do_HEAD(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def _not_allowed(self) -> None:
        self._send(text_reply(405, f"{self.command} is not allowed; this endpoint is read-only"),
                   headers={"Allow": "GET, POST"})

    do_PUT = do_DELETE = do_PATCH = _not_allowed

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        if self.server.log_requests:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")


Announce = Callable[[str], None]


def make_server(settings: EndpointSettings, *, log_requests: bool = True) -> EndpointServer:
    """Bind the socket and open the store in the query workers; ConfigurationError / StoreError if not."""
    settings = settings.checked()
    location = resolve_location(settings.store)
    pool = WorkerPool(location, size=settings.workers, timeout=settings.timeout,
                      max_results=settings.max_results)
    page = GraphPage(location, title=settings.title)
    server = EndpointServer(settings, pool, page, log_requests=log_requests)  # a taken port fails first
    try:
        pool.start()
    except BaseException:
        server.close()
        raise
    return server


def serve(settings: EndpointSettings, *, announce: Announce | None = None, log_requests: bool = True) -> None:
    """Run the endpoint until interrupted (Ctrl-C or SIGTERM), then stop the workers."""
    import signal

    say = announce or (lambda line: print(line, file=sys.stderr, flush=True))
    if not is_loopback(settings.host):
        say(f"WARNING: listening on {settings.host}, not a loopback address: every machine that can reach "
            "this one can read the whole knowledge graph, with no authentication. "
            "Use --host 127.0.0.1 to keep it local.")
    server = make_server(settings, log_requests=log_requests)

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        say(f"aigov serve: {server.url} (SPARQL endpoint {server.url}sparql, query page {server.url}query) "
            f"store {resolve_location(settings.store)}, pid {os.getpid()}; "
            f"time limit {settings.timeout:g} s, at most {settings.max_results} results")
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()
