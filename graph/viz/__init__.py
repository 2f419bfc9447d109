"""The interactive graph page: an offline, self-contained pyvis/vis-network HTML file.

``scope_graph`` narrows an entity graph (``graph.networkx_view.entity_graph``) to what a
reader asked for; ``write_page`` draws it, refusing graphs too large for a browser to
show responsively. See docs/graph-page.md for what the page shows and why the limit is
where it is.
"""

from graph.viz._page import DEFAULT_MAX_NODES, PageInfo, PageTooLarge, embedded_data, write_page
from graph.viz._scope import find_focus, scope_graph

__all__ = [
    "DEFAULT_MAX_NODES",
    "PageInfo",
    "PageTooLarge",
    "embedded_data",
    "find_focus",
    "scope_graph",
    "write_page",
]
