"""The plain types that cross between the wings: ``extract`` produces them, ``graph`` consumes them.

They live in ``ontology`` because they are the vocabulary in Python form: neither wing
may import the other, so the shapes they exchange must belong to neither.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = [
    "ENTITY_TYPES",
    "LITERAL",
    "ORGANIZATION_TYPES",
    "Article",
    "Entity",
    "Evidence",
    "Fact",
    "Qualifiers",
]

#: Organisation subclasses; ``Organization`` itself is used when nothing finer is known.
ORGANIZATION_TYPES = ("Organization", "Company", "NonProfit", "Investor", "GovernmentBody")
#: Every entity type a fact may mention (the ontology's class local names).
ENTITY_TYPES = ("Person", *ORGANIZATION_TYPES, "Event", "Place")
#: The ``object_type`` of a fact whose object is a value, not an entity (``foundedIn``).
LITERAL = "Literal"


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity as one article knows it.

    ``aliases`` are the other surface forms seen (or known from the gazetteer);
    ``wikidata`` is a bare Q-id such as ``"Q42"`` when the gazetteer knows it.
    """

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None

    @property
    def is_organization(self) -> bool:
        return self.type in ORGANIZATION_TYPES


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence that states a fact, with its character span in the article text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Qualifiers:
    """What a researcher needs to place a fact: when, in what role, for how much.

    ``date`` is ISO 8601 at the precision the text gives: ``"2023"``, ``"2023-11"`` or
    ``"2023-11-17"``. ``amount`` and ``percent`` are normalised strings
    (``"$4 billion"``, ``"49%"``); ``role`` is the title as written (``"interim CEO"``).
    """

    date: str | None = None
    role: str | None = None
    amount: str | None = None
    percent: str | None = None

    def as_dict(self) -> dict[str, str]:
        """Only the qualifiers that are set, in a stable order (JSON output, fact hashes)."""
        items = (("date", self.date), ("role", self.role), ("amount", self.amount), ("percent", self.percent))
        return {key: value for key, value in items if value}


@dataclass(frozen=True, slots=True)
class Fact:
    """One extracted (or curated) statement: subject -predicate-> object, with its evidence.

    ``predicate`` is an ontology property local name (``"dismissedFrom"``); ``obj`` is an
    :class:`Entity` or, for literal-valued properties such as ``foundedIn``, a string.
    ``status`` is ``"asserted"`` for facts and ``"claimed"`` for hedged or rumoured claims,
    which are never mixed with facts.
    """

    subject: Entity
    predicate: str
    obj: Entity | str
    evidence: Evidence
    confidence: float
    qualifiers: Qualifiers = field(default_factory=Qualifiers)
    status: str = "asserted"

    @property
    def object_is_literal(self) -> bool:
        return isinstance(self.obj, str)

    @property
    def object_name(self) -> str:
        return self.obj if isinstance(self.obj, str) else self.obj.name

    @property
    def object_type(self) -> str:
        return LITERAL if isinstance(self.obj, str) else self.obj.type


@dataclass(frozen=True, slots=True)
class Article:
    """An article's text and metadata; ``id`` is the hash of its normalised text."""

    id: str
    text: str
    path: str
    published: dt.date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()
