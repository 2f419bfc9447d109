"""Hostile strings stay data: entity names, ``viz --focus`` values and saved-query parameters.

Entity names with quotes, braces, ``#``, SPARQL keywords, backslashes, markup and newlines
get into a real store two ways: through ``aigov add`` of an article (the names made known to
the extractor by a copy of its data folder with extra gazetteer rows, ``AIGOV_EXTRACT_DATA``),
and through the facade for names no tokenizer would produce (newlines, tabs). Then the real
command line must hand them back exactly (export, saved queries, the graph page) and treat
hostile ``--focus`` and ``--param`` values as literals that simply match nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.robustness.conftest import export_nquads, run_aigov

pytestmark = pytest.mark.slow

EXTRACT_DATA = Path(__file__).resolve().parents[2] / "extract" / "data"

#: Names the extractor finds in the article below once the gazetteer knows them.
GAZETTEER = {
    'Quote"Mark Labs': "Company",
    "Brace}{Works": "Company",
    "Hash#Tag Networks": "Company",
    "Kelp } WHERE { ?s ?p ?o } # Labs": "Company",
    "Dana \"DJ\" O'Hare": "Person",
    "Ravi {Menon}": "Person",
}
ARTICLE = """---
title: "Names that look like code"
published: 2022-06-01
---
Ravi {Menon} was named chief executive of Quote"Mark Labs on Monday.

Dana "DJ" O'Hare was appointed chief executive of Kelp } WHERE { ?s ?p ?o } # Labs on Tuesday.

Hash#Tag Networks invested $40 million in Brace}{Works last year.
"""
#: Names only the facade can store: no tokenizer yields an entity with a newline or a tab in it.
LINE_BREAK_ORG = "Line\nBreak Holdings"
ODD_PERSON = 'Tab\tand \\backslash "Q" Person'
MARKUP_ORG = "<script>alert('x')</script> Zarqon Corp"
FACADE_TEXT = (f"{ODD_PERSON} became chief executive of {LINE_BREAK_ORG} in May.\n\n"
               f"{ODD_PERSON} also joined the board of {MARKUP_ORG}.\n")
ALL_NAMES = (*GAZETTEER, LINE_BREAK_ORG, ODD_PERSON, MARKUP_ORG)
#: Parameter and focus values that would change a query if they were pasted into it.
HOSTILE = (
    'x" } UNION { GRAPH ?g { ?s ?p ?o } } #',
    "x') } ; DROP ALL ; #",
    '\\" . } SELECT * WHERE { ?s ?p ?o } #',
    'Ravi {Menon}"\n} DELETE WHERE { ?s ?p ?o } #',
    "' OR '1'='1",
    "}}}}{{{{ ### \"\"\" '''",
)


@dataclass
class Hostile:
    store: Path
    folder: Path
    before: list[str]
    article: Path
    data: Path


def _facade_article(store: Path | str) -> None:
    from aigov.knowledge_graph import KnowledgeGraph
    from ontology.identifiers import article_id
    from ontology.model import Article, Entity, Evidence, Fact, Qualifiers

    first_end = FACADE_TEXT.index("\n\n")
    second_start = first_end + 2
    first = Evidence(FACADE_TEXT[:first_end], 0, first_end)
    second = Evidence(FACADE_TEXT[second_start:].rstrip("\n"), second_start, len(FACADE_TEXT.rstrip("\n")))
    person = Entity(ODD_PERSON, "Person")
    facts = [
        Fact(person, "ceoOf", Entity(LINE_BREAK_ORG, "Company"), first, 0.9,
             Qualifiers(date="2022-05", role='chief "executive" {officer} #1')),
        Fact(person, "boardMemberOf", Entity(MARKUP_ORG, "Company"), second, 0.8),
    ]
    article = Article(id=article_id(FACADE_TEXT), text=FACADE_TEXT, path="written-by-the-test",
                      title='A title with "quotes" and\na newline')
    with KnowledgeGraph(store) as kg:
        assert kg.add_facts(article, facts)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    root = tmp_path_factory.mktemp("injection")
    data = root / "extract-data"
    shutil.copytree(EXTRACT_DATA, data)
    rows = [{"name": name, "type": kind} for name, kind in GAZETTEER.items()]
    with (data / "gazetteer.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\n" + yaml.safe_dump(rows, allow_unicode=True))
    article = root / "names-that-look-like-code.md"
    article.write_text(ARTICLE, encoding="utf-8")
    store = root / "store"
    done = run_aigov("add", str(article), "--store", str(store), env={"AIGOV_EXTRACT_DATA": str(data)})
    assert done.returncode == 0, done.stderr
    _facade_article(store)
    return Hostile(store, root, export_nquads(store), article, data)


def _labels(lines: list[str]) -> set[str]:
    import pyoxigraph as ox

    label = "http://www.w3.org/2000/01/rdf-schema#label"
    quads = ox.parse("\n".join(lines).encode("utf-8"), ox.RdfFormat.N_QUADS)
    return {quad.object.value for quad in quads if quad.predicate.value == label}


def _saved(store: Path, name: str, **params: str) -> subprocess.CompletedProcess:
    args = ["query", "--saved", name, "--format", "json", "--store", str(store)]
    for key, value in params.items():
        args += ["--param", f"{key}={value}"]
    return run_aigov(*args)


def _rows(done: subprocess.CompletedProcess) -> list[dict]:
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["results"]["bindings"]


def test_hostile_names_are_stored_and_exported_exactly(hostile: Hostile) -> None:
    assert set(ALL_NAMES) <= _labels(hostile.before), "every name comes back, character for character"


@pytest.mark.server
def test_hostile_names_reach_a_remote_store_as_data(hostile: Hostile, remote_store_url: str) -> None:
    """Writes to an endpoint are SPARQL Update text: the same names must arrive as the same quads."""
    done = run_aigov("add", str(hostile.article), "--store", remote_store_url,
                     env={"AIGOV_EXTRACT_DATA": str(hostile.data)})
    assert done.returncode == 0, done.stderr
    _facade_article(remote_store_url)
    exported = run_aigov("export", "--format", "nquads", "--store", remote_store_url)
    assert exported.returncode == 0, exported.stderr
    assert sorted(line for line in exported.stdout.splitlines() if line.strip()) == hostile.before


@pytest.mark.parametrize("name", [n for n, kind in GAZETTEER.items() if kind == "Person"] + [ODD_PERSON])
def test_a_saved_query_finds_a_hostile_name_as_a_literal(hostile: Hostile, name: str) -> None:
    rows = _rows(_saved(hostile.store, "provenance", subject=name))
    assert rows, f"provenance of {name!r}"
    assert all(row["evidence"]["value"] for row in rows)


def test_a_saved_query_finds_a_hostile_organisation(hostile: Hostile) -> None:
    rows = _rows(_saved(hostile.store, "leadership-timeline", org="Kelp } WHERE { ?s ?p ?o } # Labs"))
    assert rows
    rows = _rows(_saved(hostile.store, "leadership-timeline", org=LINE_BREAK_ORG))
    assert rows


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_saved_query_parameters_match_nothing(hostile: Hostile, value: str) -> None:
    assert _rows(_saved(hostile.store, "provenance", subject=value)) == []


def test_a_hostile_text_parameter_matches_nothing(hostile: Hostile) -> None:
    assert _rows(_saved(hostile.store, "facts-by-source", source=HOSTILE[0])) == []


@pytest.mark.parametrize("value", HOSTILE[:3])
def test_hostile_focus_values_name_no_entity(hostile: Hostile, value: str) -> None:
    page = hostile.folder / "hostile-focus.html"
    done = run_aigov("viz", "--focus", value, "-o", str(page), "--store", str(hostile.store))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("aigov: error: focus "), done.stderr
    assert "no entity" in lines[0]
    assert not page.exists()


@pytest.mark.parametrize(("name", "shown"), [("Kelp } WHERE { ?s ?p ?o } # Labs", "Kelp }"),
                                             (LINE_BREAK_ORG, "Break Holdings"),
                                             (MARKUP_ORG, "Zarqon Corp")])
def test_a_hostile_name_is_a_valid_focus_and_stays_text_on_the_page(hostile: Hostile, name: str,
                                                                    shown: str) -> None:
    page = hostile.folder / f"focus-{shown[:4]}.html"
    done = run_aigov("viz", "--focus", name, "-o", str(page), "--store", str(hostile.store))
    assert done.returncode == 0, done.stderr
    html = page.read_text(encoding="utf-8")
    assert shown in html, "the focus is on the page"
    assert "<script>alert(" not in html, "a name is never markup on the page"

def test_the_store_is_unchanged_after_every_hostile_value(hostile: Hostile) -> None:
    """Last in the module: none of the queries or pages above wrote anything."""
    assert export_nquads(hostile.store) == hostile.before
