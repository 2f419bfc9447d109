"""Hand-made articles and facts for the graph tests (invented names, sentences written for the tests)."""

from __future__ import annotations

import datetime as dt

from ontology.identifiers import article_id
from ontology.model import Article, Entity, Evidence, Fact, Qualifiers

VERSION = "tests/1"

PERSON = Entity("Dana Okafor", "Person", ("Okafor", "Ms. Okafor"))
LAB = Entity("Northwind Labs", "Company", ("Northwind",), "Q4242")
FUND = Entity("Bluepeak Capital", "Investor", ("Bluepeak",))
AGENCY = Entity("Office of Fair Trading Review", "GovernmentBody")


def _span(text: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(sentence, start, start + len(sentence))


def dismissal_article() -> tuple[Article, list[Fact]]:
    """One dismissal with date and role, a founding year, an investment, and a hedged claim."""
    s1 = "Northwind Labs removed Dana Okafor as chief executive on 4 March 2024."
    s2 = "Northwind was founded in 2016."
    s3 = "Bluepeak Capital put $40 million into Northwind in May 2023."
    s4 = "Okafor may join Bluepeak Capital, people familiar with the talks said."
    text = " ".join((s1, s2, s3, s4))
    article = Article(id=article_id(text), text=text, path="dismissal.txt", published=dt.date(2024, 3, 5),
                      title="Lab removes its chief", source="https://news.example.org/lab-removes-chief",
                      author="A. Writer")
    facts = [
        Fact(PERSON, "dismissedFrom", LAB, _span(text, s1), 0.86,
             Qualifiers(date="2024-03-04", role="chief executive")),
        Fact(LAB, "foundedIn", "2016", _span(text, s2), 0.9),
        Fact(FUND, "investedIn", LAB, _span(text, s3), 0.75,
             Qualifiers(date="2023-05", amount="$40 million")),
        Fact(PERSON, "joined", FUND, _span(text, s4), 0.4, status="claimed"),
    ]
    return article, facts


def followup_article() -> tuple[Article, list[Fact]]:
    """A second article: repeats the dismissal (same qualifiers) and adds an investigation."""
    s1 = ("Weeks after Northwind Labs removed Dana Okafor as chief executive on 4 March 2024, "
          "questions remain.")
    s2 = "The Office of Fair Trading Review opened an inquiry into Northwind Labs."
    text = " ".join((s1, s2))
    article = Article(id=article_id(text), text=text, path="followup.txt", published=dt.date(2024, 4, 2),
                      title="Regulator looks at lab", source="Example Wire")
    facts = [
        Fact(PERSON, "dismissedFrom", LAB, _span(text, s1), 0.7,
             Qualifiers(date="2024-03-04", role="chief executive")),
        Fact(AGENCY, "investigated", LAB, _span(text, s2), 0.8),
    ]
    return article, facts


def numbered_article(n: int) -> tuple[Article, list[Fact]]:
    """The n-th of a family of small articles, each with two facts (for batches and crash tests)."""
    person = Entity(f"Person Number {n}", "Person")
    org = Entity(f"Company Number {n}", "Company")
    s1 = f"Person Number {n} was named chair of Company Number {n}."
    s2 = f"Company Number {n} was founded in {1990 + n % 30}."
    text = f"{s1} {s2}"
    article = Article(id=article_id(text), text=text, path=f"n{n}.txt",
                      published=dt.date(2020, 1, 1 + n % 28))
    facts = [Fact(person, "chairOf", org, _span(text, s1), 0.8),
             Fact(org, "foundedIn", str(1990 + n % 30), _span(text, s2), 0.9)]
    return article, facts
