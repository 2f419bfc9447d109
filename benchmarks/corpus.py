"""The example articles as benchmark input: read once, repeated to the size a benchmark needs.

The examples are the project's own hand-written articles, so the text is realistic news prose
without copying anyone's; repeating them keeps the per-word work representative.
"""

from __future__ import annotations

from pathlib import Path

from extract import iter_article_paths, load_article
from ontology.errors import ArticleError
from ontology.model import Article

__all__ = ["EXAMPLES", "example_articles", "repeat_to_words", "word_count"]

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def word_count(text: str) -> int:
    """Whitespace-separated words: the unit of the throughput figures (not spaCy tokens)."""
    return len(text.split())


def example_articles(folder: Path = EXAMPLES) -> list[Article]:
    """The articles under ``folder`` (front matter parsed), in file-name order."""
    articles = []
    for item in iter_article_paths([folder]):
        if isinstance(item, ArticleError):
            raise item
        articles.append(load_article(item))
    if not articles:
        raise ArticleError(str(folder), "no example articles to benchmark with")
    return sorted(articles, key=lambda a: a.path)


def repeat_to_words(articles: list[Article], words: int) -> list[Article]:
    """The articles, cycled until the total reaches ``words`` (at least one article)."""
    out: list[Article] = []
    total = 0
    while total < words or not out:
        article = articles[len(out) % len(articles)]
        out.append(article)
        total += word_count(article.text)
    return out
