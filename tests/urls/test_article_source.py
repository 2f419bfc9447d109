"""``KnowledgeStore.add_article_source`` and ``add_article(sources=...)`` on both backends."""

from __future__ import annotations

import pytest

from graph.store import KnowledgeStore
from ontology.errors import ArticleError, StoreError
from ontology.identifiers import article_id, article_iri
from ontology.model import Article

TEXT = "Orchard Analytics appointed Priya Venn as its chief financial officer on Wednesday."
FIRST = "http://127.0.0.1:9/business/orchard-cfo"
SECOND = "http://127.0.0.1:9/print/business/orchard-cfo"


def _article() -> Article:
    return Article(id=article_id(TEXT), text=TEXT, path=FIRST, title="Orchard names a finance chief",
                   url=FIRST)


def _sources(store: KnowledgeStore, article: Article) -> list[str]:
    graph = article_iri(article.id)
    rows = store.query(f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?g dcterms:source ?s }} }}").rows
    return sorted(str(s) for (s,) in rows)


def test_a_second_source_is_added_once(store: KnowledgeStore) -> None:
    article = _article()
    assert store.add_article(article, [], extractor_version="test")
    assert store.add_article_source(article.id, SECOND) is True
    assert store.add_article_source(article_iri(article.id), SECOND) is False  # idempotent
    assert store.add_article_source(article.id, FIRST) is False  # the article's own URL
    assert _sources(store, article) == [FIRST, SECOND]


def test_sources_given_when_adding_are_stored_in_the_same_write(store: KnowledgeStore) -> None:
    article = _article()
    assert store.add_article(article, [], extractor_version="test", sources=[SECOND, FIRST, SECOND])
    assert _sources(store, article) == [FIRST, SECOND]


def test_a_source_for_a_missing_article_is_refused(store: KnowledgeStore) -> None:
    with pytest.raises(StoreError, match="no article graph"):
        store.add_article_source(_article().id, SECOND)
    assert not store.has_article(_article().id)


@pytest.mark.parametrize("bad", ["not a url", "ftp://127.0.0.1/x", "http://127.0.0.1/a b"])
def test_a_source_that_is_not_an_http_url_is_refused(store: KnowledgeStore, bad: str) -> None:
    article = _article()
    store.add_article(article, [], extractor_version="test")
    with pytest.raises(ArticleError, match="not an http"):
        store.add_article_source(article.id, bad)
    assert _sources(store, article) == [FIRST]
