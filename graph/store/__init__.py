"""The knowledge store: articles' named graphs in Oxigraph on disk, or in any SPARQL 1.1 endpoint.

``open_store(location)`` picks the backend from the location: ``None`` means ``AIGOV_STORE``
or else ``./aigov-data``; a folder path is an embedded Oxigraph store; an ``http(s)://`` URL
(or ``query=URL;update=URL``) is a remote endpoint (forms in ``graph.store._remote``). Both
backends give the same ``KnowledgeStore`` API and the same answers: one atomic write per
article, queries over the union of the article graphs (``GRAPH ?g`` still names each one),
and no SPARQL Update on the query path.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.namespace import DCTERMS

from graph.rdf import AIGOV, PREFIXES, article_quads
from graph.results import QueryResult
from graph.store._embedded import EmbeddedBackend
from graph.store._remote import RemoteBackend
from graph.store._sparql import check_query, normalise_bindings
from ontology.errors import ArticleError, StoreError
from ontology.identifiers import ARTICLE_BASE, ENTITY_BASE, article_iri
from ontology.model import Article, Fact

__all__ = ["DEFAULT_LOCATION", "EXPORT_FORMATS", "KnowledgeStore", "open_store", "resolve_location"]

DEFAULT_LOCATION = "./aigov-data"
#: Export formats: the dataset ones keep each article's graph; turtle and ntriples give the union.
EXPORT_FORMATS = {
    "trig": (ox.RdfFormat.TRIG, True),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "json-ld": (ox.RdfFormat.JSON_LD, True),
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
}
_ARTICLE_ID = re.compile(r"^[0-9a-f]{16}$")
_SOURCE_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$", re.IGNORECASE)
_REMOTE = re.compile(r"^(https?://|query=|update=)", re.IGNORECASE)


def resolve_location(location: str | os.PathLike[str] | None = None) -> str:
    """The location to open: the argument, else ``AIGOV_STORE``, else ``./aigov-data``."""
    if location is not None and str(location).strip():
        return str(location)
    return os.environ.get("AIGOV_STORE", "").strip() or DEFAULT_LOCATION


class KnowledgeStore:
    """Articles as named graphs, and SPARQL over their union.

    Use ``open_store`` rather than the constructor. Close it (or use it as a context manager):
    an embedded store opened for writing holds the store's writer lock until then.
    """

    def __init__(self, backend: EmbeddedBackend | RemoteBackend) -> None:
        self._backend = backend

    # -- identity -------------------------------------------------------------------------------
    @property
    def location(self) -> str:
        return self._backend.location

    @property
    def kind(self) -> str:
        """``"embedded"`` or ``"remote"``."""
        return self._backend.kind

    @property
    def read_only(self) -> bool:
        return self._backend.read_only

    @property
    def dataset(self) -> Dataset:
        """The store as an rdflib Dataset whose default graph is the union of the article graphs."""
        return self._backend.dataset

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"<KnowledgeStore {self.kind} {self.location} {mode}>"

    # -- lifecycle ------------------------------------------------------------------------------
    def close(self) -> None:
        """Release the store (and, for an embedded writer, its lock); closing twice is harmless."""
        self._backend.close()

    def refresh(self) -> None:
        """A read-only embedded store answers from a snapshot taken when it opened; take a new one."""
        self._backend.refresh()

    def __enter__(self) -> KnowledgeStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles -------------------------------------------------------------------------------
    def add_article(self, article: Article, facts: Iterable[Fact], *, extractor_version: str,
                    sources: Iterable[str] = ()) -> bool:
        """Store one article's graph in one atomic write; ``False`` (and no change) if it is there already.

        ``sources`` are further URLs the same story was read from (the URL a page was fetched at,
        when the page names another as canonical); each becomes one more ``dcterms:source``.
        """
        quads = article_quads(article, list(facts), extractor_version=extractor_version)
        graph = URIRef(article_iri(article.id))
        present = {q[2] for q in quads if q[1] == DCTERMS.source}
        for url in sources:
            term = _source_iri(url)
            if term not in present:
                present.add(term)
                quads.append((graph, DCTERMS.source, term, graph))
        return self._backend.insert_graph(str(graph), quads)

    def add_article_source(self, article: str, url: str) -> bool:
        """Record one more URL the stored article (id or IRI) was read from, in one atomic write.

        Why: one story reached at two URLs is stored once, and both addresses stay findable.
        ``False`` when that exact source was recorded already; StoreError if the article is absent.
        """
        iri = self._article_iri(article)
        term = _source_iri(url)
        graph = URIRef(iri)
        return self._backend.add_to_graph(iri, [(graph, DCTERMS.source, term, graph)])

    def has_article(self, article: str) -> bool:
        """Whether the article (id or IRI) has a graph in the store."""
        return self._backend.has_graph(self._article_iri(article))

    def remove_article(self, article: str) -> bool:
        """Drop one article's graph (id or IRI); ``False`` if there was none.

        Entities and facts other articles state stay, since they live in those articles' graphs.
        """
        return self._backend.drop_graph(self._article_iri(article))

    @staticmethod
    def _article_iri(article: str) -> str:
        text = str(article).strip()
        if text.startswith(ARTICLE_BASE) and _ARTICLE_ID.match(text[len(ARTICLE_BASE):]):
            return text
        if _ARTICLE_ID.match(text):
            return article_iri(text)
        raise ArticleError(text, "not an article id (16 hex digits) or article IRI")

    def articles(self) -> list[dict[str, Any]]:
        """One dict per article: iri, id, title, published (ISO text), source, facts, claims."""
        # Counts in their own sub-queries, so facts and claims never multiply each other's rows.
        result = self._select(f"""
            SELECT ?g ?t ?d ?s ?facts ?claims WHERE {{
              {{ SELECT ?g (SAMPLE(?title) AS ?t) (SAMPLE(?issued) AS ?d) (SAMPLE(?source) AS ?s) WHERE {{
                  GRAPH ?g {{ ?g a <{AIGOV.Article}> .
                             OPTIONAL {{ ?g dcterms:title ?title }}
                             OPTIONAL {{ ?g dcterms:issued ?issued }}
                             OPTIONAL {{ ?g dcterms:source ?source }} }}
                }} GROUP BY ?g }}
              OPTIONAL {{ SELECT ?g (COUNT(?f) AS ?facts)
                          WHERE {{ GRAPH ?g {{ ?f a <{AIGOV.Fact}> }} }} GROUP BY ?g }}
              OPTIONAL {{ SELECT ?g (COUNT(?c) AS ?claims)
                          WHERE {{ GRAPH ?g {{ ?c a <{AIGOV.Claim}> }} }} GROUP BY ?g }}
            }} ORDER BY ?d ?g""")
        out = []
        for g, title, published, source, facts, claims in result.rows:
            out.append({
                "iri": str(g),
                "id": str(g)[len(ARTICLE_BASE):],
                "title": None if title is None else str(title),
                "published": None if published is None else str(published),
                "source": None if source is None else str(source),
                "facts": int(facts.toPython()) if facts is not None else 0,
                "claims": int(claims.toPython()) if claims is not None else 0,
            })
        return out

    # -- queries --------------------------------------------------------------------------------
    def query(self, sparql: str, *, bindings: Mapping[str, Any] | None = None) -> QueryResult:
        """Run a SELECT, ASK, CONSTRUCT or DESCRIBE over the union of the article graphs.

        ``bindings`` map variable names to rdflib terms (plain Python values become literals);
        they are bound as terms, never pasted into the text. The prefixes of
        ``graph.rdf.PREFIXES`` are predeclared. Raises QueryError for an update, a malformed
        query or a bad binding.
        """
        return self._backend.run_query(check_query(sparql), normalise_bindings(bindings))

    def _select(self, sparql: str) -> QueryResult:
        return self._backend.run_query(sparql, {})

    def stats(self) -> dict[str, Any]:
        """Counts: quads, articles, facts, claims, entities, and asserted facts per predicate."""
        def count(where: str) -> int:
            rows = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}").rows
            return int(rows[0][0].toPython()) if rows and rows[0][0] is not None else 0

        per_predicate = self._select(f"""
            SELECT ?p (COUNT(?f) AS ?n)
            WHERE {{ GRAPH ?g {{ ?f a <{AIGOV.Fact}> ; <{AIGOV.predicate}> ?p }} }}
            GROUP BY ?p""")
        predicates = {}
        for predicate, n in per_predicate.rows:
            name = str(predicate)
            predicates[name[len(str(AIGOV)):] if name.startswith(str(AIGOV)) else name] = int(n.toPython())
        return {
            "quads": count("GRAPH ?g { ?s ?p ?o }"),
            "articles": count(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a <{AIGOV.Article}> }} }}"),
            "facts": count(f"GRAPH ?g {{ ?f a <{AIGOV.Fact}> }}"),
            "claims": count(f"GRAPH ?g {{ ?f a <{AIGOV.Claim}> }}"),
            "entities": count(f"SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{ ?e rdfs:label ?l }} "
                              f"FILTER(STRSTARTS(STR(?e), \"{ENTITY_BASE}\")) }}"),
            "predicates": dict(sorted(predicates.items())),
        }

    # -- export ---------------------------------------------------------------------------------
    def export(self, fmt: str, out: str | os.PathLike[str] | IO[Any] | None = None) -> bytes | None:
        """Write the store in ``fmt`` (see EXPORT_FORMATS) to a path or a file object.

        TriG, N-Quads and JSON-LD keep each article's named graph; Turtle and N-Triples write
        the union as one graph. With ``out=None`` the bytes are returned instead.
        """
        key = fmt.lower().replace("_", "-")
        key = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "jsonld": "json-ld"}.get(key, key)
        if key not in EXPORT_FORMATS:
            raise StoreError(f"store {self.location}: unknown export format {fmt!r}; use one of "
                             + ", ".join(EXPORT_FORMATS))
        rdf_format, is_dataset = EXPORT_FORMATS[key]
        buffer = io.BytesIO()
        if is_dataset:
            self._backend.dump(rdf_format, buffer)
        else:
            ox.serialize(self._backend.union_triples(), buffer, rdf_format,
                         prefixes=PREFIXES if rdf_format is ox.RdfFormat.TURTLE else None)
        data = buffer.getvalue()
        if out is None:
            return data
        if isinstance(out, (str, os.PathLike)):
            try:
                Path(out).write_bytes(data)
            except OSError as error:
                raise StoreError(f"{out}: cannot write the export ({error.strerror})") from None
        elif isinstance(out, io.TextIOBase) or out is sys.stdout:
            out.write(data.decode("utf-8"))  # type: ignore[arg-type]
        else:
            out.write(data)  # type: ignore[arg-type]
        return None


def _source_iri(url: str) -> URIRef:
    """A source URL as an IRI; anything else is refused with a one-line error naming it."""
    text = str(url).strip()
    if not _SOURCE_URL.match(text):
        raise ArticleError(text, "not an http(s) URL that can be recorded as a source")
    return URIRef(text)


def open_store(location: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> KnowledgeStore:
    """Open (creating if needed, unless ``read_only``) the store at ``location``.

    ``None`` -> ``AIGOV_STORE`` -> ``./aigov-data``. A folder is an embedded Oxigraph store:
    opening it for writing takes its writer lock, waiting up to ``AIGOV_LOCK_TIMEOUT`` seconds
    (default 60) before StoreBusyError; ``read_only=True`` takes no lock and works while another
    process writes, answering from a snapshot (``refresh()`` takes a new one). An ``http(s)://``
    URL, or ``query=URL;update=URL[;union=oxigraph]``, is a SPARQL 1.1 endpoint; a bare
    ``http://host:port`` means ``oxigraph serve`` there.
    """
    where = resolve_location(location)
    if _REMOTE.match(where):
        return KnowledgeStore(RemoteBackend(where, read_only=read_only))
    return KnowledgeStore(EmbeddedBackend(Path(where).expanduser(), read_only=read_only))
