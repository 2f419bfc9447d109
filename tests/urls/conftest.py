"""A real web server on 127.0.0.1 with pages and a feed written for these tests, and a tmp store.

The pages are our own short news stories (no declared canonical URL, so the URL a page is
fetched at is its source). ``/story`` and ``/print/story`` serve the same text: one story at
two URLs. The failure routes come from ``tests.webserver.standard_routes``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.aigov.conftest import run_aigov
from tests.webserver import WebServer, body, standard_routes

__all__ = ["FEED", "PAGES", "run_aigov"]


def _page(title: str, *paragraphs: str) -> str:
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{text}</article></body></html>")


PAGES = {
    "story.html": _page(
        "Harbor Robotics names a new chief executive",
        "Harbor Robotics said on Tuesday that Lena Ostrova would become its chief executive, "
        "replacing the founder who had led the company for a decade.",
        "The board approved the appointment unanimously, the company said in a statement.",
    ),
    "funding.html": _page(
        "Quillfield raises money from Brightwater Capital",
        "Quillfield, a start-up that builds tools for auditing language models, said on Monday that "
        "Brightwater Capital had invested in the company.",
        "The start-up plans to hire more engineers over the coming year.",
    ),
    "departure.html": _page(
        "Research head leaves Tessellate Labs",
        "Tomas Ferreira, the head of research at Tessellate Labs, left the company in March, "
        "two people familiar with the matter said.",
    ),
}

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Test wire: machine learning business</title>
  <link>{{BASE}}/</link>
  <description>A feed written for the aigov-kg URL tests.</description>
  <item><title>Harbor Robotics names a new chief</title>
    <link>{{BASE}}/pages/story.html?utm_source=rss&amp;utm_medium=feed</link>
    <pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate></item>
  <item><title>Quillfield raises money</title>
    <link>{{BASE}}/pages/funding.html</link>
    <pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate></item>
  <item><title>Research head leaves</title>
    <link>{{BASE}}/pages/departure.html</link>
    <pubDate>Fri, 01 Mar 2024 08:00:00 GMT</pubDate></item>
</channel></rss>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    folder = tmp_path_factory.mktemp("site")
    (folder / "pages").mkdir()
    for name, html in PAGES.items():
        (folder / "pages" / name).write_text(html, encoding="utf-8")
    (folder / "wire.rss").write_text(FEED, encoding="utf-8")
    routes = {
        **standard_routes(),
        "/story": body(PAGES["story.html"]),
        "/print/story": body(PAGES["story.html"]),
    }
    with WebServer(folder, routes) as server:
        yield server


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


def stored_sources(store: Path) -> dict[str, set[str]]:
    """Each article IRI and its IRI-valued dcterms:source values, read through ``aigov query``."""
    result = run_aigov("query", "--store", str(store), "--format", "csv",
                       "SELECT DISTINCT ?g ?s WHERE { GRAPH ?g { ?g a aigov:Article ; dcterms:source ?s "
                       "FILTER(isIRI(?s)) } }")
    assert result.returncode == 0, result.stderr
    out: dict[str, set[str]] = {}
    for line in result.stdout.splitlines()[1:]:
        if line.strip():
            graph, source = line.strip().split(",", 1)
            out.setdefault(graph, set()).add(source)
    return out
