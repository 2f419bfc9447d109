"""aigov-kg: a knowledge graph of AI-industry governance events.

``KnowledgeGraph`` is the front door for Python users; ``aigov`` (``aigov.cli``) for the shell.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("aigov-kg")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

from aigov.knowledge_graph import AddReport, Extraction, KnowledgeGraph

__all__ = ["AddReport", "Extraction", "KnowledgeGraph", "__version__"]
