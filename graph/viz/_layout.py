"""Node positions computed once in Python, so the page draws at once with physics off.

networkx's spring layout is fine up to a few hundred nodes (its dense Fruchterman-Reingold),
but above 500 nodes it switches to an optimiser that took 4 s at 1,000 nodes and 50 s at
5,000 (docs/graph-page.md). Above ``SPRING_LIMIT`` we run our own vectorised
Fruchterman-Reingold whose far repulsion comes from a coarse grid's centroids. Both are
seeded, so a page is reproducible.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

__all__ = ["SPRING_LIMIT", "layout"]

#: Up to this many nodes, Kamada-Kawai (from a seeded spring start): even edge lengths, O(n^2).
KAMADA_KAWAI_LIMIT = 60
#: Up to this many nodes, networkx's own seeded spring layout.
SPRING_LIMIT = 400
#: Pixels per ideal edge length on the page.
_SPACING = 200.0


def layout(g: nx.Graph, *, seed: int = 42) -> dict:
    """``{node: (x, y)}`` in page pixels, centred on the origin, about ``_SPACING`` between neighbours.

    Each connected component is laid out on its own and the components are packed in
    rows, largest first, so small clusters sit beside the big one instead of being flung
    to a ring around it by the repulsion.
    """
    n = g.number_of_nodes()
    if n == 0:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from((node, {"label": data.get("label")}) for node, data in g.nodes(data=True))
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(map(str, c))))
    pieces = []
    for number, members in enumerate(components):
        ordered = [node for node in simple if node in members]
        part = simple.subgraph(ordered)
        pieces.append((ordered, _component(part, seed=seed + number)))
    return _pack(pieces)


def _component(g: nx.Graph, *, seed: int) -> np.ndarray:
    """Coordinates of one connected component in pixels, centred, its typical edge ``_SPACING`` long."""
    n = g.number_of_nodes()
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-_SPACING / 2, 0.0], [_SPACING / 2, 0.0]])
    if n <= KAMADA_KAWAI_LIMIT:
        start = nx.spring_layout(g, seed=seed, method="force", iterations=100)
        raw = nx.kamada_kawai_layout(g, pos=start)
        coords = np.array([raw[node] for node in g], dtype=float)
    elif n <= SPRING_LIMIT:
        raw = nx.spring_layout(g, seed=seed, method="force", iterations=100)
        coords = np.array([raw[node] for node in g], dtype=float)
    else:
        coords = _cutoff_spring(g, seed=seed)
    coords -= coords.mean(axis=0)
    coords *= _scale(g, coords)
    return _declutter(coords, _label_widths(g)) if n <= SPRING_LIMIT else coords


#: Room a node and its label need at zoom 1: height, and width per label character (16 px font).
_LABEL_HEIGHT = 90.0
_CHAR_WIDTH = 8.5


def _label_widths(g: nx.Graph) -> np.ndarray:
    return np.array([max(60.0, _CHAR_WIDTH * len(str(g.nodes[n].get("label") or n)) + 16) for n in g])


def _declutter(coords: np.ndarray, widths: np.ndarray, *, rounds: int = 60) -> np.ndarray:
    """Push apart nodes whose labels would overlap, keeping the layout's shape.

    Force layouts place a node linked to two hubs on the line between them, often on top
    of a neighbour; this moves each overlapping pair apart, half each. Labels are wide and
    short, so two nodes side by side need half their labels' widths, stacked ones a line.
    """
    coords = coords.copy()
    reach = (widths[:, None] + widths[None, :]) / 2 + 24
    for _ in range(rounds):
        dx = coords[:, None, 0] - coords[None, :, 0]
        dy = coords[:, None, 1] - coords[None, :, 1]
        sx, sy = dx / reach, dy / _LABEL_HEIGHT
        dist = np.sqrt(sx * sx + sy * sy)
        np.fill_diagonal(dist, np.inf)
        overlap = np.clip(1.0 - dist, 0.0, None)
        if not overlap.any():
            break
        stuck = dist <= 1e-9  # exactly on top of each other: part them sideways, deterministically
        safe = np.where(stuck, 1.0, dist)
        ux = np.where(
            stuck, np.sign(np.arange(len(coords))[:, None] - np.arange(len(coords))[None, :]), sx / safe
        )
        uy = np.where(stuck, 0.0, sy / safe)
        push = overlap / 2
        coords[:, 0] += (ux * push * reach).sum(axis=1)
        coords[:, 1] += (uy * push * _LABEL_HEIGHT).sum(axis=1)
    return coords


def _pack(pieces: list[tuple[list, np.ndarray]]) -> dict:
    """Shelf-pack the components (largest first) into rows about as wide as the total is tall."""
    gap = _SPACING
    sizes = [
        np.ptp(coords, axis=0) + gap if len(coords) > 1 else np.array([gap, gap]) for _, coords in pieces
    ]
    area = sum(float(w * h) for w, h in sizes)
    row_width = max(float(sizes[0][0]), math.sqrt(area) * 1.3)
    positions: dict = {}
    x = y = row_height = 0.0
    for (nodes, coords), (width, height) in zip(pieces, sizes, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        low = coords.min(axis=0) if len(coords) > 1 else coords[0] - gap / 2
        shifted = coords - low + np.array([x, y]) + gap / 2
        for node, (px, py) in zip(nodes, shifted, strict=True):
            positions[node] = (float(px), float(py))
        x += width
        row_height = max(row_height, float(height))
    centre = np.mean(np.array(list(positions.values())), axis=0)
    return {
        node: (round(px - float(centre[0]), 1), round(py - float(centre[1]), 1))
        for node, (px, py) in positions.items()
    }


def _scale(g: nx.Graph, coords: np.ndarray) -> float:
    """Stretch so the typical edge (or, with no edges, the typical gap) is ``_SPACING`` pixels."""
    index = {node: i for i, node in enumerate(g)}
    if g.number_of_edges():
        pairs = np.array([(index[u], index[v]) for u, v in g.edges()])
        lengths = np.linalg.norm(coords[pairs[:, 0]] - coords[pairs[:, 1]], axis=1)
    else:
        span = np.ptp(coords, axis=0).max()
        lengths = np.array([span / math.sqrt(len(coords))])
    typical = float(np.median(lengths))
    return _SPACING / typical if typical > 1e-9 else _SPACING


def _cutoff_spring(g: nx.Graph, *, seed: int, iterations: int = 60) -> np.ndarray:
    """Fruchterman-Reingold (ideal length 1) with far repulsion from the centroids of a coarse grid.

    Each node is pushed exactly by nodes nearer than ``1.5`` (found with a k-d tree) and, in
    bulk, by the mass of every cell of a 12 x 12 grid, so a step costs about ``144 n``
    instead of ``n**2``. Weak gravity keeps separate components from drifting apart.
    """
    n = g.number_of_nodes()
    index = {node: i for i, node in enumerate(g)}
    edges = np.array([(index[u], index[v]) for u, v in g.edges()], dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    radius = math.sqrt(n)
    pos = rng.uniform(-radius, radius, size=(n, 2))
    temperature = radius / 4
    cooling = (0.02 / temperature) ** (1 / iterations)
    cells = 12
    for _ in range(iterations):
        disp = _grid_repulsion(pos, cells)
        pairs = cKDTree(pos).query_pairs(1.5, output_type="ndarray")
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            dist2 = np.maximum(np.einsum("ij,ij->i", delta, delta), 1e-4)
            push = delta / dist2[:, None]
            disp += _gather(pairs[:, 0], push, n) - _gather(pairs[:, 1], push, n)
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            pull = delta * np.sqrt(np.einsum("ij,ij->i", delta, delta))[:, None]
            disp += _gather(edges[:, 1], pull, n) - _gather(edges[:, 0], pull, n)
        disp -= pos * (1.0 / radius)
        length = np.maximum(np.sqrt(np.einsum("ij,ij->i", disp, disp)), 1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature *= cooling
    return pos


def _grid_repulsion(pos: np.ndarray, cells: int) -> np.ndarray:
    """Repulsion ``mass / distance`` from each grid cell's centroid, distance at least one cell wide."""
    low = pos.min(axis=0)
    size = max(float(np.ptp(pos, axis=0).max()) / cells, 1e-6)
    cell = np.minimum(((pos - low) / size).astype(np.int64), cells - 1)
    flat = cell[:, 0] * cells + cell[:, 1]
    mass = np.bincount(flat, minlength=cells * cells).astype(float)
    occupied = mass > 0
    mass = mass[occupied]
    centroid = _gather(flat, pos, cells * cells)[occupied] / mass[:, None]
    dx = pos[:, 0:1] - centroid[None, :, 0]
    dy = pos[:, 1:2] - centroid[None, :, 1]
    weight = mass[None, :] / np.maximum(dx * dx + dy * dy, size * size)
    return np.stack([(dx * weight).sum(axis=1), (dy * weight).sum(axis=1)], axis=1)


def _gather(index: np.ndarray, vectors: np.ndarray, n: int) -> np.ndarray:
    """Sum ``vectors`` per node index (``np.add.at`` is ten times slower)."""
    return np.stack(
        [
            np.bincount(index, weights=vectors[:, 0], minlength=n),
            np.bincount(index, weights=vectors[:, 1], minlength=n),
        ],
        axis=1,
    )
