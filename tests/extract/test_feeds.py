"""read_feed: RSS and Atom, over HTTP from a real 127.0.0.1 server and from local files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from extract.feeds import FeedItem, read_feed
from extract.fetch import fetch_article
from ontology.errors import ArticleError, FetchError
from tests.webserver import WebServer, standard_routes

WEB = Path(__file__).resolve().parents[1] / "fixtures" / "web"


@pytest.fixture(scope="module")
def server() -> Iterator[WebServer]:
    with WebServer(WEB, standard_routes()) as running:
        yield running


def test_rss_feed_over_http(server: WebServer) -> None:
    items = read_feed(server.url("/feed.rss"))
    assert items == [
        FeedItem(server.url("/articles/article_time.html"), "FTC opens inquiry into AI investments",
                 dt.date(2024, 1, 25)),
        FeedItem(server.url("/articles/jsonld.html?utm_source=rss&utm_medium=feed"),
                 "Amazon agrees to invest up to $4 billion in Anthropic", dt.date(2023, 9, 25)),
        FeedItem(server.url("/articles/canonical.html"), "Google folds Brain team into DeepMind",
                 dt.date(2023, 4, 20)),
        FeedItem(server.url("/articles/title_only.html"), "Microsoft hires Inflection co-founders", None),
    ]


def test_atom_feed_over_http_resolves_relative_links(server: WebServer) -> None:
    items = read_feed(server.url("/feed.atom"))
    assert [(item.url, item.published) for item in items] == [
        (server.url("/articles/article_time.html"), dt.date(2024, 1, 25)),
        (server.url("/articles/og.html"), dt.date(2023, 1, 23)),
    ]
    assert items[1].title == "Microsoft widens its multiyear bet on OpenAI"


def test_since_drops_older_items_and_keeps_undated_ones(server: WebServer) -> None:
    items = read_feed(server.url("/feed.rss"), since=dt.date(2023, 9, 1))
    assert [item.title for item in items] == [
        "FTC opens inquiry into AI investments",
        "Amazon agrees to invest up to $4 billion in Anthropic",
        "Microsoft hires Inflection co-founders",
    ]


def test_feed_items_can_be_fetched(server: WebServer) -> None:
    first = read_feed(server.url("/feed.atom"))[0]
    article = fetch_article(first.url)
    assert article.title == first.title
    assert article.published == first.published


def test_local_feed_file(tmp_path: Path) -> None:
    text = (WEB / "feed.rss").read_text(encoding="utf-8").replace("{{BASE}}", "https://ledger.example.com")
    path = tmp_path / "saved.rss"
    path.write_text(text, encoding="utf-8")
    items = read_feed(path)
    assert [item.url for item in items][:2] == [
        "https://ledger.example.com/articles/article_time.html",
        "https://ledger.example.com/articles/jsonld.html?utm_source=rss&utm_medium=feed",
    ]
    assert len(items) == 4
    assert read_feed(str(path)) == items


def test_an_html_page_is_not_a_feed(server: WebServer) -> None:
    with pytest.raises(FetchError) as caught:
        read_feed(server.url("/articles/og.html"))
    assert caught.value.problem == "not an RSS or Atom feed (content-type text/html)"
    with pytest.raises(FetchError) as caught:
        read_feed(server.url("/not-a-feed.xml"))
    assert caught.value.problem.startswith("not an RSS or Atom feed")


def test_feed_fetch_errors_are_fetch_errors(server: WebServer) -> None:
    with pytest.raises(FetchError) as caught:
        read_feed(server.url("/missing"))
    assert str(caught.value) == f"{server.url('/missing')}: HTTP 404 Not Found"
    with pytest.raises(FetchError, match="response too large"):
        read_feed(server.url("/huge.rss"), max_bytes=64 * 1024)


def test_bad_local_feeds(tmp_path: Path) -> None:
    with pytest.raises(ArticleError) as caught:
        read_feed(tmp_path / "absent.rss")
    assert caught.value.problem == "no such file"
    empty = tmp_path / "empty.rss"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(ArticleError) as caught:
        read_feed(empty)
    assert caught.value.problem == "empty feed"
    junk = tmp_path / "junk.xml"
    junk.write_text("this is not xml at all, just words about a board meeting", encoding="utf-8")
    with pytest.raises(ArticleError) as caught:
        read_feed(junk)
    assert caught.value.problem.startswith("not an RSS or Atom feed")
    assert "\n" not in str(caught.value)
