"""``aigov add`` with URLs and feeds into a remote store (a real ``oxigraph serve`` on 127.0.0.1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.urls.conftest import run_aigov
from tests.webserver import WebServer

pytestmark = pytest.mark.server


def _sources(store: str) -> list[str]:
    result = run_aigov("query", "--store", store, "--format", "csv",
                       "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?g dcterms:source ?s FILTER(isIRI(?s)) } } "
                       "ORDER BY ?s")
    assert result.returncode == 0, result.stderr
    return result.stdout.split()[1:]


def test_urls_and_feeds_into_a_remote_store(site: WebServer, remote_store_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    env = {"AIGOV_ARCHIVE": str(archive)}
    first, second = site.url("/story"), site.url("/print/story")
    result = run_aigov("add", "--store", remote_store_url, first, second, env=env)
    assert result.returncode == 0, result.stderr
    assert "added 1 article(s)" in result.stderr and "skipped 1 (duplicate)" in result.stderr
    assert _sources(remote_store_url) == sorted([first, second])
    assert len(list(archive.glob("*.html"))) == 2  # AIGOV_ARCHIVE: a local folder for a remote store

    feed = site.url("/wire.rss")
    once = run_aigov("add", "--store", remote_store_url, "--feed", feed, env=env)
    assert once.returncode == 0, once.stderr
    assert "added 2 article(s)" in once.stderr  # the feed's first story is the one stored above
    assert "skipped 0 already in the store; skipped 1 (duplicate)" in once.stderr
    twice = run_aigov("add", "--store", remote_store_url, "--feed", feed, env=env)
    assert twice.returncode == 0, twice.stderr
    assert "added 0 article(s) with 0 fact(s); skipped 3 already in the store; failed 0" in twice.stderr

