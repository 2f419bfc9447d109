"""Qualifiers on facts: the clause's own date, amounts as written, percentages, roles."""

from __future__ import annotations

from tests.extract.conftest import find


def test_date_of_the_relation_clause(facts):
    got = facts("Greg Brockman joined OpenAI on Tuesday, months after he left Stripe in 2015.", "2024-03-22")
    assert find(got, "Greg Brockman", "joined", "OpenAI").qualifiers.date == "2024-03-19"


def test_date_of_the_reporting_verb(facts):
    got = facts("Amazon will invest $4 billion in Anthropic, the companies said on Friday.", "2024-11-22")
    fact = find(got, "Amazon", "investedIn", "Anthropic")
    assert fact.qualifiers.date == "2024-11-22"
    assert fact.qualifiers.amount == "$4 billion"


def test_date_the_clause_modifies(facts):
    got = facts(
        "The deal dates to September 2023, when Amazon agreed to invest up to $4 billion in Anthropic."
    )
    fact = find(got, "Amazon", "investedIn", "Anthropic")
    assert fact.qualifiers.date == "2023-09"
    assert fact.qualifiers.amount == "up to $4 billion"


def test_amount_hedge_words_kept(facts):
    got = facts("Microsoft committed about $13 billion to OpenAI.")
    assert find(got, "Microsoft", "investedIn", "OpenAI").qualifiers.amount == "about $13 billion"


def test_percent(facts):
    got = facts("Microsoft holds a 49% stake in OpenAI Global LLC.")
    assert find(got, "Microsoft", "owns", "OpenAI Global LLC").qualifiers.percent == "49%"


def test_no_amount_on_titles(facts):
    got = facts("Satya Nadella, chief executive of Microsoft, approved the $10 billion plan.")
    assert find(got, "Satya Nadella", "ceoOf", "Microsoft").qualifiers.amount is None


def test_evidence_is_the_sentence_and_its_span(facts):
    text = "Google bought DeepMind in 2014. Microsoft invested in OpenAI in 2019."
    got = facts(text)
    fact = find(got, "Microsoft", "investedIn", "OpenAI")
    assert fact.evidence.text == "Microsoft invested in OpenAI in 2019."
    assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.text
    assert fact.qualifiers.date == "2019"
    assert 0.0 < fact.confidence <= 1.0


def test_tense_of_the_date_clause(facts):
    # "will invest" looks forward, but "said on Monday" is in the past
    got = facts("Microsoft will invest in Mistral AI, the start-up said on Monday.", "2024-02-27")
    assert find(got, "Microsoft", "investedIn", "Mistral AI").qualifiers.date == "2024-02-26"


def test_relative_founding_year(triples):
    assert ("Mistral AI", "foundedIn", "2023") in triples(
        "Mistral AI was founded last year in Paris.", "2024-02-27"
    )
