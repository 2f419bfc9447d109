"""A real headless Chromium (Debian's, via Playwright) for the graph-page tests.

``chromium`` (session, tests/conftest.py) is one throwaway-profile browser; ``open_page(path)`` opens a
page from ``file://`` in a fresh tab, waits for ``window.aigovReady`` and records every
request, console error, page error and dialog so tests can assert there were none.
Everything here is skipped, with the reason, when Chromium or Playwright is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from graph.viz.browser import file_url, wait_ready


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@dataclass
class Opened:
    """A page and what it did since it was opened."""

    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def open_page(chromium):
    opened: list[Opened] = []

    def _open(path, *, ready: bool = True) -> Opened:
        page = chromium.new_page()
        record = Opened(page)
        page.on("request", lambda request: record.requests.append(request.url))
        page.on(
            "console",
            lambda msg: record.errors.append(msg.text) if msg.type in ("error", "warning") else None,
        )
        page.on("pageerror", lambda error: record.errors.append(str(error)))

        def on_dialog(dialog):
            record.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(file_url(path))
        if ready:
            wait_ready(page, timeout_ms=30_000)
        opened.append(record)
        return record

    yield _open
    for record in opened:
        record.page.close()
