"""HTML pages: the article body without the page furniture, and each metadata convention.

The pages in tests/fixtures/web/articles were written for these tests: news-style layouts
(menus, adverts, a cookie banner, comments, scripts) around article bodies in our own words.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from extract.article import load_article
from extract.html import looks_like_html, parse_html
from ontology.errors import ArticleError
from ontology.model import Article

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "web" / "articles"

#: Words that only ever appear in the furniture of the fixture pages.
BOILERPLATE = (
    "cookie", "ADVERTISEMENT", "Quixotic", "grumblewort99", "fennelbadger", "Subscribe to the newsletter",
    "Copyright", "Most read", "Podcasts", "analytics-beacon", "script", "tracking", "Sign in",
)


def load(name: str) -> Article:
    return load_article(PAGES / name)


@pytest.mark.parametrize("name", ["og.html", "jsonld.html", "article_time.html", "title_only.html",
                                  "canonical.html", "hostile.html"])
def test_furniture_is_dropped(name: str) -> None:
    text = load(name).text
    leaked = [word for word in BOILERPLATE if word.lower() in text.lower()]
    assert not leaked, f"{name}: boilerplate in the article text: {leaked}"
    assert "<" not in text and ">" not in text


def test_open_graph_page() -> None:
    article = load("og.html")
    assert article.title == "Microsoft widens its multiyear bet on OpenAI"  # og:title, not <title>
    assert article.url == "https://ledger.example.com/tech/microsoft-openai-extended-partnership"
    assert article.source == "The Example Ledger"
    assert article.published is None
    assert "exclusive cloud provider" in article.text
    assert "nonprofit board oversees a capped-profit company" in article.text
    assert article.text.rstrip().endswith("training ever larger systems demands.")


def test_blocks_are_separated_by_blank_lines() -> None:
    text = load("og.html").text
    assert text.startswith("Microsoft widens its multiyear bet on OpenAI\n\nMicrosoft said on Monday")
    assert "\n\n\n" not in text


def test_json_ld_news_article_page() -> None:
    article = load("jsonld.html")
    assert article.title == "Amazon agrees to invest up to $4 billion in Anthropic"
    assert article.published == dt.date(2023, 9, 25)
    assert article.author == "Jo Example, Ari Sample"
    assert article.source == "Example Ledger Media"
    assert article.url == "https://ledger.example.com/tech/amazon-anthropic-investment"
    assert "long-term benefit trust" in article.text
    assert "The first tranche of the money is worth $1.25 billion" in article.text


def test_article_published_time_page() -> None:
    article = load("article_time.html")
    assert article.published == dt.date(2024, 1, 25)
    assert article.title == "FTC opens inquiry into AI investments"
    assert article.author == "Sam Reporter"
    assert article.url is None  # its canonical link is relative and a local file has no base URL
    assert "The orders went to Alphabet, Amazon, Anthropic, Microsoft and OpenAI." in article.text
    assert "forty-five days" in article.text
    assert ("published_raw", "2024-01-25T14:03:00Z") in article.metadata


def test_plain_title_page() -> None:
    article = load("title_only.html")
    assert article.title == "Microsoft hires Inflection co-founders to lead new consumer AI unit"
    assert (article.published, article.url, article.source, article.author) == (None, None, None, None)
    assert "Karén Simonyan" in article.text
    assert "Suleyman previously co-founded DeepMind" in article.text


def test_canonical_link_page() -> None:
    article = load("canonical.html")
    assert article.url == "https://news.example.org/2023/04/google-deepmind-merger/"
    assert article.author == "Lee Columnist"
    assert article.published == dt.date(2023, 4, 20)
    assert "Demis Hassabis, the co-founder of DeepMind, will lead the combined group" in article.text


def test_hostile_page_yields_text_only() -> None:
    article = load("hostile.html")
    assert article.title == "EU negotiators agree on AI rules"
    for marker in ("evil", "Marker", "alert(", "javascript", "stolen", "document.cookie", "iframe"):
        assert marker not in article.text
    assert "social scoring by public authorities" in article.text
    assert "Officials said the obligations would apply in stages" in article.text


def test_fragment_without_main_content_falls_back_to_body_text() -> None:
    article = load("fragment.html")
    assert article.text == "A short hand-written note: the board met on Friday."


def test_page_with_only_scripts_has_no_text() -> None:
    with pytest.raises(ArticleError) as caught:
        load("empty_body.html")
    assert caught.value.problem == "no article text found in HTML"


def test_relative_canonical_resolves_against_the_page_url() -> None:
    html = (PAGES / "article_time.html").read_text(encoding="utf-8")
    page = parse_html(html, where="x", base_url="https://ledger.example.com/news/today?id=3")
    assert page.url == "https://ledger.example.com/policy/ftc-ai-inquiry"


def test_junk_page_metadata_is_ignored_not_fatal() -> None:
    html = ('<html><head><meta property="article:published_time" content="sometime soon">'
            '<link rel="canonical" href="javascript:alert(1)">'
            '<script type="application/ld+json">{not json</script></head>'
            "<body><p>The board met on Friday.</p></body></html>")
    page = parse_html(html, where="x")
    assert (page.published, page.url, page.text) == (None, None, "The board met on Friday.")


def test_future_page_date_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text('<html><head><meta property="article:published_time" content="2999-01-01">'
                    "</head><body><p>The board met on Friday.</p></body></html>", encoding="utf-8")
    assert load_article(path).published is None


def test_fallback_text_skips_furniture_classes() -> None:
    html = ('<body><div class="cookie-banner">Accept all cookies</div><p>The board met.</p>'
            '<div id="comments"><p>first!</p></div><style>p{}</style></body>')
    assert parse_html(html, where="x").text == "The board met."


@pytest.mark.parametrize(
    ("text", "expected"),
    [("<!DOCTYPE html><p>x</p>", True), ("  <html lang=en>", True), ("<!-- c --><body>", True),
     ("Plain text about <b>bold</b> moves.", False), ("date 2023-11-21\n<html>", False)],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_no_warnings_from_the_extraction_library(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    load("fragment.html")
    with pytest.raises(ArticleError):
        load("empty_body.html")
    noisy = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert not noisy, [record.getMessage() for record in noisy]
