"""Synthetic articles and facts in the project's own shape, for the store benchmark.

Why synthetic: a million quads of real extraction would take longer than the whole run, and
the store's cost depends on the shape of the data (fact nodes, evidence, qualifiers, named
graphs, entities shared across articles), not on its words. The facts go through
``graph.rdf.article_quads`` like extracted ones do. Entity popularity is Zipf-like, as in news:
a few organisations and people appear everywhere, most appear once or twice.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass

from benchmarks.names import NameMaker
from graph.rdf import article_quads
from ontology.identifiers import article_id, article_iri, entity_iri
from ontology.model import Article, Entity, Evidence, Fact, Qualifiers
from ontology.predicates import PREDICATES

__all__ = ["EXTRACTOR_VERSION", "SyntheticCorpus", "Targets"]

EXTRACTOR_VERSION = "aigov-kg/benchmark"
#: Roughly how many quads one fact contributes (direct edge, fact node, evidence node, entities).
_QUADS_PER_FACT = 20
_FACTS_PER_ARTICLE = (8, 30)
_ROLES = ("chief executive", "chair", "board member", "president", "chief scientist", "general counsel")
#: The rank (0 = most mentioned) of the organisation and person the selective queries ask about:
#: prominent, but not the single biggest hub.
QUERY_RANK = 5
#: The rank of a typical person: known, but one of many (most people appear once or twice).
TYPICAL_RANK = 200


@dataclass(frozen=True, slots=True)
class Targets:
    """IRIs the selective queries ask about."""

    org: str
    person: str
    article: str
    typical_person: str = ""


class _Pool:
    """Entities of one kind, drawn with Zipf-like weights (rank r has weight 1 / (r + 1))."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self._cumulative = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(entities))))

    def draw(self, rng: random.Random) -> Entity:
        x = rng.random() * self._cumulative[-1]
        return self.entities[min(bisect.bisect_left(self._cumulative, x), len(self.entities) - 1)]


class SyntheticCorpus:
    """Articles with facts until about ``quads`` quads; the same ``seed`` gives the same corpus."""

    def __init__(self, quads: int, seed: int = 11) -> None:
        self.quads = quads
        self.seed = seed
        facts = max(1, quads // _QUADS_PER_FACT)
        names = NameMaker(seed)
        rng = random.Random(seed)

        def entities(n: int, kind: str, types: tuple[str, ...]) -> list[Entity]:
            out = []
            for _ in range(n):
                name = names.person() if kind == "person" else names.organisation(rng.choice(types))
                etype = "Person" if kind == "person" else name[1]
                label = name if kind == "person" else name[0]
                aliases = (label.split()[-1],) if kind == "person" and rng.random() < 0.5 else ()
                wikidata = f"Q{rng.randint(1, 10**8)}" if rng.random() < 0.1 else None
                out.append(Entity(label, etype, aliases, wikidata))
            return out

        self.people = _Pool(entities(max(20, facts // 6), "person", ()))
        self.orgs = _Pool(entities(max(10, facts // 15), "org", ("Company", "Company", "Organization",
                                                                 "NonProfit", "Investor")))
        self.regulators = _Pool(entities(max(3, facts // 400), "org", ("GovernmentBody",)))
        self.events = _Pool([Entity(f"{names.word()} Summit {y}", "Event") for y in range(2015, 2026)])
        self.places = _Pool([Entity(names.word() + " City", "Place") for _ in range(max(5, facts // 500))])
        self.predicates = [p for p in PREDICATES.values() if not p.literal]
        self.targets = Targets(
            org=entity_iri(self.orgs.entities[QUERY_RANK].name),
            person=entity_iri(self.people.entities[QUERY_RANK].name),
            article="",
            typical_person=entity_iri(self.people.entities[min(TYPICAL_RANK, len(self.people.entities) - 1)]
                                      .name),
        )

    def _entity(self, rng: random.Random, allowed: tuple[str, ...]) -> Entity:
        kinds = []
        if "Person" in allowed:
            kinds.append(self.people)
        if "Organization" in allowed:
            kinds.append(self.orgs)
        if "GovernmentBody" in allowed:
            kinds.append(self.regulators)
        if "Event" in allowed:
            kinds.append(self.events)
        if "Place" in allowed:
            kinds.append(self.places)
        return rng.choice(kinds).draw(rng)

    def _fact(self, rng: random.Random, text: list[str], offset: int) -> tuple[Fact, int]:
        spec = rng.choice(self.predicates)
        subject = self._entity(rng, spec.domain)
        obj = self._entity(rng, spec.range)
        while obj == subject:
            obj = self._entity(rng, spec.range)
        year = rng.randint(2012, 2025)
        date = rng.choice((f"{year}", f"{year}-{rng.randint(1, 12):02d}",
                           f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"))
        qualifiers = Qualifiers(
            date=date if rng.random() < 0.8 else None,
            role=rng.choice(_ROLES) if spec.family == "leadership" and rng.random() < 0.6 else None,
            amount=f"${rng.randint(1, 900)} million" if spec.family == "money-deals" and rng.random() < 0.5
            else None,
        )
        sentence = f"{subject.name} {spec.label} {obj.name}, the report said in {year}."
        text.append(sentence)
        evidence = Evidence(sentence, offset, offset + len(sentence))
        status = "claimed" if rng.random() < 0.05 else "asserted"
        fact = Fact(subject, spec.name, obj, evidence, round(rng.uniform(0.5, 0.99), 2), qualifiers, status)
        return fact, offset + len(sentence) + 1

    def articles(self) -> Iterator[tuple[Article, list, int]]:
        """``(article, facts, quad count)`` until the corpus holds about ``quads`` quads."""
        rng = random.Random(self.seed + 1)
        total = 0
        for n in itertools.count():
            if total >= self.quads:
                return
            text: list[str] = []
            facts, offset = [], 0
            for _ in range(rng.randint(*_FACTS_PER_ARTICLE)):
                fact, offset = self._fact(rng, text, offset)
                facts.append(fact)
            body = "\n".join(text)
            published = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3900))
            article = Article(id=article_id(body + f"\n{n}"), text=body, path=f"synthetic/{n}.txt",
                              published=published, title=f"Synthetic report {n}",
                              url=f"https://news.example.org/{n}")
            count = len(article_quads(article, facts, extractor_version=EXTRACTOR_VERSION))
            total += count
            if n == 0:  # any article will do: every one has the same shape
                self.targets = dataclasses.replace(self.targets, article=article_iri(article.id))
            yield article, facts, count
