"""Precision on prose nobody tuned for: wrong readings that a fallback or a guess used to produce.

Each test pairs a tempting wrong fact (which must not come out) with the right one where the
text states it. The sentences are written for these tests; the organisations and people in
most of them are invented, so no gazetteer entry can carry the result.
"""

from __future__ import annotations

from tests.extract.conftest import find


def _has(got: set[tuple[str, str, str]], subject: str, predicate: str, obj_part: str) -> bool:
    return any(s == subject and p == predicate and obj_part in o for s, p, o in got)


# -- a title's own complement decides its organisation ----------------------------------------------


def test_title_of_an_introduced_start_up_goes_to_that_start_up(triples):
    got = triples(
        "Globex Corp. hired Petra Nowak, the co-founder and chief executive of the robotics start-up "
        "Quillmark, on Monday."
    )
    assert not _has(got, "Petra Nowak", "ceoOf", "Globex")
    assert ("Petra Nowak", "ceoOf", "Quillmark") in got
    assert ("Petra Nowak", "founderOf", "Quillmark") in got


def test_short_alias_confirmed_by_its_descriptor(triples):
    # a short name the gazetteer only trusts next to a longer form; "the start-up" vouches for it
    got = triples(
        "Contoso Ltd. has hired David Luan, the co-founder and chief executive of the software start-up "
        "Adept, together with part of his team."
    )
    assert not _has(got, "David Luan", "ceoOf", "Contoso")
    assert _has(got, "David Luan", "ceoOf", "Adept")


def test_unresolved_complement_blocks_the_fallback(triples):
    got = triples(
        "Globex Corp. said on Tuesday that it had hired Ivan Sokol, a co-founder and the chief executive "
        "of a small Ohio robotics company."
    )
    assert not _has(got, "Ivan Sokol", "ceoOf", "Globex")
    assert not _has(got, "Ivan Sokol", "founderOf", "Globex")


def test_name_introduced_by_a_descriptor_inside_a_relative_clause_stays_a_person(facts):
    got = facts("The start-up Jane Doe founded in 2020 was sold to Globex Corp. on Friday.")
    types = {f.subject.name: f.subject.type for f in got} | {
        f.object_name: getattr(f.obj, "type", None) for f in got
    }
    assert types.get("Jane Doe") in (None, "Person")


# -- possessives and "the board" -----------------------------------------------------------------


def test_its_after_a_nested_former_employer_is_the_subject(facts):
    got = facts(
        "Zentrix Inc. named Omar Haddad, a co-founder and former chief executive of the payments service "
        "Brightpay, as its interim chief executive on Sunday."
    )
    fact = find(got, "Omar Haddad", "ceoOf", "Zentrix Inc.")
    assert fact.qualifiers.role == "interim CEO"
    triples = {(f.subject.name, f.predicate, f.object_name) for f in got}
    assert ("Omar Haddad", "appointedTo", "Zentrix Inc.") in triples
    # the former employer's title has its own, unresolved complement: it must not move to Zentrix
    assert ("Omar Haddad", "founderOf", "Zentrix Inc.") not in triples
    assert not any(f.role and "former" in f.role for f in (x.qualifiers for x in got))
    assert not any(f.object_name == "Brightpay" and f.predicate == "appointedTo" for f in got)


def test_the_board_is_the_main_organisation_not_the_last_named(triples):
    got = triples(
        "Zentrix Inc. named Omar Haddad, a co-founder and former chief executive of the payments service "
        "Brightpay, as its interim chief executive on Sunday.\n\n"
        "The appointment came after talks over a return of Lena Ortiz, whom the board had removed as "
        "chief executive on Friday, broke down. Zentrix declined to comment."
    )
    assert not _has(got, "Lena Ortiz", "dismissedFrom", "Brightpay")


def test_board_between_two_equally_salient_organisations_gives_no_exit(triples):
    got = triples(
        "Orbis Labs said on Monday that it had hired Tom Reyes. Reyes previously ran Calder Robotics, a "
        "drone start-up. Nina Park, whom the board had dismissed as chief executive, declined to comment."
    )
    assert not _has(got, "Nina Park", "dismissedFrom", "Calder")
    assert not _has(got, "Nina Park", "dismissedFrom", "Orbis")


def test_exit_from_the_article_s_main_organisation_still_comes_out(triples):
    got = triples(
        "Veltro said on Monday that its board had ousted Karl Brandt as chief executive. Veltro, a "
        "logistics software company, has grown fast. Veltro named Ines Moreau, its finance chief, to run "
        "the company for now.\n\nKarl Brandt, whom the board had removed on Friday, declined to comment."
    )
    assert ("Karl Brandt", "dismissedFrom", "Veltro") in got


# -- people who share a surname -------------------------------------------------------------------


def test_shared_surname_is_not_guessed(triples):
    got = triples(
        "Helix Bio was founded in 2019 by the siblings Marco Vitale and Lucia Vitale. Marco Vitale is its "
        "chief executive, and Lucia Vitale is its president. Before starting Helix Bio, Mr. Vitale worked "
        "at Genentech."
    )
    assert ("Marco Vitale", "ceoOf", "Helix Bio") in got
    assert not _has(got, "Lucia Vitale", "employeeOf", "Genentech")
    assert not _has(got, "Lucia Vitale", "founderOf", "Genentech")


def test_surname_shared_with_no_one_is_still_resolved(triples):
    got = triples("Marco Vitale co-founded Helixa Inc. in 2019. Mr. Vitale later left Helixa Inc.")
    assert ("Marco Vitale", "resignedFrom", "Helixa Inc.") in got


def test_possessive_titles_after_a_hired_person_go_to_the_possessor(triples):
    # the parser may read "X, Y's co-founder and chief executive" as a coordination with X
    got = triples(
        "Microsoft Corp. struck a deal with Inflection AI in March, when it hired Mustafa Suleyman, "
        "Inflection's co-founder and chief executive, to lead a new consumer unit."
    )
    assert ("Mustafa Suleyman", "ceoOf", "Inflection AI") in got
    assert ("Mustafa Suleyman", "founderOf", "Inflection AI") in got
    assert ("Mustafa Suleyman", "ceoOf", "Microsoft") not in got


def test_the_company_is_never_the_regulator(triples):
    got = triples(
        "Norway's data authority, Datatilsynet, said on Friday that it had ordered Quillmark Inc. to stop "
        "collecting location data. It said the company's app kept the data for years, and it fined the "
        "company's chief executive, Ola Berg, in person."
    )
    assert not any(o == "Datatilsynet" and p in ("ceoOf", "holdsPositionAt") for _, p, o in got)


def test_short_names_land_on_the_full_names(triples):
    got = triples(
        "Norvik Robotics said on Tuesday that it had appointed a new chief executive. Pieter de Wit, who "
        "started Norvik in 2016 with a former colleague, said he was proud of the team. Mr. de Wit "
        "left Norvik in 2021."
    )
    assert ("Pieter de Wit", "founderOf", "Norvik Robotics") in got
    assert ("Pieter de Wit", "resignedFrom", "Norvik Robotics") in got
    assert not any(s == "de Wit" or o == "Norvik" for s, _, o in got)
