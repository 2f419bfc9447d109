"""Running ``aigov serve`` as a real subprocess on a free 127.0.0.1 port, and stores to serve.

``aigov serve --port 0`` lets the kernel choose the port and names it in its startup line,
so nothing can take the port between choosing and binding. The server's output goes to a
log file (a pipe nobody reads would fill up and stall it). The command is launched through
``python -c`` so that the ``serve`` module is registered even before ``aigov.cli`` imports it.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.store import open_store
from tests.graph.samples import VERSION, dismissal_article, followup_article

ROOT = Path(__file__).resolve().parents[2]
LAUNCH = "import sys, aigov.cli._serve; from aigov.cli import main; sys.argv[0] = 'aigov'; main()"
_STARTED = re.compile(r"aigov serve: (http://\S+/) ")
_START_TIMEOUT = 90.0


@dataclass
class Served:
    """A running ``aigov serve``: its base URL (ending in ``/``), process and log file."""

    url: str
    process: subprocess.Popen
    log: Path

    @property
    def port(self) -> int:
        return int(urllib.parse.urlsplit(self.url).port or 0)

    @property
    def sparql(self) -> str:
        return self.url + "sparql"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def serve_command(*args: str) -> list[str]:
    return [sys.executable, "-c", LAUNCH, "serve", *args]


@contextmanager
def served(store: str | Path, *args: str, log: Path, env: dict[str, str] | None = None) -> Iterator[Served]:
    """Start ``aigov serve --store STORE --port 0 ARGS``, wait for its startup line, stop it after."""
    environ = {**os.environ, **(env or {})}
    environ.pop("AIGOV_STORE", None)
    with log.open("wb") as sink:
        process = subprocess.Popen(serve_command("--store", str(store), "--port", "0", *args), cwd=ROOT,
                                   env=environ, stdout=sink, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + _START_TIMEOUT
        url = None
        while time.monotonic() < deadline and process.poll() is None:
            found = _STARTED.search(log.read_text(encoding="utf-8", errors="replace"))
            if found:
                url = found.group(1)
                break
            time.sleep(0.1)
        if url is None:
            pytest.fail(f"aigov serve did not start (exit {process.poll()}): {log.read_text()}")
        yield Served(url, process, log)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@dataclass
class Answer:
    status: int
    content_type: str
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def http(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None) -> Answer:
    """One real HTTP request; an error status is an Answer too, not an exception."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return Answer(response.status, response.headers.get("Content-Type", ""), response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers.get("Content-Type", ""), error.read())


def get_query(endpoint: str, query: str, accept: str | None = None, **params: str) -> Answer:
    url = endpoint + "?" + urllib.parse.urlencode({"query": query, **params})
    return http(url, headers={"Accept": accept} if accept else None)


def count_quads(endpoint: str) -> int:
    answer = get_query(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "text/csv")
    assert answer.status == 200, answer.text
    return int(answer.text.split()[1])


@pytest.fixture
def sample_store(tmp_path: Path) -> Path:
    """An embedded store holding the hand-made dismissal article (invented names)."""
    location = tmp_path / "store"
    with open_store(location) as store:
        store.add_article(*dismissal_article(), extractor_version=VERSION)
    return location


@pytest.fixture
def followup():
    return followup_article()
