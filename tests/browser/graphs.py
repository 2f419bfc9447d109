"""Hand-built entity graphs for the graph-page tests, shaped as ``entity_graph`` returns them.

The entities and sentences are invented for these tests: a small, connected sample that
covers every entity type and predicate family, and a hostile one whose every text is an
attempt to inject markup.
"""

from __future__ import annotations

import networkx as nx

from ontology.predicates import PREDICATES

__all__ = ["ENTITY", "HOSTILE", "hostile_graph", "iri", "sample_graph"]

ENTITY = "https://w3id.org/aigov/entity/"
HOSTILE = ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>")


def iri(slug: str) -> str:
    return ENTITY + slug


def _node(g, slug, label, kind, aliases=(), wikidata=None, sources=1):
    g.add_node(iri(slug), label=label, type=kind, aliases=list(aliases), wikidata=wikidata, sources=sources)


def _edge(
    g,
    n,
    subject,
    predicate,
    obj,
    *,
    date=None,
    confidence=0.8,
    role=None,
    amount=None,
    sentence=None,
    title=None,
    url=None,
    published=None,
):
    p = PREDICATES[predicate]
    evidence = []
    if sentence:
        evidence.append(
            {
                "text": sentence,
                "article": f"https://w3id.org/aigov/article/test{n}",
                "title": title or f"Test report {n}",
                "published": published or "2024-07-01",
                "url": url if url is not None else f"https://news.example.org/story-{n}",
            }
        )
    g.add_edge(
        iri(subject),
        iri(obj),
        key=f"https://w3id.org/aigov/fact/test{n}",
        predicate=predicate,
        label=p.label,
        family=p.family,
        date=date,
        role=role,
        amount=amount,
        percent=None,
        confidence=confidence,
        evidence=evidence,
    )


def sample_graph() -> nx.MultiDiGraph:
    """Ten invented entities, ten facts, every type and family; two components joined by one edge."""
    g = nx.MultiDiGraph()
    _node(g, "mara-lindqvist", "Mara Lindqvist", "Person", ["M. Lindqvist"], "Q900001", 3)
    _node(g, "mara-lind", "Mara Lind", "Person")
    _node(g, "tomas-reyes", "Tomas Reyes", "Person", ["Reyes"])
    _node(g, "quillfeather-ai", "Quillfeather AI", "Company", ["Quillfeather"], "Q900002", 4)
    _node(g, "quill-research-group", "Quill Research Group", "Organization")
    _node(g, "open-lattice-foundation", "Open Lattice Foundation", "NonProfit", ["OLF"])
    _node(g, "harbourline-capital", "Harbourline Capital", "Investor")
    _node(g, "nordia-competition-authority", "Nordia Competition Authority", "GovernmentBody")
    _node(g, "lattice-summit-2024", "Lattice Summit 2024", "Event")
    _node(g, "port-avalon", "Port Avalon", "Place")
    _edge(
        g,
        1,
        "mara-lindqvist",
        "ceoOf",
        "quillfeather-ai",
        date="2023-11-17",
        confidence=0.9,
        role="CEO",
        sentence="Mara Lindqvist took over as chief executive of Quillfeather AI in mid-November.",
        title="Quillfeather names a new chief",
        published="2023-11-18",
    )
    _edge(
        g,
        2,
        "mara-lindqvist",
        "dismissedFrom",
        "quillfeather-ai",
        date="2023-11",
        confidence=0.8,
        sentence="Weeks later the board removed Lindqvist.",
    )
    _edge(
        g,
        3,
        "harbourline-capital",
        "investedIn",
        "quillfeather-ai",
        date="2022",
        confidence=0.85,
        amount="$2 billion",
        sentence="Harbourline Capital put $2 billion into Quillfeather.",
    )
    _edge(
        g,
        4,
        "nordia-competition-authority",
        "investigated",
        "quillfeather-ai",
        date="2024-03-05",
        confidence=0.7,
        sentence="Nordia's competition watchdog opened an inquiry into the deal.",
    )
    _edge(
        g,
        5,
        "quill-research-group",
        "subsidiaryOf",
        "quillfeather-ai",
        date=None,
        confidence=0.6,
        sentence="Quill Research Group is a unit of Quillfeather AI.",
    )
    _edge(
        g,
        6,
        "tomas-reyes",
        "founderOf",
        "open-lattice-foundation",
        date="2015",
        confidence=0.95,
        sentence="Reyes started the Open Lattice Foundation a decade ago.",
    )
    _edge(
        g,
        7,
        "tomas-reyes",
        "attended",
        "lattice-summit-2024",
        date="2024-06",
        confidence=0.5,
        sentence="Reyes spoke at the Lattice Summit.",
    )
    _edge(
        g,
        8,
        "open-lattice-foundation",
        "headquarteredIn",
        "port-avalon",
        date=None,
        confidence=0.75,
        sentence="The foundation is based in Port Avalon.",
    )
    _edge(
        g,
        9,
        "tomas-reyes",
        "boardMemberOf",
        "quillfeather-ai",
        date="2021",
        confidence=0.8,
        sentence="Reyes has sat on the Quillfeather board since 2021.",
    )
    _edge(
        g,
        10,
        "mara-lind",
        "employeeOf",
        "open-lattice-foundation",
        date="2019-02-01",
        confidence=0.65,
        sentence="Mara Lind works as an engineer at the foundation.",
    )
    return g


def hostile_graph() -> nx.MultiDiGraph:
    """Markup in every text the page shows (names, aliases, sentences, titles, roles), a javascript: URL."""
    img, script = HOSTILE
    g = nx.MultiDiGraph()
    _node(g, "evil-person", f"Eve {img}", "Person", [script, f"E {img}"], wikidata=f"Q1{script}")
    _node(g, "evil-company", f"Acme {script}", "Company", [img])
    _node(g, "plain", "Plain Org", "Organization")
    _edge(
        g,
        1,
        "evil-person",
        "ceoOf",
        "evil-company",
        date="2024-01",
        role=f"boss {img}",
        confidence=0.9,
        sentence=f"She runs it {img} and </script>{script} too.",
        title=f"Headline {script}{img}",
        url="javascript:alert(1)",
        published=f"2024 {img}",
    )
    _edge(
        g,
        2,
        "evil-company",
        "partnerOf",
        "plain",
        date="2024",
        confidence=0.7,
        sentence=f"A partnership {script}",
        title=f"Second {img}",
    )
    return g
