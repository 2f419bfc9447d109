"""Analysis of the entity graph with networkx: functions that take a graph and return plain data.

Every function takes the ``networkx.MultiDiGraph`` of ``graph.networkx_view.entity_graph``
(or a hand-built graph of the same shape) and returns lists and dicts of strings and
numbers, sorted deterministically, so results can be printed, compared in tests and
serialised to JSON. One family of questions per module:

``views``        people x organisations, the control view, the graph as of a date
``centrality``   PageRank / degree / betweenness rankings
``control``      control chains and ultimate controllers (cycles collapsed)
``careers``      careers, moves, the revolving door
``timeline``     dated events in order
``communities``  Louvain / greedy modularity communities
``ego``          one entity's neighbourhood
"""

from graph.analysis.careers import careers, moves, revolving_door
from graph.analysis.centrality import centrality
from graph.analysis.communities import communities, community_of, undirected_projection
from graph.analysis.control import control_chains, ultimate_controllers
from graph.analysis.ego import EgoNetwork, ego_network
from graph.analysis.timeline import resolve_entity, timeline
from graph.analysis.views import as_of, control_graph, person_org_bipartite

__all__ = [
    "EgoNetwork",
    "as_of",
    "careers",
    "centrality",
    "communities",
    "community_of",
    "control_chains",
    "control_graph",
    "ego_network",
    "moves",
    "person_org_bipartite",
    "resolve_entity",
    "revolving_door",
    "timeline",
    "ultimate_controllers",
    "undirected_projection",
]
