"""Relation patterns: every verb / noun / relational / hyphenated family, on sentences written
for these tests. Each case names facts that must be found; a missing one fails the test."""

from __future__ import annotations

import pytest

from ontology.predicates import PREDICATES
from tests.extract.conftest import find

CASES = [
    # verbs, active and passive with a by-agent, relative clauses
    (
        "DeepMind, which was acquired by Google in 2014, is based in London.",
        {("Google", "acquired", "DeepMind"), ("DeepMind", "headquarteredIn", "London")},
    ),
    ("Google bought DeepMind in 2014.", {("Google", "acquired", "DeepMind")}),
    (
        "Nvidia was co-founded by Jensen Huang in 1993.",
        {("Jensen Huang", "founderOf", "Nvidia"), ("Nvidia", "foundedIn", "1993")},
    ),
    (
        "Jensen Huang founded Nvidia with Chris Malachowsky.",
        {("Jensen Huang", "founderOf", "Nvidia"), ("Chris Malachowsky", "founderOf", "Nvidia")},
    ),
    ("Greg Brockman joined OpenAI in 2015.", {("Greg Brockman", "joined", "OpenAI")}),
    ("Jan Leike left OpenAI last May.", {("Jan Leike", "resignedFrom", "OpenAI")}),
    ("The board of OpenAI fired Sam Altman on Friday.", {("Sam Altman", "dismissedFrom", "OpenAI")}),
    ("Sam Altman was ousted from OpenAI by its board.", {("Sam Altman", "dismissedFrom", "OpenAI")}),
    ("Microsoft invested $10 billion in OpenAI in January 2023.", {("Microsoft", "investedIn", "OpenAI")}),
    ("Thrive Capital led a funding round in OpenAI last year.", {("Thrive Capital", "investedIn", "OpenAI")}),
    (
        "The New York Times sued OpenAI and Microsoft in December.",
        {("New York Times", "sued", "OpenAI"), ("New York Times", "sued", "Microsoft")},
    ),
    (
        "The Federal Trade Commission opened an investigation into OpenAI last July.",
        {("Federal Trade Commission", "investigated", "OpenAI")},
    ),
    ("OpenAI Inc. controls OpenAI Global LLC.", {("OpenAI Inc.", "controls", "OpenAI Global LLC")}),
    ("Microsoft holds a 49% stake in OpenAI Global LLC.", {("Microsoft", "owns", "OpenAI Global LLC")}),
    (
        "Google Brain merged into Google DeepMind in April 2023.",
        {("Google Brain", "mergedInto", "Google DeepMind")},
    ),
    ("Mistral AI is headquartered in Paris.", {("Mistral AI", "headquarteredIn", "Paris")}),
    (
        "Sam Altman attended the World Economic Forum in January.",
        {("Sam Altman", "attended", "World Economic Forum")},
    ),
    ("Microsoft partnered with Mistral AI in February.", {("Microsoft", "partnerOf", "Mistral AI")}),
    (
        "Amazon Web Services signed a deal with Anthropic.",
        {("Amazon Web Services", "partnerOf", "Anthropic")},
    ),
    ("The software giant Microsoft hired Mustafa Suleyman.", {("Mustafa Suleyman", "joined", "Microsoft")}),
    ("Daniel Gross worked at Apple until 2017.", {("Daniel Gross", "employeeOf", "Apple Inc.")}),
    ("xAI competes with OpenAI.", {("xAI", "competitorOf", "OpenAI")}),
    # several events in one sentence, subjects shared by a controlled infinitive
    (
        "Mustafa Suleyman left Google in 2022 to start Inflection AI with Reid Hoffman.",
        {
            ("Mustafa Suleyman", "resignedFrom", "Google"),
            ("Mustafa Suleyman", "founderOf", "Inflection AI"),
            ("Reid Hoffman", "founderOf", "Inflection AI"),
        },
    ),
    # nominalisations
    (
        "The board announced Sam Altman's dismissal from OpenAI on Friday.",
        {("Sam Altman", "dismissedFrom", "OpenAI")},
    ),
    ("Microsoft's acquisition of LinkedIn closed in 2016.", {("Microsoft", "acquired", "LinkedIn")}),
    (
        "Microsoft, whose backing of OpenAI runs to billions, is watched closely.",
        {("Microsoft", "investedIn", "OpenAI")},
    ),
    # relational nouns
    (
        "Amazon Web Services, Amazon's cloud computing arm, hosts the models.",
        {("Amazon Web Services", "subsidiaryOf", "Amazon")},
    ),
    ("Google is a subsidiary of Alphabet.", {("Google", "subsidiaryOf", "Alphabet Inc.")}),
    (
        "Sundar Pichai runs Google and its parent company Alphabet.",
        {("Google", "subsidiaryOf", "Alphabet Inc.")},
    ),
    ("Anthropic is a rival of OpenAI.", {("Anthropic", "competitorOf", "OpenAI")}),
    ("Microsoft is an investor in OpenAI.", {("Microsoft", "investedIn", "OpenAI")}),
    ("Mistral AI remains Microsoft's newest AI partner.", {("Microsoft", "partnerOf", "Mistral AI")}),
    # hyphenated participles
    ("Microsoft-backed OpenAI released a new model.", {("Microsoft", "investedIn", "OpenAI")}),
    ("The Paris-based start-up Mistral AI raised money.", {("Mistral AI", "headquarteredIn", "Paris")}),
    # a stake taken, secured or kept is owned
    (
        "Corvane Holdings secured a 40% stake in Tidewell Systems Ltd. in 2012.",
        {("Corvane Holdings", "owns", "Tidewell Systems Ltd.")},
    ),
    (
        "Corvane Holdings retained a 15% stake in Tidewell Systems Ltd.",
        {("Corvane Holdings", "owns", "Tidewell Systems Ltd.")},
    ),
    # what is sold to someone, they acquired
    (
        "In 1994 Tidewell Systems Ltd. was sold to Marlowe Instruments Inc.",
        {("Marlowe Instruments Inc.", "acquired", "Tidewell Systems Ltd.")},
    ),
]

# News phrasings on invented organisations: a rival named after the title ("its rival Y"), a
# rival "to" someone.
NEWS = [
    (
        "Lena Marsh quit Ostrava Systems last year to join its rival Zyntrix AI.",
        {("Zyntrix AI", "competitorOf", "Ostrava Systems"), ("Lena Marsh", "joined", "Zyntrix AI")},
    ),
    (
        "Ostrava Systems sells chips to its rival Zyntrix AI.",
        {("Zyntrix AI", "competitorOf", "Ostrava Systems")},
    ),
    (
        "Zyntrix AI, a rival to Corvana Labs, raised $200 million.",
        {("Zyntrix AI", "competitorOf", "Corvana Labs")},
    ),
    ("Zyntrix AI is a challenger to Corvana Labs.", {("Zyntrix AI", "competitorOf", "Corvana Labs")}),
    # two organisations that compete are rivals
    ("Zyntrix AI and Corvana Labs compete for customers.", {("Zyntrix AI", "competitorOf", "Corvana Labs")}),
    # a rival with no other side stated: the clause's organisation, else the one in view
    (
        "Lena Marsh helped found Ostrava Systems in 2015. She left its board in 2018 and has since "
        "launched a rival AI company, Zyntrix AI.",
        {("Zyntrix AI", "competitorOf", "Ostrava Systems")},
    ),
    (
        "Ostrava Systems had a good year. Zyntrix AI, a rival, raised money.",
        {("Zyntrix AI", "competitorOf", "Ostrava Systems")},
    ),
    # a stake with no "in Y": in the one other organisation the sentence names, else the one in view
    (
        "Ostrava Systems will invest $2 billion in Zyntrix AI. Ostrava Systems holds only a minority "
        "stake and has no seat on Zyntrix AI's board.",
        {("Ostrava Systems", "owns", "Zyntrix AI")},
    ),
    ("Zyntrix AI raised money. Ostrava Systems took a stake.", {("Ostrava Systems", "owns", "Zyntrix AI")}),
    # "left X for Y": Y is where the person went, also when the parser hangs "for Y" on the name X
    (
        "Lena Marsh left Ostrava Systems for Zyntrix AI in 2022.",
        {("Lena Marsh", "resignedFrom", "Ostrava Systems"), ("Lena Marsh", "joined", "Zyntrix AI")},
    ),
    (
        "Lena Marsh, who left Ostrava Systems for Zyntrix AI last year, declined to comment.",
        {("Lena Marsh", "joined", "Zyntrix AI")},
    ),
    # a second predicate after a comma, with no "and", shares the subject
    (
        "Lena Marsh quit Ostrava Systems in May to join Zyntrix AI, then left Zyntrix AI after five months.",
        {("Lena Marsh", "resignedFrom", "Zyntrix AI")},
    ),
    # a unit with no "of Y": its maker, or the organisation whose name begins the unit's
    (
        "Ostrava Systems has formed a new division called Zyntrix Cloud.",
        {("Zyntrix Cloud", "subsidiaryOf", "Ostrava Systems")},
    ),
    (
        "A new unit called Zyntrix Cloud was set up by Ostrava Systems in May.",
        {("Zyntrix Cloud", "subsidiaryOf", "Ostrava Systems")},
    ),
    (
        "Lena Marsh joined Ostrava Systems as chief executive of Ostrava Systems Cloud, a newly formed "
        "division that will sell software to banks.",
        {("Ostrava Systems Cloud", "subsidiaryOf", "Ostrava Systems")},
    ),
    (
        "Ostrava Systems is merging two labs: Harlow Group and Zyntrix AI will be combined to form a "
        "single unit called Ostrava Systems Research.",
        {("Ostrava Systems Research", "subsidiaryOf", "Ostrava Systems")},
    ),
    # a deal two organisations sign together; a provider chosen "as its cloud provider"
    (
        "Ostrava Systems and Zyntrix AI signed a licensing deal on Tuesday.",
        {("Ostrava Systems", "partnerOf", "Zyntrix AI")},
    ),
    (
        "Zyntrix AI picked Ostrava Systems as its primary cloud provider.",
        {("Zyntrix AI", "partnerOf", "Ostrava Systems")},
    ),
    # licensing is a deal between the two, the licensor first
    (
        "Zyntrix AI will license its technology to Ostrava Systems.",
        {("Zyntrix AI", "partnerOf", "Ostrava Systems")},
    ),
    ("Ostrava Systems licensed Zyntrix AI's models.", {("Zyntrix AI", "partnerOf", "Ostrava Systems")}),
    (
        "Zyntrix AI, a chatbot start-up, has raised $150 million. Under an agreement announced on "
        "Friday, Ostrava Systems gets a non-exclusive licence to the start-up's models.",
        {("Zyntrix AI", "partnerOf", "Ostrava Systems")},
    ),
    # coming back presupposes having worked there
    ("Lena Marsh will rejoin Ostrava Systems next month.", {("Lena Marsh", "employeeOf", "Ostrava Systems")}),
    (
        "Lena Marsh, who is returning to Ostrava Systems, declined to comment.",
        {("Lena Marsh", "employeeOf", "Ostrava Systems"), ("Lena Marsh", "joined", "Ostrava Systems")},
    ),
]

# ... and where those words state no rivalry
NOT_NEWS = [
    ("Corvana Labs sold its chip unit to rival firms last year.", "competitorOf"),
    ("Zyntrix AI lost its lead to Corvana Labs.", "competitorOf"),
    ("Lena Marsh left Ostrava Systems for personal reasons in May.", "joined"),
    ("Lena Marsh left a message for Zyntrix AI on Monday.", "joined"),
    # a title on the verb is the named position; nothing given back is a return to a job
    ("Lena Marsh returned to Ostrava Systems as chief executive in 2022.", "employeeOf"),
    ("Lena Marsh rejoined Ostrava Systems' board in 2022.", "employeeOf"),
    ("Lena Marsh worked at Ostrava Systems as vice president of sales.", "employeeOf"),
    ("Lena Marsh returned the shares to Ostrava Systems.", "employeeOf"),
    ("Lena Marsh returned the shares to Ostrava Systems.", "joined"),
    ("The state licensed Zyntrix AI to operate in Texas.", "partnerOf"),
    ("Ostrava Systems received a licence from the regulator to operate in Texas.", "partnerOf"),
    ("Ostrava Systems is a provider of cloud services to banks.", "partnerOf"),
    # "the new unit" refers back to a unit: it names no second one to attach to a parent
    (
        "Halcyon Robotics formed a new unit called Halcyon Labs. Omar Siddiqui will lead the new unit as "
        "its chief technology officer. Halcyon has grown fast.",
        "subsidiaryOf:Halcyon",
    ),
    # a rival of a side we could not resolve is no rival of the company in view
    (
        "Veridian Health struck a cloud deal with Nimbus Compute. Nimbus Compute, a rival to the market "
        "leader, said the contract was its largest.",
        "competitorOf",
    ),
    # a regulator in view competes with no one
    ("The Federal Trade Commission also examined rival Zyntrix AI.", "competitorOf"),

    ("Zyntrix AI said on Monday that it would license its models.", "partnerOf"),
    # the name of a school that a copula describes: "Harrow" is as likely its own short name
    ("Harrow Grammar School is a boarding school. Harrow has 400 pupils.", "subsidiaryOf"),
]


# A completed acquisition of a whole organisation, or its outright ownership, also states who owns
# it and whose subsidiary it is ("implied" in patterns.yaml).
_BOUGHT = {
    ("Marlowe Instruments Inc.", "acquired", "Tidewell Systems Ltd."),
    ("Marlowe Instruments Inc.", "owns", "Tidewell Systems Ltd."),
    ("Tidewell Systems Ltd.", "subsidiaryOf", "Marlowe Instruments Inc."),
}
IMPLIED = [
    ("Marlowe Instruments Inc. acquired the sensor maker Tidewell Systems Ltd. in 2016.", _BOUGHT),
    ("Tidewell Systems Ltd. was bought by Marlowe Instruments Inc. in 2016.", _BOUGHT),
    ("Marlowe Instruments Inc.'s purchase of Tidewell Systems Ltd. closed in 2016.", _BOUGHT),
    ("In 1994 Tidewell Systems Ltd. was sold to Marlowe Instruments Inc.", _BOUGHT),
    (
        "Corvane Holdings has owned Tidewell Systems Ltd. since 2005.",
        {
            ("Corvane Holdings", "owns", "Tidewell Systems Ltd."),
            ("Tidewell Systems Ltd.", "subsidiaryOf", "Corvane Holdings"),
        },
    ),
]

# Partial, unfinished, denied or joint deals imply no ownership of the whole organisation.
NOT_IMPLIED = [
    "Marlowe Instruments Inc. acquired a stake in Tidewell Systems Ltd. in 2016.",
    "Marlowe Instruments Inc. acquired the assets of Tidewell Systems Ltd. in 2016.",
    "Marlowe Instruments Inc. acquired Tidewell Systems Ltd.'s drone business in 2016.",
    "Marlowe Instruments Inc. agreed to acquire Tidewell Systems Ltd.",
    "Marlowe Instruments Inc. will acquire Tidewell Systems Ltd. next year.",
    "Marlowe Instruments Inc. is acquiring Tidewell Systems Ltd.",
    "Regulators blocked Marlowe Instruments Inc.'s acquisition of Tidewell Systems Ltd.",
    "Marlowe Instruments Inc. denied that it had acquired Tidewell Systems Ltd.",
    "Marlowe Instruments Inc. merged with Tidewell Systems Ltd. in 2016.",
    "Marlowe Instruments Inc. jointly owns Tidewell Systems Ltd. with Corvane Holdings.",
    "Marlowe Instruments Inc. hired the founders of Tidewell Systems Ltd. and licensed its software.",
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_relation_patterns(triples, text, expected):
    got = triples(text)
    assert expected <= got, f"missing {expected - got}; got {got}"


@pytest.mark.parametrize(("text", "expected"), NEWS, ids=[c[0][:48] for c in NEWS])
def test_news_phrasings(triples, text, expected):
    got = triples(text)
    assert expected <= got, f"missing {expected - got}; got {got}"


@pytest.mark.parametrize(("text", "predicate"), NOT_NEWS, ids=[f"{c[1]}:{c[0][:48]}" for c in NOT_NEWS])
def test_news_phrasings_that_state_nothing(triples, text, predicate):
    got = triples(text, claims=True)
    predicate, _, obj = predicate.partition(":")  # "predicate:object" names one wrong object
    assert not any(p == predicate and (not obj or o == obj) for _, p, o in got), sorted(got)


# "no" on the noun a verb reads through denies the statement: a claim at most, never a fact
DENIED = [
    ("Zyntrix AI raised money. Ostrava Systems has no stake in Zyntrix AI.", "owns"),
    ("Zyntrix AI raised money. Ostrava Systems has no stake.", "owns"),
    ("Ostrava Systems signed no deal with Zyntrix AI.", "partnerOf"),
]


@pytest.mark.parametrize(("text", "predicate"), DENIED, ids=[f"{c[1]}:{c[0][:48]}" for c in DENIED])
def test_a_denied_object_asserts_nothing(triples, text, predicate):
    got = triples(text)
    assert not any(p == predicate for _, p, _ in got), sorted(got)


@pytest.mark.parametrize(("text", "expected"), IMPLIED, ids=[c[0][:48] for c in IMPLIED])
def test_implied_ownership(triples, text, expected):
    got = triples(text)
    assert expected <= got, f"missing {expected - got}; got {got}"


@pytest.mark.parametrize("text", NOT_IMPLIED, ids=[t[:48] for t in NOT_IMPLIED])
def test_no_implied_ownership(triples, text):
    got = triples(text, claims=True)
    assert ("Tidewell Systems Ltd.", "subsidiaryOf", "Marlowe Instruments Inc.") not in got, sorted(got)
    if "stake" not in text and "jointly" not in text:
        assert ("Marlowe Instruments Inc.", "owns", "Tidewell Systems Ltd.") not in got, sorted(got)


def test_an_implied_fact_keeps_the_date_and_ranks_below_its_source(facts):
    got = facts("Tidewell Systems Ltd. was bought by Marlowe Instruments Inc. in March 2016.")
    bought = find(got, "Marlowe Instruments Inc.", "acquired", "Tidewell Systems Ltd.")
    for implied in (
        find(got, "Marlowe Instruments Inc.", "owns", "Tidewell Systems Ltd."),
        find(got, "Tidewell Systems Ltd.", "subsidiaryOf", "Marlowe Instruments Inc."),
    ):
        assert implied.qualifiers.date == bought.qualifiers.date == "2016-03"
        assert implied.evidence == bought.evidence
        assert implied.confidence < bought.confidence


def test_wrong_types_give_no_fact(triples):
    # a place cannot be acquired and a person cannot be a subsidiary
    assert not any(p == "acquired" for _, p, _ in triples("Microsoft acquired London in 2014."))
    assert not any(p == "subsidiaryOf" for _, p, _ in triples("Sam Altman is a unit of OpenAI."))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the plaintiff of the suit reported before; "names" the parser may read as a noun
        (
            "Dana Reyes has sued Harlow Bank. The complaint, filed on Monday in a state court, names "
            "Omar Haddad, Harlow Bank's chief executive, and Lena Berg, its chair, as defendants.",
            {("Dana Reyes", "sued", "Omar Haddad"), ("Dana Reyes", "sued", "Lena Berg")},
        ),
        # the suit's possessor, and its "by" phrase
        (
            "Harlow Bank's lawsuit lists Dana Reyes as a defendant.",
            {("Harlow Bank", "sued", "Dana Reyes")},
        ),
        (
            "The suit, filed by Tessel Inc. on Monday, named Quarry Labs and its founder Omar Haddad "
            "as co-defendants.",
            {("Tessel Inc.", "sued", "Quarry Labs"), ("Tessel Inc.", "sued", "Omar Haddad")},
        ),
    ],
)
def test_parties_named_as_defendants_were_sued(triples, text, expected):
    got = triples(text)
    assert expected <= got, sorted(got)
    # a possessor in a description of a party is no party
    assert not {t for t in got if t[1] == "sued" and t[2] == "Harlow Bank" and t[0] != "Dana Reyes"}


def test_parties_take_the_date_of_the_filing(facts):
    got = facts(
        "Dana Reyes has sued Harlow Bank. The complaint, filed on Thursday in a state court, names "
        "Omar Haddad, the bank's chief executive, as a defendant.",
        published="2024-03-22",
    )
    sued = [f for f in got if f.predicate == "sued" and f.object_name == "Omar Haddad"]
    assert sued and sued[0].qualifiers.date == "2024-03-21", got


def test_a_party_a_suit_may_name_is_no_fact(triples):
    got = triples("Dana Reyes sued Harlow Bank. The lawsuit could later name Ridge Capital as a defendant.")
    assert ("Dana Reyes", "sued", "Ridge Capital") not in got, sorted(got)


def test_every_predicate_has_a_pattern():
    from extract.resources import load_resources

    res = load_resources()
    covered = {role.predicate for role in res.roles.values()}
    for table in (res.verb_rows, res.noun_rows, res.relational_rows):
        for rows in table.values():
            covered.update(row.predicate for row in rows)
            covered.update(row.year_fact for row in rows if row.year_fact)
    covered.update(row.predicate for row in res.hyphen_rows.values())
    covered.update(res.role_events.values())
    assert set(PREDICATES) <= covered, f"predicates without patterns: {set(PREDICATES) - covered}"


def test_possessive_that_cannot_be_the_holder(triples):
    got = triples(
        "Anthropic was founded by former OpenAI staff. It has since become one of its fiercest rivals."
    )
    assert ("Anthropic", "competitorOf", "OpenAI") in got
    got = triples("Anthropic raised money this year. It also counts Google among its backers.")
    assert ("Google", "investedIn", "Anthropic") in got


def test_founding_nouns_date_the_organisation(triples):
    got = triples("We backed the founders of Cohere long before their incorporation in 2019.")
    assert ("Cohere", "foundedIn", "2019") in got
    got = triples("Anthropic has grown quickly since its founding in 2021.")
    assert ("Anthropic", "foundedIn", "2021") in got
    # a year elsewhere in the sentence is not the founding year
    assert not any(p == "foundedIn" for _, p, _ in triples("In 2023 Cohere talked about its founding."))


def test_a_named_pair_is_a_partnership(triples):
    got = triples("Regulators opened an inquiry into the Amazon-Anthropic partnership in August.")
    assert ("Amazon", "partnerOf", "Anthropic") in got


def test_a_round_led_by_an_investor_funds_the_clause_subject(triples):
    got = triples(
        "Character.AI was valued at $1 billion after a $150 million round led by Andreessen Horowitz."
    )
    assert ("Andreessen Horowitz", "investedIn", "Character.AI") in got


def test_exit_without_organisation(triples):
    # the organisation of a title in the same sentence, else the one in view
    got = triples("Ilya Sutskever, OpenAI's chief scientist, announced his resignation on May 14.")
    assert ("Ilya Sutskever", "resignedFrom", "OpenAI") in got
    got = triples("Jan Leike co-led a safety team at OpenAI. Leike resigned within days.")
    assert ("Jan Leike", "resignedFrom", "OpenAI") in got
