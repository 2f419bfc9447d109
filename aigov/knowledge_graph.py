"""The facade that wires the extractor to the store: the one object notebooks and the CLI use.

It is the only place where ``extract`` and ``graph`` meet. spaCy (through ``extract``) is
imported only when something is extracted, so querying and drawing start fast.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ontology import Article, Entity, Fact
from ontology.errors import ArticleError

if TYPE_CHECKING:
    import networkx as nx

    from extract import Extractor
    from extract.feeds import FeedItem
    from graph.resolution import EntityIndex, Resolution
    from graph.results import QueryResult
    from graph.store import KnowledgeStore

__all__ = ["AddReport", "Extraction", "KnowledgeGraph", "extractor_version", "fetch_timeout", "is_url"]

DEFAULT_FETCH_TIMEOUT = 20.0
_NOT_IN_IRI = re.compile(r"[\s<>\"{}|\\^`]")


def is_url(value: object) -> bool:
    """Whether a PATH argument is an http(s) URL to fetch rather than a file."""
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


def fetch_timeout() -> float:
    """Seconds allowed per fetched page or feed: ``AIGOV_FETCH_TIMEOUT``, default 20."""
    from ontology.errors import ConfigurationError

    raw = os.environ.get("AIGOV_FETCH_TIMEOUT", "").strip()
    if not raw:
        return DEFAULT_FETCH_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value > 0 or value == float("inf"):
        raise ConfigurationError(f"AIGOV_FETCH_TIMEOUT={raw!r}: not a positive number of seconds")
    return value


def _url_key(url: str, canonical: Callable[[str], str]) -> str:
    """``canonical(url)``, or ``""`` for a source that is not a usable URL (never fatal)."""
    try:
        return canonical(url)
    except ArticleError:
        return ""


def _article_urls(article: Article) -> list[str]:
    """The http(s) URLs an article was read from: its own URL first, then the URL it was fetched at."""
    urls = [u.strip() for u in (article.url, article.path, article.source) if u and is_url(u)]
    return list(dict.fromkeys(u for u in urls if not _NOT_IN_IRI.search(u)))


def _iri(value: str) -> Any:
    from rdflib import URIRef

    return URIRef(value)


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
    #: Stored already under another URL: the new URL was recorded as one more source.
    duplicates: list[Article] = field(default_factory=list)
    #: Feed item URLs already in the store, skipped without fetching.
    present: list[str] = field(default_factory=list)

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
        extractor: Extractor | None = None,
    ) -> None:
        self.location = str(store) if store is not None else None
        self.model = model
        self.read_only = read_only
        self._store: KnowledgeStore | None = None
        # An extractor may be shared between graphs: loading spaCy is the slow part.
        self._extractor: Extractor | None = extractor
        self._index: EntityIndex | None = None
        self._feed_hints: dict[str, FeedItem] = {}  # feed item by URL, while ``add`` reads a feed

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
        archive: bool = False,
    ) -> Iterator[Article | ArticleError]:
        """Articles from files, folders and http(s) URLs; unreadable inputs come back as errors, in order.

        A URL is fetched (``extract.fetch``, timeout ``AIGOV_FETCH_TIMEOUT``); with ``archive``
        (what ``add`` asks for) its page is kept beside the store (see :meth:`archive_dir`) so it
        can be re-extracted without the network. Without it nothing is written anywhere.
        """
        from extract import iter_article_paths, load_article

        for raw in paths:
            if is_url(raw):
                try:
                    yield self._fetch(str(raw).strip(), published=published, title=title, source=source,
                                      archive=archive)
                except ArticleError as error:
                    yield error
                continue
            for item in iter_article_paths([Path(raw)]):
                if isinstance(item, ArticleError):
                    yield item
                    continue
                try:
                    yield load_article(item, published=published, title=title, source=source)
                except ArticleError as error:
                    yield error

    def _fetch(
        self, url: str, *, published: dt.date | None, title: str | None, source: str | None, archive: bool
    ) -> Article:
        """The page at ``url``; flags override its metadata, and its feed item fills what it lacks."""
        from dataclasses import replace

        from extract import fetch_article

        archive_dir = self.archive_dir() if archive else None
        article = fetch_article(url, timeout=fetch_timeout(), archive_dir=archive_dir)
        hint = self._feed_hints.get(url)
        overrides: dict[str, Any] = {}
        if hint is not None:  # a page without its own date or title: the feed's word for it
            if article.published is None and hint.published is not None:
                overrides["published"] = hint.published
            if not article.title and hint.title:
                overrides["title"] = hint.title
        flags = (("published", published), ("title", title), ("source", source))
        overrides.update({key: value for key, value in flags if value})
        return replace(article, **overrides) if overrides else article

    def archive_dir(self) -> Path | None:
        """Where fetched pages are kept: ``AIGOV_ARCHIVE``, else ``archive/`` inside an embedded store.

        A remote store has no folder of ours, so without ``AIGOV_ARCHIVE`` nothing is archived.
        """
        from graph.store import resolve_location
        from graph.store._embedded import ARCHIVE_NAME

        configured = os.environ.get("AIGOV_ARCHIVE", "").strip()
        if configured:
            return Path(configured).expanduser()
        where = resolve_location(self.location)
        if is_url(where) or where.lower().startswith(("query=", "update=")):
            return None
        return Path(where).expanduser() / ARCHIVE_NAME

    def feed_items(
        self, feed: str, *, since: dt.date | None = None
    ) -> tuple[list[FeedItem], list[FeedItem]]:
        """A feed's items split into (not yet in the store, already in the store).

        An item is in the store when its ``canonical_url`` is that of a stored article's
        ``dcterms:source``, so re-reading a feed fetches nothing it fetched before.
        """
        from extract import canonical_url, read_feed

        items = read_feed(feed, since=since, timeout=fetch_timeout())
        known = self.stored_source_keys()
        new: list[FeedItem] = []
        present: list[FeedItem] = []
        for item in items:
            (present if _url_key(item.url, canonical_url) in known else new).append(item)
        return new, present

    def stored_source_keys(self) -> set[str]:
        """The canonical URLs of every stored article's sources (empty for a store not created yet)."""
        from extract import canonical_url
        from graph.store import resolve_location

        where = resolve_location(self.location)
        if not is_url(where) and self._store is None and not (Path(where).expanduser() / "CURRENT").exists():
            return set()
        rows = self.store.query(
            "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?g a aigov:Article ; dcterms:source ?s "
            "FILTER(isIRI(?s)) } }"
        ).rows
        return {key for (s,) in rows if (key := _url_key(str(s), canonical_url))}

    def extract(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        published: dt.date | None = None,
        title: str | None = None,
        source: str | None = None,
        include_claims: bool = False,
        n_process: int = 1,
        archive: bool = False,
    ) -> Iterator[Extraction]:
        """Extract facts from files and URLs without touching the store, in input order."""
        articles: list[Article] = []
        order: list[Extraction] = []
        for item in self.load(paths, published=published, title=title, source=source, archive=archive):
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
        feed: str | None = None,
        since: dt.date | None = None,
    ) -> AddReport:
        """Extract and store each article, one transaction each; a bad input never stops the batch.

        With ``feed`` (a URL or file), the feed's items not yet in the store are added too; the
        others are counted as skipped without being fetched. An article already stored (same
        text) reached at a new URL gets that URL as one more source and counts as a duplicate.
        """
        report = AddReport()
        inputs = [str(p) if is_url(p) else p for p in paths]
        if feed is not None:
            try:
                new, present = self.feed_items(feed, since=since)
            except ArticleError as error:
                report.failed.append(error)
                if on_item is not None:
                    on_item(Extraction(error.where, error=error))
            else:
                inputs += [item.url for item in new]
                report.present += [item.url for item in present]
                self._feed_hints = {item.url: item for item in new}
        try:
            self._store_all(inputs, report, published=published, title=title, source=source,
                            n_process=n_process, on_item=on_item)
        finally:
            self._feed_hints = {}
        return report

    def _store_all(self, inputs: list[Any], report: AddReport, *, published: dt.date | None,
                   title: str | None, source: str | None, n_process: int, on_item: ProgressHook | None,
                   ) -> None:
        for extraction in self.extract(
            inputs, published=published, title=title, source=source, include_claims=True,
            n_process=n_process, archive=True,
        ):
            if extraction.error is not None:
                report.failed.append(extraction.error)
            else:
                assert extraction.article is not None
                article = extraction.article
                if self.add_facts(article, extraction.facts):
                    report.added.append(article)
                    report.facts += sum(f.status == "asserted" for f in extraction.facts)
                elif self._record_sources(article):
                    report.duplicates.append(article)
                else:
                    report.skipped.append(article)
            if on_item is not None:
                on_item(extraction)

    def _record_sources(self, article: Article) -> bool:
        """Add the URLs a stored article was just read from that it does not list yet; True if any."""
        from extract import canonical_url
        from ontology.identifiers import article_iri

        iri = article_iri(article.id)
        rows = self.store.query(
            "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?g dcterms:source ?s FILTER(isIRI(?s)) } }",
            bindings={"g": _iri(iri)},
        ).rows
        known = {_url_key(str(s), canonical_url) for (s,) in rows}
        added = False
        for url in _article_urls(article):
            key = _url_key(url, canonical_url)
            if key and key not in known:
                known.add(key)
                added = self.store.add_article_source(iri, url) or added
        return added

    def add_facts(self, article: Article, facts: list[Fact]) -> bool:
        """Store one article's facts after resolving its entities against the store.

        Mentions land on the IRIs the store already uses (``graph.resolution``): a new spelling
        becomes an alias of the known entity. ``False`` (and no change at all) when the article
        is there already, so re-adding an article never changes a triple. A fetched article
        also records the URL it was fetched at when the page named another as its own.
        """
        from graph.resolution import resolve_facts
        from ontology.identifiers import article_iri

        if self.store.has_article(article.id):
            return False
        index = self.entity_index()
        resolved = resolve_facts(list(facts), index, graph=article_iri(article.id))
        if not self.store.add_article(
            article, resolved, extractor_version=extractor_version(), sources=_article_urls(article)
        ):
            return False
        from graph.curation import reapply_retractions

        reapply_retractions(self.store, article_iri(article.id))  # a re-extracted article stays curated
        return True

    def entity_index(self) -> EntityIndex:
        """The store's entities for resolution, built once and kept up to date by ``add_facts``."""
        if self._index is None:
            from graph.resolution import EntityIndex

            self._index = EntityIndex.from_store(self.store)
        return self._index

    def resolve(self, entity: Entity) -> Resolution:
        """Where a mention of ``entity`` would land in this store (an existing IRI, or a new one)."""
        return self.entity_index().resolve(entity)

    # -- curation -------------------------------------------------------------------------------
    def find_entity(self, reference: str) -> str:
        """The one entity IRI a name, alias or IRI refers to; StoreError if none or several."""
        from ontology.errors import StoreError

        found = self.entity_index().lookup(reference.strip())
        if not found:
            raise StoreError(f"{reference!r}: no such entity in the store (see 'aigov entities --search')")
        if len(found) > 1:
            raise StoreError(f"{reference!r}: ambiguous, names {len(found)} entities: " + ", ".join(found))
        return found[0]

    def _curation_entity(self, name: str, kind: str | None, allowed: tuple[str, ...], flag: str) -> Entity:
        """An entity for a hand-made fact: the one the store knows by that name, else a new one.

        Without an explicit type, the name is looked up as each type the predicate allows; a
        new entity needs a type when the predicate allows several (``--subject-type``).
        """
        from ontology.errors import QueryError, UnknownTermError
        from ontology.model import ENTITY_TYPES

        name = name.strip()
        if not name:
            raise QueryError(f"the {'subject' if 'subject' in flag else 'object'} is an empty name")
        if kind is not None and kind not in ENTITY_TYPES:
            raise UnknownTermError(f"{kind!r} is not an entity type; use one of {', '.join(ENTITY_TYPES)}")
        index = self.entity_index()
        candidates = (
            [index.resolve(Entity(name, kind))] if kind else [index.resolve(Entity(name, t)) for t in allowed]
        )
        resolution = next((r for r in candidates if r.matched), candidates[0])
        known = index.known(resolution.iri)
        if kind is None and known is None and len(allowed) > 1:
            raise QueryError(
                f"{name!r} is not in the store yet; say what it is with {flag} ({' or '.join(allowed)})"
            )
        final_kind = kind or (known.type if known is not None and known.type else allowed[0])
        aliases = (name,) if resolution.name != name else ()
        return Entity(resolution.name, final_kind, aliases)

    def assert_fact(
        self,
        subject: str,
        predicate: str,
        obj: str,
        *,
        source: str,
        date: str | None = None,
        role: str | None = None,
        amount: str | None = None,
        percent: str | None = None,
        subject_type: str | None = None,
        object_type: str | None = None,
        published: dt.date | None = None,
        note: str | None = None,
        reason: str | None = None,
    ) -> str:
        """Add a fact by hand (``graph.curation.assert_fact``); names resolve to known entities.

        Returns the curated fact's IRI. It lives in the curation graph, so re-adding or removing
        articles never touches it.
        """
        from graph.curation import assert_fact
        from ontology.errors import UnknownTermError
        from ontology.model import Evidence, Qualifiers
        from ontology.predicates import PREDICATES

        spec = PREDICATES.get(predicate)
        if spec is None:
            raise UnknownTermError(
                f"{predicate!r} is not an aigov predicate; use one of " + ", ".join(PREDICATES)
            )
        subject_entity = self._curation_entity(subject, subject_type, spec.domain, "--subject-type")
        target: Entity | str = (
            obj.strip()
            if spec.literal
            else self._curation_entity(obj, object_type, spec.range, "--object-type")
        )
        fact = Fact(
            subject_entity,
            predicate,
            target,
            Evidence(note or "", 0, len(note or "")),
            1.0,
            Qualifiers(date=date, role=role, amount=amount, percent=percent),
        )
        iri = assert_fact(self.store, fact, source=source, published=published, reason=reason)
        self._index = None
        return iri

    def retract(self, fact: str, *, reason: str) -> str:
        """Withdraw a fact judged wrong (``graph.curation.retract``); returns the retraction's IRI."""
        from graph.curation import retract

        return retract(self.store, _fact_reference(fact), reason=reason)

    def merge(self, merged: str, surviving: str, *, reason: str | None = None) -> str:
        """Fold one entity into another (names, aliases or IRIs); undo with :meth:`unmerge`."""
        from graph.curation import merge_entities

        return merge_entities(
            self.store, self.find_entity(merged), self.find_entity(surviving), reason=reason
        )

    def unmerge(self, merged: str, *, reason: str | None = None) -> str:
        """Undo the merge in force for an entity; the merge stays in the log, marked undone."""
        from graph.curation import unmerge_entity

        return unmerge_entity(self.store, self.find_entity(merged), reason=reason)

    def review(self, *, below: float = 0.7, limit: int | None = None) -> list[dict[str, Any]]:
        """Low-confidence extracted facts nobody has accepted or retracted yet, least confident first."""
        from graph.curation import review_candidates

        return review_candidates(self.store, below=below, limit=limit)

    def accept(self, fact: str, *, reason: str | None = None) -> str:
        """Confirm an extracted fact after review (an assertion naming it)."""
        from graph.curation import accept_fact

        return accept_fact(self.store, _fact_reference(fact), reason=reason)

    def curations(self) -> list[Any]:
        """The curation log, oldest first (``graph.curation.Curation`` records)."""
        from graph.curation import curation_log

        return curation_log(self.store)

    def entities(self, search: str | None = None) -> list[dict[str, Any]]:
        """Entities with their aliases, type, Wikidata id, number of supporting articles and merge.

        ``search`` keeps those whose name or an alias contains it (ignoring case and accents).
        """
        from graph.curation import active_merges
        from graph.resolution import EntityIndex, name_key
        from ontology.identifiers import CURATION_GRAPH

        index = EntityIndex.from_store(self.store)
        merges = active_merges(self.store)
        needle = name_key(search) if search else ""
        out = []
        for iri, name, kind in index.entities():
            known = index.known(iri)
            assert known is not None
            names = known.names()
            if needle and not any(needle in name_key(n) for n in names):
                continue
            out.append(
                {
                    "iri": iri,
                    "name": name,
                    "type": kind,
                    "aliases": sorted(names - {name}),
                    "wikidata": min(known.wikidata) if known.wikidata else None,
                    "articles": len(known.graphs - {CURATION_GRAPH}),
                    "merged_into": merges.get(iri),
                }
            )
        return sorted(out, key=lambda e: (e["name"].casefold(), e["iri"]))

    def provenance(self, subject: str, predicate: str, obj: str) -> dict[str, Any]:
        """Everything that supports one direct edge: its fact nodes, sources and combined confidence."""
        from graph.curation import combined_confidence
        from graph.saved_queries import run_saved

        rows = run_saved(
            self.store, "provenance", {"subject": subject, "predicate": predicate, "object": obj}
        ).as_dicts()
        live = [row for row in rows if not (row.get("retracted") and row["retracted"].toPython())]
        confidences = {str(r["fact"]): float(r["confidence"].toPython()) for r in live if r.get("confidence")}
        return {
            "facts": [
                {key: None if value is None else str(value) for key, value in row.items()} for row in rows
            ],
            "sources": len({str(r.get("title") or r.get("url") or r["fact"]) for r in live}),
            "confidence": combined_confidence(list(confidences.values())),
        }

    def validate(self) -> Any:
        """The store checked against the SHACL shapes (``graph.validation.validate``)."""
        from graph.validation import validate

        return validate(self.store.dataset)

    # -- reading ----------------------------------------------------------------------------
    def query(self, sparql: str, *, bindings: dict[str, Any] | None = None) -> QueryResult:
        return self.store.query(sparql, bindings=bindings)

    def entity_graph(self, *, include_claims: bool = False, curated: bool = True) -> nx.MultiDiGraph:
        """The entity graph; with ``curated`` (default) retractions and merges are applied to it."""
        from graph.networkx_view import entity_graph

        graph = entity_graph(self.store, include_claims=include_claims)
        if curated:
            from graph.curation import curated_view

            curated_view(graph, self.store)
        return graph

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


def _fact_reference(text: str) -> str:
    """A fact IRI from what a user typed: the IRI, ``fact:HASH`` or the bare hash."""
    from ontology.identifiers import FACT_BASE

    text = text.strip().strip("<>")
    if text.startswith("fact:"):
        return FACT_BASE + text[len("fact:") :]
    if not text.startswith(("http://", "https://")):
        return FACT_BASE + text
    return text
