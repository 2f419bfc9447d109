"""The page ``aigov timeline`` writes, opened in real headless Chromium with the network cut off."""

from __future__ import annotations

import json

import pytest

from graph.viz.browser import chromium_path, file_url
from tests.analysis_cli.conftest import run_aigov

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(chromium_path() is None, reason="no Chromium on this machine"),
]


def test_the_page_shows_every_event_and_filters_offline(example_store, tmp_path, chromium):
    page_path = tmp_path / "timeline.html"
    done = run_aigov("timeline", "-o", str(page_path), "--store", str(example_store))
    assert done.returncode == 0, done.stderr
    listed = run_aigov("analyze", "timeline", "--format", "json", "--store", str(example_store))
    events = json.loads(listed.stdout)
    assert events
    wanted = "Quillon Robotics"
    expected = sum(wanted in e["organisations"] for e in events)
    assert 0 < expected < len(events)

    outside: list[str] = []

    def block(route):
        if not route.request.url.startswith("file://"):
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page = chromium.new_page()
    page.route("**/*", block)
    page.goto(file_url(page_path))
    assert page.locator("#events li.event").count() == len(events)
    assert page.locator("#shown").inner_text() == f"{len(events)} events"
    page.select_option("#org-filter", wanted)
    assert page.locator("#events li.event:visible").count() == expected
    assert page.locator("#shown").inner_text() == f"{expected} of {len(events)} events"
    assert outside == [], "the page fetches nothing"
