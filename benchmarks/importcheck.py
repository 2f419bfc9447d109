"""What the query path imports: ``-X importtime`` output parsed into who pulled in what.

``aigov query`` must never import spaCy (DESIGN.md); when a heavy module does get imported,
the chain of importers says where to cut it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["HEAVY", "ImportLine", "chain", "parse_importtime", "top_level_costs"]

#: Modules that have no business on the query path (or cost a lot if they are on it).
HEAVY = ("spacy", "thinc", "torch", "extract", "pyshacl", "pyvis", "trafilatura", "scipy", "pandas",
         "networkx", "playwright", "numpy")
_LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|( *)(\S+)\s*$")


@dataclass(frozen=True, slots=True)
class ImportLine:
    self_us: int
    cumulative_us: int
    depth: int
    module: str


def parse_importtime(stderr: str) -> list[ImportLine]:
    """The ``import time:`` lines in order (children come before their parent)."""
    out = []
    for line in stderr.splitlines():
        m = _LINE.match(line)
        if m:
            out.append(ImportLine(int(m.group(1)), int(m.group(2)), (len(m.group(3)) - 1) // 2, m.group(4)))
    return out


def chain(lines: list[ImportLine], module: str) -> list[str]:
    """The importers of the first import of ``module``, outermost first (``aigov.cli -> ... -> module``)."""
    for i, line in enumerate(lines):
        if line.module == module or line.module.startswith(module + "."):
            path = [line.module]
            depth = line.depth
            for later in lines[i + 1:]:
                if later.depth < depth:
                    path.append(later.module)
                    depth = later.depth
                    if depth == 0:
                        break
            return list(reversed(path))
    return []


def top_level_costs(lines: list[ImportLine], limit: int = 8) -> list[tuple[str, float]]:
    """The most expensive imports (ms, cumulative) among the whole tree's top-level packages."""
    costs: dict[str, int] = {}
    for line in lines:
        root = line.module.split(".")[0]
        if line.depth == 0 or "." not in line.module:
            costs[root] = max(costs.get(root, 0), line.cumulative_us)
    return [(name, us / 1000) for name, us in sorted(costs.items(), key=lambda kv: -kv[1])[:limit]]
