"""RSS and Atom feeds -> the article links they list.

A feed is how researchers follow an outlet: ``read_feed`` lists its items (link, title,
date) so the caller can fetch the articles. The feed is fetched with the same limits as a
page (``extract.fetch.fetch``) or read from a local file; feedparser only ever parses bytes
we hand it, so it never opens a URL on its own. The same story listed twice (tracking
parameters, AMP link) is listed once, by ``canonical_url``.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser

from extract.article import max_article_bytes, read_regular_file
from extract.dates import try_parse_published
from extract.fetch import canonical_url, fetch
from ontology.errors import ArticleError, FetchError

__all__ = ["FEED_TYPES", "FeedItem", "read_feed"]

FEED_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/feed+json", "text/plain",
)


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed: the article's URL, its title and publication date when given."""

    url: str
    title: str | None = None
    published: dt.date | None = None


def _entry_date(entry: feedparser.FeedParserDict) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    for key in ("published", "updated", "created"):
        parsed = try_parse_published(entry.get(key))
        if parsed is not None:
            return parsed
    return None


def _entry_url(entry: feedparser.FeedParserDict, base: str | None) -> str | None:
    candidates = [entry.get("link")]
    links = entry.get("links", [])
    candidates += [link.get("href") for link in links if link.get("rel") in (None, "alternate")]
    for candidate in candidates:
        if not candidate:
            continue
        url = urljoin(base, candidate.strip()) if base else candidate.strip()
        if urlsplit(url).scheme in {"http", "https"}:
            return url
    return None


def read_feed(url_or_path: str | os.PathLike[str], *, since: dt.date | None = None, timeout: float = 20,
              max_bytes: int | None = None) -> list[FeedItem]:
    """The items of an RSS or Atom feed (a URL or a local file), in feed order, one per story.

    With ``since``, items dated before it are left out; undated items are kept (nothing says
    they are old). Raises ``FetchError`` (URL) or ``ArticleError`` (file) for a feed that cannot
    be read or is not a feed.
    """
    where = str(url_or_path)
    limit = max_bytes if max_bytes is not None else max_article_bytes()
    is_url = isinstance(url_or_path, str) and urlsplit(where).scheme.lower() in {"http", "https"}
    error_type: type[ArticleError] = FetchError if is_url else ArticleError
    if is_url:
        fetched = fetch(where, timeout=timeout, max_bytes=limit, accept=FEED_TYPES,
                        what="an RSS or Atom feed")
        data, base = fetched.body, fetched.final_url
    else:
        data, base = read_regular_file(Path(url_or_path), limit=limit), None
    if not data.strip():
        raise error_type(where, "empty feed")
    parsed = feedparser.parse(data)
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({' '.join(str(problem).split())})" if problem else ""
        raise error_type(where, f"not an RSS or Atom feed{detail}")
    feed_link = parsed.feed.get("link") if base is None else base
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        url = _entry_url(entry, feed_link)
        if url is None:
            continue
        key = canonical_url(url)
        if key in seen:
            continue
        published = _entry_date(entry)
        if since is not None and published is not None and published < since:
            continue
        seen.add(key)
        title = " ".join(str(entry.get("title") or "").split()) or None
        items.append(FeedItem(url=url, title=title, published=published))
    return items
