"""A real HTTP server on 127.0.0.1 for tests: a folder of files plus special routes, in a thread.

Pytest-free on purpose, so any test module (or a notebook) can use it::

    with WebServer(folder, routes=standard_routes()) as server:
        fetch_article(server.url("/articles/og.html"))

It binds a free port chosen by the OS, serves ``folder`` (files ending in ``.xml``, ``.rss``
and ``.atom`` have ``{{BASE}}`` replaced by the server's base URL, so feeds can list the
server's own pages), and answers the paths in ``routes`` with handlers built by the
helpers below: ``redirect``, ``status``, ``body``, ``huge``, ``slow``, ``drip``. Slow handlers
wait on an event that ``stop`` sets, so closing the server never waits out a sleep.
"""

from __future__ import annotations

import mimetypes
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = [
    "Handler",
    "WebServer",
    "body",
    "drip",
    "huge",
    "redirect",
    "slow",
    "standard_routes",
    "status",
]

#: A route handler: gets the request handler (to write the response) and the server.
Handler = Callable[[BaseHTTPRequestHandler, "WebServer"], None]
_TEMPLATED = (".xml", ".rss", ".atom")
_TYPES = {".rss": "application/rss+xml", ".atom": "application/atom+xml", ".html": "text/html",
          ".htm": "text/html", ".txt": "text/plain", ".xml": "application/xml"}


class WebServer:
    """Serve ``folder`` and ``routes`` on ``127.0.0.1:<free port>`` from a daemon thread."""

    def __init__(self, folder: str | Path | None = None, routes: dict[str, Handler] | None = None) -> None:
        self.folder = Path(folder).resolve() if folder is not None else None
        self.routes = dict(routes or {})
        self.requests: list[tuple[str, dict[str, str]]] = []  # (path, headers) of every request
        self.stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the server is not running")
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def start(self) -> WebServer:
        server = self

        class _Request(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return  # keep test output clean

            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers.items())))
                path = unquote(urlsplit(self.path).path)
                handler = server.routes.get(path)
                try:
                    if handler is not None:
                        handler(self, server)
                    else:
                        server._serve_file(self, path)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout or size-limit test): that is the point

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Request)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="test-webserver", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._httpd = None

    def __enter__(self) -> WebServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve_file(self, request: BaseHTTPRequestHandler, path: str) -> None:
        if self.folder is None:
            status(404)(request, self)
            return
        target = (self.folder / path.lstrip("/")).resolve()
        if self.folder not in target.parents or not target.is_file():
            status(404)(request, self)
            return
        data = target.read_bytes()
        suffix = target.suffix.lower()
        if suffix in _TEMPLATED:
            data = data.replace(b"{{BASE}}", self.base_url.encode("ascii"))
        guessed = mimetypes.guess_type(target.name)[0]
        content_type = _TYPES.get(suffix) or guessed or "application/octet-stream"
        if content_type.startswith("text/") or content_type.endswith("xml"):
            content_type += "; charset=utf-8"
        body(data, content_type)(request, self)


def _send(request: BaseHTTPRequestHandler, code: int, content_type: str, data: bytes,
          extra: dict[str, str] | None = None) -> None:
    request.send_response(code)
    request.send_header("Content-Type", content_type)
    request.send_header("Content-Length", str(len(data)))
    for key, value in (extra or {}).items():
        request.send_header(key, value)
    request.end_headers()
    request.wfile.write(data)


def body(data: bytes | str, content_type: str = "text/html; charset=utf-8", code: int = 200) -> Handler:
    """Answer with ``data`` as ``content_type``."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    return lambda request, server: _send(request, code, content_type, payload)


def status(code: int) -> Handler:
    """Answer with an HTTP error page (404, 500, ...)."""
    def handler(request: BaseHTTPRequestHandler, server: WebServer) -> None:
        reason = request.responses.get(code, ("",))[0]
        _send(request, code, "text/html; charset=utf-8", f"<h1>{code} {reason}</h1>".encode())
    return handler


def redirect(location: str, code: int = 302) -> Handler:
    """Redirect to ``location`` (a path on this server or any URL)."""
    def handler(request: BaseHTTPRequestHandler, server: WebServer) -> None:
        target = server.url(location) if location.startswith("/") else location
        _send(request, code, "text/html; charset=utf-8", b"moved", {"Location": target})
    return handler


def huge(n_bytes: int, content_type: str = "text/html; charset=utf-8", *, declare_length: bool = False,
         ) -> Handler:
    """Stream ``n_bytes`` of filler, with no Content-Length unless ``declare_length``."""
    def handler(request: BaseHTTPRequestHandler, server: WebServer) -> None:
        request.send_response(200)
        request.send_header("Content-Type", content_type)
        if declare_length:
            request.send_header("Content-Length", str(n_bytes))
        request.send_header("Connection", "close")
        request.end_headers()
        chunk = b"<p>" + b"filler words " * 5000 + b"</p>\n"
        sent = 0
        while sent < n_bytes and not server.stopping.is_set():
            piece = chunk[: n_bytes - sent]
            request.wfile.write(piece)
            sent += len(piece)
        request.close_connection = True
    return handler


def slow(seconds: float, then: Handler | None = None) -> Handler:
    """Say nothing for ``seconds`` (or until the server stops), then answer with ``then``."""
    def handler(request: BaseHTTPRequestHandler, server: WebServer) -> None:
        if server.stopping.wait(seconds):
            return
        (then or body("<p>finally</p>"))(request, server)
    return handler


def drip(interval: float, pieces: int) -> Handler:
    """Send headers at once, then one small piece every ``interval`` seconds: each read is quick,
    the whole response is slow (what only an overall deadline catches)."""
    def handler(request: BaseHTTPRequestHandler, server: WebServer) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Connection", "close")
        request.end_headers()
        request.wfile.write(b"<html><body>")
        request.wfile.flush()
        for _ in range(pieces):
            if server.stopping.wait(interval):
                return
            request.wfile.write(b"<p>drop</p>")
            request.wfile.flush()
        request.close_connection = True
    return handler


def standard_routes() -> dict[str, Handler]:
    """The routes the fetch and feed tests use, beside the files of ``tests/fixtures/web``."""
    return {
        "/redirect": redirect("/articles/og.html"),
        "/redirect-chain": redirect("/redirect"),
        "/loop-a": redirect("/loop-b"),
        "/loop-b": redirect("/loop-a"),
        "/to-ftp": redirect("ftp://127.0.0.1/file.html"),
        "/missing": status(404),
        "/broken": status(500),
        "/report.pdf": body(b"%PDF-1.7\n%fake\n", "application/pdf"),
        "/huge": huge(20 * 1024 * 1024),
        "/huge-declared": huge(20 * 1024 * 1024, declare_length=True),
        "/huge.rss": huge(20 * 1024 * 1024, "application/rss+xml"),
        "/slow": slow(30),
        "/drip": drip(0.2, 100),
        "/plain.txt": body("date 2024-01-25\n\nA plain text page written for the fetch tests.\n",
                           "text/plain; charset=utf-8"),
        "/latin1": body("<html><body><p>Caf\u00e9 society met the regulators.</p></body></html>"
                        .encode("latin-1"), "text/html; charset=iso-8859-1"),
        "/caf\u00e9 news": body("<html><body><p>A page at a non-ASCII path.</p></body></html>"),
        "/tracked": redirect("/articles/og.html?utm_source=feed&utm_medium=rss"),
    }
