"""fetch_article against a real HTTP server on 127.0.0.1 (tests/webserver.py), and canonical_url."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.fetch import USER_AGENT, archive_path, canonical_url, fetch_article, load_archived
from ontology.errors import FetchError
from tests.webserver import WebServer, standard_routes

WEB = Path(__file__).resolve().parents[1] / "fixtures" / "web"


@pytest.fixture(scope="module")
def server() -> Iterator[WebServer]:
    with WebServer(WEB, standard_routes()) as running:
        yield running


def failure(url: str, **kwargs: object) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch_article(url, **kwargs)  # type: ignore[arg-type]
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith(url + ": ")
    return caught.value


def test_fetches_a_page_with_its_metadata(server: WebServer) -> None:
    url = server.url("/articles/jsonld.html")
    article = fetch_article(url)
    assert article.title == "Amazon agrees to invest up to $4 billion in Anthropic"
    assert article.published == dt.date(2023, 9, 25)
    assert article.url == "https://ledger.example.com/tech/amazon-anthropic-investment"
    assert article.source == "Example Ledger Media"
    assert article.path == url
    assert "long-term benefit trust" in article.text
    assert "grumblewort99" not in article.text


def test_sends_our_user_agent(server: WebServer) -> None:
    fetch_article(server.url("/articles/og.html?ua-check=1"))
    headers = next(h for path, h in server.requests if path.endswith("ua-check=1"))
    assert headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("aigov-kg/") and USER_AGENT.endswith("(+research crawler)")


def test_relative_canonical_resolves_against_the_final_url(server: WebServer) -> None:
    article = fetch_article(server.url("/articles/article_time.html"))
    assert article.url == server.url("/policy/ftc-ai-inquiry")


def test_without_a_canonical_the_final_url_is_recorded_and_the_host_is_the_source(server: WebServer) -> None:
    article = fetch_article(server.url("/articles/title_only.html"))
    assert article.url == server.url("/articles/title_only.html")
    assert article.source == "127.0.0.1"


def test_follows_redirects(server: WebServer) -> None:
    article = fetch_article(server.url("/redirect-chain"))
    assert article.title == "Microsoft widens its multiyear bet on OpenAI"
    assert ("fetched_url", server.url("/articles/og.html")) in article.metadata


def test_redirect_loop_is_too_many_redirects(server: WebServer) -> None:
    assert failure(server.url("/loop-a")).problem == "too many redirects (more than 5)"


def test_redirect_to_another_scheme_is_refused(server: WebServer) -> None:
    assert "non-http(s)" in failure(server.url("/to-ftp")).problem


def test_http_errors(server: WebServer) -> None:
    assert failure(server.url("/missing")).problem == "HTTP 404 Not Found"
    assert failure(server.url("/broken")).problem == "HTTP 500 Internal Server Error"


def test_non_html_is_refused(server: WebServer) -> None:
    assert failure(server.url("/report.pdf")).problem == "not an HTML page (content-type application/pdf)"


def test_size_limit_while_streaming(server: WebServer) -> None:
    problem = failure(server.url("/huge"), max_bytes=1024 * 1024).problem
    assert problem == "response too large (over the 1.0 MB limit)"


def test_size_limit_from_content_length(server: WebServer) -> None:
    problem = failure(server.url("/huge-declared"), max_bytes=1024 * 1024).problem
    assert problem == "response too large (20.0 MB, the limit is 1.0 MB)"


@pytest.mark.timeout(60)
def test_timeout_on_a_silent_server(server: WebServer) -> None:
    assert failure(server.url("/slow"), timeout=0.5).problem == "timed out after 0.5 s"


@pytest.mark.timeout(60)
def test_overall_deadline_on_a_dripping_server(server: WebServer) -> None:
    assert failure(server.url("/drip"), timeout=1).problem == "timed out after 1 s"


def test_only_http_schemes() -> None:
    for url in ("file:///etc/passwd", "ftp://127.0.0.1/x.html", "javascript:alert(1)", "not a url"):
        assert failure(url).problem == "not an http(s) URL"


def test_non_ascii_url_is_percent_encoded(server: WebServer) -> None:
    assert fetch_article(server.url("/café news")).text == "A page at a non-ASCII path."


def test_invalid_port() -> None:
    assert failure("http://127.0.0.1:99999/x").problem.startswith("invalid URL (")


def test_connection_refused() -> None:
    with WebServer() as stopped:
        url = stopped.url("/x")
    assert failure(url).problem == "connection refused"


def test_plain_text_page_with_a_date_line(server: WebServer) -> None:
    article = fetch_article(server.url("/plain.txt"))
    assert article.published == dt.date(2024, 1, 25)
    assert article.text == "A plain text page written for the fetch tests.\n"


def test_declared_charset_is_honoured(server: WebServer) -> None:
    assert fetch_article(server.url("/latin1")).text == "Café society met the regulators."


def test_archive_and_offline_reextraction(server: WebServer, tmp_path: Path) -> None:
    fetched = fetch_article(server.url("/redirect"), archive_dir=tmp_path / "archive")
    saved = archive_path(tmp_path / "archive", server.url("/articles/og.html"))
    assert saved.read_bytes() == (WEB / "articles" / "og.html").read_bytes()
    sidecar = json.loads(saved.with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar["url"] == server.url("/redirect")
    assert sidecar["final_url"] == server.url("/articles/og.html")
    offline = load_archived(saved)
    assert (offline.id, offline.text, offline.url, offline.title) == (
        fetched.id, fetched.text, fetched.url, fetched.title)


def test_same_story_behind_a_tracking_redirect_has_one_key(server: WebServer) -> None:
    direct = fetch_article(server.url("/articles/og.html"))
    tracked = fetch_article(server.url("/tracked"))
    assert direct.id == tracked.id
    final = dict(tracked.metadata)["fetched_url"]
    assert "utm_source" in final
    assert canonical_url(final) == canonical_url(server.url("/articles/og.html"))


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("https://News.Example.COM/a/story?utm_source=x&utm_medium=rss#comments",
         "https://news.example.com/a/story"),
        ("https://www.example.com/a/story/", "https://example.com/a/story"),
        ("https://example.com/a/story/amp", "https://example.com/a/story"),
        ("https://example.com/a/story/amp/?amp=1", "https://example.com/a/story"),
        ("https://example.com/amp/a/story", "https://example.com/a/story"),
        ("https://example.com/a/story?output=amp", "https://example.com/a/story"),
        ("https://example.com/a/story/print", "https://example.com/a/story"),
        ("https://example.com/a/story.amp.html", "https://example.com/a/story.html"),
        ("https://example.com:443/a/story?fbclid=abc&gclid=def&mc_cid=1&ref=home",
         "https://example.com/a/story"),
        ("https://user:pw@example.com/a/story", "https://example.com/a/story"),
        ("https://example.com/a/story?page=2&id=7&utm_campaign=z",
         "https://example.com/a/story?id=7&page=2"),
        ("https://example.com/", "https://example.com"),
        ("http://[::1]:8080/a/story/?utm_term=q", "http://[::1]:8080/a/story"),
    ],
)
def test_canonical_url_equivalences(variant: str, plain: str) -> None:
    assert canonical_url(variant) == plain
    assert canonical_url(plain) == plain


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://example.com/a/story?id=7", "https://example.com/a/story?id=8"),
        ("https://example.com/a/story", "https://example.com/a/other-story"),
        ("https://example.com/a/story", "https://example.org/a/story"),
        ("https://example.com/a/Story", "https://example.com/a/story"),
        ("https://example.com:8443/a/story", "https://example.com/a/story"),
    ],
)
def test_canonical_url_keeps_different_stories_apart(one: str, other: str) -> None:
    assert canonical_url(one) != canonical_url(other)


def test_canonical_url_refuses_other_schemes() -> None:
    with pytest.raises(FetchError, match="not an http"):
        canonical_url("mailto:desk@example.com")


_SEGMENT = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_.", min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    host=st.sampled_from(["Example.com", "www.example.com", "news.example.org", "amp.example.net"]),
    segments=st.lists(st.one_of(_SEGMENT, st.sampled_from(["amp", "print"])), max_size=5),
    params=st.lists(st.tuples(st.sampled_from(["id", "page", "utm_source", "fbclid", "amp", "q"]), _SEGMENT),
                    max_size=4),
    slash=st.booleans(),
    fragment=st.sampled_from(["", "#top", "#comments"]),
)
def test_canonical_url_is_idempotent_and_tracking_free(host: str, segments: list[str],
                                                       params: list[tuple[str, str]], slash: bool,
                                                       fragment: str) -> None:
    query = "&".join(f"{key}={value}" for key, value in params)
    url = f"https://{host}/{'/'.join(segments)}{'/' if slash else ''}{'?' + query if query else ''}{fragment}"
    key = canonical_url(url)
    assert canonical_url(key) == key
    assert "utm_" not in key and "fbclid" not in key and "#" not in key
    assert key == key.strip() and not key.endswith("/")
