"""The saved query library: listing, safe parameter binding, and the time queries on real articles."""

from __future__ import annotations

import pytest

from aigov import KnowledgeGraph
from graph.saved_queries import bind, get_saved, parse_params, run_saved, saved_queries
from ontology.errors import QueryError
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
