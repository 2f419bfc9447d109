"""Dates an event takes from its neighbouring sentences (extract.discourse_dates).

Every rule family has a case where the date must be inherited and one where it must not: a
wrong date costs more than a missing one. Texts are written for these tests.
"""

from __future__ import annotations

import pytest

from extract.discourse_dates import load_cues
from extract.temporal import is_relative, resolve_date, resolve_relative
from tests.extract.conftest import find

PUB = "2024-03-22"  # a Friday: Monday 18, Tuesday 19, Wednesday 20, Thursday 21


def date_of(facts, subject: str, predicate: str, obj: str) -> str | None:
    return find(facts, subject, predicate, obj).qualifiers.date


# -- relative anchors, resolved without a parse ----------------------------------------------------

RELATIVE = [
    ("Hours later", "2024-09-25", "2024-09-25"),
    ("later that day", "2024-09-25", "2024-09-25"),
    ("the next day", "2024-02-29", "2024-03-01"),
    ("a day later", "2023-12-31", "2024-01-01"),
    ("two days later", "2023-12-30", "2024-01-01"),
    ("three weeks later", "2024-01-01", "2024-01-22"),
    ("days later", "2023-11", "2023-11"),  # a month anchor keeps its month
    ("days later", "2023-11-10", "2023-11"),  # 11th to 19th: still November
    ("days later", "2023-11-27", "2023"),  # could be December: only the year is sure
    ("weeks later", "2023-11", None),  # could be the next year
    ("the following month", "2023-12-05", "2024-01"),
    ("a year later", "2020", "2021"),
    ("later that year", "2020-03", "2020"),
]


@pytest.mark.parametrize(("text", "anchor", "want"), RELATIVE, ids=[f"{r[0]}@{r[1]}" for r in RELATIVE])
def test_resolve_relative_keeps_no_more_precision_than_it_has(text, anchor, want):
    assert resolve_relative(text, anchor) == want


def test_relative_needs_an_anchor_and_a_relative_phrase():
    assert resolve_relative("the next day", None) is None
    assert resolve_relative("on Friday", "2024-03-01") is None
    assert not is_relative("the day")
    assert not is_relative("in 2019")
    assert is_relative("Two days later")


def test_month_precision_rules_of_resolve_date():
    import datetime as dt

    pub = dt.date(2024, 11, 22)
    assert resolve_date("in March of this year", pub) == "2024-03"
    assert resolve_date("last June", pub) == "2024-06"
    assert resolve_date("last June", dt.date(2024, 6, 20)) == "2023-06"
    assert resolve_date("earlier this month", pub) == "2024-11"


def test_stative_predicates_are_not_in_the_event_list():
    cues = load_cues()
    assert {"ceoOf", "founderOf", "boardMemberOf", "holdsPositionAt"}.isdisjoint(cues.event_predicates)
    assert {"resignedFrom", "joined", "sued", "acquired"} <= cues.event_predicates


# -- relative anchors in text ----------------------------------------------------------------------------


def test_relative_phrase_counts_from_the_previous_date(facts):
    got = facts("Jonas Meier left Google on March 4. Two days later, he joined Meta.", PUB)
    assert date_of(got, "Jonas Meier", "resignedFrom", "Google") == "2024-03-04"
    assert date_of(got, "Jonas Meier", "joined", "Meta Platforms") == "2024-03-06"


def test_fronted_hours_later_dates_the_reported_exit(facts):
    text = (
        "Anna Berg said on Monday that she was leaving Amazon. "
        "Hours later, Amazon said that Tom Reyes was leaving Amazon as well."
    )
    assert date_of(facts(text, PUB), "Tom Reyes", "resignedFrom", "Amazon") == "2024-03-18"


def test_days_later_after_a_month_keeps_the_month(facts):
    text = "Peter Novak was fired by Tesla last November. Days later, he joined Google."
    assert date_of(facts(text, PUB), "Peter Novak", "joined", "Google") == "2023-11"


def test_no_relative_anchor_across_paragraphs(facts):
    text = "Jonas Meier left Google in May.\n\nDays later, Tom Reyes joined Meta."
    assert date_of(facts(text, PUB), "Tom Reyes", "joined", "Meta Platforms") is None


def test_past_perfect_is_not_dated_by_a_relative_phrase(facts):
    text = (
        "Anna Berg said on Monday that she was leaving Amazon. "
        "Hours later, Amazon said that Tom Reyes had resigned from Amazon as well."
    )
    assert date_of(facts(text, PUB), "Tom Reyes", "resignedFrom", "Amazon") is None


# -- same-event anaphora -----------------------------------------------------------------------------------


def test_the_move_dates_the_sentence_before(facts):
    text = "Maria Lopez has resigned from Nvidia. The move was announced on Tuesday."
    assert date_of(facts(text, PUB), "Maria Lopez", "resignedFrom", "Nvidia") == "2024-03-19"


def test_the_lawsuit_opening_the_next_paragraph_dates_the_suit(facts):
    text = (
        "Nvidia has sued Intel over a chip patent.\n\n"
        "The lawsuit, filed on Wednesday in a Delaware court, seeks damages."
    )
    assert date_of(facts(text, PUB), "Nvidia", "sued", "Intel") == "2024-03-20"


def test_bare_time_sentence(facts):
    text = "Microsoft has acquired Nuance Communications. It happened on Monday."
    assert date_of(facts(text, PUB), "Microsoft", "acquired", "Nuance Communications") == "2024-03-18"


def test_under_the_deal_takes_the_previous_sentence_date(facts):
    text = (
        "Microsoft announced a partnership with Mistral AI on Monday. "
        "Under the deal, Microsoft will invest in Mistral AI."
    )
    assert date_of(facts(text, PUB), "Microsoft", "investedIn", "Mistral AI") == "2024-03-18"


def test_a_paragraph_opening_on_the_deal_takes_the_date_of_the_deal_before(facts):
    # the agreement's date sits on its participle, and the reference opens a new paragraph
    text = (
        "Under an agreement announced on Tuesday, engineers from Quarry Labs will join Harlow "
        "Systems.\n\nAs part of the arrangement, Harlow Systems will invest in Quarry Labs."
    )
    assert date_of(facts(text, PUB), "Harlow Systems", "investedIn", "Quarry Labs") == "2024-03-19"


def test_a_new_paragraph_that_does_not_open_on_the_reference_inherits_nothing(facts):
    text = (
        "Under an agreement announced on Tuesday, engineers from Quarry Labs will join Harlow "
        "Systems.\n\nHarlow Systems will invest in Quarry Labs as part of the arrangement."
    )
    assert date_of(facts(text, PUB), "Harlow Systems", "investedIn", "Quarry Labs") is None


def test_agreement_announced_dates_the_join_and_its_elaboration(facts):
    text = (
        "Karl Weber and Ines Roth, who left Microsoft in 2020 to found Quanta AI, are returning "
        "to Microsoft. Under an agreement announced on Thursday, Weber and Roth will join "
        "Microsoft AI, the company's consumer unit."
    )
    got = facts(text, PUB)
    assert date_of(got, "Karl Weber", "joined", "Microsoft AI") == "2024-03-21"
    assert date_of(got, "Karl Weber", "joined", "Microsoft") == "2024-03-21"


def test_announced_the_probe_dates_the_probe(facts):
    text = (
        "The Federal Trade Commission has opened an inquiry into investments by Microsoft and "
        "Amazon in AI start-ups. The agency announced the probe on Thursday."
    )
    got = facts(text, "2024-01-30")
    assert date_of(got, "Federal Trade Commission", "investigated", "Amazon") == "2024-01-25"


@pytest.mark.parametrize(
    ("text", "subject", "predicate", "obj"),
    [
        (
            "Maria Lopez has resigned from Nvidia. The decision follows months of tension with "
            "the board, which was formed in 2019.",
            "Maria Lopez",
            "resignedFrom",
            "Nvidia",
        ),
        (
            "Microsoft, which was founded in 1975, announced a partnership with Mistral AI. "
            "Under the deal, Microsoft will invest in Mistral AI.",
            "Microsoft",
            "investedIn",
            "Mistral AI",
        ),
    ],
    ids=["anaphor-sentence", "previous-sentence"],
)
def test_a_date_in_a_relative_clause_is_not_the_events(facts, text, subject, predicate, obj):
    assert date_of(facts(text, PUB), subject, predicate, obj) is None


def test_states_never_inherit(facts):
    text = "Laura Chen is the chief executive of Stripe. The move was announced on Tuesday."
    assert date_of(facts(text, PUB), "Laura Chen", "ceoOf", "Stripe") is None


@pytest.mark.parametrize(
    "text",
    [
        "Maria Lopez had joined Nvidia. The decision was announced on Tuesday.",  # anterior
        "Maria Lopez later joined Nvidia. The move was announced on Tuesday.",  # moved in time
    ],
    ids=["past-perfect", "later"],
)
def test_anterior_or_shifted_events_do_not_inherit(facts, text):
    assert date_of(facts(text, PUB), "Maria Lopez", "joined", "Nvidia") is None


def test_two_dates_in_the_anaphor_sentence_give_none(facts):
    text = (
        "Maria Lopez has resigned from Nvidia. "
        "The move, first reported on Monday, was confirmed on Tuesday."
    )
    assert date_of(facts(text, PUB), "Maria Lopez", "resignedFrom", "Nvidia") is None


def test_a_neighbour_about_something_else_gives_none(facts):
    text = "Maria Lopez has resigned from Nvidia. Intel reported its earnings on Tuesday."
    assert date_of(facts(text, PUB), "Maria Lopez", "resignedFrom", "Nvidia") is None


def test_a_later_sentence_dating_the_same_event_dates_the_lede(facts):
    text = "Google has hired Tom Reyes, an engineer. He joined Google last month, he said on X."
    assert date_of(facts(text, "2024-04-05"), "Tom Reyes", "joined", "Google") == "2024-03"


def test_same_predicate_other_organisation_gives_none(facts):
    got = facts("Jonas Meier has joined Meta. He joined Google in 2010.", PUB)
    assert date_of(got, "Jonas Meier", "joined", "Meta Platforms") is None
    assert date_of(got, "Jonas Meier", "joined", "Google") == "2010"


# -- paragraph time topic ------------------------------------------------------------------------------------


def test_fronted_date_carries_through_its_paragraph(facts):
    text = (
        "On Tuesday, the board of Stripe fired its chief executive, Laura Chen. "
        "It named Mark Ruiz, the finance chief, as interim chief executive."
    )
    got = facts(text, PUB)
    assert date_of(got, "Laura Chen", "dismissedFrom", "Stripe") == "2024-03-19"
    assert date_of(got, "Mark Ruiz", "appointedTo", "Stripe") == "2024-03-19"
    assert date_of(got, "Mark Ruiz", "ceoOf", "Stripe") is None  # a state


def test_fronted_date_stops_at_the_paragraph_and_at_a_new_date(facts):
    got = facts("On Tuesday, Stripe fired Laura Chen.\n\nMark Ruiz joined Stripe.", PUB)
    assert date_of(got, "Mark Ruiz", "joined", "Stripe") is None
    got = facts("On Tuesday, Stripe fired Laura Chen. Mark Ruiz joined Visa.", PUB)  # another story
    assert date_of(got, "Mark Ruiz", "joined", "Visa") is None
    text = "On Tuesday, Stripe fired Laura Chen. In 2019, Mark Ruiz joined Stripe. He then joined Visa."
    got = facts(text, PUB)
    assert date_of(got, "Mark Ruiz", "joined", "Stripe") == "2019"
    assert date_of(got, "Mark Ruiz", "joined", "Visa") is None


# -- possessive event nouns ------------------------------------------------------------------------------


def test_her_departure_refines_a_coarser_date(facts):
    text = (
        "Laura Chen, who left Google last autumn, has started a company.\n\n"
        "Chen spent ten years at Google. She announced her departure on September 25."
    )
    assert date_of(facts(text, "2025-02-19"), "Laura Chen", "resignedFrom", "Google") == "2024-09-25"


def test_her_departure_with_two_exits_refines_neither(facts):
    text = (
        "Laura Chen left Google last autumn and resigned from Intel last year.\n\n"
        "She announced her departure on September 25."
    )
    got = facts(text, "2025-02-19")
    assert date_of(got, "Laura Chen", "resignedFrom", "Google") == "2024"
    assert date_of(got, "Laura Chen", "resignedFrom", "Intel") == "2024"
