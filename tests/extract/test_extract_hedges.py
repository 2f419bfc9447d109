"""Claims are not facts: modality, negation, denial, reported speech, talks, plans, questions.

Each hedged sentence must give no asserted fact, and, with ``include_claims``, the same
statement as a claim; the plain sentence next to it must give the fact (so the test can fail
both ways)."""

from __future__ import annotations

import pytest

FACT = ("Microsoft", "acquired", "Inflection AI")
CASES = {
    "modal": "Microsoft may acquire Inflection AI.",
    "conditional modal": "Microsoft could acquire Inflection AI next year.",
    "negation": "Microsoft has not acquired Inflection AI.",
    "denial": "Microsoft denied that it had acquired Inflection AI.",
    "hedging adverb": "Microsoft reportedly acquired Inflection AI.",
    "plan": "Microsoft plans to acquire Inflection AI.",
    "consideration": "Microsoft considered acquiring Inflection AI.",
    "exploration": "Microsoft explored acquiring Inflection AI.",
    "talks": "Microsoft is in talks to acquire Inflection AI.",
    "passive report": "Microsoft is said to have acquired Inflection AI.",
    "expectation": "Microsoft is expected to acquire Inflection AI.",
    "schedule": "Microsoft is set to acquire Inflection AI.",
    "question": "Did Microsoft acquire Inflection AI?",
    "conditional": "If Microsoft acquired Inflection AI, regulators would object.",
}


def test_plain_statement_is_a_fact(triples):
    assert FACT in triples("Microsoft acquired Inflection AI in March.")


def test_a_phrasal_verb_is_not_its_hedging_verb(triples):
    # "was set up" is no "is set to": the unit exists
    got = triples("A new unit called Zyntrix Cloud was set up by Ostrava Systems in May.")
    assert ("Zyntrix Cloud", "subsidiaryOf", "Ostrava Systems") in got


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_hedged_statement_is_only_a_claim(facts, text):
    asserted = {(f.subject.name, f.predicate, f.object_name) for f in facts(text) if f.status == "asserted"}
    assert FACT not in asserted
    claimed = [f for f in facts(text, claims=True) if (f.subject.name, f.predicate, f.object_name) == FACT]
    if claimed:  # kept apart as a claim, never as a fact
        assert all(f.status == "claimed" for f in claimed)
        assert all(f.confidence < 0.5 for f in claimed)


def test_claims_are_kept_when_asked(facts):
    got = facts("Microsoft may acquire Inflection AI.", claims=True)
    assert [(f.subject.name, f.predicate, f.object_name, f.status) for f in got] == [(*FACT, "claimed")]


def test_no_such_event_is_a_denial(triples):
    got = triples("Google was in talks to invest in Character.AI, but no such investment was announced.")
    assert not any(p == "investedIn" for _, p, _ in got)


def test_no_seat_on_the_board(triples):
    got = triples("Amazon holds a minority stake and has no seat on Anthropic's board.", claims=False)
    assert not any(p == "boardMemberOf" for _, p, _ in got)


def test_relative_clause_is_still_asserted_under_a_hedge(triples):
    got = triples("Demis Hassabis, who co-founded DeepMind, may leave Google.")
    assert ("Demis Hassabis", "founderOf", "DeepMind") in got
    assert ("Demis Hassabis", "resignedFrom", "Google") not in got


def test_reported_future_is_asserted(triples):
    # "would" in reported speech is the future of the report, not a condition
    got = triples("Google announced on Thursday that DeepMind would be merged into Google DeepMind.")
    assert ("DeepMind", "mergedInto", "Google DeepMind") in got


def test_a_title_written_onto_a_name_is_presupposed_under_a_hedge(triples):
    # the claim is what the chair asked for; that she chairs the utility is not in question
    got = triples("A former minister claimed that Norvatrix chairperson Lena Brandt asked him to resign.")
    assert ("Lena Brandt", "chairOf", "Norvatrix") in got, sorted(got)


def test_a_copular_title_under_a_hedge_stays_a_claim(triples):
    got = triples("A former minister claimed that Lena Brandt is the chairperson of Norvatrix.")
    assert ("Lena Brandt", "chairOf", "Norvatrix") not in got, sorted(got)
