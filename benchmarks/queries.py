"""The queries the store benchmark times: three selective ones and two global aggregations.

Selective queries are what a researcher asks all day (one organisation, one person, one
article; the organisation and the first person are prominent hubs, the "typical" person one
of the many who appear a few times) and must stay fast however big the store grows;
aggregations touch everything and are reported for scale. Oxigraph's union default graph is
a bag (a triple stated by N articles comes back N times), hence DISTINCT wherever distinct
things are listed or counted.

If saved queries exist under ``graph/queries/`` they are preferred for the selective ones
(``SAVED``): that is the text users run.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["GLOBAL", "NAIVE", "PROLOGUE", "SAVED", "SELECTIVE", "render", "selective_queries"]

PROLOGUE = """PREFIX aigov: <https://w3id.org/aigov/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

SELECTIVE: dict[str, str] = {
    "org leadership timeline": PROLOGUE + """
SELECT DISTINCT ?person ?predicate ?role ?date WHERE {
  GRAPH ?g {
    ?fact aigov:object <{org}> ; aigov:predicate ?predicate ; aigov:subject ?p ; a aigov:Fact .
    ?p rdfs:label ?person .
    OPTIONAL { ?fact aigov:role ?role }
    OPTIONAL { ?fact aigov:date ?date }
  }
  FILTER(?predicate IN (aigov:ceoOf, aigov:chairOf, aigov:boardMemberOf, aigov:holdsPositionAt,
                        aigov:appointedTo, aigov:dismissedFrom, aigov:resignedFrom))
} ORDER BY ?date ?person""",
    "person's roles": PROLOGUE + """
SELECT DISTINCT ?predicate ?organisation ?role ?date WHERE {
  GRAPH ?g {
    ?fact aigov:subject <{person}> ; aigov:predicate ?predicate ; aigov:object ?o ; a aigov:Fact .
    ?o rdfs:label ?organisation .
    OPTIONAL { ?fact aigov:role ?role }
    OPTIONAL { ?fact aigov:date ?date }
  }
} ORDER BY ?date""",
    "typical person's roles": "",  # filled in below from "person's roles"
    "article's facts": PROLOGUE + """
SELECT ?fact ?subject ?predicate ?object ?sentence WHERE {
  GRAPH <{article}> {
    ?fact a aigov:Fact ; aigov:subject ?subject ; aigov:predicate ?predicate ; aigov:object ?object ;
          aigov:evidence ?ev .
    ?ev prov:value ?sentence .
  }
}""",
}

SELECTIVE["typical person's roles"] = SELECTIVE["person's roles"].replace("{person}", "{typical_person}")

#: The same question as "person's roles" written naively: labels joined in the union default
#: graph, where an entity's label is repeated once per article that mentions it (a bag), and
#: the predicates listed in VALUES, which Oxigraph evaluates first. Kept to show why the
#: selective queries above keep each fact's joins inside its own article graph (``GRAPH ?g``).
NAIVE: dict[str, str] = {
    "person's roles, naive (union default graph)": PROLOGUE + """
SELECT DISTINCT ?predicate ?organisation ?role ?date WHERE {
  ?fact aigov:subject <{person}> ; aigov:predicate ?predicate ; aigov:object ?o ; a aigov:Fact .
  ?o rdfs:label ?organisation .
  OPTIONAL { ?fact aigov:role ?role }
  OPTIONAL { ?fact aigov:date ?date }
} ORDER BY ?date""",
    "org leadership timeline, naive (VALUES)": PROLOGUE + """
SELECT DISTINCT ?person ?predicate ?role ?date WHERE {
  VALUES ?predicate { aigov:ceoOf aigov:chairOf aigov:boardMemberOf aigov:holdsPositionAt
                      aigov:appointedTo aigov:dismissedFrom aigov:resignedFrom }
  GRAPH ?g {
    ?fact aigov:object <{org}> ; aigov:predicate ?predicate ; aigov:subject ?p ; a aigov:Fact .
    ?p rdfs:label ?person .
    OPTIONAL { ?fact aigov:role ?role }
    OPTIONAL { ?fact aigov:date ?date }
  }
} ORDER BY ?date ?person""",
}

GLOBAL = {
    "facts per predicate": PROLOGUE + """
SELECT ?predicate (COUNT(DISTINCT ?fact) AS ?facts) WHERE {
  ?fact a aigov:Fact ; aigov:predicate ?predicate .
} GROUP BY ?predicate ORDER BY DESC(?facts)""",
    "top entities by degree": PROLOGUE + """
SELECT ?entity (COUNT(DISTINCT ?fact) AS ?degree) WHERE {
  ?fact a aigov:Fact .
  { ?fact aigov:subject ?entity } UNION { ?fact aigov:object ?entity }
} GROUP BY ?entity ORDER BY DESC(?degree) LIMIT 10""",
}

#: Saved queries, if another part of the project provides them (``graph/queries/*.rq``).
SAVED = Path(__file__).resolve().parents[1] / "graph" / "queries"
#: Which saved query (and which of its parameters, filled from which target) replaces a
#: hand-written selective query when the library has it.
_SAVED_FOR = {
    "org leadership timeline": ("leadership-timeline", "org", "org"),
    "article's facts": ("article-facts", "article", "article"),
}


def selective_queries(targets: dict[str, str]) -> dict[str, tuple[str, str]]:
    """``{label: (query text, origin)}`` for the selective questions: the hand-written text (the
    entity named by IRI) and, where the library has one, the saved query's text with its
    parameters bound by ``graph.saved_queries.bind`` as ``aigov query --saved`` binds them, without
    a store: the entity's IRI (which users may give instead of a name) is looked up in the query."""
    out: dict[str, tuple[str, str]] = {}
    saved = None
    if SAVED.is_dir():
        try:
            from graph import saved_queries as saved
        except ImportError:
            saved = None
    for name, template in SELECTIVE.items():
        if saved is not None and name in _SAVED_FOR:
            file, param, target = _SAVED_FOR[name]
            if (SAVED / f"{file}.rq").is_file():
                text = saved.bind(saved.get_saved(file), {param: targets[target]})
                out[f"{name} (saved {file}.rq, given the IRI)"] = (text, "saved")
        out[name] = (render(template, **targets), "benchmarks")
    return out


def render(template: str, **iris: str) -> str:
    """Fill ``{org}``, ``{person}``, ``{article}`` (IRIs the benchmark generated); braces elsewhere stay."""
    for key, value in iris.items():
        template = template.replace("{" + key + "}", value)
    return template
