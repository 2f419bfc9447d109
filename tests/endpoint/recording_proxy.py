"""A real HTTP proxy on 127.0.0.1 that forwards to a SPARQL server and records each request.

It lets a test count the requests ``aigov`` really sends (one update per article) without
replacing the server: every request reaches the real ``oxigraph serve`` behind it.
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["Recorded", "recording_proxy"]


@dataclass
class Recorded:
    """The proxy's base URL and the requests seen so far, as (method, path, content type, body)."""

    url: str
    requests: list[tuple[str, str, str, bytes]] = field(default_factory=list)

    def updates(self) -> list[bytes]:
        return [body for method, path, _, body in self.requests if method == "POST" and
                path.split("?")[0] == "/update"]


@contextmanager
def recording_proxy(target: str) -> Iterator[Recorded]:
    recorded = Recorded("")
    guard = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def _forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            content_type = self.headers.get("Content-Type", "")
            with guard:
                recorded.requests.append((self.command, self.path, content_type, body or b""))
            headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
            request = urllib.request.Request(target + self.path, data=body, headers=headers,
                                             method=self.command)
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    status, reply_type, reply = response.status, response.headers.get("Content-Type"), \
                        response.read()
            except urllib.error.HTTPError as error:
                status, reply_type, reply = error.code, error.headers.get("Content-Type"), error.read()
            self.send_response(status)
            if reply_type:
                self.send_header("Content-Type", reply_type)
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        do_GET = do_POST = _forward

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    recorded.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield recorded
    finally:
        server.shutdown()
        server.server_close()
