"""Text -> facts: article loading and the spaCy extractor. Knows no store.

Names are imported lazily so that loading an article (or printing ``--help``) does not pay
for spaCy's import.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "load_article": "extract.article",
    "iter_article_paths": "extract.paths",
    "ListedPath": "extract.paths",
    "ARTICLE_SUFFIXES": "extract.paths",
    "parse_html": "extract.html",
    "HtmlPage": "extract.html",
    "fetch_article": "extract.fetch",
    "canonical_url": "extract.fetch",
    "load_archived": "extract.fetch",
    "read_feed": "extract.feeds",
    "FeedItem": "extract.feeds",
    "parse_published": "extract.dates",
    "Extractor": "extract.extractor",
    "fact_record": "extract.jsonl",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'extract' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
