"""What code needs to know about each property of the ontology, without parsing Turtle.

The table is checked against ``aigov.ttl`` by the test suite (labels, families, fact
classes, domains), so the two cannot drift; it exists so that the query path and the
extractor need not load rdflib's parser at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FAMILIES", "PREDICATES", "QUALIFIERS", "Predicate"]

#: Predicate families, as the graph page groups and colours edges.
FAMILIES: dict[str, str] = {
    "leadership": "Leadership",
    "founding-employment": "Founding and employment",
    "ownership-control": "Ownership and control",
    "money-deals": "Money and deals",
    "legal-regulatory": "Legal and regulatory",
}

#: The qualifier properties a fact node may carry.
QUALIFIERS = ("date", "role", "amount", "percent")

_PERSON = ("Person",)
_ORG = ("Organization",)
_AGENT = ("Person", "Organization")


@dataclass(frozen=True, slots=True)
class Predicate:
    """One object property (or, when ``literal``, datatype property) of the ontology."""

    name: str
    label: str
    family: str
    fact_class: str
    domain: tuple[str, ...]
    range: tuple[str, ...]
    literal: bool = False


def _p(name, label, family, fact_class, domain, range_, literal=False) -> Predicate:
    return Predicate(name, label, family, fact_class, domain, range_, literal)


PREDICATES: dict[str, Predicate] = {
    p.name: p
    for p in (
        _p("ceoOf", "chief executive of", "leadership", "Leadership", _PERSON, _ORG),
        _p("chairOf", "chair of", "leadership", "Leadership", _PERSON, _ORG),
        _p("boardMemberOf", "board member of", "leadership", "BoardMembership", _PERSON, _ORG),
        _p("holdsPositionAt", "holds position at", "leadership", "Position", _PERSON, _ORG),
        _p("appointedTo", "appointed to", "leadership", "Appointment", _PERSON, _ORG),
        _p("dismissedFrom", "dismissed from", "leadership", "Dismissal", _PERSON, _ORG),
        _p("resignedFrom", "resigned from", "leadership", "Resignation", _PERSON, _ORG),
        _p("founderOf", "founder of", "founding-employment", "Founding", _PERSON, _ORG),
        _p("employeeOf", "employee of", "founding-employment", "Employment", _PERSON, _ORG),
        _p("joined", "joined", "founding-employment", "Move", _PERSON, _ORG),
        _p("attended", "attended", "founding-employment", "Attendance", _PERSON, ("Event",)),
        _p("controls", "controls", "ownership-control", "Control", _ORG, _ORG),
        _p("owns", "owns a stake in", "ownership-control", "Ownership", _ORG, _ORG),
        _p("subsidiaryOf", "subsidiary of", "ownership-control", "Subsidiary", _ORG, _ORG),
        _p("acquired", "acquired", "ownership-control", "Acquisition", _ORG, _ORG),
        _p("mergedInto", "merged into", "ownership-control", "Merger", _ORG, _ORG),
        _p("investedIn", "invested in", "money-deals", "Investment", _AGENT, _ORG),
        _p("partnerOf", "partner of", "money-deals", "Partnership", _ORG, _ORG),
        _p("competitorOf", "competitor of", "money-deals", "Rivalry", _ORG, _ORG),
        _p("sued", "sued", "legal-regulatory", "Lawsuit", _AGENT, _AGENT),
        _p("investigated", "investigated", "legal-regulatory", "Investigation", ("GovernmentBody",), _AGENT),
        _p("foundedIn", "founded in", "founding-employment", "Founding", _ORG, ("gYear",), literal=True),
        _p("headquarteredIn", "headquartered in", "founding-employment", "Headquarters", _ORG, ("Place",)),
    )
}
