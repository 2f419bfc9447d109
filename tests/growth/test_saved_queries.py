"""The saved query library: listing, safe binding, entity lookup, and the time queries on real articles."""

from __future__ import annotations

import pytest

from aigov import KnowledgeGraph
from graph.saved_queries import bind, get_saved, parse_params, resolve_entity, run_saved, saved_queries
from ontology.errors import QueryError
from ontology.identifiers import article_iri, entity_iri
from tests.growth.conftest import GROWTH

NASTY = [
    'Acme "Quoted" Labs',
    "Brace {Labs} } ; # not a comment",
    'Tail \\" } UNION { ?s ?p ?o } #',
    "Line\nbreak } ;",
]


def test_every_saved_query_is_described_and_declares_its_parameters():
    library = saved_queries()
    assert {"leadership-timeline", "control-chains", "investors", "movers", "article-facts", "conflicts",
            "facts-by-source", "role-on-date", "board-during-year", "provenance"} <= set(library)
    for name, query in library.items():
        assert query.description and "\n" not in query.description, name
        for param in query.params:
            assert f"?{param.name}" in query.text, (name, param.name)


def test_binding_errors_are_one_line_and_name_the_problem():
    timeline = get_saved("leadership-timeline")
    with pytest.raises(QueryError, match="missing --param org"):
        bind(timeline, {})
    with pytest.raises(QueryError, match="unknown parameter 'company'"):
        bind(timeline, {"org": "x", "company": "y"})
    with pytest.raises(QueryError, match="not a date"):
        bind(get_saved("role-on-date"), {"org": "x", "role": "CEO", "date": "19/11/2023"})
    with pytest.raises(QueryError, match="not a year"):
        bind(get_saved("board-during-year"), {"org": "x", "year": "23"})
    with pytest.raises(QueryError, match="no saved query named 'nope'"):
        get_saved("nope")
    with pytest.raises(QueryError, match="NAME=VALUE"):
        parse_params(["org"])
    assert parse_params(["org=a=b", "date=2023"]) == {"org": "a=b", "date": "2023"}


@pytest.mark.parametrize("value", NASTY)
def test_parameter_values_are_literals_never_query_text(fresh_location, value):
    with KnowledgeGraph(fresh_location) as kg:
        kg.assert_fact("Ada Quill", "ceoOf", value, source="https://example.org/nasty", subject_type="Person",
                       object_type="Company", date="2020-01-01")
        kg.assert_fact("Ada Quill", "ceoOf", "Plain Co", source="https://example.org/plain",
                       object_type="Company")
        rows = run_saved(kg.store, "leadership-timeline", {"org": value}).as_dicts()
        assert [(str(r["person"]), str(r["date"])) for r in rows] == [("Ada Quill", "2020-01-01")]
        # the same characters around a real name match nothing, and break nothing
        assert len(run_saved(kg.store, "leadership-timeline", {"org": f'Plain Co" }} ; # {value}'})) == 0
        assert len(run_saved(kg.store, "leadership-timeline", {"org": "Plain Co"})) == 1
        assert kg.stats()["facts"] == 2


@pytest.fixture(scope="module")
def grown(tmp_path_factory, extractor):
    kg = KnowledgeGraph(tmp_path_factory.mktemp("grown") / "store", extractor=extractor)
    kg.add([GROWTH])
    yield kg
    kg.close()


@pytest.mark.slow
@pytest.mark.parametrize("day, holder", [
    ("2019-06-30", "Tomas Berg"),       # CEO since 2015
    ("2022-03-03", "Ingrid Solberg"),   # appointed that day
    ("2023-05-31", "Ingrid Solberg"),
    ("2023-06-10", "Tomas Berg"),       # she was dismissed, he was named interim
    ("2023-06-19", "Ingrid Solberg"),   # reinstated
    ("2024-01-01", "Ingrid Solberg"),
])
def test_who_was_ceo_on_a_date(grown, day, holder):
    rows = run_saved(grown.store, "role-on-date", {"org": "Kestrel Dynamics", "role": "CEO", "date": day})
    assert [str(h) for h in rows.column("holder")] == [holder]


@pytest.mark.slow
def test_nobody_held_the_role_before_the_first_report(grown):
    params = {"org": "Kestrel Dynamics", "role": "CEO", "date": "2014-12-31"}
    rows = run_saved(grown.store, "role-on-date", params)
    assert len(rows) == 0


@pytest.mark.slow
@pytest.mark.parametrize("year, members", [
    ("2018", {"Tomas Berg"}),
    ("2022", {"Tomas Berg", "Lena Moe"}),   # she left in August 2022
    ("2023", {"Tomas Berg"}),
])
def test_who_sat_on_the_board_during_a_year(grown, year, members):
    rows = run_saved(grown.store, "board-during-year", {"org": "kestrel dynamics", "year": year})
    assert {str(m) for m in rows.column("member")} == members


@pytest.mark.slow
def test_leadership_timeline_is_in_date_order_with_sources(grown):
    rows = run_saved(grown.store, "leadership-timeline", {"org": "Kestrel Dynamics"}).as_dicts()
    dates = [str(r["date"]) for r in rows]
    assert dates == sorted(dates)
    events = {(str(r["date"]), str(r["person"]), str(r["event"])) for r in rows}
    assert ("2023-06-01", "Ingrid Solberg", "dismissedFrom") in events
    assert all(int(r["sources"].toPython()) >= 1 for r in rows)


@pytest.mark.slow
def test_article_facts_facts_by_source_and_provenance(grown):
    facts = run_saved(grown.store, "article-facts", {"article": "Filing says Kestrel chief left on her own"})
    pairs = [(str(r["subject"]), str(r["predicate"])) for r in facts.as_dicts()]
    assert pairs == [("Ingrid Solberg", "resignedFrom")]
    by_source = run_saved(grown.store, "facts-by-source", {"source": "OTHER.example.com"}).as_dicts()
    assert {str(r["title"]) for r in by_source} == {"Solberg returns to lead Kestrel Dynamics",
                                                    "Harbor Analytics finance chief steps down"}
    trail = run_saved(grown.store, "provenance", {"subject": "Ingrid Solberg", "predicate": "resignedFrom"})
    (row,) = trail.as_dicts()
    text = str(row["evidence"])
    assert text.startswith("Ingrid Solberg resigned")
    assert int(row["end"].toPython()) - int(row["start"].toPython()) == len(text)
    assert str(row["url"]) == "https://filings.example.net/kestrel"
    assert str(row["extractor"]).startswith("aigov-kg/")


@pytest.mark.slow
def test_investors_and_control_chains(grown):
    chains = run_saved(grown.store, "control-chains", {"org": "Kestrel Dynamics"}).as_dicts()
    assert ("Corvid Capital", "owns", "Kestrel Dynamics") in {(str(r["controller"]), str(r["relation"]),
                                                              str(r["controlled"])) for r in chains}
    assert len(run_saved(grown.store, "investors", {"org": "Kestrel Dynamics"})) == 0


# -- entity parameters: resolved to IRIs by index lookups first, the case-insensitive scan last --

KELP_ARTICLE = "4444444444444444"


def _kelp_store(store) -> None:
    """Kelp Labs (alias "Kelp") and Kelp Holdings, whose alias "kelp labs" differs from the
    other's name only in case; written straight to the store, so no resolution folds them."""
    from ontology.model import Article, Entity, Evidence, Fact, Qualifiers

    evidence = Evidence("text", 0, 4)
    ada, bo = Entity("Ada Quill", "Person"), Entity("Bo Reed", "Person")
    kelp = Entity("Kelp Labs", "Company", aliases=("Kelp",))
    holdings = Entity("Kelp Holdings", "Company", aliases=("kelp labs",))
    facts = [Fact(ada, "ceoOf", kelp, evidence, 0.9, Qualifiers(date="2020-01-01")),
             Fact(bo, "ceoOf", holdings, evidence, 0.9, Qualifiers(date="2020-02-01")),
             Fact(ada, "joined", Entity("Tern Co", "Company"), evidence, 0.9, Qualifiers(date="2021-03-01"))]
    article = Article(KELP_ARTICLE, "text", "kelp.md", title="Kelp", url="https://example.org/kelp")
    store.add_article(article, facts, extractor_version="test")


def _people(store, org: str, *, with_store: bool = True) -> set[str]:
    query = get_saved("leadership-timeline")
    text = bind(query, {"org": org}, store if with_store else None)
    return {str(p) for p in store.query(text).column("person")}


def test_an_entity_is_found_by_iri_exact_name_alias_or_any_case(store):
    _kelp_store(store)
    assert _people(store, entity_iri("Kelp Labs")) == {"Ada Quill"}
    assert _people(store, entity_iri("Kelp Holdings")) == {"Bo Reed"}
    assert _people(store, "Kelp Labs") == {"Ada Quill"}  # exact: Kelp Holdings' "kelp labs" is not added
    assert _people(store, "kelp labs") == {"Bo Reed"}  # exact alias
    assert _people(store, "Kelp") == {"Ada Quill"}  # alias
    assert _people(store, "KELP LABS") == {"Ada Quill", "Bo Reed"}  # no exact match: every one ignoring case
    assert _people(store, "  kelp  ") == {"Ada Quill"}  # trimmed, then matched ignoring case


def test_a_name_or_iri_that_names_nothing_answers_nothing(store):
    _kelp_store(store)
    assert resolve_entity(store, "Nobody Labs") == []
    assert resolve_entity(store, entity_iri("Nobody Labs")) == []  # an IRI nobody labels is no entity
    assert resolve_entity(store, "https://example.org/kelp") == []  # an IRI, but not an entity's
    for org in ("Nobody Labs", entity_iri("Nobody Labs"), "Kelp Lab"):
        assert _people(store, org) == set(), org
        assert _people(store, org, with_store=False) == set(), org
    assert len(run_saved(store, "provenance", {"subject": "Ada Quill", "object": "Nobody Labs"})) == 0
    assert len(run_saved(store, "movers", {"person": "Nobody"})) == 0


def test_without_a_store_the_name_is_matched_inside_the_query(store):
    _kelp_store(store)
    text = bind(get_saved("leadership-timeline"), {"org": entity_iri("Kelp Labs")})
    assert f"VALUES ?org {{ <{entity_iri('Kelp Labs')}> }}" in text
    for org in (entity_iri("Kelp Labs"), "Kelp", "KELP LABS"):
        assert _people(store, org, with_store=False) == _people(store, org), org
    # without a store there is no exact-first step: every case-insensitive match counts
    assert _people(store, "Kelp Labs", with_store=False) == {"Ada Quill", "Bo Reed"}


def test_an_exact_label_with_a_language_tag_is_an_exact_match(store):
    from rdflib import Literal, URIRef
    from rdflib.namespace import SKOS

    _kelp_store(store)
    graph = URIRef(article_iri(KELP_ARTICLE))
    tern = URIRef(entity_iri("Tern Co"))
    # graph.rdf writes plain labels; plant an @en one, and a case variant on another entity
    store._backend.add_to_graph(str(graph), [(tern, SKOS.altLabel, Literal("Tern Company", lang="en"), graph),
                                             (URIRef(entity_iri("Kelp Holdings")), SKOS.altLabel,
                                              Literal("TERN COMPANY"), graph)])
    assert resolve_entity(store, "Tern Company") == [tern]
    assert resolve_entity(store, "tern company") == sorted([tern, URIRef(entity_iri("Kelp Holdings"))])


def test_merged_entities_are_found_through_either_name(store):
    from graph.curation import merge_entities

    _kelp_store(store)
    merge_entities(store, entity_iri("Kelp Holdings"), entity_iri("Kelp Labs"), reason="test")
    for org in ("Kelp", "Kelp Holdings", entity_iri("Kelp Holdings"), entity_iri("Kelp Labs")):
        assert _people(store, org) == {"Ada Quill", "Bo Reed"}, org
        assert _people(store, org, with_store=False) == {"Ada Quill", "Bo Reed"}, org


def test_provenance_and_movers_resolve_their_entities(store):
    _kelp_store(store)
    trail = run_saved(store, "provenance", {"subject": "ada quill", "object": "Kelp"}).as_dicts()
    assert [(str(r["relation"]), str(r["objectLabel"])) for r in trail] == [("ceoOf", "Kelp Labs")]
    by_iri = run_saved(store, "provenance", {"subject": entity_iri("Ada Quill"), "predicate": "joined"})
    assert [str(r["objectLabel"]) for r in by_iri.as_dicts()] == ["Tern Co"]
    moves = {(str(r["mover"]), str(r["fromOrg"]), str(r["toOrg"]))
             for r in run_saved(store, "movers", {"person": "ADA QUILL"}).as_dicts()}
    assert moves == {("Ada Quill", "Kelp Labs", "Tern Co")}
    assert len(run_saved(store, "movers")) == len(moves)


def test_the_scan_runs_only_when_the_indexed_lookups_find_nothing(store):
    _kelp_store(store)
    asked: list[str] = []

    class Recording:
        def query(self, text: str):
            asked.append(text)
            return store.query(text)

    def scans(value: str) -> list[bool]:
        asked.clear()
        resolve_entity(Recording(), value)
        return ["LCASE" in text for text in asked]

    assert scans(entity_iri("Kelp Labs")) == [False]
    assert scans("Kelp") == [False]
    assert scans("KELP") == [False, True]
    assert scans(entity_iri("Nobody Labs")) == [False, False, True]


def test_an_iri_outside_http_is_still_found_by_the_scan(store):
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS

    _kelp_store(store)
    graph, odd = URIRef(article_iri(KELP_ARTICLE)), URIRef("urn:example:kelp")
    store._backend.add_to_graph(str(graph), [(odd, RDFS.label, Literal("Odd Kelp"), graph)])
    assert resolve_entity(store, "urn:example:kelp") == [odd]
    assert resolve_entity(store, "odd kelp") == [odd]
