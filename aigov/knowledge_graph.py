"""The facade that wires the extractor to the store: the one object notebooks and the CLI use.

It is the only place where ``extract`` and ``graph`` meet. spaCy (through ``extract``) is
imported only when something is extracted, so querying and drawing start fast.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ontology import Article, Entity, Fact
from ontology.errors import ArticleError

if TYPE_CHECKING:
    import networkx as nx

    from extract import Extractor
    from graph.resolution import EntityIndex, Resolution
    from graph.results import QueryResult
    from graph.store import KnowledgeStore

__all__ = ["AddReport", "Extraction", "KnowledgeGraph", "extractor_version"]


def extractor_version() -> str:
    """The version recorded on every fact node, so researchers can tell which extractor said what."""
    from aigov import __version__

    return f"aigov-kg/{__version__}"


@dataclass(slots=True)
class Extraction:
    """One input's outcome: an article and its facts, or the reason it could not be read."""

    where: str
    article: Article | None = None
    facts: list[Fact] = field(default_factory=list)
    error: ArticleError | None = None


@dataclass(slots=True)
class AddReport:
    """What a batch import did, for the summary line and the exit code."""

    added: list[Article] = field(default_factory=list)
    skipped: list[Article] = field(default_factory=list)
    failed: list[ArticleError] = field(default_factory=list)
    facts: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


ProgressHook = Callable[[Extraction], None]


class KnowledgeGraph:
    """A knowledge graph on one store: extract articles into it, query it, draw it.

    ``store`` is a folder (embedded Oxigraph, default ``./aigov-data`` or ``AIGOV_STORE``) or the
    URL of a SPARQL 1.1 endpoint. The store is opened on first use, so a batch in which every
    file is bad never creates or touches it.
    """

    def __init__(
        self,
        store: str | os.PathLike[str] | None = None,
        *,
        model: str | None = None,
        read_only: bool = False,
    ) -> None:
        self.location = str(store) if store is not None else None
        self.model = model
        self.read_only = read_only
        self._store: KnowledgeStore | None = None
        self._extractor: Extractor | None = None
        self._index: EntityIndex | None = None

    # -- the parts, opened lazily -------------------------------------------------------
    @property
    def store(self) -> KnowledgeStore:
        if self._store is None:
            from graph.store import open_store

            self._store = open_store(self.location, read_only=self.read_only)
        return self._store

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            from extract import Extractor

            self._extractor = Extractor(self.model)
        return self._extractor

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
        self._index = None

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- extraction -----------------------------------------------------------------------
    def load(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        published: dt.date | None = None,
        title: str | None = None,
        source: str | None = None,
    ) -> Iterator[Article | ArticleError]:
        """Articles from files and folders; unreadable inputs come back as errors, in order."""
        from extract import iter_article_paths, load_article

        for item in iter_article_paths([Path(p) for p in paths]):
            if isinstance(item, ArticleError):
                yield item
                continue
            try:
                yield load_article(item, published=published, title=title, source=source)
            except ArticleError as error:
                yield error

    def extract(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        published: dt.date | None = None,
        title: str | None = None,
        source: str | None = None,
        include_claims: bool = False,
        n_process: int = 1,
    ) -> Iterator[Extraction]:
        """Extract facts from files without touching the store, in input order."""
        articles: list[Article] = []
        order: list[Extraction] = []
        for item in self.load(paths, published=published, title=title, source=source):
            if isinstance(item, ArticleError):
                order.append(Extraction(item.where, error=item))
            else:
                articles.append(item)
                order.append(Extraction(item.path, article=item))
        results = iter(
            self.extractor.extract_many(articles, n_process=n_process, include_claims=include_claims)
            if articles
            else ()
        )
        for extraction in order:
            if extraction.article is not None:
                _, facts = next(results)
                extraction.facts = facts
            yield extraction

    def add(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        published: dt.date | None = None,
        title: str | None = None,
        source: str | None = None,
        n_process: int = 1,
        on_item: ProgressHook | None = None,
    ) -> AddReport:
        """Extract and store each article, one transaction each; a bad file never stops the batch."""
        report = AddReport()
        for extraction in self.extract(
            paths, published=published, title=title, source=source, include_claims=True, n_process=n_process
        ):
            if extraction.error is not None:
                report.failed.append(extraction.error)
            else:
                assert extraction.article is not None
                if self.add_facts(extraction.article, extraction.facts):
                    report.added.append(extraction.article)
                    report.facts += sum(f.status == "asserted" for f in extraction.facts)
                else:
                    report.skipped.append(extraction.article)
            if on_item is not None:
                on_item(extraction)
        return report

    def add_facts(self, article: Article, facts: list[Fact]) -> bool:
        """Store one article's facts after resolving its entities against the store.

        Mentions land on the IRIs the store already uses (``graph.resolution``): a new spelling
        becomes an alias of the known entity. ``False`` (and no change at all) when the article
        is there already, so re-adding an article never changes a triple.
        """
        from graph.resolution import resolve_facts
        from ontology.identifiers import article_iri

        if self.store.has_article(article.id):
            return False
        index = self.entity_index()
        resolved = resolve_facts(list(facts), index, graph=article_iri(article.id))
        return self.store.add_article(article, resolved, extractor_version=extractor_version())

    def entity_index(self) -> EntityIndex:
        """The store's entities for resolution, built once and kept up to date by ``add_facts``."""
        if self._index is None:
            from graph.resolution import EntityIndex

            self._index = EntityIndex.from_store(self.store)
        return self._index

    def resolve(self, entity: Entity) -> Resolution:
        """Where a mention of ``entity`` would land in this store (an existing IRI, or a new one)."""
        return self.entity_index().resolve(entity)

    # -- reading ----------------------------------------------------------------------------
    def query(self, sparql: str, *, bindings: dict[str, Any] | None = None) -> QueryResult:
        return self.store.query(sparql, bindings=bindings)

    def entity_graph(self, *, include_claims: bool = False) -> nx.MultiDiGraph:
        from graph.networkx_view import entity_graph

        return entity_graph(self.store, include_claims=include_claims)

    def stats(self) -> dict[str, Any]:
        return self.store.stats()

    def remove(self, article: str) -> bool:
        """Remove one article's graph, named by IRI, id, or the file it came from."""
        if Path(article).is_file():
            from extract import load_article

            article = load_article(Path(article)).id
        self._index = None  # the removed article's names no longer count
        return self.store.remove_article(article)

    def export(self, fmt: str, out: Any) -> None:
        self.store.export(fmt, out)
