"""Write the offline graph page: pyvis builds the vis-network data, our template renders it.

pyvis's own template links Bootstrap from a CDN and shows tooltips as HTML strings, so we
render its nodes and edges through our own template (``page.html``) with vis-network
inlined from the pyvis package: the page makes no network request, and every text the
graph carries reaches the DOM only through ``textContent`` (``page.js``).
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from graph.viz._layout import layout
from graph.viz._scope import keyed_edges
from graph.viz._style import TYPE_STYLES, family_style, type_style
from ontology.errors import ConfigurationError, QueryError
from ontology.predicates import FAMILIES, PREDICATES

__all__ = ["DEFAULT_MAX_NODES", "PageInfo", "PageTooLarge", "write_page"]

#: Where a page stops being ready within a few seconds in headless Chromium (docs/graph-page.md).
DEFAULT_MAX_NODES = 5000
_VIS = "lib/vis-9.1.2"
#: Literal-valued predicates (``foundedIn``): entity_graph keeps them as node attributes.
_LITERALS = {name: spec for name, spec in PREDICATES.items() if spec.literal}


class PageTooLarge(QueryError):
    """The graph has more nodes than a browser can show responsively; narrow the scope instead."""

    def __init__(self, nodes: int, limit: int) -> None:
        self.nodes = nodes
        self.limit = limit
        super().__init__(
            f"{nodes} nodes exceed the page limit {limit}; narrow it with --focus NAME --depth 1 "
            "or --since/--only"
        )


@dataclass(frozen=True, slots=True)
class PageInfo:
    """What was written: the drawn node and edge counts, the file and its size in bytes."""

    nodes: int
    edges: int
    path: Path
    bytes: int


def _label(node, data: dict) -> str:
    label = data.get("label")
    if label:
        return str(label)
    text = str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return text.replace("-", " ") or str(node)


def _aliases(data: dict, label: str) -> list[str]:
    aliases = data.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    return [str(a) for a in aliases if str(a) and str(a) != label]


def _text(value) -> str | None:
    return None if value is None or value == "" else str(value)


def _evidence(items) -> list[dict]:
    out = []
    for item in items or []:
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict):
            continue
        out.append({key: _text(item.get(key)) for key in ("text", "article", "title", "published", "url")})
    return out


def _confidence(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return round(number, 3) if math.isfinite(number) else None


class _NodeIds(list):
    """pyvis 0.3.2 keeps node ids in a list and scans it on every ``add_node`` and ``add_edge``
    (quadratic: 1.3 s of a 5,000-node page); the same list with set lookups."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set = set()

    def append(self, item) -> None:
        super().append(item)
        self._members.add(item)

    def __contains__(self, item) -> bool:
        return item in self._members


def _network(g: nx.MultiDiGraph, positions: dict) -> tuple[Network, dict]:
    """A pyvis Network of ``g`` (nodes numbered, not keyed by IRI) and the legend counts."""
    net = Network(directed=True, cdn_resources="in_line")
    net.node_ids = _NodeIds()
    ids = {node: i for i, node in enumerate(g)}
    type_counts: Counter[str] = Counter()
    degrees = dict(g.degree())
    for node, data in g.nodes(data=True):
        label = _label(node, data)
        kind, (_, _, _, shape, _) = type_style(data.get("type"))
        type_counts[kind] += 1
        x, y = positions[node]
        # Colour and dashes come from the type's vis-network group: per-node style objects
        # cost a quarter of the page's start-up at 5,000 nodes.
        net.add_node(
            ids[node],
            label=label,
            shape=shape,
            group=kind,
            size=round(10 + 5 * math.sqrt(degrees[node]), 1),
            x=x,
            y=y,
            kind=kind,
            iri=str(node),
            aliases=_aliases(data, label),
            wikidata=_text(data.get("wikidata")),
            sources=data.get("sources") if isinstance(data.get("sources"), int) else None,
            degree=degrees[node],
            values=[[spec.label, str(data[name])] for name, spec in _LITERALS.items() if data.get(name)],
        )
    family_counts: Counter[str] = Counter()
    seen: Counter[frozenset] = Counter()
    for u, v, key, data in keyed_edges(g):
        predicate = data.get("predicate")
        family, (_, colour) = family_style(
            data.get("family") or (PREDICATES[predicate].family if predicate in PREDICATES else None)
        )
        family_counts[family] += 1
        label = data.get("label") or (PREDICATES[predicate].label if predicate in PREDICATES else predicate)
        pair = frozenset((u, v))
        rank = seen[pair]
        seen[pair] += 1
        curve = {}
        if rank:  # a second edge between the same two entities bends away from the first
            curve["smooth"] = {
                "enabled": True,
                "type": "curvedCCW" if rank % 2 else "curvedCW",
                "roundness": 0.3 * (1 + rank // 2),
            }
        net.add_edge(
            ids[u],
            ids[v],
            id=len(net.edges),
            label=_text(label) or "",
            color=colour,
            family=family,
            fact=str(key),
            predicate=_text(predicate),
            date=_text(data.get("date")),
            role=_text(data.get("role")),
            amount=_text(data.get("amount")),
            percent=_text(data.get("percent")),
            confidence=_confidence(data.get("confidence")),
            evidence=_evidence(data.get("evidence")),
            status=_text(data.get("status")) or "asserted",
            **({"dashes": [6, 4]} if data.get("status") == "claimed" else {}),
            **curve,
        )
        del net.edges[-1]["arrows"]  # one global option instead of 7,500 copies
    groups = {}
    for kind in type_counts:
        _, fill, border, shape, dashed = type_style(kind)[1]
        colours = {"background": fill, "border": border}
        groups[kind] = {
            "shape": shape,
            "color": {**colours, "highlight": colours, "hover": colours},
            "shapeProperties": {"borderDashes": [4, 3] if dashed else False},
        }
    legend = {
        "groups": groups,
        "types": [
            {
                "id": kind,
                "label": style[0],
                "color": style[1],
                "border": style[2],
                "shape": style[3],
                "dashed": style[4],
                "count": type_counts.get(kind, 0),
            }
            for kind, style in [
                *TYPE_STYLES.items(),
                *([(k, type_style(k)[1]) for k in type_counts if k not in TYPE_STYLES]),
            ]
        ],
        "claims": sum(1 for e in net.edges if e.get("status") == "claimed"),
        "families": [
            {
                "id": fam,
                "label": family_style(fam)[1][0],
                "color": family_style(fam)[1][1],
                "count": family_counts.get(fam, 0),
            }
            for fam in [*FAMILIES, *(f for f in family_counts if f not in FAMILIES)]
        ],
    }
    return net, legend


def _package_text(name: str) -> str:
    return resources.files("graph.viz").joinpath(name).read_text(encoding="utf-8")


def _vis_asset(net: Network, name: str) -> Markup:
    text = Path(net.template_dir, _VIS, name).read_text(encoding="utf-8")
    # The source-map comment would send devtools looking for a file the page does not ship.
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)
    if "</script" in text.lower() or "</style" in text.lower():
        raise ConfigurationError(f"{name}: the vis-network asset cannot be inlined safely")
    return Markup(text)


def _render(net: Network, legend: dict, title: str, node_count: int) -> str:
    """Render through pyvis's ``generate_html`` with our template in place of its own."""
    env = Environment(
        loader=FileSystemLoader(str(resources.files("graph.viz"))),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False, "separators": (",", ":")}
    settings = {
        "title": title,
        "legend": legend,
        "big": node_count > 1000,
    }
    globals_ = {
        "page_title": title,
        "settings": settings,
        "vis_js": _vis_asset(net, "vis-network.min.js"),
        "vis_css": _vis_asset(net, "vis-network.css"),
        "page_js": Markup(_package_text("page.js")),
        "page_css": Markup(_package_text("page.css")),
    }
    net.templateEnv = env
    net.path = "page.html"
    env.globals.update(globals_)
    return net.generate_html(name="page.html")


def write_page(
    g: nx.MultiDiGraph,
    path: str | os.PathLike,
    *,
    title: str = "aigov-kg",
    max_nodes: int = DEFAULT_MAX_NODES,
    seed: int = 42,
) -> PageInfo:
    """Write ``g`` as one self-contained HTML page and say what it holds.

    Raises :class:`PageTooLarge` above ``max_nodes`` (a page that freezes the browser helps
    no one) and :class:`ConfigurationError` when the file cannot be written.
    """
    count = g.number_of_nodes()
    if count > max_nodes:
        raise PageTooLarge(count, max_nodes)
    target = Path(path)
    if target.is_dir():
        raise ConfigurationError(f"{target}: is a folder; give the page a file name such as graph.html")
    positions = layout(g, seed=seed)
    net, legend = _network(g, positions)
    html = _render(net, legend, str(title), count)
    data = html.encode("utf-8")
    try:
        _write_atomically(target, data)
    except OSError as error:
        raise ConfigurationError(f"{target}: cannot write the page ({error.strerror or error})") from None
    return PageInfo(nodes=len(net.nodes), edges=len(net.edges), path=target, bytes=len(data))


def _write_atomically(target: Path, data: bytes) -> None:
    """Write beside the target and rename, so a reader never opens half a page."""
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=".aigov-page-", suffix=".html", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def embedded_data(html: str) -> dict:
    """The page's embedded graph data (what tests and tools read back), parsed from its JSON block."""
    start_tag = '<script type="application/json" id="aigov-data">'
    start = html.index(start_tag) + len(start_tag)
    end = html.index("</script>", start)
    return json.loads(html[start:end])
