"""Careers, moves and the revolving door on a small cast of invented people and organisations."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import careers, moves, revolving_door
from ontology.errors import QueryError

ENT = "https://w3id.org/aigov/entity/"
TYPES = {
    "ada": ("Ada Moreno", "Person"),
    "ben": ("Ben Okafor", "Person"),
    "cy": ("Cy Lindqvist", "Person"),
    "di": ("Di Amato", "Person"),
    "nimbus": ("Nimbus Labs", "Company"),
    "quill": ("Quill Foundation", "NonProfit"),
    "harbor": ("Harbor Capital", "Investor"),
    "office": ("Office of Digital Markets", "GovernmentBody"),
}


def build(*facts: tuple) -> nx.MultiDiGraph:
    """Each fact is (subject, predicate, object, date[, role])."""
    g = nx.MultiDiGraph()
    for slug, (label, type_) in TYPES.items():
        g.add_node(ENT + slug, label=label, type=type_, aliases=[], wikidata=None, sources=1)
    for n, (s, p, o, date, *role) in enumerate(facts):
        g.add_edge(
            ENT + s,
            ENT + o,
            key=f"https://w3id.org/aigov/fact/{n}",
            predicate=p,
            date=date,
            role=role[0] if role else None,
            evidence=[
                {
                    "text": f"Sentence {n}.",
                    "article": f"https://w3id.org/aigov/article/{n}",
                    "title": f"Story {n}",
                    "published": None,
                    "url": None,
                }
            ],
        )
    return g


@pytest.fixture
def cast() -> nx.MultiDiGraph:
    return build(
        ("ada", "joined", "quill", "2022-04"),
        ("ada", "ceoOf", "nimbus", "2019"),
        ("ada", "resignedFrom", "nimbus", "2022-03"),
        ("ada", "founderOf", "nimbus", "2017"),
        ("ben", "boardMemberOf", "harbor", None),
        ("ben", "joined", "office", "2023-01", "adviser"),
        ("cy", "employeeOf", "nimbus", "2020"),
        ("cy", "resignedFrom", "nimbus", "2021"),
        ("di", "holdsPositionAt", "quill", "2020", "CTO"),
        ("di", "dismissedFrom", "harbor", "2021-06"),
    )


def test_career_is_in_date_order(cast):
    rows = careers(cast, ENT + "ada")
    assert [(r["org_label"], r["predicate"], r["date"]) for r in rows] == [
        ("Nimbus Labs", "founderOf", "2017"),
        ("Nimbus Labs", "ceoOf", "2019"),
        ("Nimbus Labs", "resignedFrom", "2022-03"),
        ("Quill Foundation", "joined", "2022-04"),
    ]
    assert set(rows[0]) == {"org", "org_label", "predicate", "role", "date", "fact"}


def test_undated_career_facts_come_last():
    g = build(("ben", "chairOf", "quill", None), ("ben", "employeeOf", "nimbus", "2015"))
    assert [r["date"] for r in careers(g, ENT + "ben")] == ["2015", None]


def test_moves_from_an_exit_and_from_a_join(cast):
    found = moves(cast)
    assert [(m["person_label"], m["from_label"], m["to_label"], m["date"], m["kind"]) for m in found] == [
        ("Ada Moreno", "Nimbus Labs", "Quill Foundation", "2022-04", "exit"),
        ("Ben Okafor", "Harbor Capital", "Office of Digital Markets", "2023-01", "join"),
    ]
    assert (found[1]["from_type"], found[1]["to_type"]) == ("Investor", "GovernmentBody")
    ada = found[0]
    assert ada["facts"] == ["https://w3id.org/aigov/fact/2", "https://w3id.org/aigov/fact/0"]
    assert [e["text"] for e in ada["evidence"]] == ["Sentence 2.", "Sentence 0."]


def test_an_entry_before_the_exit_is_not_a_move(cast):
    # Di held a position at Quill *before* leaving Harbor: no move from Harbor to Quill.
    assert all(m["person"] != ENT + "di" for m in moves(cast))


def test_undated_exits_do_not_start_moves():
    g = build(("cy", "resignedFrom", "nimbus", None), ("cy", "joined", "harbor", None))
    assert moves(g) == []


def test_a_return_to_the_same_organisation_is_not_a_move():
    g = build(("ada", "dismissedFrom", "nimbus", "2023-11-17"), ("ada", "ceoOf", "nimbus", "2023-11-22"))
    assert moves(g) == []


def test_revolving_door_lists_people_with_two_or_more_organisations(cast):
    rows = revolving_door(cast)
    assert [r["label"] for r in rows] == ["Ada Moreno", "Ben Okafor", "Di Amato"]
    assert [o["label"] for o in rows[0]["organisations"]] == ["Nimbus Labs", "Quill Foundation"]
    assert len(rows[0]["moves"]) == 1
    assert rows[2]["moves"] == []


def test_careers_of_an_unknown_person_is_a_clear_error(cast):
    with pytest.raises(QueryError, match=r"nobody.*not in the graph"):
        careers(cast, ENT + "nobody")


def test_a_claimed_exit_is_not_a_move():
    g = build(("cy", "resignedFrom", "nimbus", "2021"), ("cy", "joined", "harbor", "2021-05"))
    exit_edge = next(d for *_, d in g.edges(data=True) if d["predicate"] == "resignedFrom")
    exit_edge["status"] = "claimed"
    assert [r["predicate"] for r in careers(g, ENT + "cy")] == ["joined"]
    assert moves(g) == []
