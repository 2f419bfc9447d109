"""How entity types and predicate families look on the page: colour, shape, legend label.

Kept in one table so the page, its legend and the docs agree; the palette is the
colour-blind-safe Okabe-Ito set for nodes and the Dark2 set for edges, so a type and a
family are told apart by shape or line as well as hue.
"""

from __future__ import annotations

from ontology.model import ENTITY_TYPES
from ontology.predicates import FAMILIES

__all__ = ["FAMILY_STYLES", "OTHER_FAMILY", "OTHER_TYPE", "TYPE_STYLES", "family_style", "type_style"]

#: type -> (legend label, fill colour, border colour, vis-network shape, dashed border)
TYPE_STYLES: dict[str, tuple[str, str, str, str, bool]] = {
    "Person": ("Person", "#E69F00", "#8A5F00", "dot", False),
    "Company": ("Company", "#0072B2", "#00456B", "square", False),
    "NonProfit": ("Non-profit", "#009E73", "#005E45", "triangle", False),
    "Investor": ("Investor", "#CC79A7", "#7A4864", "diamond", False),
    "GovernmentBody": ("Government body", "#D55E00", "#803800", "hexagon", False),
    "Organization": ("Organization", "#56B4E9", "#2C6F94", "triangleDown", False),
    "Event": ("Event", "#F0E442", "#8F8727", "star", False),
    "Place": ("Place", "#BBBBBB", "#555555", "dot", True),
}
#: Anything the ontology does not list (a literal value, a type added later).
OTHER_TYPE = "Other"
_OTHER_STYLE = ("Other", "#FFFFFF", "#666666", "dot", True)

#: family id -> edge colour
_FAMILY_COLOURS = {
    "leadership": "#7570B3",
    "founding-employment": "#1B9E77",
    "ownership-control": "#E7298A",
    "money-deals": "#A6761D",
    "legal-regulatory": "#D95F02",
}
FAMILY_STYLES: dict[str, tuple[str, str]] = {
    family: (label, _FAMILY_COLOURS.get(family, "#666666")) for family, label in FAMILIES.items()
}
OTHER_FAMILY = "other"
_OTHER_FAMILY_STYLE = ("Other", "#999999")

assert set(TYPE_STYLES) == set(ENTITY_TYPES), "every entity type needs a style"


def type_style(entity_type: str | None) -> tuple[str, tuple[str, str, str, str, bool]]:
    """The type as the legend files it, and its style; unknown types share one neutral style."""
    if entity_type in TYPE_STYLES:
        return entity_type, TYPE_STYLES[entity_type]
    return OTHER_TYPE, _OTHER_STYLE


def family_style(family: str | None) -> tuple[str, tuple[str, str]]:
    """The family as the legend files it, and its (label, colour)."""
    if family in FAMILY_STYLES:
        return family, FAMILY_STYLES[family]
    return OTHER_FAMILY, _OTHER_FAMILY_STYLE
