"""Export the entity graph to GraphML and GEXF for Gephi, Cytoscape and yEd.

networkx's writers accept only scalar attributes (str, int, float, bool) of one type per
attribute name, and XML cannot hold control characters; the entity graph has lists
(aliases), lists of dicts (evidence) and ``None``. This module flattens a copy so the
files open in those tools and read back into networkx with the same nodes and edges.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx

from ontology.errors import ConfigurationError

__all__ = ["flatten_for_export", "write_gexf", "write_graphml"]

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Attribute names the GEXF writer treats as structure, not data ("label" is kept: it is
# the GEXF label; a numeric edge "weight" is kept: it is the GEXF weight).
_GEXF_NODE_RESERVED = frozenset({"id", "pid", "start", "end", "viz"})
_GEXF_EDGE_RESERVED = frozenset({"id", "key", "type", "start", "end", "viz"})


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text)


def _scalar(value: object) -> str | int | float | bool | None:
    """A value XML can hold: scalars kept, ``None`` dropped, lists/dicts as JSON text."""
    if value is None:
        return None
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, list | tuple | set | frozenset | dict):
        data = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return _clean(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str))
    return _clean(str(value))


def _flatten(items: list[dict], reserved: frozenset[str]) -> list[dict]:
    """Flatten attribute dicts; a name seen with several types becomes text everywhere."""
    flat = []
    for attrs in items:
        row = {}
        for name, value in attrs.items():
            name = str(name)
            if name in reserved:
                name = f"{name}_"
            scalar = _scalar(value)
            if scalar is not None:
                row[name] = scalar
        flat.append(row)
    types: dict[str, set[type]] = {}
    for row in flat:
        for name, value in row.items():
            types.setdefault(name, set()).add(type(value))
    numeric = {name for name, seen in types.items() if len(seen) > 1 and seen <= {int, float}}
    mixed = {name for name, seen in types.items() if len(seen) > 1} - numeric
    return [
        {k: (str(v) if k in mixed else float(v) if k in numeric else v) for k, v in row.items()}
        for row in flat
    ]


def flatten_for_export(
    g: nx.Graph,
    *,
    node_reserved: frozenset[str] = frozenset(),
    edge_reserved: frozenset[str] = frozenset(),
) -> nx.Graph:
    """A copy of ``g`` whose attributes are XML-safe scalars of one type per name.

    Parameters
    ----------
    g : networkx.Graph
        Any networkx graph, usually the entity graph (``MultiDiGraph``).
    node_reserved, edge_reserved : frozenset of str
        Node / edge attribute names to rename with a trailing underscore (names a writer
        treats as keywords).

    Returns
    -------
    networkx.Graph
        Same class, same nodes (IRIs as text) and edges (keys kept); lists and dicts are
        JSON strings, ``None`` values are left out, XML-invalid characters removed.
    """
    out = g.__class__()
    out.graph.update(_flatten([dict(g.graph)], frozenset())[0])
    nodes = list(g.nodes(data=True))
    for (node, _), attrs in zip(nodes, _flatten([d for _, d in nodes], node_reserved), strict=True):
        out.add_node(_clean(str(node)), **attrs)
    if g.is_multigraph():
        edges = list(g.edges(keys=True, data=True))
        flat = _flatten([d for *_, d in edges], edge_reserved)
        for (u, v, key, _), attrs in zip(edges, flat, strict=True):
            out.add_edge(_clean(str(u)), _clean(str(v)), key=_clean(str(key)), **attrs)
    else:
        edges = list(g.edges(data=True))
        flat = _flatten([d for *_, d in edges], edge_reserved)
        for (u, v, _), attrs in zip(edges, flat, strict=True):
            out.add_edge(_clean(str(u)), _clean(str(v)), **attrs)
    return out


def _target(path: str | Path) -> Path:
    target = Path(path)
    if target.is_dir():
        raise ConfigurationError(f"{target}: is a folder, not a file to write")
    if not target.parent.is_dir():
        raise ConfigurationError(f"{target}: folder {target.parent} does not exist")
    return target


def write_graphml(g: nx.Graph, path: str | Path) -> Path:
    """Write ``g`` as GraphML (edge keys become edge ids); returns the path written.

    Raises
    ------
    ConfigurationError
        When the path is a folder, its folder does not exist, or it cannot be written.

    Examples
    --------
    >>> write_graphml(entity_graph(store), "aigov.graphml")
    >>> nx.read_graphml("aigov.graphml", force_multigraph=True).number_of_edges()
    """
    target = _target(path)
    try:
        nx.write_graphml(flatten_for_export(g), target, encoding="utf-8")
    except OSError as error:
        raise ConfigurationError(f"{target}: cannot write GraphML ({error.strerror or error})") from None
    return target


def write_gexf(g: nx.Graph, path: str | Path) -> Path:
    """Write ``g`` as GEXF 1.2 for Gephi; returns the path written.

    Edge keys (fact IRIs) become GEXF edge ids. Attribute names the GEXF format reserves
    (``id``, ``key``, edge ``type``, ``start``, ``end``, ``pid``, ``viz``, a non-numeric
    ``weight``) get a trailing underscore; ``label`` is kept and becomes the GEXF label.

    Raises
    ------
    ConfigurationError
        When the path is a folder, its folder does not exist, or it cannot be written.
    """
    target = _target(path)
    flat = flatten_for_export(g, node_reserved=_GEXF_NODE_RESERVED, edge_reserved=_GEXF_EDGE_RESERVED)
    for *_, data in flat.edges(data=True):
        if "weight" in data and isinstance(data["weight"], bool | str):
            data["weight_"] = data.pop("weight")
    if flat.is_multigraph():
        # The writer uses an "id" attribute as the edge id and otherwise numbers edges.
        for _u, _v, key, data in flat.edges(keys=True, data=True):
            data["id"] = key
    try:
        nx.write_gexf(flat, target, encoding="utf-8")
    except OSError as error:
        raise ConfigurationError(f"{target}: cannot write GEXF ({error.strerror or error})") from None
    return target
