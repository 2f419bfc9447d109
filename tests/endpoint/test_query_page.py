"""The query page in real headless Chromium: type a query, run it, read the table; no other host."""

from __future__ import annotations

import pytest

from tests.endpoint.conftest import served

pytestmark = pytest.mark.browser


@pytest.fixture
def browser(chromium):
    return chromium


def test_the_query_page_runs_a_query_and_shows_errors(tmp_path, sample_store, browser):
    with served(sample_store, log=tmp_path / "serve.log") as server:
        page = browser.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(server.url + "query")
        page.fill("#sparql", "SELECT ?name WHERE { ?e a aigov:Person ; rdfs:label ?name } ORDER BY ?name")
        page.click("#run")
        page.wait_for_selector("#results td")
        assert page.locator("#results th").all_inner_texts() == ["name"]
        assert page.locator("#results td").all_inner_texts() == ["Dana Okafor"]
        assert page.inner_text("#status") == "1 row"

        page.fill("#sparql", "SELECT ?x WHERE { ?x")
        page.click("#run")
        page.wait_for_selector("#error", state="visible")
        assert page.inner_text("#error").startswith("400 ")
        assert "malformed SPARQL" in page.inner_text("#error")
        assert page.locator("#results tr").count() == 0

        page.fill("#sparql", "DELETE WHERE { ?s ?p ?o }")
        page.click("#run")
        page.wait_for_selector("#error", state="visible")
        assert page.inner_text("#error").startswith("403 ")

        page.fill("#sparql", "ASK { ?p aigov:dismissedFrom ?org }")
        page.press("#sparql", "Control+Enter")
        page.wait_for_selector("#results td")
        assert page.locator("#results td").all_inner_texts() == ["yes"]
        assert requested and all(url.startswith(server.url) for url in requested)
