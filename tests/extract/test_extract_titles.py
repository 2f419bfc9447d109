"""Titles: appositions, copulas, pre-nominal titles, possessives, coordination, "named X",
"resigned as X", board seats, role strings as written (modifiers kept, CEO canonical)."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

CASES = [
    ("OpenAI CEO Sam Altman spoke at the event on Tuesday.", "Sam Altman", "ceoOf", "OpenAI", "CEO"),
    ("Former Twitch boss Emmett Shear spoke on Tuesday.", "Emmett Shear", "ceoOf", "Twitch", "former CEO"),
    ("Satya Nadella is chief executive of Microsoft.", "Satya Nadella", "ceoOf", "Microsoft", "CEO"),
    (
        "Microsoft's chief executive, Satya Nadella, praised the deal.",
        "Satya Nadella",
        "ceoOf",
        "Microsoft",
        "CEO",
    ),
    (
        "Jordan Jacobs is the co-founder and managing partner of Radical Ventures.",
        "Jordan Jacobs",
        "holdsPositionAt",
        "Radical Ventures",
        "managing partner",
    ),
    (
        "Jordan Jacobs is the co-founder and managing partner of Radical Ventures.",
        "Jordan Jacobs",
        "founderOf",
        "Radical Ventures",
        None,
    ),
    (
        "Reid Hoffman, a co-founder of LinkedIn, sits on Microsoft's board.",
        "Reid Hoffman",
        "boardMemberOf",
        "Microsoft",
        "board member",
    ),
    (
        "Bret Taylor was appointed chairman of OpenAI in November.",
        "Bret Taylor",
        "chairOf",
        "OpenAI",
        "chairman",
    ),
    (
        "Bret Taylor was appointed chairman of OpenAI in November.",
        "Bret Taylor",
        "appointedTo",
        "OpenAI",
        "chairman",
    ),
    (
        "Mira Murati, who was named interim CEO of OpenAI, later left.",
        "Mira Murati",
        "ceoOf",
        "OpenAI",
        "interim CEO",
    ),
    (
        "Greg Brockman, the president of OpenAI, quit on Friday.",
        "Greg Brockman",
        "holdsPositionAt",
        "OpenAI",
        "president",
    ),
    (
        "Emad Mostaque resigned as chief executive of Stability AI.",
        "Emad Mostaque",
        "resignedFrom",
        "Stability AI",
        "CEO",
    ),
    (
        "Jakub Pachocki was vice president of research at OpenAI.",
        "Jakub Pachocki",
        "holdsPositionAt",
        "OpenAI",
        "vice president of research",
    ),
    (
        "Helen Toner stepped down from the board of OpenAI.",
        "Helen Toner",
        "resignedFrom",
        "OpenAI",
        "board member",
    ),
    (
        "Mira Murati, OpenAI's former chief technology officer, spoke.",
        "Mira Murati",
        "holdsPositionAt",
        "OpenAI",
        "former chief technology officer",
    ),
]


@pytest.mark.parametrize(
    ("text", "subject", "predicate", "obj", "role"), CASES, ids=[f"{c[2]}:{c[0][:40]}" for c in CASES]
)
def test_titles(facts, text, subject, predicate, obj, role):
    fact = find(facts(text), subject, predicate, obj)
    assert fact.qualifiers.role == role


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The chief executive of Nimbus Labs, Carla Diaz, was fired by the board on Friday.",
            {("Carla Diaz", "ceoOf", "Nimbus Labs"), ("Carla Diaz", "dismissedFrom", "Nimbus Labs")},
        ),
        (
            "The chairman of Helix Capital, Ann Roe, said the fund would grow.",
            {("Ann Roe", "chairOf", "Helix Capital")},
        ),
    ],
)
def test_name_hung_on_the_titles_organisation_is_its_holder(triples, text, expected):
    # the parser makes the person an apposition of the organisation; a person never is one
    assert expected <= triples(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lena Marsh, chief executive of Ostrava Systems and of its parent company Harlow Group, spoke.",
            {("Lena Marsh", "ceoOf", "Ostrava Systems"), ("Lena Marsh", "ceoOf", "Harlow Group")},
        ),
    ],
)
def test_a_repeated_preposition_shares_the_title(triples, text, expected):
    # "of Y and of Z": the parser hangs the second phrase on the holder
    assert expected <= triples(text)


@pytest.mark.parametrize(
    "text",
    [
        "Lena Marsh joined Ostrava Systems' board in 2021.",
        "Lena Marsh, who joined the board of Ostrava Systems last year, declined to comment.",
    ],
)
def test_joining_a_board_gives_the_seat(triples, text):
    assert ("Lena Marsh", "boardMemberOf", "Ostrava Systems") in triples(text)


@pytest.mark.parametrize(
    "text",
    [
        # the person labelled an object predicate
        "Ostrava Systems named Lena Marsh to succeed Tom Reyes as chief executive.",
        # the appointing verb misread as a participle on the organisation
        "Tom Reyes resigned in May, and Ostrava Systems named Lena Marsh to succeed him as chief executive.",
    ],
)
def test_named_to_succeed_as(triples, text):
    got = triples(text)
    assert ("Lena Marsh", "appointedTo", "Ostrava Systems") in got
    assert ("Lena Marsh", "ceoOf", "Ostrava Systems") in got
    assert ("Tom Reyes", "appointedTo", "Ostrava Systems") not in got


def test_head_of_is_a_position(facts):
    got = facts("Lena Marsh, the head of research at Zyntrix AI, said the deal was good.")
    assert find(got, "Lena Marsh", "holdsPositionAt", "Zyntrix AI").qualifiers.role == "head of research"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Lena Marsh, who co-led Ostrava Systems' safety team, resigned.", "co-lead of the safety team"),
        ("Lena Marsh heads the research division at Ostrava Systems.", "head of the research division"),
        ("Ostrava Systems' chip unit, led by Lena Marsh, was sold.", "head of the chip unit"),
    ],
)
def test_leading_a_described_part_is_a_position(facts, text, role):
    assert find(facts(text), "Lena Marsh", "holdsPositionAt", "Ostrava Systems").qualifiers.role == role


@pytest.mark.parametrize(
    "text",
    [
        "Lena Marsh led Ostrava Systems' team in the final.",  # a team with no description
        "Lena Marsh led the team that built the chip.",  # no organisation
    ],
)
def test_leading_a_bare_team_is_no_position(triples, text):
    assert not any(p == "holdsPositionAt" for _, p, _ in triples(text))


@pytest.mark.parametrize(
    "text",
    [
        # the person glued onto the title: "appointed [X chief executive]"
        "Zyntrix AI has appointed Lena Marsh chief executive.",
        # the appointing verb read as a participle on the organisation: "Zyntrix AI [named X]"
        "The board of Zyntrix AI named Lena Marsh as its new chief executive.",
    ],
)
def test_appointment_misparses(triples, text):
    got = triples(text)
    assert ("Lena Marsh", "ceoOf", "Zyntrix AI") in got
    assert ("Lena Marsh", "appointedTo", "Zyntrix AI") in got


@pytest.mark.parametrize(
    "text",
    [
        "Ostrava Systems appointed Lena Marsh to its board.",
        "Ostrava Systems added Lena Marsh to its board on Monday.",
    ],
)
def test_appointed_to_the_board(triples, text):
    got = triples(text)
    assert ("Lena Marsh", "boardMemberOf", "Ostrava Systems") in got
    assert ("Lena Marsh", "appointedTo", "Ostrava Systems") in got


def test_a_possessive_with_its_noun_left_out_shares_the_title(triples):
    got = triples(
        "Tom Reyes, who sits on Ostrava Systems' board and is staying on Zyntrix AI's, declined to comment."
    )
    assert ("Tom Reyes", "boardMemberOf", "Ostrava Systems") in got
    assert ("Tom Reyes", "boardMemberOf", "Zyntrix AI") in got
    # a possessive with its own noun is no ellipsis
    got = triples("Lena Marsh sits on Ostrava Systems' board and works on Zyntrix AI's chips.")
    assert ("Lena Marsh", "boardMemberOf", "Zyntrix AI") not in got


def test_joining_the_company_gives_no_seat(triples):
    assert not any(p == "boardMemberOf" for _, p, _ in triples("Lena Marsh joined Ostrava Systems in 2021."))


def test_organisation_in_apposition_to_the_complement_holds_no_title(triples):
    got = triples("The chief executive of Nimbus Labs, a maker of farm drones, was fired on Friday.")
    assert not any(p in ("ceoOf", "dismissedFrom") for _, p, _ in got)


def test_appointment_as_with_coordinated_people(triples):
    got = triples(
        "Stability AI said its board appointed two executives, Shan Shan Wong and Christian Laforte, "
        "as interim co-chief executives."
    )
    assert ("Shan Shan Wong", "appointedTo", "Stability AI") in got
    assert ("Christian Laforte", "ceoOf", "Stability AI") in got


def test_title_borrows_the_organisation_of_another_title(facts):
    got = facts("Dominic Perella, Character.AI's general counsel, takes over as interim chief executive.")
    assert find(got, "Dominic Perella", "ceoOf", "Character.AI").qualifiers.role == "interim CEO"
    assert (
        find(got, "Dominic Perella", "holdsPositionAt", "Character.AI").qualifiers.role == "general counsel"
    )


def test_unresolved_organisation_gives_no_title(triples):
    # "the new group" names no organisation we know: better no fact than a wrong one
    got = triples("Karen Simonyan has come over as chief scientist of the new group.")
    assert not any(p == "holdsPositionAt" for _, p, _ in got)


def test_there_points_back_to_the_organisation_named_before(facts):
    got = facts(
        "Dario Amodei was vice president of research at OpenAI, while Daniela Amodei, Anthropic's president, "
        "was vice president of safety and policy there."
    )
    fact = find(got, "Daniela Amodei", "holdsPositionAt", "OpenAI")
    assert fact.qualifiers.role == "vice president of safety and policy"
    assert find(got, "Daniela Amodei", "holdsPositionAt", "Anthropic").qualifiers.role == "president"


def test_definite_title_in_apposition_takes_the_organisation_in_view(triples):
    got = triples("Anthropic was founded in 2021. Dario Amodei, the chief executive, spoke on Tuesday.")
    assert ("Dario Amodei", "ceoOf", "Anthropic") in got
    # an indefinite title presumes nothing
    got = triples("Anthropic was founded in 2021. Dario Amodei, a chief executive, spoke on Tuesday.")
    assert not any(p == "ceoOf" for _, p, _ in got)


def test_a_past_title_lends_no_organisation_to_a_present_one(triples):
    # "previously" / "formerly" make a title a past one, like "former"
    got = triples(
        "Zyntrix AI was founded in 2021. Lena Marsh, the chief executive, was previously vice president "
        "of research at Ostrava Systems."
    )
    assert ("Lena Marsh", "ceoOf", "Zyntrix AI") in got
    assert ("Lena Marsh", "holdsPositionAt", "Ostrava Systems") in got
    got = triples(
        "Zyntrix AI was founded in 2021. Lena Marsh, formerly a vice president at Ostrava Systems, was "
        "named chief executive on Monday."
    )
    assert ("Lena Marsh", "ceoOf", "Zyntrix AI") in got
    assert ("Lena Marsh", "ceoOf", "Ostrava Systems") not in got


@pytest.mark.parametrize(
    "text",
    [
        "Zyntrix AI was founded in 2021. Lena Marsh is chief executive.",
        "Zyntrix AI was founded in 2021 by Tom Reyes. In 2022 Lena Marsh briefly served as interim "
        "chief executive.",
    ],
)
def test_a_bare_title_stated_of_its_holder_takes_the_organisation_in_view(triples, text):
    assert ("Lena Marsh", "ceoOf", "Zyntrix AI") in triples(text)


@pytest.mark.parametrize(
    "text",
    [
        "Zyntrix AI was founded in 2021. Lena Marsh is a chief executive.",
        "Zyntrix AI was founded in 2021. Lena Marsh was never chief executive.",
    ],
)
def test_an_indefinite_or_denied_title_presumes_nothing(triples, text):
    assert not any(p == "ceoOf" for _, p, _ in triples(text))


def test_a_former_title_lends_no_organisation_to_a_new_one(triples):
    got = triples(
        "OpenAI has been in turmoil since Friday. Emmett Shear, the former Twitch boss who was appointed "
        "interim chief executive on Sunday, said he was pleased."
    )
    assert ("Emmett Shear", "ceoOf", "OpenAI") in got
    assert ("Emmett Shear", "appointedTo", "Twitch") not in got


def test_unresolved_named_organisation_blocks_fallbacks(triples):
    got = triples(
        "OpenAI named a new board. Adam D'Angelo, the chief executive of Zorblat, will serve on it."
    )
    assert ("Adam D'Angelo", "ceoOf", "OpenAI") not in got


def test_where_points_to_the_organisation(facts):
    got = facts("David Luan previously worked at OpenAI, where he was vice president of engineering.")
    assert (
        find(got, "David Luan", "holdsPositionAt", "OpenAI").qualifiers.role
        == "vice president of engineering"
    )
