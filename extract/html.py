"""HTML pages -> article text and page metadata.

The text comes from trafilatura, which knows how news pages are built and drops menus,
adverts, cookie banners, comment threads and scripts. When it finds no main content (a bare
page, a fragment) we fall back to the visible text of ``<body>`` without scripts and styles,
so a short hand-written HTML file still loads. Metadata (title, date, canonical URL, outlet,
author) is read here with the standard library's tolerant parser, from the conventions pages
actually use: ``<title>``, Open Graph, ``article:published_time``, JSON-LD ``NewsArticle``,
``<link rel=canonical>`` and ``<meta name=author>``. Page metadata is written by strangers:
junk values are ignored, never fatal.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import json
import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import trafilatura

from extract.dates import try_parse_published
from ontology.errors import ArticleError

__all__ = [
    "BOILERPLATE_WORDS",
    "HtmlPage",
    "declared_charset",
    "looks_like_html",
    "parse_html",
    "visible_text",
]

# trafilatura warns ("discarding data") whenever a page has no main content; we handle that
# case ourselves (the body-text fallback), so its warnings would only be noise on the CLI.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

_NEWS_TYPES = frozenset(
    {
        "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
        "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "webpage",
    }
)
#: Elements whose content is never article text.
_INVISIBLE = frozenset(
    {"script", "style", "noscript", "iframe", "template", "svg", "object", "embed", "head", "canvas",
     "select", "button", "form", "frameset", "frame", "math", "audio", "video"}
)
_BLOCK = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
     "header", "footer", "blockquote", "pre", "tr", "table", "hr", "dd", "dt", "figcaption", "main"}
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
     "track", "wbr"}
)
#: class/id words that mark page furniture (adverts, consent banners, comment threads, share bars).
#: Matched as whole words of the attribute split on spaces, ``-`` and ``_``.
BOILERPLATE_WORDS = frozenset(
    {"ad", "ads", "advert", "adverts", "advertisement", "advertising", "sponsored", "promo", "cookie",
     "cookies", "consent", "gdpr", "comment", "comments", "disqus", "newsletter", "paywall", "share",
     "social", "related", "outbrain", "taboola"}
)
#: Containers never pruned even if a class word matches (``<body class="has-cookie-bar">``).
_NEVER_PRUNED = frozenset({"html", "body", "main", "article"})
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
                         re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What one HTML page says about itself, and its main text."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()


def _is_boilerplate(tag: str, attributes: dict[str, str]) -> bool:
    if tag in _NEVER_PRUNED:
        return False
    words = re.split(r"[\s_-]+", (attributes.get("class", "") + " " + attributes.get("id", "")).lower())
    return any(word in BOILERPLATE_WORDS for word in words)


def _prune_xpath() -> str:
    """One XPath selecting the furniture elements, for trafilatura's ``prune_xpath``."""
    upper, lower = "ABCDEFGHIJKLMNOPQRSTUVWXYZ-_", "abcdefghijklmnopqrstuvwxyz  "
    tests = [
        f"contains(concat(' ', translate(@{attr}, '{upper}', '{lower}'), ' '), ' {word} ')"
        for attr in ("class", "id") for word in sorted(BOILERPLATE_WORDS)
    ]
    keep = " or ".join(f"self::{tag}" for tag in sorted(_NEVER_PRUNED))
    return f"//*[not({keep})][{' or '.join(tests)}]"


_PRUNE = _prune_xpath()


def looks_like_html(text: str) -> bool:
    """True when a file with no telling suffix is an HTML document (doctype, ``<html>``, ``<body>``)."""
    return bool(_HTML_START.match(text[:4096]))


def declared_charset(data: bytes) -> str | None:
    """The charset a page's ``<meta charset>`` / ``http-equiv`` declares in its first 4 KiB, if any."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


class _PageScanner(HTMLParser):
    """One pass over the page collecting metadata and the visible body text (for the fallback)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.jsonld: list[str] = []
        self.body_parts: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, hides its content)
        self._hidden = 0
        self._in_title = False
        self._jsonld_parts: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): (value or "") for name, value in attrs}
        if tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "")
            content = attributes.get("content", "").strip()
            if key and content:
                self.meta.setdefault(key.strip().lower(), content)
            return
        if tag == "link":
            rels = attributes.get("rel", "").lower().split()
            href = attributes.get("href", "").strip()
            for rel in rels:
                if href:
                    self.links.setdefault(rel, href)
            return
        if tag in _VOID:
            if tag == "br" and not self._hidden:
                self.body_parts.append("\n")
            return
        if tag == "title" and not self.title_parts:
            self._in_title = True
        if tag == "script" and "ld+json" in attributes.get("type", "").lower():
            self._jsonld_parts = []
        hides = tag in _INVISIBLE or _is_boilerplate(tag, attributes)
        self._stack.append((tag, hides))
        if hides:
            self._hidden += 1
        elif tag in _BLOCK and not self._hidden:
            self.body_parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID or tag in {"meta", "link"}:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if all(open_tag != tag for open_tag, _ in self._stack):
            return  # a stray end tag in broken markup: ignore it
        while self._stack:
            open_tag, hides = self._stack.pop()
            if hides:
                self._hidden -= 1
            if open_tag == "script" and self._jsonld_parts is not None:
                self.jsonld.append("".join(self._jsonld_parts))
                self._jsonld_parts = None
            if open_tag == tag:
                break
        if tag in _BLOCK and not self._hidden:
            self.body_parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._jsonld_parts is not None:
            self._jsonld_parts.append(data)
        if self._in_title:
            self.title_parts.append(data)
        elif not self._hidden:
            self.body_parts.append(data)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = re.sub(r"\s+", " ", html_lib.unescape(value)).strip()
    return text or None


def _names(value: object) -> list[str]:
    """Person/organisation names from a JSON-LD ``author``/``publisher`` value of any shape."""
    if isinstance(value, str):
        return [name for name in [_clean(value)] if name]
    if isinstance(value, dict):
        return [name for name in [_clean(value.get("name"))] if name]
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _jsonld_article(blocks: list[str]) -> dict[str, object]:
    """The first NewsArticle-like object in the page's JSON-LD blocks (``@graph`` included)."""
    candidates: list[dict[str, object]] = []
    for block in blocks:
        try:
            data = json.loads(block)
        except ValueError:
            continue
        pending: list[object] = [data]
        while pending:
            item = pending.pop(0)
            if isinstance(item, list):
                pending.extend(item)
            elif isinstance(item, dict):
                if isinstance(item.get("@graph"), list):
                    pending.extend(item["@graph"])
                kinds = item.get("@type")
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if any(isinstance(kind, str) and kind.lower() in _NEWS_TYPES for kind in kinds):
                    candidates.append(item)
    # Prefer a real article type over a generic WebPage.
    candidates.sort(key=lambda item: "webpage" in str(item.get("@type")).lower())
    return candidates[0] if candidates else {}


def _http_url(value: str | None, base_url: str | None) -> str | None:
    if not value:
        return None
    url = urljoin(base_url, value) if base_url else value
    parts = urlsplit(url)
    return url if parts.scheme in {"http", "https"} and parts.netloc else None


def visible_text(body_parts: list[str]) -> str:
    """Collapse the fallback rendering: one space inside lines, one blank line between blocks."""
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(body_parts).split("\n"))
    return "\n\n".join(line for line in lines if line)


def _main_text(html: str) -> str | None:
    text = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_precision=True,
        deduplicate=False,
        with_metadata=False,
        prune_xpath=_PRUNE,
    )
    return _paragraphs(text) if text else None


def _paragraphs(text: str) -> str | None:
    """One blank line between blocks, as in the fallback: a headline without a full stop then
    stays its own sentence instead of running into the first paragraph."""
    lines = (line.strip() for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line) or None


def parse_html(html: str, *, where: str, base_url: str | None = None) -> HtmlPage:
    """The main text and metadata of an HTML page; ``ArticleError`` if it has no text at all.

    ``base_url`` (the page's own URL, when fetched) resolves a relative canonical link.
    """
    scanner = _PageScanner()
    try:
        scanner.feed(html)
        scanner.close()
    except (AssertionError, ValueError):  # very old parsers choke on some malformed declarations
        pass
    text = _main_text(html) or visible_text(scanner.body_parts)
    if not text:
        raise ArticleError(where, "no article text found in HTML")

    meta = scanner.meta
    article = _jsonld_article(scanner.jsonld)
    headline = _clean(article.get("headline")) or _clean(article.get("name"))
    title = headline or _clean(meta.get("og:title")) or _clean(meta.get("twitter:title")) or _clean(
        "".join(scanner.title_parts)
    )
    date_values = [
        article.get("datePublished"),
        meta.get("article:published_time"),
        meta.get("og:published_time"),
        meta.get("datepublished"),
        meta.get("date"),
        meta.get("pubdate"),
        meta.get("dc.date"),
        meta.get("dcterms.date"),
        meta.get("publish-date"),
        meta.get("parsely-pub-date"),
    ]
    published = next((d for d in map(try_parse_published, date_values) if d is not None), None)
    url = (
        _http_url(scanner.links.get("canonical"), base_url)
        or _http_url(_clean(meta.get("og:url")), base_url)
        or _http_url(_clean(article.get("url")) if isinstance(article.get("url"), str) else None, base_url)
    )
    publishers = _names(article.get("publisher"))
    source = _clean(meta.get("og:site_name")) or (publishers[0] if publishers else None)
    authors = _names(article.get("author"))
    author = _clean(meta.get("author")) or _clean(meta.get("article:author")) or (
        ", ".join(dict.fromkeys(authors)) if authors else None
    )
    if author and urlsplit(author).scheme in {"http", "https"}:
        author = None  # article:author is often a profile URL, not a name
    extra = [("format", "html")]
    raw_date = next((str(v) for v in date_values if isinstance(v, str) and v.strip()), None)
    if raw_date:
        extra.append(("published_raw", raw_date.strip()))
    return HtmlPage(text=text, title=title, published=published, url=url, source=source, author=author,
                    metadata=tuple(extra))
