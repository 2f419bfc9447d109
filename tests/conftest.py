"""Shared fixtures: a real ``oxigraph serve`` on 127.0.0.1, and a ``store`` over both backends.

``oxigraph_server`` (session) starts the server from the venv on a free port in a temporary
folder and stops it at the end; ``remote_store_url`` empties it before each test that uses it;
``store`` yields an open ``KnowledgeStore`` once per backend (``embedded`` on a fresh folder,
``remote`` on the emptied server), so a test written once runs against both.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

OXIGRAPH = Path(sys.executable).with_name("oxigraph")
_START_TIMEOUT = 30.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(base_url: str) -> bool:
    request = urllib.request.Request(
        f"{base_url}/query",
        data=b"ASK {}",
        method="POST",
        headers={"Content-Type": "application/sparql-query"},
    )
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL (``http://127.0.0.1:PORT``) of a real Oxigraph server for this test session."""
    if not OXIGRAPH.is_file():
        pytest.fail(f"{OXIGRAPH} is missing: install the 'oxigraph' package into the venv")
    folder = tmp_path_factory.mktemp("oxigraph-server")
    log = (folder / "server.log").open("wb")
    process = None
    for _attempt in range(3):  # the free port can be taken between probing and binding
        port = _free_port()
        base_url = f"http://127.0.0.1:{port}"
        process = subprocess.Popen(
            [str(OXIGRAPH), "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}"],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + _START_TIMEOUT
        while time.monotonic() < deadline and process.poll() is None and not _answers(base_url):
            time.sleep(0.1)
        if process.poll() is None and _answers(base_url):
            break
        process.kill()
        process.wait()
        process = None
    if process is None:
        log.close()
        pytest.fail(f"oxigraph serve did not start; see {folder / 'server.log'}")
    try:
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def remote_store_url(oxigraph_server: str) -> str:
    """The session server, emptied so this test starts from nothing."""
    request = urllib.request.Request(
        f"{oxigraph_server}/update",
        data=b"DROP ALL",
        method="POST",
        headers={"Content-Type": "application/sparql-update"},
    )
    with urllib.request.urlopen(request, timeout=10):
        pass
    return oxigraph_server


@pytest.fixture(params=["embedded", "remote"])
def backend(request: pytest.FixtureRequest) -> str:
    """``"embedded"`` or ``"remote"``: parametrises every test that uses it (or ``store``)."""
    if request.param == "remote":
        request.applymarker(pytest.mark.server)
    return request.param


@pytest.fixture
def fresh_location(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store location for the current backend (a new folder, or the emptied server)."""
    if backend == "remote":
        return request.getfixturevalue("remote_store_url")
    return str(tmp_path / "store")


@pytest.fixture
def store(fresh_location: str) -> Iterator[object]:
    """An open, empty, writable ``KnowledgeStore`` for each backend; closed afterwards."""
    from graph.store import open_store

    opened = open_store(fresh_location)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="session")
def chromium():
    """One real headless Chromium context for the whole session.

    Playwright's sync API cannot run two sessions in one thread, so every browser test shares
    this one; tests open their own tabs (and set routes on the tab, not the context).
    """
    import importlib.util

    from graph.viz.browser import CHROMIUM, chromium_path, launch

    if chromium_path() is None:
        pytest.skip(f"{CHROMIUM} is missing (CI installs Debian's chromium; locally: make browser)")
    if importlib.util.find_spec("playwright") is None:
        pytest.skip("playwright is not installed (pip install -e .[test])")
    with launch(width=1400, height=900) as context:
        yield context
