"""Open graph pages in the project's headless Chromium (Debian's, driven by Playwright).

The browser tests, ``scripts/screenshot.py`` and ``benchmarks/bench_page.py`` must judge the
page in the same browser with the same switches, so the launch lives here once.
Playwright is a test/dev tool, so it is imported only when a browser is asked for.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ontology.errors import ConfigurationError

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "chromium_path", "file_url", "launch", "wait_ready"]

#: Debian's chromium; ``AIGOV_CHROMIUM`` overrides it.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium_path() -> str | None:
    """The Chromium executable to drive, or ``None`` when this machine has none."""
    candidate = os.environ.get("AIGOV_CHROMIUM") or CHROMIUM
    if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
        return candidate
    return shutil.which("chromium")


@contextmanager
def launch(*, width: int = 1400, height: int = 900) -> Iterator:
    """A fresh Chromium context (own throwaway profile) at ``width`` x ``height``; yields the context."""
    executable = chromium_path()
    if executable is None:
        raise ConfigurationError(f"{CHROMIUM}: no Chromium found; install it with `make browser`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise ConfigurationError(
            "playwright: not installed; install the test extras (pip install -e .[test])"
        ) from None
    profile = tempfile.mkdtemp(prefix="aigov-chromium-")
    try:
        with sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                profile,
                executable_path=executable,
                headless=True,
                args=list(CHROMIUM_ARGS),
                viewport={"width": width, "height": height},
            )
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def wait_ready(page, *, timeout_ms: float = 60_000) -> None:
    """Wait until the graph page says it has drawn (``window.aigovReady``)."""
    # A function, not an expression: the page's CSP forbids eval, which Playwright uses for expressions.
    page.wait_for_function("() => window.aigovReady === true", timeout=timeout_ms)


def file_url(path: str | os.PathLike) -> str:
    """The ``file://`` URL of a page on disk."""
    return Path(path).resolve().as_uri()
